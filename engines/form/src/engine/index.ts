// createFormEngine: one engine per tenant or process — its own ajv, formula functions and
// field types (no module-level registries) and a cache of compiled forms per schema version.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FormSchema, Locale, Logic } from '../schema';
import { createFormulaEngine, formatFormula, type FormulaEngine, type FunctionDef, type ParseResult } from '../formula';
import { BUILTIN_FIELD_TYPES, createFieldRegistry, type FieldTypeDef } from '../fields';
import { compileForm, type CompiledForm } from './compile';
import { createSchemaChecker, type CheckContext, type SchemaCheck } from './check';
import { formulaScope } from './scope';

export type { CompiledForm, RunContext, ProcessContext, ProcessResult, ValidationResult, CrossCheckQuery } from './compile';
export type { Issue, CheckContext, SchemaCheck } from './check';
export { parseSerialPattern, serialPeriodKey, formatSerial } from './serial';
export { formulaScope } from './scope';
export { validationMessage } from './messages';

export interface FormEngine {
  readonly formulas: FormulaEngine;
  checkSchema(input: unknown, ctx?: CheckContext): SchemaCheck;
  compile(schema: FormSchema): CompiledForm;
  /** Formula text as the analyst sees it (labels), for a field at top level or in a subform row. */
  formulaText(schema: FormSchema, logic: Logic, opts?: { locale?: Locale; rowOf?: string }): string;
  parseFormula(schema: FormSchema, text: string, opts?: { locale?: Locale; rowOf?: string }): ParseResult;
}

export interface FormEngineOptions {
  functions?: FunctionDef[];
  fieldTypes?: FieldTypeDef[];
  /** How many compiled forms to keep (least recently used go first). */
  cacheSize?: number;
}

export function createFormEngine(opts: FormEngineOptions = {}): FormEngine {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  addFormats(ajv, ['date', 'date-time', 'email', 'uri']);
  const formulas = createFormulaEngine({ functions: opts.functions });
  const registry = createFieldRegistry([...BUILTIN_FIELD_TYPES, ...(opts.fieldTypes ?? [])]);
  const byObject = new WeakMap<FormSchema, CompiledForm>();
  const byVersion = new Map<string, CompiledForm>();
  const limit = opts.cacheSize ?? 500;
  const checkSchema = createSchemaChecker(ajv, formulas);

  return {
    formulas,
    checkSchema,
    compile(schema) {
      const hit = byObject.get(schema);
      if (hit) return hit;
      const key = schema.version !== undefined ? `${schema.id}@${schema.version}` : undefined;
      const cached = key ? byVersion.get(key) : undefined;
      if (cached) {
        byVersion.delete(key!); // most recently used goes last
        byVersion.set(key!, cached);
        byObject.set(schema, cached);
        return cached;
      }
      const compiled = compileForm(schema, ajv, formulas, registry);
      byObject.set(schema, compiled);
      if (key) {
        byVersion.set(key, compiled);
        if (byVersion.size > limit) {
          const oldest = byVersion.keys().next().value as string;
          // ajv keeps every schema it compiled; let go of the evicted one's too.
          ajv.removeSchema(byVersion.get(oldest)!.jsonSchema);
          byVersion.delete(oldest);
        }
      }
      return compiled;
    },
    formulaText: (schema, logic, o = {}) => formatFormula(logic, formulaScope(schema, o.rowOf), o.locale),
    parseFormula: (schema, text, o = {}) => formulas.parse(text, formulaScope(schema, o.rowOf), o.locale),
  };
}
