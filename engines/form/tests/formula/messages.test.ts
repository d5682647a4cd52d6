// The message an analyst reads in the designer for each kind of formula error, in both
// languages: the exact text, the 1-based character it names, and the error it comes with.
import { arityErrors, createFormulaEngine, parseFormula, type FormulaScope, type FormulaSyntaxError, type FunctionDef } from '../../src';

const scope: FormulaScope = {
  fields: [
    { id: 'qty', labels: ['数量', 'Quantity'], type: 'number' },
    { id: 'lines', labels: ['明细', 'Lines'], type: 'subform', children: [{ id: 'amount', labels: ['金额', 'Amount'], type: 'money' }] },
  ],
};

type Case = [formula: string, error: Omit<FormulaSyntaxError, 'message'>, zh: string, en: string];

const cases: Case[] = [
  ['', { code: 'SYNTAX', position: 0, length: 0, params: { reason: 'empty' } }, '公式为空', 'The formula is empty'],
  ['=  ', { code: 'SYNTAX', position: 0, length: 0, params: { reason: 'empty' } }, '公式为空', 'The formula is empty'],
  [
    '1 + "abc', { code: 'SYNTAX', position: 4, length: 4, params: { reason: 'unclosed-string' } },
    '第 5 个字符处的文本缺少结束引号', 'The text at character 5 has no closing quote',
  ],
  [
    '1 + [Unit', { code: 'SYNTAX', position: 4, length: 5, params: { reason: 'unclosed-bracket' } },
    '第 5 个字符处的 [ 缺少 ]', 'The [ at character 5 has no closing ]',
  ],
  [
    '[明细].[金额', { code: 'SYNTAX', position: 4, length: 4, params: { reason: 'unclosed-bracket' } },
    '第 5 个字符处的 [ 缺少 ]', 'The [ at character 5 has no closing ]',
  ],
  [
    '(1 + 2', { code: 'SYNTAX', position: 6, length: 0, params: { reason: 'expected', expected: ')', got: 'end' } },
    '第 7 个字符处应为 “)”', 'Expected ")" at character 7',
  ],
  [
    'ROUND(1, 2 3)', { code: 'SYNTAX', position: 11, length: 1, params: { reason: 'expected', expected: ')', got: 3 } },
    '第 12 个字符处应为 “)”', 'Expected ")" at character 12',
  ],
  ['1 +', { code: 'SYNTAX', position: 3, length: 0, params: { reason: 'unexpected-end' } }, '公式不完整', 'The formula is incomplete'],
  [
    '1 + * 2', { code: 'SYNTAX', position: 4, length: 1, params: { reason: 'unexpected', char: '*' } },
    '第 5 个字符处有多余的 “*”', 'Unexpected "*" at character 5',
  ],
  [
    '数量 2', { code: 'SYNTAX', position: 3, length: 1, params: { reason: 'unexpected', char: 2 } },
    '第 4 个字符处有多余的 “2”', 'Unexpected "2" at character 4',
  ],
  // A text's length counts both its quotes.
  [
    '数量 "kg"', { code: 'SYNTAX', position: 3, length: 4, params: { reason: 'unexpected', char: 'kg' } },
    '第 4 个字符处有多余的 “kg”', 'Unexpected "kg" at character 4',
  ],
  [
    '1 + ]', { code: 'SYNTAX', position: 4, length: 1, params: { reason: 'unexpected', char: ']' } },
    '第 5 个字符处有多余的 “]”', 'Unexpected "]" at character 5',
  ],
  // 101 opening parentheses: the 101st (character 101) is one level too many.
  [
    `${'('.repeat(101)}1${')'.repeat(101)}`, { code: 'SYNTAX', position: 100, length: 1, params: { reason: 'too-deep', max: 100 } },
    '公式嵌套太深（第 101 个字符处），最多 100 层', 'The formula nests too deeply at character 101 (at most 100 levels)',
  ],
  [
    '数量 * 重量', { code: 'UNKNOWN_FIELD', position: 5, length: 2, params: { name: '重量' } },
    '第 6 个字符处的字段“重量”不存在', 'No field named "重量" (character 6)',
  ],
  [
    '1 + summ(1)', { code: 'UNKNOWN_FUNCTION', position: 4, length: 4, params: { name: 'summ' } },
    '第 5 个字符处的函数“summ”不存在', 'No function named summ (character 5)',
  ],
  [
    'text(1)', { code: 'ARITY', position: 0, length: 4, params: { name: 'TEXT', min: 2, max: 2, got: 1 } },
    '函数 TEXT 需要 2 个参数，实际为 1 个', 'TEXT takes 2 arguments, not 1',
  ],
  [
    '1 + IF(1)', { code: 'ARITY', position: 4, length: 2, params: { name: 'IF', min: 2, max: 3, got: 1 } },
    '函数 IF 需要 2~3 个参数，实际为 1 个', 'IF takes 2 to 3 arguments, not 1',
  ],
  [
    'SUM()', { code: 'ARITY', position: 0, length: 3, params: { name: 'SUM', min: 1, max: Infinity, got: 0 } },
    '函数 SUM 需要 1~N 个参数，实际为 0 个', 'SUM takes 1 to any number of arguments, not 0',
  ],
  // Arguments that come in pairs, as Excel refuses them when a formula is typed ("too few arguments").
  [
    'IFS(数量 > 5, "多", "少")', { code: 'ARITY', position: 0, length: 3, params: { name: 'IFS', min: 2, max: Infinity, got: 3, pairedAfter: 0 } },
    '函数 IFS 的参数须两两成对，实际为 3 个', 'IFS takes its arguments in pairs, not 3',
  ],
  [
    'COUNTIFS(明细.金额, ">0", 明细.金额)', { code: 'ARITY', position: 0, length: 8, params: { name: 'COUNTIFS', min: 2, max: Infinity, got: 3, pairedAfter: 0 } },
    '函数 COUNTIFS 的参数须两两成对，实际为 3 个', 'COUNTIFS takes its arguments in pairs, not 3',
  ],
  [
    'SUMIFS(明细.金额, 明细.金额, ">0", 明细.金额)', { code: 'ARITY', position: 0, length: 6, params: { name: 'SUMIFS', min: 3, max: Infinity, got: 4, pairedAfter: 1 } },
    '函数 SUMIFS 第 1 个之后的参数须两两成对，实际为 4 个', 'SUMIFS takes its arguments after the first in pairs, not 4',
  ],
];

describe('formula error messages', () => {
  test.each(cases)('zh-CN: %s', (formula, error, zh) => {
    expect(parseFormula(formula, scope, { locale: 'zh-CN' })).toEqual({ ok: false, error: { ...error, message: zh } });
  });

  test.each(cases)('en-US: %s', (formula, error, _zh, en) => {
    expect(parseFormula(formula, scope, { locale: 'en-US' })).toEqual({ ok: false, error: { ...error, message: en } });
  });

  test('an engine speaks the locale it is asked for, and Chinese when none is given', () => {
    const engine = createFormulaEngine();
    expect(engine.parse('数量 * 重量', scope, 'en-US')).toMatchObject({ ok: false, error: { message: 'No field named "重量" (character 6)' } });
    expect(engine.parse('数量 * 重量', scope)).toMatchObject({ ok: false, error: { message: '第 6 个字符处的字段“重量”不存在' } });
    expect(parseFormula('1 +', scope)).toMatchObject({ ok: false, error: { message: '公式不完整' } });
  });

  test('stored logic is checked for argument counts, in operations only (an object of several keys is data)', () => {
    const engine = createFormulaEngine();
    expect(arityErrors({ '+': [{ IF: [true] }, 1] }, engine.functions, 'en-US')).toEqual([
      { code: 'ARITY', message: 'IF takes 2 to 3 arguments, not 1', position: 0, length: 0, params: { name: 'IF', min: 2, max: 3, got: 1 } },
    ]);
    expect(arityErrors({ IF: [true], note: 'x' }, engine.functions, 'en-US')).toEqual([]);
    expect(arityErrors({ IFS: [true, 1, false] }, engine.functions)).toMatchObject([{ code: 'ARITY', message: '函数 IFS 的参数须两两成对，实际为 3 个' }]);
  });

  test("a function of one's own whose arguments pair after the second is told in both languages", () => {
    const pick2: FunctionDef = {
      name: 'PICK2', category: 'logic', minArgs: 4, maxArgs: Infinity, pairedAfter: 2,
      description: { 'zh-CN': '按键取值', 'en-US': 'Pick by key' }, example: 'PICK2(1, 2, 3, 4)', exampleResult: '4', fn: (args) => args[args.length - 1],
    };
    const engine = createFormulaEngine({ functions: [pick2] });
    expect(engine.parse('PICK2(1, 2, 3, 4, 5)', scope, 'en-US')).toMatchObject({ ok: false, error: { code: 'ARITY', message: 'PICK2 takes its arguments after the first 2 in pairs, not 5' } });
    expect(engine.parse('PICK2(1, 2, 3, 4, 5)', scope, 'zh-CN')).toMatchObject({ ok: false, error: { code: 'ARITY', message: '函数 PICK2 第 2 个之后的参数须两两成对，实际为 5 个' } });
    expect(engine.parse('PICK2(1, 2, 3, 4)', scope, 'en-US')).toMatchObject({ ok: true });
  });
});
