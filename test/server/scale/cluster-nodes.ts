/**
 * Several game nodes in this test process on one real redis-server, wired exactly as main.ts does
 * (Redis stores behind the guard, the pub/sub adapter, the shared scheduler), each with its own
 * Redis connections and listening on its own port; and socket.io-client players on any of them.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/protocol/events';
import { createApp, type App } from '../../../server/app';
import type { Clock } from '../../../server/clock';
import { defaultConfig, type Config } from '../../../server/config';
import { createLogger } from '../../../server/logger';
import { openRedisNode, type RedisNode } from '../../../server/redis/redis-node';
import { guardStores } from '../../../server/redis/store-guard';
import { createRedisStores } from '../../../server/stores/redis/redis-stores';
import type { Stores } from '../../../server/stores/stores';
import { TEST_SETTINGS, TestClient, waitUntil } from '../../helpers/server-harness';

export interface InProcessNode {
  app: App;
  redis: RedisNode;
  stores: Stores;
  url: string;
  close(): Promise<void>;
}

/** One node on `redisUrl` under `prefix`, listening on 127.0.0.1:0. */
export async function startNode(redisUrl: string, prefix: string, clock: Clock): Promise<InProcessNode> {
  const logger = createLogger('silent');
  const config: Config = {
    ...defaultConfig(),
    logLevel: 'silent',
    rateLimitPerSec: 1000,
    rateLimitBurst: 1000,
    clientDir: join(tmpdir(), 'handshake-arena-no-client'),
    redisUrl,
    redisPrefix: prefix,
    settings: { ...TEST_SETTINGS },
  };
  const redis = await openRedisNode({ url: redisUrl, prefix, clock, logger, pollMs: 200 });
  const stores = guardStores(
    createRedisStores(redis.commands, { logger, prefix, finishedGameTtlMs: config.finishedGameTtlMs }),
  );
  const app = createApp({ config, clock, stores, logger, cluster: redis.cluster });
  const port = await app.listen(0, '127.0.0.1');
  let closed: Promise<void> | null = null;
  return {
    app,
    redis,
    stores,
    url: `http://127.0.0.1:${port}`,
    close() {
      closed ??= app.close().then(() => redis.close());
      return closed;
    },
  };
}

type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A player connected to the node at `url` (with a token: a second tab, or a reconnection). */
export async function connectPlayer(
  url: string,
  o: { token?: string; lang?: 'en' | 'zh-CN'; clients?: TestClient[] } = {},
): Promise<TestClient> {
  const auth: Record<string, unknown> = { lang: o.lang ?? 'en' };
  if (o.token) auth.token = o.token;
  const socket: TypedSocket = connectClient(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    autoConnect: false,
    forceNew: true,
  });
  const client = new TestClient(socket);
  o.clients?.push(client);
  let failure: Error | null = null;
  socket.once('connect_error', (err) => (failure = err));
  socket.connect();
  try {
    await waitUntil(() => client.session !== null || failure !== null, 'session:ready');
  } catch (err) {
    client.close();
    throw err;
  }
  if (failure) {
    client.close();
    throw new Error(`connect to ${url} failed: ${(failure as Error).message}`);
  }
  return client;
}
