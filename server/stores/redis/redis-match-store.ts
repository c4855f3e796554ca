/**
 * MatchStore in Redis. The quick-match queue is one record (schema, version, JSON list) changed by
 * optimistic compare-and-set: read it, decide in TypeScript with the one pairing rule
 * (`compatible` in match-store.ts), write it back only if nobody changed it meanwhile, else retry.
 * Private codes are keys claimed with SET NX; rematch votes a set that one script completes.
 */
import type { Side } from '../../../shared/tcp/types';
import { compatible, type MatchStore, type QuickRequest } from '../match-store';
import type { RedisKeyspace } from './redis-keyspace';
import { LuaScript } from './redis-script';

/** How often a queue change is retried when other nodes keep winning the race. */
const MAX_QUEUE_TRIES = 100;

/** The layout of the stored queue; a queue of another one counts as empty (and is replaced). */
export const QUEUE_SCHEMA_VERSION = 1;

/** KEYS queue; ARGV expected version ('' when absent), new JSON, ttl, schema. */
const QUEUE_CAS = new LuaScript(`
local sv = redis.call('HMGET', KEYS[1], 's', 'v')
local v = ''
if sv[1] == ARGV[4] then v = sv[2] or '' end
if v ~= ARGV[1] then return 0 end
if v == '' then redis.call('DEL', KEYS[1]) end
redis.call('HSET', KEYS[1], 's', ARGV[4], 'v', (tonumber(v) or 0) + 1, 'd', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`);

/** KEYS code, codes of the game; ARGV game id, code, ttl. */
const CLAIM_CODE = new LuaScript(`
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[3]) then return 0 end
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
`);

/** KEYS codes of the game; ARGV prefix of code keys, game id. Frees only codes still pointing at the game. */
const RELEASE_CODES = new LuaScript(`
for _, code in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = ARGV[1] .. code
  if redis.call('GET', key) == ARGV[2] then redis.call('DEL', key) end
end
redis.call('DEL', KEYS[1])
return 1
`);

/** KEYS votes; ARGV side, ttl. 1 for the vote that completes the pair (and forgets it). */
const VOTE = new LuaScript(`
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('SCARD', KEYS[1]) >= 2 then
  redis.call('DEL', KEYS[1])
  return 1
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 0
`);

export class RedisMatchStore implements MatchStore {
  constructor(private readonly ks: RedisKeyspace) {}

  private get queueKey(): string {
    return `${this.ks.prefix}match:queue`;
  }

  private codeKey(code: string): string {
    return `${this.ks.prefix}match:code:${code}`;
  }

  private gameCodesKey(gameId: string): string {
    return `${this.ks.prefix}match:game-codes:${gameId}`;
  }

  private async readQueue(): Promise<{ version: string; queue: QuickRequest[] }> {
    const h = await this.ks.redis.hgetall(this.queueKey);
    if (h.v === undefined || h.d === undefined) return { version: '', queue: [] };
    if (h.s !== String(QUEUE_SCHEMA_VERSION)) {
      this.ks.logger.warn({ key: this.queueKey, schema: h.s }, 'quick-match queue of another schema ignored');
      return { version: '', queue: [] };
    }
    try {
      return { version: h.v, queue: JSON.parse(h.d) as QuickRequest[] };
    } catch {
      this.ks.logger.warn({ key: this.queueKey }, 'quick-match queue that does not parse replaced');
      return { version: h.v, queue: [] };
    }
  }

  /**
   * Applies `change` to the queue atomically: `change` sees the current queue and returns the new
   * one (or null: nothing to write) and a result; retried while another writer got in between.
   */
  private async changeQueue<T>(
    change: (queue: QuickRequest[]) => { queue: QuickRequest[] | null; result: T },
  ): Promise<T> {
    for (let i = 0; i < MAX_QUEUE_TRIES; i++) {
      const { version, queue } = await this.readQueue();
      const { queue: next, result } = change(queue);
      if (next === null) return result;
      const ok = await QUEUE_CAS.run(
        this.ks.redis,
        [this.queueKey],
        [version, JSON.stringify(next), this.ks.ttl.matchMs, QUEUE_SCHEMA_VERSION],
      );
      if (ok === 1) return result;
      // lost the race: a short random pause so racing nodes do not collide again in step
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, i + 1)));
    }
    throw new Error('the quick-match queue is too busy: gave up after many conflicting writes');
  }

  async pairOrEnqueue(req: QuickRequest): Promise<QuickRequest | null> {
    return this.changeQueue((queue) => {
      const i = queue.findIndex((w) => compatible(w, req));
      if (i >= 0) return { queue: queue.filter((_, j) => j !== i), result: queue[i]! };
      return { queue: [...queue.filter((w) => w.sessionId !== req.sessionId), { ...req }], result: null };
    });
  }

  async cancel(sessionId: string): Promise<boolean> {
    return this.changeQueue((queue) => {
      const next = queue.filter((w) => w.sessionId !== sessionId);
      return next.length === queue.length ? { queue: null, result: false } : { queue: next, result: true };
    });
  }

  async isWaiting(sessionId: string): Promise<boolean> {
    return (await this.readQueue()).queue.some((w) => w.sessionId === sessionId);
  }

  async claimCode(code: string, gameId: string): Promise<boolean> {
    const r = await CLAIM_CODE.run(
      this.ks.redis,
      [this.codeKey(code), this.gameCodesKey(gameId)],
      [gameId, code, this.ks.ttl.liveGameMs],
    );
    return r === 1;
  }

  async gameOfCode(code: string): Promise<string | null> {
    return this.ks.redis.get(this.codeKey(code));
  }

  async releaseCodes(gameId: string): Promise<void> {
    await RELEASE_CODES.run(this.ks.redis, [this.gameCodesKey(gameId)], [this.codeKey(''), gameId]);
  }

  async voteRematch(gameId: string, side: Side): Promise<boolean> {
    const r = await VOTE.run(this.ks.redis, [this.rematchKey(gameId)], [side, this.ks.ttl.finishedGameMs]);
    return r === 1;
  }

  async clearRematch(gameId: string): Promise<void> {
    await this.ks.redis.del(this.rematchKey(gameId));
  }

  private rematchKey(gameId: string): string {
    return `${this.ks.prefix}match:rematch:${gameId}`;
  }
}
