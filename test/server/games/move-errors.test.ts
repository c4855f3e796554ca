import { pauseGame } from '../../../shared/game/game-engine';
import type { Game } from '../../../shared/game/game-types';
import { SCENARIO_TEXTS_EN } from '../../../shared/i18n/scenario-texts.en';
import { Harness, playOut, type TestClient } from '../../helpers/server-harness';

/** CJK ideographs: a message in Chinese. */
const CJK = /[\u4e00-\u9fff]/;

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h.close();
});

const seg = (flags: string[], seq: number, ack: number, len = 0) => ({
  move: { kind: 'segment', segment: { flags, seq, ack, len } },
});

interface Table {
  /** Plays the client, speaks English. */
  a: TestClient;
  /** Plays the server, speaks Chinese. */
  b: TestClient;
  gameId: string;
}

/** A three-way handshake where the server has just received the SYN (seq 1000) and owes a SYN,ACK. */
async function synArrived(): Promise<Table> {
  const a = await h.connect({ lang: 'en' });
  const b = await h.connect({ lang: 'zh-CN' });
  const { code, game } = await a.must('match:private:create', {
    scenario: 'three-way-handshake',
    role: 'client',
  });
  await b.must('match:private:join', { code });
  await b.must('game:move', { move: { kind: 'call', call: 'listen' } });
  await a.must('game:move', seg(['SYN'], 1000, 0));
  await h.advanceBy(h.config.settings.flightMs);
  await h.sync([a, b]);
  expect(b.view!.you.record.owed).toBe('syn-ack');
  return { a, b, gameId: game.gameId };
}

async function stored(id: string): Promise<Game> {
  const g = await h.stores.games.get(id);
  if (!g) throw new Error('game gone');
  return g;
}

/**
 * Sends a bad request from `mover` and checks: the answer's code, nothing sent to `other`, and the
 * stored game unchanged but for what `changed` allows.
 */
async function refused(
  t: Table,
  mover: TestClient,
  other: TestClient,
  event: string,
  payload: unknown,
  code: string,
  mistake: boolean,
) {
  const before = await stored(t.gameId);
  const otherUpdates = other.updates.length;
  const r = await mover.request(event as 'game:move', payload);
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('accepted');
  expect(r.error.code).toBe(code);
  expect(r.error.message.length).toBeGreaterThan(0);
  await h.flush([other, mover]);
  expect(other.updates.length).toBe(otherUpdates);
  const after = await stored(t.gameId);
  const side = mover === t.a ? 'client' : 'server';
  expect(after.conn).toEqual(before.conn);
  expect(after.wire).toEqual(before.wire);
  expect(after.timers).toEqual(before.timers);
  expect(after.planDone).toEqual(before.planDone);
  expect(after.score[side === 'client' ? 'server' : 'client']).toEqual(
    before.score[side === 'client' ? 'server' : 'client'],
  );
  if (mistake) {
    // the mistake is the one change: counted, logged, and the version bumped for it
    expect(after.score[side].mistakes).toBe(before.score[side].mistakes + 1);
    expect(after.score[side].byCode[code as 'ACK_OFF_BY_ONE']).toBe(
      (before.score[side].byCode[code as 'ACK_OFF_BY_ONE'] ?? 0) + 1,
    );
    expect(after.version).toBe(before.version + 1);
  } else {
    expect(after).toEqual(before);
  }
  return r.error;
}

describe('refused moves', () => {
  test('judge refusals of a wrong flag, seq or ack: the code and the explanation in the player language', async () => {
    const t = await synArrived();
    const flag = await refused(t, t.b, t.a, 'game:move', seg(['SYN'], 5000, 0), 'SYN_ACK_MISSING_ACK', true);
    expect(flag).toMatchObject({ field: 'flags', expected: 'SYN,ACK', given: 'SYN' });
    expect(flag.message).toMatch(CJK);
    expect(flag.explain).toMatch(CJK);
    const ack = await refused(
      t,
      t.b,
      t.a,
      'game:move',
      seg(['SYN', 'ACK'], 5000, 1000),
      'ACK_OFF_BY_ONE',
      true,
    );
    expect(ack).toMatchObject({ field: 'ack', expected: 1001, given: 1000 });

    // the mover's own view shows its mistakes; the opponent learns only that they were made
    expect(t.b.view!.you.score.mistakes).toBe(2);
    await t.b.must('game:move', seg(['SYN', 'ACK'], 5000, 1001));
    await h.advanceBy(h.config.settings.flightMs);
    await h.sync([t.a, t.b]);
    expect(t.a.view!.peer.score.mistakes).toBe(2);
    const peerRefusals = t.a.view!.log.filter((e) => e.type === 'refused');
    expect(peerRefusals).toHaveLength(2);
    for (const e of peerRefusals) expect(Object.keys(e).sort()).toEqual(['side', 't', 'type']);

    const seq = await refused(t, t.a, t.b, 'game:move', seg(['ACK'], 1005, 5001), 'SEQ_SKIPPED', true);
    expect(seq).toMatchObject({ field: 'seq', expected: 1001, given: 1005 });
    expect(seq.message).not.toMatch(CJK);
    expect(seq.explain!.length).toBeGreaterThan(20);
    t.a.close();
    t.b.close();
  });

  test('a move out of turn is NOT_YOUR_TURN and no mistake', async () => {
    const t = await synArrived();
    const e = await refused(t, t.a, t.b, 'game:move', seg(['ACK'], 1001, 0), 'NOT_YOUR_TURN', false);
    expect(e.message).toBe('It is not your move yet: wait for a segment to arrive or a timer to fire.');
    t.a.close();
    t.b.close();
  });

  test("what the player's application does not do in the scenario is OFF_PLAN, with the goal", async () => {
    const a = await h.connect({ lang: 'en' });
    const b = await h.connect({ lang: 'en' });
    const { code, game } = await a.must('match:private:create', {
      scenario: 'three-way-handshake',
      role: 'client',
    });
    await b.must('match:private:join', { code });
    // connect() is offered once the server listens
    await b.must('game:move', { move: { kind: 'call', call: 'listen' } });
    await h.flush([a, b]);
    const e = await refused(
      { a, b, gameId: game.gameId },
      a,
      b,
      'game:move',
      { move: { kind: 'call', call: 'listen' } },
      'OFF_PLAN',
      false,
    );
    expect(e).toMatchObject({ expected: 'connect()', given: 'listen()' });
    expect(e.explain).toBe(SCENARIO_TEXTS_EN['three-way-handshake'].goal.client);
    a.close();
    b.close();
  });

  test('nobody can act for the other seat: a role or side in the payload is BAD_PAYLOAD', async () => {
    const t = await synArrived();
    // the client sends the SYN,ACK the server owes, saying it is the server
    const synAck = seg(['SYN', 'ACK'], 5000, 1001);
    await refused(t, t.a, t.b, 'game:move', { ...synAck, role: 'server' }, 'BAD_PAYLOAD', false);
    await refused(t, t.a, t.b, 'game:move', { ...synAck, side: 'server' }, 'BAD_PAYLOAD', false);
    await refused(
      t,
      t.a,
      t.b,
      'game:move',
      { move: { ...synAck.move, side: 'server' } },
      'BAD_PAYLOAD',
      false,
    );
    await refused(t, t.a, t.b, 'game:move', { ...synAck, gameId: t.gameId }, 'BAD_PAYLOAD', false);
    // without the extra field the move is judged for the sender's own seat: the client owes nothing
    await refused(t, t.a, t.b, 'game:move', synAck, 'NOT_YOUR_TURN', false);
    expect((await stored(t.gameId)).conn.server.owed).toBe('syn-ack');
    t.a.close();
    t.b.close();
  });

  test.each([
    ['no payload', undefined],
    ['null', null],
    ['a string', 'SYN'],
    ['a number', 42],
    ['an array', [1, 2]],
    ['an empty object', {}],
    ['an unknown kind', { move: { kind: 'teleport' } }],
    ['an unknown call', { move: { kind: 'call', call: 'accept' } }],
    ['an unknown flag', seg(['SYN', 'BOGUS'], 5000, 1001)],
    ['a negative seq', seg(['SYN', 'ACK'], -1, 1001)],
    ['a seq beyond 32 bits', seg(['SYN', 'ACK'], 2 ** 32, 1001)],
    ['a fractional ack', seg(['SYN', 'ACK'], 5000, 1001.5)],
    ['a huge len', seg(['ACK'], 5000, 1001, 1e9)],
    ['a string seq', seg(['SYN', 'ACK'], '5000' as unknown as number, 1001)],
    ['a prototype key', JSON.parse('{"move":{"kind":"call","call":"listen"},"__proto__":{"x":1}}')],
  ])('a malformed payload (%s) is BAD_PAYLOAD and changes nothing', async (_name, payload) => {
    const t = await synArrived();
    const e = await refused(t, t.b, t.a, 'game:move', payload, 'BAD_PAYLOAD', false);
    expect(e.message).toMatch(CJK);
    t.a.close();
    t.b.close();
  });

  test('a move in a paused game is GAME_PAUSED; in a game not started or over, GAME_NOT_PLAYING', async () => {
    const t = await synArrived();
    const g = await stored(t.gameId);
    expect(await h.stores.games.update(pauseGame(g, h.clock.now()), g.version)).toBe(true);
    await refused(t, t.b, t.a, 'game:move', seg(['SYN', 'ACK'], 5000, 1001), 'GAME_PAUSED', false);

    const c = await h.connect({ lang: 'en' });
    const { game } = await c.must('match:private:create', {
      scenario: 'three-way-handshake',
      role: 'server',
    });
    const waiting = await stored(game.gameId);
    const r = await c.request('game:move', { move: { kind: 'call', call: 'listen' } });
    expect(r.ok ? null : r.error.code).toBe('GAME_NOT_PLAYING');
    expect(await stored(game.gameId)).toEqual(waiting);
    await c.must('game:leave', {});

    await c.must('practice:start', { scenario: 'connection-refused', role: 'client' });
    await playOut(h, [c]);
    const over = await stored(c.view!.gameId);
    const late = await c.request('game:move', { move: { kind: 'call', call: 'connect' } });
    expect(late.ok ? null : late.error.code).toBe('GAME_NOT_PLAYING');
    expect(await stored(over.id)).toEqual(over);
    t.a.close();
    t.b.close();
    c.close();
  });

  test('moves, hints and rematches without a game are NOT_IN_GAME', async () => {
    const c = await h.connect({ lang: 'en' });
    for (const [event, payload] of [
      ['game:move', { move: { kind: 'call', call: 'listen' } }],
      ['game:hint', {}],
      ['game:rematch', {}],
    ] as const) {
      const r = await c.request(event, payload);
      expect(r.ok ? null : r.error.code).toBe('NOT_IN_GAME');
    }
    expect(await c.must('game:state', {})).toEqual({ game: null });
    expect(await c.must('game:leave', {})).toEqual({ left: false });
    c.close();
  });
});
