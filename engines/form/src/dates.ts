// Dates as business users mean them. A date-only value is the text 'YYYY-MM-DD' and never
// passes through a time zone; a datetime is an ISO-8601 UTC string, shown in the tenant's zone
// (default Asia/Shanghai). Formulas compute on day numbers (days since 1970-01-01), like
// Excel's serial dates with another epoch.
import { dataFields, type Field } from './schema';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDateOnly(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  // A day past its month's end rolls over into the next month, and then reads back otherwise.
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) === m[0];
}

export function isIsoDatetime(value: unknown): value is string {
  // (Without the closing $ the same texts pass: V8's Date.parse refuses an ISO text with anything after its zone.)
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * An RFC 3339 date-time, as a record's `date-time` format takes it: `T` (or `t`, or a space)
 * between day and time, seconds required, any fraction, `Z` or an offset as `+08:00`, `+0800` or `+08`.
 */
const INSTANT = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;

/**
 * The one reading of a datetime, for records and filters alike: its UTC instant
 * (`2026-03-02T00:30:00+08:00` → `2026-03-01T16:30:00.000Z`), or null when the text names no
 * instant: another format, a day that does not exist (never rolled over into the next), hour 24,
 * a leap second, an offset past 23:59, or an instant outside the four-digit years.
 */
export function parseInstant(text: unknown): string | null {
  const m = typeof text === 'string' ? INSTANT.exec(text) : null;
  if (!m) return null;
  const [, day, hh, mm, ss, fraction = '', zone, sign, zh, zm = '00'] = m;
  // Date.parse would roll a day past its month's end over and read hour 24 as the next midnight.
  if (!isDateOnly(day) || +hh > 23) return null;
  // With Z there is no offset hour: undefined reads as NaN, never past 23.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,UnaryOperator: V8's Date.parse refuses minute 60, second 60 and such offsets too (NaN, below), so in Node.js no input tells these apart
  if (+mm > 59 || +ss > 59 || +zh > 23 || +zm > 59) return null;
  // Rewritten in the one form every JavaScript engine parses alike before it is read.
  const offset = zone === 'Z' || zone === 'z' ? 'Z' : `${sign}${zh}:${zm}`;
  // Stryker disable next-line MethodExpression: V8 (Node.js) reads a fraction of any length by its first three digits, as the slice does
  const t = Date.parse(`${day}T${hh}:${mm}:${ss}.${fraction.slice(0, 3).padEnd(3, '0')}${offset}`);
  // Stryker disable next-line ConditionalExpression: in V8 no text the checks above let through parses as NaN; this keeps other engines honest
  if (Number.isNaN(t)) return null;
  const utc = new Date(t).toISOString();
  return /^\d{4}-/.test(utc) ? utc : null; // an offset can carry year 9999 past four digits, or 0000 before them
}

/**
 * A record's datetime values, subform cells included, as their UTC instants (values stored
 * before datetimes were normalised, or written as stored: packages, copies). Text that names no
 * instant is left as it is. Returns the same object when nothing changes.
 */
export function datetimesToUtc(fields: readonly Field[], values: Record<string, unknown>): Record<string, unknown> {
  let out = values;
  const set = (key: string, value: unknown) => {
    if (out === values) out = { ...values };
    out[key] = value;
  };
  for (const f of dataFields(fields)) {
    const v = values[f.id];
    if (f.type === 'datetime') {
      const utc = parseInstant(v);
      if (utc !== null && utc !== v) set(f.id, utc);
    } else if (f.type === 'subform' && Array.isArray(v)) {
      let changed = false;
      const rows = v.map((row: unknown) => {
        // (A row that is no object or a list has none of the fields' ids: it would come back as it is anyway.)
        if (row === null || typeof row !== 'object' || Array.isArray(row)) return row;
        const next = datetimesToUtc(f.fields, row as Record<string, unknown>);
        if (next !== row) changed = true;
        return next;
      });
      if (changed) set(f.id, rows);
    }
  }
  return out;
}

/** 'YYYY-MM-DD' → day number. */
export function dayNumber(date: string): number {
  const m = DATE_RE.exec(date)!;
  return Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS;
}

/** day number → 'YYYY-MM-DD'. */
export function fromDayNumber(days: number): string {
  return new Date(Math.floor(days) * DAY_MS).toISOString().slice(0, 10);
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  // Stryker disable next-line ConditionalExpression: speed only: a new formatter for the zone formats the same
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    partsCache.set(timeZone, f);
  }
  return f;
}

/** The wall-clock parts of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(zoneFormatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour, minute: +parts.minute, second: +parts.second };
}

/** Today's date in the time zone, as 'YYYY-MM-DD'. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const p = zonedParts(now, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** A datetime as a local day number with a fraction (for NOW() and datetime fields). */
export function localSerial(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) / DAY_MS;
}

/**
 * A local serial back to a UTC ISO instant in the time zone. A wall time the clocks skip reads as
 * that long after the change (02:30 → 03:30); one they pass twice, as the first of the two.
 */
export function serialToIso(serial: number, timeZone: string): string {
  const local = serial * DAY_MS;
  // The zone's offset at an instant, from the whole seconds its wall clock shows.
  const offsetAt = (t: number) => Math.round(localSerial(new Date(t), timeZone) * DAY_MS) - Math.floor(t / 1000) * 1000;
  // The offsets a day either side: the one before and the one after any change of the clocks near it.
  const before = offsetAt(local - DAY_MS);
  const after = offsetAt(local + DAY_MS);
  const t = offsetAt(local - before) === before || offsetAt(local - after) !== after ? local - before : local - after;
  return new Date(Math.round(t)).toISOString();
}

/** `2026-11-22 08:30` in the tenant's zone. */
export function formatDatetime(iso: string, timeZone: string = DEFAULT_TIME_ZONE, withSeconds = false): string {
  const p = zonedParts(new Date(iso), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}${withSeconds ? `:${pad(p.second)}` : ''}`;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

export function diffDays(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
