/**
 * Deltas between views (shared/game/view-delta.ts): applied in order they rebuild every view of a
 * played game exactly, from whole views or from views carrying only their new log entries; a delta
 * applies only to the version it names; the sender's own landing is recognised as such.
 */
import { viewFor, type GameView } from '../../../shared/game/game-view';
import {
  applyDelta,
  diffView,
  heldOf,
  isDelta,
  nextView,
  onlyOwnLanding,
  withoutLanded,
} from '../../../shared/game/view-delta';
import { SCENARIO_IDS } from '../../../shared/scenarios/scenarios';
import { playGame } from '../../helpers/engine-play';

const byRole = (views: GameView[], role: string) => views.filter((v) => v.role === role);

test.each(SCENARIO_IDS)('%s: every view rebuilt from the first by deltas, in order', (scenario) => {
  const { views } = playGame(scenario);
  for (const role of ['client', 'server']) {
    const seq = byRole(views, role);
    let held = seq[0]!;
    for (const next of seq.slice(1)) {
      const d = diffView(held, next)!;
      expect(isDelta(d)).toBe(true);
      expect(d).not.toHaveProperty('scenarioId');
      expect(d).not.toHaveProperty('settings');
      const got = applyDelta(held, d);
      expect(got).toEqual(next);
      held = got!;
    }
  }
});

test('a delta made from a view without its old log entries applies to the whole view', () => {
  const { views } = playGame('client-closes-first');
  const seq = byRole(views, 'client');
  const a = seq[3]!;
  const b = seq[6]!;
  const partialA = { ...a, logFrom: a.log.length, log: [] };
  const partialB = { ...b, logFrom: a.log.length, log: b.log.slice(a.log.length) };
  expect(applyDelta(a, diffView(partialA, partialB)!)).toEqual(b);
});

test('a delta applies only to the version it names: otherwise a gap, or nothing new', () => {
  const { views } = playGame('three-way-handshake');
  const seq = byRole(views, 'client').filter((v, i, all) => i === 0 || v.version !== all[i - 1]!.version);
  const [v0, v1, v2] = seq as [GameView, GameView, GameView];
  const d12 = diffView(v1, v2)!;
  expect(applyDelta(v0, d12)).toBeNull();
  expect(nextView(v0, d12)).toBeNull();
  expect(nextView(v2, d12)).toBe(v2);
  expect(nextView(null, d12)).toBeNull();
  expect(nextView(v1, d12)).toEqual(v2);
  expect(nextView(v2, v1)).toBe(v2);
  expect(applyDelta({ ...v1, gameId: 'other' }, d12)).toBeNull();
  expect(diffView(v1, { ...v2, role: 'server' })).toBeNull();
});

test("a sender's own landing is only that; the receiver's is not, nor a loss", () => {
  const { views } = playGame('three-way-handshake');
  const client = byRole(views, 'client');
  // the client's SYN in flight, then gone from the wire
  const i = client.findIndex((v) => v.wire.some((w) => w.from === 'client'));
  const flying = client[i]!;
  const seg = flying.wire.find((w) => w.from === 'client')!;
  const landedAt = seg.arriveAt;
  const after = client.find((v) => v.version > flying.version && !v.wire.some((w) => w.id === seg.id))!;
  const d = diffView(flying, after)!;
  // the peer's state changed too (LISTEN to SYN_RCVD): that the sender must see
  expect(onlyOwnLanding(d, heldOf(flying), landedAt)).toBe(d.peer === undefined && d.you === undefined);
  const bare = { ...d, peer: undefined, you: undefined, phase: undefined };
  for (const k of Object.keys(bare) as (keyof typeof bare)[]) if (bare[k] === undefined) delete bare[k];
  expect(onlyOwnLanding(bare, heldOf(flying), landedAt)).toBe(true);
  expect(onlyOwnLanding(bare, heldOf(flying), landedAt - 1)).toBe(false);
  const lost = { ...flying, wire: flying.wire.map((w) => (w.id === seg.id ? { ...w, lost: true } : w)) };
  expect(onlyOwnLanding(bare, heldOf(lost), landedAt)).toBe(false);
  expect(withoutLanded(flying, landedAt).wire.some((w) => w.id === seg.id)).toBe(false);
  expect(withoutLanded(flying, landedAt - 1)).toBe(flying);
});

test('views of the game as made by viewFor round-trip too (whole logs)', () => {
  const { game } = playGame('simultaneous-close');
  const a = viewFor(game, 'client', 5000);
  expect(applyDelta(a, diffView(a, a)!)).toEqual(a);
});

describe('the compact form of a delta', () => {
  test.each(SCENARIO_IDS)(
    '%s: no segment twice, no field at its usual value, and the log rebuilt when the client took its landed segments off by the clock',
    (scenario) => {
      const { views } = playGame(scenario);
      for (const role of ['client', 'server']) {
        const seq = byRole(views, role);
        for (let i = 1; i < seq.length; i++) {
          const held = seq[i - 1]!;
          const next = seq[i]!;
          const d = diffView(held, next)!;
          const added = new Set((d.wire?.add ?? []).map((w) => w.id));
          for (const w of d.wire?.add ?? []) {
            expect(w).not.toHaveProperty('lost', false);
            expect(w).not.toHaveProperty('injected', false);
          }
          for (const e of d.log?.add ?? []) {
            if (e.type === 'send') {
              expect(e).not.toHaveProperty('retransmission', false);
              expect(e).not.toHaveProperty('auto', false);
              // a new segment is told once, on the wire
              if (added.has(e.segmentId!)) expect(e).not.toHaveProperty('segment');
            }
            if (e.type === 'arrive') {
              expect(e).not.toHaveProperty('injected', false);
              expect(e).not.toHaveProperty('notes', []);
              const w = held.wire.find((x) => x.id === e.segmentId);
              // the peer's segment landing here is on the wire held; this seat's own may be gone
              if (w && w.from !== role) expect(e).not.toHaveProperty('segment');
              if (w && w.from === role) expect(e).toHaveProperty('segment');
            }
          }
          const byClock = applyDelta(withoutLanded(held, next.serverNow), d);
          expect(byClock?.log).toEqual(next.log);
        }
      }
    },
  );

  test('of a record, the timers and the scores, only the fields that changed come', () => {
    const { views } = playGame('client-closes-first');
    // the first step of each seat where one timer changed and another did not, and where a score did
    const step = (role: string, pick: (held: GameView, next: GameView) => boolean) => {
      const seq = byRole(views, role);
      const i = seq.findIndex((v, k) => k > 0 && pick(seq[k - 1]!, v));
      return [seq[i - 1]!, seq[i]!] as const;
    };
    const [h1, n1] = step(
      'client',
      (h, n) => h.you.timers.turn !== n.you.timers.turn && h.you.timers.rto === n.you.timers.rto,
    );
    const d1 = diffView(h1, n1)!;
    expect(d1.you!.timers).toEqual({ turn: n1.you.timers.turn });
    expect(applyDelta(h1, d1)).toEqual(n1);
    const [h2, n2] = step('server', (h, n) => h.peer.score.points !== n.peer.score.points);
    const d2 = diffView(h2, n2)!;
    expect(d2.peer!.score).toEqual({ points: n2.peer.score.points });
    expect(applyDelta(h2, d2)).toEqual(n2);
  });

  test('a log entry naming a segment the view does not hold does not apply: a gap', () => {
    const { views } = playGame('three-way-handshake');
    const seq = byRole(views, 'server');
    const i = seq.findIndex(
      (v, k) =>
        k > 0 && v.log.some((e) => e.type === 'arrive') && !seq[k - 1]!.log.some((e) => e.type === 'arrive'),
    );
    const d = diffView(seq[i - 1]!, seq[i]!)!;
    const arrive = d.log!.add.find((e) => e.type === 'arrive')!;
    expect(arrive).not.toHaveProperty('segment');
    expect(applyDelta({ ...seq[i - 1]!, wire: [] }, d)).toBeNull();
  });
});
