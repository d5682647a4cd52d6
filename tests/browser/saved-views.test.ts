// Saved views (issue #10, views 1 and 2) as people use them, in Debian's headless chromium against
// the real server: filter, sort and group "all records", save that as a view, reload and see the
// same records in the same order and groups, with summaries equal to the figures worked out by
// hand here; a column hidden and moved is part of the view; a shared default view opens for a
// member, who cannot change it but can save a copy; a link names the view.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shot, signIn, startServer, type Server } from './harness';
import { filterPopup, settle } from './list-helpers';
import { confirmIn, pick } from './designer-helpers';

let server: Server;
let browser: Browser;
const MEMBER = { username: 'zhaoliu', password: 'browser-pass-1234', displayName: '赵六' };
const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

const form = {
  id: 'svinsp',
  title: label('来料检验', 'Incoming inspections'),
  titleField: 'lot',
  fields: [
    { id: 'lot', type: 'text', searchable: true, label: label('批次', 'Lot') },
    { id: 'supplier', type: 'text', label: label('供应商', 'Supplier') },
    { id: 'qty', type: 'number', label: label('数量', 'Quantity'), unit: '件' },
    { id: 'result', type: 'select', label: label('结论', 'Result'), options: [{ value: 'pass', label: label('合格', 'Pass'), color: 'green' }, { value: 'fail', label: label('不合格', 'Fail'), color: 'red' }] },
  ],
};
// Twelve lots from three suppliers.
const LOTS: Array<[string, string, number, 'pass' | 'fail']> = [
  ['L-01', '华东精密', 120, 'pass'], ['L-02', '苏州电子', 80, 'fail'], ['L-03', '华东精密', 45, 'fail'],
  ['L-04', '宁波五金', 200, 'pass'], ['L-05', '苏州电子', 60, 'pass'], ['L-06', '华东精密', 30, 'fail'],
  ['L-07', '宁波五金', 90, 'fail'], ['L-08', '苏州电子', 150, 'pass'], ['L-09', '华东精密', 75, 'pass'],
  ['L-10', '宁波五金', 20, 'fail'], ['L-11', '苏州电子', 110, 'fail'], ['L-12', '华东精密', 65, 'pass'],
];

beforeAll(async () => {
  server = await startServer();
  expect((await server.api('POST', '/api/apps', { id: 'sv', name: label('质量', 'Quality') })).status).toBe(201);
  expect((await server.api('POST', '/api/apps/sv/forms', form)).status).toBe(201);
  await server.publish('sv');
  for (const [lot, supplier, qty, result] of LOTS) expect((await server.api('POST', '/api/apps/sv/forms/svinsp/records', { lot, supplier, qty, result })).status).toBe(201);
  const member = (await server.api('POST', '/api/users', MEMBER)).json as { user: { _id: string } };
  const set = { name: '检验员', members: { users: [member.user._id], departments: [], roles: [] }, forms: { svinsp: { actions: ['view'], scope: { kind: 'all' } } } };
  expect((await server.api('POST', '/api/apps/sv/permission-sets', set)).status).toBe(201);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Reads until `check` passes or 10 s pass (then its last failure is the test's). */
async function poll<T>(read: () => Promise<T>, check: (v: T) => void, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    try {
      check(v);
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the groups show: each group's name, its count and the quantity summary, as read on screen. */
const groupRows = (page: Page) => page.locator('[data-group]').evaluateAll((els) => els.map((e) => ((e.closest('tr') as HTMLElement | null)?.innerText ?? '').replace(/\s+/g, ' ').trim()));

/** The hand-worked figures: failed lots per supplier, in the list's order of supplier names. */
function byHand() {
  const failed = LOTS.filter((l) => l[3] === 'fail');
  const suppliers = [...new Set(failed.map((l) => l[1]))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return suppliers.map((s) => {
    const qty = failed.filter((l) => l[1] === s).map((l) => l[2]);
    return { s, n: qty.length, sum: qty.reduce((a, b) => a + b, 0), max: Math.max(...qty) };
  });
}

test('filter, sort and group all records, save it as a view, reload: the same groups, summaries and order', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, server);
  await page.goto(`${server.url}/apps/sv/forms/svinsp`);
  await page.getByRole('tab', { name: /全部数据/ }).waitFor();
  await page.locator('.ant-table-row').first().waitFor();

  // 1. Filter: result is 不合格.
  await page.getByRole('button', { name: '筛选' }).click();
  const popup = filterPopup(page);
  await pick(page, popup.getByRole('combobox', { name: '字段' }), '结论');
  await pick(page, popup.getByRole('combobox', { name: '条件' }), '等于');
  await pick(page, popup.getByRole('combobox', { name: '值' }), '不合格');
  await popup.getByRole('button', { name: '添加条件' }).click();
  await popup.locator('.ant-tag').first().waitFor();
  // The same condition again is still one chip.
  await pick(page, popup.getByRole('combobox', { name: '值' }), '不合格');
  await popup.getByRole('button', { name: '添加条件' }).click();
  await settle(page);
  expect(await popup.locator('.ant-tag').count()).toBe(1);
  await page.keyboard.press('Escape');
  await poll(() => page.locator('.ant-table-row').count(), (v) => expect(v).toBe(6));
  // Sorted by quantity, largest first (a second click on the header).
  await page.getByRole('columnheader', { name: '数量' }).click();
  await page.getByRole('columnheader', { name: '数量' }).click();
  const failedByQty = LOTS.filter((l) => l[3] === 'fail').sort((a, b) => b[2] - a[2]).map((l) => l[0]);
  await poll(() => page.locator('.ant-table-row').getByRole('link').allInnerTexts(), (v) => expect(v).toEqual(failedByQty));

  // 2. Group by supplier with the quantity's sum and max.
  await page.getByRole('button', { name: /^分组/ }).click();
  await page.getByRole('combobox', { name: '分组' }).click();
  await page.locator('.ant-select-dropdown:visible').getByText('供应商', { exact: true }).click();
  const qtyGroup = page.getByRole('group', { name: '数量' });
  await qtyGroup.getByRole('checkbox', { name: '求和' }).check();
  await qtyGroup.getByRole('checkbox', { name: '最大' }).check();
  await page.keyboard.press('Escape');
  const expected = byHand();
  await poll(() => groupRows(page), (v) => expect(v).toEqual(expected.map((g) => `${g.s} ${g.n} 条 求和 ${g.sum} 件 · 最大 ${g.max} 件`)));
  const total = expected.reduce((a, g) => a + g.sum, 0);
  await poll(() => page.locator('.ant-table-summary').first().innerText().then((x) => x.replace(/\s+/g, ' ').trim()), (v) => expect(v).toBe(`合计 ${expected.reduce((a, g) => a + g.n, 0)} 条 求和 ${total} 件 · 最大 ${Math.max(...expected.map((g) => g.max))} 件`));
  await settle(page);
  await shot(page, 'saved-views-grouped');

  // 3. Save as a view; the URL names it.
  await page.getByRole('button', { name: '另存为新视图' }).click();
  const dialog = page.getByRole('dialog', { name: '另存为新视图' });
  await dialog.getByLabel('视图名称').fill('不合格按供应商');
  await confirmIn(dialog, dialog.getByRole('button', { name: '保存' }));
  await page.getByRole('tab', { name: /不合格按供应商/ }).waitFor();
  await poll(async () => new URL(page.url()).searchParams.get('view') ?? '', (v) => expect(v).toMatch(/^vw_/));

  // 4. Reload: the same view, groups and figures.
  await page.reload();
  await poll(() => groupRows(page), (v) => expect(v).toEqual(expected.map((g) => `${g.s} ${g.n} 条 求和 ${g.sum} 件 · 最大 ${g.max} 件`)));
  expect(await page.getByRole('tab', { selected: true }).innerText()).toContain('不合格按供应商');
  const saved = ((await server.api('GET', '/api/apps/sv/forms/svinsp/views')).json as { items: Array<{ name: string; config: Record<string, unknown> }> }).items.find((v) => v.name === '不合格按供应商');
  expect(saved?.config).toMatchObject({ sort: '-qty', groupBy: ['supplier'], summaries: [{ field: 'qty', fn: 'sum' }, { field: 'qty', fn: 'max' }], filter: [{ field: 'result', op: '$eq', value: 'fail' }] });

  // 5. A group opens to its records, sorted as the view says.
  await page.locator('[data-group]').first().locator('xpath=ancestor::tr').getByRole('button').first().click();
  const first = expected[0];
  // In the group, the view's sort: quantity, largest first.
  const lots = LOTS.filter((l) => l[1] === first.s && l[3] === 'fail').sort((a, b) => b[2] - a[2]).map((l) => l[0]);
  await poll(() => page.locator('.ant-table-expanded-row').getByRole('link').allInnerTexts(), (v) => expect(v).toEqual(lots));

  // 6. On a phone the same view shows the same groups and figures, within the screen's width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await poll(() => groupRows(page), (v) => expect(v).toEqual(expected.map((g) => `${g.s} ${g.n} 条 求和 ${g.sum} 件 · 最大 ${g.max} 件`)));
  await settle(page);
  await shot(page, 'saved-views-grouped-phone');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.close();
}, 90_000);

test('columns hidden and moved, a width, a frozen first column and a row height are saved with the view and come back on reload', async () => {
  const created = await server.api('POST', '/api/apps/sv/forms/svinsp/views', { name: '简表', type: 'table', config: { columns: [{ id: 'lot' }, { id: 'qty' }, { id: 'result' }], sort: '-qty' } });
  const view = created.json as { id: string };
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, server);
  await page.goto(`${server.url}/apps/sv/forms/svinsp?view=${view.id}`);
  const headers = () => page.locator('.ant-table-thead th').allInnerTexts().then((h) => h.map((x) => x.trim()).filter(Boolean));
  await poll(headers, (v) => expect(v).toEqual(['批次', '数量', '结论', '创建时间']));
  await poll(() => page.locator('.ant-table-row').getByRole('link').first().innerText(), (v) => expect(v).toBe('L-04'));

  // Move 结论 up, hide 数量, freeze the first column, compact rows.
  await page.getByRole('button', { name: '列' }).click();
  await page.getByRole('button', { name: '上移 结论' }).click();
  await page.getByRole('checkbox', { name: '数量' }).uncheck();
  await page.getByRole('checkbox', { name: '固定首列' }).check();
  await page.getByText('紧凑', { exact: true }).click();
  await page.keyboard.press('Escape');
  await poll(headers, (v) => expect(v).toEqual(['批次', '结论', '创建时间']));
  // Widen the first column from the keyboard.
  await page.getByRole('separator', { name: /批次/ }).focus();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('status').filter({ hasText: '视图已修改' }).waitFor();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await poll(async () => ((await server.api('GET', '/api/apps/sv/forms/svinsp/views')).json as { items: Array<{ id: string; config: Record<string, unknown> }> }).items.find((v) => v.id === view.id)?.config, (v) => expect(v).toMatchObject({
    columns: [{ id: 'lot', width: expect.any(Number) }, { id: 'result' }], frozen: true, rowHeight: 'compact', sort: '-qty',
  }));
  await page.reload();
  await poll(headers, (v) => expect(v).toEqual(['批次', '结论', '创建时间']));
  expect(await page.locator('.ant-table-small').count()).toBeGreaterThan(0);
  await page.close();
});

test('a shared default view opens for a member, who cannot change it but can keep a copy of their own', async () => {
  const res = await server.api('POST', '/api/apps/sv/forms/svinsp/views', { name: '待处理', type: 'table', shared: true, isDefault: true, config: { filter: [{ field: 'result', path: 'result', op: '$eq', value: 'fail', text: '不合格' }], sort: 'lot' } });
  expect(res.status).toBe(201);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, server, { username: MEMBER.username, password: MEMBER.password });
  await page.goto(`${server.url}/apps/sv/forms/svinsp`);
  await poll(() => page.getByRole('tab', { selected: true }).innerText(), (v) => expect(v).toContain('待处理'));
  const failed = LOTS.filter((l) => l[3] === 'fail').map((l) => l[0]);
  await poll(() => page.locator('.ant-table-row').getByRole('link').allInnerTexts(), (v) => expect(v).toEqual(failed));
  // The chip reads as a label.
  expect(await page.getByRole('button', { name: /^筛选 \(1\)/ }).count()).toBe(1);
  // The member sorts it differently: they may save a copy, not the shared view.
  await page.getByRole('columnheader', { name: '数量' }).click();
  await page.getByRole('status').filter({ hasText: '视图已修改' }).waitFor();
  expect(await page.getByRole('button', { name: '保存', exact: true }).count()).toBe(0);
  await page.getByRole('button', { name: '另存为新视图' }).click();
  const dialog = page.getByRole('dialog', { name: '另存为新视图' });
  await dialog.getByLabel('视图名称').waitFor();
  expect(await dialog.getByText('共享给能看到这个表单的所有人').count()).toBe(0);
  await dialog.getByLabel('视图名称').fill('我的待处理');
  await confirmIn(dialog, dialog.getByRole('button', { name: '保存' }));
  await page.getByRole('tab', { name: /我的待处理/ }).waitFor();
  await settle(page);
  await shot(page, 'saved-views-member');
  // Admin does not see the member's personal view.
  const admin = (await server.api('GET', '/api/apps/sv/forms/svinsp/views')).json as { items: Array<{ name: string }> };
  expect(admin.items.map((v) => v.name)).not.toContain('我的待处理');
  // On a phone the view's tabs and its records are there too.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/apps/sv/forms/svinsp`);
  await poll(() => page.locator('.ant-list .ant-card').count(), (v) => expect(v).toBe(failed.length));
  await settle(page);
  await shot(page, 'saved-views-phone');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.close();
});

test('a link to a view that is gone says so and shows all records', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, server);
  await page.goto(`${server.url}/apps/sv/forms/svinsp?view=vw_gone`);
  await page.getByText('链接中的视图不存在或已被删除，已显示全部数据').waitFor();
  await poll(() => page.getByRole('tab', { selected: true }).innerText(), (v) => expect(v).toContain('全部数据'));
  await page.close();
});
