/**
 * A load-generator player of the bare relay: the two players of a pair take turns, as in a game;
 * a move (the same kind of payload a game move is) goes to the relay, and the partner moves once
 * the relay has forwarded it.
 */
import type { Socket } from 'socket.io-client';
import type { MovePayload } from '../../shared/protocol/events';
import type { PlayerContext } from './game-player';
import type { Mover } from './move-scheduler';

/** An ACK as a player composes it: the typical move of a game. */
const MOVE: MovePayload = {
  kind: 'segment',
  segment: { flags: ['ACK'], seq: 1001, ack: 5001, len: 0, win: 65535 },
};

type RelayAck = { ok: true; data: { n: number } } | { ok: false; error: { code: string } };

export class RelayPlayer implements Mover {
  inUrgent = false;
  inNormal = false;
  partner!: RelayPlayer;
  /** Whose turn it is in the pair: the partner's forwarded move hands it over. */
  turn = false;
  private outstanding = false;
  private next = 0;
  /** When this player sent each of its moves the partner has not seen yet. */
  private readonly sentAt = new Map<number, number>();

  constructor(
    readonly socket: Socket,
    private readonly ctx: PlayerContext,
  ) {
    socket.on('relay:forward', (p: { n: number }) => {
      ctx.rec().onUpdate(ctx.now());
      this.partner.forwarded(p.n);
    });
    // the updates variant: a segment's landing, pushed to the partner one flight after a move
    socket.on('relay:update', () => ctx.rec().onUpdate(ctx.now()));
    socket.on('disconnect', () => {
      if (!ctx.stopping()) ctx.rec().onDisconnect(ctx.now());
    });
  }

  canMove(): boolean {
    return this.turn && !this.outstanding;
  }

  move(): void {
    const ctx = this.ctx;
    const n = ++this.next;
    this.turn = false;
    this.outstanding = true;
    const sentAt = ctx.now();
    this.sentAt.set(n, sentAt);
    ctx.rec().onSent(sentAt);
    ctx.sched.sent();
    this.socket
      .timeout(ctx.ackTimeoutMs)
      .emit('relay:move', { n, move: MOVE }, (err: Error | null, answer: RelayAck) => {
        const at = ctx.now();
        this.outstanding = false;
        if (err) ctx.rec().onTimeout(sentAt);
        else ctx.rec().onAnswer(sentAt, at, answer.ok ? null : answer.error.code);
        ctx.sched.answered();
        this.offer();
      });
  }

  /** Starts the pair: this player moves first. */
  begin(): void {
    this.turn = true;
    this.offer();
  }

  /** Called on the partner's side: this player's move `n` reached the partner, whose turn it is now. */
  private forwarded(n: number): void {
    const sentAt = this.sentAt.get(n);
    if (sentAt !== undefined) {
      this.sentAt.delete(n);
      this.ctx.rec().onOpponent(sentAt, this.ctx.now());
    }
    this.partner.turn = true;
    this.partner.offer();
  }

  private offer(): void {
    if (this.canMove()) this.ctx.sched.offer(this, false);
  }
}
