/**
 * GameStore in Redis: one hash per game (schema, version, JSON). Compare-and-set on the version is
 * one Lua script, so two nodes writing the same game cannot both win; every write sets the TTL
 * (live or finished).
 */
import { GAME_SCHEMA_VERSION, type Game } from '../../../shared/game/game-types';
import type { GameStore } from '../game-store';
import { countKeys, LUA_IS_CURRENT, readRecord, type RedisKeyspace } from './redis-keyspace';
import { LuaScript } from './redis-script';

/** KEYS[1] game; ARGV schema, version, data, ttl. A record of another schema counts as absent. */
const CREATE = new LuaScript(`
if redis.call('HGET', KEYS[1], 's') == ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 's', ARGV[1], 'v', ARGV[2], 'd', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`);

/** KEYS[1] game; ARGV schema, expected version, new version, data, ttl. */
const UPDATE = new LuaScript(`${LUA_IS_CURRENT}
if not is_current(KEYS[1], ARGV[1], ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[3], 'd', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`);

export class RedisGameStore implements GameStore {
  constructor(private readonly ks: RedisKeyspace) {}

  private key(id: string): string {
    return `${this.ks.prefix}game:${id}`;
  }

  private ttl(game: Game): number {
    return game.result ? this.ks.ttl.finishedGameMs : this.ks.ttl.liveGameMs;
  }

  async get(id: string): Promise<Game | null> {
    const key = this.key(id);
    return readRecord<Game>(this.ks, key, await this.ks.redis.hgetall(key), GAME_SCHEMA_VERSION);
  }

  async create(game: Game): Promise<boolean> {
    const r = await CREATE.run(
      this.ks.redis,
      [this.key(game.id)],
      [GAME_SCHEMA_VERSION, game.version, JSON.stringify(game), this.ttl(game)],
    );
    return r === 1;
  }

  async update(game: Game, expectedVersion: number): Promise<boolean> {
    const r = await UPDATE.run(
      this.ks.redis,
      [this.key(game.id)],
      [GAME_SCHEMA_VERSION, expectedVersion, game.version, JSON.stringify(game), this.ttl(game)],
    );
    return r === 1;
  }

  async delete(id: string): Promise<void> {
    await this.ks.redis.del(this.key(id));
  }

  async count(): Promise<number> {
    return countKeys(this.ks, 'game:*');
  }
}
