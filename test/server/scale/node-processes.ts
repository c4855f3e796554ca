/**
 * Game nodes as real processes (`node --import tsx server/main.ts`, as `npm start` runs the
 * build) on one redis-server, plus what the multi-process tests share: a reader of the stored
 * games, and a loop that plays games in real time. Every process started here is killed in
 * teardown (killAll) and when the test process exits.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import Redis from 'ioredis';
import type { Game } from '../../../shared/game/game-types';
import type { Side } from '../../../shared/tcp/types';
import { createLogger } from '../../../server/logger';
import { createRedisStores } from '../../../server/stores/redis/redis-stores';
import type { Stores } from '../../../server/stores/stores';
import { REPO_ROOT } from '../../helpers/paths';
import { startRedisServer, type RedisServer, type RedisServerOptions } from '../../helpers/redis-server';
import type { TestClient } from '../../helpers/server-harness';

/** Real-time game settings: short flights, TIME_WAIT of 5 s, turns long enough never to run out. */
export const PROCESS_SETTINGS_ENV: Record<string, string> = {
  FLIGHT_MS: '100',
  TURN_MS: '120000',
  RTO_MS: '2000',
  MSL_MS: '2500',
  SYN_RCVD_MS: '120000',
  BOT_DELAY_MS: '0',
};

/** How long a node may take to start (tsx compiles the server on the fly). */
const START_LIMIT_MS = 30_000;

const live = new Set<ChildProcessWithoutNullStreams>();
let hooked = false;

export interface NodeProcess {
  name: string;
  url: string;
  child: ChildProcessWithoutNullStreams;
  /** Everything it printed so far. */
  output(): string;
  /** Whether it is still running. */
  alive(): boolean;
  /** Sends a signal and waits until it has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts a node on a free port of 127.0.0.1 and resolves once it listens. */
export async function startNodeProcess(
  name: string,
  redisUrl: string,
  prefix: string,
  env: Record<string, string> = {},
): Promise<NodeProcess> {
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const c of live) c.kill('SIGKILL');
    });
  }
  const child = spawn(process.execPath, ['--import', 'tsx', join('server', 'main.ts')], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      RATE_LIMIT_PER_SEC: '1000',
      RATE_LIMIT_BURST: '1000',
      CLIENT_DIR: join(REPO_ROOT, 'no-client-here'),
      ...PROCESS_SETTINGS_ENV,
      ...env,
    },
  });
  live.add(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      resolve();
    }),
  );
  const end = Date.now() + START_LIMIT_MS;
  let port = 0;
  while (port === 0) {
    const m = /"msg":"listening"/.test(out) ? /"port":(\d+)/.exec(out) : null;
    if (m) port = Number(m[1]);
    else if (child.exitCode !== null || Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`node ${name} did not start:\n${out}`);
    } else await new Promise((r) => setTimeout(r, 25));
  }
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    alive: () => child.exitCode === null && child.signalCode === null,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Kills every node still running (teardown). */
export async function killAll(nodes: Array<NodeProcess | undefined>): Promise<void> {
  await Promise.all(nodes.map((n) => n?.kill('SIGKILL')));
}

/** The stores as the nodes see them, on a connection of the test's own (to read games). */
export async function storeReader(
  redisUrl: string,
  prefix: string,
): Promise<{ stores: Stores; redis: Redis; close(): void }> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const stores = createRedisStores(redis, { logger: createLogger('silent'), prefix });
  return { stores, redis, close: () => redis.disconnect() };
}

/** What a multi-process test runs on: one redis-server, node processes A and B, a store reader. */
export interface ProcessCluster {
  redis: RedisServer;
  nodes: [NodeProcess, NodeProcess];
  reader: Awaited<ReturnType<typeof storeReader>>;
  /** The test's clients, closed by close(). */
  clients: TestClient[];
  /** Closes the clients and the reader, kills the nodes, stops Redis. */
  close(): Promise<void>;
}

/** Starts a redis-server and two node processes on it under `prefix` (with `env` added to theirs). */
export async function startProcessCluster(
  prefix: string,
  redisOptions: RedisServerOptions = {},
  env: Record<string, string> = {},
): Promise<ProcessCluster> {
  const redis = await startRedisServer(redisOptions);
  const nodes = await Promise.all([
    startNodeProcess('A', redis.url, prefix, env),
    startNodeProcess('B', redis.url, prefix, env),
  ]);
  const reader = await storeReader(redis.url, prefix);
  const clients: TestClient[] = [];
  return {
    redis,
    nodes,
    reader,
    clients,
    close: async () => {
      for (const c of clients) c.close();
      reader.close();
      await killAll(nodes);
      await redis.stop();
    },
  };
}

/** How long a game may take in real time before the test gives up on it. */
const GAME_LIMIT_MS = 40_000;

export interface RealTimeResult {
  game: Game;
  /** Moves accepted per side. */
  accepted: Record<Side, number>;
}

/**
 * Plays a game in real time until `until` holds for the stored game (default: finished): whoever
 * may act, by a view that holds the stored version, sends its first correct move. A move may be
 * refused when a timer moved the game on meanwhile; it is then simply tried again on the new view.
 */
export async function playRealTime(
  stores: Stores,
  seats: Record<Side, TestClient>,
  until: (g: Game) => boolean = (g) => g.phase === 'finished',
  accepted: Record<Side, number> = { client: 0, server: 0 },
): Promise<RealTimeResult> {
  const end = Date.now() + GAME_LIMIT_MS;
  let iss = 1000;
  let lastRefusal: unknown = null;
  for (;;) {
    const id = seats.client.view?.gameId;
    const g = id ? await stores.games.get(id) : null;
    if (!g) throw new Error(`game ${id} is gone`);
    if (until(g)) return { game: g, accepted };
    if (g.phase === 'finished')
      throw new Error(`game ${id} finished first: ${JSON.stringify(g.log.slice(-4))}`);
    if (Date.now() > end) {
      const seen = { client: seats.client.view?.version, server: seats.server.view?.version };
      throw new Error(
        `game ${id} did not get there in time: stored version ${g.version}, views ${JSON.stringify(seen)}, ` +
          `last refusal ${JSON.stringify(lastRefusal)}, ${JSON.stringify(g.conn)}`,
      );
    }
    let moved = false;
    // the server first: its listen() is stored before the client's SYN leaves, however slow the
    // machine (a SYN that reaches a server not yet listening is refused, and the game is lost)
    for (const side of ['server', 'client'] as const) {
      const v = seats[side].view;
      if (!v || v.version !== g.version || v.phase !== 'playing' || !v.you.canAct) continue;
      const r = await seats[side].playCorrect((iss += 7919));
      if (r.ok) accepted[side]++;
      else lastRefusal = r.error;
      moved = true;
      break;
    }
    if (!moved) await new Promise((r) => setTimeout(r, 20));
  }
}

/** Polls `check` until it holds, for up to `limitMs` (real-time games need longer than the harness's wait). */
export async function waitLong(
  check: () => boolean | Promise<boolean>,
  what: string,
  limitMs = 20_000,
): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
