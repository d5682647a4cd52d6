// Every field type through the public engine: what a valid value becomes when stored (coercion,
// precision), what an invalid one is refused with, and that an empty required field is reported.
// Layout types carry no data; computed types ignore what a client sends.
import { createFormEngine, FIELD_TYPES, filterKindOf, storesList, type Field, type FieldType, type FieldTypeDef, type FormSchema, type Issue } from '../src';

const engine = createFormEngine();
const now = new Date('2026-11-24T01:30:00Z');
const file = { id: 'f1', name: '检验报告.pdf', size: 1024, contentType: 'application/pdf' };

interface Case {
  field: Field;
  /** [input, stored] pairs that are accepted. */
  accepts: Array<[unknown, unknown]>;
  /** [input, issue code] pairs that are refused. */
  refuses: Array<[unknown, string]>;
  /** How an empty value is sent (null unless given). */
  empty?: unknown;
  /** An empty optional value is accepted unless the field asks for a least number of items. */
  optionalEmptyRefused?: string;
}

const CASES: Partial<Record<FieldType, Case>> = {
  text: { field: { id: 'v', type: 'text', label: '批次号', validation: { maxLength: 8, pattern: '^L-' } }, accepts: [['  L-1024 ', 'L-1024']], refuses: [['L-123456789', 'maxLength'], ['X-1', 'pattern'], [12, 'type']], empty: '' },
  textarea: { field: { id: 'v', type: 'textarea', label: '备注', validation: { minLength: 2 } }, accepts: [['外观良好\n无划伤  ', '外观良好\n无划伤']], refuses: [['好', 'minLength'], [['a'], 'type']], empty: '' },
  barcode: { field: { id: 'v', type: 'barcode', label: '物料码' }, accepts: [[' 6901234567892 ', '6901234567892']], refuses: [[{ code: 1 }, 'type']], empty: '' },
  number: { field: { id: 'v', type: 'number', label: '数量', precision: 1, validation: { min: 0, max: 10000 } }, accepts: [['1,234', 1234], [' 2.25 ', 2.3], [0.1 + 0.2, 0.3]], refuses: [[-1, 'minimum'], [10001, 'maximum'], ['abc', 'type']] },
  money: { field: { id: 'v', type: 'money', label: '单价' }, accepts: [['1,234.005', 1234.01], [1.005, 1.01], ['¥ 99', 99]], refuses: [['一百', 'type']] },
  percent: { field: { id: 'v', type: 'percent', label: '合格率', precision: 1, validation: { max: 1 } }, accepts: [[0.95678, 0.957], ['0.5', 0.5]], refuses: [[1.5, 'maximum']] },
  date: { field: { id: 'v', type: 'date', label: '到货日期' }, accepts: [['2026-11-20', '2026-11-20'], ['2026-11-20T23:30:00+08:00', '2026-11-20']], refuses: [['2026-13-01', 'format'], ['昨天', 'format']], empty: '' },
  datetime: { field: { id: 'v', type: 'datetime', label: '检验时间' }, accepts: [['2026-11-20T08:30:00.000Z', '2026-11-20T08:30:00.000Z']], refuses: [['2026-11-20 08:30', 'format'], [20261120, 'type']], empty: '' },
  select: { field: { id: 'v', type: 'select', label: '结论', options: [{ value: 'ok', label: '合格' }, { value: 'ng', label: '不合格' }] }, accepts: [['ng', 'ng']], refuses: [['maybe', 'enum']] },
  multiselect: { field: { id: 'v', type: 'multiselect', label: '缺陷', options: [{ value: 'a', label: '划伤' }, { value: 'b', label: '变形' }], validation: { maxItems: 1 } }, accepts: [[['b'], ['b']]], refuses: [[['a', 'b'], 'maxItems'], [['z'], 'enum'], [[1], 'type']], empty: [] },
  switch: { field: { id: 'v', type: 'switch', label: '需复检' }, accepts: [[false, false], [true, true]], refuses: [['yes', 'type']] },
  member: { field: { id: 'v', type: 'member', label: '检验员', multiple: true }, accepts: [[['u1', 'u2'], ['u1', 'u2']]], refuses: [[['u1', 'u1'], 'uniqueItems'], ['u1', 'type']] },
  department: { field: { id: 'v', type: 'department', label: '部门' }, accepts: [['d-qa', 'd-qa']], refuses: [[42, 'type']] },
  attachment: { field: { id: 'v', type: 'attachment', label: '附件', validation: { maxItems: 1 } }, accepts: [[[file], [file]]], refuses: [[[file, { ...file, id: 'f2' }], 'maxItems'], [[{ name: 'x' }], 'invalid'], [[{ ...file, size: '1k' }], 'invalid']], empty: [] },
  image: { field: { id: 'v', type: 'image', label: '现场照片' }, accepts: [[[file], [file]]], refuses: [[[{ ...file, extra: 1 }], 'invalid']], empty: [] },
  signature: { field: { id: 'v', type: 'signature', label: '签名' }, accepts: [[file, file]], refuses: [['画了一个名字', 'type']] },
  location: { field: { id: 'v', type: 'location', label: '位置' }, accepts: [[{ lat: 31.23, lng: 121.47, address: '上海' }, { lat: 31.23, lng: 121.47, address: '上海' }]], refuses: [[{ lat: 91, lng: 0 }, 'invalid'], [{ lat: 1 }, 'invalid']] },
  relation: { field: { id: 'v', type: 'relation', label: '供应商', formId: 'suppliers', displayField: 'name' }, accepts: [[{ id: 's1', display: '华东精密' }, { id: 's1', display: '华东精密' }]], refuses: [[{ display: 'x' }, 'invalid'], ['s1', 'type']] },
  subform: {
    field: { id: 'v', type: 'subform', label: '明细', validation: { minItems: 2 }, fields: [{ id: 'qty', type: 'number', label: '数量', required: true }] },
    accepts: [[[{ _rowId: 'r1', qty: '3' }, { qty: 4 }], [{ _rowId: 'r1', qty: 3 }, { _rowId: 'r2', qty: 4 }]]],
    refuses: [[[{ qty: 1 }], 'minItems'], [[{ qty: 1 }, { qty: 'x' }], 'type'], [[], 'minItems']],
    empty: [],
    optionalEmptyRefused: 'minItems',
  },
};

const LAYOUT: FieldType[] = ['section', 'tabs', 'columns', 'description'];
const COMPUTED: FieldType[] = ['formula', 'serial', 'lookup'];

const suppliers: FormSchema = { id: 'suppliers', title: '供应商', version: 1, fields: [{ id: 'name', type: 'text', label: '名称' }] };

// Each test compiles with an engine of its own: the engine keeps compiled forms by id and version,
// so a second test of the same field would reuse the first one's validator, and StrykerJS (which
// runs, for each planted bug, only the tests that ran its code) would judge the type's schema by
// the first test alone.
function compile(field: Field, required = false) {
  const engine = createFormEngine();
  const checked = engine.checkSchema({ id: `t_${field.type}`, title: field.type, version: required ? 2 : 1, fields: [{ ...field, required } as Field] }, { forms: (id) => (id === 'suppliers' ? suppliers : undefined) });
  if (!checked.ok) throw new Error(`${field.type}: ${JSON.stringify(checked.issues)}`);
  return engine.compile(checked.schema);
}
const issueOf = (issues: Issue[]) => issues.find((i) => i.path === 'v' || i.path.startsWith('v.'));

test('every data field type has a case here', () => {
  const missing = FIELD_TYPES.filter((t) => !CASES[t] && !LAYOUT.includes(t) && !COMPUTED.includes(t));
  expect(missing).toEqual([]);
});

describe.each(Object.entries(CASES) as Array<[FieldType, Case]>)('%s', (type, c) => {
  test('accepts valid values and stores them normalised', () => {
    const form = compile(c.field);
    for (const [input, stored] of c.accepts) {
      const r = form.process({ v: input }, { mode: 'create', now });
      if (!r.ok) throw new Error(`${type} refused ${JSON.stringify(input)}: ${JSON.stringify(r.issues)}`);
      expect(r.data.v).toEqual(stored);
    }
  });

  test('refuses invalid values with the reason, in zh-CN and en-US', () => {
    const form = compile(c.field);
    for (const [input, code] of c.refuses) {
      const zh = form.process({ v: input }, { mode: 'create', now, locale: 'zh-CN' });
      expect(zh.ok).toBe(false);
      const issue = issueOf(zh.ok ? [] : zh.issues);
      expect({ input, code: issue?.code }).toEqual({ input, code });
      expect(issue!.message).toMatch(/[\u4e00-\u9fff]/);
      const en = form.process({ v: input }, { mode: 'create', now, locale: 'en-US' });
      const enMessage = issueOf(en.ok ? [] : en.issues)!.message;
      expect(enMessage).not.toBe(issue!.message);
      expect(enMessage).toMatch(/\b(must|is|has|needs|not|required|allows)\b/);
    }
  });

  test('an empty required value is reported as required; optional, it is accepted', () => {
    const empty = c.empty ?? null;
    const required = compile(c.field, true).process({ v: empty }, { mode: 'create', now });
    expect(required.ok ? [] : required.issues.map((i) => [i.path, i.code])).toEqual([['v', 'required']]);
    const optional = compile(c.field).process({ v: empty }, { mode: 'create', now });
    if (c.optionalEmptyRefused) expect(optional.ok ? [] : optional.issues.map((i) => i.code)).toEqual([c.optionalEmptyRefused]);
    else expect(optional.ok).toBe(true);
  });
});

describe('the parts of a value each type checks, beyond the table above', () => {
  const stored = (field: Field, v: unknown) => {
    const r = compile(field).process({ v }, { mode: 'create', now });
    return r.ok ? { ok: true, v: r.data.v } : { ok: false, codes: r.issues.map((i) => i.code) };
  };
  const ref = (i: number) => ({ id: `s${i}` });
  const relation: Field = { id: 'v', type: 'relation', label: '供应商', formId: 'suppliers', displayField: 'name', multiple: true };
  const location: Field = { id: 'v', type: 'location', label: '位置' };
  const subform = (validation?: object): Field => ({ id: 'v', type: 'subform', label: '明细', ...(validation ? { validation } : {}), fields: [{ id: 'qty', type: 'number', label: '数量' }] });

  test.each<[string, Field, unknown, unknown]>([
    ['a blank date is stored as no date', { id: 'v', type: 'date', label: '到货日期' }, '', { ok: true, v: null }],
    ['a date followed by more is refused, not cut to its first ten characters', { id: 'v', type: 'date', label: '到货日期' }, '2026-11-20 to 2026-11-25T18:00', { ok: false, codes: ['format'] }],
    ['a blank datetime is stored as no datetime', { id: 'v', type: 'datetime', label: '检验时间' }, '', { ok: true, v: null }],
    ['an option chosen twice', { id: 'v', type: 'multiselect', label: '缺陷', options: [{ value: 'a', label: '划伤' }] }, ['a', 'a'], { ok: false, codes: ['uniqueItems'] }],
    ['several departments', { id: 'v', type: 'department', label: '部门', multiple: true }, ['d1', 'd2'], { ok: true, v: ['d1', 'd2'] }],
    ['a department chosen twice', { id: 'v', type: 'department', label: '部门', multiple: true }, ['d1', 'd1'], { ok: false, codes: ['uniqueItems'] }],
    ['one department where several are asked', { id: 'v', type: 'department', label: '部门', multiple: true }, 'd1', { ok: false, codes: ['type'] }],
    ['500 related records', relation, Array.from({ length: 500 }, (_, i) => ref(i)), { ok: true, v: Array.from({ length: 500 }, (_, i) => ref(i)) }],
    ['501 related records', relation, Array.from({ length: 501 }, (_, i) => ref(i)), { ok: false, codes: ['maxItems'] }],
    ['a related record without its id', relation, [{ display: 'x' }], { ok: false, codes: ['invalid'] }],
    ['a place east of the date line', location, { lat: 0, lng: 181 }, { ok: false, codes: ['invalid'] }],
    ['a place with its latitude as text', location, { lat: '31', lng: 0 }, { ok: false, codes: ['invalid'] }],
    ['a place with its longitude as text', location, { lat: 0, lng: '121' }, { ok: false, codes: ['invalid'] }],
    ['a place whose address runs past 500 characters', location, { lat: 0, lng: 0, address: '路'.repeat(501) }, { ok: false, codes: ['invalid'] }],
    ['a place whose address is not text', location, { lat: 0, lng: 0, address: 200030 }, { ok: false, codes: ['invalid'] }],
    ['a place with a part a place has not', location, { lat: 0, lng: 0, floor: 3 }, { ok: false, codes: ['invalid'] }],
    ['1,000 rows', subform(), Array.from({ length: 1000 }, () => ({ qty: 1 })), { ok: true, v: Array.from({ length: 1000 }, () => ({ _rowId: expect.any(String), qty: 1 })) }],
    ['1,001 rows', subform(), Array.from({ length: 1001 }, () => ({ qty: 1 })), { ok: false, codes: ['maxItems'] }],
    ['more rows than the analyst allows', subform({ maxItems: 2 }), [{ qty: 1 }, { qty: 2 }, { qty: 3 }], { ok: false, codes: ['maxItems'] }],
    ['a row that is not a row', subform(), [5], { ok: false, codes: ['type'] }],
    ['a row with a column the subform has not', subform(), [{ qty: 1, extra: 'x' }], { ok: false, codes: ['unknown_field'] }],
    ['a row id longer than 64 characters', subform(), [{ _rowId: 'r'.repeat(65), qty: 1 }], { ok: false, codes: ['invalid'] }],
    ['a row id that is not text is replaced by one of the engine\'s', subform(), [{ _rowId: 7, qty: 1 }], { ok: true, v: [{ _rowId: 'r1', qty: 1 }] }],
    ['a serial number sent as a number', { id: 'v', type: 'serial', label: '单号', pattern: 'IQC-{seq:4}' }, 5, { ok: false, codes: ['type'] }],
  ])('%s', (_why, field, v, expected) => {
    expect(stored(field, v)).toEqual(expected);
  });

  test.each<[string, Field]>([
    ['options', { id: 'v', type: 'multiselect', label: '缺陷', options: [{ value: 'a', label: '划伤' }] }],
    ['attachments', { id: 'v', type: 'attachment', label: '附件' }],
    ['related records', relation],
    ['rows', subform()],
  ])('required %s: nothing sent, null or an empty list is reported as required', (_what, field) => {
    const form = compile(field, true);
    for (const data of [{}, { v: null }, { v: [] }]) {
      const r = form.process(data, { mode: 'create', now });
      expect([data, r.ok ? [] : r.issues.map((i) => [i.path, i.code])]).toEqual([data, [['v', 'required']]]);
    }
  });

  test('a required switch left unset is reported as required; off is an answer', () => {
    const form = compile({ id: 'v', type: 'switch', label: '需复检' }, true);
    const r = form.process({}, { mode: 'create', now });
    expect(r.ok ? [] : r.issues.map((i) => [i.path, i.code])).toEqual([['v', 'required']]);
    expect(form.process({ v: false }, { mode: 'create', now })).toEqual({ ok: true, data: { v: false } });
  });

  test('a refusal says what the value may be, "not filled in" (null) included', () => {
    const number = compile({ id: 'v', type: 'number', label: '数量' }).process({ v: 'abc' }, { mode: 'create', now });
    expect(number).toEqual({ ok: false, issues: [{ path: 'v', fieldId: 'v', code: 'type', message: '数量的格式不正确', params: { type: ['number', 'null'] } }] });
    const select = compile(CASES.select!.field).process({ v: 'maybe' }, { mode: 'create', now });
    expect(select).toEqual({ ok: false, issues: [{ path: 'v', fieldId: 'v', code: 'enum', message: '结论的选项无效', params: { allowedValues: ['ok', 'ng', null] } }] });
  });

  test('validate, which takes a record as it is, refuses a row id that is not text (process replaces it)', () => {
    const r = compile(subform()).validate({ v: [{ _rowId: 7, qty: 1 }] });
    expect(r.ok ? [] : r.issues.map((i) => [i.path, i.code])).toEqual([['v.0._rowId', 'invalid']]);
  });
});

test('a field of a type this engine does not know (a schema from a newer release) is offered to no condition', () => {
  const fields = [{ id: 'a', type: 'text', label: 'A' }, { id: 'x', type: 'hologram', label: 'X' }] as unknown as Field[];
  expect(createFormEngine().conditions.fields({ fields }).map((f) => f.path)).toEqual(['a']);
});

test('layout types hold fields but no data of their own', () => {
  const checked = engine.checkSchema({
    id: 'layout', title: '布局', version: 1,
    fields: [
      { id: 'sec', type: 'section', label: '基本信息', fields: [{ id: 'a', type: 'text', label: 'A', required: true }] },
      { id: 'tabs', type: 'tabs', label: '页签', tabs: [{ id: 't1', label: '一', fields: [{ id: 'b', type: 'number', label: 'B' }] }] },
      { id: 'cols', type: 'columns', label: '分栏', columns: [{ id: 'c1', fields: [{ id: 'c', type: 'text', label: 'C' }] }] },
      { id: 'note', type: 'description', label: '说明', content: '按 GB/T 2828.1 抽样' },
    ],
  } as FormSchema);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const form = engine.compile(checked.schema);
  expect(Object.keys(form.jsonSchema.properties as object).sort()).toEqual(['a', 'b', 'c']);
  const r = form.process({ b: '5' }, { mode: 'create', now });
  expect(r.ok ? [] : r.issues.map((i) => [i.fieldId, i.code])).toEqual([['a', 'required']]);
  expect(form.process({ a: 'x', b: '5', sec: 'not data' }, { mode: 'create', now })).toEqual({ ok: false, issues: [{ path: 'sec', fieldId: 'sec', code: 'unknown_field', message: '未知字段“sec”' }] });
});

test('computed types ignore values sent by a client', () => {
  const checked = engine.checkSchema({
    id: 'computed', title: '计算', version: 1,
    fields: [
      { id: 'sup', type: 'relation', label: '供应商', formId: 'suppliers', displayField: 'name' },
      { id: 'name', type: 'lookup', label: '名称', relationField: 'sup', targetField: 'name' },
      { id: 'no', type: 'serial', label: '单号', pattern: 'IQC-{yyyyMMdd}-{seq:4}' },
      { id: 'qty', type: 'number', label: '数量' },
      { id: 'double', type: 'formula', label: '两倍', formula: { text: '数量 * 2' }, resultType: 'number' },
    ],
  }, { forms: (id) => (id === 'suppliers' ? suppliers : undefined) });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const r = engine.compile(checked.schema).process({ qty: 4, double: 999, no: 'FAKE-1', name: '伪造' }, { mode: 'create', now });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  // Serial numbers and lookups are filled by the server in the write's transaction; what the
  // client sent is passed through only for the server to overwrite (see the records API tests).
  expect(r.data).toEqual({ qty: 4, double: 8, no: 'FAKE-1', name: '伪造' });
});

test('a key whose value is undefined is no value (as in JSON), not an unknown field', () => {
  const checked = engine.checkSchema({ id: 'undefined_values', title: 'u', version: 1, fields: [{ id: 'v', type: 'text', label: '文本' }] });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const form = engine.compile(checked.schema);
  expect(form.process({ v: 'x', note: undefined }, { mode: 'create', now })).toEqual({ ok: true, data: { v: 'x' } });
});

test('a hidden field keeps a value its rules would refuse, but never a value of the wrong kind', () => {
  const checked = engine.checkSchema({
    id: 'hidden_kinds', title: 'h', version: 1,
    fields: [
      { id: 'n', type: 'number', label: '数量', hidden: true, validation: { max: 10 } },
      { id: 'loc', type: 'location', label: '位置', hidden: true },
    ],
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const form = engine.compile(checked.schema);
  expect(form.process({ n: 99 }, { mode: 'create', now }).ok).toBe(true);
  const bad = form.process({ n: 'abc', loc: { lat: 999, lng: 'x' } }, { mode: 'create', now });
  expect(bad.ok ? [] : bad.issues.map((i) => [i.path, i.code])).toEqual([['n', 'type'], ['loc', 'invalid']]);
});

test('a constant default is stored at the field\'s precision', () => {
  const checked = engine.checkSchema({ id: 'default_round', title: 'd', version: 1, fields: [{ id: 'price', type: 'money', label: '单价', default: { value: 9.999 } }] });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  expect(engine.compile(checked.schema).process({}, { mode: 'create', now })).toEqual({ ok: true, data: { price: 10 } });
});

describe('what each type says of its stored value, read through the engine (list changes, packages and list filters ask it)', () => {
  const facts = (field: Field, e = engine) => {
    const def = e.fieldType(field.type);
    return { list: storesList(field, def), files: def?.files === true, filterKind: filterKindOf(field, def) };
  };
  const f = (type: string, more: Record<string, unknown> = {}) => ({ id: 'v', type, label: 'v', ...more }) as unknown as Field;

  test.each<[string, Field, ReturnType<typeof facts>]>([
    ['text', f('text'), { list: false, files: false, filterKind: 'string' }],
    ['number', f('number'), { list: false, files: false, filterKind: 'number' }],
    ['percent', f('percent'), { list: false, files: false, filterKind: 'number' }],
    ['switch', f('switch'), { list: false, files: false, filterKind: 'boolean' }],
    ['date', f('date'), { list: false, files: false, filterKind: 'string' }],
    ['a number formula', f('formula', { resultType: 'money' }), { list: false, files: false, filterKind: 'number' }],
    ['a yes/no formula', f('formula', { resultType: 'boolean' }), { list: false, files: false, filterKind: 'boolean' }],
    ['a date formula', f('formula', { resultType: 'date' }), { list: false, files: false, filterKind: 'string' }],
    ['lookup', f('lookup'), { list: false, files: false, filterKind: 'any' }],
    ['multiselect', f('multiselect', { options: [] }), { list: true, files: false, filterKind: 'string' }],
    ['one member', f('member'), { list: false, files: false, filterKind: 'string' }],
    ['several members', f('member', { multiple: true }), { list: true, files: false, filterKind: 'string' }],
    ['several departments', f('department', { multiple: true }), { list: true, files: false, filterKind: 'string' }],
    ['one related record', f('relation', { formId: 'x', displayField: 'y' }), { list: false, files: false, filterKind: 'string' }],
    ['several related records', f('relation', { formId: 'x', displayField: 'y', multiple: true }), { list: true, files: false, filterKind: 'string' }],
    ['attachment', f('attachment'), { list: true, files: true, filterKind: 'string' }],
    ['image', f('image'), { list: true, files: true, filterKind: 'string' }],
    ['signature', f('signature'), { list: false, files: true, filterKind: 'string' }],
    ['subform', f('subform', { fields: [] }), { list: true, files: false, filterKind: 'string' }],
  ])('%s', (_name, field, expected) => {
    expect(facts(field)).toEqual(expected);
  });

  test('the facts belong to the engine instance: a type given to one engine changes nothing in another', () => {
    const scans: FieldTypeDef = { type: 'signature', valueSchema: () => ({}), operators: [], list: true, files: true };
    const custom = createFormEngine({ fieldTypes: [scans] });
    expect(facts(f('signature'), custom)).toEqual({ list: true, files: true, filterKind: 'string' });
    expect(facts(f('signature'))).toEqual({ list: false, files: true, filterKind: 'string' });
  });
});
