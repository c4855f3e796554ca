/**
 * The console's live dashboard: one card per pair (both nicknames and TCP states, the scenario and
 * whose move it is, the timers counting down, points and mistakes, per side the network action
 * armed for its next segment, the segments in flight with drop, delay and duplicate, and "watch"),
 * the network buttons for every pair at once (now, or armed for the next segment of one side), the
 * class's misconceptions and the leaderboards. Cards are kept by pair id and updated in place.
 */
import type {
  ArmedView,
  HostView,
  LeaderEntry,
  PairProgress,
  SeatProgress,
} from '../../../shared/class/class-types';
import { stateText } from '../../../shared/i18n';
import { misconceptionText } from '../../../shared/i18n/class-texts';
import type { NetworkAction } from '../../../shared/protocol/events';
import type { Side } from '../../../shared/tcp/types';
import { el, replaceChildren, setText } from '../ui/dom';
import { scenarioText } from '../ui/forms';
import { secondsLeft, segmentLabel } from '../view/format';
import type { HostContext } from './host-context';

const ACTIONS: readonly { action: NetworkAction; key: 'dropButton' | 'delayButton' | 'duplicateButton' }[] = [
  { action: 'drop', key: 'dropButton' },
  { action: 'delay', key: 'delayButton' },
  { action: 'duplicate', key: 'duplicateButton' },
];
const ARMED_KEY = { drop: 'armedDrop', delay: 'armedDelay', duplicate: 'armedDuplicate' } as const;
const FIRED_KEY = { drop: 'firedDrop', delay: 'firedDelay', duplicate: 'firedDuplicate' } as const;
const SIDES: readonly Side[] = ['client', 'server'];

/** "SYN sent" of "SYN_SENT (SYN sent)", "同步已发送" of "SYN_SENT（同步已发送）". */
function stateGloss(name: string, state: string): string {
  const rest = name.startsWith(state) ? name.slice(state.length).trim() : name;
  return rest.replace(/^[(（]\s*|\s*[)）]$/g, '');
}

class PairCard {
  readonly root: HTMLElement;
  private readonly head: HTMLElement;
  private readonly phase: HTMLElement;
  private readonly scenario: HTMLElement;
  private readonly toMove: HTMLElement;
  private readonly seats: Record<Side, HTMLElement>;
  private readonly nets: Record<Side, HTMLElement>;
  private readonly wire: HTMLElement;
  private wireShown = '';
  private seatsShown = '';
  private netsShown = '';

  constructor(
    private readonly c: HostContext,
    private readonly pairId: string,
    watch: (pairId: string) => void,
  ) {
    const t = c.t;
    this.head = el('h3', {});
    this.phase = el('span', { class: 'pair-phase' });
    this.scenario = el('p', { class: 'pair-scenario' });
    this.toMove = el('p', { class: 'pair-move' });
    this.seats = { client: el('div', {}), server: el('div', {}) };
    this.nets = {
      client: el('div', { class: 'seat-net', attrs: { 'data-side': 'client', 'data-testid': 'seat-net' } }),
      server: el('div', { class: 'seat-net', attrs: { 'data-side': 'server', 'data-testid': 'seat-net' } }),
    };
    this.wire = el('ul', { class: 'pair-wire', attrs: { 'aria-label': t('inFlight') } });
    const watchButton = el(
      'button',
      { class: 'small', attrs: { type: 'button', 'data-testid': 'watch' } },
      t('watchButton'),
    );
    watchButton.addEventListener('click', () => watch(pairId));
    this.root = el(
      'article',
      { class: 'pair-card', attrs: { 'data-testid': 'pair-card', 'data-pair': pairId } },
      el('header', {}, this.head, this.phase, watchButton),
      this.scenario,
      this.toMove,
      el(
        'div',
        { class: 'pair-seats' },
        // the network controls are rebuilt only when they change: a button must not vanish
        // under the teacher's click when the timers tick
        ...SIDES.map((side) => el('div', { class: 'seat-col' }, this.seats[side], this.nets[side])),
      ),
      this.wire,
    );
  }

  update(p: PairProgress, serverNow: number): void {
    const t = this.c.t;
    const lang = this.c.lang.lang;
    const name = (s: SeatProgress | null) => (s ? (s.playerId === null ? t('botName') : s.nickname) : '—');
    setText(this.head, `${name(p.client)} ⇄ ${name(p.server)}`);
    this.root.dataset['phase'] = p.phase;
    this.root.dataset['paused'] = String(p.paused);
    const phase =
      p.phase === 'playing'
        ? t('pairPhasePlaying')
        : p.phase === 'finished'
          ? t('pairPhaseFinished')
          : t('pairPhaseDone');
    const goal = p.goalMet === null ? '' : ` · ${p.goalMet ? t('goalMetShort') : t('goalNotMetShort')}`;
    setText(this.phase, phase + goal);
    setText(
      this.scenario,
      p.scenarioId
        ? t('classScenario', {
            i: p.scenarioIndex + 1,
            n: p.scenarioCount,
            title: scenarioText(lang, p.scenarioId).title,
          })
        : '',
    );
    const movers = [p.client, p.server].filter((s): s is SeatProgress => s !== null && s.canAct);
    setText(
      this.toMove,
      p.phase !== 'playing'
        ? ''
        : movers.length
          ? t('toMove', { names: movers.map(name).join('、') })
          : t('nobodyToMove'),
    );

    const seatsSig = JSON.stringify([p.client, p.server, p.paused, serverNow, lang]);
    if (seatsSig !== this.seatsShown) {
      this.seatsShown = seatsSig;
      for (const side of SIDES)
        this.seats[side].replaceChildren(
          this.seat(side, side === 'client' ? p.client : p.server, p, serverNow),
        );
    }
    const netsSig = JSON.stringify([p.armed, p.phase, p.gameId, p.client === null, lang]);
    if (netsSig !== this.netsShown) {
      this.netsShown = netsSig;
      for (const side of SIDES) this.renderNet(side, p);
    }
    const wireSig = JSON.stringify([p.wire.map((w) => [w.id, w.lost]), lang]);
    if (wireSig !== this.wireShown) {
      this.wireShown = wireSig;
      this.renderWire(p);
    }
  }

  private seat(
    side: 'client' | 'server',
    s: SeatProgress | null,
    p: PairProgress,
    serverNow: number,
  ): HTMLElement {
    const t = this.c.t;
    const lang = this.c.lang.lang;
    if (!s) return el('div', { class: `seat-box side-${side}` }, '—');
    const timer = (label: string, deadline: number | null, key: string) =>
      deadline === null
        ? null
        : el(
            'span',
            {
              class: 'timer',
              attrs: {
                'data-deadline': deadline,
                'data-frozen': p.paused ? serverNow : undefined,
                'data-timer': key,
              },
            },
            `${label} `,
            el('span', { class: 'left' }),
          );
    return el(
      'div',
      { class: `seat-box side-${side}`, attrs: { 'data-side': side, 'data-state': s.state } },
      el(
        'p',
        { class: 'seat-name' },
        `${t(side === 'client' ? 'roleClient' : 'roleServer')}: ${s.playerId === null ? t('botName') : s.nickname}`,
      ),
      el(
        'p',
        { class: 'seat-state', attrs: { 'data-testid': 'seat-state' } },
        // the state's own name large, its gloss ("SYN sent", "同步已发送") smaller beside it
        el('span', { class: 'state-code' }, s.state),
        ' ',
        el('span', { class: 'state-gloss' }, stateGloss(stateText(lang, s.state).name, s.state)),
      ),
      el(
        'p',
        { class: 'seat-score' },
        t('seatScore', { points: s.points, correct: s.correct, mistakes: s.mistakes }),
      ),
      el(
        'p',
        { class: 'timers' },
        timer(t('timerTurnShort'), s.timers.turn, 'turn'),
        timer(t('timerRtoShort'), s.timers.rto, 'rto'),
        timer('2MSL', s.timers.timeWait, 'time-wait'),
      ),
    );
  }

  /** What is armed for a side's next segment (and cancel), or the buttons that arm it. */
  private renderNet(side: Side, p: PairProgress): void {
    const t = this.c.t;
    const box = this.nets[side];
    const a: ArmedView | null = p.armed[side];
    box.dataset['armed'] = a && !a.fired ? a.action : '';
    if (p.client === null || p.phase !== 'playing') {
      replaceChildren(box);
      return;
    }
    const send = (action: NetworkAction | 'cancel', b: HTMLButtonElement) => {
      b.disabled = true;
      void this.c
        .act(this.c.net.network({ pairId: this.pairId, when: 'next', side, action }))
        .then(() => (b.disabled = false));
    };
    if (a && !a.fired) {
      const cancel = el(
        'button',
        { class: 'small', attrs: { type: 'button', 'data-testid': 'arm-cancel' } },
        t('cancelArmButton'),
      );
      cancel.addEventListener('click', () => send('cancel', cancel));
      replaceChildren(
        box,
        el(
          'p',
          {
            class: 'armed-badge',
            attrs: { 'data-testid': 'armed', 'data-action': a.action, 'data-fired': 'false', role: 'status' },
          },
          t(ARMED_KEY[a.action]),
        ),
        cancel,
      );
      return;
    }
    const buttons = ACTIONS.map(({ action, key }) => {
      const b = el(
        'button',
        { class: 'small', attrs: { type: 'button', 'data-testid': `arm-${action}` } },
        t(key),
      );
      b.addEventListener('click', () => send(action, b));
      return b;
    });
    replaceChildren(
      box,
      a?.fired
        ? el(
            'p',
            {
              class: 'fired-badge',
              attrs: { 'data-testid': 'armed', 'data-action': a.action, 'data-fired': 'true' },
            },
            t(FIRED_KEY[a.action], { segment: segmentLabel(a.fired.segment) }),
          )
        : null,
      el('span', { class: 'arm-label' }, t('armNextLabel')),
      el('span', { class: 'wire-actions' }, ...buttons),
    );
  }

  private renderWire(p: PairProgress): void {
    const t = this.c.t;
    if (p.wire.length === 0) {
      replaceChildren(this.wire, el('li', { class: 'empty' }, t('noneInFlight')));
      return;
    }
    replaceChildren(
      this.wire,
      ...p.wire.map((w) => {
        const buttons = ACTIONS.map(({ action, key }) => {
          const b = el(
            'button',
            { class: 'small', attrs: { type: 'button', 'data-action': action, 'data-segment': w.id } },
            t(key),
          );
          b.disabled = w.lost;
          b.addEventListener('click', () => {
            b.disabled = true;
            void this.c
              .act(this.c.net.network({ pairId: this.pairId, segmentId: w.id, action }))
              .then((r) => {
                b.disabled = false;
                if (r) this.c.notice(t('networkDone', { n: r.affected }));
              });
          });
          return b;
        });
        const arrow = w.from === 'client' ? '→' : '←';
        return el(
          'li',
          { class: `side-${w.from}${w.lost ? ' lost' : ''}`, attrs: { 'data-segment': w.id } },
          el('code', {}, `${arrow} ${segmentLabel(w.segment)}`),
          el('span', { class: 'wire-actions' }, ...buttons),
        );
      }),
    );
  }
}

export class HostDashboard {
  readonly root: HTMLElement;
  private readonly cards = new Map<string, PairCard>();
  private readonly grid: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly misconceptions: HTMLElement;
  private readonly boards: HTMLElement;
  private shownMis = '';
  private shownBoards = '';

  constructor(
    private readonly c: HostContext,
    private readonly watch: (pairId: string) => void,
    /** The side whose next segment the all-pairs buttons arm, kept across re-renders. */
    nextFor: { side: Side } = { side: 'client' },
  ) {
    const t = c.t;
    this.grid = el('div', { class: 'pair-grid', attrs: { 'data-testid': 'dashboard' } });
    this.empty = el('p', { class: 'empty' }, t('dashboardEmpty'));
    const all = ACTIONS.map(({ action, key }) => {
      const b = el('button', { attrs: { type: 'button', 'data-testid': `all-${action}` } }, t(key));
      b.addEventListener('click', () => {
        void c.act(c.net.network({ pairId: 'all', action })).then((r) => {
          if (r) c.notice(t('networkDone', { n: r.affected }));
        });
      });
      return b;
    });
    // armed ahead, for the next segment one side of every pair sends
    const nextSide = el(
      'select',
      { id: 'all-next-side', attrs: { 'data-testid': 'all-next-side' } },
      el('option', { attrs: { value: 'client' } }, t('roleClient')),
      el('option', { attrs: { value: 'server' } }, t('roleServer')),
    );
    nextSide.value = nextFor.side;
    nextSide.addEventListener(
      'change',
      () => (nextFor.side = nextSide.value === 'server' ? 'server' : 'client'),
    );
    const allNext = [...ACTIONS, { action: 'cancel' as const, key: 'cancelArmButton' as const }].map(
      ({ action, key }) => {
        const b = el('button', { attrs: { type: 'button', 'data-testid': `all-next-${action}` } }, t(key));
        b.addEventListener('click', () => {
          void c.act(c.net.network({ pairId: 'all', when: 'next', side: nextFor.side, action })).then((r) => {
            if (r) c.notice(t(action === 'cancel' ? 'cancelledDone' : 'armedDone', { n: r.affected }));
          });
        });
        return b;
      },
    );
    this.misconceptions = el('div', { attrs: { 'data-testid': 'misconceptions' } });
    this.boards = el('div', { class: 'boards', attrs: { 'data-testid': 'leaderboard' } });
    this.root = el(
      'div',
      { class: 'host-live' },
      el(
        'section',
        { class: 'card host-dashboard', attrs: { 'aria-labelledby': 'h-dash' } },
        el('h2', { id: 'h-dash' }, t('dashboardTitle')),
        el(
          'div',
          { class: 'all-pairs', attrs: { role: 'group', 'aria-label': t('allNetworkTitle') } },
          el('span', { class: 'all-title' }, t('allNetworkTitle')),
          el('div', { class: 'all-row' }, el('span', {}, t('allPairsTitle')), ...all),
          el(
            'div',
            { class: 'all-row' },
            el('label', { attrs: { for: 'all-next-side' } }, t('allNextLabel')),
            nextSide,
            ...allNext,
          ),
        ),
        this.empty,
        this.grid,
      ),
      el(
        'section',
        { class: 'card', attrs: { 'aria-labelledby': 'h-mis' } },
        el('h2', { id: 'h-mis' }, t('misconceptionsTitle')),
        this.misconceptions,
      ),
      this.boards,
    );
  }

  update(v: HostView): void {
    const keep = new Set(v.pairs.map((p) => p.pairId));
    for (const [id, card] of this.cards)
      if (!keep.has(id)) {
        card.root.remove();
        this.cards.delete(id);
      }
    for (const p of v.pairs) {
      let card = this.cards.get(p.pairId);
      if (!card) {
        card = new PairCard(this.c, p.pairId, this.watch);
        this.cards.set(p.pairId, card);
      }
      // kept in the view's order; append moves an element already there
      this.grid.append(card.root);
      card.update(p, v.serverNow);
    }
    this.empty.hidden = v.pairs.length > 0;
    this.renderMisconceptions(v);
    this.renderBoards(v);
    this.tick();
  }

  /** The timers at the server's time now. */
  tick(): void {
    const now = this.c.clock.now();
    for (const e of this.grid.querySelectorAll<HTMLElement>('[data-deadline]')) {
      const deadline = Number(e.dataset['deadline']);
      const frozen = e.dataset['frozen'] ? Number(e.dataset['frozen']) : null;
      const left = e.querySelector('.left');
      if (left) setText(left, this.c.t('seconds', { s: secondsLeft(deadline - (frozen ?? now)) }));
    }
  }

  private renderMisconceptions(v: HostView): void {
    const sig = JSON.stringify([v.misconceptions, this.c.lang.lang]);
    if (sig === this.shownMis) return;
    this.shownMis = sig;
    const t = this.c.t;
    if (v.misconceptions.length === 0) {
      replaceChildren(this.misconceptions, el('p', { class: 'empty' }, t('misconceptionsEmpty')));
      return;
    }
    replaceChildren(
      this.misconceptions,
      el(
        'ol',
        { class: 'misconceptions' },
        ...v.misconceptions.map((m) =>
          el(
            'li',
            { attrs: { 'data-code': m.code } },
            // in the console's language now: the server wrote m.text in the one it knew then
            el('span', { class: 'mis-text' }, misconceptionText(this.c.lang.lang, m.code)),
            el(
              'span',
              { class: 'mis-count' },
              t('misconceptionCount', { count: m.count, students: m.students }),
            ),
          ),
        ),
      ),
    );
  }

  private renderBoards(v: HostView): void {
    const sig = JSON.stringify([v.leaderboard, v.round?.phase, v.round?.index, this.c.lang.lang]);
    if (sig === this.shownBoards) return;
    this.shownBoards = sig;
    const t = this.c.t;
    const parts: HTMLElement[] = [];
    // the round's leaderboard once it ended; the overall one whenever there is one
    if (v.round?.phase === 'ended' && v.leaderboard.round.length)
      parts.push(this.board('round', t('leaderboardTitle', { n: v.round.index }), v.leaderboard.round));
    if (v.leaderboard.total.length && v.roundsPlayed > 0)
      parts.push(this.board('total', t('leaderboardTotalTitle'), v.leaderboard.total));
    replaceChildren(this.boards, ...parts);
  }

  private board(id: string, title: string, rows: readonly LeaderEntry[]): HTMLElement {
    const t = this.c.t;
    const th = (k: Parameters<HostContext['t']>[0]) => el('th', { attrs: { scope: 'col' } }, t(k));
    return el(
      'section',
      { class: 'card leaderboard', attrs: { 'data-board': id, 'aria-label': title } },
      el('h2', {}, title),
      el(
        'table',
        {},
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            th('colRank'),
            th('colName'),
            th('colPoints'),
            th('colCorrect'),
            th('colMistakes'),
            th('colGoals'),
          ),
        ),
        el(
          'tbody',
          {},
          ...rows.map((r) =>
            el(
              'tr',
              { attrs: { 'data-player': r.playerId } },
              el('td', {}, r.rank),
              el('td', {}, r.nickname),
              el('td', {}, r.points),
              el('td', {}, r.correct),
              el('td', {}, r.mistakes),
              el('td', {}, r.goals),
            ),
          ),
        ),
      ),
    );
  }
}
