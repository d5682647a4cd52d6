// Shared by the excel-*.test.ts files: every formula function against Excel's documented results
// (Microsoft's function reference; most rows are its own examples). Each table row is
// [formula, data, expected, why] and runs through the public engine: parse with field names,
// compile, evaluate with a fixed `now` in the tenant's time zone. A data key starting with $ sets
// the run instead: $tz (time zone). Expected values are written out by hand: a date is
// date('YYYY-MM-DD'), an error err('#N/A'). The tables are plain modules (one per function
// category) so that excel-tables.test.ts can check all of them at once.
import { createFormEngine, DateValue, isFormulaError, type FormulaScope, type Logic, type Value } from '../../../src';

export const engine = createFormEngine();
const NOW = new Date('2026-11-23T18:00:00Z'); // Tuesday 2026-11-24 02:00 in Shanghai; Monday 18:00 in UTC

export const scope: FormulaScope = {
  fields: [
    { id: 'a', labels: ['甲', 'A'], type: 'number' },
    { id: 'b', labels: ['乙', 'B'], type: 'number' },
    { id: 'blank', labels: ['空', 'Blank'], type: 'number' },
    { id: 'txt', labels: ['备注', 'Note'], type: 'text' },
    { id: 'd', labels: ['到货日期', 'Arrived'], type: 'date' },
    { id: 'dt', labels: ['检验时间', 'Inspected'], type: 'datetime' },
    {
      id: 'lines', labels: ['明细', 'Lines'], type: 'subform',
      children: [
        { id: 'qty', labels: ['数量', 'Qty'], type: 'number' },
        { id: 'result', labels: ['结果', 'Result'], type: 'select' },
        { id: 'name', labels: ['物料', 'Item'], type: 'text' },
        { id: 'on', labels: ['日期', 'On'], type: 'date' },
        { id: 'ok', labels: ['已检', 'Checked'], type: 'switch' },
      ],
    },
  ],
};

/** A column with a blank, a text and a number typed as text, which Excel's aggregates skip. */
export const LINES = [
  { qty: 2, result: '合格', name: '螺栓', on: '2026-11-16', ok: true },
  { qty: null, result: '不合格', name: '', on: '2026-11-20', ok: true },
  { qty: 'n/a', result: '合格', name: '垫圈', on: null, ok: null },
  { qty: '3', result: '待检', name: '螺母', on: '2026-11-24', ok: true },
  { qty: 5, result: '不合格', name: null, on: '2026-12-01', ok: false },
];
export const L = { lines: LINES };

/** Runs in UTC instead of the tenant's Asia/Shanghai. */
export const UTC = { $tz: 'UTC' };

export type Data = Record<string, unknown>;
export type Row = [formula: string, data: Data, expected: unknown, why?: string];
/** Rows by the function they exercise. */
export type Table = Record<string, Row[]>;
export const date = (iso: string) => ({ date: iso });
export const err = (code: string) => ({ error: code });

const typeOf = (path: string): string | undefined => {
  const [top, child] = path.split('.');
  const f = scope.fields.find((x) => x.id === top);
  return child ? f?.children?.find((c) => c.id === child)?.type : f?.type;
};

export function parse(formula: string): Logic {
  const p = engine.formulas.parse(formula, scope, 'en-US');
  if (!p.ok) throw new Error(`${formula}: ${p.error.message}`);
  return p.logic;
}

export function run(formula: string, input: Data): unknown {
  const { $tz, ...data } = input;
  const timeZone = ($tz as string | undefined) ?? 'Asia/Shanghai';
  const v = engine.formulas.compile(parse(formula), { typeOf })({ data, now: NOW, timeZone });
  const plain = (x: Value): unknown =>
    x instanceof DateValue ? date(x.toString()) : isFormulaError(x) ? err(x.code) : Array.isArray(x) ? x.map(plain) : x;
  return plain(v);
}

const rows = (table: Table) =>
  Object.entries(table).flatMap(([fn, rs]) => rs.map(([f, data, want, why]) => [fn, f, data, want, why ?? ''] as const));

/** One group's rows as tests, titled "Excel: <group> functions › ROUND: ROUND(2.15, 1)". */
export function testGroup(group: string, table: Table): void {
  describe(`Excel: ${group} functions`, () => {
    test.each(rows(table))('%s: %s', (_fn, formula, data, expected) => {
      expect(run(formula, data)).toEqual(expected);
    });
  });
}
