// json-logic → the formula text an analyst sees, with today's labels: renaming a field
// changes what the editor shows, never what is stored.
import type { Locale, Logic } from '../schema';
import type { FormulaScope, ScopeField } from './parser';

const PREC: Record<string, number> = { '=': 1, '<>': 1, '<': 1, '<=': 1, '>': 1, '>=': 1, '&': 2, '+': 3, '-': 3, '*': 4, '/': 4, '^': 5 };
const SAFE_NAME = /^[^\s+\-*/^&=<>(),%"[\]，（）.]+$/;

function labelOf(f: ScopeField, locale: Locale): string {
  const idx = locale === 'en-US' ? 1 : 0;
  return f.labels[idx] ?? f.labels[0] ?? f.id;
}

function quoteName(name: string): string {
  return SAFE_NAME.test(name) && !/^\d/.test(name) && !/^(true|false)$/i.test(name) ? name : `[${name}]`;
}

function nameOf(path: string, scope: FormulaScope, locale: Locale): string {
  const parts = path.split('.');
  if (parts[0] === '$row') {
    const sub = scope.fields.find((f) => f.id === scope.rowOf);
    const child = sub?.children?.find((c) => c.id === parts[1]);
    return quoteName(child ? labelOf(child, locale) : parts[1]);
  }
  const field = scope.fields.find((f) => f.id === parts[0]);
  if (!field) return quoteName(path);
  if (parts.length === 1) return quoteName(labelOf(field, locale));
  const child = field.children?.find((c) => c.id === parts[1]);
  return `${quoteName(labelOf(field, locale))}.${quoteName(child ? labelOf(child, locale) : parts[1])}`;
}

function str(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export function formatFormula(logic: Logic, scope: FormulaScope, locale: Locale = 'zh-CN'): string {
  const fmt = (l: Logic, parentPrec: number, rightSide: boolean): string => {
    if (typeof l === 'number') return l < 0 && parentPrec > 0 ? `(${l})` : String(l);
    if (typeof l === 'string') return str(l);
    if (typeof l === 'boolean') return l ? 'TRUE' : 'FALSE';
    if (l === null || l === undefined) return '""';
    // Stryker disable next-line BooleanLiteral: rightSide counts only when prec equals parentPrec; no prec is 0
    if (Array.isArray(l)) return `MERGE(${l.map((x) => fmt(x, 0, false)).join(', ')})`;
    const [op] = Object.keys(l as object);
    const raw = (l as Record<string, unknown>)[op];
    const args = (Array.isArray(raw) ? raw : [raw]) as Logic[];
    if (op === 'var') return nameOf(String(args[0]), scope, locale);
    // Stryker disable next-line BooleanLiteral: no prec reaches 6, so the operand is bracketed either way
    if (op === '-' && args.length === 1) return `-${fmt(args[0], 6, false)}`;
    const prec = PREC[op];
    if (prec !== undefined && args.length === 2) {
      const text = `${fmt(args[0], prec, false)} ${op} ${fmt(args[1], prec, true)}`;
      return prec < parentPrec || (prec === parentPrec && rightSide) ? `(${text})` : text;
    }
    // Stryker disable next-line BooleanLiteral: rightSide counts only when prec equals parentPrec; no prec is 0
    return `${op}(${args.map((a) => fmt(a, 0, false)).join(', ')})`;
  };
  // Stryker disable next-line BooleanLiteral: rightSide counts only when prec equals parentPrec; no prec is 0
  return fmt(logic, 0, false);
}
