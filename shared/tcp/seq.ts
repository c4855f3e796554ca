/**
 * 32-bit sequence-number arithmetic (RFC 9293 section 3.4): every comparison is modulo 2^32,
 * so a connection whose numbers wrap past 4294967295 keeps working.
 */

/** Adds n to a sequence number, modulo 2^32. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** Distance from b forward to a, modulo 2^32, as a signed 32-bit number (negative when a is before b). */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

/** True when a comes before b in serial-number order. */
export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

/** True when a comes before b or equals it. */
export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

/** True when a comes after b. */
export function seqGt(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

/** True when a comes after b or equals it. */
export function seqGe(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}

/** True when lo <= x < lo + size in sequence space (size may be 0: never true). */
export function seqInWindow(x: number, lo: number, size: number): boolean {
  return (x - lo) >>> 0 < size;
}

/** True for an integer in 0..2^32-1. */
export function isUint32(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 0xffffffff;
}
