/**
 * One real redis-server per test file, started on first use, and connections to it that are all
 * closed by closeTestRedis() (call it in afterAll; the Redis jest project's setup file does). Each
 * set of stores gets its own key prefix, so tests in one file never see each other's keys, as
 * each in-memory set of stores starts empty.
 */
import type Redis from 'ioredis';
import { createLogger, type Logger } from '../../server/logger';
import { closeRedis, openRedis } from '../../server/stores/redis/redis-connection';
import { createRedisStores, type RedisStoreOptions } from '../../server/stores/redis/redis-stores';
import type { Stores } from '../../server/stores/stores';
import { startRedisServer, type RedisServer } from './redis-server';

let server: Promise<RedisServer> | null = null;
const connections = new Set<Redis>();
let prefixes = 0;
/** Servers (harness nodes) still using this file's redis-server. */
let holders = 0;
/** closeTestRedis() was called while holders were open: the last release stops the server. */
let stopWanted = false;

/** The redis-server of this test file (started on the first call). */
export function testRedisServer(): Promise<RedisServer> {
  server ??= startRedisServer();
  return server;
}

/** A new fast-failing connection (as the server opens them) to this file's redis-server. */
export async function testRedisConnection(name = 'test', logger?: Logger): Promise<Redis> {
  const s = await testRedisServer();
  const redis = await openRedis(s.url, { name, logger: logger ?? createLogger('silent') });
  connections.add(redis);
  redis.once('end', () => connections.delete(redis));
  return redis;
}

/** A key prefix no other store set of this process uses. */
export function freshPrefix(): string {
  prefixes += 1;
  return `ha:test:${process.pid}:${prefixes}:`;
}

/** Redis stores under a fresh prefix, on `redis` or a new connection. */
export async function testRedisStores(
  o: Partial<RedisStoreOptions> & { redis?: Redis } = {},
): Promise<{ stores: Stores; redis: Redis; prefix: string }> {
  const redis = o.redis ?? (await testRedisConnection());
  const prefix = o.prefix ?? freshPrefix();
  const stores = createRedisStores(redis, { logger: createLogger('silent'), ...o, prefix });
  return { stores, redis, prefix };
}

/**
 * Marks the redis-server as in use by a server under test until the returned release() is called
 * (after that server is closed): closeTestRedis() leaves it running meanwhile.
 */
export function holdTestRedis(): () => Promise<void> {
  holders += 1;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders === 0 && stopWanted) await stopServer();
  };
}

async function stopServer(): Promise<void> {
  stopWanted = false;
  const s = server;
  server = null;
  if (s) await (await s).stop();
}

/**
 * Closes every connection opened here and stops the redis-server. Jest runs the `afterAll` of the
 * setup file before the test file's own, so a server still open then (its harness closes in a
 * later hook) keeps Redis up: the last one to be released stops it.
 */
export async function closeTestRedis(): Promise<void> {
  await Promise.all([...connections].map((r) => closeRedis(r)));
  connections.clear();
  if (holders > 0) {
    stopWanted = true;
    return;
  }
  await stopServer();
}
