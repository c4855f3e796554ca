/**
 * Socket.IO rooms: one per session (every tab of a player) and one per seat of a game (the sessions
 * playing it). Game updates go to seat rooms, so a player who left stops receiving them at once.
 */
import type { Side } from '../../shared/tcp/types';
import type { AppServer } from '../socket/types';

export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

export function seatRoom(gameId: string, side: Side): string {
  return `seat:${gameId}:${side}`;
}

/** The game and side a seat room is of, or null for another room. */
export function seatOfRoom(room: string): { gameId: string; side: Side } | null {
  const m = /^seat:(.+):(client|server)$/.exec(room);
  return m ? { gameId: m[1]!, side: m[2] as Side } : null;
}

/** Puts every connection of a session into a seat's room. */
export function bindSeat(io: AppServer, sessionId: string, gameId: string, side: Side): void {
  io.in(sessionRoom(sessionId)).socketsJoin(seatRoom(gameId, side));
}

/** Takes every connection of a session out of a game's seat rooms. */
export function unbindSeat(io: AppServer, sessionId: string, gameId: string): void {
  io.in(sessionRoom(sessionId)).socketsLeave([seatRoom(gameId, 'client'), seatRoom(gameId, 'server')]);
}
