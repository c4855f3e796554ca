/**
 * The Redis set of stores: the same `Stores` as createMemoryStores, for any number of nodes
 * sharing one Redis. Every key starts with the prefix and has a TTL; nothing is deleted at start.
 */
import type Redis from 'ioredis';
import type { Logger } from '../../logger';
import type { Stores } from '../stores';
import { RedisClassStore } from './redis-class-store';
import { RedisGameStore } from './redis-game-store';
import type { RedisKeyspace, RedisTtls } from './redis-keyspace';
import { RedisLimitStore } from './redis-limit-store';
import { RedisMatchStore } from './redis-match-store';
import { RedisSessionStore } from './redis-session-store';

/** The default key prefix: the app and the layout version of its keys. */
export const DEFAULT_REDIS_PREFIX = 'ha:v1:';

const HOUR_MS = 3_600_000;

/** Lifetimes of keys nobody writes any more (left by a closed tab or a dead node). */
export const DEFAULT_REDIS_TTLS: RedisTtls = {
  liveGameMs: 6 * HOUR_MS,
  finishedGameMs: 2 * HOUR_MS,
  sessionMs: 24 * HOUR_MS,
  classMs: 24 * HOUR_MS,
  matchMs: HOUR_MS,
};

export interface RedisStoreOptions {
  logger: Logger;
  /** Defaults to DEFAULT_REDIS_PREFIX. */
  prefix?: string;
  /** How long the server keeps a finished game (GAME_TTL_MS); its key lives a while longer. */
  finishedGameTtlMs?: number;
  /** How long a class lives after its last change (CLASS_TTL_MS). */
  classTtlMs?: number;
  /** Any other lifetime to override. */
  ttl?: Partial<RedisTtls>;
}

/** Stores on the command connection `redis` (its owner opens and closes it). */
export function createRedisStores(redis: Redis, o: RedisStoreOptions): Stores {
  const ttl: RedisTtls = { ...DEFAULT_REDIS_TTLS };
  // the server deletes a finished game after GAME_TTL_MS; the key outlives that a little, as a safety net
  if (o.finishedGameTtlMs !== undefined) ttl.finishedGameMs = o.finishedGameTtlMs + HOUR_MS;
  if (o.classTtlMs !== undefined) ttl.classMs = o.classTtlMs;
  Object.assign(ttl, o.ttl);
  for (const [name, ms] of Object.entries(ttl)) {
    if (!Number.isInteger(ms) || ms <= 0)
      throw new Error(`Redis TTL ${name} must be a positive whole number of ms`);
  }
  const ks: RedisKeyspace = { redis, prefix: o.prefix ?? DEFAULT_REDIS_PREFIX, ttl, logger: o.logger };
  return {
    games: new RedisGameStore(ks),
    sessions: new RedisSessionStore(ks),
    matches: new RedisMatchStore(ks),
    classes: new RedisClassStore(ks),
    limits: new RedisLimitStore(ks),
  };
}
