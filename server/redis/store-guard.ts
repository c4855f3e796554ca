/**
 * Every store method behind a guard: when Redis cannot be reached, the method throws
 * ServerError('STORE_UNAVAILABLE'), so the player gets a clear answer ("try again in a few
 * seconds") instead of INTERNAL, and the logs do not fill with stack traces.
 */
import { ServerError } from '../socket/errors';
import { isRedisUnreachable } from './redis-errors';

function guardPromise(p: Promise<unknown>): Promise<unknown> {
  return p.catch((err: unknown) => {
    if (isRedisUnreachable(err)) {
      throw new ServerError('STORE_UNAVAILABLE');
    }
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
        try {
          out = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (err) {
          if (isRedisUnreachable(err)) throw new ServerError('STORE_UNAVAILABLE');
          throw err;
        }
        return out instanceof Promise ? guardPromise(out) : out;
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
