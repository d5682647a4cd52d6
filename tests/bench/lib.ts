// What the benchmarks share: the compiled server bundle (as `npm start` runs it; `npm run
// bench` builds it first), a running app with a signed-in admin, the 200-field schema, and
// percentiles. Benchmarks print figures; they never assert them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Field } from '@tessera/form-engine';

// Loaded on first use, so each benchmark process holds only the bundle it measures.
/* eslint-disable @typescript-eslint/no-require-imports */
export const bundles = {
  get platform() {
    return require('../../dist/server/platform.cjs') as typeof import('@tessera/platform');
  },
  get runtime() {
    return require('../../dist/server/runtime.cjs') as typeof import('@tessera/runtime');
  },
  get formEngine() {
    return require('../../dist/server/form-engine.cjs') as typeof import('@tessera/form-engine');
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
export const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
export const percentile = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** 200 fields: text, number, money, select and a formula (quantity × amount), in turn. */
export function fields200(): Field[] {
  const fields: Field[] = [];
  for (let i = 0; i < 200; i++) {
    const kind = i % 5;
    if (kind === 0) fields.push({ id: `t${i}`, type: 'text', label: `文本${i}`, required: i % 10 === 0, validation: { maxLength: 50 } });
    else if (kind === 1) fields.push({ id: `n${i}`, type: 'number', label: `数量${i}`, validation: { min: 0 } });
    else if (kind === 2) fields.push({ id: `m${i}`, type: 'money', label: `金额${i}` });
    else if (kind === 3) fields.push({ id: `s${i}`, type: 'select', label: `状态${i}`, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] });
    else fields.push({ id: `f${i}`, type: 'formula', label: `公式${i}`, formula: { text: `数量${i - 3} * 金额${i - 2}` }, resultType: 'money' });
  }
  return fields;
}

export interface BenchApp {
  base: string;
  /** The admin's session cookie (`name=value`). */
  cookie: string;
  /** JSON headers with the session cookie. */
  headers: Record<string, string>;
  /** POSTs JSON as the admin; throws unless the status is 2xx. */
  post(path: string, body: unknown): Promise<unknown>;
  /** Publishes an app's draft (records are validated against the published forms). */
  publish(appId: string): Promise<void>;
  /** The app's store (to load data a benchmark measures reading, faster than through HTTP). */
  store: import('@tessera/runtime').Store;
  close(): Promise<void>;
}

/** GETs a URL as the app's admin: the parsed answer and how long the round trip took (throws unless 2xx). */
export async function timedGet(app: Pick<BenchApp, 'cookie'>, url: string): Promise<{ ms: number; body: Record<string, unknown> }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie: app.cookie } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as Record<string, unknown>;
  return { ms: performance.now() - t0, body };
}

/** The whole platform on a loopback port with a fresh embedded store, an admin signed in. */
export async function startBenchApp(opts: { spa?: boolean } = {}): Promise<BenchApp> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
  const t = await bundles.platform.buildApp({
    env: { TESSERA_DATA_DIR: dir, TESSERA_ADMIN_PASSWORD: 'bench-password', LOG_LEVEL: 'silent', TESSERA_LOGIN_RATE_LIMIT: '100000' },
    logger: false,
    ...(opts.spa ? {} : { spaDir: false as const }),
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-password' }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const headers = { 'content-type': 'application/json', cookie };
  const post: BenchApp['post'] = async (path, body) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    base,
    cookie,
    headers,
    post,
    store: t.store,
    async publish(appId) {
      await post(`/api/apps/${appId}/publish`, { confirm: true });
    },
    async close() {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a benchmark's main, exiting non-zero when it throws (the run is then reported FAILED). */
export function runBench(main: () => Promise<void> | void): void {
  Promise.resolve()
    .then(main)
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
