/**
 * Guessing join codes (and host tokens) is limited per address: failures are counted in the shared
 * LimitStore over a minute, and past the limit every attempt from that address is refused, right
 * codes included, so a guesser learns nothing.
 */
import type { Clock } from '../clock';
import { ServerError } from '../socket/errors';
import type { LimitStore } from '../stores/class-store';

const WINDOW_MS = 60_000;

export class JoinLimiter {
  constructor(
    private readonly limits: LimitStore,
    private readonly clock: Clock,
    private readonly perMinute: number,
  ) {}

  private key(address: string): string {
    return `class-join:${address}`;
  }

  /** TOO_MANY_ATTEMPTS when the address used up its failures of this minute. */
  async check(address: string): Promise<void> {
    if ((await this.limits.peek(this.key(address), this.clock.now())) >= this.perMinute)
      throw new ServerError('TOO_MANY_ATTEMPTS');
  }

  /** Counts one failure of the address. */
  async fail(address: string): Promise<void> {
    await this.limits.hit(this.key(address), WINDOW_MS, this.clock.now());
  }
}
