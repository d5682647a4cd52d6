// "View as" in the browser: which calls carry the viewed user, and who the tab shows (the
// viewed user, never sent to change their password; a refused view-as ends and says why).
import { ApiError } from '../../src/lib/api';
import { loadMe } from '../../src/lib/session';
import { exitViewAs, viewAsHeaders, viewAsRefusal, viewAsUrl } from '../../src/lib/viewAs';

const store = new Map<string, string>();
const realFetch = globalThis.fetch;
/** What the fake server saw: each call's URL and view-as header. */
const calls: Array<[string, string | null]> = [];
let answer: (viewAs: string | null) => Response;

beforeAll(() => {
  const g = globalThis as { localStorage?: unknown; sessionStorage?: unknown };
  g.localStorage = { getItem: () => 'zh-CN' };
  g.sessionStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    const viewAs = (init.headers as Record<string, string>)['x-tessera-view-as'] ?? null;
    calls.push([url, viewAs]);
    return answer(viewAs);
  }) as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
});
beforeEach(() => {
  store.clear();
  calls.length = 0;
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const user = (id: string, extra: Record<string, unknown> = {}) => ({ user: { _id: id, username: id, displayName: id, isAdmin: id === 'admin', locale: 'zh-CN', ...extra } });

test('outside view-as no call carries the header', () => {
  expect(viewAsHeaders('/api/apps/qms/published')).toEqual({});
});

test('in view-as every call carries it but signing in or out and the password', () => {
  store.set('tessera.viewAs', 'u1');
  for (const url of ['/api/apps', '/api/apps/qms/forms/f/records?sort=code', '/api/me', '/api/users/lookup?ids=a']) expect(viewAsHeaders(url)).toEqual({ 'x-tessera-view-as': 'u1' });
  for (const url of ['/api/auth/logout', '/api/auth/login', '/api/me/password']) expect(viewAsHeaders(url)).toEqual({});
  exitViewAs();
  expect(viewAsHeaders('/api/apps')).toEqual({});
});

test('the link to open an app as a user', () => {
  expect(viewAsUrl('qms', 'u 1')).toBe('/apps/qms?viewAs=u%201');
});

test('loadMe in view-as: the viewed user, never sent to change their password', async () => {
  store.set('tessera.viewAs', 'u1');
  answer = (v) => json(200, user(v ?? 'admin', { mustChangePassword: true }));
  const me = await loadMe();
  expect([me._id, me.mustChangePassword]).toEqual(['u1', false]);
  expect(calls).toEqual([['/api/me', 'u1']]);
});

test('loadMe: a view-as the server refuses ends, says why, and the signed-in user is shown', async () => {
  store.set('tessera.viewAs', 'gone');
  answer = (v) => (v ? json(404, { error: { code: 'NOT_FOUND', message: '要预览的用户不存在或已停用' } }) : json(200, user('admin')));
  const me = await loadMe();
  expect(me._id).toBe('admin');
  expect(calls).toEqual([['/api/me', 'gone'], ['/api/me', null]]);
  expect(store.has('tessera.viewAs')).toBe(false);
  const why = viewAsRefusal();
  expect(why).toBeInstanceOf(ApiError);
  expect((why as ApiError).message).toBe('要预览的用户不存在或已停用');
});
