/**
 * Whether sequence numbers are shown relative to the ISNs (x, y: the textbooks' way, the default for
 * newcomers) or absolute, remembered between visits like the language.
 */
import type { NumberMode } from '../view/numbering';
import { STORAGE_KEYS, type KeyValueStore } from './storage-keys';

export class NumberModeStore {
  private current: NumberMode;
  private readonly listeners = new Set<(m: NumberMode) => void>();

  constructor(private readonly store: KeyValueStore) {
    this.current = store.get(STORAGE_KEYS.numbers) === 'absolute' ? 'absolute' : 'relative';
  }

  get mode(): NumberMode {
    return this.current;
  }

  set(mode: NumberMode): void {
    if (mode === this.current) return;
    this.current = mode;
    this.store.set(STORAGE_KEYS.numbers, mode);
    for (const fn of this.listeners) fn(mode);
  }

  /** Calls `fn` on every change; returns the unsubscribe function. */
  onChange(fn: (m: NumberMode) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
