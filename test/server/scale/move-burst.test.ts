/**
 * Answers that never lie under faults: 20 moves (each with its moveId) sent a few milliseconds
 * before Redis stops (SIGSTOP, then SIGCONT; and SIGKILL, then a restart from the append-only
 * file), on two real node processes. Every move is answered accepted, or refused and then never
 * applied, or OUTCOME_UNKNOWN and settled by sending it again with the same id: 0 lies, 0 applied
 * twice, 0 lost.
 */
import type { Game } from '../../../shared/game/game-types';
import { movesFromView } from '../../../shared/game/game-view';
import type { MovePayload } from '../../../shared/protocol/events';
import type { Side } from '../../../shared/tcp/types';
import { toMovePayload } from '../../../server/games/move-payload';
import type { TestClient } from '../../helpers/server-harness';
import { connectPlayer } from './cluster-nodes';
import { playRealTime, startProcessCluster, waitLong, type ProcessCluster } from './node-processes';

jest.setTimeout(150_000);

const GAMES = 20;
/** How long before the fault the burst leaves. */
const LEAD_MS = 4;

let cluster: ProcessCluster;

beforeAll(async () => {
  cluster = await startProcessCluster('burst:', { appendonly: true });
});
afterAll(async () => {
  await cluster?.close();
});

/** A game whose client plays on one node and server on the other, up to the server's close(). */
async function gameToClose(i: number): Promise<{ seats: Record<Side, TestClient>; before: Game }> {
  const { nodes, clients, reader } = cluster;
  const [x, y] = i % 2 === 0 ? [nodes[0], nodes[1]] : [nodes[1], nodes[0]];
  const client = await connectPlayer(x.url, { clients });
  const server = await connectPlayer(y.url, { clients });
  const { code } = await client.must('match:private:create', {
    scenario: 'server-closes-first',
    role: 'client',
  });
  await server.must('match:private:join', { code });
  const seats = { client, server };
  const { game } = await playRealTime(
    reader.stores,
    seats,
    (g) =>
      g.conn.server.state === 'ESTABLISHED' && g.conn.client.state === 'ESTABLISHED' && g.wire.length === 0,
  ).catch((e: Error) => {
    // what the nodes logged (a wake-up that failed, a store that timed out) says why
    const logs = nodes.map((n) => `node ${n.name}:\n${n.output().slice(-3000)}`).join('\n');
    throw new Error(`${e.message}\n${logs}`);
  });
  await server.waitFor((c) => c.view?.version === game.version, 'the stored game');
  return { seats, before: game };
}

/** The server's FINs in a game's log, sent by the player (not retransmissions). */
function finsSent(g: Game): number {
  return g.log.filter(
    (e) => e.type === 'send' && e.side === 'server' && e.segment.flags & 0x01 && !e.retransmission,
  ).length;
}

type Outcome = { code: string; move: MovePayload; moveId: string; basedOn: number };

async function burst(fault: () => Promise<void> | void, heal: () => Promise<void>): Promise<void> {
  const games = [];
  for (let i = 0; i < GAMES; i++) games.push(await gameToClose(i));
  const sends = games.map(({ seats }, i) => {
    const v = seats.server.view!;
    const move = toMovePayload(movesFromView(v)[0]!);
    const moveId = `burst-${Date.now()}-${i}`;
    return seats.server
      .request('game:move', { move, moveId, basedOn: v.version })
      .then((r): Outcome => ({ code: r.ok ? 'ACCEPTED' : r.error.code, move, moveId, basedOn: v.version }));
  });
  await new Promise((r) => setTimeout(r, LEAD_MS));
  await fault();
  const first = await Promise.all(sends);
  await heal();
  const { nodes, reader } = cluster;
  for (const n of nodes)
    await waitLong(async () => (await fetch(`${n.url}/healthz`)).status === 200, `node ${n.name} back`);
  // anything Redis still held runs now; give it time to show before reading the games
  await new Promise((r) => setTimeout(r, 500));
  const tally: Record<string, number> = {};
  for (const [i, o] of first.entries()) {
    tally[o.code] = (tally[o.code] ?? 0) + 1;
    const { seats, before } = games[i]!;
    const stored = (await reader.stores.games.get(before.id))!;
    if (o.code === 'ACCEPTED') {
      expect(finsSent(stored)).toBe(1);
    } else if (o.code === 'OUTCOME_UNKNOWN') {
      // the same move with the same id settles it: accepted, applied exactly once
      const again = await seats.server.request('game:move', {
        move: o.move,
        moveId: o.moveId,
        basedOn: o.basedOn,
      });
      expect(again.ok ? 'ACCEPTED' : again.error.code).toBe('ACCEPTED');
      const settled = (await reader.stores.games.get(before.id))!;
      expect(finsSent(settled)).toBe(1);
    } else {
      // "nothing changed" must be true: never applied, not now and not later
      expect(['STORE_UNAVAILABLE', 'RATE_LIMITED']).toContain(o.code);
      expect(finsSent(stored)).toBe(0);
      expect(stored.log).toEqual(before.log);
    }
  }
  // a second sending of every accepted move's id is answered the same and changes nothing
  for (const [i, o] of first.entries()) {
    if (o.code !== 'ACCEPTED') continue;
    const { seats, before } = games[i]!;
    const again = await seats.server.request('game:move', {
      move: o.move,
      moveId: o.moveId,
      basedOn: o.basedOn,
    });
    expect(again.ok).toBe(true);
    expect(finsSent((await reader.stores.games.get(before.id))!)).toBe(1);
  }
  // say what the run saw, for the note (not asserted: which answer each move gets depends on timing)
  console.info(`burst answers: ${JSON.stringify(tally)}`);
  expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(GAMES);
}

test('SIGSTOP for 2 s: no answer lies, nothing applied twice, nothing lost', async () => {
  await burst(
    () => cluster.redis.pause(),
    async () => {
      await new Promise((r) => setTimeout(r, 2000));
      cluster.redis.resume();
    },
  );
});

test('SIGKILL and a restart from the append-only file: the same', async () => {
  await burst(
    () => cluster.redis.kill(),
    () => cluster.redis.restart(),
  );
});
