/**
 * One game node on a shared Redis: three connections (commands, publish, subscribe, as Redis
 * wants a subscribing connection to do nothing else), the Socket.IO adapter over pub/sub, the
 * shared scheduler, the node's heartbeat (node-heartbeat.ts), and a health check. The command
 * connection fails fast while Redis is unreachable (a move gets an answer within about a
 * second); the publish and subscribe connections queue and reconnect instead, because the
 * adapter publishes without waiting for an answer and a refused publish would become an
 * unhandled rejection.
 */
import type Redis from 'ioredis';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import {
  closeRedis,
  openRedis,
  redactUrl,
  redisOptions,
  watchConnection,
} from '../stores/redis/redis-connection';
import { BatchingRedis } from '../stores/redis/batching-redis';
import type { ClusterDeps, SharedStoreHealth } from './cluster-deps';
import { adapterJsonParser } from './adapter-parser';
import { createLocalFirstAdapter } from './local-first-adapter';
import { NodeHeartbeat } from './node-heartbeat';
import { RedisScheduler } from './redis-scheduler';

/** How long a node waits for the answers of the other nodes (fetchSockets, and the like). */
const ADAPTER_REQUEST_TIMEOUT_MS = 3000;
/** How long /healthz waits for PING. */
const HEALTH_PING_MS = 1000;

export interface RedisNodeOptions {
  url: string;
  /** Prefix of every key and channel, e.g. `ha:v1:`. */
  prefix: string;
  clock: Clock;
  logger: Logger;
  /** Scheduler tuning (tests use short leases). */
  leaseMs?: number;
  pollMs?: number;
  /** How long this node's heartbeat lasts unrenewed (NODE_TIMEOUT_MS; tests use short ones). */
  heartbeatTtlMs?: number;
}

export interface RedisNode {
  commands: Redis;
  publisher: Redis;
  subscriber: Redis;
  /** What createApp needs to run as one node of several. */
  cluster: ClusterDeps;
  /** Closes the three connections (after the app is closed). */
  close(): Promise<void>;
}

/** A connection that queues while Redis is away, for publishing or subscribing. */
function queueingConnection(url: string, name: string, logger: Logger): Redis {
  const redis = new BatchingRedis(url, {
    ...redisOptions(name),
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    commandTimeout: undefined,
    autoResendUnfulfilledCommands: true,
    lazyConnect: false,
  });
  watchConnection(redis, name, logger);
  return redis;
}

/** Opens the connections of a node; rejects when Redis cannot be reached at start. */
export async function openRedisNode(o: RedisNodeOptions): Promise<RedisNode> {
  const commands = await openRedis(o.url, { name: 'commands', logger: o.logger });
  const publisher = queueingConnection(o.url, 'publish', o.logger);
  const subscriber = queueingConnection(o.url, 'subscribe', o.logger);
  try {
    await Promise.all([publisher.ping(), subscriber.ping()]);
  } catch (err) {
    await Promise.all([closeRedis(commands), closeRedis(publisher), closeRedis(subscriber)]);
    throw new Error(
      `cannot connect to Redis at ${redactUrl(o.url)}: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  const schedulers: RedisScheduler[] = [];
  const heartbeats: NodeHeartbeat[] = [];
  const remoteListeners: Array<(room: string) => void> = [];
  const cluster: ClusterDeps = {
    adapter: createLocalFirstAdapter(publisher, subscriber, {
      // the format is in the key: nodes that publish another one never hear these (adapter-parser.ts)
      key: `${o.prefix}sio-json`,
      parser: adapterJsonParser,
      onRemoteRoom: (room) => {
        for (const l of remoteListeners) l(room);
      },
      requestsTimeout: ADAPTER_REQUEST_TIMEOUT_MS,
    }),
    scheduler: (tracker) => {
      const s = new RedisScheduler({
        commands,
        publisher,
        subscriber,
        clock: o.clock,
        tracker,
        logger: o.logger,
        prefix: o.prefix,
        leaseMs: o.leaseMs,
        pollMs: o.pollMs,
      });
      schedulers.push(s);
      return s;
    },
    connections: ({ tracker, release }) => {
      const h = new NodeHeartbeat({
        commands,
        clock: o.clock,
        logger: o.logger,
        prefix: o.prefix,
        tracker,
        release,
        ttlMs: o.heartbeatTtlMs,
      });
      heartbeats.push(h);
      return h;
    },
    health: () => pingHealth(commands),
    onRemoteBroadcast: (listener) => {
      remoteListeners.push(listener);
    },
  };
  return {
    commands,
    publisher,
    subscriber,
    cluster,
    async close() {
      for (const s of schedulers) s.stop();
      for (const h of heartbeats) h.stop();
      await Promise.all([closeRedis(commands), closeRedis(publisher), closeRedis(subscriber)]);
    },
  };
}

/** 'ok' when Redis answers PING within HEALTH_PING_MS. */
async function pingHealth(redis: Redis): Promise<SharedStoreHealth> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<SharedStoreHealth>((resolve) => {
    timer = setTimeout(() => resolve('unreachable'), HEALTH_PING_MS);
  });
  try {
    return await Promise.race([redis.ping().then((): SharedStoreHealth => 'ok'), late]);
  } catch {
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}
