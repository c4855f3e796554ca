/**
 * What a node needs to share its work with other nodes (REDIS_URL): a Socket.IO adapter so that
 * rooms span every node, a scheduler whose wake-ups any node may run, and the health of the shared
 * store. Types only: the in-memory server imports nothing of Redis.
 */
import type { ServerOptions } from 'socket.io';
import type { Scheduler } from '../scheduler';
import type { TaskTracker } from '../task-tracker';

export type SharedStoreHealth = 'ok' | 'unreachable';

export interface ClusterDeps {
  /** The Socket.IO adapter (rooms, fetchSockets, socketsJoin across nodes). */
  adapter: NonNullable<ServerOptions['adapter']>;
  /** This node's scheduler; its wake-ups run through the app's task tracker. */
  scheduler(tracker: TaskTracker): Scheduler;
  /** Whether the shared store answers now (for /healthz). */
  health(): Promise<SharedStoreHealth>;
  /**
   * Calls `listener` with the room of each broadcast another node sends to a room with a
   * connection on this node, before it is delivered: how this node learns that a game it keeps was
   * changed elsewhere.
   */
  onRemoteBroadcast(listener: (room: string) => void): void;
}
