/**
 * A load-generator player of the game server: it plays real games by the protocol
 * (docs/protocol.md), computing each correct move from its own view as a client would
 * (movesFromView), and asks for a rematch when a round ends, so games go on for the whole run.
 * Updates are applied as the browser client does (nextView; the log, never read here, is left
 * out), a gap asks for the whole view, its own landed segments leave the wire by the clock
 * (arrivalDue looks only at the peer's), and a move answered BUSY goes again after the delay
 * with the same id.
 */
import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { movesFromView, type GameView } from '../../shared/game/game-view';
import { nextView, type GameUpdate } from '../../shared/game/view-delta';
import type { Ack } from '../../shared/protocol/events';
import { toMovePayload } from '../../server/games/move-payload';
import type { Mover, MoveScheduler } from './move-scheduler';
import type { PhaseRecorder } from './phase-recorder';

/** What a player shares with the rest of its generator. */
export interface PlayerContext {
  sched: MoveScheduler;
  /** The recorder of the phase running now. */
  rec(): PhaseRecorder;
  now(): number;
  /** How long an emit may wait for its answer. */
  ackTimeoutMs: number;
  /** Whether the generator is shutting down (lost connections are then expected). */
  stopping(): boolean;
}

/** Versions remembered per game, to match a move's answer with the partner's update. */
const REMEMBERED = 64;
/**
 * A segment on its way to a player that lands before a move sent now would be judged (on the
 * server's clock as the player estimates it, plus this player's last move round trip and this
 * margin) makes the player wait for it: the server takes the arrival in first, so a move computed
 * from the view without it would be refused (ACK_OFF_BY_ONE).
 */
const ARRIVAL_MARGIN_MS = 50;

/**
 * Whether a segment the peer sent (or one injected) lands at this player by `serverNow` plus
 * `marginMs`: a person watching it fly waits for it to land before answering. Lost segments never
 * land.
 */
export function arrivalDue(v: GameView, serverNow: number, marginMs: number): boolean {
  return v.wire.some((w) => w.from !== v.role && !w.lost && w.arriveAt <= serverNow + marginMs);
}

export class GamePlayer implements Mover {
  inUrgent = false;
  inNormal = false;
  partner!: GamePlayer;
  view: GameView | null = null;
  private outstanding = false;
  private actedVersion = -1;
  private rematchFor: string | null = null;
  /** When this player asked for a rematch its partner had not asked for yet; null once a new game came. */
  private rematchWaitingSince: number | null = null;
  /** When the move awaiting its answer was sent. */
  private outstandingSince = 0;
  private readonly retired = new Set<string>();
  /** When this player received each version of its current game. */
  private readonly seen = new Map<number, number>();
  /** Versions the partner made, not yet received here: when the partner sent them. */
  private readonly waiting = new Map<number, number>();
  /** The server's clock minus this process's (ctx.now()), as of the last view received. */
  private serverOffset = 0;
  /** How long this player's last move took from emit to answer (ms). */
  private lastRoundTrip = 0;

  constructor(
    readonly socket: Socket,
    private readonly ctx: PlayerContext,
  ) {
    socket.on('game:update', (u: GameUpdate) => {
      ctx.rec().onUpdate(ctx.now());
      this.onUpdate(u, true);
    });
    socket.on('disconnect', () => {
      if (!ctx.stopping()) ctx.rec().onDisconnect(ctx.now());
    });
  }

  canMove(): boolean {
    const v = this.view;
    return (
      v !== null &&
      !this.outstanding &&
      v.phase === 'playing' &&
      !v.paused &&
      v.you.canAct &&
      this.actedVersion !== v.version &&
      !arrivalDue(v, this.ctx.now() + this.serverOffset, this.lastRoundTrip + ARRIVAL_MARGIN_MS) &&
      // a client connects once its peer listens, as a person would: a SYN reaching a closed port
      // is refused (RST) and the round ends before the data and the teardown
      !(v.you.intent?.intent === 'open' && v.peer.state === 'CLOSED')
    );
  }

  move(): void {
    const v = this.view!;
    const move = movesFromView(v, Math.floor(Math.random() * 0x1_0000_0000))[0];
    if (!move) return;
    const ctx = this.ctx;
    const sched = ctx.sched;
    this.outstanding = true;
    this.actedVersion = v.version;
    const sentAt = ctx.now();
    this.outstandingSince = sentAt;
    if (v.you.mustRetransmit) ctx.rec().onRetransmission(sentAt);
    ctx.rec().onSent(sentAt);
    sched.sent();
    const payload = {
      move: toMovePayload(move),
      basedOn: v.version,
      moveId: randomBytes(16).toString('hex'),
    };
    const send = () =>
      this.socket
        .timeout(ctx.ackTimeoutMs)
        .emit('game:move', payload, (err: Error | null, answer: Ack<{ game: GameUpdate }>) => {
          const at = ctx.now();
          if (!err && !answer.ok && answer.error.code === 'BUSY') {
            // nothing changed: the same move again after the delay the server asks for
            ctx.rec().onBusy(at);
            setTimeout(send, answer.error.retryAfterMs ?? 250);
            return;
          }
          this.outstanding = false;
          this.lastRoundTrip = at - sentAt;
          if (err) ctx.rec().onTimeout(sentAt);
          else if (answer.ok) {
            ctx.rec().onAnswer(sentAt, at, null);
            const g = answer.data.game;
            const seenAt = this.partner.seenAt(g.gameId, g.version);
            if (seenAt !== null) ctx.rec().onOpponent(sentAt, seenAt);
            else this.partner.expect(g.gameId, g.version, sentAt);
            this.onUpdate(g, false);
          } else {
            ctx.rec().onAnswer(sentAt, at, answer.error.code);
            // computed from an outdated view: the answer carries the fresh one to move from again
            if (answer.error.game) this.onUpdate(answer.error.game, false);
          }
          sched.answered();
          this.offer();
        });
    send();
  }

  /**
   * Whether this player's game stopped going on: it has waited more than `ms` for a rematch its
   * partner already has (the partner plays a game this player never heard of), or for an answer.
   */
  stalled(now: number, ms: number): boolean {
    if (this.outstanding && now - this.outstandingSince > ms) return true;
    if (this.rematchWaitingSince === null || now - this.rematchWaitingSince <= ms) return false;
    const mine = this.view?.gameId;
    const theirs = this.partner.view?.gameId;
    return mine !== undefined && theirs !== undefined && mine !== theirs;
  }

  /** When this player received `version` of `gameId`, or null. */
  seenAt(gameId: string, version: number): number | null {
    if (this.view?.gameId !== gameId) return null;
    return this.seen.get(version) ?? null;
  }

  /** The partner's move made `version`: its update is still on its way here. */
  expect(gameId: string, version: number, sentAt: number): void {
    if (this.view?.gameId !== gameId) return;
    this.waiting.set(version, sentAt);
    trim(this.waiting);
  }

  /** Takes the view of a private game just made (create or join). */
  adopt(v: GameView): void {
    this.onView(v, false);
  }

  /** An update pushed or answered: applied to the view held, or the whole view asked for on a gap. */
  private onUpdate(u: GameUpdate, pushed: boolean): void {
    if (this.retired.has(u.gameId)) return;
    const v = nextView(this.view, u, true);
    if (v) return this.onView(v, pushed);
    this.ctx.rec().onGap(this.ctx.now());
    this.socket
      .timeout(this.ctx.ackTimeoutMs)
      .emit('game:state', {}, (err: Error | null, answer: Ack<{ game: GameView | null }>) => {
        if (!err && answer.ok && answer.data.game) this.onView(answer.data.game, false);
      });
  }

  private onView(v: GameView, pushed: boolean): void {
    if (this.retired.has(v.gameId)) return;
    const cur = this.view;
    if (cur && cur.gameId !== v.gameId) {
      // a new game (a rematch): the old one is over for this player
      this.retired.add(cur.gameId);
      this.rematchWaitingSince = null;
      this.seen.clear();
      this.waiting.clear();
    } else if (cur && v.version < cur.version) return;
    this.view = v;
    this.serverOffset = v.serverNow - this.ctx.now();
    if (pushed) {
      const at = this.ctx.now();
      this.seen.set(v.version, at);
      trim(this.seen);
      const sentAt = this.waiting.get(v.version);
      if (sentAt !== undefined) {
        this.waiting.delete(v.version);
        this.ctx.rec().onOpponent(sentAt, at);
      }
    }
    if (v.phase === 'finished' && this.rematchFor !== v.gameId) this.rematch(v);
    else this.offer();
  }

  private offer(): void {
    if (!this.canMove()) return;
    const you = this.view!.you;
    this.ctx.sched.offer(this, you.record.owed !== 'none' || you.mustRetransmit);
  }

  /** The round ended: count it (once per game, by the client side) and ask for the next one. */
  private rematch(v: GameView): void {
    this.rematchFor = v.gameId;
    if (v.role === 'client') this.ctx.rec().onFinished(this.ctx.now(), v.result?.goalMet === true);
    this.socket
      .timeout(this.ctx.ackTimeoutMs)
      .emit(
        'game:rematch',
        {},
        (err: Error | null, answer: Ack<{ status: 'waiting' } | { status: 'started'; game: GameView }>) => {
          if (err || !answer.ok) return;
          if (answer.data.status === 'started') this.onView(answer.data.game, false);
          else if (this.view?.gameId === v.gameId) this.rematchWaitingSince = this.ctx.now();
        },
      );
  }
}

/** Keeps a map to its newest REMEMBERED entries (insertion order is version order here). */
function trim(m: Map<number, number>): void {
  while (m.size > REMEMBERED) m.delete(m.keys().next().value!);
}
