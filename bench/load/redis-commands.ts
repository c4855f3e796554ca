/**
 * Redis commands per move, from redis-server's own counters (INFO commandstats) read at both ends
 * of a measured window: every command the game node sent (its command and publish connections),
 * and every call made inside its Lua scripts (Redis counts those as commands too: an EVALSHA of a
 * compare-and-set also counts its HMGET, HSET and PEXPIRE). The benchmark's own INFO counts too
 * (one in a window of thousands).
 */
import Redis from 'ioredis';

/** Calls per command name (lower case) since redis-server started. */
export type CommandCounts = Map<string, number>;

/** The call counts of an INFO commandstats reply (`cmdstat_get:calls=12,usec=...`). */
export function parseCommandStats(info: string): CommandCounts {
  const counts: CommandCounts = new Map();
  for (const line of info.split(/\r?\n/)) {
    const m = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
    if (m) counts.set(m[1]!.toLowerCase(), Number(m[2]));
  }
  return counts;
}

export interface CommandsPerMove {
  /** All commands per move. */
  total: number;
  /** Per command name, the most frequent first. */
  byCommand: Record<string, number>;
}

/** Commands per move between two readings (null without moves). */
export function commandsPerMove(
  before: CommandCounts,
  after: CommandCounts,
  moves: number,
): CommandsPerMove | null {
  if (moves <= 0) return null;
  const deltas = [...after]
    .map(([name, n]) => [name, n - (before.get(name) ?? 0)] as const)
    .filter(([, d]) => d > 0)
    .sort((a, b) => b[1] - a[1]);
  const total = deltas.reduce((a, [, d]) => a + d, 0);
  return {
    total: total / moves,
    byCommand: Object.fromEntries(deltas.map(([name, d]) => [name, d / moves])),
  };
}

/** How `commandsPerMove` reads in the notes: `9.1 (hgetall 2.0, evalsha 2.3, ...)`. */
export function formatCommandsPerMove(c: CommandsPerMove): string {
  const parts = Object.entries(c.byCommand).map(([name, n]) => `${name} ${n.toFixed(2)}`);
  return `${c.total.toFixed(2)} (${parts.join(', ')})`;
}

/** Reads the counters of the redis-server at `url` (a short-lived connection). */
export async function readCommandCounts(url: string): Promise<CommandCounts> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableReadyCheck: false });
  try {
    await redis.connect();
    return parseCommandStats(await redis.info('commandstats'));
  } finally {
    redis.disconnect();
  }
}
