/** The projector ladder's labels spread so that none covers another, moving no further than needed. */
import * as fc from 'fast-check';
import { placeLabel, spreadLabels, type LabelBox } from '../../client/src/view/label-layout';
import type { Rect } from '../../client/src/view/rect';

function overlaps(boxes: readonly LabelBox[], tops: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const h = a.left < b.right && b.left < a.right;
      const v = tops[i]! < tops[j]! + b.height && tops[j]! < tops[i]! + a.height;
      if (h && v) out.push([i, j]);
    }
  return out;
}

const seg = (top: number, left = 30, right = 70): LabelBox => ({ left, right, top, height: 30 });

test('labels apart stay where they are', () => {
  const boxes = [seg(0), seg(40), seg(100), { ...seg(10), left: 0, right: 25 }];
  expect(spreadLabels(boxes, 2)).toEqual([0, 40, 100, 10]);
});

test('labels at one place are stacked, in their order, just below each other', () => {
  const boxes = [seg(50), seg(50), seg(50)];
  expect(spreadLabels(boxes, 2)).toEqual([50, 82, 114]);
});

test('a label beside another (no horizontal overlap) does not move', () => {
  const boxes = [seg(50, 0, 40), seg(50, 40, 80)];
  expect(spreadLabels(boxes)).toEqual([50, 50]);
});

test('fixed labels (states) keep their place; segment labels move around them', () => {
  const state: LabelBox = { left: 10, right: 35, top: 60, height: 30, fixed: true };
  const boxes = [seg(55), state];
  const tops = spreadLabels(boxes, 2);
  expect(tops[1]).toBe(60);
  expect(tops[0]).toBe(92);
});

test('a busy ladder: forty labels crowded together never overlap and keep their order', () => {
  // a pseudo-random but fixed crowd: labels every few pixels, of different widths
  const boxes: LabelBox[] = [];
  let x = 7;
  for (let i = 0; i < 40; i++) {
    x = (x * 31 + 11) % 97;
    boxes.push({
      left: 20 + (x % 15),
      right: 55 + (x % 30),
      top: i * 6 + (x % 5),
      height: 28,
      fixed: i % 9 === 0,
    });
  }
  const tops = spreadLabels(boxes, 2);
  expect(overlaps(boxes, tops)).toEqual([]);
  boxes.forEach((b, i) => expect(tops[i]).toBeGreaterThanOrEqual(b.top));
  // the crowd takes no more room than its labels stacked one per line below the lowest wanted top
  expect(Math.max(...tops)).toBeLessThanOrEqual(Math.max(...boxes.map((b) => b.top)) + 40 * 30);
});

describe('placeLabel: the game ladder puts a label at the first free spot along its arrow', () => {
  const box = (x: number, y: number, w = 40, h = 20): Rect => ({ x, y, w, h });
  const covers = (a: Rect, b: Rect) =>
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

  test('the first spot when nothing is in its way', () => {
    expect(placeLabel([box(0, 0), box(0, 50)], [box(100, 0)])).toEqual(box(0, 0));
  });

  test('the next spot when the first is taken', () => {
    expect(placeLabel([box(0, 0), box(0, 50)], [box(10, 10)])).toEqual(box(0, 50));
  });

  test('crossing arrows whose every spot is taken: moved down below the labels, not on them', () => {
    // a retransmission and the FIN crossing it: the first label took the middle, a second one the rest
    const placed = [box(0, 0, 100, 30), box(0, 30, 100, 30)];
    const got = placeLabel([box(20, 5), box(20, 35)], placed);
    expect(got).toEqual(box(20, 60));
  });

  test('property: whatever is placed, the label covers none of it, and a free spot is taken as it is', () => {
    const rect = fc.record({
      x: fc.integer({ min: 0, max: 300 }),
      y: fc.integer({ min: 0, max: 300 }),
      w: fc.integer({ min: 1, max: 120 }),
      h: fc.integer({ min: 1, max: 60 }),
    });
    fc.assert(
      fc.property(
        fc.array(rect, { minLength: 1, maxLength: 10 }),
        fc.array(rect, { maxLength: 25 }),
        (spots, placed) => {
          const got = placeLabel(spots, placed);
          expect(placed.filter((p) => covers(p, got))).toEqual([]);
          const free = spots.find((s) => !placed.some((p) => covers(p, s)));
          if (free) expect(got).toBe(free);
          else expect({ ...got, y: spots[0]!.y }).toEqual(spots[0]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
