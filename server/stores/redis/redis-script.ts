/**
 * A Lua script run by its SHA (EVALSHA), sent whole once when Redis does not know it (after a
 * restart empties the script cache). Scripts are how a check and a write happen as one step.
 */
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

export type ScriptArg = string | number;

export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** Runs the script with its keys and arguments and returns Redis's answer. */
  async run(redis: Redis, keys: string[], args: ScriptArg[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
