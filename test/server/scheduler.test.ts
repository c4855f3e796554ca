import { ManualClock } from '../../server/clock';
import { createLogger } from '../../server/logger';
import { LocalScheduler } from '../../server/scheduler';
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
