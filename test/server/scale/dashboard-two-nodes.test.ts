/**
 * The dashboard throttle held across two game nodes in this process on one real redis-server, on
 * one shared manual clock (DASHBOARD_MS = 500, the default): changes made through both nodes at
 * one instant give one dashboard at once and one at the end of the interval, never one per node.
 */
import type { HostView } from '../../../shared/class/class-types';
import { ManualClock } from '../../../server/clock';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server';
import { waitUntil, type TestClient } from '../../helpers/server-harness';
import { connectPlayer, startNode, type InProcessNode } from './cluster-nodes';

let redis: RedisServer;
let a: InProcessNode;
let b: InProcessNode;
const clock = new ManualClock(1_000_000);
const clients: TestClient[] = [];
const prefix = `dash:${process.pid}:`;

beforeAll(async () => {
  redis = await startRedisServer();
  a = await startNode(redis.url, prefix, clock);
  b = await startNode(redis.url, prefix, clock);
});

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all([a?.close(), b?.close()]);
  await redis?.stop();
});

const DASHBOARD_MS = 500;

/** Both nodes idle, then a while in real time for views sent through the other node's pub/sub. */
async function quiet(): Promise<void> {
  await Promise.all([a.app.idle(), b.app.idle()]);
  await new Promise((r) => setTimeout(r, 150));
  await Promise.all([a.app.idle(), b.app.idle()]);
}

async function advance(ms: number): Promise<void> {
  clock.advanceBy(ms);
  await quiet();
}

test('changes through both nodes at one instant: one dashboard at once, one at the end of the interval with the last state', async () => {
  expect(a.app.ctx.config.dashboardMs).toBe(DASHBOARD_MS);
  const teacher = await connectPlayer(a.url, { clients });
  const views: HostView[] = [];
  teacher.socket.on('class:host', (v) => views.push(v));
  const { class: created } = await teacher.must('class:create', { title: 'two nodes' });
  const onA = await connectPlayer(a.url, { clients });
  const onB = await connectPlayer(b.url, { clients });
  await onA.must('class:join', { code: created.code, nickname: 'on-a' });
  await onB.must('class:join', { code: created.code, nickname: 'on-b' });
  // the trailing dashboard of the joins goes out when the clock gets there; then an interval passes
  await advance(10 * DASHBOARD_MS);
  await advance(DASHBOARD_MS);
  const n0 = views.length;
  expect(views[n0 - 1]!.students.map((s) => s.nickname)).toEqual(['on-a', 'on-b']);

  // an interval without changes is over: changes through node A and node B at the same instant
  await Promise.all([
    onA.must('class:leave', {}),
    onB.must('class:leave', {}),
    teacher.must('class:lock', { locked: true }),
  ]);
  await quiet();
  expect(views.length).toBe(n0 + 1);
  await advance(DASHBOARD_MS - 1);
  expect(views.length).toBe(n0 + 1);
  await advance(1);
  await waitUntil(() => views.length === n0 + 2, 'the trailing dashboard');
  expect(views[n0 + 1]!.students).toEqual([]);
  expect(views[n0 + 1]!.locked).toBe(true);
  await advance(10 * DASHBOARD_MS);
  expect(views.length).toBe(n0 + 2);
});

test("a change through node B within the interval of node A's send waits for its end; then nothing more", async () => {
  const teacher = await connectPlayer(a.url, { clients });
  const views: HostView[] = [];
  teacher.socket.on('class:host', (v) => views.push(v));
  const { class: created } = await teacher.must('class:create', { title: 'covered' });
  const onA = await connectPlayer(a.url, { clients });
  const onB = await connectPlayer(b.url, { clients });
  await advance(10 * DASHBOARD_MS);
  await advance(DASHBOARD_MS);
  const n0 = views.length;
  // a change on node A is sent at once; one on node B within the interval waits for its end
  await onA.must('class:join', { code: created.code, nickname: 'early' });
  await quiet();
  await onB.must('class:join', { code: created.code, nickname: 'late' });
  await quiet();
  expect(views.length).toBe(n0 + 1);
  // at the end of the interval the wake-up sends the join
  await advance(DASHBOARD_MS);
  await waitUntil(() => views.length === n0 + 2, 'the trailing dashboard');
  expect(views[n0 + 1]!.students.map((s) => s.nickname)).toEqual(['early', 'late']);
  // nothing changed since: however long, nothing more
  await advance(10 * DASHBOARD_MS);
  expect(views.length).toBe(n0 + 2);
});
