/**
 * LimitStore in Redis: a fixed window per key (its start, length and hits in one hash), counted by
 * one script so that hits from every node add up. Windows are measured on the server clock passed
 * in (`now`); the key's TTL only clears it away some time after its window is over.
 */
import type { LimitStore } from '../class-store';
import type { RedisKeyspace } from './redis-keyspace';
import { LuaScript } from './redis-script';

/** Kept after a window ends, so a clock slightly behind another node's still finds it. */
const LINGER_MS = 60_000;

/** KEYS window; ARGV window ms, now, ttl. The hits in the current window, this one included. */
const HIT = new LuaScript(`
local w = redis.call('HMGET', KEYS[1], 'start', 'ms', 'hits')
local start, ms = tonumber(w[1]), tonumber(w[2])
local now = tonumber(ARGV[2])
local hits
if not start or now - start >= ms then
  redis.call('HSET', KEYS[1], 'start', ARGV[2], 'ms', ARGV[1], 'hits', 1)
  hits = 1
else
  hits = redis.call('HINCRBY', KEYS[1], 'hits', 1)
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return hits
`);

export class RedisLimitStore implements LimitStore {
  constructor(private readonly ks: RedisKeyspace) {}

  private key(key: string): string {
    return `${this.ks.prefix}limit:${key}`;
  }

  async hit(key: string, windowMs: number, now: number): Promise<number> {
    const r = await HIT.run(this.ks.redis, [this.key(key)], [windowMs, now, windowMs + LINGER_MS]);
    return Number(r);
  }

  async peek(key: string, now: number): Promise<number> {
    const [start, ms, hits] = await this.ks.redis.hmget(this.key(key), 'start', 'ms', 'hits');
    if (start === null || ms === null || hits === null) return 0;
    return now - Number(start) < Number(ms) ? Number(hits) : 0;
  }
}
