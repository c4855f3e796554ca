/**
 * Wake-ups shared by every node through Redis: one sorted set of `kind:id` scored by due time.
 * Each node arms one local timer (on its injectable clock) for the earliest entry it knows of; it
 * learns of entries set elsewhere through a pub/sub notice (sent only for an entry earlier than every
 * stored one: each node re-arms from the store after each run) and a slow safety poll. A due entry is
 * claimed atomically (its score becomes a lease, now + leaseMs, under a fresh token), so exactly
 * one node runs it; it is deleted afterwards only if nobody re-set it during the run. A node that
 * dies mid-task leaves a lease that expires, and another node runs the entry then. Writes that
 * fail while Redis is unreachable are kept and written again once it is back. The wake-ups set in
 * one turn of the event loop are written together: one script call and at most one notice.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Scheduler, WakeTask } from '../scheduler';
import { LuaScript } from '../stores/redis/redis-script';
import type { TaskTracker } from '../task-tracker';

export interface RedisSchedulerOptions {
  /** Commands (claims, writes): a connection that fails fast while Redis is unreachable. */
  commands: Redis;
  /** Notices to the other nodes. */
  publisher: Redis;
  /** Receives the notices; in subscriber mode, so no other command may use it. */
  subscriber: Redis;
  clock: Clock;
  tracker: TaskTracker;
  logger: Logger;
  /** Prefix of every key and channel (e.g. `ha:v1:`). */
  prefix: string;
  /** How long a claimed wake-up is reserved for the node running it. */
  leaseMs?: number;
  /** How often a node reads the earliest entry and rewrites what it could not store (real time). */
  pollMs?: number;
  /** How soon a wake-up that could not be claimed or run is tried again. */
  retryMs?: number;
  /** Time to live of the scheduler's keys, refreshed on every write. */
  keyTtlMs?: number;
}

/** The largest number of entries one claim takes. */
const CLAIM_BATCH = 100;

/** The largest number of entries one write takes. */
const WRITE_BATCH = 500;

/**
 * Writes entries: ARGV[1] the keys' TTL, then (member, at, token) triples; an empty `at` deletes
 * the entry, any other is ZADD + token. KEYS: due, tokens. Both TTLs are refreshed when one is set.
 * Returns the earliest `at` written when it comes before every entry stored until then (the other
 * nodes must be told of it), else ''.
 */
const SET_SCRIPT = new LuaScript(`
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local before = first[2] and tonumber(first[2])
local set = 0
local earliest = nil
for i = 2, #ARGV, 3 do
  if ARGV[i + 1] == '' then
    redis.call('ZREM', KEYS[1], ARGV[i])
    redis.call('HDEL', KEYS[2], ARGV[i])
  else
    redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i])
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 2])
    set = set + 1
    if earliest == nil or tonumber(ARGV[i + 1]) < tonumber(earliest) then earliest = ARGV[i + 1] end
  end
end
if set > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  redis.call('PEXPIRE', KEYS[2], ARGV[1])
end
if earliest ~= nil and (before == nil or tonumber(earliest) < before) then return earliest end
return ''`);

/**
 * Takes the entries due at ARGV[1]: each gets the lease score ARGV[2] and a fresh token
 * (ARGV[4] .. member). KEYS: due, tokens. Returns member, token pairs, then the score of the
 * earliest entry not due yet (another node's lease included), if any.
 */
const CLAIM_SCRIPT = new LuaScript(`
local later = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf', 'LIMIT', 0, 1, 'WITHSCORES')
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, m in ipairs(due) do
  local tok = ARGV[4] .. m
  redis.call('ZADD', KEYS[1], ARGV[2], m)
  redis.call('HSET', KEYS[2], m, tok)
  out[#out + 1] = m
  out[#out + 1] = tok
end
if later[2] then out[#out + 1] = later[2] end
return out`);

/** Deletes an entry only if its token is still ARGV[2] (a re-set during the run survives). */
const FINISH_SCRIPT = new LuaScript(`
if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
  return 1
end
return 0`);

/** Gives a failed run back: due again at ARGV[3], if the token is still ARGV[2]. */
const RELEASE_SCRIPT = new LuaScript(`
if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
  return 1
end
return 0`);

/** What this node still has to write: the latest wanted state of an entry (null: cleared). */
interface Wanted {
  at: number | null;
  token: string;
}

/** The Scheduler of a node among several, on one Redis. */
export class RedisScheduler implements Scheduler {
  private readonly tasks = new Map<string, WakeTask>();
  private readonly unwritten = new Map<string, Wanted>();
  /** Writes on their way (one at a time per wanted state). */
  private readonly writing = new Set<Wanted>();
  /** A write of what was set in this turn of the event loop is queued. */
  private flushQueued = false;
  /** Entries running here; true once set again during the run (their end then deletes nothing). */
  private readonly running = new Map<string, boolean>();
  private readonly keys: [string, string];
  private readonly channel: string;
  private readonly leaseMs: number;
  private readonly retryMs: number;
  private readonly keyTtlMs: number;
  private readonly node = randomUUID();
  private armed: { at: number; handle: unknown } | null = null;
  private poll: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly onMessage = (channel: string, message: string) => {
    if (channel !== this.channel) return;
    const at = Number(message);
    if (Number.isFinite(at)) this.arm(at);
  };
  private readonly onReady = () => this.catchUp();

  constructor(private readonly o: RedisSchedulerOptions) {
    this.keys = [`${o.prefix}sched:due`, `${o.prefix}sched:token`];
    this.channel = `${o.prefix}sched:notice`;
    this.leaseMs = o.leaseMs ?? 10_000;
    this.retryMs = o.retryMs ?? 500;
    this.keyTtlMs = o.keyTtlMs ?? 2 * 86_400_000;
    o.subscriber.on('message', this.onMessage);
    o.commands.on('ready', this.onReady);
    o.subscriber.subscribe(this.channel).catch((err: unknown) => {
      // the subscriber resubscribes by itself when it reconnects; the poll covers the gap
      o.logger.warn({ err }, 'scheduler: could not subscribe to wake-up notices');
    });
    this.poll = setInterval(() => this.catchUp(), o.pollMs ?? 5_000);
    this.poll.unref();
    this.catchUp();
  }

  define(kind: string, task: WakeTask): void {
    if (kind.includes(':')) throw new Error(`wake-up kind ${kind} may not contain ':'`);
    if (this.tasks.has(kind)) throw new Error(`wake-up kind ${kind} defined twice`);
    this.tasks.set(kind, task);
  }

  set(kind: string, id: string, at: number | null): void {
    if (!this.tasks.has(kind)) throw new Error(`wake-up kind ${kind} is not defined`);
    if (this.stopped) return;
    const member = `${kind}:${id}`;
    const wanted: Wanted = { at, token: `set:${this.node}:${randomUUID()}` };
    this.unwritten.set(member, wanted);
    if (this.running.has(member)) this.running.set(member, true);
    if (!this.flushQueued) {
      this.flushQueued = true;
      // what the rest of this turn sets goes in the same write
      this.o.tracker.run('schedule', async () => {
        await new Promise((resolve) => setImmediate(resolve));
        this.flushQueued = false;
        await this.write();
      });
    }
    if (at !== null) this.arm(at);
  }

  clear(kind: string, id: string): void {
    this.set(kind, id, null);
  }

  /** When this node's timer goes off next, or null (for tests). */
  get armedAt(): number | null {
    return this.armed?.at ?? null;
  }

  /** How many wake-ups this node still has to write to Redis (for tests and health). */
  get unwrittenCount(): number {
    return this.unwritten.size;
  }

  stop(): void {
    this.stopped = true;
    if (this.armed) this.o.clock.clearTimer(this.armed.handle);
    this.armed = null;
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    this.o.subscriber.off('message', this.onMessage);
    this.o.commands.off('ready', this.onReady);
    this.o.subscriber.unsubscribe(this.channel).catch(() => undefined);
  }

  /**
   * Writes the wanted state of every entry not written yet (and not being written), in batches;
   * what fails stays in `unwritten` for the next catch-up. The other nodes are told the earliest
   * time written; a lost notice is made up for by their poll.
   */
  private async write(retry = false): Promise<void> {
    const batch: Array<[string, Wanted]> = [];
    for (const [member, wanted] of this.unwritten)
      if (!this.writing.has(wanted)) batch.push([member, wanted]);
    for (let from = 0; from < batch.length; from += WRITE_BATCH) {
      const part = batch.slice(from, from + WRITE_BATCH);
      const args: Array<string | number> = [this.keyTtlMs];
      for (const [member, wanted] of part) {
        this.writing.add(wanted);
        args.push(member, wanted.at ?? '', wanted.token);
      }
      try {
        const announce = await this.script(SET_SCRIPT)(this.keys, args);
        for (const [member, wanted] of part)
          if (this.unwritten.get(member) === wanted) this.unwritten.delete(member);
        // every node is armed no later than the earliest stored entry (it re-arms from the store
        // after each run, and hears of each entry that came before all others): only a write that
        // brings the earliest forward is news to them
        if (typeof announce === 'string' && announce !== '')
          this.o.publisher.publish(this.channel, announce).catch(() => undefined);
      } catch (err) {
        if (!retry)
          this.o.logger.warn(
            { err: String(err), entries: part.length },
            'scheduler: wake-ups not stored yet, will retry',
          );
      } finally {
        for (const [, wanted] of part) this.writing.delete(wanted);
      }
    }
  }

  /** Rewrites what could not be stored, then arms the timer for the earliest stored entry. */
  private catchUp(): void {
    if (this.stopped) return;
    // not through the tracker: during a long outage these go on, and shutdown need not wait
    if (this.unwritten.size > 0) void this.write(true);
    this.refresh().catch(() => undefined);
  }

  /** Reads the earliest stored entry and arms the timer for it (replacing a later one). */
  private async refresh(): Promise<void> {
    const first = await this.o.commands.zrange(this.keys[0], 0, 0, 'WITHSCORES');
    if (first.length >= 2) this.arm(Number(first[1]));
  }

  /** Arms the local timer at `at` unless it is already armed earlier. */
  private arm(at: number): void {
    if (this.stopped) return;
    if (this.armed && this.armed.at <= at) return;
    if (this.armed) this.o.clock.clearTimer(this.armed.handle);
    const armed = { at, handle: null as unknown };
    armed.handle = this.o.clock.setTimer(at, () => {
      if (this.armed !== armed) return;
      this.armed = null;
      this.o.tracker.run('wake-up', () => this.runDue());
    });
    this.armed = armed;
  }

  /** Claims what is due and runs it; then arms the timer for what comes next. */
  private async runDue(): Promise<void> {
    // A manual clock fires several timers in one synchronous sweep; reading the time after this
    // turn claims everything due by the end of the sweep, as a fresh timer cannot fire within it.
    await Promise.resolve();
    if (this.stopped) return;
    // what this node set and has not written yet goes first (the claim must see it)
    if (this.unwritten.size > 0) await this.write();
    const now = this.o.clock.now();
    let claimed: string[];
    let next: number | null = null;
    try {
      const raw = await this.script(CLAIM_SCRIPT)(this.keys, [
        now,
        now + this.leaseMs,
        CLAIM_BATCH,
        `run:${this.node}:${randomUUID()}:`,
      ]);
      claimed = Array.isArray(raw) ? raw.map(String) : [];
      // member, token pairs, then the earliest entry left
      if (claimed.length % 2 === 1) next = Number(claimed.pop());
    } catch (err) {
      this.o.logger.warn({ err: String(err) }, 'scheduler: could not claim due wake-ups, will retry');
      this.arm(this.o.clock.now() + this.retryMs);
      return;
    }
    const runs: Array<Promise<void>> = [];
    for (let i = 0; i + 1 < claimed.length; i += 2) runs.push(this.runOne(claimed[i]!, claimed[i + 1]!));
    await Promise.all(runs);
    // a full batch may have left more due at once
    if (claimed.length / 2 >= CLAIM_BATCH) this.arm(this.o.clock.now());
    // the earliest entry not due at the claim: what was set since came with a notice when it was
    // earlier (or was set here, and armed then), so the store need not be read again
    if (next !== null && Number.isFinite(next)) this.arm(next);
  }

  /** Runs one claimed entry; deletes it when done, or makes it due again soon when the run failed. */
  private async runOne(member: string, token: string): Promise<void> {
    const cut = member.indexOf(':');
    const task = this.tasks.get(member.slice(0, cut));
    if (!task) {
      // a kind another version of the server defined: leave it to a node that knows it
      this.o.logger.warn({ member }, 'scheduler: wake-up of an unknown kind left for another node');
      return;
    }
    this.running.set(member, false);
    try {
      await task(member.slice(cut + 1));
    } catch (err) {
      this.running.delete(member);
      this.o.logger.warn({ err: String(err), member }, 'scheduler: wake-up failed, will retry');
      if (this.stopped) return;
      const again = this.o.clock.now() + this.retryMs;
      await this.script(RELEASE_SCRIPT)(this.keys, [member, token, again]).catch(() => undefined);
      this.arm(again);
      return;
    }
    const setAgain = this.running.get(member) === true;
    this.running.delete(member);
    // set again during the run (a game's next deadline): that write replaces the entry, and its
    // token would make the delete a no-op anyway
    if (this.stopped || setAgain) return;
    await this.script(FINISH_SCRIPT)(this.keys, [member, token]).catch((err: unknown) => {
      // the lease runs out and the entry runs again: harmless, the tasks are idempotent
      this.o.logger.warn({ err: String(err), member }, 'scheduler: could not delete a finished wake-up');
    });
  }

  private script(lua: LuaScript): (keys: string[], args: Array<string | number>) => Promise<unknown> {
    return (keys, args) => lua.run(this.o.commands, keys, args);
  }
}
