/**
 * The stores a server test runs on: in memory, or in Redis when TEST_STORE=redis (the `redis`
 * jest project sets it), so every game and teacher test runs against both without a copy. On
 * Redis the server is a full node of a cluster (as main.ts builds it with REDIS_URL): Redis
 * stores behind the unreachable-Redis guard, the Socket.IO Redis adapter and the Redis scheduler.
 */
import type { ManualClock } from '../../server/clock';
import type { Config } from '../../server/config';
import { createLogger } from '../../server/logger';
import type { ClusterDeps } from '../../server/redis/cluster-deps';
import { openRedisNode } from '../../server/redis/redis-node';
import { guardStores } from '../../server/redis/store-guard';
import { createRedisStores } from '../../server/stores/redis/redis-stores';
import { createMemoryStores, type Stores } from '../../server/stores/stores';
import { freshPrefix, holdTestRedis, testRedisServer } from './test-redis';

/** Which store the server tests use: TEST_STORE=redis or the default, memory. */
export function testStoreKind(): 'memory' | 'redis' {
  const kind = process.env.TEST_STORE ?? 'memory';
  if (kind !== 'memory' && kind !== 'redis')
    throw new Error(`TEST_STORE must be memory or redis, not ${kind}`);
  return kind;
}

export interface TestStores {
  stores: Stores;
  /** Set on Redis: what makes the server one node of several. */
  cluster?: ClusterDeps;
  /** Closes what the stores hold open (Redis connections), after the server is closed. */
  close(): Promise<void>;
}

/** Fresh, empty stores of the test store kind, each Redis set under its own key prefix. */
export async function storesForTest(config: Config, clock: ManualClock): Promise<TestStores> {
  if (testStoreKind() === 'memory') return { stores: createMemoryStores(), close: async () => {} };
  const server = await testRedisServer();
  const release = holdTestRedis();
  const prefix = freshPrefix();
  const logger = createLogger('silent');
  let node;
  try {
    node = await openRedisNode({ url: server.url, prefix, clock, logger });
  } catch (err) {
    await release();
    throw err;
  }
  const stores = guardStores(
    createRedisStores(node.commands, {
      logger,
      prefix,
      finishedGameTtlMs: config.finishedGameTtlMs,
      classTtlMs: config.classTtlMs,
    }),
  );
  return {
    stores,
    cluster: node.cluster,
    close: async () => {
      await node.close();
      await release();
    },
  };
}
