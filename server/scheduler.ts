/**
 * One wake-up per key (a game, a session's grace period, a finished game's removal), at a time
 * read from stored data. The timers hold only ids: what to do is read from the store when they fire.
 */
import type { Clock } from './clock';
import type { TaskTracker } from './task-tracker';

interface Entry {
  at: number;
  handle: unknown;
}

export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly tasks: TaskTracker,
  ) {}

  /** Runs `task` at `at` under `key`, replacing that key's earlier wake-up; null only clears it. */
  set(key: string, at: number | null, task: () => Promise<void>): void {
    const old = this.entries.get(key);
    if (old) {
      this.clock.clearTimer(old.handle);
      this.entries.delete(key);
    }
    if (at === null || this.stopped) return;
    const entry: Entry = { at, handle: null };
    entry.handle = this.clock.setTimer(at, () => {
      if (this.entries.get(key) !== entry) return;
      this.entries.delete(key);
      this.tasks.run(key, task);
    });
    this.entries.set(key, entry);
  }

  clear(key: string): void {
    this.set(key, null, async () => undefined);
  }

  /** When `key` wakes next, or null. */
  at(key: string): number | null {
    return this.entries.get(key)?.at ?? null;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Clears every wake-up and refuses new ones (shutdown). */
  stop(): void {
    this.stopped = true;
    for (const e of this.entries.values()) this.clock.clearTimer(e.handle);
    this.entries.clear();
  }
}
