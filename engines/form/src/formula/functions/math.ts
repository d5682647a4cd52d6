// Math functions.
import { clean15, roundAwayFromZero, roundHalfAwayFromZero, roundTowardZero } from '../../numbers';
import { DIV0, NUM } from '../values';
import { numeric, overRange } from './helpers';
import type { FunctionDef } from './types';

export const mathFunctions: FunctionDef[] = [
  overRange('SUM', { 'zh-CN': '求和；可对子表单的一列求和', 'en-US': 'Adds numbers, or a subform column' }, 'SUM(1, 2, 3.5)', '6.5', (n) => clean15(n.reduce((a, b) => a + b, 0))),
  overRange('AVERAGE', { 'zh-CN': '平均值', 'en-US': 'Average' }, 'AVERAGE(2, 4, 9)', '5', (n) => (n.length ? clean15(n.reduce((a, b) => a + b, 0) / n.length) : DIV0)),
  overRange('MIN', { 'zh-CN': '最小值', 'en-US': 'Smallest number' }, 'MIN(3, -1, 8)', '-1', (n) => (n.length ? Math.min(...n) : 0)),
  overRange('MAX', { 'zh-CN': '最大值', 'en-US': 'Largest number' }, 'MAX(3, -1, 8)', '8', (n) => (n.length ? Math.max(...n) : 0)),
  overRange('PRODUCT', { 'zh-CN': '乘积', 'en-US': 'Multiplies numbers' }, 'PRODUCT(2, 3, 4)', '24', (n) => clean15(n.reduce((a, b) => a * b, 1))),
  overRange('COUNT', { 'zh-CN': '数字的个数', 'en-US': 'Counts numbers' }, 'COUNT(1, 2, 3)', '3', (n) => n.length),
  numeric('ROUND', 'math', [1, 2], { 'zh-CN': '四舍五入（远离零），与 Excel 相同', 'en-US': 'Rounds half away from zero, as Excel does' }, 'ROUND(2.345, 2)', '2.35', (v, d = 0) => roundHalfAwayFromZero(v, Math.trunc(d))),
  numeric('ROUNDUP', 'math', [1, 2], { 'zh-CN': '向远离零的方向舍入', 'en-US': 'Rounds away from zero' }, 'ROUNDUP(2.341, 2)', '2.35', (v, d = 0) => roundAwayFromZero(v, Math.trunc(d))),
  numeric('ROUNDDOWN', 'math', [1, 2], { 'zh-CN': '向零的方向舍去', 'en-US': 'Rounds toward zero' }, 'ROUNDDOWN(2.349, 2)', '2.34', (v, d = 0) => roundTowardZero(v, Math.trunc(d))),
  numeric('INT', 'math', [1, 1], { 'zh-CN': '向下取整', 'en-US': 'Rounds down to an integer' }, 'INT(-2.5)', '-3', (v) => Math.floor(clean15(v))),
  numeric('ABS', 'math', [1, 1], { 'zh-CN': '绝对值', 'en-US': 'Absolute value' }, 'ABS(-4)', '4', (v) => Math.abs(v)),
  numeric('MOD', 'math', [2, 2], { 'zh-CN': '余数（符号与除数相同）', 'en-US': 'Remainder with the sign of the divisor' }, 'MOD(-3, 2)', '1', (a, b) => (b === 0 ? DIV0 : clean15(a - b * Math.floor(a / b)))),
  numeric('POWER', 'math', [2, 2], { 'zh-CN': '乘幂', 'en-US': 'Raises to a power' }, 'POWER(2, 10)', '1024', (a, b) => clean15(Math.pow(a, b))),
  numeric('SQRT', 'math', [1, 1], { 'zh-CN': '平方根', 'en-US': 'Square root' }, 'SQRT(16)', '4', (v) => (v < 0 ? NUM : clean15(Math.sqrt(v)))),
  numeric('CEILING', 'math', [1, 2], { 'zh-CN': '向上舍入到基数的倍数', 'en-US': 'Rounds up to a multiple' }, 'CEILING(2.1, 0.5)', '2.5', (v, s = 1) => (s === 0 ? 0 : clean15(Math.ceil(clean15(v / s)) * s))),
  numeric('FLOOR', 'math', [1, 2], { 'zh-CN': '向下舍入到基数的倍数', 'en-US': 'Rounds down to a multiple' }, 'FLOOR(2.9, 0.5)', '2.5', (v, s = 1) => (s === 0 ? DIV0 : clean15(Math.floor(clean15(v / s)) * s))),
];
