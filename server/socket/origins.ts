/** Which browser origins may open a Socket.IO connection. */

const LOCAL = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

/** True when `origin` is listed (or '*' is), or, with no list, for http://localhost:* and http://127.0.0.1:*. */
export function listedOrigin(origin: string, allowed: readonly string[] | null): boolean {
  if (allowed === null) return LOCAL.test(origin);
  return allowed.includes('*') || allowed.includes(origin);
}

/**
 * Whether a handshake request may connect: requests without an Origin header (not from a browser
 * page), the server's own origin (same host), and the listed origins.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[] | null,
): boolean {
  if (origin === undefined) return true;
  if (host !== undefined) {
    try {
      if (new URL(origin).host === host) return true;
    } catch {
      return false;
    }
  }
  return listedOrigin(origin, allowed);
}
