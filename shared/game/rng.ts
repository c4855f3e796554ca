/** A small seeded random generator kept in the game's data, so that the game stays a pure function. */

/** Returns a number in [0, 1) and the next state (mulberry32). */
export function nextRandom(state: number): [number, number] {
  const s = (state + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, s];
}

/** A random 32-bit unsigned integer and the next state. */
export function randomUint32(state: number): [number, number] {
  const [r, s] = nextRandom(state);
  return [Math.floor(r * 4294967296) >>> 0, s];
}
