/**
 * Two server processes on one real redis-server, players connected one to each, in real time:
 * a game plays to its end across the nodes; then kill -9 of one player's node while a TIME_WAIT
 * is pending: that player comes back through the other node with its session token (as the load
 * balancer would send it), the game goes on from its last acknowledged move, and the TIME_WAIT
 * wake-up, set by a node that may be dead, fires exactly once.
 */
import type { Side } from '../../../shared/tcp/types';
import type { TestClient } from '../../helpers/server-harness';
import { connectPlayer } from './cluster-nodes';
import { playRealTime, startProcessCluster, type NodeProcess, type ProcessCluster } from './node-processes';

jest.setTimeout(60_000);

const PREFIX = 'failover:';
let cluster: ProcessCluster;
let nodeA: NodeProcess;
let nodeB: NodeProcess;
let reader: ProcessCluster['reader'];
let clients: TestClient[];

beforeAll(async () => {
  cluster = await startProcessCluster(PREFIX);
  ({ reader, clients } = cluster);
  [nodeA, nodeB] = cluster.nodes;
});

afterAll(async () => {
  await cluster?.close();
});

/** A private game created on node A by the client, joined on node B by the server. */
async function crossGame(scenario: string): Promise<Record<Side, TestClient>> {
  const client = await connectPlayer(nodeA.url, { clients });
  const server = await connectPlayer(nodeB.url, { clients });
  const { code } = await client.must('match:private:create', { scenario, role: 'client' });
  await server.must('match:private:join', { code });
  return { client, server };
}

test('a game whose players sit on two different server processes plays to the end', async () => {
  const seats = await crossGame('client-closes-first');
  const { game, accepted } = await playRealTime(reader.stores, seats);
  expect(game.result?.goalMet).toBe(true);
  expect(game.score.client.correct).toBe(accepted.client);
  expect(game.score.server.correct).toBe(accepted.server);
  // both players, each on its own node, got the final game
  await seats.client.waitFor((c) => c.view?.version === game.version, 'the client to see the end');
  await seats.server.waitFor((c) => c.view?.version === game.version, 'the server to see the end');
  expect(seats.server.view!.phase).toBe('finished');
});

test('kill -9 of a player node during TIME_WAIT: back on the other node within 10 s, the game goes on, TIME_WAIT fires once', async () => {
  const seats = await crossGame('piggybacked-teardown');
  // up to the client's TIME_WAIT, its last ACK arrived: nothing but that timer is left to happen
  const before = await playRealTime(
    reader.stores,
    seats,
    (g) =>
      g.conn.client.state === 'TIME_WAIT' &&
      g.conn.server.state === 'CLOSED' &&
      g.wire.length === 0 &&
      g.phase === 'playing',
  );
  const lastAcked = seats.client.view!;
  expect(lastAcked.you.record.state).toBe('TIME_WAIT');
  const expiry = lastAcked.you.timers.timeWait!;
  expect(expiry).toBeGreaterThan(Date.now());

  await nodeA.kill('SIGKILL');
  expect(nodeB.alive()).toBe(true);
  const token = seats.client.session!.token;
  seats.client.close();

  // the player's page reconnects; the balancer sends it to the node that is left
  const end = Date.now() + 10_000;
  let back: TestClient | null = null;
  while (!back) {
    try {
      back = await connectPlayer(nodeB.url, { token, clients });
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  expect(back.session!.resumed).toBe(true);
  const resumed = back.view!;
  expect(resumed.gameId).toBe(lastAcked.gameId);
  // it goes on from the last acknowledged move: nothing the player did is missing
  expect(resumed.version).toBeGreaterThanOrEqual(lastAcked.version);
  expect(resumed.log.slice(0, lastAcked.log.length)).toEqual(lastAcked.log);

  // the game goes on through the node left (a reply may still be owed, e.g. an RST to a stray
  // duplicate); the TIME_WAIT wake-up, whoever set it, runs there exactly once
  const after = await playRealTime(
    reader.stores,
    { client: back, server: seats.server },
    undefined,
    before.accepted,
  );
  const g = after.game;
  expect(g.result?.goalMet).toBe(true);
  expect(g.log.filter((e) => e.type === 'timer' && e.timer === 'time-wait')).toEqual([
    { t: expiry, type: 'timer', side: 'client', timer: 'time-wait' },
  ]);
  expect(g.conn.client.state).toBe('CLOSED');
  // every accepted move counted once, none lost in the failover
  expect(g.score.client.correct).toBe(after.accepted.client);
  expect(g.score.server.correct).toBe(after.accepted.server);
  await back.waitFor((c) => c.view?.version === g.version, 'the player to see the end');
  await seats.server.waitFor((c) => c.view?.version === g.version, 'the opponent to see the end');
  expect(back.view!.phase).toBe('finished');
  expect(nodeB.output()).not.toMatch(/unhandled rejection/);
});
