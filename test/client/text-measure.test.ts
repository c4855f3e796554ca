/**
 * A line cut to a width with an ellipsis (a nickname in a host card's header). Under jest there is
 * no page, so widths are the estimate textWidth falls back to: 0.6 of the size per UTF-16 unit.
 */
import * as fc from 'fast-check';
import { fitLine, textWidth } from '../../client/src/scenes/draw/text-measure';

const PX = 20; // 12 px per unit in the estimate

test('a line that fits is left whole', () => {
  expect(fitLine('player-8981', PX, 11 * 12)).toBe('player-8981');
});

test('a line too long keeps the longest start that fits with the ellipsis', () => {
  // 8 units of room: 7 characters and the ellipsis
  expect(fitLine('player-8981', PX, 8 * 12)).toBe('player-…');
});

test('an emoji or a Chinese character is never cut in half', () => {
  // '😀' is two UTF-16 units: with room for 4 units, '王😀' and the ellipsis fit, '王😀小' does not
  expect(fitLine('王😀小明', PX, 4 * 12)).toBe('王😀…');
  expect(fitLine('😀😀😀', PX, 2 * 12)).toBe('…');
});

test('property: the result fits, starts the name at a character, and no longer start would fit', () => {
  const name = fc
    .array(fc.constantFrom('a', 'W', '中', '😀', '-', '9', ' '), { maxLength: 30 })
    .map((cs) => cs.join(''));
  fc.assert(
    fc.property(name, fc.integer({ min: 12, max: 400 }), (s, maxW) => {
      const got = fitLine(s, PX, maxW);
      if (got === s) return expect(textWidth(s, PX)).toBeLessThanOrEqual(maxW);
      expect(got.endsWith('…')).toBe(true);
      expect(textWidth(got, PX)).toBeLessThanOrEqual(maxW);
      const kept = [...got.slice(0, -1)];
      const all = [...s];
      expect(all.slice(0, kept.length)).toEqual(kept);
      if (kept.length < all.length - 1)
        expect(textWidth(all.slice(0, kept.length + 1).join('') + '…', PX)).toBeGreaterThan(maxW);
    }),
    { numRuns: 500 },
  );
});
