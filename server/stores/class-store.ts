/**
 * Where classes live: one record per class, changed only by compare-and-set on its version, an
 * index from join code to class, and each class's results as an append-only list.
 */
import type { ClassRoom, ResultRow } from '../../shared/class/class-types';

export interface ClassStore {
  get(id: string): Promise<ClassRoom | null>;
  /** Stores a new class and claims its code in one step; false when the id or the code is taken. */
  create(c: ClassRoom): Promise<boolean>;
  /** The class of a join code, or null. */
  idOfCode(code: string): Promise<string | null>;
  /** Replaces the class if its stored version is still `expectedVersion`; false otherwise or when gone. */
  update(c: ClassRoom, expectedVersion: number): Promise<boolean>;
  /** Deletes the class, its code and its results. */
  delete(id: string): Promise<void>;
  /** Appends result rows (kept for the life of the class). */
  addResults(id: string, rows: ResultRow[]): Promise<void>;
  /** Every result row of the class, in the order they were added. */
  results(id: string): Promise<ResultRow[]>;
  count(): Promise<number>;
}

/** An attempt taken (with its window, to settle it), or why none was left. */
export type AttemptTaken =
  | { taken: true; window: number }
  /** used-up: `max` attempts of this window failed; busy: failed and unsettled ones make `max`. */
  | { taken: false; reason: 'used-up' | 'busy' };

/** The answer to a claim of a send slot: granted, or when to ask again (null: nothing left to send). */
export type SlotClaim = { granted: true } | { granted: false; until: number | null };

export interface SlotClaimOptions {
  now: number;
  /** Sends are at least this far apart. */
  intervalMs: number;
  /** A granted send goes out within this long of its claim, or not at all. */
  lateMs: number;
  /** Counts one change to send before claiming (false: a wake-up, granted only if something is unsent). */
  change: boolean;
}

/**
 * Limits shared by every node, each check and count one atomic step: attempts per key over a
 * fixed window (join codes and host tokens per address), and send slots (the dashboard throttle).
 * Windows and slots are measured on the server clock passed in; keys expire some time after use.
 */
export interface LimitStore {
  /**
   * Takes one of `max` attempts on `key` in the current window of `windowMs`, before the attempt is
   * judged, so concurrent attempts cannot all pass one check.
   */
  take(key: string, windowMs: number, max: number, now: number): Promise<AttemptTaken>;
  /** Settles a taken attempt: a failure keeps its place until the window ends, a success gives it back. */
  settle(key: string, window: number, failed: boolean): Promise<void>;
  /** The failed attempts on `key` in the current window. */
  peek(key: string, now: number): Promise<number>;
  /**
   * Claims the send slot `key`: granted when a change is unsent, no send is under way (for up to
   * `lateMs`) and the last went out at least `intervalMs` ago.
   */
  claimSlot(key: string, o: SlotClaimOptions): Promise<SlotClaim>;
  /** A granted send went out at `sentAt` (null: it did not, so the changes are unsent again). */
  slotDone(key: string, claimedAt: number, sentAt: number | null): Promise<void>;
}
