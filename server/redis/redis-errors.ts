/**
 * Telling "Redis cannot be reached" apart from a real bug: the first is answered
 * STORE_UNAVAILABLE (try again shortly), the second INTERNAL.
 */

/** ioredis's own messages for a connection that is down, closed or silent. */
const UNREACHABLE = [
  /Stream isn't writeable/,
  /Command timed out/,
  /Connection is closed/,
  /max retries per request/i,
  /\bE(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT|HOSTUNREACH|NETUNREACH|AI_AGAIN)\b/,
  /Socket timeout/,
  // a restarted Redis answers this while it reads its append-only file back
  /^LOADING\b/,
  /^(MASTERDOWN|TRYAGAIN|CLUSTERDOWN)\b/,
];

/**
 * The one failure that proves a command never reached Redis: there was no connection to write it
 * to (the offline queue is off). A timeout, a closed connection or a spent retry may all come after
 * the command was written, and a stopped or killed Redis may have run it (or will).
 */
const UNSENT = /Stream isn't writeable/;

/** Whether a failed command surely never reached Redis (so it surely changed nothing). */
export function surelyUnsent(err: unknown): boolean {
  return err instanceof Error && err.name !== 'MaxRetriesPerRequestError' && UNSENT.test(err.message);
}

/** Whether `err` says that Redis is unreachable now (not that a command was wrong). */
export function isRedisUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  return UNREACHABLE.some((re) => re.test(err.message));
}
