// What the rule builder edits: conditions (field, operator, value) in and/or groups. Stored as
// json-logic (Logic) and evaluated by the form engine in rule mode; read back with fromLogic.
import type { Field, I18nText, Logic } from '../schema';
import type { ConditionTarget } from '../fields';

export type ConditionValue = unknown;

export interface Condition {
  kind: 'condition';
  /** The tested field's path: 'qty' at top level, '$row.qty' for a sibling inside a subform row. */
  field: string;
  /** An operator id ('eq', 'contains', …). */
  op: string;
  value?: ConditionValue;
}

export interface ConditionGroup {
  kind: 'group';
  combinator: 'and' | 'or';
  children: Array<Condition | ConditionGroup>;
}

/**
 * What the value editor must collect: nothing, one value, several (a list of option values or
 * ids), a range `[from, to]` (both ends included), or a number of days.
 */
export type ValueKind = 'none' | 'one' | 'many' | 'range' | 'days';

/** Finds the field a condition path names. */
export type FieldOf = (path: string) => Field | undefined;

/** What a condition on a field compares (a fact of its type in the engine's registry). */
export type TargetOf = (field: Field) => ConditionTarget;

export interface OperatorDef {
  id: string;
  label: { 'zh-CN': string; 'en-US': string };
  value: ValueKind;
  /** The logic testing `path` against `value`, for a field that compares `target`. */
  toLogic(path: string, value: ConditionValue, target: ConditionTarget): Logic;
  /** The path and value when `logic` is this operator's, as toLogic writes it; else null. */
  fromLogic(logic: Logic, field: FieldOf, targetOf: TargetOf): { path: string; value: ConditionValue } | null;
}

export interface ConditionField {
  /** 'qty' at top level, '$row.qty' for a sibling inside a subform row. */
  path: string;
  field: Field;
  label: I18nText;
}

/** A problem with a condition, at its place in the group (`children[1].children[0].value`). */
export interface ConditionIssue {
  path: string;
  code: 'unknown_field' | 'unknown_operator' | 'operator_not_allowed' | 'missing_value' | 'invalid_value';
  message: string;
}
