/**
 * Connections coming and going: a session keeps its seat for a grace period after its last
 * connection closed, the opponent is told, and a connection with the token within the grace
 * resumes everything. After the grace the session is dropped and its game goes on without it.
 * With several nodes, a node that dies closes nothing: another node notices its heartbeat lapse
 * and treats each of its sessions the same way (nodeLost, see redis/node-heartbeat.ts).
 */
import type { Clock } from '../clock';
import type { GameService } from '../games/game-service';
import { seatRoom, sessionRoom } from '../games/seat-rooms';
import type { Seats } from '../games/seats';
import type { Logger } from '../logger';
import type { Scheduler } from '../scheduler';
import type { AppServer, AppSocket } from '../socket/types';
import type { Session } from '../stores/session-store';
import type { Stores } from '../stores/stores';
import type { SessionService } from './session-service';

export interface PresenceDeps {
  io: AppServer;
  clock: Clock;
  scheduler: Scheduler;
  stores: Stores;
  sessions: SessionService;
  games: GameService;
  seats: Seats;
  logger: Logger;
  graceMs: number;
}

/** What a class does when its members come and go (set by the class service). */
export interface PresenceHooks {
  /** A connection opened: it joins its class's rooms; returns the session's class role. */
  connected(socket: AppSocket, s: Session): Promise<'host' | 'student' | null>;
  disconnected(s: Session): Promise<void>;
  /** The grace ran out (the session is about to be deleted). */
  expired(s: Session): Promise<void>;
}

export class Presence {
  private hooks: PresenceHooks | null = null;

  constructor(private readonly d: PresenceDeps) {
    d.scheduler.define('grace', (sid) => this.expire(sid));
  }

  /** Lets the classes follow their members' connections. */
  setHooks(hooks: PresenceHooks): void {
    this.hooks = hooks;
  }

  /** A connection is established: it joins its seat, the grace ends, and it gets 'session:ready'. */
  async connected(socket: AppSocket, resumed: boolean): Promise<void> {
    const sid = socket.data.sessionId;
    let s = await this.d.sessions.get(sid);
    if (!s) {
      socket.disconnect(true);
      return;
    }
    const wasAway = s.graceUntil !== null;
    if (wasAway) {
      this.d.scheduler.clear('grace', sid);
      s =
        (await this.d.sessions.mutate(sid, (x) =>
          x.graceUntil === null ? null : { ...x, graceUntil: null },
        )) ?? s;
    }
    const cur = await this.d.seats.current(s);
    let view = null;
    if (cur) {
      socket.join(seatRoom(cur.game.id, cur.side));
      if (wasAway) this.d.games.notifyPeer(cur.game, cur.side, true, null);
      // read again after joining the room: no update can fall between the two
      view = this.d.games.view((await this.d.games.get(cur.game.id)) ?? cur.game, cur.side);
    }
    const classRole = (await this.hooks?.connected(socket, s)) ?? null;
    socket.emit('session:ready', this.d.sessions.info(s, resumed, view, classRole));
  }

  /** A connection closed: when it was the session's last, the grace period starts. */
  async disconnected(sid: string): Promise<void> {
    await this.away(sid, false);
  }

  /**
   * The node that carried a connection of the session died (its heartbeat lapsed): as for a
   * closed page, unless the session has another connection open or is away already. Safe to run
   * again: a session already away only has its grace wake-up set again.
   */
  async nodeLost(sid: string): Promise<void> {
    await this.away(sid, true);
  }

  /** The grace period starts, unless a connection is open (or, with `keepAway`, it already runs). */
  private async away(sid: string, keepAway: boolean): Promise<void> {
    if (await this.online(sid)) return;
    const until = this.d.clock.now() + this.d.graceMs;
    let started = false;
    const s = await this.d.sessions.mutate(sid, (x) => {
      started = !(keepAway && x.graceUntil !== null);
      return started ? { ...x, graceUntil: until } : null;
    });
    if (!s) return;
    if (!started) {
      // the dead node may have stored the grace without its wake-up
      if (s.graceUntil !== null) this.d.scheduler.set('grace', sid, s.graceUntil);
      return;
    }
    this.d.scheduler.set('grace', sid, until);
    const cur = await this.d.seats.current(s);
    if (cur) this.d.games.notifyPeer(cur.game, cur.side, false, until);
    await this.hooks?.disconnected(s);
  }

  /** The grace period is over: the session leaves the queue and its game, and is dropped. */
  async expire(sid: string): Promise<void> {
    const s = await this.d.sessions.get(sid);
    if (!s || s.graceUntil === null) return;
    if (await this.online(sid)) {
      await this.d.sessions.mutate(sid, (x) => ({ ...x, graceUntil: null }));
      return;
    }
    if (s.graceUntil > this.d.clock.now()) {
      this.d.scheduler.set('grace', sid, s.graceUntil);
      return;
    }
    await this.d.stores.matches.cancel(sid);
    // the class first: it ends and records a class game itself (seats.leave would drop a bot game)
    await this.hooks?.expired(s);
    await this.d.seats.leave((await this.d.sessions.get(sid)) ?? s);
    await this.d.sessions.delete(sid);
    this.d.logger.info({ sessionId: sid }, 'session expired');
  }

  private async online(sid: string): Promise<boolean> {
    return (await this.d.io.in(sessionRoom(sid)).fetchSockets()).length > 0;
  }
}
