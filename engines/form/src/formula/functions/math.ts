// Math functions. SUM, AVERAGE, MIN, MAX, PRODUCT and COUNT take fields as Excel takes cell
// references: text, TRUE/FALSE and blanks in a field or a subform column are skipped, while
// "3" or TRUE typed as an argument counts.
import { clean15, roundAwayFromZero, roundHalfAwayFromZero, roundTowardZero } from '../../numbers';
import { power } from '../arith';
import { DateValue, DIV0, flatten, FormulaError, NUM, toNumber, type Value } from '../values';
import { numeric, overRange } from './helpers';
import type { FunctionDef } from './types';

/** Excel's COUNT: numbers and dates anywhere, numeric text and TRUE/FALSE only when typed; never an error. */
function countNumbers(args: Value[]): number {
  let n = 0;
  for (const a of args) {
    if (Array.isArray(a)) n += flatten(a).filter((x) => typeof x === 'number' || x instanceof DateValue).length;
    else if (a !== null && a !== '' && !(toNumber(a) instanceof FormulaError)) n++;
  }
  return n;
}

/** CEILING and FLOOR (Excel 2010+): a positive number with a negative significance is #NUM!. */
const toMultiple = (round: (x: number) => number, zero: (v: number) => Value) => (v: number, s = 1): Value => {
  if (s === 0) return zero(v);
  // Stryker disable next-line EqualityOperator: s is never 0 here (the line above returns)
  if (v > 0 && s < 0) return NUM;
  return clean15(round(clean15(v / s)) * s);
};

export const mathFunctions: FunctionDef[] = [
  overRange('SUM', { 'zh-CN': '求和；可对子表单的一列求和', 'en-US': 'Adds numbers, or a subform column' }, 'SUM(1, 2, 3.5)', '6.5', (n) => clean15(n.reduce((a, b) => a + b, 0))),
  overRange('AVERAGE', { 'zh-CN': '平均值（空值和文本不计入）', 'en-US': 'Average (blanks and text are left out)' }, 'AVERAGE(2, 4, 9)', '5', (n) => (n.length ? clean15(n.reduce((a, b) => a + b, 0) / n.length) : DIV0)),
  overRange('MIN', { 'zh-CN': '最小值', 'en-US': 'Smallest number' }, 'MIN(3, -1, 8)', '-1', (n) => (n.length ? Math.min(...n) : 0)),
  overRange('MAX', { 'zh-CN': '最大值', 'en-US': 'Largest number' }, 'MAX(3, -1, 8)', '8', (n) => (n.length ? Math.max(...n) : 0)),
  overRange('PRODUCT', { 'zh-CN': '乘积', 'en-US': 'Multiplies numbers' }, 'PRODUCT(2, 3, 4)', '24', (n) => (n.length ? clean15(n.reduce((a, b) => a * b, 1)) : 0)),
  {
    name: 'COUNT', category: 'aggregate', minArgs: 1, maxArgs: Infinity, referencesAsRanges: true,
    description: { 'zh-CN': '数字的个数', 'en-US': 'Counts numbers' }, example: 'COUNT(1, 2, 3)', exampleResult: '3',
    fn: countNumbers,
  },
  numeric('ROUND', 'math', [1, 2], { 'zh-CN': '四舍五入（远离零），与 Excel 相同', 'en-US': 'Rounds half away from zero, as Excel does' }, 'ROUND(2.345, 2)', '2.35', (v, d = 0) => roundHalfAwayFromZero(v, Math.trunc(d))),
  numeric('ROUNDUP', 'math', [1, 2], { 'zh-CN': '向远离零的方向舍入', 'en-US': 'Rounds away from zero' }, 'ROUNDUP(2.341, 2)', '2.35', (v, d = 0) => roundAwayFromZero(v, Math.trunc(d))),
  numeric('ROUNDDOWN', 'math', [1, 2], { 'zh-CN': '向零的方向舍去', 'en-US': 'Rounds toward zero' }, 'ROUNDDOWN(2.349, 2)', '2.34', (v, d = 0) => roundTowardZero(v, Math.trunc(d))),
  numeric('TRUNC', 'math', [1, 2], { 'zh-CN': '截去小数（向零），TRUNC(-2.5) 为 -2', 'en-US': 'Cuts off decimals (toward zero): TRUNC(-2.5) is -2' }, 'TRUNC(-2.5)', '-2', (v, d = 0) => roundTowardZero(v, Math.trunc(d))),
  numeric('INT', 'math', [1, 1], { 'zh-CN': '向下取整', 'en-US': 'Rounds down to an integer' }, 'INT(-2.5)', '-3', (v) => Math.floor(clean15(v))),
  numeric('ABS', 'math', [1, 1], { 'zh-CN': '绝对值', 'en-US': 'Absolute value' }, 'ABS(-4)', '4', (v) => Math.abs(v)),
  numeric('MOD', 'math', [2, 2], { 'zh-CN': '余数（符号与除数相同）', 'en-US': 'Remainder with the sign of the divisor' }, 'MOD(-3, 2)', '1', (a, b) => (b === 0 ? DIV0 : clean15(a - b * Math.floor(a / b)))),
  numeric('POWER', 'math', [2, 2], { 'zh-CN': '乘幂', 'en-US': 'Raises to a power' }, 'POWER(2, 10)', '1024', (a, b) => {
    const r = power(a, b);
    return typeof r !== 'number' ? r : Number.isFinite(r) ? clean15(r) : NUM;
  }),
  numeric('SQRT', 'math', [1, 1], { 'zh-CN': '平方根', 'en-US': 'Square root' }, 'SQRT(16)', '4', (v) => (v < 0 ? NUM : clean15(Math.sqrt(v)))),
  numeric('CEILING', 'math', [1, 2], { 'zh-CN': '向上舍入到基数的倍数（负数向零）', 'en-US': 'Rounds up to a multiple (negative numbers toward zero)' }, 'CEILING(2.1, 0.5)', '2.5', toMultiple(Math.ceil, () => 0)),
  numeric('FLOOR', 'math', [1, 2], { 'zh-CN': '向下舍入到基数的倍数（负数远离零）', 'en-US': 'Rounds down to a multiple (negative numbers away from zero)' }, 'FLOOR(2.9, 0.5)', '2.5', toMultiple(Math.floor, () => DIV0)),
];
