/**
 * What only the Redis stores have to show (the behaviour they share with the memory stores is in
 * the *.contract.test.ts files): keys under the prefix with a TTL, records of another schema taken
 * as absent, nothing deleted at start, and fast failure while Redis is away.
 */
import type Redis from 'ioredis';
import { CLASS_SCHEMA_VERSION, type ClassRoom } from '../../../shared/class/class-types';
import { createGame } from '../../../shared/game/game-engine';
import type { Game } from '../../../shared/game/game-types';
import { createLogger } from '../../../server/logger';
import { closeRedis, openRedis } from '../../../server/stores/redis/redis-connection';
import { QUEUE_SCHEMA_VERSION } from '../../../server/stores/redis/redis-match-store';
import { createRedisStores } from '../../../server/stores/redis/redis-stores';
import type { Stores } from '../../../server/stores/stores';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server';
import { waitUntil } from '../../helpers/server-harness';
import { closeTestRedis, testRedisConnection, testRedisStores } from '../../helpers/test-redis';

afterAll(closeTestRedis);

const game = (id: string): Game => createGame({ id, scenarioId: 'three-way-handshake', now: 0, seed: 1 });

const room = (id: string, code: string): ClassRoom => ({
  schema: CLASS_SCHEMA_VERSION,
  version: 1,
  id,
  code,
  title: 't',
  createdAt: 0,
  hostTokenHash: '00',
  hostSessionId: 'h',
  locked: false,
  students: [],
  kicked: [],
  pairing: { mode: 'random', rotate: true },
  plannedPairs: null,
  pastPairs: [],
  round: null,
  roundsPlayed: 0,
});

/** Every key under `pattern` (SCAN, bounded by the cursor coming back to 0). */
async function keys(redis: Redis, pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    found.push(...batch);
  } while (cursor !== '0');
  return found.sort();
}

/** A write of every kind each store makes. */
async function writeEverything(s: Stores): Promise<void> {
  const g = game('g1');
  await s.games.create(g);
  await s.games.update({ ...g, version: 1 }, 0);
  await s.games.create(game('g2'));
  await s.sessions.create({
    id: 's1',
    token: 't1',
    playerId: 'p1',
    nickname: 'n',
    lang: 'en',
    gameId: 'g1',
    classId: null,
    graceUntil: null,
    createdAt: 0,
    version: 1,
  });
  await s.sessions.getByToken('t1');
  await s.matches.pairOrEnqueue({ sessionId: 's1', scenario: null, role: 'client', at: 0 });
  await s.matches.claimCode('ABCDEF', 'g1');
  await s.matches.voteRematch('g1', 'client');
  await s.classes.create(room('c1', 'GHJKLM'));
  await s.classes.addResults('c1', [
    {
      round: 1,
      scenarioId: 'three-way-handshake',
      playerId: 'p1',
      nickname: 'n',
      role: 'client',
      partner: null,
      points: 1,
      correct: 1,
      mistakes: 0,
      byCode: {},
      goalMet: true,
      timeMs: 1,
    },
  ]);
  await s.classes.update({ ...room('c1', 'GHJKLM'), version: 2 }, 1);
  const t = await s.limits.take('1.2.3.4', 60_000, 30, 0);
  if (t.taken) await s.limits.settle('1.2.3.4', t.window, true);
  await s.limits.claimSlot('dash:c1', { now: 0, intervalMs: 500, lateMs: 2000, change: true });
  await s.limits.slotDone('dash:c1', 0, 1);
}

describe('Redis store hygiene', () => {
  test('every key written is under the prefix and has a TTL', async () => {
    const redis = await testRedisConnection();
    const { stores, prefix } = await testRedisStores({ redis });
    await writeEverything(stores);
    const written = await keys(redis, `${prefix}*`);
    expect(written.map((k) => k.slice(prefix.length))).toEqual([
      'class-code:GHJKLM',
      'class-results:c1',
      'class:c1',
      'game:g1',
      'game:g2',
      'limit:1.2.3.4',
      'match:code:ABCDEF',
      'match:game-codes:g1',
      'match:queue',
      'match:rematch:g1',
      'session-token:t1',
      'session:s1',
      'slot:dash:c1',
    ]);
    for (const k of written) expect([k, await redis.pttl(k)]).toEqual([k, expect.any(Number)]);
    for (const k of written) expect(await redis.pttl(k)).toBeGreaterThan(0);
    // nothing outside the test prefixes in this file's redis-server
    expect((await keys(redis, '*')).filter((k) => !k.startsWith('ha:test:'))).toEqual([]);
  });

  test('a game gets the live TTL while it runs and the finished one once it has a result', async () => {
    const { stores, redis, prefix } = await testRedisStores({
      ttl: { liveGameMs: 500_000, finishedGameMs: 50_000 },
    });
    const g = game('g1');
    await stores.games.create(g);
    expect(await redis.pttl(`${prefix}game:g1`)).toBeGreaterThan(50_000);
    await stores.games.update(
      { ...g, version: 1, phase: 'finished', result: { finishedAt: 1, goalMet: true } },
      0,
    );
    const ttl = await redis.pttl(`${prefix}game:g1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(50_000);
  });

  test('GAME_TTL_MS and CLASS_TTL_MS set the finished-game and class TTLs', async () => {
    const { stores, redis, prefix } = await testRedisStores({ finishedGameTtlMs: 1000, classTtlMs: 70_000 });
    await stores.classes.create(room('c1', 'ABCDEF'));
    const classTtl = await redis.pttl(`${prefix}class:c1`);
    expect(classTtl).toBeGreaterThan(0);
    expect(classTtl).toBeLessThanOrEqual(70_000);
    expect(await redis.pttl(`${prefix}class-code:ABCDEF`)).toBeLessThanOrEqual(70_000);
    await stores.games.create({ ...game('g1'), result: { finishedAt: 0, goalMet: false } });
    // the key outlives the server's own deletion after GAME_TTL_MS
    expect(await redis.pttl(`${prefix}game:g1`)).toBeGreaterThan(1000);
  });

  test('a TTL that is not a positive whole number is refused', () => {
    expect(() =>
      createRedisStores({} as Redis, { logger: createLogger('silent'), ttl: { sessionMs: 0 } }),
    ).toThrow(/sessionMs/);
  });

  test('new stores on the same prefix delete nothing: a second node finds the data', async () => {
    const { stores, prefix } = await testRedisStores();
    await writeEverything(stores);
    const other = await testRedisStores({ prefix, redis: await testRedisConnection('second-node') });
    expect(await other.stores.games.count()).toBe(2);
    expect(await other.stores.sessions.getByToken('t1')).toMatchObject({ id: 's1' });
    expect(await other.stores.classes.idOfCode('GHJKLM')).toBe('c1');
    expect(await other.stores.matches.isWaiting('s1')).toBe(true);
  });
});

describe('records of another schema version', () => {
  const logged: Array<Record<string, unknown>> = [];
  const logger = createLogger('warn', { write: (line: string) => logged.push(JSON.parse(line)) });

  test('a game or class of another schema, or one that does not parse, is absent and logged', async () => {
    const { stores, redis, prefix } = await testRedisStores({ logger });
    await redis.hset(`${prefix}game:old`, {
      s: '1',
      v: '3',
      d: JSON.stringify({ ...game('old'), schema: 1 }),
    });
    await redis.hset(`${prefix}game:bad`, { s: String(game('x').schema), v: '0', d: '{not json' });
    await redis.hset(`${prefix}class:old`, { s: '0', v: '1', c: 'ABCDEF', d: '{}' });
    expect(await stores.games.get('old')).toBeNull();
    expect(await stores.games.get('bad')).toBeNull();
    expect(await stores.classes.get('old')).toBeNull();
    expect(logged.map((l) => [l.msg, l.key])).toEqual([
      ['stored record of another schema ignored', `${prefix}game:old`],
      ['stored record that does not parse ignored', `${prefix}game:bad`],
      ['stored record of another schema ignored', `${prefix}class:old`],
    ]);
    // never updated in place; a new game may take the id
    expect(await stores.games.update({ ...game('old'), version: 4 }, 3)).toBe(false);
    expect(await stores.games.create(game('old'))).toBe(true);
    expect(await stores.games.get('old')).toEqual(game('old'));
  });

  test('a session of another layout is absent, by id and by token', async () => {
    const { stores, redis, prefix } = await testRedisStores({ logger });
    await redis.hset(`${prefix}session:s9`, { s: '99', v: '1', t: 't9', d: '{}' });
    await redis.set(`${prefix}session-token:t9`, 's9');
    expect(await stores.sessions.get('s9')).toBeNull();
    expect(await stores.sessions.getByToken('t9')).toBeNull();
  });

  test('a quick-match queue of another layout counts as empty and is replaced by the next request', async () => {
    const { stores, redis, prefix } = await testRedisStores({ logger });
    const old = { sessionId: 'old', scenario: null, role: 'any', at: 0 };
    await redis.hset(`${prefix}match:queue`, { v: '7', d: JSON.stringify([old]) });
    expect(await stores.matches.isWaiting('old')).toBe(false);
    const req = { sessionId: 's1', scenario: null, role: 'client' as const, at: 1 };
    // nobody to pair with: the old entry is not taken for a waiting player
    expect(await stores.matches.pairOrEnqueue(req)).toBeNull();
    expect(await stores.matches.isWaiting('s1')).toBe(true);
    expect(await redis.hget(`${prefix}match:queue`, 's')).toBe(String(QUEUE_SCHEMA_VERSION));
    expect(logged.some((l) => l.msg === 'quick-match queue of another schema ignored')).toBe(true);
  });
});

describe('while Redis is away', () => {
  let server: RedisServer;
  let redis: Redis;
  let stores: Stores;

  beforeAll(async () => {
    server = await startRedisServer();
    redis = await openRedis(server.url, { name: 'fault-test', logger: createLogger('silent') });
    stores = createRedisStores(redis, { logger: createLogger('silent'), prefix: 'ha:fault:' });
  });
  afterAll(async () => {
    await closeRedis(redis);
    await server.stop();
  });

  test('a paused Redis: a command is refused with a timeout, not left hanging; then it works again', async () => {
    await stores.games.create(game('g1'));
    server.pause();
    try {
      await expect(stores.games.get('g1')).rejects.toThrow(/timed out/i);
      await expect(stores.games.update({ ...game('g1'), version: 1 }, 0)).rejects.toThrow(/timed out/i);
    } finally {
      server.resume();
    }
    await waitUntil(async () => (await stores.games.get('g1').catch(() => null)) !== null, 'Redis back');
    expect(await stores.games.update({ ...game('g1'), version: 1 }, 0)).toBe(true);
  });

  test('a Redis that is down: commands fail at once; the connection comes back by itself', async () => {
    await server.kill();
    await waitUntil(() => redis.status !== 'ready', 'the connection to notice');
    await expect(stores.games.get('g1')).rejects.toThrow();
    await expect(
      stores.matches.pairOrEnqueue({ sessionId: 'a', scenario: null, role: 'any', at: 0 }),
    ).rejects.toThrow();
    await server.restart();
    await waitUntil(() => redis.status === 'ready', 'the connection to come back');
    // a fresh Redis (no append-only file here) knows no script: they are sent again
    expect(await stores.games.create(game('g2'))).toBe(true);
    expect(await stores.games.update({ ...game('g2'), version: 1 }, 0)).toBe(true);
  });

  test('a first connection to an unreachable Redis is refused with the address', async () => {
    const port = server.port;
    await server.kill();
    await expect(
      openRedis(`redis://127.0.0.1:${port}`, { name: 'nowhere', logger: createLogger('silent') }),
    ).rejects.toThrow(`cannot connect to Redis at redis://127.0.0.1:${port}`);
    await server.restart();
    await waitUntil(() => redis.status === 'ready', 'the connection to come back');
  });
});
