// Kanban boards (issue #10), through HTTP: GET …/records/board gives each column's key, count and
// first cards over exactly what the list shows: a select's options in the form's order, the
// people present in a member field, and the records without a value; "load more" of a column is
// the plain list with the column's filter and cursor; a filter, a search and a member's
// permission set narrow the cards as they narrow the list; a field that cannot make columns is 400.
import { startTestApp, type TestApp } from '../helpers/app';
import { grant } from '../helpers/access';

let t: TestApp;
const recs = '/api/apps/kb/forms/tasks/records';
const people: Record<string, string> = {};
let zhang = '';

type Card = { _id: string; title: string; status?: string | null; owner?: string; qty?: number; remark?: string };
type Column = { key: string | null; total: number; items: Card[]; nextCursor: string | null };

// Twelve tasks: status todo ×5, doing ×4, done ×1, none ×2 (one missing, one null); owner 张三 ×6, 李四 ×4, none ×2.
const TASKS: Array<[string, string | null | undefined, 'zhang' | 'li' | null, number]> = [
  ['T01', 'todo', 'zhang', 1], ['T02', 'todo', 'li', 2], ['T03', 'doing', 'zhang', 3], ['T04', 'todo', 'zhang', 4],
  ['T05', 'doing', 'li', 5], ['T06', 'done', 'zhang', 6], ['T07', 'todo', null, 7], ['T08', undefined, 'li', 8],
  ['T09', 'doing', 'zhang', 9], ['T10', 'todo', 'li', 10], ['T11', null, null, 11], ['T12', 'doing', 'zhang', 12],
];

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.inject('POST', '/api/apps', { id: 'kb', name: '任务看板' })).statusCode).toBe(201);
  const form = {
    id: 'tasks', title: '任务', titleField: 'title',
    fields: [
      { id: 'title', type: 'text', label: '标题', searchable: true },
      { id: 'status', type: 'select', label: '状态', options: [{ value: 'todo', label: '待办', color: 'blue' }, { value: 'doing', label: '进行中', color: 'orange' }, { value: 'done', label: '完成', color: 'green' }] },
      { id: 'owner', type: 'member', label: '负责人' },
      { id: 'watchers', type: 'member', label: '关注人', multiple: true },
      { id: 'qty', type: 'number', label: '数量' },
      { id: 'remark', type: 'text', label: '备注' },
    ],
  };
  expect((await t.inject('POST', '/api/apps/kb/forms', form)).statusCode).toBe(201);
  await t.publish('kb');
  const z = await t.createUser({ username: 'zhang', displayName: '张三' });
  const l = await t.createUser({ username: 'li', displayName: '李四' });
  people.zhang = z.user._id as string;
  people.li = l.user._id as string;
  zhang = z.cookie;
  for (const [title, status, owner, qty] of TASKS) {
    const body = { title, qty, remark: `备注 ${title}`, ...(status === undefined ? {} : { status }), ...(owner ? { owner: people[owner] } : {}) };
    expect((await t.inject('POST', recs, body)).statusCode).toBe(201);
  }
  // 张三 sees the tasks he is responsible for, and nothing else.
  await grant(t, 'kb', { name: '负责人', users: [people.zhang], forms: { tasks: { actions: ['view', 'edit'], scope: { kind: 'namedIn', fields: ['owner'] } } } });
});
afterAll(() => t.close());

const board = async (query: string, cookie?: string) => {
  const res = cookie ? await t.injectAs(cookie, 'GET', `${recs}/board?${query}`) : await t.inject('GET', `${recs}/board?${query}`);
  expect([res.statusCode, res.statusCode === 200 ? '' : res.body]).toEqual([200, '']);
  return res.json() as { columns: Column[]; truncated: boolean };
};
const titles = (items: Card[]) => items.map((c) => c.title);
const summary = (columns: Column[]) => columns.map((c) => [c.key, c.total, titles(c.items)]);
const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));

describe('columns, counts and cards', () => {
  test("by a select: the options in the form's order, then the blank column (missing and null alike), newest first", async () => {
    const body = await board('by=status');
    expect(summary(body.columns)).toEqual([
      ['todo', 5, ['T10', 'T07', 'T04', 'T02', 'T01']],
      ['doing', 4, ['T12', 'T09', 'T05', 'T03']],
      ['done', 1, ['T06']],
      [null, 2, ['T11', 'T08']],
    ]);
    expect(body.truncated).toBe(false);
    expect(body.columns.every((c) => c.nextCursor === null)).toBe(true);
  });

  test('an option no record holds is an empty column, not a missing one', async () => {
    const body = await board(`by=status&filter=${enc({ status: { $ne: 'done' } })}`);
    expect(body.columns.map((c) => [c.key, c.total, c.items.length])).toEqual([['todo', 5, 5], ['doing', 4, 4], ['done', 0, 0], [null, 2, 2]]);
  });

  test('by a member field: the people present, most cards first, then the blank column', async () => {
    const body = await board('by=owner');
    expect(summary(body.columns)).toEqual([
      [people.zhang, 6, ['T12', 'T09', 'T06', 'T04', 'T03', 'T01']],
      [people.li, 4, ['T10', 'T08', 'T05', 'T02']],
      [null, 2, ['T11', 'T07']],
    ]);
  });

  test('a column has what the list filtered by its key has, in the same order; "load more" is that list after the column\'s cursor', async () => {
    const body = await board('by=status&limit=2');
    expect(body.columns.map((c) => [c.key, c.total, titles(c.items), c.nextCursor !== null])).toEqual([
      ['todo', 5, ['T10', 'T07'], true],
      ['doing', 4, ['T12', 'T09'], true],
      ['done', 1, ['T06'], false],
      [null, 2, ['T11', 'T08'], false],
    ]);
    for (const col of body.columns) {
      const filter = col.key === null ? { status: { $exists: false } } : { status: col.key };
      const seen = [...titles(col.items)];
      let cursor = col.nextCursor;
      while (cursor) {
        const page = (await t.inject('GET', `${recs}?limit=2&filter=${enc(filter)}&cursor=${encodeURIComponent(cursor)}`)).json();
        expect(page.total).toBe(col.total);
        seen.push(...titles(page.items));
        cursor = page.nextCursor;
      }
      const all = (await t.inject('GET', `${recs}?limit=50&filter=${enc(filter)}`)).json();
      expect({ key: col.key, cards: seen }).toEqual({ key: col.key, cards: titles(all.items) });
    }
  });

  test('cardFields: each card carries those fields, the column field and the system fields only', async () => {
    const body = await board('by=status&cardFields=title,qty&limit=1');
    const card = body.columns[0].items[0] as Record<string, unknown>;
    expect(Object.keys(card).filter((k) => !k.startsWith('_')).sort()).toEqual(['qty', 'status', 'title']);
    expect(card._v).toBe(1);
  });
});

describe('what narrows the list narrows the board', () => {
  test('a filter and a search narrow the cards and the counts', async () => {
    const filtered = await board(`by=status&filter=${enc({ qty: { $gte: 6 } })}`);
    expect(summary(filtered.columns)).toEqual([['todo', 2, ['T10', 'T07']], ['doing', 2, ['T12', 'T09']], ['done', 1, ['T06']], [null, 2, ['T11', 'T08']]]);
    const searched = await board(`by=owner&q=${encodeURIComponent('T1')}`);
    // One card each: people with as many cards come in the order of their ids.
    const tied = [[people.li, 1, ['T10']], [people.zhang, 1, ['T12']]].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(summary(searched.columns)).toEqual([...tied, [null, 1, ['T11']]]);
  });

  test("a member restricted by a permission set sees only their rows: 张三's tasks, in every column", async () => {
    const byStatus = await board('by=status', zhang);
    expect(summary(byStatus.columns)).toEqual([['todo', 2, ['T04', 'T01']], ['doing', 3, ['T12', 'T09', 'T03']], ['done', 1, ['T06']], [null, 0, []]]);
    const byOwner = await board('by=owner', zhang);
    expect(summary(byOwner.columns)).toEqual([[people.zhang, 6, ['T12', 'T09', 'T06', 'T04', 'T03', 'T01']], [null, 0, []]]);
    // Their cards say what they may do with them, as the list's rows do.
    expect((byOwner.columns[0].items[0] as { _access?: { actions: string[] } })._access?.actions).toEqual(['view', 'edit']);
  });

  test('a column field hidden on some of a member\'s records only is refused: those cards would sit in a column telling it', async () => {
    const { user, cookie } = await t.createUser({ username: 'zhao', displayName: '赵六' });
    // Their own tasks with the status, everyone's without it.
    await grant(t, 'kb', { name: '自己的状态', users: [user._id as string], forms: { tasks: { actions: ['view'], scope: { kind: 'namedIn', fields: ['owner'] } } } });
    await grant(t, 'kb', { name: '全部不看状态', users: [user._id as string], forms: { tasks: { actions: ['view'], fields: { status: 'hidden' } } } });
    const res = await t.injectAs(cookie, 'GET', `${recs}/board?by=status`, undefined, { 'accept-language': 'en-US' });
    expect([res.statusCode, res.json().error.code, res.json().error.details[0]]).toEqual([400, 'INVALID_FILTER', { path: 'by', message: '"status" is hidden on some of the records you see' }]);
    const zh = await t.injectAs(cookie, 'GET', `${recs}/board?by=status`, undefined, { 'accept-language': 'zh-CN' });
    expect(zh.json().error.message).toBe('该字段在部分记录上不可见，不能按它分列');
  });

  test('a column field hidden from a member is unknown to them', async () => {
    const { user, cookie } = await t.createUser({ username: 'wang', displayName: '王五' });
    await grant(t, 'kb', { name: '不看状态', users: [user._id as string], forms: { tasks: { actions: ['view'], fields: { status: 'hidden' } } } });
    const res = await t.injectAs(cookie, 'GET', `${recs}/board?by=status`, undefined, { 'accept-language': 'en-US' });
    expect([res.statusCode, res.json().error.code, res.json().error.details[0].path]).toEqual([400, 'INVALID_FILTER', 'by']);
    expect((await board('by=owner', cookie)).columns.map((c) => c.total)).toEqual([6, 4, 2]);
  });
});

describe('a select the form indexes (searchable)', () => {
  test('counts from the index give the same board; a value no option holds any more gets its own column', async () => {
    const form = { id: 'tasks2', title: '任务二', titleField: 'title', fields: [
      { id: 'title', type: 'text', label: '标题' },
      { id: 'status', type: 'select', label: '状态', searchable: true, options: [{ value: 'todo', label: '待办' }, { value: 'done', label: '完成' }] },
    ] };
    expect((await t.inject('POST', '/api/apps/kb/forms', form)).statusCode).toBe(201);
    await t.publish('kb');
    const url = '/api/apps/kb/forms/tasks2/records';
    for (const [title, status] of [['A', 'todo'], ['B', 'done'], ['C', null], ['D', 'todo']]) expect((await t.inject('POST', url, { title, status })).statusCode).toBe(201);
    const read = async () => ((await t.inject('GET', `${url}/board?by=status`)).json().columns as Column[]).map((c) => [c.key, c.total, titles(c.items)]);
    expect(await read()).toEqual([['todo', 2, ['D', 'A']], ['done', 1, ['B']], [null, 1, ['C']]]);
    // An option removed since a record was saved: the record keeps its value, and a column.
    const at = new Date().toISOString();
    await t.store.collection('r_tasks2').insertOne({ _v: 1, _createdAt: at, _createdBy: 'x', _updatedAt: at, _updatedBy: 'x', _deleted: false, _deletedAt: null, _formVersion: 1, _depts: [], title: 'E', status: 'dropped' });
    expect(await read()).toEqual([['todo', 2, ['D', 'A']], ['done', 1, ['B']], ['dropped', 1, ['E']], [null, 1, ['C']]]);
  });
});

describe('refusals', () => {
  test('a column field that is unknown, a text field or a multiple member field is 400 naming `by`', async () => {
    for (const by of ['ghost', 'title', 'qty', 'watchers']) {
      const res = await t.inject('GET', `${recs}/board?by=${by}`, undefined, { 'accept-language': 'en-US' });
      expect([by, res.statusCode, res.json().error.code, res.json().error.details[0].path]).toEqual([by, 400, 'INVALID_FILTER', 'by']);
    }
    const zh = async (query: string) => (await t.inject('GET', `${recs}/board?${query}`, undefined, { 'accept-language': 'zh-CN' })).json().error.message;
    expect(await zh('by=title')).toBe('看板的列只能来自单选字段或单个成员字段');
    expect(await zh('by=ghost')).toBe('没有字段“ghost”');
    expect(await zh('by=status&cardFields=ghost')).toBe('没有字段“ghost”');
    const en = (await t.inject('GET', `${recs}/board?by=qty`, undefined, { 'accept-language': 'en-US' })).json().error;
    expect(en.message).toBe('A kanban\'s columns come from a select or a single member field; "qty" is neither');
    expect((await t.inject('GET', `${recs}/board?by=ghost`, undefined, { 'accept-language': 'en-US' })).json().error.message).toBe('Unknown field "ghost"');
  });

  test('an unknown card field, a bad filter, a missing `by` or a page past 200 is 400', async () => {
    const card = await t.inject('GET', `${recs}/board?by=status&cardFields=title,ghost`, undefined, { 'accept-language': 'en-US' });
    expect([card.statusCode, card.json().error.details[0]]).toEqual([400, { path: 'cardFields.ghost', message: 'Unknown field "ghost"' }]);
    const filter = await t.inject('GET', `${recs}/board?by=status&filter=${enc({ ghost: 1 })}`);
    expect([filter.statusCode, filter.json().error.code, filter.json().error.details[0].path]).toEqual([400, 'INVALID_FILTER', 'ghost']);
    expect((await t.inject('GET', `${recs}/board`)).statusCode).toBe(400);
    expect((await t.inject('GET', `${recs}/board?by=status&limit=201`)).statusCode).toBe(400);
  });
});

describe('blank values and many people', () => {
  test('the blank column holds a select left "", null or never given, cards and count alike', async () => {
    const form = { id: 'tasks3', title: '任务三', titleField: 'title', fields: [
      { id: 'title', type: 'text', label: '标题' },
      { id: 'status', type: 'select', label: '状态', options: [{ value: 'todo', label: '待办' }] },
      { id: 'more', type: 'section', label: '更多', fields: [{ id: 'memo', type: 'text', label: '备忘' }] },
    ] };
    expect((await t.inject('POST', '/api/apps/kb/forms', form)).statusCode).toBe(201);
    await t.publish('kb');
    const url = '/api/apps/kb/forms/tasks3/records';
    for (const body of [{ title: 'A', status: '' }, { title: 'B', status: null }, { title: 'C' }, { title: 'D', status: 'todo' }]) expect((await t.inject('POST', url, body)).statusCode).toBe(201);
    const columns = (await t.inject('GET', `${url}/board?by=status`)).json().columns as Column[];
    expect(summary(columns)).toEqual([['todo', 1, ['D']], [null, 3, ['C', 'B', 'A']]]);
    // Stored as older versions and imports left them (a write through the API stores null): no key, "".
    const at = new Date().toISOString();
    const sys = { _v: 1, _createdAt: at, _createdBy: 'x', _updatedAt: at, _updatedBy: 'x', _deleted: false, _deletedAt: null, _formVersion: 1, _depts: [] };
    for (const extra of [{ title: 'E' }, { title: 'F', status: '' }]) await t.store.collection('r_tasks3').insertOne({ ...sys, ...extra });
    const read = async (query: string) => summary((await t.inject('GET', `${url}/board?by=status${query}`)).json().columns as Column[]);
    expect(await read('')).toEqual([['todo', 1, ['D']], [null, 5, ['F', 'E', 'C', 'B', 'A']]]);
    // A page of one: the blank column, past a page, is read on its own, newest first still.
    expect(await read('&limit=1')).toEqual([['todo', 1, ['D']], [null, 5, ['F']]]);
    // A field inside a section is a card field like any other.
    expect((await t.inject('POST', url, { title: 'G', status: 'todo', memo: '看这里' })).statusCode).toBe(201);
    const cards = (await t.inject('GET', `${url}/board?by=status&cardFields=title,memo`)).json().columns as Column[];
    expect(cards[0].items[0]).toMatchObject({ title: 'G', memo: '看这里' });
  });

  test('at most 50 people, those with the most cards; past 50 the board says it is truncated', async () => {
    const form = { id: 'tasks4', title: '任务四', titleField: 'title', fields: [
      { id: 'title', type: 'text', label: '标题' },
      { id: 'owner', type: 'member', label: '负责人' },
    ] };
    expect((await t.inject('POST', '/api/apps/kb/forms', form)).statusCode).toBe(201);
    await t.publish('kb');
    const url = '/api/apps/kb/forms/tasks4/records';
    const ids = Array.from({ length: 51 }, (_, i) => `u_${String(i + 1).padStart(2, '0')}`);
    const add = async (owner: string) => expect((await t.inject('POST', url, { title: owner, owner })).statusCode).toBe(201);
    // u_50 has two cards, the others one each: u_50 first, then by id.
    for (const owner of [...ids.slice(0, 50), 'u_50']) await add(owner);
    const read = async () => (await t.inject('GET', `${url}/board?by=owner&limit=1`)).json() as { columns: Column[]; truncated: boolean };
    const fifty = await read();
    expect([fifty.columns.map((c) => c.key), fifty.columns[0].total, fifty.truncated]).toEqual([['u_50', ...ids.slice(0, 49), null], 2, false]);
    await add('u_51');
    const past = await read();
    expect([past.columns.map((c) => c.key), past.truncated]).toEqual([['u_50', ...ids.slice(0, 49), null], true]);
  });
});
