/**
 * The class this browser hosts, kept in localStorage: its code and the secret host token, so a
 * reload (or a new session) takes the class back with class:reclaim. Nothing else is kept.
 */

/** The storage key (beside the session token and the language in app/storage.ts). */
export const HOSTED_KEY = 'handshake-arena.host-class';

/** localStorage as app/storage.ts wraps it (declared here so this file stays free of the DOM). */
interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export interface HostedClass {
  code: string;
  hostToken: string;
}

/** The hosted class remembered in `store`, or null when none (or when what is there is not one). */
export function loadHosted(store: KeyValueStore): HostedClass | null {
  const raw = store.get(HOSTED_KEY);
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return null;
    const { code, hostToken } = v as Record<string, unknown>;
    if (typeof code !== 'string' || typeof hostToken !== 'string' || !code || !hostToken) return null;
    return { code, hostToken };
  } catch {
    return null;
  }
}

/** Remembers the hosted class. */
export function saveHosted(store: KeyValueStore, c: HostedClass): void {
  store.set(HOSTED_KEY, JSON.stringify({ code: c.code, hostToken: c.hostToken }));
}

/** Forgets the hosted class (closed, or its token no longer works). */
export function forgetHosted(store: KeyValueStore): void {
  store.set(HOSTED_KEY, '');
}
