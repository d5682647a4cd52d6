// Moving through a list's records and sharing and copying one (issue #10, item 7), in Debian's
// headless chromium against the real server: previous / next in the list's own search and sort,
// across a page boundary (the list's cursor), disabled at the ends, by buttons and by the
// keyboard; the record's address in the URL (a fresh tab opens the same record in the drawer, back
// closes it, copy link copies it); a copy of a record saved as exactly one new record with a new
// serial number, its formula worked out again, and the original left as it was.
import type { Browser, Page } from 'playwright-core';
import { countRecordPosts, launchChromium, shot, signIn, startServer, type Server } from './harness';

let server: Server;
let browser: Browser;
const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const recordsApi = '/api/apps/nav/forms/nvlot/records';
// The copy test's own form (jest runs the tests in any order: the others' counts stay as set up).
const copyApi = '/api/apps/nav/forms/nvcopy/records';

const form = {
  id: 'nvlot',
  title: label('批次检验', 'Lot inspections'),
  titleField: 'lot',
  fields: [
    { id: 'no', type: 'serial', label: label('单号', 'No.'), pattern: 'NV-{seq:3}' },
    { id: 'lot', type: 'text', searchable: true, label: label('批次', 'Lot') },
    { id: 'qty', type: 'number', label: label('数量', 'Quantity') },
    { id: 'double', type: 'formula', label: label('双倍数量', 'Double'), formula: { text: '数量 * 2' }, resultType: 'number' },
    { id: 'result', type: 'select', label: label('结论', 'Result'), options: [{ value: 'pass', label: label('合格', 'Pass'), color: 'green' }, { value: 'fail', label: label('不合格', 'Fail'), color: 'red' }] },
    { id: 'report', type: 'attachment', label: label('检验报告', 'Report') },
  ],
};

// 25 lots the search "N-" finds (quantities shuffled, so sorting by quantity is not the order of
// creation) and 5 it does not: the list's first page (20) ends inside the search.
const QTY = [17, 3, 22, 9, 14, 1, 25, 6, 19, 11, 8, 23, 2, 15, 20, 5, 12, 24, 7, 18, 10, 4, 21, 13, 16];
const lots = QTY.map((qty, i) => ({ lot: `N-${String(i + 1).padStart(2, '0')}`, qty }));
/** The lots in the list's order once sorted by quantity, ascending. */
const byQty = [...lots].sort((a, b) => a.qty - b.qty).map((l) => l.lot);
const idOf: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  expect((await server.api('POST', '/api/apps', { id: 'nav', name: label('检验', 'Quality') })).status).toBe(201);
  const f = await server.api('POST', '/api/apps/nav/forms', form);
  if (f.status !== 201) throw new Error(JSON.stringify(f.json));
  expect((await server.api('POST', '/api/apps/nav/forms', { ...form, id: 'nvcopy', title: label('批次复核', 'Lot reviews') })).status).toBe(201);
  await server.publish('nav');
  for (const lot of ['C-01', 'C-02', 'C-03']) expect((await server.api('POST', copyApi, { lot, qty: 22, result: 'pass' })).status).toBe(201);
  for (const { lot, qty } of lots) {
    const r = await server.api('POST', recordsApi, { lot, qty, result: qty % 3 ? 'pass' : 'fail' });
    if (r.status !== 201) throw new Error(JSON.stringify(r.json));
    idOf[lot] = (r.json as { _id: string })._id;
  }
  for (let i = 1; i <= 5; i++) expect((await server.api('POST', recordsApi, { lot: `X-${i}`, qty: 100 + i })).status).toBe(201);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The record's drawer (antd's panel). */
const drawer = (page: Page) => page.locator('.ant-drawer-section');
const prev = (page: Page) => page.getByRole('button', { name: '上一条' });
const next = (page: Page) => page.getByRole('button', { name: '下一条' });
/** The record on screen: its lot in the record view (drawer or page) and its place in the list. */
async function showing(page: Page, lot: string) {
  const scope = page.locator('.tessera-record-nav');
  await page.locator('.ant-descriptions-item-content').getByText(lot, { exact: true }).waitFor();
  await scope.getByText(`${byQty.indexOf(lot) + 1} / 25`, { exact: true }).waitFor();
}
const recordParam = (page: Page) => new URL(page.url()).searchParams.get('record');

/** The list searched for "N-" and sorted by quantity, ascending (first page loaded). */
async function searchedAndSorted(page: Page) {
  await page.goto(`${server.url}/apps/nav/forms/nvlot`);
  await page.getByText('共 30 条').waitFor();
  await page.getByRole('searchbox', { name: '搜索' }).or(page.getByRole('textbox', { name: '搜索' })).fill('N-');
  await page.keyboard.press('Enter');
  await page.getByText('共 25 条').waitFor();
  await page.getByRole('columnheader', { name: '数量', exact: true }).click();
  await page.waitForFunction((first) => document.querySelector('.ant-table-row a')?.textContent === first, byQty[0]);
  expect(await page.locator('.ant-table-row').count()).toBe(20);
}

test('desktop: previous / next in the searched, sorted list, across its page boundary, disabled at the ends', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const pages: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (r.method() === 'GET' && u.pathname === recordsApi) pages.push(u.search);
  });
  await signIn(page, server, { locale: 'zh-CN' });
  await searchedAndSorted(page);

  // The 20th row (the last loaded): next asks the server for the next page with the list's cursor.
  await page.locator('.ant-table-row').nth(19).getByRole('link').click();
  await showing(page, byQty[19]);
  expect(recordParam(page)).toBe(idOf[byQty[19]]);
  const before = pages.length;
  await next(page).click();
  await showing(page, byQty[20]);
  expect(recordParam(page)).toBe(idOf[byQty[20]]);
  const asked = new URLSearchParams(pages[before]);
  expect({ q: asked.get('q'), sort: asked.get('sort'), hasCursor: !!asked.get('cursor') }).toEqual({ q: 'N-', sort: 'qty', hasCursor: true });
  await page.waitForTimeout(300);
  await shot(page, 'record-nav-desktop');

  // The keyboard: alt+↑ goes back over the boundary, alt+↓ forward, j / k as well.
  await page.keyboard.press('Alt+ArrowUp');
  await showing(page, byQty[19]);
  await page.keyboard.press('j');
  await showing(page, byQty[20]);
  await page.keyboard.press('k');
  await showing(page, byQty[19]);

  // The last record of the list: next is disabled (no further page).
  for (let i = 20; i <= 24; i++) {
    await page.keyboard.press('Alt+ArrowDown');
    await showing(page, byQty[i]);
  }
  expect(await next(page).isDisabled()).toBe(true);
  expect(await prev(page).isDisabled()).toBe(false);
  const asks = pages.length;
  await page.keyboard.press('Alt+ArrowDown');
  await page.waitForTimeout(300);
  await showing(page, byQty[24]);
  expect(pages.length).toBe(asks);

  // The first: previous is disabled.
  await page.locator('.ant-drawer-close').click();
  await drawer(page).waitFor({ state: 'hidden' });
  await page.locator('.ant-table-row').first().getByRole('link').click();
  await showing(page, byQty[0]);
  expect(await prev(page).isDisabled()).toBe(true);
  await next(page).click();
  await showing(page, byQty[1]);
  await page.close();
}, 120_000);

test('desktop: the URL names the open record; a fresh tab opens it, back and close restore the list', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await signIn(page, server, { locale: 'zh-CN' });
  await page.goto(`${server.url}/apps/nav/forms/nvlot`);
  await page.getByText('共 30 条').waitFor();
  const listUrl = page.url();
  await page.getByRole('link', { name: 'N-20', exact: true }).click();
  await page.locator('.ant-descriptions-item-content').getByText('N-20', { exact: true }).waitFor();
  expect(recordParam(page)).toBe(idOf['N-20']);

  // Copy link: the record's address, and a message that says so.
  await page.getByRole('button', { name: '复制链接' }).click();
  await page.getByText('链接已复制').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${server.url}/apps/nav/forms/nvlot?record=${idOf['N-20']}`);

  // Back closes the drawer and brings the list's URL back.
  await page.goBack();
  await drawer(page).waitFor({ state: 'hidden' });
  expect(page.url()).toBe(listUrl);

  // A fresh tab with the copied address: the same record in the drawer over the list.
  const fresh = await context.newPage();
  await fresh.goto(copied);
  await fresh.locator('.ant-drawer-section .ant-descriptions-item-content').getByText('N-20', { exact: true }).waitFor();
  await fresh.getByText('共 30 条').waitFor();
  // Closing it leaves the list, at the list's URL.
  await fresh.locator('.ant-drawer-close').click();
  await drawer(fresh).waitFor({ state: 'hidden' });
  expect(fresh.url()).toBe(listUrl);
  await context.close();
}, 120_000);

test('copy: one new record with the values, a new serial number, the formula worked out again; the original unchanged', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const posts = countRecordPosts(page);
  await signIn(page, server, { locale: 'zh-CN' });
  const before = (await server.api('GET', `${copyApi}?limit=200`)).json as { total: number; items: Array<Record<string, unknown>> };
  const id = before.items.find((r) => r.lot === 'C-02')!._id as string;
  const original = (await server.api('GET', `${copyApi}/${id}`)).json as Record<string, unknown>;
  expect(original).toMatchObject({ lot: 'C-02', qty: 22, double: 44, result: 'pass', no: expect.stringMatching(/^NV-\d{3}$/) });
  const total = before.total;

  await page.goto(`${server.url}/apps/nav/forms/nvcopy?record=${id}`);
  await page.locator('.ant-descriptions-item-content').getByText('C-02', { exact: true }).waitFor();
  await page.getByRole('button', { name: '复制', exact: true }).click();
  await page.waitForURL(/\/new\?copy=/);
  await page.locator('#f-lot').waitFor();
  expect(await page.locator('#f-lot').inputValue()).toBe('C-02');
  expect(await page.locator('#f-qty').inputValue()).toBe('22');
  await page.getByText('附件和图片不会复制（检验报告）', { exact: false }).waitFor();
  await page.waitForTimeout(300);
  await shot(page, 'record-nav-copy-desktop');
  await page.locator('#f-qty').fill('23');
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByText('提交成功').waitFor();
  // The new record opens (in the drawer over the list).
  await page.locator('.ant-drawer-section .ant-descriptions-item-content').getByText('C-02', { exact: true }).waitFor();
  expect(posts()).toBe(1);

  const after = (await server.api('GET', `${copyApi}?limit=200&sort=_createdAt`)).json as { total: number; items: Array<Record<string, unknown>> };
  expect(after.total).toBe(total + 1);
  const copies = after.items.filter((r) => r.lot === 'C-02');
  expect(copies).toHaveLength(2);
  const copy = copies.find((r) => r._id !== id)!;
  expect(recordParam(page)).toBe(copy._id);
  // A serial number of its own, the next one (the original's stays); the formula from the new quantity.
  const serials = before.items.map((r) => r.no as string).sort();
  expect(copy).toMatchObject({ lot: 'C-02', qty: 23, double: 46, result: 'pass' });
  expect(serials).not.toContain(copy.no);
  expect(copy.no).toBe(`NV-${String(Number(serials[serials.length - 1].slice(3)) + 1).padStart(3, '0')}`);
  expect((await server.api('GET', `${copyApi}/${id}`)).json).toEqual(original);
  await page.close();
}, 120_000);

test('phone: a record page steps through the list, and a copy opens on its own page', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await signIn(page, server, { locale: 'zh-CN' });
  await page.goto(`${server.url}/apps/nav/forms/nvlot`);
  await page.getByText('共 30 条').waitFor();
  // Newest first: X-5 … X-1, then N-25 ….
  await page.getByRole('link', { name: 'X-5', exact: true }).click();
  await page.waitForURL(new RegExp(`/records/${'[^/?]+'}$`));
  await page.locator('.ant-descriptions-item-content').getByText('X-5', { exact: true }).waitFor();
  await page.locator('.tessera-record-nav').getByText('1 / 30', { exact: true }).waitFor();
  await next(page).click();
  await page.locator('.ant-descriptions-item-content').getByText('X-4', { exact: true }).waitFor();
  await page.locator('.tessera-record-nav').getByText('2 / 30', { exact: true }).waitFor();
  await page.waitForTimeout(300);
  await shot(page, 'record-nav-phone');
  // The page is the record's address; back leaves for the list.
  await page.getByRole('button', { name: '复制', exact: true }).click();
  await page.waitForURL(/\/new\?copy=/);
  expect(await page.locator('#f-lot').inputValue()).toBe('X-4');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await page.waitForTimeout(300);
  await shot(page, 'record-nav-copy-phone');
  await page.close();
}, 120_000);
