/**
 * The command connection writes what one turn of the event loop sends with one write, keeps the
 * order of commands and their replies, never holds a command past its turn, and survives its
 * socket dying with commands still corked. Real redis-server; the socket's own write methods are
 * watched to count the writes Node gives the kernel.
 */
import type { Socket } from 'node:net';
import type Redis from 'ioredis';
import { BatchingRedis } from '../../../../server/stores/redis/batching-redis';
import { closeTestRedis, freshPrefix, testRedisConnection } from '../../../helpers/test-redis';

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
