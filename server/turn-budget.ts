/**
 * How much background work starts per turn of the event loop. When a node falls behind, its
 * timers come due all at once (thousands of game wake-ups after a stall), and Node runs every due
 * timer in one timers phase: with the in-memory stores each wake-up is a whole change, so that one
 * phase took seconds while the moves waiting in the sockets went unanswered. Work that asks here
 * starts `perTurn` at a time; the rest waits, first come first served, for later turns, and
 * between two batches the event loop polls for I/O.
 */
export class TurnBudget {
  private started = 0;
  private readonly waiting: Array<() => void> = [];
  private resetArmed = false;

  constructor(private readonly perTurn: number) {
    if (!(perTurn >= 1)) throw new Error('a turn budget needs at least 1 start per turn');
  }

  /**
   * Null when the caller may start now (this turn's budget lasts and nobody waits before it);
   * otherwise a promise that resolves in the turn where its start comes.
   */
  take(): Promise<void> | null {
    this.armReset();
    if (this.waiting.length === 0 && this.started < this.perTurn) {
      this.started++;
      return null;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** How many wait for a later turn. */
  get queued(): number {
    return this.waiting.length;
  }

  /** After this turn's I/O (setImmediate runs after the poll phase): a new budget, first to those waiting. */
  private armReset(): void {
    if (this.resetArmed) return;
    this.resetArmed = true;
    setImmediate(() => {
      this.resetArmed = false;
      const batch = this.waiting.splice(0, this.perTurn);
      this.started = batch.length;
      for (const start of batch) start();
      if (this.started > 0) this.armReset();
    });
  }
}
