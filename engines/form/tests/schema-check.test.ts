// What checkSchema refuses before a form is saved, and exactly how it says so: the place (path),
// the field, the code and the message in zh-CN and en-US. engine.test.ts walks the fixture; this
// file covers the layouts, logic holders, relations, lookups and cross-form checks one by one.
import { createFormEngine, MAX_FIELDS, type Field, type FormSchema, type Issue, type Locale } from '../src';

const engine = createFormEngine();
const materials: FormSchema = { id: 'materials', title: '物料', fields: [{ id: 'code', type: 'text', label: '编码' }, { id: 'name', type: 'text', label: '名称' }] };
const forms = (id: string) => (id === 'materials' ? materials : undefined);

/** The issues of a form with these fields (and extras), or [] when it is accepted. */
const issuesOf = (fields: unknown[], opts: { locale?: Locale; withForms?: boolean; extra?: object } = {}): Issue[] => {
  const r = engine.checkSchema({ id: 'inspect', title: '检验', fields, ...opts.extra }, { locale: opts.locale, ...(opts.withForms === false ? {} : { forms }) });
  return r.ok ? [] : r.issues;
};
const text = (id: string, label: string = id): Field => ({ id, type: 'text', label });

describe('a form that is not well formed is refused by its structure', () => {
  test('something that is no object is refused as "the form", not thrown on', () => {
    expect(engine.checkSchema(null)).toEqual({ ok: false, issues: [{ path: '', fieldId: '', code: 'schema_type', message: '表单应为对象', params: { type: 'object' } }] });
  });

  test('a form without a title names what is missing, in English when asked', () => {
    expect(engine.checkSchema({ id: 'f', fields: [] }, { locale: 'en-US' })).toEqual({
      ok: false,
      issues: [{ path: '', fieldId: '', code: 'schema_required', message: 'The form must have "title"', params: { missingProperty: 'title' } }],
    });
  });

  test('an unknown type inside a section names the field that has it, not the section', () => {
    const section = { id: 'sec', type: 'section', label: '分组', fields: [text('a'), { id: 'holo', type: 'hologram', label: 'H' }] };
    expect(issuesOf([section], { locale: 'en-US' })).toMatchObject([{ path: 'fields[0].fields[1].type', fieldId: 'holo', code: 'unknown_type', message: 'Field holo has an unknown type' }]);
  });

  test('an unknown type inside tabs names the field that has it, not the tabs', () => {
    const tabs = { id: 'tab', type: 'tabs', label: 'T', tabs: [{ id: 't1', label: '一', fields: [text('a'), { id: 'holo', type: 'hologram', label: 'H' }] }] };
    expect(issuesOf([tabs], { locale: 'en-US' }).map((i) => [i.path, i.fieldId, i.code, i.message])).toEqual([
      ['fields[0].tabs[0].fields[1].type', 'holo', 'unknown_type', 'Field holo has an unknown type'],
    ]);
  });

  test('a field whose id is no text is named by its place only', () => {
    expect(issuesOf([{ id: 5, type: 'text', label: 'A' }])).toEqual([{ path: 'fields[0].id', fieldId: '', code: 'schema_type', message: 'fields[0].id应为文本', params: { type: 'string' } }]);
  });

  test('an empty entry in the field list is refused, not thrown on', () => {
    expect(issuesOf([null])).toEqual([{ path: 'fields[0]', fieldId: '', code: 'schema_type', message: 'fields[0]应为对象', params: { type: 'object' } }]);
  });

  test('an empty entry in a list of tabs or columns is refused at its place, not thrown on', () => {
    expect(issuesOf([{ id: 'tab', type: 'tabs', label: 'T', tabs: [null] }, { id: 'col', type: 'columns', label: 'C', columns: [{ id: 'c1', fields: [] }, null] }])).toEqual([
      { path: 'fields[0].tabs[0]', fieldId: 'tab', code: 'schema_type', message: 'fields[0].tabs[0]应为对象', params: { type: 'object' } },
      { path: 'fields[1].columns[1]', fieldId: 'col', code: 'schema_type', message: 'fields[1].columns[1]应为对象', params: { type: 'object' } },
    ]);
  });

  test('a field its type requires a property of is told that property is missing, once, not also that it fails a rule', () => {
    const select = { id: 'pick', type: 'select', label: '结论' };
    expect(issuesOf([select])).toEqual([{ path: 'fields[0]', fieldId: 'pick', code: 'schema_required', message: 'fields[0]缺少“options”', params: { missingProperty: 'options' } }]);
    expect(issuesOf([select], { locale: 'en-US' })).toEqual([{ path: 'fields[0]', fieldId: 'pick', code: 'schema_required', message: 'fields[0] must have "options"', params: { missingProperty: 'options' } }]);
    expect(issuesOf([{ id: 'mat', type: 'relation', label: '物料' }], { locale: 'en-US' })).toEqual([
      { path: 'fields[0]', fieldId: 'mat', code: 'schema_required', message: 'fields[0] must have "formId"', params: { missingProperty: 'formId' } },
      { path: 'fields[0]', fieldId: 'mat', code: 'schema_required', message: 'fields[0] must have "displayField"', params: { missingProperty: 'displayField' } },
    ]);
  });

  test('a relation with no form chosen says so in English too; an empty option value is a plain length problem', () => {
    expect(issuesOf([{ id: 'mat', type: 'relation', label: '物料', formId: '', displayField: '' }], { locale: 'en-US' })).toEqual([
      { path: 'fields[0].formId', fieldId: 'mat', code: 'missing_form', message: 'Relation mat has no related form yet', params: { limit: 1 } },
    ]);
    expect(issuesOf([{ id: 'pick', type: 'select', label: '结论', options: [{ value: '', label: '空' }] }])).toEqual([
      { path: 'fields[0].options[0].value', fieldId: 'pick', code: 'schema_minLength', message: 'fields[0].options[0].value至少需要 1 个字符', params: { limit: 1 } },
    ]);
  });

  test('a related form id that is too long or no text is a plain problem, not a missing form', () => {
    const relation = (formId: unknown) => ({ id: 'mat', type: 'relation', label: '物料', formId, displayField: 'code' });
    expect(issuesOf([relation('m'.repeat(65))])).toEqual([
      { path: 'fields[0].formId', fieldId: 'mat', code: 'schema_maxLength', message: 'fields[0].formId不能超过 64 个字符', params: { limit: 64 } },
    ]);
    expect(issuesOf([relation(5)], { locale: 'en-US' })).toEqual([
      { path: 'fields[0].formId', fieldId: 'mat', code: 'schema_type', message: 'fields[0].formId must be text', params: { type: 'string' } },
    ]);
  });

  test('a value outside a list other than the type is not called an unknown type', () => {
    expect(issuesOf([{ id: 'n', type: 'formula', label: 'N', resultType: 'bogus', formula: { text: '1' } }]).map((i) => [i.path, i.fieldId, i.code, i.message])).toEqual([
      ['fields[0].resultType', 'n', 'schema_enum', 'fields[0].resultType不是允许的值'],
    ]);
  });

  test('at most 20 structural problems are listed', () => {
    expect(issuesOf(Array.from({ length: 25 }, () => ({ id: 1 })))).toHaveLength(20);
  });
});

describe('the 2,000 fields are counted inside every container', () => {
  const texts = (n: number, from = 0): Field[] => Array.from({ length: n }, (_, i) => text(`t${from + i}`));
  const codes = (fields: Field[]) => issuesOf(fields).map((i) => i.code);

  test('a field inside tabs that come as the 2,000th field is the 2,001st', () => {
    const tabs = { id: 'tab', type: 'tabs', label: 'T', tabs: [{ id: 'a', label: 'A', fields: [text('inner')] }] } as Field;
    expect(codes([...texts(MAX_FIELDS - 1), tabs])).toEqual(['too_many_fields']);
  });

  test('a field inside columns that come as the 2,000th field is the 2,001st', () => {
    const columns = { id: 'col', type: 'columns', label: 'C', columns: [{ id: 'c1', fields: [] }, { id: 'c2', fields: [text('inner')] }] } as Field;
    expect(codes([...texts(MAX_FIELDS - 1), columns])).toEqual(['too_many_fields']);
  });

  test('a field after sections that reach 2,000 is the 2,001st', () => {
    // A section holds at most 1,000 fields: two of 999, each counting itself, make 2,000.
    const sections = [0, 1].map((k) => ({ id: `sec${k}`, type: 'section', label: 'S', fields: texts(999, k * 1000) }) as Field);
    expect(codes(sections)).toEqual([]);
    expect(codes([...sections, text('after')])).toEqual(['too_many_fields']);
  });
});

describe('fields are checked wherever they sit', () => {
  test('a duplicate id inside tabs and inside columns is refused at its place, named by its label or else its id', () => {
    const fields = [
      text('a', 'A 字段'),
      { id: 'tab', type: 'tabs', label: 'T', tabs: [{ id: 't1', label: '一', fields: [] }, { id: 't2', label: '二', fields: [text('a', '')] }] },
      { id: 'col', type: 'columns', label: 'C', columns: [{ id: 'c1', fields: [text('x')] }, { id: 'c2', fields: [text('a', '第三个')] }] },
    ];
    expect(issuesOf(fields)).toEqual([
      { path: 'fields[1].tabs[1].fields[0]', fieldId: 'a', code: 'duplicate_id', message: '字段 ID “a” 重复（a）', params: { fieldId: 'a' } },
      { path: 'fields[2].columns[1].fields[0]', fieldId: 'a', code: 'duplicate_id', message: '字段 ID “a” 重复（第三个）', params: { fieldId: 'a' } },
    ]);
    expect(issuesOf(fields, { locale: 'en-US' }).map((i) => i.message)).toEqual(['Duplicate field id "a" (a)', 'Duplicate field id "a" (第三个)']);
  });

  test('a subform inside a subform is refused, inside a section too', () => {
    const inner = { id: 'inner', type: 'subform', label: { 'zh-CN': '内层', 'en-US': 'Inner' }, fields: [text('c')] };
    const fields = [{ id: 'outer', type: 'subform', label: '外层', fields: [text('b'), { id: 'sec', type: 'section', label: 'S', fields: [inner] }] }];
    expect(issuesOf(fields)).toEqual([{ path: 'fields[0].fields[1].fields[0]', fieldId: 'inner', code: 'nested_subform', message: '子表单“内层”不能放在另一个子表单里', params: { fieldId: 'inner' } }]);
    expect(issuesOf(fields, { locale: 'en-US' }).map((i) => i.message)).toEqual(['Subform "Inner" cannot sit inside another subform']);
    expect(issuesOf([{ ...inner }, { id: 'sec', type: 'section', label: 'S', fields: [{ id: 'other', type: 'subform', label: 'O', fields: [] }] }])).toEqual([]);
  });

  test('an invalid serial pattern says why, in both languages', () => {
    const serial = { id: 'no', type: 'serial', label: '编号', pattern: 'IQC-{yyyy}' };
    expect(issuesOf([serial])).toEqual([{ path: 'fields[0].pattern', fieldId: 'no', code: 'invalid_serial_pattern', message: '流水号规则无效：规则中须有序号 {seq:N}', params: { fieldId: 'no' } }]);
    expect(issuesOf([serial], { locale: 'en-US' }).map((i) => i.message)).toEqual(['Invalid serial number pattern: the pattern needs a {seq:N} token']);
  });

  test('a multi-select with an option value twice is refused, naming the value', () => {
    const options = [{ value: 'a', label: '划伤' }, { value: 'b', label: '变形' }, { value: 'a', label: '划痕' }];
    expect(issuesOf([{ id: 'defects', type: 'multiselect', label: '缺陷', options }], { locale: 'en-US' })).toEqual([
      { path: 'fields[0].options', fieldId: 'defects', code: 'duplicate_option', message: '"缺陷" has the option value "a" twice', params: { fieldId: 'defects' } },
    ]);
  });
});

describe('logic names only fields that exist', () => {
  const lines = { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'qty', type: 'number', label: '数量' }] };

  test('a show-when naming a missing field is refused at its place, in both languages', () => {
    const fields = [text('lot'), { ...text('note'), visibleIf: { '==': [{ var: 'ghost' }, 1] } }];
    expect(issuesOf(fields)).toEqual([{ path: 'fields[1].visibleIf', fieldId: 'note', code: 'unknown_reference', message: '公式引用了不存在的字段“ghost”', params: { ref: 'ghost', fieldId: 'note' } }]);
    expect(issuesOf(fields, { locale: 'en-US' }).map((i) => i.message)).toEqual(['The formula refers to a missing field "ghost"']);
  });

  test('a subform column is known by subform.column; a column of a field that is no subform is not', () => {
    const refs = (ref: string) => issuesOf([lines, text('lot'), { ...text('note'), requiredIf: { var: ref } }]).map((i) => [i.path, i.params?.ref]);
    expect(refs('lines.qty')).toEqual([]);
    expect(refs('lines')).toEqual([]);
    expect(refs('lines.ghost')).toEqual([['fields[2].requiredIf', 'lines.ghost']]);
    expect(refs('lot.qty')).toEqual([['fields[2].requiredIf', 'lot.qty']]);
  });

  test('context values ($today, $user) are not fields and need none', () => {
    expect(issuesOf([{ ...text('note'), visibleIf: { '==': [{ var: '$user' }, { var: '$today' }] } }])).toEqual([]);
  });

  test('$row names a column of the same subform, and nothing outside a subform', () => {
    const row = (ref: string) => ({ ...lines, fields: [...lines.fields, { ...text('why'), requiredIf: { var: ref } }] });
    expect(issuesOf([row('$row.qty')])).toEqual([]);
    expect(issuesOf([row('$row.ghost')])).toEqual([{ path: 'fields[0].fields[1].requiredIf', fieldId: 'why', code: 'unknown_reference', message: '公式引用了不存在的字段“$row.ghost”', params: { ref: '$row.ghost', fieldId: 'why' } }]);
    expect(issuesOf([{ ...text('why'), visibleIf: { var: '$row.qty' } }]).map((i) => [i.path, i.code])).toEqual([['fields[0].visibleIf', 'unknown_reference']]);
  });

  test('a field\'s second rule and the form\'s rules are checked at their own places', () => {
    const rules = [{ id: 'r1', logic: { var: 'lot' }, message: '一' }, { id: 'r2', logic: { var: 'ghost' }, message: '二' }];
    expect(issuesOf([text('lot'), { ...text('note'), rules }])).toEqual([
      { path: 'fields[1].rules[1].logic', fieldId: 'note', code: 'unknown_reference', message: '公式引用了不存在的字段“ghost”', params: { ref: 'ghost', fieldId: 'note' } },
    ]);
    expect(issuesOf([text('lot')], { extra: { rules } })).toEqual([
      { path: 'rules[1].logic', fieldId: '', code: 'unknown_reference', message: '公式引用了不存在的字段“ghost”', params: { ref: 'ghost' } },
    ]);
  });

  test('a default formula is parsed and checked like a formula field', () => {
    const typed = issuesOf([{ id: 'due', type: 'date', label: '到期', default: { formula: { text: 'TODAY() + 天数' } } }]);
    expect(typed.map((i) => [i.path, i.fieldId, i.code])).toEqual([['fields[0].default.formula', 'due', 'formula_unknown_field']]);
    const stored = issuesOf([{ id: 'due', type: 'date', label: '到期', default: { formula: { logic: { '+': [{ TODAY: [] }, { var: 'days' }] } } } }]);
    expect(stored.map((i) => [i.path, i.code, i.params?.ref])).toEqual([['fields[0].default.formula', 'unknown_reference', 'days']]);
    const r = engine.checkSchema({ id: 'f', title: 'F', fields: [{ id: 'due', type: 'date', label: '到期', default: { formula: { text: 'TODAY()' } } }] });
    expect(r.ok && (r.schema.fields[0].default as { formula: { logic: unknown } }).formula.logic).toEqual({ TODAY: [] });
  });

  test('a formula stored as logic is checked as stored, whatever text it also carries', () => {
    const total = (formula: object) => ({ id: 'total', type: 'formula', label: '合计', formula });
    expect(issuesOf([text('lot'), total({ logic: { var: 'ghost' }, text: 'lot' })])).toEqual([
      { path: 'fields[1].formula', fieldId: 'total', code: 'unknown_reference', message: '公式引用了不存在的字段“ghost”', params: { ref: 'ghost', fieldId: 'total' } },
    ]);
    expect(issuesOf([text('lot'), total({ logic: { var: 'lot' }, text: '幽灵 +' })])).toEqual([]);
  });
});

describe('circular formulas', () => {
  test('row formulas that need each other are refused as subform.column, at the first one', () => {
    const lines = {
      id: 'lines', type: 'subform', label: '明细',
      fields: [
        { id: 'a', type: 'formula', label: 'A', formula: { logic: { '+': [{ var: '$row.b' }, 1] } } },
        { id: 'b', type: 'formula', label: 'B', formula: { logic: { '+': [{ var: '$row.a' }, 1] } } },
      ],
    };
    expect(issuesOf([lines], { locale: 'en-US' })).toEqual([
      { path: 'fields[0].fields[0].formula', fieldId: 'a', code: 'circular_formula', message: 'Circular formulas: lines.a → lines.b → lines.a', params: { cycle: ['lines.a', 'lines.b', 'lines.a'], fieldId: 'a' } },
    ]);
  });

  test('formulas that share what they need without a loop are accepted', () => {
    const f = (id: string, logic: unknown) => ({ id, type: 'formula', label: id, formula: { logic } });
    const fields = [{ id: 'n', type: 'number', label: 'N' }, f('a', { '+': [{ var: 'b' }, { var: 'c' }] }), f('b', { var: 'd' }), f('c', { var: 'd' }), f('d', { var: 'n' })];
    expect(issuesOf(fields)).toEqual([]);
  });

  test('a loop reached from a formula outside it is named from where it starts', () => {
    const f = (id: string, ref: string) => ({ id, type: 'formula', label: id, formula: { logic: { var: ref } } });
    expect(issuesOf([f('x', 'a'), f('a', 'b'), f('b', 'a')]).map((i) => [i.path, i.fieldId, i.params?.cycle])).toEqual([['fields[1].formula', 'a', ['a', 'b', 'a']]]);
  });

  test('formulas that each need the two before them are looked through once each, not once per way to reach them', () => {
    // 80 formulas reached by 2^40 ways: a check that walked each way would never finish (jest stops it).
    const f = (i: number) => ({ id: `f${i}`, type: 'formula', label: `F${i}`, formula: { logic: i < 2 ? { var: 'n' } : { '+': [{ var: `f${i - 1}` }, { var: `f${i - 2}` }] } } });
    const fields = [{ id: 'n', type: 'number', label: 'N' }, ...Array.from({ length: 80 }, (_, i) => f(i))];
    expect(issuesOf(fields)).toEqual([]);
  });
});

describe('relations and lookups name forms and fields that exist', () => {
  const relation = (extra: object = {}) => ({ id: 'mat', type: 'relation', label: '物料', formId: 'materials', displayField: 'code', ...extra });

  test('a relation to this very form needs no other form', () => {
    expect(issuesOf([text('lot'), relation({ formId: 'inspect', displayField: 'lot' })])).toEqual([]);
    expect(issuesOf([text('lot'), relation({ formId: 'inspect', displayField: 'code' })]).map((i) => [i.path, i.code])).toEqual([['fields[1].displayField', 'unknown_target_field']]);
  });

  test('a relation to a form that does not exist is refused, naming it, in both languages', () => {
    expect(issuesOf([relation({ formId: 'nope' })])).toEqual([{ path: 'fields[0].formId', fieldId: 'mat', code: 'unknown_form', message: '关联的表单“nope”不存在', params: { fieldId: 'mat' } }]);
    expect(issuesOf([relation({ formId: 'nope' })], { locale: 'en-US' }).map((i) => i.message)).toEqual(['The related form "nope" does not exist']);
  });

  test('without the app\'s other forms, a relation is not checked against them', () => {
    expect(issuesOf([relation({ formId: 'nope', displayField: 'ghost' })], { withForms: false })).toEqual([]);
  });

  test('a display or scan field the related form lacks is refused at its place', () => {
    expect(issuesOf([relation({ displayField: 'ghost', scanField: 'barcode' })])).toEqual([
      { path: 'fields[0].displayField', fieldId: 'mat', code: 'unknown_target_field', message: '关联表单中没有字段“ghost”', params: { fieldId: 'mat' } },
      { path: 'fields[0].scanField', fieldId: 'mat', code: 'unknown_target_field', message: '关联表单中没有字段“barcode”', params: { fieldId: 'mat' } },
    ]);
    expect(issuesOf([relation({ scanField: 'barcode' })], { locale: 'en-US' }).map((i) => i.message)).toEqual(['The related form has no field "barcode"']);
    expect(issuesOf([relation({ scanField: 'name' })])).toEqual([]);
  });

  test('a relation with no display field yet is named by its id when it has no label', () => {
    expect(issuesOf([relation({ label: '', displayField: '' })], { locale: 'en-US' })).toEqual([
      { path: 'fields[0].displayField', fieldId: 'mat', code: 'missing_display_field', message: 'Relation "mat" has no display field yet', params: { fieldId: 'mat' } },
    ]);
  });

  test('autofill copies from a field of the related form into a field of this one', () => {
    const autofill = [{ from: 'name', to: 'matName' }, { from: 'spec', to: 'matName' }, { from: 'name', to: 'ghost' }];
    expect(issuesOf([relation({ autofill }), text('matName')])).toEqual([
      { path: 'fields[0].autofill[1].from', fieldId: 'mat', code: 'unknown_target_field', message: '关联表单中没有字段“spec”', params: { fieldId: 'mat' } },
      { path: 'fields[0].autofill[2].to', fieldId: 'mat', code: 'unknown_reference', message: '本表单中没有字段“ghost”', params: { fieldId: 'mat' } },
    ]);
    expect(issuesOf([relation({ autofill: [{ from: 'spec', to: 'ghost' }] })], { locale: 'en-US' }).map((i) => i.message)).toEqual([
      'The related form has no field "spec"',
      'This form has no field "ghost"',
    ]);
  });

  test('a lookup through a field that is no relation is refused, naming that field', () => {
    const lookup = (relationField: string) => ({ id: 'spec', type: 'lookup', label: '规格', relationField, targetField: 'name' });
    expect(issuesOf([text('lot'), lookup('lot')])).toEqual([{ path: 'fields[1].relationField', fieldId: 'spec', code: 'not_a_relation', message: '“lot”不是关联字段', params: { fieldId: 'spec' } }]);
    expect(issuesOf([lookup('ghost')], { locale: 'en-US' }).map((i) => [i.code, i.message])).toEqual([['not_a_relation', '"ghost" is not a relation field']]);
    expect(issuesOf([relation(), lookup('mat')])).toEqual([]);
  });

  test('a lookup of a field the related form lacks is refused when the form is known', () => {
    const lookup = { id: 'spec', type: 'lookup', label: '规格', relationField: 'mat', targetField: 'spec' };
    expect(issuesOf([relation(), lookup])).toEqual([{ path: 'fields[1].targetField', fieldId: 'spec', code: 'unknown_target_field', message: '关联表单中没有字段“spec”', params: { fieldId: 'spec' } }]);
    expect(issuesOf([relation(), lookup], { locale: 'en-US' }).map((i) => i.message)).toEqual(['The related form has no field "spec"']);
    expect(issuesOf([relation(), lookup], { withForms: false })).toEqual([]);
    // The relation's own refusal says the form is missing; the lookup adds nothing to it.
    expect(issuesOf([relation({ formId: 'nope' }), lookup]).map((i) => [i.path, i.code])).toEqual([['fields[0].formId', 'unknown_form']]);
  });

  test('without the app\'s other forms, a lookup is not checked either, even through a relation to this very form', () => {
    const fields = [text('lot'), relation({ formId: 'inspect', displayField: 'lot' }), { id: 'spec', type: 'lookup', label: '规格', relationField: 'mat', targetField: 'ghost' }];
    expect(issuesOf(fields, { withForms: false })).toEqual([]);
    expect(issuesOf(fields)).toEqual([{ path: 'fields[2].targetField', fieldId: 'spec', code: 'unknown_target_field', message: '关联表单中没有字段“ghost”', params: { fieldId: 'spec' } }]);
  });

  test('a lookup not set up yet is named by its id when it has no label, in English too', () => {
    expect(issuesOf([{ id: 'spec', type: 'lookup', label: '', relationField: '', targetField: '' }], { locale: 'en-US' }).map((i) => i.message)).toEqual(['Lookup "spec" has no relation field yet']);
    expect(issuesOf([relation(), { id: 'spec', type: 'lookup', label: '', relationField: 'mat', targetField: '' }], { locale: 'en-US' }).map((i) => i.message)).toEqual(['Lookup "spec" has no field to show yet']);
  });
});

describe('cross-form checks name forms and fields that exist', () => {
  const check = (source: object, rule: unknown = { '<=': [{ var: 'qty' }, { var: '$source' }] }) => ({
    crossChecks: [{ id: 'stock', fieldId: 'qty', source: { formId: 'materials', match: { code: { var: 'lot' } }, aggregate: 'sum', ...source }, rule, message: '库存不足' }],
  });
  const fields = [text('lot'), { id: 'qty', type: 'number', label: '数量' }];

  test('a check against a known form, its fields and system keys, is accepted', () => {
    expect(issuesOf(fields, { extra: check({ match: { code: { var: 'lot' }, _id: 'x' }, field: 'name' }) })).toEqual([]);
  });

  test('a check against a missing form is refused, naming it, with no field', () => {
    // Strictly: a check belongs to no field, so its params carry no fieldId key at all.
    expect(issuesOf(fields, { extra: check({ formId: 'stock' }) })).toStrictEqual([
      { path: 'crossChecks[0].source.formId', fieldId: '', code: 'unknown_form', message: '校验引用的表单“stock”不存在', params: {} },
    ]);
    expect(issuesOf(fields, { extra: check({ formId: 'stock' }), locale: 'en-US' }).map((i) => i.message)).toEqual(['The checked form "stock" does not exist']);
  });

  test('a matched or summed field the other form lacks is refused', () => {
    expect(issuesOf(fields, { extra: check({ match: { batch: { var: 'lot' } }, field: 'available' }) })).toEqual([
      { path: 'crossChecks[0].source', fieldId: '', code: 'unknown_target_field', message: '表单“materials”中没有字段“batch”', params: {} },
      { path: 'crossChecks[0].source', fieldId: '', code: 'unknown_target_field', message: '表单“materials”中没有字段“available”', params: {} },
    ]);
    expect(issuesOf(fields, { extra: check({ field: 'available' }), locale: 'en-US' }).map((i) => i.message)).toEqual(['Form "materials" has no field "available"']);
  });

  test('the rule and the match may name only this form\'s fields; $source is the result', () => {
    expect(issuesOf(fields, { extra: check({ match: { code: { var: 'batch' } } }, { '<=': [{ var: 'amount' }, { var: '$source' }] }) })).toEqual([
      { path: 'crossChecks[0].rule', fieldId: '', code: 'unknown_reference', message: '校验引用了不存在的字段“amount”', params: { ref: 'amount' } },
      { path: 'crossChecks[0].rule', fieldId: '', code: 'unknown_reference', message: '校验引用了不存在的字段“batch”', params: { ref: 'batch' } },
    ]);
    expect(issuesOf(fields, { extra: check({}, { var: 'amount' }), locale: 'en-US', withForms: false }).map((i) => i.message)).toEqual(['The check refers to a missing field "amount"']);
  });

  test('a check has no row: $row names nothing in its rule or match', () => {
    expect(issuesOf(fields, { extra: check({ match: { code: { var: '$row.lot' } } }, { '<=': [{ var: '$row.qty' }, { var: '$source' }] }) })).toEqual([
      { path: 'crossChecks[0].rule', fieldId: '', code: 'unknown_reference', message: '校验引用了不存在的字段“$row.qty”', params: { ref: '$row.qty' } },
      { path: 'crossChecks[0].rule', fieldId: '', code: 'unknown_reference', message: '校验引用了不存在的字段“$row.lot”', params: { ref: '$row.lot' } },
    ]);
  });

  test('without the app\'s other forms, only the rule is checked', () => {
    expect(issuesOf(fields, { extra: check({ formId: 'stock', field: 'available' }), withForms: false })).toEqual([]);
  });
});

describe('a value fitting none of a choice is one problem, not one per choice', () => {
  test('a title that is neither text nor text per language names both, once', () => {
    expect(engine.checkSchema({ id: 'f', title: 5, fields: [] })).toEqual({
      ok: false,
      issues: [{ path: 'title', fieldId: '', code: 'schema_type', message: 'title应为文本或对象', params: { type: ['string', 'object'] } }],
    });
  });

  test('text per language with one language wrong is told at that language, in the choice it took', () => {
    expect(engine.checkSchema({ id: 'f', title: { 'zh-CN': 5 }, fields: [] }, { locale: 'en-US' })).toEqual({
      ok: false,
      issues: [{ path: 'title.zh-CN', fieldId: '', code: 'schema_type', message: 'title.zh-CN must be text', params: { type: 'string' } }],
    });
  });

  test('a value every choice wants as one same type names that type once, not as a list', () => {
    // A default is an object either way (a value or a formula).
    const field = { id: 'qty', type: 'number', label: '数量', default: 5 };
    expect(issuesOf([field])).toEqual([{ path: 'fields[0].default', fieldId: 'qty', code: 'schema_type', message: 'fields[0].default应为对象', params: { type: 'object' } }]);
    expect(issuesOf([field], { locale: 'en-US' })).toEqual([{ path: 'fields[0].default', fieldId: 'qty', code: 'schema_type', message: 'fields[0].default must be an object', params: { type: 'object' } }]);
  });

  test('a value failing inside two choices is told as the union\'s own problem, once', () => {
    // A default that is an object with neither "value" nor "formula": each choice misses its own property.
    const field = { id: 'qty', type: 'number', label: '数量', default: {} };
    expect(issuesOf([field])).toEqual([{ path: 'fields[0].default', fieldId: 'qty', code: 'schema_anyOf', message: 'fields[0].default不符合格式', params: {} }]);
    expect(issuesOf([field], { locale: 'en-US' })).toEqual([{ path: 'fields[0].default', fieldId: 'qty', code: 'schema_anyOf', message: 'fields[0].default must match a schema in anyOf', params: {} }]);
  });

  test('two places sharing one definition each keep their own problem', () => {
    const issues = issuesOf([{ id: 'a', type: 'text', label: 7 }, { id: 'b', type: 'text', label: { 'en-US': 8 } }], { locale: 'en-US' });
    expect(issues.map((i) => [i.path, i.fieldId, i.code])).toEqual([
      ['fields[0].label', 'a', 'schema_type'],
      ['fields[1].label.en-US', 'b', 'schema_type'],
    ]);
  });
});
