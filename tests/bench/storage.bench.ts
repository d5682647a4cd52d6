// Embedded store figures: 20,000 durable puts; a page of 50 (filter on an indexed field, newest
// first) over 100,000 records; reopening a store that holds them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundles, percentile, runBench } from './lib';

const { createEmbeddedStore } = bundles.runtime;

const STATUSES = ['open', 'inspecting', 'passed', 'failed', 'concession'];

function record(i: number): Record<string, unknown> {
  const r: Record<string, unknown> = { status: STATUSES[i % 5], supplier: `S-${i % 97}`, lot: `L-${i}`, qty: i % 1000, price: (i % 100) / 10, _deleted: false, _createdAt: new Date(1_760_000_000_000 + i * 1000).toISOString() };
  for (let k = 0; k < 13; k++) r[`f${k}`] = k % 2 ? i * k : `text-${k}-${i}`;
  return r;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-store-'));
  try {
    let store = await createEmbeddedStore({ dataDir: dir });
    // 1. Durable puts: each insert resolves only once LMDB has it on disk (group commit).
    const puts = store.collection('bench_puts');
    let t0 = performance.now();
    await Promise.all(Array.from({ length: 20_000 }, (_, i) => puts.insertOne({ i })));
    console.log(`bench store.durablePuts: 20,000 concurrent durable inserts in ${(performance.now() - t0).toFixed(0)} ms`);

    // 2. 100,000 records, indexed like a form's records.
    const c = store.collection('r_bench');
    await c.ensureIndexes([{ keys: { _deleted: 1 } }, { keys: { _deleted: 1, status: 1 } }, { keys: { _deleted: 1, _createdAt: 1 } }]);
    t0 = performance.now();
    for (let b = 0; b < 100; b++) await c.insertMany(Array.from({ length: 1000 }, (_, i) => record(b * 1000 + i)));
    console.log(`bench store.load: 100,000 records of 20 fields in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const list = async () => {
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const status = STATUSES[i % 5];
        const s = performance.now();
        const page = await c.find({ _deleted: false, status }, { sort: { _id: -1 }, limit: 50 });
        await c.count({ _deleted: false, status });
        times.push(performance.now() - s);
        if (page.length !== 50) throw new Error('short page');
      }
      return times;
    };
    await list();
    const times = await list();
    console.log(`bench store.list: page of 50 + total, filter on an indexed field, newest first, over 100,000: p50 ${percentile(times, 0.5).toFixed(2)} ms, p99 ${percentile(times, 0.99).toFixed(2)} ms (goal p50 ≤ 10 ms)`);
    const sortTimes: number[] = [];
    for (let i = 0; i < 100; i++) {
      const s = performance.now();
      await c.find({ _deleted: false }, { sort: { _createdAt: -1 }, limit: 50, skip: (i % 5) * 50 });
      sortTimes.push(performance.now() - s);
    }
    console.log(`bench store.listByCreatedAt: page of 50 sorted by _createdAt over 100,000: p50 ${percentile(sortTimes, 0.5).toFixed(2)} ms`);

    await store.close();
    // 3. Reopen and answer the first query.
    t0 = performance.now();
    store = await createEmbeddedStore({ dataDir: dir });
    const first = await store.collection('r_bench').find({ _deleted: false, status: 'open' }, { sort: { _id: -1 }, limit: 50 });
    console.log(`bench store.reopen: reopen with 100,000 records + first page in ${(performance.now() - t0).toFixed(0)} ms (goal ≤ 2,000 ms; ${first.length} rows)`);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
