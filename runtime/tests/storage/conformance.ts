// The Store conformance suite: MongoDB semantics every adapter must show. It runs against the
// embedded store always and against a real MongoDB when MONGODB_URI is set, so passing it on
// the embedded store means code written against the port behaves the same on MongoDB.
import { StoreError, type Store } from '../../src/storage';
import { limitsConformance } from './conformance-limits';
import { queriesConformance } from './conformance-queries';
import { storeConformance } from './conformance-store';
import { groupsConformance } from './conformance-groups';
import { documentsConformance } from './conformance-documents';

/**
 * `openSecond`, when the store allows a second client on the same data (MongoDB: another
 * connection pool, as a second app node has), opens one: conflicting transactions then come from
 * both. The embedded store has one process, so its transactions come from one.
 */
export function describeStoreConformance(name: string, makeStore: () => Promise<Store>, dropStore: (s: Store) => Promise<void>, openSecond?: (first: Store) => Promise<Store>): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store;
    let n = 0;
    const coll = () => store.collection(`t_${Date.now().toString(36)}_${n++}`);

    beforeAll(async () => {
      store = await makeStore();
    });
    afterAll(async () => {
      await dropStore(store);
    });

    test('insert generates time-ordered 24-hex string ids and find returns copies', async () => {
      const c = coll();
      const a = await c.insertOne({ x: 1 });
      const b = await c.insertOne({ x: 2 });
      expect(a._id).toMatch(/^[0-9a-f]{24}$/);
      expect(a._id < b._id).toBe(true);
      const found = await c.findOne({ _id: a._id });
      expect(found).toEqual({ _id: a._id, x: 1 });
      (found as unknown as { x: number }).x = 99;
      expect((await c.findOne({ _id: a._id }))!.x).toBe(1);
    });

    test('duplicate _id is DUPLICATE_KEY', async () => {
      const c = coll();
      await c.insertOne({ _id: 'k1', x: 1 });
      await expect(c.insertOne({ _id: 'k1', x: 2 })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
      expect(await c.count({})).toBe(1);
    });

    test('query operators, dotted paths, arrays and missing fields follow MongoDB', async () => {
      const c = coll();
      await c.insertMany([
        { _id: 'a', n: 1, s: 'apple', tags: ['red', 'fruit'], sub: { k: 1 } },
        { _id: 'b', n: 5, s: 'Banana', tags: ['yellow'], sub: { k: 2 } },
        { _id: 'c', n: 10, s: 'cherry', sub: { k: 3 }, nul: null },
        { _id: 'd', s: 'date' },
      ]);
      const ids = async (f: Record<string, unknown>) => (await c.find(f, { sort: { _id: 1 } })).map((d) => d._id);
      expect(await ids({ n: { $gt: 1 } })).toEqual(['b', 'c']);
      expect(await ids({ n: { $gte: 1, $lt: 10 } })).toEqual(['a', 'b']);
      expect(await ids({ n: { $ne: 5 } })).toEqual(['a', 'c', 'd']);
      expect(await ids({ n: { $in: [1, 10] } })).toEqual(['a', 'c']);
      expect(await ids({ n: { $nin: [1, 10] } })).toEqual(['b', 'd']);
      expect(await ids({ n: { $exists: false } })).toEqual(['d']);
      expect(await ids({ nul: null })).toEqual(['a', 'b', 'c', 'd']);
      expect(await ids({ nul: { $exists: true } })).toEqual(['c']);
      expect(await ids({ tags: 'red' })).toEqual(['a']);
      expect(await ids({ 'sub.k': { $gte: 2 } })).toEqual(['b', 'c']);
      expect(await ids({ s: { $regex: '^b', $options: 'i' } })).toEqual(['b']);
      expect(await ids({ $or: [{ n: 1 }, { s: 'date' }] })).toEqual(['a', 'd']);
      expect(await ids({ $and: [{ n: { $gte: 1 } }, { n: { $lte: 5 } }] })).toEqual(['a', 'b']);
    });

    test('sort (with missing values first), skip, limit, projection and count', async () => {
      const c = coll();
      await c.insertMany([{ _id: '1', n: 3, t: 'x' }, { _id: '2', n: 1, t: 'y' }, { _id: '3', t: 'z' }, { _id: '4', n: 2, t: 'w' }]);
      expect((await c.find({}, { sort: { n: 1 } })).map((d) => d._id)).toEqual(['3', '2', '4', '1']);
      expect((await c.find({}, { sort: { n: -1 } })).map((d) => d._id)).toEqual(['1', '4', '2', '3']);
      expect((await c.find({}, { sort: { n: 1 }, skip: 1, limit: 2 })).map((d) => d._id)).toEqual(['2', '4']);
      expect(await c.find({ _id: '1' }, { projection: { t: 1 } })).toEqual([{ _id: '1', t: 'x' }]);
      expect(await c.find({ _id: '1' }, { projection: { t: 0 } })).toEqual([{ _id: '1', n: 3 }]);
      expect(await c.count({ n: { $exists: true } })).toBe(3);
    });

    test('projections as lists ask them: fields picked with _id, a field a document lacks left out, _id left out on request, dotted paths and arrays', async () => {
      const c = coll();
      await c.insertMany([
        { _id: 'p1', a: 1, b: { x: 1, y: 2 }, rows: [{ q: 1, r: 2 }, { q: 3, r: 4 }], z: null },
        { _id: 'p2', a: 2 },
      ]);
      const sorted = { sort: { _id: 1 as const } };
      expect(await c.find({}, { ...sorted, projection: { a: 1, z: 1 } })).toEqual([{ _id: 'p1', a: 1, z: null }, { _id: 'p2', a: 2 }]);
      expect(await c.find({}, { ...sorted, projection: { b: 1, _id: 0 } })).toEqual([{ b: { x: 1, y: 2 } }, {}]);
      expect(await c.find({ _id: 'p1' }, { projection: { 'b.y': 1, 'rows.q': 1 } })).toEqual([{ _id: 'p1', b: { y: 2 }, rows: [{ q: 1 }, { q: 3 }] }]);
      expect(await c.findOne({ _id: 'p2' }, { projection: { missing: 1 } })).toEqual({ _id: 'p2' });
    });

    // What a keyset page of records (services/filter.ts keysetAfter) relies on when it sorts by a
    // field with blanks: null and missing are one blank, before every value, ties by the next key.
    test('null and missing sort alike, before every value; the conditions of a keyset page past blanks', async () => {
      const c = coll();
      await c.insertMany([{ _id: 'a', n: 2 }, { _id: 'b', n: null }, { _id: 'c' }, { _id: 'd', n: 1 }, { _id: 'e', n: null }, { _id: 'f', n: 2 }]);
      const ids = async (f: Record<string, unknown>, sort: Record<string, 1 | -1> = { _id: 1 }) => (await c.find(f, { sort })).map((d) => d._id);
      for (const indexed of [false, true]) {
        if (indexed) await c.ensureIndexes([{ keys: { n: 1 } }]);
        // 1. Blanks first ascending and last descending, null and missing tied (then by _id).
        expect({ indexed, order: await ids({}, { n: 1, _id: 1 }) }).toEqual({ indexed, order: ['b', 'c', 'e', 'd', 'a', 'f'] });
        expect({ indexed, order: await ids({}, { n: -1, _id: -1 }) }).toEqual({ indexed, order: ['f', 'a', 'd', 'e', 'c', 'b'] });
        // 2. After a blank ascending: the later blanks, then every value; $gt and $lt never match a blank.
        expect(await ids({ n: null, _id: { $gt: 'b' } })).toEqual(['c', 'e']);
        expect(await ids({ n: { $ne: null } })).toEqual(['a', 'd', 'f']);
        expect(await ids({ $or: [{ n: { $gt: 1 } }, { n: { $lt: 2 } }] })).toEqual(['a', 'd', 'f']);
        // 3. After a value descending: the smaller values, then the blanks.
        expect(await ids({ $or: [{ n: { $lt: 2 } }, { n: null }] }, { n: -1, _id: -1 })).toEqual(['d', 'e', 'c', 'b']);
      }
    });

    test('update operators $set $inc $push $pull $unset, including on missing fields', async () => {
      const c = coll();
      await c.insertOne({ _id: 'u', a: 1, arr: [1, 2, 3], gone: true });
      const r = await c.updateOne({ _id: 'u' }, { $set: { b: 'x', 'o.p': 1 }, $inc: { a: 2, fresh: 5 }, $push: { arr: 4, list: 'first' }, $unset: { gone: '' } });
      expect(r).toMatchObject({ matched: 1, modified: 1 });
      await c.updateOne({ _id: 'u' }, { $pull: { arr: { $gte: 3 } } });
      expect(await c.findOne({ _id: 'u' })).toEqual({ _id: 'u', a: 3, arr: [1, 2], b: 'x', o: { p: 1 }, fresh: 5, list: ['first'] });
    });

    test('conditional updates report whether they matched (stock never goes negative)', async () => {
      const c = coll();
      await c.insertOne({ _id: 'lot1', qty: 5 });
      const take = (n: number) => c.updateOne({ _id: 'lot1', qty: { $gte: n } }, { $inc: { qty: -n } });
      expect((await take(3)).matched).toBe(1);
      expect((await take(3)).matched).toBe(0);
      expect((await c.findOne({ _id: 'lot1' }))!.qty).toBe(2);
    });

    test('optimistic concurrency on _v: the stale writer matches nothing', async () => {
      const c = coll();
      await c.insertOne({ _id: 'r', _v: 1, name: 'a' });
      const w1 = await c.updateOne({ _id: 'r', _v: 1 }, { $set: { name: 'b' }, $inc: { _v: 1 } });
      const w2 = await c.updateOne({ _id: 'r', _v: 1 }, { $set: { name: 'c' }, $inc: { _v: 1 } });
      expect([w1.matched, w2.matched]).toEqual([1, 0]);
      expect(await c.findOne({ _id: 'r' })).toEqual({ _id: 'r', _v: 2, name: 'b' });
    });

    test('upsert copies equality fields; findOneAndUpdate counts atomically under concurrency', async () => {
      const c = coll();
      const r = await c.updateOne({ kind: 'k', code: 'X' }, { $set: { v: 1 } }, { upsert: true });
      // The id it reports is the new document's.
      expect(typeof r.upsertedId).toBe('string');
      expect(await c.findOne({ code: 'X' })).toMatchObject({ _id: r.upsertedId, kind: 'k', code: 'X', v: 1 });
      const seqs = await Promise.all(
        Array.from({ length: 20 }, () => c.findOneAndUpdate({ _id: 'ctr' }, { $inc: { seq: 1 } }, { upsert: true })),
      );
      expect(seqs.map((d) => d!.seq).sort((a, b) => (a as number) - (b as number))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const before = await c.findOneAndUpdate({ _id: 'ctr' }, { $inc: { seq: 1 } }, { returnDocument: 'before' });
      expect(before!.seq).toBe(20);
    });

    test('replaceOne, deleteOne, deleteMany, updateMany', async () => {
      const c = coll();
      await c.insertMany([{ _id: 'a', g: 1 }, { _id: 'b', g: 1 }, { _id: 'c', g: 2 }]);
      expect(await c.updateMany({ g: 1 }, { $set: { h: true } })).toMatchObject({ matched: 2, modified: 2 });
      // Matched but unchanged (the same value again, nothing to pull, +0) is not modified.
      expect(await c.updateMany({ g: 1 }, { $set: { h: true } })).toMatchObject({ matched: 2, modified: 0 });
      expect(await c.updateOne({ _id: 'a' }, { $pull: { tags: 'x' }, $inc: { g: 0 } })).toMatchObject({ matched: 1, modified: 0 });
      expect(await c.updateOne({ _id: 'a' }, { $set: { 'n.m': 1 } })).toMatchObject({ matched: 1, modified: 1 });
      expect(await c.updateOne({ _id: 'a' }, { $set: { 'n.m': 1 } })).toMatchObject({ matched: 1, modified: 0 });
      expect(await c.replaceOne({ _id: 'c' }, { z: 1 })).toMatchObject({ matched: 1, modified: 1 });
      expect(await c.findOne({ _id: 'c' })).toEqual({ _id: 'c', z: 1 });
      // Replacing with the same content (nested values too) is no modification.
      expect(await c.replaceOne({ _id: 'c' }, { z: 1, n: { a: [1, { b: null }] } })).toMatchObject({ matched: 1, modified: 1 });
      expect(await c.replaceOne({ _id: 'c' }, { z: 1, n: { a: [1, { b: null }] } })).toMatchObject({ matched: 1, modified: 0 });
      expect(await c.replaceOne({ _id: 'c' }, { z: 1, n: { a: [1, { b: 0 }] } })).toMatchObject({ matched: 1, modified: 1 });
      expect(await c.deleteOne({ g: 1 })).toEqual({ deleted: 1 });
      expect(await c.deleteMany({})).toEqual({ deleted: 2 });
      expect(await c.count({})).toBe(0);
    });

    test('unique and compound indexes; sparse unique ignores missing', async () => {
      const c = coll();
      await c.ensureIndexes([
        { keys: { code: 1 }, unique: true },
        { keys: { a: 1, b: 1 }, unique: true },
        { keys: { email: 1 }, unique: true, sparse: true },
      ]);
      await c.insertOne({ code: 'A', a: 1, b: 1 });
      await c.insertOne({ code: 'B', a: 1, b: 2 });
      await expect(c.insertOne({ code: 'A', a: 9, b: 9 })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
      await expect(c.insertOne({ code: 'C', a: 1, b: 2 })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
      await expect(c.updateOne({ code: 'B' }, { $set: { code: 'A' } })).rejects.toBeInstanceOf(StoreError);
      await c.updateOne({ code: 'B' }, { $set: { code: 'B2' } });
      await c.insertOne({ code: 'B', a: 2, b: 2 }); // the old value is free again
      expect(await c.count({})).toBe(3);
      const names = (await c.listIndexes()).map((i) => i.name);
      expect(names).toEqual(expect.arrayContaining(['code_1', 'a_1_b_1', 'email_1']));
    });

    test('an index on a path inside an array of subdocuments finds a document by any element, and follows updates', async () => {
      const c = coll();
      await c.ensureIndexes([{ keys: { 'snapshot.forms.id': 1 } }]);
      await c.insertMany([
        { _id: 'v1', snapshot: { forms: [{ id: 'a' }, { id: 'b' }] } },
        { _id: 'v2', snapshot: { forms: [{ id: 'b' }, { id: 'c' }] } },
        { _id: 'v3', snapshot: { forms: [] } },
      ]);
      const ids = async (formId: string) => (await c.find({ 'snapshot.forms.id': formId }, { sort: { _id: 1 } })).map((d) => d._id);
      expect(await ids('b')).toEqual(['v1', 'v2']);
      expect(await ids('c')).toEqual(['v2']);
      expect(await ids('z')).toEqual([]);
      await c.updateOne({ _id: 'v2' }, { $set: { 'snapshot.forms': [{ id: 'd' }] } });
      expect(await ids('c')).toEqual([]);
      expect(await ids('d')).toEqual(['v2']);
      expect((await c.listIndexes()).map((i) => i.keys)).toContainEqual({ 'snapshot.forms.id': 1 });
    });

    test('a collection never written lists no indexes and drops none', async () => {
      const c = coll();
      expect(await c.listIndexes()).toEqual([]);
      expect(await c.dropIndex('u_code')).toBe(false);
    });

    test('a dropped unique index no longer refuses duplicates and is no longer listed; an index the collection lacks is not dropped, beside one it has', async () => {
      const c = coll();
      await c.ensureIndexes([{ name: 'u_code', keys: { code: 1 }, unique: true }, { name: 'n_1', keys: { n: 1 } }]);
      await c.insertOne({ code: 'A' });
      await expect(c.insertOne({ code: 'A' })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
      expect(await c.dropIndex('u_code')).toBe(true);
      expect(await c.dropIndex('u_code')).toBe(false);
      expect(await c.dropIndex('missing')).toBe(false);
      expect((await c.listIndexes()).map((i) => i.name)).toEqual(['n_1']);
      await c.insertOne({ code: 'A' });
      expect(await c.count({ code: 'A' })).toBe(2);
      expect((await c.listIndexes()).map((i) => i.name)).not.toContain('u_code');
    });

    test('a transaction commits all or nothing across collections and reads its own writes', async () => {
      const a = coll();
      const b = coll();
      await a.ensureIndexes([{ keys: { code: 1 }, unique: true }]);
      await a.insertOne({ code: 'taken' });
      await store.withTransaction(async (session) => {
        await a.insertOne({ code: 'new' }, { session });
        await b.insertOne({ ref: 'new' }, { session });
        expect(await a.count({ code: 'new' }, { session })).toBe(1);
      });
      expect(await b.count({ ref: 'new' })).toBe(1);
      await expect(
        store.withTransaction(async (session) => {
          await b.insertOne({ ref: 'other' }, { session });
          await a.updateOne({ code: 'new' }, { $set: { x: 1 } }, { session });
          await a.insertOne({ code: 'taken' }, { session });
        }),
      ).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
      expect(await b.count({ ref: 'other' })).toBe(0);
      expect(await a.findOne({ code: 'new' })).not.toHaveProperty('x');
    });

    test('long texts in indexed fields: stored, found exactly, sorted, and unique by their whole value', async () => {
      const c = coll();
      await c.ensureIndexes([{ keys: { note: 1 } }, { keys: { code: 1 }, unique: true }]);
      // 3,000 CJK characters (9,000 UTF-8 bytes) — far beyond a 2 KB key — sharing a long prefix.
      const stem = '检验记录'.repeat(750);
      const [x, y] = [`${stem}A`, `${stem}B`];
      await c.insertOne({ _id: 'x', note: x, code: x });
      await c.insertOne({ _id: 'y', note: y, code: y });
      await c.insertOne({ _id: 'z', note: 'short', code: 'short' });
      expect((await c.find({ note: x })).map((d) => d._id)).toEqual(['x']);
      expect(await c.count({ note: y })).toBe(1);
      expect((await c.find({ note: { $gt: x } })).map((d) => d._id)).toEqual(['y']);
      expect((await c.find({ note: { $gte: stem } }, { sort: { note: -1 } })).map((d) => d._id)).toEqual(['y', 'x']);
      await expect(c.insertOne({ code: x })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
      await c.updateOne({ _id: 'y' }, { $set: { note: 'changed' } });
      expect(await c.count({ note: y })).toBe(0);
      expect(await c.count({})).toBe(3);
    });

    test('long texts: pages sorted by them neither skip nor misorder; a 120-character value counts exactly; unique arrays of them', async () => {
      const c = coll();
      await c.ensureIndexes([{ keys: { f: 1 } }, { keys: { tags: 1 }, unique: true, sparse: true }]);
      const p = 'P'.repeat(120);
      await c.insertOne({ _id: 'a1', f: `${p}z` });
      await c.insertOne({ _id: 'b2', f: `${p}a` });
      await c.insertOne({ _id: 'c3', f: 'A' });
      const pages: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 3; i++) {
        const page: Array<{ _id: string; f: string }> = (await c.find(after === null ? {} : { f: { $gt: after } }, { sort: { f: 1 }, limit: 1 })) as never;
        pages.push(page[0]._id);
        after = page[0].f;
      }
      expect(pages).toEqual(['c3', 'b2', 'a1']);
      expect((await c.find({}, { sort: { f: -1 }, limit: 2 })).map((d) => d._id)).toEqual(['a1', 'b2']);
      await c.insertOne({ _id: 'd4', f: p });
      expect(await c.count({ f: p })).toBe(1);
      await c.insertOne({ _id: 'e5', tags: ['x'] });
      await expect(c.insertOne({ tags: [`${p}A`, `${p}B`, 'x'] })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
      await c.insertOne({ _id: 'f6', tags: [`${p}A`, `${p}B`] });
      await expect(c.insertOne({ tags: [`${p}B`] })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
    });

    test('an explicit `_id: undefined` gets a generated id', async () => {
      const c = coll();
      const d = await c.insertOne({ _id: undefined, x: 1 } as never);
      expect(d._id).toMatch(/^[0-9a-f]{24}$/);
      expect(await c.findOne({ _id: d._id })).toEqual({ _id: d._id, x: 1 });
    });

    test('deleting and re-inserting the same _id in one transaction moves its index keys', async () => {
      const c = coll();
      await c.ensureIndexes([{ keys: { status: 1 } }]);
      await c.insertOne({ _id: 'lot-1', status: 'open' });
      await store.withTransaction(async (session) => {
        await c.deleteOne({ _id: 'lot-1' }, { session });
        await c.insertOne({ _id: 'lot-1', status: 'closed' }, { session });
      });
      expect(await c.count({ status: 'open' })).toBe(0);
      expect(await c.find({ status: 'open' })).toEqual([]);
      expect(await c.find({ status: 'closed' })).toEqual([{ _id: 'lot-1', status: 'closed' }]);
    });

    test('aggregate: $match $group $sort $project $unwind $count $limit $lookup', async () => {
      const orders = coll();
      const items = coll();
      await items.insertMany([{ _id: 'm1', name: 'Bolt' }, { _id: 'm2', name: 'Nut' }]);
      await orders.insertMany([
        { mat: 'm1', qty: 5, lines: [1, 2] },
        { mat: 'm1', qty: 3, lines: [3] },
        { mat: 'm2', qty: 4, lines: [] },
      ]);
      const grouped = await orders.aggregate([{ $match: { qty: { $gte: 3 } } }, { $group: { _id: '$mat', total: { $sum: '$qty' } } }, { $sort: { total: -1 } }]);
      expect(grouped).toEqual([{ _id: 'm1', total: 8 }, { _id: 'm2', total: 4 }]);
      expect(await orders.aggregate([{ $unwind: '$lines' }, { $count: 'n' }])).toEqual([{ n: 3 }]);
      const joined = await orders.aggregate([
        { $match: { mat: 'm2' } },
        { $lookup: { from: items.name, localField: 'mat', foreignField: '_id', as: 'm' } },
        { $project: { _id: 0, name: { $arrayElemAt: ['$m.name', 0] } } },
        { $limit: 1 },
      ]);
      expect(joined).toEqual([{ name: 'Nut' }]);
    });

    test('dangerous operators and prototype keys are refused before they reach the engine', async () => {
      const c = coll();
      await c.insertOne({ a: 1 });
      await expect(c.find({ $where: 'true' })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
      await expect(c.find({ a: { $function: { body: 'return true', args: [], lang: 'js' } } })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
      await expect(c.find({ $expr: { $eq: [1, 1] } })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
      await expect(c.find(JSON.parse('{"__proto__": {"x": 1}}'))).rejects.toMatchObject({ code: 'INVALID_QUERY' });
      await expect(c.updateOne({}, { $rename: { a: 'b' } })).rejects.toMatchObject({ code: 'INVALID_UPDATE' });
      await expect(c.updateOne({}, { $set: { '__proto__.polluted': 1 } })).rejects.toMatchObject({ code: 'INVALID_UPDATE' });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    test('$and, $or and $nor take a list of at least one filter, on both stores as on MongoDB', async () => {
      const c = coll();
      await c.insertOne({ a: 1 });
      for (const op of ['$and', '$or', '$nor']) {
        await expect(c.find({ [op]: [] })).rejects.toMatchObject({ code: 'INVALID_QUERY', details: { operator: op } });
        await expect(c.count({ a: 1, x: { $exists: false }, [op]: [] })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
        await expect(c.find({ [op]: { a: 1 } })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
        await expect(c.aggregate([{ $match: { [op]: [] } }])).rejects.toMatchObject({ code: 'INVALID_QUERY', details: { operator: op } });
      }
      await expect(c.aggregate([null as unknown as Record<string, unknown>])).rejects.toMatchObject({ code: 'INVALID_QUERY' });
      expect(await c.count({ $or: [{ a: 1 }] })).toBe(1);
      expect(await c.count({ $nor: [{ a: 2 }] })).toBe(1);
    });

    test('an undefined value in a filter is refused wherever it sits (MongoDB would drop its condition and find everything, the embedded store only blanks)', async () => {
      const c = coll();
      await c.insertMany([{ _id: 'a', k: 1 }, { _id: 'b', k: null }, { _id: 'c' }]);
      const refused = [
        [{ k: undefined }, 'k'],
        [{ k: { $eq: undefined } }, 'k.$eq'],
        [{ k: { $in: [1, undefined] } }, 'k.$in[1]'],
        [{ $or: [{ k: 1 }, { k: undefined }] }, '$or[1].k'],
      ] as const;
      for (const [filter, path] of refused) {
        await expect(c.find(filter as never)).rejects.toMatchObject({ code: 'INVALID_QUERY', details: { path } });
        await expect(c.count(filter as never)).rejects.toMatchObject({ code: 'INVALID_QUERY' });
        await expect(c.updateMany(filter as never, { $set: { x: 1 } })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
        await expect(c.deleteMany(filter as never)).rejects.toMatchObject({ code: 'INVALID_QUERY' });
        await expect(c.aggregate([{ $match: filter }])).rejects.toMatchObject({ code: 'INVALID_QUERY', details: { path } });
      }
      expect((await c.find({}, { sort: { _id: 1 } })).map((d) => [d._id, d.x])).toEqual([['a', undefined], ['b', undefined], ['c', undefined]]);
      // null finds the blank ones, on both stores.
      expect((await c.find({ k: null }, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['b', 'c']);
    });

    limitsConformance(() => store, coll, openSecond);
    queriesConformance(() => store, coll);
    storeConformance(() => store, coll);
    groupsConformance(() => store, coll);
    documentsConformance(() => store, coll);

    test('files: put, stat, get, delete', async () => {
      const data = Buffer.from('hello 文件');
      const info = await store.files.put({ filename: 'a.txt', contentType: 'text/plain', data });
      expect(info).toMatchObject({ filename: 'a.txt', contentType: 'text/plain', length: data.length });
      expect((await store.files.get(info._id))!.data.equals(data)).toBe(true);
      expect(await store.files.delete(info._id)).toBe(true);
      expect(await store.files.get(info._id)).toBeNull();
    });

    test('files: a put may keep a given id; a taken id is refused and the file it names is untouched', async () => {
      const id = 'aaaaaaaaaaaaaaaaaaaaaaa1';
      const first = await store.files.put({ id, filename: 'k.txt', contentType: 'text/plain', data: Buffer.from('first') });
      expect(first._id).toBe(id);
      await expect(store.files.put({ id, filename: 'k2.txt', contentType: 'text/plain', data: Buffer.from('second') })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
      expect((await store.files.get(id))!.data.toString()).toBe('first');
      await store.files.delete(id);
    });

    test('files: a given id that is not a file id is INVALID_ID (not a clash), and nothing is stored', async () => {
      for (const id of ['not-a-file-id', 'AAAAAAAAAAAAAAAAAAAAAAA1', 'aaaaaaaaaaaaaaaaaaaaaaa']) {
        await expect(store.files.put({ id, filename: 'x', contentType: 'text/plain', data: Buffer.from('x') })).rejects.toMatchObject({ code: 'INVALID_ID' });
        expect(await store.files.stat(id)).toBeNull();
      }
    });
  });
}
