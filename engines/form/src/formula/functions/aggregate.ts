// Conditional aggregates over subform columns (SUMIF, COUNTIF, SUMPRODUCT …), with Excel's
// criteria: ">=5", "<>", "不合格", "=合格", wildcards * and ?. Text and blanks in the
// summed column are skipped, as Excel skips them.
import { clean15 } from '../../numbers';
import { dayNumber, isDateOnly } from '../../dates';
import { compare, DateValue, DIV0, flatten, FormulaError, isBlank, toNumber, VALUE, type ErrorCode, type Value } from '../values';
import { globMatch } from './helpers';
import type { EagerFunction, FunctionDef } from './types';

type Test = (v: unknown) => boolean;

const ERROR_CODES = new Set<string>(['#DIV/0!', '#VALUE!', '#NAME?', '#N/A', '#NUM!', '#REF!', '#CIRCULAR!'] satisfies ErrorCode[]);

/** A criterion's operand: "5" and "2026-01-31" are numbers (a date is its day number), "TRUE" a boolean. */
function operandOf(raw: string): number | boolean | string {
  const n = toNumber(raw);
  // Stryker disable next-line ConditionalExpression,MethodExpression,StringLiteral: raw is never '' here (criterion returns first) and spaces are no number
  if (typeof n === 'number' && raw.trim() !== '') return n;
  if (isDateOnly(raw.trim())) return dayNumber(raw.trim());
  if (/^(true|false)$/i.test(raw)) return raw.toUpperCase() === 'TRUE';
  return raw;
}

const numberIn = (v: unknown): number | undefined => (typeof v === 'number' ? v : v instanceof DateValue ? v.days : undefined);

/**
 * Excel's "=" in a criterion: 3 and "3" match 3 or "3"; text matches text, ignoring case, with * and ?.
 * A blank is no number: COUNTIF(…, 0) does not count empty fields (and "<>0" does).
 */
function equalsTest(operand: number | boolean | string): Test {
  if (typeof operand === 'number') {
    return (v) => {
      if (isBlank(v)) return false;
      const n = typeof v === 'string' ? toNumber(v) : numberIn(v);
      return typeof n === 'number' && compare(n, operand) === 0;
    };
  }
  if (typeof operand === 'boolean') return (v) => v === operand;
  if (/[*?]/.test(operand)) {
    return (v) => typeof v === 'string' && v !== '' && globMatch(operand, v);
  }
  const want = operand.toLowerCase();
  return (v) => typeof v === 'string' && v.toLowerCase() === want;
}

/**
 * Excel's criteria, as SUMIF and COUNTIF read them: ">=5", "<>", "不合格", "=合格", "合*", a number
 * or a date. Comparisons with a number see numbers (and dates) only; with a text, texts only.
 */
export function criterion(c: Value): Test {
  if (c instanceof FormulaError) return (v) => v instanceof FormulaError && v.code === c.code;
  if (Array.isArray(c)) return criterion(c[0] ?? null);
  if (c instanceof DateValue) return equalsTest(c.days);
  if (typeof c === 'number' || typeof c === 'boolean') return equalsTest(c);
  if (c === null) return (v) => !isBlank(v) && compare(v, 0) === 0;
  // Stryker disable next-line Regex: the pattern matches from index 0 to the end anyway, so ^ and $ change nothing
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(c)!;
  const op = m[1] ?? '=';
  const raw = m[2];
  // An error written as text ("#DIV/0!") matches that error, as Excel counts errors.
  const code = raw.toUpperCase();
  if ((op === '=' || op === '<>') && ERROR_CODES.has(code)) {
    const is = (v: unknown) => v instanceof FormulaError && v.code === code;
    return op === '=' ? is : (v) => !is(v);
  }
  if (raw === '') return op === '=' ? isBlank : op === '<>' ? (v) => !isBlank(v) : () => false;
  const operand = operandOf(raw);
  if (op === '=') return equalsTest(operand);
  if (op === '<>') {
    const eq = equalsTest(operand);
    return (v) => !eq(v);
  }
  const holds = { '<': (k: number) => k < 0, '<=': (k: number) => k <= 0, '>': (k: number) => k > 0, '>=': (k: number) => k >= 0 }[op]!;
  if (typeof operand === 'number') {
    return (v) => {
      const n = numberIn(v);
      return n !== undefined && holds(compare(n, operand));
    };
  }
  if (typeof operand === 'boolean') return (v) => typeof v === 'boolean' && holds(compare(v, operand));
  return (v) => typeof v === 'string' && v !== '' && holds(compare(v, operand));
}

const list = (v: Value): unknown[] => (Array.isArray(v) ? flatten(v) : [v]);

/** Rows (indexes) where every (range, criterion) pair holds. */
function matching(pairs: Array<[Value, Value]>): number[] | FormulaError {
  const ranges = pairs.map(([r]) => list(r));
  // Stryker disable next-line OptionalChaining: every caller passes at least one pair
  const n = ranges[0]?.length ?? 0;
  if (ranges.some((r) => r.length !== n)) return VALUE;
  const tests = pairs.map(([, c]) => criterion(c));
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (tests.every((t, k) => t(ranges[k][i]))) out.push(i);
  return out;
}

/** The numbers of the matching rows; text and blanks are skipped, an error there is the result. */
function numsAt(range: Value, rows: number[]): number[] | FormulaError {
  const l = list(range);
  const out: number[] = [];
  for (const i of rows) {
    const v = l[i];
    if (v instanceof FormulaError) return v;
    if (typeof v === 'number') out.push(v);
  }
  return out;
}

function pairsFrom(args: Value[], from: number): Array<[Value, Value]> {
  const pairs: Array<[Value, Value]> = [];
  // Stryker disable next-line EqualityOperator: callers check first that the arguments pair up
  for (let i = from; i + 1 < args.length; i += 2) pairs.push([args[i], args[i + 1]]);
  return pairs;
}

const ifs = (name: string, doc: EagerFunction['description'], example: string, result: string, f: (n: number[]) => Value): EagerFunction => ({
  name, category: 'aggregate', minArgs: 3, maxArgs: Infinity, pairedAfter: 1, description: doc, example, exampleResult: result,
  fn(args) {
    // Stryker disable next-line ArithmeticOperator,ConditionalExpression: n - 1 and n + 1 have the same parity; an odd count never runs (the parser and the schema check's arityErrors refuse it)
    if ((args.length - 1) % 2 !== 0) return VALUE;
    // The summed range must be as long as the criteria ranges (Excel's #VALUE!).
    if (list(args[0]).length !== list(args[1]).length) return VALUE;
    const rows = matching(pairsFrom(args, 1));
    const nums = rows instanceof FormulaError ? rows : numsAt(args[0], rows);
    return nums instanceof FormulaError ? nums : f(nums);
  },
});

const sum = (n: number[]) => clean15(n.reduce((a, b) => a + b, 0));

export const aggregateFunctions: FunctionDef[] = [
  {
    name: 'SUMIF', category: 'aggregate', minArgs: 2, maxArgs: 3,
    description: { 'zh-CN': '对满足条件的行求和：SUMIF(条件列, 条件, [求和列])', 'en-US': 'Adds the rows that meet a criterion' },
    example: 'SUMIF(MERGE(1, 5, 9), ">=5")', exampleResult: '14',
    fn(args) {
      const rows = matching([[args[0], args[1]]]);
      const nums = rows instanceof FormulaError ? rows : numsAt(args[2] ?? args[0], rows);
      return nums instanceof FormulaError ? nums : sum(nums);
    },
  },
  {
    name: 'COUNTIF', category: 'aggregate', minArgs: 2, maxArgs: 2,
    description: { 'zh-CN': '统计满足条件的行数，如 COUNTIF(明细.结果, "不合格")', 'en-US': 'Counts the rows that meet a criterion' },
    example: 'COUNTIF(MERGE("合格", "不合格", "合格"), "合格")', exampleResult: '2',
    fn(args) {
      const rows = matching([[args[0], args[1]]]);
      return rows instanceof FormulaError ? rows : rows.length;
    },
  },
  {
    name: 'AVERAGEIF', category: 'aggregate', minArgs: 2, maxArgs: 3,
    description: { 'zh-CN': '满足条件的行的平均值', 'en-US': 'Average of the rows that meet a criterion' },
    example: 'AVERAGEIF(MERGE(2, 4, 10), "<5")', exampleResult: '3',
    fn(args) {
      const rows = matching([[args[0], args[1]]]);
      const n = rows instanceof FormulaError ? rows : numsAt(args[2] ?? args[0], rows);
      if (n instanceof FormulaError) return n;
      return n.length ? clean15(sum(n) / n.length) : DIV0;
    },
  },
  ifs('SUMIFS', { 'zh-CN': '多条件求和：SUMIFS(求和列, 条件列1, 条件1, …)', 'en-US': 'Adds rows meeting several criteria' }, 'SUMIFS(MERGE(10, 20, 30), MERGE("A", "B", "A"), "A")', '40', sum),
  ifs('MAXIFS', { 'zh-CN': '多条件最大值', 'en-US': 'Largest value among rows meeting criteria' }, 'MAXIFS(MERGE(10, 20, 30), MERGE("A", "B", "A"), "A")', '30', (n) => (n.length ? Math.max(...n) : 0)),
  ifs('MINIFS', { 'zh-CN': '多条件最小值', 'en-US': 'Smallest value among rows meeting criteria' }, 'MINIFS(MERGE(10, 20, 30), MERGE("A", "B", "A"), "A")', '10', (n) => (n.length ? Math.min(...n) : 0)),
  {
    name: 'COUNTIFS', category: 'aggregate', minArgs: 2, maxArgs: Infinity, pairedAfter: 0,
    description: { 'zh-CN': '多条件计数', 'en-US': 'Counts rows meeting several criteria' },
    example: 'COUNTIFS(MERGE("A", "B", "A"), "A", MERGE(1, 2, 3), ">1")', exampleResult: '1',
    fn(args) {
      // Stryker disable next-line ConditionalExpression: an odd count never runs (the parser and the schema check's arityErrors refuse it)
      if (args.length % 2 !== 0) return VALUE;
      const rows = matching(pairsFrom(args, 0));
      return rows instanceof FormulaError ? rows : rows.length;
    },
  },
  {
    name: 'SUMPRODUCT', category: 'aggregate', minArgs: 1, maxArgs: Infinity,
    description: { 'zh-CN': '对应行相乘后求和，如 SUMPRODUCT(明细.数量, 明细.单价)', 'en-US': 'Multiplies columns row by row and adds the products' },
    example: 'SUMPRODUCT(MERGE(2, 3), MERGE(10, 100))', exampleResult: '320',
    fn(args) {
      const cols = args.map(list);
      const n = cols[0].length;
      if (cols.some((c) => c.length !== n)) return VALUE;
      let total = 0;
      // Stryker disable next-line EqualityOperator: row n is past every column, its product 0 adds nothing
      for (let i = 0; i < n; i++) {
        let p = 1;
        for (const c of cols) {
          const v = c[i];
          if (v instanceof FormulaError) return v;
          p *= typeof v === 'number' ? v : 0;
        }
        total += p;
      }
      return clean15(total);
    },
  },
  {
    name: 'COUNTA', category: 'aggregate', minArgs: 1, maxArgs: Infinity,
    description: { 'zh-CN': '非空值的个数', 'en-US': 'Counts values that are not blank' },
    example: 'COUNTA(MERGE("a", "", 3))', exampleResult: '2',
    fn: (args) => flatten(args).filter((v) => !isBlank(v)).length,
  },
  {
    name: 'MERGE', category: 'aggregate', minArgs: 1, maxArgs: Infinity,
    description: { 'zh-CN': '把多个值合成一列（用于试算和示例）', 'en-US': 'Makes a column of values (for trying functions out)' },
    example: 'COUNT(MERGE(1, 2, 3))', exampleResult: '3',
    fn: (args) => flatten(args) as Value[],
  },
];
