/**
 * The teacher's network actions armed ahead (armWire): each waits for the next segment its side
 * sends and then drops, delays or duplicates exactly that one; a cancel or a new action replaces
 * it; arming changes nothing the players see; a finished game refuses it; the game stays frozen
 * (no change in place).
 */
import {
  applyMove,
  armWire,
  advance,
  cloneGame,
  correctMoves,
  createGame,
  pauseGame,
  resumeGame,
  seatPlayer,
  type WireAction,
} from '../../../shared/game/game-engine';
import type { Game } from '../../../shared/game/game-types';
import { viewFor } from '../../../shared/game/game-view';
import type { Side } from '../../../shared/tcp/types';

const F = 1000;
const settings = { flightMs: F, turnMs: 20000, rtoMs: 5000, mslMs: 4000, synRcvdMs: 60000, botDelayMs: 0 };

/** Deep-freezes a game, so a change in place throws. */
function frozen<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) frozen(v);
  }
  return x;
}

/** The handshake with both seats taken and the server listening (t=0), the client about to connect. */
function listening(): Game {
  let g = createGame({ id: 'g', scenarioId: 'three-way-handshake', now: 0, seed: 3, settings });
  g = seatPlayer(g, 'client', 'sc', 'ann', 0);
  g = seatPlayer(g, 'server', 'ss', 'bo', 0);
  const r = applyMove(g, 'server', { kind: 'call', call: { call: 'listen' } }, 0);
  if (!r.ok) throw new Error('listen refused');
  return frozen(r.game);
}

/** The side plays its first correct move at t. */
function play(g: Game, side: Side, t: number): Game {
  const move = correctMoves(g, side, side === 'client' ? 1000 : 5000)[0];
  if (!move) throw new Error(`${side} has no move`);
  const r = applyMove(g, side, move, t);
  if (!r.ok) throw new Error(`${side} refused: ${JSON.stringify(r.error)}`);
  return frozen(r.game);
}

function arm(g: Game, side: Side, action: WireAction | null, t: number): Game {
  const r = armWire(g, side, action, t);
  if (!r.ok) throw new Error(r.error);
  return frozen(r.game);
}

test('armed for the client: nothing happens to the wire until its next segment, which is dropped', () => {
  const g0 = listening();
  const g1 = arm(g0, 'client', 'drop', 100);
  expect(g1.version).toBe(g0.version + 1);
  expect(g1.armed).toEqual({ client: { action: 'drop', armedAt: 100, fired: null }, server: null });
  expect(g1.wire).toEqual([]);
  expect(g1.tampered).toBe(false);
  // the players' views are the same as before, but for the version
  for (const s of ['client', 'server'] as const)
    expect({ ...viewFor(g1, s, 100), version: 0 }).toEqual({ ...viewFor(g0, s, 100), version: 0 });
  expect(JSON.stringify(viewFor(g1, 'client', 100))).not.toMatch(/armed|drop/);

  const g2 = play(g1, 'client', 200);
  const syn = g2.wire[0]!;
  expect(g2.wire).toHaveLength(1);
  expect(syn).toMatchObject({ from: 'client', lost: true, sentAt: 200, arriveAt: 200 + F });
  expect(g2.tampered).toBe(true);
  expect(g2.armed.client).toEqual({
    action: 'drop',
    armedAt: 100,
    fired: { at: 200, segmentId: syn.id, segment: syn.segment },
  });
  // it falls off the wire: the server never hears of it, and the client retransmits
  const g3 = advance(g2, 200 + F);
  expect(g3.conn.server.state).toBe('LISTEN');
  expect(g3.log.some((e) => e.type === 'lost' && e.segmentId === syn.id)).toBe(true);
  const g4 = frozen(advance(g3, 200 + settings.rtoMs));
  expect(g4.mustRetransmit.client).toBe(true);
  // fired once only: the retransmission gets through
  const g5 = play(g4, 'client', 200 + settings.rtoMs + 10);
  expect(g5.wire.map((w) => w.lost)).toEqual([false]);
  expect(advance(g5, 200 + settings.rtoMs + 10 + F).conn.server.state).toBe('SYN_RCVD');
});

test('delay: the next segment arrives one flight late; duplicate: a copy half a flight behind it', () => {
  const delayed = play(arm(listening(), 'client', 'delay', 0), 'client', 50);
  expect(delayed.wire).toEqual([expect.objectContaining({ sentAt: 50, arriveAt: 50 + 2 * F, lost: false })]);
  expect(advance(delayed, 50 + F).conn.server.state).toBe('LISTEN');
  expect(advance(delayed, 50 + 2 * F).conn.server.state).toBe('SYN_RCVD');

  const doubled = play(arm(listening(), 'client', 'duplicate', 0), 'client', 50);
  const [first, copy] = doubled.wire;
  expect(doubled.wire).toHaveLength(2);
  expect(copy).toMatchObject({ from: 'client', segment: first!.segment, arriveAt: 50 + F + F / 2 });
  expect(copy!.id).not.toBe(first!.id);
  expect(doubled.armed.client?.fired?.segmentId).toBe(first!.id);
  const after = advance(doubled, 50 + 2 * F);
  expect(after.log.filter((e) => e.type === 'arrive' && e.side === 'server')).toHaveLength(2);
});

test("an action armed for one side waits through the other side's segments", () => {
  let g = arm(listening(), 'server', 'drop', 0);
  g = play(g, 'client', 10); // the client's SYN: not the server's
  expect(g.wire.map((w) => [w.from, w.lost])).toEqual([['client', false]]);
  expect(g.armed.server?.fired).toBeNull();
  g = frozen(advance(g, 10 + F));
  g = play(g, 'server', 20 + F); // the server's SYN,ACK: dropped
  expect(g.wire.map((w) => [w.from, w.lost])).toEqual([['server', true]]);
  expect(g.armed.server?.fired?.at).toBe(20 + F);
  expect(g.armed.client).toBeNull();
});

test('a new action replaces the waiting one, a cancel removes it, arming it again changes nothing', () => {
  const g0 = listening();
  const g1 = arm(g0, 'client', 'drop', 10);
  const same = armWire(g1, 'client', 'drop', 20);
  expect(same).toEqual({ ok: true, game: g1, armed: g1.armed.client });
  const g2 = arm(g1, 'client', 'duplicate', 30);
  expect(g2.armed.client).toEqual({ action: 'duplicate', armedAt: 30, fired: null });
  const g3 = arm(g2, 'client', null, 40);
  expect(g3.armed.client).toBeNull();
  expect(g3.version).toBe(g2.version + 1);
  // nothing to cancel: the same game
  expect(armWire(g3, 'client', null, 50)).toEqual({ ok: true, game: g3, armed: null });
  const g4 = play(g3, 'client', 60);
  expect(g4.wire.map((w) => w.lost)).toEqual([false]);
  expect(g4.tampered).toBe(false);
});

test('once fired it stays as a record until armed again; a fired one is not fired twice', () => {
  let g = play(arm(listening(), 'client', 'delay', 0), 'client', 10);
  const fired = g.armed.client;
  g = frozen(advance(g, 10 + 2 * F));
  g = play(g, 'server', 20 + 2 * F);
  g = frozen(advance(g, 20 + 3 * F));
  g = play(g, 'client', 30 + 3 * F); // the handshake's ACK: on time
  expect(g.armed.client).toBe(fired);
  expect(g.wire.at(-1)).toMatchObject({ sentAt: 30 + 3 * F, arriveAt: 30 + 4 * F });
  // arming the same action again after it fired arms a new one
  expect(arm(g, 'client', 'delay', 40 + 3 * F).armed.client).toEqual({
    action: 'delay',
    armedAt: 40 + 3 * F,
    fired: null,
  });
});

test('a finished game is GAME_NOT_PLAYING; a paused one may be armed; the copy keeps it', () => {
  let g = listening();
  for (let t = 0; g.phase === 'playing' && t < 20 * F; t += 100) {
    const side = (['client', 'server'] as const).find((s) => correctMoves(g, s, 1000).length > 0);
    g = side ? play(g, side, t) : frozen(advance(g, t));
  }
  expect(g.phase).toBe('finished');
  expect(armWire(g, 'client', 'drop', 30 * F)).toEqual({ ok: false, game: g, error: 'GAME_NOT_PLAYING' });

  // armed during a pause, it fires after the resume
  const paused = arm(frozen(pauseGame(listening(), 5)), 'client', 'drop', 6);
  expect(paused.armed.client?.action).toBe('drop');
  expect(play(frozen(resumeGame(paused, 500)), 'client', 510).wire.map((w) => w.lost)).toEqual([true]);

  const armed = arm(listening(), 'server', 'duplicate', 5);
  expect(cloneGame(armed).armed).toEqual(armed.armed);
});
