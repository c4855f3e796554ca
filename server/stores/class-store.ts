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

/**
 * Counters over a time window, shared by every node (e.g. failed join-code guesses per address).
 */
export interface LimitStore {
  /** Counts one hit on `key` and returns the hits in the current window of `windowMs` (this one included). */
  hit(key: string, windowMs: number, now: number): Promise<number>;
  /** The hits on `key` in the current window, without counting one. */
  peek(key: string, now: number): Promise<number>;
}
