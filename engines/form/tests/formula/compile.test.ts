// The compiler's own behaviour in formulas (the default semantics): var paths, the json-logic
// operations compile.ts answers itself and the Excel-named operators, each checked against
// json-logic-js where formulas keep its meaning, and against Excel's result where they follow Excel.
import jsonLogic from 'json-logic-js';
import { createFormulaEngine, type EvalContext } from '../../src';

const engine = createFormulaEngine();
const now = new Date('2026-11-24T01:30:00Z'); // 09:30 on the 24th in Shanghai
const formula = (logic: unknown, data: Record<string, unknown> = {}, extra: Partial<EvalContext> = {}) =>
  engine.compile(logic)({ data, now, timeZone: 'Asia/Shanghai', ...extra });
/** An error value as its code, anything else as it is. */
const shown = (v: unknown) => (v instanceof Object && !Array.isArray(v) && /^#/.test(String(v)) ? String(v) : v);

describe('var paths', () => {
  test('a name that is not an index maps over a list (the subform column); a number indexes it', () => {
    const data = { lines: [{ q1: 1 }, { q1: 2 }], list: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'] };
    expect(formula({ var: 'lines.q1' }, data)).toEqual([1, 2]);
    expect(formula({ var: 'list.10' }, data)).toBe('k');
    expect(formula({ var: 'lines.1.q1' }, data)).toBe(2);
  });

  test('a numeric path indexes the current item, as json-logic-js does, also when the item is a text', () => {
    const logic = { map: [['ab', 'cd'], { var: 1 }] };
    expect(formula(logic)).toEqual(['b', 'd']);
    expect(formula(logic)).toEqual(jsonLogic.apply(logic as never, {}));
  });

  test('a path to nothing is a blank (null), never undefined, by every way of reading it', () => {
    const data = { supplier: { name: '华东' }, lines: [{ q1: 1 }] };
    expect(formula({ var: 'supplier.code' }, data)).toBeNull();
    expect(formula({ var: 'lines.5' }, data)).toBeNull();
    expect(formula({ var: '$row.q9' }, data, { row: { q1: 1 } })).toBeNull();
    expect(formula({ var: '$today.x' }, data)).toBeNull();
  });

  test('an empty or null path is the whole item', () => {
    const data = { a: 1 };
    expect(formula({ var: null }, data)).toEqual({ a: 1 });
    expect(formula({ var: [] }, data)).toEqual({ a: 1 });
    expect(formula({ var: '' }, data)).toEqual({ a: 1 });
  });

  test('a path computed by the formula is read like a written one', () => {
    const data = { a: { b: 7 }, key: 'a.b' };
    expect(formula({ var: { cat: ['a', '.b'] } }, data)).toBe(7);
    expect(formula({ var: { var: 'key' } }, data)).toBe(7);
    expect(formula({ var: [{ cat: ['a', '.zz'] }, 'fb'] }, data)).toBe('fb');
    // A path that comes out blank reads the whole item, as json-logic-js does.
    expect(formula({ var: { var: 'nope' } }, { a: 1 })).toEqual({ a: 1 });
    expect(jsonLogic.apply({ var: { var: 'nope' } } as never, { a: 1 })).toEqual({ a: 1 });
  });

  test('a default replaces a missing or blank value in a formula, never a value that is there', () => {
    expect(formula({ var: ['x', 'fb'] }, { x: 5 })).toBe(5);
    expect(formula({ var: ['x', 'fb'] }, { x: 0 })).toBe(0);
    expect(formula({ var: ['x', 'fb'] }, {})).toBe('fb');
  });

  test('a $row path with a default uses the default when the row has no such value', () => {
    const row = { qty: 3 };
    expect(formula({ var: ['$row.price', 0] }, {}, { row })).toBe(0);
    expect(formula({ var: ['$row.qty', 0] }, {}, { row })).toBe(3);
    expect(formula({ var: '$row.qty' }, {}, { row })).toBe(3);
  });

  test('an object with more than one key is a literal, not an operation (json-logic-js returns it as is)', () => {
    const logic = { a: 1, b: 2 };
    expect(formula(logic)).toEqual({ a: 1, b: 2 });
    expect(jsonLogic.apply(logic as never)).toEqual({ a: 1, b: 2 });
  });
});

describe('truthiness', () => {
  test('a date is true; a formula error is false', () => {
    expect(formula({ if: [{ TODAY: [] }, 'y', 'n'] })).toBe('y');
    expect(formula({ '!': [{ TODAY: [] }] })).toBe(false);
    expect(formula({ if: [{ '/': [1, 0] }, 'y', 'n'] })).toBe('n');
    expect(formula({ '!!': [{ '/': [1, 0] }] })).toBe(false);
  });
});

describe("Excel's operators", () => {
  test('SUM adds numeric text computed inside the formula (Excel: =SUM("1"&"2", 1) is 13)', () => {
    expect(formula({ SUM: [{ '&': ['1', '2'] }, 1] })).toBe(13);
  });

  test('* multiplies every argument', () => {
    expect(formula({ '*': [2, 3, 4] })).toBe(24);
    expect(formula({ '*': [2, 3] })).toBe(6);
  });

  test('* of two values rounds the product to 15 digits, not each factor (Excel: 3.00000000000001)', () => {
    expect(formula({ '*': [{ var: 'a' }, 3] }, { a: 1.0000000000000049 })).toBe(3.00000000000001);
  });

  test('& past 32,767 characters is #VALUE!, whatever follows (Excel: (a & b) & 1/0)', () => {
    // 32,767 emoji are 65,534 UTF-16 units: the one-character "a" after them is one too many.
    expect(shown(formula({ '&': [{ REPT: ['😀', 32767] }, 'a', { '/': [1, 0] }] }))).toBe('#VALUE!');
  });

  test('cat passes an error on, as & and CONCAT do, not the text before it (docs/formulas.md: an error is the result)', () => {
    expect(shown(formula({ cat: ['a', { '/': [1, 0] }, 'b'] }))).toBe('#DIV/0!');
    expect(formula({ cat: ['a', 1, 'b'] })).toBe('a1b');
  });

  test('% by zero is #DIV/0! (Excel: =MOD(5,0))', () => {
    expect(shown(formula({ '%': [5, 0] }))).toBe('#DIV/0!');
    expect(formula({ '%': [7, 3] })).toBe(1);
  });

  test('= and <> pass an error on from either side', () => {
    expect(shown(formula({ '=': [1, { '/': [1, 0] }] }))).toBe('#DIV/0!');
    expect(shown(formula({ '<>': [{ '/': [1, 0] }, 1] }))).toBe('#DIV/0!');
  });

  test.each([
    ['<', 1, 1, false], ['<', 1, 2, true], ['<', 2, 1, false],
    ['<=', 1, 1, true], ['<=', 1, 2, true], ['<=', 2, 1, false],
    ['>', 1, 1, false], ['>', 2, 1, true],
    ['>=', 1, 1, true], ['>=', 1, 2, false],
  ])('%s %p %p is %p', (op, a, b, expected) => {
    expect(formula({ [op]: [a, b] })).toBe(expected);
  });
});

describe('json-logic operations in formulas behave as json-logic-js', () => {
  const data = { arr: [1, 0, 2], none: null };
  test.each([
    { '===': [1, 1] },
    { '===': [1, '1'] },
    { '!==': [1, '1'] },
    { '!==': [1, 1] },
    { '?:': [true, 'yes', 'no'] },
    { if: [false, 'x'] },
    { if: [false, 'x', 'y'] },
    { in: ['a', 5] },
    { substr: ['abc', -10, 2] },
    { substr: ['abcdef', -2, 5] },
    { substr: ['abc', 0] },
    { substr: ['abc', 1, 0] },
    { substr: ['abcdef', 1, -2] },
    { substr: ['abcdef', -4, -1] },
    { missing_some: [1, ['a', 'b']] },
    { missing_some: [1, ['arr', 'b']] },
    { map: [{ var: 'none' }, { var: '' }] },
    { filter: [5, { var: '' }] },
    { some: [{ var: 'none' }, true] },
    { none: [{ var: 'none' }, true] },
    { all: [[], true] },
    { all: [{ var: 'arr' }, { var: '' }] },
    { all: [[1, 2], { var: '' }] },
    { none: [{ var: 'arr' }, { var: '' }] },
    { none: [[0, ''], { var: '' }] },
    { reduce: [[1, 2], { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 10] },
  ])('%j', (logic) => {
    expect(formula(logic, data)).toEqual(jsonLogic.apply(logic as never, data));
  });

  test('the results, written out', () => {
    expect(formula({ '!==': [1, '1'] })).toBe(true);
    expect(formula({ '?:': [false, 'yes', 'no'] })).toBe('no');
    expect(formula({ if: [false, 'x'] })).toBeNull();
    expect(formula({ substr: ['abcdef', 1, -2] })).toBe('bcd');
    expect(formula({ missing_some: [1, ['a', 'b']] })).toEqual(['a', 'b']);
    expect(formula({ reduce: [[1, 2], { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 10] })).toBe(13);
    expect(formula({ map: [null, { var: '' }] })).toEqual([]);
    expect(formula({ none: [null, true] })).toBe(true);
    expect(formula({ all: [null, true] })).toBe(false); // json-logic-js: a TypeError (null.length)
    expect(formula({ log: ['x'] })).toBe('x');
  });

  test('where formulas read a blank as nothing: substr of a blank is "", max of nothing is blank, a missing list misses nothing', () => {
    // json-logic-js gives "null", -Infinity and a TypeError here.
    expect(formula({ substr: [{ var: 'none' }, 0] })).toBe('');
    expect(formula({ max: [] })).toBeNull();
    expect(formula({ min: [] })).toBeNull();
    expect(formula({ missing_some: [1, { var: 'none' }] })).toEqual([]);
  });

  test('and of nothing is TRUE and or of nothing FALSE, where json-logic-js and rules give nothing (rule.ts)', () => {
    expect(formula({ and: [] })).toBe(true);
    expect(formula({ or: [] })).toBe(false);
  });

  test('not is Excel\'s NOT: the opposite of a logical value, #VALUE! for other text', () => {
    expect(formula({ not: [true] })).toBe(false);
    expect(formula({ not: [0] })).toBe(true);
    expect(shown(formula({ not: ['abc'] }))).toBe('#VALUE!');
  });
});
