// The HTTP core through the real app: health, error shapes for every kind of bad input,
// OpenAPI and security headers. (The SPA is tested on a real process: platform/tests/cli.test.ts.)
import { AppError, StoreError, buildServer, defineError } from '@tessera/runtime';
import { startTestApp, type TestApp } from '../helpers/app';

const SAID = defineError<{ n: number }>('TEAPOT', 418, ({ n }) => ({ 'zh-CN': `有 ${n} 个茶壶`, 'en-US': `${n} teapots` }));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const roleCount = async () => (await t.inject('GET', '/api/roles')).json().items.length;

describe('health and unknown routes', () => {
  test('GET /api/health answers ok with the store kind, without signing in', async () => {
    const res = await t.injectAs(null, 'GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', store: 'embedded' });
  });

  test('an unknown /api route is a JSON 404', async () => {
    const res = await t.inject('GET', '/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('GET /api/no-such-thing'), details: [] } });
    const post = await t.inject('POST', '/api/no-such-thing', {});
    expect(post.statusCode).toBe(404);
    expect(post.json().error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('POST /api/no-such-thing'), details: [] });
  });

  test('responses carry basic security headers', async () => {
    const res = await t.injectAs(null, 'GET', '/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  test('malformed JSON → 400 BAD_REQUEST', async () => {
    const res = await t.inject('POST', '/api/roles', '{"name": "QA",', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
    expect(await roleCount()).toBe(0);
  });

  test('a body over the limit → 413 PAYLOAD_TOO_LARGE naming the limit', async () => {
    const res = await t.inject('POST', '/api/roles', { name: 'big', description: 'x'.repeat(1024 * 1024 + 10) }, { 'accept-language': 'en-US' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.json().error.message).toBe('The request body is larger than the 1 MiB this route accepts');
    expect(await roleCount()).toBe(0);
  });

  test.each([
    ['__proto__ at the top', '{"name":"r1","__proto__":{"isAdmin":true}}', '/__proto__'],
    ['constructor nested', '{"name":"r2","description":{"constructor":{"prototype":{"x":1}}}}', '/description/constructor'],
    ['prototype in an array', '{"name":"r3","x":[{"prototype":1}]}', '/x/0/prototype'],
    ['__proto__ spelled with a unicode escape', '{"name":"r4","\\u005f_proto__":{"polluted":true}}', '/__proto__'],
  ])('%s → 400 and nothing written', async (_label, payload, path) => {
    const res = await t.inject('POST', '/api/roles', payload, { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'BAD_REQUEST', details: [{ path, code: 'forbidden_key' }] });
    expect(await roleCount()).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a value that merely mentions "constructor" is fine', async () => {
    const res = await t.inject('POST', '/api/roles', { name: 'constructor crew', description: 'prototype team' });
    expect(res.statusCode).toBe(201);
    expect(res.json().role).toMatchObject({ name: 'constructor crew', description: 'prototype team' });
    await t.inject('DELETE', `/api/roles/${res.json().role._id}`);
  });

  test('an unknown body property → 400 VALIDATION_FAILED naming it', async () => {
    const res = await t.inject('POST', '/api/roles', { name: 'QA', isAdmin: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details).toEqual([{ in: 'body', path: '/isAdmin', code: 'additionalProperties', message: '请求体含有未知的“isAdmin”', params: { additionalProperty: 'isAdmin' } }]);
    expect(res.json().error.message).toBe('请求体不合法：请求体含有未知的“isAdmin”');
    expect(await roleCount()).toBe(0);
  });

  test('every message answers in the language of Accept-Language, never both glued together', async () => {
    const en = { 'accept-language': 'en-US,en;q=0.9' };
    const zh = { 'accept-language': 'zh-CN,zh;q=0.9' };
    // A body problem, its details too.
    const bad = await t.inject('POST', '/api/roles', { name: 'QA', isAdmin: true }, en);
    expect(bad.json().error).toMatchObject({ message: 'Invalid body: The body has an unknown property "isAdmin"', details: [{ message: 'The body has an unknown property "isAdmin"' }] });
    const short = await t.inject('POST', '/api/roles', { name: '' }, en);
    expect(short.json().error.details[0].message).toBe('/name needs at least 1 character');
    // Errors thrown by the server's own code (they used to carry both languages in one string).
    for (const [headers, text] of [[en, 'Role not found'], [zh, '角色不存在']] as const) {
      const res = await t.inject('PATCH', '/api/roles/000000000000000000000000', { name: 'x' }, headers);
      expect([res.statusCode, res.json().error.message]).toEqual([404, text]);
    }
    const route = await t.inject('GET', '/api/no-such-route', undefined, en);
    expect([route.statusCode, route.json().error.message]).toEqual([404, 'No route GET /api/no-such-route']);
    const routeZh = await t.inject('GET', '/api/no-such-route', undefined, zh);
    expect(routeZh.json().error.message).toBe('接口不存在：GET /api/no-such-route');
  });

  test('a mistyped body value is refused, not coerced', async () => {
    const res = await t.inject('POST', '/api/roles', { name: 12345 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ in: 'body', path: '/name', code: 'type', params: { type: 'string' } }] });
    expect(await roleCount()).toBe(0);
  });

  test('a value fitting none of a choice of types is one problem naming them all, not one per choice', async () => {
    // An app's name is text or text per language (anyOf): 5 is neither.
    const res = await t.inject('POST', '/api/apps', { id: 'choice', name: 5 }, { 'accept-language': 'zh-CN' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'VALIDATION_FAILED',
      message: '请求体不合法：/name应为文本或对象',
      details: [{ in: 'body', path: '/name', code: 'type', message: '/name应为文本或对象', params: { type: ['string', 'object'] } }],
    });
    // Text per language with one language wrong: the problem is there, inside the choice it took.
    const inside = await t.inject('POST', '/api/apps', { id: 'choice', name: { 'zh-CN': 5 } }, { 'accept-language': 'en-US' });
    expect(inside.json().error.details).toEqual([{ in: 'body', path: '/name/zh-CN', code: 'type', message: '/name/zh-CN must be text', params: { type: 'string' } }]);
    expect((await t.inject('GET', '/api/apps')).json().items.map((a: { id: string }) => a.id)).not.toContain('choice');
  });

  test('a missing required property is reported with its path', async () => {
    const res = await t.inject('POST', '/api/roles', { description: 'no name' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ in: 'body', path: '/name', code: 'required', params: { missingProperty: 'name' } }] });
    expect(await roleCount()).toBe(0);
  });

  test('query strings are still coerced from text, and checked', async () => {
    expect((await t.inject('GET', '/api/users?limit=5')).statusCode).toBe(200);
    const bad = await t.inject('GET', '/api/users?limit=lots');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ in: 'querystring', path: '/limit', code: 'type', params: { type: 'integer' } }] });
  });

  test('an unsupported content type → 415 (API key, so the CSRF check does not apply)', async () => {
    const key = (await t.inject('POST', '/api/api-keys', { name: 'ct' })).json().secret as string;
    const res = await t.injectAs(key, 'POST', '/api/roles', 'name=QA', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await roleCount()).toBe(0);
  });

  test('an unknown id → 404 NOT_FOUND', async () => {
    const res = await t.inject('PATCH', '/api/roles/doesnotexist', { name: 'x' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('OpenAPI', () => {
  test('lists every route with a summary and tags', async () => {
    const res = await t.injectAs(null, 'GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/health', '/api/auth/login', '/api/me', '/api/users', '/api/users/{id}', '/api/departments', '/api/roles', '/api/api-keys']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { summary?: string; tags?: string[] }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        expect({ route: `${method} ${path}`, summary: typeof op.summary, tags: Array.isArray(op.tags) && op.tags.length > 0 })
          .toEqual({ route: `${method} ${path}`, summary: 'string', tags: true });
      }
    }
    expect(doc.paths['/api/roles'].post.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
  });
});

describe('the error handler (runtime buildServer)', () => {
  const server = buildServer({ storeKind: 'embedded', logLevel: 'silent' });
  beforeAll(async () => {
    server.get('/api/boom', { schema: { tags: ['t'], summary: 'throws' } }, async () => {
      throw new Error('secret internals at /etc/passwd');
    });
    server.get('/api/dup', { schema: { tags: ['t'], summary: 'dup' } }, async () => {
      throw new StoreError('DUPLICATE_KEY', 'E11000 index users_username');
    });
    server.get('/api/rule', { schema: { tags: ['t'], summary: 'rule' } }, async () => {
      throw new AppError('RULE_FAILED', 'Quantity must be positive', [{ path: '/qty' }]);
    });
    server.get('/api/said', { schema: { tags: ['t'], summary: 'localized' } }, async () => {
      throw SAID({ n: 3 }, [{ path: 'x' }]);
    });
    await server.ready();
  });
  afterAll(() => server.close());

  test('an unexpected error is a bare 500 INTERNAL with no internals', async () => {
    const res = await server.inject({ method: 'GET', url: '/api/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: '服务器内部错误', details: [] } });
    expect(res.body).not.toMatch(/secret|passwd|at /);
  });

  test('a duplicate key from the store → 409 DUPLICATE', async () => {
    const res = await server.inject({ method: 'GET', url: '/api/dup' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'DUPLICATE', message: '唯一值重复', details: [] });
    expect(res.body).not.toMatch(/E11000/);
  });

  test('a catalogued error answers in the reader\'s language, with its own code and status', async () => {
    const zh = await server.inject({ method: 'GET', url: '/api/said' });
    expect(zh.statusCode).toBe(418);
    expect(zh.json()).toEqual({ error: { code: 'TEAPOT', message: '有 3 个茶壶', details: [{ path: 'x' }] } });
    const en = await server.inject({ method: 'GET', url: '/api/said', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(en.json().error.message).toBe('3 teapots');
    const other = await server.inject({ method: 'GET', url: '/api/said', headers: { 'accept-language': 'de-DE' } });
    expect(other.json().error.message).toBe('有 3 个茶壶');
    const unknown = await server.inject({ method: 'GET', url: '/api/boom', headers: { 'accept-language': 'en' } });
    expect(unknown.json().error.message).toBe('Internal server error');
  });

  test('an AppError keeps its code, status and details', async () => {
    const res = await server.inject({ method: 'GET', url: '/api/rule' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({ error: { code: 'RULE_FAILED', message: 'Quantity must be positive', details: [{ path: '/qty' }] } });
  });
});
