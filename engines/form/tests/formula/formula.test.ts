// The formula language through its public interface: every function's documented example,
// Excel's operators and precedence, errors as values, dates, label round-trips, error positions
// and json-logic-js compatibility for rules.
import jsonLogic from 'json-logic-js';
import {
  BUILTIN_FUNCTIONS, createFormulaEngine, DateValue, formatFormula, isFormulaError, parseFormula, referencedFields,
  type FormulaScope, type FunctionDef,
} from '../../src';

const engine = createFormulaEngine();
const scope: FormulaScope = {
  fields: [
    { id: 'qty', labels: ['数量', 'Quantity'], type: 'number' },
    { id: 'price', labels: ['单价', 'Unit Price'], type: 'money' },
    { id: 'passed', labels: ['合格数'], type: 'number' },
    { id: 'sampled', labels: ['抽样数'], type: 'number' },
    { id: 'arrived', labels: ['到货日期'], type: 'date' },
    {
      id: 'lines', labels: ['明细', 'Lines'], type: 'subform',
      children: [
        { id: 'amount', labels: ['金额', 'Amount'], type: 'money' },
        { id: 'result', labels: ['结果'], type: 'select' },
        { id: 'q', labels: ['数量'], type: 'number' },
        { id: 'p', labels: ['单价'], type: 'money' },
      ],
    },
  ],
};
const typeOf = (p: string) => (p === 'arrived' ? 'date' : undefined);
const now = new Date('2026-11-24T01:30:00Z'); // 09:30 in Shanghai
const run = (text: string, data: Record<string, unknown> = {}, extra: Partial<{ row: Record<string, unknown>; timeZone: string; rowOf: string }> = {}) => {
  const parsed = parseFormula(text, { ...scope, rowOf: extra.rowOf });
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
  return engine.compile(parsed.logic, { typeOf })({ data, row: extra.row, now, timeZone: extra.timeZone ?? 'Asia/Shanghai' });
};
const show = (v: unknown) => (typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v));

describe('functions', () => {
  test('there are at least 45 functions, each documented in both languages', () => {
    expect(engine.functions.length).toBeGreaterThanOrEqual(45);
    for (const f of engine.functions) {
      expect(f.description['zh-CN']).not.toBe('');
      expect(f.description['en-US']).not.toBe('');
    }
  });
  test.each(createFormulaEngine().functions.map((f) => [f.name, f.example, f.exampleResult]))('%s: %s → %s', (_name, example, result) => {
    expect(show(run(example))).toBe(result);
  });
  // An example such as TODAY() - TODAY() gives its result whatever the function returns: it
  // documents nothing and tests nothing. Swapping the function for a constant must show.
  test.each(BUILTIN_FUNCTIONS.map((f) => [f.name, f] as const))('%s: the example depends on the function', (_name, f) => {
    const parsed = parseFormula(f.example, scope);
    if (!parsed.ok) throw new Error(`${f.example}: ${parsed.error.message}`);
    const ctx = { data: {}, now, timeZone: 'Asia/Shanghai' };
    const real = engine.evaluate(parsed.logic, ctx);
    const stubbed = [-1, 987654.321].map((c) => {
      const stub: FunctionDef = { ...f, lazy: false, fn: () => c };
      return createFormulaEngine({ functions: [stub] }).evaluate(parsed.logic, ctx);
    });
    expect(stubbed.some((v) => !Object.is(show(v), show(real)))).toBe(true);
  });
});

describe('operators and semantics', () => {
  test.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['-2 ^ 2', 4],
    ['2 ^ 3 ^ 2', 64],
    ['10 / 4', 2.5],
    ['50%', 0.5],
    ['0.1 + 0.2', 0.3],
    ['1E3 + 2e-1 + 5E+1', 1050.2], // numbers in scientific notation, as Excel takes them typed
    ['1 = 1', true],
    ['"abc" = "ABC"', true],
    ['1 <> 2', true],
    ['"a" & 1 & TRUE', 'a1TRUE'],
    ['1 + 2 & 3', '33'],
    ['2 < 10', true],
    ['"2" + 3', 5],
    // Chinese quotes, either way round (an input method may give ” for both): a text all the same.
    ['“合格” & "品"', '合格品'],
    ['”不合格” & ”品”', '不合格品'],
    ['LEN(")")', 1], // a text that reads as a bracket is a text: the call has one argument
  ])('%s = %p', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });

  test('fields by label, blanks are zero, subform columns aggregate', () => {
    expect(run('数量 * 单价', { qty: 3, price: 1.1 })).toBe(3.3);
    expect(run('数量 * 单价', { qty: 3 })).toBe(0);
    expect(run('[Unit Price] * Quantity', { qty: 2, price: 5 })).toBe(10);
    expect(run('[ unit PRICE ] * quantity', { qty: 2, price: 5 })).toBe(10); // a name in any case, spaces around it
    expect(run('SUM(明细.金额)', { lines: [{ amount: 1.1 }, { amount: 2.2 }, {}] })).toBe(3.3);
    expect(run('COUNTIF(明细.结果, "不合格")', { lines: [{ result: '不合格' }, { result: '合格' }, { result: '不合格' }] })).toBe(2);
    expect(run('SUMPRODUCT(明细.数量, 明细.单价)', { lines: [{ q: 2, p: 3 }, { q: 1, p: 0.5 }] })).toBe(6.5);
  });

  // A comparison with nothing after it (">") matches no row: docs/formulas.md says so (what Excel does is not written down).
  test.each(['>', '<', '>=', '<='])('the criterion "%s" alone matches no row, of text, numbers or blanks', (op) => {
    const lines = { lines: [{ result: '不合格' }, { result: '' }, {}, { result: 'a' }] };
    expect(run(`COUNTIF(明细.结果, "${op}")`, lines)).toBe(0);
    expect(run('COUNTIF(MERGE(1, -1, 0, "x", ""), "' + op + '")')).toBe(0);
  });

  test('inside a subform row, names resolve to the same row first', () => {
    expect(run('数量 * 单价', { qty: 100, price: 100 }, { rowOf: 'lines', row: { q: 2, p: 1.5 } })).toBe(3);
  });

  test('errors are values that IFERROR catches and that propagate otherwise', () => {
    expect(isFormulaError(run('1 / 0'))).toBe(true);
    expect(String(run('1 / 0 + 5'))).toBe('#DIV/0!');
    expect(run('IFERROR(合格数 / 抽样数, 0)', { passed: 5, sampled: 0 })).toBe(0);
    expect(run('IF(合格数 / 抽样数 >= 0.95, "合格", "不合格")', { passed: 96, sampled: 100 })).toBe('合格');
    expect(String(run('"abc" * 2'))).toBe('#VALUE!');
  });

  test('dates: a date plus a number is a date; differences are days; TODAY uses the tenant zone', () => {
    expect(String(run('到货日期 + 7', { arrived: '2026-11-28' }))).toBe('2026-12-05');
    expect(run('到货日期 + 7', { arrived: '2026-11-28' })).toBeInstanceOf(DateValue);
    expect(run('DATEDIF(到货日期, TODAY(), "d")', { arrived: '2026-11-20' })).toBe(4);
    // 2026-11-23 18:00 UTC is already the 24th in Shanghai.
    const late = parseFormula('TODAY()', scope);
    const at = new Date('2026-11-23T18:00:00Z');
    expect(String(engine.compile((late as { logic: unknown }).logic)({ data: {}, now: at, timeZone: 'Asia/Shanghai' }))).toBe('2026-11-24');
    expect(String(engine.compile((late as { logic: unknown }).logic)({ data: {}, now: at, timeZone: 'UTC' }))).toBe('2026-11-23');
  });
});

describe('parsing', () => {
  test('stores field ids, not labels, and lists what it reads', () => {
    const p = parseFormula('数量 * 单价 + SUM(明细.金额)', scope);
    expect(p.ok && p.logic).toEqual({ '+': [{ '*': [{ var: 'qty' }, { var: 'price' }] }, { SUM: [{ var: 'lines.amount' }] }] });
    expect(p.ok && referencedFields(p.logic).sort()).toEqual(['lines.amount', 'price', 'qty']);
  });

  test.each([
    '数量 * 单价',
    'IF(合格数 / 抽样数 >= 0.95, "合格", "不合格")',
    'SUM(明细.金额)',
    'DATEDIF(到货日期, TODAY(), "d")',
    '(数量 + 1) * (单价 - 2)',
    '数量 - (单价 - 1)',
    'CONCAT("批次", "-", TEXT(数量, "0000"))',
    '-数量 ^ 2',
    'ROUND(数量 * 单价 * 1.13, 2)',
    '"say ""hi"""',
  ])('round-trips text → json-logic → text: %s', (text) => {
    const p = parseFormula(text, scope);
    if (!p.ok) throw new Error(p.error.message);
    expect(formatFormula(p.logic, scope)).toBe(text);
  });

  test('renaming a field keeps the stored formula; the editor shows the new label', () => {
    const p = parseFormula('数量 * 2', scope);
    const renamed: FormulaScope = { fields: scope.fields.map((f) => (f.id === 'qty' ? { ...f, labels: ['到货数量', 'Received'] } : f)) };
    expect(p.ok && formatFormula(p.logic, renamed)).toBe('到货数量 * 2');
    expect(p.ok && formatFormula(p.logic, renamed, 'en-US')).toBe('Received * 2');
  });

  test('errors point at the character', () => {
    const unknown = parseFormula('数量 * 重量', scope);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FIELD', position: 5, length: 2 } });
    expect(!unknown.ok && unknown.error.message).toContain('重量');
    expect(parseFormula('1 + * 2', scope)).toMatchObject({ ok: false, error: { code: 'SYNTAX', position: 4 } });
    expect(parseFormula('SUMM(1)', scope)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FUNCTION', position: 0 } });
    expect(parseFormula('ROUND(1, 2, 3)', scope)).toMatchObject({ ok: false, error: { code: 'ARITY' } });
    expect(parseFormula('"open', scope)).toMatchObject({ ok: false, error: { code: 'SYNTAX', position: 0 } });
    expect(parseFormula('(1 + 2', scope, { locale: 'en-US' })).toMatchObject({ ok: false, error: { message: 'Expected ")" at character 7' } });
  });
});

describe('json-logic rules behave as json-logic-js', () => {
  const data = { a: 1, b: '1', c: 0, s: 'hello', arr: [1, 2, 3], none: null, obj: { x: 5 } };
  test.each([
    { '==': [{ var: 'a' }, { var: 'b' }] },
    { '===': [{ var: 'a' }, { var: 'b' }] },
    { '!=': [{ var: 'a' }, 2] },
    { '!': [{ var: 'c' }] },
    { '!!': [{ var: 'arr' }] },
    { and: [true, { var: 'a' }, 'x'] },
    { or: [0, '', { var: 's' }] },
    { if: [{ var: 'c' }, 'yes', { var: 'a' }, 'a', 'no'] },
    { '<': [0, { var: 'a' }, 2] },
    { '>=': [{ var: 'obj.x' }, 5] },
    { in: ['ell', { var: 's' }] },
    { in: [2, { var: 'arr' }] },
    { cat: ['x', { var: 'a' }, '-', { var: 's' }] },
    { substr: [{ var: 's' }, -3] },
    { substr: [{ var: 's' }, 1, 2] },
    { max: [1, { var: 'a' }, 7] },
    { min: [3, 2] },
    { '%': [7, 3] },
    { merge: [[1], 2, [3, 4]] },
    { missing: ['a', 'none', 'zzz'] },
    { missing_some: [1, ['a', 'zzz']] },
    { map: [{ var: 'arr' }, { '*': [{ var: '' }, 2] }] },
    { filter: [{ var: 'arr' }, { '>': [{ var: '' }, 1] }] },
    { reduce: [{ var: 'arr' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] },
    { all: [{ var: 'arr' }, { '>': [{ var: '' }, 0] }] },
    { some: [{ var: 'arr' }, { '>': [{ var: '' }, 2] }] },
    { none: [{ var: 'arr' }, { '>': [{ var: '' }, 5] }] },
    { var: ['zzz', 'fallback'] },
    { '+': ['3', 4] },
    { '-': [{ var: 'a' }] },
  ])('%j', (rule) => {
    expect(engine.evaluate(rule, { data, now, timeZone: 'UTC' })).toEqual(jsonLogic.apply(rule as never, data));
  });
});

// What the parser's tokenizer and name resolution accept, and each error exactly as the editor
// shows it; referencedFields' filter; sums that start blank or hold one date.
describe('parser details, errors and sums', () => {
  const fails = (position: number, length: number, code: string, params: Record<string, unknown>, message: string) => ({
    ok: false,
    error: { code, position, length, params, message },
  });
  test.each([
    ['1 & "ab', fails(4, 3, 'SYNTAX', { reason: 'unclosed-string' }, '第 5 个字符处的文本缺少结束引号')],
    ['1 + [数量', fails(4, 3, 'SYNTAX', { reason: 'unclosed-bracket' }, '第 5 个字符处的 [ 缺少 ]')],
    ['[明细].[金额', fails(4, 4, 'SYNTAX', { reason: 'unclosed-bracket' }, '第 5 个字符处的 [ 缺少 ]')],
    ['1 + [明细].重量', fails(4, 7, 'UNKNOWN_FIELD', { name: '明细.重量' }, '第 5 个字符处的字段“明细.重量”不存在')],
    ['1 + ]', fails(4, 1, 'SYNTAX', { reason: 'unexpected', char: ']' }, '第 5 个字符处有多余的 “]”')],
    ['   ', fails(0, 0, 'SYNTAX', { reason: 'empty' }, '公式为空')],
    ['=', fails(0, 0, 'SYNTAX', { reason: 'empty' }, '公式为空')],
    ['=1 + ]', fails(5, 1, 'SYNTAX', { reason: 'unexpected', char: ']' }, '第 6 个字符处有多余的 “]”')],
    ['(1 + 2', fails(6, 0, 'SYNTAX', { reason: 'expected', expected: ')', got: 'end' }, '第 7 个字符处应为 “)”')],
    ['(1 + 2 3', fails(7, 1, 'SYNTAX', { reason: 'expected', expected: ')', got: 3 }, '第 8 个字符处应为 “)”')],
    ['SUMM(1)', fails(0, 4, 'UNKNOWN_FUNCTION', { name: 'SUMM' }, '第 1 个字符处的函数“SUMM”不存在')],
    ['abs(1, 2)', fails(0, 3, 'ARITY', { name: 'ABS', min: 1, max: 1, got: 2 }, '函数 ABS 需要 1 个参数，实际为 2 个')],
    ['1 +', fails(3, 0, 'SYNTAX', { reason: 'unexpected-end' }, '公式不完整')],
    ['1 + * 2', fails(4, 1, 'SYNTAX', { reason: 'unexpected', char: '*' }, '第 5 个字符处有多余的 “*”')],
    ['1 2', fails(2, 1, 'SYNTAX', { reason: 'unexpected', char: 2 }, '第 3 个字符处有多余的 “2”')],
  ])('%s is refused exactly', (text, expected) => {
    expect(parseFormula(text, scope)).toEqual(expected);
  });

  test.each([
    ['[明细].金额', { var: 'lines.amount' }, ['lines.amount']],
    ['[明细].[金额]', { var: 'lines.amount' }, ['lines.amount']],
    ['[Lines].Amount', { var: 'lines.amount' }, ['lines.amount']],
    ['SUM([明细].金额, [明细].[数量])', { SUM: [{ var: 'lines.amount' }, { var: 'lines.q' }] }, ['lines.amount', 'lines.q']],
  ])('a bracketed subform name takes a column after a dot: %s', (text, logic, refs) => {
    expect(parseFormula(text, scope)).toEqual({ ok: true, logic, refs });
  });

  test('labels may hold dots: the name splits at each dot in turn, and only at a dot', () => {
    const dotted: FormulaScope = {
      fields: [{ id: 'specs', labels: ['Spec.v2'], type: 'subform', children: [{ id: 'w', labels: ['Weight.kg'], type: 'number' }] }],
    };
    expect(parseFormula('SUM(Spec.v2.Weight.kg)', dotted)).toEqual({ ok: true, logic: { SUM: [{ var: 'specs.w' }] }, refs: ['specs.w'] });
    expect(parseFormula('[Spec.v2xWeight.kg]', dotted)).toEqual(
      fails(0, 19, 'UNKNOWN_FIELD', { name: 'Spec.v2xWeight.kg' }, '第 1 个字符处的字段“Spec.v2xWeight.kg”不存在'),
    );
  });

  test.each([
    ['“合格”', '合格'],
    ['"合格“', '合格'],
    ['.25 * 4', 1],
    ['2 * .5', 1],
    ['SUM（1，2）', 3],
    ['=1=1', true],
    [' = 2 * 3', 6],
    ['2 * +3', 6],
    ['+数量', 4],
  ])('%s = %p', (text, expected) => {
    expect(run(text, { qty: 4 })).toEqual(expected);
  });

  test('referencedFields lists named paths only, not {"var": ""} or an index', () => {
    expect(referencedFields({ and: [{ var: 'qty' }, { var: '' }, { var: 0 }, { var: [] }, { var: ['price', 1] }] })).toEqual(['qty', 'price']);
  });

  test('a sum of three terms whose first is blank still adds a date; a rule + of one date is its day number', () => {
    const sum = engine.compile({ '+': [{ var: 'none' }, { var: 'arrived' }, 1] }, { typeOf })({ data: { arrived: '2026-11-28' }, now, timeZone: 'UTC' });
    expect(sum).toBeInstanceOf(DateValue);
    expect(String(sum)).toBe('2026-11-29');
    // 2026-11-28 is day 20785 counted from 1970-01-01 (docs/formulas.md: dates as numbers).
    const one = engine.compile({ '+': [{ var: 'arrived' }] }, { typeOf, semantics: 'rule' })({ data: { arrived: '2026-11-28' }, now, timeZone: 'UTC' });
    expect(one).toBe(20785);
  });
});
