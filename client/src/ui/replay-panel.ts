/**
 * The round summary's step-by-step replay: first / previous / next / last buttons (and the arrow,
 * Home and End keys), which step of how many, and the step itself: what happened in the log's
 * words with its explanation, each change of state with the transition it took ("rcv SYN / snd
 * SYN,ACK"), and both sides' states after it.
 */
import type { LangStore } from '../i18n/lang';
import { rowText } from '../view/edge-labels';
import type { ReplayStep } from '../view/replay-steps';
import { el, replaceChildren, setText } from './dom';

export class ReplayPanel {
  readonly root: HTMLElement;
  private readonly counter: HTMLElement;
  private readonly body: HTMLElement;
  private readonly buttons: Record<'first' | 'prev' | 'next' | 'last', HTMLButtonElement>;
  private at = 0;

  constructor(
    private readonly lang: LangStore,
    private steps: readonly ReplayStep[],
    private readonly onStep: (i: number) => void,
    extra: HTMLElement | null = null,
  ) {
    const t = lang.t.bind(lang);
    const button = (which: 'first' | 'prev' | 'next' | 'last', label: string, go: () => number) => {
      const b = el(
        'button',
        { class: `replay-${which}`, attrs: { type: 'button', 'data-testid': `replay-${which}` } },
        label,
      );
      b.addEventListener('click', () => this.go(go()));
      return b;
    };
    this.buttons = {
      first: button('first', `« ${t('replayFirst')}`, () => 0),
      prev: button('prev', `◀ ${t('replayPrev')}`, () => this.at - 1),
      next: button('next', `${t('replayNext')} ▶`, () => this.at + 1),
      last: button('last', `${t('replayLast')} »`, () => this.steps.length - 1),
    };
    this.counter = el('p', { class: 'replay-counter', attrs: { 'data-testid': 'replay-counter' } });
    this.body = el('div', {
      class: 'replay-step',
      attrs: { 'aria-live': 'polite', 'data-testid': 'replay-step' },
    });
    this.root = el(
      'section',
      { class: 'replay', attrs: { 'aria-labelledby': 'replay-title', 'data-testid': 'replay' } },
      el('div', { class: 'replay-head' }, el('h2', { id: 'replay-title' }, t('replayTitle')), extra),
      el(
        'div',
        { class: 'replay-controls' },
        this.buttons.first,
        this.buttons.prev,
        this.counter,
        this.buttons.next,
        this.buttons.last,
      ),
      this.body,
      el('p', { class: 'replay-keys' }, t('replayKeys')),
    );
    this.at = steps.length - 1;
    this.render();
  }

  get step(): number {
    return this.at;
  }

  /** New steps (the numbering changed their words), keeping the step shown. */
  setSteps(steps: readonly ReplayStep[]): void {
    this.steps = steps;
    this.at = Math.min(this.at, steps.length - 1);
    this.render();
  }

  /** ←, →, Home and End step through the game; true when the key was used. */
  handleKey(ev: KeyboardEvent): boolean {
    const target = ev.target as HTMLElement | null;
    if (
      target &&
      /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) &&
      (target as HTMLInputElement).type !== 'checkbox'
    )
      return false;
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return false;
    const to: Record<string, number> = {
      ArrowLeft: this.at - 1,
      ArrowRight: this.at + 1,
      Home: 0,
      End: this.steps.length - 1,
    };
    if (!(ev.key in to)) return false;
    this.go(to[ev.key]!);
    return true;
  }

  go(i: number): void {
    const n = Math.max(0, Math.min(this.steps.length - 1, i));
    if (n === this.at) return;
    this.at = n;
    this.render();
    this.onStep(n);
  }

  private render(): void {
    const t = this.lang.t.bind(this.lang);
    const lang = this.lang.lang;
    const s = this.steps[this.at];
    const n = this.steps.length;
    setText(this.counter, t('replayStep', { i: this.at + 1, n }));
    this.root.dataset['step'] = String(this.at);
    this.buttons.first.disabled = this.buttons.prev.disabled = this.at === 0;
    this.buttons.next.disabled = this.buttons.last.disabled = this.at >= n - 1;
    if (!s) return replaceChildren(this.body);
    const role = (side: 'client' | 'server') => t(side === 'client' ? 'roleClient' : 'roleServer');
    const lines = s.index < 0 ? [el('p', { class: 'line' }, t('replayStart'))] : [];
    for (const l of s.lines) {
      lines.push(el('p', { class: `line tone-${l.tone}`, attrs: { 'data-tone': l.tone } }, l.text));
      if (l.explain) lines.push(el('p', { class: 'why' }, l.explain));
    }
    const changes = s.changes.map((c) =>
      el(
        'li',
        { attrs: { 'data-side': c.side } },
        t('replayChange', {
          role: role(c.side),
          from: c.from,
          to: c.to,
          edge: c.row ? rowText(c.row, lang) : '—',
        }),
      ),
    );
    replaceChildren(
      this.body,
      ...lines,
      changes.length ? el('ul', { class: 'replay-changes' }, ...changes) : null,
      el(
        'p',
        { class: 'replay-states', attrs: { 'data-testid': 'replay-states' } },
        t('replayStates', { client: s.states.client, server: s.states.server }),
      ),
    );
  }
}
