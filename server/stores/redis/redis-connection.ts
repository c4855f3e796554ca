/**
 * Opening ioredis connections from REDIS_URL, set to fail fast while Redis is unreachable: a
 * command is refused at once when the connection is down (no offline queue), rejected after
 * `commandTimeoutMs` when Redis does not answer (e.g. a stopped process), and never replayed
 * after a reconnect (a compare-and-set sent twice could look like a lost race). The connection
 * itself reconnects forever, with a backoff capped at one second.
 */
import type { Redis, RedisOptions } from 'ioredis';
import { BatchingRedis } from './batching-redis';
import type { Logger } from '../../logger';

/** The defaults: a move must get an error answer within about a second, never hang. */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;
const CONNECT_TIMEOUT_MS = 2000;
const MAX_RECONNECT_DELAY_MS = 1000;

export interface RedisConnectionOptions {
  /** Shown in CLIENT LIST and in the logs (e.g. 'commands', 'publish', 'subscribe'). */
  name: string;
  logger: Logger;
  commandTimeoutMs?: number;
}

/** The ioredis options of a fast-failing, self-reconnecting connection. */
export function redisOptions(name: string, commandTimeoutMs = REDIS_COMMAND_TIMEOUT_MS): RedisOptions {
  return {
    connectionName: `handshake-arena:${name}`,
    lazyConnect: true,
    enableOfflineQueue: false,
    commandTimeout: commandTimeoutMs,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // a closed connection whose socket lingers is destroyed soon, so a stopping process is not held
    disconnectTimeout: 200,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (times) => Math.min(50 * times, MAX_RECONNECT_DELAY_MS),
  };
}

/**
 * A connection to `url` that logs its state changes (an unhandled 'error' event must never reach
 * the process) and resolves once it is ready; rejects, closing it, when the first connection fails.
 */
export async function openRedis(url: string, o: RedisConnectionOptions): Promise<Redis> {
  const redis = new BatchingRedis(url, redisOptions(o.name, o.commandTimeoutMs));
  watchConnection(redis, o.name, o.logger);
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new Error(
      `cannot connect to Redis at ${redactUrl(url)} (${o.name}): ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  return redis;
}

/** Logs each change between up and down once, not every failed reconnect. */
export function watchConnection(redis: Redis, name: string, logger: Logger): void {
  let down = false;
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    logger.warn({ redis: name, err: err.message }, 'redis connection lost');
  });
  redis.on('close', () => {
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info({ redis: name }, 'redis connection back');
    down = false;
  });
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/** Closes a connection politely (QUIT), or at once when Redis does not answer. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    if (redis.status === 'ready') {
      await redis.quit();
      return;
    }
  } catch {
    // not answering: drop it below
  }
  redis.disconnect();
}
