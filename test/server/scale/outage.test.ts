/**
 * Redis stopped for 5 s under 20 live games, each played by two players on two server processes,
 * in real time: no process exits, /healthz says 503, a move sent during the outage gets an error
 * answer (STORE_UNAVAILABLE) while Redis is still down, and once Redis is back every game goes on
 * from where it was and plays to its end, nothing lost, nothing applied twice.
 */
import { movesFromView } from '../../../shared/game/game-view';
import type { Game } from '../../../shared/game/game-types';
import type { Side } from '../../../shared/tcp/types';
import { toMovePayload } from '../../../server/games/move-payload';
import type { RedisServer } from '../../helpers/redis-server';
import { waitUntil, type TestClient } from '../../helpers/server-harness';
import { connectPlayer } from './cluster-nodes';
import {
  playRealTime,
  startProcessCluster,
  waitLong,
  type NodeProcess,
  type ProcessCluster,
} from './node-processes';

jest.setTimeout(120_000);

const PREFIX = 'outage:';
const GAMES = 20;
const OUTAGE_MS = 5000;

let cluster: ProcessCluster;
let redis: RedisServer;
let nodes: NodeProcess[] = [];
let reader: ProcessCluster['reader'];
let clients: TestClient[];

beforeAll(async () => {
  // append-only: a stopped Redis writes everything back and finds it again at restart
  cluster = await startProcessCluster(PREFIX, { appendonly: true });
  ({ redis, nodes, reader, clients } = cluster);
});

afterAll(async () => {
  await cluster?.close();
});

async function health(node: NodeProcess): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${node.url}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Game i: its client on one node, its server on the other (alternating), a private game. */
async function crossGame(i: number): Promise<Record<Side, TestClient>> {
  const [x, y] = i % 2 === 0 ? [nodes[0]!, nodes[1]!] : [nodes[1]!, nodes[0]!];
  const client = await connectPlayer(x.url, { clients });
  const server = await connectPlayer(y.url, { clients });
  const { code } = await client.must('match:private:create', {
    scenario: 'server-closes-first',
    role: 'client',
  });
  await server.must('match:private:join', { code });
  return { client, server };
}

/** After the handshake, nothing in flight: the server's turn to close (nothing else can happen). */
function established(g: Game): boolean {
  return (
    g.phase === 'playing' &&
    g.conn.client.state === 'ESTABLISHED' &&
    g.conn.server.state === 'ESTABLISHED' &&
    g.wire.length === 0
  );
}

test('Redis stopped for 5 s during 20 games: errors meanwhile, no process exits, every game finishes after', async () => {
  const games: Array<Record<Side, TestClient>> = [];
  for (let i = 0; i < GAMES; i++) games.push(await crossGame(i));
  const accepted = games.map(() => ({ client: 0, server: 0 }));
  const before = await Promise.all(
    games.map((seats, i) => playRealTime(reader.stores, seats, established, accepted[i])),
  );
  // every player holds the stored game, so the server has a correct move to send
  for (const [i, seats] of games.entries()) {
    for (const side of ['client', 'server'] as const)
      await seats[side].waitFor((c) => c.view?.version === before[i]!.game.version, 'the stored game');
  }
  for (const n of nodes) expect((await health(n)).status).toBe(200);

  await redis.shutdown();
  let redisDown = true;
  try {
    // a move on every game, from both nodes: each answered with an error while Redis is down
    const answers = await Promise.all(
      games.map(async (seats) => {
        const move = movesFromView(seats.server.view!, 5000)[0];
        if (!move) throw new Error('the server has no move to send');
        const r = await seats.server.request('game:move', { move: toMovePayload(move) });
        return { r, whileDown: redisDown };
      }),
    );
    for (const { r, whileDown } of answers) {
      expect(r.ok ? null : r.error.code).toBe('STORE_UNAVAILABLE');
      expect(whileDown).toBe(true);
    }
    for (const n of nodes) {
      const h = await health(n);
      expect(h.status).toBe(503);
      expect(h.body).toMatchObject({ status: 'unavailable', redis: 'unreachable' });
    }
    // the rest of the outage: still no process gives up
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    for (const n of nodes) expect(n.alive()).toBe(true);
  } finally {
    redisDown = false;
    await redis.restart();
  }

  // the nodes find Redis again by themselves
  for (const n of nodes) await waitLong(async () => (await health(n)).status === 200, `node ${n.name} back`);
  for (const [i, seats] of games.entries()) {
    const g = (await reader.stores.games.get(before[i]!.game.id))!;
    // nothing lost and the refused move not applied: the game is as it was before the outage
    expect(g.version).toBe(before[i]!.game.version);
    expect(g.log).toEqual(before[i]!.game.log);
    expect(seats.server.view!.version).toBe(g.version);
  }

  const after = await Promise.all(
    games.map((seats, i) => playRealTime(reader.stores, seats, undefined, accepted[i])),
  );
  for (const [i, { game }] of after.entries()) {
    expect(game.phase).toBe('finished');
    expect(game.result?.goalMet).toBe(true);
    // every accepted move counted once, no other
    expect(game.score.client.correct).toBe(accepted[i]!.client);
    expect(game.score.server.correct).toBe(accepted[i]!.server);
  }
  for (const [i, seats] of games.entries()) {
    await waitUntil(
      () => (['client', 'server'] as const).every((s) => seats[s].view?.version === after[i]!.game.version),
      'both players to see the end',
    );
  }
  for (const n of nodes) {
    expect(n.alive()).toBe(true);
    expect(n.output()).not.toMatch(/unhandled rejection|"level":(50|60)/);
  }
});
