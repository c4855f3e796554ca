/**
 * Wake-ups at times read from stored data: one per (kind, id), e.g. a game's next deadline, a
 * session's grace period, a finished game's removal. A wake-up holds only its kind and id; what a
 * kind does is defined once, so any node can run a wake-up another node set (the Redis scheduler
 * relies on it).
 */
import type { Clock } from './clock';
import type { TaskTracker } from './task-tracker';
import { TurnBudget } from './turn-budget';

/**
 * At most this many wake-ups start per turn of the event loop (see TurnBudget): a node that fell
 * behind catches up in batches and answers the moves that came meanwhile in between.
 */
export const WAKE_UPS_PER_TURN = 32;

/** What a kind of wake-up does with its id. */
export type WakeTask = (id: string) => Promise<void>;

export interface Scheduler {
  /** Defines what wake-ups of `kind` do (once per kind, before any is set). */
  define(kind: string, task: WakeTask): void;
  /** Wakes (kind, id) at `at`, replacing its earlier wake-up; null only clears it. */
  set(kind: string, id: string, at: number | null): void;
  clear(kind: string, id: string): void;
  /** Stops every local timer and refuses new ones (shutdown); stored wake-ups stay for other nodes. */
  stop(): void;
}

interface Entry {
  at: number;
  handle: unknown;
}

/** The scheduler of one node: timers on its clock. */
export class LocalScheduler implements Scheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly tasks = new Map<string, WakeTask>();
  private readonly budget = new TurnBudget(WAKE_UPS_PER_TURN);
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly tracker: TaskTracker,
  ) {}

  define(kind: string, task: WakeTask): void {
    if (this.tasks.has(kind)) throw new Error(`wake-up kind ${kind} defined twice`);
    this.tasks.set(kind, task);
  }

  set(kind: string, id: string, at: number | null): void {
    const task = this.tasks.get(kind);
    if (!task) throw new Error(`wake-up kind ${kind} is not defined`);
    const key = `${kind}:${id}`;
    const old = this.entries.get(key);
    // the same time again (most changes of a game leave its next deadline where it was): the
    // timer set for it stays
    if (old && old.at === at && !this.stopped) return;
    if (old) {
      this.clock.clearTimer(old.handle);
      this.entries.delete(key);
    }
    if (at === null || this.stopped) return;
    const entry: Entry = { at, handle: null };
    entry.handle = this.clock.setTimer(at, () => {
      if (this.entries.get(key) !== entry) return;
      this.tracker.run(key, async () => {
        const turn = this.budget.take();
        if (turn) await turn;
        // set again or cleared while it waited for its turn: the new entry has its own timer
        if (this.entries.get(key) !== entry) return;
        this.entries.delete(key);
        await task(id);
      });
    });
    this.entries.set(key, entry);
  }

  clear(kind: string, id: string): void {
    this.set(kind, id, null);
  }

  /** When (kind, id) wakes next, or null. */
  at(kind: string, id: string): number | null {
    return this.entries.get(`${kind}:${id}`)?.at ?? null;
  }

  get size(): number {
    return this.entries.size;
  }

  stop(): void {
    this.stopped = true;
    for (const e of this.entries.values()) this.clock.clearTimer(e.handle);
    this.entries.clear();
  }
}
