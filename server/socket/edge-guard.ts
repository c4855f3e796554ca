/**
 * The first check of every incoming event, before any handler: the per-socket rate limit, unknown
 * event names and the payload size. A refused event goes no further; one that passes is handed to
 * its handler here. (Socket.IO would otherwise look the event up in the socket's own listeners:
 * 37 listeners per connection made every socket's listener table a 1.6 KB hash table, about a
 * tenth of the memory a connected player costs.)
 */
import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { Clock } from '../clock';
import { lazyChild, type Logger } from '../logger';
import { protocolError } from './errors';
import { payloadSize } from './payload-size';
import { TokenBucket } from './rate-limit';
import { findAck, sendError } from './safe-handler';
import type { AppSocket, ClientEvent } from './types';

export interface EdgeGuardOptions {
  clock: Clock;
  logger: Logger;
  rateLimitPerSec: number;
  rateLimitBurst: number;
  maxPayloadBytes: number;
  /** Runs the handler of an event that passed (with the socket and the event's arguments). */
  handle: (socket: AppSocket, event: ClientEvent, args: unknown[]) => void;
}

const KNOWN: ReadonlySet<string> = new Set<string>(CLIENT_EVENTS);

function isClientEvent(event: unknown): event is ClientEvent {
  return typeof event === 'string' && KNOWN.has(event);
}

/** A Socket.IO packet middleware (`socket.use`) guarding one socket. */
export function edgeGuard(socket: AppSocket, o: EdgeGuardOptions): (packet: unknown[]) => void {
  const bucket = new TokenBucket(o.clock, o.rateLimitPerSec, o.rateLimitBurst);
  // the packet is not passed on to Socket.IO's dispatch (next() is never called): it is handled
  return (packet) => {
    const [event, ...args] = packet;
    const ack = findAck(args);
    const lang = socket.data.lang;
    const log = lazyChild(o.logger, () => ({ sessionId: socket.data.sessionId, event }));
    try {
      if (!bucket.take()) {
        log.debug('rate limited');
        return sendError(socket, ack, protocolError(lang, 'RATE_LIMITED'), log);
      }
      if (!isClientEvent(event)) {
        log.debug('unknown event');
        const error = protocolError(lang, 'UNKNOWN_EVENT');
        socket.emit('error:protocol', error);
        if (ack) sendError(socket, ack, error, log);
        return;
      }
      // measured without recursion and only up to the limit: a deeply nested payload is just too large
      if (payloadSize(args, o.maxPayloadBytes) > o.maxPayloadBytes) {
        log.debug('payload too large');
        return sendError(socket, ack, protocolError(lang, 'PAYLOAD_TOO_LARGE'), log);
      }
      // the handler answers its own failures; a throw here is one before it could (never a crash)
      o.handle(socket, event, args);
    } catch (err) {
      log.error({ err }, 'edge guard failed');
      return sendError(socket, ack, protocolError(lang, 'INTERNAL'), log);
    }
  };
}
