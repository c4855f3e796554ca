/**
 * Node heartbeats on a real redis-server (server/redis/node-heartbeat.ts): what a node keeps
 * there, every key with a TTL; a node whose heartbeat lapsed released exactly once though two
 * nodes look for it; a failed release tried again without repeating the others; a node taken for
 * dead while alive writes its connections back. The heartbeats tick on manual clocks; a lapse is
 * Redis's own TTL running out in real time.
 */
import type { Redis } from 'ioredis';
import { ManualClock } from '../../../server/clock';
import { createLogger } from '../../../server/logger';
import { NodeHeartbeat } from '../../../server/redis/node-heartbeat';
import { closeRedis, openRedis } from '../../../server/stores/redis/redis-connection';
import { TaskTracker } from '../../../server/task-tracker';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server';
import { waitUntil } from '../../helpers/server-harness';

/** A node that lapses soon when its clock stands still (or once stopped). */
const SHORT = { ttlMs: 1500, intervalMs: 500 };
/** A node that never lapses during a test; it ticks when its clock moves by LONG_TICK_MS. */
const LONG_TICK_MS = 20_000;
const LONG = { ttlMs: 60_000, intervalMs: LONG_TICK_MS };

let server: RedisServer;
let redis: Redis;
const logger = createLogger('silent');
const opened: Redis[] = [];
const nodes: NodeHeartbeat[] = [];
let prefixes = 0;

beforeAll(async () => {
  server = await startRedisServer();
  redis = await openRedis(server.url, { name: 'test', logger });
});

afterEach(async () => {
  for (const n of nodes.splice(0)) n.stop();
  await Promise.all(opened.splice(0).map((r) => closeRedis(r)));
});

afterAll(async () => {
  await closeRedis(redis);
  await server?.stop();
});

interface TestNode {
  hb: NodeHeartbeat;
  tracker: TaskTracker;
  /** The sessions it was asked to release, in order. */
  released: string[];
}

/** A heartbeat on its own connection; `fail` names sessions whose release throws (once each). */
async function startNode(
  prefix: string,
  clock: ManualClock,
  timing: { ttlMs: number; intervalMs: number },
  fail: Set<string> = new Set(),
): Promise<TestNode> {
  const commands = await openRedis(server.url, { name: 'node', logger });
  opened.push(commands);
  const tracker = new TaskTracker(logger);
  const released: string[] = [];
  const hb = new NodeHeartbeat({
    commands,
    clock,
    logger,
    prefix,
    tracker,
    ...timing,
    release: async (sid) => {
      released.push(sid);
      if (fail.delete(sid)) throw new Error(`release of ${sid} failed`);
    },
  });
  nodes.push(hb);
  const node = { hb, tracker, released };
  await beaten(prefix, node);
  return node;
}

function fresh(): string {
  return `hb:${process.pid}:${++prefixes}:`;
}

/** Waits until the node's heartbeat is stored. */
async function beaten(prefix: string, n: TestNode): Promise<void> {
  await waitUntil(async () => (await redis.exists(`${prefix}node:${n.hb.id}`)) === 1, 'the heartbeat');
}

/** Stops a node as if killed, and waits until Redis lets its heartbeat lapse. */
async function die(prefix: string, n: TestNode): Promise<void> {
  n.hb.stop();
  await waitUntil(
    async () => (await redis.exists(`${prefix}node:${n.hb.id}`)) === 0,
    'the heartbeat to lapse',
  );
}

async function connections(prefix: string, id: string): Promise<Record<string, string>> {
  return redis.hgetall(`${prefix}node-conns:${id}`);
}

test('a node keeps its heartbeat, its place in the list and its connections, every key with a TTL', async () => {
  const prefix = fresh();
  const clock = new ManualClock(1_000_000);
  const a = await startNode(prefix, clock, LONG);
  a.hb.opened('sock-1', 's1');
  a.hb.opened('sock-2', 's1');
  a.hb.opened('sock-3', 's2');
  a.hb.closed('sock-2');
  await waitUntil(
    async () => Object.keys(await connections(prefix, a.hb.id)).length === 2,
    'the connections stored',
  );
  expect(await connections(prefix, a.hb.id)).toEqual({ 'sock-1': 's1', 'sock-3': 's2' });
  expect(await redis.smembers(`${prefix}nodes`)).toEqual([a.hb.id]);
  const keys = await redis.keys(`${prefix}*`);
  expect(keys.sort()).toEqual([
    `${prefix}node-conns:${a.hb.id}`,
    `${prefix}node:${a.hb.id}`,
    `${prefix}nodes`,
  ]);
  for (const k of keys) expect(await redis.pttl(k)).toBeGreaterThan(0);
  expect(await redis.pttl(`${prefix}node:${a.hb.id}`)).toBeLessThanOrEqual(LONG.ttlMs);
});

test('a node whose heartbeat lapsed is taken over exactly once, though two nodes look for it', async () => {
  const prefix = fresh();
  const clock = new ManualClock(1_000_000);
  const dead = await startNode(prefix, new ManualClock(0), SHORT);
  dead.hb.opened('sock-1', 's1');
  dead.hb.opened('sock-2', 's1');
  dead.hb.opened('sock-3', 's2');
  await waitUntil(async () => Object.keys(await connections(prefix, dead.hb.id)).length === 3, 'stored');
  const b = await startNode(prefix, clock, LONG);
  const c = await startNode(prefix, clock, LONG);
  // while its heartbeat lasts, nobody takes it over
  clock.advanceBy(LONG_TICK_MS);
  await Promise.all([b.tracker.idle(), c.tracker.idle()]);
  await new Promise((r) => setTimeout(r, 50));
  expect([...b.released, ...c.released]).toEqual([]);

  await die(prefix, dead);
  clock.advanceBy(LONG_TICK_MS);
  await waitUntil(async () => !(await redis.sismember(`${prefix}nodes`, dead.hb.id)), 'the takeover');
  await Promise.all([b.tracker.idle(), c.tracker.idle()]);
  // each session once (s1 had two connections there), by one node
  expect([...b.released, ...c.released].sort()).toEqual(['s1', 's2']);
  expect([b.released.length, c.released.length].sort()).toEqual([0, 2]);
  expect(await redis.exists(`${prefix}node-conns:${dead.hb.id}`, `${prefix}node-claim:${dead.hb.id}`)).toBe(
    0,
  );
  expect((await redis.smembers(`${prefix}nodes`)).sort()).toEqual([b.hb.id, c.hb.id].sort());

  // and never again
  clock.advanceBy(LONG_TICK_MS);
  await new Promise((r) => setTimeout(r, 100));
  await Promise.all([b.tracker.idle(), c.tracker.idle()]);
  expect(b.released.length + c.released.length).toBe(2);
});

test('a release that fails is tried again by the next sweep, the others not repeated', async () => {
  const prefix = fresh();
  const clock = new ManualClock(1_000_000);
  const dead = await startNode(prefix, new ManualClock(0), SHORT);
  dead.hb.opened('sock-1', 's1');
  dead.hb.opened('sock-2', 's2');
  await waitUntil(async () => Object.keys(await connections(prefix, dead.hb.id)).length === 2, 'stored');
  const b = await startNode(prefix, clock, LONG, new Set(['s2']));
  await die(prefix, dead);

  clock.advanceBy(LONG_TICK_MS);
  await waitUntil(() => b.released.length === 2, 'the first takeover');
  await b.tracker.idle();
  // given back with what is left to do
  expect(await redis.exists(`${prefix}node-claim:${dead.hb.id}`)).toBe(0);
  expect(await connections(prefix, dead.hb.id)).toEqual({ 'sock-2': 's2' });
  expect(await redis.sismember(`${prefix}nodes`, dead.hb.id)).toBe(1);

  clock.advanceBy(LONG_TICK_MS);
  await waitUntil(async () => !(await redis.sismember(`${prefix}nodes`, dead.hb.id)), 'the second takeover');
  await b.tracker.idle();
  expect(b.released.sort()).toEqual(['s1', 's2', 's2']);
  expect(await redis.exists(`${prefix}node-conns:${dead.hb.id}`)).toBe(0);
});

test('a node taken for dead while alive (its heartbeat lapsed) writes its connections back', async () => {
  const prefix = fresh();
  const clock = new ManualClock(1_000_000);
  // its own clock stands still: it misses its beats, as a process stalled or a paused Redis
  const ownClock = new ManualClock(0);
  const slow = await startNode(prefix, ownClock, SHORT);
  slow.hb.opened('sock-1', 's1');
  await waitUntil(async () => Object.keys(await connections(prefix, slow.hb.id)).length === 1, 'stored');
  const b = await startNode(prefix, clock, LONG);
  await waitUntil(
    async () => (await redis.exists(`${prefix}node:${slow.hb.id}`)) === 0,
    'the heartbeat to lapse',
  );
  clock.advanceBy(LONG_TICK_MS);
  await waitUntil(async () => !(await redis.sismember(`${prefix}nodes`, slow.hb.id)), 'the takeover');
  await b.tracker.idle();
  expect(b.released).toEqual(['s1']);

  // its next beat finds the heartbeat gone: everything it carries is written again
  slow.hb.opened('sock-2', 's2');
  ownClock.advanceBy(SHORT.intervalMs);
  await waitUntil(
    async () => Object.keys(await connections(prefix, slow.hb.id)).length === 2,
    'its connections written again',
  );
  expect(await connections(prefix, slow.hb.id)).toEqual({ 'sock-1': 's1', 'sock-2': 's2' });
  expect(await redis.sismember(`${prefix}nodes`, slow.hb.id)).toBe(1);
  expect(await redis.exists(`${prefix}node:${slow.hb.id}`)).toBe(1);
});
