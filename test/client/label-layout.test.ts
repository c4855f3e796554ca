/** The projector ladder's labels spread so that none covers another, moving no further than needed. */
import { spreadLabels, type LabelBox } from '../../client/src/view/label-layout';

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
