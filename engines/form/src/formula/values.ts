// Formula values and Excel's coercions. Errors (#DIV/0! …) are values that flow through
// expressions until IFERROR catches them; they are never thrown. Dates are DateValue (a day
// number, fractional for datetimes) so that a date plus a number stays a date.
import { clean15 } from '../numbers';
import { dayNumber, fromDayNumber, isDateOnly, isIsoDatetime, localSerial } from '../dates';

export type ErrorCode = '#DIV/0!' | '#VALUE!' | '#NAME?' | '#N/A' | '#NUM!' | '#REF!' | '#CIRCULAR!';

export class FormulaError {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
  ) {}
  toString(): string {
    return this.code;
  }
  toJSON(): string {
    return this.code;
  }
}

export function isFormulaError(v: unknown): v is FormulaError {
  return v instanceof FormulaError;
}

export const DIV0 = new FormulaError('#DIV/0!');
export const VALUE = new FormulaError('#VALUE!');
export const NA = new FormulaError('#N/A');
export const NUM = new FormulaError('#NUM!');

export class DateValue {
  constructor(
    readonly days: number,
    readonly hasTime = false,
    /** The stored text it was read from, so a rule can see what json-logic-js would have seen. */
    readonly source?: string,
  ) {}
  toString(): string {
    return fromDayNumber(this.days);
  }
  toJSON(): string {
    return this.toString();
  }
}

/** A stored date ('YYYY-MM-DD') or datetime (ISO-8601, as a local serial in the zone) as a DateValue. */
export function toDateValue(v: unknown, timeZone: string): DateValue | undefined {
  if (v instanceof DateValue) return v;
  if (isDateOnly(v)) return new DateValue(dayNumber(v), false, v);
  if (isIsoDatetime(v)) return new DateValue(localSerial(new Date(v), timeZone), true, v);
  return undefined;
}

export type Value = number | string | boolean | null | DateValue | FormulaError | Value[];

/**
 * Excel's limit on the text of one cell: a longer result is #VALUE! (REPT, CONCAT, & …). Checked
 * before a text is built, so REPT("x", 500000000) costs nothing and stores nothing.
 */
export const MAX_TEXT = 32767;

/** Characters of a text as LEN counts them (a surrogate pair is one), without making an array. */
export function charCount(s: string): number {
  let n = s.length;
  // Stryker disable next-line EqualityOperator: charCodeAt past the end is NaN, which is no surrogate
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) {
      const h = s.charCodeAt(i - 1);
      if (h >= 0xd800 && h <= 0xdbff) {
        n--;
        i++; // the pair is counted; a low surrogate after it starts no new one
      }
    }
  }
  return n;
}

/** Whether a text of `units` UTF-16 units can still be within MAX_TEXT characters. */
export const mayFit = (units: number): boolean => units <= 2 * MAX_TEXT;

/** The text, or #VALUE! when it is longer than MAX_TEXT characters. */
export function capText(s: string): string | FormulaError {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: a text of at most MAX_TEXT units has at most MAX_TEXT characters, which the count below says too
  return s.length <= MAX_TEXT || (mayFit(s.length) && charCount(s) <= MAX_TEXT) ? s : VALUE;
}

/** Texts joined with `sep`, or #VALUE! when the result would pass MAX_TEXT: measured before joining. */
export function joinCapped(parts: readonly string[], sep = ''): string | FormulaError {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with one part the product is 0 too; with none nothing is joined
  let units = parts.length > 1 ? sep.length * (parts.length - 1) : 0;
  for (const p of parts) {
    units += p.length;
    if (!mayFit(units)) return VALUE;
  }
  return capText(parts.join(sep));
}

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/**
 * Excel's number coercion: blank → 0, TRUE → 1, numeric text → number ("1,000", "50%", "$1,000",
 * "¥12.5", and a time "16:48" as a fraction of a day), other text → #VALUE!.
 */
export function toNumber(v: unknown): number | FormulaError {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NUM;
  if (v === null || v === undefined || v === '') return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof DateValue) return v.days;
  if (v instanceof FormulaError) return v;
  if (typeof v === 'string') return textToNumber(v);
  if (Array.isArray(v)) return v.length === 1 ? toNumber(v[0]) : VALUE;
  return VALUE;
}

function textToNumber(v: string): number | FormulaError {
  const t = v.trim().replace(/,/g, '').replace(/^([+-]?)[$¥￥€£]/, '$1');
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i.test(t)) {
    const n = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
    // Past Excel's largest number ("1e999") the text is no number: #VALUE!, not Infinity.
    return Number.isFinite(n) ? n : VALUE;
  }
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(t);
  if (time && +time[2] < 60 && +(time[3] ?? 0) < 60) return clean15((+time[1] * 3600 + +time[2] * 60 + +(time[3] ?? 0)) / 86400);
  return VALUE;
}

/** Excel's text coercion: numbers in general format (15 digits), TRUE/FALSE, dates as YYYY-MM-DD. */
export function toText(v: unknown): string | FormulaError {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(clean15(v));
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof DateValue) return v.toString();
  if (v instanceof FormulaError) return v;
  if (Array.isArray(v)) {
    // An error inside a list reads as its code, as String() gives it.
    const parts = v.map((x) => String(toText(x)));
    return joinCapped(parts, ',');
  }
  return JSON.stringify(v);
}

export function toBool(v: unknown): boolean | FormulaError {
  if (typeof v === 'boolean') return v;
  if (v instanceof FormulaError) return v;
  if (typeof v === 'number') return v !== 0;
  if (v === null || v === undefined || v === '') return false;
  if (typeof v === 'string') {
    const u = v.toUpperCase();
    if (u === 'TRUE') return true;
    if (u === 'FALSE') return false;
    return VALUE;
  }
  if (v instanceof DateValue) return v.days !== 0;
  // A column of one row is its value, as in toNumber.
  if (Array.isArray(v)) return v.length === 1 ? toBool(v[0]) : VALUE;
  return VALUE;
}

/** The first error among values, if any. */
export function firstError(values: readonly unknown[]): FormulaError | undefined {
  for (const v of values) if (v instanceof FormulaError) return v;
  return undefined;
}

/** Flattens arguments (subform columns arrive as arrays). */
export function flatten(values: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (Array.isArray(v)) out.push(...flatten(v));
    else out.push(v);
  }
  return out;
}

/** Numbers of a range for SUM/AVERAGE…: text and blanks inside ranges are skipped as in Excel. */
export function rangeNumbers(values: readonly unknown[]): number[] | FormulaError {
  const out: number[] = [];
  for (const v of values) {
    if (Array.isArray(v)) {
      for (const x of flatten(v)) {
        if (x instanceof FormulaError) return x;
        if (typeof x === 'number') out.push(x);
        else if (x instanceof DateValue) out.push(x.days);
      }
    } else {
      const n = toNumber(v);
      if (n instanceof FormulaError) return n;
      out.push(n);
    }
  }
  return out;
}

/** Excel's comparison: numbers < text < booleans; text case-insensitive; blank equals 0 / ''. */
export function compare(a: unknown, b: unknown): number {
  const rank = (v: unknown) => (typeof v === 'boolean' ? 2 : typeof v === 'string' ? 1 : 0);
  let x: unknown = a instanceof DateValue ? a.days : a;
  let y: unknown = b instanceof DateValue ? b.days : b;
  // Stryker disable next-line ConditionalExpression: against a text, a blank as 0 ranks first as '' would
  if (isBlank(x)) x = typeof y === 'string' ? '' : typeof y === 'boolean' ? false : 0;
  if (isBlank(y)) y = typeof x === 'string' ? '' : typeof x === 'boolean' ? false : 0;
  const rx = rank(x);
  const ry = rank(y);
  if (rx !== ry) return rx - ry;
  if (typeof x === 'string') {
    const s = x.toLowerCase();
    const t = (y as string).toLowerCase();
    return s < t ? -1 : s > t ? 1 : 0;
  }
  const nx = Number(x);
  const ny = Number(y);
  // Stryker disable next-line ConditionalExpression: the 15-digit comparison below finds equal numbers equal too
  if (nx === ny) return 0;
  // Only numbers that agree to ~15 digits need Excel's 15-digit comparison.
  // Stryker disable next-line ConditionalExpression, EqualityOperator, MethodExpression: fast path; numbers this far apart keep their order at 15 digits
  if (Math.abs(nx - ny) > 1e-12 * Math.max(Math.abs(nx), Math.abs(ny))) return nx < ny ? -1 : 1;
  const cx = clean15(nx);
  const cy = clean15(ny);
  return cx < cy ? -1 : cx > cy ? 1 : 0;
}
