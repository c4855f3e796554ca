import { existsSync } from 'node:fs';
import Redis from 'ioredis';
import { ping, redisServerBinary, startRedisServer, type RedisServer } from './redis-server';

async function withClient<T>(url: string, fn: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await r.connect();
  try {
    return await fn(r);
  } finally {
    r.disconnect();
  }
}

describe('the test redis-server', () => {
  let server: RedisServer;
  afterEach(async () => {
    await server?.stop();
  });

  test('answers on its loopback port, without snapshots, and stop() removes its dir', async () => {
    server = await startRedisServer();
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    const save = await withClient(server.url, async (r) => {
      await r.set('k', 'v');
      expect(await r.get('k')).toBe('v');
      return r.config('GET', 'save');
    });
    expect(save).toEqual(['save', '']);
    await server.stop();
    expect(server.running).toBe(false);
    expect(existsSync(server.dir)).toBe(false);
    expect(await ping(server.port, 500)).toBe(false);
    await server.stop();
  });

  test('with appendonly, kill(), shutdown() and restart() keep the port and the data', async () => {
    server = await startRedisServer({ appendonly: true });
    await withClient(server.url, (r) => r.set('kept', '1'));
    await server.kill();
    expect(server.running).toBe(false);
    expect(await ping(server.port, 500)).toBe(false);
    await server.restart();
    expect(await withClient(server.url, (r) => r.get('kept'))).toBe('1');
    // a restart of a running server stops it first
    await server.restart();
    expect(await withClient(server.url, (r) => r.get('kept'))).toBe('1');
    // shutdown(): stopped as an operator would, the data written back on the way out
    await withClient(server.url, (r) => r.set('last', '2'));
    await server.shutdown();
    expect(server.running).toBe(false);
    expect(await ping(server.port, 500)).toBe(false);
    await server.restart();
    expect(await withClient(server.url, (r) => r.mget('kept', 'last'))).toEqual(['1', '2']);
  });

  test('pause() silences it and resume() brings the answers back', async () => {
    server = await startRedisServer();
    server.pause();
    expect(await ping(server.port, 300)).toBe(false);
    server.resume();
    expect(await ping(server.port, 5000)).toBe(true);
  });

  test('a paused server still stops', async () => {
    server = await startRedisServer();
    server.pause();
    await server.stop();
    expect(server.running).toBe(false);
  });

  test('two servers get two ports', async () => {
    server = await startRedisServer();
    const other = await startRedisServer();
    try {
      expect(other.port).not.toBe(server.port);
      expect(await ping(other.port, 5000)).toBe(true);
    } finally {
      await other.stop();
    }
  });
});

test('a missing redis-server fails with the Debian package to install, never a skip', () => {
  expect(() => redisServerBinary(['/nonexistent/redis-server'])).toThrow(/apt-get install redis-server/);
  expect(redisServerBinary()).toMatch(/redis-server$/);
});
