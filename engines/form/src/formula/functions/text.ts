// Text functions. Positions are 1-based and count characters (a Chinese character is one).
import { clean15, formatNumber, toFixedExact } from '../../numbers';
import { fromDayNumber } from '../../dates';
import { DateValue, flatten, FormulaError, isBlank, toNumber, toText, VALUE, type Value } from '../values';
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

/** Excel number/date format codes: 0, 0.00, #,##0.00, 0%, yyyy-mm-dd, yyyy年m月d日, hh:mm. */
export function formatText(value: Value, format: string): string | FormulaError {
  if (value instanceof FormulaError) return value;
  if (/[ymdhs]/i.test(format) && !/^[#0,.%]+$/.test(format)) {
    const n = toNumber(value);
    if (n instanceof FormulaError) return n;
    const [y, m, d] = fromDayNumber(n).split('-');
    const frac = n - Math.floor(n);
    const secs = Math.round(frac * 86400);
    const hh = String(Math.floor(secs / 3600)).padStart(2, '0');
    const mi = String(Math.floor((secs % 3600) / 60)).padStart(2, '0');
    const ss = String(secs % 60).padStart(2, '0');
    return format
      .replace(/yyyy/gi, y).replace(/yy/gi, y.slice(2))
      .replace(/hh/gi, hh).replace(/ss/gi, ss)
      .replace(/(?<=h.*|:)mm|mm(?=:)/gi, mi)
      .replace(/mm/gi, m).replace(/(?<![a-z])m(?![a-z])/gi, String(+m))
      .replace(/dd/gi, d).replace(/(?<![a-z])d(?![a-z])/gi, String(+d));
  }
  const n = toNumber(value);
  if (n instanceof FormulaError) return typeof value === 'string' ? value : n;
  const percent = format.endsWith('%');
  const body = percent ? format.slice(0, -1) : format;
  const decimals = body.includes('.') ? body.split('.')[1].replace(/[^0#]/g, '').length : 0;
  const thousands = body.includes(',');
  if (!/[0#]/.test(body)) return String(clean15(n));
  return formatNumber(n, { precision: decimals, thousands, percent });
}

export const textFunctions: FunctionDef[] = [
  {
    name: 'CONCAT', category: 'text', minArgs: 1, maxArgs: Infinity,
    description: { 'zh-CN': '连接文本', 'en-US': 'Joins text' }, example: 'CONCAT("IQC-", 2026)', exampleResult: 'IQC-2026',
    fn(args) {
      const t = texts(flatten(args) as Value[]);
      return t instanceof FormulaError ? t : t.join('');
    },
  },
  {
    name: 'CONCATENATE', category: 'text', minArgs: 1, maxArgs: Infinity,
    description: { 'zh-CN': '连接文本（同 CONCAT）', 'en-US': 'Joins text (as CONCAT)' }, example: 'CONCATENATE("A", "B")', exampleResult: 'AB',
    fn(args) {
      const t = texts(args);
      return t instanceof FormulaError ? t : t.join('');
    },
  },
  {
    name: 'TEXTJOIN', category: 'text', minArgs: 3, maxArgs: Infinity,
    description: { 'zh-CN': '用分隔符连接，可忽略空值：TEXTJOIN("、", TRUE, 明细.物料)', 'en-US': 'Joins with a delimiter, optionally skipping blanks' },
    example: 'TEXTJOIN("/", TRUE, "A", "", "B")', exampleResult: 'A/B',
    fn(args) {
      const sep = toText(args[0]);
      if (sep instanceof FormulaError) return sep;
      const vals = flatten(args.slice(2)).filter((v) => !(args[1] && isBlank(v)));
      const t = texts(vals as Value[]);
      return t instanceof FormulaError ? t : t.join(sep);
    },
  },
  textFn('LEFT', [1, 2], { 'zh-CN': '左边的若干字符', 'en-US': 'First characters' }, 'LEFT("IQC-0001", 3)', 'IQC', (s, n = 1) => (n < 0 ? VALUE : [...s].slice(0, n).join(''))),
  textFn('RIGHT', [1, 2], { 'zh-CN': '右边的若干字符', 'en-US': 'Last characters' }, 'RIGHT("IQC-0001", 4)', '0001', (s, n = 1) => (n < 0 ? VALUE : n === 0 ? '' : [...s].slice(-n).join(''))),
  textFn('MID', [3, 3], { 'zh-CN': '从第几个字符起取若干字符', 'en-US': 'Characters from a position' }, 'MID("供应商评级", 4, 2)', '评级', (s, start, n) => (start < 1 || n < 0 ? VALUE : [...s].slice(start - 1, start - 1 + n).join(''))),
  textFn('LEN', [1, 1], { 'zh-CN': '字符数', 'en-US': 'Number of characters' }, 'LEN("来料检验")', '4', (s) => [...s].length),
  textFn('UPPER', [1, 1], { 'zh-CN': '转大写', 'en-US': 'Upper case' }, 'UPPER("lot-a")', 'LOT-A', (s) => s.toUpperCase()),
  textFn('LOWER', [1, 1], { 'zh-CN': '转小写', 'en-US': 'Lower case' }, 'LOWER("LOT-A")', 'lot-a', (s) => s.toLowerCase()),
  textFn('TRIM', [1, 1], { 'zh-CN': '去掉多余空格', 'en-US': 'Removes extra spaces' }, 'TRIM("  A   B ")', 'A B', (s) => s.trim().replace(/ +/g, ' ')),
  textFn('REPT', [2, 2], { 'zh-CN': '重复文本', 'en-US': 'Repeats text' }, 'REPT("★", 3)', '★★★', (s, n) => (n < 0 ? VALUE : s.repeat(Math.floor(n)))),
  {
    name: 'SUBSTITUTE', category: 'text', minArgs: 3, maxArgs: 4,
    description: { 'zh-CN': '替换文本', 'en-US': 'Replaces text' }, example: 'SUBSTITUTE("A-B-C", "-", "/")', exampleResult: 'A/B/C',
    fn(args) {
      const t = texts(args.slice(0, 3));
      if (t instanceof FormulaError) return t;
      const [s, from, to] = t;
      if (from === '') return s;
      if (args[3] === undefined) return s.split(from).join(to);
      const nth = toNumber(args[3]);
      if (nth instanceof FormulaError || nth < 1) return VALUE;
      let idx = -1;
      for (let i = 0; i < nth; i++) {
        idx = s.indexOf(from, idx + 1);
        if (idx < 0) return s;
      }
      return s.slice(0, idx) + to + s.slice(idx + from.length);
    },
  },
  ...(['FIND', 'SEARCH'] as const).map((name): FunctionDef => ({
    name, category: 'text', minArgs: 2, maxArgs: 3,
    description: name === 'FIND' ? { 'zh-CN': '查找位置（区分大小写）', 'en-US': 'Position of text (case-sensitive)' } : { 'zh-CN': '查找位置（不区分大小写）', 'en-US': 'Position of text (ignores case)' },
    example: `${name}("-", "IQC-01")`, exampleResult: '4',
    fn(args) {
      const t = texts(args.slice(0, 2));
      if (t instanceof FormulaError) return t;
      const start = args[2] === undefined ? 1 : toNumber(args[2]);
      if (start instanceof FormulaError) return start;
      const [needle, hay] = name === 'SEARCH' ? t.map((x) => x.toLowerCase()) : t;
      const i = hay.indexOf(needle, start - 1);
      return i < 0 ? VALUE : i + 1;
    },
  })),
  {
    name: 'TEXT', category: 'text', minArgs: 2, maxArgs: 2,
    description: { 'zh-CN': '按格式显示数字或日期：TEXT(金额, "#,##0.00")、TEXT(日期, "yyyy-mm-dd")', 'en-US': 'Formats a number or date' },
    example: 'TEXT(1234.5, "#,##0.00")', exampleResult: '1,234.50',
    fn(args) {
      const f = toText(args[1]);
      return f instanceof FormulaError ? f : formatText(args[0], f);
    },
  },
  {
    name: 'VALUE', category: 'text', minArgs: 1, maxArgs: 1,
    description: { 'zh-CN': '文本转数字', 'en-US': 'Text to number' }, example: 'VALUE("12.5") + 1', exampleResult: '13.5',
    fn: (args) => (args[0] instanceof DateValue ? args[0].days : toNumber(args[0])),
  },
  {
    name: 'FIXED', category: 'text', minArgs: 1, maxArgs: 2,
    description: { 'zh-CN': '按小数位四舍五入为文本', 'en-US': 'Rounds to text with decimals' }, example: 'FIXED(1.005, 2)', exampleResult: '1.01',
    fn(args) {
      const n = toNumber(args[0]);
      const d = args[1] === undefined ? 2 : toNumber(args[1]);
      if (n instanceof FormulaError) return n;
      if (d instanceof FormulaError) return d;
      return toFixedExact(n, d);
    },
  },
];
