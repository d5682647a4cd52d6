// Every field type's widget, used the way a person uses it in Debian's headless chromium:
// typing, picking from dropdowns and trees, uploading, drawing a signature, taking the
// location, a hand scanner's Enter, choosing a related record (which autofills another field),
// adding a subform row. The saved record, read back through the API, holds what was entered.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { countRecordPosts, launchChromium, SHOTS, signIn, startServer, type Server } from './harness';
import { tabTo } from './designer-helpers';

let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const form = {
  id: 'all',
  title: '全部控件',
  fields: [
    { id: 'txt', type: 'text', label: '文本', required: true },
    { id: 'memo', type: 'textarea', label: '备注' },
    { id: 'num', type: 'number', label: '数量' },
    { id: 'price', type: 'money', label: '单价' },
    { id: 'rate', type: 'percent', label: '合格率', precision: 1 },
    { id: 'day', type: 'date', label: '到货日期' },
    { id: 'at', type: 'datetime', label: '检验时间' },
    { id: 'sel', type: 'select', label: '结论', options: [{ value: 'ok', label: '合格' }, { value: 'ng', label: '不合格' }] },
    { id: 'radio', type: 'select', display: 'radio', label: '处置', options: [{ value: 'accept', label: '接收' }, { value: 'return', label: '退货' }] },
    { id: 'defects', type: 'multiselect', display: 'checkbox', label: '缺陷', options: [{ value: 'scratch', label: '划伤' }, { value: 'dent', label: '变形' }] },
    { id: 'recheck', type: 'switch', label: '需复检' },
    { id: 'who', type: 'member', label: '检验员' },
    { id: 'dept', type: 'department', label: '部门' },
    { id: 'files', type: 'attachment', label: '附件' },
    { id: 'photos', type: 'image', label: '现场照片' },
    { id: 'sig', type: 'signature', label: '签名' },
    { id: 'loc', type: 'location', label: '位置' },
    { id: 'code', type: 'barcode', label: '物料码' },
    { id: 'sup', type: 'relation', label: '供应商', formId: 'suppliers', displayField: 'name', autofill: [{ from: 'code', to: 'supCode' }] },
    { id: 'supCode', type: 'text', label: '供应商编码' },
    { id: 'supName', type: 'lookup', label: '供应商名称', relationField: 'sup', targetField: 'name' },
    { id: 'lines', type: 'subform', label: '明细', fields: [
      { id: 'item', type: 'text', label: '物料' },
      { id: 'qty', type: 'number', label: '件数' },
      { id: 'each', type: 'money', label: '每件' },
      { id: 'amount', type: 'formula', label: '小计', formula: { text: '件数 * 每件' }, resultType: 'money' },
    ] },
    { id: 'total', type: 'formula', label: '合计', formula: { text: 'SUM(明细.小计)' }, resultType: 'money' },
    { id: 'no', type: 'serial', label: '单号', pattern: 'W-{yyyyMMdd}-{seq:3}' },
    { id: 'hint', type: 'description', label: '说明', content: '按 GB/T 2828.1 抽样' },
  ],
};

beforeAll(async () => {
  server = await startServer();
  expect((await server.api('POST', '/api/apps', { id: 'w', name: '控件' })).status).toBe(201);
  expect((await server.api('POST', '/api/apps/w/forms', { id: 'suppliers', title: '供应商', titleField: 'name', fields: [{ id: 'name', type: 'text', label: '名称', searchable: true }, { id: 'code', type: 'text', label: '编码' }] })).status).toBe(201);
  const f = await server.api('POST', '/api/apps/w/forms', form);
  if (f.status !== 201) throw new Error(JSON.stringify(f.json));
  await server.publish('w');
  expect((await server.api('POST', '/api/apps/w/forms/suppliers/records', { name: '华东精密', code: 'S-001' })).status).toBe(201);
  expect((await server.api('POST', '/api/departments', { name: '质量部' })).status).toBe(201);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, geolocation: { latitude: 31.2304, longitude: 121.4737 }, permissions: ['geolocation'], locale: 'zh-CN' });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, server);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until `read` gives `want` (the page updates after the event that caused it). */
async function until(read: () => Promise<string>, want: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  let got = await read();
  while (got !== want && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    got = await read();
  }
  expect(got).toBe(want);
}
const valueOf = (selector: string) => () => page.locator(selector).inputValue();

/** The antd dropdown option with this text, in the popup that is open. */
const option = (text: string) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText(text, { exact: true });

jest.setTimeout(120_000);

test('every widget enters its value and the saved record holds it', async () => {
  await page.goto(`${server.url}/apps/w/forms/all/new`);
  const posts = countRecordPosts(page);
  await page.locator('#f-txt').fill('  来料批次 A  ');
  await page.locator('#f-memo').fill('外观良好，无划伤');
  await page.locator('#f-num').fill('1,234.5');
  await page.locator('#f-price').fill('12.345');
  await page.locator('#f-rate').fill('95.5');
  expect(await page.locator('#f-rate').inputValue()).toBe('95.5');

  await page.locator('#f-day').click();
  await page.locator('#f-day').fill('2026-11-20');
  await page.locator('#f-day').press('Enter');
  // Enter confirms the date and does not submit the form (the required text is filled, so a
  // submit would save): checked here and, once the save has surely had time, at the end.
  expect(posts()).toBe(0);
  await page.locator('#f-at').click();
  await page.locator('#f-at').fill('2026-11-20 08:30');
  await page.locator('#f-at').press('Enter');

  await page.locator('#f-sel').click();
  await option('不合格').click();
  await page.getByRole('radio', { name: '退货' }).check();
  await page.getByRole('checkbox', { name: '划伤' }).check();
  await page.locator('#f-recheck').click();

  await page.locator('#f-who').click();
  await page.locator('#f-who').fill('Admin');
  await option('Administrator').click();
  await page.locator('#f-dept').click();
  await page.locator('.ant-select-tree').getByText('质量部').click();

  const uploads = page.locator('input[type=file]');
  await uploads.nth(0).setInputFiles({ name: '检验报告.txt', mimeType: 'text/plain', buffer: Buffer.from('合格') });
  await page.getByText('检验报告.txt').waitFor();
  await uploads.nth(1).setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('.ant-upload-list-item-container').nth(1).waitFor();

  await page.getByRole('button', { name: '签 名' }).or(page.getByRole('button', { name: '签名' })).first().click();
  const canvas = page.locator('.ant-modal canvas');
  // The dialog zooms in: draw once it has settled where it is.
  let box = (await canvas.boundingBox())!;
  for (let settled = false; !settled; ) {
    await page.waitForTimeout(100);
    const next = (await canvas.boundingBox())!;
    settled = next.x === box.x && next.y === box.y && next.width === box.width;
    box = next;
  }
  await page.mouse.move(box.x + 20, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 90, { steps: 8 });
  await page.mouse.move(box.x + 220, box.y + 50, { steps: 8 });
  await page.mouse.up();
  await page.locator('.ant-modal').getByRole('button', { name: /完\s*成/ }).click();
  await page.locator('img[alt="签名"]').waitFor();

  await page.getByRole('button', { name: /获取位置/ }).click();
  await page.locator('input[value="31.23040, 121.47370"]').waitFor();

  // A hand scanner types the code and presses Enter: the form must not submit.
  await page.locator('#f-code').fill('M-0001');
  await page.locator('#f-code').press('Enter');
  expect(posts()).toBe(0);

  await page.locator('#f-sup').click();
  await option('华东精密').click();
  await until(valueOf('#f-supCode'), 'S-001');
  await until(valueOf('#f-supName'), '华东精密');

  await page.getByRole('button', { name: /添加一行/ }).click();
  await page.locator('#f-lines-0-item').fill('六角螺栓');
  await page.locator('#f-lines-0-qty').fill('3');
  await page.locator('#f-lines-0-each').fill('0.1');
  await until(valueOf('#f-lines-0-amount'), '¥0.30');
  await until(valueOf('#f-total'), '¥0.30');
  await page.getByText('按 GB/T 2828.1 抽样').waitFor();
  await page.screenshot({ path: join(SHOTS, 'desktop-all-widgets.png'), fullPage: true });

  await page.getByRole('button', { name: /提\s*交/ }).click();
  await page.waitForURL(/\/apps\/w\/forms\/all$/).catch(async (e: Error) => {
    await page.screenshot({ path: join(SHOTS, 'desktop-all-widgets-failed.png'), fullPage: true });
    throw new Error(`${e.message}\non the page: ${(await page.locator('.ant-alert, .ant-message, .tessera-field-error').allInnerTexts()).join(' | ')}`);
  });
  expect(posts()).toBe(1); // the submit button's save, and no Enter before it saved anything

  const list = await server.api('GET', '/api/apps/w/forms/all/records');
  const [saved] = (list.json as { items: Array<Record<string, unknown>> }).items;
  const admin = (await server.api('GET', '/api/me')).json as { user: { _id: string } };
  const dept = ((await server.api('GET', '/api/departments')).json as { items: Array<{ _id: string; name: string }> }).items.find((d) => d.name === '质量部')!;
  expect(saved).toMatchObject({
    txt: '来料批次 A',
    memo: '外观良好，无划伤',
    num: 1234.5,
    price: 12.35,
    rate: 0.955,
    day: '2026-11-20',
    sel: 'ng',
    radio: 'return',
    defects: ['scratch'],
    recheck: true,
    who: admin.user._id,
    dept: dept._id,
    files: [expect.objectContaining({ name: '检验报告.txt', contentType: 'text/plain' })],
    photos: [expect.objectContaining({ name: 'photo.png' })],
    sig: expect.objectContaining({ name: 'signature.png', contentType: 'image/png' }),
    loc: { lat: 31.2304, lng: 121.4737 },
    code: 'M-0001',
    sup: { id: expect.any(String), display: '华东精密' },
    supCode: 'S-001',
    supName: '华东精密',
    lines: [expect.objectContaining({ item: '六角螺栓', qty: 3, each: 0.1, amount: 0.3 })],
    total: 0.3,
    no: expect.stringMatching(/^W-\d{8}-001$/),
  });
  // A datetime is stored as an instant in UTC; the tenant's zone (Asia/Shanghai) is +08:00 here.
  expect(typeof saved.at).toBe('string');
  expect(new Date(saved.at as string).toISOString()).toBe(saved.at);
});


test('keyboard only: Tab through a form, type, pick with the keyboard, submit with Ctrl+Enter', async () => {
  const kb = { id: 'kb', title: '键盘', fields: [
    { id: 'lot', type: 'text', label: '批次', required: true },
    { id: 'qty', type: 'number', label: '数量' },
    { id: 'result', type: 'select', label: '结论', options: [{ value: 'ok', label: '合格' }, { value: 'ng', label: '不合格' }] },
    { id: 'day', type: 'date', label: '日期' },
    { id: 'urgent', type: 'switch', label: '加急' },
    { id: 'note', type: 'textarea', label: '备注' },
  ] };
  expect((await server.api('POST', '/api/apps/w/forms', kb)).status).toBe(201);
  await server.publish('w');
  await page.goto(`${server.url}/apps/w/forms/kb/new`);
  const posts = countRecordPosts(page);
  const field = (id: string) => page.locator(`#f-${id}`);
  await field('lot').focus();
  await page.keyboard.type('L-7');
  await tabTo(page, field('qty'));
  await page.keyboard.type('12');
  await tabTo(page, field('result'));
  await page.keyboard.type('不合');
  // The typed text filters the options; Enter picks the active one once it is there (on a busy
  // machine the list can lag the keys, and an Enter before it left the selection empty).
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active[title="不合格"]').waitFor();
  await page.keyboard.press('Enter');
  // tabTo presses Tab only once the list has closed: while it shows, Tab picks again and stays.
  await tabTo(page, field('day'));
  await page.keyboard.type('2026-11-20');
  await page.keyboard.press('Enter'); // confirms the date; it does not submit (counted at the end)
  await tabTo(page, field('urgent'));
  await page.keyboard.press('Space');
  await tabTo(page, field('note'));
  await page.keyboard.type('夜班');
  await page.keyboard.press('Enter'); // a new line in a text area, not a submit
  await page.keyboard.type('复检');
  expect(posts()).toBe(0);
  await page.keyboard.press('Control+Enter');
  await page.waitForURL(/\/apps\/w\/forms\/kb$/);
  expect(posts()).toBe(1);
  const saved = ((await server.api('GET', '/api/apps/w/forms/kb/records')).json as { items: Array<Record<string, unknown>> }).items[0];
  expect(saved).toMatchObject({ lot: 'L-7', qty: 12, result: 'ng', day: '2026-11-20', urgent: true, note: '夜班\n复检' });
});
