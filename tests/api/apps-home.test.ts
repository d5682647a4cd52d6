// The home page's list of apps through HTTP: after every kind of draft write and publish, an
// admin's `draftChanged` says what comparing the draft with the published version says, and
// the list reads no form schema to say it.
import { isDeepStrictEqual } from 'node:util';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
type Json = Record<string, unknown>;
const orders = { id: 'orders', title: '订单', fields: [{ id: 'no', type: 'text', label: '单号' }] };

/** The admin's row of an app on the home page. */
async function row(appId: string): Promise<Json> {
  const res = await t.inject('GET', '/api/apps');
  expect(res.statusCode).toBe(200);
  return (res.json().items as Json[]).find((a) => a.id === appId)!;
}

/** What comparing the whole draft with the published version says (forms without versions, and navigation). */
async function draftDiffers(appId: string): Promise<boolean> {
  const bare = (f: Json) => {
    const { version: _v, appId: _a, createdAt: _c, updatedAt: _u, updatedBy: _b, publishedVersion: _p, ...rest } = f;
    return rest;
  };
  const byId = (forms: Json[]) => Object.fromEntries(forms.map((f) => [f.id, bare(f)]));
  const drafts = (await t.inject('GET', `/api/apps/${appId}/forms?draft=true`)).json().items as Json[];
  const navigation = (await t.inject('GET', `/api/apps/${appId}`)).json().navigation;
  const pub = await t.inject('GET', `/api/apps/${appId}/published`);
  if (pub.statusCode === 404) return drafts.length > 0 || navigation.length > 0;
  const published = pub.json();
  return !isDeepStrictEqual(byId(drafts), byId(published.forms)) || !isDeepStrictEqual(navigation, published.app.navigation);
}

/** The list's answer, and that it is what comparing the definitions says. */
async function expectChanged(appId: string, changed: boolean): Promise<void> {
  expect(await draftDiffers(appId)).toBe(changed);
  expect((await row(appId)).draftChanged).toBe(changed);
}

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

test('draftChanged follows every kind of draft write and publish', async () => {
  // 1. a new app has nothing to publish; a form makes it a draft with something in it
  expect((await t.inject('POST', '/api/apps', { id: 'home', name: '首页' })).statusCode).toBe(201);
  await expectChanged('home', false);
  expect((await t.inject('POST', '/api/apps/home/forms', orders)).statusCode).toBe(201);
  await expectChanged('home', true);
  expect(await row('home')).toMatchObject({ formCount: 1, publishedVersion: null });
  // 2. published: nothing left to publish; meta applies at once and is no draft change
  await t.publish('home');
  await expectChanged('home', false);
  expect((await t.inject('PUT', '/api/apps/home', { name: '首页应用', color: '#1677ff' })).statusCode).toBe(200);
  await expectChanged('home', false);
  // 3. navigation is draft
  expect((await t.inject('PUT', '/api/apps/home', { navigation: [{ type: 'form', id: 'orders' }] })).statusCode).toBe(200);
  await expectChanged('home', true);
  await t.publish('home');
  await expectChanged('home', false);
  // 4. a form saved, copied, deleted
  expect((await t.inject('PUT', '/api/apps/home/forms/orders', { ...orders, title: '订单（新）' })).statusCode).toBe(200);
  await expectChanged('home', true);
  await t.publish('home');
  const copy = (await t.inject('POST', '/api/apps/home/forms/orders/copy', {})).json();
  await expectChanged('home', true);
  expect(await row('home')).toMatchObject({ formCount: 2 });
  await t.publish('home');
  await expectChanged('home', false);
  expect((await t.inject('DELETE', `/api/apps/home/forms/${copy.id}`)).statusCode).toBe(204);
  await expectChanged('home', true);
  await t.publish('home');
  await expectChanged('home', false);
  // 5. an older version restored as the draft
  expect((await t.inject('POST', '/api/apps/home/versions/1/restore')).statusCode).toBe(200);
  await expectChanged('home', true);
  await t.publish('home');
  await expectChanged('home', false);
  // 6. imports publish what they install
  const pkg = (await t.inject('GET', '/api/apps/home/export')).body;
  expect((await t.inject('PUT', '/api/apps/home/forms/orders', { ...orders, title: '又改了' })).statusCode).toBe(200);
  await expectChanged('home', true);
  expect((await t.inject('POST', '/api/apps/import?mode=replace', pkg, { 'content-type': 'application/json' })).statusCode).toBe(201);
  await expectChanged('home', false);
  const copied = (await t.inject('POST', '/api/apps/import?mode=copy', pkg, { 'content-type': 'application/json' })).json();
  await expectChanged(copied.id, false);
  // 7. never published, with only an empty group in its navigation: something to publish
  await t.inject('POST', '/api/apps', { id: 'menu', name: '菜单' });
  expect((await t.inject('PUT', '/api/apps/menu', { navigation: [{ type: 'group', id: 'g', label: '组', children: [] }] })).statusCode).toBe(200);
  await expectChanged('menu', true);
  // 8. the list compares no schema: a save counts as a change even when it changes nothing
  expect((await t.inject('PUT', '/api/apps/home/forms/orders', orders)).statusCode).toBe(200);
  expect(await draftDiffers('home')).toBe(false);
  expect((await row('home')).draftChanged).toBe(true);
});

test('the list reads no form schema', async () => {
  const forms = t.store.collection('forms');
  const spy = jest.spyOn(forms, 'find');
  let projections: unknown[];
  try {
    expect((await t.inject('GET', '/api/apps')).statusCode).toBe(200);
    projections = spy.mock.calls.map(([, opts]) => opts?.projection);
  } finally {
    spy.mockRestore();
  }
  expect(projections).toEqual([{ _id: 1, appId: 1 }]);
});
