// Excel's coercions and comparison (formula/values.ts) seen through formulas: text read as a
// number, text and dates read as TRUE/FALSE, blanks against each type, 15-digit equality, and
// the 32,767-character limit counted in characters (a surrogate pair is one, docs/formulas.md).
import { err, run, type Data } from './excel/cases';

type Case = [formula: string, data: Data, expected: unknown, why: string];

/** Rows enough that their text, joined, would pass the longest string JavaScript can hold (2^29 − 24 units). */
const manyRows = (row: Data): Data => ({ lines: Array<Data>(16400).fill(row) });

const NUMBERS_FROM_TEXT: Case[] = [
  ['" 12 " + 1', {}, 13, 'spaces around a number are ignored'],
  ['"-$5" + 0', {}, -5, 'a sign before the currency symbol stays'],
  ['"+$5" + 0', {}, 5, 'a plus sign before the currency symbol'],
  ['"5$" + 0', {}, err('#VALUE!'), 'a currency symbol only counts in front'],
  ['".5" * 2', {}, 1, 'a number may start at the decimal point'],
  ['".25" * 4', {}, 1, 'several digits after a leading point'],
  ['"1e3" + 0', {}, 1000, 'an exponent needs no sign'],
  ['"1e999" + 0', {}, err('#VALUE!'), 'past the largest number there is no number'],
  ['VALUE("-1e999")', {}, err('#VALUE!'), 'nor below the smallest'],
  ['REPT("", "1e999")', {}, err('#VALUE!'), 'a count past the largest number'],
  ['LEFT("abc", "1e999")', {}, err('#VALUE!'), 'a length past the largest number'],
  ['"12:00" + 0', {}, 0.5, 'hours and minutes are a fraction of a day'],
  ['"6:00" * 4', {}, 1, 'a one-digit hour'],
  ['ROUND("0:01:30" * 86400, 6)', {}, 90, 'seconds count'],
  ['ROUND("0:00:01.25" * 86400, 6)', {}, 1.25, 'fractions of a second'],
  ['"x1:30" + 0', {}, err('#VALUE!'), 'text before a time'],
  ['"1:30x" + 0', {}, err('#VALUE!'), 'text after a time'],
  ['"1:60" + 0', {}, err('#VALUE!'), 'minutes stop at 59'],
  ['"1:00:60" + 0', {}, err('#VALUE!'), 'seconds stop at 59'],
  ['"0:00:75" + 0', {}, err('#VALUE!'), 'seconds over 59 in a time with seconds'],
  ['A + 1', {}, 1, 'a field missing from the record is blank'],
  ['A + 1', { a: '' }, 1, 'an empty text is a blank field'],
  ['ROUND(Note, 0)', { txt: '' }, 0, 'an empty text field is 0 in a function of numbers'],
  ['Lines.Qty * 2', { lines: [{ qty: 2 }] }, 4, 'a column of one row is its value'],
  ['Lines.Qty * 2', { lines: [{ qty: 2 }, { qty: 3 }] }, err('#VALUE!'), 'a column of several rows is no single number'],
  ['Lines.Qty * 2', { lines: [] }, err('#VALUE!'), 'nor is an empty column'],
  ['Lines.Qty = 2', { lines: [{ qty: 2 }] }, true, 'compared, a column of one row is its value too'],
  ['Lines.Qty = 99', { lines: [{ qty: 2 }, { qty: 3 }] }, err('#VALUE!'), 'a column of several rows equals no number'],
  ['Lines.Qty <> 99', { lines: [{ qty: 2 }, { qty: 3 }] }, err('#VALUE!'), 'nor differs from one'],
  ['Lines.Qty < 1', { lines: [] }, err('#VALUE!'), 'an empty column is below nothing'],
  ['5 >= Lines.Qty', { lines: [{ qty: 2 }, { qty: 3 }] }, err('#VALUE!'), 'on either side'],
  ['IF(Lines.Checked, "y", "n")', { lines: [{ ok: true }] }, 'y', 'a switch column of one row is its value'],
  ['IF(Lines.Checked, "y", "n")', { lines: [{ ok: false }, { ok: true }] }, err('#VALUE!'), 'of two rows it is no single truth value'],
];

const TRUTH_FROM_VALUES: Case[] = [
  ['IF("true", "y", "n")', {}, 'y', 'text TRUE in any case'],
  ['IF("TRUE", "y", "n")', {}, 'y', 'text TRUE'],
  ['IF("False", "y", "n")', {}, 'n', 'text FALSE in any case'],
  ['NOT("FALSE")', {}, true, 'text FALSE'],
  ['IF("yes", "y", "n")', {}, err('#VALUE!'), 'other text is no truth value'],
  ['IF(Note, "y", "n")', { txt: '' }, 'n', 'an empty text field is FALSE'],
  ['IF(Note, "y", "n")', {}, 'n', 'a field missing from the record is FALSE'],
  ['IF(DATE(2026, 1, 1), "y", "n")', {}, 'y', 'a date is a nonzero number'],
  ['IF(DATE(1970, 1, 1), "y", "n")', {}, 'n', 'day 0 is 1970-01-01 (docs: deliberate difference), so FALSE'],
];

const COMPARISONS: Case[] = [
  ['1 < "a"', {}, true, 'numbers sort before text'],
  ['"a" > 1', {}, true, 'text sorts after numbers'],
  ['Blank = FALSE', {}, true, 'a blank equals FALSE'],
  ['FALSE = Blank', {}, true, 'FALSE equals a blank'],
  ['TRUE = Blank', {}, false, 'TRUE is not a blank'],
  ['Blank < "a"', {}, true, 'a blank is an empty text before a text'],
  ['Blank = ""', {}, true, 'a blank equals the empty text'],
  ['"a" > Blank', {}, true, 'a text is after a blank'],
  ['5 > Blank', {}, true, 'a blank is 0 against a number'],
  ['0 = Blank', {}, true, 'a blank equals 0'],
  ['A = 0.3', { a: 0.30000000000000004 }, true, 'numbers equal to 15 digits are equal'],
  ['A = 1000000', { a: 1000000.0000000001 }, true, 'equal to 15 digits at a larger magnitude'],
  ['A <> 0.3', { a: 0.30000000000000004 }, false, 'and so not different'],
  ['1.00000000000001 < 1.00000000000002', {}, true, 'numbers that differ at the 15th digit'],
  ['1.00000000000002 > 1.00000000000001', {}, true, 'numbers that differ at the 15th digit, reversed'],
  ['1.00000000000002 = 1.00000000000001', {}, false, 'they are not equal'],
];

const TEXT_LIMIT: Case[] = [
  ['LEN(CONCAT(REPT("😀", 32767)))', {}, 32767, '32,767 characters fit, though they are 65,534 UTF-16 units'],
  ['LEN(UPPER(REPT("😀", 32766) & "a"))', {}, 32767, 'one character short of the limit plus one'],
  ['CONCAT(REPT("😀", 32767), "a")', {}, err('#VALUE!'), 'one character past the limit'],
  ['LEN(REPT("𐀀", 32767))', {}, 32767, 'U+10000, the first pair (D800 DC00), is one character'],
  ['LEN(REPT("𐏿", 32767))', {}, 32767, 'U+103FF (D800 DFFF) is one character'],
  ['LEN(REPT("\u{10FC00}", 32767))', {}, 32767, 'U+10FC00 (DBFF DC00) is one character'],
  ['LEN(TEXTJOIN("😀", FALSE, REPT("😀", 16383), REPT("😀", 16383)))', {}, 32767, 'the delimiter counts once between two texts'],
  ['REPT(Note, 16384)', { txt: '\ud83d\uff01' }, err('#VALUE!'), 'a lone high surrogate before U+FF01 is two characters'],
  ['REPT(Note, 16384)', { txt: '\ud83da' }, err('#VALUE!'), 'a lone high surrogate before a letter is two characters'],
  ['REPT(Note, 16384)', { txt: 'a\udc00' }, err('#VALUE!'), 'a lone low surrogate is a character of its own'],
  ['REPT(Note, 16384)', { txt: '\udc00\udc00' }, err('#VALUE!'), 'two low surrogates are two characters'],
  ['TEXTJOIN(REPT("-", 32767), FALSE, Lines.Item)', manyRows({}), err('#VALUE!'), 'a long delimiter between blanks is counted before joining'],
  ['CONCAT(Lines.Item)', manyRows({ name: 'x'.repeat(32767) }), err('#VALUE!'), 'long texts are counted before joining'],
];

describe.each([
  ['numbers from text', NUMBERS_FROM_TEXT],
  ['truth values', TRUTH_FROM_VALUES],
  ['comparison', COMPARISONS],
  ['text limit', TEXT_LIMIT],
])('values: %s', (_group, cases) => {
  test.each(cases)('%s', (formula, data, expected) => {
    expect(run(formula, data)).toEqual(expected);
  });
});

test('TRUE and FALSE join as text', () => {
  expect(run('"Passed: " & TRUE & ", " & FALSE', {})).toEqual('Passed: TRUE, FALSE');
});
