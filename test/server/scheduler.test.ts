import { ManualClock } from '../../server/clock';
import { createLogger } from '../../server/logger';
import { Scheduler } from '../../server/scheduler';
import { TaskTracker } from '../../server/task-tracker';

function setup() {
  const clock = new ManualClock(0);
  const tasks = new TaskTracker(createLogger('silent'));
  return { clock, tasks, scheduler: new Scheduler(clock, tasks) };
}

test('one wake-up per key: setting a key again replaces it, null clears it', async () => {
  const { clock, tasks, scheduler } = setup();
  const woke: string[] = [];
  const task = (name: string) => async () => {
    woke.push(`${name}@${clock.now()}`);
  };
  scheduler.set('game:1', 100, task('first'));
  scheduler.set('game:1', 50, task('second'));
  scheduler.set('game:2', 70, task('other'));
  scheduler.set('game:3', 60, task('cleared'));
  scheduler.set('game:3', null, task('never'));
  expect(scheduler.size).toBe(2);
  expect(scheduler.at('game:1')).toBe(50);
  clock.advanceTo(200);
  await tasks.idle();
  expect(woke).toEqual(['second@50', 'other@70']);
  expect(scheduler.size).toBe(0);
});

test('a failing task is logged, not thrown; stop() clears everything and refuses more', async () => {
  const { clock, tasks, scheduler } = setup();
  scheduler.set('a', 10, async () => {
    throw new Error('boom');
  });
  clock.advanceTo(10);
  await tasks.idle();
  const woke: number[] = [];
  scheduler.set('b', 20, async () => {
    woke.push(1);
  });
  scheduler.stop();
  scheduler.set('c', 30, async () => {
    woke.push(2);
  });
  clock.advanceTo(100);
  await tasks.idle();
  expect(woke).toEqual([]);
  expect(clock.pending()).toBe(0);
});
