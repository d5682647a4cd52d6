// Logic functions. IF, IFS, IFERROR and SWITCH are lazy: a branch not taken is never evaluated,
// so IF(抽样数 = 0, 0, 合格数 / 抽样数) gives 0, not #DIV/0!. AND and OR are not: Excel evaluates
// every argument, so AND(抽样数 > 0, 合格数 / 抽样数 > 0.9) is #DIV/0! when nothing was sampled.
import { compare, DateValue, flatten, FormulaError, isBlank, NA, toBool, VALUE, type Value } from '../values';
import type { FunctionDef } from './types';

/**
 * The truth values AND and OR see. Excel evaluates every argument, so an error anywhere is the
 * result even after a FALSE; in a column (array) text and blanks are skipped, and a column with
 * no truth value at all is #VALUE!. A blank field is FALSE (an unticked box), see docs.
 */
function logicals(args: Value[]): boolean[] | FormulaError {
  const out: boolean[] = [];
  for (const a of args) {
    if (Array.isArray(a)) {
      for (const x of flatten(a)) {
        if (x instanceof FormulaError) return x;
        if (typeof x === 'boolean' || typeof x === 'number' || x instanceof DateValue) out.push(toBool(x) as boolean);
      }
    } else {
      const b = toBool(a);
      if (b instanceof FormulaError) return b;
      out.push(b);
    }
  }
  return out.length ? out : VALUE;
}

export const logicFunctions: FunctionDef[] = [
  {
    name: 'IF', category: 'logic', minArgs: 2, maxArgs: 3, lazy: true,
    description: { 'zh-CN': '条件为真返回第二个参数，否则返回第三个', 'en-US': 'One value if a condition is true, another if false' },
    example: 'IF(96 / 100 >= 0.95, "合格", "不合格")', exampleResult: '合格',
    fn(args) {
      const c = toBool(args[0]());
      if (c instanceof FormulaError) return c;
      return c ? args[1]() : args[2] ? args[2]() : false;
    },
  },
  {
    name: 'IFS', category: 'logic', minArgs: 2, maxArgs: Infinity, pairedAfter: 0, lazy: true,
    description: { 'zh-CN': '依次判断多个条件，返回第一个为真的结果', 'en-US': 'The result of the first true condition' },
    example: 'IFS(85 >= 90, "A", 85 >= 80, "B", TRUE, "C")', exampleResult: 'B',
    fn(args) {
      // Stryker disable next-line EqualityOperator: IFS's arguments come in pairs (the parser and the schema check's arityErrors refuse an odd count), so <= stops where < does
      for (let i = 0; i + 1 < args.length; i += 2) {
        const c = toBool(args[i]());
        if (c instanceof FormulaError) return c;
        if (c) return args[i + 1]();
      }
      return NA;
    },
  },
  {
    name: 'SWITCH', category: 'logic', minArgs: 3, maxArgs: Infinity, lazy: true,
    description: { 'zh-CN': '按值匹配：SWITCH(值, 匹配1, 结果1, …, [默认])', 'en-US': 'Matches a value against cases' },
    example: 'SWITCH("B", "A", 1, "B", 2, 0)', exampleResult: '2',
    fn(args) {
      const v = args[0]();
      if (v instanceof FormulaError) return v;
      let i = 1;
      for (; i + 1 < args.length; i += 2) if (compare(v, args[i]()) === 0) return args[i + 1]();
      return i < args.length ? args[i]() : NA;
    },
  },
  {
    name: 'AND', category: 'logic', minArgs: 1, maxArgs: Infinity,
    description: { 'zh-CN': '所有条件都为真（空字段算作假；任一参数出错则结果出错）', 'en-US': 'True when every condition is true (a blank field is false; an error in any argument is the result)' },
    example: 'AND(1 < 2, 3 > 2)', exampleResult: 'TRUE',
    fn: (args) => {
      const b = logicals(args);
      return b instanceof FormulaError ? b : b.every(Boolean);
    },
  },
  {
    name: 'OR', category: 'logic', minArgs: 1, maxArgs: Infinity,
    description: { 'zh-CN': '任一条件为真（任一参数出错则结果出错）', 'en-US': 'True when any condition is true (an error in any argument is the result)' },
    example: 'OR(1 > 2, 3 > 2)', exampleResult: 'TRUE',
    fn: (args) => {
      const b = logicals(args);
      return b instanceof FormulaError ? b : b.some(Boolean);
    },
  },
  {
    name: 'NOT', category: 'logic', minArgs: 1, maxArgs: 1,
    description: { 'zh-CN': '取反', 'en-US': 'Reverses a condition' },
    example: 'NOT(1 > 2)', exampleResult: 'TRUE',
    fn(args) {
      const b = toBool(args[0]);
      return b instanceof FormulaError ? b : !b;
    },
  },
  {
    name: 'IFERROR', category: 'logic', minArgs: 2, maxArgs: 2, lazy: true,
    description: { 'zh-CN': '出错（如除以 0）时返回第二个参数', 'en-US': 'A fallback when the value is an error' },
    example: 'IFERROR(1 / 0, 0)', exampleResult: '0',
    fn(args) {
      const v = args[0]();
      return v instanceof FormulaError ? args[1]() : v;
    },
  },
  {
    name: 'ISERROR', category: 'logic', minArgs: 1, maxArgs: 1,
    description: { 'zh-CN': '是否为错误值', 'en-US': 'Whether the value is an error' },
    example: 'ISERROR(1 / 0)', exampleResult: 'TRUE',
    fn: (args) => args[0] instanceof FormulaError,
  },
  {
    name: 'ISBLANK', category: 'logic', minArgs: 1, maxArgs: 1,
    description: { 'zh-CN': '是否为空', 'en-US': 'Whether the value is blank' },
    example: 'ISBLANK("")', exampleResult: 'TRUE',
    fn: (args) => (Array.isArray(args[0]) ? args[0].length === 0 : isBlank(args[0])),
  },
  {
    name: 'ISNUMBER', category: 'logic', minArgs: 1, maxArgs: 1,
    description: { 'zh-CN': '是否为数字', 'en-US': 'Whether the value is a number' },
    example: 'ISNUMBER(3)', exampleResult: 'TRUE',
    fn: (args) => typeof args[0] === 'number' || args[0] instanceof DateValue,
  },
  {
    name: 'TRUE', category: 'logic', minArgs: 0, maxArgs: 0,
    description: { 'zh-CN': '逻辑值真', 'en-US': 'The value TRUE' },
    example: 'TRUE()', exampleResult: 'TRUE',
    fn: () => true,
  },
  {
    name: 'FALSE', category: 'logic', minArgs: 0, maxArgs: 0,
    description: { 'zh-CN': '逻辑值假', 'en-US': 'The value FALSE' },
    example: 'FALSE()', exampleResult: 'FALSE',
    fn: () => false,
  },
  {
    name: 'NA', category: 'logic', minArgs: 0, maxArgs: 0,
    description: { 'zh-CN': '返回 #N/A', 'en-US': 'The #N/A error' },
    example: 'ISERROR(NA())', exampleResult: 'TRUE',
    fn: () => NA,
  },
];

export { VALUE };
