/**
 * The round summary: goal met or not (and, when not, the lesson's steps that never happened), the
 * score, each of the player's mistakes with its explanation, rematch or home; the canvas draws the
 * game as a ladder diagram with the states beside each timeline, and the panel replays it step by
 * step (buttons and arrow keys), each step's explanation beside the ladder drawn up to that step.
 * Praise only for a goal met.
 */
import type { GameView } from '../../../shared/game/game-view';
import type { Services } from '../app/services';
import { errorMessage } from '../ui/ack-text';
import { captureButton } from '../ui/capture-button';
import { append, el } from '../ui/dom';
import { messageLine, scenarioText } from '../ui/forms';
import { ReplayPanel } from '../ui/replay-panel';
import { ladderModel, type LadderModel } from '../view/ladder-model';
import { logLines, mistakes } from '../view/log-lines';
import { numberingOf } from '../view/numbering';
import { replaySteps, type ReplayStep } from '../view/replay-steps';
import { summaryNotes } from '../view/summary-notes';
import { BaseScene } from './base-scene';
import { screenMinText } from './draw/canvas-text';
import { LadderDiagram, scrollWithInput } from './draw/ladder';
import { CSS } from './theme';

export class SummaryScene extends BaseScene {
  private view: GameView | null = null;
  private model: LadderModel | null = null;
  private steps: ReplayStep[] = [];
  private replay: ReplayPanel | null = null;
  private ladder: LadderDiagram | null = null;

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
    const num = numberingOf(v, this.s.numbers.mode);
    const list = mistakes(v, lang.lang, num);
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
    this.model = ladderModel(v);
    this.steps = this.stepsOf(v);
    const numbersBox = el('input', { attrs: { type: 'checkbox', 'data-testid': 'numbers-relative' } });
    numbersBox.checked = num.mode === 'relative';
    numbersBox.addEventListener('change', () =>
      this.s.numbers.set(numbersBox.checked ? 'relative' : 'absolute'),
    );
    const toggle = el(
      'label',
      { class: 'numbers-toggle', attrs: { title: t('numbersHelp') } },
      numbersBox,
      el('span', {}, t('numbersLabel')),
    );
    // the finished game as a capture file, beside its replay: Wireshark shows the same segments
    const download = captureButton({
      net: this.s.net,
      lang,
      fail: (e) => msg.show(errorMessage(lang, e), 'error'),
      notice: (text) => msg.show(text),
    });
    const tools = el('div', { class: 'replay-tools' }, toggle, ' ', download);
    this.replay = new ReplayPanel(lang, this.steps, () => this.drawLadder(), tools);
    // a new numbering rewrites the mistakes' numbers too: the summary is built again
    this.onShutdown(this.s.numbers.onChange(() => this.s.flow.relabel()));
    const onKey = (ev: KeyboardEvent) => {
      if (this.replay?.handleKey(ev)) ev.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    this.onShutdown(() => window.removeEventListener('keydown', onKey));
    this.onShutdown(scrollWithInput(this.s.shell.stage, () => this.ladder));
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
      this.replay.root,
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

  /** The replay's steps, their sentences in the current language and numbering. */
  private stepsOf(v: GameView): ReplayStep[] {
    const m = this.model ?? ladderModel(v);
    const lines = logLines(v, this.s.lang.lang, this.t.bind(this), numberingOf(v, this.s.numbers.mode));
    return replaySteps(v, m, lines);
  }

  protected layout(w: number, h: number): void {
    const v = this.view;
    if (!v || !this.model) return;
    const t = this.t.bind(this);
    const fs = screenMinText();
    const goalMet = v.result?.goalMet ?? false;
    const title = this.text(
      w / 2,
      fs * 0.4,
      `${goalMet ? t('goalMet') : t('goalNotMet')}  ${t('scoreLabel')}: ${v.you.score.points}`,
      fs * 1.25,
      {
        fontStyle: 'bold',
        color: goalMet ? CSS.good : CSS.lost,
      },
    ).setOrigin(0.5, 0);
    const top = title.y + title.height + fs * 0.4;
    const pad = Math.round(Math.max(6, fs * 0.4));
    this.ladder = new LadderDiagram(
      this,
      { x: pad, y: top, w: w - 2 * pad, h: h - top - pad },
      { fs, t, me: v.role, header: true },
    );
    this.ladder.setModel(this.model);
    this.ladder.setNumbering(numberingOf(v, this.s.numbers.mode));
    this.drawLadder();
  }

  /** The ladder up to the replay's step (all of it at the last step). */
  private drawLadder(): void {
    const m = this.model;
    const step = this.steps[this.replay?.step ?? this.steps.length - 1];
    if (!m || !this.ladder || !step) return;
    const last = (this.replay?.step ?? 0) >= this.steps.length - 1;
    this.ladder.draw({
      at: last ? m.end : step.at,
      upTo: last ? Infinity : step.index,
      focus: step.arrow,
      follow: 'moment',
    });
  }

  /** Drawn every frame: the ladder may be scrolled by hand. */
  protected override tick(): void {
    this.drawLadder();
  }

  protected override teardown(): void {
    this.replay = null;
    this.ladder = null;
    this.model = null;
    this.steps = [];
  }
}
