/**
 * Fair play, over every scenario and both roles, with random think times (0 to several flights),
 * random choices among the correct moves and random tie-breaks between moves and deadlines: two
 * correct players, or a correct player and the bot, always meet the goal with no mistake and no
 * forfeit, and score exactly what the same side scores in any other correct game of the scenario.
 * Inserting legal but pointless segments never raises a score. Skipping a scenario's key step is
 * either refused or leaves the goal unmet.
 */
import fc from 'fast-check';
import { SCENARIO_IDS, SCENARIOS, type ScenarioId } from '../../../shared/scenarios/scenarios';
import { SYN, type Side } from '../../../shared/tcp/types';
import {
  SIM_SETTINGS,
  seg,
  simulate,
  type SimChoices,
  type SimResult,
  type Skip,
} from '../../helpers/fair-play-sim';

const SIDES: readonly Side[] = ['client', 'server'];
const F = SIM_SETTINGS.flightMs;
const RUNS = Number(process.env.FAIR_RUNS ?? 60);

/** Think times: often 0 or whole flights (ties with arrivals), otherwise anything up to 4 flights. */
const thinkMs = fc.oneof(fc.constantFrom(0, F, 2 * F, F / 2), fc.integer({ min: 0, max: 4 * F }));
const choices: fc.Arbitrary<SimChoices> = fc.record({
  think: fc.array(thinkMs, { minLength: 1, maxLength: 30 }),
  pick: fc.array(fc.nat(5), { minLength: 1, maxLength: 10 }),
  ties: fc.array(fc.nat(1), { minLength: 1, maxLength: 10 }),
});
const botDelay = fc.constantFrom(0, F / 2, F, 3 * F);

/** The points each side scores in a plain correct game: what every correct game must score. */
const reference = new Map<ScenarioId, Record<Side, number>>();
function expectedPoints(id: ScenarioId): Record<Side, number> {
  let r = reference.get(id);
  if (!r) {
    const g = simulate(id, SIDES, { think: [0], pick: [0], ties: [0] }).game;
    r = { client: g.score.client.points, server: g.score.server.points };
    reference.set(id, r);
  }
  return r;
}

function expectFair(id: ScenarioId, humans: readonly Side[], r: SimResult, tampered = false): void {
  const g = r.game;
  const why = `${id}, humans ${humans.join('+')}: ${JSON.stringify(g.result)} ${r.refusals.join('; ')}`;
  if (r.refusals.length > 0) throw new Error(`correct play refused: ${why}`);
  if (g.phase !== 'finished' || !g.result?.goalMet) throw new Error(`goal not met: ${why}`);
  // on the scenario's own network, correct play fulfils exactly the scenario's par: nothing to adjust
  if (!tampered && g.result.networkPoints) throw new Error(`par is not what correct play scores: ${why}`);
  for (const s of humans) {
    const sc = g.score[s];
    if (sc.mistakes !== 0 || sc.forfeits !== 0) throw new Error(`${s} mistakes/forfeits: ${why}`);
    if (sc.points !== expectedPoints(id)[s])
      throw new Error(`${s} scored ${sc.points}, a correct game scores ${expectedPoints(id)[s]}: ${why}`);
  }
}

describe.each(SCENARIO_IDS.map((id) => [id]))('%s', (id) => {
  test('two correct players meet the goal, no mistake, equal points, under any timing', () => {
    fc.assert(
      fc.property(choices, (c) => expectFair(id, SIDES, simulate(id, SIDES, c))),
      { numRuns: RUNS },
    );
  });

  test.each(SIDES.map((s) => [s]))('a correct %s against the bot: the same', (side) => {
    fc.assert(
      fc.property(choices, botDelay, (c, d) =>
        expectFair(id, [side], simulate(id, [side], c, { botDelayMs: d })),
      ),
      { numRuns: RUNS },
    );
  });

  test("the teacher's drops, delays and duplicates cost a correct pair no point and no goal", () => {
    const tamper = fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: 30 * F }),
        action: fc.constantFrom('drop', 'delay', 'duplicate'),
      }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(choices, tamper, (c, t) =>
        expectFair(id, SIDES, simulate(id, SIDES, { ...c, tamper: t }), true),
      ),
      { numRuns: RUNS },
    );
  });

  test("actions the teacher armed for a side's next segment cost a correct pair no point and no goal", () => {
    const arm = fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: 30 * F }),
        side: fc.constantFrom<Side>('client', 'server'),
        action: fc.constantFrom('drop', 'delay', 'duplicate', null),
      }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(choices, arm, (c, a) => {
        const r = simulate(id, SIDES, { ...c, arm: a });
        expectFair(id, SIDES, r, true);
        // an action fired only on a segment its side sent after it was armed
        for (const s of SIDES) {
          const fired = r.game.armed[s]?.fired;
          if (!fired) continue;
          const sent = r.game.log.find((e) => e.type === 'send' && e.segmentId === fired.segmentId);
          expect(sent).toMatchObject({ side: s, t: fired.at });
          expect(r.game.tampered).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('legal but pointless segments never raise a score', () => {
    fc.assert(
      fc.property(choices, fc.array(fc.nat(1), { minLength: 1, maxLength: 8 }), (c, p) => {
        const r = simulate(id, SIDES, { ...c, pointless: p });
        if (r.refusals.length > 0) throw new Error(r.refusals.join('; '));
        for (const s of SIDES) {
          const points = r.game.score[s].points;
          if (points > expectedPoints(id)[s]) throw new Error(`${s}: ${points} > ${expectedPoints(id)[s]}`);
        }
        const logged = r.game.log.filter((e) => (e.type === 'send' || e.type === 'call') && e.pointless);
        expect(logged.length).toBe(r.pointlessSent);
        expect(r.game.score.client.pointless + r.game.score.server.pointless).toBe(r.pointlessSent);
      }),
      { numRuns: RUNS },
    );
  });
});

/**
 * For each scenario, the tempting move that would skip its key step, tried at that moment: refused
 * (the rules do not allow the shortcut), or accepted and then the goal is not met and the summary
 * names the missing step.
 */
const SKIPS: Record<ScenarioId, Skip & { outcome: 'refused' | 'goal-missed' }> = {
  'three-way-handshake': {
    side: 'client',
    when: (v) => v.you.record.state === 'ESTABLISHED' && v.you.record.owed === 'ack',
    move: (v) => seg.data(v, 5),
    outcome: 'refused',
  },
  'delayed-duplicate-syn': {
    side: 'client',
    when: (v) => v.you.record.owed === 'rst',
    move: (v) => ({
      kind: 'segment',
      segment: { flags: 0x10, seq: 1, ack: v.you.record.owedSeq, len: 0, win: 65535 },
    }),
    outcome: 'refused',
  },
  'client-closes-first': {
    side: 'server',
    when: (v) => v.you.record.state === 'CLOSE_WAIT' && v.you.record.owed === 'ack',
    move: seg.finAck,
    outcome: 'refused',
  },
  'server-closes-first': {
    side: 'client',
    when: (v) => v.you.record.state === 'CLOSE_WAIT' && v.you.record.owed === 'ack',
    move: seg.finAck,
    outcome: 'refused',
  },
  'piggybacked-teardown': {
    side: 'server',
    when: (v) => v.you.record.state === 'CLOSE_WAIT' && v.you.record.owed === 'ack',
    move: seg.ack,
    outcome: 'goal-missed',
  },
  'lost-last-ack': {
    side: 'client',
    when: (v) => v.you.record.state === 'TIME_WAIT' && v.you.record.owed === 'ack',
    move: seg.rst,
    outcome: 'refused',
  },
  'old-segment-new-connection': {
    side: 'client',
    when: (v) => v.you.record.state === 'ESTABLISHED' && v.you.record.owed === 'ack',
    move: (v) => seg.data(v, 20),
    outcome: 'refused',
  },
  'lost-syn-or-syn-ack': {
    side: 'client',
    when: (v) => v.you.mustRetransmit,
    move: (v) => ({
      kind: 'segment',
      segment: { flags: SYN, seq: (v.you.record.iss + 1000) >>> 0, ack: 0, len: 0, win: 65535 },
    }),
    outcome: 'refused',
  },
  'simultaneous-open': {
    side: 'client',
    when: (v) => v.you.record.owed === 'syn-ack',
    move: seg.ack,
    outcome: 'refused',
  },
  'simultaneous-close': {
    side: 'client',
    when: (v) => v.you.record.state === 'CLOSING' && v.you.record.owed === 'ack',
    move: seg.rst,
    outcome: 'refused',
  },
  'connection-refused': {
    side: 'server',
    when: (v) => v.you.record.owed === 'rst-ack',
    move: seg.synAck,
    outcome: 'refused',
  },
  'forgotten-close': {
    side: 'server',
    when: (v) => v.you.record.state === 'CLOSE_WAIT' && v.you.record.owed === 'ack',
    move: seg.finAck,
    outcome: 'refused',
  },
};

describe.each(SCENARIO_IDS.map((id) => [id]))('%s: skipping the key step', (id) => {
  test(`is ${SKIPS[id].outcome === 'refused' ? 'refused' : 'accepted but misses the goal'}, under any timing`, () => {
    const skip = SKIPS[id];
    fc.assert(
      fc.property(choices, (c) => {
        const r = simulate(id, SIDES, c, { skip });
        const g = r.game;
        if (skip.outcome === 'refused') {
          // the shortcut does not exist: refused as a mistake or off the plan, never as stale
          expect(r.skip).toMatch(/^refused:(?!VIEW_STALE)/);
          expect(g.result?.goalMet).toBe(true);
        } else {
          expect(r.skip).toBe('accepted');
          expect(g.result?.goalMet).toBe(false);
          expect(g.result?.missing?.length).toBeGreaterThan(0);
          for (const m of g.result?.missing ?? []) expect(SCENARIOS[id].lesson).toContain(m);
        }
      }),
      { numRuns: 25 },
    );
  });
});
