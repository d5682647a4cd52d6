// json-logic → nested closures, built once per formula so evaluating a record walks no tree.
// The standard json-logic operations behave as json-logic-js does (rules from the condition
// builder use them); arithmetic, comparisons and the Excel-named operators ("=", "<>", "&",
// "^") follow Excel: blanks are 0, a date plus a number is a date, x/0 is #DIV/0!.
import { clean15 } from '../numbers';
import { dayNumber, isDateOnly, isIsoDatetime, localSerial } from '../dates';
import type { Logic } from '../schema';
import type { FunctionDef } from './functions/types';
import { compare, DateValue, DIV0, FormulaError, isBlank, NUM, toBool, toNumber, toText, VALUE, type Value } from './values';

export interface EvalContext {
  data: Record<string, unknown>;
  row?: Record<string, unknown>;
  now: Date;
  timeZone: string;
  vars?: Record<string, unknown>;
}

export type Compiled = (ctx: EvalContext) => Value;

export interface CompileOptions {
  /** The field type behind a var path, so date fields become dates inside formulas. */
  typeOf?: (path: string) => string | undefined;
}

function getPath(root: unknown, parts: string[], from = 0): unknown {
  let cur = root;
  for (let i = from; i < parts.length; i++) {
    if (cur === null || cur === undefined) return null;
    const key = parts[i];
    if (Array.isArray(cur) && !/^\d+$/.test(key)) {
      const rest = parts;
      return cur.map((item) => getPath(item, rest, i));
    }
    if (typeof cur !== 'object') return null;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur === undefined ? null : cur;
}

function asDate(v: unknown, ctx: EvalContext): unknown {
  if (isDateOnly(v)) return new DateValue(dayNumber(v));
  if (isIsoDatetime(v)) return new DateValue(localSerial(new Date(v), ctx.timeZone), true);
  if (Array.isArray(v)) return v.map((x) => asDate(x, ctx));
  return v;
}

function truthy(v: unknown): boolean {
  // json-logic truthiness: empty arrays are falsy, "0" is truthy.
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof DateValue) return true;
  if (v instanceof FormulaError) return false;
  return !!v;
}

type Arith = (a: number, b: number) => number | FormulaError;
function arith(a: Value, b: Value, f: Arith, dateResult: boolean): Value {
  if (typeof a === 'number' && typeof b === 'number' && !dateResult) {
    const r = f(a, b);
    return typeof r === 'number' ? (Number.isFinite(r) ? clean15(r) : NUM) : r;
  }
  const x = toNumber(a);
  if (x instanceof FormulaError) return x;
  const y = toNumber(b);
  if (y instanceof FormulaError) return y;
  const r = f(x, y);
  if (r instanceof FormulaError) return r;
  if (!Number.isFinite(r)) return NUM;
  const out = clean15(r);
  return dateResult ? new DateValue(out, (a as DateValue).hasTime || (b instanceof DateValue && b.hasTime)) : out;
}

const add: Arith = (x, y) => x + y;
const sub: Arith = (x, y) => x - y;
const mul: Arith = (x, y) => x * y;
const div: Arith = (x, y) => (y === 0 ? DIV0 : x / y);

function looseEquals(a: unknown, b: unknown): boolean {
  // json-logic-js uses JavaScript's ==.
  return (a as never) == (b as never);
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

    if (op === 'var') {
      const pathLogic = rawArgs[0];
      const fallback = rawArgs.length > 1 ? compile(rawArgs[1], opts) : null;
      if (typeof pathLogic === 'string' || typeof pathLogic === 'number' || pathLogic === undefined || pathLogic === null) {
        const path = pathLogic === undefined || pathLogic === null ? '' : String(pathLogic);
        const parts = path === '' ? [] : path.split('.');
        const inRow = parts[0] === '$row';
        const inVars = parts[0]?.startsWith('$') && !inRow;
        const type = opts.typeOf?.(path);
        const dated = type === 'date' || type === 'datetime';
        if (parts.length === 1 && !inVars && !dated && !fallback) {
          const key = parts[0];
          return (ctx) => {
            const v = ctx.data?.[key];
            return (v === undefined ? null : v) as Value;
          };
        }
        if (parts.length === 2 && inRow && !dated && !fallback) {
          const key = parts[1];
          return (ctx) => {
            const v = ctx.row?.[key];
            return (v === undefined ? null : v) as Value;
          };
        }
        return (ctx) => {
          const root = inRow ? ctx.row : inVars ? ctx.vars : ctx.data;
          let v = parts.length === 0 ? root : inVars ? getPath(ctx.vars, [parts[0], ...parts.slice(1)]) : getPath(root, parts, inRow ? 1 : 0);
          if ((v === null || v === undefined) && fallback) v = fallback(ctx);
          return (dated ? asDate(v, ctx) : v ?? null) as Value;
        };
      }
      const dyn = compile(pathLogic, opts);
      return (ctx) => {
        const p = String(dyn(ctx) ?? '');
        const v = p === '' ? ctx.data : getPath(ctx.data, p.split('.'));
        return (v ?? (fallback ? fallback(ctx) : null)) as Value;
      };
    }

    const fn = byName.get(op);
    if (fn) {
      const args = rawArgs.map((a) => compile(a, opts));
      if (fn.lazy) {
        return (ctx) => fn.fn(args.map((a) => () => a(ctx)), ctx);
      }
      return (ctx) => fn.fn(args.map((a) => a(ctx)), ctx);
    }

    const args = rawArgs.map((a) => compile(a, opts));
    const [a0, a1, a2] = args;
    switch (op) {
      case '+':
        if (args.length === 1) return (ctx) => toNumber(a0(ctx));
        if (args.length === 2)
          return (ctx) => {
            const x = a0(ctx);
            const y = a1(ctx);
            const xd = x instanceof DateValue;
            const yd = y instanceof DateValue;
            return arith(isBlank(x) ? 0 : x, y, add, xd !== yd);
          };
        return (ctx) => {
          let acc: Value = a0 ? a0(ctx) : 0;
          if (isBlank(acc)) acc = 0;
          for (let i = 1; i < args.length; i++) {
            const b = args[i](ctx);
            acc = arith(acc, b, add, acc instanceof DateValue !== b instanceof DateValue && (acc instanceof DateValue || b instanceof DateValue));
            if (acc instanceof FormulaError) return acc;
          }
          return args.length === 1 ? toNumber(acc) : acc;
        };
      case '-':
        if (args.length === 1) return (ctx) => arith(0, a0(ctx), sub, false);
        return (ctx) => {
          const x = a0(ctx);
          const y = a1(ctx);
          return arith(x, y, sub, x instanceof DateValue && !(y instanceof DateValue));
        };
      case '*':
        if (args.length === 2) return (ctx) => arith(a0(ctx), a1(ctx), mul, false);
        return (ctx) => args.reduce<Value>((acc, a) => (acc instanceof FormulaError ? acc : arith(acc, a(ctx), mul, false)), 1);
      case '/':
        return (ctx) => arith(a0(ctx), a1(ctx), div, false);
      case '%':
        return (ctx) => arith(a0(ctx), a1(ctx), (x, y) => (y === 0 ? DIV0 : x % y), false);
      case '^':
        return (ctx) => arith(a0(ctx), a1(ctx), (x, y) => Math.pow(x, y), false);
      case '&':
      case 'cat':
        return (ctx) => {
          let s = '';
          for (const a of args) {
            const t = toText(a(ctx));
            if (t instanceof FormulaError) return op === '&' ? t : s;
            s += t;
          }
          return s;
        };
      case '=':
      case '<>':
        return (ctx) => {
          const x = a0(ctx);
          const y = a1(ctx);
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
          const x = a0(ctx);
          const y = a1(ctx);
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
        return (ctx) => {
          const names = args.flatMap((a) => {
            const v = a(ctx);
            return Array.isArray(v) ? v : [v];
          });
          return names.filter((n) => isBlank(getPath(ctx.data, String(n).split('.')))) as Value;
        };
      case 'missing_some':
        return (ctx) => {
          const need = Number(a0(ctx));
          const names = (a1(ctx) as unknown[]) ?? [];
          const missing = names.filter((n) => isBlank(getPath(ctx.data, String(n).split('.'))));
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

  return { compile, hasFunction: (name: string) => byName.has(name) };
}

export { VALUE };
