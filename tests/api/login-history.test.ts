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
  // 1. A member signs in (createUser does), signs in again and signs out, then signs in once more
  // and out everywhere; a role change is not a sign-in.
  const { user, password } = await t.createUser({ username: 'zhaoliu', displayName: '赵六' });
  const second = await t.loginAs('zhaoliu', password);
  expect((await t.injectAs(second, 'POST', '/api/auth/logout')).statusCode).toBe(200);
  const third = await t.loginAs('zhaoliu', password);
  expect((await t.injectAs(third, 'POST', '/api/auth/logout', { everywhere: true })).statusCode).toBe(200);
  expect((await t.inject('POST', '/api/roles', { name: 'QA' })).statusCode).toBe(201);

  // 2. The history: newest first, only auth.* entries, named.
  const res = await t.inject('GET', '/api/login-history');
  expect(res.statusCode).toBe(200);
  const { items, next } = res.json() as { items: Item[]; next: string | null };
  expect(items.map((i) => [i.action, i.user.displayName])).toEqual([
    ['auth.logout_everywhere', '赵六'],
    ['auth.login', '赵六'],
    ['auth.logout', '赵六'],
    ['auth.login', '赵六'],
    ['auth.login', '赵六'],
    ['auth.login', 'Administrator'],
  ]);
  expect(items[5].user.id).toBe(adminId);
  expect(items.slice(0, 5).map((i) => i.user.id)).toEqual(Array(5).fill(user._id));
  expect(items[1].ip).toBe('127.0.0.1');
  expect([items[0].ip, items[2].ip]).toEqual([null, null]);
  expect(next).toBeNull();
  expect(JSON.stringify(items)).not.toMatch(/passwordHash|scrypt/);

  // 3. Pages: two at a time, then from the last id on.
  const page1 = (await t.inject('GET', '/api/login-history?limit=2')).json() as { items: Item[]; next: string };
  expect(page1.items.map((i) => i.id)).toEqual(items.slice(0, 2).map((i) => i.id));
  expect(page1.next).toBe(items[1].id);
  const page2 = (await t.inject('GET', `/api/login-history?limit=2&before=${page1.next}`)).json() as { items: Item[] };
  expect(page2.items.map((i) => i.id)).toEqual(items.slice(2, 4).map((i) => i.id));

  // 4. A member may not read it; nor may anybody signed out; a bad `before` is a 400.
  const refused = await t.injectAs(await t.loginAs('zhaoliu', password), 'GET', '/api/login-history');
  expect(refused.statusCode).toBe(403);
  expect(refused.json().error.code).toBe('FORBIDDEN');
  expect((await t.injectAs(null, 'GET', '/api/login-history')).statusCode).toBe(401);
  expect((await t.inject('GET', '/api/login-history?before=abc')).statusCode).toBe(400);
});

test('sign-ins from before the audit trail had chains (bare-number ids) follow the newer ones, and pages cross over to them', async () => {
  // An app of its own: the old entries must not show in the other test's exact list.
  const t = await startTestApp();
  try {
    await oldEntriesFollow(t);
  } finally {
    await t.close();
  }
});

async function oldEntriesFollow(t: TestApp): Promise<void> {
  const audit = t.store.collection('audit');
  const old = (seq: number, name: string) => ({
    _id: String(seq).padStart(12, '0'), hv: 2, seq, at: `2026-11-0${seq}T08:00:00.000Z`, actor: { id: `gone${seq}`, name },
    action: 'auth.login', collection: 'sessions', recordId: `s${seq}`, before: null, after: { userId: `gone${seq}`, ip: '10.0.0.1' }, diff: [], prevHash: '', hash: '',
  });
  await audit.insertMany([old(1, '旧用户一'), old(2, '旧用户二'), { ...old(3, '旧用户三'), action: 'record.create', collection: 'r_x' }]);
  const all = (await t.inject('GET', '/api/login-history?limit=200')).json().items as Item[];
  const names = all.map((i) => i.user.displayName);
  // Newest first: every sign-in of the chain, then the two old sign-ins (not the old record write).
  expect(names.slice(-2)).toEqual(['旧用户二', '旧用户一']);
  expect(all.slice(0, -2).every((i) => i.id.startsWith('auth:'))).toBe(true);
  // A page that ends in the chain goes on into the old entries, then among them.
  const n = all.length;
  const head = (await t.inject('GET', `/api/login-history?limit=${n - 1}`)).json() as { items: Item[]; next: string };
  expect(head.next).toBe(all[n - 2].id);
  const rest = (await t.inject('GET', `/api/login-history?limit=5&before=${head.next}`)).json() as { items: Item[]; next: string | null };
  expect(rest).toEqual({ items: [all[n - 1]], next: null });
  const cross = (await t.inject('GET', `/api/login-history?limit=2&before=${all[n - 3].id}`)).json() as { items: Item[] };
  expect(cross.items.map((i) => i.user.displayName)).toEqual(['旧用户二', '旧用户一']);
  // A page the chain fills exactly ends there, and the next page begins with the old entries.
  const chainOnly = (await t.inject('GET', `/api/login-history?limit=${n - 2}`)).json() as { items: Item[]; next: string };
  expect([chainOnly.items.length, chainOnly.next]).toEqual([n - 2, all[n - 3].id]);
  // An old id given without its leading zeros reads the same as with them.
  const short = (await t.inject('GET', '/api/login-history?before=2')).json() as { items: Item[] };
  expect(short.items.map((i) => i.user.displayName)).toEqual(['旧用户一']);
}
