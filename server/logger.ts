/** Structured logs (pino): JSON lines on stdout, one logger per server, children per connection. */
import pino, { type DestinationStream } from 'pino';
import type { LogLevel } from './config';

export type Logger = pino.Logger;

/**
 * A logger at `level` ('silent' in tests), writing to stdout unless a destination is given. Writes
 * are synchronous, so the lines of a shutdown come out whole and in order before the process exits.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    { level, base: { app: 'handshake-arena' } },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
