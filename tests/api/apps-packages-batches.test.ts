// App packages with many records (through HTTP): records are written 500 a transaction, and a
// failure in a later batch takes back every batch written before it.
import { verifyAuditChain, type Collection } from '@tessera/runtime';
import { startTestApp, type TestApp } from '../helpers/app';
import { imported, recs, type Pkg } from './packages-helpers';

describe('records are written a batch a transaction, and a failure takes back the batches written', () => {
  let t: TestApp;
  const chainCount = async () => ((await t.store.collection('audit_head').findOne({ _id: 'chains' })) as unknown as { names: string[] }).names.length;
  const items = {
    id: 'bulk_items',
    title: '条目',
    fields: [
      { id: 'code', type: 'text', label: '编码', validation: { unique: true } },
      { id: 'n', type: 'number', label: '序号' },
    ],
  };
  const bulk = (n: number, from = 0): Pkg => ({
    format: 'tessera-app@1',
    app: { id: 'bulk', name: '批量' },
    forms: [items],
    records: { bulk_items: Array.from({ length: n }, (_, i) => ({ _id: `r${String(from + i).padStart(5, '0')}`, code: `C${from + i}`, n: from + i })) },
  });
  const coll = () => t.store.collection('r_bulk_items');
  /** The collection's insertMany, failing at its `n`th call. */
  const failInsertAt = (n: number) => {
    const c: Collection = coll();
    const original = c.insertMany.bind(c);
    let calls = 0;
    return jest.spyOn(c, 'insertMany').mockImplementation(async (docs, opts) => {
      if (++calls === n) throw new Error('disk full');
      return original(docs, opts);
    });
  };

  // A fresh instance per test: each installs the app it needs (or needs it absent).
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  test('a failure in a later batch of a new app leaves no app, collection, record or version, and an audit trail that says so', async () => {
    const spy = failInsertAt(2);
    let res;
    let sizes: number[];
    try {
      res = await imported(t, bulk(1200));
      sizes = spy.mock.calls.map(([docs]) => docs.length);
    } finally {
      spy.mockRestore();
    }
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('INTERNAL');
    // 1. the first batch was committed before the second failed
    expect(sizes).toEqual([500, 500]);
    // 2. and nothing of it is left
    expect((await t.store.listCollections()).filter((c) => c.startsWith('r_'))).toEqual([]);
    expect((await t.inject('GET', '/api/apps')).json().items).toEqual([]);
    expect(await t.store.collection('app_versions').count({ appId: 'bulk' })).toBe(0);
    // 3. the trail records the batch written and taken back, and still verifies
    const audit = t.store.collection('audit');
    expect(await audit.count({ collection: 'r_bulk_items', action: 'record.import' })).toBe(500);
    expect(await audit.count({ collection: 'r_bulk_items', action: 'record.import.undo' })).toBe(500);
    expect(await verifyAuditChain(t.store)).toEqual({ ok: true, count: await audit.count({}), chains: await chainCount() });
  });

  test('1,200 records: three transactions of at most 500, and every record runs', async () => {
    const spy = jest.spyOn(coll(), 'insertMany');
    let res;
    let calls: Array<[number, string | undefined]>;
    try {
      res = await imported(t, bulk(1200));
      calls = spy.mock.calls.map(([docs, opts]) => [docs.length, opts?.session?.id]);
    } finally {
      spy.mockRestore();
    }
    expect(res.statusCode).toBe(201);
    expect(calls.map(([n]) => n)).toEqual([500, 500, 200]);
    expect(new Set(calls.map(([, session]) => session)).size).toBe(3);
    expect((await t.inject('GET', recs('bulk', 'bulk_items'))).json().total).toBe(1200);
  });

  test('replace failing in a later batch gives the records it replaced their earlier state back, and removes those it created', async () => {
    expect((await imported(t, bulk(1200))).statusCode).toBe(201);
    const id = 'r00000';
    const before = (await t.inject('GET', `${recs('bulk', 'bulk_items')}/${id}`)).json();
    const edited = (await t.inject('PATCH', `${recs('bulk', 'bulk_items')}/${id}`, { _v: before._v, n: -1 })).json();
    const versions = (await t.inject('GET', '/api/apps/bulk/versions')).json().items.length;
    // The first batch replaces r00000 … r00499 and creates r01200 … ; the second fails.
    const pkg = bulk(1200);
    pkg.records!.bulk_items = [...pkg.records!.bulk_items.slice(0, 500).map((r) => ({ ...r, n: 7 })), ...bulk(1000, 1200).records!.bulk_items];
    const spy = failInsertAt(2);
    let res;
    try {
      res = await imported(t, pkg, '?mode=replace');
    } finally {
      spy.mockRestore();
    }
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('INTERNAL');
    const after = (await t.inject('GET', `${recs('bulk', 'bulk_items')}/${id}`)).json();
    expect(after).toEqual(edited);
    expect((await t.inject('GET', recs('bulk', 'bulk_items'))).json().total).toBe(1200);
    expect(await coll().count({ _id: { $gte: 'r01200' } })).toBe(0);
    expect((await t.inject('GET', '/api/apps/bulk/versions')).json().items.length).toBe(versions);
    expect(await verifyAuditChain(t.store)).toEqual({ ok: true, count: await t.store.collection('audit').count({}), chains: await chainCount() });
  });

  test('a unique value taken between the check and the write is 409 DUPLICATE naming the field, and nothing is written', async () => {
    expect((await imported(t, bulk(0))).statusCode).toBe(201);
    const taken = (await t.inject('POST', recs('bulk', 'bulk_items'), { code: 'TAKEN' })).json();
    const pkg = bulk(0);
    pkg.records!.bulk_items = [{ _id: 'late', code: 'TAKEN', n: 1 }];
    // The import's check of stored unique values runs first; here it misses the record saved meanwhile.
    const spy = jest.spyOn(coll(), 'find').mockResolvedValueOnce([]);
    let res;
    try {
      res = await imported(t, pkg, '?mode=replace');
    } finally {
      spy.mockRestore();
    }
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'DUPLICATE', details: [{ path: 'code', fieldId: 'code', code: 'unique' }] });
    expect(await coll().count({ code: 'TAKEN' })).toBe(1);
    expect((await t.inject('GET', `${recs('bulk', 'bulk_items')}/${taken._id}`)).statusCode).toBe(200);
  });
});
