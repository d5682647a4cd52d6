// Excel's arithmetic, shared by formulas and by date arithmetic inside rules: blanks are 0,
// numeric text is a number, a date plus a number is a date, x/0 is #DIV/0!, results are kept to
// Excel's 15 significant digits.
import { clean15 } from '../numbers';
import { DateValue, DIV0, FormulaError, isBlank, NUM, toNumber, type Value } from './values';

export type Arith = (a: number, b: number) => number | FormulaError;

export function arith(a: Value, b: Value, f: Arith, dateResult: boolean): Value {
  // Two numbers, the common case, without the conversions below (a date result needs a date, so it never comes here).
  // Stryker disable next-line ConditionalExpression,BlockStatement: a fast path; the general one below gives the same value
  if (typeof a === 'number' && typeof b === 'number') {
    const r = f(a, b);
    return typeof r === 'number' ? (Number.isFinite(r) ? clean15(r) : NUM) : r;
  }
  const x = toNumber(a);
  if (x instanceof FormulaError) return x;
  const y = toNumber(b);
  if (y instanceof FormulaError) return y;
  const r = f(x, y);
  if (r instanceof FormulaError) return r;
  if (!Number.isFinite(r)) return NUM;
  const out = clean15(r);
  return dateResult ? new DateValue(out, (a as DateValue).hasTime || (b instanceof DateValue && b.hasTime)) : out;
}

export const add: Arith = (x, y) => x + y;
export const sub: Arith = (x, y) => x - y;
export const mul: Arith = (x, y) => x * y;
export const div: Arith = (x, y) => (y === 0 ? DIV0 : x / y);
/** Excel's x ^ y and POWER: 0 ^ 0 is #NUM!, 0 ^ -1 is #DIV/0!, (-8) ^ (1/3) is #NUM!. */
// Stryker disable next-line EqualityOperator: y === 0 with x === 0 is #NUM! first, so y <= 0 reads as y < 0
export const power: Arith = (x, y) => (x === 0 && y === 0 ? NUM : x === 0 && y < 0 ? DIV0 : Math.pow(x, y));

/** x + y: a date plus days is a date; a blank left side is 0. */
export function excelAdd(x: Value, y: Value): Value {
  return arith(isBlank(x) ? 0 : x, y, add, x instanceof DateValue !== y instanceof DateValue);
}

/** The sum of any number of values, left to right (a date among them keeps the result a date). */
export function excelSum(values: readonly Value[]): Value {
  let acc: Value = values.length ? values[0] : 0;
  if (isBlank(acc)) acc = 0;
  // Stryker disable next-line EqualityOperator: one more turn adds a blank (0) to a sum already kept to 15 digits
  for (let i = 1; i < values.length; i++) {
    const b = values[i];
    // Stryker disable next-line ConditionalExpression: when exactly one of the two is a date, one of them is
    acc = arith(acc, b, add, acc instanceof DateValue !== b instanceof DateValue && (acc instanceof DateValue || b instanceof DateValue));
    // Stryker disable next-line ConditionalExpression: arith passes an error on its left through unchanged
    if (acc instanceof FormulaError) return acc;
  }
  return values.length === 1 ? toNumber(acc) : acc;
}

/** x - y: a date minus days is a date; a date minus a date is days. */
export function excelSubtract(x: Value, y: Value): Value {
  return arith(x, y, sub, x instanceof DateValue && !(y instanceof DateValue));
}
