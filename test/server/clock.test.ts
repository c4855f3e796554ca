import { ManualClock, RealClock } from '../../server/clock';

describe('ManualClock', () => {
  test('fires due timers in time order, synchronously, each seeing its own time', () => {
    const c = new ManualClock(100);
    const seen: Array<[string, number]> = [];
    c.setTimer(300, () => seen.push(['b', c.now()]));
    c.setTimer(200, () => seen.push(['a', c.now()]));
    c.setTimer(300, () => seen.push(['c', c.now()]));
    const late = c.setTimer(500, () => seen.push(['late', c.now()]));
    c.advanceTo(400);
    expect(seen).toEqual([
      ['a', 200],
      ['b', 300],
      ['c', 300],
    ]);
    expect(c.now()).toBe(400);
    c.clearTimer(late);
    c.advanceBy(1000);
    expect(seen).toHaveLength(3);
    expect(c.pending()).toBe(0);
  });

  test('a timer set during a firing, for a time already passed, fires in the same advance', () => {
    const c = new ManualClock(0);
    const seen: number[] = [];
    c.setTimer(10, () => c.setTimer(5, () => seen.push(c.now())));
    c.advanceTo(20);
    expect(seen).toEqual([10]);
    c.setTimer(0, () => seen.push(-1));
    c.advanceBy(0);
    expect(seen).toEqual([10, -1]);
  });

  test('never goes backwards', () => {
    const c = new ManualClock(50);
    c.advanceTo(10);
    expect(c.now()).toBe(50);
  });
});

describe('RealClock', () => {
  test('calls a timer at its time and can clear one', async () => {
    const c = new RealClock();
    const fired: string[] = [];
    const cleared = c.setTimer(c.now() + 5, () => fired.push('cleared'));
    c.clearTimer(cleared);
    await new Promise<void>((resolve) => c.setTimer(c.now() + 10, resolve));
    expect(fired).toEqual([]);
  });
});
