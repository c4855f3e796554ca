/**
 * What every Redis store shares: the command connection, the key prefix, the TTLs and the logger,
 * plus reading a versioned record (a hash of schema `s`, version `v` and JSON data `d`).
 */
import type Redis from 'ioredis';
import type { Logger } from '../../logger';

export interface RedisTtls {
  /** A game still waiting or playing; refreshed on every write. */
  liveGameMs: number;
  /** A finished game (the server deletes it earlier, after GAME_TTL_MS; this is the safety net). */
  finishedGameMs: number;
  /** A session; refreshed on every write and every resume by token. */
  sessionMs: number;
  /** A class, its code and its results; refreshed on every write. */
  classMs: number;
  /** The quick-match queue, private codes and rematch votes; refreshed on every write. */
  matchMs: number;
}

export interface RedisKeyspace {
  redis: Redis;
  /** Put before every key, e.g. `ha:v1:`. */
  prefix: string;
  ttl: RedisTtls;
  logger: Logger;
}

/** A stored record as HGETALL returns it (empty object when absent). */
export type StoredRecord = Record<string, string>;

/**
 * The data of a record of schema `schema`, or null when absent; a record of another schema (left
 * by an older or newer server) or one that does not parse is treated as absent and logged.
 */
export function readRecord<T>(ks: RedisKeyspace, key: string, h: StoredRecord, schema: number): T | null {
  if (h.d === undefined) return null;
  if (h.s !== String(schema)) {
    ks.logger.warn({ key, schema: h.s, expected: schema }, 'stored record of another schema ignored');
    return null;
  }
  try {
    return JSON.parse(h.d) as T;
  } catch {
    ks.logger.warn({ key }, 'stored record that does not parse ignored');
    return null;
  }
}

/** Counts the keys matching `pattern` (under the prefix) with SCAN, which never blocks Redis. */
export async function countKeys(ks: RedisKeyspace, pattern: string): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await ks.redis.scan(cursor, 'MATCH', ks.prefix + pattern, 'COUNT', 1000);
    cursor = next;
    n += keys.length;
  } while (cursor !== '0');
  return n;
}

/**
 * Lua: whether the hash KEYS[1] holds a record of the schema ARGV[1] and version ARGV[2]; the
 * start of every compare-and-set script.
 */
export const LUA_IS_CURRENT = `
local function is_current(key, schema, version)
  local sv = redis.call('HMGET', key, 's', 'v')
  return sv[1] == schema and sv[2] == version
end
`;
