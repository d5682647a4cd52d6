// The field-type registry, built per engine instance from the definitions.
import type { Field, FieldType } from '../schema';
import type { ConditionTarget, FieldTypeDef, FilterKind } from './types';
import { scalarTypes } from './scalar';
import { choiceTypes } from './choice';
import { complexTypes } from './complex';

export type { FieldTypeDef, JsonSchema, ConditionTarget, FilterKind } from './types';
export { checkPattern, compilePattern, PATTERN_INPUT_LIMIT, type PatternCheck, type PatternMatcher, type PatternProblem } from './pattern';

export const BUILTIN_FIELD_TYPES: readonly FieldTypeDef[] = [...scalarTypes, ...choiceTypes, ...complexTypes];

export type FieldRegistry = ReadonlyMap<FieldType, FieldTypeDef>;

export function createFieldRegistry(defs: readonly FieldTypeDef[] = BUILTIN_FIELD_TYPES): FieldRegistry {
  return new Map(defs.map((d) => [d.type, d]));
}

export function isEmptyValue(def: FieldTypeDef | undefined, value: unknown): boolean {
  if (def?.isEmpty) return def.isEmpty(value);
  return value === null || value === undefined || value === '';
}

/** The condition operators a field offers in this registry, in display order ([] for a type conditions cannot test). */
export function fieldOperators(field: Field, registry: FieldRegistry): readonly string[] {
  const ops = registry.get(field.type)?.operators;
  return typeof ops === 'function' ? ops(field) : ops ?? [];
}

/** What a condition on the field compares. */
export function fieldTarget(field: Field, registry: FieldRegistry): ConditionTarget {
  return targetOf(field, registry.get(field.type));
}

function targetOf(field: Field, def: FieldTypeDef | undefined): ConditionTarget {
  const target = def?.target;
  return (typeof target === 'function' ? target(field) : target) ?? { kind: 'text' };
}

/** Whether the field's stored value is a list (`def`: its type, from engine.fieldType). */
export function storesList(field: Field, def: FieldTypeDef | undefined): boolean {
  const list = def?.list;
  return typeof list === 'function' ? list(field) : list === true;
}

/** The JSON type a list filter compares the field's stored value as (`def`: its type, from engine.fieldType). */
export function filterKindOf(field: Field, def: FieldTypeDef | undefined): FilterKind {
  if (def?.filterKind) return def.filterKind;
  const kind = targetOf(field, def).kind;
  return kind === 'number' ? 'number' : kind === 'boolean' ? 'boolean' : 'string';
}
