import { seqAdd, seqDiff, seqGe, seqGt, seqInWindow, seqLe, seqLt, isUint32 } from '../../../shared/tcp/seq';

describe('sequence arithmetic modulo 2^32', () => {
  test.each([
    [0xffffffff, 1, 0],
    [0xfffffffa, 10, 4],
    [5, -10, 0xfffffffb],
    [0, 0, 0],
  ])('%d + %d = %d', (a, n, want) => expect(seqAdd(a, n)).toBe(want));

  test.each([
    // a, b, a before b
    [1, 2, true],
    [2, 1, false],
    [0xffffffff, 0, true],
    [0xfffffff0, 5, true],
    [5, 0xfffffff0, false],
    [0, 0x7fffffff, true],
    [7, 7, false],
  ])('%d before %d: %s', (a, b, before) => {
    expect(seqLt(a, b)).toBe(before);
    expect(seqGt(b, a)).toBe(before);
    expect(seqLe(a, b)).toBe(before || a === b);
    expect(seqGe(b, a)).toBe(before || a === b);
  });

  test('difference across the wrap', () => {
    expect(seqDiff(3, 0xfffffffe)).toBe(5);
    expect(seqDiff(0xfffffffe, 3)).toBe(-5);
  });

  test('window membership across the wrap', () => {
    expect(seqInWindow(2, 0xfffffff0, 65535)).toBe(true);
    expect(seqInWindow(0xffffffef, 0xfffffff0, 65535)).toBe(false);
    expect(seqInWindow(100, 100, 0)).toBe(false);
  });

  test('uint32 check', () => {
    expect([0, 0xffffffff, 2 ** 32, -1, 1.5, '3', NaN].map(isUint32)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
