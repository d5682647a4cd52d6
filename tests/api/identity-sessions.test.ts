// Server-side sessions through the HTTP API: a logout ends that session for good (on this node
// at once, on another node sharing the store within the 2-second cache), the idle timeout and the
// absolute lifetime on the server's clock, and last activity written at most once a minute.
import type { Clock } from '@tessera/runtime';
import { buildApp } from '@tessera/platform';
import { startTestApp, TEST_SESSION_SECRET, type TestApp } from '../helpers/app';

const HOUR = 3600_000;
const MINUTE = 60_000;

/** A clock the test moves by hand. */
function handClock(start = Date.parse('2026-03-02T08:00:00.000Z')) {
  let now = start;
  const clock: Clock = { now: () => new Date(now) };
  return { clock, advance: (ms: number) => void (now += ms), iso: () => new Date(now).toISOString() };
}

const refusal = (res: { statusCode: number; json(): { error: { code: string } } }) => ({ status: res.statusCode, code: res.json().error.code });
const UNAUTHENTICATED = { status: 401, code: 'UNAUTHENTICATED' };
const sidOf = (cookie: string) => JSON.parse(Buffer.from(cookie.split('=')[1].split('.')[1], 'base64url').toString()).sid as string;
const status = async (t: TestApp, cookie: string) => (await t.injectAs(cookie, 'GET', '/api/me')).statusCode;

describe('logout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  test('ends that session on the server: the old cookie gets 401 afterwards, the user\'s other session stays', async () => {
    const { password, cookie } = await t.createUser({ username: 'leaver' });
    const other = await t.loginAs('leaver', password);
    // 1. Signed in twice; both work.
    expect([await status(t, cookie), await status(t, other)]).toEqual([200, 200]);

    // 2. Logout from the first browser.
    const out = await t.injectAs(cookie, 'POST', '/api/auth/logout');
    expect(out.statusCode).toBe(200);
    // The browser is told to drop the cookie: no value, no age, a date long past (for browsers that ignore Max-Age).
    expect(String(out.headers['set-cookie'])).toBe('tessera_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT');

    // 3. Someone who kept a copy of that cookie can neither read nor write with it.
    expect(refusal(await t.injectAs(cookie, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    expect(refusal(await t.injectAs(cookie, 'POST', '/api/api-keys', { name: 'stolen' }))).toEqual(UNAUTHENTICATED);
    expect(await t.store.collection('sessions').findOne({ _id: sidOf(cookie) })).toBeNull();

    // 4. The other browser is still signed in.
    expect(await status(t, other)).toBe(200);
  });

  test('logout everywhere removes every session record of the user', async () => {
    const { user, password, cookie } = await t.createUser({ username: 'roamer2' });
    await t.loginAs('roamer2', password);
    expect(await t.store.collection('sessions').count({ userId: user._id })).toBe(2);
    expect((await t.injectAs(cookie, 'POST', '/api/auth/logout', { everywhere: true })).statusCode).toBe(200);
    expect(await t.store.collection('sessions').count({ userId: user._id })).toBe(0);
  });

  test('a logout on one node is refused on another node sharing the store within 2 seconds', async () => {
    const { cookie } = await t.createUser({ username: 'two-nodes' });
    const env = { NODE_ENV: 'test', TESSERA_SESSION_SECRET: TEST_SESSION_SECRET, TESSERA_LOGIN_RATE_LIMIT: '100000' };
    const node2 = await buildApp({ store: t.store, env, logger: false, spaDir: false });
    try {
      const me2 = () => node2.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
      // 1. Node 2 has seen (and remembers) the session.
      expect((await me2()).statusCode).toBe(200);
      // 2. Logout on node 1: node 1 refuses it at once.
      expect((await t.injectAs(cookie, 'POST', '/api/auth/logout')).statusCode).toBe(200);
      expect(await status(t, cookie)).toBe(401);
      // 3. Node 2 reads the store again once its 2-second memory runs out.
      await new Promise((r) => setTimeout(r, 2100));
      expect(refusal(await me2())).toEqual(UNAUTHENTICATED);
    } finally {
      await node2.close();
    }
  });
});

describe('idle timeout and lifetime (the server\'s clock)', () => {
  test('a session unused for 8 hours ends; one in use keeps going', async () => {
    const time = handClock();
    const t = await startTestApp({ clock: time.clock });
    try {
      const { cookie } = await t.createUser({ username: 'idler' });
      // 1. Used every 7 h 59 min: it stays, well past 8 hours from sign-in.
      for (let i = 0; i < 3; i++) {
        time.advance(8 * HOUR - MINUTE);
        expect({ step: i, status: await status(t, cookie) }).toEqual({ step: i, status: 200 });
      }
      // 2. Admin's session, unused since sign-in, ended long ago.
      expect(refusal(await t.inject('GET', '/api/me'))).toEqual(UNAUTHENTICATED);
      // 3. Left alone for 8 hours and a second: ended.
      time.advance(8 * HOUR + 1000);
      expect(refusal(await t.injectAs(cookie, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    } finally {
      await t.close();
    }
  });

  test('the idle timeout is configurable: TESSERA_SESSION_IDLE_TIMEOUT=600 ends a session after ten idle minutes', async () => {
    const time = handClock();
    const t = await startTestApp({ clock: time.clock, env: { TESSERA_SESSION_IDLE_TIMEOUT: '600' } });
    try {
      time.advance(9 * MINUTE);
      expect(await status(t, t.adminCookie)).toBe(200);
      time.advance(10 * MINUTE + 1000);
      expect(refusal(await t.inject('GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    } finally {
      await t.close();
    }
  });

  test('the absolute lifetime holds however active the session is (TESSERA_SESSION_MAX_AGE)', async () => {
    const time = handClock();
    const t = await startTestApp({ clock: time.clock, env: { TESSERA_SESSION_MAX_AGE: '3600' } });
    try {
      time.advance(30 * MINUTE);
      expect(await status(t, t.adminCookie)).toBe(200);
      time.advance(29 * MINUTE);
      expect(await status(t, t.adminCookie)).toBe(200);
      time.advance(MINUTE + 1000);
      expect(refusal(await t.inject('GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    } finally {
      await t.close();
    }
  });

  test('last activity is written at most once a minute, on that session only', async () => {
    const time = handClock();
    const t = await startTestApp({ clock: time.clock });
    try {
      const signedInAt = time.iso();
      // Another session, signed in at the same time and left alone.
      const other = await t.createUser({ username: 'bystander' });
      const lastSeen = async (cookie = t.adminCookie) => (await t.store.collection<{ _id: string; lastSeenAt: string }>('sessions').findOne({ _id: sidOf(cookie) }))?.lastSeenAt;
      // 1. Within the minute: requests write nothing.
      time.advance(30_000);
      expect(await status(t, t.adminCookie)).toBe(200);
      expect(await status(t, t.adminCookie)).toBe(200);
      expect(await lastSeen()).toBe(signedInAt);
      // 2. A minute on: the next request writes its time; the ones right after do not.
      time.advance(31_000);
      const touchedAt = time.iso();
      expect(await status(t, t.adminCookie)).toBe(200);
      time.advance(20_000);
      expect(await status(t, t.adminCookie)).toBe(200);
      expect(await lastSeen()).toBe(touchedAt);
      expect(await lastSeen(other.cookie)).toBe(signedInAt);
      // 3. The other session's first request since sign-in writes its own time, and only on it.
      const otherAt = time.iso();
      expect(await status(t, other.cookie)).toBe(200);
      expect([await lastSeen(), await lastSeen(other.cookie)]).toEqual([touchedAt, otherAt]);
    } finally {
      await t.close();
    }
  });

  test('signing out everywhere marks the account changed at that moment', async () => {
    const time = handClock();
    const t = await startTestApp({ clock: time.clock });
    try {
      const { user, cookie } = await t.createUser({ username: 'leaves-everywhere' });
      expect(user.updatedAt).toBe(time.iso());
      time.advance(MINUTE);
      expect((await t.injectAs(cookie, 'POST', '/api/auth/logout', { everywhere: true })).statusCode).toBe(200);
      expect((await t.inject('GET', `/api/users/${user._id}`)).json().user.updatedAt).toBe(time.iso());
    } finally {
      await t.close();
    }
  });

  test('ended sessions are removed from the store when someone next signs in', async () => {
    const time = handClock();
    const env = { TESSERA_SESSION_MAX_AGE: '3600' };
    const t = await startTestApp({ clock: time.clock, env });
    try {
      const { password } = await t.createUser({ username: 'sweeper' });
      const sessions = t.store.collection<{ _id: string; expiresAt: string }>('sessions');
      expect(await sessions.count({})).toBe(2);
      // 1. An hour and a second on, both sessions have ended but are still stored.
      time.advance(HOUR + 1000);
      expect(await sessions.count({})).toBe(2);
      // 2. The next sign-in (on a server that has not swept for ten minutes: a second node) removes them and keeps its own.
      const node2 = await buildApp({ store: t.store, env: { NODE_ENV: 'test', TESSERA_SESSION_SECRET: TEST_SESSION_SECRET, ...env }, clock: time.clock, logger: false, spaDir: false });
      try {
        const login = await node2.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'sweeper', password } });
        expect(login.statusCode).toBe(200);
        const cookie = `tessera_session=${login.cookies.find((c) => c.name === 'tessera_session')!.value}`;
        expect((await sessions.find({})).map((s) => s._id)).toEqual([sidOf(cookie)]);
        expect((await node2.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
      } finally {
        await node2.close();
      }
    } finally {
      await t.close();
    }
  });
});
