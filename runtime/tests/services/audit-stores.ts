// The audit tests' stores: a fresh one per test, and stores that stand in for what one test process
// cannot do by itself: another node writing between two steps, a read that lags, a store that keeps
// its own order for unsorted reads. Each of those is the test's store with one method of one
// collection passed through `around`. A wrapped store is a new Store object: it remembers no audit
// head and has no audit key until one is set on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAudit, createEmbeddedStore, type Store } from '../../src';

/** A fresh embedded store in a temporary folder for each test, handed to `use`, closed and removed after it. */
export function storePerTest(prefix: string, use: (store: Store) => void): void {
  let dir = '';
  let store: Store | undefined;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    store = await createEmbeddedStore({ dataDir: dir });
    use(store);
  });
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

/** One audited create of `recordId` in `chain`, by `actor`, in a transaction of its own. */
export const writeEntry = (store: Store, actor: { id: string; name: string }, chain: string, recordId: string) =>
  store.withTransaction((session) => appendAudit(store, session, { actor, action: 'record.create', collection: chain, recordId, before: null, after: { n: recordId } }));

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
