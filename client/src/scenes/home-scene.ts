/**
 * The home screen: what the game is, how to play (one screen, in a dialog), and the ways into a
 * game: practice against the bot first (it needs nobody else), then a class, quick match, the
 * nickname, a private room, hosting a class. The canvas plays a small handshake on a loop.
 */
import Phaser from 'phaser';
import type { BotLevel } from '../../../shared/game/game-types';
import type { RoleChoice } from '../../../shared/protocol/events';
import type { Side, TcpState } from '../../../shared/tcp/types';
import type { HomeData } from '../app/flow';
import type { Services } from '../app/services';
import { normalizeCode } from '../class/class-route';
import { errorMessage } from '../ui/ack-text';
import { append, el } from '../ui/dom';
import { choice, field, messageLine, scenarioPicker } from '../ui/forms';
import { BaseScene } from './base-scene';
import { CSS, MONO, sideColor, sideCss } from './theme';

/**
 * The demo on the home screen: a connection's life as a ladder diagram, drawn segment by segment
 * on a loop: the three-way handshake, then the four-way teardown (the handshake alone on a small
 * screen). Each row: who sends, the label, and the states each side is in once it has arrived.
 */
const DEMO: readonly { from: Side; label: string; after: [TcpState | null, TcpState | null] }[] = [
  { from: 'client', label: 'SYN seq=x', after: ['SYN_SENT', 'SYN_RCVD'] },
  { from: 'server', label: 'SYN,ACK seq=y ack=x+1', after: ['ESTABLISHED', null] },
  { from: 'client', label: 'ACK seq=x+1 ack=y+1', after: [null, 'ESTABLISHED'] },
  { from: 'client', label: 'FIN,ACK seq=u ack=v', after: ['FIN_WAIT_1', 'CLOSE_WAIT'] },
  { from: 'server', label: 'ACK seq=v ack=u+1', after: ['FIN_WAIT_2', null] },
  { from: 'server', label: 'FIN,ACK seq=w ack=u+1', after: ['TIME_WAIT', 'LAST_ACK'] },
  { from: 'client', label: 'ACK seq=u+1 ack=w+1', after: [null, 'CLOSED'] },
];
/** Seconds per segment's flight, the pause after it, and the rest at the end of the loop. */
const FLY = 0.9;
const STEP = 1.3;
const REST = 2.5;

interface DemoRow {
  y0: number;
  y1: number;
  from: Side;
  label: Phaser.GameObjects.Text;
  states: Phaser.GameObjects.Text[];
}

export class HomeScene extends BaseScene {
  private demo: {
    rows: DemoRow[];
    g: Phaser.GameObjects.Graphics;
    x: Record<Side, number>;
    u: number;
  } | null = null;

  constructor(s: Services) {
    super('home', s);
  }

  protected build(data: HomeData): void {
    const t = this.t.bind(this);
    const net = this.s.net;
    const lang = this.s.lang;
    const flow = this.s.flow;
    const busy = (b: boolean) => this.panel.querySelectorAll('button').forEach((x) => (x.disabled = b));

    // nickname
    const nick = el('input', {
      attrs: { name: 'nickname', maxlength: 20, autocomplete: 'nickname', 'data-testid': 'nickname' },
    });
    nick.value = net.currentSession?.nickname ?? '';
    const nickMsg = messageLine('nickname-message');
    const nickForm = el(
      'form',
      { class: 'inline-form' },
      field(t('nicknameLabel'), nick),
      el('button', { attrs: { type: 'submit' } }, t('nicknameSave')),
    );
    nickForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void net.updateSession({ nickname: nick.value }).then((a) => {
        if (a.ok) nickMsg.show(t('nicknameSaved', { name: a.data.nickname }));
        else nickMsg.show(errorMessage(lang, a.error), 'error');
      });
    });
    const unsubscribe = net.on('session', (info) => {
      if (document.activeElement !== nick) nick.value = info.nickname;
    });
    this.onShutdown(unsubscribe);

    // join a class: the class screen's form takes the code and asks for the nickname
    const classCode = el('input', {
      attrs: {
        name: 'class-code',
        autocomplete: 'off',
        autocapitalize: 'characters',
        maxlength: 12,
        'data-testid': 'class-code',
      },
    });
    const classMsg = messageLine('class-message');
    const classForm = el(
      'form',
      { class: 'inline-form' },
      field(t('classCodeLabel'), classCode),
      el('button', { attrs: { type: 'submit', 'data-testid': 'join-class' } }, t('joinClassButton')),
    );
    classForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const code = normalizeCode(classCode.value);
      if (code === '') return classMsg.show(t('classCodeRequired'), 'error');
      flow.showClass({ mode: 'join', code });
    });

    // quick match
    const quickMsg = messageLine('quick-message');
    const quickButton = el(
      'button',
      { class: 'primary', attrs: { type: 'button', 'data-testid': 'quick-match' } },
      t('quickButton'),
    );
    quickButton.addEventListener('click', () => {
      busy(true);
      void net.quickMatch({ role: 'any' }).then((a) => {
        busy(false);
        if (!a.ok) return quickMsg.show(errorMessage(lang, a.error), 'error');
        if (a.data.status === 'waiting') flow.showWaiting({ kind: 'quick' });
        else flow.accept(a.data.game);
      });
    });

    // private match
    const privScenario = scenarioPicker(lang, 'private-scenario', 'client-closes-first');
    const privRole = choice<RoleChoice>(
      'private-role',
      [
        { value: 'client', label: t('roleClient') },
        { value: 'server', label: t('roleServer') },
        { value: 'any', label: t('roleAny') },
      ],
      'client',
    );
    const privMsg = messageLine('private-message');
    const createButton = el(
      'button',
      { class: 'primary', attrs: { type: 'button', 'data-testid': 'create-room' } },
      t('createRoomButton'),
    );
    createButton.addEventListener('click', () => {
      busy(true);
      const scenario = privScenario.value();
      const role = privRole.value();
      void net.createPrivate({ scenario, role }).then((a) => {
        busy(false);
        if (!a.ok) return privMsg.show(errorMessage(lang, a.error), 'error');
        flow.showWaiting({ kind: 'private', code: a.data.code, scenario, role });
        flow.accept(a.data.game);
      });
    });
    const roomCode = el('input', {
      attrs: {
        name: 'room-code',
        autocomplete: 'off',
        autocapitalize: 'characters',
        'data-testid': 'room-code',
      },
    });
    const joinForm = el(
      'form',
      { class: 'inline-form' },
      field(t('roomCodeLabel'), roomCode),
      el('button', { attrs: { type: 'submit', 'data-testid': 'join-room' } }, t('joinRoomButton')),
    );
    joinForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const code = roomCode.value.trim().toUpperCase();
      if (code === '') return privMsg.show(t('codeRequired'), 'error');
      busy(true);
      void net.joinPrivate(code).then((a) => {
        busy(false);
        if (!a.ok) return privMsg.show(errorMessage(lang, a.error), 'error');
        flow.accept(a.data.game);
      });
    });

    // practice
    const pracScenario = scenarioPicker(lang, 'practice-scenario', 'three-way-handshake');
    const pracRole = choice<Side>(
      'practice-role',
      [
        { value: 'client', label: t('roleClient') },
        { value: 'server', label: t('roleServer') },
      ],
      'client',
    );
    const level = choice<BotLevel>(
      'practice-level',
      [
        { value: 'partner', label: t('levelPartner') },
        { value: 'catch', label: t('levelCatch') },
      ],
      'partner',
    );
    const hints = el('input', {
      attrs: { type: 'checkbox', name: 'hints', 'data-testid': 'practice-hints' },
    });
    hints.checked = true;
    const pracMsg = messageLine('practice-message');
    const pracButton = el(
      'button',
      { class: 'primary', attrs: { type: 'submit', 'data-testid': 'start-practice' } },
      t('practiceButton'),
    );
    const pracForm = el(
      'form',
      { class: 'stack' },
      pracScenario.root,
      el(
        'div',
        { class: 'row' },
        field(t('roleLabel'), pracRole.select),
        field(t('levelLabel'), level.select),
      ),
      el('label', { class: 'check' }, hints, t('hintsLabel')),
      pracButton,
      pracMsg.root,
    );
    pracForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      busy(true);
      void net
        .startPractice({
          scenario: pracScenario.value(),
          role: pracRole.value(),
          level: level.value(),
          hints: hints.checked,
        })
        .then((a) => {
          busy(false);
          if (!a.ok) return pracMsg.show(errorMessage(lang, a.error), 'error');
          flow.accept(a.data.game);
        });
    });

    // host a class: the teacher's console is its own page (a link, so it opens in a new tab too)
    const hostButton = el(
      'a',
      { class: 'button-link', attrs: { href: '/host', 'data-testid': 'host-class' } },
      t('hostClassButton'),
    );

    // a capture replayed in the browser: its own page too
    const replayLink = el(
      'a',
      { class: 'home-replay-link', attrs: { href: '/replay', 'data-testid': 'replay-link' } },
      t('replayPageLink'),
    );

    const section = (id: string, title: string, ...body: (HTMLElement | null)[]) =>
      el(
        'section',
        { class: `card card-${id}`, attrs: { 'aria-labelledby': `h-${id}` } },
        el('h2', { id: `h-${id}` }, title),
        ...body,
      );

    const notice = messageLine('home-notice');
    if (data.notice) notice.show(data.notice);

    // how to play: one screen, in a dialog over the page
    const howTo = this.howToDialog();
    const howToButton = el(
      'button',
      {
        class: 'how-to-open',
        attrs: { type: 'button', 'data-testid': 'how-to-open', 'aria-haspopup': 'dialog' },
      },
      t('howToButton'),
    );
    howToButton.addEventListener('click', () => howTo.showModal());

    append(
      this.panel,
      el('h1', { class: 'screen-title sr-only' }, t('appTitle')),
      el('p', { class: 'intro' }, t('homeIntro')),
      howToButton,
      notice.root,
      section('practice', t('practiceTitle'), el('p', { class: 'lead' }, t('practiceLead')), pracForm),
      section(
        'class',
        t('joinClassTitle'),
        el('p', { class: 'lead' }, t('joinClassLead')),
        classForm,
        classMsg.root,
      ),
      section('quick', t('quickTitle'), quickButton, quickMsg.root),
      section('nickname', t('playerTitle'), nickForm, nickMsg.root),
      section(
        'private',
        t('privateTitle'),
        el(
          'div',
          { class: 'stack' },
          privScenario.root,
          field(t('roleLabel'), privRole.select),
          createButton,
        ),
        joinForm,
        privMsg.root,
      ),
      section(
        'host',
        t('hostClassTitle'),
        el('p', { class: 'lead' }, t('hostClassLead')),
        hostButton,
        el('p', { class: 'home-replay' }, replayLink),
      ),
      howTo,
    );
  }

  /** How to play in six short lines: roles, turns, a segment's fields, the judge, numbers, the goal. */
  private howToDialog(): HTMLDialogElement {
    const t = this.t.bind(this);
    const close = el(
      'button',
      { class: 'primary', attrs: { type: 'button', 'data-testid': 'how-to-close' } },
      t('howToClose'),
    );
    const dialog = el(
      'dialog',
      { class: 'how-to', attrs: { 'aria-labelledby': 'h-how-to', 'data-testid': 'how-to' } },
      el(
        'div',
        { class: 'how-to-body' },
        el('h2', { id: 'h-how-to' }, t('howToTitle')),
        el(
          'ol',
          {},
          ...[
            t('howToRoles'),
            t('howToTurns'),
            t('howToSegment'),
            t('howToJudge'),
            t('howToNumbers'),
            t('howToGoal', { practice: t('practiceTitle') }),
          ].map((line) => {
            // the words before the first colon ("Turns:", "轮流行动：") in bold, to read at a glance
            const m = /^([^:：]{1,24}[:：])\s*(.*)$/su.exec(line);
            return m ? el('li', {}, el('strong', {}, m[1]!), ' ', m[2]!) : el('li', {}, line);
          }),
        ),
        close,
      ),
    );
    close.addEventListener('click', () => dialog.close());
    // a click on the backdrop (the dialog element itself, outside its content) closes it too
    dialog.addEventListener('click', (ev) => {
      if (ev.target === dialog) dialog.close();
    });
    return dialog;
  }

  protected layout(w: number, h: number): void {
    const u = Math.max(12, Math.min(w / 34, h / 18, 28));
    const t = this.t.bind(this);
    this.text(w / 2, u * 0.9, t('appTitle'), u * 1.7, { fontStyle: 'bold' }).setOrigin(0.5, 0);
    this.text(w / 2, u * 3.1, t('appTagline'), Math.max(12, u * 0.85), { color: CSS.muted }).setOrigin(
      0.5,
      0,
    );

    // the ladder: one row per segment, time running down
    const top = u * 5.2;
    const bottom = h - u * 0.8;
    const fs = Math.max(12, u * 0.66);
    const full = (bottom - top) / (DEMO.length + 3) >= fs * 2.6;
    const rows = full ? DEMO : DEMO.slice(0, 3);
    const gaps = full ? 2 : 1;
    const rowH = Math.min(u * 3, (bottom - top - fs * 2) / (rows.length + gaps));
    const x: Record<Side, number> = { client: w * 0.25, server: w * 0.75 };
    const g = this.add.graphics();
    const sides: Side[] = ['client', 'server'];
    for (const side of sides) {
      this.text(x[side], top, t(side === 'client' ? 'roleClient' : 'roleServer'), fs * 1.25, {
        color: sideCss(side),
        fontStyle: 'bold',
      }).setOrigin(0.5, 0);
    }
    const lineTop = top + fs * 2;
    const lineBottom = lineTop + rowH * (rows.length + gaps - 0.4);
    for (const side of sides)
      g.lineStyle(3, sideColor(side), 1).lineBetween(x[side], lineTop, x[side], lineBottom);
    const section = (y: number, key: 'demoOpen' | 'demoClose') =>
      this.text(w / 2, y, t(key), fs * 0.9, { color: CSS.muted, fontStyle: 'bold' }).setOrigin(0.5, 0.5);
    // the section's title between the timelines only where it clears the first arrow's label
    if (rowH >= fs * 2.2) section(lineTop + rowH * 0.35, 'demoOpen');
    const demoRows: DemoRow[] = rows.map((d, i) => {
      const y0 = lineTop + rowH * (i + 1 + (i >= 3 ? 1 : 0));
      const y1 = y0 + rowH * 0.7;
      if (i === 3) section(y0 - rowH * 0.65, 'demoClose');
      const label = this.text(w / 2, (y0 + y1) / 2 - fs * 0.35, d.label, fs, {
        fontFamily: MONO,
        color: sideCss(d.from),
        backgroundColor: '#f4f6fa',
      })
        .setOrigin(0.5, 1)
        .setVisible(false);
      const states = sides.flatMap((side, k) => {
        const st = d.after[k];
        if (!st) return [];
        return [
          this.text(side === 'client' ? x.client - fs * 0.6 : x.server + fs * 0.6, y1, st, fs * 0.9, {
            fontFamily: MONO,
            color: CSS.ink,
          })
            .setOrigin(side === 'client' ? 1 : 0, 0.5)
            .setVisible(false),
        ];
      });
      return { y0, y1, from: d.from, label, states };
    });
    this.demo = { rows: demoRows, g: this.add.graphics(), x, u: fs };
  }

  protected override tick(time: number): void {
    const d = this.demo;
    if (!d) return;
    const loop = d.rows.length * STEP + REST;
    const t = (time / 1000) % loop;
    const g = d.g;
    g.clear();
    d.rows.forEach((r, i) => {
      const p = Math.max(0, Math.min(1, (t - i * STEP) / FLY));
      const a = d.x[r.from];
      const b = d.x[r.from === 'client' ? 'server' : 'client'];
      r.label.setVisible(p > 0);
      for (const s of r.states) s.setVisible(p >= 1);
      if (p <= 0) return;
      const color = sideColor(r.from);
      const ex = a + (b - a) * p;
      const ey = r.y0 + (r.y1 - r.y0) * p;
      g.lineStyle(2.5, color, 1).lineBetween(a, r.y0, ex, ey);
      const dir = Math.sign(b - a);
      const k = d.u * 0.7;
      g.fillStyle(color, 1).fillTriangle(ex, ey, ex - dir * k, ey - k * 0.55, ex - dir * k, ey + k * 0.25);
    });
  }

  protected override teardown(): void {
    this.demo = null;
  }
}
