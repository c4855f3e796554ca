/**
 * Getting two players into a game: the quick-match queue (compatible choices are paired, 'any' is
 * decided at random), and private games joined with a short code.
 */
import { seatPlayer } from '../../shared/game/game-engine';
import { SCENARIO_IDS } from '../../shared/scenarios/scenarios';
import { peerOf, type Side } from '../../shared/tcp/types';
import type { AppContext, HandlerTable } from '../context';
import { newGame, pick, randomSide } from '../games/game-factory';
import { ServerError, ok } from '../socket/errors';
import type { QuickRequest } from '../stores/match-store';
import { newCode, normalizeCode } from './private-codes';

const CODE_ATTEMPTS = 20;
const PAIR_ATTEMPTS = 5;

type MatchEvents = 'match:quick' | 'match:cancel' | 'match:private:create' | 'match:private:join';

/** The side of `me` in a pair: its own choice, else the opposite of the other's, else random. */
function sideFor(me: QuickRequest, other: QuickRequest): Side {
  if (me.role !== 'any') return me.role;
  if (other.role !== 'any') return peerOf(other.role);
  return randomSide();
}

export function matchHandlers(ctx: AppContext): HandlerTable<MatchEvents> {
  const { seats, sessions, games, stores, clock, config } = ctx;
  return {
    'match:quick': async (p, caller) => {
      const me = await seats.session(caller);
      await seats.ensureFree(me);
      const req: QuickRequest = {
        sessionId: me.id,
        scenario: p.scenario ?? null,
        role: p.role ?? 'any',
        at: clock.now(),
      };
      for (let i = 0; i < PAIR_ATTEMPTS; i++) {
        const other = await stores.matches.pairOrEnqueue(req);
        if (!other) return ok({ status: 'waiting' as const });
        const them = await sessions.get(other.sessionId);
        if (!them) continue;
        const mySide = sideFor(req, other);
        const g = await seats.open(
          newGame({
            scenarioId: req.scenario ?? other.scenario ?? pick(SCENARIO_IDS),
            settings: config.settings,
            now: clock.now(),
            players: [
              { side: mySide, sessionId: me.id, nickname: me.nickname },
              { side: peerOf(mySide), sessionId: them.id, nickname: them.nickname },
            ],
          }),
        );
        return ok({ status: 'matched' as const, game: games.view(g, mySide) });
      }
      return ok({ status: 'waiting' as const });
    },

    'match:cancel': async (_p, caller) => {
      await seats.session(caller);
      return ok({ cancelled: await stores.matches.cancel(caller.sessionId) });
    },

    'match:private:create': async (p, caller) => {
      const me = await seats.session(caller);
      await seats.ensureFree(me);
      const side = p.role === undefined || p.role === 'any' ? randomSide() : p.role;
      const g = await games.start(
        newGame({
          scenarioId: p.scenario,
          settings: config.settings,
          now: clock.now(),
          players: [{ side, sessionId: me.id, nickname: me.nickname }],
        }),
      );
      let code: string | null = null;
      for (let i = 0; i < CODE_ATTEMPTS && code === null; i++) {
        const c = newCode();
        if (await stores.matches.claimCode(c, g.id)) code = c;
      }
      if (code === null) {
        await games.remove(g.id);
        throw new Error('no free private code');
      }
      await seats.take(g);
      return ok({ code, game: games.view(g, side) });
    },

    'match:private:join': async (p, caller) => {
      const me = await seats.session(caller);
      await seats.ensureFree(me);
      const gameId = await stores.matches.gameOfCode(normalizeCode(p.code));
      if (gameId === null) throw new ServerError('CODE_NOT_FOUND');
      const r = await games.change(gameId, (g, now) => {
        const free = (['client', 'server'] as const).find((s) => g.players[s] === null && g.bot?.role !== s);
        if (g.phase !== 'waiting' || !free) return { game: g, value: null };
        return { game: seatPlayer(g, free, me.id, me.nickname, now), value: free };
      });
      if (!r) {
        await stores.matches.releaseCodes(gameId);
        throw new ServerError('GAME_NOT_FOUND');
      }
      const side = r.value;
      if (side === null) throw new ServerError('GAME_FULL');
      await stores.matches.releaseCodes(gameId);
      await seats.take(r.game);
      // the first update went out before the new player's connections were in the seat's room
      games.publish(r.game, side);
      return ok({ game: games.view(r.game, side) });
    },
  };
}
