/**
 * The game-path benchmark's two paths play the same games: the server's GameService (stores,
 * scheduler, updates, answers) and the engine alone, on a stepped clock, by the engine's correct
 * moves. If the service path judged, timed or finished a game differently, what bench:game compares
 * would not be the same work.
 */
import { enginePath, playPath, servicePath, SteppedClock } from '../../bench/game-path/game-path';

describe('the game-path benchmark', () => {
  it('fires a stepped clock’s timers in time order, ties in the order set, cleared ones not at all', () => {
    const clock = new SteppedClock();
    const t0 = clock.now();
    const fired: string[] = [];
    clock.setTimer(t0 + 30, () => fired.push('c'));
    clock.setTimer(t0 + 10, () => fired.push('a'));
    const gone = clock.setTimer(t0 + 20, () => fired.push('x'));
    clock.setTimer(t0 + 10, () => fired.push('b'));
    clock.clearTimer(gone);
    clock.advanceBy(25);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(t0 + 25);
    clock.advanceBy(5);
    expect(fired).toEqual(['a', 'b', 'c']);
  });

  it('plays the same games to the same ends through the game service as through the engine alone', async () => {
    const o = { games: 12, moves: 600 };
    const engine = await playPath(enginePath, o);
    const service = await playPath(servicePath, o);
    expect(engine.moves).toBe(600);
    expect(service.moves).toBe(600);
    // 600 moves over 12 games at a time: several rounds of client-closes-first each
    expect(engine.finished.length).toBeGreaterThanOrEqual(12);
    expect(engine.finished.every((f) => f.goalMet)).toBe(true);
    const byId = (r: typeof engine) => [...r.finished].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(service)).toEqual(byId(engine));
  });
});
