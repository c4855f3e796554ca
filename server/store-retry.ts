/**
 * Work that no player asked for and so no player can repeat: a closed connection starting its
 * grace period. When the shared store is unreachable (STORE_UNAVAILABLE) it is tried again every
 * RETRY_MS on the injected clock until it succeeds or the server closes, so a player who leaves
 * during a Redis outage still gets a grace period, and the partner still hears of it, once Redis
 * is back. Any other failure is logged as before.
 */
import type { Clock } from './clock';
import { ServerError } from './socket/errors';
import type { TaskTracker } from './task-tracker';

export const RETRY_MS = 1000;

export class StoreRetry {
  private readonly timers = new Set<unknown>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly tasks: TaskTracker,
  ) {}

  /** Runs `fn` as a background task, again after RETRY_MS for as long as the store is unavailable. */
  run(name: string, fn: () => Promise<void>): void {
    this.tasks.run(name, async () => {
      try {
        await fn();
      } catch (err) {
        if (this.stopped || !(err instanceof ServerError) || err.code !== 'STORE_UNAVAILABLE') throw err;
        const timer = this.clock.setTimer(this.clock.now() + RETRY_MS, () => {
          this.timers.delete(timer);
          if (!this.stopped) this.run(name, fn);
        });
        this.timers.add(timer);
      }
    });
  }

  /** Drops every pending retry (the server is closing). */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) this.clock.clearTimer(t);
    this.timers.clear();
  }
}
