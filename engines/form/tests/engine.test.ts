// The form engine through its public interface: schema checks, compile, compute, rules,
// validation messages in both languages, serial numbers and cross-form checks.
import { createFormEngine, formatSerial, serialPeriodKey, parseSerialPattern, type FormSchema, type FunctionDef } from '../src';
import fixture from './fixtures/incoming-inspection.json';

const engine = createFormEngine();
const now = new Date('2026-11-24T01:30:00Z');
// Without its version, so each test compiles a form of its own: a compiled version is cached, and
// a test that reuses another test's form runs none of the compile code (the mutation run credits
// only the test that compiled it first). The tests of the cache give versions themselves.
const checked = (): FormSchema => {
  const r = engine.checkSchema(structuredClone(fixture));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const s = { ...r.schema };
  delete s.version;
  return s;
};
const good = {
  supplier: '华东精密', lot: 'L-001', arrived: '2026-11-20', sampled: 100, passed: 96, disposition: 'concession',
  lines: [{ material: '螺栓', qty: 3, price: 0.1 }, { material: '螺母', qty: '2', price: 0.2 }],
};

describe('checkSchema', () => {
  test('accepts the fixture and fills formula logic from the text analysts typed', () => {
    const s = checked();
    const total = s.fields.find((f) => f.id === 'total') as { formula: { logic: unknown } };
    expect(total.formula.logic).toEqual({ SUM: [{ var: 'lines.amount' }] });
  });

  const broken = (mutate: (s: FormSchema) => void) => {
    const s = structuredClone(fixture) as unknown as FormSchema;
    mutate(s);
    const r = engine.checkSchema(s, { forms: (id) => (id === 'materials' ? ({ id: 'materials', title: 'M', fields: [{ id: 'code', type: 'text', label: '编码' }] } as FormSchema) : undefined) });
    if (r.ok) throw new Error('expected a refusal');
    return r.issues;
  };
  test('refuses duplicate field ids, anywhere', () => {
    const issues = broken((s) => (s.fields[1] as { fields: unknown[] }).fields.push({ id: 'passed', type: 'text', label: 'x' }));
    expect(issues).toEqual([{ path: 'fields[3]', fieldId: 'passed', code: 'duplicate_id', message: '字段 ID “passed” 重复（合格数）', params: { fieldId: 'passed' } }]);
  });
  test('refuses a formula naming a missing field, with the position', () => {
    const issues = broken((s) => ((s.fields.find((f) => f.id === 'total') as { formula: unknown }).formula = { text: 'SUM(明细.重量)' }));
    expect(issues).toEqual([{ path: 'fields[8].formula', fieldId: 'total', code: 'formula_unknown_field', message: '第 5 个字符处的字段“明细.重量”不存在', params: { position: 4, length: 5, fieldId: 'total' } }]);
  });
  test('refuses stored logic that calls a function with arguments it does not take, as typing it would be', () => {
    const issues = broken((s) => {
      (s.fields.find((f) => f.id === 'total') as { formula: unknown }).formula = { logic: { TEXT: [{ SUM: [{ var: 'lines.amount' }] }] } };
      s.fields.push({ id: 'band', type: 'formula', label: '档位', formula: { logic: { IFS: [{ '>': [{ var: 'total' }, 5] }, '高', '低'] } } });
      s.fields.push({ id: 'note', type: 'text', label: '备注', visibleIf: { '>': [{ YEAR: [] }, 2000] } });
    });
    expect(issues).toEqual([
      { path: 'fields[8].formula', fieldId: 'total', code: 'formula_arity', message: '函数 TEXT 需要 2 个参数，实际为 1 个', params: { name: 'TEXT', min: 2, max: 2, got: 1, fieldId: 'total' } },
      { path: 'fields[10].formula', fieldId: 'band', code: 'formula_arity', message: '函数 IFS 的参数须两两成对，实际为 3 个', params: { name: 'IFS', min: 2, max: Infinity, got: 3, pairedAfter: 0, fieldId: 'band' } },
      { path: 'fields[11].visibleIf', fieldId: 'note', code: 'formula_arity', message: '函数 YEAR 需要 1 个参数，实际为 0 个', params: { name: 'YEAR', min: 1, max: 1, got: 0, fieldId: 'note' } },
    ]);
  });
  test('refuses circular formulas and names the cycle', () => {
    const issues = broken((s) => {
      s.fields.push({ id: 'a', type: 'formula', label: 'A', formula: { text: 'B + 1' } }, { id: 'b', type: 'formula', label: 'B', formula: { text: 'A + 1' } });
    });
    expect(issues).toEqual([{ path: 'fields[10].formula', fieldId: 'a', code: 'circular_formula', message: '公式循环引用：a → b → a', params: { cycle: ['a', 'b', 'a'], fieldId: 'a' } }]);
  });
  test('refuses a relation to a missing form and an unknown field type', () => {
    expect(broken((s) => s.fields.push({ id: 'mat', type: 'relation', label: '物料', formId: 'nope', displayField: 'code' }))).toEqual([
      { path: 'fields[10].formId', fieldId: 'mat', code: 'unknown_form', message: '关联的表单“nope”不存在', params: { fieldId: 'mat' } },
    ]);
    expect(broken((s) => s.fields.push({ id: 'x', type: 'hologram', label: 'X' } as never))).toMatchObject([{ path: 'fields[10].type', fieldId: 'x', code: 'unknown_type', message: '字段 x 的类型不存在' }]);
  });
  test('a relation or lookup not set up yet says what to choose, in the analyst\'s words', () => {
    expect(broken((s) => s.fields.push({ id: 'mat', type: 'relation', label: '物料', formId: '', displayField: '' }))).toMatchObject([{ path: 'fields[10].formId', fieldId: 'mat', code: 'missing_form', message: '关联数据 mat 还没有选择关联表单' }]);
    expect(broken((s) => s.fields.push({ id: 'mat', type: 'relation', label: '物料', formId: 'materials', displayField: '' }))).toEqual([
      { path: 'fields[10].displayField', fieldId: 'mat', code: 'missing_display_field', message: '关联数据“物料”还没有选择显示字段', params: { fieldId: 'mat' } },
    ]);
    expect(broken((s) => s.fields.push({ id: 'lk', type: 'lookup', label: '编码', relationField: '', targetField: '' }))).toEqual([
      { path: 'fields[10].relationField', fieldId: 'lk', code: 'missing_relation', message: '关联查询“编码”还没有选择关联字段', params: { fieldId: 'lk' } },
    ]);
    const withRelation = (s: FormSchema) => s.fields.push({ id: 'mat', type: 'relation', label: '物料', formId: 'materials', displayField: 'code' });
    expect(broken((s) => { withRelation(s); s.fields.push({ id: 'lk', type: 'lookup', label: '编码', relationField: 'mat', targetField: '' }); })).toEqual([
      { path: 'fields[11].targetField', fieldId: 'lk', code: 'missing_target_field', message: '关联查询“编码”还没有选择要查询的字段', params: { fieldId: 'lk' } },
    ]);
  });
  test('refuses an invalid serial pattern and duplicate option values', () => {
    expect(broken((s) => ((s.fields[0] as { pattern: string }).pattern = 'IQC-{yyyy}'))).toMatchObject([{ path: 'fields[0].pattern', fieldId: 'serial', code: 'invalid_serial_pattern', params: { fieldId: 'serial' } }]);
    expect(broken((s) => (s.fields.find((f) => f.id === 'disposition') as { options: Array<{ value: string }> }).options[1].value = 'accept')).toEqual([
      { path: 'fields[6].options', fieldId: 'disposition', code: 'duplicate_option', message: '“处置方式”的选项值“accept”重复', params: { fieldId: 'disposition' } },
    ]);
  });
});

describe('compile and process', () => {
  test('compiles once per schema version', () => {
    const s = { ...checked(), version: 1 };
    expect(engine.compile(s)).toBe(engine.compile(s));
    expect(engine.compile(structuredClone(s))).toBe(engine.compile(s));
  });

  test('keeps the cacheSize most recently used versions; an evicted one compiles afresh and works', () => {
    const small = createFormEngine({ cacheSize: 2 });
    const v = (n: number) => ({ ...checked(), version: n });
    const first = small.compile(v(1));
    const second = small.compile(v(2));
    expect(small.compile(v(1))).toBe(first); // used again: now the most recent
    small.compile(v(3)); // evicts version 2
    expect(small.compile(v(1))).toBe(first);
    const again = small.compile(v(2));
    expect(again).not.toBe(second);
    expect(again.process(good, { mode: 'create', now }).ok).toBe(true);
  });

  test("a formula function of one's own given to the engine is known to its schema check and computed in its forms", () => {
    const double: FunctionDef = {
      name: 'DOUBLE', category: 'math', minArgs: 1, maxArgs: 1,
      description: { 'zh-CN': '两倍', 'en-US': 'Twice' }, example: 'DOUBLE(2)', exampleResult: '4', fn: ([n]) => (n as number) * 2,
    };
    // A function written in JavaScript may give nothing (undefined): stored as a blank, like an error.
    const nothing: FunctionDef = { ...double, name: 'NOTHING', minArgs: 0, maxArgs: 0, example: 'NOTHING()', exampleResult: '', fn: () => undefined as never };
    const schema: FormSchema = {
      id: 'ownfn', title: '自定义函数', version: 1,
      fields: [
        { id: 'qty', type: 'number', label: { 'zh-CN': '数量', 'en-US': 'Qty' } },
        { id: 'twice', type: 'formula', label: '两倍', resultType: 'number', formula: { text: 'DOUBLE(数量)' } },
        { id: 'none', type: 'formula', label: '无', formula: { text: 'NOTHING()' } },
        // ...and nothing is a blank to what uses it: 0 to a number function, an empty text to &.
        { id: 'plus', type: 'formula', label: '加一', resultType: 'number', formula: { text: 'ABS(NOTHING()) + 1' } },
        { id: 'joined', type: 'formula', label: '拼接', formula: { text: 'NOTHING() & "x"' } },
      ],
    };
    const plain = engine.checkSchema(structuredClone(schema));
    expect(plain.ok ? [] : plain.issues.map((i) => i.code)).toEqual(Array(4).fill('formula_unknown_function'));
    const own = createFormEngine({ functions: [double, nothing] });
    const r = own.checkSchema(structuredClone(schema));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const out = own.compile(r.schema).process({ qty: 21 }, { mode: 'create', now });
    expect(out.ok && out.data).toEqual({ qty: 21, twice: 42, none: null, plus: 1, joined: 'x' });
  });

  test('computes row formulas, totals and record formulas exactly', () => {
    const form = engine.compile(checked());
    const r = form.process(good, { mode: 'create', now });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const lines = r.data.lines as Array<Record<string, unknown>>;
    expect(lines.map((l) => l.amount)).toEqual([0.3, 0.4]);
    expect(lines[1].qty).toBe(2);
    expect(lines.map((l) => l._rowId)).toEqual(['r1', 'r2']);
    expect(r.data.total).toBe(0.7);
    expect(r.data.passRate).toBe(0.96);
    expect(r.data.result).toBe('pass');
    expect(form.totals(r.data)).toEqual({ lines: { amount: 0.7, qty: 5 } });
  });

  test('hidden fields are neither required nor validated; shown ones are', () => {
    const form = engine.compile(checked());
    expect(form.visibility({ passed: 96, sampled: 100 }).disposition).toBe(true);
    expect(form.visibility({ passed: 100, sampled: 100 }).disposition).toBe(false);
    const { disposition: _d, ...withoutDisposition } = good;
    expect(form.process({ ...withoutDisposition, passed: 100 }, { mode: 'create', now }).ok).toBe(true);
    const missing = form.process(withoutDisposition, { mode: 'create', now, locale: 'en-US' });
    expect(missing).toEqual({ ok: false, issues: [{ path: 'disposition', fieldId: 'disposition', code: 'required', message: 'Disposition is required' }] });
  });

  test('one message per field, in zh-CN and en-US, with subform row paths', () => {
    const form = engine.compile(checked());
    const bad = { supplier: '', lot: 'L', arrived: '2026-02-30', sampled: 10, passed: 12, disposition: 'maybe', lines: [{ material: '', qty: -1 }], color: 'red' };
    const zh = form.process(bad, { mode: 'create', now });
    const en = form.process(bad, { mode: 'create', now, locale: 'en-US' });
    if (zh.ok || en.ok) throw new Error('expected issues');
    const byPath = Object.fromEntries(zh.issues.map((i) => [i.path, i.message]));
    expect(byPath).toMatchObject({
      supplier: '请填写供应商',
      arrived: '到货日期不是有效的日期',
      passed: '合格数不能大于抽样数',
      'lines.0.material': '请填写物料',
      'lines.0.qty': '数量不能小于 0',
      color: '未知字段“color”',
    });
    expect(byPath.disposition).toBeUndefined(); // hidden (passed ≥ sampled): not validated
    expect(en.issues.find((i) => i.path === 'supplier')!.message).toBe('Supplier is required');
  });

  test('a date-only value never shifts; numbers round half away from zero at their precision', () => {
    const form = engine.compile(checked());
    const r = form.process({ ...good, arrived: '2026-12-31', lines: [{ material: 'x', qty: 1, price: 1.005 }] }, { mode: 'create', now, timeZone: 'America/Los_Angeles' });
    expect(r.ok && r.data.arrived).toBe('2026-12-31');
    expect(r.ok && r.data.lines).toEqual([{ _rowId: 'r1', material: 'x', qty: 1, price: 1.01, amount: 1.01 }]);
  });

  test('a formula value sent by a client is ignored; a serial is left for the server, which draws it', () => {
    const form = engine.compile(checked());
    const r = form.process({ ...good, total: 999999, serial: 'FAKE-1' }, { mode: 'create', now });
    expect(r.ok && r.data.total).toBe(0.7);
    // The server overwrites the serial in the write's transaction (see the records API tests).
    expect(r.ok && r.data.serial).toBe('FAKE-1');
  });
});

describe('a form that adds no value of its own (no top-level formula or default)', () => {
  const plain = engine.checkSchema({
    id: 'plain', title: '供应商', fields: [
      { id: 'name', type: 'text', label: '名称', required: true },
      { id: 'score', type: 'number', label: '得分', precision: 1 },
      { id: 'price', type: 'money', label: '单价' },
      { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'qty', type: 'number', label: '数量' }] },
    ],
  } as unknown as FormSchema);
  if (!plain.ok) throw new Error(JSON.stringify(plain.issues));
  const form = engine.compile(plain.schema);

  test('coerces and rounds what a client sends, and leaves the input untouched', () => {
    const input = JSON.parse('{"name":"  华东精密","score":"88.25","price":"¥ 12.345","lines":[{"qty":"3"}]}');
    const before = JSON.stringify(input);
    const r = form.process(input, { mode: 'create', now });
    expect(r.ok && r.data).toEqual({ name: '华东精密', score: 88.3, price: 12.35, lines: [{ _rowId: 'r1', qty: 3 }] });
    expect(JSON.stringify(input)).toBe(before);
  });

  test('system keys, undefined values and an own "__proto__" key are handled as on any form', () => {
    const r = form.process({ name: 'A', _v: 99, score: undefined }, { mode: 'create', now });
    expect(r.ok && r.data).toEqual({ name: 'A' });
    const polluted = form.process(JSON.parse('{"name":"A","__proto__":{"admin":true}}'), { mode: 'create', now });
    expect(polluted.ok && Object.getPrototypeOf(polluted.data)).toBe(Object.prototype);
    expect(polluted.ok && (polluted.data as { admin?: boolean }).admin).toBeUndefined();
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
    expect(form.process({ name: 'A', extra: 1 }, { mode: 'create', now })).toEqual({ ok: false, issues: [{ path: 'extra', fieldId: 'extra', code: 'unknown_field', message: '未知字段“extra”' }] });
  });
});

describe('serial numbers', () => {
  test('patterns, periods and formatting in the tenant time zone', () => {
    expect(parseSerialPattern('IQC-{yyyyMMdd}-{seq:4}')).toEqual({ ok: true, pattern: { dateTokens: ['yyyyMMdd'], seqWidth: 4 } });
    expect(parseSerialPattern('IQC-{foo}-{seq}')).toEqual({ ok: false, message: { 'zh-CN': '无法识别 {foo}', 'en-US': 'unknown token {foo}' } });
    const late = new Date('2026-11-23T18:00:00Z'); // the 24th in Shanghai
    expect(serialPeriodKey('IQC-{yyyyMMdd}-{seq:4}', late, 'Asia/Shanghai')).toBe('20261124');
    expect(serialPeriodKey('PO-{yyyyMM}-{seq:3}', late, 'UTC')).toBe('202611');
    expect(serialPeriodKey('N{seq:6}', late, 'UTC')).toBe('');
    expect(formatSerial('IQC-{yyyyMMdd}-{seq:4}', late, 'Asia/Shanghai', 7)).toBe('IQC-20261124-0007');
  });

  test.each([
    ['{seq}', 1],
    ['{seq:0}', 0],
    ['N{seq:12}', 12],
    ['{yy}{MM}-{seq:3}', 3],
  ])('%s is a pattern counting to width %d', (pattern, seqWidth) => {
    expect(parseSerialPattern(pattern)).toMatchObject({ ok: true, pattern: { seqWidth } });
  });

  test('the date tokens are kept in the order written', () => {
    expect(parseSerialPattern('{yyyy}/{MM}/{dd}-{yy}-{yyyyMM}-{yyyyMMdd}-{seq}')).toEqual({ ok: true, pattern: { dateTokens: ['yyyy', 'MM', 'dd', 'yy', 'yyyyMM', 'yyyyMMdd'], seqWidth: 1 } });
  });

  test.each([
    ['IQC-{yyyy}', '规则中须有序号 {seq:N}', 'the pattern needs a {seq:N} token'],
    ['IQC-{seq:4}-{seq:2}', '只能有一个 {seq} 序号', 'only one {seq} token is allowed'],
    ['{seq:0}{seq:0}', '只能有一个 {seq} 序号', 'only one {seq} token is allowed'],
    ['{seq:123}', '无法识别 {seq:123}', 'unknown token {seq:123}'],
    ['{seq:}', '无法识别 {seq:}', 'unknown token {seq:}'],
    ['{seq:a}', '无法识别 {seq:a}', 'unknown token {seq:a}'],
    ['{myseq}', '无法识别 {myseq}', 'unknown token {myseq}'],
    ['{seqs}', '无法识别 {seqs}', 'unknown token {seqs}'],
    ['{YYYY}-{seq}', '无法识别 {YYYY}', 'unknown token {YYYY}'],
    ['{}-{seq}', '无法识别 {}', 'unknown token {}'],
    ['IQC-{yyyy-{seq}', '花括号不成对', 'unbalanced braces'],
    ['IQC}-{seq}', '花括号不成对', 'unbalanced braces'],
  ])('%s is refused: %s / %s', (pattern, zh, en) => {
    expect(parseSerialPattern(pattern)).toEqual({ ok: false, message: { 'zh-CN': zh, 'en-US': en } });
  });

  // 2026-12-31 18:00 UTC: 1 January 2027 in Shanghai, still 31 December in UTC and Los Angeles.
  const newYear = new Date('2026-12-31T18:00:00Z');
  test.each([
    ['{yyyyMMdd}-{seq}', '20270101', '20261231'],
    ['{dd}-{seq}', '20270101', '20261231'],
    ['{yyyy}{MM}{dd}-{seq}', '20270101', '20261231'],
    ['{yyyyMM}-{seq}', '202701', '202612'],
    ['{MM}-{seq}', '202701', '202612'],
    ['{yy}{MM}-{seq}', '202701', '202612'],
    ['{yyyy}-{seq}', '2027', '2026'],
    ['{yy}-{seq}', '2027', '2026'],
    ['{seq:6}', '', ''],
  ])('%s restarts its count in period %p in Shanghai, %p in Los Angeles', (pattern, shanghai, losAngeles) => {
    expect(serialPeriodKey(pattern, newYear, 'Asia/Shanghai')).toBe(shanghai);
    expect(serialPeriodKey(pattern, newYear, 'America/Los_Angeles')).toBe(losAngeles);
  });

  test('a period of an invalid pattern is refused, naming the pattern and why', () => {
    expect(() => serialPeriodKey('IQC-{yyyy}', newYear, 'UTC')).toThrow('Invalid serial pattern IQC-{yyyy}: the pattern needs a {seq:N} token');
  });

  test('every date token in the tenant time zone, two-digit months and days, the count padded to its width only', () => {
    const march = new Date('2026-03-04T16:30:00Z'); // 5 March in Shanghai
    expect(formatSerial('{yyyy}|{yy}|{MM}|{dd}|{yyyyMM}|{yyyyMMdd}|{seq:3}', march, 'Asia/Shanghai', 7)).toBe('2026|26|03|05|202603|20260305|007');
    expect(formatSerial('{yyyyMMdd}-{seq:3}', march, 'America/Los_Angeles', 7)).toBe('20260304-007');
    expect(formatSerial('N{seq:3}', march, 'UTC', 12345)).toBe('N12345');
    expect(formatSerial('N{seq}', march, 'UTC', 42)).toBe('N42');
    expect(formatSerial('N{week}-{seq}', march, 'UTC', 42)).toBe('N{week}-42');
    expect(formatSerial('N{xseq}{seq:2x}{seq:2}', march, 'UTC', 4)).toBe('N{xseq}{seq:2x}04');
    expect(formatSerial('N{seq:0}', march, 'UTC', 9)).toBe('N9');
    expect(formatSerial('{seq:12}', march, 'UTC', 1)).toBe('000000000001');
  });
});

describe('cross-form checks and relations', () => {
  const outbound: FormSchema = {
    id: 'outbound', title: '出库单',
    fields: [
      { id: 'mat', type: 'relation', label: '物料', formId: 'materials', displayField: 'code', autofill: [{ from: 'name', to: 'matName' }] },
      { id: 'matName', type: 'text', label: '物料名称' },
      { id: 'spec', type: 'lookup', label: '规格', relationField: 'mat', targetField: 'spec' },
      { id: 'lot', type: 'text', label: '批次' },
      { id: 'qty', type: 'number', label: '出库数量' },
    ],
    crossChecks: [{ id: 'stock', fieldId: 'qty', source: { formId: 'stock', match: { lot: { var: 'lot' } }, aggregate: 'sum', field: 'available' }, rule: { '<=': [{ var: 'qty' }, { var: '$source' }] }, message: { 'zh-CN': '出库数量不能超过该批次可用库存', 'en-US': 'Exceeds the stock of this lot' } }],
  };
  test('plans the query with this record\'s values and evaluates the result', () => {
    const form = engine.compile(outbound);
    expect(form.planCrossChecks({ lot: 'L1', qty: 5 })).toEqual([{ checkId: 'stock', formId: 'stock', match: { lot: 'L1' }, aggregate: 'sum', field: 'available' }]);
    expect(form.evaluateCrossChecks({ lot: 'L1', qty: 5 }, { stock: 8 })).toEqual([]);
    expect(form.evaluateCrossChecks({ lot: 'L1', qty: 9 }, { stock: 8 })).toEqual([
      { path: 'qty', fieldId: 'qty', code: 'cross_check', message: '出库数量不能超过该批次可用库存', params: { checkId: 'stock', source: 8 } },
    ]);
  });
  test('a date or datetime in a match is asked for as stored, not as a date object', () => {
    const dated: FormSchema = {
      ...outbound,
      fields: [...outbound.fields, { id: 'day', type: 'date', label: '日期' }, { id: 'at', type: 'datetime', label: '时间' }],
      crossChecks: [{ ...outbound.crossChecks![0], source: { ...outbound.crossChecks![0].source, match: { day: { var: 'day' }, at: { var: 'at' } } } }],
    };
    const planned = engine.compile(dated).planCrossChecks({ day: '2026-11-20', at: '2026-11-20T00:30:00.000Z' });
    expect(planned[0].match).toEqual({ day: '2026-11-20', at: '2026-11-20T00:30:00.000Z' });
  });
  test('autofill and lookups copy from the related record', () => {
    const form = engine.compile(outbound);
    expect(form.autofill('mat', { code: 'M-1', name: '螺栓', spec: 'M8' })).toEqual({ matName: '螺栓' });
    expect(form.lookupValues({ mat: { spec: 'M8' } })).toEqual({ spec: 'M8' });
  });
});

describe('rules compare as json-logic does; formulas as Excel', () => {
  // The issue: a select whose options are "1".."5" holds text; a rule comparing it with a
  // number hid a field that json-logic shows, and skipped its required check.
  const grades = ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: `${v} 级` }));
  const schema: FormSchema = {
    id: 'grades', title: '评级', // no version: each test compiles its own (see checked above)
    fields: [
      { id: 'grade', type: 'select', label: { 'zh-CN': '等级', 'en-US': 'Grade' }, options: grades },
      { id: 'reason', type: 'text', label: { 'zh-CN': '原因', 'en-US': 'Reason' }, visibleIf: { '<': [{ var: 'grade' }, 4] }, requiredIf: { '<=': [{ var: 'grade' }, 2] } },
      { id: 'low', type: 'formula', label: '低等级', resultType: 'boolean', formula: { text: '等级 < 4' } },
      {
        id: 'lines', type: 'subform', label: '明细',
        fields: [
          { id: 'g', type: 'select', label: '等级', options: grades },
          { id: 'why', type: 'text', label: '说明', requiredIf: { '<': [{ var: '$row.g' }, 3] } },
        ],
      },
    ],
  };
  const form = () => {
    const checked = engine.checkSchema(structuredClone(schema));
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    return engine.compile(checked.schema);
  };

  test('a field shown when grade < 4 is shown for "1".."3" and hidden for "4" and "5"', () => {
    const f = form();
    expect(['1', '2', '3', '4', '5'].map((grade) => f.visibility({ grade }).reason)).toEqual([true, true, true, false, false]);
  });

  test('required when grade <= 2: reported for "1", not for "3" or a hidden field', () => {
    const f = form();
    expect(f.process({ grade: '1' }, { mode: 'create', now, locale: 'en-US' })).toEqual({ ok: false, issues: [{ path: 'reason', fieldId: 'reason', code: 'required', message: 'Reason is required' }] });
    expect(f.process({ grade: '1', reason: '来料划伤' }, { mode: 'create', now }).ok).toBe(true);
    expect(f.process({ grade: '3' }, { mode: 'create', now }).ok).toBe(true);
    expect(f.process({ grade: '5' }, { mode: 'create', now }).ok).toBe(true);
  });

  test('inside a subform row, $row rules compare the same way', () => {
    const r = form().process({ grade: '4', lines: [{ g: '2' }, { g: '3' }] }, { mode: 'create', now });
    expect(r.ok ? [] : r.issues.map((i) => [i.path, i.code])).toEqual([['lines.0.why', 'required']]);
  });

  test('a formula keeps Excel\'s comparison: text ranks above any number, so "1" < 4 is FALSE', () => {
    const r = form().process({ grade: '1', reason: 'x' }, { mode: 'create', now });
    expect(r.ok && r.data.low).toBe(false);
  });
});

describe('date arithmetic in a date formula keeps the time of a datetime, and only then', () => {
  const schema: FormSchema = {
    id: 'due', title: '复检', version: 1,
    fields: [
      { id: 'arrived', type: 'date', label: { 'zh-CN': '到货日期', 'en-US': 'Arrived' } },
      { id: 'at', type: 'datetime', label: { 'zh-CN': '检验时间', 'en-US': 'Inspected' } },
      { id: 'plus', type: 'formula', label: '次日', resultType: 'date', formula: { text: '检验时间 + 1' } },
      { id: 'plusLeft', type: 'formula', label: '次日（左）', resultType: 'date', formula: { text: '1 + 检验时间' } },
      { id: 'dayOnly', type: 'formula', label: '到货次日', resultType: 'date', formula: { text: '到货日期 + 1' } },
      { id: 'minus', type: 'formula', label: '前一日', resultType: 'date', formula: { text: '检验时间 - 1' } },
    ],
  };
  test('a datetime plus or minus days is a datetime (either side); a date plus days is a date', () => {
    const checked = engine.checkSchema(schema);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const r = engine.compile(checked.schema).process({ arrived: '2026-11-20', at: '2026-11-20T08:30:00.000Z' }, { mode: 'create', now, timeZone: 'Asia/Shanghai' });
    expect(r.ok && [r.data.plus, r.data.plusLeft, r.data.dayOnly, r.data.minus]).toEqual(['2026-11-21T08:30:00.000Z', '2026-11-21T08:30:00.000Z', '2026-11-21', '2026-11-19T08:30:00.000Z']);
  });
  test('across a change of the clocks, a datetime plus one day keeps its time on the wall clock', () => {
    const checked = engine.checkSchema(schema);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    // 03:00 PST on Saturday 7 March; Los Angeles moves to PDT at 02:00 on Sunday the 8th.
    const r = engine.compile(checked.schema).process({ arrived: '2026-03-07', at: '2026-03-07T11:00:00.000Z' }, { mode: 'create', now, timeZone: 'America/Los_Angeles' });
    expect(r.ok && [r.data.plus, r.data.minus]).toEqual(['2026-03-08T10:00:00.000Z', '2026-03-06T11:00:00.000Z']); // 03:00 PDT on the 8th, 03:00 PST on the 6th
  });
});
