// How the embedded store runs transactions (storage/embedded/tx.ts): one at a time, in the order
// they asked for the lock, each seeing every write acknowledged before it even while LMDB is
// still committing it. MongoDB runs transactions side by side, so this is the embedded store's
// own promise, not the port's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedStore, type EmbeddedStore } from '../../src/storage';
import { Mutex } from '../../src/storage/embedded/tx';

let dir: string;
let store: EmbeddedStore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-tx-'));
  store = await createEmbeddedStore({ dataDir: dir });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('transactions waiting for the write lock run one at a time, in the order they asked', async () => {
  const order: string[] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const first = store.withTransaction(async () => {
    order.push('first');
    await gate;
    order.push('first done');
  });
  const rest = ['b', 'c', 'd'].map((name) =>
    store.withTransaction(async () => {
      order.push(name);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(`${name} done`);
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(order).toEqual(['first']);
  open();
  await Promise.all([first, ...rest]);
  expect(order).toEqual(['first', 'first done', 'b', 'b done', 'c', 'c done', 'd', 'd done']);
});

test('a transaction sees the writes acknowledged before it, while LMDB is still committing them', async () => {
  const c = store.collection('t_seen');
  // Not awaited: the insert holds the lock first, and the transaction runs right after it
  // queued its commit, before LMDB has it.
  const written = c.insertMany([{ _id: 'p', n: 1 }, { _id: 'q', n: 2 }]);
  const seen = await store.withTransaction(async (session) => [await c.findOne({ _id: 'p' }, { session }), await c.count({ n: { $gte: 1 } }, { session })]);
  await written;
  expect(seen).toEqual([{ _id: 'p', n: 1 }, 2]);
});

test('a release of the transaction lock counts once, however often it is called', async () => {
  const mutex = new Mutex();
  const release = await mutex.acquire();
  const ran: string[] = [];
  const b = mutex.acquire().then((r) => (ran.push('b'), r));
  const c = mutex.acquire().then((r) => (ran.push('c'), r));
  release();
  release();
  await new Promise((resolve) => setTimeout(resolve, 5));
  // The second call let no one else in: c still waits for b.
  expect(ran).toEqual(['b']);
  (await b)();
  (await c)();
  // Every holder gone: the lock is free again.
  let free = false;
  void mutex.acquire().then(() => (free = true));
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect(free).toBe(true);
});

test('a transaction that writes nothing commits nothing: the collections listed are exactly those written to', async () => {
  const own = mkdtempSync(join(tmpdir(), 'tessera-tx-'));
  let fresh = await createEmbeddedStore({ dataDir: own });
  try {
    expect(await fresh.withTransaction(async () => 'read only')).toBe('read only');
    expect(await fresh.listCollections()).toEqual([]);
    await fresh.collection('a').insertOne({ _id: 'x' });
    expect(await fresh.listCollections()).toEqual(['a']);
    await fresh.close();
    fresh = await createEmbeddedStore({ dataDir: own });
    expect(await fresh.listCollections()).toEqual(['a']);
  } finally {
    await fresh.close();
    rmSync(own, { recursive: true, force: true });
  }
});
