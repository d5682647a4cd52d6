// The field-type registry, built per engine instance from the definitions.
import type { FieldType } from '../schema';
import type { FieldTypeDef } from './types';
import { scalarTypes } from './scalar';
import { choiceTypes } from './choice';
import { complexTypes } from './complex';

export type { FieldTypeDef, JsonSchema } from './types';

export const BUILTIN_FIELD_TYPES: readonly FieldTypeDef[] = [...scalarTypes, ...choiceTypes, ...complexTypes];

export type FieldRegistry = ReadonlyMap<FieldType, FieldTypeDef>;

export function createFieldRegistry(defs: readonly FieldTypeDef[] = BUILTIN_FIELD_TYPES): FieldRegistry {
  return new Map(defs.map((d) => [d.type, d]));
}

export function isEmptyValue(def: FieldTypeDef | undefined, value: unknown): boolean {
  if (def?.isEmpty) return def.isEmpty(value);
  return value === null || value === undefined || value === '';
}
