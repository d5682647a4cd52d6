// What a person reads when a value or a form is refused, in zh-CN and en-US: the field's label
// and the limit in the sentence, and a problem in a JSON Schema (a request's body, a form) said
// in the reader's language rather than ajv's English.
import Ajv from 'ajv';
import { createFormEngine, oneProblemEach, say, schemaProblem, validationMessage, type FormSchema, type Locale } from '../src';

const now = new Date('2026-11-24T01:30:00Z');

describe('a refused value is worded with the field label and the limit', () => {
  test.each([
    ['required', {}, '请填写数量', '数量 is required'],
    ['type', {}, '数量的格式不正确', '数量 has the wrong type'],
    ['invalid', {}, '数量的内容无效', '数量 is not valid'],
    ['minimum', { limit: 0 }, '数量不能小于 0', '数量 must be at least 0'],
    ['maximum', { limit: 100 }, '数量不能大于 100', '数量 must be at most 100'],
    ['minLength', { limit: 2 }, '数量至少需要 2 个字符', '数量 needs at least 2 characters'],
    ['maxLength', { limit: 8 }, '数量不能超过 8 个字符', '数量 must be at most 8 characters'],
    ['pattern', { pattern: '^L-' }, '数量的格式不正确', '数量 is not in the expected format'],
    ['enum', {}, '数量的选项无效', '数量 is not one of the options'],
    ['format', { format: 'date' }, '数量不是有效的日期', '数量 is not a valid date'],
    ['format', { format: 'date-time' }, '数量不是有效的日期时间', '数量 is not a valid date and time'],
    ['format', { format: 'email' }, '数量的格式不正确', '数量 is not in the expected format'],
    ['minItems', { limit: 1 }, '数量至少需要 1 项', '数量 needs at least 1 item'],
    ['maxItems', { limit: 3 }, '数量最多 3 项', '数量 allows at most 3 items'],
    ['maxItems', { limit: 1 }, '数量最多 1 项', '数量 allows at most 1 item'],
    ['maxLength', { limit: 1 }, '数量不能超过 1 个字符', '数量 must be at most 1 character'],
    ['uniqueItems', {}, '数量有重复的选项', '数量 has duplicate items'],
    ['unknown_field', {}, '未知字段“数量”', 'Unknown field "数量"'],
    ['rule', {}, '数量不符合规则', '数量 does not meet its rule'],
    ['formula_error', { error: '#DIV/0!' }, '数量的公式出错：#DIV/0!', 'The formula of 数量 failed: #DIV/0!'],
    ['no_such_code', {}, '数量的格式不正确', '数量 has the wrong type'], // an unknown code reads as the wrong type
  ])('%s %p', (code, params, zh, en) => {
    expect(validationMessage(code, '数量', params, 'zh-CN')).toBe(zh);
    expect(validationMessage(code, '数量', params, 'en-US')).toBe(en);
  });

  test('a reader who asked for no English reads Chinese', () => {
    expect(validationMessage('required', '数量', {}, 'fr-FR' as Locale)).toBe('请填写数量');
    expect(say('fr-FR' as Locale, '表单', 'The form')).toBe('表单');
    expect(schemaProblem({ keyword: 'required', params: { missingProperty: 'title' } }, '表单', 'fr-FR' as Locale)).toBe('表单缺少“title”');
    expect(say('en-US', '表单', 'The form')).toBe('The form');
    expect(say('zh-CN', '表单', 'The form')).toBe('表单');
  });
});

describe('a problem in a JSON Schema, in the reader language', () => {
  const where = '请求体';
  test.each([
    [{ keyword: 'required', params: { missingProperty: 'title' } }, '请求体缺少“title”', '请求体 must have "title"'],
    [{ keyword: 'additionalProperties', params: { additionalProperty: 'isAdmin' } }, '请求体含有未知的“isAdmin”', '请求体 has an unknown property "isAdmin"'],
    [{ keyword: 'type', params: { type: 'string' } }, '请求体应为文本', '请求体 must be text'],
    [{ keyword: 'type', params: { type: 'number' } }, '请求体应为数字', '请求体 must be a number'],
    [{ keyword: 'type', params: { type: 'integer' } }, '请求体应为整数', '请求体 must be a whole number'],
    [{ keyword: 'type', params: { type: 'boolean' } }, '请求体应为是或否', '请求体 must be true or false'],
    [{ keyword: 'type', params: { type: 'object' } }, '请求体应为对象', '请求体 must be an object'],
    [{ keyword: 'type', params: { type: 'array' } }, '请求体应为列表', '请求体 must be a list'],
    [{ keyword: 'type', params: { type: 'null' } }, '请求体应为空', '请求体 must be empty'],
    [{ keyword: 'type', params: { type: ['string', 'null'] } }, '请求体应为文本或空', '请求体 must be text or empty'],
    [{ keyword: 'type', params: { type: 'string,number' } }, '请求体应为string,number', '请求体 must be string,number'], // a name it does not know, as given
    [{ keyword: 'enum', params: { allowedValues: ['a'] } }, '请求体不是允许的值', '请求体 is not one of the allowed values'],
    [{ keyword: 'const', params: { allowedValue: 'a' } }, '请求体不是允许的值', '请求体 is not one of the allowed values'],
    [{ keyword: 'minimum', params: { limit: 1 } }, '请求体不能小于 1', '请求体 must be at least 1'],
    [{ keyword: 'maximum', params: { limit: 9 } }, '请求体不能大于 9', '请求体 must be at most 9'],
    [{ keyword: 'minLength', params: { limit: 1 } }, '请求体至少需要 1 个字符', '请求体 needs at least 1 character'],
    [{ keyword: 'maxLength', params: { limit: 64 } }, '请求体不能超过 64 个字符', '请求体 must be at most 64 characters'],
    [{ keyword: 'minItems', params: { limit: 1 } }, '请求体至少需要 1 项', '请求体 needs at least 1 item'],
    [{ keyword: 'maxItems', params: { limit: 5 } }, '请求体最多 5 项', '请求体 allows at most 5 items'],
    [{ keyword: 'pattern', params: { pattern: '^[a-z]+$' } }, '请求体的格式不正确', '请求体 is not in the expected format'],
    [{ keyword: 'format', params: { format: 'date' } }, '请求体不是有效的日期', '请求体 is not a valid date'],
    [{ keyword: 'uniqueItems', params: { i: 1, j: 0 } }, '请求体有重复的选项', '请求体 has duplicate items'],
    [{ keyword: 'oneOf', params: {}, message: 'must match exactly one schema in oneOf' }, '请求体不符合格式', '请求体 must match exactly one schema in oneOf'],
    [{ keyword: 'if' }, '请求体不符合格式', '请求体 is invalid'],
  ])('%p', (error, zh, en) => {
    expect(schemaProblem(error, where, 'zh-CN')).toBe(zh);
    expect(schemaProblem(error, where, 'en-US')).toBe(en);
  });

  test('a format problem that names no format reads as the wrong format', () => {
    expect(schemaProblem({ keyword: 'format' }, '表单', 'zh-CN')).toBe('表单的格式不正确');
    expect(schemaProblem({ keyword: 'format' }, 'The form', 'en-US')).toBe('The form is not in the expected format');
  });
});

describe('the engine words what it refuses with these sentences', () => {
  test('a form that is not a form says where and what, in the analyst language', () => {
    const engine = createFormEngine();
    const input = { id: 'f', title: '表', version: 'one', fields: [{ id: 'qty', type: 'number' }], extra: true };
    const check = (locale: Locale) => {
      const r = engine.checkSchema(input, { locale });
      if (r.ok) throw new Error('expected a refusal');
      return r.issues.map((i) => [i.path, i.fieldId, i.code, i.message]);
    };
    expect(check('zh-CN')).toEqual([
      ['', '', 'schema_additionalProperties', '表单含有未知的“extra”'],
      ['version', '', 'schema_type', 'version应为整数'],
      ['fields[0]', 'qty', 'schema_required', 'fields[0]缺少“label”'],
    ]);
    expect(check('en-US')).toEqual([
      ['', '', 'schema_additionalProperties', 'The form has an unknown property "extra"'],
      ['version', '', 'schema_type', 'version must be a whole number'],
      ['fields[0]', 'qty', 'schema_required', 'fields[0] must have "label"'],
    ]);
  });

  test('item counts, duplicates, options and dates are worded with the label and the limit', () => {
    const engine = createFormEngine();
    const schema: FormSchema = {
      id: 'words', title: '措辞', version: 1,
      fields: [
        { id: 'defects', type: 'multiselect', label: { 'zh-CN': '缺陷', 'en-US': 'Defects' }, options: [{ value: 'a', label: '划伤' }, { value: 'b', label: '变形' }, { value: 'c', label: '脏污' }], validation: { minItems: 2, maxItems: 2 } },
        { id: 'inspectors', type: 'member', label: { 'zh-CN': '检验员', 'en-US': 'Inspectors' }, multiple: true },
        { id: 'at', type: 'datetime', label: { 'zh-CN': '检验时间', 'en-US': 'Inspected at' } },
        { id: 'grade', type: 'select', label: { 'zh-CN': '等级', 'en-US': 'Grade' }, options: [{ value: 'A', label: 'A' }] },
      ],
    };
    const form = engine.compile(schema);
    const messages = (values: Record<string, unknown>, locale: Locale) => {
      const r = form.process(values, { mode: 'create', now, locale });
      return r.ok ? {} : Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
    };
    const bad = { defects: ['a'], inspectors: ['u1', 'u1'], at: '2026-11-20 08:30', grade: 'B' };
    expect(messages(bad, 'zh-CN')).toEqual({ defects: '缺陷至少需要 2 项', inspectors: '检验员有重复的选项', at: '检验时间不是有效的日期时间', grade: '等级的选项无效' });
    expect(messages(bad, 'en-US')).toEqual({ defects: 'Defects needs at least 2 items', inspectors: 'Inspectors has duplicate items', at: 'Inspected at is not a valid date and time', grade: 'Grade is not one of the options' });
    expect(messages({ defects: ['a', 'b', 'c'] }, 'zh-CN')).toEqual({ defects: '缺陷最多 2 项' });
    expect(messages({ defects: ['a', 'b', 'c'] }, 'en-US')).toEqual({ defects: 'Defects allows at most 2 items' });
  });
});

describe('ajv\'s errors are folded into one problem per mistake', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const errorsOf = (schema: object, value: unknown) => {
    const validate = ajv.compile(schema);
    if (validate(value)) throw new Error('expected a refusal');
    return validate.errors ?? [];
  };
  const textOrObject = { oneOf: [{ type: 'string' }, { type: 'object', required: ['a'] }] };

  test('a value of neither type a oneOf offers is one type problem naming both', () => {
    const problems = oneProblemEach(errorsOf(textOrObject, 5));
    expect(problems).toEqual([{ instancePath: '', schemaPath: '#/oneOf', keyword: 'type', params: { type: ['string', 'object'] }, message: 'must match exactly one schema in oneOf' }]);
    expect(schemaProblem(problems[0], '请求体', 'zh-CN')).toBe('请求体应为文本或对象');
    expect(schemaProblem(problems[0], 'The body', 'en-US')).toBe('The body must be text or an object');
  });

  test('a value that took one of a oneOf\'s choices and failed inside it is told that choice\'s problem only', () => {
    // Not also "must be text": the object is not of the wrong type.
    expect(oneProblemEach(errorsOf(textOrObject, {}))).toEqual([
      { instancePath: '', schemaPath: '#/oneOf/1/required', keyword: 'required', params: { missingProperty: 'a' }, message: "must have required property 'a'" },
    ]);
  });

  test('a value matching more than one of a oneOf\'s choices is the oneOf\'s own problem', () => {
    const problems = oneProblemEach(errorsOf({ oneOf: [{ type: 'number' }, { type: 'integer' }] }, 5));
    expect(problems).toEqual([{ instancePath: '', schemaPath: '#/oneOf', keyword: 'oneOf', params: { passingSchemas: [0, 1] }, message: 'must match exactly one schema in oneOf' }]);
    expect(schemaProblem(problems[0], '请求体', 'zh-CN')).toBe('请求体不符合格式');
    expect(schemaProblem(problems[0], 'The body', 'en-US')).toBe('The body must match exactly one schema in oneOf');
  });

  test('choices are told apart by their whole number: the 2nd and the 11th are two choices', () => {
    // Of eleven choices, only the 2nd and the 11th take an object, and the object fails both.
    const anyOf = Array.from({ length: 11 }, (_, i) => (i === 1 ? { type: 'object', required: ['a'] } : i === 10 ? { type: 'object', required: ['b'] } : { type: 'string' }));
    expect(oneProblemEach(errorsOf({ anyOf }, {}))).toEqual([{ instancePath: '', schemaPath: '#/anyOf', keyword: 'anyOf', params: {}, message: 'must match a schema in anyOf' }]);
  });

  test('a union listed before its choices folds the same', () => {
    const errors = errorsOf(textOrObject, {});
    expect(oneProblemEach([...errors].reverse())).toEqual(oneProblemEach(errors));
    expect(oneProblemEach([...errors].reverse())).toEqual([errors[1]]);
  });

  test('an error with no place (made by hand, or by an older ajv) is about the whole value, as one at "" is', () => {
    const choices = [
      { keyword: 'type', schemaPath: '#/anyOf/0/type', params: { type: 'string' } },
      { keyword: 'type', schemaPath: '#/anyOf/1/type', params: { type: 'object' } },
    ];
    const union = { keyword: 'anyOf', schemaPath: '#/anyOf', params: {}, message: 'must match a schema in anyOf' };
    expect(oneProblemEach([...choices, union])).toEqual([{ keyword: 'type', schemaPath: '#/anyOf', params: { type: ['string', 'object'] }, message: 'must match a schema in anyOf' }]);
    // The union without a place, its choices at "": the object took the second choice and misses "a".
    const missing = { keyword: 'required', instancePath: '', schemaPath: '#/anyOf/1/required', params: { missingProperty: 'a' } };
    expect(oneProblemEach([{ ...choices[0], instancePath: '' }, missing, union])).toEqual([missing]);
  });

  test('a value of the wrong type is told so, not also that it is none of the options', () => {
    expect(oneProblemEach(errorsOf({ type: 'object', properties: { unit: { type: 'string', enum: ['kg', 'g'] } } }, { unit: 5 }))).toEqual([
      { instancePath: '/unit', schemaPath: '#/properties/unit/type', keyword: 'type', params: { type: 'string' }, message: 'must be string' },
    ]);
  });

  test('only unions fold: a property name breaking its pattern keeps both of ajv\'s problems', () => {
    expect(oneProblemEach(errorsOf({ type: 'object', propertyNames: { pattern: '^[a-z]+$' } }, { ok: 1, Bad: 2 }))).toEqual([
      { instancePath: '', schemaPath: '#/propertyNames/pattern', keyword: 'pattern', params: { pattern: '^[a-z]+$' }, message: 'must match pattern "^[a-z]+$"', propertyName: 'Bad' },
      { instancePath: '', schemaPath: '#/propertyNames', keyword: 'propertyNames', params: { propertyName: 'Bad' }, message: 'property name must be valid' },
    ]);
  });
});
