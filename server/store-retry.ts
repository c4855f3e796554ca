/**
 * Work that no player asked for and so no player can repeat: a closed connection starting its
 * grace period. Whatever makes it fail (the store unreachable, the adapter unable to count the
 * nodes while Redis is stopped, anything else) it is tried again on the injected clock, after
 * RETRY_MS and then twice as long each time up to MAX_RETRY_MS, until it succeeds or the server
 * closes: a player who leaves during a Redis outage still gets a grace period, and the partner
 * still hears of it, once Redis is back. Each failure is logged at warn; the work must be safe to
 * run again (the disconnect is).
 */
import type { Clock } from './clock';
import type { Logger } from './logger';
import type { TaskTracker } from './task-tracker';

/** The first wait before a failed task is tried again. */
export const RETRY_MS = 1000;
/** The longest wait between two tries (so the task runs soon after the store is back). */
export const MAX_RETRY_MS = 5000;

/** The wait before try number `attempt` + 1 (attempt counts from 1). */
export function retryDelay(attempt: number): number {
  return Math.min(MAX_RETRY_MS, RETRY_MS * 2 ** Math.min(attempt - 1, 16));
}

export class StoreRetry {
  private readonly timers = new Set<unknown>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly tasks: TaskTracker,
    private readonly logger: Logger,
  ) {}

  /** Runs `fn` as a background task, and again after a growing wait each time it fails. */
  run(name: string, fn: () => Promise<void>, attempt = 1): void {
    this.tasks.run(name, async () => {
      try {
        await fn();
      } catch (err) {
        // a closing server drops its pending work: the tracker logs the last failure
        if (this.stopped) throw err;
        const waitMs = retryDelay(attempt);
        this.logger.warn(
          { err, task: name, attempt, retryInMs: waitMs },
          'background task failed, will retry',
        );
        const timer = this.clock.setTimer(this.clock.now() + waitMs, () => {
          this.timers.delete(timer);
          if (!this.stopped) this.run(name, fn, attempt + 1);
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
