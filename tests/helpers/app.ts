// The one way API tests start Tessera: a real app (buildApp) on a fresh temporary data dir,
// signed in as `admin`, with `inject` helpers that carry the session cookie (or an API key).
// The data dir is removed on close(). Keep this API stable: every API test uses it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Clock, Store } from '@tessera/runtime';
import { buildApp, SESSION_COOKIE, type PublicUser } from '@tessera/platform';

export const TEST_ADMIN_PASSWORD = 'admin-test-password';
/** A fixed session secret, so tests can mint tokens (e.g. expired ones) with createSessionCodec. */
export const TEST_SESSION_SECRET = 'test-session-secret-0123456789abcdef0123456789';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
export type Headers = Record<string, string>;

export interface StartTestAppOptions {
  /** Extra environment (merged over the test defaults), e.g. { TESSERA_LOGIN_RATE_LIMIT: '10' }. */
  env?: Record<string, string | undefined>;
  /** Reuse a data dir (e.g. to test a restart); it is then NOT removed on close. */
  dataDir?: string;
  /** Show logs (default: silent). */
  logger?: boolean;
  /** The server's clock (default: the system clock); a test moves time by changing what it returns. */
  clock?: Clock;
}

export interface NewTestUser {
  username: string;
  password?: string;
  displayName?: string;
  isAdmin?: boolean;
  /** 'external': a supplier's or customer's account (no directory, records by their grants only). */
  kind?: 'member' | 'external';
  roles?: string[];
  departmentIds?: string[];
  locale?: 'zh-CN' | 'en-US';
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  dataDir: string;
  /** `tessera_session=…` of admin. */
  adminCookie: string;
  /** As admin (session cookie; JSON content type when a body is given). */
  inject(method: Method, url: string, body?: unknown, headers?: Headers): Promise<LightMyRequestResponse>;
  /** As someone else: a cookie string from loginAs, an API key `tsk_…`, or null for anonymous. */
  injectAs(cookieOrKey: string | null, method: Method, url: string, body?: unknown, headers?: Headers): Promise<LightMyRequestResponse>;
  /** Signs in and returns the cookie string (`tessera_session=…`); throws when sign-in fails. */
  loginAs(username: string, password: string): Promise<string>;
  /** Creates a user through the API as admin and signs them in. Default password: `<username>-password`. */
  createUser(input: NewTestUser): Promise<{ user: PublicUser; password: string; cookie: string }>;
  /** Publishes the app's draft as admin (accepting risky changes) so end users and records see it; throws unless 200. */
  publish(appId: string, note?: string): Promise<{ version: number; publishedAt: string }>;
  close(): Promise<void>;
}

function authHeaders(cookieOrKey: string | null): Headers {
  if (cookieOrKey === null) return {};
  if (cookieOrKey.startsWith('tsk_')) return { authorization: `Bearer ${cookieOrKey}` };
  return { cookie: cookieOrKey };
}

export async function startTestApp(opts: StartTestAppOptions = {}): Promise<TestApp> {
  const ownsDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'tessera-test-')));
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    TESSERA_DATA_DIR: dataDir,
    TESSERA_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    TESSERA_SESSION_SECRET: TEST_SESSION_SECRET,
    // Tests sign in often from one IP; the login rate-limit test sets its own value.
    TESSERA_LOGIN_RATE_LIMIT: '100000',
    LOG_LEVEL: opts.logger ? 'info' : 'silent',
    ...opts.env,
  };
  let built;
  try {
    // No SPA: API tests never need it, and a built designer/dist must not change their behaviour.
    built = await buildApp({ env, logger: opts.logger ?? false, spaDir: false, clock: opts.clock });
  } catch (err) {
    if (ownsDir) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const { app, store } = built;

  const injectAs: TestApp['injectAs'] = (cookieOrKey, method, url, body, headers = {}) => {
    const h: Headers = { ...authHeaders(cookieOrKey), ...headers };
    if (body !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
    return app.inject({
      method,
      url,
      headers: h,
      ...(body === undefined ? {} : { payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) }),
    });
  };

  const loginAs: TestApp['loginAs'] = async (username, password) => {
    const res = await injectAs(null, 'POST', '/api/auth/login', { username, password });
    if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
    if (!c) throw new Error('login set no session cookie');
    return `${SESSION_COOKIE}=${c.value}`;
  };

  let adminCookie: string;
  try {
    adminCookie = await loginAs('admin', TEST_ADMIN_PASSWORD);
  } catch (err) {
    await built.close();
    if (ownsDir) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }

  return {
    app,
    store,
    dataDir,
    adminCookie,
    injectAs,
    loginAs,
    inject: (method, url, body, headers) => injectAs(adminCookie, method, url, body, headers),
    async createUser(input) {
      const password = input.password ?? `${input.username}-password`;
      const res = await injectAs(adminCookie, 'POST', '/api/users', { ...input, password });
      if (res.statusCode !== 201) throw new Error(`createUser ${input.username} failed: ${res.statusCode} ${res.body}`);
      const { user } = res.json() as { user: PublicUser };
      return { user, password, cookie: await loginAs(input.username, password) };
    },
    async publish(appId, note) {
      const res = await injectAs(adminCookie, 'POST', `/api/apps/${appId}/publish`, { confirm: true, ...(note === undefined ? {} : { note }) });
      if (res.statusCode !== 200) throw new Error(`publish ${appId} failed: ${res.statusCode} ${res.body}`);
      return res.json() as { version: number; publishedAt: string };
    },
    async close() {
      await built.close();
      if (ownsDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
