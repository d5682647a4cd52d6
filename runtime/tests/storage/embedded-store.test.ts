// What only the embedded store promises about the store as a whole: its errors in full, what a
// commit not yet on disk is to the transactions after it, index keys that follow every write
// (seen through explain), index rebuilds, and a closed store.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { open } from 'lmdb';
import { createEmbeddedStore, type Collection } from '../../src/storage';
import { tempDirs } from './temp-dirs';

const tempDir = tempDirs('tessera-store-');

type Explained = { plan: string; index?: string; ordered: boolean; exact: boolean; scanned: number };
const explainOf = (c: Collection) => (c as unknown as { explain(f: object, o?: object): Explained }).explain.bind(c);

describe('embedded store: the store as a whole', () => {
  test('it says it is the embedded store; closed, it refuses every call with STORE_CLOSED, and closing again does nothing', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    expect(store.kind).toBe('embedded');
    const c = store.collection('r_closed');
    await c.insertOne({ _id: 'a' });
    await store.close();
    const closed = { code: 'STORE_CLOSED', message: 'The store is closed' };
    expect(() => store.collection('r_other')).toThrow(expect.objectContaining(closed));
    await expect(c.find({})).rejects.toMatchObject(closed);
    await expect(store.withTransaction(async () => 1)).rejects.toMatchObject(closed);
    await expect(store.close()).resolves.toBeUndefined();
  });

  test('closing releases the data dir lock, and closing a closed store again leaves a later opener\'s lock alone', async () => {
    const dir = tempDir();
    const lock = join(dir, 'LOCK');
    const first = await createEmbeddedStore({ dataDir: dir });
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    await first.close();
    expect(existsSync(lock)).toBe(false);
    const second = await createEmbeddedStore({ dataDir: dir });
    await first.close();
    expect(existsSync(lock)).toBe(true);
    await second.collection('r_after').insertOne({ _id: 'ok' });
    await second.close();
    expect(existsSync(lock)).toBe(false);
  });

  test('a data dir that cannot be opened, or cannot be upgraded, is refused and left unlocked', async () => {
    const unopenable = tempDir();
    mkdirSync(join(unopenable, 'tessera.mdb')); // a folder where LMDB's file belongs
    await expect(createEmbeddedStore({ dataDir: unopenable })).rejects.toThrow(/directory/i);
    expect(existsSync(join(unopenable, 'LOCK'))).toBe(false);
    // An index key that is no [collection, index, ...values, _id] tuple: the key upgrade fails on it.
    const corrupt = tempDir();
    const env = open({ path: join(corrupt, 'tessera.mdb'), maxDbs: 8, mapSize: 2 ** 34 });
    await env.openDB('idx', { encoding: 'binary' }).put('not-a-tuple', Buffer.alloc(0));
    await env.close();
    await expect(createEmbeddedStore({ dataDir: corrupt })).rejects.toThrow(TypeError);
    expect(existsSync(join(corrupt, 'LOCK'))).toBe(false);
  });

  test('dropping a collection forgets its index rules on disk, and only its own: reopened, its neighbours keep theirs and it has none', async () => {
    const dir = tempDir();
    const first = await createEmbeddedStore({ dataDir: dir });
    // Named before, at and after the dropped one, each with a unique rule.
    for (const name of ['r_a', 'r_b', 'r_c']) await first.collection(name).ensureIndexes([{ keys: { k: 1 }, unique: true }]);
    await first.dropCollection('r_b');
    await first.close();
    const second = await createEmbeddedStore({ dataDir: dir });
    for (const name of ['r_a', 'r_c']) {
      expect((await second.collection(name).listIndexes()).map((i) => i.name)).toEqual(['k_1']);
      await second.collection(name).insertOne({ k: 1 });
      await expect(second.collection(name).insertOne({ k: 1 })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
    }
    expect(await second.collection('r_b').listIndexes()).toEqual([]);
    await second.collection('r_b').insertMany([{ k: 1 }, { k: 1 }]);
    expect(await second.collection('r_b').count({ k: 1 })).toBe(2);
    await second.close();
  });

  test('a duplicate key names the collection, the index and the whole key', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const c = store.collection('r_dup');
    await c.ensureIndexes([{ keys: { code: 1, year: 1 }, unique: true }]);
    await c.insertOne({ code: 'A', year: 2026 });
    await expect(c.insertOne({ code: 'A', year: 2026 })).rejects.toMatchObject({
      code: 'DUPLICATE_KEY',
      message: 'Duplicate key in r_dup for index code_1_year_1: {"code":"A","year":2026}',
      details: { collection: 'r_dup', index: 'code_1_year_1', key: { code: 'A', year: 2026 } },
    });
    await store.close();
  });

  test('a value too long for an index key is INVALID_UPDATE saying so, and leaves nothing for a later transaction to read', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const c = store.collection('r_long');
    await c.ensureIndexes([{ keys: { a: 1, b: 1, c: 1, d: 1, e: 1, f: 1 } }]);
    const long = '质'.repeat(500);
    const failing = store.withTransaction(async (session) => {
      await c.insertOne({ _id: 'first', a: 'ok' }, { session });
      await c.insertOne({ _id: 'second', a: long, b: long, c: long, d: long, e: long, f: long }, { session });
    });
    await expect(failing).rejects.toMatchObject({
      code: 'INVALID_UPDATE',
      message: 'A value is too long for an index of this collection (an index key holds at most four long texts)',
      details: { cause: expect.stringMatching(/maximum key size/i) },
    });
    // Neither document is pending any more: a transaction reads none of them.
    const seen = await store.withTransaction(async (session) => ({
      all: await c.find({}, { session }),
      first: await c.findOne({ _id: 'first' }, { session }),
      ok: await c.count({ a: 'ok' }, { session }),
    }));
    expect(seen).toEqual({ all: [], first: null, ok: 0 });
    await store.close();
  });

  test('a commit not yet on disk is read, listed and held unique by the transaction that runs next', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const a = store.collection('r_pend');
    const fresh = store.collection('r_aaa_new');
    await a.ensureIndexes([{ keys: { code: 1 }, unique: true }, { keys: { kind: 1 } }]);
    await a.insertOne({ _id: 'old', code: 'O', kind: 'k' });
    // Queued one behind the other: the second runs as soon as the first has committed, before
    // the first's batch is on disk (which the first's caller waits for).
    const first = store.withTransaction(async (session) => {
      await a.insertOne({ _id: 'p1', code: 'X', kind: 'k' }, { session });
      await a.updateOne({ _id: 'old' }, { $set: { kind: 'moved' } }, { session });
      await fresh.insertOne({ _id: 'n1' }, { session });
    });
    const second = store.withTransaction(async (session) => ({
      names: await store.listCollections(),
      byId: await a.findOne({ _id: 'p1' }, { session }),
      // Outside a transaction a read sees what is on disk: never a write not yet acknowledged.
      outside: await a.findOne({ _id: 'p1' }),
      byIndex: (await a.find({ kind: 'k' }, { session })).map((d) => d._id),
      counted: await a.count({ kind: 'k' }, { session }),
      moved: await a.findOne({ _id: 'old' }, { session }),
      taken: await a.insertOne({ code: 'X' }, { session }).then(
        () => 'inserted',
        (e: { code?: string }) => e.code,
      ),
    }));
    await first;
    expect(await second).toEqual({
      names: ['r_aaa_new', 'r_pend'],
      byId: { _id: 'p1', code: 'X', kind: 'k' },
      outside: null,
      byIndex: ['p1'],
      counted: 1,
      moved: { _id: 'old', code: 'O', kind: 'moved' },
      taken: 'DUPLICATE_KEY',
    });
    expect(await a.count({})).toBe(2);
    expect(await store.listCollections()).toEqual(['r_aaa_new', 'r_pend']);
    await store.close();
  });

  test('creating an index waits for the writes still being committed: a duplicate among them is found', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const c = store.collection('r_drain');
    await c.insertOne({ _id: '1', code: 'A' });
    const write = c.insertOne({ _id: '2', code: 'A' });
    await expect(c.ensureIndexes([{ keys: { code: 1 }, unique: true }])).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
    await write;
    expect(await c.listIndexes()).toEqual([]);
    expect(await c.count({ code: 'A' })).toBe(2);
    await store.close();
  });

  test('updates and deletes take every index key of the old value with them: a range over the whole index reads only live keys', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const c = store.collection('r_keys');
    await c.ensureIndexes([{ keys: { tags: 1 } }]);
    await c.insertMany([{ _id: 'u', tags: ['a', 'b'] }, { _id: 'gone', tags: ['x', 'y'] }, { _id: 'same', tags: ['m'] }]);
    await c.updateOne({ _id: 'u' }, { $set: { tags: ['b', 'c'] } });
    await c.deleteOne({ _id: 'gone' });
    await c.updateOne({ _id: 'same' }, { $set: { other: 1 } });
    const everyText = { tags: { $gte: '' } };
    expect(explainOf(c)(everyText)).toEqual({ plan: 'index', index: 'tags_1', ordered: true, exact: false, scanned: 3 });
    expect((await c.find(everyText, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['same', 'u']);
    await c.deleteMany({});
    expect(explainOf(c)(everyText).scanned).toBe(0);
    // The documents themselves are gone too: a scan reads no key.
    expect(explainOf(c)({})).toEqual({ plan: 'scan', index: undefined, ordered: true, exact: false, scanned: 0 });
    await store.close();
  });

  test('alternatives sorted by another field read each key range once and yield each document once', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const c = store.collection('r_alt');
    await c.ensureIndexes([{ keys: { tags: 1, n: 1 } }]);
    // '1' is in both ranges, after '3' in the first: the ranges are in n order, not _id order.
    await c.insertMany([{ _id: '1', tags: ['a', 'b'], n: 2 }, { _id: '3', tags: ['a'], n: 1 }, { _id: '5', tags: ['c'], n: 0 }]);
    const filter = { tags: { $in: ['a', 'b'] } };
    expect(explainOf(c)(filter, { sort: { n: 1 } })).toEqual({ plan: 'union', index: undefined, ordered: false, exact: false, scanned: 2 });
    expect((await c.find(filter, { sort: { n: 1 } })).map((d) => d._id)).toEqual(['3', '1']);
    await store.close();
  });

  test('a scan of a collection, either way, reads only that collection', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const before = store.collection('r_a');
    const mine = store.collection('r_b');
    const after = store.collection('r_c');
    await before.insertMany([{ _id: 'x1' }, { _id: 'x2' }]);
    await mine.insertMany([{ _id: 'm1' }, { _id: 'm2' }, { _id: 'm3' }]);
    await after.insertMany([{ _id: 'z1' }]);
    expect(explainOf(mine)({}, { sort: { _id: -1 } })).toEqual({ plan: 'scan', index: undefined, ordered: true, exact: false, scanned: 3 });
    expect(explainOf(mine)({}, { sort: { _id: 1 } })).toEqual({ plan: 'scan', index: undefined, ordered: true, exact: false, scanned: 3 });
    expect((await mine.find({}, { sort: { _id: -1 }, limit: 2 })).map((d) => d._id)).toEqual(['m3', 'm2']);
    await store.close();
  });

  test('an index declared again under its name with other keys or options is rebuilt to them', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const c = store.collection('r_redecl');
    await c.ensureIndexes([{ name: 'ix', keys: { a: 1 } }, { name: 'u', keys: { code: 1 } }]);
    await c.insertMany([{ _id: '1', a: 'v', b: 'w', code: 'A' }, { _id: '2', a: 'w', b: 'v', code: 'A' }]);
    // Other keys: counted from the new keys only.
    await c.ensureIndexes([{ name: 'ix', keys: { b: 1 } }]);
    expect(await c.count({ b: 'v' })).toBe(1);
    expect(explainOf(c)({ b: 'v' })).toEqual({ plan: 'index', index: 'ix', ordered: true, exact: true, scanned: 1 });
    // Unique now: refused over the duplicates stored, then kept.
    await expect(c.ensureIndexes([{ name: 'u', keys: { code: 1 }, unique: true }])).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
    await c.deleteOne({ _id: '2' });
    await c.ensureIndexes([{ name: 'u', keys: { code: 1 }, unique: true }]);
    expect(await c.listIndexes()).toEqual([
      { name: 'ix', keys: { b: 1 } },
      { name: 'u', keys: { code: 1 }, unique: true },
    ]);
    await expect(c.insertOne({ code: 'A' })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
    await store.close();
  });

  test('an index is built from its own collection only, and rebuilt without touching the keys of other indexes or collections', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    // Collections named before and after it, holding the same values under the same ids.
    const [before, c, after] = ['r_b1', 'r_b2', 'r_b3'].map((n) => store.collection(n));
    for (const x of [before, after]) {
      await x.ensureIndexes([{ name: 'ix', keys: { v: 1 } }]);
      await x.insertMany([{ _id: '1', v: 'same' }, { _id: '9', v: 'same' }]);
    }
    await c.insertMany([{ _id: '1', v: 'same', w: 1 }, { _id: '2', v: 'other', w: 1 }]);
    await c.ensureIndexes([{ name: 'ix', keys: { v: 1 }, unique: true }, { name: 'jx', keys: { w: 1 } }]);
    expect(await c.count({ v: 'same' })).toBe(1);
    expect(await c.count({ w: 1 })).toBe(2);
    // Rebuilt under its name: its own keys replaced, every other key kept.
    await c.ensureIndexes([{ name: 'ix', keys: { v: 1 } }]);
    expect(await c.count({ v: 'same' })).toBe(1);
    expect(await c.count({ w: 1 })).toBe(2);
    for (const x of [before, after]) expect(await x.count({ v: 'same' })).toBe(2);
    expect(explainOf(c)({ v: { $gte: '' } })).toEqual({ plan: 'index', index: 'ix', ordered: true, exact: false, scanned: 2 });
    await store.close();
  });

  test('an index dropped and declared again holds no key of a document changed in between', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const c = store.collection('r_redrop');
    await c.ensureIndexes([{ keys: { c: 1 } }, { keys: { s: 1 } }, { keys: { t: 1 } }]);
    await c.insertMany([{ _id: '1', c: 'k', s: 'old', t: 1 }, { _id: '2', c: 'k', s: 'old', t: 2 }]);
    expect(await c.dropIndex('s_1')).toBe(true);
    expect((await c.listIndexes()).map((i) => i.name)).toEqual(['c_1', 't_1']);
    await c.updateOne({ _id: '1' }, { $set: { s: 'new' } });
    await c.ensureIndexes([{ keys: { s: 1 } }]);
    expect(await c.count({ s: 'old' })).toBe(1);
    expect(await c.count({ s: 'new' })).toBe(1);
    // The other indexes, named before and after it, kept their keys through the drop.
    expect(await c.count({ c: 'k' })).toBe(2);
    expect(await c.count({ t: 1 })).toBe(1);
    expect(explainOf(c)({ t: { $gte: 0 } })).toEqual({ plan: 'index', index: 't_1', ordered: true, exact: false, scanned: 2 });
    await store.close();
  });
});
