// Store conformance, the store as a whole: collections listed and dropped, sessions, unique keys
// across a transaction and across writers, counts and reads that must see every document once
// (conformance.ts runs these inside its describe, on every store).
import type { Collection, Store } from '../../src/storage';

export function storeConformance(store: () => Store, coll: () => Collection): void {
  test('a sorted read of listed _ids sorts them all before it skips and limits', async () => {
    const c = coll();
    await c.insertMany([{ _id: 'a', n: 3 }, { _id: 'b', n: 1 }, { _id: 'c', n: 2 }, { _id: 'd', n: 4 }]);
    const ids = async (opts: { skip?: number; limit?: number }) => (await c.find({ _id: { $in: ['a', 'b', 'c'] } }, { sort: { n: 1 }, ...opts })).map((d) => d._id);
    expect(await ids({})).toEqual(['b', 'c', 'a']);
    expect(await ids({ limit: 1 })).toEqual(['b']);
    expect(await ids({ skip: 1, limit: 1 })).toEqual(['c']);
    expect(await ids({ skip: 2 })).toEqual(['a']);
    expect((await c.find({ _id: { $in: ['d', 'a', 'b'] } }, { sort: { n: -1 }, limit: 2 })).map((d) => d._id)).toEqual(['d', 'a']);
  });

  test('inserting no documents is no write and no error, alone or in a transaction (the MongoDB driver refuses an empty batch; the services may have none to insert)', async () => {
    const c = coll();
    expect(await c.insertMany([])).toEqual([]);
    expect(await store().withTransaction(async (session) => {
      await c.insertOne({ _id: 'kept' }, { session });
      return c.insertMany([], { session });
    })).toEqual([]);
    expect(await c.find({})).toEqual([{ _id: 'kept' }]);
  });

  test('collections are listed by name once written (or indexed), and a dropped one is gone with its documents and indexes until written again', async () => {
    const base = coll().name;
    const [a, b, x] = [`${base}_a`, `${base}_b`, `${base}_x`].map((n) => store().collection(n));
    const mine = async () => (await store().listCollections()).filter((n) => n.startsWith(`${base}_`));
    // Written b before a: listed in name order all the same; an index alone makes one too.
    await b.insertOne({ _id: 'b1', status: 'old' });
    await a.insertOne({ _id: 'a1', status: 'old' });
    await a.ensureIndexes([{ keys: { status: 1 } }]);
    await x.ensureIndexes([{ keys: { k: 1 } }]);
    expect(await mine()).toEqual([a.name, b.name, x.name]);
    await b.ensureIndexes([{ keys: { status: 1 }, unique: true }]);
    await x.insertOne({ _id: 'x1', k: 1 });
    await store().dropCollection(b.name);
    expect(await mine()).toEqual([a.name, x.name]);
    expect(await b.find({})).toEqual([]);
    expect(await b.listIndexes()).toEqual([]);
    // Its neighbours, named before and after it, keep their documents and index keys.
    expect(await a.find({})).toEqual([{ _id: 'a1', status: 'old' }]);
    expect(await a.count({ status: 'old' })).toBe(1);
    expect(await x.find({})).toEqual([{ _id: 'x1', k: 1 }]);
    expect(await x.count({ k: 1 })).toBe(1);
    expect((await x.listIndexes()).map((i) => i.name)).toEqual(['k_1']);
    // Written again it is listed again, empty of what it held: no unique rule, no old keys.
    await b.insertMany([{ _id: 'b2', status: 'new' }, { _id: 'b3', status: 'new' }]);
    await b.ensureIndexes([{ keys: { status: 1 } }]);
    expect(await mine()).toEqual([a.name, b.name, x.name]);
    expect(await b.count({ status: 'old' })).toBe(0);
    expect(await b.count({ status: 'new' })).toBe(2);
    // A transaction does not read the dropped documents either.
    await store().dropCollection(a.name);
    expect(await store().withTransaction((session) => a.find({}, { session }))).toEqual([]);
    expect(await mine()).toEqual([b.name, x.name]);
  });

  test('a collection name that is not an identifier, and such an index name, are INVALID_QUERY', async () => {
    expect(() => store().collection('no spaces')).toThrow(expect.objectContaining({ code: 'INVALID_QUERY', message: 'Invalid collection name "no spaces"' }));
    expect(() => store().collection('$cmd')).toThrow(expect.objectContaining({ code: 'INVALID_QUERY' }));
    const c = coll();
    await expect(c.ensureIndexes([{ name: 'no spaces', keys: { a: 1 } }])).rejects.toMatchObject({ code: 'INVALID_QUERY', message: 'Invalid index name "no spaces"' });
    expect(await c.listIndexes()).toEqual([]);
  });

  test('a session used after its transaction ended is TX_CONFLICT, even while another transaction runs, and writes nothing', async () => {
    const c = coll();
    let ended: Parameters<Parameters<Store['withTransaction']>[0]>[0] | undefined;
    await store().withTransaction(async (session) => {
      ended = session;
      await c.insertOne({ _id: 'in', n: 1 }, { session });
    });
    const gone = { code: 'TX_CONFLICT', message: 'The transaction session has already ended' };
    await expect(c.insertOne({ _id: 'late', n: 2 }, { session: ended })).rejects.toMatchObject(gone);
    await expect(c.find({}, { session: ended })).rejects.toMatchObject(gone);
    await store().withTransaction(async (session) => {
      await c.insertOne({ _id: 'next', n: 3 }, { session });
      await expect(c.insertOne({ _id: 'stale', n: 4 }, { session: ended })).rejects.toMatchObject(gone);
    });
    expect((await c.find({}, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['in', 'next']);
  });

  test('a transaction reads copies, not documents it deleted; one it inserted and deleted leaves nothing, index keys included', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { status: 1 } }]);
    await c.insertMany([{ _id: 'keep', status: 'open' }, { _id: 'drop', status: 'open' }]);
    await store().withTransaction(async (session) => {
      await c.deleteOne({ _id: 'drop' }, { session });
      await c.insertOne({ _id: 'brief', status: 'open' }, { session });
      await c.deleteOne({ _id: 'brief' }, { session });
      await c.insertOne({ _id: 'mine', status: 'open' }, { session });
      expect((await c.find({}, { session, sort: { _id: 1 } })).map((d) => d._id)).toEqual(['keep', 'mine']);
      // What a read returns is the caller's: changing it changes nothing stored.
      const [read] = await c.find({ _id: { $in: ['mine'] } }, { session });
      (read as unknown as { status: string }).status = 'changed';
      const [again] = await c.find({ status: 'open' }, { session, sort: { _id: -1 } });
      expect(again).toEqual({ _id: 'mine', status: 'open' });
    });
    expect(await c.find({ status: 'open' }, { sort: { _id: 1 } })).toEqual([{ _id: 'keep', status: 'open' }, { _id: 'mine', status: 'open' }]);
    expect(await c.count({ status: 'open' })).toBe(2);
    expect(await c.count({})).toBe(2);
  });

  test('a unique value twice in one transaction, or from two writers at once, is DUPLICATE_KEY naming the index and key; freed in a transaction it may be taken again', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { code: 1 }, unique: true }, { keys: { a: 1, b: 1 }, unique: true }]);
    await expect(
      store().withTransaction(async (session) => {
        await c.insertOne({ _id: 'one', code: 'A', a: 0, b: 1 }, { session });
        await c.insertOne({ _id: 'two', code: 'A', a: 0, b: 2 }, { session });
      }),
    ).rejects.toMatchObject({ code: 'DUPLICATE_KEY', details: { index: 'code_1', key: { code: 'A' } } });
    expect(await c.count({})).toBe(0);
    const writes = await Promise.allSettled([c.insertOne({ _id: 'w1', code: 'B', a: 1, b: 2 }), c.insertOne({ _id: 'w2', code: 'C', a: 1, b: 2 })]);
    expect(writes.map((w) => w.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(writes.find((w) => w.status === 'rejected')).toMatchObject({ reason: { code: 'DUPLICATE_KEY', details: { index: 'a_1_b_1', key: { a: 1, b: 2 } } } });
    expect(await c.count({ a: 1, b: 2 })).toBe(1);
    // Deleted, then taken by another document, in one transaction.
    const holder = (await c.findOne({ a: 1 }))!;
    await store().withTransaction(async (session) => {
      await c.deleteOne({ _id: holder._id }, { session });
      await c.insertOne({ _id: 'w3', code: 'D', a: 1, b: 2 }, { session });
    });
    expect((await c.find({ a: 1, b: 2 })).map((d) => d._id)).toEqual(['w3']);
  });

  test('a writer refused DUPLICATE_KEY reads, as soon as it is refused, the document it collided with (by _id or by a unique value)', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { code: 1 }, unique: true }]);
    // Each writer does what a "create it, or use the one another writer made" caller does.
    const race = (docs: Array<{ _id: string; code: string }>, holderOf: (d: { _id: string; code: string }) => Promise<{ _id: string } | null>) =>
      Promise.all(
        docs.map(async (d) => {
          try {
            await c.insertOne(d);
            return { wrote: d._id, read: null };
          } catch (e) {
            expect(e).toMatchObject({ code: 'DUPLICATE_KEY' });
            return { wrote: null, read: (await holderOf(d))?._id ?? 'nothing' };
          }
        }),
      );
    for (const outcome of [
      await race([{ _id: 'same', code: 'X' }, { _id: 'same', code: 'Y' }], (d) => c.findOne({ _id: d._id })),
      await race([{ _id: 'u1', code: 'Z' }, { _id: 'u2', code: 'Z' }], (d) => c.findOne({ code: d.code })),
    ]) {
      const winner = outcome.find((o) => o.wrote !== null)!.wrote;
      expect(outcome.filter((o) => o.wrote === null)).toEqual([{ wrote: null, read: winner }]);
    }
  });

  test('a unique index over stored duplicates is DUPLICATE_KEY and not made; long texts that differ past their first 120 characters are no duplicates', async () => {
    const c = coll();
    const stem = 'S'.repeat(150);
    await c.insertMany([{ _id: 'x', code: `${stem}x`, dup: 1 }, { _id: 'y', code: `${stem}y`, dup: 1 }]);
    await expect(c.ensureIndexes([{ keys: { dup: 1 }, unique: true }])).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
    expect(await c.listIndexes()).toEqual([]);
    await c.ensureIndexes([{ keys: { code: 1 }, unique: true }]);
    expect((await c.listIndexes()).map((i) => i.name)).toEqual(['code_1']);
    await expect(c.insertOne({ code: `${stem}y` })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
  });

  test('a range over an array field yields each matching document once, however many of its elements match', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { tags: 1 } }]);
    await c.insertMany([{ _id: 'p', tags: ['a', 'b', 'c'] }, { _id: 'q', tags: ['b'] }, { _id: 'r', tags: ['z'] }]);
    const filter = { tags: { $gte: 'a', $lte: 'c' } };
    expect((await c.find(filter)).map((d) => d._id).sort()).toEqual(['p', 'q']);
    expect(await c.count(filter)).toBe(2);
    expect((await c.find(filter, { sort: { _id: -1 }, limit: 1 })).map((d) => d._id)).toEqual(['q']);
  });

  test('a count over alternatives, one of them a range, counts matching documents, not index keys', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { g: 1, status: 1 } }]);
    await c.insertMany([
      { _id: '1', g: 1, status: 'a' },
      { _id: '2', g: 1, status: 'b' },
      { _id: '3', g: 1, status: 'c' },
      { _id: '4', g: 2, status: 'c' },
    ]);
    const filter = { $or: [{ g: 1, status: 'a' }, { g: 1, status: { $gt: 'b' } }] };
    expect(await c.count(filter)).toBe(2);
    expect((await c.find(filter, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['1', '3']);
  });

  test('a sort on two fields, the first a long text, orders by the whole text before the second field', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { f: 1, n: 1 } }]);
    const p = 'P'.repeat(130);
    await c.insertMany([{ _id: 'z0', f: `${p}z`, n: 0 }, { _id: 'a1', f: `${p}a`, n: 1 }, { _id: 'short', f: 'A', n: 2 }]);
    expect((await c.find({}, { sort: { f: 1, n: 1 } })).map((d) => d._id)).toEqual(['short', 'a1', 'z0']);
    expect((await c.find({}, { sort: { f: -1, n: -1 }, limit: 2 })).map((d) => d._id)).toEqual(['z0', 'a1']);
  });

  test('each new index of a batch counts against the limit', async () => {
    const c = coll();
    const spec = (i: number) => ({ keys: { [`g${i}`]: 1 as const } });
    await c.ensureIndexes(Array.from({ length: 61 }, (_, i) => spec(i)));
    // 61 + _id's + two new ones is 64: made. Two more would be 66.
    await c.ensureIndexes([spec(61), spec(62)]);
    await expect(c.ensureIndexes([spec(63), spec(64)])).rejects.toMatchObject({ code: 'INDEX_LIMIT', details: { count: 66 } });
    expect(await c.listIndexes()).toHaveLength(63);
  });

  test('equality with NaN matches NaN, as MongoDB compares it', async () => {
    const c = coll();
    await c.insertMany([{ _id: 'nan', n: NaN }, { _id: 'num', n: 1 }, { _id: 'list', n: [2, NaN] }]);
    expect((await c.find({ n: NaN }, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['list', 'nan']);
  });
}
