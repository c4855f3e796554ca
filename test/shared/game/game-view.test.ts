import {
  advance,
  applyMove,
  canAct,
  correctMoves,
  createGame,
  LOG_LIMIT,
  seatPlayer,
} from '../../../shared/game/game-engine';
import type { Game } from '../../../shared/game/game-types';
import { joinView, logSentToBoth, viewFor } from '../../../shared/game/game-view';
import type { Move, Side } from '../../../shared/tcp/types';

const settings = { flightMs: 1000, turnMs: 20000, rtoMs: 5000, mslMs: 4000, synRcvdMs: 60000, botDelayMs: 0 };

function start(): Game {
  let g = createGame({ id: 'g1', scenarioId: 'three-way-handshake', now: 0, seed: 3, settings, bot: null });
  for (const s of ['client', 'server'] as const) g = seatPlayer(g, s, `sess-${s}`, s, 0);
  return g;
}

/** The first correct move of `side` (its own numbers from `iss`). */
function correct(g: Game, side: Side, t: number, iss = 1000): Game {
  const move = correctMoves(g, side, iss)[0];
  if (!move) throw new Error(`${side} has no correct move`);
  const r = applyMove(g, side, move, t);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.game;
}

/** The server's SYN,ACK with ack = x instead of x+1: refused. */
function wrongAck(g: Game): Move {
  const m = correctMoves(g, 'server', 5000)[0]!;
  if (m.kind !== 'segment') throw new Error('a segment was expected');
  return { kind: 'segment', segment: { ...m.segment, ack: m.segment.ack - 1 } };
}

/** Up to the SYN's arrival, then the server's refused SYN,ACK (a mistake sent to the server alone). */
function withRefusal(): { before: Game; after: Game } {
  let g = start();
  let now = 0;
  for (let i = 0; !(canAct(g, 'server') && g.conn.server.owed === 'syn-ack'); i++) {
    if (i > 50) throw new Error('the SYN did not arrive');
    const side = (['server', 'client'] as const).find((s) => canAct(g, s));
    now += side ? 10 : settings.flightMs;
    g = side ? correct(g, side, now) : advance(g, now);
  }
  const after = applyMove(g, 'server', wrongAck(g), now + 10);
  expect(after.ok).toBe(false);
  return { before: g, after: after.game };
}

/** After the refusal, the correct SYN,ACK. */
function fixed(after: Game): Game {
  return correct(after, 'server', after.log.at(-1)!.t + 1, 5000);
}

test('viewFor sends the log from logFrom on, and the whole log by default', () => {
  const { after: g } = withRefusal();
  const whole = viewFor(g, 'server', 2000);
  expect(whole.logFrom).toBe(0);
  expect(whole.log).toHaveLength(g.log.length);
  const tail = viewFor(g, 'server', 2000, 2);
  expect(tail.logFrom).toBe(2);
  expect(tail.log).toEqual(whole.log.slice(2));
  // out of range: clamped to the log
  expect(viewFor(g, 'server', 2000, 999).logFrom).toBe(g.log.length);
  expect(viewFor(g, 'server', 2000, 999).log).toEqual([]);
  expect(viewFor(g, 'server', 2000, -5).logFrom).toBe(0);
});

test('logSentToBoth leaves out a trailing run of refused moves, and only that', () => {
  const { before, after } = withRefusal();
  expect(after.log.length).toBe(before.log.length + 1);
  expect(after.log.at(-1)!.type).toBe('refused');
  expect(logSentToBoth(after)).toBe(before.log.length);
  expect(logSentToBoth(before)).toBe(before.log.length);
  // once a real change follows, the refusal is inside the log both were sent
  const later = fixed(after);
  expect(logSentToBoth(later)).toBe(later.log.length);
});

test('joinView puts the new entries after the ones held, from an earlier or a later view', () => {
  const { before, after } = withRefusal();
  const g = fixed(after);
  for (const side of ['client', 'server'] as const) {
    const held = viewFor(before, side, 1010);
    const delta = viewFor(g, side, 1030, logSentToBoth(before));
    expect(delta.log.length).toBeLessThan(g.log.length);
    const joined = joinView(held, delta)!;
    expect(joined).toEqual(viewFor(g, side, 1030));
    // a newer view held (the delta came late) gives the same older log
    expect(joinView(joined, viewFor(before, side, 1010, 1))).toEqual(viewFor(before, side, 1010));
  }
});

test('joinView refuses what it cannot join: too few entries, another game, another seat', () => {
  const { before, after } = withRefusal();
  const g = fixed(after);
  const delta = viewFor(g, 'client', 1030, before.log.length);
  expect(joinView(null, delta)).toBeNull();
  expect(joinView(viewFor(start(), 'client', 0), delta)).toBeNull();
  expect(joinView({ ...viewFor(before, 'client', 1010), gameId: 'other' }, delta)).toBeNull();
  expect(joinView(viewFor(before, 'server', 1010), delta)).toBeNull();
  expect(joinView(viewFor(before, 'client', 1010, 1), delta)).toBeNull();
  // a whole view needs nothing held
  expect(joinView(null, viewFor(g, 'client', 1030))).toEqual(viewFor(g, 'client', 1030));
});

test('at the log limit the oldest entries may be gone: whole views, and no join onto a full log', () => {
  const { before, after } = withRefusal();
  // the same game with a log at its limit (the engine drops the oldest entries past it)
  const filler = before.log[0]!;
  const long: Game = { ...before, log: Array.from({ length: LOG_LIMIT }, () => filler) };
  const next: Game = { ...after, log: [...long.log.slice(1), after.log.at(-1)!] };
  expect(next.log).toHaveLength(LOG_LIMIT);
  expect(logSentToBoth(long, next)).toBe(0);
  expect(logSentToBoth(before, after)).toBe(before.log.length);
  // a delta cannot be joined onto a log at the limit (only an older view could come after it)
  const held = viewFor(next, 'client', 2000);
  expect(joinView(held, viewFor(after, 'client', 1500, 1))).toBeNull();
});
