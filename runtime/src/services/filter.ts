// The filter language clients send for lists, compiled to a MongoDB filter through an
// allow-list: known field ids only, these operators only, values of the right type, `$regex`
// as an escaped "contains" literal. Nothing else reaches the database. This is also the one
// place a permission filter is ANDed in (scopeFilter).
import { dataFields, filterKindOf, type Field, type FilterKind, type FormEngine, type FormSchema } from '@tessera/form-engine';
import { AppError } from '../http/errors';
import type { Principal } from '../http/principal';
import type { Filter } from '../storage';

const OPS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$regex']);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const SYSTEM_FIELDS: Record<string, 'string' | 'number' | 'boolean'> = {
  _id: 'string', _v: 'number', _createdAt: 'string', _createdBy: 'string', _updatedAt: 'string', _updatedBy: 'string', _deleted: 'boolean', _deletedAt: 'string',
};
const MAX_DEPTH = 6;
const MAX_NODES = 200;

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Kind = FilterKind;

/** Field paths a filter may name: data fields, `relation.id`, subform columns, system fields; each with its type's kind in `engine`. */
export function filterableFields(schema: FormSchema, engine: Pick<FormEngine, 'fieldType'>): Map<string, Kind> {
  const kindOf = (f: Field) => filterKindOf(f, engine.fieldType(f.type));
  const out = new Map<string, Kind>(Object.entries(SYSTEM_FIELDS));
  for (const f of dataFields(schema.fields)) {
    if (f.type === 'subform') {
      for (const c of dataFields(f.fields)) out.set(`${f.id}.${c.id}`, kindOf(c));
    } else if (f.type === 'relation') {
      out.set(`${f.id}.id`, 'string');
      out.set(`${f.id}.display`, 'string');
    } else out.set(f.id, kindOf(f));
  }
  return out;
}

function bad(path: string, message: string): never {
  throw new AppError('INVALID_FILTER', message, [{ path, message }]);
}

function checkValue(v: unknown, kind: Kind, path: string): unknown {
  if (v === null) return null;
  if (kind === 'any') {
    if (typeof v === 'object') bad(path, 'Only plain values may be compared');
    return v;
  }
  if (typeof v !== kind) bad(path, `Expected a ${kind}`);
  return v;
}

export function compileFilter(input: unknown, fields: Map<string, Kind>): Filter {
  let nodes = 0;
  const walk = (node: unknown, path: string, depth: number): Filter => {
    if (depth > MAX_DEPTH) bad(path, 'The filter is nested too deeply');
    if (node === null || typeof node !== 'object' || Array.isArray(node)) bad(path || '$', 'A filter must be an object');
    const out: Filter = {};
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (++nodes > MAX_NODES) bad(path, 'The filter is too large');
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) bad(at, `"${key}" is not allowed`);
      if (key === '$and' || key === '$or') {
        if (!Array.isArray(value) || value.length === 0 || value.length > 50) bad(at, `${key} takes a list of 1 to 50 filters`);
        out[key] = value.map((v, i) => walk(v, `${at}[${i}]`, depth + 1));
        continue;
      }
      if (key.startsWith('$')) bad(at, `Operator ${key} is not allowed here`);
      const kind = fields.get(key);
      if (!kind) bad(at, `Unknown field "${key}"`);
      out[key] = condition(value, kind, at);
    }
    return out;
  };
  const condition = (value: unknown, kind: Kind, at: string): unknown => {
    if (value === null || typeof value !== 'object') return checkValue(value, kind, at);
    if (Array.isArray(value)) bad(at, 'Use $in to match one of several values');
    const ops = Object.entries(value as Record<string, unknown>);
    if (ops.length === 0) bad(at, 'An empty condition');
    const out: Record<string, unknown> = {};
    for (const [op, arg] of ops) {
      const opAt = `${at}.${op}`;
      if (FORBIDDEN_KEYS.has(op)) bad(opAt, `"${op}" is not allowed`);
      if (!OPS.has(op)) bad(opAt, `Operator ${op} is not allowed`);
      if (op === '$in' || op === '$nin') {
        if (!Array.isArray(arg) || arg.length > 500) bad(opAt, `${op} takes a list of at most 500 values`);
        out[op] = arg.map((v, i) => checkValue(v, kind, `${opAt}[${i}]`));
      } else if (op === '$exists') {
        if (typeof arg !== 'boolean') bad(opAt, '$exists takes true or false');
        out[op] = arg;
      } else if (op === '$regex') {
        if (typeof arg !== 'string' || arg.length > 200) bad(opAt, '$regex takes text (matched literally, as "contains")');
        out.$regex = escapeRegex(arg);
        out.$options = 'i';
      } else out[op] = checkValue(arg, kind, opAt);
    }
    return out;
  };
  return walk(input, '', 0);
}

/** What the caller may see of a form's records; ANDed into every read. Today: live records. */
export function scopeFilter(_principal: Principal, opts: { deleted?: 'exclude' | 'include' | 'only' } = {}): Filter {
  if (opts.deleted === 'include') return {};
  return { _deleted: opts.deleted === 'only' };
}

export function parseSort(sort: string | undefined, fields: Map<string, Kind>): Record<string, 1 | -1> {
  const out: Record<string, 1 | -1> = {};
  if (!sort) return { _id: -1 };
  for (const part of sort.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 5)) {
    const desc = part.startsWith('-');
    const name = desc ? part.slice(1) : part;
    if (!fields.has(name)) bad(`sort.${name}`, `Cannot sort by unknown field "${name}"`);
    out[name] = desc ? -1 : 1;
  }
  return out;
}
