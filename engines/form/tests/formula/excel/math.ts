// Math functions against Excel, and the operators that share their coercions.
import { err, type Row, type Table } from './cases';

export const MATH: Table = {
  ROUND: [
    ['ROUND(2.15, 1)', {}, 2.2],
    ['ROUND(-1.475, 2)', {}, -1.48, 'half away from zero, on the decimal as shown'],
    ['ROUND(-2.5, 0)', {}, -3, 'not banker\'s rounding'],
    ['ROUND(626.3, -3)', {}, 1000],
    ['ROUND(-50.55, -2)', {}, -100],
    ['ROUND("2.5", 0)', {}, 3, 'numeric text is a number'],
    ['ROUND(blank, 2)', {}, 0, 'an empty field is 0'],
    ['ROUND(1 / 0, 2)', {}, err('#DIV/0!')],
  ],
  ROUNDUP: [
    ['ROUNDUP(3.2, 0)', {}, 4],
    ['ROUNDUP(3.14159, 3)', {}, 3.142],
    ['ROUNDUP(-3.14159, 1)', {}, -3.2, 'away from zero, also for negatives'],
    ['ROUNDUP(31415.92654, -2)', {}, 31500],
    ['ROUNDUP(txt, 0)', { txt: 'abc' }, err('#VALUE!')],
  ],
  ROUNDDOWN: [
    ['ROUNDDOWN(76.9, 0)', {}, 76],
    ['ROUNDDOWN(3.14159, 3)', {}, 3.141],
    ['ROUNDDOWN(-3.14159, 1)', {}, -3.1, 'toward zero, also for negatives'],
    ['ROUNDDOWN(31415.92654, -2)', {}, 31400],
    ['ROUNDDOWN("2.99", 1)', {}, 2.9],
  ],
  TRUNC: [
    ['TRUNC(8.9)', {}, 8],
    ['TRUNC(-8.9)', {}, -8, 'toward zero, unlike INT'],
    ['TRUNC(-2.5)', {}, -2],
    ['TRUNC(0.45)', {}, 0],
    ['TRUNC(3.14159, 2)', {}, 3.14],
    ['TRUNC(blank)', {}, 0],
  ],
  INT: [
    ['INT(8.9)', {}, 8],
    ['INT(-8.9)', {}, -9, 'rounds down, away from zero for negatives'],
    ['INT(-2.5)', {}, -3],
    ['INT("3.7")', {}, 3],
    ['INT(NA())', {}, err('#N/A')],
  ],
  ABS: [
    ['ABS(2)', {}, 2],
    ['ABS(-2)', {}, 2],
    ['ABS("-2.5")', {}, 2.5],
    ['ABS(a)', { a: -4 }, 4],
    ['ABS(blank)', {}, 0],
  ],
  MOD: [
    ['MOD(3, 2)', {}, 1],
    ['MOD(-3, 2)', {}, 1, 'the result has the sign of the divisor'],
    ['MOD(3, -2)', {}, -1],
    ['MOD(-3, -2)', {}, -1],
    ['MOD(5, 0)', {}, err('#DIV/0!')],
    ['MOD("7", blank)', {}, err('#DIV/0!'), 'an empty divisor is 0'],
  ],
  POWER: [
    ['POWER(5, 2)', {}, 25],
    ['POWER("2", 10)', {}, 1024],
    ['POWER(4, 5 / 4)', {}, 5.65685424949238],
    ['POWER(-8, 1 / 3)', {}, err('#NUM!'), 'no real root'],
    ['POWER(0, 0)', {}, err('#NUM!')],
    ['POWER(0, -1)', {}, err('#DIV/0!')],
  ],
  SQRT: [
    ['SQRT(16)', {}, 4],
    ['SQRT(-16)', {}, err('#NUM!')],
    ['SQRT(ABS(-16))', {}, 4],
    ['SQRT("2.25")', {}, 1.5],
  ],
  CEILING: [
    ['CEILING(2.5, 1)', {}, 3],
    ['CEILING(-2.5, -2)', {}, -4, 'negative number and significance: away from zero'],
    ['CEILING(-2.5, 2)', {}, -2, 'negative number, positive significance: toward zero'],
    ['CEILING(1.5, 0.1)', {}, 1.5],
    ['CEILING(0.234, 0.01)', {}, 0.24],
    ['CEILING(2.5, -2)', {}, err('#NUM!'), 'positive number, negative significance'],
    ['CEILING(7, 0)', {}, 0],
  ],
  FLOOR: [
    ['FLOOR(3.7, 2)', {}, 2],
    ['FLOOR(-2.5, -2)', {}, -2, 'negative number and significance: toward zero'],
    ['FLOOR(-2.5, 2)', {}, -4, 'negative number, positive significance: away from zero'],
    ['FLOOR(2.5, -2)', {}, err('#NUM!')],
    ['FLOOR(1.58, 0.1)', {}, 1.5],
    ['FLOOR(0.234, 0.01)', {}, 0.23],
    ['FLOOR(7, 0)', {}, err('#DIV/0!')],
  ],
};

// Operators are not functions, but share their coercions; these guard the fixes made with POWER.
export const OPERATORS: Row[] = [
  ['"3" + 1', {}, 4, 'numeric text is a number'],
  ['blank + 1', {}, 1],
  ['"abc" + 1', {}, err('#VALUE!')],
  ['-2 ^ 2', {}, 4, 'negation binds before ^'],
  ['0 ^ 0', {}, err('#NUM!')],
  ['0 ^ -1', {}, err('#DIV/0!')],
  ['(-8) ^ (1 / 3)', {}, err('#NUM!')],
  ['"$1,000" * 2', {}, 2000],
  ['NA() = 1', {}, err('#N/A'), 'an error compares to nothing: it propagates'],
];
