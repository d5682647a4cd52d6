// "View as this user" (X-Tessera-View-As): an administrator reads the app exactly as a member
// sees it — the same list, detail, history and /published, hidden fields absent — and nothing
// else: any write with the header is refused, a member may not send it, an app's admin only
// inside their app, and an unknown or disabled user is 404.
import { startTestApp, type TestApp } from '../helpers/app';
import { grant } from '../helpers/access';

const VIEW_AS = 'x-tessera-view-as';
let t: TestApp;
const recs = (app: string, form: string) => `/api/apps/${app}/forms/${form}/records`;
/** Users: mia (a member with a scoped set), nia (named by no set), ada (admin of qms only), dis (disabled). */
const u: Record<string, { id: string; cookie: string }> = {};
const rec: Record<string, { _id: string; _v: number }> = {};
const as = (who: string) => ({ [VIEW_AS]: u[who].id });

async function app(id: string, formId: string, fields: Array<Record<string, unknown>>): Promise<void> {
  expect((await t.inject('POST', '/api/apps', { id, name: id })).statusCode).toBe(201);
  expect((await t.inject('POST', `/api/apps/${id}/forms`, { id: formId, title: formId, fields })).statusCode).toBe(201);
  await t.publish(id);
}

beforeAll(async () => {
  t = await startTestApp();
  for (const username of ['mia', 'nia', 'ada', 'dis']) {
    const { user, cookie } = await t.createUser({ username, displayName: username.toUpperCase() });
    u[username] = { id: String(user._id), cookie };
  }
  await app('qms', 'parts', [
    { id: 'code', type: 'text', label: '编码' },
    { id: 'price', type: 'number', label: '单价' },
    { id: 'status', type: 'text', label: '状态' },
  ]);
  await app('crm', 'leads', [{ id: 'code', type: 'text', label: '编码' }]);
  for (const [code, status] of [['P-1', 'open'], ['P-2', 'closed'], ['P-3', 'open']]) {
    rec[code] = (await t.inject('POST', recs('qms', 'parts'), { code, price: 10, status })).json();
  }
  rec['C-1'] = (await t.inject('POST', recs('crm', 'leads'), { code: 'C-1' })).json();
  // mia sees the open parts of qms without their price; nobody names nia.
  await grant(t, 'qms', { name: 'open parts', users: [u.mia.id], forms: { parts: { actions: ['view', 'edit'], scope: { kind: 'condition', filter: { status: 'open' } }, fields: { price: 'hidden' } } } });
  await grant(t, 'crm', { name: 'crm', users: [u.mia.id, u.ada.id], forms: { leads: { actions: ['view'] } } });
  expect((await t.inject('PUT', '/api/apps/qms/access/admins', { admins: [u.ada.id] })).statusCode).toBe(200);
  expect((await t.inject('PATCH', `/api/users/${u.dis.id}`, { disabled: true })).statusCode).toBe(200);
});
afterAll(() => t.close());

describe('an administrator viewing as a member reads exactly what the member reads', () => {
  test('the list: the same records, the hidden field absent', async () => {
    const own = await t.injectAs(u.mia.cookie, 'GET', `${recs('qms', 'parts')}?sort=code`);
    const viewed = await t.inject('GET', `${recs('qms', 'parts')}?sort=code`, undefined, as('mia'));
    expect(viewed.statusCode).toBe(200);
    expect(viewed.json().items.map((r: { code: string }) => r.code)).toEqual(['P-1', 'P-3']);
    expect(viewed.json().items.map((r: { _id: string }) => r._id)).toEqual([rec['P-1']._id, rec['P-3']._id]);
    expect(viewed.json().items.some((r: Record<string, unknown>) => 'price' in r)).toBe(false);
    expect(viewed.json().total).toBe(2);
    expect(viewed.json()).toEqual(own.json());
    // HEAD reads too.
    expect((await t.inject('HEAD', `${recs('qms', 'parts')}?sort=code`, undefined, as('mia'))).statusCode).toBe(200);
  });

  test('the same query sent as POST …/records/query (a read)', async () => {
    const body = { filter: { code: { $in: ['P-1', 'P-2'] } } };
    const viewed = await t.inject('POST', `${recs('qms', 'parts')}/query`, body, as('mia'));
    expect(viewed.statusCode).toBe(200);
    expect(viewed.json().items.map((r: { code: string }) => r.code)).toEqual(['P-1']);
    expect(viewed.json()).toEqual((await t.injectAs(u.mia.cookie, 'POST', `${recs('qms', 'parts')}/query`, body)).json());
  });

  test('/published: the member’s forms without the hidden field, with the member’s access', async () => {
    const viewed = await t.inject('GET', '/api/apps/qms/published', undefined, as('mia'));
    expect(viewed.statusCode).toBe(200);
    const body = viewed.json();
    expect(body.admin).toBe(false);
    expect(body.forms[0].fields.map((f: { id: string }) => f.id)).toEqual(['code', 'status']);
    expect(body.access).toEqual({ parts: { actions: ['view', 'edit'], hidden: ['price'], readonly: [] } });
    expect(body).toEqual((await t.injectAs(u.mia.cookie, 'GET', '/api/apps/qms/published')).json());
  });

  test('detail and history as the member; a record outside the member’s scope is 404', async () => {
    const detail = await t.inject('GET', `${recs('qms', 'parts')}/${rec['P-1']._id}`, undefined, as('mia'));
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).not.toHaveProperty('price');
    expect(detail.json().code).toBe('P-1');
    const history = await t.inject('GET', `${recs('qms', 'parts')}/${rec['P-1']._id}/history`, undefined, as('mia'));
    expect(history.statusCode).toBe(200);
    expect(JSON.stringify(history.json())).not.toContain('"price"');
    const hidden = await t.inject('GET', `${recs('qms', 'parts')}/${rec['P-2']._id}`, undefined, as('mia'));
    expect([hidden.statusCode, hidden.json().error.code]).toEqual([404, 'NOT_FOUND']);
  });

  test('the apps list and /api/me answer as the member', async () => {
    const apps = await t.inject('GET', '/api/apps', undefined, as('mia'));
    expect(apps.json().items.map((a: { id: string }) => a.id).sort()).toEqual(['crm', 'qms']);
    const me = await t.inject('GET', '/api/me', undefined, as('mia'));
    expect([me.json().user._id, me.json().user.isAdmin]).toEqual([u.mia.id, false]);
  });

  test('viewing as a user no set names: the app is 404, the apps list empty', async () => {
    for (const url of ['/api/apps/qms', '/api/apps/qms/published', recs('qms', 'parts')]) {
      const res = await t.inject('GET', url, undefined, as('nia'));
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 404, 'NOT_FOUND']);
    }
    expect((await t.inject('GET', '/api/apps', undefined, as('nia'))).json()).toEqual({ items: [] });
  });
});

describe('view as only reads, and only for administrators', () => {
  test('a PATCH with the header is 403 and changes nothing', async () => {
    const url = `${recs('qms', 'parts')}/${rec['P-1']._id}`;
    const res = await t.inject('PATCH', url, { _v: rec['P-1']._v, code: 'changed' }, as('mia'));
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const after = (await t.inject('GET', url)).json();
    expect([after.code, after._v]).toEqual(['P-1', rec['P-1']._v]);
    // Creating and deleting are refused the same way.
    expect((await t.inject('POST', recs('qms', 'parts'), { code: 'P-9' }, as('mia'))).statusCode).toBe(403);
    expect((await t.inject('DELETE', url, undefined, as('mia'))).statusCode).toBe(403);
    expect((await t.inject('GET', recs('qms', 'parts'))).json().total).toBe(3);
  });

  test('a member sending the header is 403', async () => {
    const res = await t.injectAs(u.mia.cookie, 'GET', recs('qms', 'parts'), undefined, as('nia'));
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'FORBIDDEN']);
  });

  test('an unknown or disabled user is 404', async () => {
    const unknown = await t.inject('GET', recs('qms', 'parts'), undefined, { [VIEW_AS]: 'no-such-user' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const disabled = await t.inject('GET', recs('qms', 'parts'), undefined, as('dis'));
    expect([disabled.statusCode, disabled.json().error.code]).toEqual([404, 'NOT_FOUND']);
  });

  test('an app’s admin views as a member inside their app only, and never as a tenant administrator', async () => {
    const inside = await t.injectAs(u.ada.cookie, 'GET', `${recs('qms', 'parts')}?sort=code`, undefined, as('mia'));
    expect(inside.statusCode).toBe(200);
    expect(inside.json().items.map((r: { code: string }) => r.code)).toEqual(['P-1', 'P-3']);
    // ada sees crm as a member, not as its admin: no view as there, nor outside any app.
    for (const url of [recs('crm', 'leads'), '/api/apps', '/api/me']) {
      const res = await t.injectAs(u.ada.cookie, 'GET', url, undefined, as('mia'));
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 403, 'FORBIDDEN']);
    }
    const admin = (await t.inject('GET', '/api/me')).json().user._id as string;
    const asAdmin = await t.injectAs(u.ada.cookie, 'GET', recs('qms', 'parts'), undefined, { [VIEW_AS]: admin });
    expect([asAdmin.statusCode, asAdmin.json().error.code]).toEqual([403, 'FORBIDDEN']);
  });

  test('an app’s admin views as a member on the app’s own address too; an app that does not exist is 403', async () => {
    const own = await t.injectAs(u.mia.cookie, 'GET', '/api/apps/qms');
    const viewed = await t.injectAs(u.ada.cookie, 'GET', '/api/apps/qms', undefined, as('mia'));
    expect([viewed.statusCode, viewed.json()]).toEqual([200, own.json()]);
    const missing = await t.injectAs(u.ada.cookie, 'GET', recs('no-such-app', 'parts'), undefined, as('mia'));
    expect([missing.statusCode, missing.json().error.code]).toEqual([403, 'FORBIDDEN']);
  });

  test('signed out, the header changes nothing: 401', async () => {
    const res = await t.injectAs(null, 'GET', recs('qms', 'parts'), undefined, as('mia'));
    expect([res.statusCode, res.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  test('a key limited to some apps: an app’s admin may not view as anyone in another app, and the viewed user reaches only the key’s apps', async () => {
    // ada administers qms, but her key reaches crm only: no view as in qms.
    const crmKey = (await t.injectAs(u.ada.cookie, 'POST', '/api/api-keys', { name: 'ada crm', scope: { access: 'admin', apps: ['crm'] } })).json().secret as string;
    const res = await t.injectAs(crmKey, 'GET', recs('qms', 'parts'), undefined, as('mia'));
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'FORBIDDEN']);
    // The tenant administrator's key for qms only: viewing as mia, who reads crm, still reaches qms only.
    const qmsKey = (await t.inject('POST', '/api/api-keys', { name: 'admin qms', scope: { access: 'admin', apps: ['qms'] } })).json().secret as string;
    expect((await t.injectAs(qmsKey, 'GET', recs('qms', 'parts'), undefined, as('mia'))).json().total).toBe(2);
    const crm = await t.injectAs(qmsKey, 'GET', recs('crm', 'leads'), undefined, as('mia'));
    expect([crm.statusCode, crm.json().error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await t.injectAs(u.mia.cookie, 'GET', recs('crm', 'leads'))).statusCode).toBe(200);
  });

  test('an app’s admin views as a member with an API key only when the key has the admin scope', async () => {
    const key = async (access: string) => (await t.injectAs(u.ada.cookie, 'POST', '/api/api-keys', { name: `ada ${access}`, scope: { access } })).json().secret as string;
    const withAdminKey = await t.injectAs(await key('admin'), 'GET', `${recs('qms', 'parts')}?sort=code`, undefined, as('mia'));
    expect([withAdminKey.statusCode, withAdminKey.json().items.map((r: { code: string }) => r.code)]).toEqual([200, ['P-1', 'P-3']]);
    for (const access of ['write', 'read']) {
      const res = await t.injectAs(await key(access), 'GET', recs('qms', 'parts'), undefined, as('mia'));
      expect([access, res.statusCode, res.json().error.code]).toEqual([access, 403, 'FORBIDDEN']);
    }
  });
});

describe('every app the server builds takes the header', () => {
  // This test builds its own app while it runs: StrykerJS credits a planted bug in code that runs
  // while an app is built (the hook's registration) only to such tests (docs/testing.md).
  test('a fresh app answers as the viewed user from its first request, and refuses a write', async () => {
    const fresh = await startTestApp();
    try {
      const { user } = await fresh.createUser({ username: 'eve', displayName: 'Eve' });
      const header = { [VIEW_AS]: String(user._id) };
      const me = await fresh.inject('GET', '/api/me', undefined, header);
      expect([me.statusCode, me.json().user._id, me.json().user.isAdmin]).toEqual([200, String(user._id), false]);
      const write = await fresh.inject('POST', '/api/apps', { id: 'eve', name: 'eve' }, header);
      expect([write.statusCode, write.json().error.code]).toEqual([403, 'FORBIDDEN']);
      expect((await fresh.inject('GET', '/api/apps')).json()).toEqual({ items: [] });
    } finally {
      await fresh.close();
    }
  });
});
