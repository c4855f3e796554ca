/**
 * One connection of a capture as the game pictures it: the ladder with each side's states, the state
 * diagram, and the judge's verdict on the step shown with its explanation (the capture notes that
 * excused it, or the refusal and why), stepped forward and back with buttons or the keyboard.
 * Numbers relative (x, y) or absolute, following the game's own toggle.
 */
import { errorText, noteText } from '../../../shared/i18n';
import type { Side } from '../../../shared/tcp/types';
import type { ReplayArrival, ReplayResult } from '../../../shared/trace/replay';
import type { Trace } from '../../../shared/trace/trace-format';
import { arrivalTexts, noteParams, verdictLine, type NumberText } from '../../../shared/trace/verdict-text';
import type { NumberModeStore } from '../app/number-mode';
import type { LangStore } from '../i18n/lang';
import { el, replaceChildren, setText } from '../ui/dom';
import { segmentLabel } from '../view/format';
import { stateAt, type LadderModel } from '../view/ladder-model';
import { numText, type Numbering } from '../view/numbering';
import { diagramSvg } from './diagram-svg';
import { ladderSvg } from './ladder-svg';
import { changesAt, replayLadder, traceIsns } from './replay-ladder';

/** How a step's verdict is marked: refused, not judged, accepted with a note (or lost), accepted. */
function stepKind(r: ReplayResult, i: number): 'refused' | 'skipped' | 'noted' | 'accepted' {
  const st = r.steps[i]!;
  if (st.verdict === 'refused' || st.verdict === 'skipped') return st.verdict;
  return st.notes.length || r.lost.has(i) ? 'noted' : 'accepted';
}

export interface OpenConnection {
  stream: number;
  trace: Trace;
  result: ReplayResult;
  /** Endpoints, null for a JSON trace. */
  client: string | null;
  server: string | null;
}

export class ConnectionView {
  readonly root: HTMLElement;
  private readonly title: HTMLElement;
  private readonly controls: HTMLElement;
  private readonly ladder: HTMLElement;
  private readonly verdict: HTMLElement;
  private readonly diagram: HTMLElement;
  private readonly keys: HTMLElement;
  private readonly numbers: HTMLInputElement;
  private readonly numbersLabel: HTMLElement;
  private readonly ladderTitle: HTMLElement;
  private readonly diagramTitle: HTMLElement;
  private readonly back: HTMLButtonElement;
  private open: OpenConnection | null = null;
  private model: LadderModel | null = null;
  /** The position shown: a step's index, or the steps' count for the end. */
  private pos = 0;

  constructor(
    private readonly lang: LangStore,
    private readonly numberMode: NumberModeStore,
    onBack: () => void,
  ) {
    this.title = el('h2', { attrs: { 'data-testid': 'cap-title', tabindex: '-1' } });
    this.back = el('button', {
      attrs: { type: 'button', 'data-testid': 'cap-back' },
      on: { click: onBack },
    });
    this.numbers = el('input', {
      attrs: { type: 'checkbox', 'data-testid': 'cap-numbers' },
      on: { change: () => this.numberMode.set(this.numbers.checked ? 'relative' : 'absolute') },
    });
    this.numbersLabel = el('span');
    this.controls = el('div', { class: 'cap-controls' });
    this.keys = el('p', { class: 'muted cap-keys' });
    this.ladderTitle = el('h3');
    this.diagramTitle = el('h3');
    this.ladder = el('div', { class: 'cap-ladder', attrs: { 'data-testid': 'cap-ladder' } });
    this.verdict = el('div', {
      class: 'cap-verdict',
      attrs: { 'data-testid': 'cap-verdict', 'aria-live': 'polite' },
    });
    this.diagram = el('div', { class: 'cap-diagram', attrs: { 'data-testid': 'cap-diagram' } });
    this.root = el(
      'section',
      { class: 'card cap-connection', attrs: { 'data-testid': 'cap-connection' } },
      el(
        'header',
        { class: 'cap-connection-head' },
        this.back,
        this.title,
        el('label', { class: 'cap-numbers' }, this.numbers, this.numbersLabel),
      ),
      this.controls,
      this.keys,
      el(
        'div',
        { class: 'cap-board' },
        el('div', { class: 'cap-board-ladder' }, this.ladderTitle, this.ladder),
        el('div', { class: 'cap-board-side' }, this.verdict, this.diagramTitle, this.diagram),
      ),
    );
    numberMode.onChange(() => this.render());
  }

  /** Shows a connection from its first step. */
  show(c: OpenConnection): void {
    this.open = c;
    this.model = replayLadder(c.trace, c.result);
    this.pos = 0;
    this.render();
    this.title.focus();
  }

  private get last(): number {
    return this.open ? this.open.result.steps.length : 0;
  }

  /** Moves to a position (clamped); true when it moved. */
  go(pos: number): boolean {
    const p = Math.min(Math.max(0, pos), this.last);
    if (p === this.pos || !this.open) return false;
    this.pos = p;
    this.render();
    return true;
  }

  /** The keyboard's steps: arrows one step, Home and End to either end. */
  key(ev: KeyboardEvent): boolean {
    const to: Record<string, number> = {
      ArrowRight: this.pos + 1,
      ArrowDown: this.pos + 1,
      ArrowLeft: this.pos - 1,
      ArrowUp: this.pos - 1,
      Home: 0,
      End: this.last,
    };
    const target = to[ev.key];
    if (target === undefined) return false;
    this.go(target);
    return true;
  }

  private numbering(): Numbering {
    return {
      mode: this.numberMode.mode,
      isn: this.open ? traceIsns(this.open.trace) : { client: null, server: null },
    };
  }

  private side(s: Side): string {
    return this.lang.t(s === 'client' ? 'roleClient' : 'roleServer');
  }

  render(): void {
    const t = this.lang.t.bind(this.lang);
    setText(this.back, t('replayPageBack'));
    setText(this.numbersLabel, t('numbersLabel'));
    // the keys' own names, as printed on them, in <kbd>
    const keys: Record<string, string> = { prev: '←', next: '→', first: 'Home', last: 'End', back: 'Esc' };
    replaceChildren(
      this.keys,
      ...t('replayPageKeys')
        .split(/\{(\w+)\}/)
        .map((part, i) => (i % 2 ? el('kbd', {}, keys[part] ?? part) : part)),
    );
    setText(this.ladderTitle, t('replayPageLadder'));
    setText(this.diagramTitle, t('replayPageDiagram'));
    this.numbers.checked = this.numberMode.mode === 'relative';
    const c = this.open;
    const m = this.model;
    if (!c || !m) return;
    setText(
      this.title,
      c.client && c.server
        ? t('replayPageConnection', { stream: c.stream, client: c.client, server: c.server })
        : t('replayPageConnectionTrace', { stream: c.stream, name: c.trace.name }),
    );
    this.renderControls();
    const num = this.numbering();
    const r = c.result;
    const svg = ladderSvg(
      m,
      c.trace,
      this.pos,
      num,
      {
        client: `${this.side('client')}${c.client ? ` ${c.client}` : ''}`,
        server: `${this.side('server')}${c.server ? ` ${c.server}` : ''}`,
        lost: t('replayPageLostMark'),
        retransmission: t('replayPageRetransMark'),
        verdictOf: (i) => stepKind(r, i),
      },
      (step) => this.go(step),
    );
    svg.setAttribute('aria-label', t('replayPageLadder'));
    replaceChildren(this.ladder, svg);
    svg.querySelector('.current')?.scrollIntoView?.({ block: 'nearest' });
    this.renderVerdict(num);
    const at = this.pos + 1;
    const states = { client: stateAt(m, 'client', at, this.pos), server: stateAt(m, 'server', at, this.pos) };
    const diagram = diagramSvg(states, changesAt(m, this.pos), this.lang.lang, {
      client: this.side('client'),
      server: this.side('server'),
    });
    diagram.setAttribute('aria-label', t('replayPageDiagram'));
    replaceChildren(this.diagram, diagram);
  }

  private renderControls(): void {
    const t = this.lang.t.bind(this.lang);
    const button = (
      key: 'replayPageFirst' | 'replayPagePrev' | 'replayPageNext' | 'replayPageLast',
      to: number,
      id: string,
    ) => {
      const b = el('button', { attrs: { type: 'button', 'data-testid': id } }, t(key));
      b.disabled = to === this.pos || to < 0 || to > this.last;
      b.addEventListener('click', () => this.go(to));
      return b;
    };
    replaceChildren(
      this.controls,
      button('replayPageFirst', 0, 'cap-first'),
      button('replayPagePrev', this.pos - 1, 'cap-prev'),
      button('replayPageNext', this.pos + 1, 'cap-next'),
      button('replayPageLast', this.last, 'cap-last'),
      el(
        'span',
        { class: 'cap-step', attrs: { 'data-testid': 'cap-step' } },
        t('replayPageStepOf', { n: this.pos + 1, total: this.last + 1 }),
      ),
    );
  }

  /** The verdict on the step shown, why, what arrived just before, and both states after. */
  private renderVerdict(num: Numbering): void {
    const c = this.open!;
    const r = c.result;
    const t = this.lang.t.bind(this.lang);
    const lang = this.lang.lang;
    const text: NumberText = (n, owner) => numText(num, n, owner);
    const arrivals = (list: readonly ReplayArrival[]) =>
      list
        .filter((a) => a.notes.length > 0)
        .map((a) =>
          el(
            'li',
            { class: `side-${a.to}` },
            t('replayPageArrival', {
              index: a.index,
              to: lang === 'en' ? this.side(a.to).toLowerCase() : this.side(a.to),
              text: arrivalTexts(lang, a, r, text).join(' '),
            }),
          ),
        );
    const st = r.steps[this.pos];
    const list = arrivals(st ? st.arrivalsBefore : r.finalArrivals);
    const head = [
      el('h3', {}, t('replayPageVerdictTitle')),
      list.length ? el('ul', { class: 'cap-arrivals' }, ...list) : null,
    ];
    if (!st) {
      replaceChildren(
        this.verdict,
        ...head,
        el(
          'p',
          { class: 'cap-states', attrs: { 'data-testid': 'cap-final' } },
          t('replayPageFinal', { client: r.clientFinal, server: r.serverFinal }),
        ),
      );
      this.verdict.dataset['verdict'] = 'end';
      return;
    }
    const seg = c.trace.segments[st.index]!;
    const peer: Side = st.from === 'client' ? 'server' : 'client';
    const kind = stepKind(r, st.index);
    const explains: string[] = st.error
      ? [t('replayPageWhy', { text: errorText(lang, st.error).explain })]
      : st.notes.map(
          (n) => noteText(lang, n.code, noteParams(st.segment, st.from, { ref: n.ref }, text)).explain,
        );
    replaceChildren(
      this.verdict,
      ...head,
      el(
        'p',
        { class: `cap-segment side-${st.from}`, attrs: { 'data-testid': 'cap-segment' } },
        t('replayPageSegment', {
          index: st.index,
          from: this.side(st.from),
          to: this.side(peer),
          segment: segmentLabel({ ...seg, win: seg.win ?? 0 }, st.from, num),
        }),
        seg.t === undefined
          ? null
          : el('span', { class: 'muted' }, ` · ${t('replayPageAt', { t: `${seg.t.toFixed(6)} s` })}`),
      ),
      el(
        'p',
        { class: `cap-verdict-line v-${kind}`, attrs: { 'data-testid': 'cap-verdict-line' } },
        verdictLine(lang, r, st, text),
      ),
      ...explains.map((e) => el('p', { class: 'cap-explain' }, e)),
      el(
        'p',
        { class: 'cap-states' },
        t('replayPageStates', { client: st.clientState, server: st.serverState }),
      ),
    );
    this.verdict.dataset['verdict'] = kind;
  }
}
