// The filter language clients send for lists, compiled to a MongoDB filter through an
// allow-list: known field ids only, these operators only, values of the right type, `$regex`
// as an escaped "contains" literal. Nothing else reaches the database. This is also the one
// place a permission filter is ANDed in (scopeFilter).
//
// Words mean what a user of a list means (docs/records-api.md): `$exists` is "filled" / "blank"
// (null, '' and [] are blank, as is a missing field; a file, a signature or a place is filled);
// `$ne` and `$nin` match blanks too; dates compare as dates: a datetime value is compared as its
// UTC instant (read by parseInstant, as records are), and a day given for a datetime field stands
// for that whole day in the tenant's time zone. A sort names one value a record: a field holding a
// list or an object has no place in an order, and a cursor could not carry it.
import {
  dataFields, dayNumber, DEFAULT_TIME_ZONE, filterKindOf, isDateOnly, parseInstant, serialToIso, storesList,
  type Field, type FieldTypeDef, type FilterKind, type FormEngine, type FormSchema, type JsonSchema,
} from '@tessera/form-engine';
import { AppError } from '../http/errors';
import type { Principal } from '../http/principal';
import type { Filter } from '../storage';

/**
 * A filter that matches no record: a condition on a value the caller does not have, a page after
 * the last, a search on a form with nothing to search in.
 */
// (Its mutants are static, so not counted: `{}` in place of `{ $in: [] }` would match no record
// either, an _id is never an empty object; nor would ["Stryker was here"], no _id holds a space.)
export const NOTHING: Filter = { _id: { $in: [] } };

const OPS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$regex']);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 6;
const MAX_NODES = 200;
const MAX_LIST = 500;
const MAX_REGEX = 200;

/**
 * How a filter compares a path: as the engine's JSON kind, as a date ('YYYY-MM-DD') or a datetime
 * (an ISO-8601 UTC instant), or as an object (a file, a signature, a place: only filled or blank).
 */
export type FilterFieldKind = FilterKind | 'date' | 'datetime' | 'object';
type Kind = FilterFieldKind;

/** A path a filter or a sort may name. */
export interface FilterPath {
  kind: Kind;
  /** The path holds several values a record (a list field, several relations, a subform column): a filter matches any of them, a sort refuses it. */
  list: boolean;
  /** The subform a column path belongs to. */
  subform?: string;
}

const SYSTEM_FIELDS: Record<string, Kind> = {
  _id: 'string', _v: 'number', _createdAt: 'datetime', _createdBy: 'string', _updatedAt: 'datetime', _updatedBy: 'string',
  _deleted: 'boolean', _deletedAt: 'datetime', _formVersion: 'number',
};

/** What a filled value of each kind satisfies; a blank one (missing, null, '', []) satisfies none. */
const FILLED: Record<Exclude<Kind, 'any' | 'object'>, Filter> = {
  string: { $gt: '' },
  date: { $gt: '' },
  datetime: { $gt: '' },
  number: { $gte: -Number.MAX_VALUE },
  boolean: { $in: [true, false] },
};

/**
 * A filled value of any JSON type, an object or a list of objects included. `$nin: [[]]` would not
 * do for the empty list: MongoDB compares a list with it as a whole, mingo (the embedded store)
 * never does; `$size` agrees on both, and is false for anything but a list.
 */
const FILLED_VALUE: Filter = { $exists: true, $nin: [null, ''], $not: { $size: 0 } };

export interface CompileFilterOptions {
  /** The zone in which a day given for a datetime field is read (default Asia/Shanghai, the runtime's default). */
  timeZone?: string;
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether the type's value schema holds an object, or a list of objects (files, a signature, a place). */
function holdsObjects(f: Field, def: FieldTypeDef | undefined): boolean {
  if (!def) return false;
  const schema = def.valueSchema(f, () => null);
  const is = (s: unknown, type: string) => typeof s === 'object' && s !== null && [(s as JsonSchema).type].flat().includes(type);
  return [schema, ...((schema.anyOf as JsonSchema[] | undefined) ?? [])].some((s) => is(s, 'object') || (is(s, 'array') && is(s.items, 'object')));
}

/** Field paths a filter may name: data fields, `relation.id`, subform columns, system fields; each with its type's kind in `engine`. */
export function filterableFields(schema: FormSchema, engine: Pick<FormEngine, 'fieldType'>): Map<string, FilterPath> {
  const kindOf = (f: Field, def: FieldTypeDef | undefined): Kind =>
    f.type === 'date' || f.type === 'datetime' ? f.type : holdsObjects(f, def) ? 'object' : filterKindOf(f, def);
  const out = new Map<string, FilterPath>(Object.entries(SYSTEM_FIELDS).map(([k, kind]) => [k, { kind, list: false }]));
  for (const f of dataFields(schema.fields)) {
    const def = engine.fieldType(f.type);
    if (f.type === 'subform') {
      for (const c of dataFields(f.fields)) out.set(`${f.id}.${c.id}`, { kind: kindOf(c, engine.fieldType(c.type)), list: true, subform: f.id });
    } else if (f.type === 'relation') {
      const list = storesList(f, def);
      out.set(`${f.id}.id`, { kind: 'string', list });
      out.set(`${f.id}.display`, { kind: 'string', list });
    } else out.set(f.id, { kind: kindOf(f, def), list: storesList(f, def) });
  }
  return out;
}

/** A refusal naming the path, in both languages (the error handler answers in the reader's). */
/** A refused filter, sort or list query, in the reader's language, its detail too. */
export function bad(path: string, zh: string, en: string): never {
  const message = { 'zh-CN': zh, 'en-US': en };
  throw new AppError('INVALID_FILTER', message, [{ path, message }]);
}

/** A value's type as the refusal names it. */
const KIND_NAMES: Record<'string' | 'number' | 'boolean', [string, string]> = { string: ['文本', 'a string'], number: ['数字', 'a number'], boolean: ['是或否（true / false）', 'a boolean'] };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
// Stryker disable next-line ConditionalExpression,MethodExpression,ArrowFunction,StringLiteral: merge() asks only about operator objects (never empty, every key a $) and $or lists (never empty, so index 0 is in both and they go under $and either way); merged into one object or put under $and, the same conditions select the same records, in the same order (every sort ends on _id)
const isOperators = (v: unknown): v is Record<string, unknown> => isObject(v) && Object.keys(v).every((k) => k.startsWith('$'));

/** A plain value compared with a path of this kind, as stored: refused when it is of another type. */
function scalar(v: unknown, kind: Kind, path: string): unknown {
  if (v === null) return null;
  switch (kind) {
    case 'any':
    case 'object':
      if (typeof v === 'object') bad(path, '只能与单个值比较', 'Only plain values may be compared');
      return v;
    case 'date':
      if (!isDateOnly(v)) bad(path, '应为日期（YYYY-MM-DD）', 'Expected a date (YYYY-MM-DD)');
      return v;
    case 'datetime': {
      const instant = parseInstant(v);
      if (instant === null) bad(
          path,
          '应为带时区的日期时间（2026-03-01T08:00:00+08:00）；只写日期（YYYY-MM-DD）仅限 $eq、$ne、$gt、$gte、$lt、$lte',
          'Expected a datetime with its zone (2026-03-01T08:00:00+08:00); a day (YYYY-MM-DD) only with $eq, $ne, $gt, $gte, $lt, $lte',
        );
      return instant;
    }
    default:
      if (typeof v !== kind) bad(path, `应为${KIND_NAMES[kind][0]}`, `Expected ${KIND_NAMES[kind][1]}`);
      return v;
  }
}

/** Two operator objects on one path with no operator in common: one object says both. */
const mergeable = (cur: unknown, value: unknown): value is Record<string, unknown> =>
  // Stryker disable next-line ArrowFunction: never merging puts the second condition under $and, which selects the same records in the same order (a directive before an `else if` inside a block is not applied: hence this function)
  isOperators(cur) && isOperators(value) && Object.keys(value).every((op) => !Object.hasOwn(cur, op));

/** The conditions of one filter object, ANDed: into one object while their keys differ, the rest under `$and`. */
function merge(clauses: Filter[]): Filter {
  const out: Filter = {};
  const more: Filter[] = [];
  for (const clause of clauses) {
    for (const [key, value] of Object.entries(clause)) {
      const cur = out[key];
      if (!Object.hasOwn(out, key)) out[key] = value;
      else if (mergeable(cur, value)) out[key] = { ...(cur as Record<string, unknown>), ...value };
      else more.push({ [key]: value });
    }
  }
  if (more.length) out.$and = [...((out.$and as Filter[] | undefined) ?? []), ...more];
  return out;
}

/** "Filled" (true) or "blank" (false). */
function presence(key: string, path: FilterPath, filled: boolean): Filter {
  const { kind } = path;
  if (kind !== 'any' && kind !== 'object') return { [key]: filled ? FILLED[kind] : { $not: FILLED[kind] } };
  if (path.subform) {
    // Filled when some row's cell is: `lines.sig` alone would also see the rows where it is blank.
    const some = { $elemMatch: { [key.slice(path.subform.length + 1)]: FILLED_VALUE } };
    return { [path.subform]: filled ? some : { $not: some } };
  }
  return filled ? { [key]: FILLED_VALUE } : { $or: [{ [key]: { $in: [null, ''] } }, { [key]: { $size: 0 } }] };
}

export function compileFilter(input: unknown, fields: ReadonlyMap<string, FilterPath>, opts: CompileFilterOptions = {}): Filter {
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  /** A day given for a datetime field: from its first instant (inclusive) to the next day's (exclusive). */
  const dayOf = (v: unknown, kind: Kind) =>
    kind === 'datetime' && isDateOnly(v) ? { start: serialToIso(dayNumber(v), timeZone), end: serialToIso(dayNumber(v) + 1, timeZone) } : null;
  let nodes = 0;

  const walk = (node: unknown, path: string, depth: number): Filter => {
    if (depth > MAX_DEPTH) bad(path, `过滤条件嵌套太深（最多 ${MAX_DEPTH} 层）`, 'The filter is nested too deeply');
    if (!isObject(node)) bad(path || '$', '过滤条件应为对象', 'A filter must be an object');
    const clauses: Filter[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (++nodes > MAX_NODES) bad(path || '$', `过滤条件太多（最多 ${MAX_NODES} 个）`, 'The filter is too large');
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) bad(at, `不能使用“${key}”`, `"${key}" is not allowed`);
      if (key === '$and' || key === '$or') {
        if (!Array.isArray(value) || value.length === 0 || value.length > 50) bad(at, `${key} 应为 1 到 50 个过滤条件的列表`, `${key} takes a list of 1 to 50 filters`);
        clauses.push({ [key]: value.map((v, i) => walk(v, `${at}[${i}]`, depth + 1)) });
        continue;
      }
      if (key.startsWith('$')) bad(at, `此处不能使用运算符 ${key}`, `Operator ${key} is not allowed here`);
      const field = fields.get(key);
      if (!field) bad(at, `未知字段“${key}”`, `Unknown field "${key}"`);
      clauses.push(...condition(key, value, field, at));
    }
    return merge(clauses);
  };

  const condition = (key: string, value: unknown, field: FilterPath, at: string): Filter[] => {
    const { kind } = field;
    if (value === null || typeof value !== 'object') {
      const day = dayOf(value, kind);
      return [{ [key]: day ? { $gte: day.start, $lt: day.end } : scalar(value, kind, at) }];
    }
    if (Array.isArray(value)) bad(at, '要匹配几个值中的一个，请用 $in', 'Use $in to match one of several values');
    const ops = Object.entries(value);
    if (ops.length === 0) bad(at, '条件为空', 'An empty condition');
    return ops.map(([op, arg]) => {
      const opAt = `${at}.${op}`;
      if (FORBIDDEN_KEYS.has(op)) bad(opAt, `不能使用“${op}”`, `"${op}" is not allowed`);
      if (!OPS.has(op)) bad(opAt, `不能使用运算符 ${op}`, `Operator ${op} is not allowed`);
      return operator(key, op, arg, field, opAt);
    });
  };

  const operator = (key: string, op: string, arg: unknown, field: FilterPath, at: string): Filter => {
    const { kind } = field;
    switch (op) {
      case '$exists':
        if (typeof arg !== 'boolean') bad(at, '$exists 应为 true（已填）或 false（为空）', '$exists takes true (filled) or false (blank)');
        return presence(key, field, arg);
      case '$regex':
        // On a number or a switch it matches nothing (only text contains text); not refused, as
        // the relation picker searches whatever field a relation displays.
        if (typeof arg !== 'string' || arg.length > MAX_REGEX) bad(at, `$regex 应为不超过 ${MAX_REGEX} 个字符的文本（按原文匹配，即“包含”）`, `$regex takes text of at most ${MAX_REGEX} characters (matched literally, as "contains")`);
        return { [key]: { $regex: escapeRegex(arg), $options: 'i' } };
      case '$in':
      case '$nin':
        if (!Array.isArray(arg) || arg.length > MAX_LIST) bad(at, `${op} 应为最多 ${MAX_LIST} 个值的列表`, `${op} takes a list of at most ${MAX_LIST} values`);
        return { [key]: { [op]: arg.map((v, i) => scalar(v, kind, `${at}[${i}]`)) } };
    }
    const day = dayOf(arg, kind);
    if (op === '$eq') return { [key]: day ? { $gte: day.start, $lt: day.end } : { $eq: scalar(arg, kind, at) } };
    if (op === '$ne') return { [key]: day ? { $not: { $gte: day.start, $lt: day.end } } : { $ne: scalar(arg, kind, at) } };
    // $gt $gte $lt $lte: values with an order.
    if (kind === 'boolean') bad(at, `${op} 需要能比较大小的值，是或否没有大小`, `${op} needs values with an order; true and false have none`);
    if (arg === null) bad(at, `${op} 需要一个值`, `${op} needs a value`);
    if (!day) return { [key]: { [op]: scalar(arg, kind, at) } };
    if (op === '$gt') return { [key]: { $gte: day.end } };
    if (op === '$gte') return { [key]: { $gte: day.start } };
    if (op === '$lt') return { [key]: { $lt: day.start } };
    return { [key]: { $lt: day.end } };
  };

  return walk(input, '', 0);
}

/** What the caller may see of a form's records; ANDed into every read. Today: live records. */
export function scopeFilter(_principal: Principal, opts: { deleted?: 'exclude' | 'include' | 'only' } = {}): Filter {
  if (opts.deleted === 'include') return {};
  return { _deleted: opts.deleted === 'only' };
}

/**
 * Keyset paging: the rows strictly after the last row of a page, given that row's values of the
 * sort keys (`last`, in key order; the last key is unique, e.g. `_id`). A blank (missing or null)
 * sorts before every value on both stores, and `$gt` / `$lt` never match it, so: ascending, after
 * a blank come the other blanks (by the next key) and then every value; descending, after a value
 * come the smaller values and then the blanks, and after a blank only the other blanks.
 */
export function keysetAfter(sort: Record<string, 1 | -1>, last: readonly unknown[]): Filter {
  const keys = Object.keys(sort);
  const branches: Filter[] = [];
  keys.forEach((k, i) => {
    const v = last[i] ?? null;
    const after =
      v !== null ? (sort[k] === 1 ? { [k]: { $gt: v } } : { $or: [{ [k]: { $lt: v } }, { [k]: null }] })
      : sort[k] === 1 ? { [k]: { $ne: null } }
      : null; // descending, nothing sorts after a blank but the other blanks (by a later key)
    if (!after) return;
    // The earlier keys equal the last row's; `{ k: null }` matches a missing value too.
    const same: Filter = {};
    for (let j = 0; j < i; j++) same[keys[j]] = last[j] ?? null;
    branches.push(Object.assign(same, after));
  });
  return branches.length ? { $or: branches } : NOTHING;
}

/** A sort path that holds a list or an object: it has no place in an order, and paging by it would repeat or lose rows. */
export function unsortable(path: string): never {
  bad(`sort.${path}`, `不能按“${path}”排序：它存的是列表或对象`, `Cannot sort by "${path}": it holds a list or an object`);
}

/** A list sorts by at most this many fields (a saved view too). */
export const MAX_SORT_KEYS = 5;

export function parseSort(sort: string | undefined, fields: ReadonlyMap<string, FilterPath>): Record<string, 1 | -1> {
  const out: Record<string, 1 | -1> = {};
  // Stryker disable next-line ObjectLiteral: pagePlan, the one caller, ends every sort on _id, and a sort without keys on _id descending, so {} is the same newest-first order
  if (!sort) return { _id: -1 };
  const parts = sort.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length > MAX_SORT_KEYS) bad('sort', `最多按 ${MAX_SORT_KEYS} 个字段排序，这里有 ${parts.length} 个`, `Sort by at most ${MAX_SORT_KEYS} fields, not ${parts.length}`);
  for (const part of parts) {
    const desc = part.startsWith('-');
    const name = desc ? part.slice(1) : part;
    const field = fields.get(name);
    if (!field) bad(`sort.${name}`, `不能按未知字段“${name}”排序`, `Cannot sort by unknown field "${name}"`);
    if (field.list || field.kind === 'object') unsortable(name);
    out[name] = desc ? -1 : 1;
  }
  return out;
}
