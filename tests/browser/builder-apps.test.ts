// The app builder and the home page when things go wrong, in Debian's headless chromium against
// the real server: a network failure is said in a sentence (never "Failed to fetch") with a way
// to try again, what was typed survives, buttons and links have names a screen reader can use,
// and people, options and records show their names, never their ids.
import { join } from 'node:path';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import fixture from '../../engines/form/tests/fixtures/incoming-inspection.json';
import { launchChromium, shot, signIn, startServer, type Server } from './harness';
import { confirmIn, pick } from './designer-helpers';

const OFFLINE = '无法连接服务器，请检查网络后重试';

let server: Server;
let browser: Browser;
let tmp: string;

beforeAll(async () => {
  server = await startServer();
  tmp = await mkdtemp(join(tmpdir(), 'tessera-builder-apps-'));
  expect((await server.api('POST', '/api/apps', { id: 'qms', name: '质量管理', color: '#13c2c2', icon: 'quality' })).status).toBe(201);
  expect((await server.api('POST', '/api/apps/qms/forms', fixture)).status).toBe(201);
  await server.publish('qms');
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});


/** The server unreachable for requests matching `url` (the browser's "Failed to fetch"). */
const offline = (page: Page, url: string | RegExp | ((u: URL) => boolean)) => page.route(url, (r) => r.abort('internetdisconnected'));

test('home: app cards are links with the button beside them; a new app without a name says so; a failed import says why', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server);

  // 1. The card's name is its link; no link holds a button (nested interactive controls).
  await page.getByRole('link', { name: '质量管理' }).waitFor();
  await page.getByRole('button', { name: '设计应用“质量管理”' }).waitFor();
  expect(await page.locator('a button, a [role="button"], [role="link"] button').count()).toBe(0);

  // 2. Creating an app without a name: the name field says what is missing; icons and colours
  //    are named in words, not by their keys or hex codes.
  await page.getByRole('button', { name: '新建应用' }).first().click();
  await page.getByRole('button', { name: '创建并设计' }).click();
  await page.getByText('请输入应用名称').waitFor();
  expect(await page.getByLabel('应用名称', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  await page.getByRole('radio', { name: '检验' }).click();
  await page.getByRole('radio', { name: '橙色' }).click();
  expect(await page.getByRole('radio', { name: /^#/ }).count()).toBe(0);
  await page.getByRole('button', { name: '取消' }).click();

  // 3. An import that never reaches the server: a sentence, and the button is ready again.
  await offline(page, '**/api/apps/import**');
  const file = join(tmp, 'app.json');
  await writeFile(file, JSON.stringify({ format: 'tessera-app', app: { id: 'x', name: 'X' }, forms: [] }));
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.getByText(`导入失败：${OFFLINE}`).waitFor();
  await page.getByRole('button', { name: '导入应用' }).waitFor();
  expect(await page.getByText('Failed to fetch').count()).toBe(0);
  await page.close();
}, 120_000);

test('an app whose published version cannot be loaded says so with a retry, not "not published"; form pages reuse what the shell loaded', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server);

  // 1. The published app fails to load: "could not load", the reason, a retry.
  await offline(page, '**/api/apps/qms/published');
  await page.goto(`${server.url}/apps/qms`);
  await page.getByText('加载失败').waitFor();
  await page.getByText(OFFLINE).waitFor();
  expect(await page.getByText('未发布').count()).toBe(0);
  await shot(page, 'app-home-load-failed');
  await page.unroute('**/api/apps/qms/published');
  await page.getByRole('button', { name: '重试' }).click();

  // 2. Once loaded, the form card is a link; the list page asks only for records, not the form
  //    again (the shell already has every published form).
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.getByRole('link', { name: '来料检验单' }).click();
  await page.getByText('还没有数据，点击新增或从 Excel 导入').waitFor();
  await page.getByRole('button', { name: /新增/ }).click();
  await page.locator('#f-supplier').waitFor();
  expect(asked.filter((p) => p === '/api/apps/qms/forms/iqc')).toEqual([]);
  expect(asked).toContain('/api/apps/qms/forms/iqc/records');

  // 3. A list whose records cannot load says so, with a retry (not "no data yet").
  await offline(page, '**/api/apps/qms/forms/iqc/records?**');
  await page.goto(`${server.url}/apps/qms/forms/iqc`);
  await page.getByText(OFFLINE).waitFor();
  expect(await page.getByText('还没有数据，点击新增或从 Excel 导入').count()).toBe(0);
  await page.close();
}, 120_000);

test('app builder: the copy dialog keeps the typed title; menus are named; a failed delete says why', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server);
  await page.goto(`${server.url}/builder/apps/qms`);

  // 1. The row's menu button says what it is for and for which form.
  await page.getByRole('button', { name: '更多操作：来料检验单' }).waitFor();

  // 2. Copy: a title typed, then "with records" ticked: the title stays as typed.
  await page.getByRole('button', { name: '复制', exact: true }).click();
  const title = page.getByRole('dialog', { name: '复制表单' }).getByLabel('表单名称');
  await title.fill('我的副本');
  await page.getByRole('checkbox', { name: '同时复制数据' }).check();
  expect(await title.inputValue()).toBe('我的副本');
  await page.getByRole('button', { name: '取消' }).click();

  // 3. Deleting a form while the server cannot be reached: the reason, not a dialog that hangs.
  await offline(page, (u) => u.pathname === '/api/apps/qms/forms/iqc');
  await page.getByRole('button', { name: '删除', exact: true }).click();
  const ask = page.getByRole('dialog', { name: '删除表单' });
  await confirmIn(ask, ask.getByRole('button', { name: '删除' }));
  await page.getByText(`删除失败：${OFFLINE}`).waitFor();
  await shot(page, 'app-builder-delete-failed');

  // 4. A form that is not in the app: a sentence, not its id.
  await page.goto(`${server.url}/builder/apps/qms/forms/no_such_form`);
  await page.getByText('这个表单不存在，可能已被删除').waitFor();
  expect(await page.getByText('no_such_form').count()).toBe(0);
  await page.close();
}, 120_000);

test('the designer shows people by name in rules and related records by their formatted display field in the preview', async () => {
  // A supplier form whose display field is a single choice, a form relating to it with a
  // member field, one supplier record.
  const grade = { id: 'grade', type: 'select', label: '等级', options: [{ value: 'a', label: 'A 级' }, { value: 'b', label: 'B 级' }] };
  expect((await server.api('POST', '/api/apps', { id: 'rel', name: '关联' })).status).toBe(201);
  expect((await server.api('POST', '/api/apps/rel/forms', { id: 'sup', title: '供应商', fields: [{ id: 'name', type: 'text', label: '名称' }, grade] })).status).toBe(201);
  const inc = { id: 'inc', title: '来料', fields: [{ id: 'supplier', type: 'relation', label: '供应商', formId: 'sup', displayField: 'grade' }, { id: 'owner', type: 'member', label: '负责人' }, { id: 'note', type: 'text', label: '备注' }] };
  expect((await server.api('POST', '/api/apps/rel/forms', inc)).status).toBe(201);
  await server.publish('rel');
  expect((await server.api('POST', '/api/apps/rel/forms/sup/records', { name: '华东精密', grade: 'a' })).status).toBe(201);
  const me = ((await server.api('GET', '/api/me')).json as { user: { _id: string; displayName: string } }).user;

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server);
  await page.goto(`${server.url}/builder/apps/rel/forms/inc`);
  const canvas = page.getByRole('region', { name: '画布' });
  const props = page.getByRole('region', { name: '属性' });

  // 1. A "show when" rule on a member: the picker lists people by name, and after a reload
  //    (names asked again, by id) the chosen one still reads as a name.
  await canvas.getByRole('button', { name: '备注' }).click();
  const showWhen = props.getByRole('group', { name: '显示条件' });
  await showWhen.getByRole('button', { name: '添加条件', exact: true }).click();
  await pick(page, showWhen.getByRole('combobox', { name: '字段' }), '负责人');
  await pick(page, showWhen.getByRole('combobox', { name: '比较方式' }), '是其中之一');
  await pick(page, showWhen.getByRole('combobox', { name: '值' }), me.displayName);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+s');
  await page.getByText('已保存', { exact: true }).first().waitFor();
  await page.reload();
  await canvas.getByRole('button', { name: '备注' }).click();
  await props.getByRole('group', { name: '显示条件' }).locator('.ant-select-selection-item', { hasText: me.displayName }).waitFor();
  expect(await props.innerText()).not.toContain(me._id);

  // 2. The preview's relation lists the supplier by its display field as people read it (the
  //    option's label, not its stored value); a failed search says so instead of "no match".
  await page.getByRole('button', { name: '预览', exact: true }).click();
  const frame = page.frameLocator('iframe[title*="预览"]');
  await frame.getByLabel('供应商').click();
  await frame.locator('.ant-select-dropdown:visible .ant-select-item-option[title="A 级"]').waitFor();
  expect(await frame.locator('.ant-select-dropdown:visible .ant-select-item-option[title="a"]').count()).toBe(0);
  await offline(page, '**/api/apps/rel/forms/sup/records?**');
  await frame.getByLabel('供应商').fill('华');
  await frame.getByText('加载失败，请稍后重试').waitFor();
  await page.close();
}, 120_000);

test('publishing a unique rule lists the clashing records, the deleted ones marked deleted with why they count', async () => {
  // 1. A published form with two live records sharing a code and two more, deleted together,
  //    sharing another; the draft then makes the code unique.
  const code = (unique: boolean) => ({ id: 'code', type: 'text', label: '编码', ...(unique ? { validation: { unique: true } } : {}) });
  const form = (unique: boolean) => ({ id: 'parts', title: '零件', titleField: 'name', fields: [{ id: 'name', type: 'text', label: '名称' }, code(unique)] });
  expect((await server.api('POST', '/api/apps', { id: 'uq', name: '唯一' })).status).toBe(201);
  expect((await server.api('POST', '/api/apps/uq/forms', form(false))).status).toBe(201);
  await server.publish('uq');
  const add = async (name: string, value: string) => ((await server.api('POST', '/api/apps/uq/forms/parts/records', { name, code: value })).json as { _id: string })._id;
  await add('活的甲', 'L');
  await add('活的乙', 'L');
  const gone = [await add('删的丙', 'D'), await add('删的丁', 'D')];
  expect((await server.api('POST', '/api/apps/uq/forms/parts/records/bulk-delete', { ids: gone })).status).toBe(200);
  expect((await server.api('PUT', '/api/apps/uq/forms/parts', form(true))).status).toBe(200);

  // 2. The publish dialog: every sample is listed; the deleted ones carry a "已删除" tag, and a
  //    line says deleted records count too.
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server);
  await page.goto(`${server.url}/builder/apps/uq`);
  await page.getByRole('button', { name: '发布', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '发布应用' });
  await dialog.getByText('以下修改无法发布：').waitFor();
  expect(await dialog.locator('.ant-tag', { hasText: '已删除' }).count()).toBe(2);
  const samples = (await dialog.locator('.ant-typography', { hasText: '例如' }).innerText()).replace(/\s+/g, '');
  expect(samples).toBe('例如：活的甲（L）；活的乙（L）；删的丙（D）已删除；删的丁（D）已删除');
  await dialog.getByText('已删除的记录也算（它们可以恢复）').waitFor();
  await shot(page, 'builder-publish-deleted-samples');
  await page.close();
}, 120_000);

test('the publish dialog names each sample record as the lists do and shows its values as people read them: an option by its label, a person by name, a time in the tenant\'s zone', async () => {
  // A form without a title field: its lists name a record by the first field (a single choice),
  // not by its first text field. The draft removes a member field and a datetime field.
  const inspector = await server.api('POST', '/api/users', { username: 'lao-li', password: 'lao-li-password', displayName: '检验员老李' });
  expect(inspector.status).toBe(201);
  const fields = [
    { id: 'grade', type: 'select', label: '等级', options: [{ value: 'a', label: 'A 级' }, { value: 'b', label: 'B 级' }] },
    { id: 'inspector', type: 'member', label: '检验员' },
    { id: 'at', type: 'datetime', label: '检验时间' },
    { id: 'memo', type: 'text', label: '备注' },
  ];
  const form = (ids: string[]) => ({ id: 'checks', title: '点检', fields: fields.filter((f) => ids.includes(f.id)) });
  expect((await server.api('POST', '/api/apps', { id: 'nm', name: '点检' })).status).toBe(201);
  expect((await server.api('POST', '/api/apps/nm/forms', form(['grade', 'inspector', 'at', 'memo']))).status).toBe(201);
  await server.publish('nm');
  const userId = (inspector.json as { user: { _id: string } }).user._id;
  // 16:30 UTC on 1 March is 00:30 on 2 March in Asia/Shanghai, the tenant's zone.
  const made = await server.api('POST', '/api/apps/nm/forms/checks/records', { grade: 'a', inspector: userId, at: '2026-03-01T16:30:00.000Z', memo: '备注甲' });
  expect(made.status).toBe(201);
  expect((await server.api('PUT', '/api/apps/nm/forms/checks', form(['grade', 'memo']))).status).toBe(200);

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server);
  await page.goto(`${server.url}/builder/apps/nm`);
  await page.getByRole('button', { name: '发布', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '发布应用' });
  const samples = dialog.locator('.ant-typography', { hasText: '例如' });
  await samples.nth(1).waitFor();
  // The person's name arrives after the dialog opens: wait for it rather than read a placeholder.
  await dialog.getByText('检验员老李', { exact: false }).waitFor();
  expect((await samples.allInnerTexts()).map((s) => s.replace(/\s+/g, '')).sort()).toEqual(['例如：A级（2026-03-0200:30）', '例如：A级（检验员老李）']);
  expect(await dialog.getByText(userId, { exact: false }).count()).toBe(0);
  await shot(page, 'builder-publish-sample-names');
  await page.close();
}, 120_000);
