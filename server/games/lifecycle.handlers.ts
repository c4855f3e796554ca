/**
 * After a round: a rematch with roles swapped (against the bot at once, between two players once
 * both asked), and leaving a game.
 */
import { peerOf } from '../../shared/tcp/types';
import type { AppContext, HandlerTable } from '../context';
import { ServerError, ok } from '../socket/errors';
import { newGame, type Seating } from './game-factory';
import { unbindSeat } from './seat-rooms';

export function lifecycleHandlers(ctx: AppContext): HandlerTable<'game:rematch' | 'game:leave'> {
  const { seats, games, sessions, stores, clock, io } = ctx;
  return {
    'game:rematch': async (_p, caller) => {
      const { game, side } = await seats.require(caller);
      // a class's games follow the teacher's round, never a rematch
      if (game.classId !== null) throw new ServerError('ALREADY_IN_CLASS');
      if (game.phase !== 'finished') throw new ServerError('ALREADY_IN_GAME');
      if (!game.bot && !(await stores.matches.voteRematch(game.id, side)))
        return ok({ status: 'waiting' as const });
      const players: Seating[] = [];
      for (const s of ['client', 'server'] as const) {
        const sid = game.players[s];
        const who = sid === null ? null : await sessions.get(sid);
        if (!who || who.gameId !== game.id) continue;
        players.push({ side: peerOf(s), sessionId: who.id, nickname: who.nickname });
      }
      if (players.length !== (game.bot ? 1 : 2)) return ok({ status: 'waiting' as const });
      for (const p of players) {
        await sessions.mutate(p.sessionId, (x) => (x.gameId === game.id ? { ...x, gameId: null } : null));
        unbindSeat(io, p.sessionId, game.id);
      }
      const next = await seats.open(
        newGame({
          scenarioId: game.scenarioId,
          settings: game.settings,
          now: clock.now(),
          players,
          bot: game.bot ? { role: side, level: game.bot.level } : null,
          hints: game.hints,
        }),
      );
      await games.remove(game.id);
      return ok({ status: 'started' as const, game: games.view(next, peerOf(side)) });
    },

    'game:leave': async (_p, caller) => {
      const session = await seats.session(caller);
      return ok({ left: await seats.leave(session) });
    },
  };
}
