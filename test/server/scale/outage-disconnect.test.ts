/**
 * A page closed while Redis is stopped (SIGSTOP: up but silent): the node cannot start the grace
 * period then (counting the nodes to see whether the player has another tab fails, as any store
 * call would), so it tries again until it can. Once Redis continues, the partner on the other
 * node is told. Two server processes on one real redis-server, in real time.
 */
import type { TestClient } from '../../helpers/server-harness';
import { connectPlayer } from './cluster-nodes';
import { startProcessCluster, waitLong, type NodeProcess, type ProcessCluster } from './node-processes';

jest.setTimeout(60_000);

const PREFIX = 'outage-disconnect:';
const PAUSE_MS = 4000;

let cluster: ProcessCluster;
let nodeA: NodeProcess;
let nodeB: NodeProcess;
let clients: TestClient[];

beforeAll(async () => {
  cluster = await startProcessCluster(PREFIX);
  ({ clients } = cluster);
  [nodeA, nodeB] = cluster.nodes;
});

afterAll(async () => {
  await cluster?.close();
});

test('a page closed while Redis is stopped reaches the partner as game:peer once Redis continues', async () => {
  const player = await connectPlayer(nodeA.url, { clients });
  const partner = await connectPlayer(nodeB.url, { clients });
  const { code } = await player.must('match:private:create', {
    scenario: 'three-way-handshake',
    role: 'client',
  });
  await partner.must('match:private:join', { code });
  const token = player.session!.token;

  cluster.redis.pause();
  let resumedAt: number;
  try {
    player.close();
    // the disconnect fails (more than once) while Redis is silent: nothing is stored, nobody told
    await new Promise((r) => setTimeout(r, PAUSE_MS));
    expect(partner.peer).toEqual([]);
  } finally {
    cluster.redis.resume();
    resumedAt = Date.now();
  }

  await waitLong(() => partner.peer.length > 0, 'the partner told once Redis is back', 15_000);
  const session = await cluster.reader.stores.sessions.getByToken(token);
  expect(session?.graceUntil).toBeGreaterThanOrEqual(resumedAt);
  expect(partner.peer).toEqual([{ connected: false, graceUntil: session!.graceUntil }]);
  // the failures were warnings: not one error logged, no process gone
  for (const n of [nodeA, nodeB]) {
    expect(n.alive()).toBe(true);
    expect(n.output()).not.toMatch(/unhandled rejection|"level":(50|60)/);
  }
  expect(nodeA.output()).toMatch(/"level":40[^\n]*"task":"disconnect"[^\n]*will retry/);
});
