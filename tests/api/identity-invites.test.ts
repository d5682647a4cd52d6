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

test('accepting a link uses it up (once, even from two tabs at once), ends the account\'s other sessions, lifts a required password change, and is audited; other links stay', async () => {
  // An account with a password, signed in, flagged to change it: the link serves as a reset.
  const { user, cookie } = await t.createUser({ username: 'inv-reset' });
  expect((await t.inject('PATCH', `/api/users/${user._id}`, { mustChangePassword: true })).statusCode).toBe(200);
  const link = (await t.inject('POST', `/api/users/${user._id}/invite`)).json() as { token: string };
  // Another account's link, first in the store.
  const other = { _id: '0'.repeat(64), tenantId: 'default', userId: 'u'.repeat(24), createdAt: new Date(T0).toISOString(), createdBy: 'u'.repeat(24), expiresAt: new Date(T0 + WEEK).toISOString() };
  await t.store.collection('invites').insertOne(other);

  // A weak password is refused, naming the field, and the link stays.
  const weak = await t.injectAs(null, 'POST', `/api/auth/invite/${link.token}`, { password: 'short' });
  expect([weak.statusCode, weak.json().error.details.map((d: { path: string; code: string }) => `${d.path} ${d.code}`)]).toEqual([400, ['/password password_too_short']]);

  // Two tabs at once: one sets the password, the other is told the link is used.
  const both = await Promise.all(['inv-reset-pass-1', 'inv-reset-pass-2'].map((password) => t.injectAs(null, 'POST', `/api/auth/invite/${link.token}`, { password })));
  expect(both.map((r) => r.statusCode).sort()).toEqual([200, 404]);
  const won = both.find((r) => r.statusCode === 200)!;
  expect(won.json().user).toMatchObject({ username: 'inv-reset', mustChangePassword: false });
  expect(refusal(await t.injectAs(null, 'POST', `/api/auth/invite/${link.token}`, { password: 'inv-reset-pass-3' }))).toEqual([404, 'NOT_FOUND', INVALID['zh-CN']]);
  // The old session is over, and gone from the store (only the new one is kept); the other account's link is still there.
  expect((await t.injectAs(cookie, 'GET', '/api/me')).statusCode).toBe(401);
  expect(await t.store.collection('sessions').count({ userId: user._id })).toBe(1);
  expect(await t.store.collection('invites').findOne({ _id: other._id })).toEqual(other);
  // Audited as the account's own act.
  expect(await t.store.collection('audit').findOne({ action: 'user.invite.accept', recordId: user._id })).toMatchObject({
    collection: 'users', actor: { id: user._id }, before: { mustChangePassword: true }, after: { mustChangePassword: false },
  });
});
