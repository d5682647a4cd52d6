// Stores that stand in for what one test process cannot do by itself: another node writing between
// two steps, a read that lags, a store that keeps its own order for unsorted reads. Each is the
// test's store with one method of one collection passed through `around`. A wrapped store is a new
// Store object: it remembers no audit head and has no audit key until one is set on it.
import type { Store } from '../../src';

type Call = (...args: unknown[]) => Promise<unknown>;

export function intercept(store: Store, name: string, method: 'find' | 'findOne' | 'updateOne', around: (args: unknown[], next: Call) => Promise<unknown>): Store {
  return new Proxy(store, {
    get(target, prop) {
      if (prop !== 'collection') return Reflect.get(target, prop);
      return (coll: string) => {
        const c = target.collection(coll);
        if (coll !== name) return c;
        const next = (c[method] as Call).bind(c);
        return new Proxy(c, { get: (ct, p) => (p === method ? (...args: unknown[]) => around(args, next) : Reflect.get(ct, p)) });
      };
    },
  });
}

/** The store, but `meanwhile` runs before the first call of `method` on `name` goes through. */
export function once(store: Store, name: string, method: 'find' | 'findOne' | 'updateOne', meanwhile: () => Promise<void>): Store {
  let first = true;
  return intercept(store, name, method, async (args, next) => {
    if (first) {
      first = false;
      await meanwhile();
    }
    return next(...args);
  });
}
