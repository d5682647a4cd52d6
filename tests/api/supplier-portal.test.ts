// The supplier portal through HTTP: external accounts bound to their supplier's record by an
// attribute, invited by a one-time link on which they set their password, granted one permission
// set whose row scope is "my supplier's records". Supplier A's user never sees supplier B's
// records, fields or files by any path (list, detail, search, filter, export, relation picker,
// file URL, history, comments), and gets no directory.
import { startTestApp, type TestApp } from '../helpers/app';
import { grant } from '../helpers/access';

let t: TestApp;
const recs = (form: string) => `/api/apps/sp/forms/${form}/records`;
const supplier: Record<string, string> = {};
const inspection: Record<string, { _id: string; _v: number }> = {};
const file: Record<string, string> = {};
/** Session cookies of the portal users of supplier A and B. */
const portal: Record<string, string> = {};

async function upload(text: string): Promise<{ id: string; name: string; size: number; contentType: string }> {
  const boundary = '----tessera';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${text}.txt"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`;
  const res = await t.inject('POST', '/api/files', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(res.statusCode).toBe(201);
  return res.json();
}

/** Creates an external account bound to a supplier, invites it and accepts the invitation; returns its cookie. */
async function portalUser(username: string, supplierId: string): Promise<string> {
  const made = await t.inject('POST', '/api/users', { username, displayName: `${username} 门户`, kind: 'external', attributes: { supplier: supplierId } });
  expect(made.statusCode).toBe(201);
  const invite = await t.inject('POST', `/api/users/${made.json().user._id}/invite`);
  expect(invite.statusCode).toBe(201);
  const accepted = await t.injectAs(null, 'POST', `/api/auth/invite/${invite.json().token}`, { password: `${username}-portal-pass` });
  expect(accepted.statusCode).toBe(200);
  return String(accepted.headers['set-cookie']).split(';')[0];
}

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.inject('POST', '/api/apps', { id: 'sp', name: '供应商门户' })).statusCode).toBe(201);
  const forms = [
    { id: 'suppliers', title: '供应商', titleField: 'code', fields: [{ id: 'code', type: 'text', label: '编码', searchable: true }, { id: 'contact', type: 'text', label: '联系人' }] },
    { id: 'inspections', title: '来料检验', fields: [
      { id: 'no', type: 'text', label: '单号', searchable: true },
      { id: 'supplier', type: 'relation', label: '供应商', formId: 'suppliers', displayField: 'code' },
      { id: 'price', type: 'number', label: '采购单价' },
      { id: 'result', type: 'text', label: '结论' },
      { id: 'report', type: 'attachment', label: '报告' },
    ] },
  ];
  for (const f of forms) expect((await t.inject('POST', '/api/apps/sp/forms', f)).statusCode).toBe(201);
  await t.publish('sp');
  for (const code of ['A', 'B']) {
    supplier[code] = (await t.inject('POST', recs('suppliers'), { code: `S-${code}`, contact: `contact of ${code}` })).json()._id;
    const report = await upload(`report-${code}`);
    file[code] = report.id;
    const made = await t.inject('POST', recs('inspections'), { no: `I-${code}1`, supplier: { id: supplier[code] }, price: code === 'A' ? 11 : 22, result: 'open', report: [report] });
    expect(made.statusCode).toBe(201);
    inspection[code] = made.json();
  }
  await grant(t, 'sp', {
    name: '供应商门户',
    users: [],
    forms: {
      inspections: { actions: ['view', 'export', 'comment'], scope: { kind: 'condition', filter: { 'supplier.id': { $user: 'supplier' } } }, fields: { price: 'hidden' } },
      suppliers: { actions: ['view'], scope: { kind: 'condition', filter: { _id: { $user: 'supplier' } } } },
    },
  }).then(async (setId) => {
    portal.A = await portalUser('sup-a', supplier.A);
    portal.B = await portalUser('sup-b', supplier.B);
    const users = (await t.inject('GET', '/api/users?q=sup-')).json().items as Array<{ _id: string }>;
    const set = (await t.inject('GET', '/api/apps/sp/access')).json().sets[0];
    const res = await t.inject('PUT', `/api/apps/sp/permission-sets/${setId}`, { name: set.name, members: { ...set.members, users: users.map((u) => u._id) }, forms: set.forms, _v: set._v });
    expect(res.statusCode).toBe(200);
  });
  // The admin changes A's price once, so A's record has history naming the price.
  const a = inspection.A;
  const changed = await t.inject('PATCH', `${recs('inspections')}/${a._id}`, { _v: a._v, price: 12, result: 'passed' });
  expect(changed.statusCode).toBe(200);
  inspection.A = changed.json();
  expect((await t.inject('POST', `${recs('inspections')}/${inspection.B._id}/comments`, { text: 'B only' })).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('invitations', () => {
  test('an account without a password cannot sign in; its link works once and refuses a weak password', async () => {
    const made = await t.inject('POST', '/api/users', { username: 'sup-c', kind: 'external', attributes: { supplier: 'nobody' } });
    expect(made.statusCode).toBe(201);
    expect(made.json().user).toMatchObject({ kind: 'external', attributes: { supplier: 'nobody' }, isAdmin: false });
    const login = await t.injectAs(null, 'POST', '/api/auth/login', { username: 'sup-c', password: '' });
    expect(login.statusCode).toBe(400);
    const none = await t.injectAs(null, 'POST', '/api/auth/login', { username: 'sup-c', password: 'anything-at-all-1' });
    expect([none.statusCode, none.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const { token } = (await t.inject('POST', `/api/users/${made.json().user._id}/invite`)).json();
    expect((await t.injectAs(null, 'GET', `/api/auth/invite/${token}`)).json()).toMatchObject({ displayName: 'sup-c', username: 'sup-c' });
    const weak = await t.injectAs(null, 'POST', `/api/auth/invite/${token}`, { password: 'short' });
    expect([weak.statusCode, weak.json().error.details[0].code]).toEqual([400, 'password_too_short']);
    const ok = await t.injectAs(null, 'POST', `/api/auth/invite/${token}`, { password: 'sup-c-portal-pass' });
    expect(ok.statusCode).toBe(200);
    const again = await t.injectAs(null, 'POST', `/api/auth/invite/${token}`, { password: 'sup-c-portal-pass-2' });
    expect([again.statusCode, again.json().error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await t.injectAs(null, 'POST', '/api/auth/login', { username: 'sup-c', password: 'sup-c-portal-pass' })).statusCode).toBe(200);
    // A second link replaces the first.
    const first = (await t.inject('POST', `/api/users/${made.json().user._id}/invite`)).json().token;
    await t.inject('POST', `/api/users/${made.json().user._id}/invite`);
    expect((await t.injectAs(null, 'GET', `/api/auth/invite/${first}`)).statusCode).toBe(404);
  });

  test('an external account is never an administrator', async () => {
    const res = await t.inject('POST', '/api/users', { username: 'sup-x', password: 'sup-x-portal-pass', kind: 'external', isAdmin: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: '/isAdmin', code: 'external_admin' })]);
  });

  test('accepting from a foreign origin is refused', async () => {
    const res = await t.injectAs(null, 'POST', '/api/auth/invite/abcdefghijklmnopqrstuvwxyz', { password: 'whatever-pass-123' }, { origin: 'https://evil.example' });
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'CSRF_REJECTED']);
  });
});

describe("supplier A's portal user sees A's records only, by every path", () => {
  const get = (url: string) => t.injectAs(portal.A, 'GET', url);
  const nos = (res: { json(): { items: Array<{ no?: string }> } }) => res.json().items.map((r) => r.no);

  test('list, count, search and filters', async () => {
    const list = await get(recs('inspections'));
    expect([list.statusCode, nos(list), list.json().total]).toEqual([200, ['I-A1'], 1]);
    expect(list.json().items[0]).not.toHaveProperty('price');
    expect(nos(await get(`${recs('inspections')}?q=I-B`))).toEqual([]);
    expect(nos(await get(`${recs('inspections')}?filter=${encodeURIComponent(JSON.stringify({ 'supplier.id': supplier.B }))}`))).toEqual([]);
    const byPrice = await get(`${recs('inspections')}?filter=${encodeURIComponent(JSON.stringify({ price: 22 }))}`);
    expect([byPrice.statusCode, byPrice.json().error.code, byPrice.json().error.details[0].path]).toEqual([400, 'INVALID_FILTER', 'price']);
    expect(nos(await get(`${recs('inspections')}/export`))).toEqual(['I-A1']);
  });

  test('detail, history and comments of B are 404; A’s history leaves the price out', async () => {
    for (const url of [`${recs('inspections')}/${inspection.B._id}`, `${recs('inspections')}/${inspection.B._id}/history`, `${recs('inspections')}/${inspection.B._id}/comments`, `${recs('suppliers')}/${supplier.B}`]) {
      const res = await get(url);
      expect([url, res.statusCode]).toEqual([url, 404]);
    }
    const history = (await get(`${recs('inspections')}/${inspection.A._id}/history`)).json().items;
    expect(history[0].diff).toEqual([{ field: 'result', before: 'open', after: 'passed' }]);
    expect(history.flatMap((e: { diff: Array<{ field: string }> }) => e.diff.map((d) => d.field))).toEqual(['result']);
  });

  test('the relation picker offers A only; files: A’s report yes, B’s no', async () => {
    const picker = await get(`${recs('inspections')}/lookup?field=supplier`);
    expect(picker.json().items.map((i: { display: string }) => i.display)).toEqual(['S-A']);
    const own = await get(`/api/files/${file.A}`);
    expect([own.statusCode, own.body]).toEqual([200, 'report-A']);
    const other = await get(`/api/files/${file.B}`);
    expect([other.statusCode, other.json().error.code]).toEqual([404, 'NOT_FOUND']);
    // And B's user the other way round.
    expect((await t.injectAs(portal.B, 'GET', `/api/files/${file.A}`)).statusCode).toBe(404);
    expect((await t.injectAs(portal.B, 'GET', `/api/files/${file.B}`)).body).toBe('report-B');
  });

  test('no writes beyond the set: creating, editing and deleting are refused, nothing changes', async () => {
    const create = await t.injectAs(portal.A, 'POST', recs('inspections'), { no: 'I-A9', supplier: { id: supplier.A } });
    expect([create.statusCode, create.json().error.details[0].code]).toEqual([403, 'create']);
    const edit = await t.injectAs(portal.A, 'PATCH', `${recs('inspections')}/${inspection.A._id}`, { _v: inspection.A._v, result: 'x' });
    expect(edit.statusCode).toBe(403);
    const del = await t.injectAs(portal.A, 'DELETE', `${recs('inspections')}/${inspection.B._id}`);
    expect(del.statusCode).toBe(404);
    expect((await t.inject('GET', recs('inspections'))).json().total).toBe(2);
  });

  test('no directory: no searching people, departments or roles; names of known ids only', async () => {
    for (const url of ['/api/users/lookup?q=sup', '/api/users/lookup', '/api/departments', '/api/roles', '/api/users']) {
      const res = await get(url);
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 403, 'FORBIDDEN']);
    }
    const byId = await get(`/api/users/lookup?ids=${encodeURIComponent((await t.inject('GET', '/api/me')).json().user._id)}`);
    expect(byId.statusCode).toBe(200);
    expect(Object.keys(byId.json().items[0]).sort()).toEqual(['_id', 'displayName']);
  });

  test('the app as the portal user gets it: its two forms, the price left out of the form', async () => {
    const pub = (await get('/api/apps/sp/published')).json();
    expect(pub.forms.map((f: { id: string }) => f.id)).toEqual(['suppliers', 'inspections']);
    expect(pub.forms[1].fields.map((f: { id: string }) => f.id)).toEqual(['no', 'supplier', 'result', 'report']);
    expect(pub.access.inspections).toEqual({ actions: ['view', 'export', 'comment'], hidden: ['price'], readonly: [] });
    expect((await get('/api/me')).json().user).toMatchObject({ kind: 'external', attributes: { supplier: supplier.A } });
  });
});
