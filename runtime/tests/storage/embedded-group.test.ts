// The embedded store runs a $group of field paths itself (storage/embedded/group.ts) instead of
// through mingo: its answers must be mingo's (MongoDB's semantics), on data with blanks, missing
// fields, texts where numbers are summed, mixed types and nested paths; what it does not cover
// falls back to mingo.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aggregator } from 'mingo';
import { createEmbeddedStore, type Doc, type Store } from '../../src/storage';
import { groupPlan, runGroup } from '../../src/storage/embedded/group';

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-group-'));
  store = await createEmbeddedStore({ dataDir: dir });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const docs: Doc[] = [
  { _id: 'a', s: 'S1', st: 'pass', qty: 10, price: 2.5, rel: { id: 'r1', display: '杭州' } },
  { _id: 'b', s: 'S1', st: 'pass', qty: 4, rel: { id: 'r1', display: '杭州' } },
  { _id: 'c', s: 'S1', st: null, qty: '7', price: 1 },
  { _id: 'd', s: 'S2', qty: null, price: -3, rel: { id: 'r2', display: '深圳' } },
  { _id: 'e', s: 'S2', st: 'fail', qty: 0.1, price: 0.2 },
  { _id: 'f', st: 'fail', qty: 0.2, price: 'n/a' },
  { _id: 'g', s: 'S2', st: 'fail' },
];

const sortById = (rows: Doc[]) => [...rows].sort((x, y) => JSON.stringify(x._id).localeCompare(JSON.stringify(y._id)));

const pipelines: Array<[string, Record<string, unknown>]> = [
  ['one group: counts, sums, averages, minimum and maximum over numbers only', { _id: null, n: { $sum: 1 }, sum: { $sum: '$qty' }, avg: { $avg: '$qty' }, min: { $min: '$qty' }, max: { $max: '$qty' }, nums: { $sum: { $cond: [{ $isNumber: '$qty' }, 1, 0] } } }],
  ['by a path, missing and null in one group', { _id: '$st', n: { $sum: 1 }, sum: { $sum: '$price' }, max: { $max: '$price' } }],
  ['by two named paths, a relation by its id, its display first seen', { _id: { a: '$s', b: '$rel.id' }, n: { $sum: 1 }, d: { $first: '$rel.display' }, avg: { $avg: '$price' } }],
  ['min and max across numbers and texts (numbers first, as MongoDB orders them)', { _id: '$s', min: { $min: '$price' }, max: { $max: '$price' } }],
];

test.each(pipelines)('%s: the same as mingo', async (_name, group) => {
  expect(groupPlan(group)).not.toBeNull();
  const native = runGroup(groupPlan(group)!, docs);
  const mingo = new Aggregator([{ $group: group }]).run(docs) as Doc[];
  expect(sortById(native!)).toEqual(sortById(mingo));
});

test('through the store: the leading $match and the later stages still apply', async () => {
  const c = store.collection('g');
  await c.insertMany(docs);
  const out = await c.aggregate([{ $match: { s: { $in: ['S1', 'S2'] } } }, { $group: { _id: '$s', n: { $sum: 1 }, sum: { $sum: '$qty' } } }, { $sort: { _id: 1 } }]);
  expect(out).toEqual([{ _id: 'S1', n: 3, sum: 14 }, { _id: 'S2', n: 3, sum: 0.1 }]);
});

test('what it does not run goes to mingo: other expressions, and values it does not order', () => {
  expect(groupPlan({ _id: { $toUpper: '$s' }, n: { $sum: 1 } })).toBeNull();
  expect(groupPlan({ _id: '$s', n: { $push: '$qty' } })).toBeNull();
  expect(groupPlan({ _id: '$s', n: { $sum: { $multiply: ['$qty', 2] } } })).toBeNull();
  // An object where a maximum is taken: not covered, so the caller runs mingo.
  expect(runGroup(groupPlan({ _id: null, m: { $max: '$rel' } })!, docs)).toBeNull();
});

test('grouping by a value JSON has no text for (a BigInt, which the store keeps) is left to mingo: it groups, it does not throw', async () => {
  const c = store.collection('g_bigint');
  await c.insertMany([
    { _id: 'a', v: 10n as never },
    { _id: 'b', v: 5n as never },
    { _id: 'c', v: 10n as never },
  ]);
  for (const key of ['$v', { k: '$v' }]) {
    const plan = groupPlan({ _id: key, n: { $sum: 1 } })!;
    expect({ key, native: runGroup(plan, await c.find({})) }).toEqual({ key, native: null });
    const rows = await c.aggregate([{ $group: { _id: key, n: { $sum: 1 } } }]);
    expect(rows.map((r) => r.n).sort()).toEqual([1, 2]);
  }
});
