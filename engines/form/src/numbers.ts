// Numbers business users trust: Excel's ROUND (half away from zero) done exactly on the
// decimal text of the number, so 1.005 rounds to 1.01 and 0.1 + 0.2 is stored as 0.3.
import type { Locale } from './schema';

/** Excel shows and compares at most 15 significant digits; so do we. */
export function clean15(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(15));
}

function shiftDecimal(value: number, digits: number): number {
  // Move the decimal point in the exponent text, which is exact, instead of multiplying.
  const [m, e] = value.toExponential().split('e');
  return Number(`${m}e${Number(e) + digits}`);
}

export function roundHalfAwayFromZero(value: number, digits = 0): number {
  if (!Number.isFinite(value)) return value;
  const v = clean15(value);
  const sign = v < 0 ? -1 : 1;
  const shifted = shiftDecimal(Math.abs(v), digits);
  const rounded = Math.floor(clean15(shifted) + 0.5);
  const out = sign * shiftDecimal(rounded, -digits);
  return out === 0 ? 0 : out;
}

export function roundTowardZero(value: number, digits = 0): number {
  const v = clean15(value);
  const sign = v < 0 ? -1 : 1;
  return sign * shiftDecimal(Math.floor(clean15(shiftDecimal(Math.abs(v), digits))), -digits) || 0;
}

export function roundAwayFromZero(value: number, digits = 0): number {
  const v = clean15(value);
  const sign = v < 0 ? -1 : 1;
  return sign * shiftDecimal(Math.ceil(clean15(shiftDecimal(Math.abs(v), digits))), -digits) || 0;
}

/** `toFixedExact(1.005, 2)` → '1.01' (Number#toFixed gives '1.00'). */
export function toFixedExact(value: number, digits: number): string {
  return roundHalfAwayFromZero(value, digits).toFixed(digits);
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
