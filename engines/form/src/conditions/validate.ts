// What the designer marks on a condition before it saves: a field that no longer exists, an
// operator the field's type does not offer, a value missing or of the wrong kind.
import { isDateOnly } from '../dates';
import type { ConditionTarget } from '../fields';
import { textOf, type Field, type Locale } from '../schema';
import { conditionMessage } from './messages';
import type { Condition, ConditionGroup, ConditionIssue, ConditionValue, FieldOf, OperatorDef, TargetOf, ValueKind } from './types';

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** Whether one value suits what the field compares. */
function validOne(v: unknown, target: ConditionTarget | undefined): boolean {
  if (!target) return true;
  // Stryker disable next-line ConditionalExpression: Number.isFinite is false for anything but a number
  if (target.kind === 'number') return typeof v === 'number' && Number.isFinite(v);
  if (target.kind === 'date') return isDateOnly(v);
  return typeof v === 'string';
}

/** 'missing' or 'invalid' when the value does not fit the operator, else undefined. */
function valueProblem(kind: ValueKind, v: ConditionValue, target: ConditionTarget | undefined): 'missing' | 'invalid' | undefined {
  switch (kind) {
    case 'none':
      return undefined;
    case 'one':
      return blank(v) ? 'missing' : validOne(v, target) ? undefined : 'invalid';
    case 'many':
      if (!Array.isArray(v) || v.length === 0) return 'missing';
      return v.every((x) => typeof x === 'string' && x !== '') ? undefined : 'invalid';
    case 'range': {
      if (!Array.isArray(v) || v.length !== 2 || v.some(blank)) return 'missing';
      const [from, to] = v as [number | string, number | string];
      if (!validOne(from, target) || !validOne(to, target)) return 'invalid';
      return typeof from === typeof to && from > to ? 'invalid' : undefined;
    }
    case 'days':
      if (blank(v)) return 'missing';
      return Number.isInteger(v) && (v as number) >= 0 ? undefined : 'invalid';
  }
}

/** What a condition check needs from the engine: its operators, and the facts of its field types. */
export interface ValidateContext {
  operators: ReadonlyMap<string, OperatorDef>;
  operatorsOf(field: Field): readonly string[];
  targetOf: TargetOf;
}

export function validateWith(x: ValidateContext, group: ConditionGroup, fieldOf: FieldOf, locale: Locale): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  const check = (c: Condition, at: string) => {
    const field = fieldOf(c.field);
    const op = x.operators.get(c.op);
    const params = { field: field ? textOf(field.label, locale) || c.field : c.field, op: op ? op.label[locale] : c.op };
    const add = (where: string, code: ConditionIssue['code']) => issues.push({ path: `${at}.${where}`, code, message: conditionMessage(code, params, locale) });
    if (!field) add('field', 'unknown_field');
    if (!op) return add('op', 'unknown_operator');
    if (field && !x.operatorsOf(field).includes(op.id)) add('op', 'operator_not_allowed');
    const problem = valueProblem(op.value, c.value, field && x.targetOf(field));
    if (problem) add('value', problem === 'missing' ? 'missing_value' : 'invalid_value');
  };
  const walk = (g: ConditionGroup, at: string) =>
    g.children.forEach((child, i) => {
      const here = `${at}children[${i}]`;
      if (child.kind === 'group') walk(child, `${here}.`);
      else check(child, here);
    });
  walk(group, '');
  return issues;
}
