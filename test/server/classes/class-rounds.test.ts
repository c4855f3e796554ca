/**
 * Rounds over the real server: the teacher's choices reach the games (scenario sequence, bot
 * level, MSL scale), roles swap and partners rotate in the next round, results of every round are
 * kept (export, leaderboards per round and in total), students see the countdown, time runs out.
 */
import type { Side } from '../../../shared/tcp/types';
import { Harness, TEST_SETTINGS } from '../../helpers/server-harness';
import { parseCsv, playRound, setupClass, storedClass, type ClassSetup } from '../../helpers/class-harness';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ config: { dashboardMs: 0 } });
});
afterEach(async () => {
  await h.close();
});

const refused = (code: string) => ({ ok: false, error: expect.objectContaining({ code }) });

/** Each student's side in the stored round, by nickname. */
async function roles(setup: ClassSetup): Promise<Record<string, Side>> {
  const cls = await storedClass(h, setup.classId);
  const nick = new Map(cls.students.map((s) => [s.sessionId, s.nickname]));
  const out: Record<string, Side> = {};
  for (const p of cls.round!.pairs) {
    if (p.client) out[nick.get(p.client)!] = 'client';
    if (p.server) out[nick.get(p.server)!] = 'server';
  }
  return out;
}

/** The partners of the stored round, as sorted nickname pairs ('bot' for the bot). */
async function partners(setup: ClassSetup): Promise<string[]> {
  const cls = await storedClass(h, setup.classId);
  const nick = new Map(cls.students.map((s) => [s.sessionId, s.nickname]));
  return cls.round!.pairs.map((p) =>
    [p.client, p.server]
      .map((x) => (x === null ? 'bot' : nick.get(x)!))
      .sort()
      .join('+'),
  );
}

test('the scenario sequence, bot level and MSL scale reach every game of the round', async () => {
  const setup = await setupClass(h, 3);
  const started = await setup.host.c.must('class:round:start', {
    scenarios: ['three-way-handshake', 'client-closes-first'],
    level: 'catch',
    mslScale: 2,
    durationMs: 20 * 60_000,
    hints: true,
  });
  expect(started.class.round?.config).toEqual({
    scenarios: ['three-way-handshake', 'client-closes-first'],
    level: 'catch',
    mslScale: 2,
    durationMs: 20 * 60_000,
    hints: true,
  });
  const first = await Promise.all(started.class.pairs.map((p) => h.stores.games.get(p.gameId!)));
  for (const g of first) {
    expect(g).toMatchObject({
      classId: setup.classId,
      scenarioId: 'three-way-handshake',
      hints: true,
      settings: { ...TEST_SETTINGS, mslMs: TEST_SETTINGS.mslMs * 2 },
    });
  }
  expect(first.filter((g) => g!.bot !== null).map((g) => g!.bot!.level)).toEqual(['catch']);
  expect(started.class.pairs.every((p) => p.scenarioCount === 2 && p.scenarioIndex === 0)).toBe(true);

  await playRound(h, setup);
  await h.app.idle();
  // every pair played the sequence in order, with the same settings
  const rows = parseCsv((await setup.host.c.must('class:export', {})).csv.slice(1)).slice(1);
  for (const s of ['s1', 's2', 's3'])
    expect(rows.filter((r) => r[0] === s).map((r) => r[2])).toEqual([
      'three-way-handshake',
      'client-closes-first',
    ]);
  const cls = await storedClass(h, setup.classId);
  for (const p of cls.round!.pairs) {
    const g = (await h.stores.games.get(p.gameId!))!;
    expect(g.scenarioId).toBe('client-closes-first');
    expect(g.settings.mslMs).toBe(TEST_SETTINGS.mslMs * 2);
  }
});

test('an MSL scale the settings do not allow is SETTINGS_INVALID, and no round starts', async () => {
  const setup = await setupClass(h, 2);
  // 2 x MSL would not outlast a retransmission
  expect(
    await setup.host.c.request('class:round:start', { scenarios: ['three-way-handshake'], mslScale: 0.5 }),
  ).toEqual(refused('SETTINGS_INVALID'));
  expect((await storedClass(h, setup.classId)).round).toBeNull();
  expect(await h.stores.games.count()).toBe(0);
});

test('round 2: roles swap, partners rotate, results of both rounds are kept, boards per round and in total', async () => {
  const setup = await setupClass(h, 4);
  const { host } = setup;
  await host.c.must('class:round:start', { scenarios: ['three-way-handshake'] });
  expect(await host.c.request('class:round:start', { scenarios: ['three-way-handshake'] })).toEqual(
    refused('ROUND_RUNNING'),
  );
  expect(await host.c.request('class:pairing', { mode: 'random', rotate: true })).toEqual(
    refused('ROUND_RUNNING'),
  );
  expect(await host.c.request('class:pairs:auto', {})).toEqual(refused('ROUND_RUNNING'));
  const roles1 = await roles(setup);
  const partners1 = await partners(setup);
  await playRound(h, setup);
  await h.app.idle();
  const after1 = await host.c.must('class:state', {});
  const board1 = after1.host!.leaderboard.round;
  expect(board1).toHaveLength(4);

  // the teacher may look at the next pairs first: new partners
  const planned = await host.c.must('class:pairs:auto', {});
  expect(planned.class.plannedPairs).toHaveLength(2);
  await host.c.must('class:round:start', { scenarios: ['three-way-handshake'] });
  const roles2 = await roles(setup);
  const partners2 = await partners(setup);
  for (const nick of Object.keys(roles1))
    expect(roles2[nick]).toBe(roles1[nick] === 'client' ? 'server' : 'client');
  expect(partners2.filter((p) => partners1.includes(p))).toEqual([]);
  for (const s of setup.students)
    await s.c.waitFor(
      () => s.studentViews.some((v) => v.round?.index === 2 && v.pair !== null),
      'the round 2 view',
    );
  await playRound(h, setup);
  await h.app.idle();

  const cls = await storedClass(h, setup.classId);
  expect(cls.roundsPlayed).toBe(2);
  const rows = parseCsv((await host.c.must('class:export', {})).csv.slice(1)).slice(1);
  expect(rows).toHaveLength(8);
  expect(rows.filter((r) => r[1] === '1')).toHaveLength(4);
  expect(rows.filter((r) => r[1] === '2')).toHaveLength(4);
  for (const s of ['s1', 's2', 's3', 's4']) {
    const mine = rows.filter((r) => r[0] === s);
    expect(mine.map((r) => r[3]).sort()).toEqual(['client', 'server']);
    expect(mine[0]![4]).not.toBe(mine[1]![4]);
  }
  const view = (await host.c.must('class:state', {})).host!;
  for (const e of view.leaderboard.round) {
    const mine = rows.filter((r) => r[0] === e.nickname && r[1] === '2');
    expect(e.points).toBe(mine.reduce((n, r) => n + Number(r[5]), 0));
  }
  for (const e of view.leaderboard.total) {
    const mine = rows.filter((r) => r[0] === e.nickname);
    expect(e.points).toBe(mine.reduce((n, r) => n + Number(r[5]), 0));
    expect(e.goals).toBe(2);
  }
});

test('students see the round countdown; when time runs out the games stop and are recorded', async () => {
  const setup = await setupClass(h, 3);
  const t0 = h.clock.now();
  await setup.host.c.must('class:round:start', { scenarios: ['three-way-handshake'], durationMs: 60_000 });
  for (const s of setup.students) {
    await s.c.waitFor(() => s.studentViews.some((v) => v.round !== null), 'the round in the student view');
    const v = s.studentViews[s.studentViews.length - 1]!;
    expect(v.round).toMatchObject({
      index: 1,
      phase: 'playing',
      startedAt: t0,
      endsAt: t0 + 60_000,
      pausedAt: null,
    });
    expect(v.serverNow).toBeGreaterThanOrEqual(t0);
    expect(v.pair?.scenarioIndex).toBe(0);
  }
  const cls0 = await storedClass(h, setup.classId);
  await h.advanceTo(t0 + 59_999);
  expect((await storedClass(h, setup.classId)).round?.phase).toBe('playing');
  await h.advanceTo(t0 + 60_000);
  await h.app.idle();
  const cls = await storedClass(h, setup.classId);
  expect(cls.round).toMatchObject({ phase: 'ended', endedAt: t0 + 60_000 });
  for (const p of cls.round!.pairs) {
    expect(p.done).toBe(true);
    const g = (await h.stores.games.get(p.gameId!))!;
    expect(g.phase).toBe('finished');
  }
  // stopped by the time limit (only games that were still running then)
  const stopped = await Promise.all(cls0.round!.pairs.map((p) => h.stores.games.get(p.gameId!)));
  expect(stopped.some((g) => g!.result?.timeUp === true)).toBe(true);
  const rows = parseCsv((await setup.host.c.must('class:export', {})).csv.slice(1)).slice(1);
  expect(rows.map((r) => r[0]).sort()).toEqual(['s1', 's2', 's3']);
  for (const s of setup.students) {
    await s.c.waitFor(() => s.studentViews.some((v) => v.round?.phase === 'ended'), 'the ended round');
    const v = s.studentViews[s.studentViews.length - 1]!;
    expect(v.standing).toMatchObject({ playerId: s.playerId });
  }
});

test('the teacher ends a round early; the results so far are recorded once', async () => {
  const setup = await setupClass(h, 2);
  await setup.host.c.must('class:round:start', { scenarios: ['three-way-handshake', 'client-closes-first'] });
  await h.app.idle();
  const ended = await setup.host.c.must('class:round:end', {});
  expect(ended.class.round?.phase).toBe('ended');
  expect(await setup.host.c.request('class:round:end', {})).toEqual(refused('NO_ROUND'));
  expect(await setup.host.c.request('class:round:pause', {})).toEqual(refused('NO_ROUND'));
  await h.app.idle();
  const rows = parseCsv((await setup.host.c.must('class:export', {})).csv.slice(1)).slice(1);
  expect(rows).toHaveLength(2);
  expect(rows.every((r) => r[2] === 'three-way-handshake' && r[9] === 'no')).toBe(true);
});
