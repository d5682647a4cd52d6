// A record as its readers meet it, in Debian's headless chromium against the real server: people
// in member fields read as names (in the list, the record, its history and the edit form), a
// person nobody has any more reads "unknown member", never an id; a record that cannot be
// loaded says why with a retry, and one that does not exist says so.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shot, signIn, startServer, type Server } from './harness';

let server: Server;
let browser: Browser;
const ids = { admin: '', zhang: '', gone: '', record: '' };
let adminName = '';

const form = {
  id: 'insp',
  title: { 'zh-CN': '巡检记录', 'en-US': 'Patrol checks' },
  titleField: 'lot',
  fields: [
    { id: 'lot', type: 'text', label: { 'zh-CN': '批次', 'en-US': 'Lot' } },
    { id: 'owner', type: 'member', label: { 'zh-CN': '负责人', 'en-US': 'Owner' } },
    { id: 'checkers', type: 'member', multiple: true, label: { 'zh-CN': '检验员', 'en-US': 'Inspectors' } },
    { id: 'rows', type: 'subform', label: { 'zh-CN': '明细', 'en-US': 'Rows' }, fields: [
      { id: 'item', type: 'text', label: { 'zh-CN': '项目', 'en-US': 'Item' } },
      { id: 'by', type: 'member', label: { 'zh-CN': '操作员', 'en-US': 'Operator' } },
    ] },
  ],
};

beforeAll(async () => {
  server = await startServer();
  // Two people besides the admin; one of them leaves (their account is deleted, records keep the id).
  const make = async (username: string, displayName: string) => {
    const r = await server.api('POST', '/api/users', { username, password: 'browser-pass-1234', displayName });
    expect(r.status).toBe(201);
    return (r.json as { user: { _id: string } }).user._id;
  };
  ids.zhang = await make('zhangsan', '张三');
  ids.gone = await make('lisi', '李四');
  const me = ((await server.api('GET', '/api/me')).json as { user: { _id: string; displayName: string } }).user;
  ids.admin = me._id;
  adminName = me.displayName;
  expect((await server.api('POST', '/api/apps', { id: 'mem', name: { 'zh-CN': '人员', 'en-US': 'People' } })).status).toBe(201);
  expect((await server.api('POST', '/api/apps/mem/forms', form)).status).toBe(201);
  await server.publish('mem');
  const created = await server.api('POST', '/api/apps/mem/forms/insp/records', { lot: 'L-42', owner: ids.zhang, checkers: [ids.admin, ids.gone], rows: [{ item: '外观', by: ids.zhang }] });
  expect(created.status).toBe(201);
  const rec = created.json as { _id: string; _v: number };
  ids.record = rec._id;
  // A change of owner, for the history's before → after.
  expect((await server.api('PATCH', `/api/apps/mem/forms/insp/records/${rec._id}`, { owner: ids.admin, _v: rec._v })).status).toBe(200);
  expect((await server.api('DELETE', `/api/users/${ids.gone}`)).status).toBe(204);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** No user id anywhere on the page. */
async function noIds(page: Page) {
  const text = await page.locator('body').innerText();
  for (const id of [ids.admin, ids.zhang, ids.gone]) expect(text).not.toContain(id);
}

test('zh-CN: people read as names in the list, the record, its history and the edit form', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'zh-CN' });

  // 1. The list: the owner's column shows the name.
  await page.goto(`${server.url}/apps/mem/forms/insp`);
  const row = page.getByRole('row', { name: /L-42/ });
  await row.getByText(adminName, { exact: true }).first().waitFor();
  await row.getByText(`${adminName}、未知成员`).waitFor();
  await noIds(page);

  // 2. The record in the drawer: names, the person who left as "unknown member", the subform's operator.
  await row.click();
  const drawer = page.getByRole('dialog', { name: '记录详情' });
  await drawer.getByRole('tab', { name: '历史' }).waitFor();
  await drawer.getByText(`${adminName}、未知成员`).waitFor();
  await drawer.getByRole('cell', { name: '张三', exact: true }).waitFor();
  // 3. The history: the owner changed from 张三 to the admin.
  await drawer.locator('del', { hasText: '张三' }).waitFor();
  await noIds(page);
  await shot(page, 'desktop-record-members');

  // 4. Editing: the member pickers show the chosen people by name.
  await drawer.getByRole('button', { name: /编\s*辑/ }).click();
  await drawer.locator('#f-owner').waitFor();
  await drawer.locator('.ant-select-selection-item', { hasText: adminName }).first().waitFor();
  await drawer.locator('.ant-select-selection-item', { hasText: '未知成员' }).waitFor();
  await noIds(page);
  await page.close();
}, 120_000);

test('en-US: the record page reads names and "Unknown member", never an id', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'en-US' });
  await page.goto(`${server.url}/apps/mem/forms/insp/records/${ids.record}`);
  await page.getByRole('tab', { name: 'History' }).waitFor();
  await page.getByText(`${adminName}, Unknown member`).waitFor();
  await page.getByRole('cell', { name: '张三', exact: true }).waitFor();
  await page.locator('del', { hasText: '张三' }).waitFor();
  await noIds(page);
  await shot(page, 'desktop-record-members-en');
  await page.close();

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await signIn(phone, server, { locale: 'en-US' });
  await phone.goto(`${server.url}/apps/mem/forms/insp/records/${ids.record}`);
  await phone.getByText(`${adminName}, Unknown member`).waitFor();
  await noIds(phone);
  await shot(phone, 'phone-record-members-en');
  await phone.close();
}, 120_000);

test('a record that cannot be loaded says why with a retry; one that does not exist says so', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'zh-CN' });
  const recordUrl = `**/api/apps/mem/forms/insp/records/${ids.record}`;

  // 1. The server cannot be reached: a sentence and a retry, not a spinner for ever.
  await page.route(recordUrl, (r) => r.abort('internetdisconnected'));
  await page.goto(`${server.url}/apps/mem/forms/insp/records/${ids.record}`);
  const alert = page.getByRole('alert').filter({ hasText: '加载失败' });
  await alert.getByText('无法连接服务器，请检查网络后重试').waitFor();
  expect(await page.getByText('Failed to fetch').count()).toBe(0);
  await shot(page, 'desktop-record-load-failed');

  // 2. Back online, the retry shows the record.
  await page.unroute(recordUrl);
  await alert.getByRole('button', { name: /刷\s*新/ }).click();
  await page.getByRole('tab', { name: '历史' }).waitFor();
  await page.getByText(`${adminName}、未知成员`).waitFor();
  await noIds(page);
  await shot(page, 'desktop-record-page-members');

  // 3. A record that does not exist: said in words (not the server's id-bearing message).
  await page.goto(`${server.url}/apps/mem/forms/insp/records/nope`);
  await page.getByRole('alert').getByText('这条记录不存在').waitFor();
  expect(await page.getByText('nope').count()).toBe(0);
  await page.close();
}, 120_000);
