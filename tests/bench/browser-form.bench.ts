// A 200-field form in Debian's chromium (headless): time from its schema arriving to the first
// frame with its first fields usable, and to every field rendered (User Timing marks the app
// sets), and the cost of one keystroke
// — handlers, React's re-render, style and layout — in a plain text field and in a number field
// that a formula reads. Printed figures, never asserted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Field } from '@tessera/form-engine';
// The compiled server bundle (npm run bench builds it), as `npm start` runs it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildApp } = require('../../dist/server/platform.cjs') as typeof import('@tessera/platform');

const ROOT = join(__dirname, '..', '..');
const LOADS = 7;
const KEYS = 30;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

function fields200(): Field[] {
  const fields: Field[] = [];
  for (let i = 0; i < 200; i++) {
    const kind = i % 5;
    if (kind === 0) fields.push({ id: `t${i}`, type: 'text', label: `文本${i}`, required: i % 10 === 0, validation: { maxLength: 50 } });
    else if (kind === 1) fields.push({ id: `n${i}`, type: 'number', label: `数量${i}`, validation: { min: 0 } });
    else if (kind === 2) fields.push({ id: `m${i}`, type: 'money', label: `金额${i}` });
    else if (kind === 3) fields.push({ id: `s${i}`, type: 'select', label: `状态${i}`, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] });
    else fields.push({ id: `f${i}`, type: 'formula', label: `公式${i}`, formula: { text: `数量${i - 3} * 金额${i - 2}` }, resultType: 'money' });
  }
  return fields;
}

async function main() {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-designer-built.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the web app failed');
  const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-browser-'));
  const t = await buildApp({ env: { TESSERA_DATA_DIR: dir, TESSERA_ADMIN_PASSWORD: 'bench-password', LOG_LEVEL: 'silent' }, logger: false });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-password' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const headers = { 'content-type': 'application/json', cookie };
    await fetch(`${base}/api/apps`, { method: 'POST', headers, body: JSON.stringify({ id: 'bench', name: 'Bench' }) });
    const f = await fetch(`${base}/api/apps/bench/forms`, { method: 'POST', headers, body: JSON.stringify({ id: 'big', title: '200 字段', fields: fields200() }) });
    if (f.status !== 201) throw new Error(`form: ${f.status} ${await f.text()}`);

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
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
