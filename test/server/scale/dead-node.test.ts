/**
 * A node that dies (kill -9) and whose players never come back: the other node notices its
 * heartbeat lapse and treats each of its sessions as a closed page. Two server processes on one
 * real redis-server, in real time, with a short node timeout and grace period: the partner on the
 * node left is told (game:peer), the teacher's roster shows the student away, and at the end of
 * the grace the game is abandoned by the player who left.
 */
import type { HostView } from '../../../shared/class/class-types';
import type { TestClient } from '../../helpers/server-harness';
import { connectPlayer } from './cluster-nodes';
import { startProcessCluster, waitLong, type NodeProcess, type ProcessCluster } from './node-processes';

jest.setTimeout(60_000);

const PREFIX = 'dead-node:';
/** A node silent this long is taken for dead (renewed every third of it). */
const NODE_TIMEOUT_MS = 1500;
const GRACE_MS = 3000;

let cluster: ProcessCluster;
let nodeA: NodeProcess;
let nodeB: NodeProcess;
let clients: TestClient[];

beforeAll(async () => {
  cluster = await startProcessCluster(
    PREFIX,
    {},
    { NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS), SESSION_GRACE_MS: String(GRACE_MS) },
  );
  ({ clients } = cluster);
  [nodeA, nodeB] = cluster.nodes;
});

afterAll(async () => {
  await cluster?.close();
});

test('kill -9 of a node whose players never return: partner told, roster away, game abandoned after the grace', async () => {
  // a game: its client on node A, its server on node B
  const player = await connectPlayer(nodeA.url, { clients });
  const partner = await connectPlayer(nodeB.url, { clients });
  const { code } = await player.must('match:private:create', {
    scenario: 'three-way-handshake',
    role: 'client',
  });
  await partner.must('match:private:join', { code });
  await partner.must('game:move', { move: { kind: 'call', call: 'listen' } });
  const gameId = player.view!.gameId;
  // a class: its teacher on node B, a student on node A
  const teacher = await connectPlayer(nodeB.url, { clients });
  const hostViews: HostView[] = [];
  teacher.socket.on('class:host', (v) => hostViews.push(v));
  const created = await teacher.must('class:create', { title: 'Networks 1' });
  const student = await connectPlayer(nodeA.url, { clients });
  await student.must('class:join', { code: created.class.code, nickname: 'away' });
  const roster = () => (hostViews.at(-1) ?? created.class).students;
  await waitLong(
    () => roster().some((s) => s.nickname === 'away' && s.connected),
    'the student on the roster',
  );
  // a node that dies within its first beats is taken over too: let both renew a few times
  await new Promise((r) => setTimeout(r, NODE_TIMEOUT_MS));
  expect(partner.peer).toEqual([]);

  const killedAt = Date.now();
  await nodeA.kill('SIGKILL');
  // nothing was closed by node A: only its lapsed heartbeat tells node B
  await waitLong(() => partner.peer.length > 0, 'the partner told of the player gone', 15_000);
  const toldAfterMs = Date.now() - killedAt;
  const [told] = partner.peer;
  expect(told).toEqual({ connected: false, graceUntil: expect.any(Number) });
  // the grace is counted from the moment the node was found dead, as for a page closed then
  expect(told!.graceUntil! - (killedAt + toldAfterMs)).toBeGreaterThan(GRACE_MS - 1000);
  expect(told!.graceUntil!).toBeGreaterThanOrEqual(killedAt + GRACE_MS);
  await waitLong(
    () => roster().some((s) => s.nickname === 'away' && !s.connected),
    'the roster to show the student away',
  );

  // at the end of the grace the game ends, abandoned by the player who left
  await waitLong(
    () => partner.view?.phase === 'finished',
    'the game abandoned at the end of the grace',
    GRACE_MS + 10_000,
  );
  const game = (await cluster.reader.stores.games.get(gameId))!;
  expect(game.result).toMatchObject({ goalMet: false, abandonedBy: 'client' });
  expect(game.result!.finishedAt).toBeGreaterThanOrEqual(told!.graceUntil!);
  expect(partner.peer.at(-1)).toEqual({ connected: false, graceUntil: null });
  // the student left the class with its session, and the dead node is off the list of nodes
  await waitLong(() => !roster().some((s) => s.nickname === 'away'), 'the student off the roster');
  expect(await cluster.reader.redis.smembers(`${PREFIX}nodes`)).toHaveLength(1);
  expect(nodeB.output()).not.toMatch(/unhandled rejection|"level":(50|60)/);
});
