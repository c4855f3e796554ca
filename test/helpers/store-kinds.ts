/**
 * The store implementations a contract test runs against: in memory and in Redis (a real
 * redis-server, see test-redis.ts). `twin` gives two handles on the same data: for Redis, two
 * separate connections, as two nodes have.
 */
import { createMemoryStores, type Stores } from '../../server/stores/stores';
import { freshPrefix, testRedisConnection, testRedisStores } from './test-redis';

export interface StoreKind {
  name: 'memory' | 'redis';
  /** A fresh, empty set of stores. */
  make(): Promise<Stores>;
  /** Two handles on one fresh, empty set of stores. */
  twin(): Promise<[Stores, Stores]>;
}

export const STORE_KINDS: StoreKind[] = [
  {
    name: 'memory',
    make: async () => createMemoryStores(),
    twin: async () => {
      const s = createMemoryStores();
      return [s, s];
    },
  },
  {
    name: 'redis',
    make: async () => (await testRedisStores()).stores,
    twin: async () => {
      const prefix = freshPrefix();
      const a = await testRedisStores({ prefix, redis: await testRedisConnection('node-a') });
      const b = await testRedisStores({ prefix, redis: await testRedisConnection('node-b') });
      return [a.stores, b.stores];
    },
  },
];
