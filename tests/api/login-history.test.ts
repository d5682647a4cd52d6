// /api/login-history: the sign-ins and sign-outs of the audit trail, newest first, as
// administrators read them (names, never a password hash); members are refused.
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Item {
  id: string;
  at: string;
  action: string;
  user: { id: string; displayName: string };
  ip: string | null;
}

test('sign-ins and sign-outs, newest first, with names and pages; a member gets 403', async () => {
  const adminId = (await t.inject('GET', '/api/me')).json().user._id as string;
  // 1. A member signs in (createUser does), signs in again and signs out; a role change is not a sign-in.
  const { user, password, cookie } = await t.createUser({ username: 'zhaoliu', displayName: '赵六' });
  const second = await t.loginAs('zhaoliu', password);
  expect((await t.injectAs(second, 'POST', '/api/auth/logout')).statusCode).toBe(200);
  expect((await t.inject('POST', '/api/roles', { name: 'QA' })).statusCode).toBe(201);

  // 2. The history: newest first, only auth.* entries, named.
  const res = await t.inject('GET', '/api/login-history');
  expect(res.statusCode).toBe(200);
  const { items, next } = res.json() as { items: Item[]; next: string | null };
  expect(items.map((i) => [i.action, i.user.displayName])).toEqual([
    ['auth.logout', '赵六'],
    ['auth.login', '赵六'],
    ['auth.login', '赵六'],
    ['auth.login', 'Administrator'],
  ]);
  expect(items[3].user.id).toBe(adminId);
  expect(items[0].user.id).toBe(user._id);
  expect(items[1].ip).toBe('127.0.0.1');
  expect(items[0].ip).toBeNull();
  expect(next).toBeNull();
  expect(JSON.stringify(items)).not.toMatch(/passwordHash|scrypt/);

  // 3. Pages: two at a time, then from the last id on.
  const page1 = (await t.inject('GET', '/api/login-history?limit=2')).json() as { items: Item[]; next: string };
  expect(page1.items.map((i) => i.id)).toEqual(items.slice(0, 2).map((i) => i.id));
  expect(page1.next).toBe(items[1].id);
  const page2 = (await t.inject('GET', `/api/login-history?limit=2&before=${page1.next}`)).json() as { items: Item[] };
  expect(page2.items.map((i) => i.id)).toEqual(items.slice(2, 4).map((i) => i.id));

  // 4. A member may not read it; nor may anybody signed out; a bad `before` is a 400.
  const refused = await t.injectAs(cookie, 'GET', '/api/login-history');
  expect(refused.statusCode).toBe(403);
  expect(refused.json().error.code).toBe('FORBIDDEN');
  expect((await t.injectAs(null, 'GET', '/api/login-history')).statusCode).toBe(401);
  expect((await t.inject('GET', '/api/login-history?before=abc')).statusCode).toBe(400);
});
