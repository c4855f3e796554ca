/**
 * Where the game board's parts go for a canvas size. A wide canvas puts the two hosts left and
 * right with the wire between them and the state diagram beside or below; a tall one (a phone held
 * upright) puts the client on top, the server at the bottom and the wire running down between them.
 */
import type { Side } from '../../../../shared/tcp/types';
import type { Rect } from '../base-scene';

export interface Point {
  x: number;
  y: number;
}

export interface BoardLayout {
  /** Base font size in px. */
  fs: number;
  orientation: 'h' | 'v';
  wireArea: Rect;
  diagram: Rect;
  cards: Record<Side, Rect>;
  /** Where a segment leaves each side. */
  port: Record<Side, Point>;
  /** Unit vector across the wire; segments from the client fly on its negative side. */
  across: Point;
  /** Packet labels on three short lines rather than two. */
  compact: boolean;
}

/** Timer rows a host card keeps room for: the player's own clocks, and the peer's 2MSL. */
export function timerRows(mine: boolean): number {
  return mine ? 2 : 1;
}

/** The height a host card's content needs, in px (HostCard lays its content out the same way). */
export function cardHeight(mine: boolean, orientation: 'h' | 'v', fs: number): number {
  const head = orientation === 'h' ? 2.7 : 1.6;
  const state = orientation === 'h' ? 3.1 : 1.6;
  const record = mine ? (orientation === 'h' ? 7 * 1.3 : 2 * 2.5) + 0.3 : 2.3;
  return fs * (head + 0.4 + state + record + timerRows(mine) * 1.75 + 0.8);
}

export function boardLayout(w: number, h: number, me: Side): BoardLayout {
  const m = Math.round(Math.max(6, Math.min(w, h) * 0.015));
  const fs = Math.round(Math.max(12, Math.min(20, Math.min(w / 62, h / 34))));
  const sideBySide = w / h >= 1.9;
  // a canvas taller than wide (a phone held upright) runs the wire from top to bottom
  const orientation: 'h' | 'v' = sideBySide || w >= h * 0.9 ? 'h' : 'v';
  // the hosts and the wire take what they need; the state diagram gets the rest
  const need =
    orientation === 'h'
      ? cardHeight(true, 'h', fs)
      : cardHeight(true, 'v', fs) + cardHeight(false, 'v', fs) + fs * 12;
  const wireH = sideBySide ? h - 2 * m : Math.min(h * 0.62, need) - 1.5 * m;
  const wireArea: Rect = sideBySide
    ? { x: m, y: m, w: w * 0.6 - 1.5 * m, h: Math.min(wireH, need) }
    : { x: m, y: m, w: w - 2 * m, h: wireH };
  const diagram: Rect = sideBySide
    ? { x: w * 0.6 + 0.5 * m, y: m, w: w * 0.4 - 1.5 * m, h: h - 2 * m }
    : { x: m, y: wireArea.y + wireArea.h + m, w: w - 2 * m, h: h - wireArea.h - 3 * m };
  const a = wireArea;
  const cards = {} as Record<Side, Rect>;
  const port = {} as Record<Side, Point>;
  let across: Point;
  let wireLength: number;
  if (orientation === 'h') {
    const cw = Math.max(fs * 9, Math.min(a.w * 0.27, fs * 17));
    const ch = Math.min(a.h, cardHeight(true, 'h', fs));
    cards.client = { x: a.x, y: a.y, w: cw, h: ch };
    cards.server = { x: a.x + a.w - cw, y: a.y, w: cw, h: ch };
    const mid = a.y + ch * 0.5;
    port.client = { x: a.x + cw, y: mid };
    port.server = { x: a.x + a.w - cw, y: mid };
    across = { x: 0, y: 1 };
    wireLength = a.w - 2 * cw;
  } else {
    const hTop = cardHeight(me === 'client', 'v', fs);
    const hBottom = cardHeight(me === 'server', 'v', fs);
    cards.client = { x: a.x, y: a.y, w: a.w, h: hTop };
    cards.server = { x: a.x, y: a.y + a.h - hBottom, w: a.w, h: hBottom };
    const mid = a.x + a.w * 0.5;
    port.client = { x: mid, y: a.y + hTop };
    port.server = { x: mid, y: a.y + a.h - hBottom };
    across = { x: 1, y: 0 };
    wireLength = a.h - hTop - hBottom;
  }
  return {
    fs,
    orientation,
    wireArea,
    diagram,
    cards,
    port,
    across,
    compact: orientation === 'v' || wireLength < fs * 30,
  };
}
