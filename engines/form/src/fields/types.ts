// One field type's behaviour: the JSON Schema of its value, how input is coerced, what counts
// as empty, and whether users enter it or the engine/server fills it.
import type { Field, FieldType } from '../schema';

export type JsonSchema = Record<string, unknown>;

export interface FieldTypeDef<T extends FieldType = FieldType> {
  type: T;
  /** JSON Schema of the value (null is always allowed: "not filled"). */
  valueSchema(field: Extract<Field, { type: T }>, child: (f: Field) => JsonSchema | null): JsonSchema;
  /** Harmless normalisation of user input (numeric text → number, trimming). */
  coerce?(value: unknown, field: Extract<Field, { type: T }>): unknown;
  /** Filled by the engine (formula) or the server (serial, lookup): user input is ignored. */
  computed?: boolean;
  isEmpty?(value: unknown): boolean;
}

export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

/** Declares a field type with its value narrowed to that type's field. */
export function defineFieldType<T extends FieldType>(def: FieldTypeDef<T>): FieldTypeDef {
  return def as unknown as FieldTypeDef;
}
