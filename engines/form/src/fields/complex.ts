// Dates, files, places and subforms.
import type { FieldTypeDef, JsonSchema } from './types';
import { defineFieldType, nullable } from './types';
import { DATE_OFFER, NO_OFFER } from './conditions';
import type { Field } from '../schema';
import { parseInstant } from '../dates';

const fileRef = {
  type: 'object',
  required: ['id', 'name'],
  properties: { id: { type: 'string', maxLength: 64 }, name: { type: 'string', maxLength: 500 }, size: { type: 'number' }, contentType: { type: 'string', maxLength: 200 } },
  additionalProperties: false,
};
const files = (max?: number): JsonSchema => nullable({ type: 'array', items: fileRef, maxItems: max ?? 50 });
const nonEmptyArray = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

/**
 * A valid datetime as its UTC instant (see parseInstant), so stored datetimes compare, filter and
 * sort as instants; anything else is left as sent, for validation to judge.
 */
const toUtc = (v: unknown): unknown => parseInstant(v) ?? v;

/**
 * Coerced, every datetime the `date-time` format takes is its UTC instant, except what names none
 * although the format takes it (a leap second, an offset carrying the year past 9999): refused
 * here, rather than stored as sent. Anything else the format refuses, as before.
 */
export const UTC_INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$';
const AS_INSTANT = { if: { format: 'date-time' }, then: { pattern: UTC_INSTANT_PATTERN } };

export const complexTypes: FieldTypeDef[] = [
  defineFieldType({ type: 'date', valueSchema: () => nullable({ type: 'string', format: 'date' }), coerce: (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 10) : v === '' ? null : v), ...DATE_OFFER }),
  // Stored as the UTC instant (see schema.ts), whatever offset it was sent with.
  defineFieldType({ type: 'datetime', valueSchema: () => nullable({ type: 'string', format: 'date-time', ...AS_INSTANT }), coerce: (v) => (v === '' ? null : toUtc(v)), ...DATE_OFFER }),
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
