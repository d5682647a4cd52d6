// The record detail and the record form as people meet them (issue #10), in Debian's headless
// chromium against the real server: members by name, a looked-up select by its label and tag,
// defaults filled in before submitting, units on number inputs, a conditional required mark,
// aria-required / aria-invalid / aria-describedby, a network failure in words, a conflict (409)
// that keeps the user's edits, a phone that never scrolls sideways, and datetimes typed in the
// tenant's zone (Asia/Shanghai) whatever the browser's zone.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shot, SHOTS, signIn, startServer, type Server } from './harness';

let server: Server;
let browser: Browser;
const ids = { zhang: '', admin: '', record: '', supA: '' };
let adminName = '';

const suppliers = {
  id: 'sup',
  title: { 'zh-CN': '供应商', 'en-US': 'Suppliers' },
  titleField: 'name',
  fields: [
    { id: 'name', type: 'text', label: { 'zh-CN': '名称', 'en-US': 'Name' }, searchable: true },
    { id: 'grade', type: 'select', label: { 'zh-CN': '等级', 'en-US': 'Grade' }, options: [
      { value: 'A', label: { 'zh-CN': 'A 级', 'en-US': 'Grade A' }, color: 'green' },
      { value: 'B', label: { 'zh-CN': 'B 级', 'en-US': 'Grade B' }, color: 'orange' },
    ] },
  ],
};

const form = {
  id: 'iqc',
  title: { 'zh-CN': '来料检验', 'en-US': 'Incoming inspection' },
  titleField: 'lot',
  fields: [
    { id: 'lot', type: 'text', required: true, label: { 'zh-CN': '批次', 'en-US': 'Lot' } },
    { id: 'owner', type: 'member', label: { 'zh-CN': '负责人', 'en-US': 'Owner' } },
    { id: 'sup', type: 'relation', formId: 'sup', displayField: 'name', label: { 'zh-CN': '供应商', 'en-US': 'Supplier' } },
    { id: 'grade', type: 'lookup', relationField: 'sup', targetField: 'grade', label: { 'zh-CN': '供应商等级', 'en-US': 'Supplier grade' } },
    { id: 'day', type: 'date', label: { 'zh-CN': '检验日期', 'en-US': 'Inspection date' }, default: { formula: { text: 'TODAY()' } } },
    { id: 'qty', type: 'number', label: { 'zh-CN': '检验数量', 'en-US': 'Quantity' }, unit: { 'zh-CN': '件', 'en-US': 'pcs' } },
    { id: 'result', type: 'select', label: { 'zh-CN': '结论', 'en-US': 'Result' }, options: [
      { value: 'pass', label: { 'zh-CN': '合格', 'en-US': 'Pass' }, color: 'green' },
      { value: 'fail', label: { 'zh-CN': '不合格', 'en-US': 'Fail' }, color: 'red' },
    ] },
    { id: 'reason', type: 'text', label: { 'zh-CN': '不合格原因', 'en-US': 'Reason' }, requiredIf: { '==': [{ var: 'result' }, 'fail'] } },
    { id: 'at', type: 'datetime', label: { 'zh-CN': '检验时间', 'en-US': 'Inspected at' } },
    { id: 'rows', type: 'subform', label: { 'zh-CN': '检验明细', 'en-US': 'Checks' }, fields: [
      { id: 'item', type: 'text', label: { 'zh-CN': '检验项目名称', 'en-US': 'Check item' } },
      { id: 'n', type: 'number', label: { 'zh-CN': '抽样数量', 'en-US': 'Sample size' }, unit: { 'zh-CN': '件', 'en-US': 'pcs' } },
      { id: 'by', type: 'member', label: { 'zh-CN': '检验员', 'en-US': 'Inspector' } },
      { id: 'note', type: 'text', label: { 'zh-CN': '检验结果说明', 'en-US': 'Notes' } },
    ] },
  ],
};

const recordsApi = '/api/apps/rv/forms/iqc/records';
const todayShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

beforeAll(async () => {
  server = await startServer();
  const r = await server.api('POST', '/api/users', { username: 'zhangsan', password: 'browser-pass-1234', displayName: '张三' });
  expect(r.status).toBe(201);
  ids.zhang = (r.json as { user: { _id: string } }).user._id;
  const me = ((await server.api('GET', '/api/me')).json as { user: { _id: string; displayName: string } }).user;
  ids.admin = me._id;
  adminName = me.displayName;
  expect((await server.api('POST', '/api/apps', { id: 'rv', name: { 'zh-CN': '检验', 'en-US': 'Quality' } })).status).toBe(201);
  expect((await server.api('POST', '/api/apps/rv/forms', suppliers)).status).toBe(201);
  const f = await server.api('POST', '/api/apps/rv/forms', form);
  if (f.status !== 201) throw new Error(JSON.stringify(f.json));
  await server.publish('rv');
  const s = await server.api('POST', '/api/apps/rv/forms/sup/records', { name: '华东精密', grade: 'A' });
  expect(s.status).toBe(201);
  ids.supA = (s.json as { _id: string })._id;
  ids.record = await newRecord('L-42');
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A record with subform rows, owned by 张三, from supplier A. */
async function newRecord(lot: string): Promise<string> {
  const created = await server.api('POST', recordsApi, {
    lot, owner: ids.zhang, sup: { id: ids.supA }, qty: 120, result: 'pass', at: '2026-11-22T00:30:00.000Z',
    rows: [{ item: '外观检查', n: 5, by: ids.zhang, note: '无划伤、无变形' }, { item: '尺寸测量', n: 3, by: ids.admin, note: '符合图纸' }],
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.json));
  return (created.json as { _id: string })._id;
}
const getRecord = async (id: string) => (await server.api('GET', `${recordsApi}/${id}`)).json as Record<string, unknown>;

/** No user id, no stored option value, no English-only error on the page. */
async function readable(page: Page) {
  // The text on screen: a closed dropdown's hidden list (values for antd's own bookkeeping) aside.
  const text = await page.evaluate(() => {
    const hidden = [...document.querySelectorAll<HTMLElement>('.ant-select-dropdown-hidden, .ant-select-dropdown [role=listbox]')];
    hidden.forEach((e) => (e.dataset.display = e.style.display, e.style.display = 'none'));
    const out = document.body.innerText;
    hidden.forEach((e) => (e.style.display = e.dataset.display ?? ''));
    return out;
  });
  for (const id of [ids.zhang, ids.admin, ids.supA]) expect(text).not.toContain(id);
  expect(text).not.toContain('Failed to fetch');
  expect(text).not.toMatch(/\bpass\b|\bfail\b/);
}

const editButton = (page: Page) => page.getByRole('button', { name: /^(编\s*辑|Edit)$/ });

test('zh-CN record page: people by name, the looked-up grade as its tag, one back button in edit mode', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'zh-CN' });
  await page.goto(`${server.url}/apps/rv/forms/iqc/records/${ids.record}`);
  await page.getByRole('tab', { name: '历史' }).waitFor();
  // 1. Members by name (item 5), in the fields and the subform rows.
  await page.getByText('张三', { exact: true }).first().waitFor();
  await page.getByRole('cell', { name: adminName, exact: true }).waitFor();
  // 2. The lookup of a select shows the option's label as a tag (item 6).
  const gradeTag = page.locator('.ant-descriptions-item-content .ant-tag', { hasText: 'A 级' });
  await gradeTag.waitFor();
  expect(await gradeTag.innerText()).toBe('A 级');
  // 3. The number with its unit; the datetime in the tenant's zone.
  await page.getByText('120 件', { exact: true }).waitFor();
  await page.getByText('2026-11-22 08:30', { exact: true }).waitFor();
  await readable(page);
  await shot(page, 'record-views-desktop-record');

  // 4. Editing: names in the pickers, the grade's label, the unit, one back button (item 11d).
  await editButton(page).click();
  await page.locator('#f-owner').waitFor();
  await page.waitForFunction(() => (document.querySelector('.ant-select:has(#f-owner)') as HTMLElement | null)?.innerText.trim() === '张三');
  expect(await page.locator('#f-grade').inputValue()).toBe('A 级');
  expect(await page.locator('.ant-input-affix-wrapper:has(#f-qty) .ant-input-suffix').innerText()).toBe('件');
  expect(await page.getByRole('button', { name: /^返\s*回$/ }).count()).toBe(1);
  await readable(page);
  await shot(page, 'record-views-desktop-edit');
  await page.close();
}, 120_000);

test('the history reads a looked-up select by its labels, before → after', async () => {
  const b = await server.api('POST', '/api/apps/rv/forms/sup/records', { name: '华南五金', grade: 'B' });
  expect(b.status).toBe(201);
  const id = await newRecord('L-HIST');
  const rec = await getRecord(id);
  expect((await server.api('PATCH', `${recordsApi}/${id}`, { sup: { id: (b.json as { _id: string })._id }, _v: rec._v })).status).toBe(200);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'zh-CN' });
  await page.goto(`${server.url}/apps/rv/forms/iqc/records/${id}`);
  const change = page.locator('.ant-timeline').getByText(/^供应商等级:/);
  await change.waitFor();
  expect(await change.innerText()).toBe('供应商等级: A 级 → B 级');
  await readable(page);
  await page.close();
}, 120_000);

test('phone: a record with subform rows does not scroll sideways, labels read as words, one back button', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await signIn(page, server, { locale: 'zh-CN' });
  await page.goto(`${server.url}/apps/rv/forms/iqc/records/${ids.record}`);
  await page.getByRole('tab', { name: '历史' }).waitFor();
  await page.getByText('外观检查').first().waitFor();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await overflow()).toBeLessThanOrEqual(390);
  // A label on one line: "检验数量" is about 4 characters wide, not one character per line.
  const label = page.locator('.ant-descriptions-item-label', { hasText: '检验数量' });
  const box = (await label.boundingBox())!;
  expect(box.height).toBeLessThan(40);
  await readable(page);
  await page.screenshot({ path: `${SHOTS}/record-views-phone-record.png`, fullPage: true });

  await editButton(page).click();
  await page.locator('#f-lot').waitFor();
  expect(await page.getByRole('button', { name: /^返\s*回$/ }).count()).toBe(1);
  expect(await overflow()).toBeLessThanOrEqual(390);
  await shot(page, 'record-views-phone-edit');
  await page.close();
}, 120_000);

test('new record: the default date, the unit, the conditional required mark and the aria attributes', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'zh-CN' });
  await page.goto(`${server.url}/apps/rv/forms/iqc/new`);
  await page.locator('#f-lot').waitFor();
  // 1. The default is in the form before submitting (item 7), although 批次 is required.
  expect(await page.locator('#f-day').inputValue()).toBe(todayShanghai());
  // 2. The unit as the input's suffix (item 8).
  expect(await page.locator('.ant-input-affix-wrapper:has(#f-qty) .ant-input-suffix').innerText()).toBe('件');
  // 3. 不合格原因 is required only when the result is 不合格 (item 8).
  const reasonLabel = page.locator('label[for="f-reason"]');
  expect(await reasonLabel.getAttribute('class')).not.toContain('ant-form-item-required');
  expect(await page.locator('#f-reason').getAttribute('aria-required')).not.toBe('true');
  expect(await page.locator('#f-lot').getAttribute('aria-required')).toBe('true');
  await page.locator('#f-result').click();
  await page.locator('.ant-select-item-option', { hasText: '不合格' }).click();
  await page.waitForFunction(() => document.querySelector('label[for="f-reason"]')?.classList.contains('ant-form-item-required'));
  expect(await page.locator('#f-reason').getAttribute('aria-required')).toBe('true');
  await shot(page, 'record-views-desktop-new');
  // 4. Submitting empty: the error is the input's description, and it is invalid (item 12b).
  await page.getByRole('button', { name: /^提\s*交$/ }).click();
  await page.locator('#f-lot[aria-invalid="true"]').waitFor();
  const describedBy = await page.locator('#f-lot').getAttribute('aria-describedby');
  expect(describedBy).toBeTruthy();
  expect(await page.locator(`[id="${describedBy}"]`).innerText()).toBe('请填写批次');
  const reasonDescribed = await page.locator('#f-reason').getAttribute('aria-describedby');
  expect(await page.locator(`[id="${reasonDescribed}"]`).innerText()).toBe('请填写不合格原因');
  expect(await page.locator('#f-reason').getAttribute('aria-invalid')).toBe('true');
  // 5. Back to 合格: no mark, no longer required.
  await page.locator('#f-result').click();
  await page.locator('.ant-select-item-option', { hasText: /^合格$/ }).click();
  await page.waitForFunction(() => !document.querySelector('label[for="f-reason"]')?.classList.contains('ant-form-item-required'));
  await readable(page);
  await shot(page, 'record-views-desktop-new-errors');
  await page.close();
}, 120_000);

test('a save that cannot reach the server says so in words and keeps the input', async () => {
  const id = await newRecord('L-NET');
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'zh-CN' });
  await page.goto(`${server.url}/apps/rv/forms/iqc/records/${id}`);
  await editButton(page).click();
  await page.locator('#f-lot').fill('L-NET-2');
  await page.route(`**${recordsApi}/${id}`, (r) => (r.request().method() === 'PATCH' ? r.abort('internetdisconnected') : r.continue()));
  await page.getByRole('button', { name: /^保\s*存$/ }).click();
  await page.getByText('无法连接服务器，请检查网络后重试').first().waitFor();
  expect(await page.getByText('Failed to fetch').count()).toBe(0);
  expect(await page.locator('#f-lot').inputValue()).toBe('L-NET-2');
  await page.close();
}, 120_000);

test('a conflict (409) shows on screen and reapplies the edits on the fresh record', async () => {
  const id = await newRecord('L-409');
  // A short window: the form is longer than it, and the person is at its end when saving.
  const page = await browser.newPage({ viewport: { width: 1440, height: 600 } });
  await signIn(page, server, { locale: 'zh-CN' });
  await page.goto(`${server.url}/apps/rv/forms/iqc/records/${id}`);
  await editButton(page).click();
  await page.locator('#f-lot').fill('L-409-mine');
  // 1. Someone else changes another field meanwhile.
  const theirs = await getRecord(id);
  expect((await server.api('PATCH', `${recordsApi}/${id}`, { qty: 130, _v: theirs._v })).status).toBe(200);
  // 2. Saving from the end of the form: the warning comes where the user is looking.
  await page.locator('#f-rows-1-note').scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: /^保\s*存$/ }).click();
  const warning = page.getByRole('alert').filter({ hasText: '记录已被他人修改' });
  await warning.waitFor();
  await page.waitForFunction(() => {
    const el = [...document.querySelectorAll('[role=alert]')].find((e) => e.textContent?.includes('记录已被他人修改'));
    const r = el?.getBoundingClientRect();
    return !!r && r.top >= 0 && r.bottom <= window.innerHeight;
  });
  await shot(page, 'record-views-desktop-conflict');
  // 3. Keep my edits: the fresh record (their 130) with my lot on top, saved again.
  await warning.getByRole('button', { name: '保留我的修改' }).click();
  await page.waitForFunction(() => (document.querySelector('#f-qty') as HTMLInputElement | null)?.value === '130');
  expect(await page.locator('#f-lot').inputValue()).toBe('L-409-mine');
  await page.getByRole('button', { name: /^保\s*存$/ }).click();
  await page.getByText('L-409-mine', { exact: true }).first().waitFor();
  const saved = await getRecord(id);
  expect({ lot: saved.lot, qty: saved.qty }).toEqual({ lot: 'L-409-mine', qty: 130 });
  await page.close();
}, 120_000);

test('en-US: a conflict can also discard the edits, in English', async () => {
  const id = await newRecord('L-410');
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'en-US' });
  await page.goto(`${server.url}/apps/rv/forms/iqc/records/${id}`);
  await page.locator('.ant-descriptions-item-content .ant-tag', { hasText: 'Grade A' }).waitFor();
  await page.getByText('120 pcs', { exact: true }).waitFor();
  await editButton(page).click();
  await page.locator('#f-lot').fill('L-410-mine');
  const theirs = await getRecord(id);
  expect((await server.api('PATCH', `${recordsApi}/${id}`, { qty: 140, _v: theirs._v })).status).toBe(200);
  await page.getByRole('button', { name: 'Save' }).click();
  const warning = page.getByRole('alert').filter({ hasText: 'Someone else changed this record' });
  await warning.getByRole('button', { name: 'Keep my changes' }).waitFor();
  await shot(page, 'record-views-desktop-conflict-en');
  await warning.getByRole('button', { name: 'Discard my changes' }).click();
  await page.getByText('140 pcs', { exact: true }).waitFor();
  await page.getByText('L-410', { exact: true }).first().waitFor();
  expect((await getRecord(id)).lot).toBe('L-410');
  await readable(page);
  await page.close();
}, 120_000);

test('a datetime typed in a browser set to UTC is the tenant\'s (Asia/Shanghai) wall-clock time', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' });
  const page = await context.newPage();
  await signIn(page, server, { locale: 'zh-CN' });
  await page.goto(`${server.url}/apps/rv/forms/iqc/new`);
  await page.locator('#f-lot').fill('L-TZ');
  await page.locator('#f-at').click();
  await page.locator('#f-at').fill('2026-11-22 08:30');
  await page.locator('#f-at').press('Enter');
  await page.getByRole('button', { name: /^提\s*交$/ }).click();
  await page.waitForURL(/\/forms\/iqc$/);
  const list = (await server.api('GET', `${recordsApi}?filter=${encodeURIComponent(JSON.stringify({ lot: 'L-TZ' }))}`)).json as { items: Array<Record<string, unknown>> };
  expect(list.items.map((r) => r.at)).toEqual(['2026-11-22T00:30:00.000Z']);
  // Shown the same way it was typed, in the record and in its edit form.
  await page.goto(`${server.url}/apps/rv/forms/iqc/records/${list.items[0]._id as string}`);
  await page.getByText('2026-11-22 08:30', { exact: true }).waitFor();
  await editButton(page).click();
  expect(await page.locator('#f-at').inputValue()).toBe('2026-11-22 08:30');
  await context.close();
}, 120_000);
