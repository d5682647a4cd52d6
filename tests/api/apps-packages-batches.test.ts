// App packages with many records (through HTTP): records are written 500 a transaction, and a
// failure in a later batch takes back every batch written before it.
import { StoreError, verifyAuditChain, type Collection } from '@tessera/runtime';
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
      // The record id index's name ("_id") without the "u_" of a unique field's index: an id clash
      // must not be reported as this field's.
      { id: 'd', type: 'text', label: '备注' },
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

  /**
   * Transactions run one at a time, in turn. This lets an edit's transaction in just ahead of one
   * of ours: the first transaction `hold()` says so of waits, `edit()` starts meanwhile, and its
   * transaction runs first, the held one right behind it. Before that, a transaction `fail()`
   * says so of fails ("disk full").
   */
  const editJumpsTheQueue = (hold: () => boolean, edit: () => ReturnType<TestApp['inject']>, fail: () => boolean = () => false) => {
    const store = t.store;
    const tx = store.withTransaction.bind(store);
    let stage: 'waiting' | 'held' | 'done' = 'waiting';
    let held: { fn: Parameters<typeof tx>[0]; resolve: (v: unknown) => void; reject: (e: unknown) => void } | null = null;
    let editing: ReturnType<TestApp['inject']> | null = null;
    const spy = jest.spyOn(store, 'withTransaction').mockImplementation((fn) => {
      if (stage === 'waiting' && fail()) return Promise.reject(new Error('disk full'));
      if (stage === 'waiting' && hold()) {
        stage = 'held';
        return new Promise((resolve, reject) => {
          held = { fn, resolve, reject };
          editing = edit();
        });
      }
      if (stage === 'held') {
        stage = 'done';
        const mine = tx(fn);
        const h = held as NonNullable<typeof held>;
        tx(h.fn).then(h.resolve, h.reject);
        return mine;
      }
      return tx(fn);
    });
    return { restore: () => spy.mockRestore(), edited: () => editing as NonNullable<typeof editing> };
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

  test('replace failing in a later batch gives the records it replaced their earlier state back, and removes those it created, only those', async () => {
    expect((await imported(t, bulk(1200))).statusCode).toBe(201);
    const id = 'r00000';
    const before = (await t.inject('GET', `${recs('bulk', 'bulk_items')}/${id}`)).json();
    const edited = (await t.inject('PATCH', `${recs('bulk', 'bulk_items')}/${id}`, { _v: before._v, n: -1 })).json();
    const versions = (await t.inject('GET', '/api/apps/bulk/versions')).json().items.length;
    // The first batch replaces r00000 … r00399 and creates r01200 … r01299; the second fails. Taking
    // back what the first created must remove those 100 and leave the 1,200 that were there.
    const pkg = bulk(1200);
    pkg.records!.bulk_items = [...pkg.records!.bulk_items.slice(0, 400).map((r) => ({ ...r, n: 7 })), ...bulk(1000, 1200).records!.bulk_items];
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

  test('a record id taken between the read and the write is 409 DUPLICATE naming no field, and the stored record is kept', async () => {
    expect((await imported(t, bulk(1))).statusCode).toBe(201);
    const id = 'r00000';
    const before = (await t.inject('GET', `${recs('bulk', 'bulk_items')}/${id}`)).json();
    const pkg = bulk(1);
    pkg.records!.bulk_items = [{ _id: id, code: 'C0-new', n: 9 }];
    // The write's read of the records stored under the package's ids misses r00000 (saved meanwhile).
    const c: Collection = coll();
    const find = c.find.bind(c);
    const spy = jest.spyOn(c, 'find').mockImplementation(async (filter, opts) => ((filter._id as { $in?: unknown } | undefined)?.$in ? [] : find(filter, opts)));
    let res, en;
    try {
      res = await imported(t, pkg, '?mode=replace');
      en = await t.inject('POST', '/api/apps/import?mode=replace', pkg, { 'content-type': 'application/json', 'accept-language': 'en-US' });
    } finally {
      spy.mockRestore();
    }
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DUPLICATE');
    expect(res.json().error).toMatchObject({ message: '已有相同 ID 的记录', details: [{ path: '_id', fieldId: '', code: 'unique', message: '已有相同 ID 的记录' }] });
    expect(en.statusCode).toBe(409);
    expect(en.json().error).toMatchObject({ code: 'DUPLICATE', message: 'A record with this id already exists', details: [{ path: '_id', fieldId: '', code: 'unique' }] });
    expect((await t.inject('GET', `${recs('bulk', 'bulk_items')}/${id}`)).json()).toEqual(before);
  });

  test('a failed replace leaves a record someone changed since it was written as they left it, and the trail takes nothing back for it', async () => {
    expect((await imported(t, bulk(1))).statusCode).toBe(201);
    const id = 'r00000';
    const url = `${recs('bulk', 'bulk_items')}/${id}`;
    const pkg = bulk(1);
    pkg.records!.bulk_items[0].n = 7;
    // After the records are written (r00000 at revision 2), someone edits r00000; then the import fails.
    let written = false;
    const insert = jest.spyOn(coll(), 'replaceOne');
    const store = t.store;
    const tx = store.withTransaction.bind(store);
    const spy = jest.spyOn(store, 'withTransaction').mockImplementation(async (fn) => {
      if (insert.mock.calls.length > 0 && !written) {
        written = true;
        const edit = await t.inject('PATCH', url, { _v: 2, n: 42 });
        expect(edit.statusCode).toBe(200);
        throw new Error('disk full');
      }
      return tx(fn);
    });
    let res;
    try {
      res = await imported(t, pkg, '?mode=replace');
    } finally {
      spy.mockRestore();
      insert.mockRestore();
    }
    expect(res.statusCode).toBe(500);
    expect((await t.inject('GET', url)).json()).toMatchObject({ n: 42, _v: 3 });
    const audit = t.store.collection('audit');
    expect(await audit.count({ recordId: id, action: 'record.import' })).toBe(2);
    expect(await audit.count({ recordId: id, action: 'record.import.undo' })).toBe(0);
  });

  test('a replace reads the record as an edit saved just before left it: the revision goes on from there', async () => {
    expect((await imported(t, bulk(1))).statusCode).toBe(201);
    const id = 'r00000';
    const url = `${recs('bulk', 'bulk_items')}/${id}`;
    const pkg = bulk(1);
    pkg.records!.bulk_items[0].n = 7;
    // The import's transaction queues right behind an edit's.
    const race = editJumpsTheQueue(() => true, () => t.inject('PATCH', url, { _v: 1, n: 42 }));
    let res;
    try {
      res = await imported(t, pkg, '?mode=replace');
    } finally {
      race.restore();
    }
    expect((await race.edited()).statusCode).toBe(200);
    expect(res.statusCode).toBe(201);
    expect(await coll().findOne({ _id: id })).toMatchObject({ n: 7, _v: 3 });
    const entry = (await t.store.collection('audit').find({ recordId: id, action: 'record.import' }, { sort: { _id: -1 }, limit: 1 }))[0] as unknown as { before: { n: number; _v: number } };
    expect([entry.before.n, entry.before._v]).toEqual([42, 2]);
  });

  test('a failed replace taking back its records reads them as an edit saved just before left them', async () => {
    expect((await imported(t, bulk(1))).statusCode).toBe(201);
    const id = 'r00000';
    const url = `${recs('bulk', 'bulk_items')}/${id}`;
    const pkg = bulk(1);
    pkg.records!.bulk_items[0].n = 7;
    // The records are written (r00000 at revision 2), the next transaction fails, and the one
    // taking them back queues right behind an edit of r00000.
    const replaced = jest.spyOn(coll(), 'replaceOne');
    let failed = false;
    const race = editJumpsTheQueue(
      () => failed,
      () => t.inject('PATCH', url, { _v: 2, n: 42 }),
      () => !failed && replaced.mock.calls.length > 0 && (failed = true),
    );
    let res;
    try {
      res = await imported(t, pkg, '?mode=replace');
    } finally {
      race.restore();
      replaced.mockRestore();
    }
    expect(res.statusCode).toBe(500);
    expect((await race.edited()).statusCode).toBe(200);
    expect(await coll().findOne({ _id: id })).toMatchObject({ n: 42, _v: 3 });
    expect(await t.store.collection('audit').count({ recordId: id, action: 'record.import.undo' })).toBe(0);
  });

  test('records leaving a unique field blank are stored without it, however many there are', async () => {
    const pkg = bulk(0);
    pkg.records!.bulk_items = [{ _id: 'b1', code: '', n: 1 }, { _id: 'b2', code: '', n: 2 }, { _id: 'b3', code: null, n: 3 }, { _id: 'b4', code: null, n: 4 }];
    expect((await imported(t, pkg)).statusCode).toBe(201);
    const stored = await coll().find({}, { sort: { _id: 1 } });
    expect(stored.map((r) => [r._id, r.n, 'code' in r])).toEqual([['b1', 1, false], ['b2', 2, false], ['b3', 3, false], ['b4', 4, false]]);
  });

  test('a record the store refuses for another reason than a unique value is not called a duplicate', async () => {
    const spy = jest.spyOn(coll(), 'insertMany').mockRejectedValueOnce(new StoreError('DOCUMENT_TOO_LARGE', 'too large', { limit: 16 * 1024 * 1024 }));
    let res;
    try {
      res = await imported(t, bulk(2));
    } finally {
      spy.mockRestore();
    }
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('DOCUMENT_TOO_LARGE');
    expect((await t.inject('GET', '/api/apps')).json().items).toEqual([]);
  });

  test('a cross-form check sums the numbers only: an imported text in a number field counts for nothing', async () => {
    const pkg: Pkg = {
      format: 'tessera-app@1',
      app: { id: 'stk', name: '库存' },
      forms: [
        { id: 'stk_lots', title: '批次', fields: [{ id: 'lot', type: 'text', label: '批次' }, { id: 'n', type: 'number', label: '数量' }] },
        { id: 'stk_out', title: '出库', fields: [{ id: 'lot', type: 'text', label: '批次' }, { id: 'qty', type: 'number', label: '数量' }], crossChecks: [{ id: 'stock', fieldId: 'qty', source: { formId: 'stk_lots', match: { lot: { var: 'lot' } }, aggregate: 'sum', field: 'n' }, rule: { '<=': [{ var: 'qty' }, { var: '$source' }] }, message: 'stock' }] },
      ],
      // Written before the field became a number.
      records: { stk_lots: [{ _id: 'l1', lot: 'L', n: 5 }, { _id: 'l2', lot: 'L', n: '3 pcs' }] },
    };
    expect((await imported(t, pkg)).statusCode).toBe(201);
    const res = await t.inject('POST', recs('stk', 'stk_out'), { lot: 'L', qty: 6 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([{ path: 'qty', fieldId: 'qty', code: 'cross_check', message: 'stock', params: { checkId: 'stock', source: 5 } }]);
  });

  test('an imported record belongs to no department, and still to none after an edit', async () => {
    expect((await imported(t, bulk(1))).statusCode).toBe(201);
    const id = 'r00000';
    const before = (await t.inject('GET', `${recs('bulk', 'bulk_items')}/${id}`)).json();
    expect((await t.inject('PATCH', `${recs('bulk', 'bulk_items')}/${id}`, { _v: before._v, n: 5 })).statusCode).toBe(200);
    expect(await coll().findOne({ _id: id })).toMatchObject({ n: 5, _v: before._v + 1, _depts: [] });
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

test('one import is one instant: its records are written at the time the app says it was imported', async () => {
  // A clock that moves on a millisecond at every reading.
  let ms = Date.parse('2026-06-01T08:00:00.000Z');
  const t = await startTestApp({ clock: { now: () => new Date(ms++) } });
  try {
    const pkg: Pkg = { format: 'tessera-app@1', app: { id: 'onetime', name: '一次' }, forms: [{ id: 'one_items', title: '条目', fields: [{ id: 'n', type: 'number', label: '序号' }] }], records: { one_items: [{ _id: 'a1', n: 1 }, { _id: 'a2', n: 2 }] } };
    expect((await imported(t, pkg)).statusCode).toBe(201);
    const app = (await t.inject('GET', '/api/apps/onetime')).json();
    const items = (await t.inject('GET', `${recs('onetime', 'one_items')}?sort=n`)).json().items as Array<{ _createdAt: string; _updatedAt: string }>;
    expect(items.map((r) => [r._createdAt, r._updatedAt])).toEqual([[app.updatedAt, app.updatedAt], [app.updatedAt, app.updatedAt]]);
  } finally {
    await t.close();
  }
});
