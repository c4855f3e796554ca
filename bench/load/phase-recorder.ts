/**
 * What one generator records during a measured window: only moves sent inside the window give
 * latency samples, only answers inside it count as moves, so warm-up and drain stay out.
 */
import type { PhaseResult } from './ipc-messages';

export class PhaseRecorder {
  sent = 0;
  moves = 0;
  timeouts = 0;
  starved = 0;
  gamesFinished = 0;
  goalMet = 0;
  disconnects = 0;
  /** Pushed updates (game:update, relay:forward) received. */
  updates = 0;
  /** Moves that were retransmissions (the game's retransmission timer had fired). */
  retransmissions = 0;
  /** Packet text received from the server (answers and pushes). */
  bytes = 0;
  busy = 0;
  gaps = 0;
  readonly refused: Record<string, number> = {};
  readonly rtt: number[] = [];
  readonly toOpponent: number[] = [];

  /** `from` and `to` are performance.now() times. */
  constructor(
    readonly from: number,
    readonly to: number,
  ) {}

  /** Whether a time falls inside the measured window. */
  inside(t: number): boolean {
    return t >= this.from && t < this.to;
  }

  /** A move left at `t`. */
  onSent(t: number): void {
    if (this.inside(t)) this.sent++;
  }

  /** A move sent at `sentAt` was answered at `at`; `code` is the refusal's, null when accepted. */
  onAnswer(sentAt: number, at: number, code: string | null): void {
    if (this.inside(sentAt)) this.rtt.push(at - sentAt);
    if (!this.inside(at)) return;
    if (code === null) this.moves++;
    else this.refused[code] = (this.refused[code] ?? 0) + 1;
  }

  /** The partner saw the move sent at `sentAt` at `at`. */
  onOpponent(sentAt: number, at: number): void {
    if (this.inside(sentAt)) this.toOpponent.push(at - sentAt);
  }

  onUpdate(at: number): void {
    if (this.inside(at)) this.updates++;
  }

  onBytes(at: number, n: number): void {
    if (this.inside(at)) this.bytes += n;
  }

  /** A move was answered BUSY (it goes again): not a move, not a refusal. */
  onBusy(at: number): void {
    if (this.inside(at)) this.busy++;
  }

  /** An update did not apply to the view held: the whole view was asked for. */
  onGap(at: number): void {
    if (this.inside(at)) this.gaps++;
  }

  onRetransmission(at: number): void {
    if (this.inside(at)) this.retransmissions++;
  }

  onTimeout(sentAt: number): void {
    if (this.inside(sentAt)) this.timeouts++;
  }

  onFinished(at: number, goalMet: boolean): void {
    if (!this.inside(at)) return;
    this.gamesFinished++;
    if (goalMet) this.goalMet++;
  }

  onDisconnect(at: number): void {
    if (this.inside(at)) this.disconnects++;
  }

  /** The window's figures, with what the generator measured of itself. */
  result(
    phase: PhaseResult['phase'],
    cpuMicros: number,
    loop: { p99Ms: number; maxMs: number },
    connected: number,
    stalled: number,
  ): PhaseResult {
    return {
      phase,
      windowMs: this.to - this.from,
      sent: this.sent,
      moves: this.moves,
      refused: this.refused,
      timeouts: this.timeouts,
      starved: this.starved,
      rtt: this.rtt,
      toOpponent: this.toOpponent,
      gamesFinished: this.gamesFinished,
      goalMet: this.goalMet,
      disconnects: this.disconnects,
      updates: this.updates,
      retransmissions: this.retransmissions,
      bytes: this.bytes,
      busy: this.busy,
      gaps: this.gaps,
      connected,
      stalled,
      cpuMicros,
      loopP99Ms: loop.p99Ms,
      loopMaxMs: loop.maxMs,
    };
  }
}

/** A recorder whose window never opens (between phases: nothing is counted). */
export function idleRecorder(): PhaseRecorder {
  return new PhaseRecorder(Infinity, -Infinity);
}
