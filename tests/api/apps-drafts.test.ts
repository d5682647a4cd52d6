// Drafts and the published version through HTTP: what analysts edit is invisible to end users
// and to records until it is published; records remember the form version that validated them;
// a stale draft save is refused; navigation is checked; members see published apps only, with
// their published navigation.
import { EVERYTHING, grant } from '../helpers/access';
import { startTestApp, type TestApp } from '../helpers/app';

// The instance the running tests use. Each describe starts its own (each test, where tests
// publish or save drafts), so no test finds what another left behind.
let t: TestApp;
let member: string;
let admin: { id: string; name: string };
/** A time as the API writes it (ISO 8601, UTC, milliseconds). */
const isoTime = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
const recs = '/api/apps/shop/forms/orders/records';
const orders = {
  id: 'orders',
  title: { 'zh-CN': '订单', 'en-US': 'Orders' },
  fields: [
    { id: 'no', type: 'text', label: '单号', required: true },
    { id: 'qty', type: 'number', label: '数量' },
  ],
};

/** A fresh instance with a member `mia` and the app `shop` holding the draft form `orders`; published once when asked. */
async function startShop(published: boolean): Promise<void> {
  t = await startTestApp();
  admin = { id: (await t.inject('GET', '/api/me')).json().user._id, name: 'Administrator' };
  const mia = await t.createUser({ username: 'mia' });
  member = mia.cookie;
  expect((await t.inject('POST', '/api/apps', { id: 'shop', name: '商店', icon: 'shop', color: '#13a8a8' })).statusCode).toBe(201);
  expect((await t.inject('POST', '/api/apps/shop/forms', orders)).statusCode).toBe(201);
  // Denied by default: mia uses the app through a permission set.
  await grant(t, 'shop', { users: [String(mia.user._id)], forms: { orders: { actions: EVERYTHING } } });
  if (published) expect(await t.publish('shop', '首次发布')).toMatchObject({ version: 1, publishedAt: isoTime });
}

describe('before the first publish', () => {
  beforeAll(() => startShop(false));
  afterAll(() => t.close());

  test('records, published forms and /published know nothing of the draft', async () => {
    const record = await t.inject('POST', recs, { no: 'A-1' });
    expect(record.statusCode).toBe(404);
    expect(record.json().error).toMatchObject({ code: 'NOT_FOUND', details: [{ path: 'formId' }] });
    expect((await t.inject('GET', '/api/apps/shop/forms')).json()).toEqual({ items: [] });
    const form = await t.inject('GET', '/api/apps/shop/forms/orders');
    expect(form.statusCode).toBe(404);
    expect(form.json().error).toMatchObject({ code: 'NOT_FOUND', details: [{ path: 'formId', code: 'unknown_form' }] });
    const pub = await t.inject('GET', '/api/apps/shop/published');
    expect(pub.statusCode).toBe(404);
    expect(pub.json().error.code).toBe('NOT_PUBLISHED');
  });

  test('members do not see an app that was never published; admins see it with draftChanged', async () => {
    expect((await t.injectAs(member, 'GET', '/api/apps')).json().items).toEqual([]);
    const hidden = await t.injectAs(member, 'GET', '/api/apps/shop');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error).toMatchObject({ code: 'NOT_FOUND', details: [{ path: 'appId', code: 'unknown_app' }] });
    const [shop] = (await t.inject('GET', '/api/apps')).json().items;
    expect(shop).toMatchObject({ id: 'shop', name: '商店', icon: 'shop', publishedVersion: null, formCount: 1, draftChanged: true, updatedBy: admin });
  });

  test('drafts carry their version, times, who saved them and publishedVersion null', async () => {
    const draft = (await t.inject('GET', '/api/apps/shop/forms/orders?draft=true')).json();
    expect(draft).toMatchObject({ id: 'orders', version: 1, appId: 'shop', publishedVersion: null, updatedBy: admin, createdAt: isoTime, updatedAt: isoTime });
    expect((await t.inject('GET', '/api/apps/shop/forms?draft=true')).json().items.map((f: { id: string }) => f.id)).toEqual(['orders']);
  });
});

describe('after publishing', () => {
  beforeEach(() => startShop(true));
  afterEach(() => t.close());

  test('records validate against the published form and keep its version', async () => {
    const r = await t.inject('POST', recs, { no: 'A-1', qty: 2 });
    expect(r.statusCode).toBe(201);
    expect(r.json()._formVersion).toBe(1);
    const [shop] = (await t.injectAs(member, 'GET', '/api/apps')).json().items;
    expect(shop).toMatchObject({ id: 'shop', publishedVersion: 1, formCount: 1, draftChanged: false });
    expect((await t.inject('GET', '/api/apps')).json().items[0].draftChanged).toBe(false);
  });

  test('a draft edit is invisible to records and end users until it is published', async () => {
    const edited = { ...orders, version: 1, fields: [...orders.fields, { id: 'note', type: 'text', label: '备注' }] };
    const saved = await t.inject('PUT', '/api/apps/shop/forms/orders', edited);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, publishedVersion: 1 });
    // 1. the end user still runs version 1: the new field is unknown to records
    const refused = await t.inject('POST', recs, { no: 'A-2', note: 'x' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'RULE_FAILED', details: [{ path: 'note', fieldId: 'note', code: 'unknown_field' }] });
    expect((await t.inject('GET', '/api/apps/shop/forms/orders')).json().version).toBe(1);
    expect((await t.injectAs(member, 'GET', '/api/apps/shop/published')).json().forms[0].fields).toHaveLength(2);
    expect((await t.inject('GET', '/api/apps')).json().items[0].draftChanged).toBe(true);
    // 2. members cannot read drafts
    const forbidden = await t.injectAs(member, 'GET', '/api/apps/shop/forms?draft=true');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('FORBIDDEN');
    // 3. published: records take the field and remember version 2
    expect(await t.publish('shop')).toMatchObject({ version: 2 });
    const r = await t.inject('POST', recs, { no: 'A-2', note: 'x' });
    expect(r.statusCode).toBe(201);
    expect(r.json()._formVersion).toBe(2);
    expect((await t.injectAs(member, 'GET', '/api/apps/shop/forms/orders')).json()).toMatchObject({ id: 'orders', version: 2, appId: 'shop' });
  });

  test('meta applies at once; /published shows the app as it is now with the published navigation', async () => {
    expect((await t.inject('PUT', '/api/apps/shop', { name: { 'zh-CN': '网店', 'en-US': 'Web shop' }, color: null })).statusCode).toBe(200);
    const pub = (await t.injectAs(member, 'GET', '/api/apps/shop/published')).json();
    expect(pub.app).toEqual({ id: 'shop', name: { 'zh-CN': '网店', 'en-US': 'Web shop' }, icon: 'shop', navigation: [] });
    const versions = (await t.inject('GET', '/api/apps/shop/versions')).json().items;
    expect(pub).toMatchObject({ version: 1, publishedAt: versions.find((v: { version: number }) => v.version === 1).publishedAt });
  });

  test('a save naming a stale version is 409 STALE_VERSION with who saved, and nothing is written', async () => {
    const current = (await t.inject('GET', '/api/apps/shop/forms/orders?draft=true')).json();
    const res = await t.inject('PUT', '/api/apps/shop/forms/orders', { ...orders, title: '改了', version: current.version - 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'STALE_VERSION', details: [{ path: 'version', current: current.version, updatedBy: admin, updatedAt: current.updatedAt }] });
    const after = (await t.inject('GET', '/api/apps/shop/forms/orders?draft=true')).json();
    expect(after).toMatchObject({ version: current.version, title: orders.title });
    // Without a version, the last write wins (API compatibility).
    expect((await t.inject('PUT', '/api/apps/shop/forms/orders', { ...orders, title: '订单（新）' })).json()).toMatchObject({ version: current.version + 1, title: '订单（新）' });
  });

  test('an invalid draft is still 422 INVALID_SCHEMA, in the reader\'s language', async () => {
    const bad = { ...orders, fields: [...orders.fields, { id: 'x', type: 'formula', label: 'X', formula: { text: '重量 * 2' } }] };
    const zh = await t.inject('PUT', '/api/apps/shop/forms/orders', bad);
    expect(zh.statusCode).toBe(422);
    expect(zh.json().error).toMatchObject({ code: 'INVALID_SCHEMA', message: '表单有 1 处问题' });
    const en = await t.inject('PUT', '/api/apps/shop/forms/orders', bad, { 'accept-language': 'en-US,en;q=0.8' });
    expect(en.json().error.message).toBe('The form has 1 problem(s)');
    expect(en.json().error.message).not.toMatch(/表单/);
  });

  test('a deleted draft keeps running as published until the next publish; its records stay', async () => {
    await t.inject('POST', '/api/apps/shop/forms', { id: 'returns', title: '退货', fields: [{ id: 'no', type: 'text', label: '单号' }] });
    await t.publish('shop');
    expect((await t.inject('POST', '/api/apps/shop/forms/returns/records', { no: 'R-1' })).statusCode).toBe(201);
    expect((await t.inject('DELETE', '/api/apps/shop/forms/returns')).statusCode).toBe(204);
    const draft = await t.inject('GET', '/api/apps/shop/forms/returns?draft=true');
    expect(draft.statusCode).toBe(404);
    expect(draft.json().error).toMatchObject({ code: 'NOT_FOUND', details: [{ path: 'formId', code: 'unknown_form' }] });
    expect((await t.inject('POST', '/api/apps/shop/forms/returns/records', { no: 'R-2' })).statusCode).toBe(201);
    await t.publish('shop');
    const gone = await t.inject('GET', '/api/apps/shop/forms/returns/records');
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error).toMatchObject({ code: 'NOT_FOUND', details: [{ path: 'formId' }] });
    expect(await t.store.collection('r_returns').count({})).toBe(2);
  });
});

describe('navigation', () => {
  beforeEach(() => startShop(true));
  afterEach(() => t.close());
  const nav = [
    { type: 'group', id: 'g1', label: { 'zh-CN': '销售', 'en-US': 'Sales' }, children: [{ type: 'form', id: 'orders' }] },
    { type: 'form', id: 'orders', hidden: true },
  ];

  test('groups and entries are saved; unknown forms and repeated group ids are 422 with their path', async () => {
    const ok = await t.inject('PUT', '/api/apps/shop', { navigation: nav });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().navigation).toEqual(nav);
    const unknown = await t.inject('PUT', '/api/apps/shop', { navigation: [{ type: 'group', id: 'g1', label: 'x', children: [{ type: 'form', id: 'orders' }, { type: 'form', id: 'ghost' }] }] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'INVALID_NAVIGATION', details: [{ path: 'navigation[0].children[1].id', code: 'unknown_form' }] });
    const twice = await t.inject('PUT', '/api/apps/shop', { navigation: [{ type: 'group', id: 'g', label: 'a', children: [] }, { type: 'group', id: 'g', label: 'b', children: [] }] });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error).toMatchObject({ code: 'INVALID_NAVIGATION', details: [{ path: 'navigation[1].id', code: 'duplicate_group' }] });
    const kind = await t.inject('PUT', '/api/apps/shop', { navigation: [{ type: 'dashboard', id: 'd1' }] });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ in: 'body', path: '/navigation/0', code: 'discriminator' }] });
    expect((await t.inject('GET', '/api/apps/shop')).json().navigation).toEqual(nav);
  });

  test('navigation is draft: published with the forms; entries of a deleted form are dropped', async () => {
    expect((await t.inject('PUT', '/api/apps/shop', { navigation: nav })).statusCode).toBe(200);
    expect((await t.injectAs(member, 'GET', '/api/apps/shop/published')).json().app.navigation).toEqual([]);
    await t.publish('shop');
    expect((await t.injectAs(member, 'GET', '/api/apps/shop/published')).json().app.navigation).toEqual(nav);
    await t.inject('POST', '/api/apps/shop/forms', { id: 'tmp', title: 'tmp', fields: [] });
    await t.inject('PUT', '/api/apps/shop', { navigation: [{ type: 'form', id: 'tmp' }, { type: 'form', id: 'orders' }] });
    expect((await t.inject('GET', '/api/apps/shop')).json().navigation).toEqual([{ type: 'form', id: 'tmp' }, { type: 'form', id: 'orders' }]);
    // Members read the app with the navigation they run: neither the draft's nor its draft-only form.
    const published = (await t.injectAs(member, 'GET', '/api/apps/shop/published')).json().app.navigation;
    expect(published).toEqual(nav);
    expect((await t.injectAs(member, 'GET', '/api/apps/shop')).json().navigation).toEqual(nav);
    await t.inject('DELETE', '/api/apps/shop/forms/tmp');
    expect((await t.inject('GET', '/api/apps/shop')).json().navigation).toEqual([{ type: 'form', id: 'orders' }]);
  });
});

describe('administrators only', () => {
  beforeAll(() => startShop(true));
  afterAll(() => t.close());

  // Every row has three entries: jest would take a missing third one for a done callback.
  const routes: Array<[string, string, unknown]> = [
    ['POST', '/api/apps', { name: 'x' }],
    ['PUT', '/api/apps/shop', { name: 'x' }],
    ['DELETE', '/api/apps/shop', undefined],
    ['POST', '/api/apps/shop/forms', { id: 'm1', title: 'm', fields: [] }],
    ['PUT', '/api/apps/shop/forms/orders', orders],
    ['DELETE', '/api/apps/shop/forms/orders', undefined],
    ['POST', '/api/apps/shop/forms/orders/copy', {}],
    ['GET', '/api/apps/shop/publish/preview', undefined],
    ['POST', '/api/apps/shop/publish', {}],
    ['GET', '/api/apps/shop/versions', undefined],
    ['GET', '/api/apps/shop/versions/1', undefined],
    ['POST', '/api/apps/shop/versions/1/restore', undefined],
    ['GET', '/api/apps/shop/export', undefined],
    ['POST', '/api/apps/import', { format: 'tessera-app@1', app: { id: 'z', name: 'z' }, forms: [] }],
  ];
  test.each(routes)('%s %s is 403 FORBIDDEN for a member, in English when asked', async (method, url, body) => {
    const res = await t.injectAs(member, method as 'GET', url, body, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toEqual({ code: 'FORBIDDEN', message: 'Administrators only', details: [] });
  });

  test('nothing a member tried was written', async () => {
    expect((await t.inject('GET', '/api/apps')).json().items.map((a: { id: string }) => a.id)).toEqual(['shop']);
    expect((await t.inject('GET', '/api/apps/shop/forms/orders?draft=true')).statusCode).toBe(200);
  });
});
