/**
 * Which player of a generator moves next. A reply a TCP stack owes (an ACK, a SYN,ACK, a
 * retransmission) goes first, as a kernel sends it at once; an application's own step (listen,
 * connect, send, close) waits its turn among all the others, picked at random so the games do not
 * march in step. The same queue serves the fixed rate and the closed loop.
 */

/** A simulated player, as the scheduler sees it. */
export interface Mover {
  /** Whether a move now would be this player's (its view lets it act and nothing is awaiting an answer). */
  canMove(): boolean;
  /** Sends its move now. */
  move(): void;
  /** Scheduler bookkeeping: whether it already waits in either queue. */
  inUrgent: boolean;
  inNormal: boolean;
}

export class MoveScheduler {
  private urgent: Mover[] = [];
  private head = 0;
  private normal: Mover[] = [];
  /** Moves awaiting their answer. */
  outstanding = 0;
  /** In a closed loop, how many may await their answer at once; null: the fixed rate sends. */
  window: number | null = null;
  /** Moves are only sent while a phase runs. */
  active = false;

  constructor(private readonly random: () => number = Math.random) {}

  /** A player may be able to move: queue it (urgent for a reply owed) and, in a closed loop, send. */
  offer(p: Mover, urgent: boolean): void {
    if (urgent && !p.inUrgent) {
      p.inUrgent = true;
      this.urgent.push(p);
    } else if (!urgent && !p.inNormal) {
      p.inNormal = true;
      this.normal.push(p);
    }
    this.pump();
  }

  /** The next player able to move, or null; players no longer able to are dropped on the way. */
  take(): Mover | null {
    while (this.head < this.urgent.length) {
      const p = this.urgent[this.head++]!;
      p.inUrgent = false;
      if (this.head > 1024 && this.head * 2 > this.urgent.length) {
        this.urgent = this.urgent.slice(this.head);
        this.head = 0;
      }
      if (p.canMove()) return p;
    }
    while (this.normal.length > 0) {
      const i = Math.floor(this.random() * this.normal.length);
      const p = this.normal[i]!;
      this.normal[i] = this.normal[this.normal.length - 1]!;
      this.normal.pop();
      p.inNormal = false;
      if (p.canMove()) return p;
    }
    return null;
  }

  /** A move left: it counts against the closed loop's window until it is answered. */
  sent(): void {
    this.outstanding++;
  }

  /** A move was answered (or given up on): in a closed loop, the next one goes. */
  answered(): void {
    this.outstanding--;
    this.pump();
  }

  /** Sends up to `n` moves now (the fixed rate); returns how many found a player able to move. */
  sendUpTo(n: number): number {
    let done = 0;
    while (done < n) {
      const p = this.take();
      if (!p) break;
      p.move();
      done++;
    }
    return done;
  }

  /** In a closed loop, fills the window. */
  private pump(): void {
    if (!this.active || this.window === null) return;
    while (this.outstanding < this.window) {
      const p = this.take();
      if (!p) return;
      p.move();
    }
  }

  /** How many players wait in the queues (some may no longer be able to move). */
  get queued(): number {
    return this.urgent.length - this.head + this.normal.length;
  }
}
