// The kanban view (issue #10) as people use it, in Debian's headless chromium against the real
// server: a kanban view made through the API opens with a column per option (labels and tags,
// never stored values), a card dragged to another column changes the record, a move a rule
// refuses puts the card back and says why, a card moves from its menu by keyboard, a column
// folds, a failed load says so with a retry, and on a phone the columns scroll sideways.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shot, signIn, startServer, type Server } from './harness';
import { settle } from './list-helpers';
import { center, drag, until } from './designer-helpers';

let server: Server;
let browser: Browser;
let viewId = '';
const ids: Record<string, string> = {};
const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const OWNER = { username: 'kbzhao', password: 'browser-pass-1234', displayName: '赵敏' };

const form = {
  id: 'kbtask',
  title: label('检验任务', 'Inspection tasks'),
  titleField: 'lot',
  fields: [
    { id: 'lot', type: 'text', searchable: true, label: label('批次', 'Lot') },
    { id: 'result', type: 'select', label: label('结论', 'Result'), options: [{ value: 'pending', label: label('待检', 'Pending'), color: 'blue' }, { value: 'pass', label: label('合格', 'Pass'), color: 'green' }, { value: 'fail', label: label('不合格', 'Fail'), color: 'red' }] },
    { id: 'qty', type: 'number', label: label('数量', 'Quantity'), unit: '件' },
    { id: 'owner', type: 'member', label: label('检验员', 'Inspector') },
    { id: 'remark', type: 'text', label: label('备注', 'Remark') },
  ],
  // A failed lot needs a remark: the rule a drag into 不合格 meets.
  rules: [{ id: 'fail_needs_remark', logic: { or: [{ '!=': [{ var: 'result' }, 'fail'] }, { '!!': [{ var: 'remark' }] }] }, message: label('结论为不合格时必须填写备注', 'A failed lot needs a remark') }],
};
const LOTS: Array<[string, string | null, number, string | null]> = [
  ['K-01', 'pending', 120, '外观良好'], ['K-02', 'pending', 80, null], ['K-03', 'pending', 45, null], ['K-04', 'pass', 200, null],
  ['K-05', 'pass', 60, null], ['K-06', 'fail', 30, '尺寸超差'], ['K-07', null, 90, null], ['K-08', 'pending', 15, null],
];

beforeAll(async () => {
  server = await startServer();
  expect((await server.api('POST', '/api/apps', { id: 'kbb', name: label('质量看板', 'Quality board') })).status).toBe(201);
  const made = await server.api('POST', '/api/apps/kbb/forms', form);
  expect([made.status, made.json]).toMatchObject([201, {}]);
  await server.publish('kbb');
  ids.owner = ((await server.api('POST', '/api/users', OWNER)).json as { user: { _id: string } }).user._id;
  for (const [lot, result, qty, remark] of LOTS) {
    const res = await server.api('POST', '/api/apps/kbb/forms/kbtask/records', { lot, qty, owner: ids.owner, ...(result ? { result } : {}), ...(remark ? { remark } : {}) });
    expect(res.status).toBe(201);
    ids[lot] = (res.json as { _id: string })._id;
  }
  const view = await server.api('POST', '/api/apps/kbb/forms/kbtask/views', { name: '按结论', type: 'kanban', shared: true, config: { kanban: { by: 'result', cardFields: ['qty', 'owner'] } } });
  expect(view.status).toBe(201);
  viewId = (view.json as { id: string }).id;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const record = async (lot: string) => (await server.api('GET', `/api/apps/kbb/forms/kbtask/records/${ids[lot]}`)).json as { result?: string | null; _v: number };
const column = (page: Page, key: string) => page.locator(`section[data-column="${key}"]`);
const card = (page: Page, lot: string) => page.locator(`[data-record="${ids[lot]}"]`);

async function openBoard(page: Page, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  await signIn(page, server, { locale });
  await page.goto(`${server.url}/apps/kbb/forms/kbtask?view=${viewId}`);
  await page.getByRole('region', { name: locale === 'zh-CN' ? '看板：按“结论”分列' : 'Kanban by “Result”' }).waitFor();
  await card(page, 'K-01').waitFor();
}

/** Drags a card by its body (not its link) onto a column, letting go once the column is announced. */
async function dragCard(page: Page, lot: string, to: string, toName: string) {
  const box = (await card(page, lot).boundingBox())!;
  await drag(page, { x: box.x + box.width / 2, y: box.y + box.height - 8 }, await center(column(page, to)), { over: `“${lot}”在“${toName}”上` });
}

/** Nothing raw on screen: no stored option value, no user id, no network wording. */
async function noRawValues(page: Page) {
  const text = await page.locator('main, body').first().innerText();
  for (const raw of ['pending', 'fail', ids.owner, 'Failed to fetch', 'undefined', 'NaN']) expect({ raw, shown: text.includes(raw) }).toEqual({ raw, shown: false });
}

test('zh-CN: a column per option with its tag and count, the blank column, cards with their fields by name', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await openBoard(page);
  // 1. The options in the form's order, then the records without a result.
  const names = await page.locator('section[data-column]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(names.map((n) => n?.replace(/，\d+ 条$/, ''))).toEqual(['待检', '合格', '不合格', '（未填写）']);
  await column(page, 'fail').getByText('K-06').waitFor();
  await column(page, '').getByText('K-07').waitFor();
  // 2. Card fields as the list shows them: the unit, the inspector's name.
  await card(page, 'K-04').getByText('200 件').waitFor();
  await card(page, 'K-04').getByText('赵敏').waitFor();
  await settle(page);
  await shot(page, 'kanban-desktop');
  await noRawValues(page);
  await page.close();
});

test('a card dragged to another column changes the record, through the validated write', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await openBoard(page);
  const before = await record('K-01');
  await dragCard(page, 'K-01', 'pass', '合格');
  await column(page, 'pass').locator(`[data-record="${ids['K-01']}"]`).waitFor();
  await page.getByText('已将“K-01”移到“合格”').waitFor();
  const after = await record('K-01');
  expect([after.result, after._v]).toEqual(['pass', before._v + 1]);
  await page.close();
});

test('a move the rule refuses puts the card back and shows the reason; the record is unchanged', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await openBoard(page);
  const before = await record('K-02');
  await dragCard(page, 'K-02', 'fail', '不合格');
  const alert = page.getByRole('alert').filter({ hasText: '结论为不合格时必须填写备注' });
  await alert.waitFor();
  expect(await alert.innerText()).toContain('“K-02”没有移到“不合格”');
  await column(page, 'pending').locator(`[data-record="${ids['K-02']}"]`).waitFor();
  expect(await column(page, 'fail').locator(`[data-record="${ids['K-02']}"]`).count()).toBe(0);
  await settle(page);
  await shot(page, 'kanban-refused');
  expect(await record('K-02')).toEqual(before);
  await page.close();
});

test('keyboard: a card moves from its menu to another column', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await openBoard(page);
  await page.getByRole('button', { name: '“K-03”的操作' }).focus();
  await page.keyboard.press('Enter');
  const item = page.getByRole('menuitem', { name: '移动到“（未填写）”' });
  await item.waitFor();
  await item.focus();
  await page.keyboard.press('Enter');
  await column(page, '').locator(`[data-record="${ids['K-03']}"]`).waitFor();
  // The card moves at once; the write follows, so read the record until it lands (or time runs out).
  expect(await until(async () => (await record('K-03')).result ?? null, null, 10_000)).toBeNull();
  await page.close();
});

test('a column folds to a strip and unfolds', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await openBoard(page);
  const wide = (await column(page, 'pass').boundingBox())!.width;
  await page.getByRole('button', { name: '折叠“合格”' }).click();
  const unfold = page.getByRole('button', { name: '展开“合格”' });
  await unfold.waitFor();
  expect(await unfold.getAttribute('aria-expanded')).toBe('false');
  expect((await column(page, 'pass').boundingBox())!.width).toBeLessThan(wide / 3);
  expect(await column(page, 'pass').locator('[data-record]').count()).toBe(0);
  await settle(page);
  await shot(page, 'kanban-folded');
  await unfold.click();
  await column(page, 'pass').locator('[data-record]').first().waitFor();
  await page.close();
});

test('arranging: a column moves right from its menu or by its handle, and card fields are chosen in a pop-up', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await openBoard(page);
  const order = () => page.locator('section[data-column]').evaluateAll((els) => els.map((e) => e.getAttribute('data-column')));
  expect(await order()).toEqual(['pending', 'pass', 'fail', '']);
  await page.getByRole('button', { name: '“待检”列的操作' }).click();
  await page.getByRole('menuitem', { name: '右移' }).click();
  expect(await order()).toEqual(['pass', 'pending', 'fail', '']);
  await page.getByText('视图已修改').waitFor();
  // Dragged by its handle, 不合格 goes first.
  await drag(page, await center(page.getByRole('button', { name: '拖动调整列的顺序：不合格' })), await center(column(page, 'pass')), { over: '“不合格”在“合格”上' });
  expect(await until(order, ['fail', 'pass', 'pending', ''])).toEqual(['fail', 'pass', 'pending', '']);
  // Card fields: without the inspector, cards show the quantity only.
  await page.getByRole('button', { name: '卡片字段' }).click();
  await page.getByRole('checkbox', { name: '检验员' }).uncheck();
  await card(page, 'K-04').getByText('200 件').waitFor();
  await page.waitForFunction((id) => !document.querySelector(`[data-record="${id}"]`)?.textContent?.includes('检验员'), ids['K-04']);
  await page.close();
});

test('a board that could not be loaded says so, with a retry that loads it', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'zh-CN' });
  await page.route('**/records/board?**', (r) => r.abort());
  await page.goto(`${server.url}/apps/kbb/forms/kbtask?view=${viewId}`);
  const failed = page.getByRole('alert').filter({ hasText: '看板加载失败' });
  await failed.waitFor();
  expect(await failed.innerText()).toContain('无法连接服务器');
  await page.unroute('**/records/board?**');
  await page.getByRole('button', { name: '重试' }).click();
  await card(page, 'K-01').waitFor();
  await page.close();
});

test('phone (390 × 844): the columns scroll sideways, one about 85% of the width, with snap', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await openBoard(page);
  const region = page.getByRole('region', { name: '看板：按“结论”分列' });
  const style = await region.evaluate((e) => ({ snap: getComputedStyle(e).scrollSnapType, scrolls: e.scrollWidth > e.clientWidth, width: e.clientWidth }));
  expect([style.snap.startsWith('x'), style.scrolls]).toEqual([true, true]);
  const first = (await column(page, 'pending').boundingBox())!.width;
  expect(Math.abs(first / style.width - 0.85)).toBeLessThan(0.03);
  // The page itself does not scroll sideways: only the board does.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await settle(page);
  await shot(page, 'kanban-phone');
  await noRawValues(page);
  await page.close();
});

test('en-US: the same board in English', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await openBoard(page, 'en-US');
  const names = await page.locator('section[data-column]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(names.map((n) => n?.replace(/, \d+$/, ''))).toEqual(['Pending', 'Pass', 'Fail', '(Empty)']);
  await page.getByRole('button', { name: 'Card fields' }).waitFor();
  await settle(page);
  await shot(page, 'kanban-desktop-en');
  await page.close();
});
