import type { Session } from '../../../server/stores/session-store';
import { STORE_KINDS } from '../../helpers/store-kinds';
import { closeTestRedis } from '../../helpers/test-redis';

afterAll(closeTestRedis);

const session = (id: string, token: string, version = 1): Session => ({
  id,
  token,
  playerId: `p_${id}`,
  nickname: 'x',
  lang: 'zh-CN',
  gameId: null,
  classId: null,
  graceUntil: null,
  createdAt: 0,
  version,
});

describe.each(STORE_KINDS)('SessionStore ($name)', (kind) => {
  test('by id and by token; an id or a token taken refuses a create', async () => {
    const { sessions } = await kind.make();
    expect(await sessions.create(session('s1', 't1'))).toBe(true);
    expect(await sessions.create(session('s1', 't2'))).toBe(false);
    expect(await sessions.create(session('s2', 't1'))).toBe(false);
    expect(await sessions.get('s1')).toEqual(session('s1', 't1'));
    expect((await sessions.getByToken('t1'))!.id).toBe('s1');
    expect(await sessions.getByToken('t2')).toBeNull();
    expect(await sessions.get('s2')).toBeNull();
    expect(await sessions.count()).toBe(1);
  });

  test('compare-and-set on the version; the token cannot be changed by an update', async () => {
    const { sessions } = await kind.make();
    await sessions.create(session('s1', 't1'));
    expect(await sessions.update({ ...session('s1', 't1', 2), nickname: 'y' }, 1)).toBe(true);
    expect(await sessions.update({ ...session('s1', 't1', 2), nickname: 'z' }, 1)).toBe(false);
    expect(await sessions.update({ ...session('s1', 'other', 3), nickname: 'z' }, 2)).toBe(false);
    expect(await sessions.getByToken('t1')).toMatchObject({ nickname: 'y', version: 2 });
    expect(await sessions.getByToken('other')).toBeNull();
    expect(await sessions.update(session('absent', 'tx', 2), 1)).toBe(false);
  });

  test('delete drops the session and its token; both may be used again', async () => {
    const { sessions } = await kind.make();
    await sessions.create(session('s1', 't1'));
    await sessions.delete('s1');
    await sessions.delete('s1');
    expect(await sessions.get('s1')).toBeNull();
    expect(await sessions.getByToken('t1')).toBeNull();
    expect(await sessions.count()).toBe(0);
    expect(await sessions.create(session('s2', 't1'))).toBe(true);
  });

  test('racing updates from two handles: exactly one wins', async () => {
    const [a, b] = await kind.twin();
    await a.sessions.create(session('s1', 't1'));
    const won = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? a : b).sessions.update({ ...session('s1', 't1', 2), nickname: `n${i}` }, 1),
      ),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
    expect((await a.sessions.get('s1'))!.nickname).toBe(`n${won.indexOf(true)}`);
  });
});
