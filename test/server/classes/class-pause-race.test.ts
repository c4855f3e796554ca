/**
 * A pause that races with the students' moves: while the teacher's pause goes through the class's
 * games one by one, every student keeps sending moves and the clock keeps moving (1 ms between the
 * server's steps). Every move judged before a game took the pause is logged no later than the
 * round's pausedAt, and every move sent after the pause was answered is refused GAME_PAUSED. On
 * Redis each store step takes its own turns of the event loop, so the race is real there: with the
 * round's pausedAt stamped when the pause began, this fails there in most runs.
 */
import { Harness, type TestClient } from '../../helpers/server-harness';
import { setupClass, storedClass } from '../../helpers/class-harness';

const ROUND = { scenarios: ['client-closes-first'], durationMs: 30 * 60_000 };
const PAIRS = 6;

let h: Harness;
beforeEach(async () => {
  // long flights, so that pairs stay busy and their moves keep coming during the pause
  h = await Harness.start({ settings: { flightMs: 40, turnMs: 60_000 } });
});
afterEach(async () => {
  await h.close();
});

/** Plays the client's correct moves until `stop()`; each move waits for the previous answer. */
async function keepPlaying(c: TestClient, stop: () => boolean): Promise<void> {
  let iss = 1000;
  while (!stop()) {
    const v = c.view;
    if (v && v.phase === 'playing' && v.you.canAct && !v.paused) {
      const r = await c.playCorrect(iss++).catch(() => null);
      if (r && !r.ok && r.error.code !== 'VIEW_STALE' && r.error.code !== 'GAME_PAUSED')
        throw new Error(`correct move refused: ${JSON.stringify(r.error)}`);
    }
    await new Promise((r) => setImmediate(r));
  }
}

test('a pause racing with moves: no move is judged after pausedAt, none after the answer', async () => {
  const setup = await setupClass(h, 2 * PAIRS);
  const started = await setup.host.c.must('class:round:start', ROUND);
  expect(started.class.pairs).toHaveLength(PAIRS);
  const students = setup.students.map((s) => s.c);
  for (const c of students) await c.waitFor(() => c.view !== null, 'the round game');

  // the clock moves 1 ms at every turn of the event loop, so each step of the pause has its time
  let ticking = true;
  const tick = (): void => {
    if (!ticking) return;
    h.clock.advanceBy(1);
    setImmediate(tick);
  };
  setImmediate(tick);
  let stop = false;
  const players = students.map((c) => keepPlaying(c, () => stop));
  // let the pairs get going, then pause in the middle of their play
  await new Promise((r) => setTimeout(r, 60));
  await setup.host.c.must('class:round:pause', {});
  // moves sent now, after the answer, all find their game paused
  const after = await Promise.all(
    students.map((c) => c.request('game:move', { move: { kind: 'call', call: 'close' } })),
  );
  stop = true;
  await Promise.all(players);
  ticking = false;
  await h.app.idle();

  for (const a of after) expect(a).toMatchObject({ ok: false, error: { code: 'GAME_PAUSED' } });
  const cls = await storedClass(h, setup.classId);
  const pausedAt = cls.round!.pausedAt!;
  expect(pausedAt).not.toBeNull();
  let judged = 0;
  for (const p of cls.round!.pairs) {
    const g = (await h.stores.games.get(p.gameId!))!;
    expect(g.pausedAt).not.toBeNull();
    const moves = g.log.filter((e) => e.type === 'call' || (e.type === 'send' && !e.auto));
    judged += moves.length;
    for (const e of moves) expect(e.t).toBeLessThanOrEqual(pausedAt);
  }
  // the pairs did play during the run (the test has moves to check)
  expect(judged).toBeGreaterThan(PAIRS);
});
