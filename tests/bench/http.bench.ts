// HTTP figures: creating a 20-field record through the full stack (session cookie, JSON schema,
// form engine, serial-free form, audit entry, durable commit) with 50 connections, beside a bare
// fastify JSON echo route measured in the same run on the same machine; and the same creates
// spread over two forms (two audit chains) beside one form's.
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { median, runBench, startBenchApp } from './lib';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const ROUND_SECONDS = 2;

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

async function main() {
  const body = JSON.stringify(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, i % 2 ? i * 1.5 : `值 ${i}`])));

  const bare = Fastify({ logger: false });
  bare.post('/echo', async (req) => req.body);
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/echo`;
  const bareRun = (duration: number) => run({ url: bareUrl, method: 'POST', connections: 50, duration, headers: { 'content-type': 'application/json' }, body });

  const app = await startBenchApp();
  const { base, cookie, headers } = app;
  try {
    await app.post('/api/apps', { id: 'bench', name: 'Bench' });
    const fields = Array.from({ length: 20 }, (_, i) => (i % 2 ? { id: `f${i}`, type: 'number', label: `数量${i}` } : { id: `f${i}`, type: 'text', label: `文本${i}`, searchable: i === 0 }));
    await app.post('/api/apps/bench/forms', { id: 'bench', title: 'Bench', fields });
    await app.publish('bench');
    const url = `${base}/api/apps/bench/forms/bench/records`;
    const createRun = (duration: number) => run({ url, method: 'POST', connections: 50, duration, headers, body });
    // Both warmed up, then measured in many short alternating rounds: this machine's speed
    // drifts by ±25% within a minute, so each record round is compared with the bare round just
    // before it, and the median of those ratios is reported (with the median rates and p99).
    await bareRun(2);
    await createRun(2);
    const rounds = ROUNDS;
    const b: autocannon.Result[] = [];
    const r: autocannon.Result[] = [];
    for (let i = 0; i < rounds; i++) {
      b.push(await bareRun(ROUND_SECONDS));
      r.push(await createRun(ROUND_SECONDS));
    }
    const rates = (xs: autocannon.Result[]) => xs.map((x) => x.requests.average);
    const non2xx = r.reduce((a, x) => a + x.non2xx, 0);
    if (non2xx) console.log(`  (non-2xx responses: ${non2xx})`);
    const ratios = r.map((x, i) => (x.requests.average / b[i].requests.average) * 100);
    const spread = `${Math.min(...ratios).toFixed(0)}–${Math.max(...ratios).toFixed(0)} %`;
    console.log(`bench http.bareEcho: ${Math.round(median(rates(b))).toLocaleString('en')} req/s, p99 ${median(b.map((x) => x.latency.p99))} ms (median of ${rounds} rounds of ${ROUND_SECONDS} s)`);
    console.log(
      `bench http.recordCreate: ${Math.round(median(rates(r))).toLocaleString('en')} records/s, p99 ${median(r.map((x) => x.latency.p99))} ms — ` +
        `${median(ratios).toFixed(0)}% of the bare route (median of ${rounds} paired rounds, each against the bare round just before it: range ${spread}; ` +
        `ratio of the median rates ${((median(rates(r)) / median(rates(b))) * 100).toFixed(0)}%; goal ≥ 30 %, p99 < 25 ms)`,
    );
    // Two forms, one audit chain each: the 50 connections alternate between them. Paired with
    // one-form rounds as above; with one chain per form the rate should be no lower.
    await app.post('/api/apps/bench/forms', { id: 'bench2', title: 'Bench 2', fields });
    await app.publish('bench');
    const twoRun = (duration: number) =>
      run({ url: base, method: 'POST', connections: 50, duration, headers, body, requests: [{ path: '/api/apps/bench/forms/bench/records' }, { path: '/api/apps/bench/forms/bench2/records' }] });
    await twoRun(2);
    const one: autocannon.Result[] = [];
    const two: autocannon.Result[] = [];
    for (let i = 0; i < rounds; i++) {
      one.push(await createRun(ROUND_SECONDS));
      two.push(await twoRun(ROUND_SECONDS));
    }
    const twoNon2xx = two.reduce((a, x) => a + x.non2xx, 0);
    if (twoNon2xx) console.log(`  (non-2xx responses, two forms: ${twoNon2xx})`);
    console.log(
      `bench http.recordCreateTwoForms: one form ${Math.round(median(rates(one))).toLocaleString('en')} records/s, two forms ${Math.round(median(rates(two))).toLocaleString('en')} records/s — ` +
        `${median(two.map((x, i) => (x.requests.average / one[i].requests.average) * 100)).toFixed(0)}% of one form's rate (median of ${rounds} paired rounds; goal ≥ 100 %)`,
    );
    const total = [...r, ...one].reduce((a, x) => a + x.requests.total, 0);
    const list = await run({ url: `${url}?filter=${encodeURIComponent(JSON.stringify({ f0: '值 0' }))}&limit=50`, connections: 1, duration: 4, headers: { cookie } });
    console.log(`bench http.list: one user paging, page of 50 with total over ${total.toLocaleString('en')} records: p50 ${list.latency.p50} ms, p99 ${list.latency.p99} ms`);
  } finally {
    await bare.close();
    await app.close();
  }
}

runBench(main);
