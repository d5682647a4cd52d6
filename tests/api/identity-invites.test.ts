// Invitation links through real HTTP, on a clock the test moves: a link works for seven days to
// the millisecond and then opens nothing, an account that does not exist gets no link, and a
// disabled account's link opens nothing. (The supplier portal's tests take a link through its
// first use, a second use and a newer link replacing it.)
import type { Clock } from '@tessera/runtime';
import { startTestApp, type TestApp } from '../helpers/app';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const WEEK = 7 * 86_400_000;
let now = T0;
const clock: Clock = { now: () => new Date(now) };
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());
beforeEach(() => {
  now = T0;
});

const INVALID = {
  'zh-CN': '邀请链接无效或已过期，请联系管理员重新邀请',
  'en-US': 'This invitation link is not valid or has expired; ask your administrator for a new one',
};

/** A new account and a link for it, made at the clock's time. */
async function invited(username: string): Promise<{ id: string; token: string; expiresAt: string }> {
  const made = await t.inject('POST', '/api/users', { username, displayName: `${username} 名` });
  expect(made.statusCode).toBe(201);
  const id = made.json().user._id as string;
  const link = await t.inject('POST', `/api/users/${id}/invite`);
  expect(link.statusCode).toBe(201);
  const { path, token, expiresAt } = link.json() as { path: string; token: string; expiresAt: string };
  // The page the account opens; and the trail says who made a link for whom, until when.
  expect(path).toBe(`/invite/${token}`);
  expect(await t.store.collection('audit').findOne({ action: 'user.invite', recordId: id })).toMatchObject({
    collection: 'users', actor: { name: 'Administrator' }, before: null, after: { expiresAt },
  });
  return { id, token, expiresAt };
}

const refusal = (res: { statusCode: number; json(): { error: { code: string; message: string } } }) => [res.statusCode, res.json().error.code, res.json().error.message];

test('a link opens for seven days to the millisecond, then neither opens nor sets a password, in either language', async () => {
  const { token, expiresAt } = await invited('inv-week');
  const again = await invited('inv-late');
  expect(expiresAt).toBe(new Date(T0 + WEEK).toISOString());
  now = T0 + WEEK - 1;
  const open = await t.injectAs(null, 'GET', `/api/auth/invite/${token}`);
  expect([open.statusCode, open.json()]).toEqual([200, { displayName: 'inv-week 名', username: 'inv-week', expiresAt }]);
  now = T0 + WEEK;
  expect(refusal(await t.injectAs(null, 'GET', `/api/auth/invite/${token}`))).toEqual([404, 'NOT_FOUND', INVALID['zh-CN']]);
  expect(refusal(await t.injectAs(null, 'GET', `/api/auth/invite/${token}`, undefined, { 'accept-language': 'en-US' }))).toEqual([404, 'NOT_FOUND', INVALID['en-US']]);
  expect(refusal(await t.injectAs(null, 'POST', `/api/auth/invite/${token}`, { password: 'inv-week-pass-1' }))).toEqual([404, 'NOT_FOUND', INVALID['zh-CN']]);
  const login = await t.injectAs(null, 'POST', '/api/auth/login', { username: 'inv-week', password: 'inv-week-pass-1' });
  expect(login.statusCode).toBe(401);
  // Accepted a moment before the end, a link sets the password and signs in.
  now = T0 + WEEK - 1;
  const accepted = await t.injectAs(null, 'POST', `/api/auth/invite/${again.token}`, { password: 'inv-late-pass-1' });
  expect([accepted.statusCode, accepted.json().user.username]).toEqual([200, 'inv-late']);
});

test('an account that does not exist gets no link, and a disabled account’s link opens nothing', async () => {
  const none = await t.inject('POST', '/api/users/000000000000000000000000/invite');
  expect(refusal(none)).toEqual([404, 'NOT_FOUND', '用户不存在']);
  const en = await t.inject('POST', '/api/users/000000000000000000000000/invite', undefined, { 'accept-language': 'en-US' });
  expect(refusal(en)).toEqual([404, 'NOT_FOUND', 'User not found']);
  expect(await t.store.collection('invites').count({ userId: '000000000000000000000000' })).toBe(0);

  const { id, token } = await invited('inv-off');
  expect((await t.injectAs(null, 'GET', `/api/auth/invite/${token}`)).statusCode).toBe(200);
  expect((await t.inject('PATCH', `/api/users/${id}`, { disabled: true })).statusCode).toBe(200);
  expect(refusal(await t.injectAs(null, 'GET', `/api/auth/invite/${token}`))).toEqual([404, 'NOT_FOUND', INVALID['zh-CN']]);
  expect(refusal(await t.injectAs(null, 'POST', `/api/auth/invite/${token}`, { password: 'inv-off-pass-1' }))).toEqual([404, 'NOT_FOUND', INVALID['zh-CN']]);
});
