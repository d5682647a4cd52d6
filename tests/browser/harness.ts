// Browser tests' setup: the real server (buildApp listening on a loopback port, temp data dir)
// with this run's copy of the built web app (global-setup.ts), and Debian's chromium through
// playwright-core. Every page a browser from launchChromium opens is watched: an uncaught error
// or a console error in it fails the test that was running (the afterEach below), so no test
// can forget to look.
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page, type WebError } from 'playwright-core';
import { buildApp, type TesseraApp } from '@tessera/platform';
import { SPA_ENV } from './global-setup';

export const ROOT = join(__dirname, '..', '..');
export const SHOTS = join(ROOT, 'tests', 'browser', 'screenshots');
export const ADMIN_PASSWORD = 'browser-test-password';

/** What the watched pages reported since the last test ended. */
const pageErrors: string[] = [];

afterEach(() => {
  // Taken out first: an error belongs to the test during which it happened, not to the next.
  const reported = pageErrors.splice(0);
  expect({ pageErrors: reported }).toEqual({ pageErrors: [] });
});

/**
 * Chromium logs every failed request as a console error ("Failed to load resource: the server
 * responded with a status of 404", or "net::ERR_…" for the requests a test cuts off): the app
 * meets those on purpose and says so on the page, which the tests check. A 5xx is a server bug.
 */
const expectedNetworkLog = (text: string) => /^Failed to load resource: (net::ERR_|the server responded with a status of 4\d\d\b)/.test(text);

function watch(context: BrowserContext): BrowserContext {
  context.on('weberror', (e: WebError) => pageErrors.push(`uncaught on ${e.page()?.url() ?? 'a page'}: ${e.error().stack ?? e.error().message}`));
  // The app itself never logs errors: a console error is React (an error a boundary caught, a
  // failed render) or a library complaining.
  context.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' && !expectedNetworkLog(m.text())) pageErrors.push(`console error on ${m.page()?.url() ?? 'a page'}: ${m.text()}`);
  });
  return context;
}

export interface Server {
  url: string;
  tessera: TesseraApp;
  /** Calls the API as admin with a session cookie. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  /** Publishes an app's draft (end users and records only see published forms); throws unless 200. */
  publish(appId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(): Promise<Server> {
  const spaDir = process.env[SPA_ENV];
  if (!spaDir) throw new Error(`no web app to serve: run the browser tests through jest.config.cjs, whose globalSetup builds it (${SPA_ENV} is unset)`);
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-browser-'));
  const tessera = await buildApp({ env: { NODE_ENV: 'test', TESSERA_DATA_DIR: dataDir, TESSERA_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'silent', TESSERA_LOGIN_RATE_LIMIT: '10000' }, logger: false, spaDir });
  await tessera.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = tessera.app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const api: Server['api'] = async (method, path, body) => {
    // A server that never answers fails the step that asked, not the whole test at its timeout.
    const signal = AbortSignal.timeout(20_000);
    const res = await fetch(`${url}${path}`, { method, signal, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) }).catch((e: Error) => {
      throw new Error(`${method} ${path}: ${signal.aborted ? 'no answer in 20 s' : e.message}`);
    });
    return { status: res.status, json: await res.json().catch(() => null) };
  };
  return {
    url,
    tessera,
    api,
    async publish(appId) {
      const res = await api('POST', `/api/apps/${appId}/publish`, { confirm: true });
      if (res.status !== 200) throw new Error(`publish ${appId} failed: ${res.status} ${JSON.stringify(res.json)}`);
    },
    async close() {
      await tessera.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium whose every context (and so every page, `browser.newPage` included) is watched for errors. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  // browser.newPage opens its context through browser.newContext, so this one hook sees them all.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watch(await newContext(options));
  return browser;
}

/**
 * Counts the records this page asks the server to create (POST …/forms/:form/records) from now
 * on. "Did not submit" is this count staying at 0, read again once the real submit is done; the
 * URL right after a key press says nothing (the save may not have started yet).
 */
export function countRecordPosts(page: Page): () => number {
  let posts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && /^\/api\/apps\/[^/]+\/forms\/[^/]+\/records$/.test(new URL(r.url()).pathname)) posts++;
  });
  return () => posts;
}

/**
 * Signs in through the sign-in page as a person does: admin unless told, in `locale` when given
 * (as if chosen earlier), starting from `from` when the test checks where a signed-out visit lands.
 */
export async function signIn(page: Page, server: Pick<Server, 'url'>, opts: { username?: string; password?: string; locale?: 'zh-CN' | 'en-US'; from?: string } = {}): Promise<void> {
  if (opts.locale) await page.addInitScript((l) => localStorage.setItem('tessera.locale', l), opts.locale);
  await page.goto(`${server.url}${opts.from ?? '/login'}`);
  if (opts.from) await page.waitForURL(/\/login$/);
  await page.locator('#username').fill(opts.username ?? 'admin');
  await page.locator('#password').fill(opts.password ?? ADMIN_PASSWORD);
  await page.locator('#password').press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** A screenshot into tests/browser/screenshots (looked at by people, not compared). */
export const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
