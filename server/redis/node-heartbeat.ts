/**
 * A node's heartbeat and the connections it carries, in Redis, so that a node that dies without
 * closing anything (kill -9, a crashed machine) does not keep its players "connected" for ever.
 *
 * Each node renews a heartbeat key (TTL `ttlMs`, Redis's own clock) every `intervalMs` on its
 * injected clock, is listed in the set of nodes, and keeps a hash of its connections (socket id ->
 * session id). On the same tick it looks for a listed node whose heartbeat has lapsed and claims
 * it atomically (a claim key with a lease, so two nodes never take over the same node at once);
 * the claimer treats each session of the dead node as disconnected (`release`: the path of a
 * closed page, which does nothing for a session with a connection open elsewhere), then removes
 * the node. When a release fails the claim is given back and the next sweep, on any node, tries
 * again; a claimer that dies leaves a lease that runs out. A node whose own heartbeat lapsed while
 * it was alive (Redis paused) writes its connections again on its next beat; a takeover meanwhile
 * released nobody, as every session still had its connection.
 * Every key has a TTL: the heartbeat `ttlMs`, the claim its lease, the list and the hashes
 * `recordTtlMs`, renewed on every beat.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { LuaScript } from '../stores/redis/redis-script';
import type { TaskTracker } from '../task-tracker';
import type { NodeConnections } from './cluster-deps';

/** How long a heartbeat lasts unrenewed: a node silent this long is taken for dead. */
export const DEFAULT_NODE_TIMEOUT_MS = 10_000;
/** How long the list of nodes and a node's connections outlive the last beat (a whole cluster down). */
const RECORD_TTL_MS = 24 * 3_600_000;
/** The sessions of a dead node released at the same time. */
const RELEASES_AT_ONCE = 16;
/** The dead nodes one sweep takes over at most (the next sweep takes the rest). */
const CLAIMS_PER_SWEEP = 8;

export interface NodeHeartbeatOptions {
  /** A connection that fails fast while Redis is unreachable. */
  commands: Redis;
  clock: Clock;
  logger: Logger;
  /** Prefix of every key (e.g. `ha:v1:`). */
  prefix: string;
  /** Runs the takeovers (shutdown waits for them). */
  tracker: TaskTracker;
  /** Treats a session that had a connection on a dead node as disconnected; may run again. */
  release(sessionId: string): Promise<void>;
  /** The heartbeat's TTL (default DEFAULT_NODE_TIMEOUT_MS). */
  ttlMs?: number;
  /** How often the heartbeat is renewed and dead nodes are looked for (default a third of ttlMs). */
  intervalMs?: number;
  /** How long a takeover is reserved for the node that claimed it (default 3 ttlMs, at least 30 s). */
  leaseMs?: number;
}

/**
 * KEYS heartbeat, nodes, connections; ARGV ttl, record ttl, node id, '1' to write the connections
 * whole, then socket, session pairs. Renews the heartbeat; returns 1 when it had not lapsed. Sent
 * whole with EVAL, never by SHA: a NOSCRIPT retry would reach Redis after the connections this
 * node opened or closed meanwhile, and its whole write would undo them.
 */
const BEAT = `
local had = redis.call('EXISTS', KEYS[1])
redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[1])
redis.call('SADD', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
if ARGV[4] == '1' then
  redis.call('DEL', KEYS[3])
  for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1]) end
end
redis.call('PEXPIRE', KEYS[3], ARGV[2])
return had`;

/**
 * KEYS nodes; ARGV prefix, own id, lease, claim token. Claims the first other listed node whose
 * heartbeat has lapsed and that nobody has claimed; returns its id and its connections (flat
 * socket, session pairs), or nothing.
 */
const CLAIM = new LuaScript(`
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if id ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. 'node:' .. id) == 0 then
    if redis.call('SET', ARGV[1] .. 'node-claim:' .. id, ARGV[4], 'NX', 'PX', ARGV[3]) then
      local out = { id }
      for _, x in ipairs(redis.call('HGETALL', ARGV[1] .. 'node-conns:' .. id)) do out[#out + 1] = x end
      return out
    end
  end
end
return {}`);

/**
 * KEYS claim, heartbeat, nodes, connections; ARGV token, node id. The takeover is done: the node
 * leaves the list with its connections, unless its heartbeat came back meanwhile (it was alive).
 */
const FINISH = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
if redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('SREM', KEYS[3], ARGV[2])
  redis.call('DEL', KEYS[4])
end
return 1`);

/**
 * KEYS claim, heartbeat, connections; ARGV token, then the sockets whose sessions were released.
 * Gives a failed takeover back, without what is done (unless the node turned out to be alive).
 */
const GIVE_BACK = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('EXISTS', KEYS[2]) == 0 then
  for i = 2, #ARGV do redis.call('HDEL', KEYS[3], ARGV[i]) end
end
redis.call('DEL', KEYS[1])
return 1`);

export class NodeHeartbeat implements NodeConnections {
  /** This process's id among the nodes (a restarted node is a new one). */
  readonly id: string = randomUUID();
  /** Socket id -> session id of every connection open here. */
  private readonly carried = new Map<string, string>();
  /** The stored connections may differ from `carried`: the next beat writes them whole. */
  private dirty = true;
  private readonly ttlMs: number;
  private readonly intervalMs: number;
  private readonly leaseMs: number;
  private timer: unknown = null;
  private stopped = false;
  /** Redis did not answer the last tick (logged once until it does). */
  private failing = false;

  constructor(private readonly o: NodeHeartbeatOptions) {
    this.ttlMs = o.ttlMs ?? DEFAULT_NODE_TIMEOUT_MS;
    this.intervalMs = o.intervalMs ?? Math.max(1, Math.round(this.ttlMs / 3));
    this.leaseMs = o.leaseMs ?? Math.max(30_000, 3 * this.ttlMs);
    if (this.intervalMs >= this.ttlMs) throw new Error('the heartbeat must be renewed within its TTL');
    void this.tick();
  }

  opened(socketId: string, sessionId: string): void {
    this.carried.set(socketId, sessionId);
    if (this.dirty) return;
    // plain commands (no script to load first): they reach Redis in the order they are sent
    this.o.commands
      .multi()
      .sadd(this.nodesKey, this.id)
      .pexpire(this.nodesKey, RECORD_TTL_MS)
      .hset(this.key('node-conns'), socketId, sessionId)
      .pexpire(this.key('node-conns'), RECORD_TTL_MS)
      .exec()
      .catch(() => (this.dirty = true));
  }

  closed(socketId: string): void {
    if (!this.carried.delete(socketId) || this.dirty) return;
    this.o.commands.hdel(this.key('node-conns'), socketId).catch(() => (this.dirty = true));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.o.clock.clearTimer(this.timer);
    this.timer = null;
  }

  private get nodesKey(): string {
    return `${this.o.prefix}nodes`;
  }

  /** This node's key of a kind (`node`, `node-conns`, `node-claim`), or another node's. */
  private key(kind: string, id = this.id): string {
    return `${this.o.prefix}${kind}:${id}`;
  }

  /** Renews the heartbeat, takes over the dead nodes, and sets the next tick once done. */
  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.beat();
      await this.sweep();
      if (this.failing) this.o.logger.info('node heartbeat: renewed again');
      this.failing = false;
    } catch (err) {
      if (!this.failing)
        this.o.logger.warn({ err: String(err) }, 'node heartbeat: Redis does not answer, will retry');
      this.failing = true;
    }
    if (this.stopped) return;
    // set after the work, not before: a manual clock moved far ahead fires one tick, not thousands
    this.timer = this.o.clock.setTimer(this.o.clock.now() + this.intervalMs, () => {
      this.timer = null;
      void this.tick();
    });
  }

  /** Renews the heartbeat (with every connection when they may be stale); again whole if it had lapsed. */
  private async beat(): Promise<void> {
    const whole = this.dirty;
    this.dirty = false;
    const args: Array<string | number> = [this.ttlMs, RECORD_TTL_MS, this.id, whole ? '1' : '0'];
    if (whole) for (const [socketId, sessionId] of this.carried) args.push(socketId, sessionId);
    let had: unknown;
    try {
      const keys = [this.key('node'), this.nodesKey, this.key('node-conns')];
      had = await this.o.commands.eval(BEAT, keys.length, ...keys, ...args);
    } catch (err) {
      this.dirty = true;
      throw err;
    }
    if (Number(had) === 0 && !whole) {
      // lapsed while this node was alive (Redis paused or this process stalled): another node may
      // have taken it over and removed its connections
      this.o.logger.warn({ node: this.id }, 'node heartbeat had lapsed: connections written again');
      this.dirty = true;
      await this.beat();
    }
  }

  /** Claims each lapsed node (up to CLAIMS_PER_SWEEP) and starts its takeover. */
  private async sweep(): Promise<void> {
    for (let i = 0; i < CLAIMS_PER_SWEEP && !this.stopped; i++) {
      const token = `${this.id}:${randomUUID()}`;
      const raw = await CLAIM.run(
        this.o.commands,
        [this.nodesKey],
        [this.o.prefix, this.id, this.leaseMs, token],
      );
      if (!Array.isArray(raw) || raw.length === 0) return;
      const [dead, ...flat] = raw.map(String);
      const sockets = new Map<string, string[]>();
      for (let j = 0; j + 1 < flat.length; j += 2) {
        const sid = flat[j + 1]!;
        sockets.set(sid, [...(sockets.get(sid) ?? []), flat[j]!]);
      }
      this.o.tracker.run('node-lost', () => this.takeOver(dead!, token, sockets));
    }
  }

  /** Releases every session of the dead node; removes the node, or gives the claim back on a failure. */
  private async takeOver(dead: string, token: string, sockets: Map<string, string[]>): Promise<void> {
    this.o.logger.info(
      { node: dead, sessions: sockets.size },
      'node heartbeat lapsed: releasing its sessions',
    );
    const queue = [...sockets];
    const released: string[] = [];
    let failures = 0;
    let lastError: unknown = null;
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          await this.o.release(next[0]);
          released.push(...next[1]);
        } catch (err) {
          failures++;
          lastError = err;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(RELEASES_AT_ONCE, queue.length) }, worker));
    const claim = this.key('node-claim', dead);
    const conns = this.key('node-conns', dead);
    try {
      if (failures === 0) {
        await FINISH.run(
          this.o.commands,
          [claim, this.key('node', dead), this.nodesKey, conns],
          [token, dead],
        );
        this.o.logger.info({ node: dead, sessions: sockets.size }, 'dead node taken over');
        return;
      }
      this.o.logger.warn(
        { node: dead, failures, err: String(lastError) },
        'dead node: sessions not released yet, will retry',
      );
      await GIVE_BACK.run(this.o.commands, [claim, this.key('node', dead), conns], [token, ...released]);
    } catch (err) {
      // the lease runs out and a later sweep takes the node over again (releases may run twice)
      this.o.logger.warn({ node: dead, err: String(err) }, 'dead node: takeover not recorded, will retry');
    }
  }
}
