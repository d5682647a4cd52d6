// Security headers through real HTTP (issue #9): a Content-Security-Policy without inline
// scripts on every answer (API, errors, the web app), the headers Tessera always sent, and HSTS
// only on answers that went out over HTTPS.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer, HSTS } from '@tessera/runtime';
import { startTestApp, type TestApp } from '../helpers/app';

const CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join(';');

/** Every security header an answer carries, by name. */
const EXPECTED = {
  'content-security-policy': CSP,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};
const security = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => k in EXPECTED || k === 'strict-transport-security' || k === 'x-powered-by'));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('on every answer of the API', () => {
  test.each([
    ['a success', () => t.injectAs(null, 'GET', '/api/health'), 200],
    ['a JSON 404', () => t.inject('GET', '/api/no-such-thing'), 404],
    ['a refused body', () => t.inject('POST', '/api/roles', '{"name":', { 'content-type': 'application/json' }), 400],
    ['an anonymous call to a signed-in route', () => t.injectAs(null, 'GET', '/api/me'), 401],
  ])('%s carries the CSP and the headers sent before, and no HSTS over plain HTTP', async (_label, call, status) => {
    const res = await call();
    expect(res.statusCode).toBe(status);
    expect(security(res.headers)).toEqual(EXPECTED);
  });
});

describe('HSTS', () => {
  const server = () => buildServer({ storeKind: 'embedded', logLevel: 'silent', trustProxy: true });

  test('sent when the browser reached us over HTTPS (a trusted proxy says so)', async () => {
    const app = server();
    try {
      const res = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(HSTS).toBe('max-age=31536000; includeSubDomains');
      expect(security(res.headers)).toEqual({ ...EXPECTED, 'strict-transport-security': HSTS });
    } finally {
      await app.close();
    }
  });

  test('not sent over plain HTTP, nor when an untrusted client claims HTTPS', async () => {
    const trusting = server();
    const untrusting = buildServer({ storeKind: 'embedded', logLevel: 'silent' });
    try {
      const plain = await trusting.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'http' } });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      const claimed = await untrusting.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(claimed.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await trusting.close();
      await untrusting.close();
    }
  });
});

describe('the web app', () => {
  const spaDir = join(__dirname, '..', '..', 'designer', 'dist');

  test('index.html has no inline script (the policy would block it) and is served with the policy', async () => {
    const html = readFileSync(join(spaDir, 'index.html'), 'utf8');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !/\bsrc="\/assets\/[^"]+\.js"/.test(tag))).toEqual([]);
    expect(html.match(/<script\b[^>]*>([\s\S]*?)<\/script>/g)?.map((s) => s.replace(/<script\b[^>]*>|<\/script>/g, '').trim())).toEqual(scripts.map(() => ''));

    const app = buildServer({ storeKind: 'embedded', logLevel: 'silent', spaDir });
    try {
      for (const url of ['/', '/apps/qms/forms/iqc']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(security(res.headers)).toEqual(EXPECTED);
      }
    } finally {
      await app.close();
    }
  });
});
