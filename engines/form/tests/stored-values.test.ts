// How values are stored: a computed value (a formula's result, a formula default) as its field
// holds it, as Excel would show it in such a cell; and the intake of what a client sends (system
// keys, undefined values, computed fields, subform rows), the same whether or not the form adds
// values of its own. Each test compiles a schema object of its own.
import { createFormEngine, type FormSchema } from '../src';

const engine = createFormEngine();
const now = new Date('2026-11-23T18:00:00Z'); // 2026-11-24, 02:00 in Shanghai
const form = (fields: unknown[]) => engine.compile({ id: 'values', title: '取值', fields } as FormSchema);
/** What formula `logic` stores in a formula field of `resultType` (none: by the result's kind). */
const stored = (logic: unknown, resultType?: string, extra: object = {}) =>
  form([{ id: 'v', type: 'formula', label: 'V', formula: { logic }, ...(resultType ? { resultType } : {}), ...extra }]).initialValues({ now }).v;
/** What a field of `type` gets from a formula default `logic` on a new record. */
const defaulted = (type: string, logic: unknown, extra: object = {}) =>
  form([{ id: 'v', type, label: 'V', default: { formula: { logic } }, ...extra }]).initialValues({ now }).v;

describe('a formula result is stored as its result type says', () => {
  test.each([
    ['a number: 15 significant digits, as Excel keeps', { '+': [0.1, 0.2] }, 'number', {}, 0.3],
    ['a number at its precision, half away from zero', { '*': [-2.5, 1] }, 'number', { precision: 0 }, -3],
    ['money: 2 digits unless told', { '*': [1.005, 1] }, 'money', {}, 1.01],
    ['money at its own precision', { '*': [1.0005, 1] }, 'money', { precision: 3 }, 1.001],
    ['a percent: its precision counts percent digits', { '/': [1, 8] }, 'percent', { precision: 0 }, 0.13],
    ['a percent with no precision: 15 digits', { '/': [1, 3] }, 'percent', {}, 0.333333333333333],
    ['a number that is an error: nothing', { '/': [1, 0] }, 'number', {}, null],
    ['a boolean of nothing', { var: 'none' }, 'boolean', {}, false],
    ['a boolean of a number', { '+': [1, 1] }, 'boolean', {}, true],
    ['a date', { '+': [{ TODAY: [] }, 1] }, 'date', {}, '2026-11-25'],
    ['text', { '&': ['IQC-', 7] }, 'text', {}, 'IQC-7'],
    ['text of a day', { TODAY: [] }, 'text', {}, '2026-11-24'],
    ['text of nothing: nothing', { var: 'none' }, 'text', {}, null],
  ])('%s', (_label, logic, resultType, extra, expected) => {
    expect(stored(logic, resultType, extra)).toEqual(expected);
  });

  test('a boolean is json-logic\'s truth: a column of no rows is false, of any row true', () => {
    const f = form([
      { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'q', type: 'number', label: 'Q' }] },
      { id: 'any', type: 'formula', label: '有', resultType: 'boolean', formula: { logic: { var: 'lines.q' } } },
    ]);
    expect(f.compute({ lines: [] }, { now }).any).toBe(false);
    expect(f.compute({ lines: [{ q: 0 }] }, { now }).any).toBe(true);
  });

  test.each([
    ['a number', { '+': [0.1, 0.2] }, 0.3],
    ['a day', { TODAY: [] }, '2026-11-24'],
    ['an instant (NOW() keeps its time)', { NOW: [] }, '2026-11-23T18:00:00.000Z'],
    ['a boolean', { '>': [2, 1] }, true],
    ['text', { '&': ['a', 'b'] }, 'ab'],
    ['an error: nothing', { '/': [1, 0] }, null],
  ])('without a result type, by what it gives: %s', (_label, logic, expected) => {
    expect(stored(logic)).toEqual(expected);
  });

  // Found writing these tests: a text result stored String(v), "true" and "0.30000000000000004",
  // where Excel's cell (and the formula's own & operator) shows TRUE and 0.3.
  test.each([
    ['TRUE', { '>': [1, 0] }, 'TRUE'],
    ['FALSE', { '<': [1, 0] }, 'FALSE'],
    ['a number in general format', { '+': [0.1, 0.2] }, '0.3'],
  ])('text of %s reads as Excel shows it', (_label, logic, expected) => {
    expect(stored(logic, 'text')).toBe(expected);
    expect(defaulted('text', logic)).toBe(expected);
  });
});

describe('a formula default is stored as its field holds values', () => {
  test.each([
    ['a number from numeric text', 'number', { '&': ['1', '2'] }, {}, 12],
    ['a number at its precision', 'number', { '/': [1, 3] }, { precision: 2 }, 0.33],
    ['a number from text at 15 significant digits', 'number', '0.30000000000000004', {}, 0.3],
    ['money at 2 digits', 'money', { '*': [1.005, 1] }, {}, 1.01],
    ['a percent at its precision', 'percent', { '/': [1, 8] }, { precision: 1 }, 0.125],
    ['no number from blank text', 'number', { '&': ['', ''] }, {}, null],
    ['no number from other text', 'number', { '&': ['a', ''] }, {}, null],
    ['no number from an error', 'number', { '/': [1, 0] }, {}, null],
    ['a datetime from a day: its start in the zone', 'datetime', { TODAY: [] }, {}, '2026-11-23T16:00:00.000Z'],
    ['a datetime from NOW(): the instant', 'datetime', { NOW: [] }, {}, '2026-11-23T18:00:00.000Z'],
    ['a date from a day', 'date', { TODAY: [] }, {}, '2026-11-24'],
    ['text of a day', 'text', { TODAY: [] }, {}, '2026-11-24'],
    ['text of a number', 'text', { '+': [1, 2] }, {}, '3'],
    ['text of nothing: nothing', 'text', { var: 'none' }, {}, null],
  ])('%s', (_label, type, logic, extra, expected) => {
    expect(defaulted(type, logic, extra)).toEqual(expected);
  });

  test('a number field takes a day as its day number, as a number formula does', () => {
    expect(defaulted('number', { TODAY: [] })).toBe(stored({ '*': [{ TODAY: [] }, 1] }, 'number'));
  });

  test('text longer than a cell holds is stored as nothing, however it came', () => {
    // A hidden long text keeps a value past its length (its rules are not checked); copies of it are not stored.
    const long = 'x'.repeat(40000);
    const f = form([
      { id: 'src', type: 'textarea', label: '原文', hidden: true },
      { id: 'copy', type: 'textarea', label: '副本', default: { formula: { logic: { var: 'src' } } } },
      { id: 'same', type: 'formula', label: '同', resultType: 'text', formula: { logic: { var: 'src' } } },
    ]);
    expect(f.process({ src: long }, { mode: 'create', now })).toEqual({ ok: true, data: { src: long, copy: null, same: null } });
    expect(f.compute({ src: 'x'.repeat(32767) }, { now }).same).toHaveLength(32767);

    expect(defaulted('textarea', { REPT: ['x', 32767] })).toHaveLength(32767);
    expect(defaulted('textarea', { '&': [{ REPT: ['x', 32767] }, 1] })).toBeNull();
    expect(stored({ '&': [{ REPT: ['x', 32767] }, 1] }, 'text')).toBeNull();
  });
});

describe('what a client sends is taken in the same way on every form', () => {
  // One form adds no value of its own (its input is copied whole); the other has a formula.
  const fields = [
    { id: 'name', type: 'text', label: '名称' },
    { id: 'qty', type: 'number', label: '数量', precision: 1 },
    { id: 'no', type: 'serial', label: '编号', pattern: 'N{seq:4}' },
    { id: 'mat', type: 'relation', label: '物料', formId: 'materials', displayField: 'code' },
    { id: 'spec', type: 'lookup', label: '规格', relationField: 'mat', targetField: 'spec' },
    {
      id: 'lines', type: 'subform', label: '明细',
      fields: [{ id: 'q', type: 'number', label: '数量', precision: 0 }, { id: 'twice', type: 'formula', label: '两倍', formula: { logic: { '*': [{ var: '$row.q' }, 2] } } }],
    },
  ];
  const plain = () => form(fields);
  const computing = () => form([...fields, { id: 'total', type: 'formula', label: '合计', formula: { logic: { SUM: [{ var: 'lines.q' }] } } }]);
  const taken = (f: ReturnType<typeof form>, input: Record<string, unknown>) => {
    const r = f.process(input, { mode: 'create', now });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const { total: _total, ...data } = r.data;
    return data;
  };

  test.each([['copied whole', plain], ['with a formula', computing]])('%s: system keys are left out, to the last key', (_label, make) => {
    expect(Object.keys(taken(make(), { name: 'A', _v: 99, _id: 'x' }))).toEqual(['name']);
  });

  test.each([['copied whole', plain], ['with a formula', computing]])('%s: undefined values are left out, as JSON leaves them', (_label, make) => {
    expect(Object.keys(taken(make(), { name: 'A', qty: undefined, mat: undefined }))).toEqual(['name']);
  });

  test('a formula value sent is dropped, not kept in its place: the record\'s keys come in the form\'s order', () => {
    const r = computing().process({ total: 99, name: 'A', lines: [{ twice: 99, q: 1 }] }, { mode: 'create', now });
    expect(r.ok && Object.keys(r.data)).toEqual(['name', 'lines', 'total']);
    expect(r.ok && Object.keys((r.data.lines as object[])[0])).toEqual(['_rowId', 'q', 'twice']);
  });

  test.each([['copied whole', plain], ['with a formula', computing]])('%s: a serial and a lookup are left for the server; a formula sent is replaced', (_label, make) => {
    const data = taken(make(), { name: 'A', no: 'FAKE-1', spec: 'M8', lines: [{ q: 1.4, twice: 99 }] });
    expect(data).toEqual({ name: 'A', no: 'FAKE-1', spec: 'M8', lines: [{ _rowId: 'r1', q: 1, twice: 2 }] });
  });

  test.each([['copied whole', plain], ['with a formula', computing]])('%s: numbers are rounded to their precision, text coerced', (_label, make) => {
    expect(taken(make(), { name: ' A ', qty: '2.25', lines: [{ q: '2.5' }] })).toEqual({ name: 'A', qty: 2.3, lines: [{ _rowId: 'r1', q: 3, twice: 6 }] });
  });

  test.each([['copied whole', plain], ['with a formula', computing]])('%s: a row keeps its id when it has one, else is numbered; a row that is no object is refused', (_label, make) => {
    expect(taken(make(), { lines: [{ _rowId: 'keep', q: 1 }, { _rowId: 7, q: 2 }, { q: 3 }] }).lines).toEqual([
      { _rowId: 'keep', q: 1, twice: 2 },
      { _rowId: 'r2', q: 2, twice: 4 },
      { _rowId: 'r3', q: 3, twice: 6 },
    ]);
    const r = make().process({ lines: [{ q: 1 }, 'row'] }, { mode: 'create', now });
    expect(r.ok ? [] : r.issues.map((i) => [i.path, i.code])).toEqual([['lines', 'type']]);
  });

  test.each([['copied whole', plain], ['with a formula', computing]])('%s: an own "__proto__" key never becomes the record\'s prototype', (_label, make) => {
    const data = taken(make(), JSON.parse('{"name":"A","__proto__":{"admin":true}}'));
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect((data as { admin?: boolean }).admin).toBeUndefined();
    const computed = make().compute(JSON.parse('{"name":"A","__proto__":{"admin":true}}'), { now });
    expect(Object.getPrototypeOf(computed)).toBe(Object.prototype);
    expect((computed as { admin?: boolean }).admin).toBeUndefined();
  });

  test('the renderer\'s own values are computed on as they are: rows keep no id they did not have', () => {
    expect(computing().compute({ _draft: 1, lines: [{ q: 1.46, twice: 99 }], no: 'N0001' }, { now })).toEqual({ _draft: 1, lines: [{ q: 1, twice: 2 }], no: 'N0001', total: 1 });
  });
});
