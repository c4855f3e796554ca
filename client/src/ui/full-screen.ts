/** The teacher's full-screen pages over the console (a pair's projector, the big screen, the slides). */
import { el, type Child } from './dom';

/** A modal dialog covering the page: its class and test id, the id of the heading that names it, its parts. */
export function fullScreenDialog(
  cls: string,
  labelledBy: string,
  testId: string,
  ...children: Child[]
): HTMLDivElement {
  return el(
    'div',
    {
      class: cls,
      attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': labelledBy, 'data-testid': testId },
    },
    ...children,
  );
}
