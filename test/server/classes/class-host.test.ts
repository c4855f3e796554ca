/**
 * The teacher's screen over the real server: spectating one pair live, the dashboard throttled
 * per DASHBOARD_MS (leading and trailing update, counted on the ManualClock), and students who
 * leave or lose their connection without breaking the class.
 */
import { Harness, waitUntil } from '../../helpers/server-harness';
import {
  parseCsv,
  playRound,
  setupClass,
  storedClass,
  type ClassClient,
  type ClassSetup,
} from '../../helpers/class-harness';

const DASHBOARD_MS = 500;
const GRACE_MS = 10_000;

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ config: { dashboardMs: DASHBOARD_MS, sessionGraceMs: GRACE_MS } });
});
afterEach(async () => {
  await h.close();
});

const refused = (code: string) => ({ ok: false, error: expect.objectContaining({ code }) });

/** Two students paired together (s1 client of s2), the round started, the games reached. */
async function onePair(
  n = 2,
  scenarios = ['three-way-handshake', 'client-closes-first'],
): Promise<ClassSetup> {
  const setup = await setupClass(h, n);
  const [a, b] = setup.students;
  await setup.host.c.must('class:pairs:set', {
    pairs: [
      { a: a!.playerId, b: b!.playerId },
      ...setup.students.slice(2).map((s) => ({ a: s.playerId, b: null })),
    ],
  });
  const started = await setup.host.c.must('class:round:start', { scenarios });
  for (const [i, s] of setup.students.entries()) {
    const gameId = started.class.pairs[i < 2 ? 0 : i - 1]!.gameId!;
    await s.c.waitFor(() => s.c.view?.gameId === gameId, 'the round game');
  }
  return setup;
}

/** Lets the throttled dashboard catch up, then waits until the host holds everything sent. */
async function settle(setup: ClassSetup): Promise<void> {
  await h.advanceBy(DASHBOARD_MS);
  await h.flush([setup.host.c]);
}

/** Closes a student's only connection and waits until the server started its grace period. */
async function drop(s: ClassClient): Promise<string> {
  const token = s.c.session!.token;
  const sid = (await h.stores.sessions.getByToken(token))!.id;
  s.c.close();
  await waitUntil(
    async () => (await h.stores.sessions.get(sid))?.graceUntil != null,
    'the grace period to start',
  );
  await h.app.idle();
  return token;
}

describe('spectate', () => {
  test('the host watches one pair: both sides now, then every change, into the next scenario; null stops it', async () => {
    const setup = await onePair();
    const { host } = setup;
    const [a, b] = setup.students.map((s) => s.c);
    const r = await host.c.must('class:spectate', { pairId: 'pair-1' });
    const gameId = a!.view!.gameId;
    expect(r.watch).toMatchObject({
      pairId: 'pair-1',
      client: { gameId, role: 'client', you: { nickname: 's1' } },
      server: { gameId, role: 'server', you: { nickname: 's2' } },
    });
    expect(await host.c.request('class:spectate', { pairId: 'pair-7' })).toEqual(refused('PAIR_NOT_FOUND'));
    // the failed request stopped the watching: watch again
    await host.c.must('class:spectate', { pairId: 'pair-1' });

    expect((await b!.playCorrect()).ok).toBe(true);
    expect((await a!.playCorrect()).ok).toBe(true);
    await h.sync([a!, b!]);
    const g = (await h.stores.games.get(gameId))!;
    await host.c.waitFor(
      () => host.watches.some((w) => w.client.version === g.version),
      'the live watch update',
    );
    const w = host.watches.find((x) => x.client.version === g.version)!;
    expect(w.server.version).toBe(g.version);
    expect(w.client.wire).toHaveLength(1);
    expect(w.client.you.record.state).toBe('SYN_SENT');
    expect(w.server.you.record.state).toBe('LISTEN');

    // the pair moves to its next scenario: the host follows it
    const seen = host.watches.length;
    const stopAt = async () => (await storedClass(h, setup.classId)).round!.pairs[0]!.scenarioIndex === 1;
    for (let i = 0; i < 200 && !(await stopAt()); i++) {
      const mover = [a!, b!].find((c) => c.view?.phase === 'playing' && c.view.you.canAct);
      if (mover) expect((await mover.playCorrect()).ok).toBe(true);
      else await h.advanceBy(1000);
      await h.sync([a!, b!]);
    }
    const next = (await storedClass(h, setup.classId)).round!.pairs[0]!.gameId!;
    expect(next).not.toBe(gameId);
    await host.c.waitFor(
      () => host.watches.some((x) => x.client.gameId === next),
      'the watch of the next game',
    );
    expect(host.watches.length).toBeGreaterThan(seen);

    // stop watching: no more watch updates
    expect(await host.c.must('class:spectate', { pairId: null })).toEqual({ watch: null });
    const stopped = host.watches.length;
    await h.sync([a!, b!]);
    const mover = [a!, b!].find((c) => c.view?.phase === 'playing' && c.view.you.canAct);
    if (mover) expect((await mover.playCorrect()).ok).toBe(true);
    else await h.advanceBy(1000);
    await h.flush([host.c, a!, b!]);
    expect(host.watches.length).toBe(stopped);
    // no student ever got a watch view
    for (const s of setup.students) expect(s.watches).toEqual([]);
  });

  test('students cannot spectate, not even their own pair', async () => {
    const setup = await onePair();
    for (const s of setup.students) {
      expect(await s.c.request('class:spectate', { pairId: 'pair-1' })).toEqual(refused('NOT_HOST'));
    }
    const mover = setup.students.find((s) => s.c.view?.you.canAct);
    expect((await mover!.c.playCorrect()).ok).toBe(true);
    await h.flush(setup.students.map((s) => s.c));
    for (const s of setup.students) expect(s.watches).toEqual([]);
  });
});

describe('dashboard throttle', () => {
  test('many changes within DASHBOARD_MS: one update at once, one at the end of the interval with the last state', async () => {
    const setup = await setupClass(h, 3);
    const { host } = setup;
    await settle(setup);
    // an interval without changes: the next change is sent at once
    await h.advanceBy(DASHBOARD_MS);
    await h.flush([host.c]);
    const n0 = host.hostViews.length;
    for (let i = 0; i < 10; i++) await host.c.must('class:lock', { locked: i % 2 === 0 });
    await h.flush([host.c]);
    // the leading update: the first change
    expect(host.hostViews.length).toBe(n0 + 1);
    expect(host.hostViews[n0]!.locked).toBe(true);
    await h.advanceBy(DASHBOARD_MS - 1);
    await h.flush([host.c]);
    expect(host.hostViews.length).toBe(n0 + 1);
    // the trailing update: the state after the last change
    await h.advanceBy(1);
    await h.flush([host.c]);
    expect(host.hostViews.length).toBe(n0 + 2);
    expect(host.hostViews[n0 + 1]!.locked).toBe(false);
    // nothing changed since: nothing more
    await h.advanceBy(10 * DASHBOARD_MS);
    await h.flush([host.c]);
    expect(host.hostViews.length).toBe(n0 + 2);
  });

  test('a round of moves: at most two updates per interval, and the last one shows the stored games', async () => {
    const setup = await onePair(4);
    const { host } = setup;
    await settle(setup);
    const n0 = host.hostViews.length;
    const [a, b] = setup.students.map((s) => s.c);
    // many changes at one instant: moves of the pair and the bot games' own moves
    expect((await b!.playCorrect()).ok).toBe(true);
    expect((await a!.playCorrect()).ok).toBe(true);
    await host.c.must('class:lock', { locked: true });
    await host.c.must('class:lock', { locked: false });
    await h.flush([host.c]);
    expect(host.hostViews.length - n0).toBeLessThanOrEqual(1);
    await h.advanceBy(DASHBOARD_MS);
    await h.flush([host.c]);
    expect(host.hostViews.length - n0).toBeLessThanOrEqual(2);
    const last = host.hostViews[host.hostViews.length - 1]!;
    const stored = await storedClass(h, setup.classId);
    for (const p of last.pairs) {
      const g = (await h.stores.games.get(stored.round!.pairs.find((x) => x.id === p.pairId)!.gameId!))!;
      expect(p.gameId).toBe(g.id);
      expect(p.client?.state).toBe(g.conn.client.state);
      expect(p.server?.state).toBe(g.conn.server.state);
      expect(p.wire.map((w) => w.id)).toEqual(g.wire.map((w) => w.id));
    }
  });
});

describe('students leaving', () => {
  test('a student leaves between rounds: off the roster, may join again; the next round goes without them', async () => {
    const setup = await setupClass(h, 3);
    const [, b] = setup.students;
    expect(await b!.c.must('class:leave', {})).toEqual({ left: true });
    expect(await b!.c.must('class:state', {})).toEqual({ host: null, student: null });
    await settle(setup);
    const v = setup.host.hostViews[setup.host.hostViews.length - 1]!;
    expect(v.students.map((s) => s.nickname)).toEqual(['s1', 's3']);
    const started = await setup.host.c.must('class:round:start', { scenarios: ['three-way-handshake'] });
    expect(started.class.pairs).toHaveLength(1);
    // leaving is not being kicked: the same session may come back (for the next round)
    expect((await b!.c.must('class:join', { code: setup.code, nickname: 's2' })).class.pair).toBeNull();
  });

  test('a student leaves during a round: the partner is told, the other pairs play on, the round still ends', async () => {
    const setup = await onePair(3, ['three-way-handshake']);
    const [a, b, c] = setup.students;
    expect(await b!.c.must('class:leave', {})).toEqual({ left: true });
    await a!.c.waitFor(() => a!.c.view?.phase === 'finished', "the partner's game to end");
    expect(a!.c.view?.result).toMatchObject({ goalMet: false, abandonedBy: 'server' });
    await a!.c.waitFor(
      () => a!.studentViews.some((v) => v.pair?.done === true),
      'the partner learns its pair is done',
    );
    let cls = await storedClass(h, setup.classId);
    expect(cls.round?.phase).toBe('playing');
    expect(cls.round!.pairs[0]!.done).toBe(true);
    await playRound(h, { ...setup, students: [a!, c!] });
    cls = await storedClass(h, setup.classId);
    expect(cls.round?.phase).toBe('ended');
    expect(cls.students.map((s) => s.nickname)).toEqual(['s1', 's3']);
    // the abandoned game is in the results, for both players
    const csv = (await setup.host.c.must('class:export', {})).csv;
    expect(csv).toContain('s1,1,three-way-handshake,client,s2');
    expect(csv).toContain('s2,1,three-way-handshake,server,s1');
  });

  test('a dropped connection during a round: shown offline, back within the grace with everything', async () => {
    const setup = await onePair(2, ['three-way-handshake']);
    const [a] = setup.students;
    const token = await drop(a!);
    await settle(setup);
    const offline = setup.host.hostViews[setup.host.hostViews.length - 1]!;
    expect(offline.students.find((s) => s.nickname === 's1')!.connected).toBe(false);
    expect(offline.students.find((s) => s.nickname === 's2')!.connected).toBe(true);

    await h.advanceBy(GRACE_MS / 2);
    const again = await h.connect({ token });
    expect(again.session?.classRole).toBe('student');
    expect(again.view?.gameId).toBe((await storedClass(h, setup.classId)).round!.pairs[0]!.gameId);
    const state = await again.must('class:state', {});
    expect(state.student).toMatchObject({ you: { nickname: 's1' }, pair: { role: 'client', partner: 's2' } });
    await settle(setup);
    const online = setup.host.hostViews[setup.host.hostViews.length - 1]!;
    expect(online.students.find((s) => s.nickname === 's1')!.connected).toBe(true);
    expect((await storedClass(h, setup.classId)).students).toHaveLength(2);
  });

  test('a student whose grace runs out between rounds leaves the roster; the class goes on', async () => {
    const setup = await setupClass(h, 3);
    await drop(setup.students[2]!);
    await h.advanceBy(GRACE_MS);
    await h.app.idle();
    expect((await storedClass(h, setup.classId)).students.map((s) => s.nickname)).toEqual(['s1', 's2']);
    const started = await setup.host.c.must('class:round:start', { scenarios: ['three-way-handshake'] });
    expect(started.class.pairs).toHaveLength(1);
  });

  test.each([
    ['plays the bot', 3, 2],
    ['has a partner', 4, 0],
  ])(
    'a student who %s and whose grace runs out during a round does not hold the round up',
    async (_name, n, gone) => {
      const setup = await onePair(n, ['three-way-handshake']);
      const leaver = setup.students[gone]!;
      await drop(leaver);
      await h.advanceBy(GRACE_MS);
      await h.app.idle();
      const rest = setup.students.filter((s) => s !== leaver);
      const playing = (await storedClass(h, setup.classId)).round;
      expect(playing?.phase).toBe('playing');
      await playRound(h, { ...setup, students: rest });
      const cls = await storedClass(h, setup.classId);
      expect(cls.round?.phase).toBe('ended');
      // played to the end, not stopped by the time limit
      expect(h.clock.now()).toBeLessThan(cls.round!.endsAt);
      // the leaver's unfinished game is in the results, not lost with the session
      const csv = (await setup.host.c.must('class:export', {})).csv;
      const leaverName = `s${gone + 1}`;
      const leaverRows = parseCsv(csv.slice(1)).filter((r) => r[0] === leaverName);
      expect(leaverRows.map((r) => [r[2], r[9]])).toEqual([['three-way-handshake', 'no']]);
      // and a next round starts with the students still there
      const next = await setup.host.c.must('class:round:start', { scenarios: ['three-way-handshake'] });
      const seated = next.class.pairs
        .flatMap((p) => [p.client?.playerId, p.server?.playerId])
        .filter(Boolean);
      expect(seated.sort()).toEqual(rest.map((s) => s.playerId).sort());
    },
  );
});
