// Permission sets as an admin gives them and a member meets them, in Debian's headless chromium
// against the real server: the builder's 权限 page (an empty state that says members cannot see
// the app, a set naming a member, the forms × actions matrix, a hidden field, a stale save that
// keeps the admin's work), then the member's shell: the app and form they were given, a New
// button, no Delete, no Export, no Edit, and the hidden field nowhere.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shot, signIn, startServer, type Server } from './harness';
import { confirmIn, pick } from './designer-helpers';

let server: Server;
let browser: Browser;
const MEMBER = { username: 'wangwu', password: 'browser-pass-1234', displayName: '王五' };
const ids = { admin: '', member: '' };

const form = {
  id: 'iqc',
  title: { 'zh-CN': '来料检验单', 'en-US': 'Incoming inspections' },
  titleField: 'lot',
  fields: [
    { id: 'lot', type: 'text', label: { 'zh-CN': '批次', 'en-US': 'Lot' } },
    { id: 'qty', type: 'number', label: { 'zh-CN': '数量', 'en-US': 'Quantity' } },
    { id: 'price', type: 'number', label: { 'zh-CN': '单价', 'en-US': 'Unit price' } },
    { id: 'inspector', type: 'member', label: { 'zh-CN': '检验员', 'en-US': 'Inspector' } },
  ],
};

beforeAll(async () => {
  server = await startServer();
  // One app per test (they run in a random order): perm for the first, audit for the second
  // (the same form under another id: form ids are the tenant's).
  for (const [id, name, formId] of [['perm', { 'zh-CN': '来料检验', 'en-US': 'Incoming quality' }, 'iqc'], ['audit', 'Audits', 'aud']] as const) {
    expect((await server.api('POST', '/api/apps', { id, name })).status).toBe(201);
    expect((await server.api('POST', `/api/apps/${id}/forms`, { ...form, id: formId })).status).toBe(201);
    await server.publish(id);
  }
  const made = await server.api('POST', '/api/users', MEMBER);
  expect(made.status).toBe(201);
  ids.member = (made.json as { user: { _id: string } }).user._id;
  ids.admin = ((await server.api('GET', '/api/me')).json as { user: { _id: string } }).user._id;
  // A record of the admin's, with the price the member will not see.
  expect((await server.api('POST', '/api/apps/perm/forms/iqc/records', { lot: 'L-0001', qty: 200, price: 98765 })).status).toBe(201);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * No user id, set id and no code on the page. Checked once no dropdown is open or closing: antd's
 * selects keep a hidden list for screen readers that holds the values (named by their labels).
 */
async function noRawValues(page: Page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('.ant-select-dropdown')].some((d) => d.checkVisibility()));
  const text = await page.locator('body').innerText();
  for (const id of [ids.admin, ids.member]) expect(text).not.toContain(id);
  expect(text).not.toMatch(/\bps_[A-Za-z0-9]+|INVALID_PERMISSION_SET|STALE_VERSION|\$user|\$eq/);
}

const setsOf = async (app = 'perm') => ((await server.api('GET', `/api/apps/${app}/access`)).json as { sets: Array<{ id: string; name: string; _v: number; members: { users: string[] }; forms: Record<string, unknown> }> }).sets;

test('zh-CN: the admin gives a member view and create with the price hidden; the member creates a record without it and cannot delete', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'zh-CN' });

  // 1. The builder's 权限 tab: no sets yet, and it says what that means.
  await page.goto(`${server.url}/builder/apps/perm`);
  await page.getByRole('tab', { name: '权限' }).click();
  await page.getByText('还没有权限组：成员看不到这个应用').first().waitFor();
  await shot(page, 'permissions-empty');

  // 2. A new set, named in the dialog.
  await page.getByRole('button', { name: '新建权限组' }).first().click();
  await page.getByRole('button', { name: '创建', exact: true }).click();
  await page.getByText('请输入权限组名称').waitFor();
  await page.getByLabel('权限组名称').fill('检验员');
  await page.getByRole('button', { name: '创建', exact: true }).click();
  await page.getByText('已创建权限组').waitFor();
  await page.getByRole('button', { name: /检验员/ }).waitFor();

  // 3. Its member, by name.
  await pick(page, page.getByRole('combobox', { name: '人员' }), MEMBER.displayName);
  await page.keyboard.press('Escape');

  // 4. The matrix: create ticks view too.
  const create = page.getByRole('checkbox', { name: '来料检验单：新增' });
  await create.check();
  expect(await page.getByRole('checkbox', { name: '来料检验单：查看' }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: '来料检验单：删除' }).isChecked()).toBe(false);

  // 5. The form's row opened: all records, the price hidden.
  await page.getByRole('row', { name: /来料检验单/ }).getByRole('button', { name: '展开行' }).click();
  const settings = page.getByRole('group', { name: '来料检验单：数据范围和字段权限' });
  await settings.getByText('全部数据').waitFor();
  await settings.getByRole('radiogroup', { name: '单价：字段权限' }).getByText('隐藏').click();
  await noRawValues(page);
  await shot(page, 'permissions-set-zh');

  // 6. Saved with its revision.
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByText('权限组已保存').waitFor();
  const [set] = await setsOf();
  expect(set).toMatchObject({ name: '检验员', members: { users: [ids.member] }, forms: { iqc: { actions: ['view', 'create'], scope: { kind: 'all' }, fields: { price: 'hidden' } } } });
  await page.close();

  // 7. The member, in a browser of their own: the app and the form are there.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const member = await context.newPage();
  await signIn(member, server, { username: MEMBER.username, password: MEMBER.password, locale: 'zh-CN' });
  await member.getByRole('link', { name: '来料检验', exact: true }).click();
  await member.getByRole('link', { name: '来料检验单' }).click();
  await member.getByRole('row', { name: /L-0001/ }).waitFor();
  // 8. New, but no Export, no row selection and so no Delete; no price column, no price.
  await member.getByRole('button', { name: /新增/ }).waitFor();
  expect(await member.getByRole('button', { name: '导出' }).count()).toBe(0);
  expect(await member.getByRole('checkbox').count()).toBe(0);
  expect(await member.getByRole('button', { name: /删除/ }).count()).toBe(0);
  expect(await member.getByRole('columnheader', { name: '单价' }).count()).toBe(0);
  expect(await member.locator('body').innerText()).not.toMatch(/98,?765/);
  await noRawValues(member);
  await shot(member, 'permissions-member-list-zh');

  // 9. A record of their own, through a form without the price.
  await member.getByRole('button', { name: /新增/ }).click();
  await member.locator('#f-lot').fill('L-0002');
  await member.locator('#f-qty').fill('12');
  expect(await member.locator('#f-price').count()).toBe(0);
  expect(await member.getByText('单价').count()).toBe(0);
  await member.getByRole('button', { name: '提交' }).click();
  await member.getByText('提交成功').waitFor();
  await member.getByRole('row', { name: /L-0002/ }).waitFor();

  // 10. A record opened: no Edit (not granted), no price.
  await member.getByRole('row', { name: /L-0001/ }).click();
  const drawer = member.getByRole('dialog', { name: '记录详情' });
  await drawer.getByRole('tab', { name: '历史' }).waitFor();
  expect(await drawer.getByRole('button', { name: '编辑' }).count()).toBe(0);
  expect(await drawer.getByText('单价').count()).toBe(0);
  await noRawValues(member);
  await shot(member, 'permissions-member-record-zh');
  await context.close();

  // 11. On a phone: cards, the New button, no Delete.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const small = await phone.newPage();
  await signIn(small, server, { username: MEMBER.username, password: MEMBER.password, locale: 'zh-CN' });
  await small.goto(`${server.url}/apps/perm/forms/iqc`);
  await small.getByText('L-0002').waitFor();
  await small.getByRole('button', { name: /新增/ }).waitFor();
  expect(await small.getByRole('button', { name: /删除/ }).count()).toBe(0);
  expect(await small.locator('body').innerText()).not.toContain('单价');
  await shot(small, 'permissions-member-phone-zh');
  await phone.close();
}, 180_000);

test('en-US: a save after someone else changed the set keeps the admin’s work and can be saved over theirs', async () => {
  // A set of its own, so the test does not depend on the other one.
  const made = await server.api('POST', '/api/apps/audit/permission-sets', { name: 'Auditors', members: { users: [], departments: [], roles: [] }, forms: {} });
  expect(made.status).toBe(201);
  const setId = (made.json as { id: string }).id;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'en-US' });
  await page.goto(`${server.url}/builder/apps/audit`);
  await page.getByRole('tab', { name: 'Permissions' }).click();
  await page.getByRole('button', { name: /Auditors/ }).click();
  await page.getByRole('checkbox', { name: 'Incoming inspections: Export' }).check();

  // 1. Someone else saves the set meanwhile.
  const before = (await setsOf('audit')).find((s) => s.id === setId)!;
  expect((await server.api('PUT', `/api/apps/audit/permission-sets/${setId}`, { name: 'Auditors', description: 'changed elsewhere', members: { users: [], departments: [], roles: [] }, forms: {}, _v: before._v })).status).toBe(200);

  // 2. The admin's save says so, offers both ways, and keeps the ticks.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Someone else changed this permission set').waitFor();
  expect(await page.getByRole('checkbox', { name: 'Incoming inspections: Export' }).isChecked()).toBe(true);
  await noRawValues(page);
  await shot(page, 'permissions-stale-en');
  await page.getByRole('button', { name: 'Save mine over theirs' }).click();
  await page.getByText('Permission set saved').waitFor();
  const after = (await setsOf('audit')).find((s) => s.id === setId)!;
  expect(after.forms).toEqual({ aud: { actions: ['view', 'export'], scope: { kind: 'all' } } });
  await page.getByText('Permission set saved').waitFor({ state: 'detached' });

  // 3. A person whose account is deleted before the save: the refusal (422) says so beside the
  //    people, and offers to take them out.
  const gone = await server.api('POST', '/api/users', { username: 'zhaoliu', password: 'browser-pass-1234', displayName: '赵六' });
  expect(gone.status).toBe(201);
  await pick(page, page.getByRole('combobox', { name: 'People' }), '赵六');
  await page.keyboard.press('Escape');
  expect((await server.api('DELETE', `/api/users/${(gone.json as { user: { _id: string } }).user._id}`)).status).toBe(204);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('1 account no longer exists').waitFor();
  await page.getByText('1 setting needs changing; marked below').waitFor();
  await noRawValues(page);
  // Taken out, the set is as saved again: nothing to save, nothing to say.
  await page.getByRole('button', { name: 'Remove them' }).click();
  await page.getByText('1 account no longer exists').waitFor({ state: 'detached' });
  expect(await page.getByText('needs changing').count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);

  // 4. A custom condition without a value is caught before saving, next to the condition.
  await page.getByRole('row', { name: /Incoming inspections/ }).getByRole('button', { name: 'Expand row' }).click();
  await pick(page, page.getByRole('combobox', { name: 'Incoming inspections: records' }), 'Custom condition');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('The condition on “Lot” is not complete').waitFor();
  await shot(page, 'permissions-condition-en');

  // 5. Deleted after a confirmation.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: 'Delete the permission set “Auditors”?' });
  await confirmIn(confirm, confirm.getByRole('button', { name: 'Delete' }));
  await page.getByText('Permission set deleted').waitFor();
  expect((await setsOf('audit')).some((s) => s.id === setId)).toBe(false);
  await page.close();
}, 180_000);
