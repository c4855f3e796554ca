/**
 * The class's misconceptions as full-screen slides for the projector: one mistake per slide, the
 * most frequent first, with how often it was made and by how many students, and the textbook's
 * explanation of the rule (the refusal's own explanation). Arrow keys (or the buttons) step through
 * them, Escape leaves. Updated live from the dashboard's data; the slide shown stays on its mistake.
 */
import type { HostView, Misconception } from '../../../shared/class/class-types';
import { projectorText } from '../../../shared/i18n/projector-texts';
import type { JudgeErrorCode } from '../../../shared/tcp/codes';
import { fullScreenDialog } from '../ui/full-screen';
import { el, replaceChildren } from '../ui/dom';
import type { HostContext } from './host-context';
import { mistakeSlides, stepFor } from './slide-deck';

export class MistakeSlides {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private readonly foot: HTMLElement;
  private list: readonly Misconception[] = [];
  private index = 0;
  /** The mistake on screen, kept when the counts reorder the list. */
  private code: JudgeErrorCode | null = null;
  private readonly onKey = (ev: KeyboardEvent): void => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopImmediatePropagation();
      this.close();
      return;
    }
    const to = stepFor(ev.key, this.index, this.list.length);
    if (to === null) return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
    this.go(to);
  };

  constructor(
    private readonly c: HostContext,
    private readonly close: () => void,
  ) {
    this.body = el('div', { class: 'slide-body', attrs: { 'aria-live': 'polite' } });
    this.foot = el('footer', { class: 'slide-foot' });
    this.root = fullScreenDialog('mistake-slides', 'h-slide', 'slides', this.body, this.foot);
    // capture: the slides, on top, take the keys before anything under them
    window.addEventListener('keydown', this.onKey, true);
  }

  /** Stops listening to the keyboard; the owner removes the element. */
  dispose(): void {
    window.removeEventListener('keydown', this.onKey, true);
  }

  update(v: HostView): void {
    this.list = v.misconceptions;
    const kept = this.code === null ? -1 : this.list.findIndex((m) => m.code === this.code);
    this.index = kept >= 0 ? kept : Math.min(this.index, Math.max(0, this.list.length - 1));
    this.render();
  }

  /** Everything again, in the current language. */
  refresh(): void {
    this.render();
  }

  private go(i: number): void {
    this.index = i;
    this.render();
  }

  private render(): void {
    const lang = this.c.lang.lang;
    const p = (k: Parameters<typeof projectorText>[1], params?: Record<string, string | number>) =>
      projectorText(lang, k, params);
    const slides = mistakeSlides(this.list, lang);
    const s = slides[this.index];
    this.code = s?.code ?? null;
    const close = el('button', { attrs: { type: 'button', 'data-testid': 'slides-close' } }, p('close'));
    close.addEventListener('click', () => this.close());
    if (!s) {
      replaceChildren(
        this.body,
        el('h2', { id: 'h-slide', class: 'slide-kicker' }, p('misconceptions')),
        el('p', { class: 'slide-title', attrs: { 'data-testid': 'slide-empty' } }, p('noMistakes')),
      );
      replaceChildren(this.foot, close);
      return;
    }
    this.root.dataset['code'] = s.code;
    this.root.dataset['index'] = String(this.index);
    replaceChildren(
      this.body,
      el(
        'h2',
        { id: 'h-slide', class: 'slide-kicker', attrs: { 'data-testid': 'slide-number' } },
        p('slideTitle', { i: this.index + 1, n: slides.length }),
      ),
      el('p', { class: 'slide-title', attrs: { 'data-testid': 'slide-title' } }, s.title),
      el(
        'p',
        { class: 'slide-count', attrs: { 'data-testid': 'slide-count' } },
        this.c.t('misconceptionCount', { count: s.count, students: s.students }),
      ),
      el('h3', { class: 'slide-why' }, p('slideWhy')),
      el('p', { class: 'slide-explain', attrs: { 'data-testid': 'slide-explain' } }, s.explain),
    );
    const prev = el('button', { attrs: { type: 'button', 'data-testid': 'slide-prev' } }, p('slidePrev'));
    prev.disabled = this.index === 0;
    prev.addEventListener('click', () => this.go(this.index - 1));
    const next = el('button', { attrs: { type: 'button', 'data-testid': 'slide-next' } }, p('slideNext'));
    next.disabled = this.index >= slides.length - 1;
    next.addEventListener('click', () => this.go(this.index + 1));
    replaceChildren(this.foot, prev, next, el('span', { class: 'slide-keys' }, p('slideKeys')), close);
  }
}
