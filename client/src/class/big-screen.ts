/**
 * The class on the big screen: every pair of the round at a glance, for the projector in front of
 * the whole class. Per pair: both names, where it stands (playing, frozen, goal met...), the
 * scenario, both TCP states in large type and its progress as the textbook's ladder (the
 * handshake's and the teardown's segments: arrived, in flight, lost, to come), with a button that
 * opens the pair on the projector. Built from the dashboard's data (class:host), updated live.
 * Neutral wording: who and what, never "you". Texts in shared/i18n/projector-texts.ts.
 */
import type { HostView, PairProgress, SeatProgress } from '../../../shared/class/class-types';
import { projectorText, type ProjectorKey } from '../../../shared/i18n/projector-texts';
import type { Side } from '../../../shared/tcp/types';
import { fullScreenDialog } from '../ui/full-screen';
import { el, replaceChildren, setText } from '../ui/dom';
import { scenarioText } from '../ui/forms';
import { svgLine, svgRoot } from '../ui/svg';
import type { HostContext } from './host-context';
import { pairStatus, stageText, tally, textbookProgress, type TextbookProgress } from './textbook-progress';

export interface BigScreenHooks {
  close: () => void;
  /** Opens one pair in the projector view. */
  project: (pairId: string) => void;
  /** Opens the misconception slides. */
  slides: () => void;
}

/** The textbook's ladder of a pair: two timelines, one slanted arrow per step. No text: the states are beside it. */
function miniLadder(pr: TextbookProgress, label: string): SVGSVGElement {
  const rows = pr.steps.length;
  const svg = svgRoot(`0 0 100 ${rows * 10 + 2}`, 'mini-ladder');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const xOf = (s: Side) => (s === 'client' ? 8 : 92);
  for (const s of ['client', 'server'] as const)
    svgLine(svg, xOf(s), 0, xOf(s), rows * 10 + 2, `timeline side-${s}`);
  pr.steps.forEach((st, i) => {
    const x0 = xOf(st.from);
    let x1 = xOf(st.from === 'client' ? 'server' : 'client');
    const y0 = i * 10 + 2;
    let y1 = y0 + 8;
    const cls = `step side-${st.from} fate-${st.fate} part-${st.part}`;
    if (st.fate === 'lost') {
      x1 = (x0 + x1) / 2;
      y1 = (y0 + y1) / 2;
    }
    const l = svgLine(svg, x0, y0, x1, y1, cls);
    l.dataset['step'] = String(i);
    l.dataset['fate'] = st.fate;
    if (st.fate === 'lost') {
      svgLine(svg, x1 - 3, y1 - 3, x1 + 3, y1 + 3, 'cross');
      svgLine(svg, x1 - 3, y1 + 3, x1 + 3, y1 - 3, 'cross');
    } else {
      const dir = x1 > x0 ? -1 : 1;
      svgLine(svg, x1, y1, x1 + dir * 5, y1 - 1.5, cls);
    }
  });
  return svg;
}

class ScreenCard {
  readonly root: HTMLElement;
  private shown = '';

  constructor(
    private readonly c: HostContext,
    pairId: string,
    private readonly hooks: BigScreenHooks,
  ) {
    this.root = el('article', {
      class: 'screen-card',
      attrs: { 'data-testid': 'screen-pair', 'data-pair': pairId },
    });
  }

  update(p: PairProgress): void {
    const lang = this.c.lang.lang;
    const sig = JSON.stringify([p, lang]);
    if (sig === this.shown) return;
    this.shown = sig;
    const pt = (k: ProjectorKey, params?: Record<string, string | number>) => projectorText(lang, k, params);
    const name = (s: SeatProgress | null) =>
      s ? (s.playerId === null ? this.c.t('botName') : s.nickname) : '—';
    const status = pairStatus(p);
    const pr = textbookProgress({
      scenarioId: p.scenarioId,
      client: p.client?.state ?? null,
      server: p.server?.state ?? null,
      goalMet: p.goalMet,
      wire: p.wire,
    });
    this.root.dataset['status'] = status.key;
    this.root.dataset['done'] = String(pr.done);
    const project = el('button', { attrs: { type: 'button', 'data-testid': 'screen-project' } }, pt('open'));
    project.disabled = p.gameId === null;
    project.addEventListener('click', () => this.hooks.project(p.pairId));
    const seat = (side: Side, s: SeatProgress | null) =>
      el(
        'div',
        { class: `screen-seat side-${side}` },
        el('p', { class: 'screen-role' }, pt(side)),
        el(
          'p',
          {
            class: 'screen-state',
            attrs: { 'data-testid': `screen-state-${side}`, 'data-state': s?.state ?? '' },
          },
          s?.state ?? '—',
        ),
      );
    replaceChildren(
      this.root,
      el(
        'header',
        {},
        el('h3', { class: 'screen-names' }, `${name(p.client)} ⇄ ${name(p.server)}`),
        el(
          'span',
          { class: `screen-status tone-${status.tone}`, attrs: { 'data-testid': 'screen-status' } },
          pt(status.key),
        ),
      ),
      p.scenarioId
        ? el(
            'p',
            { class: 'screen-scenario' },
            pt('screenScenario', {
              i: p.scenarioIndex + 1,
              n: p.scenarioCount,
              title: scenarioText(lang, p.scenarioId).title,
            }),
          )
        : null,
      el(
        'div',
        { class: 'screen-body' },
        seat('client', p.client),
        miniLadder(pr, pt('ladderLabel', { done: pr.done, total: pr.steps.length })),
        seat('server', p.server),
      ),
      el(
        'footer',
        {},
        el(
          'p',
          { class: 'screen-stage', attrs: { 'data-testid': 'screen-stage' } },
          stageText(lang, pr.stage),
        ),
        project,
      ),
    );
  }
}

export class BigScreen {
  readonly root: HTMLElement;
  private readonly title: HTMLElement;
  private readonly tallyLine: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly head: HTMLElement;
  private readonly cards = new Map<string, ScreenCard>();
  private view: HostView | null = null;
  /** Escape leaves the big screen, unless a pair's projector or the slides lie over it. */
  private readonly onKey = (ev: KeyboardEvent): void => {
    if (ev.key !== 'Escape' || ev.defaultPrevented) return;
    const cls = document.body.classList;
    if (cls.contains('projecting') || cls.contains('spectating') || cls.contains('sliding')) return;
    ev.preventDefault();
    this.hooks.close();
  };

  constructor(
    private readonly c: HostContext,
    private readonly hooks: BigScreenHooks,
  ) {
    window.addEventListener('keydown', this.onKey);
    this.title = el('h2', { id: 'h-screen', class: 'screen-title' });
    this.tallyLine = el('p', { class: 'screen-tally', attrs: { 'data-testid': 'screen-tally' } });
    this.head = el('div', { class: 'screen-actions' });
    this.grid = el('div', { class: 'screen-grid' });
    this.empty = el('p', { class: 'screen-empty' });
    this.root = fullScreenDialog(
      'big-screen',
      'h-screen',
      'big-screen',
      el('header', { class: 'screen-head' }, this.title, this.tallyLine, this.head),
      this.empty,
      this.grid,
    );
    this.refresh();
  }

  /** Stops listening to the keyboard; the owner removes the element. */
  dispose(): void {
    window.removeEventListener('keydown', this.onKey);
  }

  /** Shows the class as the dashboard's latest data has it. */
  update(v: HostView): void {
    this.view = v;
    this.render();
  }

  /** Everything again, in the current language. */
  refresh(): void {
    const lang = this.c.lang.lang;
    const slides = el(
      'button',
      { attrs: { type: 'button', 'data-testid': 'screen-slides' } },
      projectorText(lang, 'mistakesOpen'),
    );
    slides.addEventListener('click', () => this.hooks.slides());
    const close = el(
      'button',
      { attrs: { type: 'button', 'data-testid': 'screen-close' } },
      projectorText(lang, 'close'),
    );
    close.addEventListener('click', () => this.hooks.close());
    replaceChildren(this.head, slides, close);
    setText(this.empty, projectorText(lang, 'screenEmpty'));
    this.render();
  }

  private render(): void {
    const v = this.view;
    const lang = this.c.lang.lang;
    setText(this.title, projectorText(lang, 'screenTitle', { code: v?.code ?? '' }));
    const pairs = v?.pairs ?? [];
    const tl = tally(pairs);
    setText(this.tallyLine, pairs.length ? projectorText(lang, 'screenTally', tl) : '');
    this.empty.hidden = pairs.length > 0;
    this.root.dataset['pairs'] = String(pairs.length);
    const keep = new Set(pairs.map((p) => p.pairId));
    for (const [id, card] of this.cards)
      if (!keep.has(id)) {
        card.root.remove();
        this.cards.delete(id);
      }
    for (const p of pairs) {
      let card = this.cards.get(p.pairId);
      if (!card) {
        card = new ScreenCard(this.c, p.pairId, this.hooks);
        this.cards.set(p.pairId, card);
      }
      this.grid.append(card.root);
      card.update(p);
    }
    // many pairs: smaller cards, so a class of 40 fits on one screen
    this.grid.dataset['many'] = String(pairs.length > 9);
  }
}
