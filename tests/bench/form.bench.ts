// Form engine figures: compile a 200-field schema; validate + compute a 50-field record with 10
// formulas and a 20-row subform (one core), beside bare ajv on the same JSON Schema.
import { createRequire } from 'node:module';
import type { Field, FormSchema } from '@tessera/form-engine';
import { bundles, fields200, median, runBench } from './lib';

const { createFormEngine } = bundles.formEngine;

const schema200 = (version: number): FormSchema => ({ id: 'big', title: '200 字段', version, fields: fields200() });

function record50Schema(): FormSchema {
  const fields: Field[] = [];
  for (let i = 0; i < 30; i++) fields.push({ id: `x${i}`, type: i % 2 ? 'number' : 'text', label: `字段${i}`, required: i < 5 } as Field);
  for (let i = 0; i < 9; i++) fields.push({ id: `c${i}`, type: 'formula', label: `计算${i}`, formula: { text: `字段${2 * i + 1} * 2 + 字段${2 * i + 3}` }, resultType: 'number' });
  fields.push({ id: 'total', type: 'formula', label: '合计', formula: { text: 'SUM(明细.金额)' }, resultType: 'money' });
  fields.push({
    id: 'lines', type: 'subform', label: '明细',
    fields: [
      { id: 'item', type: 'text', label: '物料', required: true },
      { id: 'qty', type: 'number', label: '数量', validation: { min: 0 } },
      { id: 'price', type: 'money', label: '单价' },
      { id: 'amount', type: 'formula', label: '金额', formula: { text: '数量 * 单价' }, resultType: 'money' },
    ],
  });
  for (let i = 0; i < 9; i++) fields.push({ id: `y${i}`, type: 'select', label: `选项${i}`, options: [{ value: 'ok', label: '合格' }, { value: 'ng', label: '不合格' }] });
  return { id: 'rec50', title: '50 字段', version: 1, fields };
}

// The ajv the engine uses (the root node_modules holds eslint's older ajv).
const load = createRequire(require.resolve('@tessera/form-engine/package.json'));
type Validator = (data: unknown) => boolean;
const Ajv = load('ajv').default as new (opts: object) => { compile(schema: object): Validator };
const addFormats = load('ajv-formats').default as (ajv: object, formats: string[]) => void;

function main() {
  // 1. Compiling a 200-field schema that was never compiled (a new version each time, as when an
  //    analyst publishes one), in the running engine and in a brand-new engine. The very first
  //    compile after the process starts runs on cold JIT and is printed on its own; the medians
  //    are taken after 10 untimed compiles, the state of a server that has been up for a while.
  let version = 0;
  const compileOnce = (engine: ReturnType<typeof createFormEngine>) => {
    const checked = engine.checkSchema(schema200(++version));
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues.slice(0, 3)));
    const t0 = performance.now();
    // The record validator is compiled on first use: one validation makes this the cost of a
    // form being ready to check records, as before that change.
    engine.compile(checked.schema).validate({});
    return performance.now() - t0;
  };
  const shared = createFormEngine();
  const cold = compileOnce(shared);
  for (let i = 0; i < 10; i++) compileOnce(shared);
  const running = median(Array.from({ length: 30 }, () => compileOnce(shared)));
  const fresh = median(Array.from({ length: 30 }, () => compileOnce(createFormEngine())));
  console.log(`bench form.compile200: median ${running.toFixed(2)} ms in the running engine, ${fresh.toFixed(2)} ms as a new engine's first form; first compile after start ${cold.toFixed(0)} ms (goal ≤ 20 ms)`);

  // 2. process (coerce + compute + validate) a 50-field record with 10 formulas and 20 rows.
  const engine = createFormEngine();
  const checked = engine.checkSchema(record50Schema());
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const form = engine.compile(checked.schema);
  const record: Record<string, unknown> = {};
  for (let i = 0; i < 30; i++) record[`x${i}`] = i % 2 ? i * 1.5 : `值${i}`;
  for (let i = 0; i < 9; i++) record[`y${i}`] = i % 2 ? 'ok' : 'ng';
  record.lines = Array.from({ length: 20 }, (_, i) => ({ _rowId: `r${i}`, item: `M-${i}`, qty: i + 1, price: 0.1 * (i + 1) }));
  const first = form.process(record, { mode: 'create' });
  if (!first.ok) throw new Error(JSON.stringify(first.issues));
  const now = new Date();
  const run = (n: number) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) form.process(record, { mode: 'create', now });
    return n / ((performance.now() - t0) / 1000);
  };
  run(5000);
  const rate = Math.max(run(30000), run(30000));

  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  addFormats(ajv, ['date', 'date-time']);
  const bare = ajv.compile(form.jsonSchema);
  const data = first.data;
  const bareRun = (n: number) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) bare(data);
    return n / ((performance.now() - t0) / 1000);
  };
  bareRun(20000);
  const bareRate = Math.max(bareRun(100000), bareRun(100000));
  if (process.env.BENCH_PARTS) {
    const time = (name: string, f: () => unknown) => {
      const t0 = performance.now();
      for (let i = 0; i < 20000; i++) f();
      console.log(`  ${name}: ${((performance.now() - t0) / 20000 * 1000).toFixed(1)} µs`);
    };
    time('compute', () => form.compute(record, { now }));
    time('compute-empty', () => form.compute({}, { now }));
    const noRows = { ...record, lines: [] };
    time('compute-norows', () => form.compute(noRows, { now }));
    time('visibility', () => form.visibility(data, { now }));
    time('validate', () => form.validate(data, { now }));
  }
  console.log(`bench form.process50: ${Math.round(rate).toLocaleString('en')} records/s (goal ≥ 50,000/s); bare ajv validate of the same JSON Schema: ${Math.round(bareRate).toLocaleString('en')}/s (ratio ${(rate / bareRate * 100).toFixed(1)}%)`);
}

runBench(main);
