// Saved views (issue #10, views item 1), through HTTP: personal views only their owner sees;
// shared views everyone who can see the form sees, but only those who manage it may share, change
// or make one the default; one default per form; a config is checked against the form; a stale
// _v is 409 with the current one; every change is audited; a form nobody may see has no views.
import { startTestApp, type TestApp } from '../helpers/app';
import { EVERYTHING, grant } from '../helpers/access';

let t: TestApp;
let member: string;
let other: string;
let outsider: string;
const views = '/api/apps/qa/forms/insp/views';

const table = (name: string, extra: Record<string, unknown> = {}) => ({
  name, type: 'table',
  config: { columns: [{ id: 'lot', width: 160 }, { id: 'qty' }], frozen: true, rowHeight: 'compact', sort: '-qty', groupBy: ['result'], summaries: [{ field: 'qty', fn: 'sum' }], filter: [{ field: 'result', path: 'result', op: '$eq', value: 'fail', text: '不合格' }] },
  ...extra,
});

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.inject('POST', '/api/apps', { id: 'qa', name: '质量' })).statusCode).toBe(201);
  const form = {
    id: 'insp', title: '检验单',
    fields: [
      { id: 'lot', type: 'text', label: '批次' },
      { id: 'qty', type: 'number', label: '数量' },
      { id: 'due', type: 'date', label: '到期' },
      { id: 'end', type: 'date', label: '结束' },
      { id: 'result', type: 'select', label: '结论', options: [{ value: 'pass', label: '合格' }, { value: 'fail', label: '不合格' }] },
      { id: 'owner', type: 'member', label: '负责人' },
      { id: 'team', type: 'member', label: '小组', multiple: true },
      { id: 'rows', type: 'subform', label: '明细', fields: [{ id: 'defect', type: 'text', label: '缺陷' }] },
    ],
  };
  expect((await t.inject('POST', '/api/apps/qa/forms', form)).statusCode).toBe(201);
  await t.publish('qa');
  const m = await t.createUser({ username: 'inspector' });
  const o = await t.createUser({ username: 'lead' });
  outsider = (await t.createUser({ username: 'outsider' })).cookie;
  await grant(t, 'qa', { users: [m.user._id as string, o.user._id as string], forms: { insp: { actions: EVERYTHING } } });
  member = m.cookie;
  other = o.cookie;
});
afterAll(() => t.close());

describe('personal views', () => {
  test('a member saves a view; it comes back as saved, and only they see it', async () => {
    const res = await t.injectAs(member, 'POST', views, table('我的不合格'));
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({ name: '我的不合格', type: 'table', shared: false, isDefault: false, editable: true, _v: 1, owner: { name: 'inspector' } });
    expect(v.config).toEqual(table('x').config);
    const mine = (await t.injectAs(member, 'GET', views)).json().items.map((x: { id: string }) => x.id);
    expect(mine).toContain(v.id);
    const theirs = (await t.injectAs(other, 'GET', views)).json().items.map((x: { id: string }) => x.id);
    expect(theirs).not.toContain(v.id);
    // Another member can neither change nor delete it: it does not exist for them.
    expect((await t.injectAs(other, 'PATCH', `${views}/${v.id}`, { _v: 1, name: 'x' })).json().error.code).toBe('NOT_FOUND');
    expect((await t.injectAs(other, 'DELETE', `${views}/${v.id}`)).statusCode).toBe(404);
  });

  test('a member may not share a view or make one the default (403), and nothing is saved', async () => {
    const before = (await t.injectAs(member, 'GET', views)).json().items.length;
    const res = await t.injectAs(member, 'POST', views, table('共享', { shared: true }));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect((await t.injectAs(member, 'GET', views)).json().items.length).toBe(before);
  });

  test('the owner renames it with its _v; a stale _v is 409 naming the current one', async () => {
    const v = (await t.injectAs(member, 'POST', views, table('待改'))).json();
    const renamed = await t.injectAs(member, 'PATCH', `${views}/${v.id}`, { _v: 1, name: '已改', config: { ...v.config, sort: 'lot' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '已改', _v: 2, config: { sort: 'lot' } });
    const stale = await t.injectAs(member, 'PATCH', `${views}/${v.id}`, { _v: 1, name: '又改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0]).toMatchObject({ path: '_v', current: 2 });
    expect((await t.injectAs(member, 'DELETE', `${views}/${v.id}`)).statusCode).toBe(204);
    expect((await t.injectAs(member, 'GET', views)).json().items.some((x: { id: string }) => x.id === v.id)).toBe(false);
  });
});

describe('shared views and the default', () => {
  test('an admin shares a view and makes it the default; members see it first but cannot change it', async () => {
    const a = (await t.inject('POST', views, table('全部', { shared: true, isDefault: true }))).json();
    expect(a).toMatchObject({ shared: true, isDefault: true, editable: true });
    const list = (await t.injectAs(member, 'GET', views)).json().items;
    expect(list[0]).toMatchObject({ id: a.id, isDefault: true, editable: false });
    const res = await t.injectAs(member, 'PATCH', `${views}/${a.id}`, { _v: 1, name: '改名' });
    expect(res.statusCode).toBe(403);
    expect((await t.injectAs(member, 'DELETE', `${views}/${a.id}`)).statusCode).toBe(403);

    // A second default takes over: one default per form.
    const b = (await t.inject('POST', views, { name: '看板', type: 'kanban', shared: true, isDefault: true, config: { kanban: { by: 'result', order: ['fail', 'pass'], folded: ['pass'], cardFields: ['lot', 'qty'] } } })).json();
    const after = (await t.injectAs(other, 'GET', views)).json().items;
    expect(after.filter((x: { isDefault: boolean }) => x.isDefault).map((x: { id: string }) => x.id)).toEqual([b.id]);
    expect(after[0].id).toBe(b.id);
  });

  test('a personal view cannot be the default; unsharing a default view unmarks it', async () => {
    const res = await t.inject('POST', views, table('个人默认', { isDefault: true }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'isDefault', code: 'personal_default' });
    const v = (await t.inject('POST', views, table('临时默认', { shared: true, isDefault: true }))).json();
    const unshared = (await t.inject('PATCH', `${views}/${v.id}`, { _v: 1, shared: false })).json();
    expect(unshared).toMatchObject({ shared: false, isDefault: false });
  });
});

describe('a view is checked against the form', () => {
  const issues = async (body: unknown) => {
    const res = await t.inject('POST', views, body);
    expect(res.statusCode).toBe(400);
    return res.json().error;
  };

  test('unknown fields, and fields of the wrong kind, each with its path', async () => {
    const e = await issues({ name: 'x', type: 'table', config: { columns: [{ id: 'lot' }, { id: 'nope' }], groupBy: ['rows'], summaries: [{ field: 'lot', fn: 'sum' }], sort: '-ghost', filter: [{ field: 'rows.nope', path: 'rows.nope', op: '$eq', value: 'a', text: 'a' }] } });
    expect(e.code).toBe('INVALID_VIEW');
    expect(e.details.map((d: { path: string; code: string }) => `${d.path} ${d.code}`)).toEqual([
      'config.columns[1].id unknown_field',
      'config.sort[0] unknown_field',
      'config.groupBy[0] wrong_field_type',
      'config.summaries[0].field wrong_field_type',
      'config.filter[0].field unknown_field',
    ]);
  });

  test('a view sorts by at most five fields, as a list does', async () => {
    const six = await t.inject('POST', views, { name: 's6', type: 'table', config: { sort: 'lot,-qty,result,_createdAt,_updatedAt,_id' } });
    expect([six.statusCode, six.json().error.details.map((d: { path: string }) => d.path)]).toEqual([400, ['/config/sort']]);
    const five = await t.inject('POST', views, { name: 's5', type: 'table', config: { sort: 'lot,-qty,result,_createdAt,_updatedAt' } });
    expect([five.statusCode, five.json().config.sort]).toEqual([201, 'lot,-qty,result,_createdAt,_updatedAt']);
  });

  test('a kanban needs a select or a single member field; a calendar a date; a Gantt two different dates', async () => {
    expect((await issues({ name: 'k', type: 'kanban', config: {} })).details[0]).toMatchObject({ path: 'config.kanban', code: 'required' });
    expect((await issues({ name: 'k', type: 'kanban', config: { kanban: { by: 'team' } } })).details[0]).toMatchObject({ path: 'config.kanban.by', code: 'wrong_field_type' });
    expect((await issues({ name: 'k', type: 'kanban', config: { kanban: { by: 'lot' } } })).details[0]).toMatchObject({ path: 'config.kanban.by', code: 'wrong_field_type' });
    expect((await t.inject('POST', views, { name: 'k', type: 'kanban', config: { kanban: { by: 'owner' } } })).statusCode).toBe(201);
    expect((await issues({ name: 'c', type: 'calendar', config: { calendar: { date: 'qty' } } })).details[0]).toMatchObject({ path: 'config.calendar.date', code: 'wrong_field_type' });
    expect((await t.inject('POST', views, { name: 'c', type: 'calendar', config: { calendar: { date: 'due', mode: 'week' } } })).statusCode).toBe(201);
    expect((await issues({ name: 'g', type: 'gantt', config: { gantt: { start: 'due', end: 'due' } } })).details[0]).toMatchObject({ path: 'config.gantt.end', code: 'same_field' });
    expect((await t.inject('POST', views, { name: 'g', type: 'gantt', config: { gantt: { start: 'due', end: 'end' } } })).statusCode).toBe(201);
  });

  test('malformed bodies are refused by the route schema: unknown keys, a bad type, an operator as a key', async () => {
    expect((await t.inject('POST', views, { name: 'x', type: 'pivot', config: {} })).statusCode).toBe(400);
    expect((await t.inject('POST', views, { name: 'x', type: 'table', config: { where: 'this.qty > 1' } })).statusCode).toBe(400);
    expect((await t.inject('POST', views, { name: 'x', type: 'table', config: { filter: [{ field: 'lot', path: 'lot', op: '$where', value: { $gt: 1 }, text: '' }] } })).statusCode).toBe(400);
    expect((await t.inject('POST', views, { name: '   ', type: 'table', config: {} })).statusCode).toBe(400);
  });
});

test('a member with no access to the form has no views of it (404), and cannot save one', async () => {
  expect((await t.injectAs(outsider, 'GET', views)).statusCode).toBe(404);
  expect((await t.injectAs(outsider, 'POST', views, table('x'))).statusCode).toBe(404);
});

test('every change to a view is in the audit trail', async () => {
  const v = (await t.inject('POST', views, table('审计'))).json();
  await t.inject('PATCH', `${views}/${v.id}`, { _v: 1, name: '审计2' });
  await t.inject('DELETE', `${views}/${v.id}`);
  const entries = await t.store.collection<{ _id: string; action: string; recordId: string }>('audit').find({ collection: 'views', recordId: v.id }, { sort: { _id: 1 } });
  expect(entries.map((e) => e.action)).toEqual(['view.create', 'view.update', 'view.delete']);
});

describe('the fields views arrange records by are indexed', () => {
  const viewIndexNames = async (form = 'r_insp') => (await t.store.collection(form).listIndexes()).map((s) => s.name ?? '').filter((n) => n.startsWith('v_')).sort();

  test('a shared kanban, calendar, Gantt and sort each index their field; a personal view none; deleting the views drops them', async () => {
    const before = await viewIndexNames();
    // A member's personal views build no index (any member may keep them).
    const personal = await t.injectAs(member, 'POST', views, { name: 'ix-p', type: 'kanban', config: { kanban: { by: 'owner' } } });
    expect(personal.statusCode).toBe(201);
    expect(await viewIndexNames()).toEqual(before);
    const made = [
      (await t.inject('POST', views, { name: 'ix-k', type: 'kanban', shared: true, config: { kanban: { by: 'owner' } } })).json().id,
      (await t.inject('POST', views, { name: 'ix-c', type: 'calendar', shared: true, config: { calendar: { date: 'end' } } })).json().id,
      (await t.inject('POST', views, { name: 'ix-s', type: 'table', shared: true, config: { sort: '-lot' } })).json().id,
    ];
    const during = await viewIndexNames();
    expect(during).toEqual(expect.arrayContaining(['v_owner', 'v_end', 'v_lot']));
    for (const id of made) expect((await t.inject('DELETE', `${views}/${id}`)).statusCode).toBe(204);
    // What other shared views still ask for stays; what only these asked for goes.
    const remaining = await t.store.collection<{ _id: string; config: { kanban?: { by: string }; calendar?: { date: string }; gantt?: { start: string }; sort?: string } }>('views').find({ appId: 'qa', formId: 'insp', shared: true });
    const asked = new Set(remaining.flatMap((v) => [v.config.kanban?.by, v.config.calendar?.date, v.config.gantt?.start, v.config.sort?.split(',')[0].replace(/^-/, '')]).filter(Boolean).map((f) => `v_${f}`));
    expect(await viewIndexNames()).toEqual([...asked].sort());
    expect(before.every((n) => asked.has(n))).toBe(true);
  });

  test('a publish keeps the views\' indexes whose fields remain, and drops those of fields removed', async () => {
    expect((await t.inject('POST', '/api/apps', { id: 'vix', name: 'ix' })).statusCode).toBe(201);
    const fields = [{ id: 'a', type: 'date', label: 'A' }, { id: 'b', type: 'select', label: 'B', options: [{ value: 'x', label: 'X' }] }];
    expect((await t.inject('POST', '/api/apps/vix/forms', { id: 'vf', title: 'V', fields })).statusCode).toBe(201);
    await t.publish('vix');
    const vviews = '/api/apps/vix/forms/vf/views';
    expect((await t.inject('POST', vviews, { name: 'k', type: 'kanban', shared: true, config: { kanban: { by: 'b' } } })).statusCode).toBe(201);
    expect((await t.inject('POST', vviews, { name: 'c', type: 'calendar', shared: true, config: { calendar: { date: 'a' } } })).statusCode).toBe(201);
    expect(await viewIndexNames('r_vf')).toEqual(['v_a', 'v_b']);
    // Field b goes from the form: its index goes at the publish; a's stays.
    expect((await t.inject('PUT', '/api/apps/vix/forms/vf', { id: 'vf', title: 'V', fields: [fields[0], { id: 'c', type: 'text', label: 'C' }] })).statusCode).toBe(200);
    await t.publish('vix');
    expect(await viewIndexNames('r_vf')).toEqual(['v_a']);
  });

  test('at most nine a form; a searchable field needs none of its own', async () => {
    expect((await t.inject('POST', '/api/apps', { id: 'vcap', name: 'cap' })).statusCode).toBe(201);
    const fields = Array.from({ length: 12 }, (_, i) => ({ id: `n${i}`, type: 'number', label: `N${i}`, ...(i === 0 ? { searchable: true } : {}) }));
    expect((await t.inject('POST', '/api/apps/vcap/forms', { id: 'cf', title: 'C', fields })).statusCode).toBe(201);
    await t.publish('vcap');
    for (let i = 0; i < 12; i++) expect((await t.inject('POST', '/api/apps/vcap/forms/cf/views', { name: `s${i}`, type: 'table', shared: true, config: { sort: `n${i}` } })).statusCode).toBe(201);
    const names = await viewIndexNames('r_cf');
    expect(names).toHaveLength(9);
    expect(names).not.toContain('v_n0');
  });
});
