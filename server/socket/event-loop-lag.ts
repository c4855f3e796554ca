/**
 * How late the event loop runs, as a sustained figure: a timer due every SAMPLE_MS measures how
 * much later than due it fires (on the machine's monotonic clock: a lagging loop is a real-time
 * matter even when the game clock is a test's manual one), and the lag is the smallest of the last
 * SAMPLES such drifts, the one in progress counted by how long since the last tick beyond its due
 * time. An overloaded loop is late at every tick, so all of them are large; one long pause (a
 * garbage collection, the machine's hypervisor taking the core) makes one drift large and the
 * others small: the moves that waited through it are answered, not sent away to wait again.
 */
import { performance } from 'node:perf_hooks';

/** The event loop's current lag, ms (tests inject their own). */
export interface LagSource {
  lagMs(): number;
  close(): void;
}

export const SAMPLE_MS = 20;
/** How many consecutive drifts must all be late for the loop to count as lagging. */
export const SAMPLES = 3;

/** The drifts of the last ticks, and the lag they make (pure: times are given). */
export class LagWindow {
  private readonly drifts: number[] = [];
  private last: number;

  constructor(now: number) {
    this.last = now;
  }

  /** The sampling timer fired at `now`. */
  tick(now: number): void {
    this.drifts.push(Math.max(0, now - this.last - SAMPLE_MS));
    if (this.drifts.length > SAMPLES) this.drifts.shift();
    this.last = now;
  }

  /**
   * The lag at `now`: the smallest of the last SAMPLES drifts, the newest raised to the drift in
   * progress when that is larger (a turn running long now); 0 until SAMPLES ticks came.
   */
  lagMs(now: number): number {
    const d = this.drifts;
    if (d.length < SAMPLES) return 0;
    let lag = Math.max(d[SAMPLES - 1]!, now - this.last - SAMPLE_MS);
    for (let i = 0; i < SAMPLES - 1; i++) lag = Math.min(lag, d[i]!);
    return lag;
  }
}

/** A lag source measured by a timer's drift; its timer does not keep the process alive. */
export function eventLoopLag(): LagSource {
  const w = new LagWindow(performance.now());
  const timer = setInterval(() => w.tick(performance.now()), SAMPLE_MS);
  timer.unref();
  return {
    lagMs: () => w.lagMs(performance.now()),
    close: () => clearInterval(timer),
  };
}
