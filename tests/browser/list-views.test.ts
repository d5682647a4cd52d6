// A form's list as its users meet it (issue #10), in Debian's headless chromium against the real
// server: filters on a relation (by the picked record or by its text), on a percent (typed as a
// percent) and on a select, shown as labels; the three empty states; loading without "共 0 条";
// the filter pop-up and a sort on a phone; rows opened with the keyboard; the trash (restore, and
// purge for who manages the app); a sort by a column with blanks paging through every record.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shot, signIn, startServer, type Server } from './harness';
import { filterPopup, lastListFilter, settle } from './list-helpers';
import { confirmIn, pick, tabTo, until } from './designer-helpers';

let server: Server;
let browser: Browser;
const ids = { east: '', south: '', member: '' };
const MEMBER = { username: 'wangwu', password: 'browser-pass-1234', displayName: '王五' };

const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const suppliers = { id: 'lvsup', title: label('供应商名录', 'Suppliers'), titleField: 'name', fields: [{ id: 'name', type: 'text', label: label('名称', 'Name') }] };
const inspection = (id: string, title: string, en: string) => ({
  id,
  title: label(title, en),
  titleField: 'lot',
  fields: [
    { id: 'lot', type: 'text', searchable: true, label: label('批次', 'Lot') },
    { id: 'supplier', type: 'relation', formId: 'lvsup', displayField: 'name', label: label('供应商', 'Supplier') },
    { id: 'rate', type: 'percent', precision: 1, label: label('合格率', 'Pass rate') },
    { id: 'result', type: 'select', label: label('检验结果', 'Result'), options: [{ value: 'pass', label: label('合格', 'Pass'), color: 'green' }, { value: 'fail', label: label('不合格', 'Fail'), color: 'red' }] },
    { id: 'grade', type: 'text', label: label('等级', 'Grade') },
  ],
});
// Ten lots: every other one from 华东精密, half without a grade.
const LOTS: Array<[string, 'east' | 'south', number, 'pass' | 'fail', string | null]> = [
  ['L-01', 'east', 0.976, 'pass', 'A'], ['L-02', 'south', 0.985, 'pass', null], ['L-03', 'east', 0.9, 'fail', 'B'],
  ['L-04', 'south', 0.95, 'pass', null], ['L-05', 'east', 0.965, 'pass', 'C'], ['L-06', 'south', 0.8, 'fail', null],
  ['L-07', 'east', 0.99, 'pass', 'D'], ['L-08', 'south', 0.92, 'fail', null], ['L-09', 'east', 0.97, 'pass', 'E'],
  ['L-10', 'south', 0.96, 'pass', null],
];

async function json<T>(p: Promise<{ status: number; json: unknown }>, status = 201): Promise<T> {
  const r = await p;
  expect({ status: r.status, body: r.json }).toMatchObject({ status });
  return r.json as T;
}

beforeAll(async () => {
  server = await startServer();
  await json(server.api('POST', '/api/apps', { id: 'lv', name: label('质量台账', 'Quality') }));
  await json(server.api('POST', '/api/apps/lv/forms', suppliers));
  await json(server.api('POST', '/api/apps/lv/forms', inspection('lviqc', '来料检验', 'Incoming inspections')));
  await json(server.api('POST', '/api/apps/lv/forms', inspection('lvtrash', '出货检验', 'Outgoing inspections')));
  await json(server.api('POST', '/api/apps/lv/forms', { id: 'lvempty', title: label('空表单', 'Empty form'), fields: [{ id: 'x', type: 'text', label: label('名称', 'Name') }] }));
  await server.publish('lv');
  ids.east = (await json<{ _id: string }>(server.api('POST', '/api/apps/lv/forms/lvsup/records', { name: '华东精密' })))._id;
  ids.south = (await json<{ _id: string }>(server.api('POST', '/api/apps/lv/forms/lvsup/records', { name: '苏州电子' })))._id;
  const names = { east: '华东精密', south: '苏州电子' };
  for (const [lot, sup, rate, result, grade] of LOTS) {
    const rec = { lot, supplier: { id: ids[sup], display: names[sup] }, rate, result, ...(grade ? { grade } : {}) };
    await json(server.api('POST', '/api/apps/lv/forms/lviqc/records', rec));
  }
  for (const lot of ['T-01', 'T-02', 'T-03']) await json(server.api('POST', '/api/apps/lv/forms/lvtrash/records', { lot, result: 'fail' }));
  // A member who may view, delete and restore the trash form's records, but not manage the app.
  ids.member = (await json<{ user: { _id: string } }>(server.api('POST', '/api/users', MEMBER))).user._id;
  const set = { name: '检验员', members: { users: [ids.member], departments: [], roles: [] }, forms: { lvtrash: { actions: ['view', 'delete', 'restore'], scope: { kind: 'all' } } } };
  await json(server.api('POST', '/api/apps/lv/permission-sets', set));
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The lots listed, in order (desktop table or phone cards): each row's link to its record. */
const lots = (page: Page) => page.locator('.ant-table-row, .ant-list .ant-card').getByRole('link').allInnerTexts();
/** Nothing raw on screen: no record id, no stored option value, no operator. */
async function noRawValues(page: Page) {
  const text = await page.locator('body').innerText();
  for (const raw of [ids.east, ids.south, '$regex', '$eq', '$lt', 'fail', 'pass', 'Failed to fetch', 'undefined', 'NaN']) expect({ raw, shown: text.includes(raw) }).toEqual({ raw, shown: false });
}

async function addCondition(page: Page, field: string, op: string, fill: (popup: ReturnType<typeof filterPopup>) => Promise<void>) {
  const popup = filterPopup(page);
  await pick(page, popup.getByRole('combobox', { name: '字段' }), field);
  await pick(page, popup.getByRole('combobox', { name: '条件' }), op);
  await fill(popup);
  await popup.getByRole('button', { name: '添加条件' }).click();
}

test('zh-CN: filters on a relation, a percent and a select match, and read as labels', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const sent = lastListFilter(page);
  await signIn(page, server, { locale: 'zh-CN' });
  await page.goto(`${server.url}/apps/lv/forms/lviqc`);
  await page.getByText('共 10 条').waitFor();
  await page.getByRole('button', { name: '筛选' }).click();
  // 1. No field yet: the operator box shows no raw operator.
  await filterPopup(page).getByRole('combobox', { name: '条件' }).waitFor();
  expect(await filterPopup(page).innerText()).not.toContain('$');

  // 2. A relation by the picked record: sent as supplier.id, shown by its name.
  await addCondition(page, '供应商', '是', async (popup) => {
    await popup.getByRole('combobox', { name: '值' }).fill('华东');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="华东精密"]').click();
  });
  await page.getByText('共 5 条').waitFor();
  expect(await lots(page)).toEqual(['L-09', 'L-07', 'L-05', 'L-03', 'L-01']);
  expect(sent()).toEqual({ $and: [{ 'supplier.id': { $eq: ids.east } }] });
  await filterPopup(page).getByText('供应商 是 华东精密').waitFor();
  await settle(page);
  await shot(page, 'list-filter-relation');
  await noRawValues(page);
  await filterPopup(page).getByRole('button', { name: '清空' }).click();
  await page.getByText('共 10 条').waitFor();

  // 3. A relation by its text: "contains" on supplier.display.
  await addCondition(page, '供应商', '包含', (popup) => popup.getByRole('textbox', { name: '值' }).fill('苏州'));
  await page.getByText('共 5 条').waitFor();
  expect(await lots(page)).toEqual(['L-10', 'L-08', 'L-06', 'L-04', 'L-02']);
  expect(sent()).toEqual({ $and: [{ 'supplier.display': { $regex: '苏州' } }] });
  await filterPopup(page).getByText('供应商 包含 苏州').waitFor();
  await filterPopup(page).getByRole('button', { name: '清空' }).click();
  await page.getByText('共 10 条').waitFor();

  // 4. A percent typed as a percent: "小于 97" leaves out 97.6% and 98.5% (stored 0.976, 0.985).
  await addCondition(page, '合格率', '小于', async (popup) => {
    await popup.getByRole('spinbutton', { name: '值' }).fill('97');
    expect(await popup.getByRole('spinbutton', { name: '值' }).inputValue()).toBe('97');
  });
  await filterPopup(page).getByText('合格率 小于 97%').waitFor();
  await page.getByText('共 6 条').waitFor();
  expect(await lots(page)).toEqual(['L-10', 'L-08', 'L-06', 'L-05', 'L-04', 'L-03']);
  expect(sent()).toEqual({ $and: [{ rate: { $lt: 0.97 } }] });
  await filterPopup(page).getByRole('button', { name: '清空' }).click();
  await page.getByText('共 10 条').waitFor();

  // 5. A select by its label: the chip says 不合格, never "fail".
  await addCondition(page, '检验结果', '等于', (popup) => pick(page, popup.getByRole('combobox', { name: '值' }), '不合格'));
  await page.getByText('共 3 条').waitFor();
  expect(await lots(page)).toEqual(['L-08', 'L-06', 'L-03']);
  expect(sent()).toEqual({ $and: [{ result: { $eq: 'fail' } }] });
  await filterPopup(page).getByText('检验结果 等于 不合格').waitFor();
  // The operator box names the operator of the next condition, not its code.
  await pick(page, filterPopup(page).getByRole('combobox', { name: '字段' }), '批次');
  expect(await until(() => filterPopup(page).locator('.ant-select', { has: page.getByRole('combobox', { name: '条件' }) }).innerText(), '包含')).toBe('包含');
  await noRawValues(page);
  await settle(page);
  await shot(page, 'list-filter-popup');
  await page.close();
}, 120_000);

test('en-US: filter chips and operators in English', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'en-US' });
  await page.goto(`${server.url}/apps/lv/forms/lviqc`);
  await page.getByText('10 in total').waitFor();
  await page.getByRole('button', { name: 'Filter' }).click();
  const popup = filterPopup(page);
  await pick(page, popup.getByRole('combobox', { name: 'Field' }), 'Result');
  await pick(page, popup.getByRole('combobox', { name: 'Condition' }), 'equals');
  await pick(page, popup.getByRole('combobox', { name: 'Value' }), 'Fail');
  await popup.getByRole('button', { name: 'Add condition' }).click();
  await page.getByText('3 in total').waitFor();
  await popup.getByText('Result equals Fail').waitFor();
  await pick(page, popup.getByRole('combobox', { name: 'Field' }), 'Supplier');
  expect(await until(() => popup.locator('.ant-select', { has: page.getByRole('combobox', { name: 'Condition' }) }).innerText(), 'is')).toBe('is');
  await settle(page);
  await shot(page, 'list-filter-popup-en');
  await page.close();
}, 120_000);

test('zh-CN: no data, no match (with a way back) and could not load are three states; loading never says 共 0 条', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'zh-CN' });
  // 1. An empty form: "no data yet" with the next step.
  await page.goto(`${server.url}/apps/lv/forms/lvempty`);
  await page.getByText('还没有数据，点击新增或从 Excel 导入').waitFor();
  await shot(page, 'list-empty-no-data');

  // 2. Loading (the answer held back): a skeleton, and no "共 0 条" in the meantime.
  const list = '**/api/apps/lv/forms/lviqc/records?*';
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route(list, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.url}/apps/lv/forms/lviqc`);
  await page.locator('.ant-skeleton').first().waitFor();
  expect(await page.getByText(/共 \d+ 条/).count()).toBe(0);
  expect(await page.getByText('还没有数据').count()).toBe(0);
  release();
  await page.getByText('共 10 条').waitFor();
  await page.unroute(list);

  // 3. A search that matches nothing: "no match", with a button that clears it.
  const search = page.getByRole('searchbox', { name: '搜索' }).or(page.getByLabel('搜索')).first();
  await search.fill('不存在的批次');
  await search.press('Enter');
  await page.getByText('没有符合搜索或筛选条件的数据').waitFor();
  expect(await page.getByText('还没有数据').count()).toBe(0);
  await shot(page, 'list-empty-no-match');
  await page.getByRole('button', { name: '清除搜索和筛选' }).click();
  await page.getByText('共 10 条').waitFor();
  expect(await search.inputValue()).toBe('');

  // 4. The server refuses: its message and a retry; no "no data", no count.
  await page.route(list, (route) => route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INVALID_FILTER', message: '筛选条件无效：未知字段', details: [] } }) }));
  await page.getByRole('button', { name: '刷新' }).or(page.getByRole('button', { name: '刷 新' })).first().click();
  await page.getByText('列表加载失败').waitFor();
  await page.getByText('筛选条件无效：未知字段').waitFor();
  expect(await page.getByText(/共 \d+ 条/).count()).toBe(0);
  expect(await page.getByText('还没有数据').count()).toBe(0);
  await page.unroute(list);

  // 5. The network is down: a sentence, never "Failed to fetch"; the retry brings the list back.
  await page.route(list, (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: /重\s*试/ }).click();
  await page.getByText('无法连接服务器，请检查网络后重试').waitFor();
  await shot(page, 'list-empty-load-failed');
  await noRawValues(page);
  await page.unroute(list);
  await page.getByRole('button', { name: /重\s*试/ }).click();
  await page.getByText('共 10 条').waitFor();
  expect(await lots(page)).toHaveLength(10);
  await page.close();
}, 120_000);

test('phone: the filter pop-up fits the screen, and the list can be sorted', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await signIn(page, server, { locale: 'zh-CN' });
  await page.goto(`${server.url}/apps/lv/forms/lviqc`);
  await page.getByText('共 10 条').waitFor();
  await shot(page, 'phone-list-views');
  // 1. The filter pop-up, and everything in it, inside the 390 px screen.
  await page.getByRole('button', { name: '筛选' }).click();
  const popup = filterPopup(page);
  await popup.getByRole('button', { name: '添加条件' }).waitFor();
  for (const part of [popup, popup.getByRole('combobox', { name: '字段' }), popup.getByRole('button', { name: '添加条件' })]) {
    const box = await part.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  }
  await settle(page);
  await shot(page, 'phone-list-filter');
  await page.keyboard.press('Escape');
  await popup.waitFor({ state: 'hidden' });

  // 2. Sort by pass rate, highest first.
  await pick(page, page.getByRole('combobox', { name: '排序' }), '合格率 降序');
  await until(() => lots(page), ['L-07', 'L-02', 'L-01', 'L-09', 'L-05', 'L-10', 'L-04', 'L-08', 'L-03', 'L-06']);
  expect(await lots(page)).toEqual(['L-07', 'L-02', 'L-01', 'L-09', 'L-05', 'L-10', 'L-04', 'L-08', 'L-03', 'L-06']);
  await noRawValues(page);
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  await shot(page, 'phone-list-sorted');

  // 3. A card is opened from the keyboard too: its link takes the record page.
  await page.getByRole('link', { name: 'L-02', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/records\/[^/]+$/);
  await page.getByText('苏州电子').first().waitFor();
  await page.close();
}, 120_000);

test('keyboard: Tab reaches a row by its name and Enter opens the record', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'zh-CN' });
  await page.goto(`${server.url}/apps/lv/forms/lviqc`);
  await page.getByText('共 10 条').waitFor();
  const search = page.getByLabel('搜索').first();
  await search.focus();
  await tabTo(page, page.getByRole('link', { name: 'L-09', exact: true }));
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: '记录详情' });
  await drawer.getByRole('tab', { name: '历史' }).waitFor();
  await drawer.getByText('L-09').first().waitFor();
  await page.close();
}, 120_000);

test('a sort by a column with blanks pages through every record, blanks last', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'zh-CN' });
  // Pages of 3, so that ten records take four pages (keyset paging across the blanks).
  await page.route('**/api/apps/lv/forms/lviqc/records?*', (route) => {
    const u = new URL(route.request().url());
    u.searchParams.set('limit', '3');
    return route.continue({ url: u.toString() });
  });
  await page.goto(`${server.url}/apps/lv/forms/lviqc`);
  await page.getByText('共 10 条').waitFor();
  const loadAll = async () => {
    for (let i = 0; i < 6 && (await page.getByRole('button', { name: '加载更多' }).count()); i++) {
      const before = (await lots(page)).length;
      await page.getByRole('button', { name: '加载更多' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('.ant-table-row').length > n, before);
    }
  };
  const grades = async () => Promise.all((await page.locator('.ant-table-row').all()).map(async (r) => (await r.locator('td').nth(5).innerText()).trim()));
  // 1. Ascending: A to E, then the five blanks.
  await page.getByRole('columnheader', { name: '等级' }).click();
  await until(async () => (await lots(page))[0], 'L-01');
  await loadAll();
  expect(await lots(page)).toHaveLength(10);
  expect(await grades()).toEqual(['A', 'B', 'C', 'D', 'E', '', '', '', '', '']);
  // 2. Descending: E to A, then the blanks.
  await page.getByRole('columnheader', { name: '等级' }).click();
  await until(async () => (await lots(page))[0], 'L-09');
  await loadAll();
  expect(await lots(page)).toHaveLength(10);
  expect(await grades()).toEqual(['E', 'D', 'C', 'B', 'A', '', '', '', '', '']);
  await shot(page, 'list-sorted-blanks-last');
  await page.close();
}, 120_000);

test('trash: a deleted record is restored from the trash; purge asks first, and only who manages the app sees it', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server, { locale: 'zh-CN' });
  await page.goto(`${server.url}/apps/lv/forms/lvtrash`);
  await page.getByText('共 3 条').waitFor();
  await settle(page);
  // 1. Delete T-02 from the list: the server answers the delete, then the list reads 2.
  await page.getByRole('row', { name: /T-02/ }).getByRole('checkbox').check();
  await page.getByRole('button', { name: '删除所选 (1)' }).click();
  const deleted = page.waitForResponse((r) => r.url().endsWith('/records/bulk-delete'));
  const ask = page.getByRole('dialog', { name: '删除所选' });
  await confirmIn(ask, ask.getByRole('button', { name: /确\s*定|OK/ }));
  expect(await (await deleted).json()).toEqual({ deleted: 1 });
  await page.getByText('共 2 条').waitFor();

  // 2. The trash lists it; restore puts it back in the list.
  await page.getByRole('button', { name: '回收站' }).click();
  const trash = page.getByRole('dialog', { name: /回收站/ });
  await trash.getByText('T-02').waitFor();
  await settle(page);
  await shot(page, 'list-trash');
  await noRawValues(page);
  await trash.getByRole('button', { name: '恢复 T-02' }).click();
  await trash.getByText('回收站是空的').waitFor();
  await page.getByText('共 3 条').waitFor();

  // 3. Purge: asked first, then gone for good (from the trash and from the server).
  const t3 = (await server.api('GET', '/api/apps/lv/forms/lvtrash/records?filter=' + encodeURIComponent(JSON.stringify({ lot: 'T-03' })))).json as { items: Array<{ _id: string }> };
  expect((await server.api('DELETE', `/api/apps/lv/forms/lvtrash/records/${t3.items[0]._id}`)).status).toBe(200);
  await trash.getByRole('button', { name: '刷新' }).or(trash.getByRole('button', { name: '刷 新' })).first().click();
  await trash.getByText('T-03').waitFor();
  await trash.getByRole('button', { name: '永久删除 T-03' }).click();
  const confirm = page.getByRole('dialog', { name: '永久删除这条记录？' });
  await confirm.getByText('永久删除后无法恢复').waitFor();
  await settle(page);
  await shot(page, 'list-trash-purge-confirm');
  await confirmIn(confirm, confirm.getByRole('button', { name: /永久删除/ }));
  await trash.getByText('回收站是空的').waitFor();
  const all = (await server.api('GET', '/api/apps/lv/forms/lvtrash/records?deleted=include')).json as { total: number };
  expect(all.total).toBe(2);
  await page.close();

  // 4. A member who may restore but not manage the app: the trash, without purge.
  const t1 = (await server.api('GET', '/api/apps/lv/forms/lvtrash/records?filter=' + encodeURIComponent(JSON.stringify({ lot: 'T-01' })))).json as { items: Array<{ _id: string }> };
  expect((await server.api('DELETE', `/api/apps/lv/forms/lvtrash/records/${t1.items[0]._id}`)).status).toBe(200);
  const member = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await signIn(member, server, { username: MEMBER.username, password: MEMBER.password, locale: 'zh-CN' });
  await member.goto(`${server.url}/apps/lv/forms/lvtrash`);
  await member.getByText('共 1 条').waitFor();
  await member.getByRole('button', { name: '回收站' }).click();
  const memberTrash = member.getByRole('dialog', { name: /回收站/ });
  await memberTrash.getByRole('button', { name: '恢复 T-01' }).waitFor();
  expect(await memberTrash.getByRole('button', { name: /永久删除/ }).count()).toBe(0);
  await settle(member);
  await shot(member, 'phone-list-trash');
  await noRawValues(member);
  await member.close();
}, 120_000);
