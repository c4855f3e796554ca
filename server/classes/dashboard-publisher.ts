/**
 * The teacher's dashboard is sent at most once per DASHBOARD_MS per class: the first change is sent
 * at once, later ones within the interval are folded into one sent at its end (a scheduler
 * wake-up), so the last state always arrives and a class of 40 does not flood the projector.
 */
import type { Clock } from '../clock';
import type { Scheduler } from '../scheduler';

export interface DashboardDeps {
  clock: Clock;
  scheduler: Scheduler;
  intervalMs: number;
  /** Builds and sends the class's dashboard. */
  send: (classId: string) => Promise<void>;
}

export class DashboardPublisher {
  /** When each class's dashboard was last sent, on this node. */
  private readonly last = new Map<string, number>();

  constructor(private readonly d: DashboardDeps) {
    d.scheduler.define('class-dash', (id) => this.fire(id));
  }

  /** Something in the class changed: send now, or once the interval since the last sending is over. */
  async request(classId: string): Promise<void> {
    const now = this.d.clock.now();
    const last = this.last.get(classId);
    if (last === undefined || now - last >= this.d.intervalMs) {
      this.last.set(classId, now);
      this.d.scheduler.clear('class-dash', classId);
      await this.d.send(classId);
      return;
    }
    this.d.scheduler.set('class-dash', classId, last + this.d.intervalMs);
  }

  /** The class is gone: nothing more to send. */
  forget(classId: string): void {
    this.last.delete(classId);
    this.d.scheduler.clear('class-dash', classId);
  }

  private async fire(classId: string): Promise<void> {
    this.last.set(classId, this.d.clock.now());
    await this.d.send(classId);
  }
}
