/**
 * A segment's wake-up and a move start from the game as this node saved it (no read back from the
 * store), and a kept game that another node has since changed is never trusted over the store's: a
 * failed compare-and-set, or no change at all, makes the change read the game. Runs on both stores.
 */
import type { Game } from '../../../shared/game/game-types';
import { Harness, type TestClient } from '../../helpers/server-harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h.close();
});

/** Two players; the client's SYN is in flight. */
async function synInFlight(): Promise<{ a: TestClient; b: TestClient; g: Game }> {
  const [a, b] = await h.listeningPair();
  expect((await a.playCorrect()).ok).toBe(true);
  await h.sync([a, b]);
  const g = (await h.stores.games.get(a.view!.gameId))!;
  expect(g.wire).toHaveLength(1);
  return { a, b, g };
}

/** How many times the store reads game `id` while `work` runs. */
async function gameReads(id: string, work: () => Promise<unknown>): Promise<number> {
  // counted by hand: the Redis stores are behind a Proxy (store-guard), which jest.spyOn cannot undo
  const store = h.stores.games as { get(id: string): Promise<Game | null> };
  const original = store.get;
  let reads = 0;
  store.get = function (gameId: string) {
    if (gameId === id) reads++;
    return original.call(this, gameId);
  };
  try {
    await work();
  } finally {
    delete (store as Partial<typeof store>).get;
  }
  return reads;
}

test("a segment's arrival is processed from the game as saved, without reading it back", async () => {
  const { a, b, g } = await synInFlight();
  expect(await gameReads(g.id, () => h.advanceTo(g.wire[0]!.arriveAt))).toBe(0);
  await h.sync([a, b]);
  expect(b.view!.you.record.state).toBe('SYN_RCVD');
  expect(b.view!.version).toBe(g.version + 1);
});

test('a move is judged from the game as this node saved it, without reading it back', async () => {
  const { a, b, g } = await synInFlight();
  await h.advanceTo(g.wire[0]!.arriveAt);
  await h.sync([a, b]);
  let answer: { ok: boolean } | undefined;
  expect(await gameReads(g.id, async () => (answer = await b.playCorrect()))).toBe(0);
  expect(answer!.ok).toBe(true);
  const now = (await h.stores.games.get(g.id))!;
  expect(now.version).toBe(g.version + 2);
  expect(now.wire.map((w) => w.from)).toEqual(['server']);
});

test('a move on a kept game another node has changed since: judged again on the stored game', async () => {
  const { a, b, g } = await synInFlight();
  await h.advanceTo(g.wire[0]!.arriveAt);
  await h.sync([a, b]);
  const arrived = (await h.stores.games.get(g.id))!;
  // another node renames the client player in the store (as a newer version)
  const renamed: Game = {
    ...arrived,
    version: arrived.version + 1,
    nicknames: { ...arrived.nicknames, client: 'renamed' },
  };
  expect(await h.stores.games.update(renamed, arrived.version)).toBe(true);
  expect((await b.playCorrect()).ok).toBe(true);
  const now = (await h.stores.games.get(g.id))!;
  expect(now.version).toBe(arrived.version + 2);
  expect(now.nicknames.client).toBe('renamed');
  expect(now.wire.map((w) => w.from)).toEqual(['server']);
});

test('a kept game changed by another node since: the change made there is kept, the arrival too', async () => {
  const { a, b, g } = await synInFlight();
  // another node renames the client player in the store (as a newer version)
  const renamed: Game = { ...g, version: g.version + 1, nicknames: { ...g.nicknames, client: 'renamed' } };
  expect(await h.stores.games.update(renamed, g.version)).toBe(true);
  await h.advanceTo(g.wire[0]!.arriveAt);
  await h.sync([a, b]);
  const now = (await h.stores.games.get(g.id))!;
  expect(now.version).toBe(g.version + 2);
  expect(now.nicknames.client).toBe('renamed');
  expect(now.conn.server.state).toBe('SYN_RCVD');
});

test('a kept game with nothing due is not trusted: what is due in the stored game is done', async () => {
  const { a, b, g } = await synInFlight();
  // another node's version has the SYN land earlier, and that node set the wake-up for it
  const early = g.wire[0]!.arriveAt - 2;
  const moved: Game = {
    ...g,
    version: g.version + 1,
    wire: [{ ...g.wire[0]!, arriveAt: early }],
  };
  expect(await h.stores.games.update(moved, g.version)).toBe(true);
  h.app.ctx.scheduler.set('game', g.id, early);
  // at `early` the kept game has nothing due; the stored one has the arrival
  await h.advanceTo(early);
  await h.sync([a, b]);
  const now = (await h.stores.games.get(g.id))!;
  expect(now.wire).toHaveLength(0);
  expect(now.conn.server.state).toBe('SYN_RCVD');
  expect(now.version).toBe(g.version + 2);
});
