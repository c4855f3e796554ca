/**
 * The one wrapper around every event listener: it finds the acknowledgement callback, checks the
 * payload with its schema, runs the handler and always answers, whatever the handler throws, sync
 * or async. A handler never sees an unchecked payload and never crashes the process.
 */
import type { Lang } from '../../shared/i18n';
import type { Ack, ErrorPayload, ServerErrorCode } from '../../shared/protocol/events';
import { parsePayload, type PayloadOf } from '../../shared/protocol/schemas';
import { lazyChild, type Logger } from '../logger';
import type { TaskTracker } from '../task-tracker';
import { ServerError, fail, protocolError } from './errors';
import type { AckData, AppSocket, ClientEvent } from './types';

/** Who sent an event: from the socket's session, never from the payload. */
export interface Caller {
  socket: AppSocket;
  sessionId: string;
  /** The language of the answers; a handler that loads the session updates it. */
  lang: Lang;
}

export type Handler<K extends ClientEvent> = (
  payload: PayloadOf<K>,
  caller: Caller,
) => Promise<Ack<AckData<K>>>;

export type AckCallback = (answer: Ack<unknown>) => void;

/** The acknowledgement callback of an event's arguments (the last one, if it is a function). */
export function findAck(args: readonly unknown[]): AckCallback | null {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as AckCallback) : null;
}

/**
 * Sends an error to the client: through the acknowledgement when there is one, otherwise as
 * 'error:protocol' (the player learns of every refusal either way).
 */
export function sendError(
  socket: AppSocket,
  ack: AckCallback | null,
  error: ErrorPayload,
  logger: Logger,
): void {
  if (!ack) {
    socket.emit('error:protocol', error);
    return;
  }
  try {
    ack(fail(error));
  } catch (err) {
    logger.warn({ err }, 'acknowledgement failed');
  }
}

export interface SafeHandlerDeps {
  logger: Logger;
  tasks: TaskTracker;
}

export interface SafeHandlerOptions {
  /** The code for a payload that fails its schema (BAD_PAYLOAD unless the event says otherwise). */
  badPayload?: (detail: string) => ServerErrorCode;
}

/**
 * Wraps a handler of event K into a listener that always answers and never throws. Made once per
 * server, not per connection: it is called with the socket the event came on and its arguments.
 */
export function safeHandler<K extends ClientEvent>(
  deps: SafeHandlerDeps,
  event: K,
  handler: Handler<K>,
  options: SafeHandlerOptions = {},
): (socket: AppSocket, args: readonly unknown[]) => void {
  return (socket, args): void => {
    const ack = findAck(args);
    const payload = ack && args.length === 1 ? undefined : args[0];
    const caller: Caller = { socket, sessionId: socket.data.sessionId, lang: socket.data.lang };
    const log = lazyChild(deps.logger, () => ({ event, sessionId: caller.sessionId }));
    const answer = (a: Ack<unknown>) => {
      if (!a.ok) return sendError(socket, ack, a.error, log);
      if (!ack) return;
      try {
        ack(a);
      } catch (err) {
        log.warn({ err }, 'acknowledgement failed');
      }
    };
    deps.tasks.run(event, async () => {
      try {
        const parsed = parsePayload(event, payload);
        if (!parsed.ok) {
          const code = options.badPayload?.(parsed.detail) ?? 'BAD_PAYLOAD';
          log.debug({ detail: parsed.detail }, 'bad payload');
          return answer(fail(protocolError(caller.lang, code, parsed.detail)));
        }
        answer(await handler(parsed.value, caller));
      } catch (err) {
        if (err instanceof ServerError) {
          // a write that may still happen is never answered "nothing changed"
          const code = err.maybeApplied ? 'OUTCOME_UNKNOWN' : err.code;
          answer(fail(protocolError(caller.lang, code, err.detail)));
          return;
        }
        log.error({ err }, 'handler failed');
        answer(fail(protocolError(caller.lang, 'INTERNAL')));
      }
    });
  };
}
