// Date functions. Dates are day numbers inside formulas; TODAY() and NOW() use the tenant's
// time zone, so a form filled at 07:00 in Shanghai is dated that day, not yesterday.
import { dayNumber, fromDayNumber, isDateOnly, localSerial, todayIn } from '../../dates';
import { DateValue, FormulaError, NUM, toNumber, toText, VALUE, type Value } from '../values';
import type { FunctionDef } from './types';

function toDays(v: Value): number | FormulaError {
  if (v instanceof DateValue) return v.days;
  if (typeof v === 'string' && isDateOnly(v)) return dayNumber(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return Date.parse(v) / 86_400_000;
  const n = toNumber(v);
  return n;
}

function ymd(days: number): [number, number, number] {
  const [y, m, d] = fromDayNumber(days).split('-').map(Number);
  return [y, m, d];
}

const dateOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

function dateArgs(args: Value[], count: number): number[] | FormulaError {
  const out: number[] = [];
  for (let i = 0; i < count && i < args.length; i++) {
    const d = toDays(args[i]);
    if (d instanceof FormulaError) return d;
    out.push(d);
  }
  return out;
}

const dateFn = (name: string, arity: [number, number], zh: string, en: string, example: string, result: string, f: (d: number[], args: Value[]) => Value): FunctionDef => ({
  name, category: 'date', minArgs: arity[0], maxArgs: arity[1], description: { 'zh-CN': zh, 'en-US': en }, example, exampleResult: result,
  fn(args) {
    const d = dateArgs(args, arity[0]);
    return d instanceof FormulaError ? d : f(d, args);
  },
});

function workdays(from: number, to: number): number {
  const sign = to >= from ? 1 : -1;
  let count = 0;
  for (let d = Math.floor(Math.min(from, to)); d <= Math.floor(Math.max(from, to)); d++) {
    const wd = (d + 4) % 7; // 1970-01-01 was a Thursday (4)
    if (wd !== 0 && wd !== 6) count++;
  }
  return sign * count;
}

export const dateFunctions: FunctionDef[] = [
  {
    name: 'TODAY', category: 'date', minArgs: 0, maxArgs: 0,
    description: { 'zh-CN': '今天（按租户时区）', 'en-US': "Today, in the tenant's time zone" }, example: 'TODAY() - TODAY()', exampleResult: '0',
    fn: (_a, ctx) => new DateValue(dayNumber(todayIn(ctx.timeZone, ctx.now))),
  },
  {
    name: 'NOW', category: 'date', minArgs: 0, maxArgs: 0,
    description: { 'zh-CN': '当前日期时间（按租户时区）', 'en-US': 'Now, in the tenant\'s time zone' }, example: 'INT(NOW()) - TODAY()', exampleResult: '0',
    fn: (_a, ctx) => new DateValue(localSerial(ctx.now, ctx.timeZone), true),
  },
  {
    name: 'DATE', category: 'date', minArgs: 3, maxArgs: 3,
    description: { 'zh-CN': '由年、月、日组成日期', 'en-US': 'A date from year, month and day' }, example: 'DATE(2026, 11, 22)', exampleResult: '2026-11-22',
    fn(args) {
      const [y, m, d] = args.map(toNumber);
      if (y instanceof FormulaError) return y;
      if (m instanceof FormulaError) return m;
      if (d instanceof FormulaError) return d;
      return new DateValue(dateOf(Math.trunc(y), Math.trunc(m), Math.trunc(d)));
    },
  },
  {
    name: 'DATEVALUE', category: 'date', minArgs: 1, maxArgs: 1,
    description: { 'zh-CN': '文本转日期', 'en-US': 'Text to date' }, example: 'DATEVALUE("2026-11-22") + 1', exampleResult: '2026-11-23',
    fn(args) {
      const t = toText(args[0]);
      if (t instanceof FormulaError) return t;
      const norm = t.trim().replace(/[年/.]/g, '-').replace(/月/, '-').replace(/日/, '');
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(norm);
      return m ? new DateValue(dateOf(+m[1], +m[2], +m[3])) : VALUE;
    },
  },
  dateFn('YEAR', [1, 1], '年份', 'Year of a date', 'YEAR(DATE(2026, 11, 22))', '2026', ([d]) => ymd(d)[0]),
  dateFn('MONTH', [1, 1], '月份', 'Month of a date', 'MONTH(DATE(2026, 11, 22))', '11', ([d]) => ymd(d)[1]),
  dateFn('DAY', [1, 1], '日', 'Day of the month', 'DAY(DATE(2026, 11, 22))', '22', ([d]) => ymd(d)[2]),
  dateFn('DAYS', [2, 2], '两个日期相差的天数：DAYS(结束, 开始)', 'Days between two dates', 'DAYS(DATE(2026, 12, 1), DATE(2026, 11, 22))', '9', ([end, start]) => Math.floor(end) - Math.floor(start)),
  dateFn('DATEDIF', [2, 3], '日期差：DATEDIF(开始, 结束, "d"/"m"/"y")', 'Difference in days, months or years', 'DATEDIF(DATE(2026, 1, 31), DATE(2026, 11, 22), "m")', '9', ([a, b], args) => {
    if (b < a) return NUM;
    const unit = String(toText(args[2] ?? 'd')).toLowerCase();
    const [y1, m1, d1] = ymd(a);
    const [y2, m2, d2] = ymd(b);
    if (unit === 'd') return Math.floor(b) - Math.floor(a);
    const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
    if (unit === 'm') return months;
    if (unit === 'y') return Math.floor(months / 12);
    return VALUE;
  }),
  dateFn('EDATE', [2, 2], '若干个月之后的同一天', 'The same day some months later', 'EDATE(DATE(2026, 1, 31), 1)', '2026-02-28', ([d, n]) => {
    const [y, m, day] = ymd(d);
    const target = dateOf(y, m + Math.trunc(n), 1);
    const [ty, tm] = ymd(target);
    const last = ymd(dateOf(ty, tm + 1, 0))[2];
    return new DateValue(dateOf(ty, tm, Math.min(day, last)));
  }),
  dateFn('EOMONTH', [2, 2], '若干个月之后的月末', 'End of the month some months later', 'EOMONTH(DATE(2026, 2, 10), 0)', '2026-02-28', ([d, n]) => {
    const [y, m] = ymd(d);
    return new DateValue(dateOf(y, m + Math.trunc(n) + 1, 0));
  }),
  dateFn('WEEKDAY', [1, 2], '星期几（默认周日为 1；类型 2 时周一为 1）', 'Day of the week (1 = Sunday; type 2: 1 = Monday)', 'WEEKDAY(DATE(2026, 11, 22), 2)', '7', ([d], args) => {
    const wd = (Math.floor(d) + 4) % 7; // 0 = Sunday
    const type = args[1] === undefined ? 1 : toNumber(args[1]);
    if (type === 2) return wd === 0 ? 7 : wd;
    if (type === 3) return wd === 0 ? 6 : wd - 1;
    return wd + 1;
  }),
  dateFn('WEEKNUM', [1, 1], '一年中的第几周（周日开始）', 'Week of the year (weeks start on Sunday)', 'WEEKNUM(DATE(2026, 1, 4))', '2', ([d]) => {
    const [y] = ymd(d);
    const jan1 = dateOf(y, 1, 1);
    const jan1wd = (jan1 + 4) % 7;
    return Math.floor((Math.floor(d) - jan1 + jan1wd) / 7) + 1;
  }),
  dateFn('NETWORKDAYS', [2, 2], '两个日期间的工作日数（周一至周五）', 'Working days between two dates (Mon–Fri)', 'NETWORKDAYS(DATE(2026, 11, 16), DATE(2026, 11, 22))', '5', ([a, b]) => workdays(a, b)),
];
