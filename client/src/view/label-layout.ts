/**
 * Labels that never cover each other. For the DOM ladders (the projector's), spreadLabels: each
 * label keeps its horizontal place and moves down, only as far as needed, below the labels already
 * placed that it would cover. For the game's canvas ladder, placeLabel: the first free spot along
 * a segment's arrow, else its first spot moved down clear of the others. Pure, in the caller's
 * units (CSS pixels).
 */
import type { Rect } from './rect';

/** A label as drawn: its horizontal extent, where it wants its top, and its height. */
export interface LabelBox {
  left: number;
  right: number;
  top: number;
  height: number;
  /** Placed first and moved only by another fixed label (a state written beside its timeline). */
  fixed?: boolean;
}

/**
 * The top of each label (in the order given) so that no two labels whose extents overlap
 * horizontally overlap vertically, with `gap` between them: fixed labels first, then the others,
 * each in the order of its wanted top, placed at that top or just below the label it would cover.
 */
export function spreadLabels(boxes: readonly LabelBox[], gap = 0): number[] {
  const order = boxes
    .map((b, i) => ({ b, i }))
    .sort(
      (p, q) => Number(q.b.fixed === true) - Number(p.b.fixed === true) || p.b.top - q.b.top || p.i - q.i,
    );
  const placed: { left: number; right: number; top: number; bottom: number }[] = [];
  const tops = boxes.map((b) => b.top);
  for (const { b, i } of order) {
    let top = b.top;
    for (;;) {
      const hit = placed.find(
        (p) => p.left < b.right && b.left < p.right && top < p.bottom + gap && p.top < top + b.height + gap,
      );
      if (!hit) break;
      // strictly lower each time: the loop ends once no placed label is in the way
      top = hit.bottom + gap;
    }
    tops[i] = top;
    placed.push({ left: b.left, right: b.right, top, bottom: top + b.height });
  }
  return tops;
}

function covers(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Where a label goes: the first of `spots` (in order of preference, at least one) that covers none
 * of `placed`.
 * When every spot is taken (arrows crossing where their labels want to be), the first spot is moved
 * down, each time just below the label it covers, until it covers none: a label may sit a little
 * off its arrow, but never on another label.
 */
export function placeLabel(spots: readonly Rect[], placed: readonly Rect[]): Rect {
  const free = spots.find((s) => !placed.some((p) => covers(p, s)));
  if (free) return free;
  let box = spots[0]!;
  for (;;) {
    const hit = placed.find((p) => covers(p, box));
    if (!hit) return box;
    // strictly lower each time: the loop ends once no placed label is in the way
    box = { ...box, y: hit.y + hit.h };
  }
}
