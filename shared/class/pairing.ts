/**
 * Pairing students for a round: in arrival order or at random, rotating partners between rounds
 * (fewest repeated partners wins), an odd student left to play the bot, and roles swapped from one
 * round to the next. Pure and seeded, so the same input gives the same pairs.
 */
import { nextRandom } from '../game/rng';
import type { Side } from '../tcp/types';
import type { PairingMode, PlannedPair } from './class-types';

/** The key of two partners in `pastPairs`: the sorted ids joined by '|'. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export interface AutoPairing {
  /** Session ids in arrival order. */
  students: readonly string[];
  mode: PairingMode;
  rotate: boolean;
  /** Earlier partners (pairKey). */
  pastPairs: readonly string[];
  /** Rounds already played: where the circle method starts turning. */
  offset: number;
  seed: number;
}

/** How many pairs of a pairing played together before. */
function repeats(pairs: readonly PlannedPair[], past: ReadonlySet<string>): number {
  return pairs.filter((p) => p.b !== null && past.has(pairKey(p.a, p.b))).length;
}

/** Consecutive students as pairs; an odd last one plays the bot. */
function consecutive(list: readonly string[]): PlannedPair[] {
  const out: PlannedPair[] = [];
  for (let i = 0; i < list.length; i += 2) out.push({ a: list[i]!, b: list[i + 1] ?? null });
  return out;
}

/**
 * The circle method (round-robin): the first stays, the others turn by `turn` places, and the
 * i-th pairs with the i-th from the end. With an odd count a bye seat makes one student play the
 * bot, a different one each turn.
 */
function circle(list: readonly string[], turn: number): PlannedPair[] {
  const seats: (string | null)[] = [...list];
  if (seats.length % 2 === 1) seats.push(null);
  const n = seats.length;
  if (n < 2) return list.length ? [{ a: list[0]!, b: null }] : [];
  const rest = seats.slice(1);
  const k = turn % rest.length;
  const turned = [seats[0]!, ...rest.slice(rest.length - k), ...rest.slice(0, rest.length - k)];
  const out: PlannedPair[] = [];
  for (let i = 0; i < n / 2; i++) {
    const x = turned[i] ?? null;
    const y = turned[n - 1 - i] ?? null;
    if (x === null && y !== null) out.push({ a: y, b: null });
    else if (x !== null) out.push({ a: x, b: y });
  }
  return out;
}

/** A seeded Fisher-Yates shuffle; returns the list and the next rng state. */
function shuffle(list: readonly string[], seed: number): [string[], number] {
  const out = [...list];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    const [r, next] = nextRandom(s);
    s = next;
    const j = Math.floor(r * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return [out, s];
}

const RANDOM_TRIES = 64;

/** The pairs for the next round, made by the class's pairing mode. */
export function autoPairs(o: AutoPairing): PlannedPair[] {
  const past = new Set(o.pastPairs);
  if (o.mode === 'arrival') {
    if (!o.rotate) return consecutive(o.students);
    // every turn of the circle is tried from this round's: the first without repeats wins
    const turns = Math.max(1, o.students.length + (o.students.length % 2) - 1);
    let best: PlannedPair[] | null = null;
    for (let t = 0; t < turns; t++) {
      const pairs = circle(o.students, o.offset + t);
      if (best === null || repeats(pairs, past) < repeats(best, past)) best = pairs;
      if (repeats(best, past) === 0) break;
    }
    return best ?? [];
  }
  let seed = o.seed;
  let best: PlannedPair[] | null = null;
  for (let t = 0; t < (o.rotate ? RANDOM_TRIES : 1); t++) {
    const [order, next] = shuffle(o.students, seed);
    seed = next;
    const pairs = consecutive(order);
    if (best === null || repeats(pairs, past) < repeats(best, past)) best = pairs;
    if (repeats(best, past) === 0) break;
  }
  return best ?? [];
}

/**
 * Why a hand-made pairing is not valid (in English, for logs), or null: every student exactly
 * once, nobody paired with themself, nobody unknown.
 */
export function checkPairs(pairs: readonly PlannedPair[], students: readonly string[]): string | null {
  const known = new Set(students);
  const seen = new Set<string>();
  for (const p of pairs) {
    for (const x of p.b === null ? [p.a] : [p.a, p.b]) {
      if (!known.has(x)) return 'a pair names someone who is not a student of the class';
      if (seen.has(x)) return 'a student appears twice';
      seen.add(x);
    }
  }
  if (seen.size !== known.size) return 'every student must be in a pair';
  return null;
}

/**
 * A planned pairing kept valid after the roster changed: a student who left leaves a partner to
 * play the bot; a newcomer takes a free seat beside a student playing the bot, or plays the bot.
 */
export function adjustPlan(plan: readonly PlannedPair[], students: readonly string[]): PlannedPair[] {
  const known = new Set(students);
  const out: PlannedPair[] = [];
  for (const p of plan) {
    const a = known.has(p.a) ? p.a : null;
    const b = p.b !== null && known.has(p.b) ? p.b : null;
    if (a !== null) out.push({ a, b });
    else if (b !== null) out.push({ a: b, b: null });
  }
  const placed = new Set(out.flatMap((p) => (p.b === null ? [p.a] : [p.a, p.b])));
  for (const s of students) {
    if (placed.has(s)) continue;
    const solo = out.find((p) => p.b === null);
    if (solo) solo.b = s;
    else out.push({ a: s, b: null });
    placed.add(s);
  }
  return out;
}

/** Who plays which side in a round: the bot is null. */
export interface Seating {
  client: string | null;
  server: string | null;
}

/**
 * Sides for the round's pairs, swapped from the last round: whoever was client plays server.
 * A pair with no history keeps its order (a is client); a student alone plays the side they did
 * not play last time (client first), the bot the other.
 */
export function assignRoles(
  pairs: readonly PlannedPair[],
  lastRoles: Readonly<Record<string, Side>>,
): Seating[] {
  return pairs.map((p) => {
    if (p.b === null) {
      return lastRoles[p.a] === 'client' ? { client: null, server: p.a } : { client: p.a, server: null };
    }
    const swap = lastRoles[p.a] === 'client' || (lastRoles[p.a] === undefined && lastRoles[p.b] === 'server');
    return swap ? { client: p.b, server: p.a } : { client: p.a, server: p.b };
  });
}
