// Calendar and Gantt views (issue #10) in Debian's headless chromium against the real server, in a
// browser whose zone (UTC) is not the tenant's (Asia/Shanghai): records on their days, a datetime
// at 00:30 on the tenant's day, "+N more", the records without a date counted, an item dragged to
// another day and a Gantt bar's edge dragged, each checked through the API, and a drag the form's
// rule refuses put back with the rule's message. Screenshots on a desktop and a phone (an agenda).
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shot, signIn, startServer, type Server } from './harness';
import { center, confirmIn, drag, until } from './designer-helpers';
import { settle } from './list-helpers';

let server: Server;
let browser: Browser;
const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const RECORDS = '/api/apps/cal/forms/task/records';
const ids: Record<string, string> = {};
const views = { month: '', at: '', gantt: '' };

// Days in the tenant's zone: the calendar opens on this month, the Gantt around today.
const todaySh = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const ym = todaySh.slice(0, 7);
const plus = (n: number) => new Date(Date.parse(`${todaySh}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const form = {
  id: 'task',
  title: label('整改任务', 'Corrective actions'),
  titleField: 'name',
  fields: [
    { id: 'name', type: 'text', label: label('任务', 'Task') },
    { id: 'due', type: 'date', label: label('截止日期', 'Due') },
    { id: 'at', type: 'datetime', label: label('约定时间', 'Meeting') },
    { id: 'start', type: 'date', label: label('开始日期', 'Start') },
    { id: 'end', type: 'date', label: label('结束日期', 'End') },
    { id: 'status', type: 'select', label: label('状态', 'Status'), options: [{ value: 'todo', label: label('待处理', 'To do'), color: 'blue' }, { value: 'doing', label: label('进行中', 'In progress'), color: 'orange' }] },
  ],
  // Blank dates pass; filled ones must be in order.
  rules: [{ id: 'order', logic: { or: [{ '!': { var: 'start' } }, { '!': { var: 'end' } }, { '>=': [{ var: 'end' }, { var: 'start' }] }] }, message: label('结束日期不能早于开始日期', 'The end cannot be before the start') }],
};

async function json<T>(p: Promise<{ status: number; json: unknown }>, status = 201): Promise<T> {
  const r = await p;
  expect({ status: r.status, body: r.json }).toMatchObject({ status });
  return r.json as T;
}
const record = async (id: string) => (await server.api('GET', `${RECORDS}/${id}`)).json as Record<string, unknown>;
const add = async (key: string, body: Record<string, unknown>) => (ids[key] = (await json<{ _id: string }>(server.api('POST', RECORDS, body)))._id);

beforeAll(async () => {
  server = await startServer();
  await json(server.api('POST', '/api/apps', { id: 'cal', name: label('质量改进', 'Quality improvement') }));
  await json(server.api('POST', '/api/apps/cal/forms', form));
  await server.publish('cal');
  await add('audit', { name: '供应商审核', due: `${ym}-10`, at: `${ym}-15T00:30:00+08:00`, start: plus(0), end: plus(2), status: 'todo' });
  await add('report', { name: '8D 报告', due: `${ym}-10`, start: plus(1), end: plus(4), status: 'doing' });
  await add('undated', { name: '待定任务', status: 'todo' });
  await add('mover', { name: '来料复检', due: `${ym}-03`, status: 'doing' });
  // Today at 09:30 in Shanghai (its other dates next year, out of the other views' way).
  const next = `${Number(ym.slice(0, 4)) + 1}-01`;
  await add('meeting', { name: '供应商会议', at: `${todaySh}T09:30:00+08:00`, due: `${next}-15`, start: `${next}-15`, end: `${next}-16` });
  for (const n of [1, 2, 3, 4, 5]) await add(`busy${n}`, { name: `巡检 ${n}`, due: `${ym}-20`, status: 'todo' });
  // The rule refuses an end before the start (what the Gantt drag below runs into).
  expect((await server.api('POST', RECORDS, { name: 'x', start: plus(3), end: plus(1) })).status).toBe(422);
  const view = async (body: unknown) => (await json<{ id: string }>(server.api('POST', '/api/apps/cal/forms/task/views', body))).id;
  views.month = await view({ name: '截止日历', type: 'calendar', config: { calendar: { date: 'due', cardFields: ['status'] } } });
  views.at = await view({ name: '会议日历', type: 'calendar', config: { calendar: { date: 'at', mode: 'month' } } });
  views.gantt = await view({ name: '任务甘特图', type: 'gantt', config: { gantt: { start: 'start', end: 'end', cardFields: ['status'] } } });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(viewId: string, opts: { phone?: boolean; locale?: 'zh-CN' | 'en-US' } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: opts.phone ? { width: 390, height: 844 } : { width: 1440, height: 900 }, timezoneId: 'UTC', ...(opts.phone ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  await signIn(page, server, { locale: opts.locale ?? 'zh-CN' });
  await page.goto(`${server.url}/apps/cal/forms/task?view=${viewId}`);
  return page;
}
const day = (page: Page, d: string) => page.locator(`[role="gridcell"][data-day="${d}"]`);
const item = (page: Page, key: string) => page.locator(`[data-record="${ids[key]}"]`);
/** The next record write's answer: its status and body. */
const patched = (page: Page) =>
  page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/records/')).then(async (r) => ({ status: r.status(), body: await r.json().catch(() => null) }));

test('a month shows records on their days with labels, "+N more", and counts the undated', async () => {
  const page = await open(views.month);
  await day(page, `${ym}-10`).getByText('供应商审核').waitFor();
  await expect(day(page, `${ym}-10`).getByText('8D 报告').count()).resolves.toBe(1);
  // The status as its label, never its stored value.
  await expect(item(page, 'audit').getByText('待处理').count()).resolves.toBe(1);
  expect(await page.locator('[role="grid"]').innerText()).not.toMatch(/\btodo\b|\bdoing\b/);
  // Five on one day: three shown and "还有 2 条", which lists all five.
  await day(page, `${ym}-20`).getByRole('button', { name: '还有 2 条' }).click();
  await page.locator('.ant-popover:visible').getByText('巡检 5').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '1 条没有日期' }).click();
  await page.getByRole('dialog', { name: '没有日期的记录' }).getByText('待定任务').waitFor();
  await settle(page);
  await page.getByRole('dialog').getByRole('button', { name: /Close|关闭/ }).click();
  await settle(page);
  await shot(page, 'calendar-month-desktop');
  await page.context().close();
}, 120_000);

test('an item opens from the keyboard; dragged, or moved from the keyboard, to another day it is saved through the API', async () => {
  const page = await open(views.month);
  const mover = item(page, 'mover');
  await mover.getByText('来料复检').waitFor();
  // Enter on the focused item opens the record.
  await mover.getByRole('button', { name: /来料复检/ }).first().focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('record') === ids.mover);
  const detail = page.getByRole('dialog', { name: '记录详情' });
  await confirmIn(detail, detail.getByRole('button', { name: /^(Close|关闭)$/ }));
  await page.waitForURL((u) => !u.searchParams.has('record'));
  // A drag from the 3rd to the 4th.
  const saved = patched(page);
  await drag(page, await center(mover.getByText('来料复检')), await center(day(page, `${ym}-04`)), { over: `「来料复检」在 ${await day(page, `${ym}-04`).getAttribute('aria-label')}` });
  expect(await saved).toMatchObject({ status: 200 });
  await day(page, `${ym}-04`).getByText('来料复检').waitFor();
  expect(await until(async () => (await record(ids.mover)).due, `${ym}-04`)).toBe(`${ym}-04`);
  // From the keyboard: its "move" button, a date typed, Enter.
  await item(page, 'mover').getByRole('button', { name: '移动「来料复检」' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '移动「来料复检」到' });
  const date = dialog.getByRole('textbox', { name: '日期' });
  await date.waitFor();
  await date.fill(`${ym}-06`);
  await date.press('Enter');
  const moved = patched(page);
  await confirmIn(dialog, dialog.getByRole('button', { name: /^确\s*定$/ }));
  expect(await moved).toMatchObject({ status: 200 });
  await day(page, `${ym}-06`).getByText('来料复检').waitFor();
  expect((await record(ids.mover)).due).toBe(`${ym}-06`);
  await page.context().close();
}, 120_000);

test('a datetime at 00:30 in Shanghai sits on the Shanghai day in a browser set to UTC; in a week it moves to another hour', async () => {
  const page = await open(views.at);
  await day(page, `${ym}-15`).getByText('供应商审核').waitFor();
  await expect(day(page, `${ym}-15`).getByText('00:30').count()).resolves.toBe(1);
  await expect(day(page, `${ym}-14`).getByText('供应商审核').count()).resolves.toBe(0);
  // The week of today: the meeting in the 09 row, dragged to the 11 row keeps its minutes.
  await page.getByRole('radiogroup', { name: '显示方式' }).getByText('周', { exact: true }).click();
  const meeting = item(page, 'meeting');
  await page.locator(`[data-slot="slot:${todaySh}:9"]`).getByText('供应商会议').waitFor();
  // The month's records stay shown while the week's load, under a spinner: wait for the week's.
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  const to = page.locator(`[data-slot="slot:${todaySh}:11"]`);
  await to.scrollIntoViewIfNeeded();
  const from = await center(meeting.getByText('供应商会议'));
  const box = (await to.boundingBox())!;
  const saved = patched(page);
  await drag(page, from, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, { over: /「供应商会议」在 .*11:00/ });
  expect(await saved).toMatchObject({ status: 200 });
  await to.getByText('11:30').waitFor();
  const at = new Date(Date.parse(`${todaySh}T11:30:00+08:00`)).toISOString();
  expect(await until(async () => (await record(ids.meeting)).at, at)).toBe(at);
  await settle(page);
  await shot(page, 'calendar-week-desktop');
  await page.context().close();
}, 120_000);

test('a Gantt bar\'s edge is dragged (one write), and a drag the rule refuses goes back with its message', async () => {
  const page = await open(views.gantt);
  const bar = page.locator(`[data-bar="${ids.audit}"]`);
  await bar.waitFor();
  // The undated task, the five inspections and the re-check have no start and end.
  await expect(page.getByRole('button', { name: '7 条缺少开始或结束日期' }).count()).resolves.toBe(1);
  await settle(page);
  await shot(page, 'gantt-desktop');
  // The end edge two days to the right: end + 2, start untouched.
  const box = (await bar.boundingBox())!;
  const dayWidth = 32;
  let saved = patched(page);
  await drag(page, { x: box.x + box.width - 3, y: box.y + box.height / 2 }, { x: box.x + box.width - 3 + 2 * dayWidth, y: box.y + box.height / 2 });
  expect(await saved).toMatchObject({ status: 200 });
  const after = await until(async () => { const r = await record(ids.audit); return [r.start, r.end]; }, [plus(0), plus(4)]);
  expect(after).toEqual([plus(0), plus(4)]);
  // The report's end edge five days to the left, before its start: refused by the rule.
  const report = page.locator(`[data-bar="${ids.report}"]`);
  const before = (await report.boundingBox())!;
  saved = patched(page);
  await drag(page, { x: before.x + before.width - 3, y: before.y + before.height / 2 }, { x: before.x + before.width - 3 - 5 * dayWidth, y: before.y + before.height / 2 });
  expect(await saved).toMatchObject({ status: 422 });
  await page.getByRole('alert').getByText(/结束日期不能早于开始日期/).waitFor();
  expect(await until(async () => Math.round((await report.boundingBox())!.width), Math.round(before.width))).toBe(Math.round(before.width));
  const r = await record(ids.report);
  expect([r.start, r.end]).toEqual([plus(1), plus(4)]);
  await settle(page);
  await shot(page, 'gantt-refused-desktop');
  await page.context().close();
}, 120_000);

test('on a phone the month is an agenda by day, and the Gantt scrolls under its titles', async () => {
  const page = await open(views.month, { phone: true });
  const agenda = page.getByRole('list', { name: '日历' });
  await agenda.getByText('巡检 5').waitFor();
  await expect(agenda.locator(`[data-day="${ym}-20"]`).getByText(/巡检/).count()).resolves.toBe(5);
  await settle(page);
  await shot(page, 'calendar-phone-agenda');
  await page.goto(`${server.url}/apps/cal/forms/task?view=${views.gantt}`);
  await page.locator(`[data-bar="${ids.report}"]`).waitFor();
  await settle(page);
  await shot(page, 'gantt-phone');
  await page.context().close();
}, 120_000);

test('in English a week starts on Sunday and every word is English', async () => {
  const page = await open(views.month, { locale: 'en-US' });
  await day(page, `${ym}-10`).getByText('8D 报告').waitFor();
  expect((await page.getByRole('columnheader').allInnerTexts())[0]).toBe('Sun');
  await page.getByRole('button', { name: '1 without a date' }).waitFor();
  await expect(item(page, 'report').getByText('In progress').count()).resolves.toBe(1);
  await page.getByRole('button', { name: 'Next month' }).click();
  await page.getByRole('button', { name: 'Today' }).click();
  await day(page, `${ym}-10`).getByText('8D 报告').waitFor();
  await settle(page);
  await shot(page, 'calendar-month-en');
  await page.context().close();
}, 120_000);
