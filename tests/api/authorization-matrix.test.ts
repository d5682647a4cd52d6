// The authorization matrix through real HTTP: every route of the API (as OpenAPI lists it) ×
// {tenant admin, app admin, member with a scoped set, member with no set, external supplier user,
// API key of each scope}. Each cell says whether the call is allowed (2xx) or refused (its
// status), and a refused call changes nothing: the audit chain, which every write extends in its
// own transaction, does not move. A route the table does not name fails the first test, so a new
// path cannot ship without saying who may call it.
import { startTestApp, type Method, type TestApp } from '../helpers/app';
import { grant } from '../helpers/access';

const WHO = ['admin', 'appAdmin', 'scoped', 'noSet', 'external', 'keyRead', 'keyWrite', 'keyAdmin'] as const;
type Who = (typeof WHO)[number];
/** 'ok' is any 2xx; a number is the refusal expected. */
type Outcome = 'ok' | 400 | 401 | 403 | 404;
type Expect = Record<Who, Outcome>;

interface Call {
  method: Method;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Row {
  /** `METHOD /api/path/{param}` as OpenAPI names it. */
  route: string;
  /** The call, made right before it (a target of its own when the call would use one up). */
  call(who: Who): Promise<Call>;
  expect: Expect;
}

/** Routes the matrix does not call, each with why (and where it is tested instead). */
const ELSEWHERE: Record<string, string> = {
  'POST /api/auth/logout': 'ends the caller’s own session (tests/api/identity-sessions.test.ts)',
  'POST /api/me/password': 'changes the caller’s own password (tests/api/identity-passwords.test.ts)',
  'GET /api/auth/invite/{token}': 'a link’s secret, not a principal, decides (tests/api/supplier-portal.test.ts)',
  'POST /api/auth/invite/{token}': 'a link’s secret, not a principal, decides (tests/api/supplier-portal.test.ts)',
};

const all = (o: Outcome): Expect => Object.fromEntries(WHO.map((w) => [w, o])) as Expect;
const only = (allowed: Who[], refused: Partial<Expect>, otherwise: Outcome): Expect => ({ ...all(otherwise), ...Object.fromEntries(allowed.map((w) => [w, 'ok'])), ...refused });
/** Administration: the tenant admin and its admin key; a read key is refused as a write first. */
const adminOnly = (read = false): Expect => only(['admin', 'keyAdmin'], read ? {} : { keyRead: 403 }, 403);
/** App administration (permission sets): tenant and app admins; members who cannot see the app get 404. */
const appAdmin = (read = false): Expect => ({ ...only(['admin', 'appAdmin', 'keyAdmin'], { noSet: 404 }, 403), ...(read ? {} : { keyRead: 403 }) });
/** Reading the published app: whoever a set names (and admins); the rest, 404. */
const appReaders: Expect = only(['admin', 'appAdmin', 'scoped', 'external', 'keyRead', 'keyWrite', 'keyAdmin'], {}, 404);

let t: TestApp;
const cred: Record<Who, string> = {} as Record<Who, string>;
const ids: Record<string, string> = {};
const recs = '/api/apps/m/forms/f/records';
let counter = 0;
const fresh = (p: string) => `${p}${++counter}`;

async function ok(method: Method, url: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await t.inject(method, url, body);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.statusCode === 204 ? {} : res.json();
}

async function record(extra: Record<string, unknown> = {}): Promise<{ _id: string; _v: number }> {
  return (await ok('POST', recs, { no: fresh('R-'), supplier: 'S1', ...extra })) as { _id: string; _v: number };
}

async function upload(cookieOrKey: string): Promise<Call> {
  const boundary = '----m';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--\r\n`;
  void cookieOrKey;
  return { method: 'POST', url: '/api/files', body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const form = (id: string) => ({ id, title: 'F', fields: [{ id: 'no', type: 'text', label: 'No', searchable: true }, { id: 'supplier', type: 'text', label: 'Supplier' }, { id: 'other', type: 'relation', label: 'G', formId: 'g', displayField: 'name' }, { id: 'report', type: 'attachment', label: 'Report' }, { id: 'state', type: 'select', label: 'State', options: [{ value: 'open', label: 'Open' }] }] });

/** A fresh notification of the admin's: the app admin mentions them on R1. */
async function adminNotification(): Promise<string> {
  const admin = ((await ok('GET', '/api/me')) as { user: { _id: string } }).user._id;
  const res = await t.injectAs(cred.appAdmin, 'POST', `${recs}/${ids.r1}/comments`, { text: '@admin', mentions: [admin] });
  if (res.statusCode !== 201) throw new Error(`mention: ${res.statusCode} ${res.body}`);
  return ((await ok('GET', '/api/notifications?limit=1')) as { items: Array<{ _id: string }> }).items[0]._id;
}

/** A new view of m/f the admin shares with everyone who sees the form. */
async function sharedView(): Promise<string> {
  return ((await ok('POST', '/api/apps/m/forms/f/views', { name: fresh('shared'), type: 'table', shared: true, config: {} })) as { id: string }).id;
}

/** A new app with one published form, for calls that use an app up (delete, publish, restore). */
async function freshApp(): Promise<string> {
  const id = fresh('x');
  await ok('POST', '/api/apps', { id, name: id });
  await ok('POST', `/api/apps/${id}/forms`, { id: fresh('xf'), title: 'X', fields: [{ id: 'no', type: 'text', label: 'No' }] });
  await t.publish(id);
  return id;
}

const EMPTY_SET = { name: 'empty', members: { users: [], departments: [], roles: [] }, forms: {} };

const ROWS: Row[] = [
  { route: 'GET /api/openapi.json', call: async () => ({ method: 'GET', url: '/api/openapi.json' }), expect: all('ok') },
  { route: 'GET /api/health', call: async () => ({ method: 'GET', url: '/api/health' }), expect: all('ok') },
  { route: 'POST /api/auth/login', call: async () => ({ method: 'POST', url: '/api/auth/login', body: { username: 'nobody', password: 'not-the-password-1' } }), expect: { ...all(401), keyRead: 403 } },
  { route: 'GET /api/me', call: async () => ({ method: 'GET', url: '/api/me' }), expect: all('ok') },
  { route: 'PATCH /api/me', call: async () => ({ method: 'PATCH', url: '/api/me', body: { locale: 'zh-CN' } }), expect: { ...all('ok'), keyRead: 403 } },
  { route: 'GET /api/users/lookup', call: async () => ({ method: 'GET', url: '/api/users/lookup?q=a' }), expect: { ...all('ok'), external: 403 } },
  { route: 'GET /api/users', call: async () => ({ method: 'GET', url: '/api/users' }), expect: adminOnly(true) },
  { route: 'POST /api/users', call: async () => ({ method: 'POST', url: '/api/users', body: { username: fresh('u-') } }), expect: adminOnly() },
  { route: 'GET /api/users/{id}', call: async () => ({ method: 'GET', url: `/api/users/${ids.scopedUser}` }), expect: adminOnly(true) },
  { route: 'PATCH /api/users/{id}', call: async () => ({ method: 'PATCH', url: `/api/users/${ids.scopedUser}`, body: { displayName: 'Scoped' } }), expect: adminOnly() },
  { route: 'DELETE /api/users/{id}', call: async () => ({ method: 'DELETE', url: `/api/users/${((await ok('POST', '/api/users', { username: fresh('d-') })) as { user: { _id: string } }).user._id}` }), expect: adminOnly() },
  { route: 'POST /api/users/{id}/invite', call: async () => ({ method: 'POST', url: `/api/users/${ids.externalUser}/invite` }), expect: adminOnly() },
  { route: 'GET /api/departments', call: async () => ({ method: 'GET', url: '/api/departments' }), expect: { ...all('ok'), external: 403 } },
  { route: 'POST /api/departments', call: async () => ({ method: 'POST', url: '/api/departments', body: { name: fresh('D') } }), expect: adminOnly() },
  { route: 'PATCH /api/departments/{id}', call: async () => ({ method: 'PATCH', url: `/api/departments/${ids.dept}`, body: { name: fresh('Dept') } }), expect: adminOnly() },
  { route: 'DELETE /api/departments/{id}', call: async () => ({ method: 'DELETE', url: `/api/departments/${((await ok('POST', '/api/departments', { name: fresh('Gone') })) as { department: { _id: string } }).department._id}` }), expect: adminOnly() },
  { route: 'GET /api/roles', call: async () => ({ method: 'GET', url: '/api/roles' }), expect: { ...all('ok'), external: 403 } },
  { route: 'POST /api/roles', call: async () => ({ method: 'POST', url: '/api/roles', body: { name: fresh('role') } }), expect: adminOnly() },
  { route: 'PATCH /api/roles/{id}', call: async () => ({ method: 'PATCH', url: `/api/roles/${ids.role}`, body: { name: fresh('Role') } }), expect: adminOnly() },
  { route: 'DELETE /api/roles/{id}', call: async () => ({ method: 'DELETE', url: `/api/roles/${((await ok('POST', '/api/roles', { name: fresh('gone') })) as { role: { _id: string } }).role._id}` }), expect: adminOnly() },
  { route: 'GET /api/api-keys', call: async () => ({ method: 'GET', url: '/api/api-keys' }), expect: all('ok') },
  { route: 'POST /api/api-keys', call: async () => ({ method: 'POST', url: '/api/api-keys', body: { name: 'k', scope: { access: 'read' } } }), expect: { ...all('ok'), keyRead: 403 } },
  // The admin's own key: its owner and the admin's keys may revoke it; a member does not find it; a read key writes nothing.
  { route: 'DELETE /api/api-keys/{id}', call: async () => ({ method: 'DELETE', url: `/api/api-keys/${((await ok('POST', '/api/api-keys', { name: 'gone' })) as { apiKey: { _id: string } }).apiKey._id}` }), expect: { ...only(['admin', 'keyWrite', 'keyAdmin'], { keyRead: 403 }, 404) } },
  { route: 'GET /api/login-history', call: async () => ({ method: 'GET', url: '/api/login-history' }), expect: adminOnly(true) },
  { route: 'GET /api/apps', call: async () => ({ method: 'GET', url: '/api/apps' }), expect: all('ok') },
  { route: 'POST /api/apps', call: async () => ({ method: 'POST', url: '/api/apps', body: { id: fresh('n'), name: 'N' } }), expect: adminOnly() },
  { route: 'GET /api/apps/{appId}', call: async () => ({ method: 'GET', url: '/api/apps/m' }), expect: appReaders },
  { route: 'PUT /api/apps/{appId}', call: async () => ({ method: 'PUT', url: '/api/apps/m', body: { description: fresh('d') } }), expect: adminOnly() },
  { route: 'DELETE /api/apps/{appId}', call: async () => ({ method: 'DELETE', url: `/api/apps/${await freshApp()}` }), expect: adminOnly() },
  { route: 'GET /api/apps/{appId}/published', call: async () => ({ method: 'GET', url: '/api/apps/m/published' }), expect: appReaders },
  { route: 'GET /api/apps/{appId}/access', call: async () => ({ method: 'GET', url: '/api/apps/m/access' }), expect: appAdmin(true) },
  { route: 'PUT /api/apps/{appId}/access/admins', call: async () => ({ method: 'PUT', url: '/api/apps/m/access/admins', body: { admins: [ids.appAdminUser] } }), expect: appAdmin() },
  { route: 'POST /api/apps/{appId}/permission-sets', call: async () => ({ method: 'POST', url: '/api/apps/m/permission-sets', body: EMPTY_SET }), expect: appAdmin() },
  { route: 'PUT /api/apps/{appId}/permission-sets/{setId}', call: async () => ({ method: 'PUT', url: `/api/apps/m/permission-sets/${ids.emptySet}`, body: { ...EMPTY_SET, name: fresh('set') } }), expect: appAdmin() },
  { route: 'DELETE /api/apps/{appId}/permission-sets/{setId}', call: async () => ({ method: 'DELETE', url: `/api/apps/m/permission-sets/${((await ok('POST', '/api/apps/m/permission-sets', EMPTY_SET)) as { id: string }).id}` }), expect: appAdmin() },
  { route: 'GET /api/apps/{appId}/forms', call: async () => ({ method: 'GET', url: '/api/apps/m/forms' }), expect: appReaders },
  { route: 'POST /api/apps/{appId}/forms', call: async () => ({ method: 'POST', url: '/api/apps/m/forms', body: { id: fresh('nf'), title: 'N', fields: [] } }), expect: adminOnly() },
  { route: 'GET /api/apps/{appId}/forms/{formId}', call: async () => ({ method: 'GET', url: '/api/apps/m/forms/f' }), expect: appReaders },
  {
    route: 'PUT /api/apps/{appId}/forms/{formId}',
    call: async () => {
      const id = fresh('pf');
      await ok('POST', '/api/apps/m/forms', { id, title: 'P', fields: [] });
      return { method: 'PUT', url: `/api/apps/m/forms/${id}`, body: { id, title: 'P2', fields: [] } };
    },
    expect: adminOnly(),
  },
  {
    route: 'DELETE /api/apps/{appId}/forms/{formId}',
    call: async () => {
      const id = fresh('df');
      await ok('POST', '/api/apps/m/forms', { id, title: 'D', fields: [] });
      return { method: 'DELETE', url: `/api/apps/m/forms/${id}` };
    },
    expect: adminOnly(),
  },
  { route: 'POST /api/apps/{appId}/forms/{formId}/copy', call: async () => ({ method: 'POST', url: '/api/apps/m/forms/g/copy', body: {} }), expect: adminOnly() },
  { route: 'GET /api/apps/{appId}/publish/preview', call: async () => ({ method: 'GET', url: '/api/apps/m/publish/preview' }), expect: adminOnly(true) },
  { route: 'POST /api/apps/{appId}/publish', call: async () => ({ method: 'POST', url: `/api/apps/${await freshApp()}/publish`, body: { confirm: true } }), expect: adminOnly() },
  { route: 'GET /api/apps/{appId}/versions', call: async () => ({ method: 'GET', url: '/api/apps/m/versions' }), expect: adminOnly(true) },
  { route: 'GET /api/apps/{appId}/versions/{version}', call: async () => ({ method: 'GET', url: '/api/apps/m/versions/1' }), expect: adminOnly(true) },
  { route: 'POST /api/apps/{appId}/versions/{version}/restore', call: async () => ({ method: 'POST', url: `/api/apps/${await freshApp()}/versions/1/restore` }), expect: adminOnly() },
  { route: 'GET /api/apps/{appId}/export', call: async () => ({ method: 'GET', url: '/api/apps/m/export' }), expect: adminOnly(true) },
  { route: 'POST /api/apps/import', call: async () => ({ method: 'POST', url: '/api/apps/import?mode=copy', body: await ok('GET', '/api/apps/g0/export') }), expect: adminOnly() },
  // Records of m/f. R1 (made by the admin, supplier S1): the external user's set reaches it; the scoped member's (creator) does not.
  { route: 'GET /api/apps/{appId}/forms/{formId}/records', call: async () => ({ method: 'GET', url: recs }), expect: appReaders },
  { route: 'POST /api/apps/{appId}/forms/{formId}/records', call: async () => ({ method: 'POST', url: recs, body: { no: fresh('C-'), supplier: 'S9' } }), expect: { ...only(['admin', 'appAdmin', 'scoped', 'keyWrite', 'keyAdmin'], { external: 403, keyRead: 403 }, 404) } },
  { route: 'POST /api/apps/{appId}/forms/{formId}/records/query', call: async () => ({ method: 'POST', url: `${recs}/query`, body: { filter: { no: 'R1' } } }), expect: appReaders },
  // Saved views of m/f: whoever sees the form lists them and keeps personal ones; a shared view (the admin's) is changed only by who manages the form.
  { route: 'GET /api/apps/{appId}/forms/{formId}/views', call: async () => ({ method: 'GET', url: '/api/apps/m/forms/f/views' }), expect: appReaders },
  { route: 'POST /api/apps/{appId}/forms/{formId}/views', call: async () => ({ method: 'POST', url: '/api/apps/m/forms/f/views', body: { name: fresh('v'), type: 'table', config: { sort: 'no' } } }), expect: { ...only(['admin', 'appAdmin', 'scoped', 'external', 'keyWrite', 'keyAdmin'], { keyRead: 403 }, 404) } },
  { route: 'PATCH /api/apps/{appId}/forms/{formId}/views/{viewId}', call: async () => ({ method: 'PATCH', url: `/api/apps/m/forms/f/views/${await sharedView()}`, body: { _v: 1, name: fresh('v') } }), expect: { ...only(['admin', 'appAdmin', 'keyWrite', 'keyAdmin'], { scoped: 403, external: 403, keyRead: 403 }, 404) } },
  { route: 'DELETE /api/apps/{appId}/forms/{formId}/views/{viewId}', call: async () => ({ method: 'DELETE', url: `/api/apps/m/forms/f/views/${await sharedView()}` }), expect: { ...only(['admin', 'appAdmin', 'keyWrite', 'keyAdmin'], { scoped: 403, external: 403, keyRead: 403 }, 404) } },
  { route: 'GET /api/apps/{appId}/forms/{formId}/records/groups', call: async () => ({ method: 'GET', url: `${recs}/groups?by=supplier` }), expect: appReaders },
  { route: 'GET /api/apps/{appId}/forms/{formId}/records/board', call: async () => ({ method: 'GET', url: `${recs}/board?by=state` }), expect: appReaders },
  { route: 'GET /api/apps/{appId}/forms/{formId}/records/export', call: async () => ({ method: 'GET', url: `${recs}/export` }), expect: { ...only(['admin', 'appAdmin', 'keyRead', 'keyWrite', 'keyAdmin'], { scoped: 403, external: 403 }, 404) } },
  { route: 'GET /api/apps/{appId}/forms/{formId}/records/lookup', call: async () => ({ method: 'GET', url: `${recs}/lookup?field=other` }), expect: appReaders },
  { route: 'GET /api/apps/{appId}/forms/{formId}/records/{id}', call: async () => ({ method: 'GET', url: `${recs}/${ids.r1}` }), expect: { ...appReaders, scoped: 404 } },
  {
    route: 'PATCH /api/apps/{appId}/forms/{formId}/records/{id}',
    call: async () => ({ method: 'PATCH', url: `${recs}/${ids.r1}`, body: { _v: ((await ok('GET', `${recs}/${ids.r1}`)) as { _v: number })._v, no: fresh('R1-') } }),
    expect: { ...only(['admin', 'appAdmin', 'keyWrite', 'keyAdmin'], { external: 403, keyRead: 403 }, 404) },
  },
  { route: 'DELETE /api/apps/{appId}/forms/{formId}/records/{id}', call: async () => ({ method: 'DELETE', url: `${recs}/${(await record())._id}` }), expect: { ...only(['admin', 'appAdmin', 'keyWrite', 'keyAdmin'], { external: 403, keyRead: 403 }, 404) } },
  {
    route: 'POST /api/apps/{appId}/forms/{formId}/records/{id}/restore',
    call: async () => {
      const r = await record();
      await ok('DELETE', `${recs}/${r._id}`);
      return { method: 'POST', url: `${recs}/${r._id}/restore` };
    },
    expect: { ...only(['admin', 'appAdmin', 'keyWrite', 'keyAdmin'], { keyRead: 403 }, 404) },
  },
  {
    route: 'POST /api/apps/{appId}/forms/{formId}/records/{id}/purge',
    call: async () => {
      const r = await record();
      await ok('DELETE', `${recs}/${r._id}`);
      return { method: 'POST', url: `${recs}/${r._id}/purge` };
    },
    // Who manages the form's app; a key only with the admin scope.
    expect: { ...only(['admin', 'appAdmin', 'keyAdmin'], { keyRead: 403, keyWrite: 403 }, 404) },
  },
  { route: 'POST /api/apps/{appId}/forms/{formId}/records/bulk-delete', call: async () => ({ method: 'POST', url: `${recs}/bulk-delete`, body: { ids: [(await record())._id] } }), expect: { ...only(['admin', 'appAdmin', 'keyWrite', 'keyAdmin'], { external: 403, keyRead: 403 }, 404) } },
  { route: 'GET /api/apps/{appId}/forms/{formId}/records/{id}/history', call: async () => ({ method: 'GET', url: `${recs}/${ids.r1}/history` }), expect: { ...appReaders, scoped: 404 } },
  { route: 'GET /api/apps/{appId}/forms/{formId}/records/{id}/comments', call: async () => ({ method: 'GET', url: `${recs}/${ids.r1}/comments` }), expect: { ...appReaders, scoped: 404 } },
  { route: 'POST /api/apps/{appId}/forms/{formId}/records/{id}/comments', call: async () => ({ method: 'POST', url: `${recs}/${ids.r1}/comments`, body: { text: 'hi' } }), expect: { ...only(['admin', 'appAdmin', 'external', 'keyWrite', 'keyAdmin'], { keyRead: 403 }, 404) } },
  // The @ picker: who sees R1 (scoped does not: 404); an external account may not look people up.
  { route: 'GET /api/apps/{appId}/forms/{formId}/records/{id}/mentionable', call: async () => ({ method: 'GET', url: `${recs}/${ids.r1}/mentionable` }), expect: { ...appReaders, scoped: 404, external: 403 } },
  // Notifications are each person's own: everyone reads theirs; one of the admin's is marked by the admin (and their keys) only.
  { route: 'GET /api/notifications', call: async () => ({ method: 'GET', url: '/api/notifications' }), expect: all('ok') },
  { route: 'GET /api/notifications/count', call: async () => ({ method: 'GET', url: '/api/notifications/count' }), expect: all('ok') },
  { route: 'POST /api/notifications/{id}/read', call: async () => ({ method: 'POST', url: `/api/notifications/${await adminNotification()}/read` }), expect: only(['admin', 'keyWrite', 'keyAdmin'], { keyRead: 403 }, 404) },
  { route: 'POST /api/notifications/read-all', call: async () => ({ method: 'POST', url: '/api/notifications/read-all', body: {} }), expect: { ...all('ok'), keyRead: 403 } },
  { route: 'POST /api/files', call: async (who) => upload(who), expect: { ...all('ok'), keyRead: 403 } },
  // R1 holds the file: whoever sees R1 reads it; the uploader is the admin.
  { route: 'GET /api/files/{id}', call: async () => ({ method: 'GET', url: `/api/files/${ids.file}` }), expect: { ...appReaders, scoped: 404 } },
];

/** The audit chain's length: every write extends it in its own transaction. */
const auditLength = async () => t.store.collection('audit').count({});

beforeAll(async () => {
  t = await startTestApp();
  ids.dept = ((await ok('POST', '/api/departments', { name: '质量部' })) as { department: { _id: string } }).department._id;
  ids.role = ((await ok('POST', '/api/roles', { name: 'inspector' })) as { role: { _id: string } }).role._id;
  const appAdminUser = await t.createUser({ username: 'app-admin' });
  const scoped = await t.createUser({ username: 'scoped' });
  const noSet = await t.createUser({ username: 'no-set' });
  ids.appAdminUser = String(appAdminUser.user._id);
  ids.scopedUser = String(scoped.user._id);
  const external = (await ok('POST', '/api/users', { username: 'supplier-1', password: 'supplier-one-pass', kind: 'external', attributes: { supplier: 'S1' } })) as { user: { _id: string } };
  ids.externalUser = external.user._id;
  cred.admin = t.adminCookie;
  cred.appAdmin = appAdminUser.cookie;
  cred.scoped = scoped.cookie;
  cred.noSet = noSet.cookie;
  cred.external = await t.loginAs('supplier-1', 'supplier-one-pass');
  for (const [who, access] of [['keyRead', 'read'], ['keyWrite', 'write'], ['keyAdmin', 'admin']] as const) {
    cred[who] = ((await ok('POST', '/api/api-keys', { name: who, scope: { access } })) as { secret: string }).secret;
  }
  // The app m (forms f and g) and g0, an app to import copies of.
  await ok('POST', '/api/apps', { id: 'm', name: 'M' });
  await ok('POST', '/api/apps/m/forms', { id: 'g', title: 'G', fields: [{ id: 'name', type: 'text', label: 'Name' }] });
  await ok('POST', '/api/apps/m/forms', form('f'));
  await t.publish('m');
  await ok('POST', '/api/apps', { id: 'g0', name: 'G0' });
  await ok('POST', '/api/apps/g0/forms', { id: 'g0f', title: 'G0', fields: [{ id: 'no', type: 'text', label: 'No' }] });
  await ok('POST', '/api/apps/m/forms/g/records', { name: 'G-1' });
  const file = await t.inject('POST', '/api/files', (await upload('')).body, (await upload('')).headers);
  ids.file = file.json().id;
  ids.r1 = ((await ok('POST', recs, { no: 'R1', supplier: 'S1', report: [file.json()] })) as { _id: string })._id;
  await ok('PUT', '/api/apps/m/access/admins', { admins: [ids.appAdminUser] });
  await grant(t, 'm', { name: 'scoped', users: [ids.scopedUser], forms: { f: { actions: ['view', 'create', 'edit', 'delete', 'comment'], scope: { kind: 'creator' } }, g: { actions: ['view'] } } });
  await grant(t, 'm', { name: 'supplier', users: [ids.externalUser], forms: { f: { actions: ['view', 'comment'], scope: { kind: 'condition', filter: { supplier: { $user: 'supplier' } } } }, g: { actions: ['view'] } } });
  ids.emptySet = ((await ok('POST', '/api/apps/m/permission-sets', EMPTY_SET)) as { id: string }).id;
});
afterAll(() => t.close());

test('the matrix names every route the API has', async () => {
  const spec = (await t.inject('GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
  const routes = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  const named = new Set([...ROWS.map((r) => r.route), ...Object.keys(ELSEWHERE)]);
  expect(routes.filter((r) => !named.has(r))).toEqual([]);
  expect([...named].filter((r) => !routes.includes(r))).toEqual([]);
});

describe.each(WHO)('as %s', (who) => {
  test.each(ROWS.map((r) => [r.route, r] as const))('%s', async (_route, row) => {
    const call = await row.call(who);
    const before = await auditLength();
    const res = await t.injectAs(cred[who], call.method, call.url, call.body, call.headers);
    const expected = row.expect[who];
    if (expected === 'ok') {
      expect([row.route, res.statusCode < 300 ? 'ok' : `${res.statusCode} ${res.body.slice(0, 200)}`]).toEqual([row.route, 'ok']);
    } else {
      expect([row.route, res.statusCode]).toEqual([row.route, expected]);
      // Refused: nothing was written.
      expect([row.route, await auditLength()]).toEqual([row.route, before]);
    }
  });
});
