/**
 * The server's time source, injected everywhere: the game engine works on stored deadlines, so the
 * whole server runs the same on the real clock and on a manual one that tests move by hand.
 */

export interface Clock {
  /** Milliseconds, the unit of every deadline in a game. */
  now(): number;
  /** Calls `fn` once at time `at` (at once, asynchronously, when `at` has passed). */
  setTimer(at: number, fn: () => void): unknown;
  clearTimer(handle: unknown): void;
}

/** setTimeout cannot wait longer than this; longer waits are chained. */
const MAX_DELAY = 0x7fffffff;

interface RealTimer {
  timeout: NodeJS.Timeout | null;
}

/** Wall-clock time and Node timers (unreferenced: a pending game timer never keeps the process alive). */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(at: number, fn: () => void): unknown {
    const handle: RealTimer = { timeout: null };
    const arm = () => {
      const delay = Math.max(0, at - this.now());
      handle.timeout = setTimeout(delay > MAX_DELAY ? arm : fn, Math.min(delay, MAX_DELAY));
      handle.timeout.unref();
    };
    arm();
    return handle;
  }

  clearTimer(handle: unknown): void {
    if (isRealTimer(handle) && handle.timeout) clearTimeout(handle.timeout);
  }
}

function isRealTimer(h: unknown): h is RealTimer {
  return typeof h === 'object' && h !== null && 'timeout' in h;
}

interface ManualTimer {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * A clock that stands still until told to move. Timers fire synchronously in time order (ties in
 * the order they were set) during advanceBy / advanceTo; a timer set for a time already passed
 * fires at the next advance, even advanceBy(0).
 */
export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: ManualTimer[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimer(at: number, fn: () => void): unknown {
    const timer: ManualTimer = { id: ++this.seq, at, fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== handle);
  }

  /** Moves the clock forward by `ms`, firing every timer due on the way. */
  advanceBy(ms: number): void {
    this.advanceTo(this.t + ms);
  }

  /** Moves the clock to `t` (never backwards), firing every timer due on the way. */
  advanceTo(t: number): void {
    const target = Math.max(t, this.t);
    for (;;) {
      const next = this.nextTimer();
      if (!next || next.at > target) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = target;
  }

  /** How many timers are set (for tests). */
  pending(): number {
    return this.timers.length;
  }

  /** The time of the earliest timer, or null. */
  nextAt(): number | null {
    return this.nextTimer()?.at ?? null;
  }

  private nextTimer(): ManualTimer | null {
    let best: ManualTimer | null = null;
    for (const x of this.timers)
      if (!best || x.at < best.at || (x.at === best.at && x.id < best.id)) best = x;
    return best;
  }
}
