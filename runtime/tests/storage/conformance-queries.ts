// Store conformance, part three: reads an index serves must answer as the filter says. The
// embedded store narrows a read by an index and, when the key range says it all, counts keys
// instead of documents; these are the filters where a key range says less than it seems to
// (array values, null, long texts, conditions next to the indexed ones), held against MongoDB.
import type { Collection, Store } from '../../src/storage';

export function queriesConformance(_store: () => Store, coll: () => Collection): void {
  const ids = async (c: Collection, filter: Record<string, unknown>) => (await c.find(filter, { sort: { _id: 1 } })).map((d) => d._id);

  test('a count over an index counts documents, not keys: an array in a field the filter leaves open counts once', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { a: 1, b: 1 } }]);
    await c.insertMany([
      { _id: 'arr', a: 1, b: [2, 3, 4] },
      { _id: 'one', a: 1, b: 5 },
      { _id: 'other', a: 2, b: [2, 3] },
    ]);
    expect(await c.count({ a: 1 })).toBe(2);
    expect(await ids(c, { a: 1 })).toEqual(['arr', 'one']);
    // Every field fixed: one key per matching document.
    expect(await c.count({ a: 1, b: 3 })).toBe(1);
    expect(await c.count({ a: 2, b: 2 })).toBe(1);
  });

  test('a count of null matches null, missing and arrays holding null, not an empty array', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { x: 1 } }]);
    await c.insertMany([
      { _id: 'empty', x: [] },
      { _id: 'holds', x: [null, 'v'] },
      { _id: 'missing' },
      { _id: 'null', x: null },
      { _id: 'value', x: 'v' },
    ]);
    const want = ['holds', 'missing', 'null'];
    expect(await ids(c, { x: null })).toEqual(want);
    expect(await c.count({ x: null })).toBe(3);
    expect(await ids(c, { x: { $eq: null } })).toEqual(want);
    expect(await c.count({ x: { $eq: null } })).toBe(3);
    expect(await c.count({ x: 'v' })).toBe(2);
  });

  test('a count over an index applies every other condition: unindexed fields, $or, $ne beside $eq, $in beside $nin', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { a: 1 } }]);
    await c.insertMany([
      { _id: '1', a: 1, c: 1 },
      { _id: '2', a: 1, c: 2 },
      { _id: '3', a: 1, c: 3 },
      { _id: '4', a: 2, c: 1 },
      { _id: '5', a: 3, c: 1 },
    ]);
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ a: 1, c: 2 }, ['2']],
      [{ a: 1, $or: [{ c: 1 }, { c: 3 }] }, ['1', '3']],
      [{ $and: [{ a: 1 }, { $or: [{ c: 2 }, { c: 9 }] }] }, ['2']],
      [{ $and: [{ a: 1 }, { c: { $gte: 2 } }] }, ['2', '3']],
      [{ a: { $eq: 1, $ne: 1 } }, []],
      [{ a: { $eq: 1 } }, ['1', '2', '3']],
      [{ a: { $in: [1, 2], $nin: [1] } }, ['4']],
      [{ a: { $in: [1, 3] }, c: 1 }, ['1', '5']],
    ];
    for (const [filter, want] of cases) {
      expect([filter, await ids(c, filter)]).toEqual([filter, want]);
      expect([filter, await c.count(filter)]).toEqual([filter, want.length]);
    }
  });

  test('a count over an index applies a second condition on the indexed field that no key expresses (a pattern)', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { x: 1 } }]);
    await c.insertMany([
      { _id: 'list', x: ['a', 'b'] },
      { _id: 'one', x: 'a' },
      { _id: 'other', x: 'ab' },
    ]);
    // (A whole list as the second condition belongs here too, but under jest a document read back
    // in a later test file holds arrays of the first file's realm, which mingo's equality refuses.)
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ $and: [{ x: 'ab' }, { x: /^a/ }] }, ['other']],
      [{ $and: [{ x: 'a' }, { x: /^b/ }] }, ['list']],
    ];
    for (const [filter, want] of cases) {
      expect([filter, await ids(c, filter)]).toEqual([filter, want]);
      expect([filter, await c.count(filter)]).toEqual([filter, want.length]);
    }
  });

  test('a count of a text as long as the index keeps, or longer, counts only that text', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { t: 1 } }, { keys: { k: 1, t: 1 } }]);
    const long = 'L'.repeat(150);
    await c.insertMany([
      { _id: 'long', k: 'a', t: long },
      { _id: 'longer', k: 'a', t: `${long}!` },
      { _id: 'short', k: 'a', t: 'L' },
    ]);
    expect(await c.count({ t: long })).toBe(1);
    expect(await c.count({ k: 'a', t: `${long}!` })).toBe(1);
    expect(await c.count({ t: { $in: [long, 'L'] } })).toBe(2);
    expect(await ids(c, { k: 'a', t: { $in: [long, 'L'] } })).toEqual(['long', 'short']);
  });

  test('a sort an index serves in part keeps every direction asked: ties on the field follow _id the other way', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { a: 1, b: 1 } }]);
    await c.insertMany([
      { _id: 'p', a: 1, b: 2 },
      { _id: 'q', a: 1, b: 1 },
      { _id: 'r', a: 1, b: 1 },
      { _id: 's', a: 1, b: 2 },
      { _id: 't', a: 2, b: 0 },
    ]);
    const order = async (sort: Record<string, 1 | -1>) => (await c.find({ a: 1 }, { sort })).map((d) => d._id);
    expect(await order({ b: 1, _id: -1 })).toEqual(['r', 'q', 's', 'p']);
    expect(await order({ b: -1, _id: 1 })).toEqual(['p', 's', 'q', 'r']);
    expect(await order({ b: -1, _id: -1 })).toEqual(['s', 'p', 'r', 'q']);
    expect(await order({ _id: -1 })).toEqual(['s', 'r', 'q', 'p']);
    expect((await c.find({ a: 1 }, { sort: { b: 1, _id: 1 }, skip: 1, limit: 2 })).map((d) => d._id)).toEqual(['r', 'p']);
  });

  test('an index on a position in an array (a.1, a.10) and on a path through null or a text finds what the filter says', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { 'a.1': 1 } }, { keys: { 'a.10': 1 } }, { keys: { 's.b': 1 } }, { keys: { 's.length': 1 } }, { keys: { 'o.a1': 1 } }, { keys: { 'o.1a': 1 } }]);
    const eleven = Array.from({ length: 11 }, (_, i) => `e${i}`);
    await c.insertMany([
      { _id: 'xy', a: ['x', 'y'], s: null },
      { _id: 'yx', a: ['y', 'x'], s: 'text' },
      { _id: 'long', a: eleven, s: { b: 1 } },
      // Names that hold digits are names, not positions.
      { _id: 'named', o: [{ a1: 5, '1a': 6 }] },
    ]);
    expect(await ids(c, { 'a.1': 'y' })).toEqual(['xy']);
    expect(await ids(c, { 'a.1': 'x' })).toEqual(['yx']);
    expect(await ids(c, { 'a.1': 'e1' })).toEqual(['long']);
    expect(await ids(c, { 'a.10': 'e10' })).toEqual(['long']);
    expect(await c.count({ 'a.10': 'e10' })).toBe(1);
    expect(await ids(c, { 's.b': 1 })).toEqual(['long']);
    expect(await ids(c, { 's.b': null })).toEqual(['named', 'xy', 'yx']);
    expect(await c.count({ 's.b': null })).toBe(3);
    // A text has no fields: its length is no value of the path.
    expect(await c.count({ 's.length': 4 })).toBe(0);
    expect(await ids(c, { 'o.a1': 5 })).toEqual(['named']);
    expect(await c.count({ 'o.a1': 5 })).toBe(1);
    expect(await c.count({ 'o.1a': 6 })).toBe(1);
  });

  test('an index on a path through arrays of arrays finds any inner element; a sort by lists of long texts goes by their least (or greatest) element', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { 'a.b': 1 } }, { keys: { tags: 1 } }]);
    const long = 'T'.repeat(130);
    await c.insertMany([
      { _id: 'A', a: [{ b: [1, 2] }, { b: 3 }], tags: [`${long}b`, `${long}e`] },
      { _id: 'B', a: [{ b: 4 }], tags: [`${long}a`, `${long}d`] },
    ]);
    expect(await ids(c, { 'a.b': 1 })).toEqual(['A']);
    expect(await ids(c, { 'a.b': 3 })).toEqual(['A']);
    expect(await c.count({ 'a.b': 2 })).toBe(1);
    // The index keeps the first 120 characters, the same for every tag: the whole texts decide.
    expect((await c.find({}, { sort: { tags: 1 } })).map((d) => d._id)).toEqual(['B', 'A']);
    expect((await c.find({}, { sort: { tags: -1 } })).map((d) => d._id)).toEqual(['A', 'B']);
  });

  test('an indexed value held in a list or on its own: documents with that value still come in _id order, whole or by page', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { tags: 1 } }]);
    await c.insertMany([
      { _id: 'a', tags: 'x' },
      { _id: 'b', tags: ['x', 'y'] },
      { _id: 'c', tags: 'x' },
    ]);
    expect((await c.find({ tags: 'x' }, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['a', 'b', 'c']);
    expect((await c.find({ tags: 'x' }, { sort: { _id: 1 }, limit: 2 })).map((d) => d._id)).toEqual(['a', 'b']);
    expect((await c.find({ tags: { $in: ['x', 'y'] } }, { sort: { _id: -1 } })).map((d) => d._id)).toEqual(['c', 'b', 'a']);
  });

  test('a count over an index applies a bound beside an equality on the same field, and a second equality no key range holds (a number that is not finite)', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { a: 1 } }]);
    await c.insertMany([
      { _id: 'five', a: 5 },
      { _id: 'nine', a: 9 },
      { _id: 'text', a: 'x' },
    ]);
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ a: { $eq: 5, $gt: 7 } }, []],
      [{ a: { $eq: 5, $gte: 5 } }, ['five']],
      [{ a: { $eq: 9, $lt: 7 } }, []],
      [{ a: { $eq: 9, $lte: 9 } }, ['nine']],
      [{ $and: [{ a: 5 }, { a: Infinity }] }, []],
      [{ $and: [{ a: 5 }, { a: { $eq: 5 } }] }, ['five']],
    ];
    for (const [filter, want] of cases) {
      expect([filter, await ids(c, filter)]).toEqual([filter, want]);
      expect([filter, await c.count(filter)]).toEqual([filter, want.length]);
    }
  });

  test('a count of an $eq of a text as long as the index keeps counts only that text', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { t: 1 } }]);
    const long = 'L'.repeat(150);
    await c.insertMany([
      { _id: 'long', t: long },
      { _id: 'longer', t: `${long}!` },
    ]);
    expect(await c.count({ t: { $eq: long } })).toBe(1);
    expect(await ids(c, { t: { $eq: `${long}!` } })).toEqual(['longer']);
  });

  test('a $or of one alternative an index fixes to its last field and one it leaves open answers in _id order, and counts only what the filter matches', async () => {
    const c = coll();
    await c.ensureIndexes([{ keys: { a: 1, b: 1 } }]);
    await c.insertMany([
      { _id: 'q1', a: 2, b: 9 },
      { _id: 'q2', a: 2, b: 1 },
      { _id: 'q3', a: 1, b: 1 },
      { _id: 'q4', a: 1, b: 2 },
    ]);
    const either = { $or: [{ a: 1, b: 1 }, { a: 2 }] };
    expect((await c.find(either, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['q1', 'q2', 'q3']);
    expect((await c.find(either, { sort: { _id: -1 }, limit: 2 })).map((d) => d._id)).toEqual(['q3', 'q2']);
    // The second alternative fixes both fields, but a condition beside them drops its document.
    const narrowed = { $or: [{ a: 1, b: 1 }, { a: 2, b: { $eq: 9, $ne: 9 } }] };
    expect(await ids(c, narrowed)).toEqual(['q3']);
    expect(await c.count(narrowed)).toBe(1);
  });
}
