import { createGame } from '../../../shared/game/game-engine';
import { compatible, type QuickRequest } from '../../../server/stores/match-store';
import { createMemoryStores } from '../../../server/stores/stores';
import type { Session } from '../../../server/stores/session-store';

const session = (id: string, token: string): Session => ({
  id,
  token,
  playerId: `p_${id}`,
  nickname: 'x',
  lang: 'en',
  gameId: null,
  classId: null,
  graceUntil: null,
  createdAt: 0,
  version: 1,
});

test('games: compare-and-set on the version; records are shared and frozen, not copied', async () => {
  const { games } = createMemoryStores();
  const g = createGame({ id: 'g1', scenarioId: 'three-way-handshake', now: 0, seed: 1 });
  expect(await games.create(g)).toBe(true);
  expect(await games.create(g)).toBe(false);
  const loaded = (await games.get('g1'))!;
  expect(loaded).toBe(g);
  expect(() => {
    loaded.nicknames.client = 'changed outside';
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

test('sessions: by id and token, compare-and-set, delete drops the token', async () => {
  const { sessions } = createMemoryStores();
  expect(await sessions.create(session('s1', 't1'))).toBe(true);
  expect(await sessions.create(session('s2', 't1'))).toBe(false);
  expect((await sessions.getByToken('t1'))!.id).toBe('s1');
  expect(await sessions.update({ ...session('s1', 't1'), nickname: 'y', version: 2 }, 1)).toBe(true);
  expect(await sessions.update({ ...session('s1', 't1'), nickname: 'z', version: 2 }, 1)).toBe(false);
  expect((await sessions.get('s1'))!.nickname).toBe('y');
  await sessions.delete('s1');
  expect(await sessions.getByToken('t1')).toBeNull();
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

  test('pairOrEnqueue takes the oldest compatible request, or queues', async () => {
    const { matches } = createMemoryStores();
    expect(await matches.pairOrEnqueue(req('a', null, 'client'))).toBeNull();
    expect(await matches.pairOrEnqueue(req('b', null, 'client'))).toBeNull();
    expect(await matches.pairOrEnqueue(req('c', null, 'any'))).toMatchObject({ sessionId: 'a' });
    expect(await matches.isWaiting('a')).toBe(false);
    expect(await matches.isWaiting('b')).toBe(true);
    expect(await matches.cancel('b')).toBe(true);
    expect(await matches.cancel('b')).toBe(false);
  });

  test('codes and rematch votes', async () => {
    const { matches } = createMemoryStores();
    expect(await matches.claimCode('ABCDEF', 'g1')).toBe(true);
    expect(await matches.claimCode('ABCDEF', 'g2')).toBe(false);
    expect(await matches.gameOfCode('ABCDEF')).toBe('g1');
    await matches.releaseCodes('g1');
    expect(await matches.gameOfCode('ABCDEF')).toBeNull();
    expect(await matches.voteRematch('g1', 'client')).toBe(false);
    expect(await matches.voteRematch('g1', 'client')).toBe(false);
    expect(await matches.voteRematch('g1', 'server')).toBe(true);
    expect(await matches.voteRematch('g1', 'server')).toBe(false);
    await matches.clearRematch('g1');
    expect(await matches.voteRematch('g1', 'client')).toBe(false);
  });
});
