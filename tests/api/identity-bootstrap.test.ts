// Identity behaviour that needs its own app: the first-start admin (and a weak configured
// password refused), login rate limiting, Secure cookies behind an https proxy, sessions
// surviving a restart, and the account the server remembers behind a session (built with the
// app: a mutation run credits that code only to tests that build their app while they run).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '@tessera/runtime';
import { buildApp, passwordIssues } from '@tessera/platform';
import { startTestApp } from '../helpers/app';

const login = (app: Awaited<ReturnType<typeof buildApp>>['app'], username: string, password: string, headers = {}) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

describe('first start', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tessera-boot-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  test('without TESSERA_ADMIN_PASSWORD a one-time password is generated, once, and must be changed', async () => {
    const first = await buildApp({ dataDir, logger: false, spaDir: false, env: { NODE_ENV: 'test' } });
    try {
      expect(first.adminPasswordGenerated).toBe(true);
      expect(first.adminPassword).toMatch(/^[\w-]{16}$/); // 12 random bytes, base64url
      expect(passwordIssues(first.adminPassword!, '/password')).toEqual([]);
      const res = await login(first.app, 'admin', first.adminPassword!);
      expect(res.statusCode).toBe(200);
      expect(res.json().user).toMatchObject({ username: 'admin', displayName: 'Administrator', isAdmin: true, mustChangePassword: true });
      // Nothing but the password change until it is done.
      const cookie = `tessera_session=${res.cookies[0].value}`;
      const users = await first.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
      expect({ status: users.statusCode, code: users.json().error.code }).toEqual({ status: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
    } finally {
      await first.close();
    }
    // A restart creates nothing and reveals nothing.
    const second = await buildApp({ dataDir, logger: false, spaDir: false, env: { NODE_ENV: 'test' } });
    try {
      expect([second.adminPassword, second.adminPasswordGenerated]).toEqual([undefined, false]);
      expect(await second.store.collection('users').count({})).toBe(1);
      // Nor when no account is called admin any more (renamed, say): a restart brings no admin back.
      expect((await second.store.collection('users').updateOne({ username: 'admin' }, { $set: { username: 'chief' } })).modified).toBe(1);
    } finally {
      await second.close();
    }
    const third = await buildApp({ dataDir, logger: false, spaDir: false, env: { NODE_ENV: 'test' } });
    try {
      expect([third.adminPassword, third.adminPasswordGenerated]).toEqual([undefined, false]);
      expect((await third.store.collection('users').find({})).map((u) => u.username)).toEqual(['chief']);
    } finally {
      await third.close();
    }
  });

  test('TESSERA_ADMIN_PASSWORD is used as given, without forcing a change', async () => {
    const t = await buildApp({ dataDir, logger: false, spaDir: false, env: { NODE_ENV: 'test', TESSERA_ADMIN_PASSWORD: 'chosen-by-ops' } });
    try {
      expect(t.adminPasswordGenerated).toBe(false);
      const res = await login(t.app, 'admin', 'chosen-by-ops');
      expect(res.statusCode).toBe(200);
      expect(res.json().user.mustChangePassword).toBe(false);
    } finally {
      await t.close();
    }
  });

  test('without TESSERA_SESSION_SECRET the generated secret is kept: sessions survive a restart', async () => {
    const env = { NODE_ENV: 'test', TESSERA_ADMIN_PASSWORD: 'restart-pass' };
    const a = await buildApp({ dataDir, logger: false, spaDir: false, env });
    let cookie: string;
    try {
      const res = await login(a.app, 'admin', 'restart-pass');
      cookie = `tessera_session=${res.cookies[0].value}`;
    } finally {
      await a.close();
    }
    const b = await buildApp({ dataDir, logger: false, spaDir: false, env });
    try {
      const me = await b.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ user: { username: 'admin' }, via: 'session' });
    } finally {
      await b.close();
    }
  });

  test.each([
    ['too short (9 characters)', 'abcdefgh9', 'TESSERA_ADMIN_PASSWORD must have at least 10 characters (spaces at either end do not count)'],
    ['too short (9 characters between spaces)', ' abcdefgh9\n', 'TESSERA_ADMIN_PASSWORD must have at least 10 characters (spaces at either end do not count)'],
    ['one of the most common passwords', 'qwertyuiop', 'TESSERA_ADMIN_PASSWORD is one of the 10,000 most common passwords'],
  ])('a weak TESSERA_ADMIN_PASSWORD (%s) stops the start with a ConfigError naming it', async (_why, password, problem) => {
    const err = await buildApp({ dataDir, logger: false, spaDir: false, env: { NODE_ENV: 'test', TESSERA_ADMIN_PASSWORD: password } }).then(
      () => null,
      (e: Error & { problems?: string[] }) => e,
    );
    expect(err?.name).toBe('ConfigError');
    expect(err?.problems).toEqual([expect.stringContaining(problem)]);
  });

  test('a password handed to buildApp is held to the policy as well (it does not pass through the configuration check)', async () => {
    const refused = async (adminPassword: string) =>
      buildApp({ dataDir, logger: false, spaDir: false, env: { NODE_ENV: 'test' }, adminPassword }).then(
        () => null,
        (e: Error & { problems?: string[] }) => ({ name: e.name, problems: e.problems }),
      );
    expect(await refused('  short-9  ')).toEqual({ name: 'ConfigError', problems: ['TESSERA_ADMIN_PASSWORD must have at least 10 characters (spaces at either end do not count)'] });
    expect(await refused('qwertyuiop')).toEqual({ name: 'ConfigError', problems: [expect.stringMatching(/^TESSERA_ADMIN_PASSWORD is one of the 10,000 most common passwords/)] });
  });

  test('two servers starting at once on one new store: one tenant, one admin, one session secret, one password printed, and both start', async () => {
    const store = await createStore({ dataDir });
    // No TESSERA_ADMIN_PASSWORD: the one-time password is generated, and only its maker may print it.
    const env = { NODE_ENV: 'test' };
    const both = await Promise.allSettled([0, 1].map(() => buildApp({ store, logger: false, spaDir: false, env })));
    try {
      expect(both.map((b) => b.status)).toEqual(['fulfilled', 'fulfilled']);
      const [a, b] = both.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof buildApp>>>).value);
      // Exactly one of them created `admin` (and tells the operator so); the other found it made.
      const told = [a, b].map((s) => [s.adminPassword, s.adminPasswordGenerated]);
      const [maker] = [a, b].filter((s) => s.adminPassword !== undefined);
      expect(told.sort((x, y) => Number(x[1]) - Number(y[1]))).toEqual([[undefined, false], [expect.stringMatching(/^[\w-]{16}$/), true]]);
      expect(await store.collection('users').count({})).toBe(1);
      expect(await store.collection('tenants').find({})).toEqual([{ _id: 'default', name: 'Default', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
      expect(await store.collection('settings').count({ _id: 'session_secret' })).toBe(1);
      // Both sign with the secret kept in the store: a cookie one of them issued, the other accepts.
      const signedIn = await login(a.app, 'admin', maker.adminPassword!);
      const cookie = `tessera_session=${signedIn.cookies[0].value}`;
      const me = await b.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
      expect({ status: me.statusCode, username: me.json().user?.username }).toEqual({ status: 200, username: 'admin' });
    } finally {
      for (const s of both) if (s.status === 'fulfilled') await s.value.close();
      await store.close();
    }
  });

  test('TESSERA_TRUST_PROXY=true is refused at start with a sentence saying why and what to set', async () => {
    const err = await buildApp({ dataDir, logger: false, spaDir: false, env: { NODE_ENV: 'test', TESSERA_TRUST_PROXY: 'true' } }).then(
      () => null,
      (e: Error & { problems?: string[] }) => e,
    );
    expect(err?.name).toBe('ConfigError');
    expect(err?.problems).toEqual([expect.stringMatching(/^TESSERA_TRUST_PROXY=true would believe any X-Forwarded-For .*number of proxies/)]);
  });

  test('an invalid configuration is refused with every problem named', async () => {
    const err = await buildApp({ dataDir, logger: false, spaDir: false, env: { PORT: 'eighty', TESSERA_SESSION_SECRET: 'short', LOG_LEVEL: 'loud' } }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.name).toBe('ConfigError');
    for (const name of ['PORT', 'TESSERA_SESSION_SECRET', 'LOG_LEVEL']) expect(err?.message).toContain(name);
    expect((err as Error & { problems: string[] }).problems).toHaveLength(3);
  });
});

describe('login rate limit', () => {
  test('after 10 failures for one account from one client, the 11th try (even the right password) → 429 RATE_LIMITED with Retry-After', async () => {
    const t = await startTestApp({ env: { TESSERA_LOGIN_RATE_LIMIT: undefined } });
    try {
      await t.createUser({ username: 'victim', password: 'victim-password' });
      for (let i = 0; i < 10; i++) {
        const res = await t.injectAs(null, 'POST', '/api/auth/login', { username: 'victim', password: `guess-${i}-wrong` });
        expect({ attempt: i, status: res.statusCode, code: res.json().error.code }).toEqual({ attempt: i, status: 401, code: 'UNAUTHENTICATED' });
      }
      // createUser's own sign-in succeeded, so it was not held against the account.
      const limited = await t.injectAs(null, 'POST', '/api/auth/login', { username: 'victim', password: 'victim-password' });
      expect(limited.statusCode).toBe(429);
      const retryAfter = Number(limited.headers['retry-after']);
      // Within the 15-minute window, and never 0 (that would invite a retry at once).
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', details: [{ retryAfterSeconds: retryAfter }] });
      expect(limited.headers['set-cookie']).toBeUndefined();
      // Another username from the same client still signs in.
      const other = await t.createUser({ username: 'bystander' });
      expect(other.cookie).toMatch(/^tessera_session=v2\.[\w-]+\.[\w-]+$/);
    } finally {
      await t.close();
    }
  });
});

describe('cookies over https', () => {
  test('behind a trusted https proxy the cookie is Secure', async () => {
    const t = await startTestApp({ env: { TESSERA_TRUST_PROXY: '1' } });
    try {
      const res = await t.injectAs(null, 'POST', '/api/auth/login', { username: 'admin', password: 'admin-test-password' }, { 'x-forwarded-proto': 'https' });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/^tessera_session=v2\.[\w-]+\.[\w-]+; .*; Secure/);
    } finally {
      await t.close();
    }
  });
});

describe('the account behind a session', () => {
  test('a change to an account applies at its very next request: a demoted administrator is refused at once, a promoted user let in', async () => {
    const t = await startTestApp();
    try {
      const { user, cookie } = await t.createUser({ username: 'acting-admin', isAdmin: true });
      // Each request reads the account the server remembers for a moment: a write must make it forget.
      expect((await t.injectAs(cookie, 'GET', '/api/users')).statusCode).toBe(200);
      expect((await t.inject('PATCH', `/api/users/${user._id}`, { isAdmin: false })).statusCode).toBe(200);
      const refused = await t.injectAs(cookie, 'GET', '/api/users');
      expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'FORBIDDEN']);
      expect((await t.inject('PATCH', `/api/users/${user._id}`, { isAdmin: true })).statusCode).toBe(200);
      expect((await t.injectAs(cookie, 'GET', '/api/users')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  test('a change another server made to an account shows here once the remembered copy is 2 s old', async () => {
    const t = await startTestApp();
    try {
      const { user, cookie } = await t.createUser({ username: 'remote-admin', isAdmin: true });
      expect((await t.injectAs(cookie, 'GET', '/api/users')).statusCode).toBe(200);
      // Written to the store past this server, as another node sharing the database would.
      await t.store.collection('users').updateOne({ _id: user._id }, { $set: { isAdmin: false } });
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const refused = await t.injectAs(cookie, 'GET', '/api/users');
      expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'FORBIDDEN']);
    } finally {
      await t.close();
    }
  });
});
