/**
 * A student's class screen: the join form (code and nickname; the code comes prefilled from the
 * teacher's link or QR code), the lobby between games (class, round countdown, paused banner, role
 * and partner, the student's standing once a round ended), or the notice that the student was
 * removed or the class closed. The games themselves use the game screen, as any game.
 */
import type { StudentView } from '../../../shared/class/class-types';
import type { ClassData } from '../app/flow';
import type { Services } from '../app/services';
import { normalizeCode } from '../class/class-route';
import { OffsetClock, clockText, roundLeft } from '../class/class-time';
import { errorMessage } from '../ui/ack-text';
import { append, el, setText } from '../ui/dom';
import { field, messageLine, scenarioText } from '../ui/forms';
import { BaseScene } from './base-scene';
import { CSS, MONO } from './theme';

export class ClassScene extends BaseScene {
  private classData: ClassData = { mode: 'lobby' };
  private readonly clock = new OffsetClock();
  private countdown: HTMLElement | null = null;
  private bigClock: Phaser.GameObjects.Text | null = null;
  private lobby: HTMLElement | null = null;

  constructor(s: Services) {
    super('class', s);
  }

  protected build(data: ClassData): void {
    this.classData = data;
    if (data.mode === 'join') this.buildJoin(data.code ?? '', data.notice);
    else if (data.mode === 'removed') this.buildRemoved(data.reason);
    else {
      this.lobby = el('div', { class: 'class-lobby', attrs: { 'data-testid': 'class-lobby' } });
      append(this.panel, this.lobby);
      this.fillLobby(this.s.flow.classView);
      this.onShutdown(
        this.s.flow.onClass((v) => {
          this.fillLobby(v);
          this.redraw();
        }),
      );
    }
  }

  private buildJoin(code: string, notice?: string): void {
    const t = this.t.bind(this);
    const lang = this.s.lang;
    const net = this.s.net;
    const codeInput = el('input', {
      attrs: {
        name: 'join-code',
        autocomplete: 'off',
        autocapitalize: 'characters',
        spellcheck: 'false',
        maxlength: 12,
        'data-testid': 'join-code',
      },
    });
    codeInput.value = code;
    const nick = el('input', {
      attrs: {
        name: 'join-nickname',
        maxlength: 20,
        autocomplete: 'nickname',
        'data-testid': 'join-nickname',
      },
    });
    nick.value = net.currentSession?.nickname ?? '';
    const msg = messageLine('join-message');
    if (notice) msg.show(notice, 'error');
    const submit = el(
      'button',
      { class: 'primary', attrs: { type: 'submit', 'data-testid': 'join-submit' } },
      t('joinClassButton'),
    );
    const form = el(
      'form',
      { class: 'stack join-form' },
      field(t('classCodeLabel'), codeInput, 'big-field'),
      field(t('nicknameLabel'), nick, 'big-field'),
      submit,
      msg.root,
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const c = normalizeCode(codeInput.value);
      const n = nick.value.trim();
      if (c === '') return msg.show(t('classCodeRequired'), 'error');
      if (n === '') return msg.show(t('nicknameRequired'), 'error');
      submit.disabled = true;
      void net.joinClass(c, n).then((a) => {
        submit.disabled = false;
        if (!a.ok) return msg.show(errorMessage(lang, a.error), 'error');
        this.s.flow.setClass(a.data.class);
        this.s.flow.showClass({ mode: 'lobby' });
      });
    });
    const home = el('button', { attrs: { type: 'button', 'data-testid': 'home' } }, t('homeButton'));
    home.addEventListener('click', () => this.s.flow.showHome());
    append(
      this.panel,
      el('h1', { class: 'screen-title' }, t('classJoinTitle')),
      el('p', { class: 'lead' }, t('classJoinLead')),
      form,
      el('div', { class: 'actions' }, home),
    );
    // the code came with the link: the nickname is what is left to type
    (code ? nick : codeInput).focus();
  }

  private buildRemoved(reason: 'kicked' | 'closed'): void {
    const t = this.t.bind(this);
    const home = el(
      'button',
      { class: 'primary', attrs: { type: 'button', 'data-testid': 'home' } },
      t('homeButton'),
    );
    home.addEventListener('click', () => this.s.flow.showHome());
    append(
      this.panel,
      el('h1', { class: 'screen-title' }, t('classRemovedTitle')),
      el(
        'p',
        { class: 'removed-notice', attrs: { 'data-testid': 'class-removed', 'data-reason': reason } },
        t(reason === 'kicked' ? 'classRemovedKicked' : 'classRemovedClosed'),
      ),
      el('div', { class: 'actions' }, home),
    );
  }

  /** The lobby's words for the class as it is now. */
  private fillLobby(v: StudentView | null): void {
    const root = this.lobby;
    if (!root) return;
    const t = this.t.bind(this);
    const lang = this.s.lang;
    if (!v) {
      // no longer in a class (left in another tab, or the class is gone): back to the join form
      this.time.delayedCall(0, () => this.s.flow.showClass({ mode: 'join' }));
      return;
    }
    this.clock.sync(v.serverNow);
    const round = v.round;
    this.countdown = el('p', { class: 'class-countdown', attrs: { 'data-testid': 'class-countdown' } });
    const status = !round
      ? el(
          'p',
          { class: 'class-status', attrs: { 'data-testid': 'class-status', 'data-phase': 'none' } },
          t('classWaiting'),
        )
      : el('p', {
          class: `class-status phase-${round.phase}`,
          attrs: { 'data-testid': 'class-status', 'data-phase': round.phase, role: 'status' },
        });
    const pair = v.pair;
    const role = pair ? t(pair.role === 'client' ? 'roleClient' : 'roleServer') : '';
    const scenarios = round?.config.scenarios ?? [];
    const sc = pair && scenarios[pair.scenarioIndex];
    const leave = el(
      'button',
      { attrs: { type: 'button', 'data-testid': 'leave-class' } },
      t('classLeaveButton'),
    );
    const msg = messageLine('class-lobby-message');
    leave.addEventListener('click', () => {
      leave.disabled = true;
      void this.s.net.leaveClass().then((a) => {
        leave.disabled = false;
        if (!a.ok) return msg.show(errorMessage(lang, a.error), 'error');
        this.s.flow.setClass(null);
        this.s.flow.showHome();
      });
    });
    root.replaceChildren();
    append(
      root,
      el('h1', { class: 'screen-title' }, t('classLobbyTitle', { title: v.title || t('classUntitled') })),
      el('p', { class: 'class-code-line' }, t('classCodeShown', { code: v.code })),
      el('p', { attrs: { 'data-testid': 'class-you' } }, t('classYou', { name: v.you.nickname })),
      status,
      round && round.phase !== 'ended' ? this.countdown : null,
      pair && round && round.phase !== 'ended'
        ? el(
            'p',
            { class: 'class-pair', attrs: { 'data-testid': 'class-pair', 'data-role': pair.role } },
            t('classYourPair', { role, partner: pair.partner ?? t('botName') }),
          )
        : null,
      sc && round && round.phase !== 'ended' && !pair?.done
        ? el(
            'p',
            {},
            t('classScenario', {
              i: pair.scenarioIndex + 1,
              n: scenarios.length,
              title: scenarioText(lang.lang, sc).title,
            }),
          )
        : null,
      pair?.done && round?.phase !== 'ended' ? el('p', {}, t('classPairDone')) : null,
      v.standing && round?.phase === 'ended'
        ? el(
            'p',
            { class: 'class-standing', attrs: { 'data-testid': 'class-standing' } },
            t('classStanding', {
              rank: v.standing.rank,
              points: v.standing.points,
              correct: v.standing.correct,
              mistakes: v.standing.mistakes,
            }),
          )
        : null,
      el('div', { class: 'actions' }, leave),
      msg.root,
    );
    this.tickDom();
  }

  /** The status line and countdown, from the round and the server's time now. */
  private statusText(v: StudentView): { status: string; clock: string } {
    const round = v.round;
    if (!round) return { status: this.t('classWaiting'), clock: '' };
    const time = clockText(roundLeft(round, this.clock.now()));
    if (round.phase === 'ended') return { status: this.t('classRoundEnded', { n: round.index }), clock: '' };
    if (round.phase === 'paused')
      return { status: this.t('classRoundPaused', { n: round.index, time }), clock: time };
    return { status: this.t('classRoundPlaying', { n: round.index, time }), clock: time };
  }

  private tickDom(): void {
    const v = this.s.flow.classView;
    if (!v || !this.lobby) return;
    const { status, clock } = this.statusText(v);
    const line = this.lobby.querySelector('[data-testid="class-status"]');
    if (line) setText(line, status);
    if (this.countdown) setText(this.countdown, clock);
    this.bigClock?.setText(clock);
  }

  protected layout(w: number, h: number): void {
    const u = Math.max(12, Math.min(w / 30, h / 14, 34));
    const v = this.s.flow.classView;
    const t = this.t.bind(this);
    let y = h * 0.1;
    const title =
      this.classData.mode === 'join'
        ? t('classJoinTitle')
        : this.classData.mode === 'removed'
          ? t('classRemovedTitle')
          : v
            ? v.title || t('classUntitled')
            : '';
    this.text(w / 2, y, title, u * 1.3, {
      fontStyle: 'bold',
      align: 'center',
      wordWrap: { width: w * 0.9 },
    }).setOrigin(0.5, 0);
    y += u * 2.6;
    this.bigClock = null;
    if (this.classData.mode === 'lobby' && v) {
      const { status, clock } = this.statusText(v);
      this.text(w / 2, y, status, u * 0.8, {
        color: CSS.muted,
        align: 'center',
        wordWrap: { width: w * 0.86 },
      }).setOrigin(0.5, 0);
      y += u * 2.4;
      this.bigClock = this.text(w / 2, y, clock, u * 3, {
        fontFamily: MONO,
        fontStyle: 'bold',
        color: v.round?.phase === 'paused' ? CSS.warn : CSS.client,
      }).setOrigin(0.5, 0);
    }
  }

  private tickAt = 0;

  protected override tick(time: number): void {
    if (this.classData.mode !== 'lobby' || time - this.tickAt < 250) return;
    this.tickAt = time;
    this.tickDom();
  }

  protected override teardown(): void {
    this.countdown = null;
    this.bigClock = null;
    this.lobby = null;
  }
}
