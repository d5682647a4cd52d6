// Stored json-logic shown back as formula text with today's labels: names that need brackets,
// subform rows and columns, precedence, negative constants, TRUE/FALSE, blanks and lists.
import { createFormulaEngine, formatFormula, parseFormula, type FormulaScope } from '../../src';

const scope: FormulaScope = {
  fields: [
    { id: 'qty', labels: ['数量', 'Quantity'], type: 'number' },
    { id: 'price', labels: ['单价', 'Unit Price'], type: 'money' },
    { id: 'wh2', labels: ['2号仓', '2nd store'], type: 'number' },
    { id: 'q1', labels: ['Q1销量', 'Q1 sales'], type: 'number' },
    { id: 'isTrue', labels: ['IsTrue'], type: 'number' },
    { id: 'trueCount', labels: ['TrueCount'], type: 'number' },
    { id: 'flag', labels: ['True'], type: 'number' },
    {
      id: 'lines', labels: ['明细', 'Lines'], type: 'subform',
      children: [
        { id: 'amount', labels: ['金额', 'Amount'], type: 'money' },
        { id: 'q', labels: ['件数', 'Pieces'], type: 'number' },
        { id: 'p', labels: ['折扣', 'Discount'], type: 'number' },
      ],
    },
  ],
};
const inRow: FormulaScope = { ...scope, rowOf: 'lines' };

/** Parses `text`, checks the stored logic, and formats it back. */
const roundTrip = (text: string, logic: unknown, s: FormulaScope = scope, locale: 'zh-CN' | 'en-US' = 'zh-CN') => {
  const parsed = parseFormula(text, s, { locale });
  expect(parsed).toEqual({ ok: true, logic, refs: expect.any(Array) });
  return formatFormula(logic, s, locale);
};

describe('names', () => {
  test('a label with a space, a leading digit or the name TRUE/FALSE is bracketed; others are not', () => {
    expect(roundTrip('[Unit Price] * 2', { '*': [{ var: 'price' }, 2] }, scope, 'en-US')).toBe('[Unit Price] * 2');
    expect(roundTrip('[2号仓] + 1', { '+': [{ var: 'wh2' }, 1] })).toBe('[2号仓] + 1');
    expect(roundTrip('[2nd store] + 1', { '+': [{ var: 'wh2' }, 1] }, scope, 'en-US')).toBe('[2nd store] + 1');
    expect(roundTrip('Q1销量 + 1', { '+': [{ var: 'q1' }, 1] })).toBe('Q1销量 + 1');
    expect(roundTrip('IsTrue + TrueCount', { '+': [{ var: 'isTrue' }, { var: 'trueCount' }] })).toBe('IsTrue + TrueCount');
    expect(formatFormula({ '+': [{ var: 'flag' }, 1] }, scope)).toBe('[True] + 1');
  });

  test('a subform column other than the first shows by its own label', () => {
    expect(roundTrip('SUM(明细.件数)', { SUM: [{ var: 'lines.q' }] })).toBe('SUM(明细.件数)');
    expect(formatFormula({ SUM: [{ var: 'lines.p' }] }, scope, 'en-US')).toBe('SUM(Lines.Discount)');
  });

  test('inside a subform row, the row\'s own columns show by their labels', () => {
    const logic = { '*': [{ var: '$row.q' }, { var: '$row.p' }] };
    expect(roundTrip('件数 * 折扣', logic, inRow)).toBe('件数 * 折扣');
    expect(formatFormula(logic, inRow, 'en-US')).toBe('Pieces * Discount');
    expect(formatFormula({ '+': [{ var: '$row.gone' }, 1] }, inRow)).toBe('gone + 1');
  });
});

describe('operators', () => {
  test.each([
    ['1 + 2 * 3', { '+': [1, { '*': [2, 3] }] }],
    ['2 ^ 3 ^ 2', { '^': [{ '^': [2, 3] }, 2] }],
    ['2 ^ (3 ^ 2)', { '^': [2, { '^': [3, 2] }] }],
    ['数量 & "件" = "3件"', { '=': [{ '&': [{ var: 'qty' }, '件'] }, '3件'] }],
    ['IF(数量 > 1, TRUE, FALSE)', { IF: [{ '>': [{ var: 'qty' }, 1] }, true, false] }],
    ['1 + 0', { '+': [1, 0] }],
    ['-5', -5],
    ['ROUND(-2.5, 0)', { ROUND: [-2.5, 0] }],
  ])('round-trips: %s', (text, logic) => {
    expect(roundTrip(text, logic)).toBe(text);
  });

  test('a negative constant inside an operation is shown in parentheses', () => {
    expect(roundTrip('-2 ^ 2', { '^': [-2, 2] })).toBe('(-2) ^ 2');
    expect(roundTrip('1 - -2', { '-': [1, -2] })).toBe('1 - (-2)');
  });
});

describe('json-logic that the parser never writes', () => {
  test('null and a missing value are blank text', () => {
    expect(formatFormula({ '=': [{ var: 'qty' }, null] }, scope)).toBe('数量 = ""');
    expect(formatFormula(undefined, scope)).toBe('""');
  });

  test('an operator with other than two operands is shown as a call, so no operand is left out', () => {
    expect(formatFormula({ '+': [{ var: 'qty' }, { var: 'price' }, 1] }, scope)).toBe('+(数量, 单价, 1)');
    expect(formatFormula({ '<': [0, { var: 'qty' }, 10] }, scope, 'en-US')).toBe('<(0, Quantity, 10)');
  });

  test('a list is shown as MERGE of its items, which reads the same', () => {
    const logic = { COUNT: [[1, 'a', 3]] };
    const text = formatFormula(logic, scope);
    expect(text).toBe('COUNT(MERGE(1, "a", 3))');
    const ctx = { data: {}, now: new Date('2026-11-24T01:30:00Z'), timeZone: 'UTC' };
    const engine = createFormulaEngine();
    const reparsed = parseFormula(text, scope);
    expect(engine.evaluate(logic, ctx)).toBe(2);
    expect(reparsed.ok && engine.evaluate(reparsed.logic, ctx)).toBe(2);
  });
});
