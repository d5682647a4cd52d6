// Numbers business users trust: Excel's ROUND (half away from zero) done exactly on the
// decimal text of the number, so 1.005 rounds to 1.01 and 0.1 + 0.2 is stored as 0.3.
import type { Locale } from './schema';

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const NEG10 = Array.from({ length: 17 }, (_, i) => 10 ** -i);
// The table only saves the power's work: POW10[n] is 10 ** n.
const pow10 = (n: number) => POW10[n] ?? 10 ** n;

/**
 * Excel shows and compares at most 15 significant digits; so do we: 0.1 + 0.2 is 0.3.
 * Arithmetic instead of Number(v.toPrecision(15)) (same result but for exact ties at the 15th
 * digit) because this runs for every computed number of every record.
 */
export function clean15(value: number): number {
  if (Number.isInteger(value) || !Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  // Below 1e-8 the table runs out; a number of 2^53 or more is whole (returned above).
  // Stryker disable next-line EqualityOperator: 1e-8 itself comes out of both ways as 1e-8
  if (abs < 1e-8) return Number(value.toPrecision(15));
  // floor(log10(abs)) by table: Math.log10 was the largest single cost of saving a record.
  let e = 0;
  // Stryker disable next-line EqualityOperator: abs is no whole number here, so neither 1 nor a power of ten above it
  if (abs >= 1) while (abs >= POW10[e + 1]) e++;
  // Stryker disable next-line EqualityOperator: a power of ten below 1 counted one place lower is the same double rounded to 16 digits, itself
  else while (abs < NEG10[-e]) e--;
  const k = 14 - e;
  // Multiplying or dividing by an exact power of ten, then dividing the integer back, gives the
  // double nearest to the 15-digit decimal.
  // Stryker disable next-line EqualityOperator: at k = 0 both ways multiply or divide by 1
  return k >= 0 ? Math.round(value * pow10(k)) / pow10(k) : Math.round(value / pow10(-k)) * pow10(-k);
}

/** Excel's ROUND: half away from zero, on the number as Excel shows it (15 digits). */
export function roundHalfAwayFromZero(value: number, digits = 0): number {
  // Stryker disable next-line ConditionalExpression: a shortcut: NaN and ±Infinity come out of the steps below as they went in
  if (!Number.isFinite(value)) return value;
  // An integer of up to 15 digits comes out of the steps below as itself at any digits ≥ 0; number fields
  // and arithmetic give no more digits (only a longer literal written in the formula itself would come
  // out rounded to 15 digits there).
  // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only (above)
  if (Number.isInteger(value) && digits >= 0) return value;
  const v = clean15(value);
  const abs = Math.abs(v);
  // At or past its 15th significant digit v has nothing left to round, and the nudge below would show.
  // (A product of exactly 1e14 is a power of ten rounded at its 15th digit: itself either way.)
  if (digits >= 0 && abs * pow10(digits) >= 1e14) return v;
  // 1.005 is 1.00499999999999989… in binary; a nudge of a few ulps restores the decimal tie.
  // (At digits = 0 either way divides or multiplies by 1.)
  const out = digits >= 0 ? Math.round(abs * pow10(digits) * (1 + 4 * Number.EPSILON)) / pow10(digits) : Math.round((abs / pow10(-digits)) * (1 + 4 * Number.EPSILON)) * pow10(-digits);
  return v < 0 && out !== 0 ? -out : out;
}

/** Excel's ROUNDDOWN: toward zero. */
export function roundTowardZero(value: number, digits = 0): number {
  const v = clean15(value);
  const m = pow10(digits);
  const out = Math.floor(clean15(Math.abs(v) * m)) / m;
  // Stryker disable next-line EqualityOperator: 0 itself gives out = 0, so "v <= 0" reads the same
  return v < 0 && out !== 0 ? -out : out;
}

/** Excel's ROUNDUP: away from zero. */
export function roundAwayFromZero(value: number, digits = 0): number {
  const v = clean15(value);
  const m = pow10(digits);
  const out = Math.ceil(clean15(Math.abs(v) * m)) / m;
  return v < 0 ? -out : out; // away from zero, a number below 0 never comes to 0
}

/**
 * A number typed or pasted as text: blanks and thousands separators (, ，) ignored, a currency
 * sign allowed ("¥1,234.50"), a sign and an exponent. `null` for blank text, `undefined` when it
 * is no number (yet: "-", "1e", "abc").
 */
export function parseDecimalText(text: string): number | null | undefined {
  const t = text.replace(/[,，\s¥￥$€£]/g, '');
  if (t === '') return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** `toFixedExact(1.005, 2)` → '1.01' (Number#toFixed gives '1.00'). */
export function toFixedExact(value: number, digits: number): string {
  // toFixed stops at 100 decimals; past them Excel shows zeros (FIXED and TEXT go to 127).
  const d = Math.min(digits, 100);
  const text = roundHalfAwayFromZero(value, d).toFixed(d);
  return text + '0'.repeat(digits - d);
}

export interface FormatNumberOptions {
  precision?: number;
  thousands?: boolean;
  percent?: boolean;
  currency?: string;
  locale?: Locale;
}

export function formatNumber(value: number | null | undefined, opts: FormatNumberOptions = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const v = opts.percent ? value * 100 : value;
  const text = opts.precision === undefined ? String(clean15(v)) : toFixedExact(v, opts.precision);
  const [int, frac] = text.split('.');
  const grouped = opts.thousands === false ? int : int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = frac !== undefined ? `${grouped}.${frac}` : grouped;
  const symbol = opts.currency ? ({ CNY: '¥', USD: '$', EUR: '€', JPY: '¥', GBP: '£', HKD: 'HK$' } as Record<string, string>)[opts.currency] ?? `${opts.currency} ` : '';
  return `${symbol}${body}${opts.percent ? '%' : ''}`;
}
