// Numbers business users trust: Excel's 15 significant digits, its ROUND / ROUNDDOWN / ROUNDUP
// done on the decimal a person sees (1.005 rounds to 1.01), numbers typed as text, and numbers
// shown with thousands, a currency or as a percent.
import { clean15, formatNumber, parseDecimalText, roundAwayFromZero, roundHalfAwayFromZero, roundTowardZero, toFixedExact } from '../src';

describe('at most 15 significant digits, as Excel shows and compares', () => {
  test.each([
    [0.1 + 0.2, 0.3],
    [1.1 * 3, 3.3],
    [-(0.1 + 0.2), -0.3],
    [100.1 - 100, 0.0999999999999943], // Excel shows 0.0999999999999943 too
    [0.000001 + 0.000002, 0.000003],
    [1.234567890123456e-9, 1.23456789012346e-9], // below 1e-8
    [1234567890123456.5, 1234567890123460], // past 15 digits before the point
    [4432196102141954.5, 4432196102141950], // …divided by 10, not multiplied by 0.1
    [9.118441873990771e-12, 9.11844187399077e-12], // far below 1e-8
    [9446319.032437265, 9446319.03243727], // a tie at the 16th digit rounds up, as typed (the double is a hair below it)
    [123456789012.34567, 123456789012.346],
    [42, 42],
    [Infinity, Infinity],
  ])('%p → %p', (value, expected) => {
    expect(clean15(value)).toBe(expected);
  });

  test('NaN stays NaN', () => {
    expect(clean15(NaN)).toBeNaN();
  });
});

describe("ROUND: half away from zero, on the number as Excel shows it", () => {
  test.each([
    [1.005, 2, 1.01], // 1.00499999999999989… in binary
    [-1.005, 2, -1.01],
    [0.285, 2, 0.29],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [2.4, 0, 2],
    [1234.5, -1, 1230],
    [1250, -2, 1300],
    [1249, -2, 1200],
    [-1250, -2, -1300],
    [699129, -5, 700000], // not 700000.0000000001
    [1234567890123456, -1, 1234567890123460], // a whole number past 15 digits, to tens
    [0.1 + 0.2, 15, 0.3],
    [7, 2, 7],
  ])('ROUND(%p, %p) = %p', (value, digits, expected) => {
    expect(roundHalfAwayFromZero(value, digits)).toBe(expected);
  });

  test.each([
    [1.5, 16, 1.5],
    [2.5, 15, 2.5],
    [123.456, 14, 123.456],
    [-123.456, 14, -123.456],
    [1234567.5, 10, 1234567.5],
    [0.1 + 0.2, 20, 0.3],
    [1.5, 23, 1.5],
    [999999999999999.4, 0, 999999999999999], // 15 digits already: no nudge up to the next
  ])('rounding past the 15th digit leaves the number as Excel shows it: ROUND(%p, %p) = %p', (value, digits, expected) => {
    expect(roundHalfAwayFromZero(value, digits)).toBe(expected);
  });

  test('no digits means to a whole number; a negative number that rounds to nothing is 0, not -0', () => {
    expect(roundHalfAwayFromZero(2.5)).toBe(3);
    expect(roundHalfAwayFromZero(-0.4)).toBe(0);
    expect(roundHalfAwayFromZero(-0.004, 2)).toBe(0);
  });

  test('what is no number stays as it is', () => {
    expect(roundHalfAwayFromZero(Infinity, 2)).toBe(Infinity);
    expect(roundHalfAwayFromZero(-Infinity)).toBe(-Infinity);
    expect(roundHalfAwayFromZero(NaN, 2)).toBeNaN();
  });
});

describe('ROUNDDOWN toward zero and ROUNDUP away from it, on the 15-digit number', () => {
  test.each([
    [1.999, 2, 1.99, 2],
    [-1.999, 2, -1.99, -2],
    [1.001, 2, 1, 1.01],
    [-1.001, 2, -1, -1.01],
    [0.1 + 0.2, 1, 0.3, 0.3], // 0.30000000000000004 is 0.3 to Excel
    [1234, -2, 1200, 1300],
    [-1234, -2, -1200, -1300],
    [5, 0, 5, 5],
    [0.29, 2, 0.29, 0.29], // 0.29 × 100 is 28.999999999999996 in binary
    [1.1, 2, 1.1, 1.1], // 1.1 × 100 is 110.00000000000001
  ])('%p to %p digits: down %p, up %p', (value, digits, down, up) => {
    expect(roundTowardZero(value, digits)).toBe(down);
    expect(roundAwayFromZero(value, digits)).toBe(up);
  });

  test('no digits means to a whole number; nothing left of a negative number is 0, not -0', () => {
    expect(roundTowardZero(3.7)).toBe(3);
    expect(roundAwayFromZero(3.2)).toBe(4);
    expect(roundTowardZero(-0.5)).toBe(0);
    expect(roundAwayFromZero(-0)).toBe(0);
    expect(roundAwayFromZero(-0.0001, 2)).toBe(-0.01);
  });
});

describe('a number typed or pasted as text', () => {
  test.each([
    ['¥1,234.50', 1234.5],
    ['￥ 1，234', 1234],
    ['$ 99', 99],
    ['€5', 5],
    ['£5', 5],
    [' 12 ', 12],
    ['-1.5e3', -1500],
    ['1E3', 1000],
    ['2.5e-1', 0.25],
    ['+.5', 0.5],
    ['.25', 0.25], // more than one digit after a bare point
    ['1.5e12', 1500000000000], // an exponent of two digits
    ['5.', 5],
    ['0', 0],
  ])('%p is %p', (text, expected) => {
    expect(parseDecimalText(text)).toBe(expected);
  });

  test.each([[''], ['   '], [' ，, ']])('%p is blank: null', (text) => {
    expect(parseDecimalText(text)).toBeNull();
  });

  test.each([['-'], ['1e'], ['abc'], ['1.2.3'], ['.'], ['1e999'], ['12kg'], ['x12'], ['0x10'], ['0b101']])('%p is no number (yet): undefined', (text) => {
    expect(parseDecimalText(text)).toBeUndefined();
  });
});

describe('fixed decimals, rounded as Excel rounds', () => {
  test.each([
    [1.005, 2, '1.01'],
    [-1.005, 2, '-1.01'],
    [2.5, 0, '3'],
    [0.1 + 0.2, 3, '0.300'],
    [1234.5, 1, '1234.5'],
  ])('%p to %p decimals is %p', (value, digits, expected) => {
    expect(toFixedExact(value, digits)).toBe(expected);
  });

  test('past 100 decimals the rest are zeros, as Excel shows them', () => {
    expect(toFixedExact(1.5, 100)).toBe(`1.5${'0'.repeat(99)}`);
    expect(toFixedExact(1.5, 103)).toBe(`1.5${'0'.repeat(102)}`);
  });
});

describe('a number as a person reads it', () => {
  test.each([
    [1234567.891, {}, '1,234,567.891'],
    [1234567.891, { thousands: false }, '1234567.891'],
    [1234567.891, { thousands: true, precision: 2 }, '1,234,567.89'],
    [-1234567.5, { precision: 0 }, '-1,234,568'],
    [999, {}, '999'],
    [1000, {}, '1,000'],
    [123456, {}, '123,456'],
    [0.1 + 0.2, {}, '0.3'],
    [0.956, { percent: true, precision: 1 }, '95.6%'],
    [0.07, { percent: true }, '7%'],
    [1.005, { precision: 2 }, '1.01'],
    [1234567.5, { precision: 10 }, '1,234,567.5000000000'],
    [12, { currency: 'CNY', precision: 2 }, '¥12.00'],
    [1234.5, { currency: 'USD', precision: 2 }, '$1,234.50'],
    [12, { currency: 'EUR' }, '€12'],
    [1200, { currency: 'JPY' }, '¥1,200'],
    [12, { currency: 'GBP' }, '£12'],
    [12, { currency: 'HKD' }, 'HK$12'],
    [12, { currency: 'CHF', precision: 2 }, 'CHF 12.00'],
    [12, { currency: '' }, '12'],
  ])('%p with %p is %p', (value, opts, expected) => {
    expect(formatNumber(value, opts)).toBe(expected);
  });

  test.each([[null], [undefined], [NaN], [Infinity], [-Infinity]])('%p shows as nothing', (value) => {
    expect(formatNumber(value)).toBe('');
    expect(formatNumber(value, { currency: 'CNY', percent: true })).toBe('');
  });
});
