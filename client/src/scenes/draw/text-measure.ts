/**
 * How wide a line of text is in the game's type, and a line cut to a width: pure but for the
 * browser's canvas measure (without a page, as under jest, an estimate stands in for it).
 */
import { FONT, MONO } from '../theme';

/** What is used of a canvas's 2D context (typed here: the tests compile without the DOM's types). */
interface Measurer {
  font: string;
  measureText(s: string): { width: number };
}
type Page = { createElement(tag: 'canvas'): { getContext(kind: '2d'): Measurer | null } };

let ctx: Measurer | null = null;
const widths = new Map<string, number>();

/** The width in px of one line of text in a font (the longest line of several). */
export function textWidth(s: string, px: number, mono = false, bold = false): number {
  const lines = s.split('\n');
  if (lines.length > 1) return Math.max(...lines.map((l) => textWidth(l, px, mono, bold)));
  const key = `${mono ? 'm' : 's'}${bold ? 'b' : ''}|${px}|${s}`;
  const known = widths.get(key);
  if (known !== undefined) return known;
  // without a page (node: the tests) an estimate stands in for the font's measure
  const page = (globalThis as { document?: Page }).document;
  ctx ??= page ? page.createElement('canvas').getContext('2d') : null;
  let w = s.length * px * 0.6;
  if (ctx) {
    ctx.font = `${bold ? 'bold ' : ''}${Math.round(px)}px ${mono ? MONO : FONT}`;
    w = ctx.measureText(s).width;
  }
  if (widths.size > 4000) widths.clear();
  widths.set(key, w);
  return w;
}

/**
 * `s` on one line of at most `maxW` px: whole when it fits, else cut at a character (never inside
 * one: Chinese names and emoji stay whole) and ended with an ellipsis.
 */
export function fitLine(s: string, px: number, maxW: number, bold = false): string {
  if (textWidth(s, px, false, bold) <= maxW) return s;
  const chars = [...s];
  let lo = 0;
  let hi = chars.length - 1;
  // the longest start that fits with the ellipsis (none at all when even one character is too wide)
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (textWidth(chars.slice(0, mid).join('') + '…', px, false, bold) <= maxW) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('') + '…';
}
