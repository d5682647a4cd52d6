// Every security write lands in the audit trail with the write: sign-in and sign-out, users
// (created, changed, password reset and changed, deleted), roles, departments and API keys;
// never with a password hash or an API key's secret, and the hash chain still verifies.
import { verifyAuditChain } from '@tessera/runtime';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Entry {
  action: string;
  collection: string;
  actor: { id: string; name: string };
  recordId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
/** The audit entries of one record, in the order of their chain (sign-ins have a chain of their own). */
const trail = async (recordId: string, sort: Record<string, 1> = { _id: 1 }) =>
  (await t.store.collection('audit').find({ recordId }, { sort })) as unknown as Entry[];
const entries = async (recordId: string) => (await trail(recordId)).map((e) => e.action);
/** One record's entry of one action. */
const entry = async (recordId: string, action: string) => (await t.store.collection('audit').findOne({ recordId, action })) as unknown as Entry;

test('users: create, update, password reset, own password change, delete; sign-in and sign-out', async () => {
  const admin = (await t.inject('GET', '/api/me')).json().user;
  // 1. Created and changed by admin, then signed in, own password changed, signed out.
  const { user } = await t.createUser({ username: 'audited', displayName: '审计' });
  const userId = user._id as string;
  expect((await t.inject('PATCH', `/api/users/${user._id}`, { displayName: '审计员' })).statusCode).toBe(200);
  expect((await t.inject('PATCH', `/api/users/${user._id}`, { password: 'reset-password-1' })).statusCode).toBe(200);
  const again = await t.loginAs('audited', 'reset-password-1');
  const changed = await t.injectAs(again, 'POST', '/api/me/password', { currentPassword: 'reset-password-1', newPassword: 'own-password-22' });
  expect(changed.statusCode).toBe(200);
  expect((await t.inject('DELETE', `/api/users/${user._id}`)).statusCode).toBe(204);
  expect(await entries(userId)).toEqual(['user.create', 'user.update', 'user.password.reset', 'user.password.change', 'user.delete']);

  // 2. Who did it, and what changed (the diff of the display name).
  const update = (await entry(userId, 'user.update')) as Entry & { diff: unknown[] };
  expect(update.actor).toEqual({ id: admin._id, name: admin.displayName });
  expect(update.diff).toContainEqual({ field: 'displayName', before: '审计', after: '审计员' });

  // 3. Sign-ins and a sign-out of admin's own session are there too.
  const sid = JSON.parse(Buffer.from(t.adminCookie.split('=')[1].split('.')[1], 'base64url').toString()).sid as string;
  expect(await entries(sid)).toEqual(['auth.login']);
  // audited signed in twice: once when created (the test helper signs each new user in), once after the reset.
  expect(await t.store.collection('audit').count({ action: 'auth.login', 'actor.id': userId })).toBe(2);
  const other = await t.loginAs('admin', 'admin-test-password');
  const otherSid = JSON.parse(Buffer.from(other.split('=')[1].split('.')[1], 'base64url').toString()).sid as string;
  expect((await t.injectAs(other, 'POST', '/api/auth/logout')).statusCode).toBe(200);
  expect(await entries(otherSid)).toEqual(['auth.login', 'auth.logout']);
  const logout = await entry(otherSid, 'auth.logout');
  expect([logout.collection, logout.before, logout.after]).toEqual(['sessions', { userId: admin._id }, null]);
  // Signing out everywhere is the user's: written against the account.
  const roamer = await t.createUser({ username: 'audited-roamer' });
  expect((await t.injectAs(roamer.cookie, 'POST', '/api/auth/logout', { everywhere: true })).statusCode).toBe(200);
  const everywhere = await trail(roamer.user._id as string, { action: 1 });
  expect(everywhere.map((e) => [e.action, e.collection, e.actor.id])).toEqual([['auth.logout_everywhere', 'users', roamer.user._id], ['user.create', 'users', admin._id]]);

  // 4. No secret in the trail, and the chain verifies.
  const all = JSON.stringify(await t.store.collection('audit').find({}));
  expect(all).not.toMatch(/passwordHash|scrypt\$|sessionEpoch/);
  expect(await verifyAuditChain(t.store)).toMatchObject({ ok: true });
});

test('roles, departments and API keys', async () => {
  const role = (await t.inject('POST', '/api/roles', { name: 'auditors' })).json().role;
  expect((await t.inject('PATCH', `/api/roles/${role._id}`, { name: 'Auditors' })).statusCode).toBe(200);
  expect((await t.inject('DELETE', `/api/roles/${role._id}`)).statusCode).toBe(204);
  expect(await entries(role._id)).toEqual(['role.create', 'role.update', 'role.delete']);
  const roleEntries = await trail(role._id);
  expect(roleEntries.map((e) => [e.collection, e.before && e.before.name, e.after && e.after.name])).toEqual([
    ['roles', null, 'auditors'],
    ['roles', 'auditors', 'Auditors'],
    ['roles', 'Auditors', null],
  ]);

  const dept = (await t.inject('POST', '/api/departments', { name: '审计部' })).json().department;
  expect((await t.inject('PATCH', `/api/departments/${dept._id}`, { name: '内审部' })).statusCode).toBe(200);
  expect((await t.inject('DELETE', `/api/departments/${dept._id}`)).statusCode).toBe(204);
  expect(await entries(dept._id)).toEqual(['department.create', 'department.update', 'department.delete']);
  expect((await trail(dept._id)).map((e) => [e.collection, e.before && e.before.name, e.after && e.after.name])).toEqual([
    ['departments', null, '审计部'],
    ['departments', '审计部', '内审部'],
    ['departments', '内审部', null],
  ]);

  const created = (await t.inject('POST', '/api/api-keys', { name: 'ERP' })).json();
  expect((await t.inject('DELETE', `/api/api-keys/${created.apiKey._id}`)).statusCode).toBe(200);
  expect(await entries(created.apiKey._id)).toEqual(['api_key.create', 'api_key.revoke']);
  // Each entry names the collection, and holds the key as it was before and after (its revocation time).
  const revokedAt = (await t.store.collection<{ _id: string; revokedAt: string }>('api_keys').findOne({ _id: created.apiKey._id }))!.revokedAt;
  const keyEntries = await trail(created.apiKey._id);
  expect(keyEntries.map((e) => [e.collection, e.before && e.before.revokedAt, e.after && [e.after.name, e.after.revokedAt]])).toEqual([
    ['api_keys', null, ['ERP', null]],
    ['api_keys', null, ['ERP', revokedAt]],
  ]);
  expect(revokedAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
  const all = JSON.stringify(await t.store.collection('audit').find({ collection: 'api_keys' }));
  expect(all).not.toContain(created.secret);
  const stored = (await t.store.collection<{ _id: string; hash: string }>('api_keys').findOne({ _id: created.apiKey._id }))!;
  expect(all).not.toContain(stored.hash);
});

test('when its audit entry cannot be written, a role\'s change does not land either (a 500, nothing half done)', async () => {
  const role = (await t.inject('POST', '/api/roles', { name: 'kept' })).json().role;
  const member = (await t.createUser({ username: 'kept-member', roles: [role._id] })).user;
  const audit = t.store.collection('audit');
  const state = async () => [await t.store.collection('roles').findOne({ _id: role._id }), (await t.inject('GET', `/api/users/${member._id}`)).json().user.roles];
  const before = await state();
  for (const [method, url, body] of [
    ['POST', '/api/roles', { name: 'never made' }],
    ['PATCH', `/api/roles/${role._id}`, { name: 'never renamed' }],
    ['DELETE', `/api/roles/${role._id}`, undefined],
  ] as const) {
    const failing = jest.spyOn(audit, 'insertOne').mockRejectedValueOnce(new Error('disk full'));
    try {
      expect([method, (await t.inject(method, url, body)).statusCode]).toEqual([method, 500]);
    } finally {
      failing.mockRestore();
    }
    expect(await state()).toEqual(before);
  }
  expect(await t.store.collection('roles').count({ name: 'never made' })).toBe(0);
  expect(before[1]).toEqual([role._id]);
});

test('a user changing their own name changes only their account, audited as theirs', async () => {
  const admin = (await t.inject('GET', '/api/me')).json().user;
  const self = await t.createUser({ username: 'self-namer', displayName: '旧名' });
  const res = await t.injectAs(self.cookie, 'PATCH', '/api/me', { displayName: '新名' });
  expect([res.statusCode, res.json().user.username, res.json().user.displayName]).toEqual([200, 'self-namer', '新名']);
  expect((await t.inject('GET', '/api/me')).json().user.displayName).toBe(admin.displayName);
  const renamed = await entry(self.user._id as string, 'user.update');
  expect([renamed.collection, renamed.actor.id, renamed.before!.displayName, renamed.after!.displayName]).toEqual(['users', self.user._id, '旧名', '新名']);
});
