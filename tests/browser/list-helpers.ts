// What the list's browser tests share (list-views, list-filters): the filter builder as a user
// reaches it, and the filter the list last sent to the server.
import type { Page } from 'playwright-core';

/** The filter of the list's last request (parsed), as the server got it. */
export function lastListFilter(page: Page): () => unknown {
  let filter: unknown = null;
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (r.method() === 'GET' && /\/forms\/[^/]+\/records$/.test(u.pathname)) filter = JSON.parse(u.searchParams.get('filter') ?? 'null');
  });
  return () => filter;
}

/** Lets antd's open / close animations end before a screenshot (it is looked at, not compared). */
export const settle = (page: Page) => page.waitForTimeout(400);

/** The filter builder: a pop-up on a desktop, a sheet from the bottom (a dialog) on a phone. */
export const filterPopup = (page: Page) => page.locator('.ant-popover:visible').or(page.getByRole('dialog', { name: /^(筛选|Filter)$/ }));
