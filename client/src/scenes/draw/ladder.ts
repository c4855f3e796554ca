/**
 * The ladder (time-sequence) diagram the textbooks draw, from a LadderModel: the client's timeline
 * on the left, the server's on the right, time running down; each segment an arrow from its send to
 * its arrival labelled with its flags and numbers (in the chosen numbering), a lost one ending in a
 * cross half-way, copies and old segments dashed and tagged; each side's state written beside its
 * timeline at every change (the current one filled in); 2MSL and fired retransmission timeouts as
 * brackets on their side. Time is compressed where nothing happens, and a long round scrolls (the
 * newest part in view unless scrolled back). Knows nothing of the game scene: the game, the round
 * summary's replay and a projector page each give it a model and a moment to draw.
 */
import Phaser from 'phaser';
import type { TextParams } from '../../../../shared/i18n';
import { TCP_STATES, type Side } from '../../../../shared/tcp/types';
import type { UiKey } from '../../i18n/ui-texts';
import { segmentFlags, segmentNumberParts, secondsLeft } from '../../view/format';
import { placeLabel } from '../../view/label-layout';
import type { LadderArrow, LadderModel, LadderState, LadderTimer } from '../../view/ladder-model';
import { ABSOLUTE, type Numbering } from '../../view/numbering';
import type { Rect } from '../base-scene';
import { COLORS, CSS, MONO, sideColor, sideCss } from '../theme';
import { textMaker, type TextMaker } from './canvas-text';
import { textWidth } from './text-measure';

type T = (key: UiKey, params?: TextParams) => string;

export interface LadderOptions {
  /** The text size (every text of the ladder is at least this). */
  fs: number;
  t: T;
  /** The player's side, or null for a neutral picture (a projector). */
  me: Side | null;
  /** Role names over the timelines, when no host cards stand above them. */
  header: boolean;
}

/** What to draw: the moment shown and, for a replay, how much of the log. */
export interface LadderFrame {
  /** Server time: now in a live game, the step's time in a replay. */
  at: number;
  /** Only what the log had shown up to this entry (a replay's step); Infinity: everything. */
  upTo: number;
  /** The arrow drawn emphasised: the step's in a replay, the newest in a live game. */
  focus: number | null;
  /** Live: keep the newest in view (unless scrolled back). Replay: keep `at` in view. */
  follow: 'newest' | 'moment';
}

const SIDES: readonly Side[] = ['client', 'server'];

/** The part of a segment between two horizontal lines, or null when none of it is. */
function clip(x0: number, y0: number, x1: number, y1: number, top: number, bottom: number) {
  if ((y0 < top && y1 < top) || (y0 > bottom && y1 > bottom)) return null;
  const at = (y: number) => (y1 === y0 ? x0 : x0 + ((x1 - x0) * (y - y0)) / (y1 - y0));
  const a = y0 < top ? { x: at(top), y: top } : y0 > bottom ? { x: at(bottom), y: bottom } : { x: x0, y: y0 };
  const b = y1 < top ? { x: at(top), y: top } : y1 > bottom ? { x: at(bottom), y: bottom } : { x: x1, y: y1 };
  return { a, b };
}

export class LadderDiagram {
  private model: LadderModel | null = null;
  private num: Numbering = ABSOLUTE;
  private readonly g: Phaser.GameObjects.Graphics;
  private readonly texts = new Map<string, Phaser.GameObjects.Text>();
  private readonly used = new Set<string>();
  private readonly text: TextMaker;
  private readonly x: Record<Side, number>;
  private readonly top: number;
  private readonly bottom: number;
  private readonly stateW: number;
  private readonly lineH: number;
  /** Pixels per flight time, and the offset scrolled down from the top of the whole ladder. */
  private unit = 0;
  private scroll = 0;
  private maxScroll = 0;
  /** The user scrolled back: stop following the newest until scrolled to the end again. */
  private held = false;
  private unitKey = '';
  private moment = '';

  constructor(
    private readonly scene: Phaser.Scene,
    readonly r: Rect,
    private readonly o: LadderOptions,
  ) {
    const fs = o.fs;
    this.text = textMaker(scene, fs);
    this.lineH = Math.round(fs * 1.22);
    // each side's states are written outside its timeline: room for the longest one
    this.stateW = Math.max(...TCP_STATES.map((s) => textWidth(s, fs, true, true))) + 8;
    const inset = Math.min(this.stateW + fs * 0.5, r.w * 0.3);
    this.x = { client: r.x + inset, server: r.x + r.w - inset };
    const bg = scene.add.graphics();
    bg.fillStyle(COLORS.panel, 0.75).fillRoundedRect(r.x, r.y, r.w, r.h, 10);
    bg.lineStyle(1, COLORS.panelLine, 1).strokeRoundedRect(r.x, r.y, r.w, r.h, 10);
    let top = r.y + fs * 0.6;
    if (o.header) {
      for (const side of SIDES) {
        const role =
          o.t(side === 'client' ? 'roleClient' : 'roleServer') + (side === o.me ? o.t('youMarker') : '');
        this.text(this.x[side], top, role, fs * 1.1, { color: sideCss(side), fontStyle: 'bold' }).setOrigin(
          0.5,
          0,
        );
      }
      top += fs * 1.9;
    }
    // room for the first state above the first arrow
    this.top = top + this.lineH;
    this.bottom = r.y + r.h - fs * 0.5;
    this.g = scene.add.graphics().setDepth(1);
  }

  /** Where the two timelines run (host cards above them line up with these). */
  get lifelines(): Readonly<Record<Side, number>> {
    return this.x;
  }

  /** True when (x, y) is on the ladder (for scrolling it by wheel or drag). */
  contains(x: number, y: number): boolean {
    const r = this.r;
    return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
  }

  setModel(m: LadderModel): void {
    this.model = m;
  }

  setNumbering(n: Numbering): void {
    this.num = n;
  }

  /** Scrolls back (negative) or forward; back at the end, it follows the newest again. */
  scrollBy(dy: number): void {
    this.scroll = Math.max(0, Math.min(this.maxScroll, this.scroll + dy));
    this.held = this.scroll < this.maxScroll - 1;
  }

  /** Draws the ladder at a moment. */
  draw(f: LadderFrame): void {
    const m = this.model;
    this.g.clear();
    this.used.clear();
    if (!m) return this.hideUnused();
    const fs = this.o.fs;
    const flight = Math.max(1, m.flightMs);
    const shown = (i: number) => i <= f.upTo;
    const arrows = m.arrows.filter((a) => (a.sentIndex >= 0 ? shown(a.sentIndex) : a.sentAt <= f.at));
    const states = m.states.filter((s) => s.index === -1 || (shown(s.index) && s.at <= f.at));
    const timers = m.timers.filter((t) => shown(t.startIndex) && t.start <= f.at);

    // time runs down, compressed where nothing happens: a flight takes one unit, a long wait a little more
    const keys = new Set<number>([m.start, f.at]);
    for (const a of arrows) keys.add(a.sentAt).add(a.endAt);
    for (const s of states) keys.add(s.at);
    for (const t of timers) keys.add(t.start).add(t.end);
    const times = [...keys].sort((a, b) => a - b);
    const waiting = (a: number, b: number) =>
      timers.some((t) => t.kind === 'time-wait' && t.start <= a && b <= t.end);
    const timed = (a: number, b: number) => timers.some((t) => t.start <= a && b <= t.end);
    const flying = (a: number, b: number) => arrows.some((x) => x.sentAt <= a && b <= x.endAt);
    const units: number[] = [0];
    for (let i = 1; i < times.length; i++) {
      const a = times[i - 1]!;
      const b = times[i]!;
      const d = (b - a) / flight;
      let h: number;
      if (flying(a, b) || timed(a, b)) {
        // a flight takes one unit; a timer's wait a little more, 2MSL more again, so it looks long
        h = Math.min(d, 1) + 0.15 * Math.min(Math.max(d - 1, 0), waiting(a, b) ? 8 : 2);
      } else {
        // nothing on the wire and no timer: a player thinking, drawn short as in the textbooks
        h = Math.min(d, 0.25) + 0.1 * Math.min(Math.max(d - 0.25, 0), 3);
      }
      units.push(units[i - 1]! + h);
    }
    const unitsAt = (t: number): number => {
      if (t <= times[0]!) return 0;
      for (let i = 1; i < times.length; i++) {
        if (t <= times[i]!) {
          const a = times[i - 1]!;
          const b = times[i]!;
          return units[i - 1]! + ((units[i]! - units[i - 1]!) * (t - a)) / Math.max(1, b - a);
        }
      }
      return units[units.length - 1]! + (t - times[times.length - 1]!) / flight;
    };
    // the scale: a flight tall enough for a label, smaller for a long round down to a minimum, then scrolling
    const avail = this.bottom - this.top;
    const eventsEnd = Math.max(...[m.start, ...arrows.map((a) => a.endAt), ...timers.map((t) => t.end)]);
    const whole = f.follow === 'newest' ? unitsAt(Math.min(eventsEnd, f.at)) + 1.6 : unitsAt(m.end) + 0.6;
    // a flight at least as tall as the labels (so one arrow's label clears the next arrow)
    const lines = Math.max(1, ...arrows.map((a) => this.labelLines(a).length));
    const key = `${Math.round(whole * 4)}|${avail}|${lines}`;
    if (key !== this.unitKey || this.unit === 0) {
      this.unitKey = key;
      const least = (lines * (this.lineH + 2) + 6) * 0.95;
      this.unit = Math.max(least, Math.min(Math.max(least, fs * 4.2), avail / Math.max(1, whole)));
    }
    const U = this.unit;
    // the whole ladder, with room under its last moment for the state written there
    const lastY = unitsAt(Math.max(f.at, eventsEnd)) * U + this.lineH;
    this.maxScroll = Math.max(0, lastY - avail);
    if (f.follow === 'newest') {
      // now and the segments on their way at the bottom; a timer's future may run on below
      const flyingEnd = Math.max(f.at, ...arrows.filter((a) => a.endIndex < 0).map((a) => a.endAt));
      const want = Math.max(0, Math.min(this.maxScroll, unitsAt(flyingEnd) * U + this.lineH * 1.5 - avail));
      if (!this.held) this.scroll = want;
      // scrolled back to where it follows from: follow again
      else if (this.scroll >= want - 1) this.held = false;
    } else if (`${f.at}|${f.upTo}` !== this.moment) {
      // a new moment (a replay's step): bring it into view; then the player may scroll freely
      this.moment = `${f.at}|${f.upTo}`;
      const y = unitsAt(f.at) * U;
      if (y - this.scroll < avail * 0.15 || y - this.scroll > avail * 0.8)
        this.scroll = Math.max(0, Math.min(this.maxScroll, y - avail * 0.6));
    }
    this.scroll = Math.min(this.scroll, this.maxScroll);
    const Y = (t: number) => this.top + unitsAt(t) * U - this.scroll;
    const top = this.r.y + (this.o.header ? fs * 2.4 : fs * 0.3);
    const bottom = this.bottom;
    // a segment's label shows whole or not at all, and never under the "earlier segments" line
    const labelTop = this.scroll > 1 ? top + this.lineH + 4 : top;
    const visible = (y: number) => y >= labelTop && y <= bottom;

    // the two timelines, and where "now" is
    const g = this.g;
    for (const side of SIDES) {
      g.lineStyle(Math.max(3, fs * 0.16), sideColor(side), 1);
      g.lineBetween(this.x[side], Math.max(top, Y(m.start) - this.lineH * 0.6), this.x[side], bottom);
    }
    if (f.follow === 'newest' && !m.finished)
      this.dashed(this.x.client, Y(f.at), this.x.server, Y(f.at), COLORS.panelLine, 2, top, bottom);

    for (const t of timers) this.drawTimer(t, f, Y, top, bottom);
    const placed: Rect[] = [];
    for (const a of arrows) this.drawArrow(a, f, Y, top, bottom, a.id === f.focus);
    // the states beside the timelines first: a segment's label gives way to them
    this.drawStates(states, Y, top, bottom, placed);
    // labels after every line, the emphasised one first so it never gives way
    const order = [...arrows].sort((a, b) => Number(b.id === f.focus) - Number(a.id === f.focus));
    for (const a of order) this.drawLabel(a, f, Y, placed, visible);

    if (this.scroll > 1) {
      const tx = this.want('earlier', () =>
        this.text(0, 0, '', fs, {
          color: CSS.muted,
          backgroundColor: 'rgba(255,255,255,0.9)',
          padding: { x: 4, y: 1 },
        }),
      );
      const s = `▲ ${this.o.t('ladderEarlier')}`;
      if (tx.text !== s) tx.setText(s);
      tx.setOrigin(0.5, 0)
        .setPosition((this.x.client + this.x.server) / 2, top)
        .setDepth(6);
    }
    this.hideUnused();
  }

  private hideUnused(): void {
    for (const [k, tx] of this.texts) if (!this.used.has(k)) tx.setVisible(false);
  }

  /** A pooled text object by key (created once, then moved and changed). */
  private want(key: string, make: () => Phaser.GameObjects.Text): Phaser.GameObjects.Text {
    let tx = this.texts.get(key);
    if (!tx) {
      tx = make();
      this.texts.set(key, tx);
    }
    this.used.add(key);
    return tx.setVisible(true);
  }

  private dashed(
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    color: number,
    width: number,
    top: number,
    bottom: number,
  ): void {
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (len < 1) return;
    const dash = this.o.fs * 0.45;
    const gap = this.o.fs * 0.3;
    this.g.lineStyle(width, color, 1);
    for (let s = 0; s < len; s += dash + gap) {
      const e = Math.min(len, s + dash);
      const c = clip(
        x0 + ((x1 - x0) * s) / len,
        y0 + ((y1 - y0) * s) / len,
        x0 + ((x1 - x0) * e) / len,
        y0 + ((y1 - y0) * e) / len,
        top,
        bottom,
      );
      if (c) this.g.lineBetween(c.a.x, c.a.y, c.b.x, c.b.y);
    }
  }

  private line(x0: number, y0: number, x1: number, y1: number, top: number, bottom: number): void {
    const c = clip(x0, y0, x1, y1, top, bottom);
    if (c) this.g.lineBetween(c.a.x, c.a.y, c.b.x, c.b.y);
  }

  /** Where an arrow starts and ends (an old segment comes from beyond the sender's timeline). */
  private ends(a: LadderArrow, Y: (t: number) => number) {
    const to: Side = a.from === 'client' ? 'server' : 'client';
    const dir = a.from === 'client' ? 1 : -1;
    const x0 = this.x[a.from] - (a.injected ? dir * this.o.fs * 1.4 : 0);
    return { x0, y0: Y(a.sentAt), x1: this.x[to], y1: Y(a.endAt) };
  }

  /** How far along an arrow is at the frame's moment: 1 once arrived (or shown arrived in a replay). */
  private progress(a: LadderArrow, f: LadderFrame): number {
    if (a.endIndex >= 0 && a.endIndex <= f.upTo) return 1;
    const p = Math.max(0, Math.min(1, (f.at - a.sentAt) / Math.max(1, a.endAt - a.sentAt)));
    // in a replay, a segment whose arrival is a later step has not arrived yet
    return a.endIndex > f.upTo ? Math.min(p, 0.97) : p;
  }

  private color(a: LadderArrow): number {
    return a.injected ? COLORS.injected : a.trap ? COLORS.lost : sideColor(a.from);
  }

  private drawArrow(
    a: LadderArrow,
    f: LadderFrame,
    Y: (t: number) => number,
    top: number,
    bottom: number,
    focus: boolean,
  ): void {
    const fs = this.o.fs;
    const { x0, y0, x1, y1 } = this.ends(a, Y);
    const p = this.progress(a, f);
    const lost = a.fate === 'lost';
    const reach = lost ? Math.min(p, 0.5) : p;
    const ex = x0 + (x1 - x0) * reach;
    const ey = y0 + (y1 - y0) * reach;
    const color = this.color(a);
    const w = Math.max(2, fs * (focus ? 0.2 : 0.14));
    if (a.injected || a.duplicate) this.dashed(x0, y0, ex, ey, color, w, top, bottom);
    else {
      this.g.lineStyle(w, color, 1);
      this.line(x0, y0, ex, ey, top, bottom);
    }
    if (reach < (lost ? 0.5 : 1)) {
      // still on its way: the path ahead, faint, and the segment itself at the tip
      const tx = lost ? x0 + (x1 - x0) * 0.5 : x1;
      const ty = lost ? y0 + (y1 - y0) * 0.5 : y1;
      this.dashed(ex, ey, tx, ty, COLORS.panelLine, Math.max(1.5, w * 0.6), top, bottom);
      if (ey >= top && ey <= bottom) this.g.fillStyle(color, 1).fillCircle(ex, ey, fs * 0.42);
      return;
    }
    if (ey < top || ey > bottom) return;
    if (lost) {
      const k = fs * 0.5;
      this.g.lineStyle(Math.max(3, fs * 0.18), COLORS.lost, 1);
      this.g.lineBetween(ex - k, ey - k, ex + k, ey + k).lineBetween(ex - k, ey + k, ex + k, ey - k);
      return;
    }
    const len = Math.hypot(x1 - x0, y1 - y0) || 1;
    const ux = (x1 - x0) / len;
    const uy = (y1 - y0) / len;
    const k = fs * (focus ? 0.85 : 0.7);
    this.g
      .fillStyle(color, 1)
      .fillTriangle(
        x1,
        y1,
        x1 - ux * k - uy * k * 0.45,
        y1 - uy * k + ux * k * 0.45,
        x1 - ux * k + uy * k * 0.45,
        y1 - uy * k - ux * k * 0.45,
      );
  }

  /** The label's lines: flags and numbers on as few lines as the space between the timelines allows, then its tags. */
  private labelLines(a: LadderArrow): string[] {
    const fs = this.o.fs;
    const room = (this.x.server - this.x.client) * 0.94 - fs * 0.6;
    const flags = segmentFlags(a.segment);
    const t = this.o.t;
    // a copy the network made carries the numbers of the arrow beside it
    if (a.duplicate) return [`${flags} ⟨${t('wireDuplicate')}⟩`];
    const nums = segmentNumberParts(a.segment, a.from, this.num);
    const fits = (s: string) => textWidth(s, fs, true) <= room;
    let lines: string[];
    const one = `${flags} ${nums.join(' ')}`;
    if (fits(one)) lines = [one];
    else if (fits(nums.join(' '))) lines = [flags, nums.join(' ')];
    else if (nums.length === 3 && fits(`${nums[0]} ${nums[1]}`))
      lines = [flags, `${nums[0]} ${nums[1]}`, nums[2]!];
    else lines = [flags, ...nums];
    const tags: string[] = [];
    if (a.injected) tags.push(t('wireInjected'));
    if (a.trap) tags.push(t('ladderTrap'));
    if (a.retransmission) tags.push(t('wireRetransmission'));
    if (a.delayed && !a.injected) tags.push(t('wireDelayed'));
    if (a.fate === 'lost') tags.push(t('wireLost'));
    if (tags.length) {
      const joined = `⟨${tags.join(' · ')}⟩`;
      if (textWidth(joined, fs) <= room) lines.push(joined);
      else lines.push(...tags.map((x) => `⟨${x}⟩`));
    }
    return lines;
  }

  private drawLabel(
    a: LadderArrow,
    f: LadderFrame,
    Y: (t: number) => number,
    placed: Rect[],
    visible: (y: number) => boolean,
  ): void {
    const fs = this.o.fs;
    const focus = a.id === f.focus;
    const lines = this.labelLines(a);
    const color = a.injected ? CSS.injected : a.trap || a.fate === 'lost' ? CSS.lost : sideCss(a.from);
    const tx = this.want(`seg:${a.id}`, () =>
      this.text(0, 0, '', fs, { fontFamily: MONO, align: 'center', lineSpacing: 2, padding: { x: 5, y: 2 } }),
    );
    const text = lines.join('\n');
    if (tx.text !== text) tx.setText(text);
    tx.setColor(focus ? CSS.white : color);
    tx.setBackgroundColor(
      focus ? (a.injected ? CSS.injected : a.trap ? CSS.lost : sideCss(a.from)) : 'rgba(255,255,255,0.92)',
    );
    tx.setDepth(focus ? 5 : 4).setOrigin(0.5, 1);
    const { x0, y0, x1, y1 } = this.ends(a, Y);
    const w = tx.width;
    const h = tx.height;
    // along the arrow, above it; a lost one only as far as it got
    const spots = a.fate === 'lost' ? [0.3, 0.18, 0.42, 0.08] : [0.5, 0.34, 0.66, 0.2, 0.8];
    // above the arrow first; below it where the arrow above already wrote there (crossing arrows, copies)
    // between the two timelines where it fits there, clear of the states written beside them
    const left = Math.min(this.x.client, this.x.server) + 2;
    const right = Math.max(this.x.client, this.x.server) - 2;
    const within = (x: number) => (w <= right - left ? Math.min(Math.max(x, left), right - w) : x);
    const boxes = [false, true].flatMap((below) =>
      spots.map((s) => {
        const cx = x0 + (x1 - x0) * s;
        const cy = y0 + (y1 - y0) * s;
        return below
          ? { x: within(cx - w / 2), y: cy + fs * 0.25, w, h }
          : { x: within(cx - w / 2), y: cy - fs * 0.25 - h, w, h };
      }),
    );
    const b = placeLabel(boxes, placed);
    if (!visible(b.y) || !visible(b.y + b.h)) {
      tx.setVisible(false);
      return;
    }
    placed.push(b);
    tx.setPosition(b.x + w / 2, b.y + h);
  }

  private drawStates(
    states: LadderState[],
    Y: (t: number) => number,
    top: number,
    bottom: number,
    placed: Rect[],
  ): void {
    const fs = this.o.fs;
    for (const side of SIDES) {
      const mine = states.filter((s) => s.side === side);
      let floor = -Infinity;
      mine.forEach((s, i) => {
        const current = i === mine.length - 1;
        const y = Math.max(Y(s.at), floor);
        floor = y + this.lineH + 2;
        const tx = this.want(`state:${side}:${i}`, () =>
          this.text(0, 0, '', fs, { fontFamily: MONO, fontStyle: 'bold', padding: { x: 4, y: 1 } }),
        );
        if (tx.text !== s.state) tx.setText(s.state);
        tx.setColor(current ? CSS.white : sideCss(side));
        tx.setBackgroundColor(current ? sideCss(side) : 'rgba(255,255,255,0.85)');
        const x = this.x[side] + (side === 'client' ? -fs * 0.35 : fs * 0.35);
        tx.setOrigin(side === 'client' ? 1 : 0, 0.5)
          .setPosition(x, y)
          .setDepth(4);
        if (y - tx.height / 2 < top || y + tx.height / 2 > bottom) {
          tx.setVisible(false);
          return;
        }
        placed.push({
          x: side === 'client' ? x - tx.width : x,
          y: y - tx.height / 2,
          w: tx.width,
          h: tx.height,
        });
        // a tick on the timeline where the change happened
        const ty = Y(s.at);
        if (ty >= top && ty <= bottom) {
          const d = side === 'client' ? -1 : 1;
          this.g
            .lineStyle(2, sideColor(side), 1)
            .lineBetween(this.x[side], ty, this.x[side] + d * fs * 0.3, ty);
        }
      });
    }
  }

  private drawTimer(
    t: LadderTimer,
    f: LadderFrame,
    Y: (t: number) => number,
    top: number,
    bottom: number,
  ): void {
    const fs = this.o.fs;
    const d = t.side === 'client' ? -1 : 1;
    const x = this.x[t.side] + d * fs * 0.55;
    const done = t.endIndex >= 0 && t.endIndex <= f.upTo;
    const y0 = Y(t.start);
    const yNow = Y(Math.min(f.at, t.end));
    const y1 = Y(t.end);
    const color = t.kind === 'rto' ? COLORS.warn : COLORS.injected;
    const w = Math.max(2, fs * 0.14);
    this.g.lineStyle(w, color, 1);
    this.line(x, y0, x, done ? y1 : yNow, top, bottom);
    if (!done) this.dashed(x, yNow, x, y1, color, w * 0.7, top, bottom);
    const k = fs * 0.35;
    if (y0 >= top && y0 <= bottom) this.g.lineBetween(x, y0, x - d * k, y0);
    if (y1 >= top && y1 <= bottom) this.g.lineBetween(x, y1, x - d * k, y1);
    // the name (and, while it runs, the time left) beside the bracket's middle
    const label =
      (t.kind === 'rto' ? this.o.t('ladderRto') : '2MSL') +
      (!done && t.running && f.follow === 'newest'
        ? ` ${this.o.t('seconds', { s: secondsLeft(t.end - f.at) })}`
        : '');
    const tx = this.want(`timer:${t.side}:${t.kind}:${t.start}`, () =>
      this.text(0, 0, '', fs, {
        fontStyle: 'bold',
        padding: { x: 3, y: 1 },
        backgroundColor: 'rgba(255,255,255,0.9)',
      }),
    );
    if (tx.text !== label) tx.setText(label);
    tx.setColor(t.kind === 'rto' ? CSS.warn : CSS.injected).setDepth(4);
    const my = (y0 + y1) / 2;
    tx.setOrigin(t.side === 'client' ? 1 : 0, 0.5).setPosition(x + d * fs * 0.3, my);
    if (my - tx.height / 2 < top || my + tx.height / 2 > bottom) tx.setVisible(false);
  }
}

/**
 * The mouse wheel, or a finger dragged over the ladder, scrolls it back through a long round (the
 * canvas's own coordinates are the stage's CSS pixels). Returns the function that stops listening.
 */
export function scrollWithInput(stage: HTMLElement, ladder: () => LadderDiagram | null): () => void {
  const local = (ev: { clientX: number; clientY: number }) => {
    const r = stage.getBoundingClientRect();
    return { x: ev.clientX - r.left, y: ev.clientY - r.top };
  };
  const onWheel = (ev: WheelEvent) => {
    const p = local(ev);
    const l = ladder();
    if (!l?.contains(p.x, p.y)) return;
    ev.preventDefault();
    l.scrollBy(ev.deltaY);
  };
  let drag: { y: number; id: number } | null = null;
  const onDown = (ev: PointerEvent) => {
    const p = local(ev);
    if (ev.pointerType !== 'mouse' && ladder()?.contains(p.x, p.y))
      drag = { y: ev.clientY, id: ev.pointerId };
  };
  const onMove = (ev: PointerEvent) => {
    if (!drag || drag.id !== ev.pointerId) return;
    ladder()?.scrollBy(drag.y - ev.clientY);
    drag.y = ev.clientY;
  };
  const onUp = () => (drag = null);
  stage.addEventListener('wheel', onWheel, { passive: false });
  stage.addEventListener('pointerdown', onDown);
  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
  return () => {
    stage.removeEventListener('wheel', onWheel);
    stage.removeEventListener('pointerdown', onDown);
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
  };
}
