/**
 * Class clocks in the browser: views carry the server's time (serverNow) and deadlines in server
 * time, so a countdown is a deadline minus the server's time now, read through the offset taken
 * from the latest view. A paused round's clocks stand still.
 */
import type { RoundView } from '../../../shared/class/class-types';

/** The server's time as seen from here, kept from the latest view's serverNow. */
export class OffsetClock {
  private offset = 0;

  constructor(private readonly localNow: () => number = () => Date.now()) {}

  /** Takes the offset from a view as it arrives. */
  sync(serverNow: number): void {
    this.offset = serverNow - this.localNow();
  }

  /** The server's time now, in ms. */
  now(): number {
    return this.localNow() + this.offset;
  }
}

/** Milliseconds left in a round at server time `now` (frozen while paused, 0 once ended). */
export function roundLeft(round: RoundView, now: number): number {
  if (round.phase === 'ended') return 0;
  const at = round.phase === 'paused' && round.pausedAt !== null ? round.pausedAt : now;
  return Math.max(0, round.endsAt - at);
}

/** "m:ss" for a countdown (rounded up, so 0:00 shows only when the time is really out). */
export function clockText(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** Milliseconds left before a deadline, or null without one; a paused game's clock stands at `frozenAt`. */
export function deadlineLeft(
  deadline: number | null,
  now: number,
  frozenAt: number | null = null,
): number | null {
  if (deadline === null) return null;
  return Math.max(0, deadline - (frozenAt ?? now));
}
