// Invitations in Debian's headless chromium against the real server: an administrator (through
// the API) makes an external supplier account without a password, bound to its supplier's record
// by an attribute, grants it "my supplier's inspections" and invites it; whoever opens the link
// sets a password (refusals in words on the field), lands signed in and sees only that
// supplier's record, with no directory call refused on the way (the harness fails on any console
// error). A link that is not valid says so, with the way to sign in. Screenshots: invite-*.png.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shot, startServer, type Server } from './harness';

let server: Server;
let browser: Browser;
const ids = { supplierA: '', supplierB: '', inspector: '', userA: '', userB: '', set: '' };
const recs = (form: string) => `/api/apps/portal/forms/${form}/records`;

async function json<T>(res: Promise<{ status: number; json: unknown }>, status: number): Promise<T> {
  const r = await res;
  expect([r.status, r.json]).toEqual([status, expect.anything()]);
  return r.json as T;
}

/** A fresh link for an account; returns its path. */
async function invite(userId: string): Promise<string> {
  const r = await json<{ path: string; token: string }>(server.api('POST', `/api/users/${userId}/invite`), 201);
  expect(r.path).toBe(`/invite/${r.token}`);
  return r.path;
}

/** A new browser context (no session) in a language, at a size. */
async function freshPage(locale: 'zh-CN' | 'en-US', viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  await page.addInitScript((l) => localStorage.setItem('tessera.locale', l), locale);
  page.setDefaultTimeout(10_000);
  return page;
}

/** No ids, codes or placeholders on the page. */
async function noRawValues(page: Page) {
  const text = await page.locator('body').innerText();
  for (const id of Object.values(ids)) if (id) expect(text).not.toContain(id);
  expect(text).not.toMatch(/VALIDATION_FAILED|NOT_FOUND|FORBIDDEN|password_too|\{name\}|\{date\}|undefined|\$user/);
}

beforeAll(async () => {
  server = await startServer();
  await json(server.api('POST', '/api/apps', { id: 'portal', name: { 'zh-CN': '供应商门户', 'en-US': 'Supplier portal' } }), 201);
  await json(server.api('POST', '/api/apps/portal/forms', { id: 'suppliers', title: { 'zh-CN': '供应商', 'en-US': 'Suppliers' }, titleField: 'code', fields: [{ id: 'code', type: 'text', label: { 'zh-CN': '编码', 'en-US': 'Code' } }] }), 201);
  await json(server.api('POST', '/api/apps/portal/forms', {
    id: 'iqc',
    title: { 'zh-CN': '来料检验单', 'en-US': 'Incoming inspections' },
    titleField: 'no',
    fields: [
      { id: 'no', type: 'text', label: { 'zh-CN': '单号', 'en-US': 'No.' } },
      { id: 'supplier', type: 'relation', label: { 'zh-CN': '供应商', 'en-US': 'Supplier' }, formId: 'suppliers', displayField: 'code' },
      { id: 'inspector', type: 'member', label: { 'zh-CN': '检验员', 'en-US': 'Inspector' } },
      { id: 'result', type: 'text', label: { 'zh-CN': '结论', 'en-US': 'Result' } },
    ],
  }), 201);
  await server.publish('portal');
  ids.inspector = (await json<{ user: { _id: string } }>(server.api('POST', '/api/users', { username: 'zhangsan', password: 'inspector-pass-1', displayName: '张检验' }), 201)).user._id;
  ids.supplierA = (await json<{ _id: string }>(server.api('POST', recs('suppliers'), { code: 'S-甲' }), 201))._id;
  ids.supplierB = (await json<{ _id: string }>(server.api('POST', recs('suppliers'), { code: 'S-乙' }), 201))._id;
  await json(server.api('POST', recs('iqc'), { no: 'IQC-A-001', supplier: { id: ids.supplierA }, inspector: ids.inspector, result: '合格' }), 201);
  await json(server.api('POST', recs('iqc'), { no: 'IQC-B-001', supplier: { id: ids.supplierB }, inspector: ids.inspector, result: '不合格' }), 201);
  // External accounts, no password: only an invitation lets them in.
  for (const [key, username, displayName, supplier, locale] of [['userA', 'sup-a', '甲方精密', ids.supplierA, 'zh-CN'], ['userB', 'sup-b', 'Beta Parts', ids.supplierB, 'en-US']] as const) {
    const made = await json<{ user: { _id: string; kind: string } }>(server.api('POST', '/api/users', { username, displayName, kind: 'external', attributes: { supplier }, locale }), 201);
    expect(made.user.kind).toBe('external');
    ids[key] = made.user._id;
  }
  const set = await json<{ id: string }>(server.api('POST', '/api/apps/portal/permission-sets', {
    name: '供应商门户',
    members: { users: [ids.userA, ids.userB], departments: [], roles: [] },
    forms: {
      iqc: { actions: ['view'], scope: { kind: 'condition', filter: { 'supplier.id': { $user: 'supplier' } } } },
      suppliers: { actions: ['view'], scope: { kind: 'condition', filter: { _id: { $user: 'supplier' } } } },
    },
  }), 201);
  ids.set = set.id;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('zh-CN: the invited supplier sets a password (refusals in words), lands signed in and sees only its own record', async () => {
  const path = await invite(ids.userA);
  const page = await freshPage('zh-CN', { width: 1280, height: 800 });
  await page.goto(`${server.url}${path}`);
  await page.getByText('欢迎，甲方精密').waitFor();
  expect(await page.getByTestId('invite-username').innerText()).toBe('sup-a');
  await shot(page, 'invite-zh');

  // Checked before asking: too short, and the two entries differ.
  await page.locator('#newPassword').fill('short');
  await page.locator('#confirmPassword').fill('shorter');
  await page.getByRole('button', { name: '设置密码并登录' }).click();
  await page.getByText('新密码至少需要 10 个字符').waitFor();
  await page.getByText('两次输入的新密码不一致').waitFor();
  // The server's refusal of a common password, in words on the field.
  await page.locator('#newPassword').fill('qwertyuiop');
  await page.locator('#confirmPassword').fill('qwertyuiop');
  await page.getByRole('button', { name: '设置密码并登录' }).click();
  await page.getByText('这个密码太常见，容易被猜到，请换一个').waitFor();
  await shot(page, 'invite-zh-errors');
  await noRawValues(page);

  // A good one: signed in, on the home page, as the external account.
  await page.locator('#newPassword').fill('jia-fang-portal-1');
  await page.locator('#confirmPassword').fill('jia-fang-portal-1');
  await page.getByRole('button', { name: '设置密码并登录' }).click();
  await page.getByText('密码已设置，欢迎使用').waitFor();
  await page.waitForURL((u) => u.pathname === '/');
  const me = await page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { user: { kind: string; username: string } }).user);
  expect(me).toMatchObject({ kind: 'external', username: 'sup-a' });

  // The app, its list: A's record only, and no directory call on the way (none would be allowed).
  const directory: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/api/departments' || u.pathname === '/api/roles' || (u.pathname === '/api/users/lookup' && u.searchParams.has('q'))) directory.push(u.pathname + u.search);
  });
  await page.getByText('供应商门户').first().click();
  await page.getByRole('menuitem', { name: '来料检验单' }).click();
  await page.getByText('IQC-A-001').waitFor();
  await page.getByText('张检验').first().waitFor();
  expect(await page.getByText('IQC-B-001').count()).toBe(0);
  await shot(page, 'invite-zh-list');
  // The record: the inspector by name (names by id are allowed).
  await page.getByText('IQC-A-001').click();
  await page.getByRole('tab', { name: '历史' }).waitFor();
  await page.getByText('合格', { exact: true }).first().waitFor();
  await shot(page, 'invite-zh-record');
  await noRawValues(page);
  expect(directory).toEqual([]);

  // The link worked once.
  await page.goto(`${server.url}${path}`);
  await page.getByTestId('invite-invalid').waitFor();
  await page.context().close();
});

test('en-US: the invitation page in English, and after it the app in English', async () => {
  const path = await invite(ids.userB);
  const page = await freshPage('en-US', { width: 1280, height: 800 });
  await page.goto(`${server.url}${path}`);
  await page.getByText('Welcome, Beta Parts').waitFor();
  await page.getByText('Next time, sign in with the username:').waitFor();
  await page.locator('#newPassword').fill('beta-parts-portal-1');
  await page.locator('#confirmPassword').fill('beta-parts-portal-2');
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await page.getByText('The two new passwords do not match').waitFor();
  await shot(page, 'invite-en');
  await page.locator('#confirmPassword').fill('beta-parts-portal-1');
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  await page.getByText('Supplier portal').first().click();
  await page.getByRole('menuitem', { name: 'Incoming inspections' }).click();
  await page.getByText('IQC-B-001').waitFor();
  expect(await page.getByText('IQC-A-001').count()).toBe(0);
  await noRawValues(page);
  await page.context().close();
});

test('phone (390×844): the invitation page fits, and a bad link says it is not valid, with the way to sign in', async () => {
  // A fresh link for A (its first was used): the form at phone width.
  const path = await invite(ids.userA);
  const page = await freshPage('zh-CN', { width: 390, height: 844 });
  await page.goto(`${server.url}${path}`);
  await page.getByText('欢迎，甲方精密').waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, 'invite-phone');

  // A token no one was given (well-formed, so the server is asked), and one not even shaped like a token.
  await page.goto(`${server.url}/invite/${'x'.repeat(32)}`);
  await page.getByText('邀请链接无效或已过期，请联系管理员重新邀请').waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, 'invite-phone-invalid');
  await noRawValues(page);
  await page.goto(`${server.url}/invite/bad`);
  await page.getByTestId('invite-invalid').waitFor();
  await page.getByRole('button', { name: '前往登录' }).click();
  await page.waitForURL(/\/login$/);
  await page.locator('#username').waitFor();
  await page.context().close();
});
