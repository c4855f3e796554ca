/**
 * Moves with an id: applied at most once; the same id again gets the first outcome, accepted or
 * refused, without judging it again; answers that changed nothing keep no id.
 */
import { applyMove, createGame, MOVE_IDS_KEPT, seatPlayer } from '../../../shared/game/game-engine';
import type { Game } from '../../../shared/game/game-types';
import { ACK, type Move } from '../../../shared/tcp/types';
import { SIM_SETTINGS } from '../../helpers/fair-play-sim';

function start(): Game {
  let g = createGame({ id: 'g', scenarioId: 'three-way-handshake', now: 0, seed: 1, settings: SIM_SETTINGS });
  g = seatPlayer(g, 'client', 's-c', 'c', 0);
  return seatPlayer(g, 'server', 's-s', 's', 0);
}
const listen: Move = { kind: 'call', call: { call: 'listen' } };

test('an accepted move sent again with its id is not applied again', () => {
  const a = applyMove(start(), 'server', listen, 0, { moveId: 'm1' });
  expect(a.ok).toBe(true);
  const again = applyMove(a.game, 'server', listen, 5, { moveId: 'm1' });
  expect(again.ok).toBe(true);
  expect(again.game).toBe(a.game);
  // without the id the same call is judged anew: listen() twice is refused
  const plain = applyMove(a.game, 'server', listen, 5);
  expect(plain.ok).toBe(false);
});

test('a refused move (a mistake) sent again with its id gets the same refusal and no second mistake', () => {
  const g = start();
  const wrong: Move = { kind: 'segment', segment: { flags: ACK, seq: 1, ack: 1, len: 0, win: 65535 } };
  const r = applyMove(g, 'server', wrong, 0, { moveId: 'bad' });
  expect(r.ok ? null : r.error.code).toBe('NOT_SYNCHRONIZED');
  expect(r.game.score.server.mistakes).toBe(1);
  const again = applyMove(r.game, 'server', wrong, 1, { moveId: 'bad' });
  expect(again.ok ? null : again.error.code).toBe('NOT_SYNCHRONIZED');
  expect(again.game.score.server.mistakes).toBe(1);
  expect(again.game.version).toBe(r.game.version);
});

test("an id is the sender's: the other side's move with the same id is its own", () => {
  const a = applyMove(start(), 'server', listen, 0, { moveId: 'same' });
  const c = applyMove(a.game, 'client', { kind: 'call', call: { call: 'connect', iss: 7 } }, 1, {
    moveId: 'same',
  });
  expect(c.ok).toBe(true);
  expect(c.game.conn.client.state).toBe('SYN_SENT');
});

test('answers that changed nothing keep no id; only the latest ids are kept', () => {
  const g = start();
  const early = applyMove(g, 'client', { kind: 'call', call: { call: 'connect' } }, 0, { moveId: 'x' });
  expect(early.ok ? null : early.error.code).toBe('NOT_YOUR_TURN');
  expect(early.game.recentMoves).toEqual([]);
  let h = applyMove(g, 'server', listen, 0, { moveId: 'first' }).game;
  const ack: Move = { kind: 'segment', segment: { flags: ACK, seq: 1, ack: 1, len: 0, win: 65535 } };
  for (let i = 0; i < MOVE_IDS_KEPT; i++) h = applyMove(h, 'client', ack, 1 + i, { moveId: `w${i}` }).game;
  expect(h.recentMoves).toHaveLength(MOVE_IDS_KEPT);
  expect(h.recentMoves.some((m) => m.id === 'first')).toBe(false);
});
