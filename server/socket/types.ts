/** The typed Socket.IO server and socket of this game, and the answer type of each event. */
import type { Server, Socket } from 'socket.io';
import type {
  AckFn,
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '../../shared/protocol/events';

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export type ClientEvent = keyof ClientToServerEvents;

/** What the acknowledgement of event K carries on success. */
export type AckData<K extends ClientEvent> = ClientToServerEvents[K] extends (
  p: never,
  ack: AckFn<infer T>,
) => void
  ? T
  : never;
