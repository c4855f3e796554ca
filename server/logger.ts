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

/**
 * A child logger with `bindings`, made only when something is logged through it: most events log
 * nothing, and pino's child() serialises its bindings at once (a measurable cost on every event).
 */
export function lazyChild(logger: Logger, bindings: () => Record<string, unknown>): Logger {
  let child: Logger | null = null;
  return new Proxy(logger, {
    get(_target, prop) {
      child ??= logger.child(bindings());
      const value: unknown = Reflect.get(child, prop, child);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(child) : value;
    },
  });
}
