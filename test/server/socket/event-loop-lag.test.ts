/**
 * BUSY answers follow a sustained lag: a loop late at every tick counts as lagging, one long pause
 * (a garbage collection, the hypervisor taking the core) does not, neither while it is being
 * caught up nor after.
 */
import { LagWindow, SAMPLES, SAMPLE_MS, eventLoopLag } from '../../../server/socket/event-loop-lag';

/** A window fed ticks `late` ms after each due time, starting at 0. */
function ticked(lates: number[]): { w: LagWindow; now: number } {
  const w = new LagWindow(0);
  let now = 0;
  for (const late of lates) {
    now += SAMPLE_MS + late;
    w.tick(now);
  }
  return { w, now };
}

describe('LagWindow', () => {
  test('nothing is lagging before enough ticks came, however late', () => {
    const { w, now } = ticked(Array<number>(SAMPLES - 1).fill(500));
    expect(w.lagMs(now)).toBe(0);
  });

  test('an overloaded loop, late at every tick, lags by its smallest drift', () => {
    const { w, now } = ticked([300, 250, 400, 280]);
    expect(w.lagMs(now)).toBe(250);
    // and it keeps lagging while the next tick is overdue
    expect(w.lagMs(now + SAMPLE_MS + 600)).toBe(250);
  });

  test('one long pause is not a lag: not while its turn runs, not after it', () => {
    const { w, now } = ticked([0, 1, 0, 2]);
    // the turn after a 400 ms pause, before the timer fired again
    expect(w.lagMs(now + SAMPLE_MS + 400)).toBe(0);
    w.tick(now + SAMPLE_MS + 400);
    expect(w.lagMs(now + SAMPLE_MS + 401)).toBe(0);
  });

  test('a lag that lasts is seen once every drift in the window is late, and ends with the first prompt tick', () => {
    const { w, now } = ticked([0, 0, 0]);
    let t = now;
    const seen: number[] = [];
    for (const late of [300, 300, 300, 0]) {
      t += SAMPLE_MS + late;
      w.tick(t);
      seen.push(w.lagMs(t));
    }
    expect(seen).toEqual([0, 0, 300, 0]);
  });
});

test('eventLoopLag measures the real loop and lets the process exit', () => {
  const lag = eventLoopLag();
  expect(lag.lagMs()).toBe(0);
  lag.close();
});
