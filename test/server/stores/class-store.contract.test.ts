import { CLASS_SCHEMA_VERSION, type ClassRoom, type ResultRow } from '../../../shared/class/class-types';
import { STORE_KINDS } from '../../helpers/store-kinds';
import { closeTestRedis } from '../../helpers/test-redis';

afterAll(closeTestRedis);

const room = (id: string, code: string, version = 1): ClassRoom => ({
  schema: CLASS_SCHEMA_VERSION,
  version,
  id,
  code,
  title: '网络 101',
  createdAt: 0,
  hostTokenHash: 'ab'.repeat(32),
  hostSessionId: 'host',
  locked: false,
  students: [{ sessionId: 's1', playerId: 'p1', nickname: '小明', joinedAt: 1 }],
  kicked: [],
  pairing: { mode: 'arrival', rotate: false },
  plannedPairs: null,
  pastPairs: [],
  round: null,
  roundsPlayed: 0,
});

const row = (playerId: string, points: number): ResultRow => ({
  round: 1,
  scenarioId: 'three-way-handshake',
  playerId,
  nickname: playerId,
  role: 'client',
  partner: null,
  points,
  correct: 3,
  mistakes: 1,
  byCode: { REPLY_OWED: 1 },
  goalMet: true,
  timeMs: 5000,
});

describe.each(STORE_KINDS)('ClassStore ($name)', (kind) => {
  test('create claims the id and the code together', async () => {
    const { classes } = await kind.make();
    expect(await classes.create(room('c1', 'ABCDEF'))).toBe(true);
    expect(await classes.create(room('c1', 'GHJKLM'))).toBe(false);
    expect(await classes.create(room('c2', 'ABCDEF'))).toBe(false);
    expect(await classes.get('c2')).toBeNull();
    expect(await classes.idOfCode('GHJKLM')).toBeNull();
    expect(await classes.idOfCode('ABCDEF')).toBe('c1');
    expect(await classes.get('c1')).toEqual(room('c1', 'ABCDEF'));
    expect(await classes.count()).toBe(1);
  });

  test('update: compare-and-set on the version, the code cannot change', async () => {
    const { classes } = await kind.make();
    await classes.create(room('c1', 'ABCDEF'));
    expect(await classes.update({ ...room('c1', 'ABCDEF', 2), locked: true }, 1)).toBe(true);
    expect(await classes.update({ ...room('c1', 'ABCDEF', 2), title: 'x' }, 1)).toBe(false);
    expect(await classes.update({ ...room('c1', 'ZZZZZZ', 3) }, 2)).toBe(false);
    expect(await classes.get('c1')).toMatchObject({ version: 2, locked: true, code: 'ABCDEF' });
    expect(await classes.update(room('absent', 'QQQQQQ', 2), 1)).toBe(false);
  });

  test('results: appended in order, kept with the class, gone with it', async () => {
    const { classes } = await kind.make();
    await classes.create(room('c1', 'ABCDEF'));
    await classes.addResults('c1', [row('p1', 10), row('p2', 20)]);
    await classes.addResults('c1', []);
    await classes.addResults('c1', [row('p3', 30)]);
    await classes.addResults('absent', [row('p9', 1)]);
    expect(await classes.results('c1')).toEqual([row('p1', 10), row('p2', 20), row('p3', 30)]);
    expect(await classes.results('absent')).toEqual([]);
    await classes.delete('c1');
    expect(await classes.get('c1')).toBeNull();
    expect(await classes.idOfCode('ABCDEF')).toBeNull();
    expect(await classes.results('c1')).toEqual([]);
    expect(await classes.count()).toBe(0);
    expect(await classes.create(room('c3', 'ABCDEF'))).toBe(true);
  });

  test('racing updates from two handles: exactly one wins', async () => {
    const [a, b] = await kind.twin();
    await a.classes.create(room('c1', 'ABCDEF'));
    const won = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? a : b).classes.update({ ...room('c1', 'ABCDEF', 2), title: `t${i}` }, 1),
      ),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
    expect((await b.classes.get('c1'))!.title).toBe(`t${won.indexOf(true)}`);
  });
});

describe.each(STORE_KINDS)('LimitStore ($name)', (kind) => {
  test('counts hits in a fixed window on the given clock; peek does not count', async () => {
    const { limits } = await kind.make();
    expect(await limits.peek('1.2.3.4', 0)).toBe(0);
    expect(await limits.hit('1.2.3.4', 60_000, 1000)).toBe(1);
    expect(await limits.hit('1.2.3.4', 60_000, 2000)).toBe(2);
    expect(await limits.hit('5.6.7.8', 60_000, 2000)).toBe(1);
    expect(await limits.peek('1.2.3.4', 60_999)).toBe(2);
    expect(await limits.peek('1.2.3.4', 61_000)).toBe(0);
    expect(await limits.hit('1.2.3.4', 60_000, 61_000)).toBe(1);
  });

  test('hits from two handles add up', async () => {
    const [a, b] = await kind.twin();
    const counts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).limits.hit('k', 60_000, 1000)),
    );
    expect([...counts].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await a.limits.peek('k', 1000)).toBe(20);
  });
});
