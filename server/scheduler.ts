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
  /** Order of setting: of two wake-ups due at the same time, the one set first runs first. */
  seq: number;
  key: string;
  id: string;
  task: WakeTask;
  /** Place in the heap; -1 once taken out (due, or replaced). */
  index: number;
}

/**
 * The scheduler of one node, on its clock. The wake-ups wait in a heap by due time, and one clock
 * timer is armed for the earliest: a game's deadline moves with nearly every change, and a Node
 * timer per wake-up made a Timeout, two closures and a handle each time, which lived until the
 * next change and so were promoted to the old generation (npm run bench, --trace-gc).
 */
export class LocalScheduler implements Scheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly heap: Entry[] = [];
  private readonly tasks = new Map<string, WakeTask>();
  private readonly budget = new TurnBudget(WAKE_UPS_PER_TURN);
  private armed: { at: number; handle: unknown } | null = null;
  private seq = 0;
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
    // wake-up set for it stays
    if (old && old.at === at && !this.stopped) return;
    if (old) {
      if (old.index >= 0) this.remove(old);
      this.entries.delete(key);
    }
    if (at === null || this.stopped) return;
    const entry: Entry = { at, seq: ++this.seq, key, id, task, index: -1 };
    this.entries.set(key, entry);
    this.push(entry);
    this.arm();
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
    if (this.armed) this.clock.clearTimer(this.armed.handle);
    this.armed = null;
    for (const e of this.heap) e.index = -1;
    this.heap.length = 0;
    this.entries.clear();
  }

  /**
   * Arms the clock's timer for the earliest wake-up, unless one is armed no later (a timer armed
   * earlier than needed finds nothing due and arms again: cheaper than moving it at every change).
   */
  private arm(): void {
    const first = this.heap[0];
    if (!first || this.stopped) return;
    if (this.armed && this.armed.at <= first.at) return;
    if (this.armed) this.clock.clearTimer(this.armed.handle);
    const armed = { at: first.at, handle: null as unknown };
    armed.handle = this.clock.setTimer(first.at, () => {
      if (this.armed !== armed) return;
      this.armed = null;
      this.runDue();
    });
    this.armed = armed;
  }

  /** Starts every wake-up due now (each waits for its turn's budget), then arms for the next. */
  private runDue(): void {
    const now = this.clock.now();
    while (this.heap.length > 0 && this.heap[0]!.at <= now) {
      const entry = this.heap[0]!;
      this.remove(entry);
      this.start(entry);
    }
    this.arm();
  }

  private start(entry: Entry): void {
    this.tracker.run(entry.key, async () => {
      const turn = this.budget.take();
      if (turn) await turn;
      // set again or cleared while it waited for its turn: the new entry runs at its own time
      if (this.entries.get(entry.key) !== entry) return;
      this.entries.delete(entry.key);
      await entry.task(entry.id);
    });
  }

  // a binary heap of entries by (at, seq), each knowing its index so that it can be taken out

  private before(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(e: Entry): void {
    e.index = this.heap.length;
    this.heap.push(e);
    this.up(e.index);
  }

  private remove(e: Entry): void {
    const i = e.index;
    const last = this.heap.pop()!;
    e.index = -1;
    if (last === e) return;
    this.heap[i] = last;
    last.index = i;
    this.down(i);
    this.up(last.index);
  }

  private up(i0: number): void {
    const h = this.heap;
    let i = i0;
    const e = h[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (!this.before(e, parent)) break;
      h[i] = parent;
      parent.index = i;
      i = p;
    }
    h[i] = e;
    e.index = i;
  }

  private down(i0: number): void {
    const h = this.heap;
    const n = h.length;
    let i = i0;
    const e = h[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.before(h[r]!, h[l]!) ? r : l;
      const child = h[c]!;
      if (!this.before(child, e)) break;
      h[i] = child;
      child.index = i;
      i = c;
    }
    h[i] = e;
    e.index = i;
  }
}
