/**
 * Watching one pair, full screen for the projector: both sides' states, records and clocks side by
 * side, the segments in flight between them, and the segments exchanged so far, from class:watch;
 * the pair's game downloads for Wireshark.
 */
import type { GameView } from '../../../shared/game/game-view';
import { stateText } from '../../../shared/i18n';
import type { WatchView } from '../../../shared/protocol/events';
import type { Side } from '../../../shared/tcp/types';
import { captureButton } from '../ui/capture-button';
import { el, replaceChildren, setText } from '../ui/dom';
import { RECORD_FIELDS, recordValue, secondsLeft, segmentLabel } from '../view/format';
import { numberingOf } from '../view/numbering';
import type { HostContext } from './host-context';
import { spectatorLines } from './spectator-lines';

export class SpectatorView {
  readonly root: HTMLElement;
  private readonly title: HTMLElement;
  private readonly sides: Record<Side, HTMLElement>;
  private readonly wire: HTMLElement;
  private readonly lines: HTMLElement;
  private view: WatchView | null = null;

  constructor(
    private readonly c: HostContext,
    close: () => void,
  ) {
    const t = c.t;
    this.title = el('h2', { id: 'h-spectator' });
    const closeButton = el(
      'button',
      { attrs: { type: 'button', 'data-testid': 'spectator-close' } },
      t('closeButton'),
    );
    closeButton.addEventListener('click', close);
    const download = captureButton({ ...c, pairId: () => this.view?.pairId });
    this.sides = {
      client: el('section', { class: 'spec-side side-client', attrs: { 'data-side': 'client' } }),
      server: el('section', { class: 'spec-side side-server', attrs: { 'data-side': 'server' } }),
    };
    this.wire = el('ul', { class: 'spec-wire', attrs: { 'aria-label': t('spectatorWire') } });
    this.lines = el('ol', { class: 'spec-lines', attrs: { 'aria-live': 'polite' } });
    this.root = el(
      'div',
      {
        class: 'spectator',
        attrs: {
          role: 'dialog',
          'aria-modal': 'true',
          'aria-labelledby': 'h-spectator',
          'data-testid': 'spectator',
        },
      },
      el('header', { class: 'spec-head' }, this.title, download, closeButton),
      el(
        'div',
        { class: 'spec-board' },
        this.sides.client,
        el('div', { class: 'spec-middle' }, el('h3', {}, t('spectatorWire')), this.wire),
        this.sides.server,
      ),
      el('section', { class: 'spec-log' }, el('h3', {}, t('exchangeTitle')), this.lines),
    );
  }

  update(w: WatchView): void {
    this.view = w;
    const t = this.c.t;
    const name = (g: GameView) => g.you.nickname;
    setText(
      this.title,
      t('spectatorTitle', {
        a: name(w.client),
        b: w.server.bot?.role === 'server' ? t('botName') : name(w.server),
      }),
    );
    this.root.dataset['pair'] = w.pairId;
    for (const side of ['client', 'server'] as const)
      this.renderSide(side, side === 'client' ? w.client : w.server);
    // x and y, as the exchange below and the projector write them
    const num = numberingOf(w.client, 'relative');
    replaceChildren(
      this.wire,
      ...w.client.wire.map((s) =>
        el(
          'li',
          { class: `side-${s.from}${s.lost ? ' lost' : ''}` },
          `${s.from === 'client' ? '→' : '←'} ${segmentLabel(s.segment, s.from, num)}`,
        ),
      ),
    );
    if (w.client.wire.length === 0)
      replaceChildren(this.wire, el('li', { class: 'empty' }, t('noneInFlight')));
    const lines = spectatorLines(w, t);
    replaceChildren(
      this.lines,
      ...lines.map((l) => el('li', { class: `side-${l.side} tone-${l.tone}` }, l.text)),
    );
    this.lines.scrollTop = this.lines.scrollHeight;
    this.tick();
  }

  private renderSide(side: Side, g: GameView): void {
    const t = this.c.t;
    const lang = this.c.lang.lang;
    const r = g.you.record;
    const frozen = g.paused ? g.serverNow : undefined;
    const timer = (label: string, deadline: number | null) =>
      deadline === null
        ? null
        : el(
            'li',
            { attrs: { 'data-deadline': deadline, 'data-frozen': frozen } },
            `${label}: `,
            el('span', { class: 'left' }),
          );
    const isBot = g.bot?.role === side;
    replaceChildren(
      this.sides[side],
      el('p', { class: 'spec-role' }, t(side === 'client' ? 'roleClient' : 'roleServer')),
      el('p', { class: 'spec-name' }, isBot ? t('botName') : g.you.nickname),
      el('p', { class: 'spec-state', attrs: { 'data-state': r.state } }, stateText(lang, r.state).name),
      el(
        'table',
        { class: 'spec-record' },
        el(
          'tbody',
          {},
          ...RECORD_FIELDS.map(([k, label]) =>
            el(
              'tr',
              {},
              el('th', { attrs: { scope: 'row' } }, label),
              el('td', {}, recordValue(r[k], t('unknownValue'))),
            ),
          ),
        ),
      ),
      el(
        'ul',
        { class: 'spec-timers' },
        timer(t('timerTurn'), g.you.timers.turn),
        timer(t('timerRto'), g.you.timers.rto),
        timer(t('timerTimeWait'), g.you.timers.timeWait),
      ),
      el(
        'p',
        { class: 'seat-score' },
        t('seatScore', {
          points: g.you.score.points,
          correct: g.you.score.correct,
          mistakes: g.you.score.mistakes,
        }),
      ),
    );
  }

  /** The clocks at the server's time now. */
  tick(): void {
    if (!this.view) return;
    const now = this.c.clock.now();
    for (const e of this.root.querySelectorAll<HTMLElement>('[data-deadline]')) {
      const frozen = e.dataset['frozen'] ? Number(e.dataset['frozen']) : null;
      const left = e.querySelector('.left');
      if (left) setText(left, t2(this.c, Number(e.dataset['deadline']) - (frozen ?? now)));
    }
  }
}

function t2(c: HostContext, ms: number): string {
  return c.t('seconds', { s: secondsLeft(ms) });
}
