import { TurnBudget } from '../../server/turn-budget';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TurnBudget', () => {
  it('lets `perTurn` start at once and the rest one batch per turn, first come first served', async () => {
    const budget = new TurnBudget(3);
    const started: number[] = [];
    const asks = Array.from({ length: 8 }, (_, i) => {
      const turn = budget.take();
      if (turn === null) started.push(i);
      else void turn.then(() => started.push(i));
      return turn;
    });
    expect(asks.filter((t) => t === null)).toHaveLength(3);
    expect(budget.queued).toBe(5);
    await nextTurn();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    await nextTurn();
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(budget.queued).toBe(0);
  });

  it('does not let a newcomer start before those already waiting', async () => {
    const budget = new TurnBudget(1);
    const order: string[] = [];
    expect(budget.take()).toBeNull();
    void budget.take()!.then(() => order.push('waited'));
    await nextTurn();
    // the waiter took this turn's start: a newcomer waits for the next
    const late = budget.take();
    expect(late).not.toBeNull();
    void late!.then(() => order.push('late'));
    await nextTurn();
    await nextTurn();
    expect(order).toEqual(['waited', 'late']);
  });

  it('gives a full budget again once a turn has passed', async () => {
    const budget = new TurnBudget(2);
    expect([budget.take(), budget.take()]).toEqual([null, null]);
    expect(budget.take()).not.toBeNull();
    await nextTurn();
    await nextTurn();
    expect([budget.take(), budget.take()]).toEqual([null, null]);
  });

  it('needs at least one start per turn', () => {
    expect(() => new TurnBudget(0)).toThrow(/at least 1/);
  });
});
