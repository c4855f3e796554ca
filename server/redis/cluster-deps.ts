/**
 * What a node needs to share its work with other nodes (REDIS_URL): a Socket.IO adapter so that
 * rooms span every node, a scheduler whose wake-ups any node may run, and the health of the shared
 * store. Types only: the in-memory server imports nothing of Redis.
 */
import type { ServerOptions } from 'socket.io';
import type { Scheduler } from '../scheduler';
import type { TaskTracker } from '../task-tracker';

export type SharedStoreHealth = 'ok' | 'unreachable';

/**
 * The connections this node carries, kept in the shared store with a heartbeat, so that when
 * this node dies another one releases its sessions as if their pages had closed.
 */
export interface NodeConnections {
  /** A connection of session `sessionId` opened on this node. */
  opened(socketId: string, sessionId: string): void;
  /** That connection closed and its disconnect was handled: this node no longer carries it. */
  closed(socketId: string): void;
  /** Stops the heartbeat and the search for dead nodes (shutdown); the record lapses by itself. */
  stop(): void;
}

/** What the heartbeat needs from the app. */
export interface NodeConnectionsDeps {
  /** Runs the release of a dead node's sessions (shutdown waits for it). */
  tracker: TaskTracker;
  /** Treats a session that had a connection on a dead node as disconnected; may run again. */
  release(sessionId: string): Promise<void>;
}

export interface ClusterDeps {
  /** The Socket.IO adapter (rooms, fetchSockets, socketsJoin across nodes). */
  adapter: NonNullable<ServerOptions['adapter']>;
  /** This node's scheduler; its wake-ups run through the app's task tracker. */
  scheduler(tracker: TaskTracker): Scheduler;
  /** Starts this node's heartbeat and its watch over the other nodes' heartbeats. */
  connections(deps: NodeConnectionsDeps): NodeConnections;
  /** Whether the shared store answers now (for /healthz). */
  health(): Promise<SharedStoreHealth>;
  /**
   * Calls `listener` with the room of each broadcast another node sends to a room with a
   * connection on this node, before it is delivered: how this node learns that a game it keeps was
   * changed elsewhere.
   */
  onRemoteBroadcast(listener: (room: string) => void): void;
}
