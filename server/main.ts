/**
 * Starts the game server: `npm start`. Reads and checks the environment (a bad value stops it
 * with exit code 1), listens on PORT and shuts down cleanly on SIGTERM or SIGINT. With REDIS_URL
 * it is one node of several: stores, rooms and wake-ups live in that Redis.
 */
import { createApp } from './app';
import { RealClock } from './clock';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { openRedisNode, type RedisNode } from './redis/redis-node';
import { guardStores } from './redis/store-guard';
import { createRedisStores } from './stores/redis/redis-stores';
import { createMemoryStores, type Stores } from './stores/stores';

/** How long a shutdown may take before the process gives up waiting. */
const SHUTDOWN_LIMIT_MS = 10_000;

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(
      `handshake-arena: invalid configuration, not starting:\n${loaded.errors.map((e) => `  - ${e}\n`).join('')}`,
    );
    process.exit(1);
  }
  const config = loaded.config;
  const logger = createLogger(config.logLevel);
  // a failure somewhere without a handler is logged, never a reason to drop every game of this node
  process.on('unhandledRejection', (err: unknown) => logger.error({ err }, 'unhandled rejection'));
  const clock = new RealClock();
  let redis: RedisNode | null = null;
  let stores: Stores;
  if (config.redisUrl) {
    redis = await openRedisNode({
      url: config.redisUrl,
      prefix: config.redisPrefix,
      clock,
      logger,
      heartbeatTtlMs: config.nodeTimeoutMs,
    });
    stores = guardStores(
      createRedisStores(redis.commands, {
        logger,
        prefix: config.redisPrefix,
        finishedGameTtlMs: config.finishedGameTtlMs,
        classTtlMs: config.classTtlMs,
      }),
    );
  } else {
    stores = createMemoryStores();
  }
  const app = createApp({ config, clock, stores, logger, cluster: redis?.cluster });
  const port = await app.listen(config.port, config.host);
  logger.info(
    { port, host: config.host, settings: config.settings, store: redis ? 'redis' : 'memory' },
    'listening',
  );

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    app
      .close()
      .then(() => redis?.close())
      .then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `handshake-arena: could not start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
