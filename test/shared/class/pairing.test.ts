/**
 * Pairing: arrival order and random (seeded) pairs, an odd student with the bot, partners rotated
 * between rounds, roles swapped, and hand-made pairings checked.
 */
import fc from 'fast-check';
import type { PlannedPair } from '../../../shared/class/class-types';
import {
  adjustPlan,
  assignRoles,
  autoPairs,
  checkPairs,
  pairKey,
  type AutoPairing,
} from '../../../shared/class/pairing';
import type { Side } from '../../../shared/tcp/types';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);

function pairing(o: Partial<AutoPairing> & { students: string[] }): AutoPairing {
  return { mode: 'arrival', rotate: false, pastPairs: [], offset: 0, seed: 1, ...o };
}

/** Everyone in the pairs, in order. */
const members = (pairs: readonly PlannedPair[]) => pairs.flatMap((p) => (p.b === null ? [p.a] : [p.a, p.b]));
const keys = (pairs: readonly PlannedPair[]) =>
  pairs.filter((p) => p.b !== null).map((p) => pairKey(p.a, p.b!));
const solos = (pairs: readonly PlannedPair[]) => pairs.filter((p) => p.b === null).map((p) => p.a);

/** Plays `rounds` rounds of auto pairing, each round's partners added to the past ones. */
function rounds(o: Omit<AutoPairing, 'pastPairs' | 'offset'>, count: number): PlannedPair[][] {
  const past: string[] = [];
  const out: PlannedPair[][] = [];
  for (let r = 0; r < count; r++) {
    const pairs = autoPairs({ ...o, pastPairs: [...past], offset: r, seed: o.seed + r });
    out.push(pairs);
    past.push(...keys(pairs));
  }
  return out;
}

describe('pairKey', () => {
  test('is the same whichever order the two come in', () => {
    expect(pairKey('b', 'a')).toBe('a|b');
    expect(pairKey('a', 'b')).toBe('a|b');
  });
});

describe('autoPairs', () => {
  test('arrival order without rotation: neighbours in the order they joined, the last odd one with the bot', () => {
    expect(autoPairs(pairing({ students: ids(5) }))).toEqual([
      { a: 's1', b: 's2' },
      { a: 's3', b: 's4' },
      { a: 's5', b: null },
    ]);
    expect(autoPairs(pairing({ students: ids(4) }))).toEqual([
      { a: 's1', b: 's2' },
      { a: 's3', b: 's4' },
    ]);
    expect(autoPairs(pairing({ students: ['s1'] }))).toEqual([{ a: 's1', b: null }]);
    expect(autoPairs(pairing({ students: [] }))).toEqual([]);
  });

  test('random pairs are seeded: the same seed gives the same pairs, and they are not always the arrival order', () => {
    const students = ids(8);
    const a = autoPairs(pairing({ students, mode: 'random', seed: 42 }));
    expect(autoPairs(pairing({ students, mode: 'random', seed: 42 }))).toEqual(a);
    const arrival = autoPairs(pairing({ students }));
    const differ = Array.from({ length: 20 }, (_, seed) =>
      autoPairs(pairing({ students, mode: 'random', seed })),
    );
    expect(differ.some((p) => JSON.stringify(p) !== JSON.stringify(arrival))).toBe(true);
    // and not always the same random pairs either
    expect(new Set(differ.map((p) => JSON.stringify(p))).size).toBeGreaterThan(1);
  });

  test('every student is in exactly one pair, and only an odd count leaves one with the bot', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 41 }),
        fc.constantFrom<AutoPairing['mode']>('arrival', 'random'),
        fc.boolean(),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 50 }),
        (n, mode, rotate, seed, offset) => {
          const students = ids(n);
          const pairs = autoPairs({ students, mode, rotate, pastPairs: [], offset, seed });
          expect(checkPairs(pairs, students)).toBeNull();
          expect(members(pairs).sort()).toEqual([...students].sort());
          expect(solos(pairs)).toHaveLength(n % 2);
          expect(pairs).toHaveLength(Math.ceil(n / 2));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('arrival with rotation: n-1 rounds (n even) never repeat a partner', () => {
    for (let n = 2; n <= 14; n += 2) {
      const all = rounds({ students: ids(n), mode: 'arrival', rotate: true, seed: 0 }, n - 1).flatMap(keys);
      expect(new Set(all).size).toBe(all.length);
      // every possible partner met once: n(n-1)/2 pairs
      expect(all).toHaveLength((n * (n - 1)) / 2);
    }
  });

  test('arrival with rotation and an odd count: n rounds without a repeat, each student plays the bot once', () => {
    for (let n = 3; n <= 13; n += 2) {
      const played = rounds({ students: ids(n), mode: 'arrival', rotate: true, seed: 0 }, n);
      const all = played.flatMap(keys);
      expect(new Set(all).size).toBe(all.length);
      expect(played.flatMap(solos).sort()).toEqual(ids(n).sort());
    }
  });

  test('random with rotation: the next rounds give new partners when a fresh pairing exists', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 0, max: 0xffffffff }), (half, seed) => {
        const n = half * 2;
        // 3 rounds have a fresh pairing for n >= 4 (and the search tries many shuffles)
        const count = n === 4 ? 3 : Math.min(3, n - 1);
        const all = rounds({ students: ids(n), mode: 'random', rotate: true, seed }, count).flatMap(keys);
        expect(new Set(all).size).toBe(all.length);
      }),
      { numRuns: 60 },
    );
  });

  test('without rotation the same partners come back', () => {
    const played = rounds({ students: ids(6), mode: 'arrival', rotate: false, seed: 0 }, 2);
    expect(played[1]).toEqual(played[0]);
  });

  test('with only repeats possible (two students), they are paired again rather than left out', () => {
    const pairs = autoPairs(
      pairing({ students: ['s1', 's2'], rotate: true, pastPairs: ['s1|s2'], offset: 1 }),
    );
    expect(keys(pairs)).toEqual(['s1|s2']);
  });
});

describe('assignRoles', () => {
  test('a pair with no history keeps its order: a is the client', () => {
    expect(assignRoles([{ a: 's1', b: 's2' }], {})).toEqual([{ client: 's1', server: 's2' }]);
  });

  test('the next round swaps every role of the same pairs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 21 }), (n) => {
        const pairs = autoPairs(pairing({ students: ids(n) }));
        const first = assignRoles(pairs, {});
        const last: Record<string, Side> = {};
        for (const s of first) {
          if (s.client) last[s.client] = 'client';
          if (s.server) last[s.server] = 'server';
        }
        const second = assignRoles(pairs, last);
        for (const s of second) {
          if (s.client) expect(last[s.client]).toBe('server');
          if (s.server) expect(last[s.server]).toBe('client');
        }
      }),
    );
  });

  test('a student with the bot plays the side it did not play last time (client first)', () => {
    expect(assignRoles([{ a: 's1', b: null }], {})).toEqual([{ client: 's1', server: null }]);
    expect(assignRoles([{ a: 's1', b: null }], { s1: 'client' })).toEqual([{ client: null, server: 's1' }]);
    expect(assignRoles([{ a: 's1', b: null }], { s1: 'server' })).toEqual([{ client: 's1', server: null }]);
  });

  test('new partners: the one who was client plays server, and with half a history the other one decides', () => {
    expect(assignRoles([{ a: 's1', b: 's4' }], { s1: 'client', s4: 'client' })).toEqual([
      { client: 's4', server: 's1' },
    ]);
    expect(assignRoles([{ a: 's1', b: 's4' }], { s4: 'server' })).toEqual([{ client: 's4', server: 's1' }]);
    expect(assignRoles([{ a: 's1', b: 's4' }], { s4: 'client' })).toEqual([{ client: 's1', server: 's4' }]);
  });
});

describe('checkPairs', () => {
  const students = ids(4);
  test.each<[string, PlannedPair[], string | null]>([
    [
      'a valid pairing',
      [
        { a: 's1', b: 's2' },
        { a: 's3', b: 's4' },
      ],
      null,
    ],
    [
      'a valid pairing with the bot',
      [
        { a: 's1', b: 's2' },
        { a: 's3', b: null },
        { a: 's4', b: null },
      ],
      null,
    ],
    [
      'a student twice',
      [
        { a: 's1', b: 's2' },
        { a: 's1', b: 's3' },
        { a: 's4', b: null },
      ],
      'a student appears twice',
    ],
    [
      'a student with themself',
      [
        { a: 's1', b: 's1' },
        { a: 's2', b: 's3' },
        { a: 's4', b: null },
      ],
      'a student appears twice',
    ],
    [
      'an unknown id',
      [
        { a: 's1', b: 's2' },
        { a: 's3', b: 's9' },
      ],
      'a pair names someone who is not a student of the class',
    ],
    [
      'a student left out',
      [
        { a: 's1', b: 's2' },
        { a: 's3', b: null },
      ],
      'every student must be in a pair',
    ],
  ])('%s', (_name, pairs, expected) => {
    expect(checkPairs(pairs, students)).toBe(expected);
  });
});

describe('adjustPlan', () => {
  test('a student who left leaves the partner with the bot; a newcomer takes the free seat beside them', () => {
    const plan: PlannedPair[] = [
      { a: 's1', b: 's2' },
      { a: 's3', b: 's4' },
    ];
    const left = adjustPlan(plan, ['s1', 's3', 's4']);
    expect(left).toEqual([
      { a: 's1', b: null },
      { a: 's3', b: 's4' },
    ]);
    expect(adjustPlan(left, ['s1', 's3', 's4', 's5'])).toEqual([
      { a: 's1', b: 's5' },
      { a: 's3', b: 's4' },
    ]);
    // the first of a pair gone: the second stays, with the bot
    expect(adjustPlan(plan, ['s2', 's3', 's4'])).toEqual([
      { a: 's2', b: null },
      { a: 's3', b: 's4' },
    ]);
    // nobody free beside: the newcomer plays the bot
    expect(adjustPlan(plan, [...ids(4), 's5'])).toEqual([...plan, { a: 's5', b: null }]);
  });

  test('the adjusted plan is always valid for the new roster', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 5 }),
        (n, stays, added) => {
          const plan = autoPairs(pairing({ students: ids(n) }));
          const roster = [
            ...ids(n).filter((_, i) => stays[i]),
            ...Array.from({ length: added }, (_, i) => `n${i}`),
          ];
          expect(checkPairs(adjustPlan(plan, roster), roster)).toBeNull();
        },
      ),
    );
  });
});
