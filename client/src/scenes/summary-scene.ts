/**
 * The round summary: goal met or not (and, when not, the lesson's steps that never happened), the
 * score, each of the player's mistakes with its explanation, rematch or home; the canvas draws the
 * segments exchanged as a ladder diagram. Praise only for a goal met.
 */
import type { GameView, SegmentView } from '../../../shared/game/game-view';
import type { Side } from '../../../shared/tcp/types';
import type { Services } from '../app/services';
import { errorMessage } from '../ui/ack-text';
import { append, el } from '../ui/dom';
import { messageLine, scenarioText } from '../ui/forms';
import { segmentLabel } from '../view/format';
import { mistakes } from '../view/log-lines';
import { summaryNotes } from '../view/summary-notes';
import { BaseScene } from './base-scene';
import { COLORS, CSS, MONO, sideColor, sideCss } from './theme';

interface Rung {
  from: Side;
  seg: SegmentView;
  lost: boolean;
  injected: boolean;
}

export class SummaryScene extends BaseScene {
  private view: GameView | null = null;

  constructor(s: Services) {
    super('summary', s);
  }

  protected build(): void {
    const v = this.currentViewOrHome();
    this.view = v;
    if (!v) return;
    const t = this.t.bind(this);
    const lang = this.s.lang;
    const sc = v.you.score;
    const notes = summaryNotes(v, lang.lang);
    const goalMet = notes.goalMet;
    const stat = (label: string, value: number | string, id: string) =>
      el(
        'div',
        { class: 'stat', attrs: { 'data-testid': `stat-${id}` } },
        el('dt', {}, label),
        el('dd', {}, value),
      );
    const list = mistakes(v, lang.lang);
    const msg = messageLine('summary-message');
    const rematch = el(
      'button',
      { class: 'primary', attrs: { type: 'button', 'data-testid': 'rematch' } },
      t('rematchButton'),
    );
    rematch.addEventListener('click', () => {
      rematch.disabled = true;
      void this.s.net.rematch().then((a) => {
        rematch.disabled = false;
        if (!a.ok) return msg.show(errorMessage(lang, a.error), 'error');
        if (a.data.status === 'waiting') msg.show(t('rematchWaiting'));
        else this.s.flow.accept(a.data.game);
      });
    });
    const home = el('button', { attrs: { type: 'button', 'data-testid': 'home' } }, t('homeButton'));
    home.addEventListener('click', () => {
      void this.s.net.leave().then(() => this.s.flow.showHome());
    });
    // in a class the teacher runs the rounds: no rematch, the way back is to the class lobby
    const inClass = this.s.flow.classView !== null;
    const back = el(
      'button',
      { class: 'primary', attrs: { type: 'button', 'data-testid': 'back-to-class' } },
      t('classBackButton'),
    );
    back.addEventListener('click', () => this.s.flow.showClass({ mode: 'lobby' }));
    append(
      this.panel,
      el('h1', { class: 'screen-title' }, t('summaryTitle')),
      el(
        'p',
        { class: 'scenario-line' },
        t('scenarioTitle', { title: scenarioText(lang.lang, v.scenarioId).title }),
      ),
      el(
        'p',
        {
          class: `goal-result ${goalMet ? 'met' : 'not-met'}`,
          attrs: { 'data-testid': 'goal-result', 'data-met': String(goalMet) },
        },
        goalMet ? t('goalMet') : t('goalNotMet'),
      ),
      el(
        'dl',
        { class: 'stats' },
        stat(t('scoreLabel'), sc.points, 'points'),
        stat(t('correctLabel'), sc.correct, 'correct'),
        stat(t('mistakesLabel'), sc.mistakes, 'mistakes'),
        stat(t('pointlessLabel'), sc.pointless, 'pointless'),
        stat(t('forfeitsLabel'), sc.forfeits, 'forfeits'),
        v.bot?.level === 'catch' ? stat(t('caughtLabel'), sc.caught, 'caught') : null,
        v.bot?.level === 'catch' ? stat(t('missedLabel'), sc.missed, 'missed') : null,
        stat(t('peerScoreLabel'), v.peer.score.points, 'peer-points'),
      ),
      notes.missing.length
        ? el(
            'section',
            { class: 'missing', attrs: { 'aria-labelledby': 'missing-title', 'data-testid': 'missing' } },
            el('h2', { id: 'missing-title' }, t('missingTitle')),
            el('ul', {}, ...notes.missing.map((m) => el('li', { attrs: { 'data-step': m.step } }, m.text))),
          )
        : null,
      el(
        'section',
        { class: 'mistakes', attrs: { 'aria-labelledby': 'mistakes-title' } },
        el('h2', { id: 'mistakes-title' }, t('mistakesTitle')),
        list.length
          ? el(
              'ol',
              { attrs: { 'data-testid': 'mistakes' } },
              ...list.map((m) =>
                el(
                  'li',
                  {},
                  el('p', { class: 'msg' }, m.message),
                  m.expected !== undefined && m.given !== undefined
                    ? el(
                        'p',
                        { class: 'expected' },
                        t('mistakeExpected', { expected: m.expected, given: m.given }),
                      )
                    : null,
                  m.explain ? el('p', { class: 'why' }, m.explain) : null,
                ),
              ),
            )
          : el(
              'p',
              { attrs: { 'data-testid': notes.goalMet ? 'no-mistakes' : 'no-mistakes-goal-not-met' } },
              t(notes.clean),
            ),
      ),
      inClass ? el('div', { class: 'actions' }, back) : el('div', { class: 'actions' }, rematch, home),
      msg.root,
    );
    this.onShutdown(
      this.s.flow.onView((nv) => {
        if (nv.gameId === v.gameId) this.view = nv;
      }),
    );
  }

  protected layout(w: number, h: number): void {
    const v = this.view;
    if (!v) return;
    const t = this.t.bind(this);
    const u = Math.max(12, Math.min(w / 40, h / 24, 22));
    const goalMet = v.result?.goalMet ?? false;
    this.text(w / 2, u, goalMet ? t('goalMet') : t('goalNotMet'), u * 1.8, {
      fontStyle: 'bold',
      color: goalMet ? CSS.good : CSS.lost,
    }).setOrigin(0.5, 0);
    this.text(w / 2, u * 3.4, `${t('scoreLabel')}: ${v.you.score.points}`, u * 1.1, {
      color: CSS.ink,
    }).setOrigin(0.5, 0);

    // the ladder: client on the left, server on the right, one rung per segment sent
    const rungs: Rung[] = [];
    const lost = new Set(
      v.log.filter((e) => e.type === 'lost').map((e) => (e.type === 'lost' ? e.segmentId : -1)),
    );
    for (const e of v.log) {
      if (e.type === 'send')
        rungs.push({ from: e.side, seg: e.segment, lost: lost.has(e.segmentId), injected: false });
      if (e.type === 'arrive' && e.injected)
        rungs.push({
          from: e.side === 'client' ? 'server' : 'client',
          seg: e.segment,
          lost: false,
          injected: true,
        });
    }
    const top = u * 7;
    this.text(w / 2, top - u * 1.4, t('exchangeTitle'), u * 0.8, { color: CSS.muted }).setOrigin(0.5, 0);
    const xl = w * 0.16;
    const xr = w * 0.84;
    const g = this.add.graphics();
    const bottom = h - u;
    for (const [side, x] of [
      ['client', xl],
      ['server', xr],
    ] as const) {
      g.lineStyle(3, sideColor(side), 1).lineBetween(x, top + u * 1.4, x, bottom);
      this.text(
        x,
        top,
        t(side === 'client' ? 'roleClient' : 'roleServer') + (side === v.role ? t('youMarker') : ''),
        u * 0.8,
        {
          color: sideCss(side),
          fontStyle: 'bold',
        },
      ).setOrigin(0.5, 0);
    }
    const rowH = Math.max(u * 1.6, Math.min(u * 3, (bottom - top - u * 2) / Math.max(1, rungs.length)));
    const fit = Math.max(1, Math.floor((bottom - top - u * 2) / rowH));
    rungs.slice(-fit).forEach((r, i) => {
      const y0 = top + u * 2 + i * rowH;
      const y1 = y0 + rowH * 0.7;
      const a = r.from === 'client' ? xl : xr;
      const b = r.from === 'client' ? xr : xl;
      const color = r.injected ? COLORS.injected : r.lost ? COLORS.lost : sideColor(r.from);
      const endX = r.lost ? (a + b) / 2 : b;
      const endY = r.lost ? (y0 + y1) / 2 : y1;
      g.lineStyle(2, color, 1).lineBetween(a, y0, endX, endY);
      if (r.lost) {
        const k = u * 0.4;
        g.lineStyle(3, COLORS.lost, 1).lineBetween(endX - k, endY - k, endX + k, endY + k);
        g.lineBetween(endX - k, endY + k, endX + k, endY - k);
      } else {
        const dir = Math.sign(b - a);
        g.fillStyle(color, 1).fillTriangle(
          b,
          y1,
          b - dir * u * 0.6,
          y1 - u * 0.35,
          b - dir * u * 0.6,
          y1 + u * 0.1,
        );
      }
      this.text((a + b) / 2, (y0 + y1) / 2 - u * 0.2, segmentLabel(r.seg), Math.max(11, u * 0.62), {
        fontFamily: MONO,
        color: r.injected ? CSS.injected : r.lost ? CSS.lost : sideCss(r.from),
        backgroundColor: '#f4f6fa',
      }).setOrigin(0.5, 1);
    });
  }
}
