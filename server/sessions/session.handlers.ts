/** session:update: a new nickname or language for the session's later messages and games. */
import type { ServerErrorCode } from '../../shared/protocol/events';
import type { AppContext, HandlerTable } from '../context';
import { ServerError, ok } from '../socket/errors';
import type { ClientEvent } from '../socket/types';

/** Events whose schema failures have a more precise code than BAD_PAYLOAD. */
export const BAD_PAYLOAD_CODES: Partial<Record<ClientEvent, (detail: string) => ServerErrorCode>> = {
  'session:update': (detail) => (detail.startsWith('nickname') ? 'NICKNAME_INVALID' : 'BAD_PAYLOAD'),
  'class:join': (detail) => (detail.startsWith('nickname') ? 'NICKNAME_INVALID' : 'BAD_PAYLOAD'),
};

export function sessionHandlers(ctx: AppContext): HandlerTable<'session:update'> {
  return {
    'session:update': async (p, caller) => {
      const s = await ctx.sessions.mutate(caller.sessionId, (x) => ({
        ...x,
        nickname: p.nickname ?? x.nickname,
        lang: p.lang ?? x.lang,
      }));
      if (!s) throw new ServerError('SESSION_INVALID');
      caller.lang = s.lang;
      caller.socket.data.lang = s.lang;
      const cur = await ctx.seats.current(s);
      const game = cur ? ctx.games.view(cur.game, cur.side) : null;
      const { role } = await ctx.classes.roleOf(s);
      return ok(ctx.sessions.info(s, ctx.resumed(caller.socket), game, role));
    },
  };
}
