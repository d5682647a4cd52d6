// A JSON value checked against a route-style JSON schema when it arrives inside a request rather
// than as its body (an app package carries an app and its navigation): the ajv fastify checks
// bodies with, the same options, and every problem reported rather than the first.
import AjvCompiler from '@fastify/ajv-compiler';

/** Options of every body check: nothing coerced or removed (a wrong or unknown value is refused), `discriminator` for unions keyed by `type`. */
export const BODY_SCHEMA_OPTIONS = { useDefaults: true, removeAdditional: false as const, coerceTypes: false as const, discriminator: true };

/** One problem as ajv reports it: where in the value (JSON pointer), where in the schema, which keyword. */
export interface ShapeError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** [] when the value fits. */
export type ShapeCheck = (value: unknown) => ShapeError[];

type Validate = ((value: unknown) => boolean) & { errors?: ShapeError[] | null };

/** Compiles once (at module load or plugin start); the check never changes the value (no defaults filled in). */
export function compileShapeCheck(schema: object): ShapeCheck {
  const build = AjvCompiler()({}, { customOptions: { ...BODY_SCHEMA_OPTIONS, useDefaults: false, allErrors: true } });
  const validate = (build as unknown as (route: { schema: object }) => Validate)({ schema });
  return (value) => (validate(value) ? [] : [...(validate.errors ?? [])]);
}
