/**
 * One host above its timeline: its role (and whether it is you) and nickname, its state, and for
 * the player's own side its running clock as a shrinking bar (the retransmission timer when it
 * runs, else the turn); and the player's connection record (the TCB's sequence numbers) as "FIELD
 * value" cells in the chosen numbering ("SND.NXT x+1"): the sending half beside the receiving half
 * when the width allows (inside the card on a wide board, across the board under both cards on a
 * narrow one). The windows never change in this game: the page's record table has them.
 */
import Phaser from 'phaser';
import type { GameView } from '../../../../shared/game/game-view';
import { stateText, type Lang, type TextParams } from '../../../../shared/i18n';
import { TCP_STATES, type Side } from '../../../../shared/tcp/types';
import type { UiKey } from '../../i18n/ui-texts';
import { recordText, secondsLeft, stateGloss, type RecordField } from '../../view/format';
import type { Numbering } from '../../view/numbering';
import type { Rect } from '../base-scene';
import { textMaker } from './canvas-text';
import { fitLine, textWidth } from './text-measure';
import { COLORS, CSS, MONO, sideColor, sideCss } from '../theme';

type T = (key: UiKey, params?: TextParams) => string;

type TimerKind = 'turn' | 'rto';

const TIMER_LABEL: Record<TimerKind, UiKey> = { turn: 'timerTurn', rto: 'timerRto' };
const TIMER_COLOR: Record<TimerKind, number> = { turn: COLORS.good, rto: COLORS.warn };

interface TimerRow {
  label: Phaser.GameObjects.Text;
  value: Phaser.GameObjects.Text;
  bar: Phaser.GameObjects.Graphics;
  y: number;
}

/** Sizes shared by a card's layout and the height it asks for. */
function metrics(fs: number) {
  return { pad: Math.round(fs * 0.5), lineH: Math.round(fs * 1.25), head: Math.round(fs * 1.6) };
}

/** Whether the longest state name of a language fits one line of a card's width (else the code alone). */
function fullNames(fs: number, width: number, lang: Lang): boolean {
  return (
    Math.max(...TCP_STATES.map((s) => textWidth(stateText(lang, s).name, fs * 1.05, false, true))) <= width
  );
}

/** The record fields drawn: the sending half, then the receiving half. */
const SEND_FIELDS: readonly [RecordField, string][] = [
  ['iss', 'ISS'],
  ['sndUna', 'SND.UNA'],
  ['sndNxt', 'SND.NXT'],
];
const RECEIVE_FIELDS: readonly [RecordField, string][] = [
  ['irs', 'IRS'],
  ['rcvNxt', 'RCV.NXT'],
];
const GRID_FIELDS = [...SEND_FIELDS, ...RECEIVE_FIELDS];

export interface CardSpec {
  side: Side;
  /** The player's own side shows its clocks (and its record, when `record` is set). */
  mine: boolean;
  fs: number;
  lang: Lang;
  /** The record grid inside the card (a wide board), or not (a phone shows it across the board). */
  record: boolean;
  numbering: Numbering;
}

export class HostCard {
  private readonly state: Phaser.GameObjects.Text;
  private readonly timers: TimerRow[] = [];
  private readonly grid: RecordGrid | null;
  private readonly inner: Rect;
  private readonly fullName: boolean;
  private lastState = '';

  /** The height a card's content needs at a width. */
  static height(c: CardSpec, width: number, values: readonly string[]): number {
    const { pad, lineH, head } = metrics(c.fs);
    const inner = width - 2 * pad;
    let h = head + pad * 0.6 + lineH * 1.05 + pad * 0.4;
    if (c.mine && c.record) h += RecordGrid.height(c.fs, inner, values) + pad * 0.5;
    if (c.mine) h += lineH + c.fs * 0.35;
    return Math.ceil(h + pad * 0.6);
  }

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly r: Rect,
    private readonly c: CardSpec,
    private readonly t: T,
    nickname: string,
    values: readonly string[],
  ) {
    const { fs, side, mine } = c;
    const { pad, lineH, head } = metrics(fs);
    const text = textMaker(scene, fs);
    const g = scene.add.graphics();
    g.fillStyle(COLORS.panel, 1).fillRoundedRect(r.x, r.y, r.w, r.h, 10);
    g.lineStyle(mine ? 4 : 2, sideColor(side), 1).strokeRoundedRect(r.x, r.y, r.w, r.h, 10);
    g.fillStyle(sideColor(side), 1).fillRoundedRect(r.x, r.y, r.w, head, { tl: 10, tr: 10, bl: 0, br: 0 });
    this.inner = { x: r.x + pad, y: r.y + head + pad * 0.6, w: r.w - 2 * pad, h: r.h - head - pad };
    const role = t(side === 'client' ? 'roleClient' : 'roleServer') + (mine ? t('youMarker') : '');
    // the role whole, the nickname cut to what is left of the line (a long one ends in an ellipsis)
    const prefix = `${role} · `;
    const room = r.w - 2 * pad - textWidth(prefix, fs, false, true);
    text(r.x + pad, r.y + head / 2, prefix + fitLine(nickname, fs, room, true), fs, {
      color: CSS.white,
      fontStyle: 'bold',
      maxLines: 1,
      fixedWidth: r.w - 2 * pad,
    }).setOrigin(0, 0.5);
    const a = this.inner;
    this.fullName = fullNames(fs, a.w, c.lang);
    this.state = text(a.x, a.y, '', fs * 1.05, { fontStyle: 'bold', color: sideCss(side) });
    let y = a.y + lineH * 1.05 + pad * 0.4;
    this.grid = null;
    if (mine && c.record) {
      const h = RecordGrid.height(fs, a.w, values);
      this.grid = new RecordGrid(scene, { x: a.x, y, w: a.w, h }, side, fs, t, values);
      y += h + pad * 0.5;
    }
    if (mine) {
      this.timers.push({
        label: text(a.x, y, '', fs, { color: CSS.ink }),
        value: text(a.x + a.w, y, '', fs, { fontFamily: MONO, color: CSS.ink }).setOrigin(1, 0),
        bar: scene.add.graphics(),
        y: y + lineH,
      });
    }
  }

  /**
   * New state and record values from a view; false when a value no longer fits its cell (the
   * board is then laid out again with room for it).
   */
  update(v: GameView, num: Numbering): boolean {
    const mine = this.c.side === v.role;
    const state = mine ? v.you.record.state : v.peer.state;
    if (state !== this.lastState) {
      this.lastState = state;
      const name = stateText(this.c.lang, state).name;
      this.state.setText(this.fullName || stateGloss(name) === '' ? name : state);
    }
    return this.grid ? this.grid.update(v, num) : true;
  }

  /** The clocks at server time `now`. */
  tick(v: GameView, now: number): void {
    const list: { kind: TimerKind; at: number; span: number }[] = [];
    const tm = v.you.timers;
    // the retransmission timer first: when it fires, a segment must go again
    if (tm.rto !== null) list.push({ kind: 'rto', at: tm.rto, span: v.settings.rtoMs });
    if (tm.turn !== null && v.you.canAct) list.push({ kind: 'turn', at: tm.turn, span: v.settings.turnMs });
    const a = this.inner;
    const fs = this.c.fs;
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
      const frac = Math.max(0, Math.min(1, left / Math.max(1, item.span)));
      const h = Math.max(3, fs * 0.22);
      row.bar.fillStyle(COLORS.panelLine, 1).fillRect(a.x, row.y, a.w, h);
      row.bar.fillStyle(TIMER_COLOR[item.kind], 1).fillRect(a.x, row.y, a.w * frac, h);
    });
  }
}

/**
 * The player's record as "FIELD value" cells: the sending half (ISS, SND.UNA, SND.NXT) beside the
 * receiving half (IRS, RCV.NXT) when two columns fit, else one under the other.
 */
export class RecordGrid {
  private readonly cells: Phaser.GameObjects.Text[] = [];
  private readonly valueRoom: number;

  /** The widest cell for the values shown (at least room for "y+1000"), label included. */
  private static cellWidth(fs: number, values: readonly string[]): number {
    const label = Math.max(...GRID_FIELDS.map(([, l]) => textWidth(l, fs, true)));
    const value = Math.max(textWidth('y+1000', fs, true), ...values.map((v) => textWidth(v, fs, true)));
    return label + textWidth(' ', fs, true) + value + fs * 0.8;
  }

  private static columns(fs: number, width: number, values: readonly string[]): number {
    return width >= 2 * RecordGrid.cellWidth(fs, values) ? 2 : 1;
  }

  /** The height of the grid at a width. */
  static height(fs: number, width: number, values: readonly string[]): number {
    const rows = RecordGrid.columns(fs, width, values) === 2 ? SEND_FIELDS.length : GRID_FIELDS.length;
    return rows * Math.round(fs * 1.25);
  }

  constructor(
    scene: Phaser.Scene,
    r: Rect,
    private readonly side: Side,
    private readonly fs: number,
    private readonly t: T,
    values: readonly string[],
  ) {
    const text = textMaker(scene, fs);
    const cols = RecordGrid.columns(fs, r.w, values);
    const colW = r.w / cols;
    const labelW = Math.max(...GRID_FIELDS.map(([, l]) => textWidth(l, fs, true))) + textWidth(' ', fs, true);
    this.valueRoom = colW - labelW - fs * 0.3;
    const lineH = Math.round(fs * 1.25);
    GRID_FIELDS.forEach((_, i) => {
      const second = cols === 2 && i >= SEND_FIELDS.length;
      const row = second ? i - SEND_FIELDS.length : i;
      this.cells.push(
        text(r.x + (second ? colW : 0), r.y + row * lineH, '', fs, { fontFamily: MONO, color: CSS.ink }),
      );
    });
  }

  /** The values of a view; false when one no longer fits its cell. */
  update(v: GameView, num: Numbering): boolean {
    const rec = v.you.record;
    const unknown = this.t('unknownValue');
    let fits = true;
    const labelW = Math.max(...GRID_FIELDS.map(([, l]) => l.length));
    GRID_FIELDS.forEach(([k, label], i) => {
      const value = recordText(k, rec[k], this.side, num, unknown);
      if (textWidth(value, this.fs, true) > this.valueRoom + 1) fits = false;
      const s = `${label.padEnd(labelW)} ${value}`;
      const cell = this.cells[i]!;
      if (cell.text !== s) cell.setText(s);
    });
    return fits;
  }
}

/** The texts of a record's values in a numbering (to size the grid before it is drawn). */
export function recordValues(v: GameView, num: Numbering, unknown: string): string[] {
  return GRID_FIELDS.map(([k]) => recordText(k, v.you.record[k], v.role, num, unknown));
}
