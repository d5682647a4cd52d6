// Checks on the Excel tables of all five groups at once (excel/*.ts): every function is covered,
// every key is a function, and no row compares an expression with itself.
import { engine, parse, type Table } from './excel/cases';
import { AGGREGATE } from './excel/aggregate';
import { DATES } from './excel/date';
import { LOGIC } from './excel/logic';
import { MATH, OPERATORS } from './excel/math';
import { TEXT } from './excel/text';

const GROUPS: Table[] = [MATH, AGGREGATE, LOGIC, TEXT, DATES];

/** The function names a formula calls. */
function calls(logic: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(logic)) logic.forEach((l) => calls(l, out));
  else if (logic && typeof logic === 'object') {
    for (const [op, args] of Object.entries(logic)) {
      out.add(op);
      calls(args, out);
    }
  }
  return out;
}

/** An operation whose two operands are the same expression (TODAY() - TODAY()) proves nothing. */
function selfComparisons(logic: unknown): string[] {
  const found: string[] = [];
  const walk = (l: unknown) => {
    if (Array.isArray(l)) l.forEach(walk);
    else if (l && typeof l === 'object') {
      for (const [op, args] of Object.entries(l)) {
        if (Array.isArray(args) && args.length === 2 && typeof args[0] === 'object' && JSON.stringify(args[0]) === JSON.stringify(args[1])) found.push(op);
        walk(args);
      }
    }
  };
  walk(logic);
  return found;
}

describe('the Excel tables', () => {
  const all = GROUPS.reduce<Table>((acc, t) => ({ ...acc, ...t }), {});

  test('every function the formula editor offers has at least three examples, each calling it', () => {
    const thin: string[] = [];
    for (const f of engine.formulas.functions) {
      const examples = (all[f.name] ?? []).filter(([formula]) => calls(parse(formula)).has(f.name));
      if (examples.length < 3) thin.push(`${f.name} (${examples.length})`);
    }
    expect(thin).toEqual([]);
  });

  test('every table key is a function the engine has', () => {
    const names = new Set(engine.formulas.functions.map((f) => f.name));
    expect(Object.keys(all).filter((k) => !names.has(k))).toEqual([]);
  });

  test('no example compares an expression with itself', () => {
    const bad = [...Object.values(all).flat(), ...OPERATORS].map(([f]) => f).filter((f) => selfComparisons(parse(f)).length > 0);
    expect(bad).toEqual([]);
  });
});
