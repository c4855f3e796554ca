/**
 * The teacher as the network, armed ahead (class:network with `when: 'next'`): the action waits,
 * shown on the dashboard only, for the next segment the chosen side of one pair (or of every pair)
 * sends, then drops, delays or duplicates that segment; 'cancel' disarms; the students are sent
 * nothing when it is armed and never see what is armed; bad payloads and refusals change nothing.
 */
import type { HostView } from '../../../shared/class/class-types';
import type { Game } from '../../../shared/game/game-types';
import { Harness } from '../../helpers/server-harness';
import {
  storedClass,
  twoPairsListening as twoPairsListeningIn,
  type RoundPair,
  setupClass,
  type ClassSetup,
} from '../../helpers/class-harness';

const FLIGHT = 1000;
const ROUND = { scenarios: ['three-way-handshake'], durationMs: 30 * 60_000 };

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ config: { dashboardMs: 0 }, settings: { flightMs: FLIGHT } });
});
afterEach(async () => {
  await h.close();
});

const refused = (code: string) => ({ ok: false, error: expect.objectContaining({ code }) });

const twoPairsListening = () => twoPairsListeningIn(h, ROUND);

async function game(p: RoundPair): Promise<Game> {
  return (await h.stores.games.get(p.gameId))!;
}

/** What every student has received so far (game views and class views). */
function received(pairs: RoundPair[]): number[] {
  return pairs.flatMap((p) => [p.client.updates.length, p.server.updates.length]);
}

/** The newest dashboard the host received. */
function dashboard(setup: ClassSetup): HostView {
  return setup.host.hostViews.at(-1)!;
}

test("drop armed for one pair's client: shown armed on the dashboard only, then its SYN is lost, the other pair untouched", async () => {
  const { setup, pairs } = await twoPairsListening();
  const [p1, p2] = pairs as [RoundPair, RoundPair];
  const seen = received(pairs);
  const before = await game(p1);
  const r = await setup.host.c.request('class:network', {
    pairId: 'pair-1',
    when: 'next',
    side: 'client',
    action: 'drop',
  });
  expect(r).toEqual({
    ok: true,
    data: { affected: 1, armed: [{ pairId: 'pair-1', side: 'client', action: 'drop' }] },
  });
  await h.app.idle();
  const armed = await game(p1);
  expect(armed.version).toBe(before.version + 1);
  expect(armed.armed.client).toMatchObject({ action: 'drop', fired: null });
  expect(armed.wire).toEqual([]);
  // the students are sent nothing, and nothing they hold names it
  expect(received(pairs)).toEqual(seen);
  for (const p of pairs)
    for (const c of [p.client, p.server]) expect(JSON.stringify(c.view)).not.toMatch(/armed/);
  await setup.host.c.waitFor(
    () => dashboard(setup).pairs[0]?.armed.client?.action === 'drop',
    'the dashboard to show the armed drop',
  );
  expect(dashboard(setup).pairs[0]!.armed).toEqual({
    client: { action: 'drop', armedAt: h.clock.now(), fired: null },
    server: null,
  });
  expect(dashboard(setup).pairs[1]!.armed).toEqual({ client: null, server: null });

  // the client connects: its SYN is dropped, pair-2's is not
  for (const p of pairs) expect((await p.client.playCorrect()).ok).toBe(true);
  await h.sync(pairs.flatMap((p) => [p.client, p.server]));
  const g1 = await game(p1);
  const syn = g1.wire[0]!;
  expect(g1.wire).toEqual([expect.objectContaining({ from: 'client', lost: true })]);
  expect(g1.tampered).toBe(true);
  expect((await game(p2)).wire).toEqual([expect.objectContaining({ from: 'client', lost: false })]);
  expect((await game(p2)).tampered).toBe(false);
  await setup.host.c.waitFor(
    () => dashboard(setup).pairs[0]?.armed.client?.fired?.segmentId === syn.id,
    'the dashboard to show what the armed drop hit',
  );
  expect(dashboard(setup).pairs[0]!.armed.client!.fired).toEqual({
    at: syn.sentAt,
    segmentId: syn.id,
    segment: { flags: ['SYN'], seq: syn.segment.seq, ack: 0, len: 0, win: syn.segment.win },
  });
  await h.advanceTo(syn.arriveAt);
  await h.sync([p1.client, p1.server]);
  expect((await game(p1)).conn.server.state).toBe('LISTEN');
  expect(p1.client.view!.log.some((e) => e.type === 'lost' && e.segmentId === syn.id)).toBe(true);
  expect(p1.server.view!.log.some((e) => e.type === 'lost' && e.segmentId === syn.id)).toBe(true);
  expect((await game(p2)).conn.server.state).toBe('SYN_RCVD');
});

test("'all' arms every playing pair; a cancel disarms one; delay and duplicate hit the next segment", async () => {
  const { setup, pairs } = await twoPairsListening();
  const [p1, p2] = pairs as [RoundPair, RoundPair];
  const host = setup.host.c;
  expect(
    await host.must('class:network', { pairId: 'all', when: 'next', side: 'client', action: 'delay' }),
  ).toEqual({
    affected: 2,
    armed: [
      { pairId: 'pair-1', side: 'client', action: 'delay' },
      { pairId: 'pair-2', side: 'client', action: 'delay' },
    ],
  });
  expect(
    await host.must('class:network', { pairId: 'pair-2', when: 'next', side: 'client', action: 'cancel' }),
  ).toEqual({ affected: 1, armed: [{ pairId: 'pair-2', side: 'client', action: null }] });
  expect(
    await host.must('class:network', { pairId: 'all', when: 'next', side: 'server', action: 'duplicate' }),
  ).toMatchObject({ affected: 2 });
  expect((await game(p2)).armed).toEqual({
    client: null,
    server: expect.objectContaining({ action: 'duplicate', fired: null }),
  });

  const t0 = h.clock.now();
  for (const p of pairs) expect((await p.client.playCorrect()).ok).toBe(true);
  await h.sync(pairs.flatMap((p) => [p.client, p.server]));
  expect((await game(p1)).wire).toEqual([expect.objectContaining({ sentAt: t0, arriveAt: t0 + 2 * FLIGHT })]);
  expect((await game(p2)).wire).toEqual([expect.objectContaining({ sentAt: t0, arriveAt: t0 + FLIGHT })]);
  expect(p1.server.view!.wire[0]!.arriveAt).toBe(t0 + 2 * FLIGHT);

  // the servers' SYN,ACKs: each duplicated
  await h.advanceTo(t0 + 2 * FLIGHT);
  await h.sync(pairs.flatMap((p) => [p.client, p.server]));
  for (const p of pairs) {
    expect((await p.server.playCorrect()).ok).toBe(true);
  }
  await h.sync(pairs.flatMap((p) => [p.client, p.server]));
  for (const p of pairs) {
    const g = await game(p);
    const fromServer = g.wire.filter((w) => w.from === 'server');
    expect(fromServer).toHaveLength(2);
    expect(fromServer[1]!.segment).toEqual(fromServer[0]!.segment);
    expect(g.armed.server?.fired?.segmentId).toBe(fromServer[0]!.id);
  }
  // fired: nothing is waiting any more, so arming 'all' again finds both pairs to arm anew
  const again = await host.must('class:network', {
    pairId: 'all',
    when: 'next',
    side: 'server',
    action: 'duplicate',
  });
  expect(again.armed).toEqual([
    { pairId: 'pair-1', side: 'server', action: 'duplicate' },
    { pairId: 'pair-2', side: 'server', action: 'duplicate' },
  ]);
});

test('bad payloads and refusals change nothing and tell the students nothing', async () => {
  const { setup, pairs } = await twoPairsListening();
  const host = setup.host.c;
  const snapshot = await Promise.all(pairs.map(game));
  const seen = received(pairs);
  for (const payload of [
    { pairId: 'pair-1', when: 'next', action: 'drop' },
    { pairId: 'pair-1', when: 'next', side: 'client', segmentId: 3, action: 'drop' },
    { pairId: 'pair-1', side: 'client', action: 'drop' },
    { pairId: 'pair-1', action: 'cancel' },
    { pairId: 'pair-1', when: 'now', action: 'cancel' },
    { pairId: 'pair-1', when: 'later', side: 'client', action: 'drop' },
    { pairId: 'pair-1', when: 'next', side: 'peer', action: 'drop' },
    { pairId: 'pair-1', when: 'next', side: 'client', action: 'corrupt' },
    { pairId: '', when: 'next', side: 'client', action: 'drop' },
  ]) {
    expect({ payload, r: await host.request('class:network', payload) }).toEqual({
      payload,
      r: refused('BAD_PAYLOAD'),
    });
  }
  const noSide = await host.request('class:network', { pairId: 'pair-1', when: 'next', action: 'drop' });
  expect(!noSide.ok && noSide.error.message).toMatch(/side/);
  expect(
    await host.request('class:network', { pairId: 'pair-9', when: 'next', side: 'client', action: 'drop' }),
  ).toEqual(refused('PAIR_NOT_FOUND'));
  expect(
    await pairs[0]!.client.request('class:network', {
      pairId: 'pair-1',
      when: 'next',
      side: 'server',
      action: 'drop',
    }),
  ).toEqual(refused('NOT_HOST'));
  await h.app.idle();
  expect(await Promise.all(pairs.map(game))).toEqual(snapshot);
  expect(received(pairs)).toEqual(seen);

  // a pair whose game is over: GAME_NOT_PLAYING; 'all' skips it
  await host.must('class:kick', { playerId: setup.students[1]!.playerId });
  await h.app.idle();
  expect((await storedClass(h, setup.classId)).round!.pairs[0]!.done).toBe(true);
  expect(
    await host.request('class:network', { pairId: 'pair-1', when: 'next', side: 'client', action: 'drop' }),
  ).toEqual(refused('GAME_NOT_PLAYING'));
  expect(
    await host.must('class:network', { pairId: 'all', when: 'next', side: 'client', action: 'drop' }),
  ).toEqual({ affected: 1, armed: [{ pairId: 'pair-2', side: 'client', action: 'drop' }] });

  await host.must('class:round:end', {});
  await h.app.idle();
  expect(
    await host.request('class:network', { pairId: 'all', when: 'next', side: 'client', action: 'cancel' }),
  ).toEqual(refused('NO_ROUND'));
});

test('no round yet: NO_ROUND', async () => {
  const setup = await setupClass(h, 2);
  expect(
    await setup.host.c.request('class:network', {
      pairId: 'pair-1',
      when: 'next',
      side: 'client',
      action: 'drop',
    }),
  ).toEqual(refused('NO_ROUND'));
});
