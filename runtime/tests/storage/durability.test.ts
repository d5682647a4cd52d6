// The embedded store's promise (store.ts): a write resolves only once LMDB has committed its
// batch and flushed it to disk. Both halves are observed here rather than assumed from the
// order of the code: another process reads the committed document from the LMDB file the
// moment the write resolves, and LMDB's flush is held back to see that the write waits for it.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { RootDatabase } from 'lmdb';
import { createEmbeddedStore, type EmbeddedStore } from '../../src/storage';
import { tempDirs } from './temp-dirs';

const ROOT = resolve(__dirname, '..', '..', '..');
const tempDir = tempDirs('tessera-durable-');

/**
 * Reads one document straight from the LMDB file in a separate process (read-only, beside the
 * open store), with the store's layout: `docs` [collection, _id] → document.
 * spawnSync blocks this process meanwhile, so nothing here can finish the write after the fact.
 */
function readFromAnotherProcess(dataDir: string, coll: string, id: string): unknown {
  const script = `
    const { open } = require('lmdb');
    const env = open({ path: ${JSON.stringify(join(dataDir, 'tessera.mdb'))}, readOnly: true, maxDbs: 8, mapSize: 2 ** 34 });
    const docs = env.openDB('docs', { sharedStructuresKey: Symbol.for('structures') });
    process.stdout.write(JSON.stringify(docs.get(${JSON.stringify([coll, id])}) ?? null));
  `;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`reader failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/**
 * Puts a gate in front of LMDB's flush notification (`env.flushed`, which the store awaits for
 * every batch): LMDB still flushes as it would, but the store hears of it only when the gate
 * opens. The environment is private to the store; reaching it here keeps test hooks out of the
 * store's code.
 */
function holdFlushes(store: EmbeddedStore) {
  const env = (store as unknown as { env: RootDatabase }).env;
  const lmdbFlushed = env.flushed;
  expect(typeof lmdbFlushed?.then).toBe('function');
  let open!: () => void;
  let fail!: (e: Error) => void;
  const gate = new Promise<void>((res, rej) => {
    open = res;
    fail = rej;
  });
  gate.catch(() => undefined);
  /** One per time the store asked for a flush: whether LMDB has really flushed that batch. */
  const asked: Array<{ flushed: boolean }> = [];
  Object.defineProperty(env, 'flushed', {
    configurable: true,
    get: () => ({
      then(onFlushed: (v: unknown) => unknown, onFailed: (e: unknown) => unknown) {
        const mark = { flushed: false };
        asked.push(mark);
        // Asked at the moment the store queues its batch, like the real one: LMDB's then()
        // picks the batch being written now.
        const real = new Promise((res, rej) => lmdbFlushed.then(res, rej)).then(() => (mark.flushed = true));
        return Promise.all([real, gate]).then(onFlushed, onFailed);
      },
    }),
  });
  return { asked, open: () => open(), fail: (e: Error) => fail(e) };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('the moment a write resolves, another process reads the document from the LMDB file', async () => {
  const dir = tempDir();
  const store = await createEmbeddedStore({ dataDir: dir });
  try {
    const c = store.collection('r_durable');
    for (let i = 0; i < 3; i++) {
      await c.insertOne({ _id: `w${i}`, what: '划伤', qty: i });
      expect(readFromAnotherProcess(dir, 'r_durable', `w${i}`)).toEqual({ _id: `w${i}`, what: '划伤', qty: i });
    }
    await c.updateOne({ _id: 'w0' }, { $set: { qty: 42 } });
    expect(readFromAnotherProcess(dir, 'r_durable', 'w0')).toEqual({ _id: 'w0', what: '划伤', qty: 42 });
  } finally {
    await store.close();
  }
});

test('a write does not resolve before LMDB has flushed its batch, even once it is committed', async () => {
  const dir = tempDir();
  const store = await createEmbeddedStore({ dataDir: dir });
  const held = holdFlushes(store);
  try {
    const c = store.collection('r_durable');
    let resolved = false;
    // 1. The write is queued while flush notifications are held.
    const write = c.insertOne({ _id: 'held', qty: 1 }).then(() => (resolved = true));
    // 2. LMDB commits and flushes the batch: another process reads it, and LMDB says it flushed.
    await until('the store asks for the flush', () => held.asked.length === 1);
    await until('LMDB has flushed the batch', () => held.asked[0].flushed);
    expect(readFromAnotherProcess(dir, 'r_durable', 'held')).toEqual({ _id: 'held', qty: 1 });
    // 3. Still unresolved: the store has not heard of the flush yet.
    await new Promise((r) => setTimeout(r, 100));
    expect(resolved).toBe(false);
    // 4. The flush reaches the store: now the write resolves.
    held.open();
    await write;
    expect(resolved).toBe(true);
  } finally {
    held.open(); // else close() would wait for the held flush when an expectation failed
    await store.close();
  }
});

test('a transaction resolves only after the flush of the batch it joined', async () => {
  const dir = tempDir();
  const store = await createEmbeddedStore({ dataDir: dir });
  const held = holdFlushes(store);
  try {
    const c = store.collection('r_durable');
    let resolved = false;
    const tx = store
      .withTransaction(async (session) => {
        await c.insertOne({ _id: 'a', n: 1 }, { session });
        await c.insertOne({ _id: 'b', n: 2 }, { session });
      })
      .then(() => (resolved = true));
    await until('LMDB has flushed the batch', () => held.asked.length === 1 && held.asked[0].flushed);
    await new Promise((r) => setTimeout(r, 100));
    expect(resolved).toBe(false);
    held.open();
    await tx;
    expect(readFromAnotherProcess(dir, 'r_durable', 'b')).toEqual({ _id: 'b', n: 2 });
  } finally {
    held.open();
    await store.close();
  }
});

test('a write whose flush fails is not acknowledged: it rejects', async () => {
  const dir = tempDir();
  const store = await createEmbeddedStore({ dataDir: dir });
  try {
    const held = holdFlushes(store);
    const write = store.collection('r_durable').insertOne({ _id: 'lost', qty: 1 });
    await until('the store asks for the flush', () => held.asked.length === 1);
    held.fail(new Error('EIO: the disk went away'));
    await expect(write).rejects.toThrow('EIO: the disk went away');
  } finally {
    await store.close();
  }
});
