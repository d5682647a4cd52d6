// Dates, files, places and subforms.
import type { FieldTypeDef, JsonSchema } from './types';
import { defineFieldType, nullable } from './types';
import { DATE_OFFER, NO_OFFER } from './conditions';
import type { Field } from '../schema';
import { isDateOnly } from '../dates';

const fileRef = {
  type: 'object',
  required: ['id', 'name'],
  properties: { id: { type: 'string', maxLength: 64 }, name: { type: 'string', maxLength: 500 }, size: { type: 'number' }, contentType: { type: 'string', maxLength: 200 } },
  additionalProperties: false,
};
const files = (max?: number): JsonSchema => nullable({ type: 'array', items: fileRef, maxItems: max ?? 50 });
const nonEmptyArray = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

/** An RFC 3339 date-time as the record's `date-time` format takes it: `T` or a space, any fraction, `Z` or an offset. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2})(?::?(\d{2}))?)$/i;

/**
 * A valid datetime as its UTC instant (`2026-03-02T00:30:00+08:00` → `2026-03-01T16:30:00.000Z`),
 * so stored datetimes compare, filter and sort as instants. The value is rewritten in the one
 * form every JavaScript engine parses alike before it is read; anything else (not a date-time,
 * a day that does not exist, a leap second) is left as sent, for validation to judge.
 */
function toUtc(v: unknown): unknown {
  const m = typeof v === 'string' ? DATE_TIME.exec(v) : null;
  if (!m) return v;
  const [, day, hh, mm, ss, fraction = '0', zone, sign, zh, zm = '00'] = m;
  if (!isDateOnly(day) || +hh > 23 || +mm > 59 || +ss > 59 || (zh !== undefined && (+zh > 23 || +zm > 59))) return v;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${sign}${zh}:${zm}`;
  const t = Date.parse(`${day}T${hh}:${mm}:${ss}.${fraction.slice(0, 3).padEnd(3, '0')}${offset}`);
  if (Number.isNaN(t)) return v;
  const utc = new Date(t).toISOString();
  return /^\d{4}-/.test(utc) ? utc : v; // an offset can carry year 9999 past the four digits a date-time has
}

export const complexTypes: FieldTypeDef[] = [
  defineFieldType({ type: 'date', valueSchema: () => nullable({ type: 'string', format: 'date' }), coerce: (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 10) : v === '' ? null : v), ...DATE_OFFER }),
  // Stored as the UTC instant (see schema.ts), whatever offset it was sent with.
  defineFieldType({ type: 'datetime', valueSchema: () => nullable({ type: 'string', format: 'date-time' }), coerce: (v) => (v === '' ? null : toUtc(v)), ...DATE_OFFER }),
  defineFieldType({ type: 'attachment', valueSchema: (f) => files(f.validation?.maxItems), isEmpty: nonEmptyArray, list: true, files: true, ...NO_OFFER }),
  defineFieldType({ type: 'image', valueSchema: (f) => files(f.validation?.maxItems), isEmpty: nonEmptyArray, list: true, files: true, ...NO_OFFER }),
  defineFieldType({ type: 'signature', valueSchema: () => nullable(fileRef), files: true, ...NO_OFFER }),
  defineFieldType({
    type: 'location',
    valueSchema: () =>
      nullable({
        type: 'object',
        required: ['lat', 'lng'],
        properties: { lat: { type: 'number', minimum: -90, maximum: 90 }, lng: { type: 'number', minimum: -180, maximum: 180 }, address: { type: 'string', maxLength: 500 } },
        additionalProperties: false,
      }),
    ...NO_OFFER,
  }),
  defineFieldType({
    type: 'subform',
    valueSchema: (f, child) => {
      const properties: Record<string, JsonSchema> = { _rowId: { type: 'string', maxLength: 64 } };
      for (const c of f.fields as Field[]) {
        const s = child(c);
        if (s) properties[c.id] = s;
      }
      const s: JsonSchema = { type: 'array', maxItems: f.validation?.maxItems ?? 1000, items: { type: 'object', properties, additionalProperties: false } };
      if (f.validation?.minItems !== undefined) s.minItems = f.validation.minItems;
      return nullable(s);
    },
    isEmpty: nonEmptyArray,
    list: true,
    ...NO_OFFER,
  }),
];
