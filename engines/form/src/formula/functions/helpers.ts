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

// Excel's wildcards (* any run, ? one character, ~* ~? ~~ the character itself), matched without
// a RegExp: both pattern and text can be typed by any user, and a backtracking RegExp such as
// /a.*a.*a.*b/ takes exponential time on a run of a's, on the server's one thread.

type Glob = Array<'*' | '?' | { ch: string }>;

/** Case folding close to what the /iu flags did: "A" and "a" match, and so do "K" (Kelvin) and "k". */
const fold = (c: string) => c.toUpperCase().toLowerCase();

function glob(pattern: string): Glob {
  const chars = [...pattern];
  const out: Glob = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*' || c === '?') out.push(c);
    else if (c === '~' && '*?~'.includes(chars[i + 1] ?? '-')) out.push({ ch: fold(chars[++i]) });
    else out.push({ ch: fold(c) });
  }
  return out;
}

const fits = (t: Glob[number], c: string) => t === '?' || (t !== '*' && t.ch === c);

/**
 * Whether the pattern matches the whole text, ignoring case. Two pointers; on a mismatch it
 * backtracks only to the last *, which then takes one more character: O(text × pattern).
 */
export function globMatch(pattern: string, text: string): boolean {
  const p = glob(pattern);
  const t = [...text].map(fold);
  let i = 0;
  let j = 0;
  let star = -1; // the pattern index of the last * seen
  let from = 0; // the text index that * has taken up to
  while (i < t.length) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: past the pattern's end p[j] is undefined, never '*'
    if (j < p.length && p[j] === '*') {
      star = j++;
      from = i;
    } else if (j < p.length && fits(p[j], t[i])) {
      i++;
      j++;
    } else if (star >= 0) {
      j = star + 1;
      i = ++from;
    } else return false;
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: past the pattern's end p[j] is undefined, never '*'
  while (j < p.length && p[j] === '*') j++;
  return j === p.length;
}

/**
 * The first character index (0-based) where the pattern matches a run of the text, ignoring
 * case, or -1: SEARCH's rule. One pass over the text with the pattern's positions as states
 * (an NFA), each state keeping the earliest start that reaches it: O(text × pattern).
 */
export function globSearch(pattern: string, text: string): number {
  const p = glob(pattern);
  const t = [...text].map(fold);
  const m = p.length;
  let at: number[] = new Array<number>(m + 1).fill(Infinity); // at[j]: earliest start with p[0..j) matched
  let best = Infinity;
  // A * may match nothing: the start reaching j also reaches j + 1.
  const close = (s: number[]) => {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: p[m] is no '*', and only this line reaches j + 1 past a '*' (still Infinity)
    for (let j = 0; j < m; j++) if (p[j] === '*' && s[j] < s[j + 1]) s[j + 1] = s[j];
  };
  for (let i = 0; i <= t.length; i++) {
    // Stryker disable next-line ConditionalExpression: a match starting after the best one cannot beat it
    if (best === Infinity) at[0] = Math.min(at[0], i); // a match may start here
    close(at);
    best = Math.min(best, at[m]);
    // Threads that started after the best match cannot beat it.
    // Stryker disable next-line ConditionalExpression,LogicalOperator,ArrowFunction,EqualityOperator: an early exit only; the loop finds the same best without it
    if (i === t.length || at.every((s) => s >= best)) break;
    const next = new Array<number>(m + 1).fill(Infinity);
    // Stryker disable next-line EqualityOperator: at[m] is Infinity here (a finished thread breaks above), so j = m is skipped
    for (let j = 0; j < m; j++) {
      // Stryker disable next-line ConditionalExpression: a state no thread reached only adds Infinity below
      if (at[j] === Infinity) continue;
      if (p[j] === '*') next[j] = Math.min(next[j], at[j]);
      else if (fits(p[j], t[i])) next[j + 1] = Math.min(next[j + 1], at[j]);
    }
    at = next;
  }
  return best === Infinity ? -1 : best;
}
