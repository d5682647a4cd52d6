// Formula text → json-logic stored by field id. Hand-written (tokenizer + precedence climbing)
// rather than a parser generator because analysts need errors that point at the character,
// and names are resolved against field labels in both languages while parsing.
//
// Excel's precedence, loosest first: comparisons (= <> < <= > >=), & (join text), + -, * /,
// ^, unary minus, postfix %. Operators whose Excel meaning differs from json-logic's are stored
// under their Excel names: "=" (case-insensitive equality), "<>", "&", "^"; + - * / < <= > >=
// keep json-logic's names and evaluate with Excel's coercions (blank is 0, date + n is a date).
import type { Locale, Logic } from '../schema';
import type { FunctionDef } from './functions/types';
import { errorMessage, type FormulaSyntaxError } from './messages';

/** What is wrong with calling `def` with `got` arguments (the ARITY error's params), or undefined. */
export function arityProblem(def: FunctionDef, got: number): Record<string, unknown> | undefined {
  const params = { name: def.name, min: def.minArgs, max: def.maxArgs, got };
  if (got < def.minArgs || got > def.maxArgs) return params;
  // Stryker disable next-line ArithmeticOperator: got + pairedAfter has the parity of got - pairedAfter
  if (def.pairedAfter !== undefined && (got - def.pairedAfter) % 2 !== 0) return { ...params, pairedAfter: def.pairedAfter };
  return undefined;
}

export interface ScopeField {
  id: string;
  labels: string[];
  type: string;
  children?: ScopeField[];
}

export interface FormulaScope {
  fields: ScopeField[];
  /** Set when the formula lives inside a subform row: siblings resolve to `$row.<id>`. */
  rowOf?: string;
}

export type ParseResult = { ok: true; logic: Logic; refs: string[] } | { ok: false; error: FormulaSyntaxError };

/**
 * How deeply a formula may nest: each parenthesis, function call, sign and operation is a level
 * (a + b + c is two). Stored as json-logic, a level is two levels of JSON, which the server takes
 * 256 deep; parsing and evaluating recurse, so a 5,000-character formula such as 1+1+…+1 could
 * otherwise overflow the stack. Far beyond what anyone types (Excel nests functions 64 deep).
 */
export const MAX_FORMULA_NESTING = 100;

type Tok =
  | { t: 'num'; v: number; pos: number; len: number }
  | { t: 'str'; v: string; pos: number; len: number }
  | { t: 'name'; v: string; pos: number; len: number }
  | { t: 'op'; v: string; pos: number; len: number }
  | { t: 'end'; pos: number; len: 0 };

class ParseFail extends Error {
  constructor(readonly error: FormulaSyntaxError) {
    super(error.message);
  }
}

const OPS = ['<=', '>=', '<>', '+', '-', '*', '/', '^', '&', '=', '<', '>', '(', ')', ',', '%'];
const NAME_STOP = /[\s+\-*/^&=<>(),%"[\]，（）]/;

function tokenize(text: string, fail: (code: FormulaSyntaxError['code'], pos: number, len: number, params?: Record<string, unknown>) => never): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === '“' || c === '”') {
      let j = i + 1;
      let s = '';
      for (;;) {
        // Stryker disable next-line EqualityOperator: at j = length no quote is read, the next turn fails the same
        if (j >= text.length) fail('SYNTAX', i, text.length - i, { reason: 'unclosed-string' });
        const d = text[j];
        if (d === '"' || d === '”' || d === '“') {
          if (text[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += d;
        j++;
      }
      toks.push({ t: 'str', v: s, pos: i, len: j + 1 - i });
      i = j + 1;
      continue;
    }
    if (c === '[') {
      const j = text.indexOf(']', i);
      // Stryker disable next-line EqualityOperator: a ']' is found after the '[' at i, never at 0
      if (j < 0) fail('SYNTAX', i, text.length - i, { reason: 'unclosed-bracket' });
      let name = text.slice(i + 1, j);
      let end = j + 1;
      // [明细].[金额] or [Line items].amount
      while (text[end] === '.') {
        if (text[end + 1] === '[') {
          const k = text.indexOf(']', end + 1);
          // Stryker disable next-line EqualityOperator: a ']' is found after the '.' at end, never at 0
          if (k < 0) fail('SYNTAX', end, text.length - end, { reason: 'unclosed-bracket' });
          name += '.' + text.slice(end + 2, k);
          end = k + 1;
        } else {
          let k = end + 1;
          while (k < text.length && !NAME_STOP.test(text[k])) k++;
          name += '.' + text.slice(end + 1, k);
          end = k;
        }
      }
      toks.push({ t: 'name', v: name, pos: i, len: end - i });
      i = end;
      continue;
    }
    // Stryker disable next-line StringLiteral: any fallback without a digit reads the same
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      // Stryker disable next-line Regex: the text starts with a digit or '.' and a digit, so the first match starts at 0 anyway
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i))!;
      toks.push({ t: 'num', v: Number(m[0]), pos: i, len: m[0].length });
      i += m[0].length;
      continue;
    }
    const full = c === '，' ? ',' : c === '（' ? '(' : c === '）' ? ')' : null;
    if (full) {
      toks.push({ t: 'op', v: full, pos: i, len: 1 });
      i++;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op) {
      toks.push({ t: 'op', v: op, pos: i, len: op.length });
      i += op.length;
      continue;
    }
    let j = i;
    while (j < text.length && !NAME_STOP.test(text[j])) j++;
    if (j === i) fail('SYNTAX', i, 1, { reason: 'unexpected', char: c });
    toks.push({ t: 'name', v: text.slice(i, j), pos: i, len: j - i });
    i = j;
  }
  toks.push({ t: 'end', pos: text.length, len: 0 });
  return toks;
}

const BINARY: Record<string, { prec: number; op: string; right?: boolean }> = {
  '=': { prec: 1, op: '=' },
  '<>': { prec: 1, op: '<>' },
  '<': { prec: 1, op: '<' },
  '<=': { prec: 1, op: '<=' },
  '>': { prec: 1, op: '>' },
  '>=': { prec: 1, op: '>=' },
  '&': { prec: 2, op: '&' },
  '+': { prec: 3, op: '+' },
  '-': { prec: 3, op: '-' },
  '*': { prec: 4, op: '*' },
  '/': { prec: 4, op: '/' },
  '^': { prec: 5, op: '^' },
};

function norm(s: string): string {
  // (Upper case would match the same names but for letters such as ß, whose upper case is two letters.)
  return s.trim().toLowerCase();
}

function findField(list: ScopeField[], name: string): ScopeField | undefined {
  const n = norm(name);
  return list.find((f) => norm(f.id) === n) ?? list.find((f) => f.labels.some((l) => norm(l) === n));
}

/** Resolves a name as typed to a stored var path, or undefined. */
export function resolveName(scope: FormulaScope, name: string): string | undefined {
  // Outside a row rowOf is undefined, which no field's id is.
  const sub = scope.fields.find((f) => f.id === scope.rowOf);
  const sibling = sub?.children && findField(sub.children, name);
  if (sibling) return `$row.${sibling.id}`;
  const direct = findField(scope.fields, name);
  if (direct) return direct.id;
  const dot = name.indexOf('.');
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the loop below tests k > 0 itself
  if (dot > 0) {
    // Stryker disable next-line EqualityOperator: k is a dot after the first character or -1, never 0
    for (let k = dot; k > 0; k = name.indexOf('.', k + 1)) {
      const parent = findField(scope.fields, name.slice(0, k));
      const child = parent?.children && findField(parent.children, name.slice(k + 1));
      if (child) return `${parent!.id}.${child.id}`;
      // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral,ArithmeticOperator: the loop's own test stops on the same -1
      if (name.indexOf('.', k + 1) < 0) break;
    }
  }
  return undefined;
}

export function parseFormula(text: string, scope: FormulaScope, opts: { locale?: Locale; functions?: readonly FunctionDef[] } = {}): ParseResult {
  const locale = opts.locale ?? 'zh-CN';
  const fnByName = new Map((opts.functions ?? []).map((f) => [f.name, f]));
  const refs = new Set<string>();
  // The nesting of each operation built so far (a field reference is 1, a constant 0).
  const nesting = new WeakMap<object, number>();
  const levelOf = (l: Logic): number => (l !== null && typeof l === 'object' ? nesting.get(l) ?? 1 : 0);
  const fail = (code: FormulaSyntaxError['code'], position: number, length: number, params: Record<string, unknown> = {}): never => {
    throw new ParseFail({ code, position, length, params, message: errorMessage(code, params, position, locale) });
  };
  try {
    // Stryker disable next-line Regex: only text whose first non-space is '=' is replaced, where the first match starts at 0 anyway
    const src = text.trimStart().startsWith('=') ? text.replace(/^\s*=/, (m) => ' '.repeat(m.length)) : text;
    if (!src.trim()) fail('SYNTAX', 0, 0, { reason: 'empty' });
    const toks = tokenize(src, fail);
    let p = 0;
    const peek = () => toks[p];
    const next = () => toks[p++];
    const expectOp = (v: string) => {
      const t = next();
      if (t.t !== 'op' || t.v !== v) fail('SYNTAX', t.pos, t.len, { reason: 'expected', expected: v, got: t.t === 'end' ? 'end' : (t as { v: unknown }).v });
    };

    const tooDeep = (t: Tok): never => fail('SYNTAX', t.pos, t.len, { reason: 'too-deep', max: MAX_FORMULA_NESTING });
    const op = (name: string, args: Logic[], at: Tok): Logic => {
      const level = 1 + args.reduce<number>((m, a) => Math.max(m, levelOf(a)), 0);
      if (level > MAX_FORMULA_NESTING) tooDeep(at);
      const made = { [name]: args };
      nesting.set(made, level);
      return made;
    };
    let open = 0; // parentheses, calls and signs being read (each is a recursion)
    const primary = (): Logic => {
      if (++open > MAX_FORMULA_NESTING) tooDeep(peek());
      try {
        return atom();
      } finally {
        open--;
      }
    };
    const atom = (): Logic => {
      const t = next();
      if (t.t === 'num') return t.v;
      if (t.t === 'str') return t.v;
      if (t.t === 'op' && t.v === '(') {
        const e = expr(0);
        expectOp(')');
        return e;
      }
      if (t.t === 'op' && (t.v === '-' || t.v === '+')) {
        const operand = postfix(primary());
        return t.v === '-' ? (typeof operand === 'number' ? -operand : op('-', [operand], t)) : operand;
      }
      if (t.t === 'name') {
        const after = peek();
        if (after.t === 'op' && after.v === '(') {
          const fname = t.v.toUpperCase();
          const def = fnByName.get(fname);
          if (!def) fail('UNKNOWN_FUNCTION', t.pos, t.len, { name: t.v });
          next();
          const args: Logic[] = [];
          if (!(peek().t === 'op' && (peek() as { v: string }).v === ')')) {
            for (;;) {
              args.push(expr(0));
              const sep = peek();
              if (sep.t === 'op' && sep.v === ',') {
                next();
                continue;
              }
              break;
            }
          }
          expectOp(')');
          const wrong = arityProblem(def!, args.length);
          if (wrong) fail('ARITY', t.pos, t.len, wrong);
          return op(fname, args, t);
        }
        const upper = t.v.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE') return upper === 'TRUE';
        const path = resolveName(scope, t.v);
        if (!path) fail('UNKNOWN_FIELD', t.pos, t.len, { name: t.v });
        refs.add(path!);
        return { var: path };
      }
      if (t.t === 'end') fail('SYNTAX', t.pos, 0, { reason: 'unexpected-end' });
      return fail('SYNTAX', t.pos, t.len, { reason: 'unexpected', char: (t as { v: unknown }).v });
    };
    const postfix = (e: Logic): Logic => {
      let out = e;
      while (peek().t === 'op' && (peek() as { v: string }).v === '%') {
        out = op('/', [out, 100], next());
      }
      return out;
    };
    const expr = (minPrec: number): Logic => {
      let left = postfix(primary());
      for (;;) {
        const t = peek();
        if (t.t !== 'op') break;
        const b = BINARY[t.v];
        if (!b || b.prec < minPrec) break;
        next();
        const right = expr(b.prec + 1);
        left = op(b.op, [left, right], t);
      }
      return left;
    };
    const logic = expr(0);
    const rest = peek();
    if (rest.t !== 'end') fail('SYNTAX', rest.pos, rest.len, { reason: 'unexpected', char: (rest as { v: unknown }).v });
    return { ok: true, logic, refs: [...refs] };
  } catch (e) {
    if (e instanceof ParseFail) return { ok: false, error: e.error };
    throw e;
  }
}
