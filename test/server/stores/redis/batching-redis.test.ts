/**
 * The command connection writes what one turn of the event loop sends with one write, keeps the
 * order of commands and their replies, never holds a command past its turn, and survives its
 * socket dying with commands still corked. Its command timeout fails a command Redis does not
 * answer, but not one whose reply came while this process was busy. Real redis-server; the
 * socket's own write methods are watched to count the writes Node gives the kernel.
 */
import type { Socket } from 'node:net';
import type Redis from 'ioredis';
import { BatchingRedis } from '../../../../server/stores/redis/batching-redis';
import { createLogger } from '../../../../server/logger';
import { openRedis } from '../../../../server/stores/redis/redis-connection';
import {
  closeTestRedis,
  freshPrefix,
  testRedisConnection,
  testRedisServer,
} from '../../../helpers/test-redis';

afterAll(closeTestRedis);

type Writes = { _write: (...a: unknown[]) => void; _writev: (chunks: unknown[], cb: () => void) => void };

function watchWrites(redis: Redis): { single: jest.SpyInstance; batched: jest.SpyInstance } {
  const s = redis.stream as unknown as Writes;
  return { single: jest.spyOn(s, '_write'), batched: jest.spyOn(s, '_writev') };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('the server opens batching connections', async () => {
  const redis = await testRedisConnection();
  expect(redis).toBeInstanceOf(BatchingRedis);
});

test('commands sent in one turn go out in one write, in order, each with its own reply', async () => {
  const redis = await testRedisConnection();
  const key = `${freshPrefix()}n`;
  const w = watchWrites(redis);
  const replies = await Promise.all(Array.from({ length: 20 }, () => redis.incr(key)));
  expect(replies).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect(w.single).not.toHaveBeenCalled();
  expect(w.batched).toHaveBeenCalledTimes(1);
  expect((w.batched.mock.calls[0] as [unknown[]])[0]).toHaveLength(20);
});

test('commands of different turns are not held for each other', async () => {
  const redis = await testRedisConnection();
  const key = `${freshPrefix()}n`;
  const w = watchWrites(redis);
  const first = redis.incr(key);
  await nextTurn();
  // the first command was written in its own turn: it is answered without a second one
  await expect(first).resolves.toBe(1);
  const second = redis.incr(key);
  await expect(second).resolves.toBe(2);
  expect(w.single.mock.calls.length + w.batched.mock.calls.length).toBe(2);
});

test('a socket that dies with commands corked fails them, and the connection comes back', async () => {
  const redis = await testRedisConnection();
  const key = `${freshPrefix()}k`;
  const pending = Promise.allSettled([redis.set(key, '1'), redis.get(key)]);
  (redis.stream as Socket).destroy();
  const settled = await pending;
  expect(settled.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  await expect(redis.ping()).resolves.toBe('PONG');
  await expect(Promise.all([redis.set(key, '2'), redis.get(key)])).resolves.toEqual(['OK', '2']);
});

/** Keeps this thread busy for `ms` (a node too loaded to read its sockets). */
function busy(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

describe('the command timeout (200 ms here)', () => {
  let redis: Redis;
  beforeAll(async () => {
    const server = await testRedisServer();
    redis = await openRedis(server.url, {
      name: 'timeout-test',
      logger: createLogger('silent'),
      commandTimeoutMs: 200,
    });
  });
  afterAll(() => redis.quit());

  test('a reply that arrived while this process was busy longer than the timeout is taken', async () => {
    const key = `${freshPrefix()}k`;
    await redis.set(key, 'v');
    const reply = redis.get(key);
    // after the command's write (queued first): Redis answers while this thread is busy
    process.nextTick(() => busy(400));
    await expect(reply).resolves.toBe('v');
  });

  test('a command Redis does not answer still fails after about the timeout', async () => {
    // CLIENT PAUSE holds every command of every client for 600 ms
    const other = await testRedisConnection();
    await other.call('CLIENT', 'PAUSE', '600', 'ALL');
    await expect(redis.get(`${freshPrefix()}k`)).rejects.toThrow('Command timed out');
    await new Promise((resolve) => setTimeout(resolve, 650));
    await expect(redis.ping()).resolves.toBe('PONG');
  });
});
