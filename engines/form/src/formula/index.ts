// The formula language: parse (text → json-logic by field id), format (back to labels),
// compile (json-logic → closures) and the function library.
import type { Locale, Logic } from '../schema';
import { createCompiler, type CompileOptions, type Compiled, type EvalContext } from './compile';
import { mathFunctions } from './functions/math';
import { aggregateFunctions } from './functions/aggregate';
import { logicFunctions } from './functions/logic';
import { textFunctions } from './functions/text';
import { dateFunctions } from './functions/date';
import type { FunctionDef } from './functions/types';
import { arityProblem, parseFormula as parseWith, type FormulaScope, type ParseResult } from './parser';
import { errorMessage, type FormulaSyntaxError } from './messages';

export type { FormulaScope, ScopeField, ParseResult } from './parser';
export { MAX_FORMULA_NESTING } from './parser';
export type { FormulaSyntaxError };
export type { FunctionDef } from './functions/types';
export type { EvalContext, Compiled, CompileOptions } from './compile';
export { formatFormula } from './format';
export { FormulaError, DateValue, isFormulaError, capText, MAX_TEXT, type Value } from './values';

/** Every built-in function, in documentation order. */
export const BUILTIN_FUNCTIONS: readonly FunctionDef[] = [...mathFunctions, ...aggregateFunctions, ...logicFunctions, ...textFunctions, ...dateFunctions];

export interface FormulaEngine {
  readonly functions: readonly FunctionDef[];
  parse(text: string, scope: FormulaScope, locale?: Locale): ParseResult;
  compile(logic: Logic, opts?: CompileOptions): Compiled;
  evaluate(logic: Logic, ctx: EvalContext, opts?: CompileOptions): unknown;
}

export function createFormulaEngine(opts: { functions?: readonly FunctionDef[] } = {}): FormulaEngine {
  const functions = [...BUILTIN_FUNCTIONS, ...(opts.functions ?? [])];
  const compiler = createCompiler(functions);
  return {
    functions,
    parse: (text, scope, locale) => parseWith(text, scope, { locale, functions }),
    compile: (logic, o) => compiler.compile(logic, o),
    evaluate: (logic, ctx, o) => compiler.compile(logic, o)(ctx),
  };
}

/** Parses with the built-in functions. */
export function parseFormula(text: string, scope: FormulaScope, opts: { locale?: Locale; functions?: readonly FunctionDef[] } = {}): ParseResult {
  return parseWith(text, scope, { locale: opts.locale, functions: opts.functions ?? BUILTIN_FUNCTIONS });
}

/** The var paths a formula or rule reads ('qty', 'lines.amount', '$row.qty'). */
export function referencedFields(logic: Logic): string[] {
  const out = new Set<string>();
  const walk = (l: unknown) => {
    if (Array.isArray(l)) l.forEach(walk);
    else if (l && typeof l === 'object') {
      for (const [k, v] of Object.entries(l)) {
        if (k === 'var') {
          const p = Array.isArray(v) ? v[0] : v;
          if (typeof p === 'string' && p !== '') out.add(p);
        } else walk(v);
      }
    }
  };
  walk(logic);
  return [...out];
}

/**
 * Calls in stored logic with a number of arguments the function does not take: the parser refuses
 * them in typed formulas, and logic written by hand (or by an import) must be refused as well, or
 * it runs with arguments missing. Position and length are 0: logic has no text to point into.
 */
export function arityErrors(logic: Logic, functions: readonly FunctionDef[], locale: Locale = 'zh-CN'): FormulaSyntaxError[] {
  const byName = new Map(functions.map((f) => [f.name, f]));
  const out: FormulaSyntaxError[] = [];
  const walk = (l: unknown) => {
    if (Array.isArray(l)) l.forEach(walk);
    else if (l && typeof l === 'object') {
      const keys = Object.keys(l);
      const def = keys.length === 1 ? byName.get(keys[0]) : undefined;
      const v = (l as Record<string, unknown>)[keys[0]];
      if (def) {
        const params = arityProblem(def, Array.isArray(v) ? v.length : 1);
        if (params) out.push({ code: 'ARITY', message: errorMessage('ARITY', params, 0, locale), position: 0, length: 0, params });
      }
      for (const x of Object.values(l)) walk(x);
    }
  };
  walk(logic);
  return out;
}
