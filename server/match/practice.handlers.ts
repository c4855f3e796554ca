/** practice:start: a game against the bot, which plays the other role through the engine. */
import { peerOf } from '../../shared/tcp/types';
import type { AppContext, HandlerTable } from '../context';
import { newGame } from '../games/game-factory';
import { ok } from '../socket/errors';

export function practiceHandlers(ctx: AppContext): HandlerTable<'practice:start'> {
  return {
    'practice:start': async (p, caller) => {
      const me = await ctx.seats.session(caller);
      await ctx.seats.ensureFree(me);
      const g = await ctx.seats.open(
        newGame({
          scenarioId: p.scenario,
          settings: ctx.config.settings,
          now: ctx.clock.now(),
          players: [{ side: p.role, sessionId: me.id, nickname: me.nickname }],
          bot: { role: peerOf(p.role), level: p.level ?? 'partner' },
          hints: p.hints ?? false,
        }),
      );
      return ok({ game: ctx.games.view(g, p.role) });
    },
  };
}
