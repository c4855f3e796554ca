/**
 * Which game a session plays and in which seat, read from the session and the game, never from a
 * payload; taking seats, leaving them, and the rule that a player is in one game at a time.
 */
import { abandonGame } from '../../shared/game/game-engine';
import type { Game } from '../../shared/game/game-types';
import { peerOf, type Side } from '../../shared/tcp/types';
import type { Logger } from '../logger';
import type { SessionService } from '../sessions/session-service';
import { ServerError } from '../socket/errors';
import type { Caller } from '../socket/safe-handler';
import type { AppServer } from '../socket/types';
import type { Session } from '../stores/session-store';
import type { Stores } from '../stores/stores';
import { sideOf, type GameService } from './game-service';
import { bindSeat, unbindSeat } from './seat-rooms';

export interface SeatsDeps {
  games: GameService;
  sessions: SessionService;
  stores: Stores;
  io: AppServer;
  logger: Logger;
}

export interface Seat {
  session: Session;
  game: Game;
  side: Side;
}

export class Seats {
  constructor(private readonly d: SeatsDeps) {}

  /** The caller's session (SESSION_INVALID when it is gone); the answers switch to its language. */
  async session(caller: Caller): Promise<Session> {
    const s = await this.d.sessions.get(caller.sessionId);
    if (!s) throw new ServerError('SESSION_INVALID');
    caller.lang = s.lang;
    return s;
  }

  /** The session's game and side, or null; a link to a game that no longer exists is dropped. */
  async current(s: Session): Promise<{ game: Game; side: Side } | null> {
    if (s.gameId === null) return null;
    const gameId = s.gameId;
    const game = await this.d.games.get(gameId);
    const side = game ? sideOf(game, s.id) : null;
    if (game && side) return { game, side };
    await this.d.sessions.mutate(s.id, (x) => (x.gameId === gameId ? { ...x, gameId: null } : null));
    return null;
  }

  /** The caller's seat: NOT_IN_GAME when the session plays no game. */
  async require(caller: Caller): Promise<Seat> {
    return this.seatOf(await this.session(caller));
  }

  /**
   * The caller's seat for a change of its game (a move): the game as this node last saved it when
   * it has it, else as stored. The change's compare-and-set finds out if another node has changed
   * it since, so it may be older than the store's; nothing else may use it.
   */
  async requireToChange(caller: Caller): Promise<Seat> {
    const session = await this.session(caller);
    const kept = session.gameId === null ? undefined : this.d.games.lastSaved(session.gameId);
    const side = kept ? sideOf(kept, session.id) : null;
    if (kept && side) return { session, game: kept, side };
    return this.seatOf(session);
  }

  /** The session's seat in its game as stored: NOT_IN_GAME when it plays none. */
  private async seatOf(session: Session): Promise<Seat> {
    const cur = await this.current(session);
    if (!cur) throw new ServerError('NOT_IN_GAME');
    return { session, ...cur };
  }

  /**
   * Checks that the session may start or join a game: not in a class (ALREADY_IN_CLASS), not waiting for a quick match
   * (ALREADY_WAITING), not in a game still waiting or playing (ALREADY_IN_GAME). A finished game
   * is left on the way.
   */
  async ensureFree(s: Session): Promise<void> {
    if (s.classId !== null) {
      // a class's students and host play only the class's games
      const c = await this.d.stores.classes.get(s.classId);
      if (c && (c.hostSessionId === s.id || c.students.some((x) => x.sessionId === s.id)))
        throw new ServerError('ALREADY_IN_CLASS');
    }
    if (await this.d.stores.matches.isWaiting(s.id)) throw new ServerError('ALREADY_WAITING');
    const cur = await this.current(s);
    if (cur && cur.game.phase !== 'finished') throw new ServerError('ALREADY_IN_GAME');
    if (cur) await this.leave(s);
  }

  /**
   * Links every player of a new game to it (the session's game, its connections in the seat
   * room). A session that meanwhile joined another game makes the whole thing fail: the new game
   * is removed and ALREADY_IN_GAME thrown.
   */
  async take(game: Game): Promise<void> {
    const taken: string[] = [];
    for (const side of ['client', 'server'] as const) {
      const sid = game.players[side];
      if (sid === null) continue;
      let claimed = false;
      await this.d.sessions.mutate(sid, (x) => {
        claimed = x.gameId === null || x.gameId === game.id;
        return claimed ? { ...x, gameId: game.id } : null;
      });
      if (!claimed) {
        for (const t of taken)
          await this.d.sessions.mutate(t, (x) => (x.gameId === game.id ? { ...x, gameId: null } : null));
        await this.d.games.remove(game.id);
        throw new ServerError('ALREADY_IN_GAME');
      }
      taken.push(sid);
      bindSeat(this.d.io, sid, game.id, side);
    }
  }

  /** Stores a new game, links its players to it, and sends each of them the game. */
  async open(game: Game): Promise<Game> {
    const g = await this.d.games.start(game);
    await this.take(g);
    this.d.games.publish(g);
    return g;
  }

  /**
   * The session leaves its game. The game goes too when nobody is left in it (a game waiting for a
   * second player, a game against the bot); otherwise it goes on, the absent player's turns
   * forfeited by the engine's turn timer, and the opponent is told. False when there was no game.
   */
  async leave(s: Session): Promise<boolean> {
    const gameId = s.gameId;
    if (gameId === null) return false;
    await this.d.sessions.mutate(s.id, (x) => (x.gameId === gameId ? { ...x, gameId: null } : null));
    unbindSeat(this.d.io, s.id, gameId);
    await this.d.stores.matches.clearRematch(gameId);
    const game = await this.d.games.get(gameId);
    const side = game ? sideOf(game, s.id) : null;
    if (!game || !side) return true;
    const peerSid = game.players[peerOf(side)];
    const peer = peerSid === null ? null : await this.d.sessions.get(peerSid);
    if (peer?.gameId !== gameId) {
      await this.d.games.remove(gameId);
    } else {
      // the round cannot be played without this player: it ends now, marked as abandoned
      await this.d.games.change(gameId, (g, now) => ({ game: abandonGame(g, side, now), value: undefined }));
      this.d.games.notifyPeer(game, side, false, null);
    }
    this.d.logger.info({ gameId, sessionId: s.id, side }, 'player left the game');
    return true;
  }
}
