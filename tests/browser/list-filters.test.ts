// The filters an end user expects on a form's list (issue #10, item 5), in Debian's headless
// chromium against the real server: date presets (today, this week from Monday, this month, the
// last 30 days, a range) computed in the tenant's zone (Asia/Shanghai) while the browser sits in
// Los Angeles, with the browser's clock fixed so "today" is known; "is empty" / "is not empty" on
// every kind of field; "is any of" for options, people and records; "me" and "my department";
// "any row where…" on a subform's column. Each filter's records are checked against a set
// computed here, and each chip's exact text.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shot, signIn, startServer, type Server } from './harness';
import { filterPopup, lastListFilter, settle } from './list-helpers';
import { pick, until } from './designer-helpers';

let server: Server;
let browser: Browser;
const ids = { east: '', south: '', north: '', admin: '', wang: '', zhao: '', quality: '', production: '' };

// Tuesday 2026-12-01 01:00 in Shanghai (the tenant), still Monday 2026-11-30 in Los Angeles (the browser).
const NOW = new Date('2026-11-30T17:00:00Z');
const BROWSER_ZONE = 'America/Los_Angeles';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const form = {
  id: 'lfiqc',
  title: label('来料检验', 'Incoming inspections'),
  titleField: 'lot',
  fields: [
    { id: 'lot', type: 'text', label: label('批次', 'Lot') },
    { id: 'day', type: 'date', label: label('检验日期', 'Inspection date') },
    { id: 'at', type: 'datetime', label: label('检验时间', 'Inspected at') },
    { id: 'result', type: 'select', label: label('检验结果', 'Result'), options: [{ value: 'pass', label: label('合格', 'Pass') }, { value: 'fail', label: label('不合格', 'Fail') }, { value: 'hold', label: label('让步接收', 'Concession') }] },
    { id: 'supplier', type: 'relation', formId: 'lfsup', displayField: 'name', label: label('供应商', 'Supplier') },
    { id: 'inspector', type: 'member', label: label('检验员', 'Inspector') },
    { id: 'dept', type: 'department', label: label('部门', 'Department') },
    { id: 'note', type: 'textarea', label: label('备注', 'Notes') },
    { id: 'lines', type: 'subform', label: label('检验明细', 'Inspection lines'), fields: [{ id: 'qty', type: 'number', label: label('抽样数量', 'Sample size') }, { id: 'part', type: 'text', label: label('零件', 'Part') }] },
  ],
};
type Sup = 'east' | 'south' | 'north' | null;
type Who = 'admin' | 'wang' | 'zhao' | null;
type Dept = 'quality' | 'production' | null;
// [lot, day, at, result, supplier, inspector, department, note, lines]
const RECORDS: Array<[string, string | null, string | null, string | null, Sup, Who, Dept, string | null, Array<Record<string, unknown>> | null]> = [
  ['D-01', '2026-12-01', '2026-11-30T16:30:00Z', 'pass', 'east', 'admin', 'quality', '复检', [{ qty: 5, part: 'A' }, { qty: 20, part: 'B' }]],
  ['D-02', '2026-11-30', '2026-11-30T15:00:00Z', 'fail', 'east', 'wang', 'production', null, [{ qty: 8 }]],
  ['D-03', '2026-11-29', null, 'hold', 'east', 'zhao', 'quality', null, [{ part: 'C' }]],
  ['D-04', '2026-11-02', null, 'pass', 'south', 'admin', null, null, []],
  ['D-05', '2026-11-01', null, 'fail', 'south', 'wang', null, null, null],
  ['D-06', '2026-12-06', null, 'hold', 'north', null, null, null, null],
  ['D-07', '2026-12-07', null, 'pass', null, null, null, null, null],
  ['D-08', null, null, null, null, null, null, null, null],
];
const ALL = RECORDS.map((r) => r[0]);
const NAMES = { east: '华东精密', south: '苏州电子', north: '华北铸造' };

async function json<T>(p: Promise<{ status: number; json: unknown }>, status = 201): Promise<T> {
  const r = await p;
  expect({ status: r.status, body: r.json }).toMatchObject({ status });
  return r.json as T;
}

beforeAll(async () => {
  server = await startServer();
  await json(server.api('POST', '/api/apps', { id: 'lf', name: label('质量台账', 'Quality') }));
  await json(server.api('POST', '/api/apps/lf/forms', { id: 'lfsup', title: label('供应商名录', 'Suppliers'), titleField: 'name', fields: [{ id: 'name', type: 'text', label: label('名称', 'Name') }] }));
  await json(server.api('POST', '/api/apps/lf/forms', form));
  await server.publish('lf');
  for (const k of ['east', 'south', 'north'] as const) ids[k] = (await json<{ _id: string }>(server.api('POST', '/api/apps/lf/forms/lfsup/records', { name: NAMES[k] })))._id;
  ids.quality = (await json<{ department: { _id: string } }>(server.api('POST', '/api/departments', { name: '质量部' }))).department._id;
  ids.production = (await json<{ department: { _id: string } }>(server.api('POST', '/api/departments', { name: '生产部' }))).department._id;
  ids.admin = (await json<{ user: { _id: string } }>(server.api('GET', '/api/me'), 200)).user._id;
  await json(server.api('PATCH', `/api/users/${ids.admin}`, { departmentIds: [ids.quality] }), 200);
  ids.wang = (await json<{ user: { _id: string } }>(server.api('POST', '/api/users', { username: 'wangwu', password: 'browser-pass-1234', displayName: '王五' }))).user._id;
  ids.zhao = (await json<{ user: { _id: string } }>(server.api('POST', '/api/users', { username: 'zhaoliu', password: 'browser-pass-1234', displayName: '赵六' }))).user._id;
  for (const [lot, day, at, result, sup, who, dept, note, lines] of RECORDS) {
    const rec: Record<string, unknown> = { lot };
    if (day) rec.day = day;
    if (at) rec.at = at;
    if (result) rec.result = result;
    if (sup) rec.supplier = { id: ids[sup], display: NAMES[sup] };
    if (who) rec.inspector = ids[who];
    if (dept) rec.dept = ids[dept];
    if (note) rec.note = note;
    if (lines) rec.lines = lines;
    await json(server.api('POST', '/api/apps/lf/forms/lfiqc/records', rec));
  }
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The lots listed (desktop table or phone cards), sorted, with the total the toolbar shows. */
async function listed(page: Page) {
  const lots = (await page.locator('.ant-table-row, .ant-list .ant-card').getByRole('link').allInnerTexts()).sort();
  const total = await page.getByText(/^(共 \d+ 条|\d+ in total)$/).innerText().catch(() => '');
  return { lots, total: Number(/\d+/.exec(total)?.[0] ?? -1) };
}
async function expectLots(page: Page, expected: string[]) {
  const want = { lots: [...expected].sort(), total: expected.length };
  expect(await until(() => listed(page), want, 10_000)).toEqual(want);
}
const words = (locale: string) => (locale === 'en-US' ? { field: 'Field', op: 'Condition', add: 'Add condition', clear: 'Clear' } : { field: '字段', op: '条件', add: '添加条件', clear: '清空' });

async function addCondition(page: Page, field: string, op: string, fill?: (popup: ReturnType<typeof filterPopup>) => Promise<void>, locale = 'zh-CN') {
  const w = words(locale);
  const popup = filterPopup(page);
  await pick(page, popup.getByRole('combobox', { name: w.field }), field);
  await pick(page, popup.getByRole('combobox', { name: w.op }), op);
  if (fill) await fill(popup);
  await popup.getByRole('button', { name: w.add }).click();
}
async function clear(page: Page, locale = 'zh-CN') {
  await filterPopup(page).getByRole('button', { name: words(locale).clear }).click();
  await expectLots(page, ALL);
}
/** The chips shown, in order. */
const chips = (page: Page) => filterPopup(page).locator('.ant-tag').allInnerTexts();
/** Picks options of an open multiple select by searching and clicking each. */
async function pickSeveral(page: Page, popup: ReturnType<typeof filterPopup>, picks: Array<[string, string]>) {
  const box = popup.getByRole('combobox', { name: /^(值|Value)$/ });
  for (const [typed, title] of picks) {
    await box.fill(typed);
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).click();
  }
}

async function openList(page: Page, locale: 'zh-CN' | 'en-US') {
  await page.clock.setFixedTime(NOW);
  await signIn(page, server, { locale });
  await page.goto(`${server.url}/apps/lf/forms/lfiqc`);
  await expectLots(page, ALL);
  await page.getByRole('button', { name: locale === 'en-US' ? 'Filter' : '筛选' }).click();
  await filterPopup(page).getByRole('combobox', { name: words(locale).field }).waitFor();
}

test('zh-CN: date presets are the tenant\'s days, not the browser\'s', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, timezoneId: BROWSER_ZONE });
  const sent = lastListFilter(page);
  await openList(page, 'zh-CN');
  const cases: Array<[string, string[], unknown]> = [
    ['今天', ['D-01'], { $eq: '2026-12-01' }],
    ['本周', ['D-01', 'D-02', 'D-06'], { $gte: '2026-11-30', $lte: '2026-12-06' }],
    ['本月', ['D-01', 'D-06', 'D-07'], { $gte: '2026-12-01', $lte: '2026-12-31' }],
    ['最近 30 天', ['D-01', 'D-02', 'D-03', 'D-04'], { $gte: '2026-11-02', $lte: '2026-12-01' }],
  ];
  for (const [preset, lots, filter] of cases) {
    await addCondition(page, '检验日期', preset);
    await expectLots(page, lots);
    expect(sent()).toEqual({ $and: [{ day: filter }] });
    expect(await chips(page)).toEqual([`检验日期 ${preset}`]);
    await clear(page);
  }
  // A datetime "today": 00:30 on Dec 1 in Shanghai is today; 23:00 on Nov 30 is not (both Nov 30 in the browser).
  await addCondition(page, '检验时间', '今天');
  await expectLots(page, ['D-01']);
  expect(sent()).toEqual({ $and: [{ at: { $eq: '2026-12-01' } }] });
  await clear(page);
  // A range of two days, both included.
  await addCondition(page, '检验日期', '介于', async (popup) => {
    await popup.getByPlaceholder('开始日期').fill('2026-11-29');
    await popup.getByPlaceholder('开始日期').press('Enter');
    await popup.getByPlaceholder('结束日期').fill('2026-11-30');
    await popup.getByPlaceholder('结束日期').press('Enter');
  });
  await expectLots(page, ['D-02', 'D-03']);
  expect(sent()).toEqual({ $and: [{ day: { $gte: '2026-11-29', $lte: '2026-11-30' } }] });
  expect(await chips(page)).toEqual(['检验日期 介于 2026-11-29 至 2026-11-30']);
  await clear(page);
  await page.close();
}, 120_000);

test('zh-CN: "is empty" and "is not empty" on every kind of field, a subform column included', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await openList(page, 'zh-CN');
  const cases: Array<[string, string[], string, string]> = [
    ['检验日期', ['D-08'], '检验日期 为空', '检验日期 不为空'],
    ['检验时间', ['D-03', 'D-04', 'D-05', 'D-06', 'D-07', 'D-08'], '检验时间 为空', '检验时间 不为空'],
    ['检验结果', ['D-08'], '检验结果 为空', '检验结果 不为空'],
    ['供应商', ['D-07', 'D-08'], '供应商 为空', '供应商 不为空'],
    ['检验员', ['D-06', 'D-07', 'D-08'], '检验员 为空', '检验员 不为空'],
    ['部门', ['D-04', 'D-05', 'D-06', 'D-07', 'D-08'], '部门 为空', '部门 不为空'],
    ['备注', ['D-02', 'D-03', 'D-04', 'D-05', 'D-06', 'D-07', 'D-08'], '备注 为空', '备注 不为空'],
    ['检验明细 › 抽样数量', ['D-03', 'D-04', 'D-05', 'D-06', 'D-07', 'D-08'], '检验明细 每一行 抽样数量 为空', '检验明细 任一行 抽样数量 不为空'],
  ];
  for (const [field, empty, emptyChip, filledChip] of cases) {
    await addCondition(page, field, '为空');
    expect(await chips(page)).toEqual([emptyChip]);
    await expectLots(page, empty);
    await clear(page);
    await addCondition(page, field, '不为空');
    expect(await chips(page)).toEqual([filledChip]);
    await expectLots(page, ALL.filter((x) => !empty.includes(x)));
    await clear(page);
  }
  await page.close();
}, 180_000);

test('zh-CN: "is any of" for options, people and records; "me", "my department"; any row of a subform', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const sent = lastListFilter(page);
  await openList(page, 'zh-CN');
  // Options, by their labels.
  await addCondition(page, '检验结果', '等于任意一个', (popup) => pickSeveral(page, popup, [['', '不合格'], ['', '让步接收']]));
  await expectLots(page, ['D-02', 'D-03', 'D-05', 'D-06']);
  expect(sent()).toEqual({ $and: [{ result: { $in: ['fail', 'hold'] } }] });
  expect(await chips(page)).toEqual(['检验结果 等于任意一个 不合格、让步接收']);
  // With a preset beside it: this week's lots that failed or were let through.
  await addCondition(page, '检验日期', '本周');
  await expectLots(page, ['D-02', 'D-06']);
  expect(await chips(page)).toEqual(['检验结果 等于任意一个 不合格、让步接收', '检验日期 本周']);
  await settle(page);
  await shot(page, 'list-filter-any-of-and-preset');
  await clear(page);

  // People, searched by name.
  await addCondition(page, '检验员', '等于任意一个', async (popup) => {
    await pickSeveral(page, popup, [['王', '王五'], ['赵', '赵六']]);
    await settle(page);
    await shot(page, 'list-filter-any-of-people');
  });
  await expectLots(page, ['D-02', 'D-03', 'D-05']);
  expect(sent()).toEqual({ $and: [{ inspector: { $in: [ids.wang, ids.zhao] } }] });
  expect(await chips(page)).toEqual(['检验员 等于任意一个 王五、赵六']);
  await clear(page);
  // Records, searched by their display text.
  await addCondition(page, '供应商', '等于任意一个', (popup) => pickSeveral(page, popup, [['华东', '华东精密'], ['华北', '华北铸造']]));
  await expectLots(page, ['D-01', 'D-02', 'D-03', 'D-06']);
  expect(sent()).toEqual({ $and: [{ 'supplier.id': { $in: [ids.east, ids.north] } }] });
  expect(await chips(page)).toEqual(['供应商 等于任意一个 华东精密、华北铸造']);
  await clear(page);
  // Departments, by name.
  await addCondition(page, '部门', '等于任意一个', (popup) => pickSeveral(page, popup, [['生产', '生产部']]));
  await expectLots(page, ['D-02']);
  expect(await chips(page)).toEqual(['部门 等于任意一个 生产部']);
  await clear(page);

  // Me, and my department (the signed-in admin is in 质量部).
  await addCondition(page, '检验员', '是我');
  await expectLots(page, ['D-01', 'D-04']);
  expect(sent()).toEqual({ $and: [{ inspector: { $in: [ids.admin] } }] });
  expect(await chips(page)).toEqual(['检验员 是我']);
  await clear(page);
  await addCondition(page, '部门', '是我的部门');
  await expectLots(page, ['D-01', 'D-03']);
  expect(sent()).toEqual({ $and: [{ dept: { $in: [ids.quality] } }] });
  expect(await chips(page)).toEqual(['部门 是我的部门']);
  await clear(page);

  // A subform column: any row where the sample size is over 10 (D-01's second row), or at least 5.
  await addCondition(page, '检验明细 › 抽样数量', '大于', (popup) => popup.getByRole('spinbutton', { name: '值' }).fill('10'));
  await expectLots(page, ['D-01']);
  expect(sent()).toEqual({ $and: [{ 'lines.qty': { $gt: 10 } }] });
  expect(await chips(page)).toEqual(['检验明细 任一行 抽样数量 大于 10']);
  await clear(page);
  await addCondition(page, '检验明细 › 抽样数量', '大于等于', (popup) => popup.getByRole('spinbutton', { name: '值' }).fill('5'));
  await expectLots(page, ['D-01', 'D-02']);
  await clear(page);
  await addCondition(page, '检验明细 › 零件', '包含', (popup) => popup.getByRole('textbox', { name: '值' }).fill('c'));
  await expectLots(page, ['D-03']);
  expect(await chips(page)).toEqual(['检验明细 任一行 零件 包含 c']);
  const text = await page.locator('body').innerText();
  expect(text).toContain('质量部');
  for (const raw of [ids.admin, ids.wang, ids.quality, ids.east, '$in', '$regex', 'hold', 'undefined']) expect({ raw, shown: text.includes(raw) }).toEqual({ raw, shown: false });
  await page.close();
}, 180_000);

test('en-US: chips read in English; phone: presets and "is any of" fit the sheet', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, timezoneId: BROWSER_ZONE });
  await openList(page, 'en-US');
  await addCondition(page, 'Inspection date', 'this week', undefined, 'en-US');
  await expectLots(page, ['D-01', 'D-02', 'D-06']);
  await addCondition(page, 'Result', 'is any of', (popup) => pickSeveral(page, popup, [['', 'Fail'], ['', 'Concession']]), 'en-US');
  await expectLots(page, ['D-02', 'D-06']);
  await addCondition(page, 'Inspection lines › Sample size', 'is empty', undefined, 'en-US');
  await expectLots(page, ['D-06']);
  expect(await chips(page)).toEqual(['Inspection date this week', 'Result is any of Fail, Concession', 'Inspection lines: every row where Sample size is empty']);
  await settle(page);
  await shot(page, 'list-filter-en');
  await page.close();

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: BROWSER_ZONE });
  await openList(phone, 'zh-CN');
  await addCondition(phone, '检验日期', '本月');
  await expectLots(phone, ['D-01', 'D-06', 'D-07']);
  await addCondition(phone, '检验员', '等于任意一个', (popup) => pickSeveral(phone, popup, [['王', '王五'], ['Adm', 'Administrator']]));
  await expectLots(phone, ['D-01']);
  expect(await chips(phone)).toEqual(['检验日期 本月', '检验员 等于任意一个 王五、Administrator']);
  const popup = filterPopup(phone);
  for (const part of [popup, popup.locator('.ant-tag').last(), popup.getByRole('combobox', { name: '字段' }), popup.getByRole('button', { name: '添加条件' })]) {
    const box = await part.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  }
  await settle(phone);
  await shot(phone, 'phone-list-filter-preset-any-of');
  await phone.close();
}, 120_000);
