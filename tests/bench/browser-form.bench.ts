// A 200-field form in Debian's chromium (headless): time from its schema arriving to the first
// frame with its first fields usable, and to every field rendered (User Timing marks the app
// sets), and the cost of one keystroke — handlers, React's re-render, style and layout — in a
// plain text field and in a number field that a formula reads. Printed figures, never asserted.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { fields200, median, percentile, runBench, startBenchApp } from './lib';

const ROOT = join(__dirname, '..', '..');
const LOADS = 7;
const KEYS = 30;
const p95 = (xs: number[]) => percentile(xs, 0.95);

async function main() {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-designer-built.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the web app failed');
  const app = await startBenchApp({ spa: true });
  const { base, cookie } = app;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    await app.post('/api/apps', { id: 'bench', name: 'Bench' });
    await app.post('/api/apps/bench/forms', { id: 'big', title: '200 字段', fields: fields200() });
    await app.publish('bench');

    const [name, value] = cookie.split('=');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();

    const interactive: number[] = [];
    const complete: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      await page.goto(`${base}/apps/bench/forms/big/new`);
      await page.waitForFunction(() => performance.getEntriesByName('tessera:form-complete').length > 0, undefined, { timeout: 30_000 });
      const [i1, c1] = await page.evaluate(() => {
        const data = performance.getEntriesByName('tessera:form-data')[0].startTime;
        return [performance.getEntriesByName('tessera:form-interactive')[0].startTime - data, performance.getEntriesByName('tessera:form-complete')[0].startTime - data];
      });
      interactive.push(i1);
      complete.push(c1);
    }

    // Keystroke cost, every key measured (keydown → input), from the key reaching the page:
    //  - re-render: its handlers, React's re-render and the layout it needs (forced at the end
    //    of the input event, after React's listener) — the work a keystroke causes;
    //  - to frame: until a task queued after the input event runs, so a frame drawn in between
    //    (style, paint, compositing — software rendering here, no GPU) counts too.
    // The delay of CDP delivering the synthetic key to the page is not counted.
    await page.evaluate(() => {
      const w = window as unknown as { keyCosts: Array<[number, number]>; keyAt: number };
      w.keyCosts = [];
      w.keyAt = 0;
      // Added before the app's own listeners, so this runs first when the key arrives.
      document.addEventListener('keydown', () => (w.keyAt = performance.now()), { capture: true });
      window.addEventListener('input', () => {
        const start = w.keyAt || performance.now();
        w.keyAt = 0;
        void document.body.offsetHeight;
        const rendered = performance.now() - start;
        const ch = new MessageChannel();
        ch.port1.onmessage = () => w.keyCosts.push([rendered, performance.now() - start]);
        ch.port2.postMessage(null);
      });
    });
    const typeInto = async (selector: string, keys: string[]) => {
      await page.click(selector);
      await page.waitForTimeout(100);
      await page.evaluate(() => ((window as unknown as { keyCosts: unknown[] }).keyCosts = []));
      for (const key of keys) {
        await page.keyboard.press(key);
        await page.waitForTimeout(30); // people type a key every 100–200 ms; let each one settle
      }
      await page.waitForTimeout(100);
      return page.evaluate(() => (window as unknown as { keyCosts: Array<[number, number]> }).keyCosts);
    };
    const text = await typeInto('#f-t0', [...'Lot A-1024 passed visual check'].slice(0, KEYS).map((c) => (c === ' ' ? 'Space' : c)));
    // Quantities as people type them: a few digits, corrected with Backspace, typed again.
    const number = await typeInto('#f-n1', Array.from({ length: KEYS }, (_, i) => ['1', '2', '5', '0', 'Backspace', 'Backspace', 'Backspace', 'Backspace'][i % 8]));
    const formulaShown = await page.evaluate(() => document.body.innerText.includes('公式4'));
    if (!formulaShown || text.length < KEYS || number.length < KEYS) throw new Error(`measurement incomplete: ${text.length} / ${number.length} keys`);
    const show = (label: string, xs: Array<[number, number]>) => {
      const render = xs.map((x) => x[0]);
      const frame = xs.map((x) => x[1]);
      console.log(
        `bench browser.form200.keystroke (${label}): re-render median ${median(render).toFixed(1)} ms, p95 ${p95(render).toFixed(1)} ms; ` +
          `to frame median ${median(frame).toFixed(1)} ms, p95 ${p95(frame).toFixed(1)} ms over ${xs.length} keys (goal ≤ 16 ms)`,
      );
    };
    console.log(`bench browser.form200.interactive: first fields usable median ${median(interactive).toFixed(0)} ms, worst ${Math.max(...interactive).toFixed(0)} ms; all 200 rendered median ${median(complete).toFixed(0)} ms, over ${LOADS} loads (goal ≤ 300 ms after the data arrives)`);
    show('text field', text);
    show('number read by a formula', number);
  } finally {
    await browser.close();
    await app.close();
  }
}

runBench(main);
