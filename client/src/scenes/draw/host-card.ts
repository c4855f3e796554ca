/**
 * One host on the board: its role (and whether it is you), its state, the record values the player
 * may know (all of its own; of the peer only the state), and its running clocks as shrinking bars.
 */
import Phaser from 'phaser';
import type { GameView } from '../../../../shared/game/game-view';
import { stateText, type Lang, type TextParams } from '../../../../shared/i18n';
import type { Side } from '../../../../shared/tcp/types';
import type { UiKey } from '../../i18n/ui-texts';
import { RECORD_FIELDS, recordValue, secondsLeft } from '../../view/format';
import type { Rect } from '../base-scene';
import { textMaker } from './canvas-text';
import { timerRows } from './board-layout';
import { COLORS, CSS, MONO, sideColor, sideCss } from '../theme';

type T = (key: UiKey, params?: TextParams) => string;

interface TimerRow {
  label: Phaser.GameObjects.Text;
  value: Phaser.GameObjects.Text;
  bar: Phaser.GameObjects.Graphics;
  y: number;
}

type TimerKind = 'turn' | 'rto' | 'timeWait' | 'synRcvd';

const TIMER_LABEL: Record<TimerKind, UiKey> = {
  turn: 'timerTurn',
  rto: 'timerRto',
  timeWait: 'timerTimeWait',
  synRcvd: 'timerSynRcvd',
};
const TIMER_COLOR: Record<TimerKind, number> = {
  turn: COLORS.good,
  rto: COLORS.warn,
  timeWait: COLORS.injected,
  synRcvd: COLORS.muted,
};

export class HostCard {
  private readonly state: Phaser.GameObjects.Text;
  private readonly record: Phaser.GameObjects.Text[] = [];
  private readonly timers: TimerRow[] = [];
  private readonly inner: Rect;
  private lastState = '';
  /** Longest deadline seen per timer, for the bar of a timer whose full length the view does not give. */
  private readonly spans = new Map<string, number>();

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly side: Side,
    private readonly me: Side,
    private readonly r: Rect,
    private readonly fs: number,
    private readonly orientation: 'h' | 'v',
    private readonly lang: Lang,
    private readonly t: T,
    nickname: string,
  ) {
    const mine = side === me;
    const pad = Math.round(fs * 0.6);
    const g = scene.add.graphics();
    g.fillStyle(COLORS.panel, 1).fillRoundedRect(r.x, r.y, r.w, r.h, 10);
    g.lineStyle(mine ? 4 : 2, sideColor(side), 1).strokeRoundedRect(r.x, r.y, r.w, r.h, 10);
    const headH = orientation === 'h' ? fs * 2.7 : fs * 1.6;
    g.fillStyle(sideColor(side), 1).fillRoundedRect(r.x, r.y, r.w, headH, { tl: 10, tr: 10, bl: 0, br: 0 });
    this.inner = { x: r.x + pad, y: r.y + headH + pad * 0.6, w: r.w - 2 * pad, h: r.h - headH - pad };

    const role = t(side === 'client' ? 'roleClient' : 'roleServer') + (mine ? t('youMarker') : '');
    const text = textMaker(scene);
    const nameWidth = { width: r.w - 2 * pad, useAdvancedWrap: true };
    if (orientation === 'h') {
      text(r.x + pad, r.y + fs * 0.25, role, fs * 1.05, { color: CSS.white, fontStyle: 'bold' });
      text(r.x + pad, r.y + fs * 1.45, nickname, fs * 0.8, {
        color: CSS.white,
        maxLines: 1,
        wordWrap: nameWidth,
      });
    } else {
      text(r.x + pad, r.y + fs * 0.2, `${role} · ${nickname}`, fs * 0.95, {
        color: CSS.white,
        fontStyle: 'bold',
        maxLines: 1,
        wordWrap: nameWidth,
      });
    }
    const a = this.inner;
    this.state = text(a.x, a.y, '', fs * 1.1, {
      fontStyle: 'bold',
      color: sideCss(side),
      wordWrap: { width: a.w, useAdvancedWrap: true },
    });
    let y = a.y + fs * (orientation === 'h' ? 3.1 : 1.6);
    // the record's columns: one "LABEL value" line each on a narrow card, label over value when wide
    if (mine) {
      const cols = orientation === 'h' ? 1 : 4;
      const colW = a.w / cols;
      RECORD_FIELDS.forEach((_, i) => {
        const col = i % cols;
        const row = Math.floor(i / cols);
        const lineH = orientation === 'h' ? fs * 1.3 : fs * 2.5;
        this.record.push(
          text(a.x + col * colW, y + row * lineH, '', fs * 0.9, {
            fontFamily: MONO,
            color: CSS.ink,
            lineSpacing: 1,
          }),
        );
      });
      y += Math.ceil(RECORD_FIELDS.length / cols) * (orientation === 'h' ? fs * 1.3 : fs * 2.5) + fs * 0.3;
    } else {
      const note = text(a.x, y, t('peerNumbersUnknown'), fs * 0.78, {
        color: CSS.muted,
        wordWrap: { width: a.w, useAdvancedWrap: true },
      });
      y += Math.max(note.height, fs * 1.2) + fs * 0.3;
    }
    const rows = timerRows(mine);
    for (let i = 0; i < rows; i++) {
      const ry = y + i * fs * 1.75;
      if (ry + fs * 1.5 > r.y + r.h) break;
      this.timers.push({
        label: text(a.x, ry, '', fs * 0.78, { color: CSS.ink }),
        value: text(a.x + a.w, ry, '', fs * 0.78, { fontFamily: MONO, color: CSS.ink }).setOrigin(1, 0),
        bar: scene.add.graphics(),
        y: ry + fs * 1.15,
      });
    }
  }

  /** New record values and state from a view. */
  update(v: GameView): void {
    const mine = this.side === this.me;
    const state = mine ? v.you.record.state : v.peer.state;
    if (state !== this.lastState) {
      this.lastState = state;
      this.state.setText(stateText(this.lang, state).name);
    }
    if (mine) {
      const rec = v.you.record;
      const unknown = this.t('unknownValue');
      RECORD_FIELDS.forEach(([k, label], i) => {
        const value = recordValue(rec[k], unknown);
        const s = this.orientation === 'h' ? `${label.padEnd(8)}${value}` : `${label}\n${value}`;
        const obj = this.record[i]!;
        if (obj.text !== s) obj.setText(s);
      });
    }
  }

  /** The clocks at server time `now`. */
  tick(v: GameView, now: number): void {
    const mine = this.side === this.me;
    const list: { kind: TimerKind; at: number; span: number }[] = [];
    if (mine) {
      const tm = v.you.timers;
      if (tm.turn !== null && v.you.canAct) list.push({ kind: 'turn', at: tm.turn, span: v.settings.turnMs });
      if (tm.rto !== null) list.push({ kind: 'rto', at: tm.rto, span: v.settings.rtoMs });
      if (tm.timeWait !== null) list.push({ kind: 'timeWait', at: tm.timeWait, span: 2 * v.settings.mslMs });
      if (tm.synRcvd !== null)
        list.push({ kind: 'synRcvd', at: tm.synRcvd, span: this.span('synRcvd', tm.synRcvd - now) });
    } else if (v.peer.timeWait !== null) {
      list.push({ kind: 'timeWait', at: v.peer.timeWait, span: 2 * v.settings.mslMs });
    }
    this.timers.forEach((row, i) => {
      const item = list[i];
      row.bar.clear();
      if (!item || v.phase !== 'playing') {
        if (row.label.text !== '') row.label.setText('');
        if (row.value.text !== '') row.value.setText('');
        return;
      }
      const left = item.at - now;
      const label = this.t(TIMER_LABEL[item.kind]);
      const value = this.t('seconds', { s: secondsLeft(left) });
      if (row.label.text !== label) row.label.setText(label);
      if (row.value.text !== value) row.value.setText(value);
      const a = this.inner;
      const frac = Math.max(0, Math.min(1, left / Math.max(1, item.span)));
      row.bar.fillStyle(COLORS.panelLine, 1).fillRect(a.x, row.y, a.w, Math.max(3, this.fs * 0.25));
      row.bar
        .fillStyle(TIMER_COLOR[item.kind], 1)
        .fillRect(a.x, row.y, a.w * frac, Math.max(3, this.fs * 0.25));
    });
  }

  private span(key: string, left: number): number {
    const s = Math.max(this.spans.get(key) ?? 0, left);
    this.spans.set(key, s);
    return s;
  }
}
