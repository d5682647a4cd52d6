// Conditions: what the rule builder edits (field, operator, value, in and/or groups) and the
// json-logic it stores. Pure: the designer's rule builder uses it now; list filters and
// permission scopes will share the same operators table. Which operators a field offers, and
// what it compares, are facts of its type (FieldTypeDef.operators / target) in the registry of
// the engine the conditions belong to (engine.conditions); the operators live in ./operators,
// one family a file.
import type { FormSchema, Field, Locale, Logic } from '../schema';
import { createFieldRegistry, fieldOperators, fieldTarget, type FieldRegistry } from '../fields';
import { conditionFields } from './fields';
import { operation } from './logic';
import { BUILTIN_OPERATORS } from './operators';
import { validateWith } from './validate';
import type { Condition, ConditionField, ConditionGroup, ConditionIssue, FieldOf, OperatorDef, TargetOf } from './types';

export type { Condition, ConditionField, ConditionGroup, ConditionIssue, ConditionValue, FieldOf, OperatorDef, TargetOf, ValueKind } from './types';
export { BUILTIN_OPERATORS } from './operators';

export interface Conditions {
  readonly operators: readonly OperatorDef[];
  /** The operators a field offers, in the order its type lists them. */
  operatorsFor(field: Field): OperatorDef[];
  /** undefined for an empty group; a group of one condition is that condition alone. */
  toLogic(group: ConditionGroup, field: FieldOf): Logic | undefined;
  /** null when the logic is not what the builder writes (the designer shows it read-only). */
  fromLogic(logic: Logic, field: FieldOf): ConditionGroup | null;
  /**
   * Every data field a condition can test (a type offering operators: not files, signatures,
   * places or subforms). Inside a subform row (`rowOf`), the row's siblings come first, as
   * `$row.<id>`, then the top-level fields.
   */
  fields(schema: Pick<FormSchema, 'fields'>, opts?: { rowOf?: string }): ConditionField[];
  /**
   * Problems to mark in the builder, each at its place in the group (`children[0].value`):
   * unknown fields and operators, operators the field's type does not offer, missing or invalid values.
   */
  validate(group: ConditionGroup, field: FieldOf, locale?: Locale): ConditionIssue[];
}

export interface ConditionsOptions {
  /** The field types whose operators and targets count; an engine passes its own (engine.conditions). */
  registry?: FieldRegistry;
  /** Operators given replace built-in ones of the same id, else come after them. */
  operators?: OperatorDef[];
}

/** A condition on a field that does not exist is still written (as on text), for the designer to flag. */
const unknownField = (path: string): Field => ({ id: path, type: 'text', label: path });

export function createConditions(opts: ConditionsOptions = {}): Conditions {
  const registry = opts.registry ?? createFieldRegistry();
  const byId = new Map<string, OperatorDef>();
  for (const op of [...BUILTIN_OPERATORS, ...(opts.operators ?? [])]) byId.set(op.id, op);
  const operators = [...byId.values()];
  const operatorsOf = (field: Field) => fieldOperators(field, registry);
  const targetOf: TargetOf = (field) => fieldTarget(field, registry);
  const operatorsFor = (field: Field) => operatorsOf(field).flatMap((id) => byId.get(id) ?? []);

  function nodeLogic(node: Condition | ConditionGroup, fieldOf: FieldOf, top: boolean): Logic | undefined {
    if (node.kind === 'condition') {
      // An unknown operator cannot be written; validate() reports it.
      return byId.get(node.op)?.toLogic(node.field, node.value, targetOf(fieldOf(node.field) ?? unknownField(node.field)));
    }
    const parts = node.children.map((c) => nodeLogic(c, fieldOf, false)).filter((l) => l !== undefined);
    if (parts.length === 0) return undefined;
    return top && parts.length === 1 ? parts[0] : { [node.combinator]: parts };
  }

  function readCondition(logic: Logic, fieldOf: FieldOf): Condition | null {
    for (const op of operators) {
      const found = op.fromLogic(logic, fieldOf, targetOf);
      if (!found) continue;
      // Several operators write alike on different types ("is empty" on a list, "is no" on a
      // switch): the field's type decides. A field that no longer exists takes the first.
      const field = fieldOf(found.path);
      if (field && !operatorsOf(field).includes(op.id)) continue;
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
    fields: (schema, o = {}) => conditionFields(schema, (f) => operatorsOf(f).length > 0, o),
    validate: (group, fieldOf, locale = 'zh-CN') => validateWith({ operators: byId, operatorsOf, targetOf }, group, fieldOf, locale),
  };
}
