// The records list filter through HTTP, operator by operator: for each operator and field type,
// the exact set of records that must match (so the ones that must not are absent), blanks,
// dates across a day boundary in the tenant's zone (Asia/Shanghai by default, and a tenant set to
// America/Los_Angeles), datetimes sent with an offset stored as UTC, literal $regex,
// nested $and/$or with search, sort and cursor pages, and every refusal with its code and path.
// Seven records R1…R7 (R4 has explicit blanks, R5 has nothing but its name) are chosen so that
// compiling an operator as its neighbour ($gte as $gt, $nin as $in, $ne without blanks) changes
// the set.
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
const app = '/api/apps/flt';
const url = `${app}/forms/insp/records`;
const ids: Record<string, string> = {};

const form = {
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
const records: Array<Record<string, unknown>> = [
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

const q = (filter: unknown) => encodeURIComponent(typeof filter === 'string' ? filter : JSON.stringify(filter));

/** Names of the records the filter selects (GET, one page of 200); the total must agree with them. */
async function match(filter: unknown): Promise<string[]> {
  const res = await t.inject('GET', `${url}?limit=200&filter=${q(filter)}`);
  expect(res.statusCode).toBe(200);
  const body = res.json() as { items: Array<{ name: string }>; total: number; nextCursor: string | null };
  expect(body.total).toBe(body.items.length);
  expect(body.nextCursor).toBeNull();
  return body.items.map((r) => r.name).sort();
}

/** The filter is refused with 400 INVALID_FILTER naming `path`. */
async function refused(filter: unknown, path: string): Promise<void> {
  const res = await t.inject('GET', `${url}?filter=${q(filter)}`);
  expect({ status: res.statusCode, code: res.json().error?.code, path: res.json().error?.details?.[0]?.path }).toEqual({ status: 400, code: 'INVALID_FILTER', path });
}

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

const ALL = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'];
const except = (...names: string[]) => ALL.filter((n) => !names.includes(n));

test('the fixture is stored as the tests assume: blanks as null or [], relations with display text', async () => {
  const r4 = (await t.inject('GET', `${url}/${ids.R4}`)).json();
  expect(r4).toMatchObject({ note: null, qty: null, tags: [], part: null });
  const r1 = (await t.inject('GET', `${url}/${ids.R1}`)).json();
  expect(r1).toMatchObject({ part: { id: ids.PA, display: 'PA' }, partCode: 'PA', parts: [{ id: ids.PA, display: 'PA' }, { id: ids.PB, display: 'PB' }] });
  expect(await match({})).toEqual(ALL);
});

describe('numbers (number, percent, money) compare as numbers; $ne and $nin include blank records', () => {
  test.each([
    ['$eq', { qty: { $eq: 5 } }, ['R1']],
    ['plain value', { qty: 5 }, ['R1']],
    ['$eq 0 (0 is a value, not a blank)', { qty: 0 }, ['R3']],
    ['$ne', { qty: { $ne: 5 } }, except('R1')],
    ['$gt', { qty: { $gt: 5 } }, ['R2', 'R7']],
    ['$gte', { qty: { $gte: 5 } }, ['R1', 'R2', 'R7']],
    ['$lt', { qty: { $lt: 5 } }, ['R3', 'R6']],
    ['$lte', { qty: { $lte: 5 } }, ['R1', 'R3', 'R6']],
    ['$gt and $lt together (a range)', { qty: { $gt: 0, $lt: 10 } }, ['R1']],
    ['$gte and $lte together (a closed range)', { qty: { $gte: 0, $lte: 10 } }, ['R1', 'R2', 'R3', 'R7']],
    ['$in', { qty: { $in: [0, 10] } }, ['R2', 'R3', 'R7']],
    ['$nin', { qty: { $nin: [0, 10] } }, ['R1', 'R4', 'R5', 'R6']],
    ['$in with null (missing or null)', { qty: { $in: [null, -3] } }, ['R4', 'R5', 'R6']],
    ['$eq null (missing or null)', { qty: null }, ['R4', 'R5']],
    ['$ne null', { qty: { $ne: null } }, ['R1', 'R2', 'R3', 'R6', 'R7']],
    ['$exists true (0 is filled)', { qty: { $exists: true } }, ['R1', 'R2', 'R3', 'R6', 'R7']],
    ['$exists false (null and missing are blank)', { qty: { $exists: false } }, ['R4', 'R5']],
    ['percent $gte (stored as a fraction)', { pct: { $gte: 0.5 } }, ['R1', 'R2', 'R3', 'R7']],
    ['percent $lt', { pct: { $lt: 0.5 } }, ['R6']],
    ['percent $eq', { pct: 0.95 }, ['R2']],
    ['money $lte', { price: { $lte: 10.25 } }, ['R1', 'R3', 'R6', 'R7']],
    ['money $gt', { price: { $gt: 10.25 } }, ['R2']],
    ['money $nin', { price: { $nin: [0, 10.25] } }, ['R2', 'R4', 'R5', 'R6']],
  ])('%s', async (_name, filter, expected) => {
    expect(await match(filter)).toEqual(expected);
  });
});

describe('text: exact and case-sensitive equality, literal case-insensitive $regex', () => {
  test.each([
    ['$eq is exact', { note: 'NUT' }, ['R3']],
    ['$eq is case-sensitive', { note: 'nut' }, []],
    ['$ne includes blanks', { note: { $ne: 'NUT' } }, except('R3')],
    ['$in', { note: { $in: ['NUT', 'bolt m10'] } }, ['R2', 'R3']],
    ['$nin includes blanks', { note: { $nin: ['NUT', 'bolt m10'] } }, ['R1', 'R4', 'R5', 'R6', 'R7']],
    ['$gt compares by code point', { note: { $gt: 'a' } }, ['R2', 'R6']],
    ['$lte compares by code point', { note: { $lte: 'NUT' } }, ['R1', 'R3', 'R7']],
    ['$exists true', { note: { $exists: true } }, ['R1', 'R2', 'R3', 'R6', 'R7']],
    ['$exists false ("" is stored as blank)', { note: { $exists: false } }, ['R4', 'R5']],
    ['$regex ignores case', { note: { $regex: 'BOLT' } }, ['R1', 'R2']],
    ['$regex is "contains", not anchored', { note: { $regex: 'm1' } }, ['R2']],
    ['$regex "." is a literal dot, not "any character"', { note: { $regex: '.' } }, ['R6']],
    ['$regex "*" is a literal star', { note: { $regex: 'b*c' } }, ['R6']],
    ['$regex with brackets and spaces', { note: { $regex: 'M8 (' } }, ['R1']],
    ['$regex with a pattern that would be catastrophic or invalid as a regex', { note: { $regex: '(a+)+$' } }, ['R7']],
    ['$regex with an unbalanced bracket', { note: { $regex: '(a+' } }, ['R7']],
    ['$regex of 200 characters is accepted', { note: { $regex: 'a'.repeat(200) } }, []],
    ['$regex on a lookup value (any type)', { partCode: { $regex: 'pb' } }, ['R2', 'R6']],
    ['$regex on a number field matches nothing (only text contains text)', { qty: { $regex: '5' } }, []],
    ['$regex on a switch matches nothing', { ok: { $regex: 'true' } }, []],
  ])('%s', async (_name, filter, expected) => {
    expect(await match(filter)).toEqual(expected);
  });
});

describe('dates and datetimes compare as dates', () => {
  test.each([
    ['date $eq', { day: '2026-03-01' }, ['R1', 'R7']],
    ['date $ne', { day: { $ne: '2026-03-01' } }, except('R1', 'R7')],
    ['date $gt', { day: { $gt: '2026-03-01' } }, ['R2', 'R6']],
    ['date $gte', { day: { $gte: '2026-03-01' } }, ['R1', 'R2', 'R6', 'R7']],
    ['date $lt', { day: { $lt: '2026-03-01' } }, ['R3']],
    ['date $lte', { day: { $lte: '2026-03-01' } }, ['R1', 'R3', 'R7']],
    ['date $in', { day: { $in: ['2026-02-28', '2026-03-10'] } }, ['R3', 'R6']],
    ['date $nin', { day: { $nin: ['2026-02-28', '2026-03-10'] } }, ['R1', 'R2', 'R4', 'R5', 'R7']],
    ['date $exists false', { day: { $exists: false } }, ['R4', 'R5']],
    // R1 is 23:59:59 on 1 March in Shanghai, R2 midnight of 2 March: an instant with an offset is
    // compared as that instant, not as text.
    ['datetime $gte an instant given with an offset', { at: { $gte: '2026-03-02T00:00:00+08:00' } }, ['R2', 'R6', 'R7']],
    ['datetime $gt an instant given with an offset', { at: { $gt: '2026-03-02T00:00:00+08:00' } }, ['R6', 'R7']],
    ['datetime $lt an instant given with an offset', { at: { $lt: '2026-03-02T00:00:00+08:00' } }, ['R1', 'R3']],
    ['datetime $lte an instant given with an offset', { at: { $lte: '2026-03-02T00:00:00+08:00' } }, ['R1', 'R2', 'R3']],
    ['datetime $eq an instant given without milliseconds', { at: '2026-03-01T16:00:00Z' }, ['R2']],
    ['datetime $ne an instant', { at: { $ne: '2026-03-02T00:00:00+08:00' } }, except('R2')],
    ['datetime $in instants', { at: { $in: ['2026-03-02T00:00:00+08:00', '2026-03-10T08:00:00+08:00'] } }, ['R2', 'R6']],
    ['datetime $nin instants', { at: { $nin: ['2026-03-02T00:00:00+08:00', '2026-03-10T08:00:00+08:00'] } }, ['R1', 'R3', 'R4', 'R5', 'R7']],
    // A date given for a datetime field is that whole day in the tenant's zone.
    ['datetime $eq a day', { at: '2026-03-02' }, ['R2', 'R7']],
    ['datetime $eq the day before', { at: { $eq: '2026-03-01' } }, ['R1']],
    ['datetime $ne a day (blanks included)', { at: { $ne: '2026-03-02' } }, ['R1', 'R3', 'R4', 'R5', 'R6']],
    ['datetime $gt a day (after that day)', { at: { $gt: '2026-03-01' } }, ['R2', 'R6', 'R7']],
    ['datetime $gte a day (from its start)', { at: { $gte: '2026-03-02' } }, ['R2', 'R6', 'R7']],
    ['datetime $lt a day (before its start)', { at: { $lt: '2026-03-02' } }, ['R1', 'R3']],
    ['datetime $lte a day (to its end)', { at: { $lte: '2026-03-01' } }, ['R1', 'R3']],
    ['datetime from one day to another', { at: { $gte: '2026-03-01', $lte: '2026-03-02' } }, ['R1', 'R2', 'R7']],
    ['datetime $exists true', { at: { $exists: true } }, ['R1', 'R2', 'R3', 'R6', 'R7']],
    ['datetime $exists false', { at: { $exists: false } }, ['R4', 'R5']],
    ['system datetime _createdAt $gte a day long ago', { _createdAt: { $gte: '2000-01-01' } }, ALL],
    ['system datetime _createdAt $lt an instant long ago', { _createdAt: { $lt: '2000-01-01T00:00:00Z' } }, []],
    // Every form a record takes, the filter takes (one parser, parseInstant): R2 is 16:00 UTC on 1 March.
    ['datetime $eq an instant with a space for T', { at: '2026-03-02 00:00:00+08:00' }, ['R2']],
    ['datetime $eq an instant with lower-case t and an offset without a colon', { at: '2026-03-02t00:00:00+0800' }, ['R2']],
    ['datetime $eq an instant with an offset in hours only', { at: { $eq: '2026-03-01T11:00:00-05' } }, ['R2']],
    ['datetime $in an instant in microseconds with a lower-case z', { at: { $in: ['2026-03-01T16:00:00.000000z'] } }, ['R2']],
  ])('%s', async (_name, filter, expected) => {
    expect(await match(filter)).toEqual(expected);
  });

  // What names no instant is refused, never rolled over into another (the filter once compared
  // 30 February as 2 March, and year 9999 at -02:00 as the year +010000).
  test.each([
    ['30 February', { at: '2026-02-30T00:00:00Z' }, 'at'],
    ['hour 24', { at: { $gte: '2026-03-01T24:00:00Z' } }, 'at.$gte'],
    ['minute 60', { at: { $lt: '2026-03-01T10:60:00Z' } }, 'at.$lt'],
    ['a leap second', { at: { $in: ['2026-03-01T16:00:00Z', '2026-06-30T23:59:60Z'] } }, 'at.$in[1]'],
    ['an offset past 23:59', { at: { $ne: '2026-03-01T10:00:00+24:00' } }, 'at.$ne'],
    ['an offset carrying the year past 9999', { at: { $lte: '9999-12-31T23:00:00-02:00' } }, 'at.$lte'],
    ['an offset carrying the year before 0000', { at: { $gt: '0000-01-01T00:30:00+01:00' } }, 'at.$gt'],
    ['no seconds (as a record refuses it)', { at: '2026-03-01T16:30+08:00' }, 'at'],
    ['a T with no time', { at: '2026-03-01T' }, 'at'],
    ['a 30 February on a system datetime', { _createdAt: { $lt: '2026-02-30T00:00:00Z' } }, '_createdAt.$lt'],
  ])('a datetime on %s is refused by the filter', async (_name, filter, path) => {
    await refused(filter, path);
  });

  // Only this test writes to the events form. As text, E1's "2026-03-02T00:30:00+08:00" would sort
  // after E2's "2026-03-01T20:00:00Z" and outside a range ending at 17:00 UTC on 1 March.
  test('a datetime sent with an offset is stored and returned as its UTC instant, and found by it', async () => {
    const events = `${app}/forms/events/records`;
    // 1. Written at 00:30 on 2 March in Shanghai: 16:30 UTC on 1 March.
    const e1 = await t.inject('POST', events, { label: 'E1', at: '2026-03-02T00:30:00+08:00' });
    expect(e1.statusCode).toBe(201);
    expect(e1.json().at).toBe('2026-03-01T16:30:00.000Z');
    expect((await t.inject('GET', `${events}/${e1.json()._id}`)).json().at).toBe('2026-03-01T16:30:00.000Z');
    expect((await t.store.collection('r_events').findOne({ _id: e1.json()._id }))!.at).toBe('2026-03-01T16:30:00.000Z');
    expect((await t.inject('POST', events, { label: 'E2', at: '2026-03-01T20:00:00Z' })).statusCode).toBe(201);
    // 2. A range given in UTC finds it, and a sort puts it in time order.
    const labels = async (query: string) => (await t.inject('GET', `${events}?${query}`)).json().items.map((r: { label: string }) => r.label);
    expect(await labels(`filter=${q({ at: { $gte: '2026-03-01T16:00:00Z', $lt: '2026-03-01T17:00:00Z' } })}`)).toEqual(['E1']);
    expect(await labels(`filter=${q({ at: { $lt: '2026-03-01T17:00:00Z' } })}`)).toEqual(['E1']);
    expect(await labels('sort=at')).toEqual(['E1', 'E2']);
  });

  // Every form of date-time the record's format takes is stored as the instant; one that names no
  // real instant is refused as before, not rolled over into the next day.
  test.each([
    ['a space for T', '2026-03-02 00:30:00+08:00', '2026-03-01T16:30:00.000Z'],
    ['lower-case t and an offset without a colon', '2026-03-02t00:30:00+0800', '2026-03-01T16:30:00.000Z'],
    ['an offset in hours only', '2026-03-01T11:30:00-05', '2026-03-01T16:30:00.000Z'],
    ['microseconds and a lower-case z (kept to milliseconds)', '2026-03-01T16:30:00.123456z', '2026-03-01T16:30:00.123Z'],
  ])('a datetime with %s is stored as its UTC instant', async (_name, sent, stored) => {
    const res = await t.inject('POST', `${app}/forms/moments/records`, { label: sent, at: sent });
    expect(res.statusCode).toBe(201);
    expect((await t.store.collection('r_moments').findOne({ _id: res.json()._id }))!.at).toBe(stored);
  });

  test.each([
    ['30 February', '2026-02-30T00:00:00Z'],
    ['hour 24', '2026-03-01T24:00:00Z'],
    ['no seconds', '2026-03-01T16:30+08:00'],
  ])('a datetime on %s is refused, not moved to a real instant', async (_name, sent) => {
    const res = await t.inject('POST', `${app}/forms/moments/records`, { label: sent, at: sent });
    expect({ status: res.statusCode, details: res.json().error?.details }).toEqual({ status: 422, details: [expect.objectContaining({ fieldId: 'at', code: 'format' })] });
  });

  // The date-time format takes these, but they name no instant: refused, not stored as sent.
  test.each([
    ['a leap second', '2026-06-30T23:59:60Z'],
    ['an offset carrying the year past 9999', '9999-12-31T23:00:00-02:00'],
  ])('a datetime with %s is refused, not stored as sent', async (_name, sent) => {
    const res = await t.inject('POST', `${app}/forms/moments/records`, { label: sent, at: sent });
    expect({ status: res.statusCode, details: res.json().error?.details }).toEqual({ status: 422, details: [expect.objectContaining({ fieldId: 'at', code: 'pattern' })] });
    expect(await t.store.collection('r_moments').find({ label: sent })).toEqual([]);
  });
});

describe('select, multiselect, switch, member, relation, lookup and subform columns', () => {
  test.each([
    ['select $eq (an indexed field)', { status: 'open' }, ['R1', 'R6', 'R7']],
    ['select $eq null (indexed: missing and null)', { status: null }, ['R4', 'R5']],
    ['select $ne', { status: { $ne: 'open' } }, ['R2', 'R3', 'R4', 'R5']],
    ['select $in', { status: { $in: ['closed', 'hold'] } }, ['R2', 'R3']],
    ['select $in with null', { status: { $in: ['hold', null] } }, ['R3', 'R4', 'R5']],
    ['select $nin', { status: { $nin: ['closed', 'hold'] } }, ['R1', 'R4', 'R5', 'R6', 'R7']],
    ['select $exists true', { status: { $exists: true } }, ['R1', 'R2', 'R3', 'R6', 'R7']],
    ['multiselect $eq: the list holds the value', { tags: 'b' }, ['R1', 'R2']],
    ['multiselect $ne: the list lacks the value', { tags: { $ne: 'b' } }, ['R3', 'R4', 'R5', 'R6', 'R7']],
    ['multiselect $in: holds any of them', { tags: { $in: ['a', 'c'] } }, ['R1', 'R3', 'R6']],
    ['multiselect $nin: holds none of them', { tags: { $nin: ['a', 'c'] } }, ['R2', 'R4', 'R5', 'R7']],
    ['multiselect $regex on an item, ignoring case', { tags: { $regex: 'A' } }, ['R1', 'R6']],
    ['multiselect $exists true: an empty list is blank', { tags: { $exists: true } }, ['R1', 'R2', 'R3', 'R6']],
    ['multiselect $exists false: [], null and missing', { tags: { $exists: false } }, ['R4', 'R5', 'R7']],
    ['switch $eq true', { ok: true }, ['R1', 'R3', 'R7']],
    ['switch $eq false (not blanks)', { ok: false }, ['R2', 'R6']],
    ['switch $ne true', { ok: { $ne: true } }, ['R2', 'R4', 'R5', 'R6']],
    ['switch $in', { ok: { $in: [false, null] } }, ['R2', 'R4', 'R5', 'R6']],
    ['switch $nin', { ok: { $nin: [false] } }, ['R1', 'R3', 'R4', 'R5', 'R7']],
    ['switch $exists true (false is a value)', { ok: { $exists: true } }, ['R1', 'R2', 'R3', 'R6', 'R7']],
    ['switch $exists false', { ok: { $exists: false } }, ['R4', 'R5']],
    ['member $eq', { owner: 'u1' }, ['R1', 'R6']],
    ['member $in', { owner: { $in: ['u2', 'u3'] } }, ['R2', 'R3', 'R7']],
    ['member $nin', { owner: { $nin: ['u1'] } }, ['R2', 'R3', 'R4', 'R5', 'R7']],
    ['several members $eq: one of them', { team: 'u2' }, ['R1', 'R2']],
    ['several members $nin', { team: { $nin: ['u2'] } }, ['R3', 'R4', 'R5', 'R6', 'R7']],
    ['several members $exists false', { team: { $exists: false } }, ['R3', 'R4', 'R5']],
    ['relation id $eq', () => ({ 'part.id': ids.PA }), ['R1', 'R3', 'R7']],
    ['relation id $ne', () => ({ 'part.id': { $ne: ids.PA } }), ['R2', 'R4', 'R5', 'R6']],
    ['relation id $in', () => ({ 'part.id': { $in: [ids.PB] } }), ['R2', 'R6']],
    ['relation id $exists false', { 'part.id': { $exists: false } }, ['R4', 'R5']],
    ['relation display $regex', { 'part.display': { $regex: 'pb' } }, ['R2', 'R6']],
    ['several relations id $eq: one of them', () => ({ 'parts.id': ids.PB }), ['R1', 'R2']],
    ['several relations id $nin', () => ({ 'parts.id': { $nin: [ids.PB] } }), ['R3', 'R4', 'R5', 'R6', 'R7']],
    ['several relations $exists true', { 'parts.id': { $exists: true } }, ['R1', 'R2', 'R6']],
    ['several relations $exists false: an empty list is blank', { 'parts.id': { $exists: false } }, ['R3', 'R4', 'R5', 'R7']],
    ['lookup $eq', { partCode: 'PB' }, ['R2', 'R6']],
    ['lookup $exists false', { partCode: { $exists: false } }, ['R4', 'R5']],
    ['subform column $gt: any row', { 'lines.lqty': { $gt: 5 } }, ['R2', 'R6']],
    ['subform column $eq: any row', { 'lines.item': 'x' }, ['R1', 'R6']],
    ['subform column $exists true: some row has a value', { 'lines.lqty': { $exists: true } }, ['R1', 'R2', 'R6']],
    ['subform column $exists false: no row has a value', { 'lines.lqty': { $exists: false } }, ['R3', 'R4', 'R5', 'R7']],
  ])('%s', async (_name, filter, expected) => {
    expect(await match(typeof filter === 'function' ? filter() : filter)).toEqual(expected);
  });
});

describe('$and, $or, nesting, and a filter with search, sort and pages', () => {
  test.each([
    ['$and', { $and: [{ qty: { $gte: 5 } }, { status: 'open' }] }, ['R1', 'R7']],
    ['$or', { $or: [{ qty: { $lt: 0 } }, { status: 'closed' }] }, ['R2', 'R6']],
    ['fields beside $or are ANDed', { status: 'open', $or: [{ qty: { $lt: 0 } }, { note: { $regex: '(a+' } }] }, ['R6', 'R7']],
    ['$or inside $and inside $or', { $or: [{ status: 'closed' }, { $and: [{ qty: { $gte: 5 } }, { $or: [{ tags: 'a' }, { ok: false }] }] }] }, ['R1', 'R2']],
    ['$and of two conditions on one field', { $and: [{ qty: { $gt: 0 } }, { qty: { $ne: 10 } }] }, ['R1']],
    ['$or with blanks on both sides', { $or: [{ note: { $exists: false } }, { ok: false }] }, ['R2', 'R4', 'R5', 'R6']],
    ['$exists beside another operator on the same field', { qty: { $exists: true, $nin: [10] } }, ['R1', 'R3', 'R6']],
    ['$exists beside $gte on the same field (both bound it)', { qty: { $gte: 0, $exists: true } }, ['R1', 'R2', 'R3', 'R7']],
    ['a day for $gt beside $gte: both bounds apply', { at: { $gt: '2026-03-01', $gte: '2026-02-28' } }, ['R2', 'R6', 'R7']],
    ['a day range and an $or at the top together', { at: { $gt: '2026-03-01', $lt: '2026-03-10' }, $or: [{ status: 'open' }, { owner: 'u2' }] }, ['R2', 'R7']],
  ])('%s', async (_name, filter, expected) => {
    expect(await match(filter)).toEqual(expected);
  });

  test('POST …/query takes the same filter as an object', async () => {
    const res = (await t.inject('POST', `${url}/query`, { filter: { $or: [{ qty: { $lt: 0 } }, { status: 'closed' }] }, limit: 200 })).json();
    expect(res.items.map((r: { name: string }) => r.name).sort()).toEqual(['R2', 'R6']);
    expect(res.total).toBe(2);
  });

  /** Names page by page, two a page, each page with the given total. */
  async function pages(filter: unknown, sort: string, total: number): Promise<string[][]> {
    const out: string[][] = [];
    let cursor = '';
    for (let i = 0; i < 6; i++) {
      const res = (await t.inject('GET', `${url}?filter=${q(filter)}&sort=${sort}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
      expect(res.total).toBe(total);
      out.push(res.items.map((r: { name: string }) => r.name));
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
    return out;
  }

  test('a filter with a sort and cursor pages: every page has the same total, no record is skipped or repeated', async () => {
    // 1. Filled and not "hold": R1 R2 R6 R7, by qty (ties by creation order), two a page.
    expect(await pages({ qty: { $exists: true }, status: { $ne: 'hold' } }, 'qty', 4)).toEqual([['R6', 'R1'], ['R2', 'R7']]);
    // 2. Descending by a datetime, with a day range in the filter.
    expect(await pages({ at: { $gte: '2026-03-01', $lt: '2026-03-11' } }, '-at', 4)).toEqual([['R6', 'R7'], ['R2', 'R1']]);
  });

  test('a filter with a search and cursor pages', async () => {
    // Only the two "bolt" notes are left (search ignores case), newest first by default.
    const first = (await t.inject('GET', `${url}?filter=${q({ status: { $ne: 'hold' } })}&q=BOLT&limit=1`)).json();
    expect({ total: first.total, items: first.items.map((r: { name: string }) => r.name) }).toEqual({ total: 2, items: ['R2'] });
    const second = (await t.inject('GET', `${url}?filter=${q({ status: { $ne: 'hold' } })}&q=BOLT&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect({ total: second.total, items: second.items.map((r: { name: string }) => r.name), next: second.nextCursor }).toEqual({ total: 2, items: ['R1'], next: null });
  });

  // Blanks (null or missing, which sort alike) come last either way, as in Excel, ties in the
  // order of creation (reversed descending). In the first four sorts, $gt / $lt alone would lose
  // records: ascending, the values are followed by the blanks (a page ending on the last value,
  // R7, goes on with R4); descending, the values after a page's last (R6) are followed by the
  // blanks. All of them also cross the boundaries that already worked: between two blanks (R5 → R4;
  // every boundary when the field is blank in every record) and between equal values (R3 → R7).
  test.each([
    ['qty', { status: { $ne: 'hold' } }, [['R6', 'R1'], ['R2', 'R7'], ['R4', 'R5']]],
    ['-qty', { status: { $ne: 'hold' } }, [['R7', 'R2'], ['R1', 'R6'], ['R5', 'R4']]],
    ['ok', {}, [['R2', 'R6'], ['R1', 'R3'], ['R7', 'R4'], ['R5']]],
    ['-ok', {}, [['R7', 'R3'], ['R1', 'R6'], ['R2', 'R5'], ['R4']]],
    ['_deletedAt', { status: { $ne: 'hold' } }, [['R1', 'R2'], ['R4', 'R5'], ['R6', 'R7']]],
    ['-_deletedAt', { status: { $ne: 'hold' } }, [['R7', 'R6'], ['R5', 'R4'], ['R2', 'R1']]],
  ])('cursor pages sorted by %s, a field with blanks, reach every record once', async (sort, filter, expected) => {
    const names = expected.flat();
    const got = await pages(filter, sort, names.length);
    expect(got).toEqual(expected);
    // Every record the filter matches, once: none lost, none repeated.
    expect(got.flat().sort()).toEqual((await match(filter)).sort());
  });

  test('sorting by a single relation, a lookup of text or a select still pages through every record once', async () => {
    for (const sort of ['part.display', '-partCode', 'status']) expect((await pages({}, sort, ALL.length)).flat().sort()).toEqual(ALL);
  });

  test('export applies the filter too', async () => {
    const res = (await t.inject('GET', `${url}/export?filter=${q({ tags: { $exists: false } })}`)).json();
    expect({ total: res.total, names: res.items.map((r: { name: string }) => r.name).sort() }).toEqual({ total: 3, names: ['R4', 'R5', 'R7'] });
  });
});

describe('values of the wrong type are refused, naming the path', () => {
  test.each([
    ['a number in $in on a text field', { note: { $in: [5] } }, 'note.$in[0]'],
    ['a string on a number field', { qty: '5' }, 'qty'],
    ['a string in $gt on a number field', { qty: { $gt: '5' } }, 'qty.$gt'],
    ['a string among numbers in $in', { qty: { $in: [5, '10'] } }, 'qty.$in[1]'],
    ['a string in $nin on a percent field', { pct: { $nin: ['95%'] } }, 'pct.$nin[0]'],
    ['a number on a money field given as text', { price: { $lte: '10.25' } }, 'price.$lte'],
    ['text on a switch', { ok: 'true' }, 'ok'],
    ['$gt on a switch (true and false have no order)', { ok: { $gt: false } }, 'ok.$gt'],
    ['null in $gt (no order)', { qty: { $gt: null } }, 'qty.$gt'],
    ['a datetime on a date field', { day: { $gte: '2026-03-01T00:00:00Z' } }, 'day.$gte'],
    ['a date that does not exist', { day: '2026-02-30' }, 'day'],
    ['a date in another format', { day: { $in: ['2026/03/01'] } }, 'day.$in[0]'],
    ['text that is not a datetime', { at: { $gte: 'yesterday' } }, 'at.$gte'],
    ['a datetime without a zone', { at: '2026-03-01T16:00:00' }, 'at'],
    ['a day in $in on a datetime field (only $eq, $ne and ranges take a day)', { at: { $in: ['2026-03-01'] } }, 'at.$in[0]'],
    ['a number on a relation id', { 'part.id': 5 }, 'part.id'],
    ['a list as a plain value', { tags: ['a', 'b'] }, 'tags'],
    ['$in with a single value', { note: { $in: 'NUT' } }, 'note.$in'],
    ['$in with more than 500 values', { qty: { $in: Array.from({ length: 501 }, (_, i) => i) } }, 'qty.$in'],
    ['$exists with text', { qty: { $exists: 'yes' } }, 'qty.$exists'],
    ['$regex with a number', { note: { $regex: 5 } }, 'note.$regex'],
    ['$regex longer than 200 characters', { note: { $regex: 'a'.repeat(201) } }, 'note.$regex'],
    ['a mistyped value deep in $and', { $and: [{ qty: { $gte: 1 } }, { qty: { $lte: 'x' } }] }, '$and[1].qty.$lte'],
    ['an empty condition', { qty: {} }, 'qty'],
    ['an empty $or', { $or: [] }, '$or'],
    ['$and that is not a list', { $and: { qty: 1 } }, '$and'],
  ])('%s', async (_name, filter, path) => {
    await refused(filter, path);
  });
});

describe('injection and unknown names are refused, naming the path', () => {
  test.each([
    ['$where', { $where: 'sleep(1000)' }, '$where'],
    ['$expr', { $expr: { $eq: ['$note', '$name'] } }, '$expr'],
    ['$nor at the top', { $nor: [{ qty: 1 }] }, '$nor'],
    ['$where inside $or', { $or: [{ qty: 1 }, { $where: 'true' }] }, '$or[1].$where'],
    ['an operator on a field that is not in the list', { qty: { $between: [1, 2] } }, 'qty.$between'],
    ['$not', { note: { $not: { $eq: 'x' } } }, 'note.$not'],
    ['$elemMatch', { tags: { $elemMatch: { $eq: 'a' } } }, 'tags.$elemMatch'],
    ['$size', { tags: { $size: 0 } }, 'tags.$size'],
    ['$options beside $regex (the options are ours)', { note: { $regex: 'x', $options: 's' } }, 'note.$options'],
    ['$function in value position', { note: { $function: { body: 'return true', args: [], lang: 'js' } } }, 'note.$function'],
    ['an operator where a plain value is expected ($eq)', { note: { $eq: { $gt: '' } } }, 'note.$eq'],
    ['an operator where a plain value is expected ($ne)', { note: { $ne: { $regex: '' } } }, 'note.$ne'],
    ['an operator where a plain value is expected ($in)', { note: { $in: [{ $gt: '' }] } }, 'note.$in[0]'],
    ['an operator where a plain value is expected (relation id $nin)', { 'part.id': { $nin: [{ $exists: true }] } }, 'part.id.$nin[0]'],
    ['an operator where a plain value is expected (lookup of any type)', { partCode: { $eq: { $gt: '' } } }, 'partCode.$eq'],
    ['__proto__ at the top', '{"__proto__":{"polluted":true}}', '__proto__'],
    ['__proto__ as an operator', '{"note":{"__proto__":{"$gt":""}}}', 'note.__proto__'],
    ['constructor', '{"constructor":{"name":"x"}}', 'constructor'],
    ['prototype inside $or', '{"$or":[{"prototype":1}]}', '$or[0].prototype'],
    ['a field that does not exist', { ghost: 1 }, 'ghost'],
    ['a subform column that does not exist, inside $or', { $or: [{ note: 'x' }, { 'lines.ghost': 1 }] }, '$or[1].lines.ghost'],
    ['a relation field itself (its id and display are the filterable paths)', { part: 'PA' }, 'part'],
    ['a path below a field', { 'note.length': 3 }, 'note.length'],
    ['a filter that is not an object', '[{"qty":1}]', '$'],
    ['malformed JSON', '{"qty":', 'filter'],
    [
      'nesting deeper than 6',
      { $and: [{ $and: [{ $and: [{ $and: [{ $and: [{ $and: [{ $and: [{ qty: 1 }] }] }] }] }] }] }] },
      '$and[0].$and[0].$and[0].$and[0].$and[0].$and[0].$and[0]',
    ],
  ])('%s', async (_name, filter, path) => {
    await refused(filter, path);
  });

  test('a __proto__ key in a POST body never reaches the filter', async () => {
    const res = await t.inject('POST', `${url}/query`, '{"filter":{"__proto__":{"polluted":true}}}', { 'content-type': 'application/json' });
    expect({ status: res.statusCode, code: res.json().error.code }).toEqual({ status: 400, code: 'BAD_REQUEST' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // A record has no one place in an order by a list: pages repeated records (lines.lqty) or
  // failed on their cursor (tags), and export, which follows the cursor, never ended.
  test.each([
    ['a multi-select', 'tags', 'sort.tags'],
    ['several members, descending', '-team', 'sort.team'],
    ['a subform column', 'lines.lqty', 'sort.lines.lqty'],
    ['several relations', 'parts.id', 'sort.parts.id'],
    ['several relations by display, after a field that sorts', 'qty,parts.display', 'sort.parts.display'],
  ])('sorting by %s, a list, is refused, naming it', async (_name, sort, path) => {
    for (const call of [`${url}?sort=${sort}&limit=2`, `${url}/export?sort=${sort}`]) {
      const res = await t.inject('GET', call);
      expect({ status: res.statusCode, code: res.json().error?.code, path: res.json().error?.details?.[0]?.path }).toEqual({ status: 400, code: 'INVALID_FILTER', path });
    }
  });

  test('sorting by an unknown field is refused, naming it', async () => {
    const res = await t.inject('GET', `${url}?sort=-ghost`);
    expect({ status: res.statusCode, code: res.json().error.code, path: res.json().error.details[0].path }).toEqual({ status: 400, code: 'INVALID_FILTER', path: 'sort.ghost' });
  });

  test('six levels of nesting are accepted', async () => {
    expect(await match({ $and: [{ $and: [{ $and: [{ $and: [{ $and: [{ $and: [{ qty: 5 }] }] }] }] }] }] })).toEqual(['R1']);
  });
});

// Files, a signature and a place are objects (or lists of them): "filled" once compared them
// with '' as text, which an object never matches, and "blank" then matched every record.
describe('a file, image, signature or place, a lookup of one, and such a subform cell: filled or blank', () => {
  const base = '/api/apps/objs/forms';
  const file = (id: string) => ({ id, name: `${id}.png`, size: 10, contentType: 'image/png' });
  const names = async (query: string) => {
    const res = await t.inject('GET', `${base}/kit/records?limit=200&${query}`);
    return { status: res.statusCode, names: res.statusCode === 200 ? res.json().items.map((r: { name: string }) => r.name).sort() : res.json().error };
  };

  beforeAll(async () => {
    expect((await t.inject('POST', '/api/apps', { id: 'objs', name: '对象' })).statusCode).toBe(201);
    const src = {
      id: 'src', title: '来源', fields: [
        { id: 'code', type: 'text', label: '编码' },
        { id: 'sig', type: 'signature', label: '签名' },
        { id: 'tags', type: 'multiselect', label: '标签', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
      ],
    };
    const kit = {
      id: 'kit', title: '套件', fields: [
        { id: 'name', type: 'text', label: '名称' },
        { id: 'sig', type: 'signature', label: '签名' },
        { id: 'loc', type: 'location', label: '位置' },
        { id: 'att', type: 'attachment', label: '附件' },
        { id: 'img', type: 'image', label: '图片' },
        { id: 'src', type: 'relation', label: '来源', formId: 'src', displayField: 'code' },
        { id: 'srcSig', type: 'lookup', label: '来源签名', relationField: 'src', targetField: 'sig' },
        { id: 'srcTags', type: 'lookup', label: '来源标签', relationField: 'src', targetField: 'tags' },
        { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'item', type: 'text', label: '物品' }, { id: 'signed', type: 'signature', label: '签收' }] },
      ],
    };
    for (const f of [src, kit]) {
      const res = await t.inject('POST', base, f);
      if (res.statusCode !== 201) throw new Error(`form ${f.id}: ${res.statusCode} ${res.body}`);
    }
    await t.publish('objs');
    const s1 = (await t.inject('POST', `${base}/src/records`, { code: 'S1', sig: file('s1'), tags: ['a'] })).json()._id;
    const s2 = (await t.inject('POST', `${base}/src/records`, { code: 'S2', sig: null, tags: [] })).json()._id;
    const kits = [
      // K1: everything filled; one of its rows is signed, the other not.
      { name: 'K1', sig: file('k1'), loc: { lat: 31.2, lng: 121.5 }, att: [file('a1')], img: [file('i1')], src: { id: s1 }, lines: [{ item: 'x', signed: null }, { item: 'y', signed: file('l1') }] },
      // K2: blank in every way the API allows (null, empty lists), a source without a signature, a row unsigned.
      { name: 'K2', sig: null, loc: null, att: [], img: null, src: { id: s2 }, lines: [{ item: 'z', signed: null }] },
      { name: 'K3' },
    ];
    for (const k of kits) expect((await t.inject('POST', `${base}/kit/records`, k)).statusCode).toBe(201);
  });

  test.each([
    ['signature', 'sig'],
    ['location', 'loc'],
    ['attachment (a list of files)', 'att'],
    ['image (a list of files)', 'img'],
    ['lookup of a signature', 'srcSig'],
    ['lookup of a multi-select', 'srcTags'],
    ['subform cell: some row is signed', 'lines.signed'],
  ])('%s: $exists true is the filled record, false the others', async (_name, path) => {
    expect(await names(`filter=${q({ [path]: { $exists: true } })}`)).toEqual({ status: 200, names: ['K1'] });
    expect(await names(`filter=${q({ [path]: { $exists: false } })}`)).toEqual({ status: 200, names: ['K2', 'K3'] });
  });

  test('"filled" joins other conditions and $or', async () => {
    expect(await names(`filter=${q({ att: { $exists: false }, $or: [{ sig: { $exists: false } }, { name: 'K1' }] })}`)).toEqual({ status: 200, names: ['K2', 'K3'] });
  });

  test('sorting by an object or a list of files is refused; by a lookup that holds a list, once it holds one', async () => {
    for (const [sort, path] of [['sig', 'sort.sig'], ['-att', 'sort.att'], ['lines.signed', 'sort.lines.signed'], ['srcTags', 'sort.srcTags']]) {
      expect(await names(`sort=${sort}`)).toEqual({ status: 400, names: expect.objectContaining({ code: 'INVALID_FILTER', details: [expect.objectContaining({ path })] }) });
    }
  });
});

describe('in a tenant on America/Los_Angeles (TESSERA_TIME_ZONE)', () => {
  let la: TestApp;
  const events = '/api/apps/tz/forms/events/records';
  // Instants around the Los Angeles midnights of 2 and 3 March (08:00 UTC, winter time). Read in
  // Shanghai, the default zone, 2 March would be L1, L2 and L3 instead.
  const at: Record<string, string> = {
    L1: '2026-03-01T16:00:00Z', // 1 March 08:00 in LA (2 March 00:00 in Shanghai)
    L2: '2026-03-02T07:59:59Z', // 1 March 23:59:59 in LA
    L3: '2026-03-02T08:00:00Z', // 2 March 00:00 in LA
    L4: '2026-03-03T07:59:59Z', // 2 March 23:59:59 in LA
    L5: '2026-03-03T08:00:00Z', // 3 March 00:00 in LA
  };
  beforeAll(async () => {
    la = await startTestApp({ env: { TESSERA_TIME_ZONE: 'America/Los_Angeles' } });
    expect((await la.inject('POST', '/api/apps', { id: 'tz', name: '时区' })).statusCode).toBe(201);
    const form = { id: 'events', title: '事件', fields: [{ id: 'label', type: 'text', label: '名称' }, { id: 'at', type: 'datetime', label: '时间' }] };
    expect((await la.inject('POST', '/api/apps/tz/forms', form)).statusCode).toBe(201);
    await la.publish('tz');
    for (const [label, instant] of Object.entries(at)) expect((await la.inject('POST', events, { label, at: instant })).statusCode).toBe(201);
  });
  afterAll(() => la.close());

  test.each([
    ['$eq a day', { at: '2026-03-02' }, ['L3', 'L4']],
    ['$ne a day', { at: { $ne: '2026-03-02' } }, ['L1', 'L2', 'L5']],
    ['$lte a day (to its end)', { at: { $lte: '2026-03-01' } }, ['L1', 'L2']],
    ['$gt a day (from the next)', { at: { $gt: '2026-03-02' } }, ['L5']],
    ['$gte and $lt days', { at: { $gte: '2026-03-02', $lt: '2026-03-03' } }, ['L3', 'L4']],
  ])('a day on a datetime field is the Los Angeles day: %s', async (_name, filter, expected) => {
    const res = await la.inject('GET', `${events}?limit=200&filter=${q(filter)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: { label: string }) => r.label).sort()).toEqual(expected);
  });
});
