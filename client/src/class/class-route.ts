/**
 * The client's own paths: `/` (home), `/host` (the teacher's page), `/replay` (a capture replayed in
 * the browser) and `/join/<CODE>` (the link and QR code a teacher shows; the code comes prefilled).
 * The server answers every path with index.html.
 */
export type Route = { kind: 'home' } | { kind: 'host' } | { kind: 'replay' } | { kind: 'join'; code: string };

/** A join code as typed or read from a link: upper case, without spaces or dashes. */
export function normalizeCode(raw: string): string {
  return raw.replace(/[\s-]+/g, '').toUpperCase();
}

/** The route for a location's pathname; anything unknown is home. */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((p) => p !== '');
  if (parts.length === 1 && parts[0]!.toLowerCase() === 'host') return { kind: 'host' };
  if (parts.length === 1 && parts[0]!.toLowerCase() === 'replay') return { kind: 'replay' };
  if (parts[0]?.toLowerCase() === 'join') {
    let raw = parts[1] ?? '';
    try {
      raw = decodeURIComponent(raw);
    } catch {
      // a malformed escape: the code is then whatever was typed
    }
    const code = normalizeCode(raw);
    // a code is short: anything longer is not one, and the form starts empty
    return { kind: 'join', code: /^[A-Z0-9]{1,12}$/.test(code) ? code : '' };
  }
  return { kind: 'home' };
}

/** The link a student opens to join: the page's origin and /join/<CODE>. */
export function joinLink(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/join/${encodeURIComponent(code)}`;
}
