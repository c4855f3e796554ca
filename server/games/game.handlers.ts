/**
 * Playing: a move is judged by the engine for the caller's own seat; a hint lists the correct
 * moves (practice with hints only); the state is the caller's view.
 */
import { randomInt } from 'node:crypto';
import { advance, applyMove, correctMoves, type GameError } from '../../shared/game/game-engine';
import type { AppContext, HandlerTable } from '../context';
import { ServerError, fail, ok, protocolError } from '../socket/errors';
import { hintExplain, moveErrorPayload } from './game-texts';
import { toMove, toMovePayload } from './move-payload';

export function gameHandlers(ctx: AppContext): HandlerTable<'game:move' | 'game:hint' | 'game:state'> {
  const { seats, games, clock, config, lag } = ctx;
  return {
    'game:move': async ({ move, basedOn, moveId }, caller) => {
      // an overloaded loop would make every answer wait: refuse at once instead, nothing changed
      if (config.busyLagMs > 0 && lag.lagMs() > config.busyLagMs)
        return fail({ ...protocolError(caller.lang, 'BUSY'), retryAfterMs: config.busyRetryMs });
      const { game, side } = await seats.requireToChange(caller);
      const r = await games.change<GameError | null>(
        game.id,
        (g, now) => {
          const out = applyMove(g, side, toMove(move, g.conn[side]), now, { basedOn, moveId });
          // a refused move is the mover's business: the opponent sees the mistake with the next change
          // an accepted move's view goes back in the answer, not a second time as game:update
          return out.ok
            ? { game: out.game, value: null, answered: caller.socket.id }
            : { game: out.game, value: out.error, only: side };
        },
        game,
      );
      if (!r) throw new ServerError('GAME_NOT_FOUND');
      if (r.value?.code === 'VIEW_STALE') {
        // nothing was judged: the player gets the game as it is now and moves again
        const error = moveErrorPayload(caller.lang, r.value, r.game, side);
        return fail({ ...error, game: games.view(r.game, side) });
      }
      if (r.value) return fail(moveErrorPayload(caller.lang, r.value, r.game, side));
      // the answer says what changed since the view the seat holds, as its other tabs are told
      return ok({ game: games.answer(r.game, side, caller.socket.id) });
    },

    'game:hint': async (_p, caller) => {
      const { game, side } = await seats.require(caller);
      if (!game.hints) throw new ServerError('HINTS_OFF');
      const g = advance(game, clock.now());
      if (g.phase !== 'playing') throw new ServerError('GAME_NOT_PLAYING');
      const moves = correctMoves(g, side, randomInt(0, 0x1_0000_0000)).map(toMovePayload);
      return ok({ moves, explain: hintExplain(caller.lang, g, side) });
    },

    'game:state': async (_p, caller) => {
      const session = await seats.session(caller);
      const cur = await seats.current(session);
      return ok({ game: cur ? games.view(cur.game, cur.side) : null });
    },
  };
}
