// View figures over 100,000 records on the embedded store, through HTTP as the admin: a grouped
// view (two levels, three summaries, computed by the store) beside a page of the same list
// without grouping; and a list page with 10 relation and member columns shown as display values
// (the page, then the people's names as the app shell asks for them) beside the page without
// those columns, measured in the same run.
import { median, runBench, startBenchApp, timedGet } from './lib';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const SUPPLIERS = 40;
const STATUSES = ['pass', 'fail', 'hold', 'rework', 'concession'];

async function main() {
  const app = await startBenchApp();
  try {
    await app.post('/api/apps', { id: 'views', name: 'Views' });
    // Twenty people and ten suppliers for the relation and member columns.
    const people: string[] = [];
    for (let i = 0; i < 20; i++) people.push(((await app.post('/api/users', { username: `p${i}`, password: `bench-password-${i}-xyz`, displayName: `检验员 ${i}` })) as { user: { _id: string } }).user._id);
    await app.post('/api/apps/views/forms', { id: 'sup', title: '供应商', titleField: 'name', fields: [{ id: 'name', type: 'text', label: '名称' }] });
    const REL = [0, 1, 2, 3, 4];
    await app.post('/api/apps/views/forms', { id: 'insp', title: '检验', fields: [
      ...REL.map((i) => ({ id: `rel${i}`, type: 'relation', label: `关联 ${i}`, formId: 'sup', displayField: 'name' })),
      ...REL.map((i) => ({ id: `m${i}`, type: 'member', label: `成员 ${i}` })),
      { id: 'lot', type: 'text', label: '批次', searchable: true },
      { id: 'supplier', type: 'text', label: '供应商' },
      { id: 'status', type: 'select', label: '结论', options: STATUSES.map((s) => ({ value: s, label: s })) },
      { id: 'qty', type: 'number', label: '数量' },
      { id: 'price', type: 'number', label: '单价' },
    ] });
    await app.publish('views');
    const sups: Array<{ id: string; display: string }> = [];
    for (let i = 0; i < 10; i++) sups.push({ id: ((await app.post('/api/apps/views/forms/sup/records', { name: `供应商 ${i}` })) as { _id: string })._id, display: `供应商 ${i}` });
    // Straight into the store (loading is not measured).
    const coll = app.store.collection('r_insp');
    const at = new Date('2026-01-01T00:00:00Z').getTime();
    for (let i = 0; i < RECORDS; i += 5000) {
      await coll.insertMany(Array.from({ length: Math.min(5000, RECORDS - i) }, (_, k) => {
        const n = i + k;
        const iso = new Date(at + n * 1000).toISOString();
        return { _v: 1, _createdAt: iso, _createdBy: 'someone', _updatedAt: iso, _updatedBy: 'someone', _deleted: false, _deletedAt: null, _formVersion: 1, _depts: [], lot: `L-${n}`, supplier: `S-${n % SUPPLIERS}`, status: STATUSES[n % STATUSES.length], qty: n % 500, ...(n % 7 ? { price: (n % 100) / 4 } : {}), ...Object.fromEntries(REL.flatMap((j) => [[`rel${j}`, sups[(n + j) % sups.length]], [`m${j}`, people[(n + j * 3) % people.length]]])) };
      }));
    }
    const base = `${app.base}/api/apps/views/forms/insp/records`;
    const time = (url: string) => timedGet(app, url);
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
    // A page of 20 (as the list asks) with its relation and member columns as people read them.
    const plainPage = `${base}?limit=20&fields=lot,supplier,status,qty,price`;
    const wholePage = `${base}?limit=20`;
    const d: number[] = [];
    const q: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now();
      const items = (await time(wholePage)).body.items as Array<Record<string, unknown>>;
      const ids = [...new Set(items.flatMap((it) => REL.map((j) => it[`m${j}`] as string)))];
      const names = (await time(`${app.base}/api/users/lookup?ids=${ids.join(',')}&limit=100`)).body.items as unknown[];
      if (names.length !== ids.length || items.some((it) => typeof (it.rel0 as { display?: string }).display !== 'string')) throw new Error('display values missing');
      d.push(performance.now() - t0);
      q.push((await time(plainPage)).ms);
    }
    console.log(`bench views.display: a page of 20 with 5 relation and 5 member columns as names (the page, then one lookup of its people): median ${median(d).toFixed(1)} ms (goal ≤ 20 ms); the same page without those columns: ${median(q).toFixed(1)} ms (median of 7 each)`);
    console.log(`bench views.grouped: 2 levels, 3 summaries over ${RECORDS.toLocaleString('en')} records: median ${median(g).toFixed(0)} ms (goal ≤ 100 ms); the same list, a page of 50 without grouping: ${median(p).toFixed(1)} ms (median of 7 each)`);
  } finally {
    await app.close();
  }
}

runBench(main);
