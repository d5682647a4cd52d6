// Lists end users can trust (issue #10), through HTTP: sorted by a column that some records leave
// empty, every record is listed, the empty ones last as in Excel, page after page; a search finds
// a record by what its relations and lookups show; and the trash: a record deleted for good
// (purge) by who manages the app, only from the trash.
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
const base = '/api/apps/iqc/forms';
const recs = (form: string) => `${base}/${form}/records`;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.inject('POST', '/api/apps', { id: 'iqc', name: '来料检验' })).statusCode).toBe(201);
  const suppliers = { id: 'suppliers', title: '供应商', fields: [{ id: 'name', type: 'text', label: '名称' }, { id: 'city', type: 'text', label: '城市' }] };
  const inspections = {
    id: 'insp', title: '检验单',
    fields: [
      { id: 'lot', type: 'text', label: '批次', searchable: true },
      { id: 'qty', type: 'number', label: '数量' },
      { id: 'supplier', type: 'relation', label: '供应商', formId: 'suppliers', displayField: 'name' },
      { id: 'city', type: 'lookup', label: '供应商城市', relationField: 'supplier', targetField: 'city' },
      { id: 'result', type: 'select', label: '结论', options: [{ value: 'pass', label: '合格' }, { value: 'fail', label: '不合格' }] },
    ],
  };
  expect((await t.inject('POST', base, suppliers)).statusCode).toBe(201);
  expect((await t.inject('POST', base, inspections)).statusCode).toBe(201);
  await t.publish('iqc');
  for (const [key, name, city] of [['hz', '杭州精密', '杭州'], ['sz', '深圳电子', '深圳']]) {
    ids[key] = (await t.inject('POST', recs('suppliers'), { name, city })).json()._id;
  }
  // Ten lots; every other one has no quantity.
  for (let i = 1; i <= 10; i++) {
    const res = await t.inject('POST', recs('insp'), { lot: `L${i}`, ...(i % 2 ? { qty: 11 - i } : {}), supplier: { id: i <= 3 ? ids.hz : ids.sz }, result: i % 3 === 0 ? 'fail' : 'pass' });
    expect(res.statusCode).toBe(201);
    ids[`L${i}`] = res.json()._id;
  }
});
afterAll(() => t.close());

/** Lots page by page, `limit` a page, with the given sort. */
async function pages(sort: string, limit: number): Promise<string[][]> {
  const out: string[][] = [];
  let cursor = '';
  for (let i = 0; i < 12; i++) {
    const res = (await t.inject('GET', `${recs('insp')}?sort=${sort}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
    expect(res.total).toBe(10);
    out.push(res.items.map((r: { lot: string }) => r.lot));
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  return out;
}

describe('sorted by a column half the records leave empty, every record is listed, the empty ones last', () => {
  test('ascending: the five quantities in order, then the five without one (by creation), across pages of 3', async () => {
    // qty: L1 10, L3 8, L5 6, L7 4, L9 2; L2 L4 L6 L8 L10 none.
    expect(await pages('qty', 3)).toEqual([['L9', 'L7', 'L5'], ['L3', 'L1', 'L2'], ['L4', 'L6', 'L8'], ['L10']]);
  });

  test('descending: the quantities high to low, then the empty ones', async () => {
    expect(await pages('-qty', 4)).toEqual([['L1', 'L3', 'L5', 'L7'], ['L9', 'L10', 'L8', 'L6'], ['L4', 'L2']]);
  });

  test('a page that ends exactly where the values end goes on with the empty ones', async () => {
    expect((await pages('qty', 5)).flat()).toEqual(['L9', 'L7', 'L5', 'L3', 'L1', 'L2', 'L4', 'L6', 'L8', 'L10']);
  });
});

test('a sort that names no field (",") lists newest first, as no sort does', async () => {
  const lots = async (query: string) => ((await t.inject('GET', `${recs('insp')}?limit=2&${query}`)).json().items as Array<{ lot: string }>).map((r) => r.lot);
  expect(await lots(`sort=${encodeURIComponent(',')}`)).toEqual(['L10', 'L9']);
  expect(await lots('')).toEqual(['L10', 'L9']);
});

test('total=false leaves the count out of a page (a client paging on knows it); by default every page says it', async () => {
  const first = (await t.inject('GET', `${recs('insp')}?sort=lot&limit=4`)).json();
  expect(first.total).toBe(10);
  const next = (await t.inject('GET', `${recs('insp')}?sort=lot&limit=4&total=false&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
  expect(next).not.toHaveProperty('total');
  expect(next.items.map((r: { lot: string }) => r.lot)).toEqual(['L4', 'L5', 'L6', 'L7']);
  expect((await t.inject('POST', `${recs('insp')}/query`, { sort: 'lot', limit: 2, total: false })).json()).toEqual({ items: expect.any(Array), nextCursor: expect.any(String) });
  expect((await t.inject('GET', `${recs('insp')}?total=maybe`)).statusCode).toBe(400);
});

test('fields: each record carries the fields asked for (a relation, a subform by its name) and the system fields; an unknown one is 400 naming it', async () => {
  const items = (await t.inject('GET', `${recs('insp')}?fields=lot,supplier&sort=lot&limit=1`)).json().items as Array<Record<string, unknown>>;
  expect(Object.keys(items[0]).filter((k) => !k.startsWith('_')).sort()).toEqual(['lot', 'supplier']);
  expect([items[0].lot, items[0]._v]).toEqual(['L1', 1]);
  const res = await t.inject('GET', `${recs('insp')}?fields=lot,ghost`, undefined, { 'accept-language': 'en-US' });
  expect([res.statusCode, res.json().error]).toEqual([400, { code: 'INVALID_FILTER', message: 'Unknown field "ghost" in fields', details: [{ path: 'fields.ghost', message: 'Unknown field "ghost"' }] }]);
  const zh = (await t.inject('GET', `${recs('insp')}?fields=ghost`, undefined, { 'accept-language': 'zh-CN' })).json().error;
  expect([zh.message, zh.details[0].message]).toEqual(['fields 中有未知字段“ghost”', '未知字段“ghost”']);
  // A subform is asked for by its name: its columns come with it.
  expect((await t.inject('POST', '/api/apps', { id: 'fl', name: '明细' })).statusCode).toBe(201);
  const form = { id: 'fl_orders', title: '订单', fields: [{ id: 'no', type: 'text', label: '单号' }, { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'qty', type: 'number', label: '数量' }] }] };
  expect((await t.inject('POST', '/api/apps/fl/forms', form)).statusCode).toBe(201);
  await t.publish('fl');
  const url = '/api/apps/fl/forms/fl_orders/records';
  expect((await t.inject('POST', url, { no: 'O1', lines: [{ qty: 2 }] })).statusCode).toBe(201);
  const [order] = (await t.inject('GET', `${url}?fields=lines`)).json().items as Array<Record<string, unknown>>;
  expect([order.no, (order.lines as Array<{ qty: number }>).map((l) => l.qty)]).toEqual([undefined, [2]]);
});

describe('search finds a record by what its relations and lookups show', () => {
  const found = async (q: string) => ((await t.inject('GET', `${recs('insp')}?q=${encodeURIComponent(q)}&limit=50&sort=lot`)).json().items as Array<{ lot: string }>).map((r) => r.lot).sort();

  test("by the supplier's name (a relation), and by the supplier's city (a lookup)", async () => {
    expect(await found('杭州精密')).toEqual(['L1', 'L2', 'L3']);
    expect(await found('深圳')).toEqual(['L10', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9']);
    expect(await found('L1')).toEqual(['L1', 'L10']);
    expect(await found('上海')).toEqual([]);
  });
});

describe('search looks in the searchable fields, the serial number, the title field, relations and lookups, and nowhere else', () => {
  test('each on its own', async () => {
    const form = { id: 'srch', title: '复检', titleField: 'title', fields: [
      { id: 'no', type: 'serial', label: '编号', pattern: 'RC-{seq:3}' },
      { id: 'title', type: 'text', label: '标题' },
      { id: 'supplier', type: 'relation', label: '供应商', formId: 'suppliers', displayField: 'name' },
      { id: 'city', type: 'lookup', label: '供应商城市', relationField: 'supplier', targetField: 'city' },
      { id: 'note', type: 'text', label: '备注' },
    ] };
    expect((await t.inject('POST', base, form)).statusCode).toBe(201);
    await t.publish('iqc');
    const nb = (await t.inject('POST', recs('suppliers'), { name: '精工五金', city: '宁波' })).json()._id;
    const made = await t.inject('POST', recs('srch'), { title: '螺栓复检', supplier: { id: nb }, note: '仓库三号位' });
    expect(made.json()).toMatchObject({ no: 'RC-001', city: '宁波' });
    expect((await t.inject('POST', recs('srch'), { title: '垫片复检' })).statusCode).toBe(201);
    const titles = async (q: string) => ((await t.inject('GET', `${recs('srch')}?q=${encodeURIComponent(q)}`)).json().items as Array<{ title: string }>).map((r) => r.title);
    // The serial, the title field, the relation's display, the lookup's copy; the query trimmed.
    for (const q of ['RC-001', '螺栓', '精工', '宁波', '  宁波  ']) expect([q, await titles(q)]).toEqual([q, ['螺栓复检']]);
    // A field that is none of these is not searched.
    expect(await titles('三号位')).toEqual([]);
  });
});

describe('the trash: a record is deleted for good only from the trash, by who manages the app', () => {
  test('purge: 409 while the record is live; from the trash it goes with its comments, and the audit trail says so', async () => {
    const id = (await t.inject('POST', recs('insp'), { lot: 'TMP', qty: 1 })).json()._id as string;
    expect((await t.inject('POST', `${recs('insp')}/${id}/comments`, { text: '待确认' })).statusCode).toBe(201);
    const live = await t.inject('POST', `${recs('insp')}/${id}/purge`, undefined, { 'accept-language': 'en-US' });
    expect(live.statusCode).toBe(409);
    expect(live.json().error).toEqual({ code: 'NOT_IN_TRASH', message: 'Only a record in the trash can be deleted for good: delete it first', details: [{ path: 'id', message: 'not deleted' }] });
    const liveZh = await t.inject('POST', `${recs('insp')}/${id}/purge`, undefined, { 'accept-language': 'zh-CN' });
    expect(liveZh.json().error).toEqual({ code: 'NOT_IN_TRASH', message: '只能彻底删除回收站里的记录：请先删除它', details: [{ path: 'id', message: 'not deleted' }] });
    // Another record's comments stay when this one goes.
    const other = (await t.inject('POST', recs('insp'), { lot: 'TMP2', qty: 1 })).json()._id as string;
    expect((await t.inject('POST', `${recs('insp')}/${other}/comments`, { text: '保留' })).statusCode).toBe(201);
    expect((await t.inject('DELETE', `${recs('insp')}/${id}`)).statusCode).toBe(200);
    expect(((await t.inject('GET', `${recs('insp')}?deleted=only`)).json().items as Array<{ _id: string }>).map((r) => r._id)).toEqual([id]);

    // A member who may delete and restore, but not manage: 403, nothing changes.
    const { user, cookie } = await t.createUser({ username: 'member1', displayName: '组员' });
    const set = await t.inject('POST', '/api/apps/iqc/permission-sets', { name: '组员', members: { users: [user._id], departments: [], roles: [] }, forms: { insp: { actions: ['view', 'create', 'edit', 'delete', 'restore'], scope: { kind: 'all' } } } });
    expect(set.statusCode).toBe(201);
    const refused = await t.injectAs(cookie, 'POST', `${recs('insp')}/${id}/purge`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');

    const purged = await t.inject('POST', `${recs('insp')}/${id}/purge`);
    expect([purged.statusCode, purged.json()]).toEqual([200, { purged: 1 }]);
    expect((await t.inject('GET', `${recs('insp')}/${id}`)).statusCode).toBe(404);
    expect((await t.inject('GET', `${recs('insp')}?deleted=only`)).json().items).toEqual([]);
    expect(await t.store.collection('comments').count({ formId: 'insp', recordId: id })).toBe(0);
    expect(await t.store.collection('comments').count({ formId: 'insp', recordId: other })).toBe(1);
    // The other record goes too: the other tests count the records of insp.
    expect((await t.inject('DELETE', `${recs('insp')}/${other}`)).statusCode).toBe(200);
    expect((await t.inject('POST', `${recs('insp')}/${other}/purge`)).statusCode).toBe(200);
    const entry = (await t.store.collection('audit').findOne({ recordId: id, action: 'record.purge' })) as unknown as { before: { lot: string }; after: null; chain: string };
    expect([entry.before.lot, entry.after, entry.chain]).toEqual(['TMP', null, 'r_insp']);
    expect((await t.inject('POST', `${recs('insp')}/${id}/purge`)).statusCode).toBe(404);
  });
});

describe('grouped views: counts and summaries computed by the store, over what the list shows', () => {
  const groups = async (query: string, headers?: Record<string, string>) => t.inject('GET', `${recs('insp')}/groups?${query}`, undefined, headers);

  test('by supplier and result: each group counted and summed as by hand, blanks last, with the totals', async () => {
    const res = await groups('by=supplier,result&summaries=qty:sum,qty:avg,qty:min,qty:max');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // qty: L1 10, L3 8, L5 6, L7 4, L9 2, the others none; 杭州精密 has L1–L3; fail: L3, L6, L9.
    const figures = (sum: number, avg: number | null, min: number | null, max: number | null) => ({ 'qty:sum': sum, 'qty:avg': avg, 'qty:min': min, 'qty:max': max });
    expect(body.groups).toEqual([
      { key: [ids.hz, 'fail'], label: ['杭州精密', 'fail'], count: 1, summaries: figures(8, 8, 8, 8) },
      { key: [ids.hz, 'pass'], label: ['杭州精密', 'pass'], count: 2, summaries: figures(10, 10, 10, 10) },
      { key: [ids.sz, 'fail'], label: ['深圳电子', 'fail'], count: 2, summaries: figures(2, 2, 2, 2) },
      { key: [ids.sz, 'pass'], label: ['深圳电子', 'pass'], count: 5, summaries: figures(10, 5, 4, 6) },
    ]);
    expect(body.total).toEqual({ count: 10, summaries: figures(30, 6, 2, 10) });
    expect(body.truncated).toBe(false);
  });

  test('a filter and a search narrow the groups as they narrow the list; a group with no number sums to 0 and averages to none', async () => {
    const filter = encodeURIComponent(JSON.stringify({ qty: { $exists: false } }));
    const body = (await groups(`by=result&summaries=qty:sum,qty:avg&filter=${filter}`)).json();
    expect(body.groups).toEqual([
      { key: ['fail'], label: ['fail'], count: 1, summaries: { 'qty:sum': 0, 'qty:avg': null } },
      { key: ['pass'], label: ['pass'], count: 4, summaries: { 'qty:sum': 0, 'qty:avg': null } },
    ]);
    const searched = (await groups(`by=supplier&q=${encodeURIComponent('杭州')}`)).json();
    expect(searched.groups.map((g: { label: unknown[]; count: number }) => [g.label[0], g.count])).toEqual([['杭州精密', 3]]);
  });

  test('grouping by what cannot be grouped, or summing what is not a number, is 400 naming it', async () => {
    const cases: Array<[string, string]> = [
      ['by=ghost', 'by.ghost'],
      ['by=result&summaries=lot:sum', 'summaries.lot:sum'],
    ];
    for (const [query, path] of cases) {
      const res = await groups(query, { 'accept-language': 'en-US' });
      expect([res.statusCode, res.json().error.code, res.json().error.details[0].path]).toEqual([400, 'INVALID_FILTER', path]);
    }
    expect((await groups('by=a,b,c')).statusCode).toBe(400);
    expect((await groups('by=result&summaries=qty:median')).statusCode).toBe(400);
  });
});

test('an empty value stored as null and one never given fall in one blank group, after the groups with values', async () => {
  expect((await t.inject('POST', '/api/apps', { id: 'gb', name: '分组' })).statusCode).toBe(201);
  const form = { id: 'gb_items', title: '条目', fields: [{ id: 'grade', type: 'select', label: '等级', options: [{ value: 'A', label: 'A' }, { value: 'B', label: 'B' }] }, { id: 'n', type: 'number', label: '数' }] };
  expect((await t.inject('POST', '/api/apps/gb/forms', form)).statusCode).toBe(201);
  await t.publish('gb');
  for (const body of [{ grade: 'B', n: 1 }, { grade: null, n: 2 }, { n: 3 }, { grade: 'A', n: 4 }, { grade: '', n: 5 }]) {
    expect((await t.inject('POST', '/api/apps/gb/forms/gb_items/records', body)).statusCode).toBe(201);
  }
  const body = (await t.inject('GET', '/api/apps/gb/forms/gb_items/records/groups?by=grade&summaries=n:sum,n:max')).json();
  expect(body.groups).toEqual([
    { key: ['A'], label: ['A'], count: 1, summaries: { 'n:sum': 4, 'n:max': 4 } },
    { key: ['B'], label: ['B'], count: 1, summaries: { 'n:sum': 1, 'n:max': 1 } },
    { key: [null], label: [null], count: 3, summaries: { 'n:sum': 10, 'n:max': 5 } },
  ]);
  expect(body.total).toEqual({ count: 5, summaries: { 'n:sum': 15, 'n:max': 5 } });
});
