/**
 * Setup of the `redis` jest project: the harness builds Redis stores (test-stores.ts), and the
 * test file's redis-server and connections are closed after its last test.
 */
import { closeTestRedis } from './test-redis';

process.env.TEST_STORE = 'redis';

afterAll(closeTestRedis);
