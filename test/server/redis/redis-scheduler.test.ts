/**
 * The shared scheduler against a real redis-server: two nodes (each its own connections and its
 * own manual clock, as two machines would have) share the wake-ups; each runs exactly once, a
 * re-set during a run survives, a node that dies mid-task leaves it to the other after the lease,
 * a failed run is tried again, and a wake-up set while Redis is silent is stored once it answers.
 * Only a wake-up earlier than every stored one is announced; after a run a node arms for the next
 * stored one from the claim's answer.
 */
import { ManualClock } from '../../../server/clock';
import { createLogger } from '../../../server/logger';
import { openRedisNode, type RedisNode } from '../../../server/redis/redis-node';
import type { RedisScheduler } from '../../../server/redis/redis-scheduler';
import { TaskTracker } from '../../../server/task-tracker';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server';
import { waitUntil } from '../../helpers/server-harness';

const LEASE_MS = 10_000;
const T0 = 1_000_000;

interface Node {
  name: string;
  redis: RedisNode;
  clock: ManualClock;
  tracker: TaskTracker;
  scheduler: RedisScheduler;
  /** Every (kind:id) this node ran, in order. */
  ran: string[];
}

let server: RedisServer;
let prefixSeq = 0;
const nodes: Node[] = [];

beforeAll(async () => {
  server = await startRedisServer();
});

afterEach(async () => {
  for (const n of nodes.splice(0)) {
    n.scheduler.stop();
    await n.redis.close();
  }
});

afterAll(async () => {
  await server.stop();
});

/**
 * A node whose 'game' wake-ups record themselves and then run `extra` (if any). `pollMs`: how often
 * it reads the earliest entry by itself (real time); a long one leaves it to the notices and runs.
 */
async function node(
  name: string,
  prefix: string,
  extra: (n: Node, id: string) => Promise<void> = async () => undefined,
  pollMs = 100,
): Promise<Node> {
  const logger = createLogger('silent');
  const clock = new ManualClock(T0);
  const redis = await openRedisNode({
    url: server.url,
    prefix,
    clock,
    logger,
    leaseMs: LEASE_MS,
    pollMs,
  });
  const tracker = new TaskTracker(logger);
  const scheduler = redis.cluster.scheduler(tracker) as RedisScheduler;
  const n: Node = { name, redis, clock, tracker, scheduler, ran: [] };
  scheduler.define('game', async (id) => {
    n.ran.push(`game:${id}`);
    await extra(n, id);
  });
  scheduler.define('gc', async (id) => {
    n.ran.push(`gc:${id}`);
  });
  nodes.push(n);
  return n;
}

function freshPrefix(): string {
  return `test:${process.pid}:${++prefixSeq}:`;
}

/** Calls of `cmd` the redis-server has answered so far (all tests' nodes share it, one at a time). */
async function callsOf(n: Node, cmd: string): Promise<number> {
  const info = await n.redis.commands.info('commandstats');
  return Number(new RegExp(`cmdstat_${cmd}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
}

/** Moves a node's clock and waits until what its timers started is done. */
async function advance(n: Node, to: number): Promise<void> {
  n.clock.advanceTo(to);
  await n.tracker.idle();
}

test('each wake-up runs exactly once across two nodes, whichever node set it', async () => {
  const prefix = freshPrefix();
  const a = await node('a', prefix);
  const b = await node('b', prefix);
  for (let i = 0; i < 30; i++) {
    const setter = i % 2 === 0 ? a : b;
    setter.scheduler.set(i % 3 === 0 ? 'gc' : 'game', String(i), T0 + 100 + (i % 7) * 50);
  }
  // replaced before it is due (by the other node, once the first write is done): only the last
  // time counts
  a.scheduler.set('game', 'moved', T0 + 200);
  a.scheduler.set('game', 'gone', T0 + 150);
  await a.tracker.idle();
  b.scheduler.set('game', 'moved', T0 + 400);
  // cleared: never runs
  b.scheduler.clear('game', 'gone');
  await Promise.all([a.tracker.idle(), b.tracker.idle()]);
  // both nodes know the earliest entry (through the notice or the poll)
  await waitUntil(() => a.scheduler.armedAt === T0 + 100 && b.scheduler.armedAt === T0 + 100, 'both armed');

  // the two clocks move together, so both nodes try to claim every entry
  for (let t = T0 + 100; t <= T0 + 500; t += 50) {
    a.clock.advanceTo(t);
    b.clock.advanceTo(t);
    await Promise.all([a.tracker.idle(), b.tracker.idle()]);
  }
  const all = [...a.ran, ...b.ran].sort();
  const expected = [
    ...Array.from({ length: 30 }, (_, i) => `${i % 3 === 0 ? 'gc' : 'game'}:${i}`),
    'game:moved',
  ].sort();
  expect(all).toEqual(expected);
  expect(await a.redis.commands.zcard(`${prefix}sched:due`)).toBe(0);
});

test('a wake-up still runs when the node that set it is gone', async () => {
  const prefix = freshPrefix();
  const a = await node('a', prefix);
  const b = await node('b', prefix);
  a.scheduler.set('game', 'orphan', T0 + 1000);
  await a.tracker.idle();
  await waitUntil(() => b.scheduler.armedAt === T0 + 1000, 'b to learn of the wake-up');
  a.scheduler.stop();
  await a.redis.close();
  await advance(b, T0 + 1000);
  expect(b.ran).toEqual(['game:orphan']);
  expect(a.ran).toEqual([]);
});

test('a re-set during the run survives the end of that run', async () => {
  const prefix = freshPrefix();
  const a = await node('a', prefix, async (n, id) => {
    // the game's next deadline, set by the wake-up itself (as GameService does)
    if (n.ran.length === 1) n.scheduler.set('game', id, n.clock.now() + 500);
  });
  a.scheduler.set('game', 'g', T0 + 100);
  await a.tracker.idle();
  await advance(a, T0 + 100);
  expect(a.ran).toEqual(['game:g']);
  expect(await a.redis.commands.zscore(`${prefix}sched:due`, 'game:g')).toBe(String(T0 + 600));
  await advance(a, T0 + 600);
  expect(a.ran).toEqual(['game:g', 'game:g']);
  expect(await a.redis.commands.zcard(`${prefix}sched:due`)).toBe(0);
});

test('a node that dies mid-task leaves the wake-up to another node once the lease runs out', async () => {
  const prefix = freshPrefix();
  let release: () => void = () => undefined;
  const hanging = new Promise<void>((r) => (release = r));
  const a = await node('a', prefix, async () => hanging);
  const b = await node('b', prefix);
  a.scheduler.set('game', 'g', T0 + 100);
  await a.tracker.idle();
  await waitUntil(() => b.scheduler.armedAt !== null, 'b to learn of the wake-up');

  a.clock.advanceTo(T0 + 100);
  await waitUntil(() => a.ran.length === 1, 'a to claim and start the wake-up');
  // a dies here: its task never finishes
  a.scheduler.stop();

  // before the lease runs out, b finds nothing due
  await advance(b, T0 + 100 + LEASE_MS - 1);
  expect(b.ran).toEqual([]);
  await advance(b, T0 + 100 + LEASE_MS);
  expect(b.ran).toEqual(['game:g']);
  expect(await b.redis.commands.zcard(`${prefix}sched:due`)).toBe(0);

  // the dead node's task ending late deletes nothing and runs nothing again
  release();
  await a.tracker.idle();
  expect(a.ran).toEqual(['game:g']);
  b.scheduler.set('game', 'h', T0 + 100 + LEASE_MS + 10);
  await advance(b, T0 + 100 + LEASE_MS + 10);
  expect(b.ran).toEqual(['game:g', 'game:h']);
});

test('a wake-up whose task fails is tried again shortly', async () => {
  const prefix = freshPrefix();
  const a = await node('a', prefix, async (n) => {
    if (n.ran.length === 1) throw new Error('store away');
  });
  a.scheduler.set('game', 'g', T0 + 100);
  await a.tracker.idle();
  await advance(a, T0 + 100);
  expect(a.ran).toEqual(['game:g']);
  await advance(a, T0 + 100 + 500);
  expect(a.ran).toEqual(['game:g', 'game:g']);
  expect(await a.redis.commands.zcard(`${prefix}sched:due`)).toBe(0);
});

test('every scheduler key has a time to live', async () => {
  const prefix = freshPrefix();
  const a = await node('a', prefix);
  a.scheduler.set('game', 'g', T0 + 100);
  await a.tracker.idle();
  const keys = await a.redis.commands.keys(`${prefix}*`);
  expect(keys.sort()).toEqual([`${prefix}sched:due`, `${prefix}sched:token`]);
  for (const k of keys) expect(await a.redis.commands.pttl(k)).toBeGreaterThan(0);
});

test('a wake-up set while Redis does not answer is stored once it answers again, and runs', async () => {
  const prefix = freshPrefix();
  const a = await node('a', prefix);
  server.pause();
  try {
    a.scheduler.set('game', 'late', T0 + 100);
    // the write times out (about a second) and is kept for later
    await a.tracker.idle();
    expect(a.scheduler.unwrittenCount).toBe(1);
  } finally {
    server.resume();
  }
  await waitUntil(() => a.scheduler.unwrittenCount === 0, 'the wake-up to be written');
  expect(await a.redis.commands.zscore(`${prefix}sched:due`, 'game:late')).toBe(String(T0 + 100));
  await advance(a, T0 + 100);
  expect(a.ran).toEqual(['game:late']);
}, 15_000);

test('the wake-ups set in one turn are written with one script call and one notice of the earliest', async () => {
  const prefix = freshPrefix();
  const a = await node('a', prefix);
  const b = await node('b', prefix);
  const calls = async () => ({ scripts: await callsOf(a, 'evalsha'), publish: await callsOf(a, 'publish') });
  // Redis learns the script with a first write (a script it does not know is sent whole)
  a.scheduler.set('gc', 'warm-up', T0 + 5000);
  await a.tracker.idle();
  await a.redis.publisher.ping();
  const before = await calls();
  for (let i = 0; i < 50; i++) a.scheduler.set('game', `g${i}`, T0 + 1000 - i);
  a.scheduler.clear('game', 'g0');
  await a.tracker.idle();
  // the notice went on the publishing connection: a round trip on it comes back after it
  await a.redis.publisher.ping();
  const after = await calls();
  expect(after.scripts - before.scripts).toBe(1);
  expect(after.publish - before.publish).toBe(1);
  expect(await a.redis.commands.zcard(`${prefix}sched:due`)).toBe(49 + 1);
  await waitUntil(() => b.scheduler.armedAt === T0 + 1000 - 49, 'b to learn of the earliest');
  await advance(a, T0 + 1000);
  expect(a.ran).toHaveLength(49);
  expect(a.ran).not.toContain('game:g0');
});

test('only a wake-up earlier than every stored one is announced, and each still runs on time', async () => {
  const prefix = freshPrefix();
  // no poll within the test: what a node learns of the other's entries comes from notices and runs
  const a = await node('a', prefix, undefined, 60_000);
  const b = await node('b', prefix, undefined, 60_000);
  a.scheduler.set('game', 'first', T0 + 100);
  await a.tracker.idle();
  await a.redis.publisher.ping();
  await waitUntil(() => b.scheduler.armedAt === T0 + 100, 'b to hear of the first wake-up');
  const before = await callsOf(a, 'publish');

  // later than the earliest stored one: nobody needs telling
  a.scheduler.set('game', 'later-a', T0 + 300);
  b.scheduler.set('game', 'later-b', T0 + 200);
  await Promise.all([a.tracker.idle(), b.tracker.idle()]);
  await Promise.all([a.redis.publisher.ping(), b.redis.publisher.ping()]);
  expect(await callsOf(a, 'publish')).toBe(before);
  expect(a.scheduler.armedAt).toBe(T0 + 100);

  // earlier than every stored one: one notice, and the other node arms for it
  b.scheduler.set('game', 'earliest', T0 + 50);
  await b.tracker.idle();
  await b.redis.publisher.ping();
  expect(await callsOf(a, 'publish')).toBe(before + 1);
  await waitUntil(() => a.scheduler.armedAt === T0 + 50, 'a to hear of the earliest');

  // only a's clock moves: a runs every entry, b's unannounced one included, each at its time
  await advance(a, T0 + 50);
  expect(a.ran).toEqual(['game:earliest']);
  await advance(a, T0 + 199);
  expect(a.ran).toEqual(['game:earliest', 'game:first']);
  await advance(a, T0 + 200);
  expect(a.ran).toEqual(['game:earliest', 'game:first', 'game:later-b']);
  await advance(a, T0 + 300);
  expect(a.ran).toEqual(['game:earliest', 'game:first', 'game:later-b', 'game:later-a']);
  expect(b.ran).toEqual([]);
  expect(await a.redis.commands.zcard(`${prefix}sched:due`)).toBe(0);
});

test('after a run a node arms for the next stored wake-up from the claim, without reading again', async () => {
  const prefix = freshPrefix();
  const a = await node('a', prefix, undefined, 60_000);
  const b = await node('b', prefix, undefined, 60_000);
  a.scheduler.set('game', 'g1', T0 + 100);
  await a.tracker.idle();
  // set by b after a's, later than it: no notice, so a does not know of it yet
  b.scheduler.set('game', 'g2', T0 + 400);
  await b.tracker.idle();
  expect(a.scheduler.armedAt).toBe(T0 + 100);
  const reads = await callsOf(a, 'zrange');
  await advance(a, T0 + 100);
  expect(a.ran).toEqual(['game:g1']);
  expect(a.scheduler.armedAt).toBe(T0 + 400);
  expect(await callsOf(a, 'zrange')).toBe(reads);
  await advance(a, T0 + 400);
  expect(a.ran).toEqual(['game:g1', 'game:g2']);
  // nothing left: nothing armed
  expect(a.scheduler.armedAt).toBeNull();
});
