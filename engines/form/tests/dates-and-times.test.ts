// Dates as business users mean them (docs/forms.md): a date is the text 'YYYY-MM-DD' and never
// shifts; a datetime is stored as its UTC instant and read on the tenant's wall clock; formulas
// count days from 1970-01-01, as Excel counts them from 1900.
import {
  addDays, DEFAULT_TIME_ZONE, datetimesToUtc, dayNumber, diffDays, formatDatetime, fromDayNumber, isDateOnly, isIsoDatetime,
  localSerial, parseInstant, serialToIso, todayIn, zonedParts, type Field,
} from '../src';

/** A wall-clock time as a day number with a fraction, worked out without any time zone. */
const wall = (text: string) => Date.parse(`${text}Z`) / 86_400_000;

describe('a date is a day that exists, written YYYY-MM-DD', () => {
  test.each([
    ['2026-11-20', true],
    ['2028-02-29', true], // a leap year
    ['2026-02-28', true],
    ['2026-02-29', false], // not a leap year: never rolled over into March
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-11-00', false],
    ['2026-1-05', false],
    [' 2026-11-20', false],
    ['2026-11-20T00:00:00Z', false],
    [20261120, false],
    [['2026-11-20'], false], // reads as that text, but is no text
    [null, false],
  ])('%p → %p', (value, expected) => {
    expect(isDateOnly(value)).toBe(expected);
  });
});

describe('an ISO datetime, as formulas read one', () => {
  test.each([
    ['2026-11-20T08:30Z', true],
    ['2026-11-20T08:30:15Z', true],
    ['2026-11-20T08:30:15.5Z', true],
    ['2026-11-20T08:30:15.123+08:00', true],
    ['2026-11-20T08:30:15-05:30', true],
    ['2026-11-20T08:30:15.1234Z', false], // at most milliseconds
    ['2026-11-20T08:30:15', false], // no zone: no instant
    ['2026-11-20 08:30:15Z', false],
    ['2026-13-20T08:30:15Z', false], // no such month
    ['2026-11-20', false],
    ['x2026-11-20T08:30Z', false],
    ['2026-11-20T08:30Zx', false],
    ['+012026-11-20T08:30:00Z', false], // a six-digit year
    [['2026-11-20T08:30Z'], false],
    [1763627400000, false],
  ])('%p → %p', (value, expected) => {
    expect(isIsoDatetime(value)).toBe(expected);
  });
});

describe('parseInstant: the one reading of a datetime, as its UTC instant', () => {
  test.each([
    ['2026-03-02T00:30:00+08:00', '2026-03-01T16:30:00.000Z'], // the example in its comment
    ['2026-03-02T00:30:00+0800', '2026-03-01T16:30:00.000Z'],
    ['2026-03-02T00:30:00+08', '2026-03-01T16:30:00.000Z'],
    ['2026-03-01T20:00:00-05:30', '2026-03-02T01:30:00.000Z'],
    ['2026-03-02T00:30:00Z', '2026-03-02T00:30:00.000Z'],
    ['2026-03-02t00:30:00z', '2026-03-02T00:30:00.000Z'],
    ['2026-03-02 00:30:00Z', '2026-03-02T00:30:00.000Z'],
    ['2026-03-02T00:30:00.5Z', '2026-03-02T00:30:00.500Z'],
    ['2026-03-02T00:30:00.123456Z', '2026-03-02T00:30:00.123Z'],
    ['2026-03-02T23:59:59Z', '2026-03-02T23:59:59.000Z'], // the last second of a day
    ['2026-03-02T00:00:00+23:59', '2026-03-01T00:01:00.000Z'], // the largest offset
    ['2026-03-02T00:00:00-23:00', '2026-03-02T23:00:00.000Z'],
    ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
  ])('%p → %p', (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });

  test.each([
    ['2026-02-29T08:00:00Z', 'a day that does not exist'],
    ['2026-03-02T24:00:00Z', 'hour 24'],
    ['2026-03-02T23:60:00Z', 'minute 60'],
    ['2026-03-02T23:59:60Z', 'a leap second'],
    ['2026-03-02T00:30:00+24:00', 'an offset of 24 hours'],
    ['2026-03-02T00:30:00+08:60', 'an offset of 60 minutes'],
    ['2026-03-02T00:30Z', 'no seconds'],
    ['2026-03-02T00:30:00', 'no zone'],
    ['2026-03-02T00:30:00+8:00', 'a one-digit offset'],
    ['2026-03-02', 'a date alone'],
    ['x2026-03-02T00:30:00Z', 'text before it'],
    ['2026-03-02T00:30:00Z ', 'text after it'],
    ['9999-12-31T23:00:00-05:00', 'an instant past year 9999'],
  ])('%p names no instant (%s)', (text) => {
    expect(parseInstant(text)).toBeNull();
  });

  test('a value that is not text names no instant', () => {
    expect(parseInstant(1772411400000)).toBeNull();
    expect(parseInstant(new Date('2026-03-02T00:30:00Z'))).toBeNull();
    expect(parseInstant(undefined)).toBeNull();
  });

  test("the server's own time zone changes no reading", () => {
    // jest.config.cjs runs every test in Los Angeles: neither UTC nor a tenant's default zone.
    expect(new Date(2026, 2, 2).getTimezoneOffset()).toBe(480);
    expect(['2026-03-02T00:30:00Z', '2026-03-02t00:30:00z', '2026-03-02 00:30:00+08:00', '2026-03-02T00:30:00.5-05:30'].map(parseInstant)).toEqual([
      '2026-03-02T00:30:00.000Z', '2026-03-02T00:30:00.000Z', '2026-03-01T16:30:00.000Z', '2026-03-02T06:00:00.500Z',
    ]);
  });
});

describe("a record's datetimes as their UTC instants", () => {
  const fields = [
    { id: 'at', type: 'datetime', label: '检验时间' },
    { id: 'day', type: 'date', label: '到货日期' },
    { id: 'note', type: 'text', label: '备注' },
    { id: 'sec', type: 'section', label: '复检', fields: [{ id: 'again', type: 'datetime', label: '复检时间' }] },
    { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'when', type: 'datetime', label: '时间' }, { id: 'what', type: 'text', label: '内容' }] },
  ] as Field[];

  test('rewrites datetimes, in sections and subform rows too, and nothing else', () => {
    const values = {
      at: '2026-03-02T00:30:00+08:00', day: '2026-03-02', note: '2026-03-02T00:30:00+08:00', again: '2026-03-02 09:00:00Z',
      lines: [{ when: '2026-03-02T08:00:00+08:00', what: '2026-03-02T08:00:00+08:00' }, { when: '2026-03-02T01:00:00.000Z' }, null, ['x'], 'row'],
    };
    const before = structuredClone(values);
    const out = datetimesToUtc(fields, values);
    expect(out).toEqual({
      at: '2026-03-01T16:30:00.000Z', day: '2026-03-02', note: '2026-03-02T00:30:00+08:00', again: '2026-03-02T09:00:00.000Z',
      lines: [{ when: '2026-03-02T00:00:00.000Z', what: '2026-03-02T08:00:00+08:00' }, { when: '2026-03-02T01:00:00.000Z' }, null, ['x'], 'row'],
    });
    expect(values).toEqual(before); // the values given are left as they were
    expect((out.lines as unknown[])[1]).toBe(values.lines[1]); // a row with nothing to change is the same row
  });

  test('returns the same object when every datetime is already an instant or names none', () => {
    const values = { at: '2026-03-01T16:30:00.000Z', again: '昨天', lines: [{ when: '2026-03-02T01:00:00.000Z' }, null] };
    expect(datetimesToUtc(fields, values)).toBe(values);
    const noRows = { lines: 'not rows' };
    expect(datetimesToUtc(fields, noRows)).toBe(noRows);
  });

  test('a row that is a list is left as it is, even where a field id reads as its index', () => {
    const listRows = [{ id: 'lines', type: 'subform', label: '明细', fields: [{ id: '0', type: 'datetime', label: '时间' }] }] as Field[];
    const values = { lines: [['2026-03-02T00:30:00+08:00']] };
    expect(datetimesToUtc(listRows, values)).toBe(values);
  });

  test('a subform whose rows all stay as they were is the same list', () => {
    const values = { at: '2026-03-02T00:30:00+08:00', lines: [{ when: '2026-03-02T01:00:00.000Z' }] };
    const out = datetimesToUtc(fields, values);
    expect(out).toEqual({ at: '2026-03-01T16:30:00.000Z', lines: [{ when: '2026-03-02T01:00:00.000Z' }] });
    expect(out.lines).toBe(values.lines);
  });
});

describe('day numbers count days from 1970-01-01', () => {
  test.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2026-11-20', 20_777],
    ['2000-03-01', 11_017],
  ])('%s is day %d, and back', (date, n) => {
    expect(dayNumber(date)).toBe(n);
    expect(fromDayNumber(n)).toBe(date);
  });

  test('a day number with a time of day is that day', () => {
    expect(fromDayNumber(20_777.999)).toBe('2026-11-20');
    expect(fromDayNumber(-0.25)).toBe('1969-12-31');
  });

  test('adding days runs across months, leap days and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-20', 0)).toBe('2026-11-20');
  });

  test('the days between two dates: later minus earlier, negative the other way round', () => {
    expect(diffDays('2026-01-01', '2026-12-31')).toBe(364);
    expect(diffDays('2028-01-01', '2028-12-31')).toBe(365);
    expect(diffDays('2026-12-31', '2026-01-01')).toBe(-364);
    expect(diffDays('2026-11-20', '2026-11-20')).toBe(0);
  });
});

describe("the tenant's wall clock", () => {
  test('the default time zone is Shanghai', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Shanghai');
  });

  test('the parts of an instant in a zone, midnight as hour 0', () => {
    expect(zonedParts(new Date('2026-03-04T16:02:03Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 3, day: 5, hour: 0, minute: 2, second: 3 });
    expect(zonedParts(new Date('2026-03-04T16:02:03Z'), 'America/Los_Angeles')).toEqual({ year: 2026, month: 3, day: 4, hour: 8, minute: 2, second: 3 });
  });

  test("today is the day in the tenant's zone, not in UTC", () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(todayIn('Asia/Shanghai', new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
    expect(todayIn('America/Los_Angeles', new Date('2026-03-05T07:00:00Z'))).toBe('2026-03-04');
    expect(todayIn('UTC', new Date('2026-03-05T07:00:00Z'))).toBe('2026-03-05');
  });

  test('a local serial is the day number of the wall-clock day, with the time as a fraction', () => {
    expect(localSerial(new Date('2026-11-22T00:30:05Z'), 'Asia/Shanghai')).toBe(wall('2026-11-22T08:30:05'));
    expect(localSerial(new Date('2026-11-22T00:30:05Z'), 'America/Los_Angeles')).toBe(wall('2026-11-21T16:30:05'));
    expect(localSerial(new Date('2026-11-22T00:30:05Z'), 'UTC')).toBe(wall('2026-11-22T00:30:05'));
  });

  test('a local serial back to its UTC instant', () => {
    expect(serialToIso(wall('2026-11-22T08:30:05'), 'Asia/Shanghai')).toBe('2026-11-22T00:30:05.000Z');
    expect(serialToIso(wall('2026-11-22T00:00:00'), 'Asia/Shanghai')).toBe('2026-11-21T16:00:00.000Z');
    expect(serialToIso(wall('2026-11-21T16:30:05'), 'America/Los_Angeles')).toBe('2026-11-22T00:30:05.000Z');
    expect(serialToIso(wall('2026-11-22T00:30:05'), 'UTC')).toBe('2026-11-22T00:30:05.000Z');
  });

  test('a fraction of a second is kept as it is, not counted twice', () => {
    expect(serialToIso(wall('2026-11-22T08:30:00.600'), 'Asia/Shanghai')).toBe('2026-11-22T00:30:00.600Z');
    expect(serialToIso(wall('1969-12-31T20:00:00.250'), 'America/New_York')).toBe('1970-01-01T01:00:00.250Z');
  });

  test.each([
    // Los Angeles moves from 02:00 PST to 03:00 PDT on 2026-03-08 (10:00 UTC), back on 2026-11-01 (09:00 UTC).
    ['2026-03-08T01:30:00', 'America/Los_Angeles', '2026-03-08T09:30:00.000Z'],
    ['2026-03-08T03:30:00', 'America/Los_Angeles', '2026-03-08T10:30:00.000Z'],
    ['2026-03-08T09:59:00', 'America/Los_Angeles', '2026-03-08T16:59:00.000Z'],
    ['2026-03-09T03:30:00', 'America/Los_Angeles', '2026-03-09T10:30:00.000Z'],
    ['2026-11-01T03:00:00', 'America/Los_Angeles', '2026-11-01T11:00:00.000Z'],
    // Berlin moves from 02:00 CET to 03:00 CEST on 2026-03-29 (01:00 UTC), back on 2026-10-25 (01:00 UTC).
    ['2026-03-29T01:30:00', 'Europe/Berlin', '2026-03-29T00:30:00.000Z'],
    ['2026-03-29T03:30:00', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
    ['2026-10-25T00:30:00', 'Europe/Berlin', '2026-10-24T22:30:00.000Z'],
    ['2026-10-25T03:30:00', 'Europe/Berlin', '2026-10-25T02:30:00.000Z'],
  ])('on a day the clocks change, %s in %s is %s', (local, zone, expected) => {
    expect(serialToIso(wall(local), zone)).toBe(expected);
  });

  test('a wall time the clocks skip is read as that long after the change (02:30 → 03:30)', () => {
    expect(serialToIso(wall('2026-03-08T02:30:00'), 'America/Los_Angeles')).toBe('2026-03-08T10:30:00.000Z');
    expect(serialToIso(wall('2026-03-29T02:30:00'), 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
  });

  test('a wall time the clocks pass twice is read as the first of the two', () => {
    expect(serialToIso(wall('2026-11-01T01:30:00'), 'America/Los_Angeles')).toBe('2026-11-01T08:30:00.000Z'); // PDT, not PST
    expect(serialToIso(wall('2026-10-25T02:30:00'), 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z'); // CEST, not CET
  });

  test('a datetime shown on the wall clock: minutes by default, seconds when asked', () => {
    expect(formatDatetime('2026-11-22T00:30:05Z')).toBe('2026-11-22 08:30'); // Shanghai unless told
    expect(formatDatetime('2026-11-22T00:30:05Z', 'Asia/Shanghai', true)).toBe('2026-11-22 08:30:05');
    expect(formatDatetime('2026-11-22T00:30:05Z', 'America/Los_Angeles')).toBe('2026-11-21 16:30');
    expect(formatDatetime('2026-03-04T16:02:03Z', 'Asia/Shanghai', true)).toBe('2026-03-05 00:02:03');
    expect(formatDatetime('2026-03-04T01:02:03Z', 'UTC', false)).toBe('2026-03-04 01:02');
  });
});
