/**
 * ClassStore in Redis: one hash per class (schema, version, code, JSON), a code -> id index and a
 * list of result rows, written together by Lua scripts. Every write refreshes the TTL of all three,
 * so a class lives CLASS_TTL after its last change and then leaves nothing behind.
 */
import { CLASS_SCHEMA_VERSION, type ClassRoom, type ResultRow } from '../../../shared/class/class-types';
import type { ClassStore } from '../class-store';
import { countKeys, LUA_IS_CURRENT, readRecord, type RedisKeyspace } from './redis-keyspace';
import { LuaScript } from './redis-script';

/** KEYS class, code index, results; ARGV schema, version, data, code, id, ttl. */
const CREATE = new LuaScript(`
if redis.call('HGET', KEYS[1], 's') == ARGV[1] then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('DEL', KEYS[1], KEYS[3])
redis.call('HSET', KEYS[1], 's', ARGV[1], 'v', ARGV[2], 'd', ARGV[3], 'c', ARGV[4])
redis.call('SET', KEYS[2], ARGV[5], 'PX', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1
`);

/** KEYS class, code index, results; ARGV schema, expected, new version, data, code, ttl. The code never changes. */
const UPDATE = new LuaScript(`${LUA_IS_CURRENT}
if not is_current(KEYS[1], ARGV[1], ARGV[2]) then return 0 end
if redis.call('HGET', KEYS[1], 'c') ~= ARGV[5] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[3], 'd', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
redis.call('PEXPIRE', KEYS[3], ARGV[6])
return 1
`);

/** KEYS class, results; ARGV schema, ttl, rows... Appends only to a class that exists. */
const ADD_RESULTS = new LuaScript(`
if redis.call('HGET', KEYS[1], 's') ~= ARGV[1] then return 0 end
for i = 3, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1
`);

/** KEYS class, results; ARGV prefix of code keys, id. The code goes only if it still names this class. */
const DELETE = new LuaScript(`
local code = redis.call('HGET', KEYS[1], 'c')
if code and redis.call('GET', ARGV[1] .. code) == ARGV[2] then redis.call('DEL', ARGV[1] .. code) end
redis.call('DEL', KEYS[1], KEYS[2])
return 1
`);

export class RedisClassStore implements ClassStore {
  constructor(private readonly ks: RedisKeyspace) {}

  private key(id: string): string {
    return `${this.ks.prefix}class:${id}`;
  }

  private codeKey(code: string): string {
    return `${this.ks.prefix}class-code:${code}`;
  }

  private resultsKey(id: string): string {
    return `${this.ks.prefix}class-results:${id}`;
  }

  async get(id: string): Promise<ClassRoom | null> {
    const key = this.key(id);
    return readRecord<ClassRoom>(this.ks, key, await this.ks.redis.hgetall(key), CLASS_SCHEMA_VERSION);
  }

  async create(c: ClassRoom): Promise<boolean> {
    const r = await CREATE.run(
      this.ks.redis,
      [this.key(c.id), this.codeKey(c.code), this.resultsKey(c.id)],
      [CLASS_SCHEMA_VERSION, c.version, JSON.stringify(c), c.code, c.id, this.ks.ttl.classMs],
    );
    return r === 1;
  }

  async idOfCode(code: string): Promise<string | null> {
    return this.ks.redis.get(this.codeKey(code));
  }

  async update(c: ClassRoom, expectedVersion: number): Promise<boolean> {
    const r = await UPDATE.run(
      this.ks.redis,
      [this.key(c.id), this.codeKey(c.code), this.resultsKey(c.id)],
      [CLASS_SCHEMA_VERSION, expectedVersion, c.version, JSON.stringify(c), c.code, this.ks.ttl.classMs],
    );
    return r === 1;
  }

  async delete(id: string): Promise<void> {
    await DELETE.run(this.ks.redis, [this.key(id), this.resultsKey(id)], [this.codeKey(''), id]);
  }

  async addResults(id: string, rows: ResultRow[]): Promise<void> {
    if (rows.length === 0) return;
    await ADD_RESULTS.run(
      this.ks.redis,
      [this.key(id), this.resultsKey(id)],
      [CLASS_SCHEMA_VERSION, this.ks.ttl.classMs, ...rows.map((r) => JSON.stringify(r))],
    );
  }

  async results(id: string): Promise<ResultRow[]> {
    const list = await this.ks.redis.lrange(this.resultsKey(id), 0, -1);
    const rows: ResultRow[] = [];
    for (const item of list) {
      try {
        rows.push(JSON.parse(item) as ResultRow);
      } catch {
        this.ks.logger.warn({ key: this.resultsKey(id) }, 'stored result row that does not parse ignored');
      }
    }
    return rows;
  }

  async count(): Promise<number> {
    return countKeys(this.ks, 'class:*');
  }
}
