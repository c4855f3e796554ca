/**
 * A whole class over the real server: a host and 7 students join, are paired (one with the bot),
 * play a round of two scenarios to the end; the dashboard follows every pair, the CSV holds the
 * games' figures; students cannot act as the host; kick; pause stops every clock.
 */
import type { HostView, PairProgress } from '../../../shared/class/class-types';
import { HOST_EVENTS } from '../../../shared/protocol/events';
import { Harness } from '../../helpers/server-harness';
import { parseCsv, playRound, setupClass, storedClass } from '../../helpers/class-harness';

const DASHBOARD_MS = 500;
const ROUND = { scenarios: ['three-way-handshake', 'client-closes-first'], durationMs: 30 * 60_000 };

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ config: { dashboardMs: DASHBOARD_MS } });
});
afterEach(async () => {
  await h.close();
});

/** Every pair's progress as the dashboard showed it over time. */
function pairHistory(views: HostView[], pairId: string): PairProgress[] {
  return views.flatMap((v) => v.pairs.filter((p) => p.pairId === pairId));
}

test('a host and 7 students: join, pairs (one with the bot), a round played to the end, the dashboard live, the CSV right', async () => {
  const setup = await setupClass(h, 7, (i) => (i === 0 ? '小明' : `s${i + 1}`));
  const { host, students } = setup;
  const start = await host.c.must('class:round:start', ROUND);
  expect(start.class.round).toMatchObject({ index: 1, phase: 'playing' });
  expect(start.class.pairs).toHaveLength(4);
  const bots = start.class.pairs.filter((p) => p.client?.playerId === null || p.server?.playerId === null);
  expect(bots).toHaveLength(1);
  // every student plays exactly once
  const seated = start.class.pairs.flatMap((p) => [p.client?.playerId, p.server?.playerId]).filter(Boolean);
  expect(new Set(seated)).toEqual(new Set(students.map((s) => s.playerId)));
  for (const s of students) {
    await s.c.waitFor(() => s.studentViews.some((v) => v.pair !== null), 'the student view with a pair');
    await s.c.waitFor(() => s.c.updates.length > 0, 'the first game');
  }

  await playRound(h, setup);
  await h.advanceBy(DASHBOARD_MS);
  await h.flush([host.c, ...students.map((s) => s.c)]);

  const cls = await storedClass(h, setup.classId);
  expect(cls.round).toMatchObject({ phase: 'ended' });
  expect(cls.round!.pairs.every((p) => p.done && p.scenarioIndex === 1)).toBe(true);
  expect(cls.roundsPlayed).toBe(1);

  // the dashboard saw every pair move through its states and scenarios, and the end
  const gameIds = new Set<string>();
  for (const p of start.class.pairs) {
    const seen = pairHistory(host.hostViews, p.pairId);
    const states = new Set(seen.map((x) => `${x.client?.state}/${x.server?.state}`));
    expect(states.size).toBeGreaterThanOrEqual(3);
    expect(new Set(seen.map((x) => x.scenarioIndex))).toEqual(new Set([0, 1]));
    for (const x of seen) if (x.gameId) gameIds.add(x.gameId);
  }
  const last = host.hostViews[host.hostViews.length - 1]!;
  expect(last.round?.phase).toBe('ended');
  expect(last.pairs.every((p) => p.phase === 'done' && p.goalMet === true)).toBe(true);
  expect(last.leaderboard.round).toHaveLength(7);
  expect(gameIds.size).toBe(8);

  // the CSV: one row per student and game, with the games' own figures
  const exported = await host.c.must('class:export', {});
  expect(exported.filename).toBe(`class-${setup.code}-results.csv`);
  expect(exported.csv.startsWith('\uFEFF')).toBe(true);
  expect(exported.csv).toContain('\r\n');
  const [header, ...rows] = parseCsv(exported.csv.slice(1));
  expect(header).toEqual([
    'nickname',
    'round',
    'scenario',
    'role',
    'partner',
    'points',
    'correct_moves',
    'mistakes',
    'mistakes_by_code',
    'goal_met',
    'time_s',
  ]);
  expect(rows).toHaveLength(14);
  let checked = 0;
  for (const id of gameIds) {
    const g = (await h.stores.games.get(id))!;
    expect(g.classId).toBe(setup.classId);
    for (const side of ['client', 'server'] as const) {
      if (g.players[side] === null) continue;
      const row = rows.find((r) => r[0] === g.nicknames[side] && r[2] === g.scenarioId);
      expect(row).toBeDefined();
      const other = side === 'client' ? 'server' : 'client';
      expect(row).toEqual([
        g.nicknames[side],
        '1',
        g.scenarioId,
        side,
        g.players[other] === null ? 'bot' : g.nicknames[other],
        String(g.score[side].points),
        String(g.score[side].correct),
        String(g.score[side].mistakes),
        '',
        'yes',
        String(Math.round((g.result!.finishedAt - g.createdAt) / 100) / 10),
      ]);
      checked++;
    }
  }
  expect(checked).toBe(14);
  expect(rows.some((r) => r[0] === '小明')).toBe(true);
  // the dashboard's summary and boards come from the same figures
  expect(last.misconceptions).toEqual([]);
  const total = last.leaderboard.total.find((e) => e.nickname === '小明')!;
  const mine = rows.filter((r) => r[0] === '小明');
  expect(total.points).toBe(mine.reduce((n, r) => n + Number(r[5]), 0));
  expect(total.goals).toBe(2);

  // every student learns the round ended, with a standing
  for (const s of students) {
    const v = s.studentViews[s.studentViews.length - 1]!;
    expect(v.round?.phase).toBe('ended');
    expect(v.standing?.playerId).toBe(s.playerId);
  }
}, 120_000);

test('every host event from a student (or a stranger) is refused with NOT_HOST and changes nothing', async () => {
  const setup = await setupClass(h, 2);
  const { host, students } = setup;
  await host.c.must('class:round:start', ROUND);
  await h.app.idle();
  const stranger = await h.connect();
  const payloads: Record<(typeof HOST_EVENTS)[number], unknown> = {
    'class:lock': { locked: true },
    'class:kick': { playerId: students[1]!.playerId },
    'class:pairing': { mode: 'random', rotate: false },
    'class:pairs:auto': {},
    'class:pairs:set': { pairs: [{ a: students[0]!.playerId, b: students[1]!.playerId }] },
    'class:round:start': ROUND,
    'class:round:pause': {},
    'class:round:resume': {},
    'class:round:end': {},
    'class:network': { pairId: 'all', action: 'drop' },
    'class:lan': {},
    'class:spectate': { pairId: 'pair-1' },
    'class:freeze': { pairId: 'pair-1', frozen: true },
    'class:export': {},
  };
  const before = await storedClass(h, setup.classId);
  const gamesBefore = await Promise.all(before.round!.pairs.map((p) => h.stores.games.get(p.gameId!)));
  const hostSeen = host.hostViews.length;
  for (const event of HOST_EVENTS) {
    for (const who of [students[0]!.c, stranger]) {
      const r = await who.request(event, payloads[event]);
      expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_HOST' }) });
    }
  }
  await h.app.idle();
  expect(await storedClass(h, setup.classId)).toEqual(before);
  const gamesAfter = await Promise.all(before.round!.pairs.map((p) => h.stores.games.get(p.gameId!)));
  expect(gamesAfter).toEqual(gamesBefore);
  expect(host.hostViews.length).toBe(hostSeen);
  expect(students[1]!.removed).toEqual([]);
});

test('kick: the student is told, its game ends abandoned, it cannot come back with the same session', async () => {
  const setup = await setupClass(h, 3);
  const { host, students } = setup;
  await host.c.must('class:pairs:set', {
    pairs: [
      { a: students[0]!.playerId, b: students[1]!.playerId },
      { a: students[2]!.playerId, b: null },
    ],
  });
  await host.c.must('class:round:start', ROUND);
  await h.app.idle();
  const kicked = students[1]!;
  const partner = students[0]!;
  const r = await host.c.must('class:kick', { playerId: kicked.playerId });
  expect(r.class.students.map((s) => s.playerId)).not.toContain(kicked.playerId);
  await kicked.c.waitFor(() => kicked.removed.length === 1, 'class:removed');
  expect(kicked.removed).toEqual([{ reason: 'kicked' }]);
  await partner.c.waitFor(() => partner.c.view?.phase === 'finished', "the partner's game to end");
  expect(partner.c.view?.result).toMatchObject({ goalMet: false, abandonedBy: 'server' });
  const again = await kicked.c.request('class:join', { code: setup.code, nickname: 'new name' });
  expect(again).toEqual({ ok: false, error: expect.objectContaining({ code: 'KICKED' }) });
  expect(await kicked.c.request('class:state', {})).toEqual({
    ok: true,
    data: { host: null, student: null },
  });
  // the kicked student is no host either
  expect((await kicked.c.request('class:round:end', {})).ok).toBe(false);
  const cls = await storedClass(h, setup.classId);
  expect(cls.round!.pairs.find((p) => p.client === null || p.server === null)!.done).toBe(false);
  expect(cls.round!.pairs.filter((p) => p.done)).toHaveLength(1);
  // the kicked student's session is free for practice again
  expect(
    (await kicked.c.request('practice:start', { scenario: 'three-way-handshake', role: 'client' })).ok,
  ).toBe(true);
});

test('pause stops every clock of the class; resume restarts them', async () => {
  const setup = await setupClass(h, 2);
  const { host, students } = setup;
  const started = await host.c.must('class:round:start', { ...ROUND, durationMs: 60_000 });
  await h.app.idle();
  const [a, b] = students.map((s) => s.c);
  const gameId = started.class.pairs[0]!.gameId!;
  for (const c of [a!, b!]) await c.waitFor(() => c.view?.gameId === gameId, 'the round game');
  // one move so a segment is in flight and a turn timer runs
  const client = [a!, b!].find((c) => c.view?.role === 'client')!;
  const server = [a!, b!].find((c) => c.view?.role === 'server')!;
  expect((await server.playCorrect()).ok).toBe(true);
  expect((await client.playCorrect()).ok).toBe(true);
  await h.sync([a!, b!]);
  const beforePause = (await h.stores.games.get(gameId))!;
  expect(beforePause.wire).toHaveLength(1);
  const paused = await host.c.must('class:round:pause', {});
  expect(paused.class.round?.phase).toBe('paused');
  const endsAt = paused.class.round!.endsAt;
  await h.sync([a!, b!]);
  expect(a!.view?.paused).toBe(true);
  const frozen = (await h.stores.games.get(gameId))!;

  // a long time passes: nothing arrives, no turn is forfeited, the round does not end
  await h.advanceBy(10 * 60_000);
  await h.app.idle();
  const still = (await h.stores.games.get(gameId))!;
  expect(still).toEqual(frozen);
  const cls = await storedClass(h, setup.classId);
  expect(cls.round).toMatchObject({ phase: 'paused', endsAt });
  expect(await server.request('game:move', { move: { kind: 'call', call: 'listen' } })).toEqual({
    ok: false,
    error: expect.objectContaining({ code: 'GAME_PAUSED' }),
  });
  const sv = students.map((s) => s.studentViews[s.studentViews.length - 1]!);
  expect(sv.every((v) => v.round?.phase === 'paused')).toBe(true);

  const resumed = await host.c.must('class:round:resume', {});
  expect(resumed.class.round).toMatchObject({ phase: 'playing', endsAt: endsAt + 10 * 60_000 });
  await h.sync([a!, b!]);
  const after = (await h.stores.games.get(gameId))!;
  expect(after.pausedAt).toBeNull();
  expect(after.wire[0]!.arriveAt).toBe(beforePause.wire[0]!.arriveAt + 10 * 60_000);
  // the clocks run again: the SYN arrives one flight after it would have
  await h.advanceTo(after.wire[0]!.arriveAt);
  await h.sync([a!, b!]);
  expect((await h.stores.games.get(gameId))!.wire).toHaveLength(0);
  // and the round's countdown runs out at its moved end (turns forfeited meanwhile play on)
  await h.advanceTo(resumed.class.round!.endsAt - 1);
  expect((await storedClass(h, setup.classId)).round?.phase).toBe('playing');
  await h.advanceTo(resumed.class.round!.endsAt);
  await h.app.idle();
  expect((await storedClass(h, setup.classId)).round?.phase).toBe('ended');
  // the pair's game of that moment (turns forfeited meanwhile may have moved it to its next scenario)
  const current = (await storedClass(h, setup.classId)).round!.pairs[0]!.gameId!;
  const stopped = (await h.stores.games.get(current))!;
  expect(stopped.result).toMatchObject({ goalMet: false, timeUp: true });
  expect(stopped.log[stopped.log.length - 1]).toMatchObject({ type: 'end', timeUp: true });
});
