// API keys carry scopes through HTTP: read keys only read, write keys change records but
// administer nothing, admin keys do what their user does, and a key limited to some apps sees
// no other. A key never makes a key that may do more than itself, nor users beyond its scope;
// revoking a key or disabling its user stops it at once. Refused calls change nothing.
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
const recs = (app: string) => `/api/apps/${app}/forms/${app}_f/records`;

async function key(scope: unknown, as: string | null = null): Promise<{ secret: string; id: string; status: number; body: unknown }> {
  const res = as === null ? await t.inject('POST', '/api/api-keys', { name: 'k', scope }) : await t.injectAs(as, 'POST', '/api/api-keys', { name: 'k', scope });
  return { secret: res.json().secret, id: res.json().apiKey?._id, status: res.statusCode, body: res.json() };
}

beforeAll(async () => {
  t = await startTestApp();
  for (const app of ['a1', 'a2']) {
    expect((await t.inject('POST', '/api/apps', { id: app, name: app })).statusCode).toBe(201);
    expect((await t.inject('POST', `/api/apps/${app}/forms`, { id: `${app}_f`, title: 'F', fields: [{ id: 'no', type: 'text', label: 'No' }] })).statusCode).toBe(201);
    await t.publish(app);
    expect((await t.inject('POST', recs(app), { no: `${app}-1` })).statusCode).toBe(201);
  }
});
afterAll(() => t.close());

const total = async (app: string) => (await t.inject('GET', recs(app))).json().total as number;

test('a read key reads (GET and the POST query) and changes nothing', async () => {
  const { secret } = await key({ access: 'read' });
  const before = await total('a1');
  expect((await t.injectAs(secret, 'GET', recs('a1'))).json().total).toBe(before);
  expect((await t.injectAs(secret, 'POST', `${recs('a1')}/query`, { filter: { no: 'a1-1' } })).json().total).toBe(1);
  for (const [method, url, body] of [['POST', recs('a1'), { no: 'x' }], ['POST', '/api/apps', { id: 'a3', name: 'a3' }], ['DELETE', `${recs('a1')}/nothing`, undefined]] as const) {
    const res = await t.injectAs(secret, method, url, body);
    expect([method, url, res.statusCode, res.json().error.code]).toEqual([method, url, 403, 'FORBIDDEN']);
  }
  expect(await total('a1')).toBe(before);
});

test('a write key of an administrator changes records but administers nothing', async () => {
  const { secret } = await key({ access: 'write' });
  const made = await t.injectAs(secret, 'POST', recs('a1'), { no: 'by write key' });
  expect(made.statusCode).toBe(201);
  for (const [method, url, body] of [
    ['GET', '/api/users', undefined],
    ['POST', '/api/users', { username: 'by-key', password: 'by-key-password-1' }],
    ['POST', '/api/apps', { id: 'a4', name: 'a4' }],
    ['GET', '/api/apps/a1/access', undefined],
    ['POST', '/api/apps/a1/permission-sets', { name: 'x', members: { users: [], departments: [], roles: [] }, forms: {} }],
  ] as const) {
    const res = await t.injectAs(secret, method, url, body);
    expect([method, url, res.statusCode]).toEqual([method, url, 403]);
  }
  expect((await t.inject('GET', '/api/users?q=by-key')).json().items).toEqual([]);
  expect((await t.inject('GET', '/api/apps')).json().items.map((a: { id: string }) => a.id)).toEqual(['a1', 'a2']);
});

test('an admin key does what its administrator does', async () => {
  const { secret } = await key({ access: 'admin' });
  expect((await t.injectAs(secret, 'GET', '/api/users')).statusCode).toBe(200);
  expect((await t.injectAs(secret, 'GET', '/api/apps/a1/access')).statusCode).toBe(200);
});

test('a key for one app sees no other, whatever its access', async () => {
  const { secret } = await key({ access: 'admin', apps: ['a1'] });
  expect((await t.injectAs(secret, 'GET', recs('a1'))).statusCode).toBe(200);
  for (const url of [recs('a2'), '/api/apps/a2', '/api/apps/a2/published', '/api/apps/a2/access']) {
    const res = await t.injectAs(secret, 'GET', url);
    expect([url, res.statusCode]).toEqual([url, 404]);
  }
  expect((await t.injectAs(secret, 'GET', '/api/apps')).json().items.map((a: { id: string }) => a.id)).toEqual(['a1']);
  expect((await t.injectAs(secret, 'POST', recs('a2'), { no: 'x' })).statusCode).toBe(404);
  expect(await total('a2')).toBe(1);
});

test('a key makes keys within its own scope only', async () => {
  const read = await key({ access: 'read' });
  // A read key may not even make a read key: making a key is a write.
  expect((await key({ access: 'read' }, read.secret)).status).toBe(403);
  const write = await key({ access: 'write', apps: ['a1'] });
  const wider = await key({ access: 'admin', apps: ['a1'] }, write.secret);
  expect([wider.status, wider.body]).toEqual([403, { error: {
    code: 'FORBIDDEN', message: 'API 密钥不能创建权限超过自己的密钥', details: [{ path: '/scope', code: 'beyond_scope' }],
  } }]);
  const inEnglish = await t.injectAs(write.secret, 'POST', '/api/api-keys', { name: 'k', scope: { access: 'admin', apps: ['a1'] } }, { 'accept-language': 'en-US' });
  expect([inEnglish.statusCode, inEnglish.json().error.message]).toEqual([403, 'An API key cannot make a key that may do more than itself']);
  expect((await key({ access: 'write' }, write.secret)).status).toBe(403);
  expect((await key({ access: 'write', apps: ['a1', 'a2'] }, write.secret)).status).toBe(403);
  // The same scope is within it.
  expect((await key({ access: 'write', apps: ['a1'] }, write.secret)).status).toBe(201);
  const narrower = await key({ access: 'read', apps: ['a1'] }, write.secret);
  expect(narrower.status).toBe(201);
  expect((await t.injectAs(narrower.secret, 'GET', recs('a1'))).statusCode).toBe(200);
  // No scope given: a write key (never more than the key that makes it).
  expect((await t.injectAs(write.secret, 'POST', '/api/api-keys', { name: 'default' })).statusCode).toBe(403);
  const plain = await t.inject('POST', '/api/api-keys', { name: 'default' });
  expect(plain.json().apiKey.scope).toEqual({ access: 'write' });
});

test('revoking a key, or disabling its user, stops it at once', async () => {
  const made = await t.createUser({ username: 'integrator' });
  const own = await key({ access: 'read' }, made.cookie);
  expect(own.status).toBe(201);
  expect((await t.injectAs(own.secret, 'GET', '/api/me')).statusCode).toBe(200);
  expect((await t.inject('PATCH', `/api/users/${made.user._id}`, { disabled: true })).statusCode).toBe(200);
  expect((await t.injectAs(own.secret, 'GET', '/api/me')).statusCode).toBe(401);
  expect((await t.inject('PATCH', `/api/users/${made.user._id}`, { disabled: false })).statusCode).toBe(200);
  const admin = await key({ access: 'read' });
  expect((await t.injectAs(admin.secret, 'GET', '/api/me')).statusCode).toBe(200);
  expect((await t.inject('DELETE', `/api/api-keys/${admin.id}`)).statusCode).toBe(200);
  const after = await t.injectAs(admin.secret, 'GET', '/api/me');
  expect([after.statusCode, after.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
});
