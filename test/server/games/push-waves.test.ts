/**
 * A wave of game changes (many games reaching their timers in the same turn) goes out over several
 * turns of the event loop, at most 128 seats' updates a turn, so the moves that come meanwhile are
 * answered in between instead of after all of it; every seat still gets its update.
 */
import { createGame, seatPlayer } from '../../../shared/game/game-engine';
import type { Game } from '../../../shared/game/game-types';
import { ManualClock } from '../../../server/clock';
import { GameService } from '../../../server/games/game-service';
import { createLogger } from '../../../server/logger';
import { LocalScheduler } from '../../../server/scheduler';
import type { AppServer } from '../../../server/socket/types';
import { createMemoryStores } from '../../../server/stores/stores';
import { TaskTracker } from '../../../server/task-tracker';

const GAMES = 150;

test('300 seats changed in one turn are sent 128 a turn, all of them', async () => {
  const clock = new ManualClock(1_000_000);
  const logger = createLogger('silent');
  // the turn of the event loop each update went out in
  let turn = 0;
  const sentIn: number[] = [];
  const room = { emit: () => sentIn.push(turn), except: () => room };
  const io = { to: () => room } as unknown as AppServer;
  const games = new GameService({
    clock,
    stores: createMemoryStores(),
    io,
    scheduler: new LocalScheduler(clock, new TaskTracker(logger)),
    logger,
    finishedGameTtlMs: 60_000,
    landingNoticeMs: 250,
  });
  const pairs: Array<[Game, Game]> = [];
  for (let i = 0; i < GAMES; i++) {
    let g = createGame({ id: `g${i}`, scenarioId: 'three-way-handshake', now: clock.now(), seed: i });
    g = seatPlayer(g, 'client', `a${i}`, 'A', clock.now());
    g = seatPlayer(g, 'server', `b${i}`, 'B', clock.now());
    // the same game, paused: both seats see it
    pairs.push([g, { ...g, pausedAt: clock.now(), version: g.version + 1 }]);
  }
  for (const [before, after] of pairs) games.publish(after, undefined, undefined, before);
  const perTurn: number[] = [];
  for (let k = 0; k < 6; k++) {
    const was = sentIn.length;
    await new Promise((r) => setImmediate(r));
    turn++;
    perTurn.push(sentIn.length - was);
  }
  expect(sentIn).toHaveLength(2 * GAMES);
  expect(Math.max(...perTurn)).toBe(128);
  expect(perTurn.filter((n) => n > 0).length).toBe(3);
  games.stop();
});
