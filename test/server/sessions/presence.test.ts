import { Harness, playOut, waitUntil } from '../../helpers/server-harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start({ config: { sessionGraceMs: 60_000 } });
});
afterAll(async () => {
  await h.close();
});

describe('sessions', () => {
  test('a new connection gets a new session: token, player id, default nickname, language', async () => {
    const a = await h.connect({ lang: 'en' });
    expect(a.session).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      playerId: expect.any(String),
      nickname: expect.stringMatching(/^player-\d{4}$/),
      lang: 'en',
      resumed: false,
      game: null,
      classRole: null,
    });
    const b = await h.connect({ extraHeaders: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(b.session!.lang).toBe('en');
    const c = await h.connect();
    expect(c.session!.lang).toBe('zh-CN');
    expect(new Set([a, b, c].map((x) => x.session!.token)).size).toBe(3);
    expect(new Set([a, b, c].map((x) => x.session!.playerId)).size).toBe(3);
  });

  test.each([
    ['an unknown token', { token: 'A'.repeat(43) }],
    ['a malformed token', { token: '../../etc' }],
    ['a token that is not a string', { auth: { token: { $ne: null } } }],
  ])('%s starts a new session', async (_name, o) => {
    const c = await h.connect(o);
    expect(c.session!.resumed).toBe(false);
    expect(c.session!.token).not.toBe('A'.repeat(43));
  });

  test('session:update changes the nickname and the language; a bad nickname is NICKNAME_INVALID', async () => {
    const c = await h.connect({ lang: 'zh-CN' });
    const info = await c.must('session:update', { nickname: '  Alice  ', lang: 'en' });
    expect(info).toMatchObject({ nickname: 'Alice', lang: 'en', token: c.session!.token });
    for (const nickname of ['', 'x'.repeat(21), 'bad\u0007name']) {
      const r = await c.request('session:update', { nickname });
      expect(r.ok ? null : r.error).toEqual({
        code: 'NICKNAME_INVALID',
        message: expect.stringMatching(/^A nickname/),
      });
    }
    const r = await c.request('session:update', { lang: 'fr' });
    expect(r.ok ? null : r.error.code).toBe('BAD_PAYLOAD');
    const { game } = await c.must('practice:start', { scenario: 'three-way-handshake', role: 'client' });
    expect(game.you.nickname).toBe('Alice');
  });
});

describe('disconnecting and coming back', () => {
  test('within the grace period the token resumes the game with nothing lost', async () => {
    const a = await h.connect({ lang: 'en' });
    const b = await h.connect({ lang: 'en' });
    const { code, game } = await a.must('match:private:create', {
      scenario: 'client-closes-first',
      role: 'client',
    });
    await b.must('match:private:join', { code });
    await b.must('game:move', { move: { kind: 'call', call: 'listen' } });
    await a.playCorrect(7000);
    await h.sync([a, b]);
    const token = a.session!.token;
    const scoreBefore = a.view!.you.score;

    a.close();
    await b.waitFor((c) => c.peer.length === 1, 'game:peer');
    expect(b.peer[0]).toEqual({ connected: false, graceUntil: h.clock.now() + 60_000 });

    // meanwhile the SYN arrives and the server answers
    await h.advanceBy(h.config.settings.flightMs);
    await h.sync([b]);
    await b.playCorrect(9000);
    await h.advanceBy(h.config.settings.flightMs);
    await h.sync([b]);

    const back = await h.connect({ token });
    const s = back.session!;
    expect(s.resumed).toBe(true);
    expect(s.token).toBe(token);
    expect(s.game).not.toBeNull();
    const v = s.game!;
    const stored = (await h.stores.games.get(game.gameId))!;
    expect(v.gameId).toBe(game.gameId);
    expect(v.role).toBe('client');
    expect(v.version).toBe(stored.version);
    expect(v.you.record).toEqual(stored.conn.client);
    expect(v.you.record).toMatchObject({ state: 'ESTABLISHED', iss: 7000, irs: 9000, owed: 'ack' });
    expect(v.you.timers.turn).toBe(stored.timers.client.turn);
    expect(v.you.score).toEqual(scoreBefore);
    expect(v.log.some((e) => e.type === 'arrive' && e.side === 'client' && e.segment.seq === 9000)).toBe(
      true,
    );
    await b.waitFor((c) => c.peer.length === 2, 'game:peer back');
    expect(b.peer[1]).toEqual({ connected: true, graceUntil: null });

    await playOut(h, [back, b]);
    expect(back.view!.result?.goalMet).toBe(true);
    expect(back.view!.you.score.mistakes).toBe(0);
  });

  test('two tabs with one token both follow the game; closing one is not a disconnect', async () => {
    const a1 = await h.connect({ lang: 'en' });
    const b = await h.connect({ lang: 'en' });
    const { code } = await a1.must('match:private:create', {
      scenario: 'three-way-handshake',
      role: 'client',
    });
    await b.must('match:private:join', { code });
    const a2 = await h.connect({ token: a1.session!.token });
    expect(a2.session!.resumed).toBe(true);
    expect(a2.session!.game!.role).toBe('client');

    await b.must('game:move', { move: { kind: 'call', call: 'listen' } });
    await h.sync([a1, a2, b]);
    expect(a2.view!.peer.state).toBe('LISTEN');
    // a move from one tab shows in the other; the moving tab has it in its answer, not pushed again
    const pushed = (c: typeof a1) => c.updates.map((v) => v.version);
    const answer = await a2.playCorrect();
    expect(answer.ok).toBe(true);
    const moved = answer.ok ? answer.data.game.version : -1;
    await h.sync([a1, a2, b]);
    expect(a1.view!.you.record.state).toBe('SYN_SENT');
    expect(pushed(a1)).toContain(moved);
    expect(pushed(b)).toContain(moved);
    expect(pushed(a2)).not.toContain(moved);

    a1.close();
    await h.flush([a2, b]);
    expect(b.peer).toEqual([]);
    expect(
      (await h.stores.sessions.get((await h.stores.sessions.getByToken(a2.session!.token))!.id))!.graceUntil,
    ).toBeNull();
  });

  test('after the grace period the session is dropped and the round ends as abandoned', async () => {
    const a = await h.connect({ lang: 'en' });
    const b = await h.connect({ lang: 'en' });
    const { code, game } = await a.must('match:private:create', {
      scenario: 'three-way-handshake',
      role: 'client',
    });
    await b.must('match:private:join', { code });
    await b.must('game:move', { move: { kind: 'call', call: 'listen' } });
    const token = a.session!.token;
    const sessions = await h.stores.sessions.count();
    a.close();
    await b.waitFor((c) => c.peer.length === 1, 'game:peer');
    const until = b.peer[0]!.graceUntil!;

    await h.advanceTo(until);
    await b.waitFor((c) => c.peer.length === 2, 'the seat given up');
    expect(b.peer[1]).toEqual({ connected: false, graceUntil: null });
    expect(await h.stores.sessions.count()).toBe(sessions - 1);
    expect(await h.stores.sessions.getByToken(token)).toBeNull();

    // the round cannot go on without the client: it ends, marked as abandoned
    await b.waitFor((c) => c.view?.phase === 'finished', 'the round to end');
    expect(b.view!.result).toMatchObject({ goalMet: false, abandonedBy: 'client' });

    const again = await h.connect({ token });
    expect(again.session).toMatchObject({ resumed: false, game: null });
    expect(again.session!.token).not.toBe(token);
    await waitUntil(async () => (await h.stores.games.get(game.gameId)) !== null, 'the finished game kept');
  });
});

describe('a node lost (its heartbeat lapsed; redis/node-heartbeat.ts calls nodeLost)', () => {
  test('a session still connected stays; one already away is not told twice nor given a longer grace', async () => {
    const a = await h.connect({ lang: 'en' });
    const b = await h.connect({ lang: 'en' });
    const { code } = await a.must('match:private:create', { scenario: 'three-way-handshake' });
    await b.must('match:private:join', { code });
    await h.app.idle();
    const sid = (await h.stores.sessions.getByToken(a.session!.token))!.id;

    // its connection is open (on a node still alive): nothing happens
    await h.app.ctx.presence.nodeLost(sid);
    await h.flush([b]);
    expect(b.peer).toEqual([]);
    expect((await h.stores.sessions.get(sid))!.graceUntil).toBeNull();

    a.close();
    await b.waitFor((c) => c.peer.length === 1, 'game:peer');
    const until = b.peer[0]!.graceUntil!;
    await h.advanceBy(5000);
    await h.app.ctx.presence.nodeLost(sid);
    await h.flush([b]);
    expect(b.peer).toHaveLength(1);
    expect((await h.stores.sessions.get(sid))!.graceUntil).toBe(until);
    // the grace still ends when it was due
    await h.advanceTo(until);
    await b.waitFor((c) => c.peer.length === 2, 'the seat given up');
    expect(await h.stores.sessions.get(sid)).toBeNull();
  });
});
