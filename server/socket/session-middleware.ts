/**
 * The Socket.IO handshake: `auth.token` resumes a session, anything else starts a new one; the
 * identity is then put in socket.data, where every handler reads it.
 */
import type { ExtendedError } from 'socket.io';
import { isLang, pickLang, type Lang } from '../../shared/i18n';
import type { Logger } from '../logger';
import type { SessionService } from '../sessions/session-service';
import { ServerError, protocolError } from './errors';
import type { AppSocket } from './types';

export interface SessionMiddleware {
  middleware: (socket: AppSocket, next: (err?: ExtendedError) => void) => void;
  /** Whether this connection took over an existing session. */
  resumed: (socket: AppSocket) => boolean;
}

function headerLang(header: string | undefined): Lang {
  return pickLang((header ?? '').split(',').map((p) => p.split(';')[0] ?? ''));
}

/** The language a connection asks for (auth.lang), else its browser's. */
function handshakeLang(socket: AppSocket): Lang {
  const auth: unknown = socket.handshake.auth;
  const asked: unknown = typeof auth === 'object' && auth !== null && 'lang' in auth ? auth.lang : undefined;
  return isLang(asked) ? asked : headerLang(socket.handshake.headers['accept-language']);
}

export function sessionMiddleware(sessions: SessionService, logger: Logger): SessionMiddleware {
  const resumedSockets = new WeakSet<AppSocket>();
  const establish = async (socket: AppSocket): Promise<void> => {
    const auth: unknown = socket.handshake.auth;
    const token: unknown =
      typeof auth === 'object' && auth !== null && 'token' in auth ? auth.token : undefined;
    const asked: unknown =
      typeof auth === 'object' && auth !== null && 'lang' in auth ? auth.lang : undefined;
    const lang = isLang(asked) ? asked : null;
    let s = await sessions.byToken(token);
    if (s) {
      resumedSockets.add(socket);
      if (lang && lang !== s.lang) s = (await sessions.mutate(s.id, (x) => ({ ...x, lang }))) ?? s;
    } else {
      s = await sessions.create(lang ?? headerLang(socket.handshake.headers['accept-language']));
    }
    socket.data.sessionId = s.id;
    socket.data.playerId = s.playerId;
    socket.data.lang = s.lang;
  };
  return {
    middleware: (socket, next) => {
      establish(socket).then(
        () => next(),
        (err: unknown) => {
          // the client sees the code as the connect_error's message and the text in its data;
          // Socket.IO does not try again after a refusal here, the client does (net/game-client.ts)
          const code = err instanceof ServerError ? err.code : 'INTERNAL';
          if (code === 'STORE_UNAVAILABLE')
            logger.warn('session handshake refused: the store is unreachable');
          else logger.error({ err }, 'session handshake failed');
          next(Object.assign(new Error(code), { data: protocolError(handshakeLang(socket), code) }));
        },
      );
    },
    resumed: (socket) => resumedSockets.has(socket),
  };
}
