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

/** Whether `err` says that Redis is unreachable now (not that a command was wrong). */
export function isRedisUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  return UNREACHABLE.some((re) => re.test(err.message));
}
