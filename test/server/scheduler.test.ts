import fc from 'fast-check';
import { ManualClock } from '../../server/clock';
import { createLogger } from '../../server/logger';
import { LocalScheduler, WAKE_UPS_PER_TURN } from '../../server/scheduler';
import { TaskTracker } from '../../server/task-tracker';

function setup() {
  const clock = new ManualClock(0);
  const tasks = new TaskTracker(createLogger('silent'));
  return { clock, tasks, scheduler: new LocalScheduler(clock, tasks) };
}

test('one wake-up per kind and id: setting it again replaces it, null clears it', async () => {
  const { clock, tasks, scheduler } = setup();
  const woke: string[] = [];
  scheduler.define('game', async (id) => {
    woke.push(`game ${id}@${clock.now()}`);
  });
  scheduler.define('gc', async (id) => {
    woke.push(`gc ${id}@${clock.now()}`);
  });
  scheduler.set('game', '1', 100);
  scheduler.set('game', '1', 50);
  scheduler.set('game', '2', 70);
  scheduler.set('gc', '1', 80);
  scheduler.set('game', '3', 60);
  scheduler.set('game', '3', null);
  expect(scheduler.size).toBe(3);
  expect(scheduler.at('game', '1')).toBe(50);
  expect(scheduler.at('game', '3')).toBeNull();
  clock.advanceTo(200);
  await tasks.idle();
  expect(woke).toEqual(['game 1@50', 'game 2@70', 'gc 1@80']);
  expect(scheduler.size).toBe(0);
});

test('a kind must be defined once, before use', () => {
  const { scheduler } = setup();
  expect(() => scheduler.set('nope', '1', 10)).toThrow(/not defined/);
  scheduler.define('a', async () => undefined);
  expect(() => scheduler.define('a', async () => undefined)).toThrow(/twice/);
});

test('a failing task is logged, not thrown; stop() clears everything and refuses more', async () => {
  const { clock, tasks, scheduler } = setup();
  const woke: string[] = [];
  scheduler.define('boom', async () => {
    throw new Error('boom');
  });
  scheduler.define('ok', async (id) => {
    woke.push(id);
  });
  scheduler.set('boom', 'a', 10);
  clock.advanceTo(10);
  await tasks.idle();
  scheduler.set('ok', 'b', 20);
  scheduler.stop();
  scheduler.set('ok', 'c', 30);
  clock.advanceTo(100);
  await tasks.idle();
  expect(woke).toEqual([]);
  expect(clock.pending()).toBe(0);
});

/** One turn of the event loop: what waits for the next turn's budget starts in it. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('wake-ups due all at once start a batch per turn of the event loop, in the order they were due', async () => {
  const { clock, tasks, scheduler } = setup();
  const started: string[] = [];
  scheduler.define('game', async (id) => {
    started.push(id);
  });
  const n = WAKE_UPS_PER_TURN * 2 + 5;
  for (let i = 0; i < n; i++) scheduler.set('game', String(i), 10 + i);
  clock.advanceTo(1_000);
  // one batch started within the timers' sweep; the rest wait for later turns, and idle() for them
  expect(started).toHaveLength(WAKE_UPS_PER_TURN);
  expect(tasks.running).toBe(n);
  await nextTurn();
  expect(started).toHaveLength(WAKE_UPS_PER_TURN * 2);
  await tasks.idle();
  expect(started).toEqual(Array.from({ length: n }, (_, i) => String(i)));
  expect(scheduler.size).toBe(0);
});

test('a wake-up set again or cleared while it waits for its turn runs as set last', async () => {
  const { clock, tasks, scheduler } = setup();
  const woke: string[] = [];
  scheduler.define('game', async (id) => {
    woke.push(`${id}@${clock.now()}`);
  });
  for (let i = 0; i < WAKE_UPS_PER_TURN + 2; i++) scheduler.set('game', String(i), 10);
  clock.advanceTo(10);
  const last = String(WAKE_UPS_PER_TURN + 1);
  const cleared = String(WAKE_UPS_PER_TURN);
  // both wait for the next turn: one is moved on, one is cleared
  scheduler.set('game', last, 50);
  scheduler.clear('game', cleared);
  await tasks.idle();
  expect(woke).not.toContain(`${cleared}@10`);
  expect(woke.filter((w) => w.startsWith(`${last}@`))).toEqual([]);
  clock.advanceTo(50);
  await tasks.idle();
  expect(woke.filter((w) => w.startsWith(`${last}@`))).toEqual([`${last}@50`]);
  expect(woke).toHaveLength(WAKE_UPS_PER_TURN + 1);
});

test('any mix of sets, moves and clears: each wake-up runs once, at the time set last, in order of time', async () => {
  type Op = { id: number; at: number | null; advance: number };
  const op = fc.record({
    // fewer ids than a turn's budget: all due at once still start within the sweep, at their time
    id: fc.integer({ min: 0, max: WAKE_UPS_PER_TURN - 2 }),
    // how far from now (the heap then holds a mix of near and far wake-ups)
    at: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null, freq: 4 }),
    advance: fc.integer({ min: 0, max: 8 }),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(op, { maxLength: 400 }), async (ops: Op[]) => {
      const { clock, tasks, scheduler } = setup();
      const woke: Array<{ id: string; at: number }> = [];
      scheduler.define('game', async (id) => {
        woke.push({ id, at: clock.now() });
      });
      // the model: what is set and not run yet, with the order it was set in
      const wanted = new Map<string, { at: number; seq: number }>();
      const expected: Array<{ id: string; at: number; seq: number }> = [];
      let seq = 0;
      const runModel = (to: number) => {
        const due = [...wanted].filter(([, w]) => w.at <= to);
        for (const [id, w] of due) {
          wanted.delete(id);
          expected.push({ id, at: w.at, seq: w.seq });
        }
      };
      for (const o of ops) {
        const id = String(o.id);
        const at = o.at === null ? null : clock.now() + o.at;
        const cur = wanted.get(id);
        scheduler.set('game', id, at);
        if (at === null) wanted.delete(id);
        else if (!cur || cur.at !== at) wanted.set(id, { at, seq: ++seq });
        expect(scheduler.at('game', id)).toBe(at);
        const to = clock.now() + o.advance;
        runModel(to);
        clock.advanceTo(to);
        await tasks.idle();
      }
      runModel(Infinity);
      clock.advanceTo(1_000);
      await tasks.idle();
      expected.sort((a, b) => a.at - b.at || a.seq - b.seq);
      expect(woke).toEqual(expected.map(({ id, at }) => ({ id, at })));
      expect(scheduler.size).toBe(0);
    }),
    { numRuns: 300 },
  );
});

test('a wake-up moved up the heap when another leaves the middle of it still runs at its time', async () => {
  const { clock, tasks, scheduler } = setup();
  const woke: string[] = [];
  scheduler.define('game', async (id) => {
    woke.push(`${id}@${clock.now()}`);
  });
  // set in this order the heap is [1, 50, 2, 60, 70, 3, 4]; clearing 60 puts 4 under 50, where it
  // must move up; 100 and 101 come after, so later removals do not repair a heap left wrong
  for (const at of [1, 50, 2, 60, 70, 3, 4]) scheduler.set('game', String(at), at);
  scheduler.clear('game', '60');
  scheduler.set('game', '100', 100);
  scheduler.set('game', '101', 101);
  clock.advanceTo(200);
  await tasks.idle();
  expect(woke).toEqual(['1@1', '2@2', '3@3', '4@4', '50@50', '70@70', '100@100', '101@101']);
});
