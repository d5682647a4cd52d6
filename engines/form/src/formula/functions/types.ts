// The shape of one formula function. Each function is a small definition in a file of its
// category, collected in an array and registered per engine instance.
import type { Value } from '../values';
import type { EvalContext } from '../compile';

export type Thunk = () => Value;

interface Base {
  name: string;
  category: 'math' | 'text' | 'logic' | 'date' | 'aggregate';
  minArgs: number;
  maxArgs: number;
  /** The arguments after the first `pairedAfter` come in pairs (IFS: condition, value), as Excel requires when a formula is typed. */
  pairedAfter?: number;
  description: { 'zh-CN': string; 'en-US': string };
  /** An example as an analyst types it, and what it gives (tests check both). */
  example: string;
  exampleResult: string;
  /**
   * Field arguments arrive as one-cell ranges, as Excel passes a cell reference rather than its
   * value: SUM(A1) skips text, TRUE and blanks in A1, while SUM("3", TRUE) counts what is typed.
   */
  referencesAsRanges?: boolean;
}

/** Arguments evaluated first (errors in them are the function's business). */
export interface EagerFunction extends Base {
  lazy?: false;
  fn(args: Value[], ctx: EvalContext): Value;
}

/** Arguments passed unevaluated, for IF / IFERROR / AND … that must not evaluate every branch. */
export interface LazyFunction extends Base {
  lazy: true;
  fn(args: Thunk[], ctx: EvalContext): Value;
}

export type FunctionDef = EagerFunction | LazyFunction;
