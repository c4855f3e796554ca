/**
 * A versioned record with a unique index that points back at it (a session and its token, a class
 * and its join code), plus companion keys that live and die with it (a class's result rows).
 * Written by Lua scripts, so the record and its index change together; every write refreshes the
 * TTL of all of them. The record's hash holds schema `s`, version `v`, JSON `d` and the index value
 * under its own field (`t` for a token, `c` for a code), which never changes.
 */
import { LUA_IS_CURRENT, type RedisKeyspace } from './redis-keyspace';
import { LuaScript } from './redis-script';

/** KEYS record, index, companions...; ARGV schema, version, data, field, value, id, ttl. */
const CREATE = new LuaScript(`
if redis.call('HGET', KEYS[1], 's') == ARGV[1] then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('DEL', KEYS[1])
for i = 3, #KEYS do redis.call('DEL', KEYS[i]) end
redis.call('HSET', KEYS[1], 's', ARGV[1], 'v', ARGV[2], 'd', ARGV[3], ARGV[4], ARGV[5])
redis.call('SET', KEYS[2], ARGV[6], 'PX', ARGV[7])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
return 1
`);

/** KEYS record, index, companions...; ARGV schema, expected, new version, data, field, value, ttl. */
const UPDATE = new LuaScript(`${LUA_IS_CURRENT}
if not is_current(KEYS[1], ARGV[1], ARGV[2]) then return 0 end
if redis.call('HGET', KEYS[1], ARGV[5]) ~= ARGV[6] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[3], 'd', ARGV[4])
for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[7]) end
return 1
`);

/**
 * KEYS record, companions...; ARGV field, prefix of index keys, id. The index goes only if it still
 * points at this record.
 */
const DELETE = new LuaScript(`
local value = redis.call('HGET', KEYS[1], ARGV[1])
if value and redis.call('GET', ARGV[2] .. value) == ARGV[3] then redis.call('DEL', ARGV[2] .. value) end
for i = 1, #KEYS do redis.call('DEL', KEYS[i]) end
return 1
`);

export interface IndexedRecordKind {
  schema: number;
  /** The hash field of the index value: `t`, `c`. */
  field: string;
  /** The key of a record by id. */
  key(id: string): string;
  /** The key of an index entry by its value. */
  indexKey(value: string): string;
  /** Keys that are created empty, refreshed and deleted with the record. */
  companions(id: string): string[];
  ttlMs(): number;
}

/** One record: its id, version, index value and JSON. */
export interface IndexedRecord {
  id: string;
  version: number;
  index: string;
  data: string;
}

/** Stores a new record and its index; false when the id or the index value is taken. */
export async function createIndexed(
  ks: RedisKeyspace,
  kind: IndexedRecordKind,
  r: IndexedRecord,
): Promise<boolean> {
  const res = await CREATE.run(
    ks.redis,
    [kind.key(r.id), kind.indexKey(r.index), ...kind.companions(r.id)],
    [kind.schema, r.version, r.data, kind.field, r.index, r.id, kind.ttlMs()],
  );
  return res === 1;
}

/** Compare-and-set on the version (and the unchanged index value); refreshes every TTL. */
export async function updateIndexed(
  ks: RedisKeyspace,
  kind: IndexedRecordKind,
  r: IndexedRecord,
  expectedVersion: number,
): Promise<boolean> {
  const res = await UPDATE.run(
    ks.redis,
    [kind.key(r.id), kind.indexKey(r.index), ...kind.companions(r.id)],
    [kind.schema, expectedVersion, r.version, r.data, kind.field, r.index, kind.ttlMs()],
  );
  return res === 1;
}

/** Deletes a record, its companions, and its index entry if that still points at it. */
export async function deleteIndexed(ks: RedisKeyspace, kind: IndexedRecordKind, id: string): Promise<void> {
  await DELETE.run(ks.redis, [kind.key(id), ...kind.companions(id)], [kind.field, kind.indexKey(''), id]);
}
