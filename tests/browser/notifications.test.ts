// @mentions and the notification centre in Debian's headless chromium against the real server:
// 安妮 types @ in a comment, picks 鲍勃 by name and posts; 鲍勃 signs in, sees the bell say 1,
// opens the list, clicks the notification, lands on the record, and the bell goes back to none.
// On a phone the list is a full-screen drawer and the record opens as a page. An empty list and
// one that could not load read differently. Names everywhere, never an id.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shot, signIn, startServer, type Server } from './harness';

let server: Server;
let browser: Browser;
const ids = { ann: '', bob: '', record: '' };
const PASSWORD = 'browser-pass-1234';
const records = '/api/apps/ntf/forms/insp/records';

const form = {
  id: 'insp',
  title: { 'zh-CN': '巡检记录', 'en-US': 'Patrol checks' },
  titleField: 'lot',
  fields: [
    { id: 'lot', type: 'text', label: { 'zh-CN': '批次', 'en-US': 'Lot' } },
    { id: 'note', type: 'text', label: { 'zh-CN': '说明', 'en-US': 'Note' } },
  ],
};

async function ok<T>(call: Promise<{ status: number; json: unknown }>): Promise<T> {
  const res = await call;
  if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.json)}`);
  return res.json as T;
}

beforeAll(async () => {
  server = await startServer();
  const make = async (username: string, displayName: string) => (await ok<{ user: { _id: string } }>(server.api('POST', '/api/users', { username, password: PASSWORD, displayName }))).user._id;
  ids.ann = await make('anni', '安妮');
  ids.bob = await make('baobo', '鲍勃');
  // 凯特 is named by no set: she cannot see the record, and the picker never offers her.
  await make('kaite', '凯特');
  await ok(server.api('POST', '/api/apps', { id: 'ntf', name: { 'zh-CN': '巡检', 'en-US': 'Patrols' } }));
  await ok(server.api('POST', '/api/apps/ntf/forms', form));
  await server.publish('ntf');
  await ok(server.api('POST', '/api/apps/ntf/permission-sets', { name: '巡检员', members: { users: [ids.ann, ids.bob], departments: [], roles: [] }, forms: { insp: { actions: ['view', 'comment'], scope: { kind: 'all' } } } }));
  ids.record = (await ok<{ _id: string }>(server.api('POST', records, { lot: 'L-7', note: '二号线巡检' })))._id;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits for the page's animations (a popover fading in, a drawer sliding in) to end, for a screenshot; the unread dot pulses for ever. */
const settled = (page: Page) =>
  page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity));

/** No user id anywhere on the page. */
async function noIds(page: Page) {
  const text = await page.locator('body').innerText();
  for (const id of [ids.ann, ids.bob]) expect(text).not.toContain(id);
}

test('desktop zh-CN: @ picks a person by name; they see the bell count, open the list and land on the record', async () => {
  // 1. 安妮 opens the record and types @ in the comment box: the picker offers the people who see it, by name.
  const ann = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(ann, server, { username: 'anni', password: PASSWORD, locale: 'zh-CN' });
  await ann.goto(`${server.url}/apps/ntf/forms/insp?record=${ids.record}`);
  const drawer = ann.getByRole('dialog', { name: '记录详情' });
  await drawer.getByRole('tab', { name: /评论/ }).click();
  const box = drawer.getByPlaceholder('写下评论，输入 @ 提及同事');
  await box.click();
  await box.pressSequentially('@');
  await ann.getByRole('menuitem', { name: '鲍勃' }).waitFor();
  expect(await ann.getByRole('menuitem', { name: '凯特' }).count()).toBe(0);
  expect(await ann.getByRole('menuitem', { name: '安妮' }).count()).toBe(0);
  await noIds(ann);
  await box.pressSequentially('鲍');
  await ann.getByRole('menuitem', { name: 'Administrator' }).waitFor({ state: 'detached' });
  await settled(ann);
  await shot(ann, 'notifications-mention-picker-zh');
  await ann.getByRole('menuitem', { name: '鲍勃' }).click();
  await expect(box.inputValue()).resolves.toBe('@鲍勃 ');
  await box.pressSequentially('请复核二号线的记录');
  await drawer.getByRole('button', { name: /发\s*表/ }).click();
  await drawer.getByRole('listitem').filter({ hasText: '@鲍勃 请复核二号线的记录' }).waitFor();
  await expect(box.inputValue()).resolves.toBe('');
  // The author is not notified of their own comment.
  await ann.getByRole('button', { name: '通知，没有未读' }).waitFor();
  expect(await ann.evaluate(() => fetch('/api/notifications/count').then((r) => r.json()))).toEqual({ unread: 0 });
  await ann.close();

  // 2. 鲍勃 signs in: the bell says 1; the list says who, what and when, marked unread.
  const bob = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(bob, server, { username: 'baobo', password: PASSWORD, locale: 'zh-CN' });
  const bell = bob.getByRole('button', { name: '通知，1 条未读' });
  await bell.waitFor();
  // From the keyboard: Enter opens the list and puts the focus in it; Escape closes it, back on the bell.
  await bell.focus();
  await bob.keyboard.press('Enter');
  const list = bob.getByRole('region', { name: '通知' });
  await list.waitFor();
  await bob.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '通知');
  await bob.keyboard.press('Escape');
  await list.waitFor({ state: 'hidden' });
  await bob.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '通知，1 条未读');
  await bell.click();
  const item = list.getByRole('link', { name: /安妮 在「巡检记录」中提到了你/ });
  await item.waitFor();
  await item.getByText('@鲍勃 请复核二号线的记录').waitFor();
  await item.getByText(/刚刚|分钟前/).waitFor();
  await item.getByText('未读').waitFor();
  await noIds(bob);
  await settled(bob);
  await shot(bob, 'notifications-list-zh');

  // 3. A click opens the record in the list's drawer, and the bell counts none.
  await item.click();
  await bob.waitForURL((u) => u.pathname === '/apps/ntf/forms/insp' && u.searchParams.get('record') === ids.record);
  await bob.getByRole('dialog', { name: '记录详情' }).getByText('L-7').first().waitFor();
  await bob.getByRole('button', { name: '通知，没有未读' }).waitFor();
  await settled(bob);
  await shot(bob, 'notifications-record-opened-zh');
  await bob.close();
}, 120_000);

test('phone: the list is a drawer, the record opens as a page, and reading it clears the count', async () => {
  await ok(server.api('POST', `${records}/${ids.record}/comments`, { text: '@鲍勃 明天上午复检', mentions: [ids.bob] }));
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await signIn(phone, server, { username: 'baobo', password: PASSWORD, locale: 'zh-CN' });
  const bell = phone.getByRole('button', { name: '通知，1 条未读' });
  await bell.waitFor();
  await settled(phone);
  await shot(phone, 'notifications-phone-bell-zh');
  await bell.tap();
  const drawer = phone.getByRole('dialog', { name: '通知' });
  const item = drawer.getByRole('link', { name: /Administrator 在「巡检记录」中提到了你/ });
  await item.waitFor();
  await settled(phone);
  await shot(phone, 'notifications-phone-zh');
  await item.tap();
  await phone.waitForURL((u) => u.pathname === `/apps/ntf/forms/insp/records/${ids.record}`);
  await phone.getByText('L-7').first().waitFor();
  await phone.getByRole('button', { name: '通知，没有未读' }).waitFor();
  await phone.close();
}, 120_000);

test('en-US: none yet says so; a list that could not load says why, and a retry loads it; mark all read', async () => {
  await ok(server.api('POST', `${records}/${ids.record}/comments`, { text: '@安妮 please check', mentions: [ids.ann] }));
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // 凯特 has none: the empty list says what will show there.
  await signIn(page, server, { username: 'kaite', password: PASSWORD, locale: 'en-US' });
  await page.getByRole('button', { name: 'Notifications, none unread' }).click();
  await page.getByText('No notifications yet. When someone @mentions you in a comment, it shows here.').waitFor();
  await page.close();

  const ann = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(ann, server, { username: 'anni', password: PASSWORD, locale: 'en-US' });
  // 1. The server cannot be reached: a sentence and a retry, never "no notifications".
  const listCalls = (u: URL) => u.pathname === '/api/notifications';
  await ann.route(listCalls, (r) => r.abort('internetdisconnected'));
  await ann.getByRole('button', { name: 'Notifications, 1 unread' }).click();
  const failed = ann.getByRole('alert').filter({ hasText: 'Could not load notifications' });
  await failed.getByText('Could not reach the server. Check your connection and try again.').waitFor();
  expect(await ann.getByText('No notifications yet', { exact: false }).count()).toBe(0);
  await settled(ann);
  await shot(ann, 'notifications-load-failed-en');
  // 2. Back online, the retry shows the list; mark all read clears the count from the keyboard.
  await ann.unroute(listCalls);
  await failed.getByRole('button', { name: 'Retry' }).click();
  await ann.getByRole('link', { name: /Administrator mentioned you in Patrol checks/ }).waitFor();
  await settled(ann);
  await shot(ann, 'notifications-list-en');
  await ann.getByRole('button', { name: 'Mark all read' }).focus();
  await ann.keyboard.press('Enter');
  await ann.getByRole('button', { name: 'Notifications, none unread' }).waitFor();
  expect(await ann.getByText('Unread', { exact: true }).count()).toBe(0);
  await ann.close();
}, 120_000);
