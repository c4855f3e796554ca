/**
 * Freeze and ask (class:freeze): the teacher freezes one pair's game where it stands, its students
 * see it paused and cannot move, the other pairs play on; unfreezing resumes it (unless the round
 * is paused), a round resumed keeps a frozen pair frozen; bad payloads and refusals change nothing.
 */
import type { Game } from '../../../shared/game/game-types';
import { Harness } from '../../helpers/server-harness';
import {
  storedClass,
  twoPairsListening as twoPairsListeningIn,
  type RoundPair,
  setupClass,
} from '../../helpers/class-harness';

const ROUND = { scenarios: ['three-way-handshake'], durationMs: 30 * 60_000 };

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ config: { dashboardMs: 0 }, settings: { flightMs: 1000 } });
});
afterEach(async () => {
  await h.close();
});

const refused = (code: string) => ({ ok: false, error: expect.objectContaining({ code }) });

const twoPairsListening = () => twoPairsListeningIn(h, ROUND);

async function game(id: string): Promise<Game> {
  return (await h.stores.games.get(id))!;
}

test("freeze pauses one pair's game (its students see it paused, a move is refused), unfreeze resumes it", async () => {
  const { setup, pairs } = await twoPairsListening();
  const [p1, p2] = pairs as [RoundPair, RoundPair];
  const r = await setup.host.c.request('class:freeze', { pairId: 'pair-1', frozen: true });
  expect(r).toEqual({ ok: true, data: { pairId: 'pair-1', frozen: true } });
  expect((await game(p1.gameId)).pausedAt).not.toBeNull();
  expect((await game(p2.gameId)).pausedAt).toBeNull();
  for (const c of [p1.client, p1.server]) await c.waitFor(() => c.view?.paused === true, 'paused view');
  await setup.host.c.waitFor(
    () => setup.host.hostViews.at(-1)?.pairs.find((p) => p.pairId === 'pair-1')?.frozen === true,
    'the dashboard shows it frozen',
  );
  // the frozen pair cannot move; the other pair plays on
  const refusedMove = await p1.client.playCorrect();
  expect(refusedMove.ok).toBe(false);
  expect((await p2.client.playCorrect()).ok).toBe(true);
  // freezing again changes nothing
  const v = (await game(p1.gameId)).version;
  expect(await setup.host.c.request('class:freeze', { pairId: 'pair-1', frozen: true })).toEqual({
    ok: true,
    data: { pairId: 'pair-1', frozen: true },
  });
  expect((await game(p1.gameId)).version).toBe(v);

  await setup.host.c.must('class:freeze', { pairId: 'pair-1', frozen: false });
  expect((await game(p1.gameId)).pausedAt).toBeNull();
  for (const c of [p1.client, p1.server]) await c.waitFor(() => c.view?.paused === false, 'resumed view');
  expect((await p1.client.playCorrect()).ok).toBe(true);
  expect((await storedClass(h, setup.classId)).round!.pairs[0]!.frozen).toBe(false);
});

test('a frozen pair stays frozen when the round resumes; unfreezing while the round is paused keeps it paused', async () => {
  const { setup, pairs } = await twoPairsListening();
  const [p1, p2] = pairs as [RoundPair, RoundPair];
  await setup.host.c.must('class:freeze', { pairId: 'pair-1', frozen: true });
  await setup.host.c.must('class:round:pause', {});
  await setup.host.c.must('class:round:resume', {});
  expect((await game(p1.gameId)).pausedAt).not.toBeNull();
  expect((await game(p2.gameId)).pausedAt).toBeNull();

  await setup.host.c.must('class:round:pause', {});
  await setup.host.c.must('class:freeze', { pairId: 'pair-1', frozen: false });
  expect((await game(p1.gameId)).pausedAt).not.toBeNull();
  await setup.host.c.must('class:round:resume', {});
  expect((await game(p1.gameId)).pausedAt).toBeNull();
  expect((await game(p2.gameId)).pausedAt).toBeNull();
});

test.each([
  ['no pairId', { frozen: true }, 'BAD_PAYLOAD'],
  ['frozen not a boolean', { pairId: 'pair-1', frozen: 'yes' }, 'BAD_PAYLOAD'],
  ['an extra field', { pairId: 'pair-1', frozen: true, side: 'client' }, 'BAD_PAYLOAD'],
  ['an empty pairId', { pairId: '', frozen: true }, 'BAD_PAYLOAD'],
  ['no payload', null, 'BAD_PAYLOAD'],
  ['an unknown pair', { pairId: 'pair-9', frozen: true }, 'PAIR_NOT_FOUND'],
])('refused (%s) with %s: nothing changes, the students are sent nothing', async (_name, payload, code) => {
  const { setup, pairs } = await twoPairsListening();
  const before = await storedClass(h, setup.classId);
  const games = await Promise.all(pairs.map((p) => game(p.gameId)));
  const seen = pairs.flatMap((p) => [p.client.updates.length, p.server.updates.length]);
  const r = await setup.host.c.request('class:freeze', payload);
  expect(r).toEqual(refused(code));
  await h.app.idle();
  expect(await storedClass(h, setup.classId)).toEqual(before);
  expect(await Promise.all(pairs.map((p) => game(p.gameId)))).toEqual(games);
  expect(pairs.flatMap((p) => [p.client.updates.length, p.server.updates.length])).toEqual(seen);
});

test('without a round: NO_ROUND', async () => {
  const setup = await setupClass(h, 2);
  expect(await setup.host.c.request('class:freeze', { pairId: 'pair-1', frozen: true })).toEqual(
    refused('NO_ROUND'),
  );
});
