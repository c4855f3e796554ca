/**
 * Socket.IO rooms of a class: the host's connections, the students' connections, and the
 * spectators of one game. Sessions enter and leave them through their session room, so every tab
 * of a session follows.
 */
import { sessionRoom } from '../games/seat-rooms';
import type { AppServer, AppSocket } from '../socket/types';

export function hostRoom(classId: string): string {
  return `class-host:${classId}`;
}

export function studentRoom(classId: string): string {
  return `class-student:${classId}`;
}

export function watchRoom(gameId: string): string {
  return `watch:${gameId}`;
}

/** Puts every connection of a session into a room. */
export function joinRoom(io: AppServer, sessionId: string, room: string): void {
  io.in(sessionRoom(sessionId)).socketsJoin(room);
}

/** Takes every connection of a session out of rooms. */
export function leaveRooms(io: AppServer, sessionId: string, rooms: string[]): void {
  io.in(sessionRoom(sessionId)).socketsLeave(rooms);
}

/** Takes one connection out of every spectator room. */
export function stopWatching(socket: AppSocket): void {
  for (const r of socket.rooms) if (r.startsWith('watch:')) void socket.leave(r);
}

/** Moves the spectators of a pair's finished game to its next game. */
export function moveWatchers(io: AppServer, fromGameId: string, toGameId: string): void {
  io.in(watchRoom(fromGameId)).socketsJoin(watchRoom(toGameId));
  io.in(watchRoom(fromGameId)).socketsLeave(watchRoom(fromGameId));
}
