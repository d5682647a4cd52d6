// The change-password page in Debian's headless chromium against the real server: a user with a
// one-time password is sent there after signing in and can go nowhere else; the server's
// refusals read as words on the right field (never a code); afterwards the app opens. Anyone
// reaches the page from the user menu. Screenshots: change-password-*.png.
import type { Browser } from 'playwright-core';
import { launchChromium, shot, signIn, startServer, type Server } from './harness';

let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  const created = await server.api('POST', '/api/users', { username: 'newcomer', password: 'temporary-pass-1', displayName: 'New Comer', mustChangePassword: true, locale: 'en-US' });
  expect(created.status).toBe(201);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('a user who must change their password is sent to the page, gets refusals in words, and is let in once it is changed', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // 1. Signing in lands on the change-password page, and other pages lead back to it.
  await signIn(page, server, { username: 'newcomer', password: 'temporary-pass-1', locale: 'en-US' });
  await page.waitForURL(/\/account\/password$/);
  await page.getByText('Set a new password first').waitFor();
  await page.goto(`${server.url}/apps/anything`);
  await page.waitForURL(/\/account\/password$/);
  await shot(page, 'change-password-required');

  // 2. A wrong current password and a common new one: each said in words on its field.
  await page.locator('#currentPassword').fill('not-my-password');
  await page.locator('#newPassword').fill('a-good-new-password');
  await page.locator('#confirmPassword').fill('a-good-new-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('The current password is wrong').waitFor();
  await page.locator('#currentPassword').fill('temporary-pass-1');
  await page.locator('#newPassword').fill('qwertyuiop');
  await page.locator('#confirmPassword').fill('qwertyuiop');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('This password is too common and easy to guess; choose another').waitFor();
  // 3. Checked before asking the server: too short, and the two entries differ.
  await page.locator('#newPassword').fill('short');
  await page.locator('#confirmPassword').fill('shorter');
  await page.getByText('The new password needs at least 10 characters').waitFor();
  await page.getByText('The two new passwords do not match').waitFor();
  await shot(page, 'change-password-errors');
  const body = await page.locator('body').innerText();
  expect(body).not.toMatch(/wrong_password|password_too_common|VALIDATION_FAILED|PASSWORD_CHANGE_REQUIRED/);

  // 4. A good one: the app opens, and the server now lets this user in everywhere.
  await page.locator('#newPassword').fill('my-own-password-1');
  await page.locator('#confirmPassword').fill('my-own-password-1');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password has been changed').waitFor();
  await page.waitForURL((u) => u.pathname === '/');
  const me = await page.evaluate(async () => (await fetch('/api/apps')).status);
  expect(me).toBe(200);
  await page.close();
});

test('anyone reaches the page from the user menu (zh-CN)', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(8000);
  await signIn(page, server, { locale: 'zh-CN' });
  await page.getByRole('button', { name: 'Administrator' }).click();
  await page.getByRole('menuitem', { name: '修改密码' }).click();
  await page.waitForURL(/\/account\/password$/);
  await page.getByLabel('当前密码').waitFor();
  await page.getByLabel('确认新密码').waitFor();
  expect(await page.getByText('请先设置一个新密码').count()).toBe(0);
  await shot(page, 'change-password-zh');
  await page.close();
});
