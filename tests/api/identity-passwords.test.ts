// The password policy (10+ characters, none of the 10,000 most common) wherever a password is
// set, and the must-change-password gate: such a user can read /api/me, change the password and
// sign out, and nothing else until they have.
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // A published form, to show the gate holds for record writes too.
  expect((await t.inject('POST', '/api/apps', { id: 'notes', name: { 'zh-CN': '记事', 'en-US': 'Notes' } })).statusCode).toBe(201);
  const form = { id: 'note', title: { 'zh-CN': '记事', 'en-US': 'Note' }, fields: [{ id: 'text', type: 'text', label: { 'zh-CN': '内容', 'en-US': 'Text' } }] };
  expect((await t.inject('POST', '/api/apps/notes/forms', form)).statusCode).toBe(201);
  await t.publish('notes');
});
afterAll(() => t.close());

const RECORDS = '/api/apps/notes/forms/note/records';
const refusal = (res: { statusCode: number; json(): { error: { code: string; details: unknown } } }) => ({
  status: res.statusCode,
  code: res.json().error.code,
  details: res.json().error.details,
});
const tooShort = (path: string, length = 9) => ({ status: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path, code: 'password_too_short', message: 'at least 10 characters', params: { min: 10, length } })] });
const tooCommon = (path: string) => ({ status: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path, code: 'password_too_common', message: 'one of the most common passwords' })] });
const PASSWORD_CHANGE_REQUIRED = { status: 403, code: 'PASSWORD_CHANGE_REQUIRED', details: [] };

describe('the password policy', () => {
  test('creating a user: a 9-character password and a common one are refused with exact codes; 10 characters pass', async () => {
    expect(refusal(await t.inject('POST', '/api/users', { username: 'nine', password: 'abcdefgh9' }))).toEqual(tooShort('/password'));
    // Compared without regard to case: "Password123" is "password123".
    expect(refusal(await t.inject('POST', '/api/users', { username: 'common', password: 'Password123' }))).toEqual(tooCommon('/password'));
    expect(refusal(await t.inject('POST', '/api/users', { username: 'common', password: 'qwertyuiop' }))).toEqual(tooCommon('/password'));
    expect((await t.inject('GET', '/api/users?q=nine')).json().total).toBe(0);
    expect((await t.inject('POST', '/api/users', { username: 'ten', password: 'abcdefgh10' })).statusCode).toBe(201);
  });

  test('spaces at either end do not count: ten spaces are refused, spaces inside count', async () => {
    expect(refusal(await t.inject('POST', '/api/users', { username: 'blank', password: ' '.repeat(10) }))).toEqual(tooShort('/password', 0));
    expect(refusal(await t.inject('POST', '/api/users', { username: 'blank', password: '\t abcdefgh9 \n' }))).toEqual(tooShort('/password', 9));
    expect((await t.inject('GET', '/api/users?q=blank')).json().total).toBe(0);
    expect((await t.inject('POST', '/api/users', { username: 'blank', password: 'abc def gh' })).statusCode).toBe(201);
  });

  test('the message is in the reader\'s language', async () => {
    const en = await t.inject('POST', '/api/users', { username: 'lang', password: 'short' }, { 'accept-language': 'en-US' });
    expect(en.json().error.message).toBe('The password is too weak: use at least 10 characters and not a common password');
    const zh = await t.inject('POST', '/api/users', { username: 'lang', password: 'short' }, { 'accept-language': 'zh-CN' });
    expect(zh.json().error.message).toBe('密码太弱：至少 10 个字符，且不能是常见密码');
  });

  test('an administrator\'s reset is held to the same policy', async () => {
    const { user } = await t.createUser({ username: 'resettee' });
    expect(refusal(await t.inject('PATCH', `/api/users/${user._id}`, { password: 'abcdefgh9' }))).toEqual(tooShort('/password'));
    expect(refusal(await t.inject('PATCH', `/api/users/${user._id}`, { password: '1234567890' }))).toEqual(tooCommon('/password'));
    expect((await t.inject('PATCH', `/api/users/${user._id}`, { password: 'a-fine-reset-1' })).statusCode).toBe(200);
  });

  test('changing one\'s own password: the policy applies, and the new one must differ from the current one', async () => {
    const { password, cookie } = await t.createUser({ username: 'self-changer' });
    const change = (newPassword: string) => t.injectAs(cookie, 'POST', '/api/me/password', { currentPassword: password, newPassword });
    expect(refusal(await change('abcdefgh9'))).toEqual(tooShort('/newPassword'));
    expect(refusal(await change('qwertyuiop'))).toEqual(tooCommon('/newPassword'));
    expect(refusal(await change(password))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      details: [{ path: '/newPassword', code: 'password_unchanged', message: 'the same as the current password' }],
    });
    expect((await change('a-better-password')).statusCode).toBe(200);
  });
});

describe('must change password', () => {
  test('until they change it, such a user gets 403 PASSWORD_CHANGE_REQUIRED on a record write (and everything else); afterwards it passes', async () => {
    // An administrator, so nothing but the flag stands between them and the record.
    const created = await t.inject('POST', '/api/users', { username: 'newcomer', password: 'temporary-pass-1', isAdmin: true, mustChangePassword: true });
    expect(created.statusCode).toBe(201);
    const signIn = await t.injectAs(null, 'POST', '/api/auth/login', { username: 'newcomer', password: 'temporary-pass-1' });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().user.mustChangePassword).toBe(true);
    const cookie = `tessera_session=${signIn.cookies.find((c) => c.name === 'tessera_session')!.value}`;

    // 1. Writes and reads other than /me are refused.
    expect(refusal(await t.injectAs(cookie, 'POST', RECORDS, { text: 'before' }))).toEqual(PASSWORD_CHANGE_REQUIRED);
    expect(refusal(await t.injectAs(cookie, 'GET', RECORDS))).toEqual(PASSWORD_CHANGE_REQUIRED);
    expect(refusal(await t.injectAs(cookie, 'GET', '/api/apps'))).toEqual(PASSWORD_CHANGE_REQUIRED);
    expect(refusal(await t.injectAs(cookie, 'POST', '/api/api-keys', { name: 'sneak' }))).toEqual(PASSWORD_CHANGE_REQUIRED);
    expect(refusal(await t.injectAs(cookie, 'PATCH', '/api/me', { locale: 'en-US' }))).toEqual(PASSWORD_CHANGE_REQUIRED);
    // An address no route serves gets the same answer: the gate does not tell which routes exist.
    expect(refusal(await t.injectAs(cookie, 'GET', '/api/no-such-route'))).toEqual(PASSWORD_CHANGE_REQUIRED);
    expect(await t.store.collection('r_note').count({})).toBe(0);
    // A page of the web app is not held (it is what asks for the new password); this test server
    // serves no built web app, so the page is its 404, not the gate's 403.
    expect(refusal(await t.injectAs(cookie, 'GET', '/apps/notes'))).toMatchObject({ status: 404, code: 'NOT_FOUND' });

    // 2. Reading /api/me is allowed (the web app learns it must ask for a new password).
    const me = await t.injectAs(cookie, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.mustChangePassword).toBe(true);

    // 3. The change goes through; the flag is gone and this browser stays signed in.
    const changed = await t.injectAs(cookie, 'POST', '/api/me/password', { currentPassword: 'temporary-pass-1', newPassword: 'my-own-password-1' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    const fresh = `tessera_session=${changed.cookies.find((c) => c.name === 'tessera_session')!.value}`;
    const write = await t.injectAs(fresh, 'POST', RECORDS, { text: 'after' });
    expect(write.statusCode).toBe(201);
  });

  test('a request naming the whole address (GET http://host/api/apps, as HTTP allows and the router serves) is held the same', async () => {
    const { user, cookie } = await t.createUser({ username: 'flagged-whole-address' });
    expect((await t.inject('PATCH', `/api/users/${user._id}`, { mustChangePassword: true })).statusCode).toBe(200);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    // Node sends the path as given: the request line reads `GET http://127.0.0.1:<port>/api/apps HTTP/1.1`.
    const answer = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: `http://127.0.0.1:${port}/api/apps`, headers: { cookie } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      }).on('error', reject);
    });
    expect([answer.status, JSON.parse(answer.body).error?.code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
  });

  test('signing out is allowed, and an API key of a flagged user is held too', async () => {
    const { user, cookie } = await t.createUser({ username: 'flagged-later' });
    const secret = (await t.injectAs(cookie, 'POST', '/api/api-keys', { name: 'k' })).json().secret as string;
    expect((await t.inject('PATCH', `/api/users/${user._id}`, { mustChangePassword: true })).statusCode).toBe(200);
    expect(refusal(await t.injectAs(secret, 'GET', '/api/apps'))).toEqual(PASSWORD_CHANGE_REQUIRED);
    expect((await t.injectAs(secret, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await t.injectAs(cookie, 'POST', '/api/auth/logout')).statusCode).toBe(200);
  });
});
