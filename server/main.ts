/**
 * Starts the game server: `npm start`. Reads and checks the environment (a bad value stops it
 * with exit code 1), listens on PORT and shuts down cleanly on SIGTERM or SIGINT.
 */
import { createApp } from './app';
import { RealClock } from './clock';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { createMemoryStores } from './stores/stores';

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
  const app = createApp({ config, clock: new RealClock(), stores: createMemoryStores(), logger });
  const port = await app.listen(config.port, config.host);
  logger.info({ port, host: config.host, settings: config.settings }, 'listening');

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    app.close().then(
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
