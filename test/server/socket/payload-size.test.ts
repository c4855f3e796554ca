/**
 * The payload size without JSON.stringify: the same length as its text for every value (random
 * values, escapes, lone surrogates, toJSON, skipped members), a clear "over the limit" as soon as
 * it is, and no stack overflow for values nested far deeper than JSON.stringify can go.
 */
import fc from 'fast-check';
import { jsonLength, payloadSize, quotedLength } from '../../../server/socket/payload-size';

/** JSON.stringify's length, as the size check measured it before. */
function textLength(v: unknown): number {
  return (JSON.stringify(v) ?? '').length;
}

/** An array nested `depth` levels deep around `inner`. */
function nestedArray(depth: number, inner: unknown = []): unknown {
  let v: unknown = inner;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** An object nested `depth` levels deep: {"a":{"a":...}}. */
function nestedObject(depth: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

const anyString = fc.string({ unit: 'binary' });
const values = fc.anything({
  key: anyString,
  values: [
    anyString,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
    fc.constant(() => 1),
    fc.constant(Symbol('s')),
  ],
  withBoxedValues: true,
  withSparseArray: true,
  withNullPrototype: true,
  maxDepth: 6,
});

test('the same length as the JSON text, for any value', () => {
  fc.assert(
    fc.property(values, (v) => {
      expect(jsonLength(v)).toBe(textLength(v));
    }),
    { numRuns: 2000 },
  );
});

test('strings: quotes, the short escapes, control characters, pairs and lone surrogates', () => {
  const cases = [
    '',
    'abc',
    '"',
    '\\',
    '\b\f\n\r\t',
    '\u0000\u001f',
    '\u007f',
    '中文',
    '😀',
    '\ud800',
    '\udc00x',
    'a\ud83d',
  ];
  for (const s of cases) expect({ s, n: quotedLength(s) }).toEqual({ s, n: JSON.stringify(s).length });
  fc.assert(fc.property(anyString, (s) => quotedLength(s) === JSON.stringify(s).length));
});

test('over the limit: some number past it as soon as it is; exact up to it', () => {
  fc.assert(
    fc.property(values, fc.nat(400), (v, limit) => {
      const n = textLength(v);
      const m = jsonLength(v, limit);
      if (n <= limit) expect(m).toBe(n);
      else expect(m).toBeGreaterThan(limit);
    }),
    { numRuns: 2000 },
  );
});

test('nested 7,000 and 100,000 levels: measured, where JSON.stringify overflows its stack', () => {
  const deepArray = nestedArray(7000);
  const deepObject = nestedObject(7000);
  expect(() => JSON.stringify(deepArray)).toThrow(RangeError);
  expect(() => JSON.stringify(deepObject)).toThrow(RangeError);
  expect(jsonLength(deepArray)).toBe(2 * 7001);
  expect(jsonLength(deepObject)).toBe(6 * 7000 + 2);
  expect(jsonLength(nestedArray(100_000, 'x'))).toBe(2 * 100_000 + 3);
  // with a limit it stops early
  expect(jsonLength(nestedArray(100_000), 4096)).toBe(4097);
});

test('a cycle is refused as JSON.stringify refuses it', () => {
  const a: unknown[] = [];
  a.push({ back: a });
  expect(() => jsonLength(a)).toThrow(/circular/);
  // the same object twice, not nested in itself, is no cycle
  const shared = { x: 1 };
  expect(jsonLength([shared, shared])).toBe(textLength([shared, shared]));
});

test('payload size: the arguments without the callback, one as itself, several as an array', () => {
  expect(payloadSize([{ a: 1 }, () => undefined])).toBe(7);
  expect(payloadSize([() => undefined])).toBe(0);
  expect(payloadSize([])).toBe(0);
  expect(payloadSize(['x', 'y'])).toBe(9);
  expect(payloadSize([undefined])).toBe(0);
  expect(payloadSize([nestedArray(7000)], 4096)).toBeGreaterThan(4096);
});
