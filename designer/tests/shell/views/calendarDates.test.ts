// The calendar's days and moves in the tenant's zone: the grid a month shows, a week's first day
// by locale, the day a datetime near midnight falls on, and what a move or a Gantt drag writes.
import {
  addMonths, dayOf, minutesOf, monthWeeks, serialOf, shiftDays, startOfWeek, step, valueOnDay, visibleRange, weekday, weekStart,
} from '../../../src/shell/views/calendarDates';

const SH = 'Asia/Shanghai';

describe('calendar days', () => {
  test('a week starts on Monday in zh-CN and on Sunday in en-US', () => {
    expect(weekStart('zh-CN')).toBe(1);
    expect(weekStart('en-US')).toBe(0);
    expect(weekday('2026-03-09')).toBe(1); // a Monday
    expect(startOfWeek('2026-03-15', 1)).toBe('2026-03-09');
    expect(startOfWeek('2026-03-15', 0)).toBe('2026-03-15');
  });

  test('a month is whole weeks around it, Monday first', () => {
    const weeks = monthWeeks('2026-03-17', 1);
    expect(weeks[0][0]).toBe('2026-02-23');
    expect(weeks[weeks.length - 1][6]).toBe('2026-04-05');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(visibleRange('month', '2026-03-17', 1)).toEqual({ from: '2026-02-23', to: '2026-04-06' });
    expect(visibleRange('week', '2026-03-17', 1)).toEqual({ from: '2026-03-16', to: '2026-03-23' });
    expect(visibleRange('day', '2026-03-17', 1)).toEqual({ from: '2026-03-17', to: '2026-03-18' });
  });

  test('steps move by a month (to its first day), a week or a day, across years', () => {
    expect(step('month', '2026-01-31', -1)).toBe('2025-12-01');
    expect(step('month', '2026-12-15', 1)).toBe('2027-01-01');
    expect(addMonths('2026-03-01', 14)).toBe('2027-05-01');
    expect(step('week', '2026-03-02', -1)).toBe('2026-02-23');
    expect(step('day', '2026-02-28', 1)).toBe('2026-03-01');
  });
});

describe('values in the tenant zone', () => {
  test('a datetime at 00:30 in Shanghai is on the Shanghai day, whatever its UTC day', () => {
    expect(dayOf('2026-03-09T16:30:00.000Z', 'datetime', SH)).toBe('2026-03-10');
    expect(minutesOf('2026-03-09T16:30:00.000Z', 'datetime', SH)).toBe(30);
    expect(dayOf('2026-03-09T16:30:00.000Z', 'datetime', 'UTC')).toBe('2026-03-09');
    expect(dayOf('2026-03-09', 'date', SH)).toBe('2026-03-09');
    expect(dayOf('', 'date', SH)).toBeNull();
    expect(dayOf(null, 'datetime', SH)).toBeNull();
  });

  test('a move keeps the time of day, or takes the hour dropped on', () => {
    expect(valueOnDay('2026-03-09', 'date', '2026-03-12', SH)).toBe('2026-03-12');
    expect(valueOnDay('2026-03-09T16:30:00.000Z', 'datetime', '2026-03-12', SH)).toBe('2026-03-11T16:30:00.000Z');
    expect(valueOnDay('2026-03-09T16:30:00.000Z', 'datetime', '2026-03-12', SH, 14 * 60 + 30)).toBe('2026-03-12T06:30:00.000Z');
  });

  test('a Gantt drag shifts by whole days; a datetime keeps its wall clock across a daylight-saving change', () => {
    expect(shiftDays('2026-03-09', 'date', 3, SH)).toBe('2026-03-12');
    expect(shiftDays('2026-03-09', 'date', -10, SH)).toBe('2026-02-27');
    // New York moved its clocks on 2026-03-08: 09:00 stays 09:00.
    expect(shiftDays('2026-03-07T14:00:00.000Z', 'datetime', 2, 'America/New_York')).toBe('2026-03-09T13:00:00.000Z');
    expect(serialOf('2026-03-09', 'date', SH)).toBe(20521);
    expect(serialOf('2026-03-09T16:00:00.000Z', 'datetime', SH)).toBe(20522);
    expect(serialOf('nope', 'date', SH)).toBeNull();
  });
});
