/**
 * ClassStore in Redis: one hash per class (schema, version, code, JSON), a code -> id index and a
 * list of result rows, written together (redis-indexed-record.ts; the rows by a script here).
 * Every write refreshes the TTL of all three, so a class lives CLASS_TTL after its last change and
 * then leaves nothing behind.
 */
import { CLASS_SCHEMA_VERSION, type ClassRoom, type ResultRow } from '../../../shared/class/class-types';
import type { ClassStore } from '../class-store';
import {
  createIndexed,
  deleteIndexed,
  updateIndexed,
  type IndexedRecord,
  type IndexedRecordKind,
} from './redis-indexed-record';
import { countKeys, readRecord, type RedisKeyspace } from './redis-keyspace';
import { LuaScript } from './redis-script';

/** KEYS class, results; ARGV schema, ttl, rows... Appends only to a class that exists. */
const ADD_RESULTS = new LuaScript(`
if redis.call('HGET', KEYS[1], 's') ~= ARGV[1] then return 0 end
for i = 3, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1
`);

export class RedisClassStore implements ClassStore {
  /** A class's record, indexed by its join code (field `c`), with its result rows beside it. */
  private readonly kind: IndexedRecordKind;

  constructor(private readonly ks: RedisKeyspace) {
    this.kind = {
      schema: CLASS_SCHEMA_VERSION,
      field: 'c',
      key: (id) => this.key(id),
      indexKey: (code) => this.codeKey(code),
      companions: (id) => [this.resultsKey(id)],
      ttlMs: () => ks.ttl.classMs,
    };
  }

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
    return createIndexed(this.ks, this.kind, record(c));
  }

  async idOfCode(code: string): Promise<string | null> {
    return this.ks.redis.get(this.codeKey(code));
  }

  async update(c: ClassRoom, expectedVersion: number): Promise<boolean> {
    return updateIndexed(this.ks, this.kind, record(c), expectedVersion);
  }

  async delete(id: string): Promise<void> {
    await deleteIndexed(this.ks, this.kind, id);
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

function record(c: ClassRoom): IndexedRecord {
  return { id: c.id, version: c.version, index: c.code, data: JSON.stringify(c) };
}
