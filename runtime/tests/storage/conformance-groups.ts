// Store conformance, part three: what grouped views, reports, files and transactions rely on
// beyond the basics — $group accumulators as MongoDB computes them, file metadata and deletes,
// and index keys and pending writes that follow a transaction's commits (conformance.ts runs
// these inside its describe, on every store).
import type { Collection, Doc, Store } from '../../src/storage';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Rows by their _id as JSON, in code-point order (not the locale's, which may skip punctuation). */
const byId = (rows: Doc[]) => [...rows].sort((x, y) => (JSON.stringify(x._id) < JSON.stringify(y._id) ? -1 : 1));

export function groupsConformance(store: () => Store, coll: () => Collection): void {
  test('$group accumulators: counts, sums and averages of numbers only, min and max in MongoDB type order, blanks as null', async () => {
    const c = coll();
    await c.insertMany([
      { _id: 'a', s: 'S1', k: 'x', qty: 4, v: 3, flag: 'yes' },
      { _id: 'b', s: 'S1', k: 'x', qty: '7', v: 'n/a', flag: true },
      { _id: 'c', s: 'S2', k: 'y', qty: null, v: 10, flag: false },
      { _id: 'd', s: 'S2', k: 'y', qty: 2.5, v: -1 },
      { _id: 'e', s: 'S3', k: 'z', qty: 'none' },
    ]);
    const rows = await c.aggregate([
      {
        $group: {
          _id: '$s',
          n: { $sum: 1 },
          total: { $sum: '$qty' },
          mean: { $avg: '$qty' },
          numbers: { $sum: { $cond: [{ $isNumber: '$qty' }, 1, 0] } },
          low: { $min: '$v' },
          high: { $max: '$v' },
          top: { $max: '$flag' },
          bottom: { $min: '$flag' },
          // The same in every document of a group: the first is the same in any order.
          k: { $first: '$k' },
        },
      },
    ]);
    // Numbers sort before texts, texts before booleans; null and missing are skipped, and a
    // group with nothing to sum sums to 0, averages to null, and has a null minimum.
    expect(byId(rows)).toEqual([
      { _id: 'S1', n: 2, total: 4, mean: 4, numbers: 1, low: 3, high: 'n/a', top: true, bottom: 'yes', k: 'x' },
      { _id: 'S2', n: 2, total: 2.5, mean: 2.5, numbers: 1, low: -1, high: 10, top: false, bottom: false, k: 'y' },
      { _id: 'S3', n: 1, total: 0, mean: null, numbers: 0, low: null, high: null, top: null, bottom: null, k: 'z' },
    ]);
  });

  test('$group by named paths: a path a document lacks is left out of its key (not set to null), so it groups apart from a null', async () => {
    const c = coll();
    await c.insertMany([
      { _id: 'a', s: 'S1', k: 'x' },
      { _id: 'b', s: 'S1', k: 'x' },
      { _id: 'c', s: 'S1' },
      { _id: 'd', s: 'S1', k: null },
      { _id: 'e', k: 'x' },
    ]);
    const rows = await c.aggregate([{ $group: { _id: { s: '$s', k: '$k' }, n: { $sum: 1 } } }]);
    // Keys compared with their own field names, so a key holding `k: undefined` shows.
    expect(byId(rows).map((r) => [Object.keys(r._id as unknown as object), r._id, r.n])).toEqual([
      [['k'], { k: 'x' }, 1],
      [['s', 'k'], { s: 'S1', k: 'x' }, 2],
      [['s', 'k'], { s: 'S1', k: null }, 1],
      [['s'], { s: 'S1' }, 1],
    ]);
  });

  test('files: a put returns what stat reports, metadata only when given; deleting one file leaves the others, and a second delete is false', async () => {
    const files = store().files;
    // Ids below any random one, so a delete that took the wrong row would take one of these.
    const [one, two] = ['000000000000000000000a01', '000000000000000000000a02'];
    const plain = await files.put({ id: one, filename: 'a.txt', contentType: 'text/plain', data: Buffer.from('one') });
    expect(Object.keys(plain).sort()).toEqual(['_id', 'contentType', 'filename', 'length', 'uploadedAt']);
    expect(plain).toEqual({ _id: one, filename: 'a.txt', contentType: 'text/plain', length: 3, uploadedAt: expect.stringMatching(ISO) });
    expect(await files.stat(one)).toEqual(plain);
    const tagged = await files.put({ id: two, filename: 'b.bin', contentType: 'application/octet-stream', data: Buffer.from([0, 1, 2, 255]), metadata: { by: 'u1', tags: ['x'] } });
    expect(tagged).toEqual({ _id: two, filename: 'b.bin', contentType: 'application/octet-stream', length: 4, uploadedAt: expect.stringMatching(ISO), metadata: { by: 'u1', tags: ['x'] } });
    expect(await files.stat(two)).toEqual(tagged);
    expect(await files.delete(two)).toBe(true);
    expect(await files.stat(two)).toBeNull();
    expect(await files.get(two)).toBeNull();
    expect(await files.delete(two)).toBe(false);
    const kept = await files.get(one);
    expect(kept!.info).toEqual(plain);
    expect(kept!.data.toString()).toBe('one');
    expect(await files.delete(one)).toBe(true);
  });

  test('files: an id never stored, or not a file id, is no file: stat and get are null, delete is false', async () => {
    const files = store().files;
    for (const id of ['000000000000000000000b01', 'not-a-file-id', '../tessera.mdb']) {
      expect({ id, stat: await files.stat(id), get: await files.get(id), deleted: await files.delete(id) }).toEqual({ id, stat: null, get: null, deleted: false });
    }
  });

  test('updates and deletes move their documents\' index keys, in a transaction that inserts too: the old values count nothing', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { status: 1 } }]);
    await c.insertMany([
      { _id: 'old', status: 'open' },
      { _id: 'gone', status: 'void' },
    ]);
    await store().withTransaction(async (session) => {
      await c.insertOne({ _id: 'new', status: 'open' }, { session });
      await c.updateOne({ _id: 'old' }, { $set: { status: 'closed' } }, { session });
      await c.deleteOne({ _id: 'gone' }, { session });
    });
    // And on their own, outside a transaction.
    await c.updateOne({ _id: 'new' }, { $set: { status: 'held' } });
    await c.insertOne({ _id: 'brief', status: 'draft' });
    await c.deleteOne({ _id: 'brief' });
    const counts: Record<string, number> = {};
    for (const status of ['open', 'closed', 'void', 'held', 'draft']) counts[status] = await c.count({ status });
    expect(counts).toEqual({ open: 0, closed: 1, void: 0, held: 1, draft: 0 });
    expect((await c.find({}, { sort: { status: 1 } })).map((d) => d._id)).toEqual(['old', 'new']);
  });

  test('writes acknowledged together leave nothing behind: a dropped collection is neither listed nor read, in a transaction or outside', async () => {
    const c = coll();
    await Promise.all([c.insertOne({ _id: 'p1' }), c.insertMany([{ _id: 'p2' }, { _id: 'p3' }]), c.insertOne({ _id: 'p4' })]);
    expect(await store().listCollections()).toContain(c.name);
    await store().dropCollection(c.name);
    expect(await store().listCollections()).not.toContain(c.name);
    expect(await c.find({})).toEqual([]);
    expect(await store().withTransaction((session) => c.find({}, { session }))).toEqual([]);
    expect(await store().withTransaction((session) => c.findOne({ _id: 'p3' }, { session }))).toBeNull();
  });
}
