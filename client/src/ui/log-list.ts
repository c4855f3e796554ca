/**
 * The log as a list that screen readers follow: new lines are appended (aria-live="polite" reads
 * them out), old ones stay put. Each line's explanation folds out under "Why?".
 */
import type { LangStore } from '../i18n/lang';
import type { LogLine } from '../view/log-lines';
import { el } from './dom';

export class LogList {
  readonly root: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly shown = new Map<string, HTMLLIElement>();

  constructor(private readonly lang: LangStore) {
    this.list = el('ol', {
      class: 'log-list',
      attrs: { 'aria-live': 'polite', 'aria-relevant': 'additions', 'data-testid': 'log' },
    });
    this.root = el(
      'section',
      { class: 'log', attrs: { 'aria-labelledby': 'log-title' } },
      el('h2', { id: 'log-title' }, lang.t('logTitle')),
      this.list,
    );
  }

  update(lines: readonly LogLine[]): void {
    const keep = new Set(lines.map((l) => l.key));
    for (const [k, li] of this.shown) {
      if (!keep.has(k)) {
        li.remove();
        this.shown.delete(k);
      }
    }
    let added = false;
    for (const l of lines) {
      const known = this.shown.get(l.key);
      if (known) {
        // the same entry in other words (the numbers switched between relative and absolute)
        if (known.dataset['text'] !== `${l.text}|${l.explain ?? ''}`) known.replaceWith(this.item(l, known));
        continue;
      }
      const li = this.item(l);
      this.list.append(li);
      this.shown.set(l.key, li);
      added = true;
    }
    // the list scrolls inside itself: scrolling the page would pull a phone away from the board
    if (added) this.list.scrollTop = this.list.scrollHeight;
  }

  /** One line, with its explanation folded under "Why?" (kept open if the line it replaces was). */
  private item(l: LogLine, was?: HTMLLIElement): HTMLLIElement {
    const open = was?.querySelector('details')?.open ?? false;
    const li = el(
      'li',
      { class: `tone-${l.tone}`, attrs: { 'data-tone': l.tone } },
      el('span', { class: 'line' }, l.text),
      l.explain
        ? el(
            'details',
            {},
            el('summary', {}, this.lang.t('whyLabel')),
            el('p', { class: 'explain' }, l.explain),
          )
        : null,
    );
    li.dataset['text'] = `${l.text}|${l.explain ?? ''}`;
    const details = li.querySelector('details');
    if (details) details.open = open;
    if (was) this.shown.set(l.key, li);
    return li;
  }
}
