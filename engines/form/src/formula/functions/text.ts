// Text functions. Positions are 1-based and count characters (a Chinese character is one).
import { formatNumber, roundHalfAwayFromZero } from '../../numbers';
import { formatText } from './format-codes';
import { capText, charCount, DateValue, flatten, FormulaError, isBlank, joinCapped, MAX_TEXT, mayFit, toBool, toNumber, toText, VALUE, type Value } from '../values';
import { globSearch } from './helpers';
import type { EagerFunction, FunctionDef } from './types';

function texts(args: Value[]): string[] | FormulaError {
  const out: string[] = [];
  for (const a of args) {
    const t = toText(a);
    if (t instanceof FormulaError) return t;
    out.push(t);
  }
  return out;
}

const textFn = (name: string, arity: [number, number], doc: EagerFunction['description'], example: string, result: string, f: (s: string, ...n: number[]) => Value): EagerFunction => ({
  name, category: 'text', minArgs: arity[0], maxArgs: arity[1], description: doc, example, exampleResult: result,
  fn(args) {
    const s = toText(args[0]);
    if (s instanceof FormulaError) return s;
    const nums: number[] = [];
    for (const a of args.slice(1)) {
      const n = toNumber(a);
      if (n instanceof FormulaError) return n;
      nums.push(n);
    }
    return f(s, ...nums);
  },
});

/** REPT: #VALUE! past MAX_TEXT characters, known from the two arguments before any text is made. */
function rept(s: string, times: number): Value {
  if (times < 0) return VALUE;
  const n = Math.floor(times);
  return charCount(s) * n > MAX_TEXT ? VALUE : s.repeat(n);
}

export const textFunctions: FunctionDef[] = [
  {
    name: 'CONCAT', category: 'text', minArgs: 1, maxArgs: Infinity,
    description: { 'zh-CN': '连接文本', 'en-US': 'Joins text' }, example: 'CONCAT("IQC-", 2026)', exampleResult: 'IQC-2026',
    fn(args) {
      const t = texts(flatten(args) as Value[]);
      return t instanceof FormulaError ? t : joinCapped(t);
    },
  },
  {
    name: 'CONCATENATE', category: 'text', minArgs: 1, maxArgs: Infinity,
    description: { 'zh-CN': '连接文本（同 CONCAT）', 'en-US': 'Joins text (as CONCAT)' }, example: 'CONCATENATE("A", "B")', exampleResult: 'AB',
    fn(args) {
      const t = texts(args);
      return t instanceof FormulaError ? t : joinCapped(t);
    },
  },
  {
    name: 'TEXTJOIN', category: 'text', minArgs: 3, maxArgs: Infinity,
    description: { 'zh-CN': '用分隔符连接，可忽略空值：TEXTJOIN("、", TRUE, 明细.物料)', 'en-US': 'Joins with a delimiter, optionally skipping blanks' },
    example: 'TEXTJOIN("/", TRUE, "A", "", "B")', exampleResult: 'A/B',
    fn(args) {
      const sep = toText(args[0]);
      if (sep instanceof FormulaError) return sep;
      const skip = toBool(args[1]);
      if (skip instanceof FormulaError) return skip;
      const vals = flatten(args.slice(2)).filter((v) => !(skip && isBlank(v)));
      const t = texts(vals as Value[]);
      return t instanceof FormulaError ? t : joinCapped(t, sep);
    },
  },
  textFn('LEFT', [1, 2], { 'zh-CN': '左边的若干字符', 'en-US': 'First characters' }, 'LEFT("IQC-0001", 3)', 'IQC', (s, n = 1) => (n < 0 ? VALUE : [...s].slice(0, n).join(''))),
  textFn('RIGHT', [1, 2], { 'zh-CN': '右边的若干字符', 'en-US': 'Last characters' }, 'RIGHT("IQC-0001", 4)', '0001', (s, n = 1) => (n < 0 ? VALUE : n === 0 ? '' : [...s].slice(-n).join(''))),
  textFn('MID', [3, 3], { 'zh-CN': '从第几个字符起取若干字符', 'en-US': 'Characters from a position' }, 'MID("供应商评级", 4, 2)', '评级', (s, start, n) => (start < 1 || n < 0 ? VALUE : [...s].slice(start - 1, start - 1 + n).join(''))),
  textFn('LEN', [1, 1], { 'zh-CN': '字符数', 'en-US': 'Number of characters' }, 'LEN("来料检验")', '4', (s) => [...s].length),
  textFn('UPPER', [1, 1], { 'zh-CN': '转大写', 'en-US': 'Upper case' }, 'UPPER("lot-a")', 'LOT-A', (s) => capText(s.toUpperCase())),
  textFn('LOWER', [1, 1], { 'zh-CN': '转小写', 'en-US': 'Lower case' }, 'LOWER("LOT-A")', 'lot-a', (s) => capText(s.toLowerCase())),
  textFn('TRIM', [1, 1], { 'zh-CN': '去掉多余空格', 'en-US': 'Removes extra spaces' }, 'TRIM("  A   B ")', 'A B', (s) => s.trim().replace(/ +/g, ' ')),
  textFn('REPT', [2, 2], { 'zh-CN': '重复文本', 'en-US': 'Repeats text' }, 'REPT("★", 3)', '★★★', rept),
  {
    name: 'SUBSTITUTE', category: 'text', minArgs: 3, maxArgs: 4,
    description: { 'zh-CN': '替换文本', 'en-US': 'Replaces text' }, example: 'SUBSTITUTE("A-B-C", "-", "/")', exampleResult: 'A/B/C',
    fn(args) {
      // Stryker disable next-line MethodExpression: the instance is read below, and toText fails on it only where toNumber does (an error value)
      const t = texts(args.slice(0, 3));
      if (t instanceof FormulaError) return t;
      const [s, from, to] = t;
      // The instance is checked even when there is nothing to replace: its error is the result.
      const nth = args[3] === undefined ? undefined : toNumber(args[3]);
      if (nth instanceof FormulaError) return nth;
      if (nth !== undefined && nth < 1) return VALUE;
      if (from === '') return s;
      if (nth === undefined) {
        // Measured before it is built: each of n matches grows the text by to − from.
        const pieces = s.split(from);
        const units = s.length + (pieces.length - 1) * (to.length - from.length);
        return mayFit(units) ? capText(pieces.join(to)) : VALUE;
      }
      let idx = -1;
      for (let i = 0; i < nth; i++) {
        idx = s.indexOf(from, idx + 1);
        if (idx < 0) return s;
      }
      return capText(s.slice(0, idx) + to + s.slice(idx + from.length));
    },
  },
  ...(['FIND', 'SEARCH'] as const).map((name): FunctionDef => ({
    name, category: 'text', minArgs: 2, maxArgs: 3,
    description: name === 'FIND' ? { 'zh-CN': '查找位置（区分大小写）', 'en-US': 'Position of text (case-sensitive)' } : { 'zh-CN': '查找位置（不区分大小写，可用通配符 * ?）', 'en-US': 'Position of text (ignores case; wildcards * and ?)' },
    // SEARCH's example shows what sets it apart from FIND: it ignores case.
    example: name === 'FIND' ? 'FIND("-", "IQC-01")' : 'SEARCH("qc", "IQC-01")', exampleResult: name === 'FIND' ? '4' : '2',
    fn(args) {
      // Stryker disable next-line MethodExpression: the start is read below, and toText fails on it only where toNumber does (an error value)
      const t = texts(args.slice(0, 2));
      if (t instanceof FormulaError) return t;
      const n = args[2] === undefined ? 1 : toNumber(args[2]);
      if (n instanceof FormulaError) return n;
      const [needle, hay] = t.map((x) => [...x]);
      const start = Math.trunc(n);
      // Excel: a start before the first or after the last character is #VALUE!.
      if (start < 1 || start > Math.max(hay.length, 1)) return VALUE;
      const rest = hay.slice(start - 1).join('');
      if (name === 'SEARCH') {
        const at = globSearch(needle.join(''), rest);
        return at < 0 ? VALUE : start + at;
      }
      const at = rest.indexOf(needle.join(''));
      return at < 0 ? VALUE : start + [...rest.slice(0, at)].length;
    },
  })),
  {
    name: 'TEXT', category: 'text', minArgs: 2, maxArgs: 2,
    description: { 'zh-CN': '按格式显示数字或日期：TEXT(金额, "#,##0.00")、TEXT(日期, "yyyy-mm-dd")', 'en-US': 'Formats a number or date' },
    example: 'TEXT(1234.5, "#,##0.00")', exampleResult: '1,234.50',
    fn(args) {
      const f = toText(args[1]);
      if (f instanceof FormulaError) return f;
      const out = formatText(args[0], f);
      return typeof out === 'string' ? capText(out) : out;
    },
  },
  {
    name: 'VALUE', category: 'text', minArgs: 1, maxArgs: 1,
    description: { 'zh-CN': '文本转数字', 'en-US': 'Text to number' }, example: 'VALUE("12.5") + 1', exampleResult: '13.5',
    // Excel: VALUE(TRUE) is #VALUE! (a logical is no text of a number).
    fn: (args) => (args[0] instanceof DateValue ? args[0].days : typeof args[0] === 'boolean' ? VALUE : toNumber(args[0])),
  },
  {
    name: 'FIXED', category: 'text', minArgs: 1, maxArgs: 3,
    description: { 'zh-CN': '按小数位四舍五入为带千位分隔符的文本：FIXED(数, [小数位], [不要逗号])', 'en-US': 'Rounds to text with decimals and thousands separators: FIXED(number, [decimals], [no_commas])' },
    example: 'FIXED(1.005, 2)', exampleResult: '1.01',
    fn(args) {
      const n = toNumber(args[0]);
      // Only a left-out argument means 2 decimals; a blank field is 0, as in ROUND.
      const d = args[1] === undefined ? 2 : toNumber(args[1]);
      // Stryker disable next-line ConditionalExpression: toBool(undefined) is false too
      const plain = args[2] === undefined ? false : toBool(args[2]);
      if (n instanceof FormulaError) return n;
      if (d instanceof FormulaError) return d;
      if (plain instanceof FormulaError) return plain;
      const digits = Math.trunc(d);
      if (digits > 127) return VALUE;
      // A negative number of decimals rounds left of the point: FIXED(1234.567, -1) is "1,230".
      const rounded = roundHalfAwayFromZero(n, digits);
      return formatNumber(rounded, { precision: Math.max(digits, 0), thousands: !plain });
    },
  },
];
