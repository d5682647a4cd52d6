// The date presets of the list's filter (today, this week, this month, the last 30 days, a range
// of two days), as the days they cover in the tenant's time zone, never the browser's: "today" in
// Shanghai may be tomorrow in the browser. Sent as days (YYYY-MM-DD), which the server reads for a
// date field as they are and for a datetime field as whole days in the tenant's zone. Pure.
import { dayNumber, fromDayNumber, todayIn } from '@tessera/form-engine';

/** The presets, in the order the operator box offers them. */
export const DATE_PRESETS = ['$today', '$thisWeek', '$thisMonth', '$last30'] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];
export const isDatePreset = (op: string): op is DatePreset => (DATE_PRESETS as readonly string[]).includes(op);

/** The first and last day (both included) a preset covers now in `timeZone`; a week starts on Monday. */
export function presetDays(preset: DatePreset, timeZone: string, now: Date = new Date()): { from: string; to: string } {
  const today = todayIn(timeZone, now);
  const n = dayNumber(today);
  switch (preset) {
    case '$today':
      return { from: today, to: today };
    case '$thisWeek': {
      // Day 0 (1970-01-01) was a Thursday: (n + 3) % 7 is 0 on Mondays.
      const monday = n - ((((n + 3) % 7) + 7) % 7);
      return { from: fromDayNumber(monday), to: fromDayNumber(monday + 6) };
    }
    case '$thisMonth': {
      const [y, m] = today.split('-').map(Number);
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-${String(last).padStart(2, '0')}` };
    }
    case '$last30':
      return { from: fromDayNumber(n - 29), to: today };
  }
}
