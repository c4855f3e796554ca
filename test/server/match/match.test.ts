import { SCENARIO_IDS } from '../../../shared/scenarios/scenarios';
import { Harness, playOut, type TestClient } from '../../helpers/server-harness';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
});
afterEach(async () => {
  await h.close();
});

/** Three connected players (tests use the first ones they need). */
async function players(): Promise<[TestClient, TestClient, TestClient]> {
  return [await h.connect({ lang: 'en' }), await h.connect({ lang: 'en' }), await h.connect({ lang: 'en' })];
}

describe('quick match', () => {
  test('compatible choices are paired, the oldest first; a clash waits', async () => {
    const [a, b, c] = await players();
    expect(await a.must('match:quick', { scenario: 'three-way-handshake', role: 'client' })).toEqual({
      status: 'waiting',
    });
    const twice = await a.request('match:quick', {});
    expect(twice.ok ? null : twice.error.code).toBe('ALREADY_WAITING');
    // both want to be the client: no pair
    expect(await b.must('match:quick', { role: 'client' })).toEqual({ status: 'waiting' });
    const r = await c.must('match:quick', {});
    expect(r.status).toBe('matched');
    if (r.status !== 'matched') return;
    expect(r.game).toMatchObject({ scenarioId: 'three-way-handshake', role: 'server', phase: 'playing' });
    await a.waitFor((x) => x.view?.gameId === r.game.gameId, 'game:update for the waiting player');
    expect(a.view!.role).toBe('client');
    expect(a.view!.peer.nickname).toBe(c.session!.nickname);

    expect(await b.must('match:cancel', {})).toEqual({ cancelled: true });
    expect(await b.must('match:cancel', {})).toEqual({ cancelled: false });
  });

  test("'any' is decided at random: a known scenario and opposite roles", async () => {
    const [a, b] = await players();
    await a.must('match:quick', { scenario: undefined, role: 'any' });
    const r = await b.must('match:quick', { role: 'any' });
    if (r.status !== 'matched') throw new Error('not matched');
    expect(SCENARIO_IDS).toContain(r.game.scenarioId);
    await a.waitFor((x) => x.view !== null, 'game:update');
    expect(a.view!.role).not.toBe(r.game.role);
  });

  test('a player waiting for a match cannot start anything else, and one in a game cannot wait', async () => {
    const [a, b] = await players();
    await a.must('match:quick', {});
    for (const [event, payload] of [
      ['match:private:create', { scenario: 'three-way-handshake' }],
      ['practice:start', { scenario: 'three-way-handshake', role: 'client' }],
    ] as const) {
      const r = await a.request(event, payload);
      expect(r.ok ? null : r.error.code).toBe('ALREADY_WAITING');
    }
    await a.must('match:cancel', {});
    await b.must('practice:start', { scenario: 'three-way-handshake', role: 'client' });
    const r = await b.request('match:quick', {});
    expect(r.ok ? null : r.error.code).toBe('ALREADY_IN_GAME');
  });
});

describe('private games', () => {
  test('a code that does not exist is CODE_NOT_FOUND; a used code is gone; a full game is GAME_FULL', async () => {
    const [a, b, c] = await players();
    const missing = await b.request('match:private:join', { code: '222222' });
    expect(missing.ok ? null : missing.error.code).toBe('CODE_NOT_FOUND');
    const { code, game } = await a.must('match:private:create', { scenario: 'lost-last-ack' });
    expect(game.phase).toBe('waiting');
    await b.must('match:private:join', { code: ` ${code.toLowerCase()} ` });
    const late = await c.request('match:private:join', { code });
    expect(late.ok ? null : late.error.code).toBe('CODE_NOT_FOUND');
    // a code still pointing at a game that filled up
    await h.stores.matches.claimCode('333333', game.gameId);
    const full = await c.request('match:private:join', { code: '333333' });
    expect(full.ok ? null : full.error.code).toBe('GAME_FULL');
    // a code whose game is gone
    await h.stores.matches.claimCode('444444', 'g_gone');
    const gone = await c.request('match:private:join', { code: '444444' });
    expect(gone.ok ? null : gone.error.code).toBe('GAME_NOT_FOUND');
  });

  test('a player in a game, waiting or playing, cannot start or join another until it leaves', async () => {
    const [a, b, c] = await players();
    const { code } = await a.must('match:private:create', {
      scenario: 'three-way-handshake',
      role: 'server',
    });
    const other = await c.must('match:private:create', { scenario: 'three-way-handshake' });
    for (const [event, payload] of [
      ['match:quick', {}],
      ['match:private:create', { scenario: 'three-way-handshake' }],
      ['match:private:join', { code: other.code }],
      ['practice:start', { scenario: 'three-way-handshake', role: 'client' }],
    ] as const) {
      const r = await a.request(event, payload);
      expect([event, r.ok ? null : r.error.code]).toEqual([event, 'ALREADY_IN_GAME']);
    }
    // the creator leaves the waiting game: it is gone with its code
    expect(await a.must('game:leave', {})).toEqual({ left: true });
    const r = await b.request('match:private:join', { code });
    expect(r.ok ? null : r.error.code).toBe('CODE_NOT_FOUND');
    expect(await h.stores.games.count()).toBe(1);
    await a.must('match:private:join', { code: other.code });
  });

  test('leaving a game being played: the opponent is told, the leaver hears no more of it', async () => {
    const [a, b] = await players();
    const { code, game } = await a.must('match:private:create', {
      scenario: 'three-way-handshake',
      role: 'client',
    });
    await b.must('match:private:join', { code });
    await h.sync([a, b]);
    expect(await a.must('game:leave', {})).toEqual({ left: true });
    await b.waitFor((x) => x.peer.length === 1, 'game:peer');
    expect(b.peer[0]).toEqual({ connected: false, graceUntil: null });
    expect(await a.must('game:state', {})).toEqual({ game: null });
    const updates = a.updates.length;
    // the round ends at once, marked as abandoned by the client
    await b.waitFor((x) => x.view?.phase === 'finished', 'the round to end');
    expect(b.view!.result).toMatchObject({ goalMet: false, abandonedBy: 'client' });
    const move = await b.request('game:move', { move: { kind: 'call', call: 'listen' } });
    expect(move.ok ? null : move.error.code).toBe('GAME_NOT_PLAYING');
    await h.flush([a, b]);
    expect(a.updates.length).toBe(updates);
    // the leaver is free again
    await a.must('practice:start', { scenario: 'three-way-handshake', role: 'client' });
    expect((await h.stores.games.get(game.gameId))?.phase).toBe('finished');
    // when the second player leaves too, the game is removed
    await b.must('game:leave', {});
    expect(await h.stores.games.get(game.gameId)).toBeNull();
  });
});

describe('rematch', () => {
  test('two players: both ask, and a new game starts with the roles swapped', async () => {
    const [a, b] = await players();
    const { code, game } = await a.must('match:private:create', {
      scenario: 'connection-refused',
      role: 'client',
    });
    await b.must('match:private:join', { code });
    const early = await a.request('game:rematch', {});
    expect(early.ok ? null : early.error.code).toBe('ALREADY_IN_GAME');
    await playOut(h, [a, b]);
    expect(await a.must('game:rematch', {})).toEqual({ status: 'waiting' });
    expect(await a.must('game:rematch', {})).toEqual({ status: 'waiting' });
    const r = await b.must('game:rematch', {});
    if (r.status !== 'started') throw new Error('not started');
    expect(r.game).toMatchObject({ scenarioId: 'connection-refused', role: 'client', phase: 'playing' });
    expect(r.game.gameId).not.toBe(game.gameId);
    await a.waitFor((x) => x.view?.gameId === r.game.gameId, 'the new game');
    expect(a.view!.role).toBe('server');
    expect(await h.stores.games.get(game.gameId)).toBeNull();
    await playOut(h, [a, b]);
    expect(a.view!.result?.goalMet).toBe(true);
  });

  test('against the bot the rematch starts at once, roles swapped', async () => {
    const [a] = await players();
    // connection-refused: the catch-level bot sends no ACK-bearing segment it could falsify
    await a.must('practice:start', {
      scenario: 'connection-refused',
      role: 'client',
      level: 'catch',
      hints: true,
    });
    await playOut(h, [a]);
    const r = await a.must('game:rematch', {});
    if (r.status !== 'started') throw new Error('not started');
    expect(r.game).toMatchObject({ role: 'server', bot: { role: 'client', level: 'catch' }, hints: true });
    await playOut(h, [a]);
    expect(a.view!.result?.goalMet).toBe(true);
  });

  test('a finished game does not hold a player back: a new game can start at once', async () => {
    const [a] = await players();
    await a.must('practice:start', { scenario: 'connection-refused', role: 'client' });
    await playOut(h, [a]);
    const first = a.view!.gameId;
    await a.must('practice:start', { scenario: 'three-way-handshake', role: 'client' });
    expect(a.view!.gameId).not.toBe(first);
    expect(await h.stores.games.get(first)).toBeNull();
  });

  test('a finished game is removed after GAME_TTL_MS', async () => {
    const [a, b] = await players();
    const { code, game } = await a.must('match:private:create', {
      scenario: 'connection-refused',
      role: 'client',
    });
    await b.must('match:private:join', { code });
    await playOut(h, [a, b]);
    await h.advanceTo(a.view!.result!.finishedAt + h.config.finishedGameTtlMs);
    expect(await h.stores.games.get(game.gameId)).toBeNull();
    expect(await a.must('game:state', {})).toEqual({ game: null });
  });
});
