// What only the embedded store shows about documents: the shapes it keeps for data written by
// earlier releases (_id last), its own guards and error details, explain's order, and the plan
// behind an aggregate's leading $match.
import { join } from 'node:path';
import { open } from 'lmdb';
import { createEmbeddedStore, type Collection, type Store } from '../../src/storage';
import { tempDirs } from './temp-dirs';

const tempDir = tempDirs('tessera-docs-');

let store: Store;
let n = 0;
const coll = () => store.collection(`d_${n++}`);
beforeAll(async () => {
  store = await createEmbeddedStore({ dataDir: tempDir() });
});
afterAll(async () => {
  await store.close();
});

type Explain = { plan: string; index?: string; ordered: boolean; exact: boolean; scanned: number };
const explainOf = (c: Collection) => (c as unknown as { explain(f: object, o?: object): Explain }).explain.bind(c);

describe('embedded store: documents', () => {
  test('documents written when _id came last: a projection puts the _id first, and a replace with the same content modifies nothing', async () => {
    const dir = tempDir();
    // A data dir as an earlier release left it: the _id stored after the other fields.
    const env = open({ path: join(dir, 'tessera.mdb'), maxDbs: 8, mapSize: 2 ** 34 });
    const docs = env.openDB('docs', {});
    await docs.put(['r_old', 'a1'], { supplier: 'S', qty: 5, _id: 'a1' });
    await env.close();
    const old = await createEmbeddedStore({ dataDir: dir });
    const c = old.collection('r_old');
    expect(Object.keys((await c.findOne({ _id: 'a1' }))!)).toEqual(['supplier', 'qty', '_id']);
    // The lists' projection (top-level fields picked) gives the _id first, as MongoDB stores it.
    expect(Object.keys((await c.findOne({ _id: 'a1' }, { projection: { qty: 1 } }))!)).toEqual(['_id', 'qty']);
    expect(Object.keys((await c.findOne({ _id: 'a1' }, { projection: { _id: 1, qty: 1 } }))!)).toEqual(['_id', 'qty']);
    // Key order is not content: the same values with the _id moved first are no modification.
    expect(await c.replaceOne({ _id: 'a1' }, { supplier: 'S', qty: 5 })).toEqual({ matched: 1, modified: 0 });
    expect(await c.replaceOne({ _id: 'a1' }, { qty: 5, supplier: 'S' })).toEqual({ matched: 1, modified: 0 });
    await old.close();
  });

  test('a projection of a field named with "$" is refused (mingo\'s FieldPath error), not read as a missing field', async () => {
    const c = coll();
    await c.insertOne({ _id: 'p', a: 1 });
    await expect(c.find({}, { projection: { $a: 1 } })).rejects.toThrow("FieldPath field names may not start with '$'");
  });

  test('an $inc of a text field leaves the text as it is (mingo skips it; MongoDB refuses it)', async () => {
    const c = coll();
    await c.insertOne({ _id: 'i', s: 'a', n: 1 });
    expect(await c.updateOne({ _id: 'i' }, { $inc: { s: 1 } })).toEqual({ matched: 1, modified: 0 });
    expect(await c.findOne({ _id: 'i' })).toEqual({ _id: 'i', s: 'a', n: 1 });
  });

  test('an insert that is not an object, or whose _id is not a non-empty text, is INVALID_UPDATE and stores nothing', async () => {
    const c = coll();
    for (const bad of [null, [1, 2], 'text']) {
      await expect(c.insertOne(bad as never)).rejects.toMatchObject({ code: 'INVALID_UPDATE', message: 'A document must be an object' });
    }
    for (const id of ['', 7]) {
      await expect(c.insertOne({ _id: id as never, x: 1 })).rejects.toMatchObject({ code: 'INVALID_UPDATE', message: '_id must be a non-empty string' });
    }
    expect(await c.count({})).toBe(0);
  });

  test('a duplicate _id says where: the collection, the _id index and the key', async () => {
    const c = coll();
    await c.insertOne({ _id: 'k1' });
    const err = await c.insertOne({ _id: 'k1' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DUPLICATE_KEY', message: `Duplicate key in ${c.name} for index _id: k1` });
    expect((err as { details: unknown }).details).toEqual({ collection: c.name, index: '_id', key: { _id: 'k1' } });
  });

  test('a pipeline that is not an array is INVALID_QUERY', async () => {
    const c = coll();
    await c.insertOne({ _id: 'a' });
    await expect(c.aggregate({ $match: {} } as never)).rejects.toMatchObject({ code: 'INVALID_QUERY', message: 'A pipeline must be an array of stages' });
  });

  test('explain tells a scan that must be sorted after it from one in the asked order', async () => {
    const c = coll();
    await c.insertMany([{ _id: 'a', n: 2 }, { _id: 'b', n: 1 }]);
    expect(explainOf(c)({}, { sort: { n: 1 } })).toEqual({ plan: 'scan', index: undefined, ordered: false, exact: false, scanned: 2 });
    expect(explainOf(c)({}, { sort: { _id: -1 } })).toEqual({ plan: 'scan', index: undefined, ordered: true, exact: false, scanned: 2 });
  });

  test("an aggregate's leading $match is read through an index, as find reads it: its rows come in the index's order", async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { n: 1 } }]);
    await c.insertMany([{ _id: 'a', n: 3 }, { _id: 'b', n: 1 }, { _id: 'c', n: 2 }, { _id: 'd' }]);
    const filter = { n: { $gte: 1 } };
    expect(explainOf(c)(filter)).toEqual({ plan: 'index', index: 'n_1', ordered: true, exact: false, scanned: 3 });
    expect((await c.find(filter)).map((d) => d._id)).toEqual(['b', 'c', 'a']);
    expect((await c.aggregate([{ $match: filter }])).map((d) => d._id)).toEqual(['b', 'c', 'a']);
    expect(await c.aggregate([{ $match: filter }, { $project: { _id: 1 } }, { $limit: 2 }])).toEqual([{ _id: 'b' }, { _id: 'c' }]);
  });
});
