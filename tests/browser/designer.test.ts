// The designer as an analyst meets it, in Debian's headless chromium against the real server:
// create an app, drag ten fields of different types onto the canvas and two into a subform,
// build a "show when" rule and a formula, check both in the phone preview, publish; then an end
// user fills the published form and sees the rule and the formula work. And the same kind of
// work with the keyboard only. Screenshots land in tests/browser/screenshots/.
import type { Browser } from 'playwright-core';
import { launchChromium, shot, signIn, startServer, type Server } from './harness';
import { center, drag, pick, tabTo, until } from './designer-helpers';

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


interface DraftForm {
  id: string;
  version: number;
  fields: Array<{ id: string; type: string; label: unknown; fields?: Array<{ id: string; type: string; label: unknown }>; visibleIf?: unknown; formula?: { logic?: unknown }; options?: Array<{ value: string; label: unknown }> }>;
}

test('an analyst builds a form by drag and drop, previews it on a phone and publishes; an end user fills it', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server);

  // 1. A new app from the home page, with an icon and a colour.
  await page.getByRole('button', { name: '新建应用' }).first().click();
  await page.getByLabel('应用名称').fill('来料检验');
  await page.getByRole('radio', { name: '检验' }).click();
  await page.getByRole('radio', { name: '橙色' }).click();
  await page.getByRole('button', { name: '创建并设计' }).click();
  await page.waitForURL(/\/builder\/apps\/[^/]+$/);
  const appId = new URL(page.url()).pathname.split('/')[3];
  await page.getByRole('button', { name: '新建表单' }).first().click();
  await page.waitForURL(/\/forms\/[^/]+$/);
  const formId = new URL(page.url()).pathname.split('/').pop()!;
  const palette = page.getByRole('region', { name: '字段库' });
  const canvas = page.getByRole('region', { name: '画布' });
  const props = page.getByRole('region', { name: '属性' });
  await props.getByLabel('表单名称').fill('检验记录');

  // 2. Ten fields of different types, each dropped below the last and given its label.
  const fields: Array<[string, string]> = [
    ['单行文本', '供应商'], ['数字', '数量'], ['金额', '单价'], ['日期', '到货日期'], ['单选', '检验结果'],
    ['多行文本', '不合格原因'], ['多选', '缺陷类型'], ['开关', '加急'], ['公式', '金额合计'], ['子表单', '缺陷明细'],
  ];
  for (const [type, label] of fields) {
    const blocks = canvas.locator('[data-field-id]');
    const target = (await blocks.count()) ? await blocks.last().boundingBox() : await canvas.locator('[data-zone="root"]').boundingBox();
    await drag(page, await center(palette.getByRole('button', { name: type, exact: true })), { x: target!.x + target!.width / 2, y: target!.y + target!.height - 4 });
    await props.getByLabel('标题', { exact: true }).fill(label);
  }
  expect(await canvas.locator('[data-field-id]').count()).toBe(10);

  // 3. Two columns dragged into the subform.
  for (const [type, label] of [['单行文本', '缺陷'], ['数字', '件数']] as const) {
    const zone = canvas.locator('[data-zone^="subform_"]');
    await drag(page, await center(palette.getByRole('button', { name: type, exact: true })), await center(zone));
    await props.getByLabel('标题', { exact: true }).fill(label);
  }

  // 4. Options of the single choice, then a "show when" rule built with the rule builder.
  await canvas.getByRole('button', { name: '检验结果' }).click();
  await props.getByLabel('选项名称 1').fill('合格');
  await props.getByLabel('选项名称 2').fill('不合格');
  await props.getByLabel('选项名称 3').fill('让步接收');
  await canvas.getByRole('button', { name: '不合格原因' }).click();
  const showWhen = props.getByRole('group', { name: '显示条件' });
  await showWhen.getByRole('button', { name: '添加条件', exact: true }).click();
  await pick(page, showWhen.getByRole('combobox', { name: '字段' }), '检验结果');
  await pick(page, showWhen.getByRole('combobox', { name: '比较方式' }), '等于');
  await pick(page, showWhen.getByRole('combobox', { name: '值' }), '不合格');
  await canvas.getByRole('button', { name: '不合格原因' }).getByText('有显示条件').waitFor();

  // 5. A formula typed with field names; a mistake is marked at its character first.
  await canvas.getByRole('button', { name: '金额合计' }).click();
  const formula = props.getByLabel('公式', { exact: true });
  await formula.fill('[数量] * [单价');
  await props.getByTestId('formula-error-mark').waitFor();
  await formula.fill('[数量] * [单价]');
  await props.getByText('公式正确').waitFor();
  await shot(page, 'designer-desktop');

  // 6. The phone preview (390 px wide, its own viewport): the formula and the rule work.
  await page.getByRole('button', { name: '预览', exact: true }).click();
  await page.getByRole('radiogroup', { name: '预览设备' }).getByText('手机').click();
  const frame = page.frameLocator('iframe[title*="手机"]');
  await frame.getByLabel('数量').fill('3');
  await frame.getByLabel('单价').fill('2.5');
  expect(await until(() => frame.getByLabel(/金额合计/).inputValue(), '7.5')).toBe('7.5');
  expect(await frame.getByText('不合格原因').count()).toBe(0);
  await frame.getByLabel('检验结果').click();
  await frame.locator('.ant-select-dropdown:visible .ant-select-item-option[title="不合格"]').click();
  await frame.getByText('不合格原因').waitFor();
  const width = await page.locator('iframe[title*="手机"]').evaluate((f: HTMLIFrameElement) => f.contentWindow!.innerWidth);
  expect(width).toBe(390);
  await shot(page, 'designer-phone-preview');

  // 7. Publish (the draft is saved first); nothing existing is affected.
  await page.getByRole('button', { name: '发布' }).click();
  await page.getByText('没有影响已有数据的修改。').waitFor();
  await page.getByLabel('版本说明').fill('第一版');
  await page.getByRole('button', { name: '确认发布' }).click();
  await page.getByText('已发布版本 1').waitFor();
  const draft = (await server.api('GET', `/api/apps/${appId}/forms/${formId}?draft=true`)).json as DraftForm;
  const byLabel = new Map(draft.fields.map((f) => [f.label, f]));
  expect([...byLabel.keys()]).toEqual(fields.map(([, l]) => l));
  expect(byLabel.get('缺陷明细')!.fields!.map((c) => [c.type, c.label])).toEqual([['text', '缺陷'], ['number', '件数']]);
  expect(byLabel.get('金额合计')!.formula!.logic).toEqual({ '*': [{ var: byLabel.get('数量')!.id }, { var: byLabel.get('单价')!.id }] });
  // The rule builder's "检验结果 等于 不合格": the field by its id, the option by its stored value (not its name).
  const inspection = byLabel.get('检验结果')!;
  const failed = inspection.options!.find((o) => o.label === '不合格')!.value;
  expect(byLabel.get('不合格原因')!.visibleIf).toEqual({ '==': [{ var: inspection.id }, failed] });

  // 8. An end user fills the published form: the rule shows the reason, the formula computes.
  const user = await server.api('POST', '/api/users', { username: 'inspector', password: 'inspector-password', displayName: '检验员小王' });
  expect(user.status).toBe(201);
  // Denied by default: the inspector uses the app through a permission set.
  const inspectorId = (user.json as { user: { _id: string } }).user._id;
  const set = await server.api('POST', `/api/apps/${appId}/permission-sets`, { name: '检验员', members: { users: [inspectorId], departments: [], roles: [] }, forms: { [formId]: { actions: ['view', 'create', 'edit'], scope: { kind: 'all' } } } });
  expect(set.status).toBe(201);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const end = await context.newPage();
  await signIn(end, server, { username: 'inspector', password: 'inspector-password' });
  await end.getByRole('link', { name: '来料检验' }).click();
  await end.getByRole('menuitem', { name: '检验记录' }).click();
  await end.getByRole('button', { name: /新增/ }).click();
  // The form's own fields (the list's column headers carry the same names).
  const form = end.getByTestId('form-renderer');
  await form.getByLabel('供应商').fill('华东精密');
  await form.getByLabel('数量').fill('4');
  await form.getByLabel('单价').fill('2.5');
  expect(await until(() => form.getByLabel(/金额合计/).inputValue(), '10')).toBe('10');
  expect(await form.getByText('不合格原因').count()).toBe(0);
  await form.getByLabel('检验结果').click();
  await end.locator('.ant-select-dropdown:visible .ant-select-item-option[title="不合格"]').click();
  await form.getByLabel('不合格原因').fill('外观划伤');
  await form.getByRole('button', { name: '提交' }).click();
  await end.getByText('提交成功').waitFor();
  const list = (await server.api('GET', `/api/apps/${appId}/forms/${formId}/records`)).json as { items: Array<Record<string, unknown>> };
  expect(list.items).toHaveLength(1);
  const rec = list.items[0];
  expect(rec[byLabel.get('金额合计')!.id]).toBe(10);
  expect(rec[byLabel.get('不合格原因')!.id]).toBe('外观划伤');
  expect(rec._formVersion).toBe(draft.version);
  await context.close();
  await page.close();
}, 180_000);

test('a form built with the keyboard only: add from the palette with Enter, label, move with Alt+↑, undo, redo, save', async () => {
  expect((await server.api('POST', '/api/apps', { id: 'kb', name: '键盘' })).status).toBe(201);
  expect((await server.api('POST', '/api/apps/kb/forms', { id: 'kbform', title: '键盘表单', fields: [] })).status).toBe(201);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, server);
  await page.goto(`${server.url}/builder/apps/kb/forms/kbform`);
  const palette = page.getByRole('region', { name: '字段库' });
  const canvas = page.getByRole('region', { name: '画布' });
  const label = page.getByRole('region', { name: '属性' }).getByLabel('标题', { exact: true });
  await palette.getByRole('button', { name: '单行文本', exact: true }).waitFor();
  await page.locator('body').focus();

  // 1. Enter on a palette button adds that field after the selection; Tab reaches its label.
  await tabTo(page, palette.getByRole('button', { name: '单行文本', exact: true }));
  await page.keyboard.press('Enter');
  await canvas.getByRole('button', { name: '单行文本' }).waitFor();
  await tabTo(page, label);
  await page.keyboard.type('批次号');
  await tabTo(page, palette.getByRole('button', { name: '数字', exact: true }), { back: true });
  await page.keyboard.press('Enter');
  await canvas.getByRole('button', { name: '数字' }).waitFor();
  await tabTo(page, label);
  await page.keyboard.type('数量');
  const order = () => canvas.locator('[data-field-id]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(await order()).toEqual(['批次号', '数量']);

  // 2. Alt+↑ moves the selected field; Ctrl+Z and Ctrl+Shift+Z undo and redo the move.
  await tabTo(page, canvas.getByRole('button', { name: '数量' }), { back: true });
  await page.keyboard.press('Alt+ArrowUp');
  expect(await until(order, ['数量', '批次号'])).toEqual(['数量', '批次号']);
  await page.keyboard.press('Control+z');
  expect(await until(order, ['批次号', '数量'])).toEqual(['批次号', '数量']);
  await page.keyboard.press('Control+Shift+z');
  expect(await until(order, ['数量', '批次号'])).toEqual(['数量', '批次号']);

  // 3. Required with Space on its switch, then Ctrl+S saves the draft.
  await tabTo(page, page.getByRole('region', { name: '属性' }).getByRole('switch', { name: '必填' }));
  await page.keyboard.press('Space');
  await page.keyboard.press('Control+s');
  await page.getByText('已保存', { exact: true }).first().waitFor();
  const saved = (await server.api('GET', '/api/apps/kb/forms/kbform?draft=true')).json as { fields: Array<{ label: string; type: string; required?: boolean }> };
  expect(saved.fields.map((f) => [f.label, f.type, !!f.required])).toEqual([['数量', 'number', true], ['批次号', 'text', false]]);
  await page.close();
}, 120_000);

test('unsaved edits survive a reload; a conflicting save offers to reapply them and keeps both analysts\' work', async () => {
  expect((await server.api('POST', '/api/apps', { id: 'cf', name: '冲突' })).status).toBe(201);
  const form = { id: 'cform', title: '冲突表单', fields: [{ id: 'a', type: 'text', label: '甲' }, { id: 'b', type: 'text', label: '乙' }] };
  expect((await server.api('POST', '/api/apps/cf/forms', form)).status).toBe(201);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server);
  await page.goto(`${server.url}/builder/apps/cf/forms/cform`);
  const canvas = page.getByRole('region', { name: '画布' });
  const label = page.getByRole('region', { name: '属性' }).getByLabel('标题', { exact: true });

  // 1. An edit, not saved; the page reloads; the edit is back and still unsaved.
  await canvas.getByRole('button', { name: '甲' }).click();
  await label.fill('甲（我改的）');
  await page.waitForTimeout(500);
  await page.reload();
  await page.getByText('已恢复上次未保存的修改').waitFor();
  await canvas.getByRole('button', { name: '甲（我改的）' }).waitFor();
  await page.getByText('未保存', { exact: true }).waitFor();

  // 2. Someone else saves the draft meanwhile (another field).
  const draft = (await server.api('GET', '/api/apps/cf/forms/cform?draft=true')).json as { version: number; fields: Array<Record<string, unknown>> };
  const theirs = { ...form, version: draft.version, fields: [form.fields[0], { ...form.fields[1], label: '乙（他改的）' }] };
  expect((await server.api('PUT', '/api/apps/cf/forms/cform', theirs)).status).toBe(200);

  // 3. My save meets their version: Esc does not dismiss the choice; reapplying keeps both.
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: '草稿已被他人修改' });
  await dialog.waitFor();
  await shot(page, 'designer-conflict');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  expect(await dialog.count()).toBe(1);
  await page.getByRole('button', { name: '应用我的修改' }).click();
  await page.getByText('已保存', { exact: true }).first().waitFor();
  const saved = (await server.api('GET', '/api/apps/cf/forms/cform?draft=true')).json as { fields: Array<{ label: string }> };
  expect(saved.fields.map((f) => f.label)).toEqual(['甲（我改的）', '乙（他改的）']);
  await page.close();
}, 120_000);

test('in English: the names tests and screen readers rely on, and no builder text left in Chinese', async () => {
  expect((await server.api('POST', '/api/apps', { id: 'en', name: { 'zh-CN': '英文', 'en-US': 'English app' } })).status).toBe(201);
  expect((await server.api('POST', '/api/apps/en/forms', { id: 'enform', title: { 'zh-CN': '表', 'en-US': 'Checks' }, fields: [{ id: 'qty', type: 'number', label: { 'zh-CN': '数量', 'en-US': 'Quantity' } }] })).status).toBe(201);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}/login`);
  await page.evaluate(() => localStorage.setItem('tessera.locale', 'en-US'));
  await signIn(page, server);
  await page.getByRole('button', { name: 'New app' }).first().waitFor();
  await page.goto(`${server.url}/builder/apps/en`);
  await page.getByRole('button', { name: 'New form' }).waitFor();
  await page.goto(`${server.url}/builder/apps/en/forms/enform`);
  const palette = page.getByRole('region', { name: 'Field library' });
  await palette.getByRole('button', { name: 'Multiple choice', exact: true }).waitFor();
  for (const name of ['Text', 'Serial number', 'Scan code', 'Date & time', 'Columns']) expect(await palette.getByRole('button', { name, exact: true }).count()).toBe(1);
  await page.getByRole('region', { name: 'Canvas' }).getByRole('button', { name: 'Quantity' }).click();
  expect(await page.getByRole('region', { name: 'Properties' }).getByLabel('Label', { exact: true }).inputValue()).toBe('Quantity');
  for (const name of ['Undo', 'Redo', 'Preview', 'Save', 'Publish']) expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
  // The builder's own words are all English (labels of the form are data, and English here).
  const text = await page.locator('body').innerText();
  expect(text.match(/[\u4e00-\u9fff]+/g)).toBeNull();
  await shot(page, 'designer-en-1280');
  await page.close();
}, 60_000);

test('editing with the preview open leaves no trace per edit in the page (no User Timing marks piling up)', async () => {
  expect((await server.api('POST', '/api/apps', { id: 'pv', name: '预览' })).status).toBe(201);
  expect((await server.api('POST', '/api/apps/pv/forms', { id: 'pvform', title: '预览表单', fields: [{ id: 'a', type: 'text', label: '甲' }] })).status).toBe(201);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server);
  await page.goto(`${server.url}/builder/apps/pv/forms/pvform`);
  await page.getByRole('region', { name: '画布' }).getByRole('button', { name: '甲' }).click();
  await page.getByRole('button', { name: '预览', exact: true }).click();
  const frame = page.frameLocator('iframe[title*="预览"]');
  await frame.getByText('甲', { exact: true }).waitFor();
  const marks = () => page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
  const before = await marks();

  // Twelve edits, each shown in the preview.
  const label = page.getByRole('region', { name: '属性' }).getByLabel('标题', { exact: true });
  await label.click();
  await page.keyboard.press('End');
  for (let i = 0; i < 12; i++) {
    await page.keyboard.type(String.fromCharCode(97 + i));
    await page.waitForTimeout(80);
  }
  await frame.getByText('甲abcdefghijkl', { exact: true }).waitFor();
  expect(await marks()).toEqual(before);
  await page.close();
}, 60_000);
