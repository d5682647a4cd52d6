// The list's filter conditions, as data: what can be filtered (the form's fields, and each
// subform's columns as "any row where…"), which operators a field offers, what path and stored
// value the server is sent (a relation by `<field>.id` or `<field>.display`, a percent typed as
// 97 sent as 0.97, a date preset as the days it covers in the tenant's zone, "me" as the signed-in
// user's id) and how a condition reads on a chip (labels, never stored values or codes).
// Pure: no React, so FilterBuilder, FormList and the export share one meaning.
import { clean15, dataFields, textOf, type Field, type Locale } from '@tessera/form-engine';
import { isNumeric } from '@tessera/form-engine/react';
import { fmt, type Dict } from '../../lib/i18n';
import { DATE_PRESETS, isDatePreset, presetDays } from './dates';
import type { ListDict } from './strings';

/** One condition: `path` and `value` as the server takes them, `text` as the chip shows the value. */
export interface Condition {
  /** The target filtered: a field id, or `<subform>.<column>`. */
  field: string;
  /** The filter path: the field id, `<relation>.id` / `<relation>.display`, or `<subform>.<column>`. */
  path: string;
  /**
   * A server operator (`$eq`, `$ne`, `$regex`, `$lt`, `$in`…, `$exists` for filled), or one the
   * list turns into them when it asks: `$empty` (blank), a date preset (`$today`, `$thisWeek`,
   * `$thisMonth`, `$last30`), `$between` (two days), `$me` (the signed-in user), `$myDept`.
   */
  op: string;
  /** The value (a list for `$in` and `$between`); true for the operators that take none. */
  value: string | number | boolean | string[];
  /** The value as a person reads it (an option's label, a record's name, "97%", names). */
  text: string;
}

/** Operators that take no value. */
export const NO_VALUE = new Set(['$exists', '$empty', '$me', '$myDept', ...DATE_PRESETS]);

/** Something a condition can be about: a field, or a subform's column. */
export interface Target {
  id: string;
  field: Field;
  /** As the field picker lists it ("检验明细 › 抽样数量" for a column). */
  label: string;
  /** For a column: its subform's name and its own. */
  subform?: { id: string; label: string; column: string };
}

/** Holds a file, an image, a signature or a place: only filled or blank. */
const OBJECT_TYPES = new Set(['attachment', 'image', 'signature', 'location']);

/** The fields and subform columns a list may be filtered by, in form order. */
export function filterTargets(fields: Field[], locale: Locale, l: ListDict): Target[] {
  const out: Target[] = [];
  for (const f of dataFields(fields)) {
    if (f.type !== 'subform') {
      out.push({ id: f.id, field: f, label: textOf(f.label, locale) });
      continue;
    }
    const sub = textOf(f.label, locale);
    for (const c of dataFields(f.fields)) {
      const column = textOf(c.label, locale);
      if (c.type !== 'subform') out.push({ id: `${f.id}.${c.id}`, field: c, subform: { id: f.id, label: sub, column }, label: fmt(l.subColumn, { sub, col: column }) });
    }
  }
  return out;
}

export const isPercent = (f: Field): boolean => f.type === 'percent' || (f.type === 'formula' && f.resultType === 'percent');

/**
 * The operators a target offers, first the one picked by default. A subform column offers what
 * reads as "any row where…": not "is not" (the server's `$ne` on rows means "no row has"), nor a
 * range of days (its two ends could be met by two different rows).
 */
export function opsFor(target: Target | undefined): string[] {
  if (!target) return [];
  const f = target.field;
  const ops = ((): string[] => {
    if (OBJECT_TYPES.has(f.type)) return [];
    if (f.type === 'relation') return target.subform ? [] : ['$eq', '$ne', '$in', '$regex'];
    if (f.type === 'member') return ['$me', '$in'];
    if (f.type === 'department') return ['$myDept', '$in'];
    if (isNumeric(f)) return ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte'];
    if (f.type === 'select' || f.type === 'multiselect') return ['$eq', '$ne', '$in'];
    if (f.type === 'switch') return ['$eq', '$ne'];
    if (f.type === 'date' || f.type === 'datetime') {
      if (target.subform) return f.type === 'date' ? ['$eq', '$gte', '$lte'] : ['$gte', '$lte'];
      return ['$eq', ...DATE_PRESETS, '$between', '$gte', '$lte'];
    }
    return ['$regex', '$eq', '$ne'];
  })();
  return [...(target.subform ? ops.filter((o) => o !== '$ne') : ops), '$exists', '$empty'];
}

/** An operator's name for this field ("是" for a relation's `$eq`, "包含" for a multiselect's, "本周"). */
export function opLabel(f: Field | undefined, op: string, t: Dict, l: ListDict): string {
  if (op === '$empty') return l.isEmpty;
  if (op === '$today' || op === '$thisWeek' || op === '$thisMonth' || op === '$last30') return l[op.slice(1) as 'today'];
  if (op === '$between') return l.between;
  if (op === '$me') return l.me;
  if (op === '$myDept') return l.myDept;
  if (op === '$in') return f?.type === 'multiselect' ? l.containsAnyOf : l.anyOf;
  if (f?.type === 'relation' && (op === '$eq' || op === '$ne')) return op === '$eq' ? l.relIs : l.relIsNot;
  if (f?.type === 'multiselect' && (op === '$eq' || op === '$ne')) return op === '$eq' ? l.contains : l.notContains;
  return t.ops[op] ?? op;
}

/** The path a condition on this target with this operator names. */
export function pathFor(target: Target, op: string): string {
  if (target.field.type !== 'relation' || target.subform) return target.id;
  return op === '$regex' ? `${target.id}.display` : `${target.id}.id`;
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

/** The chip of a condition: field (a column as "any row where…"), operator and value, all as labels. */
export function chipText(c: Condition, targets: Target[], t: Dict, l: ListDict): string {
  const target = targets.find((x) => x.id === c.field);
  const f = target?.field;
  const sub = target?.subform;
  const name = sub ? fmt(c.op === '$empty' ? l.everyRow : l.anyRow, { sub: sub.label, col: sub.column }) : (target?.label ?? c.field);
  return [name, opLabel(f, c.op, t, l), NO_VALUE.has(c.op) ? '' : c.text].filter(Boolean).join(' ');
}

/** Who is asking and when: what "me", "my department" and the date presets stand for. */
export interface FilterContext {
  timeZone: string;
  me?: { id: string; departmentIds: string[] } | null;
  now?: Date;
}

/** The filter JSON the records API takes (null for none); presets are the days they cover now. */
export function toFilter(conds: Condition[], ctx: FilterContext): Record<string, unknown> | null {
  if (conds.length === 0) return null;
  const one = (c: Condition): Record<string, unknown> => {
    if (c.op === '$exists') return { $exists: true };
    if (c.op === '$empty') return { $exists: false };
    if (isDatePreset(c.op)) {
      const { from, to } = presetDays(c.op, ctx.timeZone, ctx.now);
      return from === to ? { $eq: from } : { $gte: from, $lte: to };
    }
    if (c.op === '$between' && Array.isArray(c.value)) return { $gte: c.value[0], $lte: c.value[1] };
    // Nobody signed in matches nobody (an empty list), rather than everybody.
    if (c.op === '$me') return { $in: ctx.me ? [ctx.me.id] : [] };
    if (c.op === '$myDept') return { $in: ctx.me?.departmentIds ?? [] };
    return { [c.op]: c.value };
  };
  return { $and: conds.map((c) => ({ [c.path]: one(c) })) };
}
