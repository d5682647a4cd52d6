// Store conformance, part three: what documents come back as and how writes change them —
// projections, what counts as a modification, what an upsert inserts, which calls never insert,
// and aggregate's shapes. conformance.ts runs these inside its describe, on every store.
import type { Collection, Doc, Store } from '../../src/storage';

/** A document's field names in stored order (toEqual ignores both order and undefined values). */
const keysOf = (d: Doc | null | undefined): string[] => Object.keys(d ?? {});

export function documentsConformance(_store: () => Store, coll: () => Collection): void {
  test('projections: an empty one returns whole documents, `{ _id: 0 }` alone leaves out only the _id, plain and dotted fields mix, and undefined values or Object method names are no fields', async () => {
    const c = coll();
    // MongoDB never stores an undefined value (the adapter drops it); the embedded store keeps it.
    await c.insertMany([{ _id: 'p1', a: 1, b: { x: 1, y: 2 }, u: undefined } as never, { _id: 'p2', a: 2 }]);
    const sorted = { sort: { _id: 1 as const } };
    expect(await c.find({}, { ...sorted, projection: {} })).toEqual([{ _id: 'p1', a: 1, b: { x: 1, y: 2 } }, { _id: 'p2', a: 2 }]);
    expect(await c.find({}, { ...sorted, projection: { _id: 0 } })).toEqual([{ a: 1, b: { x: 1, y: 2 } }, { a: 2 }]);
    expect(await c.find({}, { ...sorted, projection: { a: 1, 'b.y': 1 } })).toEqual([{ _id: 'p1', a: 1, b: { y: 2 } }, { _id: 'p2', a: 2 }]);
    // A field holding undefined is not there to pick; `toString` is a field name like any other,
    // not the method every object inherits.
    expect(keysOf(await c.findOne({ _id: 'p1' }, { projection: { a: 1, u: 1 } }))).toEqual(['_id', 'a']);
    const named = await c.findOne({ _id: 'p1' }, { projection: { a: 1, toString: 1 as const } });
    expect(keysOf(named)).toEqual(['_id', 'a']);
    expect(named).toEqual({ _id: 'p1', a: 1 });
  });

  // No dates here: under jest, a store opened after another test file in the same process
  // (lmdb's native module outlives jest's per-file realms) writes a Date as its ISO text.
  test('a replace is a modification when any value differs: one infinity for the other, an array element or length; an undefined value is no value', async () => {
    const c = coll();
    await c.insertOne({ _id: 'r', n: Infinity, arr: [Infinity], s: 'x' });
    const replace = async (body: Record<string, unknown>) => c.replaceOne({ _id: 'r' }, body);
    // JSON writes both infinities as null: the values themselves must be compared.
    expect(await replace({ n: -Infinity, arr: [Infinity], s: 'x' })).toEqual({ matched: 1, modified: 1 });
    expect(await replace({ n: -Infinity, arr: [Infinity], s: 'x' })).toEqual({ matched: 1, modified: 0 });
    expect(await replace({ n: -Infinity, arr: [-Infinity], s: 'x' })).toEqual({ matched: 1, modified: 1 });
    expect(await replace({ n: -Infinity, arr: [-Infinity, 1], s: 'x' })).toEqual({ matched: 1, modified: 1 });
    expect(await c.findOne({ _id: 'r' })).toEqual({ _id: 'r', n: -Infinity, arr: [-Infinity, 1], s: 'x' });
    // An undefined value is dropped (MongoDB) or left out of the comparison (embedded), on either side.
    expect(await replace({ n: -Infinity, arr: [-Infinity, 1], s: 'x', u: undefined })).toEqual({ matched: 1, modified: 0 });
    await c.insertOne({ _id: 'ru', a: 1, u: undefined } as never);
    expect(await c.replaceOne({ _id: 'ru' }, { a: 1 })).toEqual({ matched: 1, modified: 0 });
  });

  test('a $set that changes only a type JSON does not tell (one infinity for the other) is a modification; $inc of 0 creates a missing field and leaves a present one unmodified; $unset modifies only what is there', async () => {
    const c = coll();
    await c.insertOne({ _id: 't', inf: Infinity, n: 5 });
    expect(await c.updateOne({ _id: 't' }, { $set: { inf: -Infinity } })).toEqual({ matched: 1, modified: 1 });
    expect(await c.updateOne({ _id: 't' }, { $inc: { n: 0 } })).toEqual({ matched: 1, modified: 0 });
    expect(await c.updateOne({ _id: 't' }, { $inc: { m: 0 } })).toEqual({ matched: 1, modified: 1 });
    expect(await c.findOne({ _id: 't' })).toEqual({ _id: 't', inf: -Infinity, n: 5, m: 0 });
    // An $unset alone: of a field there, a modification; of one that is not, none.
    expect(await c.updateOne({ _id: 't' }, { $unset: { m: '' } })).toEqual({ matched: 1, modified: 1 });
    expect(await c.updateOne({ _id: 't' }, { $unset: { m: '' } })).toEqual({ matched: 1, modified: 0 });
    expect(await c.findOne({ _id: 't' })).toEqual({ _id: 't', inf: -Infinity, n: 5 });
  });

  test('a $set stores a subdocument with its fields in the order given, also next to $inc, $unset and a $setOnInsert that does not apply', async () => {
    const c = coll();
    await c.insertOne({ _id: 'o', o: { x: 1, y: 2 }, n: 1, gone: true });
    const o = async () => keysOf((await c.findOne({ _id: 'o' }))!.o as Doc);
    await c.updateOne({ _id: 'o' }, { $set: { o: { y: 2, x: 1 } } });
    expect(await o()).toEqual(['y', 'x']);
    await c.updateOne({ _id: 'o' }, { $set: { o: { x: 1, y: 2 } }, $inc: { n: 1 } });
    expect(await o()).toEqual(['x', 'y']);
    await c.updateOne({ _id: 'o' }, { $set: { o: { y: 2, x: 1 } }, $inc: { m: 1 } });
    expect(await o()).toEqual(['y', 'x']);
    await c.updateOne({ _id: 'o' }, { $set: { o: { x: 1, y: 2 } }, $unset: { gone: '' } });
    expect(await o()).toEqual(['x', 'y']);
    expect(await c.updateOne({ _id: 'o' }, { $set: { o: { y: 2, x: 1 } }, $setOnInsert: { created: 1 } })).toEqual({ matched: 1, modified: 1 });
    expect(await o()).toEqual(['y', 'x']);
    expect(await c.findOne({ _id: 'o' })).toEqual({ _id: 'o', o: { x: 1, y: 2 }, n: 2, m: 1 });
  });

  test('an $inc by a non-number is refused and changes nothing', async () => {
    const c = coll();
    await c.insertOne({ _id: 'i', n: 1 });
    await expect(c.updateOne({ _id: 'i' }, { $inc: { n: 'x' } })).rejects.toThrow('Cannot increment with non-numeric argument');
    await expect(c.updateOne({ _id: 'i' }, { $inc: { m: null } })).rejects.toThrow('Cannot increment with non-numeric argument');
    expect(await c.findOne({ _id: 'i' })).toEqual({ _id: 'i', n: 1 });
  });

  test('an upsert copies the equality fields of the filter, inside $and too, and $eq values; not $or alternatives, other operators or dotted paths', async () => {
    const c = coll();
    const inserted = async (r: Promise<{ upsertedId?: string }>) => {
      const { upsertedId } = await r;
      return c.findOne({ _id: upsertedId! });
    };
    expect(await inserted(c.updateOne({ $and: [{ kind: 'a' }, { code: 'A' }] }, { $set: { n: 1 } }, { upsert: true }))).toEqual({ _id: expect.any(String), kind: 'a', code: 'A', n: 1 });
    expect(await inserted(c.updateOne({ $or: [{ x: 1 }, { y: 2 }], code: 'B' }, { $set: { n: 2 } }, { upsert: true }))).toEqual({ _id: expect.any(String), code: 'B', n: 2 });
    const eq = await inserted(c.updateOne({ code: { $eq: 'C' }, n: { $gte: 1 } }, { $set: { m: 3 } }, { upsert: true }));
    expect(keysOf(eq)).toEqual(['_id', 'code', 'm']);
    expect(eq).toEqual({ _id: expect.any(String), code: 'C', m: 3 });
    // A dotted path: MongoDB nests it into the new document, the embedded store leaves it out;
    // either way the upsert inserts, with the filter's other fields and the update's.
    const dotted = await c.updateOne({ 'sub.k': 1, kind: 'd' }, { $set: { n: 4 } }, { upsert: true });
    expect(await c.findOne({ _id: dotted.upsertedId! }, { projection: { kind: 1, n: 1 } })).toEqual({ _id: dotted.upsertedId, kind: 'd', n: 4 });
  });

  test('$setOnInsert applies only when an upsert inserts, alone or next to other operators', async () => {
    const c = coll();
    const first = await c.updateOne({ code: 'S' }, { $set: { n: 1 }, $setOnInsert: { created: 'first' } }, { upsert: true });
    expect(await c.findOne({ code: 'S' })).toEqual({ _id: first.upsertedId, code: 'S', n: 1, created: 'first' });
    expect(await c.updateOne({ code: 'S' }, { $set: { n: 2 }, $setOnInsert: { created: 'second' } }, { upsert: true })).toEqual({ matched: 1, modified: 1 });
    // $push is not one of the fast path's operators: the update goes through the general one.
    expect(await c.updateOne({ code: 'S' }, { $push: { log: 'x' }, $setOnInsert: { created: 'third' } })).toEqual({ matched: 1, modified: 1 });
    expect(await c.findOne({ code: 'S' })).toEqual({ _id: first.upsertedId, code: 'S', n: 2, created: 'first', log: ['x'] });
    const only = await c.updateOne({ code: 'T' }, { $setOnInsert: { created: 'only' } }, { upsert: true });
    expect(await c.findOne({ code: 'T' })).toEqual({ _id: only.upsertedId, code: 'T', created: 'only' });
  });

  test('without upsert nothing is inserted: updateMany, findOneAndUpdate and replaceOne of no match', async () => {
    const c = coll();
    expect(await c.updateMany({ kind: 'none' }, { $set: { n: 1 } })).toEqual({ matched: 0, modified: 0 });
    expect(await c.findOneAndUpdate({ _id: 'none' }, { $set: { n: 1 } })).toBeNull();
    expect(await c.replaceOne({ _id: 'none' }, { z: 1 })).toEqual({ matched: 0, modified: 0 });
    expect(await c.count({})).toBe(0);
  });

  test('a duplicate _id names the key it clashed on', async () => {
    const c = coll();
    await c.insertOne({ _id: 'k1', x: 1 });
    await expect(c.insertOne({ _id: 'k1', x: 2 })).rejects.toMatchObject({ code: 'DUPLICATE_KEY', details: { key: { _id: 'k1' } } });
  });

  test('aggregate: an empty pipeline, a $match alone, a $group followed by other stages, and refused operators inside stages', async () => {
    const c = coll();
    await c.insertMany([{ _id: 'a', g: 1 }, { _id: 'b', g: 1 }, { _id: 'c', g: 2 }]);
    const ids = (rows: Doc[]) => rows.map((d) => d._id).sort();
    expect(ids(await c.aggregate([]))).toEqual(['a', 'b', 'c']);
    expect(ids(await c.aggregate([{ $match: { g: 1 } }]))).toEqual(['a', 'b']);
    // The first group seen (g: 1) is the larger one: the $sort after the $group must run.
    expect(await c.aggregate([{ $group: { _id: '$g', n: { $sum: 1 } } }, { $sort: { n: 1 } }])).toEqual([{ _id: 2, n: 1 }, { _id: 1, n: 2 }]);
    expect(await c.aggregate([{ $match: { g: 1 } }, { $group: { _id: '$g', n: { $sum: 1 } } }, { $project: { _id: 0, n: 1 } }])).toEqual([{ n: 2 }]);
    await expect(c.aggregate([{ $match: { $where: 'true' } }])).rejects.toMatchObject({ code: 'INVALID_QUERY' });
  });
}
