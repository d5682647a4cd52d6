// Writing and reading the json-logic operators produce. An operator is defined by how it writes
// a condition (toLogic) and how it picks the path and value out of logic of its shape (read);
// fromLogic then writes them back and keeps the result only when it is the same logic, so a
// hand-edited rule is never mistaken for one the builder made.
import type { Field, Logic } from '../schema';
import type { ConditionTarget } from '../fields';
import type { ConditionValue, FieldOf, OperatorDef, TargetOf, ValueKind } from './types';

export type { ConditionTarget };

/** A missing value is written as null, as JSON would store it. */
export const literal = (value: ConditionValue): Logic => (value === undefined ? null : value);

/** A field's own value ({"var": path}): presence tests look at it, never at a property of it. */
export const own = (path: string): Logic => ({ var: path });

/**
 * What a comparison looks at: the field's value, or the property a type compares (a related
 * record's display text). Numbers go through json-logic's unary + (parseFloat), so a blank, a
 * text or a boolean is NaN and matches no comparison, while numeric text still compares as the
 * number it spells.
 */
export function subject(path: string, target: ConditionTarget): Logic {
  const value = { var: target.property ? `${path}.${target.property}` : path };
  return target.kind === 'number' ? { '+': [value] } : value;
}

/** The operation of a json-logic node and its arguments, or null for a literal. */
export function operation(logic: Logic): { op: string; args: Logic[] } | null {
  if (!logic || typeof logic !== 'object' || Array.isArray(logic)) return null;
  const keys = Object.keys(logic);
  if (keys.length !== 1) return null;
  const raw = (logic as Record<string, unknown>)[keys[0]];
  return { op: keys[0], args: Array.isArray(raw) ? raw : [raw] };
}

/** The arguments when `logic` is operation `op` (with `count` arguments, when given). */
export function argsOf(logic: Logic, op: string, count?: number): Logic[] | null {
  const o = operation(logic);
  return o && o.op === op && (count === undefined || o.args.length === count) ? o.args : null;
}

/** The var path of a plain var ({"var": "x"}), or null. */
export function varPath(logic: Logic): string | null {
  const a = argsOf(logic, 'var', 1);
  return a && typeof a[0] === 'string' ? a[0] : null;
}

/** The var path inside a subject (a var, or a var cast to a number), or null. */
export function subjectPath(logic: Logic): string | null {
  const cast = argsOf(logic, '+', 1);
  return varPath(cast ? cast[0] : logic);
}

/** A value the analyst typed: anything that is not an operation (lists of such values too). */
export function isLiteral(logic: Logic): boolean {
  if (Array.isArray(logic)) return logic.every(isLiteral);
  return operation(logic) === null;
}

/** {"op": [subject, value]}: how a plain comparison is written and read. */
export function comparison(op: string) {
  return {
    write: (path: string, value: ConditionValue, target: ConditionTarget): Logic => ({ [op]: [subject(path, target), literal(value)] }),
    read(logic: Logic): { path: string; value: ConditionValue } | null {
      const a = argsOf(logic, op, 2);
      const path = a && subjectPath(a[0]);
      return a && path !== null && isLiteral(a[1]) ? { path, value: a[1] } : null;
    },
  };
}

export function sameLogic(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Stryker disable next-line LogicalOperator,BlockStatement: below, lists compare key by key the same; no read lets a list face an object with keys 0, 1 …
  if (Array.isArray(a) || Array.isArray(b)) {
    // Stryker disable next-line ConditionalExpression: every read checks its argument count, so the lists compared here are the same length
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameLogic(x, b[i]));
  }
  // `typeof b !== 'object'` → false survives, equivalent: an object can equal a text only by keys 0, 1 …, and no written logic has such keys.
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  // Stryker disable next-line ConditionalExpression,MethodExpression: the objects compared are operations, one key on each side
  return ka.length === kb.length && ka.every((k) => sameLogic((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The field a var path names: the path itself, or — for a type compared by a property — the
 * path without it ('supplier.display' is the relation 'supplier').
 */
function resolve(path: string, fieldOf: FieldOf, targetOf: TargetOf): { path: string; field: Field | undefined } {
  const direct = fieldOf(path);
  if (direct) return { path, field: direct };
  const dot = path.lastIndexOf('.');
  // Stryker disable next-line EqualityOperator: no field has the empty id (the schema's id pattern)
  if (dot > 0) {
    const owner = fieldOf(path.slice(0, dot));
    if (owner && targetOf(owner).property === path.slice(dot + 1)) return { path: path.slice(0, dot), field: owner };
  }
  return { path, field: undefined };
}

export interface OperatorSpec {
  id: string;
  label: { 'zh-CN': string; 'en-US': string };
  value: ValueKind;
  write(path: string, value: ConditionValue, target: ConditionTarget): Logic;
  /** The var path it tests and the value, from logic of this operator's shape. */
  read(logic: Logic): { path: string; value: ConditionValue } | null;
}

export function defineOperator(spec: OperatorSpec): OperatorDef {
  return {
    id: spec.id,
    label: spec.label,
    value: spec.value,
    toLogic: (path, value, target) => spec.write(path, value, target),
    fromLogic(logic, fieldOf, targetOf) {
      const found = spec.read(logic);
      if (!found) return null;
      const { path, field } = resolve(found.path, fieldOf, targetOf);
      const value = found.value === null ? undefined : found.value;
      // A field that no longer exists is still read, so the designer can show what to fix.
      if (field && !sameLogic(spec.write(path, value, targetOf(field)), logic)) return null;
      return { path, value };
    },
  };
}
