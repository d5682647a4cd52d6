// View figures over 100,000 records on the embedded store, through HTTP as the admin: a grouped
// view (two levels, three summaries, computed by the store) beside a page of the same list
// without grouping, measured in the same run.
import { median, runBench, startBenchApp } from './lib';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const SUPPLIERS = 40;
const STATUSES = ['pass', 'fail', 'hold', 'rework', 'concession'];

async function main() {
  const app = await startBenchApp();
  try {
    await app.post('/api/apps', { id: 'views', name: 'Views' });
    await app.post('/api/apps/views/forms', { id: 'insp', title: '检验', fields: [
      { id: 'lot', type: 'text', label: '批次', searchable: true },
      { id: 'supplier', type: 'text', label: '供应商' },
      { id: 'status', type: 'select', label: '结论', options: STATUSES.map((s) => ({ value: s, label: s })) },
      { id: 'qty', type: 'number', label: '数量' },
      { id: 'price', type: 'number', label: '单价' },
    ] });
    await app.publish('views');
    // Straight into the store (loading is not measured).
    const coll = app.store.collection('r_insp');
    const at = new Date('2026-01-01T00:00:00Z').getTime();
    for (let i = 0; i < RECORDS; i += 5000) {
      await coll.insertMany(Array.from({ length: Math.min(5000, RECORDS - i) }, (_, k) => {
        const n = i + k;
        const iso = new Date(at + n * 1000).toISOString();
        return { _v: 1, _createdAt: iso, _createdBy: 'someone', _updatedAt: iso, _updatedBy: 'someone', _deleted: false, _deletedAt: null, _formVersion: 1, _depts: [], lot: `L-${n}`, supplier: `S-${n % SUPPLIERS}`, status: STATUSES[n % STATUSES.length], qty: n % 500, ...(n % 7 ? { price: (n % 100) / 4 } : {}) };
      }));
    }
    const base = `${app.base}/api/apps/views/forms/insp/records`;
    const time = async (url: string) => {
      const t0 = performance.now();
      const res = await fetch(url, { headers: { cookie: app.cookie } });
      if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      const body = await res.json();
      return { ms: performance.now() - t0, body };
    };
    const grouped = `${base}/groups?by=supplier,status&summaries=qty:sum,qty:avg,price:max`;
    const page = `${base}?limit=50`;
    const check = (await time(grouped)).body as { groups: unknown[]; total: { count: number } };
    console.log(`  ${check.groups.length} groups over ${check.total.count.toLocaleString('en')} records`);
    const g: number[] = [];
    const p: number[] = [];
    for (let r = 0; r < 7; r++) {
      g.push((await time(grouped)).ms);
      p.push((await time(page)).ms);
    }
    console.log(`bench views.grouped: 2 levels, 3 summaries over ${RECORDS.toLocaleString('en')} records: median ${median(g).toFixed(0)} ms (goal ≤ 100 ms); the same list, a page of 50 without grouping: ${median(p).toFixed(1)} ms (median of 7 each)`);
  } finally {
    await app.close();
  }
}

runBench(main);
