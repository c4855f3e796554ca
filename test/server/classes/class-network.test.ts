/**
 * The teacher as the network: drop, delay or duplicate one chosen in-flight segment of one pair,
 * or the newest in-flight segment of every pair; the players' games (stored state and views) show
 * the effect, and the refusals name what was wrong.
 */
import type { Game } from '../../../shared/game/game-types';
import { Harness } from '../../helpers/server-harness';
import {
  storedClass,
  twoPairsListening,
  type ClassSetup,
  type RoundPair,
  setupClass,
} from '../../helpers/class-harness';

const FLIGHT = 1000;
const RTO = 5000;
const ROUND = { scenarios: ['three-way-handshake'], durationMs: 30 * 60_000 };

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ config: { dashboardMs: 0 }, settings: { flightMs: FLIGHT, rtoMs: RTO } });
});
afterEach(async () => {
  await h.close();
});

const refused = (code: string) => ({ ok: false, error: expect.objectContaining({ code }) });

/** Four students in two pairs (s1 client of s2, s3 client of s4), each with its SYN in flight. */
async function twoPairsWithSyn(): Promise<{ setup: ClassSetup; pairs: RoundPair[] }> {
  const { setup, pairs } = await twoPairsListening(h, ROUND);
  for (const p of pairs) expect((await p.client.playCorrect()).ok).toBe(true);
  await h.sync(pairs.flatMap((p) => [p.client, p.server]));
  for (const p of pairs) expect((await game(p)).wire).toHaveLength(1);
  return { setup, pairs };
}

async function game(p: RoundPair): Promise<Game> {
  return (await h.stores.games.get(p.gameId))!;
}

function arrivals(g: Game, side: 'client' | 'server'): number {
  return g.log.filter((e) => e.type === 'arrive' && e.side === side).length;
}

test('drop: the segment is shown lost, falls off the wire, and the sender must retransmit when its timer fires', async () => {
  const { setup, pairs } = await twoPairsWithSyn();
  const [p1, p2] = pairs as [RoundPair, RoundPair];
  const before2 = await game(p2);
  const syn = (await game(p1)).wire[0]!;
  const r = await setup.host.c.must('class:network', { pairId: 'pair-1', segmentId: syn.id, action: 'drop' });
  expect(r).toEqual({ affected: 1 });
  await h.sync([p1.client, p1.server]);
  const g = await game(p1);
  expect(g.wire).toEqual([{ ...syn, lost: true }]);
  // both players see it lost; the other pair is untouched
  for (const c of [p1.client, p1.server])
    expect(c.view!.wire).toEqual([expect.objectContaining({ id: syn.id, lost: true })]);
  expect(await game(p2)).toEqual(before2);
  // the dashboard shows it too
  await setup.host.c.waitFor(
    () => setup.host.hostViews.some((v) => v.pairs[0]?.wire[0]?.lost === true),
    'the dashboard to show the lost segment',
  );

  await h.advanceTo(syn.arriveAt);
  await h.sync([p1.client, p1.server]);
  const fell = await game(p1);
  expect(fell.wire).toEqual([]);
  expect(fell.conn.server.state).toBe('LISTEN');
  expect(arrivals(fell, 'server')).toBe(0);
  expect(fell.log.some((e) => e.type === 'lost' && e.segmentId === syn.id)).toBe(true);
  expect(p1.server.view!.log.some((e) => e.type === 'lost' && e.segmentId === syn.id)).toBe(true);

  // the retransmission timer: the client must send the SYN again
  const rto = fell.timers.client.rto!;
  expect(rto).toBe(syn.sentAt + RTO);
  await h.advanceTo(rto);
  await h.sync([p1.client, p1.server]);
  expect((await game(p1)).mustRetransmit.client).toBe(true);
  expect(p1.client.view!.you.mustRetransmit).toBe(true);
  expect(p1.client.view!.you.canAct).toBe(true);
  expect((await p1.client.playCorrect()).ok).toBe(true);
  await h.sync([p1.client, p1.server]);
  const again = await game(p1);
  const resent = again.log.filter((e) => e.type === 'send' && e.side === 'client');
  expect(resent).toHaveLength(2);
  expect(resent[1]).toMatchObject({ retransmission: true, segment: syn.segment });
  await h.advanceTo(again.wire[0]!.arriveAt);
  await h.sync([p1.client, p1.server]);
  expect((await game(p1)).conn.server.state).toBe('SYN_RCVD');
});

test('delay: the segment arrives one flight later, as both players see', async () => {
  const { setup, pairs } = await twoPairsWithSyn();
  const p = pairs[1]!;
  const syn = (await game(p)).wire[0]!;
  expect(
    (await setup.host.c.must('class:network', { pairId: 'pair-2', segmentId: syn.id, action: 'delay' }))
      .affected,
  ).toBe(1);
  await h.sync([p.client, p.server]);
  expect((await game(p)).wire).toEqual([{ ...syn, arriveAt: syn.arriveAt + FLIGHT }]);
  for (const c of [p.client, p.server]) expect(c.view!.wire[0]!.arriveAt).toBe(syn.arriveAt + FLIGHT);
  // at the old time nothing arrives; one flight later it does
  await h.advanceTo(syn.arriveAt);
  await h.sync([p.client, p.server]);
  expect((await game(p)).conn.server.state).toBe('LISTEN');
  await h.advanceTo(syn.arriveAt + FLIGHT);
  await h.sync([p.client, p.server]);
  const g = await game(p);
  expect(g.conn.server.state).toBe('SYN_RCVD');
  expect(g.log.find((e) => e.type === 'arrive' && e.side === 'server')).toMatchObject({
    t: syn.arriveAt + FLIGHT,
  });
});

test('duplicate: a copy is in flight behind the original and the receiver gets the segment twice', async () => {
  const { setup, pairs } = await twoPairsWithSyn();
  const p = pairs[0]!;
  const syn = (await game(p)).wire[0]!;
  expect(
    (await setup.host.c.must('class:network', { pairId: 'pair-1', segmentId: syn.id, action: 'duplicate' }))
      .affected,
  ).toBe(1);
  await h.sync([p.client, p.server]);
  const g = await game(p);
  expect(g.wire).toHaveLength(2);
  const copy = g.wire.find((w) => w.id !== syn.id)!;
  expect(copy).toMatchObject({ from: 'client', segment: syn.segment, lost: false });
  expect(copy.arriveAt).toBeGreaterThan(syn.arriveAt);
  expect(p.server.view!.wire).toHaveLength(2);
  await h.advanceTo(copy.arriveAt);
  await h.sync([p.client, p.server]);
  const after = await game(p);
  const got = after.log.filter((e) => e.type === 'arrive' && e.side === 'server');
  expect(got).toHaveLength(2);
  expect(got.map((e) => (e.type === 'arrive' ? e.segment : null))).toEqual([syn.segment, syn.segment]);
  expect(p.server.view!.log.filter((e) => e.type === 'arrive' && e.side === 'server')).toHaveLength(2);
});

test("'all' changes every pair's newest in-flight segment; pairs with nothing in flight are left alone", async () => {
  const { setup, pairs } = await twoPairsWithSyn();
  const [p1, p2] = pairs as [RoundPair, RoundPair];
  // pair-2's SYN arrives and its SYN,ACK goes out: pair-2 has exactly one (new) segment in flight
  const syn2 = (await game(p2)).wire[0]!;
  const syn1 = (await game(p1)).wire[0]!;
  expect(syn1.arriveAt).toBe(syn2.arriveAt);
  expect(
    (await setup.host.c.must('class:network', { pairId: 'pair-1', segmentId: syn1.id, action: 'delay' }))
      .affected,
  ).toBe(1);
  await h.advanceTo(syn2.arriveAt);
  await h.sync([p2.client, p2.server]);
  expect((await p2.server.playCorrect()).ok).toBe(true);
  await h.sync([p1.client, p1.server, p2.client, p2.server]);
  const synAck = (await game(p2)).wire[0]!;
  expect(synAck.from).toBe('server');

  const r = await setup.host.c.must('class:network', { pairId: 'all', segmentId: 999, action: 'drop' });
  expect(r.affected).toBe(2);
  await h.sync([p1.client, p1.server, p2.client, p2.server]);
  expect((await game(p1)).wire.map((w) => [w.id, w.lost])).toEqual([[syn1.id, true]]);
  expect((await game(p2)).wire.map((w) => [w.id, w.lost])).toEqual([[synAck.id, true]]);

  // once everything is lost nothing is left to change: 'all' affects none, one pair is refused
  expect((await setup.host.c.must('class:network', { pairId: 'all', action: 'duplicate' })).affected).toBe(0);
  expect(
    await setup.host.c.request('class:network', { pairId: 'pair-1', segmentId: syn1.id, action: 'drop' }),
  ).toEqual(refused('SEGMENT_NOT_FOUND'));
});

test('with several segments in flight, the chosen one is changed and the others are not', async () => {
  const { setup, pairs } = await twoPairsWithSyn();
  const p = pairs[0]!;
  const syn = (await game(p)).wire[0]!;
  await setup.host.c.must('class:network', { pairId: 'pair-1', segmentId: syn.id, action: 'duplicate' });
  const copy = (await game(p)).wire.find((w) => w.id !== syn.id)!;
  // 'all' takes the newest: the copy; the original is then dropped by its id
  await setup.host.c.must('class:network', { pairId: 'all', action: 'delay' });
  await setup.host.c.must('class:network', { pairId: 'pair-1', segmentId: syn.id, action: 'drop' });
  const g = await game(p);
  expect(g.wire.find((w) => w.id === syn.id)).toMatchObject({ lost: true, arriveAt: syn.arriveAt });
  expect(g.wire.find((w) => w.id === copy.id)).toMatchObject({
    lost: false,
    arriveAt: copy.arriveAt + FLIGHT,
  });
});

test('refusals: an unknown pair, a segment not in flight, no round running; nothing changes', async () => {
  const { setup, pairs } = await twoPairsWithSyn();
  const snapshot = await Promise.all(pairs.map(game));
  const host = setup.host.c;
  expect(await host.request('class:network', { pairId: 'pair-9', segmentId: 1, action: 'drop' })).toEqual(
    refused('PAIR_NOT_FOUND'),
  );
  expect(await host.request('class:network', { pairId: 'pair-1', segmentId: 12345, action: 'drop' })).toEqual(
    refused('SEGMENT_NOT_FOUND'),
  );
  expect(await host.request('class:network', { pairId: 'pair-1', action: 'drop' })).toEqual({
    ok: true,
    data: { affected: 1 },
  });
  expect(await Promise.all(pairs.map(game))).not.toEqual(snapshot);
  // a student is no network
  expect(await pairs[1]!.client.request('class:network', { pairId: 'all', action: 'drop' })).toEqual(
    refused('NOT_HOST'),
  );
  expect((await game(pairs[1]!)).wire[0]!.lost).toBe(false);
  await host.must('class:round:end', {});
  await h.app.idle();
  expect(await host.request('class:network', { pairId: 'all', action: 'drop' })).toEqual(refused('NO_ROUND'));
  expect((await storedClass(h, setup.classId)).round?.phase).toBe('ended');
});

test('no round yet: NO_ROUND', async () => {
  const setup = await setupClass(h, 2);
  expect(
    await setup.host.c.request('class:network', { pairId: 'pair-1', segmentId: 1, action: 'delay' }),
  ).toEqual(refused('NO_ROUND'));
});
