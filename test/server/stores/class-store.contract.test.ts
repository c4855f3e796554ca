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

describe.each(STORE_KINDS)('LimitStore ($name): attempts', (kind) => {
  const W = 60_000;

  test('a place per attempt in a fixed window on the given clock: failures keep theirs, successes give theirs back', async () => {
    const { limits } = await kind.make();
    expect(await limits.peek('1.2.3.4', 0)).toBe(0);
    const a = await limits.take('1.2.3.4', W, 2, 1000);
    const b = await limits.take('1.2.3.4', W, 2, 1000);
    expect([a, b]).toEqual([
      { taken: true, window: 1000 },
      { taken: true, window: 1000 },
    ]);
    // both places held by attempts being judged: busy, not used up
    expect(await limits.take('1.2.3.4', W, 2, 2000)).toEqual({ taken: false, reason: 'busy' });
    // another key has its own places
    expect((await limits.take('5.6.7.8', W, 2, 2000)).taken).toBe(true);
    await limits.settle('1.2.3.4', 1000, false);
    expect(await limits.peek('1.2.3.4', 2000)).toBe(0);
    const c = await limits.take('1.2.3.4', W, 2, 2000);
    expect(c.taken).toBe(true);
    await limits.settle('1.2.3.4', 1000, true);
    await limits.settle('1.2.3.4', 1000, true);
    expect(await limits.peek('1.2.3.4', 60_999)).toBe(2);
    expect(await limits.take('1.2.3.4', W, 2, 60_999)).toEqual({ taken: false, reason: 'used-up' });
    // the next window starts empty
    expect(await limits.peek('1.2.3.4', 61_000)).toBe(0);
    expect(await limits.take('1.2.3.4', W, 2, 61_000)).toEqual({ taken: true, window: 61_000 });
  });

  test('an attempt settled after its window ended counts nowhere', async () => {
    const { limits } = await kind.make();
    const old = await limits.take('k', W, 1, 0);
    expect(old).toEqual({ taken: true, window: 0 });
    const fresh = await limits.take('k', W, 1, W);
    expect(fresh).toEqual({ taken: true, window: W });
    await limits.settle('k', 0, true);
    expect(await limits.peek('k', W)).toBe(0);
    // the new window's place is still held by its own attempt
    expect(await limits.take('k', W, 1, W)).toEqual({ taken: false, reason: 'busy' });
    await limits.settle('k', W, true);
    expect(await limits.peek('k', W)).toBe(1);
  });

  test('300 attempts at once from two handles (two nodes): exactly max are taken', async () => {
    const [a, b] = await kind.twin();
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => (i % 2 ? a : b).limits.take('k', W, 30, 1000)),
    );
    expect(answers.filter((r) => r.taken)).toHaveLength(30);
    expect(answers.filter((r) => !r.taken && r.reason === 'busy')).toHaveLength(270);
    await Promise.all(
      answers.filter((r) => r.taken).map((_, i) => (i % 2 ? a : b).limits.settle('k', 1000, true)),
    );
    expect(await a.limits.peek('k', 1000)).toBe(30);
    expect(await b.limits.take('k', W, 30, 1000)).toEqual({ taken: false, reason: 'used-up' });
  });
});

describe.each(STORE_KINDS)('LimitStore ($name): send slots', (kind) => {
  const o = (now: number, change: boolean) => ({ now, intervalMs: 500, lateMs: 2000, change });

  test('the first change is granted; later ones wait for the interval after the send; a wake-up with nothing unsent gets nothing', async () => {
    const { limits } = await kind.make();
    // a wake-up before any change: nothing to send
    expect(await limits.claimSlot('s', o(0, false))).toEqual({ granted: false, until: null });
    expect(await limits.claimSlot('s', o(1000, true))).toEqual({ granted: true });
    // while the send is under way: not before the interval after its claim
    expect(await limits.claimSlot('s', o(1001, true))).toEqual({ granted: false, until: 1500 });
    await limits.slotDone('s', 1000, 1003);
    // the interval counts from when it went out
    expect(await limits.claimSlot('s', o(1004, true))).toEqual({ granted: false, until: 1503 });
    expect(await limits.claimSlot('s', o(1502, false))).toEqual({ granted: false, until: 1503 });
    expect(await limits.claimSlot('s', o(1503, false))).toEqual({ granted: true });
    await limits.slotDone('s', 1503, 1503);
    // that send covered every change: the next wake-up sends nothing
    expect(await limits.claimSlot('s', o(5000, false))).toEqual({ granted: false, until: null });
    expect(await limits.claimSlot('s', o(5000, true))).toEqual({ granted: true });
  });

  test('a send that did not go out leaves its changes unsent', async () => {
    const { limits } = await kind.make();
    expect(await limits.claimSlot('s', o(1000, true))).toEqual({ granted: true });
    await limits.slotDone('s', 1000, null);
    expect(await limits.claimSlot('s', o(1000, false))).toEqual({ granted: true });
  });

  test('a sender that never says it sent holds the slot until the interval after its lateness', async () => {
    const { limits } = await kind.make();
    expect(await limits.claimSlot('s', o(1000, true))).toEqual({ granted: true });
    expect(await limits.claimSlot('s', o(1499, true))).toEqual({ granted: false, until: 1500 });
    expect(await limits.claimSlot('s', o(1500, false))).toEqual({ granted: false, until: 3500 });
    expect(await limits.claimSlot('s', o(3499, false))).toEqual({ granted: false, until: 3500 });
    expect(await limits.claimSlot('s', o(3500, false))).toEqual({ granted: true });
    // the late word of the first sender does not free the new one's slot
    await limits.slotDone('s', 1000, 1500);
    expect(await limits.claimSlot('s', o(3600, true))).toEqual({ granted: false, until: 4000 });
  });

  test('claims raced from two handles (two nodes): one granted', async () => {
    const [a, b] = await kind.twin();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).limits.claimSlot('s', o(1000, true))),
    );
    expect(answers.filter((r) => r.granted)).toHaveLength(1);
    expect(answers.filter((r) => !r.granted && r.until === 1500)).toHaveLength(39);
  });
});
