// The fixture of the filter tests (filters.test.ts, filters-refusals.test.ts): one app with a form
// of every field type and seven records R1…R7 chosen so that compiling an operator as its
// neighbour changes the set; each test file starts its own server with useFiltersApp().
import { startTestApp, type TestApp } from '../helpers/app';


export let t: TestApp;
export const app = '/api/apps/flt';
export const url = `${app}/forms/insp/records`;
export const ids: Record<string, string> = {};

export const form = {
  id: 'insp', title: '检验记录', titleField: 'name', fields: [
    { id: 'name', type: 'text', label: '名称', searchable: true },
    { id: 'note', type: 'text', label: '备注', searchable: true },
    { id: 'qty', type: 'number', label: '数量' },
    { id: 'pct', type: 'percent', label: '合格率' },
    { id: 'price', type: 'money', label: '单价' },
    { id: 'day', type: 'date', label: '日期' },
    { id: 'at', type: 'datetime', label: '时间' },
    { id: 'status', type: 'select', label: '状态', options: [{ value: 'open', label: '开' }, { value: 'closed', label: '关' }, { value: 'hold', label: '挂起' }] },
    { id: 'tags', type: 'multiselect', label: '标签', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }, { value: 'c', label: 'C' }] },
    { id: 'ok', type: 'switch', label: '合格' },
    { id: 'owner', type: 'member', label: '负责人' },
    { id: 'team', type: 'member', label: '小组', multiple: true },
    { id: 'part', type: 'relation', label: '零件', formId: 'parts', displayField: 'code' },
    { id: 'parts', type: 'relation', label: '零件们', formId: 'parts', displayField: 'code', multiple: true },
    { id: 'partCode', type: 'lookup', label: '零件编码', relationField: 'part', targetField: 'code' },
    { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'item', type: 'text', label: '物品' }, { id: 'lqty', type: 'number', label: '行数量' }] },
  ],
};

/** The records, by name; `part`/`parts` name records of the parts form, resolved in beforeAll. */
export const records: Array<Record<string, unknown>> = [
  {
    name: 'R1', note: 'Bolt M8 (zinc)', qty: 5, pct: 0.5, price: 10.25, day: '2026-03-01', at: '2026-03-01T15:59:59.000Z', status: 'open',
    tags: ['a', 'b'], ok: true, owner: 'u1', team: ['u1', 'u2'], part: 'PA', parts: ['PA', 'PB'], lines: [{ item: 'x', lqty: 2 }],
  },
  {
    name: 'R2', note: 'bolt m10', qty: 10, pct: 0.95, price: 99.99, day: '2026-03-02', at: '2026-03-01T16:00:00.000Z', status: 'closed',
    tags: ['b'], ok: false, owner: 'u2', team: ['u2'], part: 'PB', parts: ['PB'], lines: [{ item: 'y', lqty: 7 }, { item: 'z', lqty: null }],
  },
  {
    name: 'R3', note: 'NUT', qty: 0, pct: 1, price: 0, day: '2026-02-28', at: '2026-02-28T04:00:00.000Z', status: 'hold',
    tags: ['c'], ok: true, owner: 'u3', team: [], part: 'PA', parts: [], lines: [],
  },
  // Blank in every way the API allows: null, '' (stored as null) and empty lists.
  { name: 'R4', note: '', qty: null, pct: null, price: null, day: null, at: null, status: null, tags: [], ok: null, owner: null, team: null, part: null, parts: null, lines: null },
  { name: 'R5' },
  {
    name: 'R6', note: 'a.b*c', qty: -3, pct: 0.05, price: 5, day: '2026-03-10', at: '2026-03-10T00:00:00.000Z', status: 'open',
    tags: ['a'], ok: false, owner: 'u1', team: ['u3'], part: 'PB', parts: ['PA'], lines: [{ item: 'x', lqty: 12 }],
  },
  { name: 'R7', note: '(a+)+$', qty: 10, pct: 0.5, price: 10.25, day: '2026-03-01', at: '2026-03-02T10:00:00.000Z', status: 'open', tags: null, ok: true, owner: 'u2', team: ['u1'], part: 'PA' },
];

export const q = (filter: unknown) => encodeURIComponent(typeof filter === 'string' ? filter : JSON.stringify(filter));

/** Names of the records the filter selects (GET, one page of 200); the total must agree with them. */
export async function match(filter: unknown): Promise<string[]> {
  const res = await t.inject('GET', `${url}?limit=200&filter=${q(filter)}`);
  expect(res.statusCode).toBe(200);
  const body = res.json() as { items: Array<{ name: string }>; total: number; nextCursor: string | null };
  expect(body.total).toBe(body.items.length);
  expect(body.nextCursor).toBeNull();
  return body.items.map((r) => r.name).sort();
}

/** The filter is refused with 400 INVALID_FILTER naming `path`. */
export async function refused(filter: unknown, path: string): Promise<void> {
  const res = await t.inject('GET', `${url}?filter=${q(filter)}`);
  expect({ status: res.statusCode, code: res.json().error?.code, path: res.json().error?.details?.[0]?.path }).toEqual({ status: 400, code: 'INVALID_FILTER', path });
}

/** Starts the app with the fixture before the file's tests, and stops it after. */
export function useFiltersApp(): void {
  beforeAll(async () => {
    t = await startTestApp();
    expect((await t.inject('POST', '/api/apps', { id: 'flt', name: '过滤' })).statusCode).toBe(201);
    const parts = { id: 'parts', title: '零件', fields: [{ id: 'code', type: 'text', label: '编码' }] };
    const events = { id: 'events', title: '事件', fields: [{ id: 'label', type: 'text', label: '名称' }, { id: 'at', type: 'datetime', label: '时间' }] };
    const moments = { ...events, id: 'moments', title: '时刻' };
    for (const f of [parts, form, events, moments]) {
      const res = await t.inject('POST', `${app}/forms`, f);
      if (res.statusCode !== 201) throw new Error(`form ${f.id}: ${res.statusCode} ${res.body}`);
    }
    await t.publish('flt');
    for (const code of ['PA', 'PB']) ids[code] = (await t.inject('POST', `${app}/forms/parts/records`, { code })).json()._id;
    const ref = (code: unknown) => (typeof code === 'string' ? { id: ids[code] } : code);
    for (const r of records) {
      const body = { ...r, ...('part' in r ? { part: ref(r.part) } : {}), ...(Array.isArray(r.parts) ? { parts: r.parts.map(ref) } : {}) };
      const res = await t.inject('POST', url, body);
      if (res.statusCode !== 201) throw new Error(`record ${r.name as string}: ${res.statusCode} ${res.body}`);
      ids[r.name as string] = res.json()._id;
    }
  });
  afterAll(() => t.close());
}

export const ALL = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'];
export const except = (...names: string[]) => ALL.filter((n) => !names.includes(n));
