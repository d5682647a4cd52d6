// The words of identity's refusals, as a person reads them in either language: what a read-only
// key, an external account, a required password change, a weak or wrong password and "view as"
// are told. Each is the message under the error's code, checked whole.
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Words = { 'en-US': string; 'zh-CN': string };

/** Sends the request in each language and answers [status, code, message] for each. */
async function told(send: (headers: Record<string, string>) => ReturnType<TestApp['inject']>) {
  const out: Record<string, [number, string, string]> = {};
  for (const language of ['en-US', 'zh-CN']) {
    const res = await send({ 'accept-language': language });
    out[language] = [res.statusCode, res.json().error?.code, res.json().error?.message];
  }
  return out;
}
const says = (status: number, code: string, words: Words) => ({ 'en-US': [status, code, words['en-US']], 'zh-CN': [status, code, words['zh-CN']] });

test('a read-only API key that writes', async () => {
  const { secret } = (await t.inject('POST', '/api/api-keys', { name: 'reader', scope: { access: 'read' } })).json() as { secret: string };
  expect(await told((h) => t.injectAs(secret, 'POST', '/api/roles', { name: 'by a reader' }, h))).toEqual(
    says(403, 'FORBIDDEN', { 'en-US': 'This API key may only read', 'zh-CN': '这个 API 密钥只能读取数据' }),
  );
});

test('an external account looking up the directory (departments, roles, people)', async () => {
  const { cookie } = await t.createUser({ username: 'supplier-words', kind: 'external' });
  const words = { 'en-US': 'External accounts cannot look up the directory', 'zh-CN': '外部账号不能查看通讯录' };
  for (const url of ['/api/departments', '/api/roles', '/api/users/lookup?q=a']) {
    expect([url, await told((h) => t.injectAs(cookie, 'GET', url, undefined, h))]).toEqual([url, says(403, 'FORBIDDEN', words)]);
  }
});

test('a user who must change their password, and the password rules', async () => {
  const { user, cookie, password } = await t.createUser({ username: 'words-pw' });
  expect((await t.inject('PATCH', `/api/users/${user._id}`, { mustChangePassword: true })).statusCode).toBe(200);
  expect(await told((h) => t.injectAs(cookie, 'GET', '/api/apps', undefined, h))).toEqual(
    says(403, 'PASSWORD_CHANGE_REQUIRED', { 'en-US': 'Change your password before doing anything else', 'zh-CN': '请先修改密码，然后才能继续使用' }),
  );
  const change = (body: unknown) => (h: Record<string, string>) => t.injectAs(cookie, 'POST', '/api/me/password', body, h);
  expect(await told(change({ currentPassword: 'not-my-password', newPassword: 'a-new-password-1' }))).toEqual(
    says(400, 'VALIDATION_FAILED', { 'en-US': 'The current password is wrong', 'zh-CN': '当前密码不正确' }),
  );
  expect(await told(change({ currentPassword: password, newPassword: password }))).toEqual(
    says(400, 'VALIDATION_FAILED', { 'en-US': 'The new password must differ from the current one', 'zh-CN': '新密码不能与当前密码相同' }),
  );
  expect(await told((h) => t.inject('POST', '/api/users', { username: 'words-weak', password: 'short' }, h))).toEqual(
    says(400, 'VALIDATION_FAILED', { 'en-US': 'The password is too weak: use at least 10 characters and not a common password', 'zh-CN': '密码太弱：至少 10 个字符，且不能是常见密码' }),
  );
});

test('viewing as another user: a write, a member asking, a user who is not there', async () => {
  const { user, cookie } = await t.createUser({ username: 'words-member' });
  const viewAs = { 'x-tessera-view-as': String(user._id) };
  expect(await told((h) => t.inject('POST', '/api/roles', { name: 'as someone' }, { ...h, ...viewAs }))).toEqual(
    says(403, 'FORBIDDEN', { 'en-US': 'Viewing as another user is read-only', 'zh-CN': '以其他用户身份预览时只能查看，不能修改' }),
  );
  expect(await told((h) => t.injectAs(cookie, 'GET', '/api/apps', undefined, { ...h, 'x-tessera-view-as': 'u'.repeat(24) }))).toEqual(
    says(403, 'FORBIDDEN', { 'en-US': 'Only administrators may view as another user', 'zh-CN': '只有管理员可以以其他用户身份预览' }),
  );
  expect(await told((h) => t.inject('GET', '/api/apps', undefined, { ...h, 'x-tessera-view-as': 'u'.repeat(24) }))).toEqual(
    says(404, 'NOT_FOUND', { 'en-US': 'The user to view as does not exist or is disabled', 'zh-CN': '要预览的用户不存在或已停用' }),
  );
});

test('a username already taken, in any letter case, is named as usernames are kept (lower case)', async () => {
  await t.createUser({ username: 'words-twin' });
  expect(await told((h) => t.inject('POST', '/api/users', { username: 'Words-Twin', password: 'words-twin-pass-2' }, h))).toEqual(
    says(409, 'DUPLICATE', { 'en-US': 'The username "words-twin" is taken', 'zh-CN': '用户名“words-twin”已被使用' }),
  );
  // The detail names the place, for a form to mark the field.
  const details = (await t.inject('POST', '/api/users', { username: 'words-twin', password: 'words-twin-pass-2' })).json().error.details;
  expect(details).toEqual([{ path: '/username', code: 'duplicate', message: 'username taken' }]);
});

test('signed out; an administrators-only list asked by a member; a user or an API key that is not there', async () => {
  expect(await told((h) => t.injectAs(null, 'GET', '/api/me', undefined, h))).toEqual(says(401, 'UNAUTHENTICATED', { 'en-US': 'Sign in first', 'zh-CN': '请先登录' }));
  const { cookie } = await t.createUser({ username: 'words-keys-member' });
  expect(await told((h) => t.injectAs(cookie, 'GET', '/api/api-keys?all=true', undefined, h))).toEqual(
    says(403, 'FORBIDDEN', { 'en-US': 'Administrators only', 'zh-CN': '仅管理员可操作' }),
  );
  const noUser = { 'en-US': 'User not found', 'zh-CN': '用户不存在' };
  for (const [method, url] of [['GET', '/api/users/nobody'], ['POST', '/api/users/nobody/invite']] as const) {
    expect([url, await told((h) => t.inject(method, url, undefined, h))]).toEqual([url, says(404, 'NOT_FOUND', noUser)]);
  }
  expect(await told((h) => t.inject('DELETE', '/api/api-keys/nokey', undefined, h))).toEqual(
    says(404, 'NOT_FOUND', { 'en-US': 'API key not found', 'zh-CN': 'API 密钥不存在' }),
  );
});

test('an administrator removing their own rights or account, while another administrator remains', async () => {
  // With a second administrator there, only the rule about oneself refuses (not the one keeping an administrator).
  const { user: second, cookie } = await t.createUser({ username: 'words-second-admin', isAdmin: true });
  expect(await told((h) => t.injectAs(cookie, 'PATCH', `/api/users/${second._id}`, { isAdmin: false }, h))).toEqual(
    says(409, 'CONFLICT', { 'en-US': 'You cannot remove your own administrator rights', 'zh-CN': '不能取消自己的管理员权限' }),
  );
  expect(await told((h) => t.injectAs(cookie, 'DELETE', `/api/users/${second._id}`, undefined, h))).toEqual(
    says(409, 'CONFLICT', { 'en-US': 'You cannot delete yourself', 'zh-CN': '不能删除自己' }),
  );
  expect((await t.injectAs(cookie, 'GET', '/api/me')).json().user).toMatchObject({ _id: second._id, isAdmin: true, disabled: false });
});
