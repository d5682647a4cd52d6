// Where Tessera deliberately differs from Excel (docs/formulas.md, "与 Excel 的差异"): each line
// runs Tessera's result; Excel's is written down by hand, since no Excel runs here.
import { err, run, type Data } from './excel/cases';

const DIFFERENCES: Array<[string, Data, unknown, unknown, string]> = [
  ['DATE(2026, 1, 1) * 1', {}, 20454, 46023, 'a date as a number counts days from 1970-01-01, not from 1900'],
  ['YEAR(blank)', {}, 1970, 1900, 'day 0 is 1970-01-01'],
  ['ISBLANK("")', {}, true, false, 'an empty text is a blank field'],
  ['"" + 1', {}, 1, err('#VALUE!'), 'an empty text is a blank field, so 0'],
  ['AND(TRUE, blank)', {}, false, true, 'an empty field is FALSE (an unticked box); Excel skips an empty cell'],
  ['blank', {}, null, 0, 'a formula that only reads an empty field stays empty'],
  ['LEN("😀")', {}, 1, 2, 'characters are counted, not UTF-16 units'],
  ['TRIM("　供应商　")', {}, '供应商', '　供应商　', 'full-width spaces at the ends are trimmed too'],
  ['"到货：" & DATE(2026, 1, 1)', {}, '到货：2026-01-01', '到货：46023', 'a date joins as YYYY-MM-DD, not as its serial number'],
  ['CEILING(2.5)', {}, 3, 'too few arguments', 'the significance may be left out (1); Excel refuses the formula'],
  ['ROUND(2.5)', {}, 3, 'too few arguments', 'the decimals may be left out (0); Excel refuses the formula'],
  ['DATEDIF(DATE(2026, 1, 1), DATE(2026, 3, 1))', {}, 59, 'too few arguments', 'the unit may be left out ("d", days); Excel refuses the formula'],
];

test.each(DIFFERENCES)('documented difference: %s', (formula, data, ours) => {
  expect(run(formula, data)).toEqual(ours);
});

test('every documented difference is one: Tessera\'s result is not Excel\'s', () => {
  expect(DIFFERENCES.filter(([, , ours, excel]) => JSON.stringify(ours) === JSON.stringify(excel))).toEqual([]);
});
