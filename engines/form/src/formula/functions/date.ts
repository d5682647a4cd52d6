// Date functions. Dates are day numbers inside formulas; TODAY() and NOW() use the tenant's
// time zone, so a form filled at 07:00 in Shanghai is dated that day, not yesterday.
import { dayNumber, fromDayNumber, isDateOnly, localSerial, todayIn } from '../../dates';
import { DateValue, flatten, FormulaError, NUM, toNumber, toText, VALUE, type Value } from '../values';
import type { FunctionDef } from './types';

function toDays(v: Value): number | FormulaError {
  if (v instanceof DateValue) return v.days;
  if (isDateOnly(v)) return dayNumber(v);
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
  // Stryker disable next-line ConditionalExpression,EqualityOperator: arity is checked before a formula runs (the parser, and arityErrors in the schema check), so args hold at least count
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

/** 0 = Sunday … 6 = Saturday; 1970-01-01 (day 0) was a Thursday. */
export const weekday = (days: number) => (((Math.floor(days) + 4) % 7) + 7) % 7;

/** Excel's NETWORKDAYS: Monday to Friday, both ends counted, holidays left out; negative when end < start. */
function workdays(from: number, to: number, holidays: ReadonlySet<number>): number {
  const sign = to >= from ? 1 : -1;
  let count = 0;
  for (let d = Math.floor(Math.min(from, to)); d <= Math.floor(Math.max(from, to)); d++) {
    const wd = weekday(d);
    if (wd !== 0 && wd !== 6 && !holidays.has(d)) count++;
  }
  return sign * count;
}

/** The days of a holidays argument: a date, a column of dates, or MERGE(…) of them; blanks skipped. */
function holidaySet(v: Value | undefined): Set<number> | FormulaError {
  const out = new Set<number>();
  for (const x of v === undefined ? [] : Array.isArray(v) ? flatten(v) : [v]) {
    if (x === null || x === '') continue;
    const d = toDays(x as Value);
    if (d instanceof FormulaError) return d;
    out.add(Math.floor(d));
  }
  return out;
}

/** WEEKDAY's return types: the weekday (0 = Sunday) that counts as 1, and whether it counts from 0. */
const WEEKDAY_TYPES: Record<number, [first: number, zeroBased: boolean]> = {
  1: [0, false], 2: [1, false], 3: [1, true], 11: [1, false], 12: [2, false], 13: [3, false], 14: [4, false], 15: [5, false], 16: [6, false], 17: [0, false],
};

/** WEEKNUM's return types: the weekday a week starts on (21 is ISO 8601). */
const WEEKNUM_TYPES: Record<number, number> = { 1: 0, 2: 1, 11: 1, 12: 2, 13: 3, 14: 4, 15: 5, 16: 6, 17: 0 };

function isoWeek(days: number): number {
  const d = Math.floor(days);
  const thursday = d - ((weekday(d) + 6) % 7) + 3; // the Thursday of d's Monday-to-Sunday week
  const [y] = ymd(thursday);
  return Math.floor((thursday - dateOf(y, 1, 1)) / 7) + 1;
}

export const dateFunctions: FunctionDef[] = [
  {
    name: 'TODAY', category: 'date', minArgs: 0, maxArgs: 0,
    description: { 'zh-CN': '今天（按租户时区）', 'en-US': "Today, in the tenant's time zone" }, example: 'IF(TODAY() > DATE(2026, 1, 31), "逾期", "未到期")', exampleResult: '逾期',
    fn: (_a, ctx) => new DateValue(dayNumber(todayIn(ctx.timeZone, ctx.now))),
  },
  {
    name: 'NOW', category: 'date', minArgs: 0, maxArgs: 0,
    description: { 'zh-CN': '当前日期时间（按租户时区）', 'en-US': 'Now, in the tenant\'s time zone' }, example: 'IF(NOW() > DATE(2026, 1, 31) + 17 / 24, "已截止", "可提交")', exampleResult: '已截止',
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
      // Excel: a year from 0 to 1899 is counted from 1900 (DATE(108, 1, 2) is 2008-01-02).
      const year = Math.trunc(y) < 1900 ? Math.trunc(y) + 1900 : Math.trunc(y);
      if (Math.trunc(y) < 0 || year > 9999) return NUM;
      const out = dateOf(year, Math.trunc(m), Math.trunc(d));
      return ymd(out)[0] < 1900 || ymd(out)[0] > 9999 ? NUM : new DateValue(out);
    },
  },
  {
    name: 'DATEVALUE', category: 'date', minArgs: 1, maxArgs: 1,
    description: { 'zh-CN': '文本转日期', 'en-US': 'Text to date' }, example: 'DATEVALUE("2026-11-22") + 1', exampleResult: '2026-11-23',
    fn(args) {
      const t = toText(args[0]);
      if (t instanceof FormulaError) return t;
      // A time after the date is ignored, as Excel does ("2026-11-22 08:30", "2026-11-22T08:30:00Z").
      // The time goes first, so that its fraction of a second is not read as a date's "." separator.
      const norm = t.trim().replace(/(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)$/, '').replace(/[年/.]/g, '-').replace(/月/, '-').replace(/日/, '');
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(norm);
      if (!m) return VALUE;
      const out = dateOf(+m[1], +m[2], +m[3]);
      const [y, mo, d] = ymd(out);
      // Stryker disable next-line ConditionalExpression: a rolled-over day also moves the month, a rolled-over month the year
      return y === +m[1] && mo === +m[2] && d === +m[3] ? new DateValue(out) : VALUE; // no 2026-02-30
    },
  },
  dateFn('YEAR', [1, 1], '年份', 'Year of a date', 'YEAR(DATE(2026, 11, 22))', '2026', ([d]) => ymd(d)[0]),
  dateFn('MONTH', [1, 1], '月份', 'Month of a date', 'MONTH(DATE(2026, 11, 22))', '11', ([d]) => ymd(d)[1]),
  dateFn('DAY', [1, 1], '日', 'Day of the month', 'DAY(DATE(2026, 11, 22))', '22', ([d]) => ymd(d)[2]),
  dateFn('DAYS', [2, 2], '两个日期相差的天数：DAYS(结束, 开始)', 'Days between two dates', 'DAYS(DATE(2026, 12, 1), DATE(2026, 11, 22))', '9', ([end, start]) => Math.floor(end) - Math.floor(start)),
  dateFn('DATEDIF', [2, 3], '日期差：DATEDIF(开始, 结束, "d"/"m"/"y"/"ym"/"yd"/"md")', 'Difference in days, months or years (also "ym", "yd", "md")', 'DATEDIF(DATE(2026, 1, 31), DATE(2026, 11, 22), "m")', '9', ([a, b], args) => {
    if (b < a) return NUM;
    const unit = String(toText(args[2] ?? 'd')).toLowerCase();
    const [y1, m1, d1] = ymd(a);
    const [y2, m2, d2] = ymd(b);
    if (unit === 'd') return Math.floor(b) - Math.floor(a);
    const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
    if (unit === 'm') return months;
    if (unit === 'y') return Math.floor(months / 12);
    if (unit === 'ym') return months % 12;
    // "md": days as if both dates were in the same month (the end's month, or the one before it).
    if (unit === 'md') return d2 >= d1 ? d2 - d1 : Math.floor(b) - dateOf(y2, m2 - 1, d1);
    if (unit === 'yd') {
      // Days as if the start were in the end's year, or the year before when it would fall after the end.
      let from = dateOf(y2, m1, d1);
      if (from > Math.floor(b)) from = dateOf(y2 - 1, m1, d1);
      return Math.floor(b) - from;
    }
    return NUM;
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
    const type = args[1] === undefined ? 1 : toNumber(args[1]);
    if (type instanceof FormulaError) return type;
    const spec = WEEKDAY_TYPES[Math.trunc(type)];
    if (!spec) return NUM;
    const n = (weekday(d) - spec[0] + 7) % 7;
    return spec[1] ? n : n + 1;
  }),
  dateFn('WEEKNUM', [1, 2], '一年中的第几周（默认周日开始；类型 2 周一开始，21 为 ISO 周）', 'Week of the year (weeks start on Sunday; type 2: Monday; 21: ISO week)', 'WEEKNUM(DATE(2026, 1, 4))', '2', ([d], args) => {
    const type = args[1] === undefined ? 1 : toNumber(args[1]);
    if (type instanceof FormulaError) return type;
    if (Math.trunc(type) === 21) return isoWeek(d);
    const first = WEEKNUM_TYPES[Math.trunc(type)];
    if (first === undefined) return NUM;
    // Week 1 is the week of 1 January; a new week starts on `first`.
    const jan1 = dateOf(ymd(d)[0], 1, 1);
    const offset = (weekday(jan1) - first + 7) % 7;
    return Math.floor((Math.floor(d) - jan1 + offset) / 7) + 1;
  }),
  dateFn('NETWORKDAYS', [2, 3], '两个日期间的工作日数（周一至周五，可除去节假日列）', 'Working days between two dates (Mon–Fri, less a list of holidays)', 'NETWORKDAYS(DATE(2026, 11, 16), DATE(2026, 11, 22))', '5', ([a, b], args) => {
    const holidays = holidaySet(args[2]);
    return holidays instanceof FormulaError ? holidays : workdays(a, b, holidays);
  }),
];
