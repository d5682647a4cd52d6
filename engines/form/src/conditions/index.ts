// Conditions: what the rule builder edits (field, operator, value, in and/or groups) and the
// json-logic it stores. Pure: the designer's rule builder uses it now; list filters and
// permission scopes will share the same operators table. Which operators a field offers is a
// fact of its type (FieldTypeDef.operators); the operators live in ./operators, one family a file.
import type { Field, Locale, Logic } from '../schema';
import { fieldOperators } from '../fields';
import { operation } from './logic';
import { BUILTIN_OPERATORS } from './operators';
import { validateWith } from './validate';
import type { Condition, ConditionGroup, ConditionIssue, FieldOf, OperatorDef } from './types';

export type { Condition, ConditionField, ConditionGroup, ConditionIssue, ConditionValue, FieldOf, OperatorDef, ValueKind } from './types';
export { conditionFields } from './fields';
export { BUILTIN_OPERATORS } from './operators';

export interface Conditions {
  readonly operators: readonly OperatorDef[];
  /** The operators a field offers, in the order its type lists them. */
  operatorsFor(field: Field): OperatorDef[];
  /** undefined for an empty group; a group of one condition is that condition alone. */
  toLogic(group: ConditionGroup, field: FieldOf): Logic | undefined;
  /** null when the logic is not what the builder writes (the designer shows it read-only). */
  fromLogic(logic: Logic, field: FieldOf): ConditionGroup | null;
}

/** A condition on a field that does not exist is still written (as on text), for the designer to flag. */
const unknownField = (path: string): Field => ({ id: path, type: 'text', label: path });

export function createConditions(opts: { operators?: OperatorDef[] } = {}): Conditions {
  // Operators given replace built-in ones of the same id, else come after them.
  const byId = new Map<string, OperatorDef>();
  for (const op of [...BUILTIN_OPERATORS, ...(opts.operators ?? [])]) byId.set(op.id, op);
  const operators = [...byId.values()];
  const operatorsFor = (field: Field) => fieldOperators(field).flatMap((id) => byId.get(id) ?? []);

  function nodeLogic(node: Condition | ConditionGroup, fieldOf: FieldOf, top: boolean): Logic | undefined {
    if (node.kind === 'condition') {
      // An unknown operator cannot be written; validateConditions reports it.
      return byId.get(node.op)?.toLogic(node.field, node.value, fieldOf(node.field) ?? unknownField(node.field));
    }
    const parts = node.children.map((c) => nodeLogic(c, fieldOf, false)).filter((l) => l !== undefined);
    if (parts.length === 0) return undefined;
    return top && parts.length === 1 ? parts[0] : { [node.combinator]: parts };
  }

  function readCondition(logic: Logic, fieldOf: FieldOf): Condition | null {
    for (const op of operators) {
      const found = op.fromLogic(logic, fieldOf);
      if (!found) continue;
      // Several operators write alike on different types ("is empty" on a list, "is no" on a
      // switch): the field's type decides. A field that no longer exists takes the first.
      const field = fieldOf(found.path);
      if (field && !fieldOperators(field).includes(op.id)) continue;
      return { kind: 'condition', field: found.path, op: op.id, ...(found.value !== undefined ? { value: found.value } : {}) };
    }
    return null;
  }

  function readNode(logic: Logic, fieldOf: FieldOf): Condition | ConditionGroup | null {
    const condition = readCondition(logic, fieldOf);
    if (condition) return condition;
    const o = operation(logic);
    if (!o || (o.op !== 'and' && o.op !== 'or') || !Array.isArray((logic as Record<string, unknown>)[o.op])) return null;
    const children: Array<Condition | ConditionGroup> = [];
    for (const arg of o.args) {
      const child = readNode(arg, fieldOf);
      if (!child) return null;
      children.push(child);
    }
    return { kind: 'group', combinator: o.op, children };
  }

  return {
    operators,
    operatorsFor,
    toLogic: (group, fieldOf) => nodeLogic(group, fieldOf, true),
    fromLogic(logic, fieldOf) {
      if (logic === undefined) return { kind: 'group', combinator: 'and', children: [] };
      const node = readNode(logic, fieldOf);
      if (!node) return null;
      return node.kind === 'group' ? node : { kind: 'group', combinator: 'and', children: [node] };
    },
  };
}

/**
 * Problems to mark in the builder, each at its place in the group (`children[0].value`): unknown
 * fields and operators, operators the field's type does not offer, missing or invalid values.
 */
export function validateConditions(group: ConditionGroup, field: FieldOf, opts: { locale?: Locale; operators?: OperatorDef[] } = {}): ConditionIssue[] {
  const byId = new Map(createConditions({ operators: opts.operators }).operators.map((o) => [o.id, o]));
  return validateWith(byId, group, field, opts.locale ?? 'zh-CN');
}
