/**
 * Runs the server's background work (event handlers, timer wake-ups) so that no rejection escapes,
 * and knows when all of it is done: shutdown and tests wait for idle().
 */
import type { Logger } from './logger';

export class TaskTracker {
  private pending = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly logger: Logger) {}

  /** Starts `fn`; a failure is logged, never thrown. */
  run(name: string, fn: () => Promise<void>): void {
    this.pending++;
    let p: Promise<void>;
    try {
      p = fn();
    } catch (err) {
      p = Promise.reject(err);
    }
    p.catch((err: unknown) => this.logger.error({ err, task: name }, 'background task failed')).finally(
      () => {
        this.pending--;
        if (this.pending === 0) this.wake();
      },
    );
  }

  /** How many tasks are running. */
  get running(): number {
    return this.pending;
  }

  /** Resolves once no task is running (tasks started meanwhile are waited for too). */
  async idle(): Promise<void> {
    while (this.pending > 0) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }
}
