// Small builders shared by the function definitions.
import { FormulaError, rangeNumbers, toNumber, type Value } from '../values';
import type { EagerFunction } from './types';

type Doc = EagerFunction['description'];

/** A function of numbers only: errors and non-numeric text become the result. */
export function numeric(name: string, category: EagerFunction['category'], arity: [number, number], description: Doc, example: string, exampleResult: string, f: (...n: number[]) => Value): EagerFunction {
  return {
    name, category, minArgs: arity[0], maxArgs: arity[1], description, example, exampleResult,
    fn(args) {
      const nums: number[] = [];
      for (const a of args) {
        const n = toNumber(a);
        if (n instanceof FormulaError) return n;
        nums.push(n);
      }
      return f(...nums);
    },
  };
}

/** A function over ranges (subform columns, fields) and typed numbers, like SUM. */
export function overRange(name: string, description: Doc, example: string, exampleResult: string, f: (nums: number[], args: Value[]) => Value): EagerFunction {
  return {
    name, category: 'aggregate', minArgs: 1, maxArgs: Infinity, description, example, exampleResult, referencesAsRanges: true,
    fn(args) {
      const nums = rangeNumbers(args);
      return nums instanceof FormulaError ? nums : f(nums, args);
    },
  };
}

/** Excel's wildcards as a RegExp: * any run, ? one character, ~* ~? ~~ the character itself. */
export function wildcard(pattern: string, whole: boolean): RegExp {
  const chars = [...pattern];
  let src = '';
  for (let i = 0; i < chars.length; i++) {
    let c = chars[i];
    if (c === '*') src += '[\\s\\S]*';
    else if (c === '?') src += '[\\s\\S]';
    else {
      if (c === '~' && '*?~'.includes(chars[i + 1] ?? '-')) c = chars[++i];
      src += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(whole ? `^${src}$` : src, 'iu');
}
