/**
 * Every store method behind a guard: when Redis cannot be reached, the method throws
 * ServerError('STORE_UNAVAILABLE'), so the player gets a clear answer ("try again in a few
 * seconds") instead of INTERNAL, and the logs do not fill with stack traces.
 */
import { ServerError } from '../socket/errors';
import { isRedisUnreachable, surelyUnsent } from './redis-errors';

/** The store methods that only read: a failed read changed nothing, whatever the failure. */
const READS: ReadonlySet<string> = new Set([
  'get',
  'getByToken',
  'idOfCode',
  'count',
  'results',
  'isWaiting',
  'peek',
  'gameOfCode',
]);

/** STORE_UNAVAILABLE, marked maybe-applied for a write whose command may have reached Redis. */
function unavailable(method: string, err: unknown): ServerError {
  return new ServerError('STORE_UNAVAILABLE', undefined, !READS.has(method) && !surelyUnsent(err));
}

function guardPromise(method: string, p: Promise<unknown>): Promise<unknown> {
  return p.catch((err: unknown) => {
    if (isRedisUnreachable(err)) throw unavailable(method, err);
    throw err;
  });
}

/** The store with each method's Redis connection failures turned into STORE_UNAVAILABLE. */
export function guardStore<T extends object>(store: T): T {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        let out: unknown;
        const method = String(prop);
        try {
          out = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (err) {
          if (isRedisUnreachable(err)) throw unavailable(method, err);
          throw err;
        }
        return out instanceof Promise ? guardPromise(method, out) : out;
      };
    },
  });
}

/** Every store of a set guarded (the set's shape is kept, whatever stores it holds). */
export function guardStores<S extends object>(stores: S): S {
  const out = {} as Record<string, unknown>;
  for (const [name, store] of Object.entries(stores)) {
    out[name] = typeof store === 'object' && store !== null ? guardStore(store as object) : store;
  }
  return out as S;
}
