/**
 * The dashboard throttle of two nodes (two publishers) sharing one LimitStore, each with its own
 * wake-ups, on a manual clock: one send per interval between them, the trailing send skipped when
 * the other node's send covered its changes, a send too late (a slow build) not sent and tried
 * again, a class gone sending nothing.
 */
import { ManualClock } from '../../../server/clock';
import { DashboardPublisher, LATE_MS } from '../../../server/classes/dashboard-publisher';
import type { Scheduler, WakeTask } from '../../../server/scheduler';
import { MemoryLimitStore } from '../../../server/stores/memory-limit-store';

const INTERVAL = 500;

/** A scheduler that only records its wake-ups; the test runs them with fire(). */
class RecordingScheduler implements Scheduler {
  readonly due = new Map<string, number>();
  private task: WakeTask | null = null;
  define(_kind: string, task: WakeTask): void {
    this.task = task;
  }
  set(_kind: string, id: string, at: number | null): void {
    if (at === null) this.due.delete(id);
    else this.due.set(id, at);
  }
  clear(kind: string, id: string): void {
    this.set(kind, id, null);
  }
  stop(): void {}
  /** Runs the wake-up of `id` (as its timer would). */
  async fire(id: string): Promise<void> {
    this.due.delete(id);
    await this.task!(id);
  }
}

interface Sent {
  node: string;
  view: string;
  at: number;
}

function setup() {
  const clock = new ManualClock(1_000_000);
  const limits = new MemoryLimitStore();
  const sent: Sent[] = [];
  let state = 0;
  let buildMs = 0;
  let gone = false;
  const node = (name: string) => {
    const scheduler = new RecordingScheduler();
    const publisher = new DashboardPublisher<string>({
      clock,
      scheduler,
      limits,
      intervalMs: INTERVAL,
      build: async () => {
        const view = gone ? null : `state ${state}`;
        clock.advanceBy(buildMs);
        return view;
      },
      emit: (_id, view, at) => sent.push({ node: name, view, at }),
    });
    return { scheduler, publisher };
  };
  return {
    clock,
    sent,
    a: node('A'),
    b: node('B'),
    change: () => ++state,
    slowBuilds: (ms: number) => (buildMs = ms),
    remove: () => (gone = true),
  };
}

test('changes on two nodes: one send at once, the next an interval after it, from whichever node', async () => {
  const t = setup();
  const t0 = t.clock.now();
  t.change();
  await t.a.publisher.request('c');
  t.clock.advanceBy(1);
  t.change();
  await t.b.publisher.request('c');
  t.change();
  await t.a.publisher.request('c');
  expect(t.sent).toEqual([{ node: 'A', view: 'state 1', at: t0 }]);
  // both nodes asked to be woken at the end of the interval
  expect(t.a.scheduler.due.get('c')).toBe(t0 + INTERVAL);
  expect(t.b.scheduler.due.get('c')).toBe(t0 + INTERVAL);
  t.clock.advanceTo(t0 + INTERVAL);
  await t.b.scheduler.fire('c');
  expect(t.sent[1]).toEqual({ node: 'B', view: 'state 3', at: t0 + INTERVAL });
  // node A's wake-up finds everything sent: nothing more
  await t.a.scheduler.fire('c');
  expect(t.sent).toHaveLength(2);
  expect(t.a.scheduler.due.size + t.b.scheduler.due.size).toBe(0);
});

test("a wake-up whose changes the other node's send already covered sends nothing", async () => {
  const t = setup();
  const t0 = t.clock.now();
  t.change();
  await t.a.publisher.request('c');
  t.clock.advanceBy(10);
  t.change();
  await t.b.publisher.request('c');
  expect(t.b.scheduler.due.get('c')).toBe(t0 + INTERVAL);
  // the interval is over; a change on node A is sent at once, before node B's wake-up ran
  t.clock.advanceTo(t0 + INTERVAL);
  t.change();
  await t.a.publisher.request('c');
  expect(t.sent.map((s) => s.view)).toEqual(['state 1', 'state 3']);
  await t.b.scheduler.fire('c');
  expect(t.sent).toHaveLength(2);
  expect(t.b.scheduler.due.size).toBe(0);
});

test('a send whose view took longer than LATE_MS to build is not sent, and is tried again', async () => {
  const t = setup();
  t.change();
  t.slowBuilds(LATE_MS + 1);
  await t.a.publisher.request('c');
  expect(t.sent).toEqual([]);
  const retryAt = t.a.scheduler.due.get('c')!;
  expect(retryAt).toBe(t.clock.now() - LATE_MS - 1 + INTERVAL);
  t.slowBuilds(0);
  // no change since, but the one not sent is still unsent: the wake-up (already due) sends it
  expect(retryAt).toBeLessThan(t.clock.now());
  await t.a.scheduler.fire('c');
  expect(t.sent).toEqual([{ node: 'A', view: 'state 1', at: t.clock.now() }]);
});

test('sends are DASHBOARD_MS apart as they went out, however long each took to build', async () => {
  const t = setup();
  const builds = [0, 300, 10, 450, 0, 120];
  for (const [i, ms] of builds.entries()) {
    t.slowBuilds(ms);
    t.change();
    await (i % 2 ? t.b : t.a).publisher.request('c');
    // whichever node set a wake-up runs it when due
    for (const n of [t.a, t.b]) {
      const at = n.scheduler.due.get('c');
      if (at === undefined) continue;
      if (at > t.clock.now()) t.clock.advanceTo(at);
      await n.scheduler.fire('c');
    }
    t.clock.advanceBy(37);
  }
  const gaps = t.sent.slice(1).map((s, i) => s.at - t.sent[i]!.at);
  expect(t.sent.length).toBeGreaterThan(3);
  for (const g of gaps) expect(g).toBeGreaterThanOrEqual(INTERVAL);
  expect(t.sent[t.sent.length - 1]!.view).toBe(`state ${builds.length}`);
});

test('a class gone by the time of its send: nothing sent, nothing left to wake for', async () => {
  const t = setup();
  t.change();
  t.remove();
  await t.a.publisher.request('c');
  expect(t.sent).toEqual([]);
  expect(t.a.scheduler.due.size).toBe(0);
});
