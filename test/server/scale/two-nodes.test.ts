/**
 * Two game nodes in this process on one real redis-server (each its own Redis connections and
 * port, one shared manual clock): the two players of a game sit on different nodes, and every
 * player also has a second tab on the other node that sends the same move at the same moment,
 * so the nodes race on the same game. No move may be lost or applied twice.
 */
import { movesFromView } from '../../../shared/game/game-view';
import type { Side } from '../../../shared/tcp/types';
import type { ScenarioId } from '../../../shared/scenarios/scenarios';
import { ManualClock } from '../../../server/clock';
import { toMovePayload } from '../../../server/games/move-payload';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server';
import { caughtUp, earliestDeadline, waitUntil, type TestClient } from '../../helpers/server-harness';
import { connectPlayer, startNode, type InProcessNode } from './cluster-nodes';

let redis: RedisServer;
let a: InProcessNode;
let b: InProcessNode;
const clock = new ManualClock(1_000_000);
const clients: TestClient[] = [];
const prefix = `race:${process.pid}:`;

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

/** Both nodes idle, and every connection holds what it must of the stored version of its game. */
async function sync(conns: TestClient[]): Promise<void> {
  await Promise.all([a.app.idle(), b.app.idle()]);
  for (const c of conns) {
    await waitUntil(async () => {
      const id = c.view?.gameId;
      if (!id) return false;
      const g = await a.stores.games.get(id);
      // the stored version, or all of it but its own segments' landing (see caughtUp)
      const held = g && caughtUp(c.view, g, clock.now());
      if (held) c.view = held;
      return !!held;
    }, 'every connection to hold the stored version');
  }
}

/** A new game between a player on node A (the client) and one on node B, each with a tab on the other node. */
async function crossPair(scenario: ScenarioId): Promise<Record<Side, TestClient[]>> {
  const client = await connectPlayer(a.url, { clients });
  const server = await connectPlayer(b.url, { clients });
  const { code } = await client.must('match:private:create', { scenario, role: 'client' });
  await server.must('match:private:join', { code });
  const client2 = await connectPlayer(b.url, { token: client.session!.token, clients });
  const server2 = await connectPlayer(a.url, { token: server.session!.token, clients });
  return { client: [client, client2], server: [server, server2] };
}

/**
 * Plays the game to its end; whoever may act sends its first correct move from both of its tabs
 * at once (one per node). Returns how many moves each side had accepted.
 */
async function raceOut(seats: Record<Side, TestClient[]>): Promise<Record<Side, number>> {
  const accepted: Record<Side, number> = { client: 0, server: 0 };
  const all = [...seats.client, ...seats.server];
  for (let step = 0; step < 300; step++) {
    await sync(all);
    const views = (['client', 'server'] as const).map((s) => seats[s][0]!.view!);
    if (views.every((v) => v.phase === 'finished')) return accepted;
    const movers = (['client', 'server'] as const).filter((s) => {
      const v = seats[s][0]!.view!;
      return v.phase === 'playing' && v.you.canAct;
    });
    if (movers.length > 0) {
      await Promise.all(
        movers.flatMap((side) => {
          const move = movesFromView(seats[side][0]!.view!, 1000 + step * 7919)[0]!;
          return seats[side].map(async (tab) => {
            const r = await tab.request('game:move', { move: toMovePayload(move) });
            if (r.ok) accepted[side]++;
          });
        }),
      );
      continue;
    }
    const next = earliestDeadline(views);
    clock.advanceTo(next !== null && next > clock.now() ? next : clock.now() + 1000);
  }
  throw new Error('the game did not finish in 300 steps');
}

test.each<ScenarioId>(['three-way-handshake', 'client-closes-first', 'simultaneous-close', 'lost-last-ack'])(
  '%s: players on two nodes, each move raced from two nodes: none lost, none applied twice',
  async (scenario) => {
    const seats = await crossPair(scenario);
    const accepted = await raceOut(seats);
    const id = seats.client[0]!.view!.gameId;
    const g = (await b.stores.games.get(id))!;
    expect(g.phase).toBe('finished');
    expect(g.result?.goalMet).toBe(true);
    // every accepted move counted once in the stored game, and no other
    expect(g.score.client.correct).toBe(accepted.client);
    expect(g.score.server.correct).toBe(accepted.server);
    expect(accepted.client).toBeGreaterThan(0);
    expect(accepted.server).toBeGreaterThan(0);
    // both tabs of both players, on both nodes, saw the same final game
    for (const tab of [...seats.client, ...seats.server]) expect(tab.view!.version).toBe(g.version);
    for (const tab of [...seats.client, ...seats.server]) tab.close();
  },
);

test('a wake-up (TIME_WAIT) set by one node and raced by both runs exactly once', async () => {
  const seats = await crossPair('piggybacked-teardown');
  const all = [...seats.client, ...seats.server];
  // up to TIME_WAIT: the client waits there, nothing else can happen before its timer
  for (let step = 0; step < 100; step++) {
    await sync(all);
    const v = seats.client[0]!.view!;
    if (v.you.record.state === 'TIME_WAIT' && !v.you.canAct) break;
    const mover = all.find((t) => t.view!.phase === 'playing' && t.view!.you.canAct);
    if (mover) {
      const r = await mover.playCorrect(1000 + step);
      expect(r.ok).toBe(true);
    } else {
      const next = earliestDeadline(all.map((t) => t.view!));
      clock.advanceTo(next !== null && next > clock.now() ? next : clock.now() + 1000);
    }
  }
  const expiry = seats.client[0]!.view!.you.timers.timeWait!;
  expect(expiry).not.toBeNull();
  // both nodes armed a timer for it (one set it, the other heard of it)
  clock.advanceTo(expiry);
  await sync(all);
  const g = (await a.stores.games.get(seats.client[0]!.view!.gameId))!;
  expect(g.phase).toBe('finished');
  expect(g.log.filter((e) => e.type === 'timer' && e.timer === 'time-wait')).toHaveLength(1);
  for (const tab of all) tab.close();
});

test('a game changed on one node is no longer kept on the other, which reads it for its next move', async () => {
  const client = await connectPlayer(a.url, { clients });
  const server = await connectPlayer(b.url, { clients });
  const { code } = await client.must('match:private:create', {
    scenario: 'three-way-handshake',
    role: 'client',
  });
  await server.must('match:private:join', { code });
  const all = [client, server];
  await sync(all);
  const id = client.view!.gameId;
  // the server listens (on node B), then the client sends its SYN from node A, which keeps the game
  expect((await server.playCorrect(1)).ok).toBe(true);
  await sync(all);
  expect((await client.playCorrect(2)).ok).toBe(true);
  await sync(all);
  expect(a.app.ctx.games.lastSaved(id)?.version).toBe((await a.stores.games.get(id))!.version);
  // the SYN lands (whichever node runs the wake-up), and the server answers from node B
  clock.advanceTo(earliestDeadline(all.map((t) => t.view!))!);
  await sync(all);
  expect((await server.playCorrect(3)).ok).toBe(true);
  await sync(all);
  // node A heard node B's update to the client's seat: its copy is let go, not left to fail a
  // compare-and-set at the client's next move
  expect(a.app.ctx.games.lastSaved(id)).toBeUndefined();
  clock.advanceTo(earliestDeadline(all.map((t) => t.view!))!);
  await sync(all);
  expect((await client.playCorrect(4)).ok).toBe(true);
  await sync(all);
  expect(a.app.ctx.games.lastSaved(id)?.version).toBe((await a.stores.games.get(id))!.version);
  for (const t of all) t.close();
});

test('every key the two nodes wrote is under their prefix and has a time to live', async () => {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await a.redis.commands.scan(cursor, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  // games, sessions, the scheduler's keys at least
  expect(keys.some((k) => k.startsWith(`${prefix}game:`))).toBe(true);
  expect(keys.some((k) => k.startsWith(`${prefix}session:`))).toBe(true);
  expect(keys.some((k) => k.startsWith(`${prefix}sched:`))).toBe(true);
  for (const k of keys) {
    expect(k.startsWith(prefix)).toBe(true);
    // the key named, so a failure says which one lives for ever (-1); one gone meanwhile (-2: a
    // node's last connection closed) lives no more
    const ttl = await a.redis.commands.pttl(k);
    expect({ key: k, ttlPositive: ttl > 0 || ttl === -2 }).toEqual({
      key: k,
      ttlPositive: true,
    });
  }
});
