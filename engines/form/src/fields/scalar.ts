// Text, numbers, switches and the computed scalar types.
import type { FieldTypeDef, JsonSchema } from './types';
import { defineFieldType, nullable } from './types';
import type { FieldValidation, FormulaField } from '../schema';
import { BOOLEAN_OFFER, DATE_OFFER, NUMBER_OFFER, TEXT_OFFER } from './conditions';
import { parseDecimalText } from '../numbers';
import { MAX_TEXT } from '../formula/values';
import { FIELD_PATTERN } from './pattern';

function numberSchema(v: FieldValidation | undefined): JsonSchema {
  const s: JsonSchema = { type: 'number' };
  if (v?.min !== undefined) s.minimum = v.min;
  if (v?.max !== undefined) s.maximum = v.max;
  return nullable(s);
}

/** At most what one Excel cell holds (MAX_TEXT), whatever the analyst set. */
function textSchema(v: FieldValidation | undefined, max = 20000): JsonSchema {
  const s: JsonSchema = { type: 'string', maxLength: Math.min(v?.maxLength ?? max, MAX_TEXT) };
  if (v?.minLength !== undefined) s.minLength = v.minLength;
  // Run on RE2 in linear time, never on RegExp (see pattern.ts).
  if (v?.pattern) s[FIELD_PATTERN] = v.pattern;
  return nullable(s);
}

/** Numeric text becomes a number ("1,234.5", " 12 ", "¥99"); blank text is not filled in. */
const toNumber = (value: unknown) => {
  if (typeof value !== 'string') return value;
  const n = parseDecimalText(value);
  return n === undefined ? value : n;
};
/** Surrounding blanks dropped; a blank text is not filled in (null), so only "required" applies. */
const trim = (value: unknown) => (typeof value === 'string' ? value.trim() || null : value);

/** A formula is tested as what it gives. */
const formulaOffer = (f: FormulaField) => {
  const t = f.resultType;
  return t === 'number' || t === 'money' || t === 'percent' ? NUMBER_OFFER : t === 'date' ? DATE_OFFER : t === 'boolean' ? BOOLEAN_OFFER : TEXT_OFFER;
};

export const scalarTypes: FieldTypeDef[] = [
  defineFieldType({ type: 'text', valueSchema: (f) => textSchema(f.validation, 500), coerce: trim, ...TEXT_OFFER }),
  defineFieldType({ type: 'textarea', valueSchema: (f) => textSchema(f.validation), coerce: (v) => (typeof v === 'string' ? v.replace(/\s+$/, '') || null : v), ...TEXT_OFFER }),
  defineFieldType({ type: 'barcode', valueSchema: (f) => textSchema(f.validation, 500), coerce: trim, ...TEXT_OFFER }),
  defineFieldType({ type: 'number', valueSchema: (f) => numberSchema(f.validation), coerce: toNumber, ...NUMBER_OFFER }),
  defineFieldType({ type: 'money', valueSchema: (f) => numberSchema(f.validation), coerce: toNumber, ...NUMBER_OFFER }),
  defineFieldType({ type: 'percent', valueSchema: (f) => numberSchema(f.validation), coerce: toNumber, ...NUMBER_OFFER }),
  defineFieldType({ type: 'switch', valueSchema: () => nullable({ type: 'boolean' }), isEmpty: (v) => v === null || v === undefined, ...BOOLEAN_OFFER }),
  defineFieldType({ type: 'serial', valueSchema: () => nullable({ type: 'string', maxLength: 200 }), computed: true, ...TEXT_OFFER }),
  defineFieldType({ type: 'formula', valueSchema: () => ({}), computed: true, operators: (f) => formulaOffer(f).operators, target: (f) => formulaOffer(f).target }),
  // The looked-up field's value, of whatever type that field has.
  defineFieldType({ type: 'lookup', valueSchema: () => ({}), computed: true, filterKind: 'any', ...TEXT_OFFER }),
];
