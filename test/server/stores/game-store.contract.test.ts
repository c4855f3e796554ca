import { createGame } from '../../../shared/game/game-engine';
import type { Game } from '../../../shared/game/game-types';
import { STORE_KINDS } from '../../helpers/store-kinds';
import { closeTestRedis } from '../../helpers/test-redis';

afterAll(closeTestRedis);

const game = (id: string): Game => createGame({ id, scenarioId: 'three-way-handshake', now: 0, seed: 1 });

describe.each(STORE_KINDS)('GameStore ($name)', (kind) => {
  test('create, then get it; a second create of the id is refused; a loaded game cannot be changed in place', async () => {
    const { games } = await kind.make();
    expect(await games.get('g1')).toBeNull();
    expect(await games.create(game('g1'))).toBe(true);
    expect(await games.create({ ...game('g1'), scenarioId: 'lost-last-ack' })).toBe(false);
    const loaded = (await games.get('g1'))!;
    expect(loaded).toEqual(game('g1'));
    // Redis hands out a copy; memory shares the record and freezes it (under jest): either way
    // the stored game stays as saved
    try {
      // a caller that ignores the readonly type
      (loaded.nicknames as { client: string }).client = 'changed outside';
    } catch (err) {
      expect(err).toBeInstanceOf(TypeError);
    }
    expect((await games.get('g1'))!.nicknames.client).toBe('');
    expect(await games.count()).toBe(1);
  });

  test('update only from the stored version; a refused update changes nothing', async () => {
    const { games } = await kind.make();
    const g = game('g1');
    await games.create(g);
    expect(await games.update({ ...g, version: 1, phase: 'playing' }, 0)).toBe(true);
    expect(await games.update({ ...g, version: 2, phase: 'finished' }, 0)).toBe(false);
    expect(await games.get('g1')).toMatchObject({ version: 1, phase: 'playing' });
    expect(await games.update({ ...g, id: 'absent', version: 1 }, 0)).toBe(false);
    expect(await games.get('absent')).toBeNull();
  });

  test('delete: gone, an update of it is refused, the id may be created again', async () => {
    const { games } = await kind.make();
    await games.create(game('g1'));
    await games.create(game('g2'));
    await games.delete('g1');
    await games.delete('never-there');
    expect(await games.get('g1')).toBeNull();
    expect(await games.update({ ...game('g1'), version: 1 }, 0)).toBe(false);
    expect(await games.count()).toBe(1);
    expect(await games.create(game('g1'))).toBe(true);
  });

  test('racing updates from two handles: exactly one wins each version, none is lost', async () => {
    const [a, b] = await kind.twin();
    await a.games.create(game('race'));
    for (let version = 0; version < 10; version++) {
      const attempts = Array.from({ length: 16 }, (_, i) =>
        (i % 2 ? a : b).games.update(
          { ...game('race'), version: version + 1, nicknames: { client: `w${i}`, server: '' } },
          version,
        ),
      );
      const won = await Promise.all(attempts);
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = won.indexOf(true);
      expect((await b.games.get('race'))!).toMatchObject({
        version: version + 1,
        nicknames: { client: `w${winner}` },
      });
    }
  });
});
