/**
 * What only the in-memory stores do (records shared and frozen, not copied) and the pure matching
 * rule; what every store must do is in the contract tests beside this file, run on memory and Redis.
 */
import { createGame } from '../../../shared/game/game-engine';
import { compatible, type QuickRequest } from '../../../server/stores/match-store';
import { createMemoryStores } from '../../../server/stores/stores';

test('games: compare-and-set on the version; records are shared and frozen, not copied', async () => {
  const { games } = createMemoryStores();
  const g = createGame({ id: 'g1', scenarioId: 'three-way-handshake', now: 0, seed: 1 });
  expect(await games.create(g)).toBe(true);
  expect(await games.create(g)).toBe(false);
  const loaded = (await games.get('g1'))!;
  expect(loaded).toBe(g);
  expect(() => {
    // a caller that ignores the readonly type
    (loaded.nicknames as { client: string }).client = 'changed outside';
  }).toThrow(TypeError);
  expect(Object.isFrozen(loaded.log)).toBe(true);
  expect((await games.get('g1'))!.nicknames.client).toBe('');
  expect(await games.update({ ...g, version: 1 }, 0)).toBe(true);
  expect(await games.update({ ...g, version: 2 }, 0)).toBe(false);
  expect((await games.get('g1'))!.version).toBe(1);
  await games.delete('g1');
  expect(await games.update({ ...g, version: 2 }, 1)).toBe(false);
  expect(await games.count()).toBe(0);
});

describe('matches', () => {
  const req = (
    sessionId: string,
    scenario: QuickRequest['scenario'],
    role: QuickRequest['role'],
  ): QuickRequest => ({
    sessionId,
    scenario,
    role,
    at: 0,
  });

  test.each([
    [req('a', null, 'any'), req('b', 'lost-last-ack', 'server'), true],
    [req('a', 'lost-last-ack', 'client'), req('b', 'lost-last-ack', 'server'), true],
    [req('a', 'lost-last-ack', 'client'), req('b', 'lost-last-ack', 'client'), false],
    [req('a', 'lost-last-ack', 'any'), req('b', 'three-way-handshake', 'any'), false],
    [req('a', null, 'any'), req('a', null, 'any'), false],
  ])('compatible(%p, %p) is %p', (x, y, expected) => {
    expect(compatible(x, y)).toBe(expected);
    expect(compatible(y, x)).toBe(expected);
  });
});
