// json-logic → nested closures, built once per formula so evaluating a record walks no tree.
// One evaluator for formulas and rules; CompileOptions.semantics picks what a few operators
// mean. Formulas (the default): arithmetic, comparisons and the Excel-named operators ("=",
// "<>", "&", "^") follow Excel: blanks are 0, text ranks above numbers, a date plus a number is
// a date, x/0 is #DIV/0!. Rules: those operators behave as json-logic-js does (rule.ts says
// which and why). Every other standard json-logic operation behaves as json-logic-js in both.
import type { Logic } from '../schema';
import type { FunctionDef } from './functions/types';
import { arith, div, excelAdd, excelSubtract, excelSum, mul, power } from './arith';
import { compileRuleOperation } from './rule';
import { capText, compare, DateValue, DIV0, FormulaError, isBlank, mayFit, toBool, toDateValue, toNumber, toText, VALUE, type Value } from './values';

/** A comparison's operand: a column of one row is its value; a column of more or none is #VALUE!, as Excel's one cell cannot hold it. */
const single = (v: Value): Value => (Array.isArray(v) ? (v.length === 1 ? (v[0] as Value) : VALUE) : v);

export interface EvalContext {
  data: Record<string, unknown>;
  row?: Record<string, unknown>;
  now: Date;
  timeZone: string;
  vars?: Record<string, unknown>;
}

export type Compiled = (ctx: EvalContext) => Value;

export interface CompileOptions {
  /** The field type behind a var path, so date fields become dates inside formulas and rules. */
  typeOf?: (path: string) => string | undefined;
  /**
   * 'formula' (default): Excel's comparisons and arithmetic. 'rule': json-logic-js's, for
   * visibility, required-when, checks and anything else the rule builder writes.
   */
  semantics?: 'formula' | 'rule';
}

/**
 * The value at a path, or undefined where json-logic-js finds nothing (a missing key, or null on
 * the way). A name that is not an index, applied to a list, maps over it: `lines.qty` is the
 * subform's column.
 */
function lookup(root: unknown, parts: string[], from = 0): unknown {
  let cur = root;
  for (let i = from; i < parts.length; i++) {
    // Nothing is read in a blank, and nothing in a number or a text ("lot.length" is no field).
    if (cur === null || typeof cur !== 'object') return undefined;
    const key = parts[i];
    if (Array.isArray(cur) && !/^\d+$/.test(key)) return cur.map((item) => lookup(item, parts, i) ?? null);
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** A var path read from the record, the current subform row (`$row.x`) or the run's variables (`$source`). */
function readPath(ctx: EvalContext, path: string): unknown {
  if (path === '') return ctx.data;
  const parts = path.split('.');
  if (parts[0] === '$row') return lookup(ctx.row, parts, 1);
  if (parts[0].startsWith('$')) return lookup(ctx.vars, parts);
  return lookup(ctx.data, parts);
}

/** A date field's value as a date; blank text as null, so no comparison takes it for a text. */
function asDate(v: unknown, ctx: EvalContext): unknown {
  if (Array.isArray(v)) return v.map((x) => asDate(x, ctx));
  if (v === '') return null;
  return toDateValue(v, ctx.timeZone) ?? v;
}

function truthy(v: unknown): boolean {
  // json-logic truthiness: empty arrays are falsy, "0" is truthy.
  if (Array.isArray(v)) return v.length > 0;
  // Stryker disable next-line ConditionalExpression: a date is an object, which !!v below finds true as well
  if (v instanceof DateValue) return true;
  if (v instanceof FormulaError) return false;
  return !!v;
}

function looseEquals(a: unknown, b: unknown): boolean {
  // json-logic-js uses JavaScript's ==.
  return (a as never) == (b as never);
}

/** The keys `missing` checks: json-logic-js takes a list as its first argument, else the arguments. */
function missingKeys(values: unknown[]): unknown[] {
  return Array.isArray(values[0]) ? values[0] : values;
}

function isVar(l: Logic): boolean {
  return l !== null && typeof l === 'object' && !Array.isArray(l) && Object.keys(l).length === 1 && 'var' in l;
}

/** A field read as a one-cell range: Excel's SUM(A1) skips text in A1 where SUM("3") adds 3. */
function asRange(c: Compiled): Compiled {
  return (ctx) => {
    const v = c(ctx);
    return Array.isArray(v) ? v : [v];
  };
}

export function createCompiler(functions: readonly FunctionDef[]) {
  const byName = new Map(functions.map((f) => [f.name, f]));

  function compile(logic: Logic, opts: CompileOptions = {}): Compiled {
    if (Array.isArray(logic)) {
      const items = logic.map((l) => compile(l, opts));
      return (ctx) => items.map((c) => c(ctx));
    }
    if (logic === null || typeof logic !== 'object') {
      const constant = (logic === undefined ? null : logic) as Value;
      return () => constant;
    }
    const keys = Object.keys(logic);
    if (keys.length !== 1) {
      // Not an operation: a literal object (json-logic returns it as is).
      const constant = logic as unknown as Value;
      return () => constant;
    }
    const op = keys[0];
    const raw = (logic as Record<string, unknown>)[op];
    const rawArgs: Logic[] = Array.isArray(raw) ? raw : [raw];

    const rule = opts.semantics === 'rule';
    if (op === 'var') {
      const pathLogic = rawArgs[0];
      const fallback = rawArgs.length > 1 ? compile(rawArgs[1], opts) : null;
      // json-logic-js gives the default only for a value that is not there; formulas also for a blank.
      const absent = rule ? (v: unknown) => v === undefined : (v: unknown) => v === null || v === undefined;
      // Stryker disable next-line ConditionalExpression: the dynamic path below also reads a null path as the whole item
      if (typeof pathLogic === 'string' || typeof pathLogic === 'number' || pathLogic === undefined || pathLogic === null) {
        const path = pathLogic === undefined || pathLogic === null ? '' : String(pathLogic);
        // The parts only pick a fast path below; readPath splits the path itself.
        // Stryker disable next-line StringLiteral: speed only (above)
        const parts = path === '' ? [] : path.split('.');
        // Stryker disable next-line ConditionalExpression,StringLiteral: speed only: a $row path not taken for one is read by readPath
        const inRow = parts[0] === '$row';
        const inVars = parts[0]?.startsWith('$') && !inRow;
        const type = opts.typeOf?.(path);
        const dated = type === 'date' || type === 'datetime';
        if (parts.length === 1 && !inVars && !dated && !fallback) {
          const key = parts[0];
          return (ctx) => {
            // Stryker disable next-line OptionalChaining: the type asks for data; like readPath, a run without any reads blanks
            const v = ctx.data?.[key];
            return (v === undefined ? null : v) as Value;
          };
        }
        // Stryker disable next-line BlockStatement,ConditionalExpression: fast path; readPath below reads a row object's key the same
        if (parts.length === 2 && inRow && !dated && !fallback) {
          const key = parts[1];
          return (ctx) => {
            const v = ctx.row?.[key];
            return (v === undefined ? null : v) as Value;
          };
        }
        return (ctx) => {
          let v = readPath(ctx, path);
          if (fallback && absent(v)) v = fallback(ctx);
          if (v === undefined) v = null;
          return (dated ? asDate(v, ctx) : v) as Value;
        };
      }
      const dyn = compile(pathLogic, opts);
      return (ctx) => {
        const p = String(dyn(ctx) ?? '');
        let v = p === '' ? ctx.data : lookup(ctx.data, p.split('.'));
        if (fallback && absent(v)) v = fallback(ctx);
        return (v ?? null) as Value;
      };
    }

    const fn = byName.get(op);
    if (fn) {
      const args = rawArgs.map((a) => (fn.referencesAsRanges && isVar(a) ? asRange(compile(a, opts)) : compile(a, opts)));
      if (fn.lazy) {
        return (ctx) => fn.fn(args.map((a) => () => a(ctx)), ctx);
      }
      return (ctx) => fn.fn(args.map((a) => a(ctx)), ctx);
    }

    const args = rawArgs.map((a) => compile(a, opts));
    if (rule) {
      const ruleOp = compileRuleOperation(op, args);
      if (ruleOp) return ruleOp;
    }
    const [a0, a1, a2] = args;
    switch (op) {
      case '+':
        // Stryker disable next-line ConditionalExpression: excelSum of one value is toNumber of it
        if (args.length === 1) return (ctx) => toNumber(a0(ctx));
        // Stryker disable next-line ConditionalExpression: excelSum of two values is excelAdd of them
        if (args.length === 2) return (ctx) => excelAdd(a0(ctx), a1(ctx));
        return (ctx) => excelSum(args.map((a) => a(ctx)));
      case '-':
        if (args.length === 1) return (ctx) => excelSubtract(0, a0(ctx));
        return (ctx) => excelSubtract(a0(ctx), a1(ctx));
      case '*':
        if (args.length === 2) return (ctx) => arith(a0(ctx), a1(ctx), mul, false);
        return (ctx) => args.reduce<Value>((acc, a) => (acc instanceof FormulaError ? acc : arith(acc, a(ctx), mul, false)), 1);
      case '/':
        return (ctx) => arith(a0(ctx), a1(ctx), div, false);
      case '%':
        return (ctx) => arith(a0(ctx), a1(ctx), (x, y) => (y === 0 ? DIV0 : x % y), false);
      case '^':
        return (ctx) => arith(a0(ctx), a1(ctx), power, false);
      case '&':
      case 'cat':
        return (ctx) => {
          let s = '';
          for (const a of args) {
            const t = toText(a(ctx));
            if (t instanceof FormulaError) return t;
            // Past Excel's 32,767 characters a join is #VALUE!: no step builds more than that.
            if (!mayFit(s.length + t.length)) return VALUE;
            s += t;
          }
          return capText(s);
        };
      case '=':
      case '<>':
        return (ctx) => {
          const x = single(a0(ctx));
          const y = single(a1(ctx));
          if (x instanceof FormulaError) return x;
          if (y instanceof FormulaError) return y;
          return (compare(x, y) === 0) === (op === '=');
        };
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const test = { '<': (c: number) => c < 0, '<=': (c: number) => c <= 0, '>': (c: number) => c > 0, '>=': (c: number) => c >= 0 }[op];
        if (args.length === 3) return (ctx) => test(compare(a0(ctx), a1(ctx))) && test(compare(a1(ctx), a2(ctx)));
        return (ctx) => {
          const x = single(a0(ctx));
          const y = single(a1(ctx));
          if (x instanceof FormulaError) return x;
          if (y instanceof FormulaError) return y;
          return test(compare(x, y));
        };
      }
      case '==':
        return (ctx) => looseEquals(a0(ctx), a1(ctx));
      case '!=':
        return (ctx) => !looseEquals(a0(ctx), a1(ctx));
      case '===':
        return (ctx) => a0(ctx) === a1(ctx);
      case '!==':
        return (ctx) => a0(ctx) !== a1(ctx);
      case '!':
        return (ctx) => !truthy(a0(ctx));
      case '!!':
        return (ctx) => truthy(a0(ctx));
      case 'and':
        return (ctx) => {
          let v: Value = true;
          for (const a of args) if (!truthy((v = a(ctx)))) return v;
          return v;
        };
      case 'or':
        return (ctx) => {
          let v: Value = false;
          for (const a of args) if (truthy((v = a(ctx)))) return v;
          return v;
        };
      case 'if':
      case '?:':
        return (ctx) => {
          let i = 0;
          for (; i + 1 < args.length; i += 2) if (truthy(args[i](ctx))) return args[i + 1](ctx);
          return i < args.length ? args[i](ctx) : null;
        };
      case 'max':
      case 'min':
        return (ctx) => {
          const vals = args.map((a) => Number(a(ctx)));
          if (vals.length === 0) return null;
          return op === 'max' ? Math.max(...vals) : Math.min(...vals);
        };
      case 'in':
        return (ctx) => {
          const hay = a1(ctx);
          const needle = a0(ctx);
          if (Array.isArray(hay)) return hay.includes(needle);
          if (typeof hay === 'string') return hay.includes(String(needle));
          return false;
        };
      case 'substr':
        return (ctx) => {
          const s = String(a0(ctx) ?? '');
          let start = Number(a1(ctx));
          if (start < 0) start = Math.max(0, s.length + start);
          if (!a2) return s.slice(start);
          const len = Number(a2(ctx));
          return len < 0 ? s.slice(start, s.length + len) : s.slice(start, start + len);
        };
      case 'merge':
        return (ctx) => args.flatMap((a) => {
          const v = a(ctx);
          return Array.isArray(v) ? v : [v];
        });
      case 'missing':
        return (ctx) => missingKeys(args.map((a) => a(ctx))).filter((k) => isBlank(readPath(ctx, String(k)))) as Value;
      case 'missing_some':
        return (ctx) => {
          const need = Number(a0(ctx));
          const names = (a1(ctx) as unknown[]) ?? [];
          const missing = names.filter((n) => isBlank(readPath(ctx, String(n))));
          return (names.length - missing.length >= need ? [] : missing) as Value;
        };
      case 'map':
      case 'filter':
      case 'all':
      case 'some':
      case 'none': {
        const body = compile(rawArgs[1], opts);
        return (ctx) => {
          const list = a0(ctx);
          if (!Array.isArray(list)) return op === 'map' || op === 'filter' ? [] : op === 'none';
          const run = (item: unknown) => body({ ...ctx, data: item as Record<string, unknown> });
          if (op === 'map') return list.map(run);
          if (op === 'filter') return list.filter((i) => truthy(run(i)));
          if (op === 'all') return list.length > 0 && list.every((i) => truthy(run(i)));
          if (op === 'some') return list.some((i) => truthy(run(i)));
          return !list.some((i) => truthy(run(i)));
        };
      }
      case 'reduce': {
        const body = compile(rawArgs[1], opts);
        // Stryker disable next-line ConditionalExpression, EqualityOperator: compile(undefined) is a constant null too
        const init = rawArgs.length > 2 ? compile(rawArgs[2], opts) : () => null;
        return (ctx) => {
          const list = a0(ctx);
          let acc = init(ctx);
          if (!Array.isArray(list)) return acc;
          for (const current of list) acc = body({ ...ctx, data: { current, accumulator: acc } as Record<string, unknown> });
          return acc;
        };
      }
      case 'log':
        return (ctx) => a0(ctx);
      case 'not':
        return (ctx) => {
          const b = toBool(a0(ctx));
          return b instanceof FormulaError ? b : !b;
        };
      default:
        return () => new FormulaError('#NAME?', op);
    }
  }

  return { compile };
}

export { VALUE };
