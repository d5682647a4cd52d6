// Calendar figures over 100,000 records on the embedded store, through HTTP as the admin: a month
// loaded as the calendar view asks it (the records list, a date range ANDed to the page's filter,
// sorted by the date, 200 a page, cursor paging until the month is in), beside a plain list page
// measured in the same run. Twice: on a date field the form does not index (what a calendar gets
// today) and on one it does (a searchable field: { _deleted, due }), to show what an index buys.
import { median, runBench, startBenchApp } from './lib';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const RUNS = 7;
// Dates spread evenly over three years: about 2,700 records a month.
const FIRST_DAY = Date.UTC(2024, 0, 1);
const DAYS = 3 * 365;
const STATUSES = ['open', 'doing', 'done', 'late'];

async function main() {
  const app = await startBenchApp();
  try {
    await app.post('/api/apps', { id: 'cal', name: 'Calendar' });
    const form = (id: string, indexed: boolean) => ({
      id,
      title: '整改任务',
      titleField: 'title',
      fields: [
        { id: 'title', type: 'text', label: '任务' },
        { id: 'due', type: 'date', label: '截止日期', ...(indexed ? { searchable: true } : {}) },
        { id: 'owner', type: 'text', label: '负责人' },
        { id: 'status', type: 'select', label: '状态', options: STATUSES.map((s) => ({ value: s, label: s })) },
        { id: 'qty', type: 'number', label: '数量' },
      ],
    });
    await app.post('/api/apps/cal/forms', form('plain', false));
    await app.post('/api/apps/cal/forms', form('indexed', true));
    await app.publish('cal');
    // Straight into the store (loading is not measured).
    const at = new Date('2026-01-01T00:00:00Z').getTime();
    for (const id of ['plain', 'indexed']) {
      const coll = app.store.collection(`r_${id}`);
      for (let i = 0; i < RECORDS; i += 5000) {
        await coll.insertMany(Array.from({ length: Math.min(5000, RECORDS - i) }, (_, k) => {
          const n = i + k;
          const iso = new Date(at + n * 1000).toISOString();
          // A prime stride spreads neighbours over the three years (records are not made in date order).
          const due = new Date(FIRST_DAY + ((n * 7919) % DAYS) * 86_400_000).toISOString().slice(0, 10);
          return { _v: 1, _createdAt: iso, _createdBy: 'someone', _updatedAt: iso, _updatedBy: 'someone', _deleted: false, _deletedAt: null, _formVersion: 1, _depts: [], title: `任务 ${n}`, due, owner: `P-${n % 60}`, status: STATUSES[n % STATUSES.length], qty: n % 500 };
        }));
      }
    }
    const get = async (url: string) => {
      const res = await fetch(url, { headers: { cookie: app.cookie } });
      if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { items: unknown[]; nextCursor: string | null; total: number };
    };
    /** A month as Calendar.tsx loads it: the page's filter (here a status) ANDed to the range, every page. */
    const month = async (formId: string, from: string, to: string, pageFilter: unknown, fields: boolean, counted = false) => {
      const base = `${app.base}/api/apps/cal/forms/${formId}/records`;
      const range = { due: { $gte: from, $lt: to } };
      const filter = pageFilter ? { $and: [pageFilter, range] } : range;
      const t0 = performance.now();
      let first = 0;
      let cursor: string | null = null;
      let n = 0;
      let pages = 0;
      do {
        const params = new URLSearchParams({ filter: JSON.stringify(filter), limit: '200', sort: 'due', ...(fields ? { fields: 'title,due,status' } : {}), ...(counted ? {} : { total: 'false' }) });
        if (cursor) params.set('cursor', cursor);
        const page = await get(`${base}?${params}`);
        if (!pages) first = performance.now() - t0;
        pages++;
        n += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return { ms: performance.now() - t0, first, n, pages };
    };
    const page = async (formId: string) => {
      const t0 = performance.now();
      await get(`${app.base}/api/apps/cal/forms/${formId}/records?limit=50`);
      return performance.now() - t0;
    };
    // Another month each run, so no run reads what the previous one just read.
    const monthOf = (r: number) => [`2025-${String(1 + (r % 12)).padStart(2, '0')}-01`, r % 12 === 11 ? '2026-01-01' : `2025-${String(2 + (r % 12)).padStart(2, '0')}-01`] as const;
    const cases = [
      // Unindexed, every page scans the collection: one month is enough to show the size of it.
      { formId: 'plain', what: 'date field not indexed', runs: 1, fields: true },
      { formId: 'indexed', what: 'date field indexed', runs: RUNS, fields: true },
      // As the calendar asked before it left the count out (total=false): each page counted the month again.
      { formId: 'indexed', what: 'date field indexed, every page counted', runs: RUNS, fields: true, counted: true },
      { formId: 'indexed', what: 'date field indexed, whole records (no fields=)', runs: RUNS, fields: false },
    ];
    for (const { formId, what, runs, fields, counted } of cases as Array<{ formId: string; what: string; runs: number; fields: boolean; counted?: boolean }>) {
      for (const [pageFilter, label] of [[null, 'no filter'], [{ status: { $in: ['open', 'late'] } }, 'status is open or late']] as const) {
        const m: number[] = [];
        const f: number[] = [];
        const p: number[] = [];
        let shape = { n: 0, pages: 0 };
        for (let r = 0; r < runs; r++) {
          const [from, to] = monthOf(r + 2);
          const run = await month(formId, from, to, pageFilter, fields, counted);
          shape = run;
          m.push(run.ms);
          f.push(run.first);
          p.push(await page(formId));
        }
        console.log(
          `bench calendar.month (${what}, ${label}): ~${shape.n.toLocaleString('en')} records in ${shape.pages} pages of 200 out of ${RECORDS.toLocaleString('en')}: ` +
            `${runs > 1 ? 'median ' : ''}${median(m).toFixed(0)} ms for the month (goal ≤ 50 ms), first page ${median(f).toFixed(1)} ms; ` +
            `a plain list page of 50: ${median(p).toFixed(1)} ms (${runs > 1 ? `median of ${runs} each` : 'one run'})`,
        );
      }
    }
  } finally {
    await app.close();
  }
}

runBench(main);
