// The list's filter conditions, as data: which operators a field offers, what path and stored
// value the server is sent (a relation by `<field>.id` or `<field>.display`, a percent typed as
// 97 sent as 0.97), and how a condition reads on a chip (labels, never stored values or codes).
// Pure: no React, so FilterBuilder, FormList and the export share one meaning.
import { clean15, textOf, type Field, type Locale } from '@tessera/form-engine';
import { isNumeric } from '@tessera/form-engine/react';
import type { Dict } from '../../lib/i18n';
import type { ListDict } from './strings';

/** One condition: `path` and `value` as the server takes them, `text` as the chip shows the value. */
export interface Condition {
  field: string;
  /** The filter path: the field id, or `<relation>.id` / `<relation>.display`. */
  path: string;
  /** `$eq`, `$ne`, `$regex`, `$lt`…; `$exists` (filled) and `$empty` (blank) take no value. */
  op: string;
  value: string | number | boolean;
  /** The value as a person reads it (an option's label, a record's name, "97%"). */
  text: string;
}

export const NO_VALUE = new Set(['$exists', '$empty']);

export const isPercent = (f: Field): boolean => f.type === 'percent' || (f.type === 'formula' && f.resultType === 'percent');

/** The operators a field offers, first the one picked by default. */
export function opsFor(f: Field | undefined): string[] {
  if (!f) return [];
  if (f.type === 'relation') return ['$eq', '$ne', '$regex', '$exists', '$empty'];
  if (f.type === 'member' || f.type === 'department') return ['$exists', '$empty'];
  if (isNumeric(f)) return ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$exists', '$empty'];
  if (f.type === 'select' || f.type === 'multiselect' || f.type === 'switch') return ['$eq', '$ne', '$exists', '$empty'];
  if (f.type === 'date' || f.type === 'datetime') return ['$eq', '$gte', '$lte', '$exists', '$empty'];
  return ['$regex', '$eq', '$ne', '$exists', '$empty'];
}

/** An operator's name for this field ("是" for a relation's `$eq`, "包含" for a multiselect's). */
export function opLabel(f: Field | undefined, op: string, t: Dict, l: ListDict): string {
  if (op === '$empty') return l.isEmpty;
  if (f?.type === 'relation' && (op === '$eq' || op === '$ne')) return op === '$eq' ? l.relIs : l.relIsNot;
  if (f?.type === 'multiselect' && (op === '$eq' || op === '$ne')) return op === '$eq' ? l.contains : l.notContains;
  return t.ops[op] ?? op;
}

/** The path a condition on this field with this operator names. */
export function pathFor(f: Field, op: string): string {
  if (f.type !== 'relation') return f.id;
  return op === '$regex' ? `${f.id}.display` : `${f.id}.id`;
}

/** A typed value as stored: a percent typed 97 is 0.97. */
export const storedNumber = (f: Field, typed: number): number => (isPercent(f) ? clean15(typed / 100) : typed);

/** A typed number as shown on a chip: 97%. */
export const typedNumberText = (f: Field, typed: number): string => (isPercent(f) ? `${typed}%` : String(typed));

/** How an option / switch value reads. */
export function choiceText(f: Field, value: unknown, locale: Locale, l: ListDict): string {
  if (f.type === 'switch') return value === true ? l.yes : l.no;
  if (f.type === 'select' || f.type === 'multiselect') {
    const o = f.options.find((x) => x.value === value);
    return o ? textOf(o.label, locale) : String(value);
  }
  return String(value);
}

/** The chip of a condition: field, operator and value, all as labels. */
export function chipText(c: Condition, fields: Field[], locale: Locale, t: Dict, l: ListDict): string {
  const f = fields.find((x) => x.id === c.field);
  const name = f ? textOf(f.label, locale) : c.field;
  return [name, opLabel(f, c.op, t, l), NO_VALUE.has(c.op) ? '' : c.text].filter(Boolean).join(' ');
}

/** The filter JSON the records API takes (null for none). */
export function toFilter(conds: Condition[]): Record<string, unknown> | null {
  if (conds.length === 0) return null;
  const one = (c: Condition) => (c.op === '$exists' ? { $exists: true } : c.op === '$empty' ? { $exists: false } : { [c.op]: c.value });
  return { $and: conds.map((c) => ({ [c.path]: one(c) })) };
}
