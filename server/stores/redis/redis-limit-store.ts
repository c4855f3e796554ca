/**
 * LimitStore in Redis: every check and count is one script, so attempts and sends from every node
 * add up and none can come between a check and its count. Windows and slots are measured on the
 * server clock passed in (`now`); the keys' TTLs only clear them away some time after use.
 */
import type { AttemptTaken, LimitStore, SlotClaim, SlotClaimOptions } from '../class-store';
import type { RedisKeyspace } from './redis-keyspace';
import { LuaScript } from './redis-script';

/** Kept after a window ends, so a clock slightly behind another node's still finds it. */
const LINGER_MS = 60_000;
/** Kept after a slot's last use: a wake-up delayed by an outage still finds its unsent changes. */
const SLOT_LINGER_MS = 3_600_000;

/**
 * KEYS window (start, ms, fails, pending); ARGV window ms, now, max, ttl. A new window when the
 * last is over; then used up (0), busy (1) or taken (2), with the window's start.
 */
const TAKE = new LuaScript(`
local w = redis.call('HMGET', KEYS[1], 'start', 'ms', 'fails', 'pending')
local start, ms = tonumber(w[1]), tonumber(w[2])
local now, max = tonumber(ARGV[2]), tonumber(ARGV[3])
local fails, pending = tonumber(w[3]) or 0, tonumber(w[4]) or 0
if not start or now - start >= ms then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'start', ARGV[2], 'ms', ARGV[1], 'fails', 0, 'pending', 0)
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  start, fails, pending = now, 0, 0
end
if fails >= max then return {0, start} end
if fails + pending >= max then return {1, start} end
redis.call('HINCRBY', KEYS[1], 'pending', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {2, start}
`);

/** KEYS window; ARGV window start, failed (1/0), linger. Nothing when that window is over. */
const SETTLE = new LuaScript(`
local w = redis.call('HMGET', KEYS[1], 'start', 'ms', 'pending')
if tonumber(w[1]) ~= tonumber(ARGV[1]) then return 0 end
if (tonumber(w[3]) or 0) > 0 then redis.call('HINCRBY', KEYS[1], 'pending', -1) end
if ARGV[2] == '1' then redis.call('HINCRBY', KEYS[1], 'fails', 1) end
redis.call('PEXPIRE', KEYS[1], tonumber(w[2]) + tonumber(ARGV[3]))
return 1
`);

/**
 * KEYS slot (changes, covered, sentAt, pendingAt, lateMs); ARGV now, interval, late, change (1/0),
 * ttl. As MemoryLimitStore's claim(): nothing unsent (0), busy until (1, t), granted (2).
 */
const CLAIM = new LuaScript(`
local s = redis.call('HMGET', KEYS[1], 'changes', 'covered', 'sentAt', 'pendingAt', 'lateMs')
local changes, covered = tonumber(s[1]) or 0, tonumber(s[2]) or 0
local sentAt, pendingAt, lateMs = tonumber(s[3]), tonumber(s[4]), tonumber(s[5]) or 0
local now, interval = tonumber(ARGV[1]), tonumber(ARGV[2])
if ARGV[4] == '1' then
  changes = redis.call('HINCRBY', KEYS[1], 'changes', 1)
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
end
if covered >= changes then return {0, 0} end
if pendingAt then
  local leaseEnd = pendingAt + lateMs + interval
  if now < leaseEnd then
    if now < pendingAt + interval then return {1, pendingAt + interval} end
    return {1, leaseEnd}
  end
  local gone = pendingAt + lateMs
  if not sentAt or sentAt < gone then sentAt = gone end
  redis.call('HDEL', KEYS[1], 'pendingAt')
  redis.call('HSET', KEYS[1], 'sentAt', sentAt)
end
if sentAt and now < sentAt + interval then return {1, sentAt + interval} end
redis.call('HSET', KEYS[1], 'pendingAt', ARGV[1], 'lateMs', ARGV[3], 'covered', changes)
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {2, 0}
`);

/** KEYS slot; ARGV claimed at, sent at ('' when not sent). */
const DONE = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local s = redis.call('HMGET', KEYS[1], 'pendingAt', 'sentAt')
if tonumber(s[1]) == tonumber(ARGV[1]) then redis.call('HDEL', KEYS[1], 'pendingAt') end
if ARGV[2] == '' then
  redis.call('HSET', KEYS[1], 'covered', -1)
elseif not tonumber(s[2]) or tonumber(s[2]) < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'sentAt', ARGV[2])
end
return 1
`);

export class RedisLimitStore implements LimitStore {
  constructor(private readonly ks: RedisKeyspace) {}

  private key(key: string): string {
    return `${this.ks.prefix}limit:${key}`;
  }

  private slotKey(key: string): string {
    return `${this.ks.prefix}slot:${key}`;
  }

  async take(key: string, windowMs: number, max: number, now: number): Promise<AttemptTaken> {
    const r = (await TAKE.run(
      this.ks.redis,
      [this.key(key)],
      [windowMs, now, max, windowMs + LINGER_MS],
    )) as [number, number];
    const [code, start] = r.map(Number) as [number, number];
    if (code === 2) return { taken: true, window: start };
    return { taken: false, reason: code === 0 ? 'used-up' : 'busy' };
  }

  async settle(key: string, window: number, failed: boolean): Promise<void> {
    await SETTLE.run(this.ks.redis, [this.key(key)], [window, failed ? 1 : 0, LINGER_MS]);
  }

  async peek(key: string, now: number): Promise<number> {
    const [start, ms, fails] = await this.ks.redis.hmget(this.key(key), 'start', 'ms', 'fails');
    if (start === null || ms === null) return 0;
    return now - Number(start) < Number(ms) ? Number(fails ?? 0) : 0;
  }

  async claimSlot(key: string, o: SlotClaimOptions): Promise<SlotClaim> {
    const ttl = o.intervalMs + o.lateMs + SLOT_LINGER_MS;
    const r = (await CLAIM.run(
      this.ks.redis,
      [this.slotKey(key)],
      [o.now, o.intervalMs, o.lateMs, o.change ? 1 : 0, ttl],
    )) as [number, number];
    const [code, until] = r.map(Number) as [number, number];
    if (code === 2) return { granted: true };
    return { granted: false, until: code === 1 ? until : null };
  }

  async slotDone(key: string, claimedAt: number, sentAt: number | null): Promise<void> {
    await DONE.run(this.ks.redis, [this.slotKey(key)], [claimedAt, sentAt === null ? '' : sentAt]);
  }
}
