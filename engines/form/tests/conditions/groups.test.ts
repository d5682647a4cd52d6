// Groups, logic the builder did not write, and what conditions.validate reports to the designer.
import {
  BUILTIN_FIELD_TYPES, BUILTIN_OPERATORS, createConditions, createFormEngine,
  type ConditionGroup, type Field, type FieldTypeDef, type FormSchema, type OperatorDef,
} from '../../src';

const schema: FormSchema = {
  id: 'iqc', title: '来料检验',
  fields: [
    { id: 'qty', type: 'number', label: { 'zh-CN': '数量', 'en-US': 'Quantity' } },
    { id: 'result', type: 'select', label: { 'zh-CN': '结论', 'en-US': 'Result' }, options: [{ value: 'ok', label: '合格' }, { value: 'ng', label: '不合格' }] },
    { id: 'supplier', type: 'text', label: { 'zh-CN': '供应商', 'en-US': 'Supplier' } },
    { id: 'arrived', type: 'date', label: { 'zh-CN': '到货日期', 'en-US': 'Arrived' } },
    { id: 'urgent', type: 'switch', label: { 'zh-CN': '加急', 'en-US': 'Urgent' } },
    { id: 'note', type: 'text', label: '备注' },
  ],
};
const conditions = createFormEngine().conditions;
const fields = conditions.fields(schema);
const fieldOf = (path: string) => fields.find((f) => f.path === path)?.field;
const cond = (field: string, op: string, value?: unknown) => ({ kind: 'condition' as const, field, op, ...(value !== undefined ? { value } : {}) });
const group = (combinator: 'and' | 'or', ...children: ConditionGroup['children']): ConditionGroup => ({ kind: 'group', combinator, children });

describe('groups', () => {
  // (qty > 10 and result = ng) or (urgent and (supplier contains 华东 or arrived within the last 3 days))
  const nested = group('or',
    group('and', cond('qty', 'gt', 10), cond('result', 'eq', 'ng')),
    group('and', cond('urgent', 'isTrue'), group('or', cond('supplier', 'contains', '华东'), cond('arrived', 'withinLastDays', 3))),
  );

  test('nested groups (and inside or) round-trip', () => {
    const logic = conditions.toLogic(nested, fieldOf);
    expect(logic).toEqual({
      or: [
        { and: [{ '>': [{ '+': [{ var: 'qty' }] }, 10] }, { '==': [{ var: 'result' }, 'ng'] }] },
        {
          and: [
            { '==': [{ var: 'urgent' }, true] },
            { or: [{ in: ['华东', { var: 'supplier' }] }, { '<=': [{ '-': [{ TODAY: [] }, 3] }, { var: 'arrived' }, { TODAY: [] }] }] },
          ],
        },
      ],
    });
    // Strictly: a condition without a value (is yes) reads back without a value key.
    expect(conditions.fromLogic(logic, fieldOf)).toStrictEqual(nested);
  });

  test('and the engine evaluates them as written', () => {
    const form = createFormEngine().compile({ ...schema, fields: [...schema.fields, { id: 'shown', type: 'text', label: 'x', visibleIf: conditions.toLogic(nested, fieldOf) }] });
    const now = new Date('2026-11-24T01:30:00Z');
    const shown = (data: Record<string, unknown>) => form.visibility(data, { now }).shown;
    expect(shown({ qty: 11, result: 'ng' })).toBe(true);
    expect(shown({ qty: 11, result: 'ok' })).toBe(false);
    expect(shown({ urgent: true, supplier: '华东精密' })).toBe(true);
    expect(shown({ urgent: true, arrived: '2026-11-21' })).toBe(true);
    expect(shown({ urgent: true, arrived: '2026-11-20' })).toBe(false);
    expect(shown({ urgent: false, supplier: '华东精密' })).toBe(false);
  });

  test('an empty group is no logic; one condition is written without a wrapping and/or', () => {
    expect(conditions.toLogic(group('and'), fieldOf)).toBeUndefined();
    expect(conditions.toLogic(group('or', group('and')), fieldOf)).toBeUndefined();
    expect(conditions.toLogic(group('or', cond('qty', 'lt', 5)), fieldOf)).toEqual({ '<': [{ '+': [{ var: 'qty' }] }, 5] });
    expect(conditions.fromLogic(undefined, fieldOf)).toEqual(group('and'));
  });

  test('a nested group of one condition keeps its and/or, so it reads back as the group it was', () => {
    const g = group('and', group('or', cond('qty', 'lt', 5)), cond('result', 'eq', 'ng'));
    const logic = conditions.toLogic(g, fieldOf);
    expect(logic).toEqual({ and: [{ or: [{ '<': [{ '+': [{ var: 'qty' }] }, 5] }] }, { '==': [{ var: 'result' }, 'ng'] }] });
    expect(conditions.fromLogic(logic, fieldOf)).toStrictEqual(g);
  });

  test('a condition with an unknown operator is left out of the logic; a group of only such conditions is none', () => {
    expect(conditions.toLogic(group('and', cond('qty', 'approx', 1), cond('qty', 'gt', 5)), fieldOf)).toEqual({ '>': [{ '+': [{ var: 'qty' }] }, 5] });
    expect(conditions.toLogic(group('or', cond('qty', 'approx', 1), group('and', cond('qty', 'approx', 2))), fieldOf)).toBeUndefined();
  });

  test('a value not given yet is written as null, as JSON stores it, and read back as not given', () => {
    const logic = conditions.toLogic(group('and', cond('qty', 'gt')), fieldOf);
    expect(logic).toStrictEqual({ '>': [{ '+': [{ var: 'qty' }] }, null] });
    expect(conditions.fromLogic(logic, fieldOf)).toStrictEqual(group('and', cond('qty', 'gt')));
  });

  test.each([
    ['a list of options', cond('result', 'anyOf'), { in: [{ var: 'result' }, []] }],
    ['both ends of a range', cond('qty', 'between'), { '<=': [null, { '+': [{ var: 'qty' }] }, null] }],
    ['the start of a text (nothing to compare: LEFT takes no character)', cond('supplier', 'startsWith'), { '==': [{ LEFT: [{ var: 'supplier' }, 0] }, null] }],
  ])('%s not given yet is written as nothing', (_what, c, logic) => {
    expect(conditions.toLogic(group('and', c), fieldOf)).toStrictEqual(logic);
  });

  test('a dotted path that names no property of a field is a field that is gone, kept as written', () => {
    expect(conditions.fromLogic({ '==': [{ var: 'gone.display' }, 'x'] }, fieldOf)).toStrictEqual(group('and', cond('gone.display', 'eq', 'x')));
    expect(conditions.fromLogic({ '==': [{ var: 'supplier.name' }, 'x'] }, fieldOf)).toStrictEqual(group('and', cond('supplier.name', 'eq', 'x')));
  });

  test('a path without a dot is a field of its own, never the property of another ("display" is not the relation "displa")', () => {
    const displa: Field = { id: 'displa', type: 'relation', label: '供应', formId: 'suppliers', displayField: 'name' };
    const of = (path: string) => (path === 'displa' ? displa : undefined);
    expect(conditions.fromLogic({ '==': [{ var: 'display' }, 'x'] }, of)).toStrictEqual(group('and', cond('display', 'eq', 'x')));
  });

  test('a window of days that does not end today is not "within the last days"', () => {
    expect(conditions.fromLogic({ '<=': [{ '-': [{ TODAY: [] }, 3] }, { var: 'gone' }, { TODAY: [] }] }, fieldOf)).toStrictEqual(group('and', cond('gone', 'withinLastDays', 3)));
    expect(conditions.fromLogic({ '<=': [{ '-': [{ TODAY: [] }, 3] }, { var: 'gone' }, '2026-12-01'] }, fieldOf)).toBeNull();
  });

  test('"in" tests of fields that are gone, naming two different fields, are two conditions, never one', () => {
    const logic = { or: [{ in: ['a', { var: 'gone1' }] }, { in: ['b', { var: 'gone2' }] }] };
    const read = conditions.fromLogic(logic, fieldOf);
    // (A field that is gone has no type to choose between look-alike operators: the first that reads the logic takes it.)
    expect(read).toStrictEqual(group('or', cond('gone1', 'eq', 'a'), cond('gone2', 'eq', 'b')));
  });

  test('a condition on a field that is gone is still written and read, and reported', () => {
    const g = group('and', cond('deleted', 'eq', 'x'), cond('qty', 'gte', 1));
    const logic = conditions.toLogic(g, fieldOf);
    expect(logic).toEqual({ and: [{ '==': [{ var: 'deleted' }, 'x'] }, { '>=': [{ '+': [{ var: 'qty' }] }, 1] }] });
    expect(conditions.fromLogic(logic, fieldOf)).toEqual(g);
    expect(conditions.validate(g, fieldOf)).toEqual([{ path: 'children[0].field', code: 'unknown_field', message: '字段“deleted”不存在' }]);
  });
});

describe('logic the builder did not write reads as null (shown read-only, "edited elsewhere")', () => {
  test.each([
    ['a number compared without the cast the builder writes', { '<': [{ var: 'qty' }, 5] }],
    ['two fields compared', { '<=': [{ var: 'qty' }, { var: 'qty' }] }],
    ['a computed value', { '>': [{ '*': [{ var: 'qty' }, 2] }, 5] }],
    ['an if', { if: [{ var: 'urgent' }, true, false] }],
    ['a literal', true],
    ['null', null],
    ['an operator the field type does not offer', { in: ['华东', { var: 'qty' }] }],
    ['starts with whose length does not match its text', { '==': [{ LEFT: [{ var: 'supplier' }, 3] }, '华东'] }],
    ['a group with one foreign child', { and: [{ '==': [{ var: 'result' }, 'ok'] }, { '!': { var: 'qty' } }] }],
    ['a group written as an object, not a list', { and: { '==': [{ var: 'result' }, 'ok'] } }],
    ['json-logic "missing" of two fields', { missing: ['qty', 'note'] }],
    ['an object of two operations (json-logic takes it for a literal)', { '==': [{ var: 'gone' }, 'x'], '!=': [{ var: 'gone' }, 'x'] }],
    ['a comparison with a third argument', { '==': [{ var: 'gone' }, 'x', 'y'] }],
    ['a list of options that holds a field', { in: [{ var: 'result' }, ['ok', { var: 'note' }]] }],
    ['starts with whose length is not a number', { '==': [{ LEFT: [{ var: 'supplier' }, {}] }, '华东'] }],
    ['a field that is gone compared with another field', { '==': [{ var: 'gone' }, { var: 'qty' }] }],
    ['"in" tests of a text in a text, naming no field', { or: [{ in: ['a', 'abc'] }] }],
    ['"some" whose test names no property of the item', { some: [{ var: 'gone' }, { in: ['A', 'abc'] }] }],
  ])('%s', (_why, logic) => {
    expect(conditions.fromLogic(logic, fieldOf)).toBeNull();
  });
});

describe('"includes any / all of" reads only lists of typed values, on one field', () => {
  const tagged: FormSchema = { ...schema, fields: [...schema.fields, { id: 'tags', type: 'multiselect', label: '标签', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] }] };
  const tagFields = conditions.fields(tagged);
  const tagOf = (path: string) => tagFields.find((f) => f.path === path)?.field;
  const tags = { var: 'tags' };

  test('as written by the builder', () => {
    const g = group('and', cond('tags', 'includesAny', ['a', 'b']));
    expect(conditions.toLogic(g, tagOf)).toEqual({ or: [{ in: ['a', tags] }, { in: ['b', tags] }] });
    expect(conditions.fromLogic(conditions.toLogic(g, tagOf), tagOf)).toStrictEqual(g);
  });

  test.each([
    ['one of the values is another field', { or: [{ in: ['a', tags] }, { in: [{ var: 'note' }, tags] }] }],
    ['a value is itself a list', { or: [{ in: [['a', 'b'], tags] }] }],
    ['two different fields', { and: [{ in: ['a', tags] }, { in: ['b', { var: 'note' }] }] }],
  ])('not when %s', (_why, logic) => {
    expect(conditions.fromLogic(logic, tagOf)).toBeNull();
  });
});

describe('validate', () => {
  test('operators the type does not offer, unknown operators, missing and invalid values', () => {
    const g = group('and',
      cond('supplier', 'gt', 'a'),
      cond('qty', 'approx', 1),
      group('or', cond('qty', 'between', [5]), cond('qty', 'between', [10, 1]), cond('arrived', 'before', '2026/11/20')),
      cond('result', 'anyOf', []),
      cond('arrived', 'withinLastDays', 1.5),
      cond('qty', 'eq', '5'),
      cond('urgent', 'isTrue'),
      cond('note', 'empty'),
    );
    expect(conditions.validate(g, fieldOf).map((i) => [i.path, i.code])).toEqual([
      ['children[0].op', 'operator_not_allowed'],
      ['children[1].op', 'unknown_operator'],
      ['children[2].children[0].value', 'missing_value'],
      ['children[2].children[1].value', 'invalid_value'],
      ['children[2].children[2].value', 'invalid_value'],
      ['children[3].value', 'missing_value'],
      ['children[4].value', 'invalid_value'],
      ['children[5].value', 'invalid_value'],
    ]);
  });

  test('messages name the field and operator by label, in zh-CN and en-US', () => {
    const g = group('and', cond('qty', 'gt'));
    expect(conditions.validate(g, fieldOf)[0].message).toBe('请填写“数量 大于”的值');
    expect(conditions.validate(g, fieldOf, 'en-US')[0].message).toBe('"Quantity is greater than" needs a value');
  });

  test.each([
    ['a blank text', cond('supplier', 'eq', ''), 'missing_value'],
    ['a null number', cond('qty', 'eq', null), 'missing_value'],
    ['a number where text is compared', cond('supplier', 'eq', 5), 'invalid_value'],
    ['a number that is not finite', cond('qty', 'gt', Infinity), 'invalid_value'],
    ['a blank option in a list', cond('result', 'anyOf', ['ok', '']), 'invalid_value'],
    ['an option that is not text', cond('result', 'anyOf', ['ok', 5]), 'invalid_value'],
    ['a range with one end blank', cond('qty', 'between', [5, null]), 'missing_value'],
    ['a range whose first end is not a number', cond('qty', 'between', ['a', 5]), 'invalid_value'],
    ['a range whose last end is not a number', cond('qty', 'between', [5, 'a']), 'invalid_value'],
    ['a range of dates the wrong way round', cond('arrived', 'between', ['2026-11-30', '2026-11-01']), 'invalid_value'],
    ['days not given', cond('arrived', 'withinLastDays'), 'missing_value'],
    ['days below zero', cond('arrived', 'withinNextDays', -1), 'invalid_value'],
  ])('%s is reported on the value', (_why, c, code) => {
    expect(conditions.validate(group('and', c), fieldOf).map((i) => [i.path, i.code])).toEqual([['children[0].value', code]]);
  });

  test.each([
    ['a range whose two ends are the same', cond('qty', 'between', [5, 5])],
    ['zero days (today only)', cond('arrived', 'withinLastDays', 0)],
    ['a number of days', cond('arrived', 'withinNextDays', 7)],
  ])('%s is valid', (_why, c) => {
    expect(conditions.validate(group('and', c), fieldOf)).toEqual([]);
  });

  test('a condition on a field that is gone reports the field only, whatever its value', () => {
    expect(conditions.validate(group('and', cond('gone', 'between', ['10', 5])), fieldOf).map((i) => i.code)).toEqual(['unknown_field']);
  });

  test('each issue says what is wrong, in zh-CN and in en-US', () => {
    const g = group('and', cond('gone', 'eq', 'x'), cond('qty', 'approx', 1), cond('supplier', 'gt', 'a'), cond('qty', 'eq'), cond('qty', 'eq', 'x'));
    expect(conditions.validate(g, fieldOf).map((i) => i.message)).toEqual([
      '字段“gone”不存在', '不支持的条件“approx”', '“供应商”不能使用条件“大于”', '请填写“数量 等于”的值', '“数量 等于”的值无效',
    ]);
    expect(conditions.validate(g, fieldOf, 'en-US').map((i) => i.message)).toEqual([
      'No field "gone"', 'No condition "approx"', '"Supplier" cannot be tested with "is greater than"', '"Quantity equals" needs a value', '"Quantity equals" has a value that is not valid',
    ]);
  });

  test('a valid group has no issues', () => {
    expect(conditions.validate(group('and', cond('qty', 'between', [1, 10]), cond('arrived', 'between', ['2026-11-01', '2026-11-30']), cond('result', 'noneOf', ['ng'])), fieldOf)).toEqual([]);
  });
});

describe('the operators table', () => {
  test('every operator has a label in both languages and says what value it needs', () => {
    expect(BUILTIN_OPERATORS.map((o) => [o.id, o.value])).toEqual([
      ['eq', 'one'], ['ne', 'one'], ['gt', 'one'], ['gte', 'one'], ['lt', 'one'], ['lte', 'one'], ['between', 'range'],
      ['contains', 'one'], ['notContains', 'one'], ['startsWith', 'one'],
      ['anyOf', 'many'], ['noneOf', 'many'], ['includesAny', 'many'], ['includesAll', 'many'],
      ['before', 'one'], ['after', 'one'], ['withinLastDays', 'days'], ['withinNextDays', 'days'],
      ['empty', 'none'], ['notEmpty', 'none'], ['isTrue', 'none'], ['isFalse', 'none'],
    ]);
    for (const o of BUILTIN_OPERATORS) {
      expect(o.label['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(o.label['en-US']).toMatch(/^[a-z N]+$/);
    }
  });

  test('operators given to one instance replace or extend its table only', () => {
    const shout: OperatorDef = {
      ...BUILTIN_OPERATORS.find((o) => o.id === 'eq')!,
      label: { 'zh-CN': '就是', 'en-US': 'is exactly' },
    };
    const custom = createConditions({ operators: [shout] });
    expect(custom.operatorsFor(fieldOf('qty')!)[0].label['en-US']).toBe('is exactly');
    expect(createConditions().operatorsFor(fieldOf('qty')!)[0].label['en-US']).toBe('equals');
    expect(custom.operators).toHaveLength(BUILTIN_OPERATORS.length);
  });

  test("an engine's conditions follow its own field types: offered operators, what is compared, what validates", () => {
    // This engine's text compares only for equality, and compares a number.
    const text = BUILTIN_FIELD_TYPES.find((d) => d.type === 'text')!;
    const strict: FieldTypeDef = { ...text, operators: ['eq', 'empty'], target: { kind: 'number' } };
    const own = createFormEngine({ fieldTypes: [strict] }).conditions;
    const note = fieldOf('note')!;
    expect(own.operatorsFor(note).map((o) => o.id)).toEqual(['eq', 'empty']);
    expect(conditions.operatorsFor(note).map((o) => o.id)).toContain('contains');
    expect(own.fields(schema).map((f) => f.path)).toContain('note');
    const contains = group('and', cond('note', 'contains', 'x'));
    expect(own.validate(contains, fieldOf).map((i) => i.code)).toEqual(['operator_not_allowed', 'invalid_value']);
    expect(conditions.validate(contains, fieldOf)).toEqual([]);
    // What it offers, it reads back: the logic it wrote is its own condition.
    const eq = group('and', cond('note', 'eq', 5));
    expect(own.fromLogic(own.toLogic(eq, fieldOf), fieldOf)).toEqual(eq);
    // A type that offers no operators is not offered as a field to test.
    const silent = createFormEngine({ fieldTypes: [{ ...text, operators: [] }] }).conditions;
    expect(silent.fields(schema).map((f) => f.path)).not.toContain('note');
  });

  test('"contains" on a type whose value is a list of texts, with no property to compare, tests each item itself', () => {
    // No built-in list type offers "contains": this engine's multiselect does.
    const multiselect = BUILTIN_FIELD_TYPES.find((d) => d.type === 'multiselect')!;
    const engine = createFormEngine({ fieldTypes: [{ ...multiselect, operators: ['contains', 'empty', 'notEmpty'] }] });
    const codes: Field = { id: 'codes', type: 'multiselect', label: '缺陷代码', options: [{ value: 'A-1', label: 'A-1' }, { value: 'B-1', label: 'B-1' }] };
    const of = (path: string) => (path === 'codes' ? codes : undefined);
    const g = group('and', cond('codes', 'contains', 'A-'));
    const logic = engine.conditions.toLogic(g, of);
    expect(logic).toEqual({ some: [{ var: 'codes' }, { in: ['A-', { var: '' }] }] });
    expect(engine.conditions.fromLogic(logic, of)).toStrictEqual(g);
    const form = engine.compile({ id: 'defects', title: '缺陷', fields: [codes, { id: 'shown', type: 'text', label: 'x', visibleIf: logic }] });
    expect(form.visibility({ codes: ['B-1', 'A-1'] }).shown).toBe(true);
    expect(form.visibility({ codes: ['B-1'] }).shown).toBe(false);
  });
});
