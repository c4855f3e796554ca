/** Result rows of a game and the leaderboards made from them. */
import type { Student } from '../../../shared/class/class-types';
import { leaderboard, resultRows } from '../../../shared/class/results';
import { createGame, seatPlayer } from '../../../shared/game/game-engine';
import type { Game } from '../../../shared/game/game-types';
import type { Side } from '../../../shared/tcp/types';
import { resultRow } from '../../helpers/class-fixtures';

const settings = { flightMs: 1000, turnMs: 20000, rtoMs: 5000, mslMs: 4000, synRcvdMs: 60000, botDelayMs: 0 };

const students: Student[] = [
  { sessionId: 'sess-a', playerId: 'pa', nickname: 'ann', joinedAt: 0 },
  { sessionId: 'sess-b', playerId: 'pb', nickname: 'bob', joinedAt: 1 },
];

/** A game between the given sessions (null: the bot) started at t=1000. */
function game(client: string | null, server: string | null): Game {
  const bot: Side | null = client === null ? 'client' : server === null ? 'server' : null;
  let g = createGame({
    id: 'g1',
    scenarioId: 'three-way-handshake',
    now: 1000,
    seed: 1,
    settings,
    bot: bot ? { role: bot, level: 'partner' } : null,
    classId: 'c1',
  });
  if (client) g = seatPlayer(g, 'client', client, 'nick-in-game', 1000);
  if (server) g = seatPlayer(g, 'server', server, 'other-in-game', 1000);
  return g;
}

describe('resultRows', () => {
  test('one row per student of a finished game, with the class nickname, partner, figures and time', () => {
    const g = game('sess-a', 'sess-b');
    g.score = {
      client: { ...g.score.client, points: 40, correct: 4, mistakes: 1, byCode: { ACK_OFF_BY_ONE: 1 } },
      server: { ...g.score.server, points: 30, correct: 3 },
    };
    g.result = { finishedAt: 31_000, goalMet: true };
    const rows = resultRows(g, 2, students);
    expect(rows).toEqual([
      {
        round: 2,
        scenarioId: 'three-way-handshake',
        playerId: 'pa',
        nickname: 'ann',
        role: 'client',
        partner: 'bob',
        points: 40,
        correct: 4,
        mistakes: 1,
        byCode: { ACK_OFF_BY_ONE: 1 },
        goalMet: true,
        timeMs: 30_000,
      },
      expect.objectContaining({ playerId: 'pb', role: 'server', partner: 'ann', points: 30, goalMet: true }),
    ]);
    // the row's byCode is a copy, not the game's own object
    rows[0]!.byCode.ACK_OFF_BY_ONE = 99;
    expect(g.score.client.byCode.ACK_OFF_BY_ONE).toBe(1);
  });

  test("the bot gets no row and is nobody's named partner; a game still running has no time and no goal yet", () => {
    const rows = resultRows(game(null, 'sess-b'), 1, students);
    expect(rows).toEqual([
      expect.objectContaining({ playerId: 'pb', role: 'server', partner: null, timeMs: 0, goalMet: false }),
    ]);
  });

  test('a player no longer in the class gets no row; the partner shows its in-game nickname', () => {
    const rows = resultRows(game('sess-a', 'sess-gone'), 1, students);
    expect(rows).toEqual([expect.objectContaining({ playerId: 'pa', partner: 'other-in-game' })]);
  });
});

describe('leaderboard', () => {
  test('sums per student, sorted by points then fewer mistakes, ties sharing a rank', () => {
    const board = leaderboard([
      resultRow('p1', 'ann', { points: 10, correct: 1, goalMet: true }),
      resultRow('p2', 'bob', { points: 30, mistakes: 2 }),
      resultRow('p1', 'ann', { points: 20, correct: 2, mistakes: 1, round: 2, goalMet: true }),
      resultRow('p3', 'cat', { points: 30, mistakes: 1 }),
      resultRow('p4', 'dan', { points: 30, mistakes: 1 }),
    ]);
    expect(board).toEqual([
      { rank: 1, playerId: 'p1', nickname: 'ann', points: 30, correct: 3, mistakes: 1, goals: 2 },
      { rank: 1, playerId: 'p3', nickname: 'cat', points: 30, correct: 0, mistakes: 1, goals: 0 },
      { rank: 1, playerId: 'p4', nickname: 'dan', points: 30, correct: 0, mistakes: 1, goals: 0 },
      { rank: 4, playerId: 'p2', nickname: 'bob', points: 30, correct: 0, mistakes: 2, goals: 0 },
    ]);
  });

  test('students to include appear without rows; rows of anyone else are left out', () => {
    const board = leaderboard(
      [resultRow('p1', 'ann', { points: 5 }), resultRow('gone', 'zed', { points: 100 })],
      [
        { playerId: 'p1', nickname: 'ann' },
        { playerId: 'p2', nickname: 'bob' },
      ],
    );
    expect(board.map((e) => [e.rank, e.playerId, e.points])).toEqual([
      [1, 'p1', 5],
      [2, 'p2', 0],
    ]);
    expect(leaderboard([])).toEqual([]);
  });
});
