// 管理 / Administration in Debian's headless chromium against the real server: the admin builds
// a department tree (two levels, one moved by dragging), a role, a member in that department with
// that role (a taken username refused at its field), an external account with a supplier
// attribute and its invitation link (shown once), a read-only API key whose secret shows once and
// works until revoked; the sign-in history lists the admin's sign-in. Then the same area in
// English and at phone width. No id, code or English on the zh-CN screens.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shot, signIn, startServer, type Server } from './harness';
import { confirmIn, opened, pick, until } from './designer-helpers';

let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Dept {
  _id: string;
  name: string;
  parentId: string | null;
}
const departments = async () => ((await server.api('GET', '/api/departments')).json as { items: Dept[] }).items;
const users = async () => ((await server.api('GET', '/api/users')).json as { items: Array<{ _id: string; username: string; kind?: string; roles: string[]; departmentIds: string[]; isAdmin: boolean; attributes?: Record<string, string> }> }).items;
const roles = async () => ((await server.api('GET', '/api/roles')).json as { items: Array<{ _id: string; name: string }> }).items;

/** No stored id, audit action or error code on the page (checked with no dropdown open). */
async function noRawValues(page: Page, opts: { english?: boolean } = {}) {
  await page.waitForFunction(() => ![...document.querySelectorAll('.ant-select-dropdown')].some((d) => d.checkVisibility()));
  const text = await page.locator('body').innerText();
  const ids = [...(await departments()).map((d) => d._id), ...(await roles()).map((r) => r._id), ...(await users()).map((u) => u._id)];
  for (const id of ids) expect(text).not.toContain(id);
  expect(text).not.toMatch(/auth\.log|VALIDATION_FAILED|DUPLICATE|CONFLICT|FORBIDDEN|undefined|null|NaN/);
  // zh-CN screens: none of the area's English words (names people typed may be English).
  if (!opts.english) expect(text).not.toMatch(/\b(Users|Departments|Roles|API keys|Sign-in|Name|Status|Actions|Create|Save|Cancel|Delete|Edit|Revoke|Member|External|Enabled|Disabled|Never|Signed|Copy|Close|Retry)\b/);
}

/** A screenshot once antd's open / close animations (about 0.3 s) are over. */
const still = async (page: Page, name: string) => {
  await page.waitForTimeout(500);
  await shot(page, name);
};

/** What the page's inputs hold (innerText leaves input values out). */
const inputValues = (page: Page) => page.locator('input, textarea').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).join('\n'));

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true }).click();

test('zh-CN: departments, a role, a member, an external account with its invitation, an API key; the sign-in history', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(10_000);
  await signIn(page, server, { locale: 'zh-CN' });

  // 1. The admin's entry in the top bar leads to the users tab.
  await page.getByRole('button', { name: '管理', exact: true }).click();
  await page.waitForURL(/\/admin\/users$/);
  await page.getByRole('row', { name: /Administrator/ }).waitFor();

  // 2. Departments: nothing yet, then 质量部 with 来料检验组 under it, and 仓储部 dragged under 质量部.
  await tab(page, '部门');
  await page.getByText('还没有部门').waitFor();
  await shot(page, 'admin-departments-empty-zh');
  await page.getByRole('button', { name: '新建一级部门' }).first().click();
  // Saved once the dialog has opened: a click during its opening was lost on a busy machine.
  await opened(page.getByRole('dialog'));
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByText('请填写部门名称').waitFor();
  await page.getByLabel('部门名称').fill('质量部');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('tree').getByText('质量部').waitFor();
  await page.getByRole('tree').getByText('质量部').click();
  await page.getByRole('button', { name: '添加下级部门' }).click();
  await page.getByRole('dialog', { name: '在“质量部”下新建部门' }).waitFor();
  await page.getByLabel('部门名称').fill('来料检验组');
  await page.keyboard.press('Enter');
  await page.getByRole('tree').getByText('来料检验组').waitFor();
  await page.getByRole('button', { name: '新建一级部门' }).click();
  await page.getByLabel('部门名称').fill('仓储部');
  await page.keyboard.press('Enter');
  await page.getByRole('tree').getByText('仓储部').waitFor();
  await page.getByRole('tree').getByText('仓储部').dragTo(page.getByRole('tree').getByText('质量部'));
  const byName = async () => Object.fromEntries((await departments()).map((d) => [d.name, d]));
  const quality = (await byName())['质量部'];
  expect(await until(async () => (await byName())['仓储部']?.parentId, quality._id)).toBe(quality._id);
  expect((await byName())['来料检验组'].parentId).toBe(quality._id);
  // Deleting a department with sub-departments is refused, in words.
  await page.getByRole('tree').getByText('质量部').click();
  await page.getByRole('button', { name: '删除', exact: true }).click();
  const ask = page.getByRole('dialog').filter({ hasText: '删除部门“质量部”' });
  await confirmIn(ask, ask.getByRole('button', { name: '删除', exact: true }));
  await page.getByText('请先移走或删除下级部门').waitFor().catch(async (e) => {
    await shot(page, 'admin-debug-departments');
    throw e;
  });
  await page.getByRole('tree').getByText('仓储部').waitFor();
  await noRawValues(page);
  await still(page, 'admin-departments-zh');

  // 3. A role.
  await tab(page, '角色');
  await page.getByText('还没有角色').waitFor();
  await page.getByRole('button', { name: '新建角色' }).first().click();
  await page.getByLabel('角色名称').fill('检验员');
  await page.getByLabel('说明').fill('来料检验与判定');
  await page.getByRole('button', { name: '创建', exact: true }).click();
  await page.getByRole('row', { name: /检验员/ }).waitFor();
  await noRawValues(page);
  await still(page, 'admin-roles-zh');

  // 4. A member in 来料检验组 with the role; the same username again is refused at its field.
  await tab(page, '用户');
  const drawer = page.getByRole('dialog', { name: '新建用户' });
  const newUser = async () => {
    await page.getByRole('button', { name: '新建用户' }).first().click();
    await drawer.waitFor();
  };
  await newUser();
  await drawer.getByLabel('用户名').fill('lisi');
  await drawer.getByLabel('姓名').fill('李四');
  await drawer.getByRole('combobox', { name: '部门' }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: '来料检验组' }).click();
  await page.keyboard.press('Escape');
  await pick(page, drawer.getByRole('combobox', { name: '角色' }), '检验员');
  await page.keyboard.press('Escape');
  await drawer.locator('#password').fill('browser-pass-1234');
  await noRawValues(page);
  await still(page, 'admin-user-drawer-zh');
  await page.getByRole('button', { name: '创建', exact: true }).click();
  await page.getByRole('row', { name: /李四/ }).waitFor();
  const lisiRow = page.getByRole('row', { name: /李四/ });
  await lisiRow.getByText('来料检验组').waitFor();
  await lisiRow.getByText('检验员').waitFor();
  const lisi = (await users()).find((u) => u.username === 'lisi')!;
  expect(lisi).toMatchObject({ departmentIds: [(await byName())['来料检验组']._id], roles: [(await roles())[0]._id], isAdmin: false });
  expect(lisi.kind).not.toBe('external');

  await newUser();
  await drawer.getByLabel('用户名').fill('lisi');
  await drawer.getByLabel('姓名').fill('李四二');
  await drawer.locator('#password').fill('browser-pass-1234');
  await page.getByRole('button', { name: '创建', exact: true }).click();
  await page.locator('.ant-form-item-has-error').getByText('用户名已存在').waitFor();
  expect(await drawer.getByLabel('用户名').getAttribute('aria-invalid')).toBe('true');
  await drawer.getByRole('button', { name: '取消', exact: true }).click();
  await drawer.waitFor({ state: 'hidden' });

  // 5. An external account tied to a supplier, invited instead of given a password: the link shows once.
  await newUser();
  await drawer.getByLabel('用户名').fill('supplier-a');
  await drawer.getByLabel('姓名').fill('华东精密联系人');
  // An internal account may be made an administrator; an external one may not: the switch goes.
  await drawer.getByRole('switch', { name: '管理员' }).waitFor();
  await drawer.getByText('外部账号', { exact: true }).click();
  await drawer.getByRole('switch', { name: '管理员' }).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: '添加属性' }).click();
  await page.getByRole('textbox', { name: '属性名' }).fill('supplier');
  await page.getByRole('textbox', { name: '属性值' }).fill('SUP0001');
  await page.getByText('改为发送邀请链接').click();
  await still(page, 'admin-external-drawer-zh');
  await page.getByRole('button', { name: '创建', exact: true }).click();
  const invite = page.getByRole('dialog', { name: '“华东精密联系人”的邀请链接' });
  await invite.waitFor();
  const link = await invite.getByRole('textbox', { name: '邀请链接' }).inputValue();
  expect(link).toMatch(new RegExp(`^${server.url.replace(/[.]/g, '\\.')}/invite/[A-Za-z0-9_-]{20,}$`));
  await invite.getByText('只显示这一次').waitFor();
  await still(page, 'admin-invite-zh');
  await invite.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await invite.waitFor({ state: 'detached' });
  expect(await inputValues(page)).not.toContain(link);
  expect((await users()).find((u) => u.username === 'supplier-a')).toMatchObject({ kind: 'external', isAdmin: false, attributes: { supplier: 'SUP0001' } });
  await page.getByRole('row', { name: /华东精密联系人/ }).getByText('外部账号').waitFor();
  // The type filter: only external accounts, then "no match" for a search that finds none.
  await page.getByRole('combobox', { name: '账号类型' }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="外部账号"]').click();
  // The list narrows after the click: the internal accounts leave it.
  expect(await until(() => page.getByRole('row', { name: /李四/ }).count(), 0)).toBe(0);
  await page.getByRole('row', { name: /华东精密联系人/ }).waitFor();
  await page.getByLabel('搜索姓名或用户名').fill('找不到的人');
  await page.getByText('没有符合条件的结果').waitFor();
  await page.getByRole('button', { name: '清除筛选' }).click();
  await page.getByRole('row', { name: /李四/ }).waitFor();
  await noRawValues(page);
  await still(page, 'admin-users-zh');

  // 6. A read-only API key: its secret once, it reads, and once revoked it no longer does.
  await tab(page, 'API 密钥');
  await page.getByText('还没有 API 密钥').waitFor();
  await page.getByRole('button', { name: '新建 API 密钥' }).first().click();
  await page.getByLabel('名称').fill('ERP 同步');
  await page.getByRole('button', { name: '创建', exact: true }).click();
  const secretDialog = page.getByRole('dialog', { name: 'API 密钥“ERP 同步”已创建' });
  const secret = await secretDialog.getByRole('textbox', { name: 'API 密钥' }).inputValue();
  expect(secret).toMatch(/^tsk_/);
  await still(page, 'admin-apikey-secret-zh');
  await secretDialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await secretDialog.waitFor({ state: 'detached' });
  expect(await inputValues(page)).not.toContain(secret);
  const row = page.getByRole('row', { name: /ERP 同步/ });
  await row.getByText('只读').waitFor();
  expect(await page.locator('body').innerText()).not.toContain(secret);
  const asKey = () => fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${secret}` } }).then((r) => r.status);
  expect(await asKey()).toBe(200);
  await noRawValues(page);
  await still(page, 'admin-apikeys-zh');
  await row.getByRole('button', { name: '撤销 ERP 同步' }).click();
  const revoke = page.getByRole('dialog').filter({ hasText: 'ERP 同步' });
  await confirmIn(revoke, revoke.getByRole('button', { name: '撤销', exact: true }));
  await page.getByText('已撤销 API 密钥').waitFor();
  expect(await asKey()).toBe(401);

  // 7. The sign-in history: the admin's sign-in through the page, by name.
  await tab(page, '登录记录');
  await page.getByRole('row', { name: /Administrator.*登录/ }).first().waitFor();
  await noRawValues(page);
  await shot(page, 'admin-logins-zh');
  await page.close();
}, 120_000);

test('en-US: the same area in English; a member has no entry and is sent home', async () => {
  expect((await server.api('POST', '/api/users', { username: 'wangwu', displayName: 'Wang Wu', password: 'browser-pass-1234' })).status).toBe(201);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'en-US' });
  await page.getByRole('button', { name: 'Administration', exact: true }).click();
  await page.getByRole('row', { name: /Wang Wu/ }).waitFor();
  for (const name of ['Users', 'Departments', 'Roles', 'API keys', 'Sign-in history']) await page.getByRole('tab', { name, exact: true }).waitFor();
  await page.getByRole('row', { name: /Wang Wu/ }).getByText('Member').waitFor();
  await noRawValues(page, { english: true });
  await shot(page, 'admin-users-en');
  await page.close();

  // A member: no entry in the top bar, and /admin leads home.
  const member = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signIn(member, server, { username: 'wangwu', password: 'browser-pass-1234', locale: 'en-US' });
  expect(await member.getByRole('button', { name: 'Administration' }).count()).toBe(0);
  await member.goto(`${server.url}/admin/users`);
  await member.waitForURL((u) => u.pathname === '/');
  await member.close();
});

test('phone 390×844: the users table scrolls within the page and the entry is in the user menu', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await signIn(page, server, { locale: 'zh-CN' });
  await page.getByRole('button', { name: 'Administrator' }).click();
  await page.getByRole('menuitem', { name: '管理' }).click();
  await page.waitForURL(/\/admin\/users$/);
  await page.getByRole('row', { name: /Administrator/ }).waitFor();
  // Nothing wider than the screen but the table's own scroller.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await noRawValues(page);
  await shot(page, 'admin-users-phone');
  await page.getByRole('button', { name: '新建用户' }).first().click();
  await page.getByRole('dialog', { name: '新建用户' }).waitFor();
  await still(page, 'admin-user-drawer-phone');
  await page.close();
});
