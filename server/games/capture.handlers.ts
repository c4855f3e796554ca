/**
 * Exporting a game as a capture file: a player's own game (the session's, playing or finished), or,
 * for a class's host, the game of one pair of its round, as the spectator view shows it.
 */
import { advance } from '../../shared/game/game-engine';
import { gameCaptureFile } from '../../shared/trace/game-capture';
import type { Game } from '../../shared/game/game-types';
import { requireHost } from '../classes/class-guards';
import type { AppContext, HandlerTable } from '../context';
import { ServerError, ok } from '../socket/errors';
import type { Caller } from '../socket/safe-handler';

export function captureHandlers(ctx: AppContext): HandlerTable<'game:capture'> {
  const { seats, classes, games, clock } = ctx;

  /** The game of a pair of the host's current round: NOT_HOST, or PAIR_NOT_FOUND when it has none. */
  const pairGame = async (caller: Caller, pairId: string): Promise<Game> => {
    const { cls } = await requireHost(seats, classes, caller);
    const pair = cls.round?.pairs.find((x) => x.id === pairId);
    const game = pair?.gameId ? await games.get(pair.gameId) : null;
    if (!game) throw new ServerError('PAIR_NOT_FOUND');
    return game;
  };

  return {
    'game:capture': async (p, caller) => {
      const stored =
        p.pairId === undefined ? (await seats.require(caller)).game : await pairGame(caller, p.pairId);
      // what the clock has brought since the game was saved (arrivals, timers) is in the file too
      const game = stored.phase === 'playing' ? advance(stored, clock.now()) : stored;
      const file = gameCaptureFile(game, caller.lang);
      return ok({
        filename: file.filename,
        pcapng: Buffer.from(file.bytes).toString('base64'),
        packets: file.packets,
      });
    },
  };
}
