// TEXT's format codes against Excel's documented results ("Number format codes" and "Review
// guidelines for customizing a number format" in Microsoft's Excel help): quoted text and \x,
// sections, digit placeholders, thousands scaling, and the date and time codes. Each row is
// [formula, data, Excel's result]; times are read in UTC so that the expected clock is the data's.
import { run, type Data } from './excel/cases';

/** A datetime field at this UTC instant, read in UTC. */
const at = (iso: string): Data => ({ dt: `2026-03-05T${iso}Z`, $tz: 'UTC' });

const ROWS: Array<[formula: string, data: Data, expected: string]> = [
  // Literal text: "…" and \x show as written, and their letters are not codes.
  ['TEXT(5, "0"" days""")', {}, '5 days'],
  ['TEXT(3, """共""0""件""")', {}, '共3件'],
  ['TEXT(2.5, "0.0\\h")', {}, '2.5h'],
  ['TEXT(-5, "0"" pcs; net""")', {}, '-5 pcs; net'],

  // Sections: positive;negative;zero.
  ['TEXT(0, "#,##0;-#,##0;--")', {}, '--'],
  ['TEXT(5, "#,##0;-#,##0;--")', {}, '5'],
  ['TEXT(0, "#,##0;(#,##0)")', {}, '0'],
  // An empty section shows nothing ("0;-0;" is the documented way to hide zeros); so does an empty format.
  ['TEXT(0, "0;-0;")', {}, ''],
  ['TEXT(-5, "0;-0;")', {}, '-5'],
  ['TEXT(5, "")', {}, ''],
  // A section with no digit placeholder shows only its text (as the words of `"Yes";"No"` do).
  ['TEXT(5, "--")', {}, '--'],
  ['TEXT(-5, "0;""欠""")', {}, '欠'],

  // Digit placeholders, the decimal point and thousands.
  ['TEXT(0.5, ".000")', {}, '.500'],
  ['TEXT(0.5, "#.00")', {}, '.50'],
  ['TEXT(1234.5, "#,###.##")', {}, '1,234.5'],
  ['TEXT(2, "0.##")', {}, '2.'],
  ['TEXT(2, "0.")', {}, '2.'], // the point shows even with no decimal places after it
  ['TEXT(1.5, "0.##")', {}, '1.5'],
  ['TEXT(1.05, "0.##")', {}, '1.05'],
  ['TEXT(1.25, "0.###")', {}, '1.25'],
  ['TEXT(1234567, "0")', {}, '1234567'],
  ['TEXT(12200000, "0.0,,")', {}, '12.2'],
  // ? is a digit's place held by a space where there is no digit.
  ['TEXT(5, "??")', {}, ' 5'],
  ['TEXT(1.5, "0.??")', {}, '1.5 '],
  ['TEXT(1.25, "???.0?")', {}, '  1.25'],
  // Groups of placeholders with text between them share the digits, filled from the right; the
  // first group takes what is left over.
  ['TEXT(1234567, "###-####")', {}, '123-4567'],
  ['TEXT(5551234567, "(###) ###-####")', {}, '(555) 123-4567'],
  ['TEXT(123456789, "###-####")', {}, '12345-6789'],
  ['TEXT(12, "000-0000")', {}, '000-0012'],
  ['TEXT(0, "000-0000")', {}, '000-0000'],
  ['TEXT(0, "###-####")', {}, '-'], // # shows no digit for a zero
  ['TEXT(12, "###-####")', {}, '-12'],
  ['TEXT(-1234567, "###-####")', {}, '-123-4567'],
  ['TEXT(12, "??-??")', {}, '  -12'],
  ['TEXT(0.125, "0-00%")', {}, '0-13%'],

  // Dates: years, months, weekdays.
  ['TEXT(DATE(2005, 3, 5), "dd/mm/yy")', {}, '05/03/05'],
  ['TEXT(DATE(2026, 9, 5), "mmmmm")', {}, 'S'],
  ['TEXT(DATE(2026, 9, 5), "mmmm")', {}, 'September'],
  ['TEXT(DATE(2026, 9, 5), "mmm")', {}, 'Sep'],
  ['TEXT(DATE(2026, 3, 5), "ddd")', {}, 'Thu'],
  ['TEXT(DATE(2026, 3, 5), "aaa")', {}, '四'],
  ['TEXT(备注, "yyyy年m月d日")', { txt: ' 2026-03-05 ' }, '2026年3月5日'],

  // Times: hours, minutes (m after h or before s), seconds, 12-hour clocks.
  ['TEXT(检验时间, "hh:mm:ss")', at('14:05:09'), '14:05:09'],
  ['TEXT(检验时间, "h:m:s")', at('14:05:09'), '14:5:9'],
  ['TEXT(检验时间, "mm:ss")', at('14:05:09'), '05:09'],
  ['TEXT(检验时间, "h:mm")', at('09:05:30'), '9:05'],
  ['TEXT(DATE(2026, 3, 5) + 0.999999, "yyyy-mm-dd hh:mm:ss")', {}, '2026-03-06 00:00:00'], // to the second, into the next day
  ['TEXT(检验时间, "h:mm AM/PM")', at('14:05:00'), '2:05 PM'],
  ['TEXT(检验时间, "h:mm AM/PM")', at('09:05:00'), '9:05 AM'],
  ['TEXT(检验时间, "h:mm AM/PM")', at('12:00:00'), '12:00 PM'],
  ['TEXT(检验时间, "h:mm AM/PM")', at('00:30:00'), '12:30 AM'],
  ['TEXT(检验时间, "h AM/PM")', at('14:05:00'), '2 PM'],
  ['TEXT(检验时间, "h:mm A/P")', at('14:05:00'), '2:05 P'],
  ['TEXT(检验时间, "h:mm A/P")', at('09:05:00'), '9:05 A'],
  ['TEXT(检验时间, "h:mm A/P")', at('12:00:00'), '12:00 P'],
  // am/pm and a/p show in the case they are written.
  ['TEXT(检验时间, "h:mm a/p")', at('14:05:00'), '2:05 p'],
  ['TEXT(检验时间, "h:mm am/pm")', at('09:05:00'), '9:05 am'],
];

test.each(ROWS)('%s', (formula, data, expected) => {
  expect(run(formula, data)).toEqual(expected);
});

// Formats Excel's Format Cells dialog would refuse, which Excel's help does not answer for TEXT:
// Tessera's reading, so that an analyst's typo shows as text and never hangs or drops it.
const LENIENT: Array<[formula: string, expected: string]> = [
  ['TEXT(5, "0"" days")', '5 days'], // a quote left open: the rest is text
  ['TEXT(5, """共")', '共'],
  ['TEXT(5, "0\\")', '5\\'], // a backslash at the end shows itself
  ['TEXT(12.5, " General ")', '12.5'], // spaces around General, as a pasted format has them
];

test.each(LENIENT)('not in Excel\'s help, read leniently: %s', (formula, expected) => {
  expect(run(formula, {})).toEqual(expected);
});
