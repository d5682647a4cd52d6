// Kanban figures over 100,000 records on the embedded store, through HTTP as the admin: a board of
// 5 columns × 50 cards (GET …/records/board, card fields as the view asks them) beside a plain list
// page of 50 measured in the same run. Twice: by a select the form does not index (the counts are
// a pass over the records, as a grouped view's) and by one it does (a searchable select: the
// counts are index keys). Also a board with a sparse column (40 records of 100,000, read with the
// blank column in one pass) and a board under a page filter.
import { median, runBench, startBenchApp, timedGet } from './lib';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const RUNS = 9;
const STATUSES = ['todo', 'doing', 'review', 'done', 'hold'];

async function main() {
  const app = await startBenchApp();
  try {
    await app.post('/api/apps', { id: 'board', name: 'Board' });
    await app.post('/api/apps/board/forms', { id: 'tasks', title: '任务', titleField: 'title', fields: [
      { id: 'title', type: 'text', label: '任务', searchable: true },
      { id: 'status', type: 'select', label: '状态', options: STATUSES.map((s) => ({ value: s, label: s })) },
      { id: 'lane', type: 'select', label: '泳道', searchable: true, options: STATUSES.map((s) => ({ value: s, label: s })) },
      { id: 'stage', type: 'select', label: '阶段', options: ['a', 'b', 'c', 'd', 'rare'].map((s) => ({ value: s, label: s })) },
      { id: 'owner', type: 'text', label: '负责人' },
      { id: 'qty', type: 'number', label: '数量' },
      { id: 'due', type: 'date', label: '截止日期' },
    ] });
    await app.publish('board');
    // Straight into the store (loading is not measured).
    const coll = app.store.collection('r_tasks');
    const at = new Date('2026-01-01T00:00:00Z').getTime();
    for (let i = 0; i < RECORDS; i += 5000) {
      await coll.insertMany(Array.from({ length: Math.min(5000, RECORDS - i) }, (_, k) => {
        const n = i + k;
        const iso = new Date(at + n * 1000).toISOString();
        // `stage`: 40 records "rare", 1 in 50 blank, the rest a–d.
        const stage = n % 2500 === 7 ? 'rare' : n % 50 === 3 ? null : ['a', 'b', 'c', 'd'][n % 4];
        return { _v: 1, _createdAt: iso, _createdBy: 'someone', _updatedAt: iso, _updatedBy: 'someone', _deleted: false, _deletedAt: null, _formVersion: 1, _depts: [], title: `任务 ${n}`, status: STATUSES[n % STATUSES.length], lane: STATUSES[n % STATUSES.length], stage, owner: `P-${n % 60}`, qty: n % 500, due: '2026-03-01' };
      }));
    }
    const base = `${app.base}/api/apps/board/forms/tasks/records`;
    const time = (url: string) => timedGet(app, url);
    const filter = encodeURIComponent(JSON.stringify({ qty: { $gte: 250 } }));
    const boards = {
      even: `${base}/board?by=status&limit=50&cardFields=title,owner,qty,due`,
      indexed: `${base}/board?by=lane&limit=50&cardFields=title,owner,qty,due`,
      sparse: `${base}/board?by=stage&limit=50&cardFields=title,owner,qty,due`,
      filtered: `${base}/board?by=status&limit=50&cardFields=title,owner,qty,due&filter=${filter}`,
    };
    const page = `${base}?limit=50`;
    // The grouped view by the same field: its one pass over the records is what an unindexed board's counts cost.
    const grouped = `${base}/groups?by=status`;
    for (const [name, url] of Object.entries(boards)) {
      const { columns } = (await time(url)).body as { columns: Array<{ key: string | null; total: number; items: unknown[] }> };
      console.log(`  ${name}: ${columns.map((c) => `${c.key ?? '(none)'} ${c.items.length}/${c.total.toLocaleString('en')}`).join(', ')}`);
    }
    const ms: Record<keyof typeof boards | 'page' | 'grouped', number[]> = { even: [], indexed: [], sparse: [], filtered: [], page: [], grouped: [] };
    for (let r = 0; r < RUNS; r++) {
      for (const [name, url] of Object.entries(boards)) ms[name as keyof typeof boards].push((await time(url)).ms);
      ms.page.push((await time(page)).ms);
      ms.grouped.push((await time(grouped)).ms);
    }
    // A kanban view saved on `status`: saving it builds the index its column field gets (views-service syncIndexes).
    const t0 = performance.now();
    await app.post('/api/apps/board/forms/tasks/views', { name: '看板', type: 'kanban', shared: true, config: { kanban: { by: 'status' } } });
    const saveMs = performance.now() - t0;
    const viewed: number[] = [];
    for (let r = 0; r < RUNS; r++) viewed.push((await time(boards.even)).ms);
    const m = (xs: number[]) => median(xs).toFixed(1);
    console.log(`bench board.savedView: 5 columns × 50 cards by "status" once a kanban view on it is saved: median ${m(viewed)} ms, against ${m(ms.even)} ms before (saving the view and building its index: ${saveMs.toFixed(0)} ms)`);
    console.log(`bench board.kanban: 5 columns × 50 cards over ${RECORDS.toLocaleString('en')} records: median ${m(ms.even)} ms by a select not indexed, ${m(ms.indexed)} ms by an indexed one (goal ≤ 100 ms); the same list, a page of 50 without a board: ${m(ms.page)} ms (median of ${RUNS} each)`);
    console.log(`bench board.grouped: the grouped view by the same select (one pass, no cards): median ${m(ms.grouped)} ms`);
    console.log(`bench board.sparse: 4 columns × 50 cards, a column of 40 and the blank column (2,000): median ${m(ms.sparse)} ms`);
    console.log(`bench board.filtered: 5 columns × 50 cards under a page filter (half the records): median ${m(ms.filtered)} ms`);
  } finally {
    await app.close();
  }
}

runBench(main);
