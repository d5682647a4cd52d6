// Store conformance, part two: MongoDB's limits and the shapes the adapters rely on, which
// both stores must keep alike (conformance.ts runs these inside its describe, on every store).
import type { Collection, Store } from '../../src/storage';
import { MAX_DOCUMENT_BYTES, MAX_INDEXES } from '../../src/storage';

const HEX24 = /^[0-9a-f]{24}$/;

export function limitsConformance(store: () => Store, coll: () => Collection, openSecond?: (first: Store) => Promise<Store>): void {
  test('a unique rule over soft-deleted records, built as records build it: live duplicates refused, deleted and empty ones not', async () => {
    // What form-plan.ts declares for a unique field; `sparse` is a partial index on MongoDB (all
    // keys exist). A true sparse index would index a record with no code (its _deletedAt: null
    // exists) and refuse the second one.
    const c = coll();
    await c.ensureIndexes([{ name: 'u_code', keys: { code: 1, _deletedAt: 1 }, unique: true, sparse: true }]);
    await c.insertOne({ _id: 'live', code: 'A', _deletedAt: null });
    await expect(c.insertOne({ _id: 'dup', code: 'A', _deletedAt: null })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
    await c.insertOne({ _id: 'gone1', code: 'A', _deletedAt: '2026-01-01T00:00:00.000Z' });
    await c.insertOne({ _id: 'gone2', code: 'A', _deletedAt: '2026-01-02T00:00:00.000Z' });
    await c.insertOne({ _id: 'blank1', _deletedAt: null });
    await c.insertOne({ _id: 'blank2', _deletedAt: null });
    expect((await c.find({}, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['blank1', 'blank2', 'gone1', 'gone2', 'live']);
    // Deleting the live one frees its value; restoring a deleted one onto a live value is refused.
    await c.updateOne({ _id: 'live' }, { $set: { _deletedAt: '2026-01-03T00:00:00.000Z' } });
    await c.insertOne({ _id: 'again', code: 'A', _deletedAt: null });
    await expect(c.updateOne({ _id: 'gone1' }, { $set: { _deletedAt: null } })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
  });

  test('upserts give new documents string ids of ours, never ObjectIds; a replacing upsert names its _id', async () => {
    const c = coll();
    const r = await c.updateOne({ kind: 'a' }, { $set: { n: 1 } }, { upsert: true });
    expect(r.upsertedId).toMatch(HEX24);
    expect(await c.findOne({ kind: 'a' })).toEqual({ _id: r.upsertedId, kind: 'a', n: 1 });
    const f = await c.findOneAndUpdate({ kind: 'b' }, { $inc: { n: 1 } }, { upsert: true });
    expect(f).toEqual({ _id: expect.stringMatching(HEX24), kind: 'b', n: 1 });
    // A filter that names the _id keeps it.
    expect(await c.updateOne({ _id: 'mine' }, { $set: { n: 2 } }, { upsert: true })).toMatchObject({ upsertedId: 'mine' });
    expect(await c.replaceOne({ _id: 'rep' }, { n: 3 }, { upsert: true })).toMatchObject({ upsertedId: 'rep' });
    await expect(c.replaceOne({ kind: 'c' }, { n: 4 }, { upsert: true })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
    expect(await c.count({ kind: 'c' })).toBe(0);
    expect((await c.find({}, { sort: { _id: 1 } })).every((d) => typeof d._id === 'string')).toBe(true);
  });

  test('transactions that conflict on one document all take effect, each once (a conflicting run is run again)', async () => {
    const c = coll();
    await c.insertOne({ _id: 'counter', n: 0, seen: [] });
    const second = openSecond ? await openSecond(store()) : store();
    const clients = [store(), second];
    // Each reads the count and writes it back one higher, on condition that it did not move.
    // MongoDB runs a transaction that hit a write conflict again; the embedded store runs one
    // at a time. Either way no increment is lost, and none is applied twice.
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => {
        const client = clients[i % 2];
        const cc = client.collection(c.name);
        return client.withTransaction(async (session) => {
          const { n } = (await cc.findOne({ _id: 'counter' }, { session })) as unknown as { n: number };
          const moved = await cc.updateOne({ _id: 'counter', n }, { $set: { n: n + 1 }, $push: { seen: i } }, { session });
          if (moved.matched !== 1) throw new Error(`transaction ${i} read a count that moved under it`);
        });
      }),
    ).finally(() => (second !== store() ? second.close() : undefined));
    const after = (await c.findOne({ _id: 'counter' })) as unknown as { n: number; seen: number[] };
    expect(after.n).toBe(8);
    expect([...after.seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  test(`at most ${MAX_INDEXES} indexes a collection, _id's among them: one more is INDEX_LIMIT and none of the batch is made`, async () => {
    const c = coll();
    const spec = (i: number) => ({ keys: { [`f${i}`]: 1 as const } });
    await c.ensureIndexes(Array.from({ length: MAX_INDEXES - 2 }, (_, i) => spec(i)));
    // Declaring one already there again is no new index.
    await c.ensureIndexes([spec(0), spec(MAX_INDEXES - 2)]);
    expect(await c.listIndexes()).toHaveLength(MAX_INDEXES - 1);
    await expect(c.ensureIndexes([spec(0), spec(100)])).rejects.toMatchObject({ code: 'INDEX_LIMIT', details: { count: MAX_INDEXES + 1, limit: MAX_INDEXES } });
    await expect(c.ensureIndexes([spec(101), spec(102)])).rejects.toMatchObject({ code: 'INDEX_LIMIT' });
    expect((await c.listIndexes()).map((i) => i.name)).not.toContain('f101_1');
    expect(await c.listIndexes()).toHaveLength(MAX_INDEXES - 1);
  });

  test('keys that start with "$" or hold "." are refused in data (INVALID_KEY), at any depth, and nothing is written', async () => {
    const c = coll();
    await c.insertOne({ _id: 'ok', a: { b: [{ c: 1 }] } });
    const bad: Array<[string, () => Promise<unknown>]> = [
      ['a.b', () => c.insertOne({ 'a.b': 1 })],
      ['$x', () => c.insertOne({ v: { $x: 1 } })],
      ['$gt', () => c.insertMany([{ fine: 1 }, { v: [{ n: { $gt: 1 } }] }])],
      ['k.y', () => c.updateOne({ _id: 'ok' }, { $set: { a: { 'k.y': 1 } } })],
      ['$in', () => c.updateOne({ _id: 'ok' }, { $push: { 'a.b': { $in: [1] } } })],
      ['d.e', () => c.replaceOne({ _id: 'ok' }, { 'd.e': 1 })],
      ['$z', () => c.updateOne({ _id: 'new' }, { $set: { w: { $z: 1 } } }, { upsert: true })],
    ];
    for (const [key, write] of bad) await expect(write()).rejects.toMatchObject({ code: 'INVALID_KEY', details: expect.objectContaining({ key }) });
    expect(await c.find({}, { sort: { _id: 1 } })).toEqual([{ _id: 'ok', a: { b: [{ c: 1 }] } }]);
    // A dotted path in an update is a path, not a key: it still sets the nested field.
    await c.updateOne({ _id: 'ok' }, { $set: { 'a.n': 2 } });
    expect(await c.findOne({ _id: 'ok' })).toEqual({ _id: 'ok', a: { b: [{ c: 1 }], n: 2 } });
  });

  test('a document over 16 MiB is DOCUMENT_TOO_LARGE, inserted or grown by an update, and nothing is written', async () => {
    const c = coll();
    const big = 'x'.repeat(MAX_DOCUMENT_BYTES);
    await expect(c.insertOne({ _id: 'big', text: big })).rejects.toMatchObject({ code: 'DOCUMENT_TOO_LARGE' });
    expect(await c.count({})).toBe(0);
    // Two halves fit one by one; the second makes the document too large.
    const half = 'y'.repeat(MAX_DOCUMENT_BYTES / 2);
    await c.insertOne({ _id: 'grow', a: half });
    await expect(c.updateOne({ _id: 'grow' }, { $set: { b: half } })).rejects.toMatchObject({ code: 'DOCUMENT_TOO_LARGE' });
    expect(Object.keys((await c.findOne({ _id: 'grow' }))!)).toEqual(['_id', 'a']);
    // Many short multi-byte texts: measured as stored (UTF-8), just under the limit is kept.
    const chinese = '检'.repeat(1024);
    const fits = Math.floor((MAX_DOCUMENT_BYTES - 1024) / (3 * 1024 + 16));
    await c.insertOne({ _id: 'rows', rows: Array.from({ length: fits }, () => chinese) });
    expect(((await c.findOne({ _id: 'rows' })) as unknown as { rows: string[] }).rows).toHaveLength(fits);
  });
}
