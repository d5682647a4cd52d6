// The days a calendar or a Gantt shows and the values a move writes, in the tenant's time zone,
// never the browser's: a datetime at 00:30 in Shanghai sits on that Shanghai day even in a
// browser in London. A date field's value is its day ('YYYY-MM-DD', no zone at all); a datetime
// is an ISO UTC instant read and written through the zone. Days are day numbers (days since
// 1970-01-01), so no Date in the browser's zone is ever made. Pure: no React, tested in jest.
import { dayNumber, fromDayNumber, isDateOnly, localSerial, parseInstant, serialToIso, type Locale } from '@tessera/form-engine';

export type CalendarMode = 'month' | 'week' | 'day';
/** How a date field stores its value. */
export type DateKind = 'date' | 'datetime';

/** The first day of a week: Monday in China (and ISO 8601), Sunday in the United States. */
export const weekStart = (locale: Locale): 0 | 1 => (locale === 'en-US' ? 0 : 1);

/** 0 for Sunday … 6 for Saturday (day 0, 1970-01-01, was a Thursday). */
export const weekday = (day: string) => (((dayNumber(day) + 4) % 7) + 7) % 7;

/** The first day of the week `day` falls in. */
export function startOfWeek(day: string, start: 0 | 1): string {
  return fromDayNumber(dayNumber(day) - ((weekday(day) - start + 7) % 7));
}

/** Days from `from` (included) to `to` (excluded). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = dayNumber(from); n < dayNumber(to); n++) out.push(fromDayNumber(n));
  return out;
}

/** The first day of the month `day` falls in. */
export const startOfMonth = (day: string) => `${day.slice(0, 7)}-01`;

/** The first day of the month `months` after `day`'s. */
export function addMonths(day: string, months: number): string {
  const [y, m] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

/** What a mode shows around `anchor`: whole weeks for a month (the grid's), `to` excluded. */
export function visibleRange(mode: CalendarMode, anchor: string, start: 0 | 1): { from: string; to: string } {
  if (mode === 'day') return { from: anchor, to: fromDayNumber(dayNumber(anchor) + 1) };
  if (mode === 'week') {
    const from = startOfWeek(anchor, start);
    return { from, to: fromDayNumber(dayNumber(from) + 7) };
  }
  const from = startOfWeek(startOfMonth(anchor), start);
  const last = fromDayNumber(dayNumber(addMonths(anchor, 1)) - 1);
  return { from, to: fromDayNumber(dayNumber(startOfWeek(last, start)) + 7) };
}

/** A month's grid: its weeks, each seven days, the days of the months around it included. */
export function monthWeeks(anchor: string, start: 0 | 1): string[][] {
  const { from, to } = visibleRange('month', anchor, start);
  const days = daysBetween(from, to);
  return Array.from({ length: days.length / 7 }, (_, i) => days.slice(i * 7, i * 7 + 7));
}

/** The anchor one step before (-1) or after (1): a month, a week or a day. */
export function step(mode: CalendarMode, anchor: string, dir: -1 | 1): string {
  if (mode === 'month') return addMonths(anchor, dir);
  return fromDayNumber(dayNumber(anchor) + dir * (mode === 'week' ? 7 : 1));
}

/** A day written in UTC, so that formatting it never moves it through the browser's zone. */
const utcDate = (day: string) => new Date(dayNumber(day) * 86_400_000);

/** "2026年3月" / "March 2026". */
export const monthTitle = (day: string, locale: Locale) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(utcDate(day));

/** "3月9日 周一" / "Mon, Mar 9". */
export const dayTitle = (day: string, locale: Locale) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric', weekday: 'short' }).format(utcDate(day));

/** "3月1日" / "Mar 1". */
export const shortDay = (day: string, locale: Locale) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(utcDate(day));

/** "周一" / "Mon". */
export const weekdayName = (day: string, locale: Locale) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short' }).format(utcDate(day));

/** A datetime's wall-clock serial in the zone (days and the fraction of the day), or null when the value names no instant. */
function serialIn(value: unknown, timeZone: string): number | null {
  const iso = parseInstant(value);
  return iso === null ? null : localSerial(new Date(iso), timeZone);
}

/** The day a value falls on in the tenant's zone, or null when it holds no date. */
export function dayOf(value: unknown, kind: DateKind, timeZone: string): string | null {
  if (kind === 'date') return isDateOnly(value) ? value : null;
  const s = serialIn(value, timeZone);
  return s === null ? null : fromDayNumber(Math.floor(s));
}

/** Minutes since midnight of a datetime in the zone (0 for a date, which has no time). */
export function minutesOf(value: unknown, kind: DateKind, timeZone: string): number {
  if (kind === 'date') return 0;
  const s = serialIn(value, timeZone);
  return s === null ? 0 : Math.round((s - Math.floor(s)) * 1440);
}

/** "08:30": the time of a datetime in the zone. */
export function timeText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * A value moved to another day: a date becomes that day; a datetime keeps its time of day (or
 * takes `minutes` since midnight when given) on that day, in the zone.
 */
export function valueOnDay(value: unknown, kind: DateKind, day: string, timeZone: string, minutes?: number): string {
  if (kind === 'date') return day;
  const keep = minutes ?? minutesOf(value, kind, timeZone);
  return serialToIso(dayNumber(day) + keep / 1440, timeZone);
}

/** A position on a Gantt's axis in days: a date's day number, a datetime's wall-clock serial in the zone. */
export function serialOf(value: unknown, kind: DateKind, timeZone: string): number | null {
  if (kind === 'date') return isDateOnly(value) ? dayNumber(value) : null;
  return serialIn(value, timeZone);
}

/** A value moved by whole days (a datetime keeps its wall-clock time in the zone). */
export function shiftDays(value: string, kind: DateKind, days: number, timeZone: string): string {
  if (kind === 'date') return fromDayNumber(dayNumber(value) + days);
  const s = serialIn(value, timeZone);
  return s === null ? value : serialToIso(s + days, timeZone);
}
