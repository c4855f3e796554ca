/**
 * SessionStore in Redis: one hash per session and a token -> id index, written together
 * (redis-indexed-record.ts); every write and every resume by token refreshes the TTL of both.
 */
import type { Session, SessionStore } from '../session-store';
import {
  createIndexed,
  deleteIndexed,
  updateIndexed,
  type IndexedRecord,
  type IndexedRecordKind,
} from './redis-indexed-record';
import { countKeys, readRecord, type RedisKeyspace } from './redis-keyspace';
import { LuaScript } from './redis-script';

/** The layout of a stored session; a record of another one is treated as absent. */
export const SESSION_SCHEMA_VERSION = 1;

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

export class RedisSessionStore implements SessionStore {
  /** A session's record, indexed by its token (field `t`). */
  private readonly kind: IndexedRecordKind;

  constructor(private readonly ks: RedisKeyspace) {
    this.kind = {
      schema: SESSION_SCHEMA_VERSION,
      field: 't',
      key: (id) => this.key(id),
      indexKey: (token) => this.tokenKey(token),
      companions: () => [],
      ttlMs: () => ks.ttl.sessionMs,
    };
  }

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
    return createIndexed(this.ks, this.kind, record(session));
  }

  async update(session: Session, expectedVersion: number): Promise<boolean> {
    return updateIndexed(this.ks, this.kind, record(session), expectedVersion);
  }

  async delete(id: string): Promise<void> {
    await deleteIndexed(this.ks, this.kind, id);
  }

  async count(): Promise<number> {
    return countKeys(this.ks, 'session:*');
  }
}

function record(s: Session): IndexedRecord {
  return { id: s.id, version: s.version, index: s.token, data: JSON.stringify(s) };
}
