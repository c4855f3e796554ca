/**
 * LimitStore in process memory (one node): each check and count runs synchronously, so no other
 * request can come between them. Attempts are counted in a fixed window per key; old windows and
 * slots are swept as new ones come.
 */
import type { AttemptTaken, LimitStore, SlotClaim, SlotClaimOptions } from './class-store';

interface Window {
  start: number;
  windowMs: number;
  /** Attempts that failed in this window. */
  fails: number;
  /** Attempts taken and not settled yet. */
  pending: number;
}

interface Slot {
  /** Changes counted, and how many of them the last granted send covers. */
  changes: number;
  covered: number;
  /** When the last send went out. */
  sentAt: number | null;
  /** When the send under way was claimed, and how late it may go out. */
  pendingAt: number | null;
  lateMs: number;
  /** Kept until then (for sweeping). */
  keepUntil: number;
}

/** Keys kept before a sweep of expired ones (an attack from many addresses cannot grow it forever). */
const SWEEP_AT = 10_000;
/** How long a slot is kept after its last use. */
const SLOT_LINGER_MS = 3_600_000;

/** The claim of a slot (the Redis store's CLAIM script does the same); `s` is changed in place. */
function claim(s: Slot, o: SlotClaimOptions): SlotClaim {
  if (o.change) s.changes++;
  if (s.covered >= s.changes) return { granted: false, until: null };
  if (s.pendingAt !== null) {
    const leaseEnd = s.pendingAt + s.lateMs + o.intervalMs;
    if (o.now < leaseEnd) {
      const earliest = s.pendingAt + o.intervalMs;
      return { granted: false, until: o.now < earliest ? earliest : leaseEnd };
    }
    // the sender is gone: it went out by its lateness at the latest
    s.sentAt = Math.max(s.sentAt ?? -Infinity, s.pendingAt + s.lateMs);
    s.pendingAt = null;
  }
  if (s.sentAt !== null && o.now < s.sentAt + o.intervalMs)
    return { granted: false, until: s.sentAt + o.intervalMs };
  s.pendingAt = o.now;
  s.lateMs = o.lateMs;
  s.covered = s.changes;
  return { granted: true };
}

export class MemoryLimitStore implements LimitStore {
  private readonly windows = new Map<string, Window>();
  private readonly slots = new Map<string, Slot>();

  private current(key: string, now: number): Window | null {
    const w = this.windows.get(key);
    return w && now - w.start < w.windowMs ? w : null;
  }

  async take(key: string, windowMs: number, max: number, now: number): Promise<AttemptTaken> {
    let w = this.current(key, now);
    if (!w) {
      if (this.windows.size >= SWEEP_AT) this.sweep(now);
      w = { start: now, windowMs, fails: 0, pending: 0 };
      this.windows.set(key, w);
    }
    if (w.fails >= max) return { taken: false, reason: 'used-up' };
    if (w.fails + w.pending >= max) return { taken: false, reason: 'busy' };
    w.pending++;
    return { taken: true, window: w.start };
  }

  async settle(key: string, window: number, failed: boolean): Promise<void> {
    const w = this.windows.get(key);
    // an attempt of a window that is over counts for nothing more
    if (!w || w.start !== window) return;
    if (w.pending > 0) w.pending--;
    if (failed) w.fails++;
  }

  async peek(key: string, now: number): Promise<number> {
    return this.current(key, now)?.fails ?? 0;
  }

  async claimSlot(key: string, o: SlotClaimOptions): Promise<SlotClaim> {
    let s = this.slots.get(key);
    if (!s || s.keepUntil <= o.now) {
      if (this.slots.size >= SWEEP_AT) this.sweep(o.now);
      s = { changes: 0, covered: 0, sentAt: null, pendingAt: null, lateMs: o.lateMs, keepUntil: 0 };
      this.slots.set(key, s);
    }
    s.keepUntil = o.now + o.intervalMs + o.lateMs + SLOT_LINGER_MS;
    return claim(s, o);
  }

  async slotDone(key: string, claimedAt: number, sentAt: number | null): Promise<void> {
    const s = this.slots.get(key);
    if (!s) return;
    if (s.pendingAt === claimedAt) s.pendingAt = null;
    if (sentAt !== null) s.sentAt = Math.max(s.sentAt ?? -Infinity, sentAt);
    // not sent: whatever it was to cover is unsent again
    else s.covered = -1;
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= w.windowMs) this.windows.delete(k);
    for (const [k, s] of this.slots) if (s.keepUntil <= now) this.slots.delete(k);
  }
}
