/** localStorage that never throws (private windows and locked-down classroom browsers refuse it). */
import type { KeyValueStore } from './storage-keys';

/** The browser's localStorage, or a memory map where it is unavailable. */
export function browserStore(): KeyValueStore {
  const memory = new Map<string, string>();
  return {
    get(key) {
      try {
        return window.localStorage.getItem(key);
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set(key, value) {
      try {
        window.localStorage.setItem(key, value);
      } catch {
        memory.set(key, value);
      }
    },
  };
}
