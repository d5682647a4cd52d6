// The app shell as a user meets it, in Debian's headless chromium against the real server:
// sign in, open an app and a form, add a record with a subform and formulas (totals update as
// you type), submit, find it in the list, open it, see its history, comment, switch language.
// Screenshots land in tests/browser/screenshots/ (desktop 1440×900 and phone 390×844).
import type { Browser, Page } from 'playwright-core';
import fixture from '../../engines/form/tests/fixtures/incoming-inspection.json';
import { countRecordPosts, launchChromium, shot, signIn, startServer, type Server } from './harness';

let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  expect((await server.api('POST', '/api/apps', { id: 'qms', name: { 'zh-CN': '质量管理', 'en-US': 'Quality' }, color: '#13a8a8' })).status).toBe(201);
  expect((await server.api('POST', '/api/apps/qms/forms', fixture)).status).toBe(201);
  await server.publish('qms');
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The root URL serves the app, which sends a signed-out visitor to the sign-in page. */
async function signInFromRoot(page: Page) {
  await signIn(page, server, { from: '/' });
  await page.getByText('质量管理').first().waitFor();
}

test('the web app is served as a production build, even when the test run built it', async () => {
  // jest sets NODE_ENV=test; a build it triggered once shipped React's development mode (about
  // twice as slow to render), and `npm start` served that build afterwards.
  const html = await (await fetch(`${server.url}/`)).text();
  const scripts = [...html.matchAll(/src="([^"]+\.js)"/g), ...html.matchAll(/href="([^"]+\.js)"/g)].map((m) => m[1]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const js = await (await fetch(new URL(src, server.url))).text();
    expect({ src, development: /jsxDEV|react-dom\.development|Warning: Each child in a list/.test(js) }).toEqual({ src, development: false });
  }
});

test('desktop: fill a form with a subform and formulas, submit, find it, open it, comment, switch language', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.url}/login`);
  await shot(page, 'desktop-login');
  await signInFromRoot(page);
  await page.getByText('质量管理').first().click();
  await page.getByRole('menuitem', { name: '来料检验单' }).click();
  await page.getByText('还没有数据，点击新增或从 Excel 导入').waitFor();
  await shot(page, 'desktop-list-empty');

  await page.getByRole('button', { name: /新增/ }).click();
  const posts = countRecordPosts(page);
  await page.locator('#f-supplier').fill('华东精密');
  await page.locator('#f-lot').fill('L-20261124');
  await page.locator('#f-arrived').click();
  await page.locator('#f-arrived').fill('2026-11-20');
  await page.locator('#f-arrived').press('Enter');
  await page.locator('#f-sampled').fill('100');
  await page.locator('#f-passed').fill('96');
  await page.getByRole('button', { name: /添加一行/ }).click();
  await page.locator('#f-lines-0-material').fill('六角螺栓');
  await page.locator('#f-lines-0-qty').fill('3');
  await page.locator('#f-lines-0-price').fill('0.1');
  await page.getByRole('button', { name: /添加一行/ }).click();
  await page.locator('#f-lines-1-material').fill('螺母');
  await page.locator('#f-lines-1-qty').fill('2');
  await page.locator('#f-lines-1-price').fill('0.2');
  await page.locator('#f-lines-1-price').blur();
  // Live formulas: row amounts, the subform total and the record total, exact to the cent.
  await page.getByTestId('lines-totals').getByText('¥0.70').waitFor();
  await expect(page.locator('#f-total').inputValue()).resolves.toBe('¥0.70');
  await expect(page.locator('#f-passRate').inputValue()).resolves.toBe('96.0%');
  // The disposition shows because passed < sampled, and it is required.
  await page.getByRole('button', { name: '提 交' }).or(page.getByRole('button', { name: '提交' })).click();
  await page.getByText('请填写处置方式').waitFor();
  expect(posts()).toBe(0); // neither Enter in the date nor the refused submit sent the record
  await shot(page, 'desktop-form-errors');
  await page.locator('#f-disposition').click();
  await page.getByTitle('让步接收').click();
  await shot(page, 'desktop-form');
  await page.getByRole('button', { name: '提 交' }).or(page.getByRole('button', { name: '提交' })).click();

  await page.getByText('L-20261124').waitFor();
  expect(posts()).toBe(1);
  await expect(page.getByText('共 1 条').isVisible()).resolves.toBe(true);
  await shot(page, 'desktop-list');
  await page.getByText('L-20261124').click();
  await page.getByRole('tab', { name: '历史' }).waitFor();
  await expect(page.getByText(/IQC-\d{8}-0001/).first().isVisible()).resolves.toBe(true);
  await page.getByText('创建了记录').waitFor();
  await page.getByRole('tab', { name: /评论/ }).click();
  await page.getByPlaceholder('写下评论，输入 @ 提及同事').fill('请复核第二行单价');
  await page.getByRole('button', { name: '发 表' }).or(page.getByRole('button', { name: '发表' })).click();
  await page.getByText('请复核第二行单价').waitFor();
  await shot(page, 'desktop-detail');

  await page.keyboard.press('Escape');
  // A search that finds nothing says so, not "no data yet".
  await page.getByRole('searchbox', { name: '搜索' }).or(page.getByLabel('搜索')).first().fill('不存在的批次');
  await page.getByRole('searchbox', { name: '搜索' }).or(page.getByLabel('搜索')).first().press('Enter');
  await page.getByText('没有符合搜索或筛选条件的数据').waitFor();
  expect(await page.getByText('还没有数据，点击新增或从 Excel 导入').count()).toBe(0);
  await page.getByRole('searchbox', { name: '搜索' }).or(page.getByLabel('搜索')).first().fill('');
  await page.getByRole('searchbox', { name: '搜索' }).or(page.getByLabel('搜索')).first().press('Enter');
  await page.getByText('L-20261124').waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Load more' }).or(page.getByText('1 in total')).first().waitFor();
  await page.getByRole('menuitem', { name: 'Incoming inspection' }).waitFor();
  await page.getByRole('columnheader', { name: 'Supplier' }).waitFor();
  await shot(page, 'desktop-list-en');
  await page.close();
}, 120_000);

test('phone: navigation in a drawer, records as cards, the form stacks', async () => {
  // Its own app and record: it once listed the record the desktop test submits, and failed
  // when run alone or first.
  expect((await server.api('POST', '/api/apps', { id: 'site', name: { 'zh-CN': '现场质检', 'en-US': 'On site' } })).status).toBe(201);
  expect((await server.api('POST', '/api/apps/site/forms', { ...fixture, id: 'siteiqc' })).status).toBe(201); // form ids are unique across apps
  await server.publish('site');
  const record = { supplier: '华南精工', lot: 'L-PHONE-1', arrived: '2026-11-21', sampled: 50, passed: 50 };
  expect((await server.api('POST', '/api/apps/site/forms/siteiqc/records', record)).status).toBe(201);

  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.addInitScript(() => localStorage.setItem('tessera.locale', 'zh-CN'));
  await signInFromRoot(page);
  await page.getByText('现场质检').first().click();
  await page.getByRole('button', { name: '菜单' }).click();
  await page.getByRole('menuitem', { name: '来料检验单' }).click();
  await page.getByText('L-PHONE-1').waitFor();
  await page.locator('.ant-drawer-mask').waitFor({ state: 'hidden' });
  await shot(page, 'phone-list');
  await page.getByRole('button', { name: /新增/ }).click();
  await page.getByRole('button', { name: /添加一行/ }).click();
  await page.getByText('第 1 行').waitFor();
  await shot(page, 'phone-form');
  await page.close();
}, 120_000);
