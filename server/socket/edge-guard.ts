/**
 * The first check of every incoming event, before any handler: the per-socket rate limit, unknown
 * event names and the payload size. A refused event goes no further.
 */
import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { Clock } from '../clock';
import { lazyChild, type Logger } from '../logger';
import { protocolError } from './errors';
import { TokenBucket } from './rate-limit';
import { findAck, sendError } from './safe-handler';
import type { AppSocket } from './types';

export interface EdgeGuardOptions {
  clock: Clock;
  logger: Logger;
  rateLimitPerSec: number;
  rateLimitBurst: number;
  maxPayloadBytes: number;
}

const KNOWN: ReadonlySet<string> = new Set(CLIENT_EVENTS);

/** The size of an event's arguments as JSON text, the acknowledgement callback left out. */
export function payloadSize(args: readonly unknown[]): number {
  const data = args.filter((a) => typeof a !== 'function');
  if (data.length === 0) return 0;
  return (JSON.stringify(data.length === 1 ? data[0] : data) ?? '').length;
}

/** A Socket.IO packet middleware (`socket.use`) guarding one socket. */
export function edgeGuard(
  socket: AppSocket,
  o: EdgeGuardOptions,
): (packet: unknown[], next: () => void) => void {
  const bucket = new TokenBucket(o.clock, o.rateLimitPerSec, o.rateLimitBurst);
  return (packet, next) => {
    const [event, ...args] = packet;
    const ack = findAck(args);
    const lang = socket.data.lang;
    const log = lazyChild(o.logger, () => ({ sessionId: socket.data.sessionId, event }));
    try {
      if (!bucket.take()) {
        log.debug('rate limited');
        return sendError(socket, ack, protocolError(lang, 'RATE_LIMITED'), log);
      }
      if (typeof event !== 'string' || !KNOWN.has(event)) {
        log.debug('unknown event');
        const error = protocolError(lang, 'UNKNOWN_EVENT');
        socket.emit('error:protocol', error);
        if (ack) sendError(socket, ack, error, log);
        return;
      }
      if (payloadSize(args) > o.maxPayloadBytes) {
        log.debug('payload too large');
        return sendError(socket, ack, protocolError(lang, 'PAYLOAD_TOO_LARGE'), log);
      }
    } catch (err) {
      log.error({ err }, 'edge guard failed');
      return sendError(socket, ack, protocolError(lang, 'INTERNAL'), log);
    }
    next();
  };
}
