/** Random identifiers: session tokens, ids and default nicknames (crypto randomness, never Math.random). */
import { randomBytes, randomInt } from 'node:crypto';

/** A session token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A shape check before a token is looked up. */
export function isTokenShaped(x: unknown): x is string {
  return typeof x === 'string' && /^[A-Za-z0-9_-]{43}$/.test(x);
}

/** A short random id with a prefix, e.g. p_Zk3f9Q. */
export function newId(prefix: string, bytes = 6): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/** The nickname of a new player: player-1234. */
export function defaultNickname(): string {
  return `player-${randomInt(1000, 10000)}`;
}
