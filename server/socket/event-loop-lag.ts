/**
 * How late the event loop runs: a timer due every SAMPLE_MS measures how much later than due it
 * fires (on the machine's monotonic clock: a lagging loop is a real-time matter even when the game
 * clock is a test's manual one), and a turn running now counts as late by how long since the last
 * tick beyond its due time.
 */
import { performance } from 'node:perf_hooks';

/** The event loop's current lag, ms (tests inject their own). */
export interface LagSource {
  lagMs(): number;
  close(): void;
}

const SAMPLE_MS = 20;

/** A lag source measured by a timer's drift; its timer does not keep the process alive. */
export function eventLoopLag(): LagSource {
  let last = performance.now();
  let lag = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    lag = Math.max(0, now - last - SAMPLE_MS);
    last = now;
  }, SAMPLE_MS);
  timer.unref();
  return {
    lagMs: () => Math.max(lag, performance.now() - last - SAMPLE_MS),
    close: () => clearInterval(timer),
  };
}
