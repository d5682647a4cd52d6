// Access control through HTTP: permission sets per app (actions, row scopes, field modes), denied
// by default, the union rule per record, refused records answering 404, read-only fields in a
// write answering 403 with nothing written, and every read path (list, count, detail, search,
// filters, sorts, export, history, comments, the trash, relation pickers and autofill) asking
// the same check.
import { startTestApp, type TestApp } from '../helpers/app';
import { grant } from '../helpers/access';

let t: TestApp;
const recs = (form: string) => `/api/apps/qms/forms/${form}/records`;
const ids = (res: { json(): { items: Array<{ _id: string; code?: string }> } }) => res.json().items.map((r) => r.code).sort();

let deptX: string;
let deptY: string;
let deptY1: string;
/** Users: ann (in X and Y), bob (in Y1, below Y), cat (in X), dan (named by no set), eve (no department), fay (made an app admin). */
const u: Record<string, { id: string; cookie: string }> = {};
/** Records of `parts` by code. */
const rec: Record<string, { _id: string; _v: number; price?: number }> = {};

async function dept(name: string, parentId?: string): Promise<string> {
  const res = await t.inject('POST', '/api/departments', { name, ...(parentId ? { parentId } : {}) });
  expect(res.statusCode).toBe(201);
  return res.json().department._id;
}

async function user(username: string, departmentIds: string[]): Promise<void> {
  const { user: made, cookie } = await t.createUser({ username, departmentIds });
  u[username] = { id: String(made._id), cookie };
}

beforeAll(async () => {
  t = await startTestApp();
  deptX = await dept('质量部');
  deptY = await dept('采购部');
  deptY1 = await dept('采购一组', deptY);
  await user('ann', [deptX, deptY]);
  await user('bob', [deptY1]);
  await user('cat', [deptX]);
  await user('dan', []);
  await user('eve', []);
  await user('fay', []);
  expect((await t.inject('POST', '/api/apps', { id: 'qms', name: '质量' })).statusCode).toBe(201);
  const forms = [
    { id: 'suppliers', title: '供应商', fields: [
      { id: 'code', type: 'text', label: '编码', searchable: true },
      { id: 'rating', type: 'text', label: '评级' },
    ] },
    { id: 'parts', title: '来料', fields: [
      { id: 'code', type: 'text', label: '编码', searchable: true },
      { id: 'price', type: 'number', label: '单价' },
      { id: 'note', type: 'text', label: '备注', searchable: true },
      { id: 'remark', type: 'text', label: '评语', searchable: true },
      { id: 'status', type: 'text', label: '状态' },
      { id: 'inspector', type: 'member', label: '检验员' },
      { id: 'supplier', type: 'relation', label: '供应商', formId: 'suppliers', displayField: 'code', autofill: [{ from: 'rating', to: 'rating' }] },
      { id: 'rating', type: 'text', label: '评级' },
      { id: 'report', type: 'attachment', label: '报告' },
    ] },
  ];
  for (const f of forms) expect((await t.inject('POST', '/api/apps/qms/forms', f)).statusCode).toBe(201);
  await t.publish('qms');
  for (const code of ['S-A', 'S-B']) rec[code] = (await t.inject('POST', recs('suppliers'), { code, rating: `rating of ${code}` })).json();
  // Records made by people of X, of Y and of Y1 (a record belongs to its creator's departments).
  const make = async (who: string, code: string, extra: Record<string, unknown> = {}) => {
    await grant(t, 'qms', { name: `maker ${who} ${code}`, users: [u[who].id], forms: { parts: { actions: ['create'], scope: { kind: 'creator' } } } });
    const res = await t.injectAs(u[who].cookie, 'POST', recs('parts'), { code, price: 10, note: `note ${code}`, remark: `secret ${code}`, status: 'open', ...extra });
    expect(res.statusCode).toBe(201);
    rec[code] = await (await t.inject('GET', `${recs('parts')}/${res.json()._id}`)).json();
  };
  await make('cat', 'X-1');
  await make('cat', 'X-2', { inspector: u.ann.id });
  await make('bob', 'Y1-1');
  // Made by the admin: in no department.
  rec['N-1'] = (await t.inject('POST', recs('parts'), { code: 'N-1', price: 99, note: 'note N-1', status: 'open' })).json();
});
afterAll(() => t.close());

describe('denied by default', () => {
  test('a member no set names sees no app, no form and no record', async () => {
    const dan = u.dan.cookie;
    expect((await t.injectAs(dan, 'GET', '/api/apps')).json()).toEqual({ items: [] });
    for (const url of ['/api/apps/qms', '/api/apps/qms/published', '/api/apps/qms/forms', recs('parts'), `${recs('parts')}/${rec['X-1']._id}`]) {
      const res = await t.injectAs(dan, 'GET', url);
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 404, 'NOT_FOUND']);
    }
    const write = await t.injectAs(dan, 'POST', recs('parts'), { code: 'D-1' });
    expect(write.statusCode).toBe(404);
    expect((await t.inject('GET', `${recs('parts')}?filter=${encodeURIComponent(JSON.stringify({ code: 'D-1' }))}`)).json().total).toBe(0);
  });

  test('a set naming a department reaches the people of the departments below it only with withChildren', async () => {
    const without = await grant(t, 'qms', { name: 'Y only', departments: [{ id: deptY, withChildren: false }], forms: { suppliers: { actions: ['view'] } } });
    expect((await t.injectAs(u.bob.cookie, 'GET', recs('suppliers'))).statusCode).toBe(404);
    expect((await t.inject('DELETE', `/api/apps/qms/permission-sets/${without}`)).statusCode).toBe(204);
    const withKids = await grant(t, 'qms', { name: 'Y and below', departments: [{ id: deptY, withChildren: true }], forms: { suppliers: { actions: ['view'] } } });
    const res = await t.injectAs(u.bob.cookie, 'GET', recs('suppliers'));
    expect(res.statusCode).toBe(200);
    expect(ids(res)).toEqual(['S-A', 'S-B']);
    expect((await t.inject('DELETE', `/api/apps/qms/permission-sets/${withKids}`)).statusCode).toBe(204);
  });
});

describe('the union rule: rows and fields per set, never mixed', () => {
  let setX: string;
  let setY: string;
  beforeAll(async () => {
    // ann: X's records without the price; the records of Y and below with it.
    setX = await grant(t, 'qms', { name: 'X without price', users: [u.ann.id], forms: { parts: { actions: ['view', 'edit'], scope: { kind: 'department' }, fields: { price: 'hidden', remark: 'hidden', supplier: 'hidden', status: 'readonly' } } } });
    setY = await grant(t, 'qms', { name: 'Y with price', users: [u.ann.id], forms: { parts: { actions: ['view'], scope: { kind: 'condition', filter: { code: { $in: ['Y1-1'] } } } } } });
  });
  afterAll(async () => {
    for (const id of [setX, setY]) await t.inject('DELETE', `/api/apps/qms/permission-sets/${id}`);
  });

  test('the list holds the rows of either set, the price only on the rows of the set that shows it', async () => {
    const res = await t.injectAs(u.ann.cookie, 'GET', `${recs('parts')}?sort=code`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.map((r) => [r.code, r.price])).toEqual([['X-1', undefined], ['X-2', undefined], ['Y1-1', 10]]);
    expect(res.json().total).toBe(3);
    // The price is hidden on X-1, so it is not named read-only there.
    expect(items[0]._access).toEqual({ actions: ['view', 'edit'], readonly: ['status'] });
    expect(items[2]._access).toEqual({ actions: ['view'], readonly: [] });
  });

  test('a list asking for some fields gives those (where shown) and the system fields, nothing else', async () => {
    const res = await t.injectAs(u.ann.cookie, 'GET', `${recs('parts')}?sort=code&fields=code,price,inspector`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    const system = ['_access', '_createdAt', '_createdBy', '_deleted', '_deletedAt', '_depts', '_formVersion', '_id', '_updatedAt', '_updatedBy', '_v'];
    expect(items.map((r) => [r.code, Object.keys(r).filter((k) => !system.includes(k)).sort()])).toEqual([['X-1', ['code']], ['X-2', ['code', 'inspector']], ['Y1-1', ['code', 'price']]]);
    expect(Object.keys(items[0]).filter((k) => k.startsWith('_')).sort()).toEqual(system);
  });

  test('detail and history leave the hidden price out; a record of neither set is 404', async () => {
    const x1 = await t.injectAs(u.ann.cookie, 'GET', `${recs('parts')}/${rec['X-1']._id}`);
    expect(x1.statusCode).toBe(200);
    expect(x1.json()).not.toHaveProperty('price');
    expect(x1.json().code).toBe('X-1');
    // The admin changes X-1's price; ann's history of it shows the note change only.
    const changed = await t.inject('PATCH', `${recs('parts')}/${rec['X-1']._id}`, { _v: rec['X-1']._v, price: 12, note: 'changed' });
    expect(changed.statusCode).toBe(200);
    rec['X-1'] = changed.json();
    const history = (await t.injectAs(u.ann.cookie, 'GET', `${recs('parts')}/${rec['X-1']._id}/history`)).json().items;
    expect(history[0].diff).toEqual([{ field: 'note', before: 'note X-1', after: 'changed' }]);
    expect(JSON.stringify(history)).not.toContain('"price"');
    for (const url of [`${recs('parts')}/${rec['N-1']._id}`, `${recs('parts')}/${rec['N-1']._id}/history`, `${recs('parts')}/${rec['N-1']._id}/comments`]) {
      const res = await t.injectAs(u.ann.cookie, 'GET', url);
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 404, 'NOT_FOUND']);
    }
  });

  test('a filter on the price finds it only where it is visible; sorting by it is refused', async () => {
    const cheap = await t.injectAs(u.ann.cookie, 'GET', `${recs('parts')}?filter=${encodeURIComponent(JSON.stringify({ price: { $lte: 100 } }))}`);
    expect(ids(cheap)).toEqual(['Y1-1']);
    // A negative condition on a hidden value must not find X's rows either.
    const not99 = await t.injectAs(u.ann.cookie, 'GET', `${recs('parts')}?filter=${encodeURIComponent(JSON.stringify({ price: { $ne: 99 } }))}`);
    expect(ids(not99)).toEqual(['Y1-1']);
    // Inside $or and $and lists, too: the price is looked at only where ann sees it.
    // A relation's path is its field's: no supplier on X's rows either, as ann cannot see it there.
    const noSupplier = await t.injectAs(u.ann.cookie, 'GET', `${recs('parts')}?filter=${encodeURIComponent(JSON.stringify({ 'supplier.id': { $exists: false } }))}`);
    expect(ids(noSupplier)).toEqual(['Y1-1']);
    // Nested as deep as a filter may be (6 levels).
    const deep = (levels: number): Record<string, unknown> => (levels === 0 ? { price: { $ne: 99 } } : { $or: [deep(levels - 1)] });
    for (const filter of [{ $or: [{ price: { $ne: 99 } }, { code: 'none' }] }, { $and: [{ code: { $ne: 'none' } }, { $or: [{ price: { $gte: 0 } }] }] }, deep(5), deep(6)]) {
      const found = await t.injectAs(u.ann.cookie, 'GET', `${recs('parts')}?filter=${encodeURIComponent(JSON.stringify(filter))}`);
      expect([JSON.stringify(filter), ids(found)]).toEqual([JSON.stringify(filter), ['Y1-1']]);
    }
    const sorted = await t.injectAs(u.ann.cookie, 'GET', `${recs('parts')}?sort=-price`);
    expect(sorted.statusCode).toBe(400);
    const zh = '不能按“price”排序：它在你能看到的部分记录上不可见';
    expect(sorted.json().error).toEqual({ code: 'INVALID_FILTER', message: zh, details: [{ path: 'sort.price', message: zh }] });
    const en = await t.injectAs(u.ann.cookie, 'GET', `${recs('parts')}?sort=-price`, undefined, { 'accept-language': 'en-US' });
    const said = 'Cannot sort by "price": it is hidden on some of the records you see';
    expect(en.json().error).toEqual({ code: 'INVALID_FILTER', message: said, details: [{ path: 'sort.price', message: said }] });
  });

  test('a read-only field in a write is 403 naming it, and nothing is written; the same value sent back is fine', async () => {
    const x2 = rec['X-2'];
    const refused = await t.injectAs(u.ann.cookie, 'PATCH', `${recs('parts')}/${x2._id}`, { _v: x2._v, status: 'closed', note: 'mine' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'FIELD_READ_ONLY', details: [{ path: 'status', fieldId: 'status', code: 'read_only' }] });
    const hidden = await t.injectAs(u.ann.cookie, 'PATCH', `${recs('parts')}/${x2._id}`, { _v: x2._v, price: 1 });
    expect(hidden.json().error).toMatchObject({ code: 'FIELD_READ_ONLY', details: [{ path: 'price' }] });
    const stored = (await t.inject('GET', `${recs('parts')}/${x2._id}`)).json();
    expect([stored._v, stored.status, stored.note, stored.price]).toEqual([x2._v, 'open', 'note X-2', 10]);
    const ok = await t.injectAs(u.ann.cookie, 'PATCH', `${recs('parts')}/${x2._id}`, { _v: x2._v, status: 'open', note: 'mine' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ note: 'mine', _v: x2._v + 1 });
    expect(ok.json()).not.toHaveProperty('price');
    rec['X-2'] = (await t.inject('GET', `${recs('parts')}/${x2._id}`)).json();
    expect(rec['X-2'].price).toBe(10);
    // A blank sent for a read-only or hidden field (a form that never showed it) is ignored, not a change.
    for (const blank of [null, '']) {
      const now = rec['X-2'];
      const res = await t.injectAs(u.ann.cookie, 'PATCH', `${recs('parts')}/${now._id}`, { _v: now._v, status: blank, price: blank, note: `blank ${JSON.stringify(blank)}` });
      expect([JSON.stringify(blank), res.statusCode]).toEqual([JSON.stringify(blank), 200]);
      const stored = (await t.inject('GET', `${recs('parts')}/${now._id}`)).json();
      expect([stored.status, stored.price, stored.note]).toEqual(['open', 10, `blank ${JSON.stringify(blank)}`]);
      rec['X-2'] = stored;
    }
  });

  test('a record ann sees but may not edit is 403; deleting is 403 with nothing deleted', async () => {
    const y = await t.inject('GET', `${recs('parts')}/${(await t.injectAs(u.ann.cookie, 'GET', `${recs('parts')}?q=Y1-1`)).json().items[0]._id}`);
    const res = await t.injectAs(u.ann.cookie, 'PATCH', `${recs('parts')}/${y.json()._id}`, { _v: y.json()._v, note: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', details: [{ path: 'action', code: 'edit' }] });
    const del = await t.injectAs(u.ann.cookie, 'POST', `${recs('parts')}/bulk-delete`, { ids: [rec['X-1']._id] });
    expect(del.statusCode).toBe(403);
    expect((await t.inject('GET', `${recs('parts')}/${rec['X-1']._id}`)).json()._deleted).toBe(false);
    expect((await t.injectAs(u.ann.cookie, 'GET', `${recs('parts')}/export`)).statusCode).toBe(403);
    expect((await t.injectAs(u.ann.cookie, 'GET', `${recs('parts')}?deleted=only`)).statusCode).toBe(403);
  });

  test('search looks in the remark only where ann sees it, and the published form keeps the price (visible on some rows)', async () => {
    expect(ids(await t.injectAs(u.ann.cookie, 'GET', `${recs('parts')}?q=secret`))).toEqual(['Y1-1']);
    const pub = (await t.injectAs(u.ann.cookie, 'GET', '/api/apps/qms/published')).json();
    expect(pub.forms.map((f: { id: string }) => f.id)).toEqual(['parts']);
    // Read-only in every set that edits: the price, the remark and the supplier (hidden there) and the status.
    expect({ ...pub.access.parts, readonly: [...pub.access.parts.readonly].sort() }).toEqual({ actions: ['view', 'edit'], hidden: [], readonly: ['price', 'remark', 'status', 'supplier'] });
    expect(pub.admin).toBe(false);
  });
});

describe('row scopes', () => {
  test('creator: bob sees what he made; department with children: the records of Y and below', async () => {
    // bob's maker set (create, creator) shows him the records he made, and no other.
    const mine = (await t.injectAs(u.bob.cookie, 'GET', recs('parts'))).json().items as Array<{ code: string; _createdBy: string }>;
    expect(mine.map((r) => r.code)).toContain('Y1-1');
    expect(mine.filter((r) => r._createdBy !== u.bob.id)).toEqual([]);
    // A grouped view counts the same records the list shows him, no other.
    const grouped = (await t.injectAs(u.bob.cookie, 'GET', `${recs('parts')}/groups?by=code`)).json() as { groups: Array<{ key: string[]; count: number }>; total: { count: number } };
    expect(grouped.total.count).toBe(mine.length);
    expect(grouped.groups.map((g) => g.key[0]).sort()).toEqual([...new Set(mine.map((r) => r.code))].sort());
    const tree = await grant(t, 'qms', { name: 'Y and below', departments: [{ id: deptY, withChildren: true }], forms: { parts: { actions: ['view'], scope: { kind: 'department', withChildren: true } } } });
    try {
      // ann is in X and Y: with children, her tree holds Y1, so bob's records; X's by her department X; not the admin's (no department) nor eve's.
      const seen = ids(await t.injectAs(u.ann.cookie, 'GET', recs('parts')));
      expect(seen.filter((c) => c !== 'B-1')).toEqual(['X-1', 'X-2', 'Y1-1']);
    } finally {
      await t.inject('DELETE', `/api/apps/qms/permission-sets/${tree}`);
    }
  });

  test('named in a member field: the inspector sees the records naming her', async () => {
    const set = await grant(t, 'qms', { name: 'inspectors', users: [u.ann.id], forms: { parts: { actions: ['view'], scope: { kind: 'namedIn', fields: ['inspector'] } } } });
    try {
      expect(ids(await t.injectAs(u.ann.cookie, 'GET', recs('parts')))).toEqual(['X-2']);
    } finally {
      await t.inject('DELETE', `/api/apps/qms/permission-sets/${set}`);
    }
  });

  test('a condition on the current user; a create outside the create scope is 403 with nothing written', async () => {
    const set = await grant(t, 'qms', { name: 'own inspections', users: [u.eve.id], forms: { parts: { actions: ['view', 'create'], scope: { kind: 'condition', filter: { inspector: { $user: 'id' } } } } } });
    const other = await t.injectAs(u.eve.cookie, 'POST', recs('parts'), { code: 'C-9', inspector: u.ann.id });
    expect(other.statusCode).toBe(403);
    expect(other.json().error).toMatchObject({ code: 'FORBIDDEN', details: [{ path: 'action', code: 'create' }] });
    const own = await t.injectAs(u.eve.cookie, 'POST', recs('parts'), { code: 'C-1', inspector: u.eve.id });
    expect(own.statusCode).toBe(201);
    expect(ids(await t.injectAs(u.eve.cookie, 'GET', recs('parts')))).toEqual(['C-1']);
    expect((await t.inject('GET', `${recs('parts')}?q=C-9`)).json().total).toBe(0);
    // The condition's `$user` and `$in` are no keys the store keeps (MongoDB reads them as
    // operators): it is stored as JSON text, and read back as the filter it was.
    const stored = (await t.store.collection('permission_sets').findOne({ _id: set })) as unknown as { forms: { parts: { scope: object } } };
    expect(stored.forms.parts.scope).toEqual({ kind: 'condition', filterJson: JSON.stringify({ inspector: { $user: 'id' } }) });
    const read = (await t.inject('GET', '/api/apps/qms/access')).json().sets.find((x: { id: string }) => x.id === set);
    expect(read.forms.parts.scope).toEqual({ kind: 'condition', filter: { inspector: { $user: 'id' } } });
    const logged = (await t.store.collection('audit').findOne({ collection: 'permission_sets', recordId: set, action: 'permission_set.create' })) as unknown as { after: { forms: { parts: { scope: object } } } };
    expect(logged.after.forms.parts.scope).toEqual(stored.forms.parts.scope);
    await t.inject('DELETE', `/api/apps/qms/permission-sets/${set}`);
  });
});

describe('relations: the picker and autofill see what the caller sees in the target form', () => {
  test('a supplier a member cannot see is neither offered nor accepted, and its fields are not copied', async () => {
    const set = await grant(t, 'qms', {
      name: 'supplier A only',
      users: [u.bob.id],
      forms: {
        parts: { actions: ['view', 'create'], scope: { kind: 'creator' } },
        suppliers: { actions: ['view'], scope: { kind: 'condition', filter: { code: 'S-A' } } },
      },
    });
    const picker = await t.injectAs(u.bob.cookie, 'GET', `${recs('parts')}/lookup?field=supplier`);
    expect(picker.json().items.map((i: { display: string }) => i.display)).toEqual(['S-A']);
    const hidden = await t.injectAs(u.bob.cookie, 'POST', recs('parts'), { code: 'B-2', supplier: { id: rec['S-B']._id } });
    expect(hidden.statusCode).toBe(422);
    expect(hidden.json().error).toMatchObject({ code: 'RULE_FAILED', details: [{ path: 'supplier', code: 'relation_missing' }] });
    const ok = await t.injectAs(u.bob.cookie, 'POST', recs('parts'), { code: 'B-1', supplier: { id: rec['S-A']._id } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ supplier: { id: rec['S-A']._id, display: 'S-A' }, rating: 'rating of S-A' });
    await t.inject('DELETE', `/api/apps/qms/permission-sets/${set}`);
  });
});

describe('managing permission sets', () => {
  test('members may not; app admins may; a set naming what the app lacks is 422 naming each', async () => {
    const body = { name: 'x', members: { users: [], departments: [], roles: [] }, forms: {} };
    const setForSee = await grant(t, 'qms', { name: 'see', users: [u.cat.id], forms: { suppliers: { actions: ['view'] } } });
    const member = await t.injectAs(u.cat.cookie, 'POST', '/api/apps/qms/permission-sets', body);
    expect(member.statusCode).toBe(403);
    expect(member.json().error.code).toBe('FORBIDDEN');
    expect((await t.inject('PUT', '/api/apps/qms/access/admins', { admins: [u.fay.id] })).statusCode).toBe(200);
    const byAppAdmin = await t.injectAs(u.fay.cookie, 'POST', '/api/apps/qms/permission-sets', body);
    expect(byAppAdmin.statusCode).toBe(201);
    // The app's admin sees everything of it.
    expect(ids(await t.injectAs(u.fay.cookie, 'GET', recs('suppliers')))).toEqual(['S-A', 'S-B']);
    const last = await t.injectAs(u.fay.cookie, 'PUT', '/api/apps/qms/access/admins', { admins: [] });
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('LAST_APP_ADMIN');
    const bad = await t.inject('POST', '/api/apps/qms/permission-sets', {
      ...body,
      members: { users: ['nobody'], departments: [], roles: [] },
      forms: { nope: { actions: ['view'], scope: { kind: 'all' } }, parts: { actions: ['view'], scope: { kind: 'namedIn', fields: ['code'] }, fields: { ghost: 'hidden' } } },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.map((d: { path: string; code: string }) => `${d.path} ${d.code}`)).toEqual([
      'forms.nope unknown_form',
      'forms.parts.fields.ghost unknown_field',
      'forms.parts.scope.fields.code not_member_field',
      'members.users.nobody unknown_user',
    ]);
    const badCondition = await t.inject('POST', '/api/apps/qms/permission-sets', { ...body, forms: { parts: { actions: ['view'], scope: { kind: 'condition', filter: { price: 'ten' } } } } });
    expect(badCondition.json().error).toMatchObject({ code: 'INVALID_PERMISSION_SET', details: [{ path: 'forms.parts.scope.filter.price', code: 'invalid_condition' }] });
    await t.inject('DELETE', `/api/apps/qms/permission-sets/${setForSee}`);
    await t.inject('PUT', '/api/apps/qms/access/admins', { admins: [] });
  });
});

describe('files belong to records', () => {
  async function upload(cookie: string, text: string): Promise<{ id: string }> {
    const boundary = '----tessera';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.txt"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`;
    const res = await t.injectAs(cookie, 'POST', '/api/files', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(res.statusCode).toBe(201);
    return res.json();
  }

  test('a file is readable by its uploader, then by whoever sees the record holding it in a field shown to them; to anyone else it does not exist', async () => {
    const maker = await grant(t, 'qms', { name: 'eve makes', users: [u.eve.id], forms: { parts: { actions: ['create'], scope: { kind: 'creator' } } } });
    try {
      const file = await upload(u.eve.cookie, 'secret report');
      expect((await t.injectAs(u.eve.cookie, 'GET', `/api/files/${file.id}`)).body).toBe('secret report');
      // Before a record holds it, nobody else reads it.
      expect((await t.injectAs(u.dan.cookie, 'GET', `/api/files/${file.id}`)).statusCode).toBe(404);
      const made = await t.injectAs(u.eve.cookie, 'POST', recs('parts'), { code: 'F-1', report: [file] });
      expect(made.statusCode).toBe(201);
      const none = await t.injectAs(u.dan.cookie, 'GET', `/api/files/${file.id}`);
      expect([none.statusCode, none.json().error.code]).toEqual([404, 'NOT_FOUND']);
      // dan sees F-1, but with the report hidden: still nothing.
      const hidden = await grant(t, 'qms', { name: 'dan sees F without report', users: [u.dan.id], forms: { parts: { actions: ['view'], scope: { kind: 'condition', filter: { code: 'F-1' } }, fields: { report: 'hidden' } } } });
      expect((await t.injectAs(u.dan.cookie, 'GET', `/api/files/${file.id}`)).statusCode).toBe(404);
      await t.inject('DELETE', `/api/apps/qms/permission-sets/${hidden}`);
      const shown = await grant(t, 'qms', { name: 'dan sees F', users: [u.dan.id], forms: { parts: { actions: ['view'], scope: { kind: 'condition', filter: { code: 'F-1' } } } } });
      const read = await t.injectAs(u.dan.cookie, 'GET', `/api/files/${file.id}`);
      expect([read.statusCode, read.body]).toEqual([200, 'secret report']);
      // In the trash, the record's files are for who may restore it: not dan, until it is back.
      expect((await t.inject('DELETE', `${recs('parts')}/${made.json()._id}`)).statusCode).toBe(200);
      expect((await t.injectAs(u.dan.cookie, 'GET', `/api/files/${file.id}`)).statusCode).toBe(404);
      expect((await t.inject('GET', `/api/files/${file.id}`)).body).toBe('secret report');
      expect((await t.inject('POST', `${recs('parts')}/${made.json()._id}/restore`)).statusCode).toBe(200);
      expect((await t.injectAs(u.dan.cookie, 'GET', `/api/files/${file.id}`)).body).toBe('secret report');
      // Once the record no longer holds it (the admin removes it), dan cannot read it.
      const stored = (await t.inject('GET', `${recs('parts')}/${made.json()._id}`)).json();
      expect((await t.inject('PATCH', `${recs('parts')}/${stored._id}`, { _v: stored._v, report: [] })).statusCode).toBe(200);
      expect((await t.injectAs(u.dan.cookie, 'GET', `/api/files/${file.id}`)).statusCode).toBe(404);
      await t.inject('DELETE', `/api/apps/qms/permission-sets/${shown}`);
    } finally {
      await t.inject('DELETE', `/api/apps/qms/permission-sets/${maker}`);
    }
  });
  test('a write keeps the links of the files a record still holds and of other records; a file taken out or a record purged takes its link along', async () => {
    const links = (recordId: string) => t.store.collection('file_links').find({ recordId });
    const fileA = await upload(t.adminCookie, 'report A');
    const fileB = await upload(t.adminCookie, 'report B');
    const a = (await t.inject('POST', recs('parts'), { code: 'L-1', report: [fileA] })).json();
    const shown = await grant(t, 'qms', { name: 'dan sees L', users: [u.dan.id], forms: { parts: { actions: ['view'], scope: { kind: 'condition', filter: { code: { $in: ['L-1', 'L-2'] } } } } } });
    try {
      const danReads = async (id: string) => (await t.injectAs(u.dan.cookie, 'GET', `/api/files/${id}`)).statusCode;
      expect(await danReads(fileA.id)).toBe(200);
      // Another record's write leaves L-1's link alone.
      const b = (await t.inject('POST', recs('parts'), { code: 'L-2', report: [fileB] })).json();
      expect([await danReads(fileA.id), await danReads(fileB.id)]).toEqual([200, 200]);
      // An edit of another field keeps the file, and its link.
      const edited = await t.inject('PATCH', `${recs('parts')}/${a._id}`, { _v: a._v, note: '复检' });
      expect(edited.statusCode).toBe(200);
      expect(await danReads(fileA.id)).toBe(200);
      expect((await links(a._id)).map((l) => [l.fileId, l.fieldId])).toEqual([[fileA.id, 'report']]);
      // Taken out: the link goes (the download refuses it either way, as the record no longer holds it).
      expect((await t.inject('PATCH', `${recs('parts')}/${a._id}`, { _v: edited.json()._v, report: [] })).statusCode).toBe(200);
      expect(await links(a._id)).toEqual([]);
      expect(await danReads(fileA.id)).toBe(404);
      // Purged: its links go with it, and only its.
      const fileC = await upload(t.adminCookie, 'report C');
      const c = (await t.inject('POST', recs('parts'), { code: 'L-3', report: [fileC] })).json();
      expect((await links(b._id)).map((l) => l.fileId)).toEqual([fileB.id]);
      expect((await t.inject('DELETE', `${recs('parts')}/${b._id}`)).statusCode).toBe(200);
      expect((await t.inject('POST', `${recs('parts')}/${b._id}/purge`)).statusCode).toBe(200);
      expect(await links(b._id)).toEqual([]);
      expect((await links(c._id)).map((l) => l.fileId)).toEqual([fileC.id]);
    } finally {
      await t.inject('DELETE', `/api/apps/qms/permission-sets/${shown}`);
    }
  });

  test('files in subform rows, several to a cell, are each readable by whoever sees the record', async () => {
    const form = { id: 'memos3', title: '备忘三', fields: [
      { id: 'tag', type: 'text', label: '标签' },
      { id: 'rows', type: 'subform', label: '明细', fields: [{ id: 'note', type: 'text', label: '说明' }, { id: 'photo', type: 'attachment', label: '照片' }] },
    ] };
    expect((await t.inject('POST', '/api/apps/qms/forms', form)).statusCode).toBe(201);
    await t.publish('qms');
    const shown = await grant(t, 'qms', { name: 'dan sees memos3', users: [u.dan.id], forms: { memos3: { actions: ['view'] } } });
    try {
      const files = [await upload(t.adminCookie, 'one'), await upload(t.adminCookie, 'two'), await upload(t.adminCookie, 'three')];
      const made = await t.inject('POST', recs('memos3'), { tag: 'A', rows: [{ note: '两张', photo: [files[0], files[1]] }, { note: '一张', photo: [files[2]] }, { note: '没有照片' }] });
      expect(made.statusCode).toBe(201);
      const reads = await Promise.all(files.map(async (f) => (await t.injectAs(u.dan.cookie, 'GET', `/api/files/${f.id}`)).body));
      expect(reads).toEqual(['one', 'two', 'three']);
      const held = await t.store.collection('file_links').find({ recordId: made.json()._id });
      expect(held.map((l) => [l.fileId, l.fieldId]).sort()).toEqual(files.map((f) => [f.id, 'rows']).sort());
    } finally {
      await t.inject('DELETE', `/api/apps/qms/permission-sets/${shown}`);
    }
  });

  test('a write that fails after its files were linked leaves the links as they were', async () => {
    const form = { id: 'memos2', title: '备忘二', fields: [{ id: 'att', type: 'attachment', label: '附件' }, { id: 'tag', type: 'text', label: '标签' }] };
    expect((await t.inject('POST', '/api/apps/qms/forms', form)).statusCode).toBe(201);
    await t.publish('qms');
    const shown = await grant(t, 'qms', { name: 'dan sees memos2', users: [u.dan.id], forms: { memos2: { actions: ['view'] } } });
    // A unique index on the audit entries' tag lets the second write of a tag fail at its audit
    // entry, the last step of a write, after the record and its file links were written.
    const audit = t.store.collection('audit');
    await audit.ensureIndexes([{ name: 'one_per_tag', keys: { 'after.tag': 1 }, unique: true, sparse: true }]);
    try {
      const [kept, added] = [await upload(t.adminCookie, 'kept'), await upload(t.adminCookie, 'added')];
      const made = (await t.inject('POST', recs('memos2'), { att: [kept], tag: 'first' })).json();
      const failed = await t.inject('PATCH', `${recs('memos2')}/${made._id}`, { _v: made._v, att: [added], tag: 'first' });
      expect(failed.statusCode).toBe(409);
      expect((await t.store.collection('file_links').find({ recordId: made._id })).map((l) => l.fileId)).toEqual([kept.id]);
      expect((await t.injectAs(u.dan.cookie, 'GET', `/api/files/${kept.id}`)).statusCode).toBe(200);
    } finally {
      await audit.dropIndex('one_per_tag');
      await t.inject('DELETE', `/api/apps/qms/permission-sets/${shown}`);
    }
  });

  test('a record that stopped holding a file under a later form version (its link left behind) no longer lets it be read, nor lends its link to a file id typed in', async () => {
    const memo = { id: 'memos', title: '备忘', fields: [{ id: 'att', type: 'attachment', label: '附件' }] };
    expect((await t.inject('POST', '/api/apps/qms/forms', memo)).statusCode).toBe(201);
    await t.publish('qms');
    const shown = await grant(t, 'qms', { name: 'dan sees memos', users: [u.dan.id], forms: { memos: { actions: ['view'] } } });
    try {
      const file = await upload(t.adminCookie, 'memo attachment');
      const made = (await t.inject('POST', recs('memos'), { att: [file] })).json();
      expect((await t.injectAs(u.dan.cookie, 'GET', `/api/files/${file.id}`)).body).toBe('memo attachment');
      // The field becomes a text: records written now keep no file links, so the old link stays.
      const draft = (await t.inject('GET', '/api/apps/qms/forms/memos')).json();
      expect((await t.inject('PUT', '/api/apps/qms/forms/memos', { ...memo, version: draft.version, fields: [{ id: 'att', type: 'text', label: '附件' }] })).statusCode).toBe(200);
      await t.publish('qms');
      expect((await t.inject('PATCH', `${recs('memos')}/${made._id}`, { _v: made._v, att: '见纸质文件' })).statusCode).toBe(200);
      expect((await t.injectAs(u.dan.cookie, 'GET', `/api/files/${file.id}`)).statusCode).toBe(404);
      // Typing another file's id into the text lends it nothing: only the file's own links count.
      const secret = await upload(t.adminCookie, 'not for dan');
      const now = (await t.inject('GET', `${recs('memos')}/${made._id}`)).json();
      expect((await t.inject('PATCH', `${recs('memos')}/${made._id}`, { _v: now._v, att: secret.id })).statusCode).toBe(200);
      expect((await t.injectAs(u.dan.cookie, 'GET', `/api/files/${secret.id}`)).statusCode).toBe(404);
    } finally {
      await t.inject('DELETE', `/api/apps/qms/permission-sets/${shown}`);
    }
  });
});

describe('a refused write names only the fields the writer sees', () => {
  test('a required field hidden from the writer is left out of the 422, on create and on edit', async () => {
    const form = { id: 'reqs', title: '必填', fields: [
      { id: 'name', type: 'text', label: '名称', required: true },
      { id: 'cost', type: 'number', label: '成本', required: true },
    ] };
    expect((await t.inject('POST', '/api/apps/qms/forms', form)).statusCode).toBe(201);
    await t.publish('qms');
    const set = await grant(t, 'qms', { name: 'dan fills reqs without cost', users: [u.dan.id], forms: { reqs: { actions: ['view', 'create', 'edit'], fields: { cost: 'hidden' } } } });
    try {
      const made = await t.injectAs(u.dan.cookie, 'POST', recs('reqs'), {}, { 'accept-language': 'en-US' });
      expect([made.statusCode, made.json().error.code, made.json().error.details.map((d: { fieldId: string }) => d.fieldId)]).toEqual([422, 'RULE_FAILED', ['name']]);
      expect(made.body).not.toContain('cost');
      // The admin's own write is told about both.
      const full = await t.inject('POST', recs('reqs'), {});
      expect(full.json().error.details.map((d: { fieldId: string }) => d.fieldId)).toEqual(['name', 'cost']);
      const rec = (await t.inject('POST', recs('reqs'), { name: 'A', cost: 1 })).json();
      // An edit blanking the name, of a record whose cost is hidden from dan: only the name is told.
      await t.store.collection('r_reqs').updateOne({ _id: rec._id }, { $set: { cost: null } });
      const edited = await t.injectAs(u.dan.cookie, 'PATCH', `${recs('reqs')}/${rec._id}`, { _v: rec._v, name: '' });
      expect([edited.statusCode, edited.json().error.details.map((d: { fieldId: string }) => d.fieldId)]).toEqual([422, ['name']]);
      expect(edited.body).not.toContain('cost');
      // Hidden on every record dan sees, the cost is no field to him: filtering by it is an unknown field.
      const filtered = await t.injectAs(u.dan.cookie, 'GET', `${recs('reqs')}?filter=${encodeURIComponent(JSON.stringify({ cost: { $exists: false } }))}`, undefined, { 'accept-language': 'en-US' });
      expect([filtered.statusCode, filtered.json().error.code, filtered.json().error.details[0]]).toEqual([400, 'INVALID_FILTER', { path: 'cost', message: 'Unknown field "cost"' }]);
    } finally {
      await t.inject('DELETE', `/api/apps/qms/permission-sets/${set}`);
    }
  });
});

describe('search looks in the title the caller sees', () => {
  test("a form naming no title field is searched by its first field; the caller's first when the title is hidden from them; a caller who sees no field finds nothing", async () => {
    const form = { id: 'chems', title: '化学品', fields: [
      { id: 'name', type: 'text', label: '名称' },
      { id: 'code', type: 'text', label: '编码' },
    ] };
    expect((await t.inject('POST', '/api/apps/qms/forms', form)).statusCode).toBe(201);
    await t.publish('qms');
    for (const r of [{ name: '甲醇', code: 'CH-1' }, { name: '乙醇', code: 'CH-2' }]) expect((await t.inject('POST', recs('chems'), r)).statusCode).toBe(201);
    const codes = async (cookie: string | undefined, q?: string) => {
      const url = q === undefined ? recs('chems') : `${recs('chems')}?q=${encodeURIComponent(q)}`;
      const res = cookie === undefined ? await t.inject('GET', url) : await t.injectAs(cookie, 'GET', url);
      expect(res.statusCode).toBe(200);
      return (res.json().items as Array<{ _id: string }>).map((r) => (r as { code?: string }).code ?? r._id).sort();
    };
    // The list shows the first field as each record's title: the search looks there, and not in the code.
    expect(await codes(undefined, '甲醇')).toEqual(['CH-1']);
    expect(await codes(undefined, 'CH-2')).toEqual([]);
    const noName = await grant(t, 'qms', { name: 'dan sees chems without name', users: [u.dan.id], forms: { chems: { actions: ['view'], fields: { name: 'hidden' } } } });
    try {
      // To dan, who does not see the name, the code is the first field: his search looks there.
      expect(await codes(u.dan.cookie, 'CH-2')).toEqual(['CH-2']);
      expect(await codes(u.dan.cookie, '甲醇')).toEqual([]);
      // The same once the form names the name as its title: hidden from dan, the code stands in for it.
      expect((await t.inject('PUT', '/api/apps/qms/forms/chems', { ...form, titleField: 'name' })).statusCode).toBe(200);
      await t.publish('qms');
      expect(await codes(u.dan.cookie, 'CH-2')).toEqual(['CH-2']);
      expect(await codes(undefined, '乙醇')).toEqual(['CH-2']);
    } finally {
      await t.inject('DELETE', `/api/apps/qms/permission-sets/${noName}`);
    }
    const blind = await grant(t, 'qms', { name: 'dan sees chems, no field', users: [u.dan.id], forms: { chems: { actions: ['view'], fields: { name: 'hidden', code: 'hidden' } } } });
    try {
      // He sees both records, with nothing in them to search: a search finds none, not every one.
      expect(await codes(u.dan.cookie)).toHaveLength(2);
      for (const q of ['CH', '醇']) expect([q, await codes(u.dan.cookie, q)]).toEqual([q, []]);
    } finally {
      await t.inject('DELETE', `/api/apps/qms/permission-sets/${blind}`);
    }
  });
});

describe('edit and create scopes: refused before anything else, and a write must stay inside them', () => {
  // gus sees every part, and may edit the open ones only; he may not create.
  let gus: { id: string; cookie: string };
  const sets: string[] = [];
  const part = async (code: string, status: string) => (await t.inject('POST', recs('parts'), { code, status })).json() as { _id: string; _v: number };
  beforeAll(async () => {
    const { user: made, cookie } = await t.createUser({ username: 'gus', departmentIds: [] });
    gus = { id: String(made._id), cookie };
    const set = await grant(t, 'qms', { name: 'gus edits open parts', users: [gus.id], forms: { parts: { actions: ['view', 'edit'], scope: { kind: 'condition', filter: { status: 'open' } } } } });
    const viewAll = await grant(t, 'qms', { name: 'gus sees parts', users: [gus.id], forms: { parts: { actions: ['view'] } } });
    sets.push(set, viewAll);
  });
  afterAll(async () => {
    for (const id of sets) await t.inject('DELETE', `/api/apps/qms/permission-sets/${id}`);
  });

  test('a record gus sees but may not edit is 403, even when the change would bring it into his edit scope', async () => {
    const closed = await part('G-1', 'closed');
    const res = await t.injectAs(gus.cookie, 'PATCH', `${recs('parts')}/${closed._id}`, { _v: closed._v, status: 'open' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', details: [{ path: 'action', code: 'edit' }] });
    expect((await t.inject('GET', `${recs('parts')}/${closed._id}`)).json()).toMatchObject({ status: 'closed', _v: closed._v });
  });

  test('a change that takes a record out of his edit scope is 403, and nothing is written', async () => {
    const open = await part('G-2', 'open');
    const res = await t.injectAs(gus.cookie, 'PATCH', `${recs('parts')}/${open._id}`, { _v: open._v, status: 'closed' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', details: [{ path: 'action', code: 'edit' }] });
    expect((await t.inject('GET', `${recs('parts')}/${open._id}`)).json()).toMatchObject({ status: 'open', _v: open._v });
    const ok = await t.injectAs(gus.cookie, 'PATCH', `${recs('parts')}/${open._id}`, { _v: open._v, note: 'checked' });
    expect([ok.statusCode, ok.json().note]).toEqual([200, 'checked']);
  });

  test('a create by a member without create is 403, even for a record the form would refuse', async () => {
    const before = await t.store.collection('r_parts').count({});
    const res = await t.injectAs(gus.cookie, 'POST', recs('parts'), { code: 'G-3', price: 'cheap' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', details: [{ path: 'action', code: 'create' }] });
    expect(await t.store.collection('r_parts').count({})).toBe(before);
  });
});

describe('fields read-only on a new record', () => {
  test('only the sets that grant create decide: a view-only set showing the field does not free it', async () => {
    await user('hal', [deptX]);
    const maker = await grant(t, 'qms', { name: 'hal makes parts, status fixed', users: [u.hal.id], forms: { parts: { actions: ['view', 'create'], scope: { kind: 'creator' }, fields: { status: 'readonly' } } } });
    const viewer = await grant(t, 'qms', { name: 'hal sees X', users: [u.hal.id], forms: { parts: { actions: ['view'], scope: { kind: 'department' } } } });
    const before = await t.store.collection('r_parts').count({});
    const refused = await t.injectAs(u.hal.cookie, 'POST', recs('parts'), { code: 'H-1', status: 'closed' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'FIELD_READ_ONLY', details: [{ path: 'status', fieldId: 'status', code: 'read_only' }] });
    expect(await t.store.collection('r_parts').count({})).toBe(before);
    for (const id of [maker, viewer]) await t.inject('DELETE', `/api/apps/qms/permission-sets/${id}`);
  });
});
