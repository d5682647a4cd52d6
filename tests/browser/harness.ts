// Browser tests' setup: the real server (buildApp listening on a loopback port, temp data dir)
// with the built web app, and Debian's chromium through playwright-core.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp, type TesseraApp } from '@tessera/platform';

export const ROOT = join(__dirname, '..', '..');
export const SHOTS = join(ROOT, 'tests', 'browser', 'screenshots');
export const ADMIN_PASSWORD = 'browser-test-password';

export function ensureDesignerBuilt(): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-designer-built.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the web app failed');
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
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-browser-'));
  const tessera = await buildApp({ env: { NODE_ENV: 'test', TESSERA_DATA_DIR: dataDir, TESSERA_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'silent', TESSERA_LOGIN_RATE_LIMIT: '10000' }, logger: false });
  await tessera.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = tessera.app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const api: Server['api'] = async (method, path, body) => {
    const res = await fetch(`${url}${path}`, { method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
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

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
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
