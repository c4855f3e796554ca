/** What the client keeps between visits, and under which keys (no browser API here: Node tests import it). */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export const STORAGE_KEYS = {
  token: 'handshake-arena.token',
  lang: 'handshake-arena.lang',
  /** 'relative' (x, y: the default for newcomers) or 'absolute' sequence numbers. */
  numbers: 'handshake-arena.numbers',
} as const;
