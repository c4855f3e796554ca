/**
 * The teacher's dashboard is sent at most once per DASHBOARD_MS per class, however many nodes
 * serve the class: the first change is sent at once, later ones within the interval are folded
 * into one sent at its end (a scheduler wake-up), so the last state always arrives and a class of
 * 40 does not flood the projector. Whether a node may send is one atomic claim of the class's
 * send slot in the shared LimitStore (in Redis with several nodes), which also counts the changes:
 * a wake-up whose changes another node's send already covered sends nothing.
 *
 * A send goes out within LATE_MS of its claim or not at all, and the slot records when it went
 * out, so sends are DASHBOARD_MS apart as the nodes' clocks measure them (a node that dies
 * mid-send holds the slot for DASHBOARD_MS + LATE_MS at most).
 */
import type { Clock } from '../clock';
import type { Scheduler } from '../scheduler';
import type { LimitStore } from '../stores/class-store';

/** How long after its claim a dashboard may still go out (building it reads the class's games). */
export const LATE_MS = 2_000;

export interface DashboardDeps<V> {
  clock: Clock;
  scheduler: Scheduler;
  limits: LimitStore;
  intervalMs: number;
  /** Builds the class's dashboard; null when the class is gone. */
  build: (classId: string) => Promise<V | null>;
  /** Sends a built dashboard to the class's teacher (`at`: now, as the slot records it). */
  emit: (classId: string, view: V, at: number) => void;
}

export class DashboardPublisher<V> {
  constructor(private readonly d: DashboardDeps<V>) {
    d.scheduler.define('class-dash', (id) => this.attempt(id, false));
  }

  /** Something in the class changed: send now, or once the interval since the last sending is over. */
  async request(classId: string): Promise<void> {
    if (this.d.intervalMs <= 0) {
      const view = await this.d.build(classId);
      if (view !== null) this.d.emit(classId, view, this.d.clock.now());
      return;
    }
    await this.attempt(classId, true);
  }

  /** The class is gone: nothing more to send. */
  forget(classId: string): void {
    this.d.scheduler.clear('class-dash', classId);
  }

  /** Claims the slot (counting a change, or for a wake-up) and sends, or wakes when it may. */
  private async attempt(classId: string, change: boolean): Promise<void> {
    const key = `dash:${classId}`;
    const claimedAt = this.d.clock.now();
    const claim = await this.d.limits.claimSlot(key, {
      now: claimedAt,
      intervalMs: this.d.intervalMs,
      lateMs: LATE_MS,
      change,
    });
    if (!claim.granted) {
      if (claim.until !== null) this.d.scheduler.set('class-dash', classId, claim.until);
      return;
    }
    let sentAt: number | null = null;
    try {
      const view = await this.d.build(classId);
      const now = this.d.clock.now();
      if (view === null)
        sentAt = claimedAt; // the class is gone: nothing is left to send
      else if (now - claimedAt <= LATE_MS) {
        this.d.emit(classId, view, now);
        sentAt = now;
      }
    } finally {
      // not sent (too late, or the build failed): the changes stay unsent and are tried again
      if (sentAt === null) this.d.scheduler.set('class-dash', classId, claimedAt + this.d.intervalMs);
      await this.d.limits.slotDone(key, claimedAt, sentAt);
    }
  }
}
