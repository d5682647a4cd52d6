// One field type's behaviour: the JSON Schema of its value, how input is coerced, what counts
// as empty, whether users enter it or the engine/server fills it, how conditions and list
// filters test it, and what its stored value is (a list, file refs).
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
  /**
   * The condition operators (ids from ../conditions) a rule, a list filter or a permission scope
   * offers on this type, in the order the builder lists them; [] when conditions cannot test it.
   * A function when they depend on the field's settings (multiple, resultType).
   */
  operators: readonly string[] | ((field: Extract<Field, { type: T }>) => readonly string[]);
  /** What those operators compare; the stored value, as text, when not given. */
  target?: ConditionTarget | ((field: Extract<Field, { type: T }>) => ConditionTarget);
  /** The stored value is a list (options, files, rows, several members): filled when it has an item. */
  list?: boolean | ((field: Extract<Field, { type: T }>) => boolean);
  /** The value is one or more refs (`{ id, name, … }`) to the file store. */
  files?: boolean;
  /**
   * The JSON type a list filter compares the stored value as, when it is not what the conditions
   * compare (numbers as numbers, booleans as booleans, the rest as text): 'any' for a value
   * copied from another field.
   */
  filterKind?: FilterKind;
}

/** The JSON type of a stored value, as a list filter compares it. */
export type FilterKind = 'string' | 'number' | 'boolean' | 'any';

/** What a condition on a field compares. */
export interface ConditionTarget {
  /** numbers compare as numbers (a blank or a non-number never matches), dates by day, the rest as stored. */
  kind: 'text' | 'number' | 'date' | 'boolean';
  /** The value is a list: several options, members, departments or related records. */
  many?: boolean;
  /** An object value is compared by this property: a related record by its display text. */
  property?: string;
}

/**
 * The schema that also accepts null. A plain typed schema gets "null" added to its type (every
 * keyword other than enum applies to one type only, so this means the same as anyOf and compiles
 * to half the code: it is most of what compiling a big form costs); enum gets null added too.
 */
export const nullable = (schema: JsonSchema): JsonSchema => {
  const s = schema as { type?: unknown; enum?: unknown[] } & Record<string, unknown>;
  // Stryker disable next-line MethodExpression,ArrayDeclaration,StringLiteral: no field type pairs a type with const, anyOf, oneOf, allOf, not or $ref; datetime's if/then lets null through either way
  const combined = ['const', 'anyOf', 'oneOf', 'allOf', 'not', 'if', '$ref'].some((k) => k in s);
  if (typeof s.type === 'string' && !combined) {
    return { ...s, type: [s.type, 'null'], ...(Array.isArray(s.enum) ? { enum: [...s.enum, null] } : {}) } as JsonSchema;
  }
  return { anyOf: [schema, { type: 'null' }] };
};

/** Declares a field type with its value narrowed to that type's field. */
export function defineFieldType<T extends FieldType>(def: FieldTypeDef<T>): FieldTypeDef {
  return def as unknown as FieldTypeDef;
}
