/**
 * SessionStore in Redis: one hash per session and a token -> id index, written together by Lua
 * scripts; every write and every resume by token refreshes the TTL of both.
 */
import type { Session, SessionStore } from '../session-store';
import { countKeys, LUA_IS_CURRENT, readRecord, type RedisKeyspace } from './redis-keyspace';
import { LuaScript } from './redis-script';

/** The layout of a stored session; a record of another one is treated as absent. */
export const SESSION_SCHEMA_VERSION = 1;

/** KEYS session, token index; ARGV schema, version, data, token, id, ttl. */
const CREATE = new LuaScript(`
if redis.call('HGET', KEYS[1], 's') == ARGV[1] then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 's', ARGV[1], 'v', ARGV[2], 'd', ARGV[3], 't', ARGV[4])
redis.call('SET', KEYS[2], ARGV[5], 'PX', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1
`);

/** KEYS session, token index; ARGV schema, expected, new version, data, token, ttl. The token never changes. */
const UPDATE = new LuaScript(`${LUA_IS_CURRENT}
if not is_current(KEYS[1], ARGV[1], ARGV[2]) then return 0 end
if redis.call('HGET', KEYS[1], 't') ~= ARGV[5] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[3], 'd', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
return 1
`);

/** KEYS token index; ARGV prefix of session keys, ttl. The session of a token, its TTLs refreshed. */
const BY_TOKEN = new LuaScript(`
local id = redis.call('GET', KEYS[1])
if not id then return {} end
local key = ARGV[1] .. id
local h = redis.call('HGETALL', key)
if #h > 0 then
  redis.call('PEXPIRE', key, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return h
`);

/** KEYS session; ARGV prefix of token keys. Deletes the session and its token. */
const DELETE = new LuaScript(`
local token = redis.call('HGET', KEYS[1], 't')
if token then redis.call('DEL', ARGV[1] .. token) end
redis.call('DEL', KEYS[1])
return 1
`);

export class RedisSessionStore implements SessionStore {
  constructor(private readonly ks: RedisKeyspace) {}

  private key(id: string): string {
    return `${this.ks.prefix}session:${id}`;
  }

  private tokenKey(token: string): string {
    return `${this.ks.prefix}session-token:${token}`;
  }

  async get(id: string): Promise<Session | null> {
    const key = this.key(id);
    return readRecord<Session>(this.ks, key, await this.ks.redis.hgetall(key), SESSION_SCHEMA_VERSION);
  }

  async getByToken(token: string): Promise<Session | null> {
    const flat = (await BY_TOKEN.run(
      this.ks.redis,
      [this.tokenKey(token)],
      [this.key(''), this.ks.ttl.sessionMs],
    )) as string[];
    const h: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) h[flat[i]!] = flat[i + 1]!;
    const s = readRecord<Session>(this.ks, this.key('(by token)'), h, SESSION_SCHEMA_VERSION);
    // an index left pointing at another session's record is no match
    return s && s.token === token ? s : null;
  }

  async create(session: Session): Promise<boolean> {
    const r = await CREATE.run(
      this.ks.redis,
      [this.key(session.id), this.tokenKey(session.token)],
      [
        SESSION_SCHEMA_VERSION,
        session.version,
        JSON.stringify(session),
        session.token,
        session.id,
        this.ks.ttl.sessionMs,
      ],
    );
    return r === 1;
  }

  async update(session: Session, expectedVersion: number): Promise<boolean> {
    const r = await UPDATE.run(
      this.ks.redis,
      [this.key(session.id), this.tokenKey(session.token)],
      [
        SESSION_SCHEMA_VERSION,
        expectedVersion,
        session.version,
        JSON.stringify(session),
        session.token,
        this.ks.ttl.sessionMs,
      ],
    );
    return r === 1;
  }

  async delete(id: string): Promise<void> {
    await DELETE.run(this.ks.redis, [this.key(id)], [this.tokenKey('')]);
  }

  async count(): Promise<number> {
    return countKeys(this.ks, 'session:*');
  }
}
