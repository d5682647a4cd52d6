// "View as this user", in Debian's headless chromium against the real server: the admin picks a
// member on the builder's 权限 page and the app opens in a new tab as that member sees it — a
// banner saying whose eyes these are, only the member's records, the hidden field nowhere, no
// New / Edit / Delete — and "退出预览" brings back the admin's own view.
import type { Browser } from 'playwright-core';
import { launchChromium, shot, signIn, startServer, type Server } from './harness';
import { pick } from './designer-helpers';

let server: Server;
let browser: Browser;
const MEMBER = { username: 'zhaoliu', password: 'browser-pass-1234', displayName: '赵六' };
let memberId = '';

const form = {
  id: 'vaf',
  title: { 'zh-CN': '来料检验单', 'en-US': 'Incoming inspections' },
  titleField: 'lot',
  fields: [
    { id: 'lot', type: 'text', label: { 'zh-CN': '批次', 'en-US': 'Lot' } },
    { id: 'status', type: 'text', label: { 'zh-CN': '状态', 'en-US': 'Status' } },
    { id: 'price', type: 'number', label: { 'zh-CN': '单价', 'en-US': 'Unit price' } },
  ],
};

beforeAll(async () => {
  server = await startServer();
  expect((await server.api('POST', '/api/apps', { id: 'va', name: { 'zh-CN': '来料检验', 'en-US': 'Incoming quality' } })).status).toBe(201);
  expect((await server.api('POST', '/api/apps/va/forms', form)).status).toBe(201);
  await server.publish('va');
  const made = await server.api('POST', '/api/users', MEMBER);
  expect(made.status).toBe(201);
  memberId = (made.json as { user: { _id: string } }).user._id;
  for (const [lot, status] of [['L-0001', '待检'], ['L-0002', '合格'], ['L-0003', '待检']]) {
    expect((await server.api('POST', '/api/apps/va/forms/vaf/records', { lot, status, price: 98765 })).status).toBe(201);
  }
  // The member sees the records still to inspect, without their price; they may edit them.
  const set = { name: '检验员', members: { users: [memberId], departments: [], roles: [] }, forms: { vaf: { actions: ['view', 'edit'], scope: { kind: 'condition', filter: { status: '待检' } }, fields: { price: 'hidden' } } } };
  expect((await server.api('POST', '/api/apps/va/permission-sets', set)).status).toBe(201);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('zh-CN: the admin views the app as a member from the 权限 page, read-only, and exits', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, server, { locale: 'zh-CN' });

  // 1. The builder's 权限 tab: the member picked in 以该用户身份预览.
  await page.goto(`${server.url}/builder/apps/va`);
  await page.getByRole('tab', { name: '权限' }).click();
  const who = page.getByRole('combobox', { name: '要预览的人' });
  await who.waitFor();
  // Nobody picked yet: nothing to open.
  expect(await page.getByRole('button', { name: '以该用户身份预览' }).isDisabled()).toBe(true);
  await pick(page, who, MEMBER.displayName);
  await page.keyboard.press('Escape');
  const open = page.getByRole('link', { name: '以该用户身份预览' });
  await open.waitFor();
  await shot(page, 'view-as-pick-zh');

  // 2. A new tab, as the member: the banner names them.
  const [tab] = await Promise.all([context.waitForEvent('page'), open.click()]);
  await tab.getByText(`正在以 ${MEMBER.displayName} 的身份查看（只读）`).waitFor();
  expect(new URL(tab.url()).pathname).toBe('/apps/va');
  expect(new URL(tab.url()).search).toBe('');

  // 3. The form's list: the member's records only, no price, nothing to create, edit or delete.
  await tab.getByRole('link', { name: '来料检验单' }).first().click();
  await tab.getByRole('row', { name: /L-0001/ }).waitFor();
  await tab.getByRole('row', { name: /L-0003/ }).waitFor();
  expect(await tab.getByRole('row', { name: /L-0002/ }).count()).toBe(0);
  expect(await tab.getByRole('columnheader', { name: '单价' }).count()).toBe(0);
  expect(await tab.locator('body').innerText()).not.toMatch(/98,?765/);
  expect(await tab.getByRole('button', { name: /新增/ }).count()).toBe(0);
  expect(await tab.getByRole('checkbox').count()).toBe(0);
  expect(await tab.getByText(memberId).count()).toBe(0);
  await shot(tab, 'view-as-list-zh');

  // 4. A record: no Edit (the set grants it, view-as is read-only), no price.
  await tab.getByRole('row', { name: /L-0001/ }).click();
  const drawer = tab.getByRole('dialog', { name: '记录详情' });
  await drawer.getByRole('tab', { name: '历史' }).waitFor();
  expect(await drawer.getByRole('button', { name: '编辑' }).count()).toBe(0);
  expect(await drawer.getByText('单价').count()).toBe(0);
  await tab.waitForFunction(() => document.getAnimations().length === 0);
  await shot(tab, 'view-as-record-zh');
  await tab.keyboard.press('Escape');
  await drawer.waitFor({ state: 'detached' });

  // 5. On a phone the banner stays, shorter; in English it reads so.
  await tab.setViewportSize({ width: 390, height: 844 });
  await tab.getByText('L-0001').waitFor();
  await shot(tab, 'view-as-phone-zh');
  await tab.setViewportSize({ width: 1440, height: 900 });
  await tab.getByRole('button', { name: 'English' }).click();
  await tab.getByText(`Viewing as ${MEMBER.displayName} (read-only)`).waitFor();
  await shot(tab, 'view-as-list-en');
  await tab.getByRole('button', { name: '中文' }).click();

  // 6. 退出预览: the admin's own view again, every record, the price too.
  await tab.getByRole('button', { name: '退出预览' }).click();
  await tab.getByRole('row', { name: /L-0002/ }).waitFor();
  expect(await tab.getByText(/正在以 .* 的身份查看/).count()).toBe(0);
  await tab.getByRole('columnheader', { name: '单价' }).waitFor();
  await context.close();
}, 180_000);
