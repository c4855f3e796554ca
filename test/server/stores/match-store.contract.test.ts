import type { QuickRequest } from '../../../server/stores/match-store';
import { STORE_KINDS } from '../../helpers/store-kinds';
import { closeTestRedis } from '../../helpers/test-redis';

afterAll(closeTestRedis);

const req = (sessionId: string, scenario: QuickRequest['scenario'], role: QuickRequest['role'], at = 0) => ({
  sessionId,
  scenario,
  role,
  at,
});

describe.each(STORE_KINDS)('MatchStore ($name)', (kind) => {
  test('pairOrEnqueue takes the longest-waiting compatible request, or queues', async () => {
    const { matches } = await kind.make();
    expect(await matches.pairOrEnqueue(req('a', null, 'client', 1))).toBeNull();
    expect(await matches.pairOrEnqueue(req('b', 'lost-last-ack', 'client', 2))).toBeNull();
    expect(await matches.pairOrEnqueue(req('c', 'lost-last-ack', 'any', 3))).toEqual(
      req('a', null, 'client', 1),
    );
    expect(await matches.isWaiting('a')).toBe(false);
    expect(await matches.isWaiting('b')).toBe(true);
    expect(await matches.isWaiting('c')).toBe(false);
    // roles clash and scenarios differ: both wait
    expect(await matches.pairOrEnqueue(req('d', 'lost-last-ack', 'client'))).toBeNull();
    expect(await matches.pairOrEnqueue(req('e', 'three-way-handshake', 'server'))).toBeNull();
    expect(await matches.pairOrEnqueue(req('f', 'lost-last-ack', 'server'))).toMatchObject({
      sessionId: 'b',
    });
  });

  test('a session queued again keeps one place; cancel takes it out once', async () => {
    const { matches } = await kind.make();
    expect(await matches.pairOrEnqueue(req('a', 'lost-last-ack', 'client'))).toBeNull();
    expect(await matches.pairOrEnqueue(req('a', 'lost-last-ack', 'server'))).toBeNull();
    expect(await matches.cancel('a')).toBe(true);
    expect(await matches.cancel('a')).toBe(false);
    expect(await matches.isWaiting('a')).toBe(false);
    expect(await matches.pairOrEnqueue(req('b', null, 'any'))).toBeNull();
  });

  test('racing requests from two handles: everyone is paired or waiting, nobody twice', async () => {
    const [x, y] = await kind.twin();
    const ids = Array.from({ length: 24 }, (_, i) => `s${i}`);
    const answers = await Promise.all(
      ids.map((id, i) => (i % 2 ? x : y).matches.pairOrEnqueue(req(id, null, 'any', i))),
    );
    const partners = answers.filter((a) => a !== null).map((a) => a!.sessionId);
    const pairedBy = ids.filter((_, i) => answers[i] !== null);
    expect(new Set(partners).size).toBe(partners.length);
    for (const p of partners) expect(pairedBy).not.toContain(p);
    const waiting = [];
    for (const id of ids) if (await x.matches.isWaiting(id)) waiting.push(id);
    // any two waiting players would have been paired
    expect(waiting.length).toBeLessThanOrEqual(1);
    expect(partners.length * 2 + waiting.length).toBe(ids.length);
  });

  test('private codes: claimed once, looked up, released with their game only', async () => {
    const { matches } = await kind.make();
    expect(await matches.claimCode('ABCDEF', 'g1')).toBe(true);
    expect(await matches.claimCode('ABCDEF', 'g2')).toBe(false);
    expect(await matches.claimCode('GHJKLM', 'g1')).toBe(true);
    expect(await matches.claimCode('NPQRST', 'g2')).toBe(true);
    expect(await matches.gameOfCode('ABCDEF')).toBe('g1');
    expect(await matches.gameOfCode('ZZZZZZ')).toBeNull();
    await matches.releaseCodes('g1');
    expect(await matches.gameOfCode('ABCDEF')).toBeNull();
    expect(await matches.gameOfCode('GHJKLM')).toBeNull();
    expect(await matches.gameOfCode('NPQRST')).toBe('g2');
    expect(await matches.claimCode('ABCDEF', 'g3')).toBe(true);
  });

  test('rematch: true exactly once, for the vote that completes the pair', async () => {
    const { matches } = await kind.make();
    expect(await matches.voteRematch('g1', 'client')).toBe(false);
    expect(await matches.voteRematch('g1', 'client')).toBe(false);
    expect(await matches.voteRematch('g1', 'server')).toBe(true);
    expect(await matches.voteRematch('g1', 'server')).toBe(false);
    await matches.clearRematch('g1');
    expect(await matches.voteRematch('g1', 'client')).toBe(false);
    await matches.clearRematch('g1');
    expect(await matches.voteRematch('g1', 'server')).toBe(false);
  });

  test('racing rematch votes from two handles: exactly one completes each pair', async () => {
    const [x, y] = await kind.twin();
    for (let round = 0; round < 20; round++) {
      const id = `g${round}`;
      const votes = await Promise.all([
        x.matches.voteRematch(id, 'client'),
        y.matches.voteRematch(id, 'server'),
      ]);
      expect(votes.filter(Boolean)).toHaveLength(1);
    }
  });
});
