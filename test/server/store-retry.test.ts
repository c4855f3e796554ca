/**
 * A player who leaves while Redis is down still gets a grace period, and the partner still hears
 * of it, once Redis is back: the disconnect is tried again on the clock (server/store-retry.ts).
 * A real redis-server, stopped and started again with its data; a real server and clients.
 */
import type { Redis } from 'ioredis';
import { ManualClock } from '../../server/clock';
import { createLogger } from '../../server/logger';
import { guardStores } from '../../server/redis/store-guard';
import { RETRY_MS, StoreRetry } from '../../server/store-retry';
import { TaskTracker } from '../../server/task-tracker';
import { openRedis } from '../../server/stores/redis/redis-connection';
import { createRedisStores } from '../../server/stores/redis/redis-stores';
import type { Stores } from '../../server/stores/stores';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { Harness, waitUntil } from '../helpers/server-harness';

let server: RedisServer;
let redis: Redis;
let stores: Stores;
let h: Harness;

beforeAll(async () => {
  server = await startRedisServer({ appendonly: true });
  redis = await openRedis(server.url, { name: 'retry-test', logger: createLogger('silent') });
  stores = guardStores(
    createRedisStores(redis, {
      logger: createLogger('silent'),
      prefix: 'ha:retry:',
      finishedGameTtlMs: 60_000,
      classTtlMs: 3_600_000,
    }),
  );
  h = await Harness.start({ stores, config: { sessionGraceMs: 30_000 } });
});

afterAll(async () => {
  await h.close();
  redis.disconnect();
  await server.stop();
});

/** Whether the store answers again (ioredis reconnects by itself, in real time). */
async function storeBack(): Promise<boolean> {
  try {
    await stores.sessions.count();
    return true;
  } catch {
    return false;
  }
}

test('a disconnect during a Redis outage starts the grace period once Redis is back', async () => {
  const a = await h.connect();
  const b = await h.connect();
  const { code } = await a.must('match:private:create', { scenario: 'three-way-handshake' });
  await b.must('match:private:join', { code });
  await h.app.idle();
  const token = a.session!.token;

  await server.shutdown();
  a.close();
  // the disconnect fails while Redis is away: nothing is stored, the partner is not told yet
  await new Promise((r) => setTimeout(r, 1500));
  await h.app.idle();
  expect(b.peer).toEqual([]);

  await server.restart();
  for (let i = 0; i < 100 && !(await storeBack()); i++) await new Promise((r) => setTimeout(r, 50));
  expect((await stores.sessions.getByToken(token))?.graceUntil).toBeNull();

  // the retry runs on the server's clock
  await h.advanceBy(RETRY_MS);
  await waitUntil(() => b.peer.length > 0, "the partner told of the player's absence");
  const s = (await stores.sessions.getByToken(token))!;
  expect(s.graceUntil).not.toBeNull();
  expect(b.peer).toEqual([{ connected: false, graceUntil: s.graceUntil }]);
  // and only once: later retries are not left behind
  await h.advanceBy(RETRY_MS * 3);
  expect(b.peer).toHaveLength(1);
}, 30_000);

test('any failure is tried again, each wait twice the last up to 5 s, logged at warn, until it succeeds', async () => {
  const lines: Array<{ level: number; msg: string; attempt?: number; err?: { message: string } }> = [];
  const logger = createLogger('info', { write: (l: string) => void lines.push(JSON.parse(l)) });
  const clock = new ManualClock(0);
  const tasks = new TaskTracker(logger);
  const retry = new StoreRetry(clock, tasks, logger);
  const runs: number[] = [];
  // a plain Error, as the adapter's "Command timed out: counting the nodes" while Redis is stopped
  retry.run('disconnect', async () => {
    runs.push(clock.now());
    if (runs.length < 6) throw new Error('Command timed out: counting the nodes (Redis does not answer)');
  });
  // the clock goes to each retry in turn
  for (let i = 0; i < 10; i++) {
    await tasks.idle();
    const next = clock.nextAt();
    if (next === null) break;
    clock.advanceTo(next);
  }
  await tasks.idle();
  expect(runs).toEqual([0, 1000, 3000, 7000, 12_000, 17_000]);
  expect(lines.map((l) => [l.level, l.msg, l.attempt])).toEqual(
    [1, 2, 3, 4, 5].map((n) => [40, 'background task failed, will retry', n]),
  );
  expect(lines[0]!.err!.message).toMatch(/counting the nodes/);
  expect(clock.pending()).toBe(0);
});

test('a closing server drops the pending retries', async () => {
  const clock = new ManualClock(0);
  const logger = createLogger('silent');
  const tasks = new TaskTracker(logger);
  const retry = new StoreRetry(clock, tasks, logger);
  let runs = 0;
  retry.run('disconnect', async () => {
    runs++;
    throw new Error('still failing');
  });
  await tasks.idle();
  retry.stop();
  expect(clock.pending()).toBe(0);
  clock.advanceBy(60_000);
  await tasks.idle();
  expect(runs).toBe(1);
});
