// What the browser tests do the way a person does: drag with the mouse, pick an option from an
// antd dropdown by its label, press Tab until a control has the focus.
import type { Locator, Page } from 'playwright-core';

export async function center(l: Locator): Promise<{ x: number; y: number }> {
  await l.scrollIntoViewIfNeeded();
  const b = await l.boundingBox();
  if (!b) throw new Error('element has no box');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/**
 * Presses the mouse on `from`, moves in steps (as a hand does) to `to`, and lets go. With `over`,
 * it lets go only once dnd-kit has announced the drop target (its live region holds that text):
 * the target is known to the page, however slowly it renders.
 */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, opts: { over?: string | RegExp } = {}): Promise<void> {
  // A drawer or dialog still fading out covers the page with its mask, and a loading spinner
  // covers what it loads: either would take the press.
  await page.waitForFunction(({ x, y }) => {
    const at = document.elementFromPoint(x, y);
    return !!at && !at.matches('.ant-modal-wrap, .ant-drawer-content-wrapper') && !at.closest('.ant-drawer-mask, .ant-modal-mask, .ant-spin-blur');
  }, from);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 12, from.y + 8, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  if (opts.over) await page.locator('[id^="DndLiveRegion"]').filter({ hasText: opts.over }).waitFor({ state: 'attached' });
  else await page.waitForTimeout(60);
  await page.mouse.up();
  await page.waitForTimeout(60);
}

/**
 * Clicks a button of a dialog once the dialog has finished opening (its zoom animation ran out),
 * then waits for the dialog to close: a click during the opening animation can be lost on a busy
 * machine, leaving the dialog open (a CI run's screenshot showed it so).
 */
export async function confirmIn(dialog: Locator, button: Locator): Promise<void> {
  await opened(dialog);
  await button.click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Waits until the dialog has finished opening (its zoom animation ran out): a click before can be lost. */
export async function opened(dialog: Locator): Promise<void> {
  await dialog.waitFor();
  await dialog.evaluate((el) => {
    const root = el.closest('.ant-modal-wrap') ?? el;
    const running = () => root.getAnimations({ subtree: true }).filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity);
    return new Promise<void>((done) => {
      const check = () => (running().length === 0 ? done() : setTimeout(check, 30));
      check();
    });
  });
}

/** In the page: how many antd select lists are showing. */
const selectLists = () => [...document.querySelectorAll('.ant-select-dropdown')].filter((d) => d.checkVisibility()).length;

/**
 * Opens an antd select and clicks the option with exactly this label, once the select's list is
 * the only one showing: a list still closing from an earlier pick is never clicked by mistake.
 * A list draws only the options in view (a CI run on a phone's filter sheet found no "本月"): an
 * option that cannot be clicked is walked to with the arrow keys and picked with Enter, as a
 * keyboard user would. Then the select must show the label. A click can land where the option
 * was a moment before (a CI run saw a filter's field left empty after its pick, under load); that
 * pick is made again, once, and said in the output, so a page that keeps losing picks still fails.
 */
export async function pick(page: Page, combobox: Locator, label: string): Promise<void> {
  const select = combobox.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    // A list left open by a missed click is used as it is (a click on the select would close it).
    if (attempt === 1 || (await page.evaluate(selectLists)) === 0) await combobox.click();
    await page.waitForFunction(`(${selectLists})() === 1`);
    const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`);
    if (!(await option.click({ timeout: 5000 }).then(() => true, () => false))) await walkTo(page, label);
    // (A select the pick took away, as a dialog closing on it, has taken it.)
    const shown = async () => ((texts) => texts.length === 0 || texts.some((x) => x.includes(label)))(await select.allInnerTexts());
    if (await until(shown, true, 3000)) {
      // The pointer goes back to the select, as a person's does: a list that closed over a table
      // header would leave the pointer there, and the header's sort tooltip over what comes next (a CI
      // run could not click the filter's "Add condition" under it). A select the pick took away is let be.
      await combobox.hover({ timeout: 2000 }).catch(() => undefined);
      return;
    }
    if (attempt === 2) throw new Error(`pick: "${label}" was clicked twice, and the select still does not show it`);
    console.warn(`pick: "${label}" was clicked but the select does not show it; picking it again`);
  }
}

/** Presses ArrowDown in the open select list until the option with this label is active, then Enter. */
async function walkTo(page: Page, label: string): Promise<void> {
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  for (let k = 0; k < 60; k++) {
    if ((await active.getAttribute('title', { timeout: 500 }).catch(() => null)) === label) return page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`pick: no option "${label}" in the list, by click or by the arrow keys`);
}

/** In the page: no antd dropdown (a select's options, a date picker's calendar) is showing. */
const noPopupOpen = () => ![...document.querySelectorAll('.ant-select-dropdown, .ant-picker-dropdown')].some((d) => d.checkVisibility());

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus. Each press waits for what it depends
 * on rather than counting on a number of presses: no dropdown open first (an open antd select
 * takes Tab to pick its active option and keeps the focus), then the focus moved on, so a press
 * that did nothing fails here, saying where the focus was. `max` only stops a walk that missed.
 */
export async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}): Promise<number> {
  const handle = await target.elementHandle();
  if (!handle) throw new Error('tab target not found');
  for (let i = 0; i < max; i++) {
    if (await handle.evaluate((el) => el === document.activeElement)) return i;
    await page.waitForFunction(noPopupOpen, undefined, { timeout: 5000 }).catch(() => {
      throw new Error('a dropdown stayed open: close it (Enter, Escape) before tabbing on');
    });
    const from = await page.evaluateHandle(() => document.activeElement);
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    await page.waitForFunction((el) => document.activeElement !== el, from, { timeout: 5000 }).catch(async () => {
      throw new Error(`Tab did not move the focus from ${await from.evaluate((el) => el?.outerHTML.slice(0, 160) ?? 'nothing')}`);
    });
    await from.dispose();
  }
  throw new Error(`no focus on the target after ${max} presses`);
}

/** Polls `read` until it gives `expected` (deep-equal by JSON) or `ms` pass; returns the last value read. */
export async function until<T>(read: () => Promise<T>, expected: T, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  let last = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}
