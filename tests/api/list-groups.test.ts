// Grouped views (docs/records-api.md, "groups"), through HTTP: groups in value order as a person
// reads them (texts in pinyin order, numbers by value, blanks last), figures without float noise,
// a blank group merged from values stored three ways, what a relation with an empty display shows,
// and what cannot be grouped refused naming it.
import { startTestApp, type TestApp } from '../helpers/app';
import { grant } from '../helpers/access';

let t: TestApp;
const base = '/api/apps/grp/forms';
const recs = (form: string) => `${base}/${form}/records`;
const groups = async (query: string) => t.inject('GET', `${recs('grp_items')}/groups?${query}`, undefined, { 'accept-language': 'en-US' });
type Group = { key: unknown[]; label: unknown[]; count: number; summaries: Record<string, number | null> };

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.inject('POST', '/api/apps', { id: 'grp', name: '分组' })).statusCode).toBe(201);
  const owners = { id: 'grp_owners', title: '负责人', fields: [{ id: 'name', type: 'text', label: '姓名' }] };
  const items = {
    id: 'grp_items', title: '条目',
    fields: [
      { id: 'grade', type: 'text', label: '等级' },
      { id: 'size', type: 'number', label: '尺寸' },
      { id: 'n', type: 'number', label: '数' },
      { id: 'owner', type: 'relation', label: '负责人', formId: 'grp_owners', displayField: 'name' },
      { id: 'tags', type: 'multiselect', label: '标签', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
      { id: 'sign', type: 'signature', label: '签名' },
    ],
  };
  expect((await t.inject('POST', base, owners)).statusCode).toBe(201);
  expect((await t.inject('POST', base, items)).statusCode).toBe(201);
  await t.publish('grp');
  const named = (await t.inject('POST', recs('grp_owners'), { name: '王工' })).json()._id as string;
  const unnamed = (await t.inject('POST', recs('grp_owners'), {})).json()._id as string;
  // grade: 甲 (jiǎ), 乙 (yǐ), 丙 (bǐng), x (after "null" as text) and three blanks (null, "",
  // never given); n: 0.1 + 0.2 in 甲.
  const rows = [
    { grade: '甲', size: 9, n: 0.1, owner: { id: named } },
    { grade: '乙', size: 10, n: 1, owner: { id: unnamed } },
    { grade: '丙', size: 2, n: 4 },
    { grade: '甲', n: 0.2 },
    { grade: null, size: 10, n: 2 },
    { grade: '', n: 5 },
    { n: 3 },
    { grade: 'x' },
  ];
  for (const row of rows) expect((await t.inject('POST', recs('grp_items'), row)).statusCode).toBe(201);
});
afterAll(() => t.close());

test('texts come in pinyin order (丙 bǐng, 甲 jiǎ, 乙 yǐ, then Latin), then the blanks, even after what sorts after "null"', async () => {
  const body = (await groups('by=grade')).json();
  expect(body.groups.map((g: Group) => [g.label[0], g.count])).toEqual([['丙', 1], ['甲', 2], ['乙', 1], ['x', 1], [null, 3]]);
});

test('numbers come by value (2 before 9 before 10, not as texts), then the blanks', async () => {
  const body = (await groups('by=size')).json();
  expect(body.groups.map((g: Group) => [g.key[0], g.count])).toEqual([[2, 1], [9, 1], [10, 2], [null, 4]]);
});

test('figures carry no float noise: 0.1 + 0.2 sums to 0.3, averages to 0.15', async () => {
  const body = (await groups('by=grade&summaries=n:sum,n:avg')).json();
  expect(body.groups.find((g: Group) => g.key[0] === '甲').summaries).toEqual({ 'n:sum': 0.3, 'n:avg': 0.15 });
  expect(body.total.summaries).toEqual({ 'n:sum': 15.3, 'n:avg': 2.18571428571429 });
});

test('a blank group merged from null, "" and never given has the minimum, average and maximum of all three', async () => {
  const body = (await groups('by=grade&summaries=n:min,n:avg,n:max')).json();
  expect(body.groups[4]).toEqual({ key: [null], label: [null], count: 3, summaries: { 'n:min': 2, 'n:avg': 3.33333333333333, 'n:max': 5 } });
});

test('a related record whose display field is empty shows a blank label, its id still the key', async () => {
  const body = (await groups('by=owner')).json();
  const [first, ...blanks] = body.groups as Group[];
  expect([first.label, first.count]).toEqual([['王工'], 1]);
  // Two blank labels, in no order between them: the unnamed owner's group and the records with no owner.
  expect(blanks.map((g) => [g.label[0], g.count]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([[null, 1], [null, 6]]);
});

test('grouping by a list (several options) or an object (a signature) is 400 naming it', async () => {
  const cases: Array<[string, string, string]> = [
    ['by=tags', 'by.tags', 'Cannot group by "tags": it holds a list or an object'],
    ['by=sign', 'by.sign', 'Cannot group by "sign": it holds a list or an object'],
  ];
  for (const [query, path, message] of cases) {
    const res = await groups(query);
    expect([res.statusCode, res.json().error.code, res.json().error.details[0]]).toEqual([400, 'INVALID_FILTER', { path, message }]);
  }
  // A Chinese reader reads it in Chinese, the detail too.
  const zh = (await t.inject('GET', `${recs('grp_items')}/groups?by=tags`, undefined, { 'accept-language': 'zh-CN' })).json().error;
  expect([zh.message, zh.details[0].message]).toEqual(['不能按“tags”分组：它存的是列表或对象', '不能按“tags”分组：它存的是列表或对象']);
  const unknown = (await t.inject('GET', `${recs('grp_items')}/groups?by=grade&summaries=ghost:sum`, undefined, { 'accept-language': 'zh-CN' })).json().error;
  expect(unknown.message).toBe('不能汇总未知字段“ghost”');
  // In English, each refusal names what it refuses.
  const en: Array<[string, string, string]> = [
    ['by=ghost', 'by.ghost', 'Cannot group by unknown field "ghost"'],
    ['by=grade&summaries=ghost:sum', 'summaries.ghost:sum', 'Cannot summarize unknown field "ghost"'],
    ['by=grade&summaries=grade:sum', 'summaries.grade:sum', 'Cannot summarize "grade": it is not a number'],
  ];
  for (const [query, path, message] of en) {
    const res = await groups(query);
    expect([query, res.statusCode, res.json().error.details[0]]).toEqual([query, 400, { path, message }]);
  }
});

test('a field hidden on some of a member\'s records is neither grouped nor summed: the groups would tell what they cannot see', async () => {
  const { user, cookie } = await t.createUser({ username: 'qian', displayName: '钱七' });
  // The grade and the number on the size-10 items; everything else without them.
  await grant(t, 'grp', { name: '十号尺寸全看', users: [String(user._id)], forms: { grp_items: { actions: ['view'], scope: { kind: 'condition', filter: { size: 10 } } } } });
  await grant(t, 'grp', { name: '其余不看等级和数', users: [String(user._id)], forms: { grp_items: { actions: ['view'], fields: { grade: 'hidden', n: 'hidden' } } } });
  const ask = (query: string, lang: string) => t.injectAs(cookie, 'GET', `${recs('grp_items')}/groups?${query}`, undefined, { 'accept-language': lang });
  const by = await ask('by=grade', 'en-US');
  expect([by.statusCode, by.json().error.code, by.json().error.details[0]]).toEqual([400, 'INVALID_FILTER', { path: 'by.grade', message: '"grade" is hidden on some of the records you see' }]);
  expect((await ask('by=grade', 'zh-CN')).json().error.message).toBe('不能按“grade”分组：它在你能看到的部分记录上不可见');
  const sum = await ask('by=size&summaries=n:sum', 'en-US');
  expect([sum.statusCode, sum.json().error.details[0]]).toEqual([400, { path: 'summaries.n:sum', message: '"n" is hidden on some of the records you see' }]);
  // A field shown on every record they see groups as for anyone.
  const size = await ask('by=size', 'en-US');
  expect(size.statusCode).toBe(200);
  expect(size.json().groups.map((g: Group) => [g.key, g.count])).toEqual([[[2], 1], [[9], 1], [[10], 2], [[null], 4]]);
});

test('at most 1,000 groups, the first in value order; one more group and the answer says it is truncated', async () => {
  const form = { id: 'grp_many', title: '多组', fields: [{ id: 'k', type: 'number', label: '键' }] };
  expect((await t.inject('POST', base, form)).statusCode).toBe(201);
  await t.publish('grp');
  const add = async (from: number, to: number) => {
    for (let k = from; k <= to; k += 50) {
      const batch = Array.from({ length: Math.min(50, to - k + 1) }, (_, i) => t.inject('POST', recs('grp_many'), { k: k + i }));
      expect((await Promise.all(batch)).map((r) => r.statusCode)).toEqual(batch.map(() => 201));
    }
  };
  const many = async () => (await t.inject('GET', `${recs('grp_many')}/groups?by=k`)).json();
  await add(1, 1000);
  const full = await many();
  expect([full.groups.length, full.groups[999].key, full.total.count, full.truncated]).toEqual([1000, [1000], 1000, false]);
  await add(1001, 1001);
  const over = await many();
  expect([over.groups.length, over.groups[0].key, over.groups[999].key, over.total.count, over.truncated]).toEqual([1000, [1], [1000], 1001, true]);
}, 60_000);
