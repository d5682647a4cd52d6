// Record pages' smaller promises (issue #10), in Debian's headless chromium against the real
// server: closing the drawer while editing with changes asks first; "next" past the rows loaded
// makes the list behind the drawer grow; a looked-up member reads as the person's name (never
// "加载中"); a checkbox group is one named, required group to a screen reader; a subform column
// required under a condition is marked in the rows where it holds, not in the others.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signIn, startServer, type Server } from './harness';
import { settle } from './list-helpers';
import { confirmIn, pick } from './designer-helpers';

let server: Server;
let browser: Browser;
const api = (form: string) => `/api/apps/gaps/forms/${form}/records`;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  const buyer = (await server.api('POST', '/api/users', { username: 'qianqi', password: 'browser-pass-1234', displayName: '采购钱七' })).json as { user: { _id: string } };
  expect((await server.api('POST', '/api/apps', { id: 'gaps', name: '检验' })).status).toBe(201);
  const forms = [
    { id: 'gsup', title: '供应商', titleField: 'name', fields: [{ id: 'name', type: 'text', label: '名称' }, { id: 'buyer', type: 'member', label: '采购员' }] },
    {
      id: 'glot', title: '批次', titleField: 'lot',
      fields: [
        { id: 'lot', type: 'text', label: '批次' },
        { id: 'sup', type: 'relation', label: '供应商', formId: 'gsup', displayField: 'name' },
        { id: 'buyer', type: 'lookup', label: '采购员', relationField: 'sup', targetField: 'buyer' },
        { id: 'checks', type: 'multiselect', display: 'checkbox', required: true, label: '检查项', options: [{ value: 'size', label: '尺寸' }, { value: 'look', label: '外观' }] },
        {
          id: 'lines', type: 'subform', label: '明细',
          fields: [
            { id: 'result', type: 'select', label: '结论', options: [{ value: 'pass', label: '合格' }, { value: 'fail', label: '不合格' }] },
            { id: 'defect', type: 'text', label: '缺陷', requiredIf: { '==': [{ var: '$row.result' }, 'fail'] } },
          ],
        },
      ],
    },
  ];
  for (const f of forms) expect((await server.api('POST', '/api/apps/gaps/forms', f)).status).toBe(201);
  await server.publish('gaps');
  ids.sup = ((await server.api('POST', api('gsup'), { name: '华东精密', buyer: buyer.user._id })).json as { _id: string })._id;
  // 25 lots: the list's first page holds 20.
  for (let i = 1; i <= 25; i++) {
    const res = await server.api('POST', api('glot'), { lot: `G-${String(i).padStart(2, '0')}`, sup: { id: ids.sup }, checks: ['size'], lines: [{ result: 'pass' }] });
    expect(res.status).toBe(201);
    ids[`G-${String(i).padStart(2, '0')}`] = (res.json as { _id: string })._id;
  }
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openList(page: Page) {
  await signIn(page, server);
  await page.goto(`${server.url}/apps/gaps/forms/glot`);
  await page.getByText('共 25 条').waitFor();
}
const rows = (page: Page) => page.locator('.ant-table-row').count();

test('closing the drawer while editing with changes asks first; staying keeps the edits', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await openList(page);
  await page.locator('.ant-table-row').first().getByRole('link').click();
  const drawer = page.locator('.ant-drawer-section');
  await drawer.getByRole('button', { name: '编辑' }).click();
  await drawer.locator('#f-lot').fill('G-25 改');
  await page.keyboard.press('Escape');
  const ask = page.getByRole('dialog', { name: '放弃未保存的修改？' });
  await confirmIn(ask, ask.getByRole('button', { name: /留下|继续编辑|取消/ }));
  expect(await drawer.locator('#f-lot').inputValue()).toBe('G-25 改');
  // The drawer's × asks again; leaving closes it and nothing was saved.
  await page.locator('.ant-drawer-close').click();
  const leave = page.getByRole('dialog', { name: '放弃未保存的修改？' });
  await confirmIn(leave, leave.getByRole('button', { name: '放弃并离开' }));
  await drawer.waitFor({ state: 'hidden' });
  expect(((await server.api('GET', `${api('glot')}/${ids['G-25']}`)).json as { lot: string }).lot).toBe('G-25');
  // Unchanged, the drawer closes at once.
  await page.locator('.ant-table-row').first().getByRole('link').click();
  await drawer.getByRole('button', { name: '编辑' }).click();
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await page.close();
});

test('"next" past the rows loaded makes the list behind the drawer grow to them', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await openList(page);
  expect(await rows(page)).toBe(20);
  // The 20th row (G-06, newest first), then next: G-05, on the page not loaded yet.
  await page.locator('.ant-table-row').nth(19).getByRole('link').click();
  await page.getByRole('button', { name: '下一条' }).click();
  await page.waitForURL((u) => u.searchParams.get('record') === ids['G-05']);
  await page.locator('.ant-drawer-close').click();
  await page.locator('.ant-drawer-section').waitFor({ state: 'hidden' });
  const end = Date.now() + 10_000;
  while ((await rows(page)) !== 25 && Date.now() < end) await page.waitForTimeout(100);
  expect(await rows(page)).toBe(25);
  expect(await page.locator('.ant-table-row').getByRole('link', { name: 'G-05', exact: true }).count()).toBe(1);
  await page.close();
}, 60_000);

test('a looked-up member reads as the name, in the record and in the list', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await openList(page);
  await page.locator('.ant-table-row').first().getByText('采购钱七').waitFor();
  await page.locator('.ant-table-row').first().getByRole('link').click();
  const drawer = page.locator('.ant-drawer-section');
  await drawer.getByText('采购钱七').first().waitFor();
  await settle(page);
  expect(await drawer.innerText()).not.toContain('加载中');
  await page.close();
});

test('a checkbox group is one named group, required; a row whose condition holds marks its column', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, server);
  await page.goto(`${server.url}/apps/gaps/forms/glot/new`);
  const group = page.getByRole('group', { name: '检查项' });
  await group.waitFor();
  expect(await group.getAttribute('aria-required')).toBe('true');
  expect(await group.getByRole('checkbox').count()).toBe(2);
  // Two rows: the failed one marks its defect cell as required, the passed one does not.
  await page.getByRole('button', { name: /添加一行|添加行/ }).click();
  await page.getByRole('button', { name: /添加一行|添加行/ }).click();
  const cells = page.locator('.ant-table-row');
  // By the option's exact title (合格 is also in 不合格), from the one list open.
  await pick(page, cells.nth(0).locator('.ant-select'), '不合格');
  await pick(page, cells.nth(1).locator('.ant-select'), '合格');
  await cells.nth(0).getByTitle('不合格', { exact: true }).waitFor();
  await cells.nth(1).getByTitle('合格', { exact: true }).waitFor();
  await settle(page);
  expect(await cells.nth(0).locator('.tessera-required-mark').count()).toBe(1);
  expect(await cells.nth(1).locator('.tessera-required-mark').count()).toBe(0);
  expect(await page.locator('#f-lines-0-defect').getAttribute('aria-required')).toBe('true');
  expect(await page.locator('#f-lines-1-defect').getAttribute('aria-required')).toBeNull();
  await page.close();
});
