// One evaluator, two meanings: rules (semantics 'rule') compare as json-logic-js does, formulas
// as Excel does. The differential test runs a few hundred generated rules through the real
// json-logic-js and through our compiler; its generator is seeded so a failure reproduces.
import jsonLogic from 'json-logic-js';
import { createFormulaEngine, DateValue, type EvalContext } from '../../src';

const engine = createFormulaEngine();
const now = new Date('2026-11-24T01:30:00Z'); // 09:30 on the 24th in Shanghai
const ctx = (data: Record<string, unknown>, extra: Partial<EvalContext> = {}): EvalContext => ({ data, now, timeZone: 'Asia/Shanghai', ...extra });
const rule = (logic: unknown, data: Record<string, unknown> = {}, extra: Partial<EvalContext> = {}, typeOf?: (p: string) => string | undefined) =>
  engine.compile(logic, { semantics: 'rule', typeOf })(ctx(data, extra));
const formula = (logic: unknown, data: Record<string, unknown> = {}) => engine.compile(logic)(ctx(data));

describe('rules compare as json-logic-js, formulas as Excel', () => {
  test('{"<": ["1", 2]} is true in a rule and false in a formula (text ranks above numbers in Excel)', () => {
    expect(rule({ '<': ['1', 2] })).toBe(true);
    expect(formula({ '<': ['1', 2] })).toBe(false);
    expect(jsonLogic.apply({ '<': ['1', 2] })).toBe(true);
  });

  test.each([
    [{ '<': ['10', '9'] }, true, true], // two texts compare as text in both
    [{ '<': ['9', 10] }, true, false],
    [{ '>': [{ var: 'grade' }, 3] }, true, true],
    [{ '<': [{ var: 'none' }, 1] }, true, true], // a blank is 0 in both
    [{ '<': ['a', 1] }, false, false], // NaN in JavaScript; text above numbers in Excel
    [{ '>': ['a', 1] }, false, true],
    [{ '<=': [1, { var: 'grade' }, 5] }, true, false], // the select whose options are "1".."5"
    [{ '+': [{ var: 'none' }, 1] }, NaN, 1], // parseFloat(null) is NaN; Excel's blank is 0
    [{ '+': ['1,000', 1] }, 2, 1001],
    [{ '+': [{ var: 'none' }, '2', 3] }, NaN, 5], // three or more terms: a blank first term is 0 in Excel
    [{ '+': [1, 'a', 2] }, NaN, '#VALUE!'],
    [{ '/': [1, 0] }, Infinity, '#DIV/0!'],
    [{ cat: ['x', true, 0.1] }, 'xtrue0.1', 'xTRUE0.1'],
  ])('%j: rule %p, formula %p', (logic, inRule, inFormula) => {
    const data = { grade: '4' };
    expect(rule(logic, data)).toEqual(inRule);
    expect(rule(logic, data)).toEqual(jsonLogic.apply(logic as never, data));
    const f = formula(logic, data);
    expect(typeof inFormula === 'string' && f instanceof Object ? String(f) : f).toEqual(inFormula);
  });

  test('a formula sum of three or more terms with one date is a date, wherever the date is; two dates sum to a number', () => {
    // Today is 2026-11-24 in Shanghai.
    expect(String(formula({ '+': [{ TODAY: [] }, 1, 2] }))).toBe('2026-11-27');
    expect(String(formula({ '+': [1, { TODAY: [] }, 2] }))).toBe('2026-11-27');
    // A date as a number counts days from 1970-01-01 (a documented difference from Excel's 1900
    // serials): 2026-11-24 is day 20781.
    const twoDates = formula({ '+': [{ TODAY: [] }, { TODAY: [] }, 1] });
    expect(twoDates instanceof DateValue ? 'a date' : twoDates).toBe(2 * 20781 + 1);
  });

  test('> and >= compare their first two arguments only, as json-logic-js does; < and <= take a third as "between"', () => {
    for (const logic of [{ '>': [5, 3, 9] }, { '>=': [5, 5, 9] }, { '<': [1, 5, 3] }, { '<=': [1, 3, 3] }]) {
      expect(rule(logic)).toBe(jsonLogic.apply(logic as never));
    }
  });

  test('a var default replaces a value that is not there, not a null (json-logic-js); formulas also fill a null', () => {
    const logic = { var: ['x', 'fallback'] };
    expect(rule(logic, { x: null })).toBeNull();
    expect(rule(logic, {})).toBe('fallback');
    expect(rule({ var: ['a.b', 'fallback'] }, { a: null })).toBe('fallback');
    expect(formula(logic, { x: null })).toBe('fallback');
  });

  // The one place a rule reads less than json-logic-js: a path goes into records and rows only.
  // json-logic-js reads a text's own properties ("lot.length" is 3, "lot.constructor" a function);
  // no field path names one.
  test('a path into a text or a number reads nothing; into a record or a row it reads the value', () => {
    expect(jsonLogic.apply({ var: 'lot.length' }, { lot: 'abc' })).toBe(3);
    expect(rule({ var: 'lot.length' }, { lot: 'abc' })).toBeNull();
    expect(rule({ var: 'lot.0' }, { lot: 'abc' })).toBeNull();
    expect(rule({ var: 'qty.x' }, { qty: 5 })).toBeNull();
    expect(rule({ var: 'sup.name' }, { sup: { name: '华东精密' } })).toBe('华东精密');
    expect(rule({ var: 'lines.1.qty' }, { lines: [{ qty: 1 }, { qty: 2 }] })).toBe(2);
  });

  test('missing reads $row paths inside a subform row, and takes a list as its first argument', () => {
    const row = { qty: null, lot: 'L1', note: '' };
    expect(rule({ missing: ['$row.qty', '$row.lot', '$row.note'] }, {}, { row })).toEqual(['$row.qty', '$row.note']);
    expect(rule({ missing: [['a', 'b'], 'c'] }, { a: 1 })).toEqual(jsonLogic.apply({ missing: [['a', 'b'], 'c'] }, { a: 1 }));
    expect(rule({ missing_some: [1, ['$row.qty', '$row.lot']] }, {}, { row })).toEqual([]);
  });
});

describe('dates in rules (the one extension to json-logic-js)', () => {
  const typeOf = (p: string) => (p === 'd' || p === 'd2' ? 'date' : p === 'dt' ? 'datetime' : undefined);
  const data = { d: '2026-11-20', d2: '2026-11-21', dt: '2026-11-20T00:30:00Z' }; // 08:30 on the 20th in Shanghai

  test('a date field compares with ISO text and with another date as a date', () => {
    expect(rule({ '<': [{ var: 'd' }, '2026-11-21'] }, data, {}, typeOf)).toBe(true);
    expect(rule({ '<': [{ var: 'd' }, { var: 'd2' }] }, data, {}, typeOf)).toBe(true);
    expect(rule({ '==': [{ var: 'd' }, '2026-11-20'] }, data, {}, typeOf)).toBe(true);
    expect(rule({ '<=': ['2026-11-01', { var: 'd' }, '2026-11-30'] }, data, {}, typeOf)).toBe(true);
  });

  test('a datetime against a date compares whole days in the tenant zone; two datetimes exactly', () => {
    expect(rule({ '==': [{ var: 'dt' }, '2026-11-20'] }, data, {}, typeOf)).toBe(true);
    expect(rule({ '>': [{ var: 'dt' }, '2026-11-20'] }, data, {}, typeOf)).toBe(false);
    expect(rule({ '<': [{ var: 'dt' }, '2026-11-21'] }, data, {}, typeOf)).toBe(true);
    expect(rule({ '==': [{ var: 'dt' }, '2026-11-19'] }, data, { timeZone: 'America/Los_Angeles' }, typeOf)).toBe(true);
    expect(rule({ '<': [{ var: 'dt' }, '2026-11-20T00:31:00Z'] }, data, {}, typeOf)).toBe(true);
  });

  test('date arithmetic stays: TODAY() - 7 is a date; a blank date (null or "") matches no comparison', () => {
    const lastWeek = { '<=': [{ '-': [{ TODAY: [] }, 7] }, { var: 'd' }, { TODAY: [] }] };
    expect(rule({ '-': [{ TODAY: [] }, 7] })).toBeInstanceOf(DateValue);
    expect(rule(lastWeek, data, {}, typeOf)).toBe(true);
    expect(rule(lastWeek, { d: '2026-11-10' }, {}, typeOf)).toBe(false);
    for (const op of ['<', '<=', '>', '>=', '==']) {
      for (const blank of [null, '']) expect(rule({ [op]: [{ var: 'd' }, '2026-11-20'] }, { d: blank }, {}, typeOf)).toBe(false);
    }
    expect(rule(lastWeek, { d: null }, {}, typeOf)).toBe(false);
  });

  test('elsewhere a date is the text it was stored as, as json-logic-js sees it', () => {
    expect(rule({ in: [{ var: 'dt' }, ['2026-11-20T00:30:00Z']] }, data, {}, typeOf)).toBe(true);
    expect(rule({ '===': [{ var: 'd' }, '2026-11-20'] }, data, {}, typeOf)).toBe(true);
    expect(rule({ cat: [{ var: 'dt' }] }, data, {}, typeOf)).toBe('2026-11-20T00:30:00Z');
    expect(rule({ '<': [{ var: 'd' }, 'x'] }, data, {}, typeOf)).toBe(true); // two texts
  });
});

describe('rule operators the generator does not reach', () => {
  const typeOf = (p: string) => (p === 'd' ? 'date' : p === 'dt' ? 'datetime' : undefined);
  const data = { d: '2026-11-20', dt: '2026-11-20T00:30:00Z' }; // dt: 08:30 on the 20th in Shanghai

  test.each([
    { in: ['', ''] }, // json-logic-js: an empty text holds nothing
    { in: ['a', ''] },
    { '-': [5] },
    { '-': ['5'] },
    { '%': [7, 2] },
    { '%': [5, 0] }, // NaN, not #DIV/0!
    { cat: ['a', { var: 'z' }, 'b'] }, // a blank joins as nothing
    { '==': ['2026-11-20', '2026-11-20T00:00:00Z'] }, // two texts stay texts
    { '<': ['2026-11-20', '2026-11-20T00:00:00Z'] }, // as text; as dates neither is earlier
  ])('%j', (logic) => {
    const d = { z: null };
    expect(rule(logic, d)).toEqual(jsonLogic.apply(logic as never, d));
  });

  test('the same, written out', () => {
    expect(rule({ in: ['', ''] })).toBe(false);
    expect(rule({ '-': [5] })).toBe(-5);
    expect(rule({ '%': [7, 2] })).toBe(1);
    expect(rule({ '%': [5, 0] })).toBeNaN();
    expect(rule({ cat: ['a', { var: 'z' }, 'b'] }, { z: null })).toBe('ab');
    expect(rule({ '==': ['2026-11-20', '2026-11-20T00:00:00Z'] })).toBe(false);
  });

  test('and / or without arguments give nothing; * without arguments too', () => {
    expect(rule({ and: [] })).toBeNull();
    expect(rule({ or: [] })).toBeNull();
    expect(rule({ '*': [] })).toBeNull();
  });

  test('>= on a date field compares as dates', () => {
    expect(rule({ '>=': [{ var: 'd' }, '2026-11-20'] }, data, {}, typeOf)).toBe(true);
    expect(rule({ '>=': [{ var: 'd' }, '2026-11-21'] }, data, {}, typeOf)).toBe(false);
    expect(rule({ '>=': [{ var: 'd' }, '2026-11-19'] }, data, {}, typeOf)).toBe(true);
  });

  test('!= and == on a datetime field compare whole days; === and !== compare the stored text', () => {
    expect(rule({ '!=': [{ var: 'dt' }, '2026-11-20'] }, data, {}, typeOf)).toBe(false);
    expect(rule({ '==': [{ var: 'dt' }, '2026-11-20'] }, data, {}, typeOf)).toBe(true);
    // 13:00 on the 20th in Shanghai is that day for a date field.
    expect(rule({ '==': [{ var: 'd' }, '2026-11-20T05:00:00Z'] }, data, {}, typeOf)).toBe(true);
    expect(rule({ '!=': [{ var: 'd' }, '2026-11-20T05:00:00Z'] }, data, {}, typeOf)).toBe(false);
    expect(rule({ '!=': [{ var: 'd' }, '2026-11-21T05:00:00Z'] }, data, {}, typeOf)).toBe(true);
    expect(rule({ '!==': [{ var: 'dt' }, '2026-11-20T00:30:00Z'] }, data, {}, typeOf)).toBe(false);
    expect(rule({ '!==': [{ var: 'd' }, '2026-11-20'] }, data, {}, typeOf)).toBe(false);
    expect(rule({ '!==': [{ var: 'd' }, '2026-11-21'] }, data, {}, typeOf)).toBe(true);
  });
});

// ---- Differential test ---------------------------------------------------------------------

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DATA = {
  n0: 0, n1: 1, n2: 2, n10: 10, neg: -1, half: 0.5,
  s0: '0', s1: '1', s2: '2', s9: '9', s10: '10', sx: '1e1', sp: ' 2 ',
  t: 'abc', T: 'ABC', ab: 'ab', e: '', z: null, yes: true, no: false,
  arr: [1, '1', 'a'], list: ['a', 'b'], empty: [],
};
const LITERALS: unknown[] = [0, 1, 2, 10, -1, 0.5, '0', '1', '2', '9', '10', 'a', 'ab', 'abc', 'ABC', '', null, true, false];
const VARS = [...Object.keys(DATA), 'nope'];

function generator(seed: number) {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const leaf = (): unknown => {
    const k = r();
    if (k < 0.45) return { var: pick(VARS) };
    if (k < 0.5) return { var: [pick(VARS), pick(LITERALS)] };
    if (k < 0.6) return { [pick(['+', '-', '*'])]: [leaf(), leaf()] };
    if (k < 0.63) return { '+': [leaf()] };
    return pick(LITERALS);
  };
  const hay = (): unknown => pick([{ var: 'arr' }, { var: 'list' }, { var: 't' }, { var: 's10' }, { var: 'z' }, { var: 'e' }, { var: 'n10' }, ['a', '1', 2], 'abc', '']);
  const expr = (depth: number): unknown => {
    const k = r();
    if (k < 0.3) return { [pick(['<', '<=', '>', '>='])]: r() < 0.25 ? [leaf(), leaf(), leaf()] : [leaf(), leaf()] };
    if (k < 0.5) return { [pick(['==', '!=', '===', '!=='])]: [leaf(), leaf()] };
    if (k < 0.6) return { in: [leaf(), hay()] };
    if (k < 0.65) return { missing: [pick(VARS), pick(VARS)] };
    if (k < 0.7 || depth === 0) return { [pick(['!', '!!'])]: depth === 0 ? leaf() : expr(depth - 1) };
    if (k < 0.9) return { [pick(['and', 'or'])]: Array.from({ length: 1 + Math.floor(r() * 3) }, () => expr(depth - 1)) };
    return { if: [expr(depth - 1), leaf(), leaf()] };
  };
  return () => expr(2);
}

test('generated rules give what json-logic-js gives (seeded: the same rules every run)', () => {
  const SEED = 20261124;
  const next = generator(SEED);
  const mismatches: unknown[] = [];
  for (let i = 0; i < 600; i++) {
    const logic = next();
    const theirs = jsonLogic.apply(logic as never, DATA) ?? null;
    const ours = rule(logic, DATA);
    if (!Object.is(ours, theirs) && JSON.stringify(ours) !== JSON.stringify(theirs)) mismatches.push({ i, logic, ours, theirs });
  }
  expect(mismatches).toEqual([]);
});
