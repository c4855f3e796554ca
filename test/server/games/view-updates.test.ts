/**
 * Game updates say only what changed (ViewDelta, shared/game/view-delta.ts): a client that applies
 * them in order, as the browser client and this harness do, holds exactly the view game:state
 * answers, in every scenario; one that misses an update sees the gap and asks for the whole view;
 * a move answered BUSY changes nothing.
 */
import { toMovePayload } from '../../../server/games/move-payload';
import { correctMoves } from '../../../shared/game/game-engine';
import { isDelta, type GameUpdate } from '../../../shared/game/view-delta';
import { SCENARIO_IDS } from '../../../shared/scenarios/scenarios';
import type { GameView } from '../../../shared/game/game-view';
import { Harness, playOut, waitUntil, type TestClient } from '../../helpers/server-harness';

/**
 * What the client built from the updates alone (no game:state applied) must be the whole state the
 * server answers game:state with, its clock aside, once the client holds the stored version.
 */
async function expectWhole(h: Harness, c: TestClient): Promise<void> {
  const id = c.view!.gameId;
  await waitUntil(
    async () => c.view!.version === (await h.stores.games.get(id))?.version,
    'the client to hold the stored version',
  );
  const held = c.view!;
  const r = (await c.raw.timeout(5000).emitWithAck('game:state', {})) as {
    ok: true;
    data: { game: GameView };
  };
  expect(r.ok).toBe(true);
  expect({ ...held, serverNow: 0 }).toEqual({ ...r.data.game, serverNow: 0 });
}

function bytes(u: GameUpdate): number {
  return JSON.stringify(u).length;
}

describe('updates applied in order', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  test.each(SCENARIO_IDS)('%s: both players end with the view game:state returns', async (scenario) => {
    const a = await h.connect({ lang: 'en' });
    const b = await h.connect({ lang: 'zh-CN' });
    const { code } = await a.must('match:private:create', { scenario, role: 'client' });
    await b.must('match:private:join', { code });
    await playOut(h, [a, b]);
    await h.app.idle();
    for (const c of [a, b]) {
      expect(c.gaps).toEqual([]);
      await expectWhole(h, c);
    }
    // after the first whole view, every update was a delta, and none repeats the static fields
    const received = [...a.received, ...b.received];
    const deltas = received.filter(isDelta);
    expect(deltas.length).toBeGreaterThan(received.length - 4);
    for (const d of deltas) expect(Object.keys(d)).not.toEqual(expect.arrayContaining(['scenarioId']));
    const mean = deltas.reduce((n, d) => n + bytes(d), 0) / deltas.length;
    const whole = await a.must('game:state', {});
    expect(mean).toBeLessThan(bytes(whole.game!) / 2);
  });

  test('a refused move is told to its mover alone; the peer learns of it with the next update', async () => {
    const a = await h.connect({ lang: 'en' });
    const b = await h.connect({ lang: 'en' });
    const { code } = await a.must('match:private:create', {
      scenario: 'client-closes-first',
      role: 'client',
    });
    await b.must('match:private:join', { code });
    await playOut(h, [a, b], ([, vb]) => vb!.you.record.owed === 'syn-ack' && vb!.you.canAct);
    const logBefore = b.view!.log.length;
    const good = correctMoves((await h.stores.games.get(b.view!.gameId))!, 'server', 5000)[0]!;
    if (good.kind !== 'segment') throw new Error('a segment was expected');
    const wrong = { ...good, segment: { ...good.segment, ack: good.segment.ack - 1 } };
    const aUpdates = a.updates.length;
    expect((await b.request('game:move', { move: toMovePayload(wrong) })).ok).toBe(false);
    await h.app.idle();
    for (const c of [a, b]) expect((await c.request('game:hint', {})).ok).toBe(false);
    expect(b.view!.log.length).toBe(logBefore + 1);
    expect(b.view!.log.at(-1)!.type).toBe('refused');
    expect(a.updates.length).toBe(aUpdates);

    // the right one: its answer is a delta from what b holds, and a learns of the refusal now
    const right = await b.raw.timeout(5000).emitWithAck('game:move', { move: toMovePayload(good) });
    expect(right.ok).toBe(true);
    expect(isDelta(right.data.game)).toBe(true);
    expect(right.data.game.from).toBe(b.view!.version);
    await h.sync([a]);
    expect(a.view!.log.some((e) => e.type === 'refused' && e.side === 'server' && e.code === undefined)).toBe(
      true,
    );
    await expectWhole(h, a);
  });

  test('a client that misses an update sees the gap, asks for the whole view, and goes on', async () => {
    const a = await h.connect({ lang: 'en' });
    const b = await h.connect({ lang: 'en' });
    const { code } = await a.must('match:private:create', {
      scenario: 'three-way-handshake',
      role: 'client',
    });
    await b.must('match:private:join', { code });
    await b.must('game:move', { move: { kind: 'call', call: 'listen' } });
    await h.sync([a, b]);
    // b's listen reached a as an update; a misses the next one (its connect() answered to it, so
    // the SYN's landing at b is the next change a sees: b's state goes to SYN_RCVD, sent to a once
    // the landing notice's wait is over)
    a.dropUpdates = 1;
    const before = a.received.length;
    await a.playCorrect();
    await h.advanceBy(1000);
    await h.settle();
    await h.advanceBy(h.config.landingNoticeMs);
    await a.waitFor((c) => c.received.length > before, 'the update a misses');
    expect(a.dropUpdates).toBe(0);
    // b's SYN,ACK is the next update a gets: it follows the one a missed
    await h.sync([b]);
    const missed = a.view!.version;
    await b.playCorrect();
    await a.waitFor((c) => c.gaps.length > 0 && c.view!.version > missed + 1, 'a to take the whole view');
    await playOut(h, [a, b]);
    await h.app.idle();
    expect(a.gaps.length).toBeGreaterThan(0);
    expect(b.gaps).toEqual([]);
    for (const c of [a, b]) await expectWhole(h, c);
  });
});

describe('BUSY', () => {
  let h: Harness;
  let lag = 0;
  beforeAll(async () => {
    h = await Harness.start({ config: { busyLagMs: 100, busyRetryMs: 300 }, lag: () => lag });
  });
  afterAll(async () => {
    await h.close();
  });

  test('a move while the event loop lags past the bound is answered BUSY and changes nothing', async () => {
    const [a, b] = await h.listeningPair();
    const stored = await h.stores.games.get(a.view!.gameId);
    const heldA = a.view;
    const bUpdates = b.received.length;
    lag = 150;
    const r = await a.playCorrect();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BUSY');
    expect(r.error.retryAfterMs).toBe(300);
    expect(r.error.message).toMatch(/busy/i);
    await h.flush([a, b]);
    expect(await h.stores.games.get(a.view!.gameId)).toEqual(stored);
    expect(a.view).toEqual(heldA);
    expect(b.received.length).toBe(bUpdates);

    // the same move with the same id once the lag is gone: applied, once
    lag = 0;
    const moveId = 'a'.repeat(32);
    lag = 150;
    const move = { move: { kind: 'call', call: 'connect' }, basedOn: a.view!.version, moveId };
    expect((await a.request('game:move', move)).ok).toBe(false);
    lag = 0;
    expect((await a.request('game:move', move)).ok).toBe(true);
    expect((await a.request('game:move', move)).ok).toBe(true);
    await h.sync([a, b]);
    expect((await h.stores.games.get(a.view!.gameId))!.version).toBe(stored!.version + 1);
  });
});
