/**
 * Where the game board's parts go for a canvas size and text size: the two host cards over their
 * timelines, the ladder below them, and the state diagram beside it when both fit at that text
 * size; otherwise (a phone, a small window) one of the two, the other a tab away. The player's
 * record sits in its card, or across the board under both cards when that leaves the ladder more room.
 */
import type { Rect } from '../base-scene';
import { StateDiagram } from './state-diagram';
import { TCP_STATES } from '../../../../shared/tcp/types';
import { textWidth } from './text-measure';

export interface Point {
  x: number;
  y: number;
}

export type BoardTab = 'ladder' | 'diagram';

export interface BoardLayout {
  /** The text size: nothing on the board is smaller. */
  fs: number;
  /** Ladder and diagram side by side; else only `tab` is drawn. */
  split: boolean;
  tab: BoardTab;
  /** The host cards (null when only the diagram is shown). */
  cards: { client: Rect; server: Rect } | null;
  /** The record grid under both cards, or null when it is in the player's card (or not shown). */
  record: Rect | null;
  recordInCard: boolean;
  ladder: Rect | null;
  diagram: Rect | null;
}

/** Heights the host cards and the record grid need at a width (they measure their own text). */
export interface Measures {
  card: (width: number, recordInCard: boolean) => number;
  record: (width: number) => number;
}

/** The narrowest ladder that still fits a state beside each timeline and a short label between them. */
export function ladderMinWidth(fs: number): number {
  const state = Math.max(...TCP_STATES.map((s) => textWidth(s, fs, true, true)));
  return 2 * (state + fs * 0.5 + 8) + fs * 9;
}

export function boardLayout(w: number, h: number, fs: number, tab: BoardTab, m: Measures): BoardLayout {
  const gap = Math.round(Math.max(6, fs * 0.4));
  const dmin = StateDiagram.minSize(fs);
  const lmin = ladderMinWidth(fs);
  const split = w - 3 * gap >= lmin + dmin.w && h - 2 * gap >= dmin.h;
  const shown: BoardTab = split ? 'ladder' : tab;
  let col: Rect = { x: gap, y: gap, w: w - 2 * gap, h: h - 2 * gap };
  let diagram: Rect | null = null;
  if (split) {
    const dw = Math.max(dmin.w, (w - 3 * gap) * 0.42);
    col = { x: gap, y: gap, w: w - 3 * gap - dw, h: h - 2 * gap };
    diagram = { x: col.x + col.w + gap, y: gap, w: dw, h: h - 2 * gap };
  } else if (shown === 'diagram') {
    return {
      fs,
      split,
      tab: shown,
      cards: null,
      record: null,
      recordInCard: false,
      ladder: null,
      diagram: col,
    };
  }
  const cw = (col.w - gap) / 2;
  const inside = m.card(cw, true);
  const across = m.card(cw, false) + gap + m.record(col.w - 2 * gap);
  const recordInCard = inside <= across;
  const ch = recordInCard ? inside : m.card(cw, false);
  const cards = {
    client: { x: col.x, y: col.y, w: cw, h: ch },
    server: { x: col.x + cw + gap, y: col.y, w: cw, h: ch },
  };
  let y = col.y + ch + gap;
  let record: Rect | null = null;
  if (!recordInCard) {
    const rh = m.record(col.w - 2 * gap);
    record = { x: col.x + gap, y, w: col.w - 2 * gap, h: rh };
    y += rh + gap;
  }
  const ladder = { x: col.x, y, w: col.w, h: Math.max(fs * 6, col.y + col.h - y) };
  return { fs, split, tab: shown, cards, record, recordInCard, ladder, diagram };
}
