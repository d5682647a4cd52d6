// Identity through the HTTP API: sign-in, sessions, API keys, CSRF, users, roles, departments.
import { createSessionCodec } from '@tessera/platform';
import { startTestApp, TEST_ADMIN_PASSWORD, TEST_SESSION_SECRET, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.injectAs(null, 'POST', '/api/auth/login', { username, password }, headers);
const cookieOf = (res: { cookies: Array<{ name: string; value: string }> }) =>
  `tessera_session=${res.cookies.find((c) => c.name === 'tessera_session')!.value}`;
/** A refusal as one value, so one comparison checks the status and the code together. */
const refusal = (res: { statusCode: number; json(): { error: { code: string } } }) => ({ status: res.statusCode, code: res.json().error.code });
const UNAUTHENTICATED = { status: 401, code: 'UNAUTHENTICATED' };
const FORBIDDEN = { status: 403, code: 'FORBIDDEN' };

describe('sign-in', () => {
  test('a correct password returns the user (never the hash) and sets the session cookie', async () => {
    const res = await login('admin', TEST_ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'admin', isAdmin: true, disabled: false });
    expect(res.body).not.toMatch(/passwordHash|scrypt|sessionEpoch/);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^tessera_session=v2\.[\w-]+\.[\w-]+;/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Secure/); // plain http
    // It lasts its Max-Age; only the sign-out's empty cookie carries a date in the past.
    expect(setCookie).not.toMatch(/Expires=/);
  });

  test('a disabled account is refused with its own words, once the password is right', async () => {
    const { user, password } = await t.createUser({ username: 'switched-off' });
    expect((await t.inject('PATCH', `/api/users/${user._id}`, { disabled: true })).statusCode).toBe(200);
    for (const [language, message] of [['en-US', 'This account is disabled'], ['zh-CN', '账号已停用']]) {
      const res = await login('switched-off', password, { 'accept-language': language });
      expect([res.statusCode, res.json().error, res.headers['set-cookie']]).toEqual([403, { code: 'FORBIDDEN', message, details: [] }, undefined]);
    }
    expect(refusal(await login('switched-off', 'not-the-password'))).toEqual(UNAUTHENTICATED);
  });

  test('the username is case-insensitive', async () => {
    const res = await login('  ADMIN ', TEST_ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('admin');
  });

  test('a wrong password and an unknown user get the same 401', async () => {
    const wrong = await login('admin', 'not-the-password');
    const unknown = await login('nobody-here', 'whatever-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('UNAUTHENTICATED');
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  test('GET /api/me without a session → 401', async () => {
    const res = await t.injectAs(null, 'GET', '/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  test('GET /api/me with the session → the user', async () => {
    const res = await t.inject('GET', '/api/me');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { username: 'admin' }, via: 'session' });
  });
});

describe('session tokens', () => {
  const codec = createSessionCodec(TEST_SESSION_SECRET);
  const now = () => Math.floor(Date.now() / 1000);
  let adminId: string;
  beforeAll(async () => {
    adminId = (await t.inject('GET', '/api/me')).json().user._id;
  });

  test('a tampered token is rejected', async () => {
    const [v, payload, mac] = t.adminCookie.split('=')[1].split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 10_000 })).toString('base64url');
    expect(refusal(await t.injectAs(`tessera_session=${v}.${forged}.${mac}`, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    expect(refusal(await t.injectAs(`tessera_session=${v}.${payload}.${mac.slice(0, -2)}xx`, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    expect(refusal(await t.injectAs('tessera_session=garbage', 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
  });

  /** The claims of admin's own session cookie (its session id names a live session record). */
  const adminClaims = () => JSON.parse(Buffer.from(t.adminCookie.split('=')[1].split('.')[1], 'base64url').toString()) as { sid: string; ep: number };

  test('an expired token is rejected, a fresh one for the same session from the same secret is accepted', async () => {
    const { sid, ep } = adminClaims();
    const expired = codec.sign({ sid, sub: adminId, tid: 'default', ep, iat: now() - 7200, exp: now() - 60 });
    expect(refusal(await t.injectAs(`tessera_session=${expired}`, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    const fresh = codec.sign({ sid, sub: adminId, tid: 'default', ep, iat: now(), exp: now() + 60 });
    const me = await t.injectAs(`tessera_session=${fresh}`, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user._id).toBe(adminId);
  });

  test('a well-signed token naming no session record is rejected (the secret alone does not make a session)', async () => {
    const token = codec.sign({ sid: 'f'.repeat(32), sub: adminId, tid: 'default', ep: adminClaims().ep, iat: now(), exp: now() + 60 });
    expect(refusal(await t.injectAs(`tessera_session=${token}`, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
  });

  test('a token of the old format (v1, no session id) is rejected', async () => {
    const [, payload] = t.adminCookie.split('=')[1].split('.');
    const { sid: _sid, ...claims } = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const v1 = codec.sign(claims).replace(/^v2\./, 'v1.');
    expect(refusal(await t.injectAs(`tessera_session=${v1}`, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
  });

  test('a token signed with another secret is rejected', async () => {
    const other = createSessionCodec('another-secret-another-secret-another-secret');
    const token = other.sign({ sid: adminClaims().sid, sub: adminId, tid: 'default', ep: 0, iat: now(), exp: now() + 60 });
    expect(refusal(await t.injectAs(`tessera_session=${token}`, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
  });
});

describe('the session cookie among other cookies', () => {
  test('is found wherever it stands in the Cookie header, and only under its exact name', async () => {
    const { cookie } = await t.createUser({ username: 'cookiejar' });
    const token = cookie.slice('tessera_session='.length);
    const me = (header: string) => t.injectAs(null, 'GET', '/api/me', undefined, { cookie: header });
    for (const header of [cookie, `theme=dark; ${cookie}`, `a=1;${cookie};b=2`, `a=1;  tessera_session = ${token} ; b=2`, `a=1;\t tessera_session=${token}`]) {
      expect({ header, status: (await me(header)).statusCode }).toEqual({ header, status: 200 });
    }
    for (const header of [`xtessera_session=${token}`, `tessera_session_old=${token}`, `other=tessera_session=${token}`, 'tessera_session=bad value!', 'theme=dark']) {
      expect({ header, status: (await me(header)).statusCode }).toEqual({ header, status: 401 });
    }
  });
});

describe('logout and revocation', () => {
  test('logout clears the cookie', async () => {
    const { cookie } = await t.createUser({ username: 'leaver' });
    const res = await t.injectAs(cookie, 'POST', '/api/auth/logout');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(String(res.headers['set-cookie'])).toMatch(/^tessera_session=; .*Max-Age=0/);
  });

  test('logout everywhere revokes every session of the user', async () => {
    const { password, cookie } = await t.createUser({ username: 'roamer' });
    const other = await t.loginAs('roamer', password);
    expect((await t.injectAs(other, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await t.injectAs(cookie, 'POST', '/api/auth/logout', { everywhere: true })).statusCode).toBe(200);
    expect(refusal(await t.injectAs(other, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    expect(refusal(await t.injectAs(cookie, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
  });

  test('changing one\'s password revokes other sessions, keeps this one, and needs the current password', async () => {
    const { password, cookie } = await t.createUser({ username: 'changer' });
    const other = await t.loginAs('changer', password);
    const bad = await t.injectAs(cookie, 'POST', '/api/me/password', { currentPassword: 'wrong-one', newPassword: 'brand-new-pass' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: '/currentPassword', code: 'wrong_password', message: 'wrong password' }] });
    const res = await t.injectAs(cookie, 'POST', '/api/me/password', { currentPassword: password, newPassword: 'brand-new-pass' });
    expect(res.statusCode).toBe(200);
    expect(refusal(await t.injectAs(other, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    expect(refusal(await t.injectAs(cookie, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    expect((await t.injectAs(cookieOf(res), 'GET', '/api/me')).json().user.username).toBe('changer');
    expect(refusal(await login('changer', password))).toEqual(UNAUTHENTICATED);
    expect((await login('changer', 'brand-new-pass')).statusCode).toBe(200);
  });

  test('changing one\'s password with an API key starts no browser session: no cookie comes back, and the key goes on working', async () => {
    const { password, cookie } = await t.createUser({ username: 'scripted-changer' });
    const secret = (await t.injectAs(cookie, 'POST', '/api/api-keys', { name: 'script' })).json().secret as string;
    const res = await t.injectAs(secret, 'POST', '/api/me/password', { currentPassword: password, newPassword: 'changed-by-a-script' });
    expect([res.statusCode, res.headers['set-cookie']]).toEqual([200, undefined]);
    expect(refusal(await t.injectAs(cookie, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    expect((await t.injectAs(secret, 'GET', '/api/me')).json()).toMatchObject({ user: { username: 'scripted-changer' }, via: 'apikey' });
  });

  test('a disabled user loses their session and cannot sign in', async () => {
    const { user, password, cookie } = await t.createUser({ username: 'suspended' });
    expect((await t.inject('PATCH', `/api/users/${user._id}`, { disabled: true })).statusCode).toBe(200);
    expect(refusal(await t.injectAs(cookie, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    expect(refusal(await login('suspended', password))).toEqual(FORBIDDEN);
  });
});

describe('API keys', () => {
  test('create → use as Bearer → revoke', async () => {
    const { cookie } = await t.createUser({ username: 'integrator' });
    const created = await t.injectAs(cookie, 'POST', '/api/api-keys', { name: 'ERP sync' });
    expect(created.statusCode).toBe(201);
    const { apiKey, secret } = created.json();
    expect(secret).toMatch(/^tsk_[\w-]{40,}$/);
    expect(apiKey.hint).toBe(secret.slice(-4));
    expect(JSON.stringify(apiKey)).not.toContain(secret);

    // 1. The secret is stored only as a hash.
    const stored = await t.store.collection('api_keys').find({});
    expect(JSON.stringify(stored)).not.toContain(secret);

    // 2. The key authenticates as its user.
    const me = await t.injectAs(secret, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: 'integrator' }, via: 'apikey' });

    // 3. Listing never shows the secret again.
    const list = await t.injectAs(cookie, 'GET', '/api/api-keys');
    expect(list.json().items).toHaveLength(1);
    expect(list.body).not.toContain(secret);

    // 4. Revoked: refused at once.
    const revoked = await t.injectAs(cookie, 'DELETE', `/api/api-keys/${apiKey._id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().apiKey).toMatchObject({ _id: apiKey._id, revokedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const after = await t.injectAs(secret, 'GET', '/api/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  test('an unknown key or a malformed Authorization header is a 401, not an anonymous call', async () => {
    expect(refusal(await t.injectAs('tsk_not-a-real-key', 'GET', '/api/health'))).toEqual(UNAUTHENTICATED);
    for (const [language, message] of [['en-US', 'Invalid or revoked API key'], ['zh-CN', 'API 密钥无效或已撤销']]) {
      const res = await t.injectAs('tsk_not-a-real-key', 'GET', '/api/me', undefined, { 'accept-language': language });
      expect([res.statusCode, res.json().error]).toEqual([401, { code: 'UNAUTHENTICATED', message, details: [] }]);
    }
    expect(refusal(await t.injectAs(null, 'GET', '/api/me', undefined, { authorization: 'Basic YWRtaW46eA==' }))).toEqual(UNAUTHENTICATED);
    // The header is "Bearer" (any letter case), spaces, the key, and nothing around them; else it says what it must be.
    const { secret } = (await t.inject('POST', '/api/api-keys', { name: 'header forms' })).json() as { secret: string };
    const as = (authorization: string, language = 'en-US') => t.injectAs(null, 'GET', '/api/me', undefined, { authorization, 'accept-language': language });
    for (const ok of [`Bearer ${secret}`, `bearer   ${secret}`]) expect((await as(ok)).statusCode).toBe(200);
    for (const [bad, language, message] of [
      [`Bearer ${secret} extra`, 'en-US', 'Authorization must be "Bearer <API key>"'],
      [`xBearer ${secret}`, 'zh-CN', '授权头格式错误'],
    ]) {
      const res = await as(bad, language);
      expect([res.statusCode, res.json().error]).toEqual([401, { code: 'UNAUTHENTICATED', message, details: [] }]);
    }
  });

  test('only administrators create keys for someone else', async () => {
    const a = await t.createUser({ username: 'keyless' });
    const b = await t.createUser({ username: 'keyowner' });
    for (const [language, message] of [['en-US', 'Only administrators create keys for others'], ['zh-CN', '仅管理员可为他人创建密钥']]) {
      const denied = await t.injectAs(a.cookie, 'POST', '/api/api-keys', { name: 'x', userId: b.user._id }, { 'accept-language': language });
      expect([denied.statusCode, denied.json().error]).toEqual([403, { code: 'FORBIDDEN', message, details: [] }]);
    }
    const ok = await t.inject('POST', '/api/api-keys', { name: 'for b', userId: b.user._id });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().apiKey.userId).toBe(b.user._id);
    // Its owner's key is not another user's to revoke: not found, in the reader's language, and still valid.
    for (const [language, message] of [['en-US', 'API key not found'], ['zh-CN', 'API 密钥不存在']]) {
      const revoke = await t.injectAs(a.cookie, 'DELETE', `/api/api-keys/${ok.json().apiKey._id}`, undefined, { 'accept-language': language });
      expect([revoke.statusCode, revoke.json().error]).toEqual([404, { code: 'NOT_FOUND', message, details: [] }]);
    }
    expect((await t.injectAs(ok.json().secret, 'GET', '/api/me')).json().user.username).toBe('keyowner');
    // For a user who does not exist: refused, naming the field, and no key is made.
    const before = await t.store.collection('api_keys').count({});
    for (const [language, message] of [['en-US', 'Unknown user'], ['zh-CN', '用户不存在']]) {
      const unknown = await t.inject('POST', '/api/api-keys', { name: 'for nobody', userId: 'u'.repeat(24) }, { 'accept-language': language });
      expect([unknown.statusCode, unknown.json().error]).toEqual([400, { code: 'VALIDATION_FAILED', message, details: [{ path: '/userId', code: 'unknown_user', message: `No user ${'u'.repeat(24)}` }] }]);
    }
    expect(await t.store.collection('api_keys').count({})).toBe(before);
  });

  test('a user lists their own keys; every user\'s (all=true) only an administrator, in the reader\'s language', async () => {
    const lister = await t.createUser({ username: 'key-lister' });
    const own = (await t.injectAs(lister.cookie, 'POST', '/api/api-keys', { name: 'mine' })).json().apiKey;
    const admins = (await t.inject('POST', '/api/api-keys', { name: 'the admin\'s' })).json().apiKey;
    const ids = (res: { json(): { items: Array<{ _id: string }> } }) => res.json().items.map((k) => k._id);
    expect(ids(await t.injectAs(lister.cookie, 'GET', '/api/api-keys'))).toEqual([own._id]);
    for (const [language, message] of [['en-US', 'Administrators only'], ['zh-CN', '仅管理员可操作']]) {
      const all = await t.injectAs(lister.cookie, 'GET', '/api/api-keys?all=true', undefined, { 'accept-language': language });
      expect([all.statusCode, all.json().error]).toEqual([403, { code: 'FORBIDDEN', message, details: [] }]);
    }
    const mine = ids(await t.inject('GET', '/api/api-keys'));
    expect(mine).toContain(admins._id);
    expect(mine).not.toContain(own._id);
    expect(ids(await t.inject('GET', '/api/api-keys?all=true'))).toEqual(expect.arrayContaining([own._id, admins._id]));
  });

  test('keys are listed newest first, and another tenant\'s keys never, even to an administrator asking for all', async () => {
    const owner = await t.createUser({ username: 'key-orderer' });
    const first = (await t.injectAs(owner.cookie, 'POST', '/api/api-keys', { name: 'first' })).json().apiKey;
    await t.injectAs(owner.cookie, 'POST', '/api/api-keys', { name: 'second' });
    // The first key made a year older: newest first is then surely second, first (the reverse of the order made).
    await t.store.collection('api_keys').updateOne({ _id: first._id }, { $set: { createdAt: '2020-01-01T00:00:00.000Z' } });
    const names = (res: { json(): { items: Array<{ name: string }> } }) => res.json().items.map((k) => k.name);
    expect(names(await t.injectAs(owner.cookie, 'GET', '/api/api-keys'))).toEqual(['second', 'first']);
    // A key of another tenant, for a user of the same id as the caller.
    await t.store.collection('api_keys').insertOne({
      _id: 'k'.repeat(24), tenantId: 'elsewhere', userId: owner.user._id, name: 'foreign', hash: 'h'.repeat(64), hint: 'abcd',
      createdAt: '2030-01-01T00:00:00.000Z', createdBy: owner.user._id, expiresAt: null, lastUsedAt: null, revokedAt: null,
    });
    expect(names(await t.injectAs(owner.cookie, 'GET', '/api/api-keys'))).toEqual(['second', 'first']);
    const all = names(await t.inject('GET', '/api/api-keys?all=true'));
    expect(all).toEqual(expect.arrayContaining(['second', 'first']));
    expect(all).not.toContain('foreign');
    expect(refusal(await t.inject('DELETE', `/api/api-keys/${'k'.repeat(24)}`))).toEqual({ status: 404, code: 'NOT_FOUND' });
  });
});

describe('CSRF', () => {
  const rolesNamed = async (name: string) =>
    (await t.inject('GET', '/api/roles')).json().items.filter((r: { name: string }) => r.name === name).length;

  test('a cross-origin POST with the cookie → 403 and nothing changed', async () => {
    const res = await t.inject('POST', '/api/roles', { name: 'csrf-1' }, { origin: 'https://evil.example', host: 'tessera.local' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_REJECTED');
    expect(await rolesNamed('csrf-1')).toBe(0);
  });

  test('a same-origin POST with the cookie is accepted', async () => {
    const res = await t.inject('POST', '/api/roles', { name: 'csrf-2' }, { origin: 'http://tessera.local:3000', host: 'tessera.local:3000' });
    expect(res.statusCode).toBe(201);
  });

  test.each([
    ['text/plain', '{"name":"csrf-3"}'],
    ['application/x-www-form-urlencoded', 'name=csrf-3'],
  ])('a %s POST with the cookie is refused and changes nothing', async (type, body) => {
    const res = await t.inject('POST', '/api/roles', body, { 'content-type': type });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_REJECTED');
    expect(await rolesNamed('csrf-3')).toBe(0);
  });

  describe('every cookie-borne write from another origin is refused, the same host on another port or scheme included', () => {
    const host = 'tessera.local:3000';
    const foreign = ['https://evil.example', 'http://tessera.local:3001', 'https://tessera.local:3000', 'http://tessera.local', 'null'];
    let roleId: string;
    beforeAll(async () => {
      roleId = (await t.inject('POST', '/api/roles', { name: 'csrf-target' })).json().role._id;
      expect((await t.inject('POST', '/api/apps', { id: 'csrfapp', name: 'CSRF' })).statusCode).toBe(201);
    });
    const writes = () =>
      [
        ['POST', '/api/roles', { name: 'csrf-new' }],
        ['PATCH', `/api/roles/${roleId}`, { name: 'csrf-renamed' }],
        ['PUT', '/api/apps/csrfapp', { name: 'csrf-renamed' }],
        ['DELETE', `/api/roles/${roleId}`, undefined],
      ] as const;
    test.each(foreign)('from %s', async (origin) => {
      for (const [method, url, body] of writes()) {
        const res = await t.inject(method, url, body, { origin, host });
        expect([method, res.statusCode, res.json().error.code]).toEqual([method, 403, 'CSRF_REJECTED']);
      }
      const roles = (await t.inject('GET', '/api/roles')).json().items.map((r: { name: string }) => r.name);
      expect(roles).toContain('csrf-target');
      expect(roles).not.toContain('csrf-new');
      expect(roles).not.toContain('csrf-renamed');
      expect((await t.inject('GET', '/api/apps/csrfapp')).json().name).toBe('CSRF');
    });
  });

  test.each<[Record<string, string>, string, string]>([
    [{ origin: 'https://evil.example', host: 'tessera.local' }, '跨站请求被拒绝：来自 https://evil.example，不是本站', 'Cross-site request refused: it comes from https://evil.example, not this site'],
    [{ origin: 'null', host: 'tessera.local' }, '跨站请求被拒绝：来源 "null" 不是网址', 'Cross-site request refused: the origin "null" is not an address'],
    [{ 'content-type': 'text/plain' }, '跨站请求被拒绝：登录会话的请求不接受 Content-Type text/plain，请发送 application/json', 'Cross-site request refused: a signed-in request may not send Content-Type text/plain; send application/json'],
  ])('the refusal says why in the reader\'s language (%j)', async (headers, zh, en) => {
    const body = 'content-type' in headers ? '{"name":"csrf-5"}' : { name: 'csrf-5' };
    const inZh = await t.inject('POST', '/api/roles', body, { ...headers, 'accept-language': 'zh-CN' });
    const inEn = await t.inject('POST', '/api/roles', body, { ...headers, 'accept-language': 'en-US' });
    expect([inZh.statusCode, inZh.json().error]).toEqual([403, { code: 'CSRF_REJECTED', message: zh, details: [] }]);
    expect([inEn.statusCode, inEn.json().error]).toEqual([403, { code: 'CSRF_REJECTED', message: en, details: [] }]);
    expect(await rolesNamed('csrf-5')).toBe(0);
  });

  test('a signed-in body without a Content-Type is refused in the reader\'s language; a write without a body needs none', async () => {
    const raw = (method: 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: string) =>
      t.app.inject({ method, url, headers: { cookie: t.adminCookie, ...headers }, ...(payload === undefined ? {} : { payload }) });
    const inZh = await raw('POST', '/api/roles', { 'accept-language': 'zh-CN' }, '{"name":"csrf-6"}');
    const inEn = await raw('POST', '/api/roles', { 'accept-language': 'en-US' }, '{"name":"csrf-6"}');
    expect([inZh.statusCode, inZh.json().error]).toEqual([403, { code: 'CSRF_REJECTED', message: '跨站请求被拒绝：请求体须声明 Content-Type: application/json', details: [] }]);
    expect([inEn.statusCode, inEn.json().error]).toEqual([403, { code: 'CSRF_REJECTED', message: 'Cross-site request refused: a request body needs Content-Type: application/json', details: [] }]);
    expect(await rolesNamed('csrf-6')).toBe(0);
    // No body (no length, or a length of 0): nothing a form could send, so no type is asked for.
    for (const headers of [{}, { 'content-length': '0' }] as Array<Record<string, string>>) {
      const role = (await t.inject('POST', '/api/roles', { name: 'csrf-7' })).json().role._id as string;
      const gone = await raw('DELETE', `/api/roles/${role}`, headers);
      expect(gone.statusCode).toBe(204);
    }
    expect(await rolesNamed('csrf-7')).toBe(0);
  });

  test('any application/…+json type passes the check; a type that only looks like one does not', async () => {
    for (const type of ['application/vnd.api+json']) {
      const res = await t.inject('POST', '/api/roles', '{"name":"csrf-8"}', { 'content-type': type });
      expect([type, res.statusCode]).toEqual([type, 201]);
    }
    expect(await rolesNamed('csrf-8')).toBe(1);
    for (const type of ['application/+json', 'xapplication/vnd.api+json', 'application/vnd.api+jsonp', 'text/vnd.api+json', 'application/a b+json']) {
      const res = await t.inject('POST', '/api/roles', '{"name":"csrf-9"}', { 'content-type': type });
      expect([type, res.statusCode, res.json().error.code]).toEqual([type, 403, 'CSRF_REJECTED']);
    }
    expect(await rolesNamed('csrf-9')).toBe(0);
  });

  test('a bearer-key call from another origin is fine (no ambient credentials)', async () => {
    const secret = (await t.inject('POST', '/api/api-keys', { name: 'cross', scope: { access: 'admin' } })).json().secret;
    const res = await t.injectAs(secret, 'POST', '/api/roles', { name: 'csrf-4' }, { origin: 'https://erp.example', host: 'tessera.local' });
    expect(res.statusCode).toBe(201);
  });

  test('a cross-origin login is refused (login CSRF)', async () => {
    const res = await login('admin', TEST_ADMIN_PASSWORD, { origin: 'https://evil.example' });
    expect(refusal(res)).toEqual({ status: 403, code: 'CSRF_REJECTED' });
    expect(res.headers['set-cookie']).toBeUndefined();
    // The same address as the router serves it: with a trailing slash, or a query.
    for (const url of ['/api/auth/login/', '/api/auth/login?next=%2F']) {
      const other = await t.injectAs(null, 'POST', url, { username: 'admin', password: TEST_ADMIN_PASSWORD }, { origin: 'https://evil.example' });
      expect([url, refusal(other), other.headers['set-cookie']]).toEqual([url, { status: 403, code: 'CSRF_REJECTED' }, undefined]);
    }
  });

  test('without a session, sign-in and accepting an invitation are checked; another write is simply unauthenticated', async () => {
    const evil = { origin: 'https://evil.example', host: 'tessera.local' };
    const accept = await t.injectAs(null, 'POST', `/api/auth/invite/${'t'.repeat(20)}`, { password: 'a-good-password-1' }, evil);
    expect(refusal(accept)).toEqual({ status: 403, code: 'CSRF_REJECTED' });
    expect(refusal(await t.injectAs(null, 'POST', '/api/roles', { name: 'csrf-5' }, evil))).toEqual(UNAUTHENTICATED);
  });
});

describe('users', () => {
  test('disabling a user ends their sessions for good (enabled again, the old cookie stays out); other changes keep them signed in', async () => {
    const { user, cookie, password } = await t.createUser({ username: 'paused' });
    expect((await t.inject('PATCH', `/api/users/${user._id}`, { displayName: '暂停', roles: [] })).statusCode).toBe(200);
    // Saying an enabled account is enabled (a form sending every field) is no change either.
    expect((await t.inject('PATCH', `/api/users/${user._id}`, { disabled: false })).statusCode).toBe(200);
    expect((await t.injectAs(cookie, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await t.inject('PATCH', `/api/users/${user._id}`, { disabled: true })).statusCode).toBe(200);
    expect((await t.inject('PATCH', `/api/users/${user._id}`, { disabled: false })).statusCode).toBe(200);
    expect(refusal(await t.injectAs(cookie, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    expect((await t.injectAs(await t.loginAs('paused', password), 'GET', '/api/me')).statusCode).toBe(200);
  });

  test('an administrator changes their own account freely, short of taking their rights away', async () => {
    const { user, cookie } = await t.createUser({ username: 'self-editor', isAdmin: true });
    const renamed = await t.injectAs(cookie, 'PATCH', `/api/users/${user._id}`, { displayName: '质量部管理员' });
    expect([renamed.statusCode, renamed.json().user?.displayName]).toEqual([200, '质量部管理员']);
    // Nor is saying they stay an enabled administrator a removal.
    expect((await t.injectAs(cookie, 'PATCH', `/api/users/${user._id}`, { isAdmin: true, disabled: false })).statusCode).toBe(200);
  });

  test('an external account is never made an administrator, in the reader\'s language', async () => {
    const ext = (await t.inject('POST', '/api/users', { username: 'ext-admin', kind: 'external' })).json().user;
    for (const [language, message] of [['en-US', 'An external account cannot be an administrator'], ['zh-CN', '外部账号不能是管理员']]) {
      const refused = { code: 'VALIDATION_FAILED', message, details: [{ path: '/isAdmin', code: 'external_admin', message: 'external accounts are never administrators' }] };
      const res = await t.inject('PATCH', `/api/users/${ext._id}`, { isAdmin: true }, { 'accept-language': language });
      expect([res.statusCode, res.json().error]).toEqual([400, refused]);
      // Nor made one: created so, it is refused the same way, and not created.
      const made = await t.inject('POST', '/api/users', { username: 'ext-admin-2', kind: 'external', isAdmin: true }, { 'accept-language': language });
      expect([made.statusCode, made.json().error]).toEqual([400, refused]);
    }
    expect(await t.store.collection('users').count({ username: 'ext-admin-2' })).toBe(0);
    expect((await t.inject('GET', `/api/users/${ext._id}`)).json().user).toMatchObject({ isAdmin: false, kind: 'external' });
    // Anything else about it may change; a member may be made an administrator.
    expect((await t.inject('PATCH', `/api/users/${ext._id}`, { isAdmin: false, displayName: '供应商' })).statusCode).toBe(200);
    const member = (await t.createUser({ username: 'made-admin' })).user;
    expect((await t.inject('PATCH', `/api/users/${member._id}`, { isAdmin: true })).json().user.isAdmin).toBe(true);
    expect((await t.inject('PATCH', `/api/users/${member._id}`, { isAdmin: false })).json().user.isAdmin).toBe(false);
  });

  test('the member picker finds enabled people by display name (any case, spaces around ignored) or by ids, in name order, ids and names only', async () => {
    // Usernames in the other order than display names: the answer follows the names.
    const zed = (await t.createUser({ username: 'pick-1', displayName: 'Picker Zed' })).user;
    const amy = (await t.createUser({ username: 'pick-2', displayName: 'Picker Amy' })).user;
    const off = (await t.createUser({ username: 'pick-3', displayName: 'Picker Off' })).user;
    expect((await t.inject('PATCH', `/api/users/${off._id}`, { disabled: true })).statusCode).toBe(200);
    const { cookie } = await t.createUser({ username: 'lookup-caller' });
    const lookup = async (query: string) => (await t.injectAs(cookie, 'GET', `/api/users/lookup?${query}`)).json().items;
    const both = [{ _id: amy._id, displayName: 'Picker Amy' }, { _id: zed._id, displayName: 'Picker Zed' }];
    expect(await lookup('q=%20pICKER%20')).toEqual(both);
    expect(await lookup('q=picker&limit=1')).toEqual([both[0]]);
    expect(await lookup(`ids=%20${zed._id}%20,,${amy._id},${off._id}`)).toEqual(both);
    // Login names are not searched; at most 200 ids are looked at.
    expect(await lookup('q=pick-')).toEqual([]);
    expect(await lookup(`ids=${'x,'.repeat(200)}${amy._id}`)).toEqual([]);
    // Empty places between commas are not ids and do not count towards the 200.
    expect(await lookup(`ids=${','.repeat(200)}${amy._id}`)).toEqual([both[0]]);
  });

  test('the user list filters by role, department, and a text in the username or display name (any case, spaces around ignored)', async () => {
    const role = (await t.inject('POST', '/api/roles', { name: '筛选角色' })).json().role;
    const dept = (await t.inject('POST', '/api/departments', { name: '筛选部' })).json().department;
    await t.createUser({ username: 'filter-one', displayName: 'Filter One', roles: [role._id] });
    await t.createUser({ username: 'filter-two', displayName: 'Second 筛选', departmentIds: [dept._id] });
    const list = async (query: string) => {
      const body = (await t.inject('GET', `/api/users?${query}`)).json();
      return [body.items.map((u: { username: string }) => u.username), body.total];
    };
    expect(await list(`role=${role._id}`)).toEqual([['filter-one'], 1]);
    expect(await list(`departmentId=${dept._id}`)).toEqual([['filter-two'], 1]);
    expect(await list('q=%20FILTER-T%20')).toEqual([['filter-two'], 1]);
    expect(await list('q=second')).toEqual([['filter-two'], 1]);
    expect(await list('q=filter&limit=1')).toEqual([['filter-one'], 2]);
    expect(await list('q=filter&limit=1&skip=1')).toEqual([['filter-two'], 2]);
    // The department goes again: other tests read the whole tree.
    expect((await t.inject('DELETE', `/api/departments/${dept._id}`)).statusCode).toBe(204);
  });

  test('a user who does not exist (or another tenant\'s) is not found, in the reader\'s language, whatever is asked of them', async () => {
    const at = '2026-01-01T00:00:00.000Z';
    const foreign = { _id: 'f'.repeat(24), tenantId: 'elsewhere', username: 'foreigner', displayName: 'Foreigner', roles: [], departmentIds: [], isAdmin: false, disabled: false, locale: 'en-US', sessionEpoch: 0, createdAt: at, updatedAt: at };
    await t.store.collection('users').insertOne(foreign);
    for (const id of ['u'.repeat(24), foreign._id]) {
      for (const [method, body, language, message] of [
        ['GET', undefined, 'en-US', 'User not found'],
        ['PATCH', { displayName: 'x' }, 'zh-CN', '用户不存在'],
        ['DELETE', undefined, 'en-US', 'User not found'],
      ] as const) {
        const res = await t.inject(method, `/api/users/${id}`, body, { 'accept-language': language });
        expect([method, res.statusCode, res.json().error]).toEqual([method, 404, { code: 'NOT_FOUND', message, details: [] }]);
      }
    }
    expect(await t.store.collection('users').findOne({ _id: foreign._id })).toMatchObject({ displayName: 'Foreigner' });
    expect((await t.inject('GET', '/api/users?limit=500')).json().items.map((u: { username: string }) => u.username)).not.toContain('foreigner');
    expect((await t.inject('GET', `/api/users/lookup?ids=${foreign._id}`)).json().items).toEqual([]);
  });

  test('administrators only: a plain user gets 403 and cannot create accounts', async () => {
    const { cookie } = await t.createUser({ username: 'plain' });
    expect(refusal(await t.injectAs(cookie, 'GET', '/api/users'))).toEqual(FORBIDDEN);
    const res = await t.injectAs(cookie, 'POST', '/api/users', { username: 'sneaky', password: 'sneaky-password-1' });
    expect(refusal(res)).toEqual(FORBIDDEN);
    expect(refusal(await login('sneaky', 'sneaky-password-1'))).toEqual(UNAUTHENTICATED);
  });

  test('a duplicate username → 409', async () => {
    await t.createUser({ username: 'twin' });
    const res = await t.inject('POST', '/api/users', { username: 'TWIN', password: 'twin-password-2' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'DUPLICATE', details: [{ path: '/username', code: 'duplicate' }] });
  });

  test('a short password is refused by the password policy', async () => {
    const res = await t.inject('POST', '/api/users', { username: 'shorty', password: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: '/password', code: 'password_too_short', params: { min: 10 } }] });
  });

  test('unknown role or department ids are refused, each named by its place, in the reader\'s language', async () => {
    const dept = (await t.inject('POST', '/api/departments', { name: '仓储部' })).json().department as { _id: string };
    const body = { username: 'orphan', password: 'orphan-password-3', roles: ['nope'], departmentIds: [dept._id, 'gone'] };
    for (const [language, message] of [['en-US', 'Unknown roles or departments'], ['zh-CN', '角色或部门不存在']]) {
      const res = await t.inject('POST', '/api/users', body, { 'accept-language': language });
      expect([res.statusCode, res.json().error]).toEqual([400, {
        code: 'VALIDATION_FAILED',
        message,
        details: [
          { path: '/roles/0', code: 'unknown_role', message: 'No role nope' },
          { path: '/departmentIds/1', code: 'unknown_department', message: 'No department gone' },
        ],
      }]);
    }
    expect(refusal(await login('orphan', 'orphan-password-3'))).toEqual(UNAUTHENTICATED);
    // Another tenant's role or department is unknown here.
    const at = '2026-01-01T00:00:00.000Z';
    const [roleX, deptX] = ['r'.repeat(23) + 'x', 'd'.repeat(23) + 'x'];
    await t.store.collection('roles').insertOne({ _id: roleX, tenantId: 'other-tenant', name: '别家角色', description: '', createdAt: at, updatedAt: at });
    await t.store.collection('departments').insertOne({ _id: deptX, tenantId: 'other-tenant', name: '别家部门', parentId: null, path: [deptX], order: 0, createdAt: at, updatedAt: at });
    const foreign = await t.inject('POST', '/api/users', { ...body, roles: [roleX], departmentIds: [deptX] });
    expect([foreign.statusCode, foreign.json().error.details]).toEqual([400, [
      { path: '/roles/0', code: 'unknown_role', message: `No role ${roleX}` },
      { path: '/departmentIds/0', code: 'unknown_department', message: `No department ${deptX}` },
    ]]);
    // With known ids only, the account is made, with its email kept.
    const made = await t.inject('POST', '/api/users', { ...body, roles: [], departmentIds: [dept._id], email: 'orphan@example.com' });
    expect(made.statusCode).toBe(201);
    expect((await t.inject('GET', `/api/users/${made.json().user._id}`)).json().user).toMatchObject({ departmentIds: [dept._id], email: 'orphan@example.com' });
  });

  test('lookup: any signed-in user finds people by display name, with ids and display names only (no login names)', async () => {
    const { user: zhang } = await t.createUser({ username: 'zhangsan', displayName: '张三' });
    const { cookie } = await t.createUser({ username: 'lisi', displayName: '李四' });
    const res = await t.injectAs(cookie, 'GET', `/api/users/lookup?q=${encodeURIComponent('张')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([{ _id: zhang._id, displayName: '张三' }]);
    expect(res.body).not.toContain('zhangsan');
    // Spaces around the text are not searched for.
    expect((await t.injectAs(cookie, 'GET', `/api/users/lookup?q=${encodeURIComponent(' 张 ')}`)).json().items).toEqual([{ _id: zhang._id, displayName: '张三' }]);
    // By id (how a record shows its members): still no username field.
    const byId = await t.injectAs(cookie, 'GET', `/api/users/lookup?ids=${zhang._id}`);
    expect(byId.json().items).toEqual([{ _id: zhang._id, displayName: '张三' }]);
    // A login name is not a search key: it cannot be found out letter by letter.
    expect((await t.injectAs(cookie, 'GET', '/api/users/lookup?q=zhangs')).json().items).toEqual([]);
    expect(refusal(await t.injectAs(null, 'GET', '/api/users/lookup?q=z'))).toEqual(UNAUTHENTICATED);
    const regex = await t.injectAs(cookie, 'GET', `/api/users/lookup?q=${encodeURIComponent('.*')}`);
    expect(regex.json().items).toEqual([]);
  });

  test('an administrator cannot delete or demote themself, and the last admin stays', async () => {
    const me = (await t.inject('GET', '/api/me')).json().user;
    expect(refusal(await t.inject('DELETE', `/api/users/${me._id}`))).toEqual({ status: 409, code: 'CONFLICT' });
    expect(refusal(await t.inject('PATCH', `/api/users/${me._id}`, { isAdmin: false }))).toEqual({ status: 409, code: 'CONFLICT' });
    expect((await t.inject('GET', '/api/me')).json().user).toMatchObject({ _id: me._id, isAdmin: true });
  });

  test('an administrator resets a password; the old sessions end', async () => {
    const { user, cookie } = await t.createUser({ username: 'forgetful' });
    expect((await t.inject('PATCH', `/api/users/${user._id}`, { password: 'reset-by-admin' })).statusCode).toBe(200);
    expect(refusal(await t.injectAs(cookie, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    expect((await login('forgetful', 'reset-by-admin')).statusCode).toBe(200);
  });

  test('delete a user → 204, gone, and their API keys stop working', async () => {
    const { user, cookie } = await t.createUser({ username: 'temp' });
    const { secret, apiKey } = (await t.injectAs(cookie, 'POST', '/api/api-keys', { name: 'k' })).json();
    expect((await t.inject('DELETE', `/api/users/${user._id}`)).statusCode).toBe(204);
    expect(refusal(await t.inject('GET', `/api/users/${user._id}`))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(refusal(await t.injectAs(secret, 'GET', '/api/me'))).toEqual(UNAUTHENTICATED);
    // The administrators' list of every key shows it revoked, not merely orphaned.
    const listed = (await t.inject('GET', '/api/api-keys?all=true')).json().items.find((k: { _id: string }) => k._id === apiKey._id);
    expect(listed).toMatchObject({ name: 'k', revokedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });
});

describe('roles', () => {
  test('create, list, rename, duplicate → 409, delete removes it from members', async () => {
    const qa = (await t.inject('POST', '/api/roles', { name: '质检员', description: 'QC inspectors' })).json().role;
    const duplicate = (message: string) => ({ code: 'DUPLICATE', message, details: [{ path: '/name', code: 'duplicate', message: 'name taken' }] });
    const dup = await t.inject('POST', '/api/roles', { name: '质检员' }, { 'accept-language': 'zh-CN' });
    expect([dup.statusCode, dup.json().error]).toEqual([409, duplicate('角色名称已存在')]);
    // Renaming another role to a name in use is refused the same way.
    const other = (await t.inject('POST', '/api/roles', { name: 'Warehouse' })).json().role;
    const renamed = await t.inject('PATCH', `/api/roles/${other._id}`, { name: '质检员' }, { 'accept-language': 'en-US' });
    expect([renamed.statusCode, renamed.json().error]).toEqual([409, duplicate('A role with this name exists')]);
    const { user, cookie } = await t.createUser({ username: 'inspector', roles: [qa._id] });
    expect(user.roles).toEqual([qa._id]);
    const list = await t.injectAs(cookie, 'GET', '/api/roles');
    expect(list.json().items.map((r: { name: string }) => r.name)).toContain('质检员');
    expect(refusal(await t.injectAs(cookie, 'POST', '/api/roles', { name: 'nope' }))).toEqual(FORBIDDEN);
    expect((await t.inject('PATCH', `/api/roles/${qa._id}`, { name: 'QC' })).json().role.name).toBe('QC');
    expect((await t.inject('DELETE', `/api/roles/${qa._id}`)).statusCode).toBe(204);
    expect((await t.inject('GET', `/api/users/${user._id}`)).json().user.roles).toEqual([]);
    // Deleted already: not found, in the reader's language.
    for (const [language, message] of [['en-US', 'Role not found'], ['zh-CN', '角色不存在']]) {
      const again = await t.inject('DELETE', `/api/roles/${qa._id}`, undefined, { 'accept-language': language });
      expect([again.statusCode, again.json().error]).toEqual([404, { code: 'NOT_FOUND', message, details: [] }]);
    }
    // Deleting one role leaves every other one.
    const names = async () => ((await t.inject('GET', '/api/roles')).json().items as Array<{ name: string }>).map((r) => r.name);
    const kept = await names();
    const last = (await t.inject('POST', '/api/roles', { name: 'Made last' })).json().role;
    expect((await t.inject('DELETE', `/api/roles/${last._id}`)).statusCode).toBe(204);
    expect(await names()).toEqual(kept);
  });

  test('roles are listed by name, and another tenant\'s never, nor changed', async () => {
    for (const name of ['Zeta 组', 'Alpha 组', 'Mid 组']) expect((await t.inject('POST', '/api/roles', { name })).statusCode).toBe(201);
    const at = '2026-01-01T00:00:00.000Z';
    await t.store.collection('roles').insertOne({ _id: 'r'.repeat(24), tenantId: 'elsewhere', name: 'Beta 组', description: '', createdAt: at, updatedAt: at });
    const names = async () => (await t.inject('GET', '/api/roles')).json().items.map((r: { name: string }) => r.name).filter((n: string) => n.endsWith(' 组'));
    expect(await names()).toEqual(['Alpha 组', 'Mid 组', 'Zeta 组']);
    expect(refusal(await t.inject('PATCH', `/api/roles/${'r'.repeat(24)}`, { name: 'mine now' }))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(refusal(await t.inject('DELETE', `/api/roles/${'r'.repeat(24)}`))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await t.store.collection('roles').findOne({ _id: 'r'.repeat(24) })).toMatchObject({ name: 'Beta 组' });
  });
});

describe('departments', () => {
  const create = async (name: string, parentId: string | null = null) => {
    const res = await t.inject('POST', '/api/departments', { name, parentId });
    expect(res.statusCode).toBe(201);
    return res.json().department as { _id: string; path: string[]; parentId: string | null };
  };

  test('a tree with paths; moving rewrites the subtree; a cycle is refused', async () => {
    const company = await create('公司');
    const quality = await create('质量部', company._id);
    const iqc = await create('来料检验组', quality._id);
    const ops = await create('运营部', company._id);
    expect(iqc.path).toEqual([company._id, quality._id, iqc._id]);

    // 1. Readable by any signed-in user, in tree order.
    const { cookie } = await t.createUser({ username: 'viewer' });
    const mine = [company._id, quality._id, iqc._id, ops._id];
    const list = (await t.injectAs(cookie, 'GET', '/api/departments')).json().items as Array<{ _id: string; name: string }>;
    // (Other tests' departments may be there too: this test's come in tree order among them.)
    expect(list.filter((d) => mine.includes(d._id)).map((d) => d.name)).toEqual(['公司', '质量部', '来料检验组', '运营部']);

    // 2. Move 质量部 under 运营部: its child follows.
    const moved = await t.inject('PATCH', `/api/departments/${quality._id}`, { parentId: ops._id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().department.path).toEqual([company._id, ops._id, quality._id]);
    const all = (await t.inject('GET', '/api/departments')).json().items as Array<{ _id: string; path: string[] }>;
    expect(all.find((d) => d._id === iqc._id)!.path).toEqual([company._id, ops._id, quality._id, iqc._id]);
    // Only the moved subtree's paths change.
    expect([all.find((d) => d._id === company._id)!.path, all.find((d) => d._id === ops._id)!.path]).toEqual([[company._id], [company._id, ops._id]]);

    // 3. Moving 公司 under its own grandchild, or under itself, is refused and changes nothing.
    for (const [parentId, language, message] of [[iqc._id, 'en-US', 'A department cannot move under itself'], [company._id, 'zh-CN', '部门不能移动到自身或其下级之下']]) {
      const cycle = await t.inject('PATCH', `/api/departments/${company._id}`, { parentId }, { 'accept-language': language });
      expect([cycle.statusCode, cycle.json().error]).toEqual([409, {
        code: 'CONFLICT', message, details: [{ path: '/parentId', code: 'cycle', message: 'the new parent is this department or one of its descendants' }],
      }]);
    }
    const after = (await t.inject('GET', '/api/departments')).json().items as Array<{ _id: string; parentId: string | null }>;
    expect(after.find((d) => d._id === company._id)!.parentId).toBeNull();

    // 4. An unknown parent is a 400; deleting a department with children a 409.
    for (const [language, message] of [['en-US', 'The parent department does not exist'], ['zh-CN', '上级部门不存在']]) {
      const orphan = await t.inject('POST', '/api/departments', { name: 'x', parentId: 'nope' }, { 'accept-language': language });
      expect([orphan.statusCode, orphan.json().error]).toEqual([400, { code: 'VALIDATION_FAILED', message, details: [{ path: '/parentId', code: 'unknown_department', message: 'No department nope' }] }]);
    }
    for (const [language, message] of [['en-US', 'Move or delete the sub-departments first'], ['zh-CN', '请先移走或删除下级部门']]) {
      const full = await t.inject('DELETE', `/api/departments/${ops._id}`, undefined, { 'accept-language': language });
      expect([full.statusCode, full.json().error]).toEqual([409, { code: 'CONFLICT', message, details: [] }]);
    }

    // 5. Deleting a leaf removes it from its members, and leaves every other department.
    const { user } = await t.createUser({ username: 'iqc-member', departmentIds: [iqc._id] });
    const others = ((await t.inject('GET', '/api/departments')).json().items as Array<{ _id: string }>).map((d) => d._id).filter((id) => id !== iqc._id);
    expect((await t.inject('DELETE', `/api/departments/${iqc._id}`)).statusCode).toBe(204);
    expect((await t.inject('GET', `/api/users/${user._id}`)).json().user.departmentIds).toEqual([]);
    expect(((await t.inject('GET', '/api/departments')).json().items as Array<{ _id: string }>).map((d) => d._id)).toEqual(others);
  });

  test('a department that does not exist, or is another tenant\'s, is not found to change or delete', async () => {
    const theirs = { _id: 'd'.repeat(24), tenantId: 'other-tenant', name: '别家', parentId: null, path: ['d'.repeat(24)], order: 0, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    await t.store.collection('departments').insertOne(theirs);
    for (const id of ['e'.repeat(24), theirs._id]) {
      for (const [language, message] of [['en-US', 'Department not found'], ['zh-CN', '部门不存在']]) {
        for (const [method, body] of [['PATCH', { name: '我的了' }], ['DELETE', undefined]] as const) {
          const res = await t.inject(method, `/api/departments/${id}`, body, { 'accept-language': language });
          expect([res.statusCode, res.json().error]).toEqual([404, { code: 'NOT_FOUND', message, details: [] }]);
        }
      }
    }
    expect(await t.store.collection('departments').findOne({ _id: theirs._id })).toEqual(theirs);
    expect((await t.inject('GET', '/api/departments')).json().items.map((d: { _id: string }) => d._id)).not.toContain(theirs._id);
  });

  test('siblings are listed by their order, then by name', async () => {
    const root = (await t.inject('POST', '/api/departments', { name: '排序根' })).json().department as { _id: string };
    for (const [name, order] of [['丙', 3], ['乙', 1], ['甲', 2], ['丁', 1]] as const) {
      expect((await t.inject('POST', '/api/departments', { name, parentId: root._id, order })).statusCode).toBe(201);
    }
    let items = (await t.inject('GET', '/api/departments')).json().items as Array<{ _id: string; name: string; parentId: string | null }>;
    const kids = () => items.filter((d) => d.parentId === root._id).map((d) => d.name);
    expect(kids()).toEqual([...['乙', '丁'].sort((a, b) => a.localeCompare(b)), '甲', '丙']);
    // Reordered: 丙 first.
    const bing = items.find((d) => d.name === '丙')!;
    expect((await t.inject('PATCH', `/api/departments/${bing._id}`, { order: 0 })).json().department.order).toBe(0);
    items = (await t.inject('GET', '/api/departments')).json().items;
    expect(kids()[0]).toBe('丙');
  });

  test('only administrators change departments', async () => {
    const { cookie } = await t.createUser({ username: 'not-admin-dept' });
    expect(refusal(await t.injectAs(cookie, 'POST', '/api/departments', { name: 'x' }))).toEqual(FORBIDDEN);
  });
});
