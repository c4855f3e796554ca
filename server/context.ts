/** Everything the handlers share: configuration, clock, stores and the services built on them. */
import type { ClassService } from './classes/class-service';
import type { InterfaceSource } from './classes/lan-addresses';
import type { Clock } from './clock';
import type { Config } from './config';
import type { GameService } from './games/game-service';
import type { Seats } from './games/seats';
import type { Logger } from './logger';
import type { Scheduler } from './scheduler';
import type { Presence } from './sessions/presence';
import type { SessionService } from './sessions/session-service';
import type { LagSource } from './socket/event-loop-lag';
import type { Handler } from './socket/safe-handler';
import type { AppServer, AppSocket, ClientEvent } from './socket/types';
import type { Stores } from './stores/stores';
import type { TaskTracker } from './task-tracker';

export interface AppContext {
  config: Config;
  clock: Clock;
  stores: Stores;
  logger: Logger;
  io: AppServer;
  scheduler: Scheduler;
  tasks: TaskTracker;
  games: GameService;
  sessions: SessionService;
  seats: Seats;
  presence: Presence;
  classes: ClassService;
  /** The machine's network interfaces, for join links phones can reach (class:lan). */
  networkInterfaces: InterfaceSource;
  /** How late the event loop runs: moves are answered BUSY past config.busyLagMs. */
  lag: LagSource;
  /** Whether a connection took over an existing session. */
  resumed: (socket: AppSocket) => boolean;
}

/** The handlers of some events, one per event. */
export type HandlerTable<E extends ClientEvent> = { [K in E]: Handler<K> };
