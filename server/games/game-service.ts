/**
 * Games in the store: every change is computed by the engine from the stored game at the clock's
 * now, saved with compare-and-set on its version, sent to both seats as their own views, and the
 * game's next deadline is scheduled. The store holds every game; a node keeps only copies of the
 * games it saved lately, as the starting point of its next change (see `kept`).
 */
import { advance, nextDeadline } from '../../shared/game/game-engine';
import type { Game } from '../../shared/game/game-types';
import { gameDelta, heldOfGame } from '../../shared/game/game-delta';
import { logSentToBoth, viewFor, type GameView } from '../../shared/game/game-view';
import {
  isEmptyDelta,
  landingNews,
  onlyOwnLanding,
  type GameUpdate,
  type ViewDelta,
} from '../../shared/game/view-delta';
import { peerOf, type Side } from '../../shared/tcp/types';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Scheduler } from '../scheduler';
import type { AppServer } from '../socket/types';
import type { Stores } from '../stores/stores';
import { seatRoom } from './seat-rooms';

const SIDES: readonly Side[] = ['client', 'server'];
const CAS_ATTEMPTS = 8;
/** At most this many seats' last sent games are remembered (the oldest sent goes first). */
const SENT_MAX = 40_000;
/**
 * At most this many seats' updates go out per turn of the event loop: a wave of changes (thousands
 * of games reaching their timers together) would otherwise hold the loop for hundreds of ms, and
 * every move that came meanwhile would wait for all of it.
 */
const PUSHES_PER_TURN = 128;
/** A game this node saved is kept this long for its next change here (below). */
const KEPT_MS = 60_000;
/** At most this many games are kept so (the one saved longest ago goes first). */
const KEPT_MAX = 10_000;

export interface GameServiceDeps {
  clock: Clock;
  stores: Stores;
  io: AppServer;
  scheduler: Scheduler;
  logger: Logger;
  /** How long a finished game is kept. */
  finishedGameTtlMs: number;
  /**
   * How long a sender's news of its own segment's landing (the peer's new state) may wait for the
   * seat's next update to go with; 0: sent at once.
   */
  landingNoticeMs: number;
}

/** The result of a change: the new game, a value for the caller, and who may learn of it. */
export interface Step<T> {
  game: Game;
  value: T;
  /**
   * Only this side is sent the new view (a refused move: the opponent learns of the mistake with
   * the next real change), or 'none': neither (what the teacher armed ahead), unless time also
   * moved the game on.
   */
  only?: Side | 'none';
  /**
   * The connection whose answer carries the new view (an accepted move): it is not pushed the same
   * view again as game:update. Its session's other tabs still are.
   */
  answered?: string;
}

/** The side a session plays in a game, or null. */
export function sideOf(g: Game, sessionId: string): Side | null {
  return SIDES.find((s) => g.players[s] === sessionId) ?? null;
}

/** Told of every saved change of a game (the stored game before it, the saved one after it). */
export type GameChangeListener = (before: Game, after: Game) => void;

/** A seat's update waiting for the end of this turn of the event loop. */
interface PendingPush {
  gameId: string;
  side: Side;
  /** The newest game to show. */
  game: Game;
  /** What the seat holds when this node sent it nothing yet: the game before the first change. */
  base: Game;
  /** A connection answered with a view of `answeredGame` (a move): it needs only what came after. */
  answered?: string;
  answeredGame?: Game;
  /** The update from `base` to `answeredGame`, made for the answer: the seat's other tabs get the same. */
  answeredDelta?: ViewDelta | null;
  /** Held landing news whose time came: sent whatever it says. */
  due?: true;
}

/** A sender's landing news held back (see GameService.push). */
interface HeldNews {
  side: Side;
  base: Game;
  game: Game;
  /** When it goes if no other update took it along. */
  due: number;
}

function seatKey(gameId: string, side: Side): string {
  return `${gameId}:${side}`;
}

export class GameService {
  private readonly listeners: GameChangeListener[] = [];
  /**
   * By seat, the game whose view this node last sent to all the seat's connections: the next
   * update is the difference from it. Another node's sends are not known here: an update then
   * names a version the client does not hold, and the client asks for the whole view.
   */
  private readonly sent = new Map<string, Game>();
  /** Updates to send at the end of this turn of the event loop, by seat (one per seat). */
  private readonly pending = new Map<string, PendingPush>();
  private flushQueued = false;
  /**
   * By seat, landing news held back until `due` (in the order they were first held, so in order of
   * `due`): the seat's next update, made from the same base, carries it sooner.
   */
  private readonly held = new Map<string, HeldNews>();
  private heldTimer: unknown = null;
  /**
   * Games this node saved in the last minute (not finished ones), by id, in the order of their
   * saves: the next change here (a segment's wake-up, a move) starts from the game as saved instead
   * of reading it back from the store. With Redis that is one read and one parse of the whole record
   * fewer, and the engine's next version shares all it did not change with this one instead of
   * being a whole new copy (the copies that lived through a move's round trips to Redis were what
   * made its garbage collection cost several times the in-memory node's). A kept game is never
   * trusted over the store's: if another node changed the game meanwhile, the compare-and-set fails
   * and the game is read; a kept game that leads to no change is read too (see change()).
   */
  private readonly kept = new Map<string, { game: Game; savedAt: number }>();

  constructor(private readonly d: GameServiceDeps) {
    d.scheduler.define('game', (id) => this.wake(id));
    d.scheduler.define('gc', (id) => this.remove(id));
  }

  get(id: string): Promise<Game | null> {
    return this.d.stores.games.get(id);
  }

  /**
   * The game as this node last saved it, if it did so lately: possibly older than the store's, so
   * only for a change (whose compare-and-set finds out), never to show or to judge by.
   */
  lastSaved(id: string): Game | undefined {
    return this.kept.get(id)?.game;
  }

  /** Another node has changed game `id`: the copy this node saved is not kept any longer. */
  changedElsewhere(id: string): void {
    this.kept.delete(id);
    for (const side of SIDES) this.sent.delete(seatKey(id, side));
  }

  /** Adds a listener called after every saved change (classes follow their games this way). */
  onChange(listener: GameChangeListener): void {
    this.listeners.push(listener);
  }

  /** The game as `side` sees it now, with its log from entry `logFrom` on (0: the whole log). */
  view(g: Game, side: Side, logFrom = 0): GameView {
    return viewFor(g, side, this.d.clock.now(), logFrom);
  }

  /**
   * Stores a new game, brought up to now (a bot without delay moves at once), and schedules it;
   * the caller links the players to it and then publishes it.
   */
  async start(game: Game): Promise<Game> {
    const g = advance(game, this.d.clock.now());
    if (!(await this.d.stores.games.create(g))) throw new Error(`game id ${g.id} is taken`);
    this.d.logger.info({ gameId: g.id, scenario: g.scenarioId, bot: g.bot }, 'game created');
    this.schedule(g);
    return g;
  }

  /**
   * Changes a game: `fn` gets the stored game brought up to now and returns the engine's result;
   * deadlines due at once after it (a bot without delay) run too. Saved with compare-and-set:
   * on a conflict the change is computed again from the newer game, so `fn` must be pure.
   * Null when the game does not exist. `logFrom`: the log entries both seats were sent before the
   * change, so a view that answers it needs only the entries from there on. `stored`: the game as
   * the caller just read it from the store (or as this node saved it), tried first instead of
   * reading it again: if it is no longer the newest, the compare-and-set fails and the game is
   * read; if it leads to no change, the game is read too, since the store's may have one due.
   */
  async change<T>(
    id: string,
    fn: (g: Game, now: number) => Step<T>,
    stored?: Game,
  ): Promise<{ game: Game; value: T; logFrom: number } | null> {
    for (let i = 0; i < CAS_ATTEMPTS; i++) {
      const given = i === 0 && stored?.id === id;
      const loaded = given ? stored : await this.d.stores.games.get(id);
      if (!loaded) {
        this.d.scheduler.clear('game', id);
        return null;
      }
      const now = this.d.clock.now();
      const current = advance(loaded, now);
      const step = fn(current, now);
      const next = advance(step.game, now);
      const logFrom = logSentToBoth(loaded, next);
      // nothing to save: only a game just read says so (one given may be older than the store's)
      if (next.version === loaded.version && given) continue;
      if (next.version === loaded.version) {
        this.schedule(loaded);
        return { game: loaded, value: step.value, logFrom };
      }
      if (!(await this.d.stores.games.update(next, loaded.version))) continue;
      const quiet = current.version === loaded.version && next.version === step.game.version;
      this.afterSave(next, loaded, quiet ? step.only : undefined, step.answered);
      if (next.result && !loaded.result)
        this.d.logger.info({ gameId: id, goalMet: next.result.goalMet, score: next.score }, 'game finished');
      for (const l of this.listeners) {
        try {
          l(loaded, next);
        } catch (err) {
          this.d.logger.error({ err, gameId: id }, 'game change listener failed');
        }
      }
      return { game: next, value: step.value, logFrom };
    }
    throw new Error(`game ${id}: too many concurrent changes`);
  }

  /** Deletes a game and what refers to it (its private code, rematch requests, its wake-ups). */
  async remove(id: string): Promise<void> {
    this.kept.delete(id);
    for (const side of SIDES) this.sent.delete(seatKey(id, side));
    this.d.scheduler.clear('game', id);
    this.d.scheduler.clear('gc', id);
    await this.d.stores.games.delete(id);
    await this.d.stores.matches.releaseCodes(id);
    await this.d.stores.matches.clearRematch(id);
    this.d.logger.debug({ gameId: id }, 'game removed');
  }

  /**
   * Sends each seat (or only `only`'s) what changed in its view, at the end of this turn of the
   * event loop: one update per seat however many changes came meanwhile. `before`: the game before
   * this change (what a seat holds when this node has sent it nothing yet); without it, each seat
   * is sent its whole view at once (a new game, a player just seated). `answered`: the connection whose answer carries
   * this view (a move): it is sent only what comes after it.
   */
  publish(g: Game, only?: Side | 'none', answered?: string, before?: Game): void {
    for (const side of SIDES) {
      if (g.players[side] === null || (only && side !== only)) continue;
      const key = seatKey(g.id, side);
      const p = this.pending.get(key);
      if (!before) {
        // a new game, a player just seated: the whole view
        this.pending.delete(key);
        this.sendWhole(g, side, answered);
      } else if (p) {
        p.game = g;
        if (answered) p.answered = answered;
      } else {
        // a seat taken by this change (a player joining) was sent nothing of the game before
        const base = this.sent.get(key) ?? (before?.players[side] === g.players[side] ? before : undefined);
        // nothing known of what the seat holds: its whole view goes, now
        if (!base) this.sendWhole(g, side, answered);
        else this.pending.set(key, { gameId: g.id, side, game: g, base, ...(answered ? { answered } : {}) });
      }
    }
    if (this.pending.size && !this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => this.flush());
    }
  }

  /**
   * The answer to a move of `side` that led to `g`, for connection `socketId`: what changed since
   * the view the seat holds, as the seat's update will say it; the whole view when the move changed
   * nothing this turn (a resend of a move already applied).
   */
  answer(g: Game, side: Side, socketId: string): GameUpdate {
    const now = this.d.clock.now();
    const p = this.pending.get(seatKey(g.id, side));
    if (!p || p.answered !== socketId || p.game.version !== g.version) return viewFor(g, side, now);
    p.answeredGame = g;
    p.answeredDelta = gameDelta(p.base, g, side, now);
    const u = p.answeredDelta ?? viewFor(g, side, now);
    // the game's updates go now, before the answer: the partner hears of the move first
    for (const s of SIDES) {
      const key = seatKey(g.id, s);
      const q = this.pending.get(key);
      if (!q) continue;
      this.pending.delete(key);
      this.push(q, now);
    }
    return u;
  }

  private sendWhole(g: Game, side: Side, except?: string): void {
    const room = this.d.io.to(seatRoom(g.id, side));
    (except ? room.except(except) : room).emit('game:update', viewFor(g, side, this.d.clock.now()));
    this.remember(g, side);
  }

  private remember(g: Game, side: Side): void {
    const key = seatKey(g.id, side);
    this.sent.delete(key);
    // a finished game's next update (a rematch, a leave) starts from the stored game instead
    if (g.result) return;
    this.sent.set(key, g);
    if (this.sent.size > SENT_MAX) this.sent.delete(this.sent.keys().next().value!);
  }

  /** Sends every seat's waiting update (see publish). */
  private flush(): void {
    this.flushQueued = false;
    const now = this.d.clock.now();
    let n = 0;
    for (const [key, p] of this.pending) {
      if (n++ === PUSHES_PER_TURN) break;
      this.pending.delete(key);
      this.push(p, now);
    }
    // a wave of changes goes out over several turns, with the moves that came meanwhile in between
    if (this.pending.size && !this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => this.flush());
    }
  }

  /** Sends one seat's waiting update. */
  private push(p: PendingPush, now: number): void {
    const { game: g, side, base } = p;
    const room = this.d.io.to(seatRoom(g.id, side));
    // the answer's update, when nothing came after it, is the one the seat's other tabs need
    const reuse = p.answeredGame === g && p.answeredDelta !== undefined;
    const d = reuse ? p.answeredDelta! : gameDelta(base, g, side, now);
    if (!d) return this.sendWhole(g, side);
    if (p.answered && p.answeredGame) {
      // the mover's connection holds the answered view; its other tabs hold base
      if (p.answeredGame !== g) {
        const after = gameDelta(p.answeredGame, g, side, now);
        if (after) this.d.io.to(p.answered).emit('game:update', after);
      }
      room.except(p.answered).emit('game:update', d);
      return this.remember(g, side);
    }
    // nothing this seat sees changed, or only its own segment landed: a sender learns nothing
    // then (its client drops the segment by its clock); the next update, still from base, carries
    // the landing's log line
    const before = heldOfGame(base);
    const quiet = isEmptyDelta(d) || (!g.result && onlyOwnLanding(d, before, now));
    if (quiet) {
      if (!this.sent.has(seatKey(g.id, side))) this.remember(base, side);
      return;
    }
    // the peer's new state after this seat's segment landed: nothing this seat must act on, so it
    // waits up to landingNoticeMs for the seat's next update (the peer's answer, mostly) to go with
    if (!p.due && !p.answered && !g.result && this.d.landingNoticeMs > 0 && landingNews(d, before, now)) {
      const key = seatKey(g.id, side);
      if (!this.sent.has(key)) this.remember(base, side);
      this.held.set(key, {
        side,
        base,
        game: g,
        due: this.held.get(key)?.due ?? now + this.d.landingNoticeMs,
      });
      this.armHeld();
      return;
    }
    (p.answered ? room.except(p.answered) : room).emit('game:update', d);
    this.remember(g, side);
  }

  /** Sets the timer of the first landing news held, if none is set. */
  private armHeld(): void {
    if (this.heldTimer !== null) return;
    const first = this.held.values().next().value;
    if (!first) return;
    this.heldTimer = this.d.clock.setTimer(first.due, () => {
      this.heldTimer = null;
      this.sendHeld();
    });
  }

  /**
   * Sends the landing news whose time came, unless an update since took it along (the seat was
   * sent something else: the base it was held against is no longer what the seat holds).
   */
  private sendHeld(): void {
    const now = this.d.clock.now();
    let n = 0;
    for (const [key, h] of this.held) {
      // the rest of a wave goes at the next timer, due at once (see flush)
      if (h.due > now || n++ === PUSHES_PER_TURN) break;
      this.held.delete(key);
      if (this.sent.get(key) === h.base && !this.pending.has(key))
        this.push({ gameId: h.game.id, side: h.side, game: h.game, base: h.base, due: true }, now);
    }
    this.armHeld();
  }

  /** Clears the timer of held landing news (shutdown): what is held is not sent. */
  stop(): void {
    if (this.heldTimer !== null) this.d.clock.clearTimer(this.heldTimer);
    this.heldTimer = null;
    this.held.clear();
  }

  /** Tells the other seat of `side` that this player's connection dropped or came back. */
  notifyPeer(g: Game, side: Side, connected: boolean, graceUntil: number | null): void {
    const peer = peerOf(side);
    if (g.players[peer] === null) return;
    this.d.io.to(seatRoom(g.id, peer)).emit('game:peer', { connected, graceUntil });
  }

  /** Wakes the game at its next deadline; a finished game is removed after its time to live. */
  schedule(g: Game): void {
    this.d.scheduler.set('game', g.id, nextDeadline(g));
    if (g.result) this.d.scheduler.set('gc', g.id, g.result.finishedAt + this.d.finishedGameTtlMs);
  }

  private afterSave(g: Game, before: Game, only?: Side | 'none', answered?: string): void {
    this.schedule(g);
    this.keep(g);
    this.publish(g, only, answered, before);
  }

  /** Keeps a game this node saved (see `kept`), and lets go of those kept too long. */
  private keep(g: Game): void {
    this.kept.delete(g.id);
    const now = this.d.clock.now();
    if (!g.result) this.kept.set(g.id, { game: g, savedAt: now });
    for (const [id, k] of this.kept) {
      if (this.kept.size <= KEPT_MAX && now - k.savedAt <= KEPT_MS) break;
      this.kept.delete(id);
    }
  }

  /** A deadline came: the engine processes everything due, and the result is saved and sent. */
  private async wake(id: string): Promise<void> {
    await this.change(id, (g) => ({ game: g, value: null }), this.lastSaved(id));
  }
}
