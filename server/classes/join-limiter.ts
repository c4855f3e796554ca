/**
 * Guessing join codes (and host tokens) is limited per address: each attempt takes one of the
 * address's CLASS_JOIN_FAILS_PER_MIN places of the minute in the shared LimitStore before it is
 * judged (one atomic step, on every node), a wrong guess keeps its place, a right one gives it back.
 * So however many guesses come at once, from however many nodes, at most that many are judged in a
 * minute; past them every attempt is refused, right codes included, and a guesser learns nothing.
 * A school behind one address loses nothing by its own right codes. Host tokens are the exception
 * (see guess()): a right one is never refused.
 */
import type { Clock } from '../clock';
import { ServerError } from '../socket/errors';
import type { LimitStore } from '../stores/class-store';

const WINDOW_MS = 60_000;
/**
 * While the address's places are held by attempts being judged (a few ms each), another attempt
 * waits for them rather than being refused for a failure that may never come: a class of 40
 * joining at the same moment from one address must not be turned away.
 */
const BUSY_RETRY_MS = 5;
/** The wait doubles up to this (a node that died mid-attempt holds its place until the window ends). */
const BUSY_RETRY_MAX_MS = 100;
/** Longer than this and the attempt is refused (places held by a node that died mid-attempt). */
const BUSY_LIMIT_MS = 2_000;

/** A guess judged: right, with what it found, or wrong, with the answer to give. */
export type Guess<T> = { right: true; value: T } | { right: false; error: ServerError };

export interface GuessOptions {
  /**
   * A right guess passes even when the address is over its limit: for secrets no one can guess
   * (host tokens, 32 random bytes), so that guessers cannot lock the teacher out. A wrong guess is
   * still counted and refused as any other.
   */
  rightPassesLimit?: boolean;
}

export class JoinLimiter {
  constructor(
    private readonly limits: LimitStore,
    private readonly clock: Clock,
    private readonly perMinute: number,
  ) {}

  private key(address: string): string {
    return `class-join:${address}`;
  }

  /**
   * Judges one guess from `address` in one of its places of the minute: the value of a right
   * guess; the guess's own error for a wrong one; TOO_MANY_ATTEMPTS when the address has no place
   * left (the guess then is not judged, or, with rightPassesLimit, answered only if right).
   */
  async guess<T>(address: string, judge: () => Promise<Guess<T>>, o: GuessOptions = {}): Promise<T> {
    const key = this.key(address);
    const place = await this.place(key);
    if (place === null) {
      if (o.rightPassesLimit) {
        const g = await judge();
        if (g.right) return g.value;
      }
      throw new ServerError('TOO_MANY_ATTEMPTS');
    }
    let g: Guess<T>;
    try {
      g = await judge();
    } catch (err) {
      // not judged (the store failed): the place is given back
      await this.limits.settle(key, place, false).catch(() => undefined);
      throw err;
    }
    await this.limits.settle(key, place, !g.right);
    if (!g.right) throw g.error;
    return g.value;
  }

  /** The failed guesses of the address in this minute. */
  failures(address: string): Promise<number> {
    return this.limits.peek(this.key(address), this.clock.now());
  }

  /** Takes a place (its window), waiting while the places are only held by guesses being judged; null when used up. */
  private async place(key: string): Promise<number | null> {
    const end = Date.now() + BUSY_LIMIT_MS;
    for (let wait = BUSY_RETRY_MS; ; wait = Math.min(2 * wait, BUSY_RETRY_MAX_MS)) {
      const r = await this.limits.take(key, WINDOW_MS, this.perMinute, this.clock.now());
      if (r.taken) return r.window;
      if (r.reason === 'used-up' || Date.now() > end) return null;
      // real time, not the server clock: this waits for other requests, not for the window
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
