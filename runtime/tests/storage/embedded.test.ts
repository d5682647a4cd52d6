// The conformance suite on the embedded store, plus what only the embedded store promises:
// index-backed lists, durability across kill -9, one process per data dir, fast reopen.
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { open } from 'lmdb';
import { createEmbeddedStore, type EmbeddedStore } from '../../src/storage';
import { describeStoreConformance } from './conformance';
import { tempDirs } from './temp-dirs';

const tempDir = tempDirs('tessera-store-');

describeStoreConformance('embedded', () => createEmbeddedStore({ dataDir: tempDir() }), (s) => s.close());

describe('embedded store', () => {
  test('lists use an index in sort order and stop after the page', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const c = store.collection('r_list');
    await c.ensureIndexes([{ keys: { status: 1 } }, { keys: { status: 1, at: 1 } }]);
    await c.insertMany(Array.from({ length: 500 }, (_, i) => ({ status: ['open', 'done'][i % 2], at: 1000 - i, i })));
    const explain = (c as unknown as { explain: EmbeddedStore['planFor'] extends unknown ? (f: object, o?: object) => { plan: string; index?: string; ordered: boolean; scanned: number } : never }).explain.bind(c);
    const e = explain({ status: 'open' }, { sort: { at: -1 } });
    expect(e).toEqual({ plan: 'index', index: 'status_1_at_1', ordered: true, exact: false, scanned: 250 });
    const page = await c.find({ status: 'open' }, { sort: { at: -1 }, limit: 5 });
    expect(page.map((d) => d.at)).toEqual([1000, 998, 996, 994, 992]);
    const byId = await c.find({ status: 'done' }, { sort: { _id: -1 }, limit: 2 });
    expect(byId.map((d) => d.i)).toEqual([499, 497]);
    expect(explain({ i: 3 })).toEqual({ plan: 'scan', index: undefined, ordered: true, exact: false, scanned: 500 });
    expect(await c.count({ status: 'done' })).toBe(250);
    await store.close();
  });

  test('two lower bounds of one field (a month, and a page cursor inside it) start the index scan at the later one', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const c = store.collection('r_cal');
    await c.ensureIndexes([{ keys: { _deleted: 1, due: 1 } }]);
    const day = (i: number) => `2026-03-${String(1 + (i % 30)).padStart(2, '0')}`;
    await c.insertMany(Array.from({ length: 600 }, (_, i) => ({ _deleted: false, due: day(i), i })));
    const explain = (c as unknown as { explain(f: object, o?: object): { plan: string; scanned: number } }).explain.bind(c);
    const month = { _deleted: false, due: { $gte: '2026-03-01', $lt: '2026-04-01' } };
    expect(explain(month, { sort: { due: 1 } })).toMatchObject({ plan: 'index', scanned: 600 });
    // Past a cursor at the 21st: the scan starts there, in either order of the conditions.
    const after = { due: { $gte: '2026-03-21' } };
    expect(explain({ $and: [month, after] }, { sort: { due: 1 } })).toMatchObject({ plan: 'index', scanned: 200 });
    expect(explain({ $and: [after, month] }, { sort: { due: 1 } })).toMatchObject({ plan: 'index', scanned: 200 });
    expect((await c.find({ $and: [month, after] }, { sort: { due: 1, _id: 1 } })).length).toBe(200);
    // Upper bounds alike: the earlier one ends it.
    expect(explain({ $and: [month, { due: { $lte: '2026-03-10' } }] }, { sort: { due: 1 } })).toMatchObject({ plan: 'index', scanned: 200 });
    await store.close();
  });

  test('a range of _ids (an audit chain, a keyset page) reads only that range of the collection, either way', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const c = store.collection('audit_like');
    const id = (chain: string, seq: number) => `${chain}:${String(seq).padStart(12, '0')}`;
    await c.insertMany(['apps', 'r_a', 'r_b'].flatMap((chain) => Array.from({ length: 300 }, (_, i) => ({ _id: id(chain, i + 1), chain, seq: i + 1 }))));
    const explain = (c as unknown as { explain(f: object, o?: object): { plan: string; ordered: boolean; scanned: number } }).explain.bind(c);
    // Only r_a's 300 keys are read, not the 900.
    expect(explain({ _id: { $gt: 'r_a:', $lt: 'r_a;' } }, { sort: { _id: 1 } })).toEqual({ plan: 'scan', ordered: true, exact: false, scanned: 300 });
    const page = await c.find({ _id: { $gt: id('r_a', 100) } }, { sort: { _id: 1 }, limit: 3 });
    expect(page.map((d) => d._id)).toEqual([id('r_a', 101), id('r_a', 102), id('r_a', 103)]);
    // The bounds are taken in, the operators decide: $gte keeps the first, $lt drops the last.
    expect((await c.find({ _id: { $gte: id('r_b', 299), $lt: id('r_b', 300) } })).map((d) => d._id)).toEqual([id('r_b', 299)]);
    expect((await c.find({ _id: { $gt: id('r_b', 299), $lte: id('r_b', 300) } })).map((d) => d._id)).toEqual([id('r_b', 300)]);
    // Newest first below a bound: starts there (a page of 2 reads the keys from the bound down only).
    const before = await c.find({ _id: { $lt: id('r_a', 1) } }, { sort: { _id: -1 }, limit: 2 });
    expect(before.map((d) => d._id)).toEqual([id('apps', 300), id('apps', 299)]);
    expect(explain({ _id: { $lt: 'apps;' } }, { sort: { _id: -1 } })).toEqual({ plan: 'scan', ordered: true, exact: false, scanned: 300 });
    await store.close();
  });

  test('a $or of indexed alternatives and a $in of plain values read one key range each: pages in _id order, totals from keys, as the filter says', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const c = store.collection('r_union');
    await c.ensureIndexes([{ keys: { _deleted: 1 } }, { keys: { _deleted: 1, _depts: 1 } }, { keys: { _deleted: 1, status: 1 } }]);
    const docs = Array.from({ length: 600 }, (_, i) => ({ _id: `r${String(i).padStart(4, '0')}`, _deleted: i % 10 === 0, _depts: [`d${i % 20}`, ...(i % 7 === 0 ? ['d99'] : [])], status: ['open', 'closed', 'held'][i % 3] }));
    await c.insertMany(docs);
    const explain = (c as unknown as { explain(f: object, o?: object): { plan: string; ordered: boolean; scanned: number } }).explain.bind(c);
    const matches = (f: (d: (typeof docs)[number]) => boolean) => docs.filter(f).map((d) => d._id);
    const cases: Array<[string, Record<string, unknown>, (d: (typeof docs)[number]) => boolean]> = [
      ['$in on a list field', { _deleted: false, _depts: { $in: ['d1', 'd2', 'd99'] } }, (d) => !d._deleted && d._depts.some((x) => ['d1', 'd2', 'd99'].includes(x))],
      ['$or of a $in and an equality', { $and: [{ _deleted: false }, { $or: [{ _depts: { $in: ['d3', 'd4'] } }, { status: 'held' }] }] }, (d) => !d._deleted && (d._depts.includes('d3') || d._depts.includes('d4') || d.status === 'held')],
    ];
    for (const [name, filter, test] of cases) {
      const want = matches(test);
      const e = explain(filter, { sort: { _id: -1 } });
      // Each matching record once; every key read is of a match (no residual to test).
      expect([name, e.plan, e.ordered]).toEqual([name, 'union', true]);
      expect([name, await c.count(filter)]).toEqual([name, want.length]);
      const page = await c.find(filter, { sort: { _id: -1 }, limit: 25 });
      expect([name, page.map((d) => d._id)]).toEqual([name, [...want].reverse().slice(0, 25)]);
      const asc = await c.find(filter, { sort: { _id: 1 }, limit: 10, skip: 5 });
      expect([name, asc.map((d) => d._id)]).toEqual([name, want.slice(5, 15)]);
      // A transaction's own pending writes are seen too.
      await store.withTransaction(async (session) => {
        await c.insertOne({ _id: 'r9999', _deleted: false, _depts: ['d1', 'd3'], status: 'held' }, { session });
        expect([name, await c.count(filter, { session })]).toEqual([name, want.length + 1]);
        expect([name, (await c.find(filter, { sort: { _id: -1 }, limit: 1, session }))[0]._id]).toEqual([name, 'r9999']);
        throw Object.assign(new Error('roll back'), { rollback: true });
      }).catch((e: { rollback?: boolean }) => {
        if (!e.rollback) throw e;
      });
    }
    // An alternative no index narrows: the plan stays one range, and the result is the same.
    const loose = { _deleted: false, $or: [{ _depts: 'd5' }, { nope: 1 }] };
    expect(explain(loose).plan).toBe('index');
    expect(await c.count(loose)).toBe(matches((d) => !d._deleted && d._depts.includes('d5')).length);
    await store.close();
  });

  test('an index on a path inside an array of subdocuments serves equality on any element (multikey)', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const c = store.collection('versions');
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ snapshot: { forms: [{ id: `f${i}` }, { id: `f${i + 1}` }] } })));
    await c.ensureIndexes([{ keys: { 'snapshot.forms.id': 1 } }]); // built over the documents already stored
    const explain = (c as unknown as { explain(f: object): { plan: string; index?: string; scanned: number } }).explain.bind(c);
    expect(explain({ 'snapshot.forms.id': 'f7' })).toEqual({ plan: 'index', index: 'snapshot.forms.id_1', ordered: true, exact: true, scanned: 2 });
    expect(await c.count({ 'snapshot.forms.id': 'f7' })).toBe(2);
    await store.close();
  });

  test('a transaction that fails inside LMDB leaves none of its writes, now or after reopening', async () => {
    const dir = tempDir();
    let store = await createEmbeddedStore({ dataDir: dir });
    const c = store.collection('r_atomic');
    // Six long texts in one key overflow LMDB's key size even clipped; the failure happens
    // while the batch is written, after the first document's puts.
    await c.ensureIndexes([{ keys: { a: 1, b: 1, c: 1, d: 1, e: 1, f: 1 } }]);
    const long = '质'.repeat(500);
    const failing = store.withTransaction(async (session) => {
      await c.insertOne({ _id: 'first', a: 'ok' }, { session });
      await c.insertOne({ _id: 'second', a: long, b: long, c: long, d: long, e: long, f: long }, { session });
    });
    // Queued into the same LMDB batch, with the shape the failed transaction saw first (and
    // saved, then lost with it): it must still land, readable.
    const next = store.withTransaction(async (session) => {
      await c.insertOne({ _id: 'neighbour', a: 'x' }, { session });
    });
    await expect(failing).rejects.toMatchObject({ code: 'INVALID_UPDATE' });
    await next;
    expect((await c.find({})).map((d) => d._id)).toEqual(['neighbour']);
    await c.insertOne({ _id: 'after', a: 'fine' });
    await store.close();
    store = await createEmbeddedStore({ dataDir: dir });
    expect(await store.collection('r_atomic').find({}, { sort: { _id: 1 } })).toEqual([
      { _id: 'after', a: 'fine' },
      { _id: 'neighbour', a: 'x' },
    ]);
    expect(await store.collection('r_atomic').count({ a: 'ok' })).toBe(0);
    await store.close();
  });

  test('indexes follow updates and deletes', async () => {
    const store = await createEmbeddedStore({ dataDir: tempDir() });
    const c = store.collection('r_idx');
    await c.ensureIndexes([{ keys: { tags: 1 } }]);
    const d = await c.insertOne({ tags: ['a', 'b'] });
    await c.updateOne({ _id: d._id }, { $set: { tags: ['c'] } });
    expect(await c.count({ tags: 'a' })).toBe(0);
    expect(await c.count({ tags: 'c' })).toBe(1);
    await c.deleteOne({ _id: d._id });
    expect(await c.count({ tags: 'c' })).toBe(0);
    await store.close();
  });

  test('a second opener of the same data dir gets DATA_DIR_LOCKED; the lock is released on close', async () => {
    const dir = tempDir();
    const store = await createEmbeddedStore({ dataDir: dir });
    const child = fork(join(__dirname, 'fixtures/open-store.ts'), [dir], { execArgv: ['--import', 'tsx'], stdio: 'pipe' });
    let out = '';
    child.stdout!.on('data', (b) => (out += b));
    const code = await new Promise<number>((r) => child.on('exit', (c) => r(c ?? -1)));
    expect(code).toBe(2);
    expect(out).toMatch(/DATA_DIR_LOCKED.*in use by another Tessera process/);
    await store.close();
    const again = await createEmbeddedStore({ dataDir: dir });
    await again.close();
  });

  test('every acknowledged write survives kill -9', async () => {
    const dir = tempDir();
    const child = fork(join(__dirname, 'fixtures/writer.ts'), [dir], { execArgv: ['--import', 'tsx'], stdio: 'pipe' });
    const acked: string[] = [];
    let buf = '';
    await new Promise<void>((resolve) => {
      child.stdout!.on('data', (b: Buffer) => {
        buf += b.toString();
        const lines = buf.split('\n');
        buf = lines.pop()!;
        for (const l of lines) if (l.startsWith('ack ')) acked.push(l.slice(4));
        if (acked.length >= 300 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.on('exit', r));
    const store = await createEmbeddedStore({ dataDir: dir });
    const c = store.collection('r_durable');
    const found = new Set((await c.find({ _id: { $in: acked } })).map((d) => d._id));
    expect(acked.filter((id) => !found.has(id))).toEqual([]);
    expect(acked.length).toBeGreaterThanOrEqual(300);
    await store.close();
  });

  test('documents written before shared structures were enabled still read, next to new ones', async () => {
    const dir = tempDir();
    // A data dir as an earlier release left it: plain msgpack documents, no shared structures.
    const env = open({ path: join(dir, 'tessera.mdb'), maxDbs: 8, mapSize: 2 ** 34 });
    const docs = env.openDB('docs', {});
    await docs.put(['r_old', 'a1'], { _id: 'a1', supplier: '华东精密', qty: 5, lines: [{ item: 'M-1', qty: 2 }] });
    await env.close();
    const store = await createEmbeddedStore({ dataDir: dir });
    const c = store.collection('r_old');
    await c.insertOne({ _id: 'a2', supplier: '华南', qty: 7, lines: [{ item: 'M-2', qty: 1 }] });
    expect(await c.find({}, { sort: { _id: 1 } })).toEqual([
      { _id: 'a1', supplier: '华东精密', qty: 5, lines: [{ item: 'M-1', qty: 2 }] },
      { _id: 'a2', supplier: '华南', qty: 7, lines: [{ item: 'M-2', qty: 1 }] },
    ]);
    await store.close();
    const again = await createEmbeddedStore({ dataDir: dir });
    expect(await again.collection('r_old').count({})).toBe(2);
    expect(await again.collection('r_old').findOne({ _id: 'a2' })).toMatchObject({ supplier: '华南', lines: [{ item: 'M-2', qty: 1 }] });
    await again.close();
  });

  test('index keys of long texts written before clipping are upgraded on open: found, unique, sorted', async () => {
    const dir = tempDir();
    let store = await createEmbeddedStore({ dataDir: dir });
    await store.collection('r_up').ensureIndexes([{ keys: { t: 1 }, unique: true }]);
    await store.close();
    // Then a document as an earlier release stored it: its 200-character text whole in the key,
    // and no record of the key format.
    const long = 'T'.repeat(200);
    const env = open({ path: join(dir, 'tessera.mdb'), maxDbs: 8, mapSize: 2 ** 34 });
    const docs = env.openDB('docs', { sharedStructuresKey: Symbol.for('structures') });
    const idx = env.openDB('idx', { encoding: 'binary' });
    const meta = env.openDB('meta', {});
    await docs.put(['r_up', 'old'], { _id: 'old', t: long });
    await idx.put(['r_up', 't_1', long, 'old'], Buffer.alloc(0));
    await meta.remove(['format', 'indexKeys']);
    await env.close();
    store = await createEmbeddedStore({ dataDir: dir });
    const c = store.collection('r_up');
    expect((await c.find({ t: long })).map((d) => d._id)).toEqual(['old']);
    await expect(c.insertOne({ t: long })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
    await c.insertOne({ _id: 'new', t: `${long}!` });
    expect((await c.find({}, { sort: { t: -1 } })).map((d) => d._id)).toEqual(['new', 'old']);
    await c.updateOne({ _id: 'old' }, { $set: { t: 'short' } });
    expect(await c.count({ t: long })).toBe(0);
    await store.close();
  });
});
