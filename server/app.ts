/**
 * The game server: Express for HTTP (health, and later the browser client) and Socket.IO on the
 * same port. createApp takes its configuration, clock, stores and logger as arguments, so tests run
 * the real thing on port 0 with a manual clock.
 */
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { Server } from 'socket.io';
import { CLIENT_EVENTS } from '../shared/protocol/events';
import type { Clock } from './clock';
import type { Config } from './config';
import type { AppContext, HandlerTable } from './context';
import { classHandlers } from './classes/class.handlers';
import { ClassService } from './classes/class-service';
import type { InterfaceSource } from './classes/lan-addresses';
import { captureHandlers } from './games/capture.handlers';
import { gameHandlers } from './games/game.handlers';
import { GameService } from './games/game-service';
import { lifecycleHandlers } from './games/lifecycle.handlers';
import { seatOfRoom, sessionRoom } from './games/seat-rooms';
import { Seats } from './games/seats';
import type { Logger } from './logger';
import { matchHandlers } from './match/match.handlers';
import { practiceHandlers } from './match/practice.handlers';
import type { ClusterDeps } from './redis/cluster-deps';
import { LocalScheduler } from './scheduler';
import { Presence } from './sessions/presence';
import { BAD_PAYLOAD_CODES, sessionHandlers } from './sessions/session.handlers';
import { SessionService } from './sessions/session-service';
import { StoreRetry } from './store-retry';
import { edgeGuard, type EdgeGuardOptions } from './socket/edge-guard';
import { ServerError, protocolError } from './socket/errors';
import { listedOrigin, originAllowed } from './socket/origins';
import { safeHandler } from './socket/safe-handler';
import { sessionMiddleware } from './socket/session-middleware';
import type { AppServer, AppSocket, ClientEvent } from './socket/types';
import { textParser } from './socket/text-encoder';
import type { Stores } from './stores/stores';
import { TaskTracker } from './task-tracker';
import { eventLoopLag, type LagSource } from './socket/event-loop-lag';

export interface AppDeps {
  config: Config;
  clock: Clock;
  stores: Stores;
  logger: Logger;
  /** Set when this node is one of several on a shared Redis (REDIS_URL); absent: a single node. */
  cluster?: ClusterDeps;
  /** The machine's network interfaces (default os.networkInterfaces; tests give a fixed list). */
  networkInterfaces?: InterfaceSource;
  /** How late the event loop runs (default: measured by a timer's drift; tests inject a lag). */
  lag?: LagSource;
}

export interface App {
  httpServer: HttpServer;
  io: AppServer;
  /** Starts listening; resolves with the port (useful with port 0). */
  listen(port?: number, host?: string): Promise<number>;
  /** Stops accepting, closes every connection and the HTTP server, and waits for running work. */
  close(): Promise<void>;
  /** Resolves once no handler or timer work is running (tests, shutdown). */
  idle(): Promise<void>;
  /** The shared services, for tests that look inside. */
  ctx: AppContext;
}

/** Builds the server; nothing listens until listen(). */
export function createApp(deps: AppDeps): App {
  const { config, clock, stores, logger, cluster } = deps;
  const startedAt = clock.now();

  const web = express();
  web.disable('x-powered-by');
  web.get('/healthz', async (_req, res) => {
    const uptimeS = Math.floor((clock.now() - startedAt) / 1000);
    if (!cluster) {
      const [games, sessions] = await Promise.all([stores.games.count(), stores.sessions.count()]);
      res.json({ status: 'ok', uptimeS, games, sessions });
      return;
    }
    // one of several nodes: a load balancer takes it out of rotation (503) while Redis is away
    const redis = await cluster.health();
    const counts =
      redis === 'ok'
        ? await Promise.all([stores.games.count(), stores.sessions.count()]).catch(() => null)
        : null;
    const ok = redis === 'ok' && counts !== null;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'unavailable',
      uptimeS,
      games: counts?.[0] ?? null,
      sessions: counts?.[1] ?? null,
      redis: ok ? 'ok' : 'unreachable',
    });
  });
  // The browser client (issue #4) is served here, from its build output (CLIENT_DIR) once there
  // is one; any other GET answers its index.html, so the client's own paths survive a reload.
  const index = join(config.clientDir, 'index.html');
  if (existsSync(index)) {
    web.use(express.static(config.clientDir, { index: 'index.html' }));
    web.use((req, res, next) =>
      req.method === 'GET' || req.method === 'HEAD' ? res.sendFile(index) : next(),
    );
  }

  const httpServer = createServer(web);
  const io: AppServer = new Server(httpServer, {
    maxHttpBufferSize: config.maxHttpBufferSize,
    parser: textParser,
    ...(cluster ? { adapter: cluster.adapter } : {}),
    cors: {
      origin: (origin, cb) => cb(null, origin !== undefined && listedOrigin(origin, config.allowedOrigins)),
    },
    allowRequest: (req, cb) => {
      const ok = originAllowed(req.headers.origin, req.headers.host, config.allowedOrigins);
      if (!ok) logger.warn({ origin: req.headers.origin }, 'connection from a foreign origin refused');
      cb(null, ok);
    },
  });

  const tasks = new TaskTracker(logger);
  const retries = new StoreRetry(clock, tasks, logger);
  const scheduler = cluster ? cluster.scheduler(tasks) : new LocalScheduler(clock, tasks);
  const sessions = new SessionService(stores.sessions, clock);
  const games = new GameService({
    clock,
    stores,
    io,
    scheduler,
    logger,
    finishedGameTtlMs: config.finishedGameTtlMs,
    landingNoticeMs: config.landingNoticeMs,
  });
  // an update another node sends to a seat here means it changed that game: the copy kept here is old
  cluster?.onRemoteBroadcast((room) => {
    const seat = seatOfRoom(room);
    if (seat) games.changedElsewhere(seat.gameId);
  });
  const seats = new Seats({ games, sessions, stores, io, logger });
  const presence = new Presence({
    io,
    clock,
    scheduler,
    stores,
    sessions,
    games,
    seats,
    logger,
    graceMs: config.sessionGraceMs,
  });
  const classes = new ClassService({
    config,
    clock,
    stores,
    io,
    scheduler,
    logger,
    tasks,
    games,
    sessions,
    seats,
  });
  // with several nodes: this node's heartbeat, and its sessions released by another if it dies
  const carried = cluster?.connections({ tracker: tasks, release: (sid) => presence.nodeLost(sid) });
  presence.setHooks({
    connected: (socket, s) => classes.connected(socket, s),
    disconnected: (s) => classes.disconnected(s),
    expired: (s) => classes.expired(s),
  });
  const handshake = sessionMiddleware(sessions, logger);
  const lag = deps.lag ?? eventLoopLag();
  const ctx: AppContext = {
    config,
    clock,
    stores,
    logger,
    io,
    scheduler,
    tasks,
    games,
    sessions,
    seats,
    presence,
    classes,
    networkInterfaces: deps.networkInterfaces ?? networkInterfaces,
    lag,
    resumed: handshake.resumed,
  };
  const handlers: HandlerTable<ClientEvent> = {
    ...sessionHandlers(ctx),
    ...matchHandlers(ctx),
    ...practiceHandlers(ctx),
    ...gameHandlers(ctx),
    ...captureHandlers(ctx),
    ...lifecycleHandlers(ctx),
    ...classHandlers(ctx),
  };

  // every event's handler, wrapped once and shared by all connections; the edge guard hands each
  // event that passes its checks to it
  const runners = new Map<ClientEvent, (socket: AppSocket, args: readonly unknown[]) => void>();
  const wrap = <K extends ClientEvent>(event: K) =>
    safeHandler({ logger, tasks }, event, handlers[event], { badPayload: BAD_PAYLOAD_CODES[event] });
  for (const event of CLIENT_EVENTS) runners.set(event, wrap(event));
  const handle = (socket: AppSocket, event: ClientEvent, args: unknown[]) =>
    runners.get(event)?.(socket, args);

  // the edge guard's settings, one object shared by every connection
  const guard: EdgeGuardOptions = {
    clock,
    logger,
    rateLimitPerSec: config.rateLimitPerSec,
    rateLimitBurst: config.rateLimitBurst,
    maxPayloadBytes: config.maxPayloadBytes,
    handle,
  };

  io.use(handshake.middleware);
  io.on('connection', (socket: AppSocket) => {
    const sid = socket.data.sessionId;
    socket.join(sessionRoom(sid));
    carried?.opened(socket.id, sid);
    logger.debug({ sessionId: sid, socket: socket.id }, 'connected');
    socket.use(edgeGuard(socket, guard));
    socket.on('disconnect', (reason) => {
      logger.debug({ sessionId: sid, socket: socket.id, reason }, 'disconnected');
      // nobody can send this again: retried until it succeeds; the node carries the connection
      // until then, so if it dies meanwhile another node releases the session
      retries.run('disconnect', async () => {
        await presence.disconnected(sid);
        carried?.closed(socket.id);
      });
    });
    tasks.run('connect', async () => {
      try {
        await presence.connected(socket, handshake.resumed(socket));
      } catch (err) {
        // without its session:ready the connection would wait for nothing: it is told why and
        // closed, and the client connects again a moment later
        const code = err instanceof ServerError ? err.code : 'INTERNAL';
        socket.emit('error:protocol', protocolError(socket.data.lang, code));
        socket.disconnect(true);
        if (code !== 'STORE_UNAVAILABLE') throw err;
        logger.warn({ sessionId: sid }, 'connection closed: the store is unreachable');
      }
    });
  });

  let closing: Promise<void> | null = null;
  return {
    httpServer,
    io,
    ctx,
    listen(port = config.port, host = config.host) {
      return new Promise<number>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve((httpServer.address() as AddressInfo).port);
        });
      });
    },
    close() {
      closing ??= (async () => {
        scheduler.stop();
        games.stop();
        retries.stop();
        lag.close();
        carried?.stop();
        await new Promise<void>((resolve) => {
          io.close(() => resolve());
          httpServer.closeAllConnections();
        });
        await tasks.idle();
      })();
      return closing;
    },
    idle: () => tasks.idle(),
  };
}
