// A compiled form at work on a record: what is shown (containers and subform cells), what is
// checked and said, the defaults of a new record, formulas in order, subform totals, and the
// cross-form checks and relation copies the server runs. Each test compiles a schema object of
// its own (no version), so no test reuses what another compiled.
import { createFormEngine, MAX_FIELDS, type Field, type FieldTypeDef, type FormSchema, type Issue } from '../src';

const engine = createFormEngine();
const now = new Date('2026-11-23T18:00:00Z'); // 2026-11-24, 02:00 in Shanghai; still the 23rd in UTC
const form = (fields: unknown[], extra: object = {}) => engine.compile({ id: 'inspect', title: '检验', fields, ...extra } as FormSchema);
const issues = (r: { ok: true } | { ok: false; issues: Issue[] }) => (r.ok ? [] : r.issues);
const num = (id: string, label: string = id, extra: object = {}): Field => ({ id, type: 'number', label, ...extra }) as Field;
const text = (id: string, label: string = id, extra: object = {}): Field => ({ id, type: 'text', label, ...extra }) as Field;

describe('what a container hides, it hides with everything in it', () => {
  const onlyFor = (kind: string) => ({ '==': [{ var: 'kind' }, kind] });
  const layouts = () => form([
    text('kind'),
    { id: 'sec', type: 'section', label: 'S', visibleIf: onlyFor('s'), fields: [text('inSection', '分组内', { required: true })] },
    { id: 'tab', type: 'tabs', label: 'T', visibleIf: onlyFor('t'), tabs: [{ id: 't1', label: '一', fields: [text('inTab', '标签内', { required: true })] }] },
    { id: 'col', type: 'columns', label: 'C', visibleIf: onlyFor('c'), columns: [{ id: 'c1', fields: [text('inColumn', '分栏内', { required: true })] }] },
    { id: 'both', type: 'section', label: 'B', visibleIf: { '!=': [{ var: 'kind' }, 'x'] }, fields: [text('nested', '双重条件', { required: true, visibleIf: onlyFor('n') })] },
  ]);

  test.each([
    ['s', { kind: true, inSection: true, inTab: false, inColumn: false, nested: false }],
    ['t', { kind: true, inSection: false, inTab: true, inColumn: false, nested: false }],
    ['c', { kind: true, inSection: false, inTab: false, inColumn: true, nested: false }],
    ['n', { kind: true, inSection: false, inTab: false, inColumn: false, nested: true }],
  ])('kind %s shows exactly its container\'s fields', (kind, shown) => {
    expect(layouts().visibility({ kind })).toEqual(shown);
  });

  test('a field shows only when its own condition and its container\'s both hold', () => {
    const f = form([
      text('kind'),
      { id: 'both', type: 'section', label: 'B', visibleIf: { '!=': [{ var: 'kind' }, 'x'] }, fields: [text('nested', 'N', { visibleIf: { '!=': [{ var: 'kind' }, 'y'] } })] },
    ]);
    expect(['a', 'x', 'y'].map((kind) => f.visibility({ kind }).nested)).toEqual([true, false, false]);
  });

  test('only the shown container\'s required field is asked for', () => {
    expect(issues(layouts().process({ kind: 't' }, { mode: 'create', now, locale: 'en-US' }))).toEqual([
      { path: 'inTab', fieldId: 'inTab', code: 'required', message: '标签内 is required' },
    ]);
  });
});

describe('subform cells are shown and checked row by row', () => {
  const lines = (extra: object = {}) => ({
    id: 'lines', type: 'subform', label: '明细', ...extra,
    fields: [
      num('g', '等级'),
      text('why', '说明', { required: true, visibleIf: { '<': [{ var: '$row.g' }, 3] } }),
      text('note', '备注', { hidden: true, required: true }),
    ],
  });

  test('a cell with a condition is listed for each row; a plain one is not listed', () => {
    expect(form([lines()]).visibility({ lines: [{ g: 1 }, { g: 5 }] })).toEqual({ lines: true, 'lines.0.why': true, 'lines.1.why': false, 'lines.0.note': false, 'lines.1.note': false });
  });

  test('every cell of a hidden subform is hidden', () => {
    const f = form([num('n'), lines({ visibleIf: { '>': [{ var: 'n' }, 0] } })]);
    expect(f.visibility({ n: 0, lines: [{ g: 1 }] })).toEqual({ n: true, lines: false, 'lines.0.g': false, 'lines.0.why': false, 'lines.0.note': false });
    expect(issues(f.process({ n: 0, lines: [{ g: 1 }] }, { mode: 'create', now }))).toEqual([]);
  });

  test('a shown cell is required in its row, a hidden one is not', () => {
    expect(issues(form([lines()]).process({ lines: [{ g: 5 }, { g: 1 }] }, { mode: 'create', now }))).toEqual([
      { path: 'lines.1.why', fieldId: 'why', code: 'required', message: '请填写说明' },
    ]);
  });

  test('a key that is no column of a row is named with its row', () => {
    expect(issues(form([lines()]).process({ lines: [{ g: 5 }, { g: 5, color: 'red' }] }, { mode: 'create', now, locale: 'en-US' }))).toEqual([
      { path: 'lines.1.color', fieldId: 'color', code: 'unknown_field', message: 'Unknown field "color"' },
    ]);
  });

  test('a row id that is no text is reported at its cell', () => {
    expect(issues(form([lines()]).validate({ lines: [{ _rowId: 5, g: 5 }] }))).toEqual([
      { path: 'lines.0._rowId', fieldId: '_rowId', code: 'invalid', message: 'lines.0._rowId的内容无效' },
    ]);
  });
});

describe('what a record is told', () => {
  test('a record that is no object (from code without types) is refused as a whole, at no field', () => {
    const f = form([text('lot')]);
    const list = [] as unknown as Record<string, unknown>;
    expect(f.validate(list)).toEqual({ ok: false, issues: [{ path: '', fieldId: '', code: 'invalid', message: '—的内容无效' }] });
    expect(f.validate(list, { locale: 'en-US' })).toEqual({ ok: false, issues: [{ path: '', fieldId: '', code: 'invalid', message: '— is not valid' }] });
  });

  test('a field the server fills (serial number, formula) is never asked for, even marked required or with a rule of its own', () => {
    const never = [{ id: 'r1', logic: { '==': [1, 2] }, message: 'never' }];
    const f = form([
      { id: 'no', type: 'serial', label: '单号', pattern: 'IQC-{seq:4}', required: true, rules: never },
      { id: 'half', type: 'formula', label: '一半', resultType: 'number', formula: { logic: { '/': [{ var: 'qty' }, 2] } }, required: true, rules: never },
      num('qty'),
    ]);
    expect(f.process({}, { mode: 'create', now })).toEqual({ ok: true, data: { half: 0 } });
    expect(f.validate({})).toEqual({ ok: true });
  });

  test('a key sent without a value (from code, not JSON) is left out of the record, not kept empty', () => {
    expect(form([text('lot'), num('qty')]).process({ lot: undefined }, { mode: 'create', now })).toStrictEqual({ ok: true, data: {} });
  });

  test('a form rule that fails says its own message, on no field', () => {
    const rules = [{ id: 'r1', logic: { '<=': [{ var: 'passed' }, { var: 'sampled' }] }, message: { 'zh-CN': '合格数不能大于抽样数', 'en-US': 'Passed cannot exceed sampled' } }];
    const f = form([num('sampled'), num('passed')], { rules });
    expect(issues(f.validate({ sampled: 10, passed: 12 }, { locale: 'en-US' }))).toEqual([{ path: '', fieldId: '', code: 'rule', message: 'Passed cannot exceed sampled' }]);
    expect(issues(f.validate({ sampled: 10, passed: 12 }))).toEqual([{ path: '', fieldId: '', code: 'rule', message: '合格数不能大于抽样数' }]);
    expect(f.validate({ sampled: 10, passed: 10 })).toEqual({ ok: true });
  });

  test('a field rule without a message of its own says the field breaks its rule; an empty value is not tested', () => {
    const f = form([num('qty', { 'zh-CN': '数量', 'en-US': 'Quantity' } as never, { rules: [{ id: 'r', logic: { '>': [{ var: 'qty' }, 0] }, message: '' }] })]);
    expect(issues(f.validate({ qty: 0 }))).toEqual([{ path: 'qty', fieldId: 'qty', code: 'rule', message: '数量不符合规则' }]);
    expect(issues(f.validate({ qty: 0 }, { locale: 'en-US' })).map((i) => i.message)).toEqual(['Quantity does not meet its rule']);
    expect(f.validate({})).toEqual({ ok: true });
  });

  test('a rule that comes to an error (#VALUE!) is false: the field it shows is hidden, the check it makes fails', () => {
    const broken = { VALUE: [{ var: 'code' }] }; // "abc" is no number: #VALUE!
    const f = form([text('code', '编码'), num('qty', '数量', { visibleIf: broken }), num('n', '件数', { rules: [{ id: 'r', logic: broken, message: '' }] })]);
    expect(f.visibility({ code: 'abc' }).qty).toBe(false);
    expect(f.visibility({ code: '12' }).qty).toBe(true);
    expect(issues(f.validate({ code: 'abc', n: 5 }))).toEqual([{ path: 'n', fieldId: 'n', code: 'rule', message: '件数不符合规则' }]);
    expect(f.validate({ code: '12', n: 5 })).toEqual({ ok: true });
  });

  test('a formula of any result type that comes to an error is stored empty (null), never false or the error', () => {
    const broken = { VALUE: [{ var: 'code' }] };
    const f = form([
      text('code', '编码'),
      { id: 'yes', type: 'formula', label: '是否', resultType: 'boolean', formula: { logic: { '>': [broken, 1] } } },
      { id: 'day', type: 'formula', label: '日期', resultType: 'date', formula: { logic: { '+': [{ TODAY: [] }, broken] } } },
      { id: 'txt', type: 'formula', label: '文本', resultType: 'text', formula: { logic: { cat: ['#', broken] } } },
    ]);
    expect(f.process({ code: 'abc' }, { mode: 'create', now })).toEqual({ ok: true, data: { code: 'abc', yes: null, day: null, txt: null } });
    expect(f.process({ code: '2' }, { mode: 'create', now })).toEqual({ ok: true, data: { code: '2', yes: true, day: '2026-11-26', txt: '#2' } });
  });

  test('a number formula that comes to a blank stores a blank, not 0; a date formula giving a date as text stores that date', () => {
    const f = form([
      text('code', '编码'),
      { id: 'n', type: 'formula', label: '数', resultType: 'number', formula: { logic: { var: 'code' } } },
      { id: 'due', type: 'formula', label: '到期', resultType: 'date', formula: { logic: { if: [{ var: 'code' }, '2026-01-05', null] } } },
    ]);
    expect(f.process({}, { mode: 'create', now })).toEqual({ ok: true, data: { n: null, due: null } });
    expect(f.process({ code: 'abc' }, { mode: 'create', now })).toEqual({ ok: true, data: { code: 'abc', n: null, due: '2026-01-05' } });
    expect(f.process({ code: '7' }, { mode: 'create', now })).toEqual({ ok: true, data: { code: '7', n: 7, due: '2026-01-05' } });
  });

  test('a pattern with a message of its own says that message', () => {
    const f = form([text('lot', '批次', { validation: { pattern: '^L-', patternMessage: { 'zh-CN': '批次号以 L- 开头', 'en-US': 'A lot starts with L-' } } })]);
    expect(issues(f.validate({ lot: 'X-1' }, { locale: 'en-US' }))).toEqual([{ path: 'lot', fieldId: 'lot', code: 'pattern', message: 'A lot starts with L-', params: { pattern: '^L-' } }]);
  });

  test('a hidden field keeps a value its rules would refuse, never one of the wrong kind', () => {
    const f = form([num('qty', '数量', { hidden: true, validation: { max: 10 } })]);
    expect(f.validate({ qty: 99 })).toEqual({ ok: true });
    expect(issues(f.validate({ qty: 'many' }))).toEqual([{ path: 'qty', fieldId: 'qty', code: 'type', message: '数量的格式不正确', params: { type: ['number', 'null'] } }]);
  });

  test('a hidden date that is no date is refused, in both languages: the wrong kind, not a rule', () => {
    const f = form([{ id: 'made', type: 'date', label: { 'zh-CN': '生产日期', 'en-US': 'Made on' }, hidden: true }]);
    expect(issues(f.validate({ made: '2026-13-45' }))).toEqual([{ path: 'made', fieldId: 'made', code: 'format', message: '生产日期不是有效的日期', params: { format: 'date' } }]);
    expect(issues(f.validate({ made: '2026-13-45' }, { locale: 'en-US' }))).toEqual([{ path: 'made', fieldId: 'made', code: 'format', message: 'Made on is not a valid date', params: { format: 'date' } }]);
  });

  test.each([['shown', false], ['hidden', true]])('a %s datetime that names no instant (a leap second, a year past 9999) is refused, never stored as sent', (_label, hidden) => {
    const f = form([{ id: 'at', type: 'datetime', label: { 'zh-CN': '到货时间', 'en-US': 'Arrived at' }, hidden }]);
    for (const at of ['2026-12-31T15:59:60-08:00', '9999-12-31T23:00:00-02:00']) {
      expect(f.process({ at }, { mode: 'create', now })).toEqual({ ok: false, issues: [{ path: 'at', fieldId: 'at', code: 'format', message: '到货时间不是有效的日期时间', params: { format: 'date-time' } }] });
    }
    const en = f.process({ at: '2026-12-31T15:59:60-08:00' }, { mode: 'create', now, locale: 'en-US' });
    expect(en.ok ? [] : en.issues.map((i) => i.message)).toEqual(['Arrived at is not a valid date and time']);
    expect(f.process({ at: '2026-12-31T15:59:59-08:00' }, { mode: 'create', now })).toEqual({ ok: true, data: { at: '2026-12-31T23:59:59.000Z' } });
  });

  test('a hidden field of a type that also takes null through anyOf keeps a value its rules would refuse', () => {
    // A type whose schema combines keywords (not, if, …) takes null through anyOf, whose "must be null" says nothing.
    const code: FieldTypeDef = { type: 'text', valueSchema: () => ({ anyOf: [{ type: 'string', maxLength: 3, not: { const: 'N/A' } }, { type: 'null' }] }), operators: [] };
    const f = createFormEngine({ fieldTypes: [code] }).compile({ id: 'inspect', title: '检验', fields: [text('code', '代码', { hidden: true })] });
    expect(f.validate({ code: 'ABCD' })).toEqual({ ok: true });
    expect(issues(f.validate({ code: 5 }))).toEqual([{ path: 'code', fieldId: 'code', code: 'type', message: '代码的格式不正确', params: { type: 'string' } }]);
  });

  test('a pattern\'s own message is for the pattern only: a value too long is told its length', () => {
    const f = form([text('lot', { 'zh-CN': '批次', 'en-US': 'Lot' } as never, { validation: { pattern: '^L-', patternMessage: { 'zh-CN': '批次号以 L- 开头', 'en-US': 'A lot starts with L-' }, maxLength: 4 } })]);
    expect(issues(f.validate({ lot: 'L-123' }))).toEqual([{ path: 'lot', fieldId: 'lot', code: 'maxLength', message: '批次不能超过 4 个字符', params: { limit: 4 } }]);
    expect(issues(f.validate({ lot: 'L-123' }, { locale: 'en-US' }))).toEqual([{ path: 'lot', fieldId: 'lot', code: 'maxLength', message: 'Lot must be at most 4 characters', params: { limit: 4 } }]);
  });

  test('a file list with a malformed file is malformed as a whole, told at the field, in both languages', () => {
    const f = form([{ id: 'files', type: 'attachment', label: { 'zh-CN': '附件', 'en-US': 'Attachments' } }]);
    for (const file of [{ id: 'a', name: 5 }, { id: 'a', name: 'report.pdf', color: 'red' }]) {
      expect(issues(f.validate({ files: [file] }))).toEqual([{ path: 'files', fieldId: 'files', code: 'invalid', message: '附件的内容无效', params: {} }]);
      expect(issues(f.validate({ files: [file] }, { locale: 'en-US' }))).toEqual([{ path: 'files', fieldId: 'files', code: 'invalid', message: 'Attachments is not valid', params: {} }]);
    }
  });

  test('an item past the tenth of a list is an item of the list: an option that is none is an option problem', () => {
    const options = Array.from({ length: 11 }, (_, i) => ({ value: `o${i}`, label: `O${i}` }));
    const f = form([{ id: 'tags', type: 'multiselect', label: '标签', options }]);
    const tags = [...options.slice(0, 10).map((o) => o.value), 'none'];
    expect(issues(f.validate({ tags }))).toEqual([{ path: 'tags', fieldId: 'tags', code: 'enum', message: '标签的选项无效', params: { allowedValues: options.map((o) => o.value) } }]);
  });

  test.each(['line1', '10mm'])('a key %p inside a value of a type of one\'s own is a key, not an item: malformed as a whole', (key) => {
    const sizes: FieldTypeDef = { type: 'text', valueSchema: () => ({ type: ['object', 'null'], properties: { [key]: { type: 'number' } } }), operators: [] };
    const f = createFormEngine({ fieldTypes: [sizes] }).compile({ id: 'inspect', title: '检验', fields: [text('size', '尺寸')] });
    expect(issues(f.validate({ size: { [key]: 'big' } }))).toEqual([{ path: 'size', fieldId: 'size', code: 'invalid', message: '尺寸的内容无效', params: {} }]);
  });

  test('an empty required list with a least number of items is told it is required, once', () => {
    const f = form([{ id: 'defects', type: 'multiselect', label: '缺陷', required: true, validation: { minItems: 2 }, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] }]);
    expect(issues(f.validate({ defects: [] }))).toEqual([{ path: 'defects', fieldId: 'defects', code: 'required', message: '请填写缺陷' }]);
    expect(issues(f.validate({ defects: ['a'] })).map((i) => [i.path, i.code])).toEqual([['defects', 'minItems']]);
  });

  test('an empty optional list with a least number of items is still told so', () => {
    const f = form([{ id: 'defects', type: 'multiselect', label: '缺陷', validation: { minItems: 2 }, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] }]);
    expect(issues(f.validate({ defects: [] }))).toEqual([{ path: 'defects', fieldId: 'defects', code: 'minItems', message: '缺陷至少需要 2 项', params: { limit: 2 } }]);
    expect(f.validate({})).toEqual({ ok: true });
  });

  test('system keys (_…) are the server\'s and never an unknown field', () => {
    expect(form([text('lot')]).validate({ lot: 'L', _id: 'x', _createdAt: 1 })).toEqual({ ok: true });
  });
});

describe('a new record\'s defaults', () => {
  const withDefaults = () => form([
    num('score', '得分', { precision: 1, default: { value: 3.14159 } }),
    { id: 'tags', type: 'multiselect', label: '标签', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], default: { value: ['a'] } },
    { id: 'day', type: 'date', label: '日期', default: { formula: { logic: { TODAY: [] } } } },
    text('lot'),
  ]);

  test('are set on create, a number at its precision, a day in Shanghai unless told the zone', () => {
    const f = withDefaults();
    expect(f.process({ lot: 'L' }, { mode: 'create', now })).toEqual({ ok: true, data: { lot: 'L', score: 3.1, tags: ['a'], day: '2026-11-24' } });
    expect(f.process({ lot: 'L' }, { mode: 'create', now, timeZone: 'UTC' })).toEqual({ ok: true, data: { lot: 'L', score: 3.1, tags: ['a'], day: '2026-11-23' } });
  });

  test('give way to what was sent, and are not set on an update', () => {
    const f = withDefaults();
    expect(f.process({ score: 5, tags: [], day: '2026-01-01' }, { mode: 'create', now })).toEqual({ ok: true, data: { score: 5, tags: [], day: '2026-01-01' } });
    expect(f.process({ lot: 'L' }, { mode: 'update', now })).toEqual({ ok: true, data: { lot: 'L' } });
  });

  test('a list default is a copy: changing one record\'s list changes neither the form nor the next record', () => {
    const f = withDefaults();
    const first = f.initialValues({ now });
    (first.tags as string[]).push('b');
    expect(f.initialValues({ now }).tags).toEqual(['a']);
  });

  // Found writing these tests: a date field defaulting to NOW() stored the instant
  // ('2026-11-23T18:00:00.000Z'), and the new record was refused: "日期不是有效的日期".
  test('a date field whose default has a time (NOW()) holds the day in the zone; a datetime the instant', () => {
    const f = form([
      { id: 'day', type: 'date', label: '日期', default: { formula: { logic: { NOW: [] } } } },
      { id: 'at', type: 'datetime', label: '时间', default: { formula: { logic: { NOW: [] } } } },
    ]);
    expect(f.process({}, { mode: 'create', now })).toEqual({ ok: true, data: { day: '2026-11-24', at: '2026-11-23T18:00:00.000Z' } });
    expect(f.process({}, { mode: 'create', now, timeZone: 'UTC' })).toEqual({ ok: true, data: { day: '2026-11-23', at: '2026-11-23T18:00:00.000Z' } });
    expect(f.process({}, { mode: 'create', now, timeZone: 'America/Los_Angeles' })).toEqual({ ok: true, data: { day: '2026-11-23', at: '2026-11-23T18:00:00.000Z' } });
  });

  test('initial values hold the defaults and the formulas over them', () => {
    const f = form([num('qty', '数量', { default: { value: 2 } }), { id: 'twice', type: 'formula', label: '两倍', formula: { logic: { '*': [{ var: 'qty' }, 2] } } }]);
    expect(f.initialValues({ now })).toEqual({ qty: 2, twice: 4 });
  });
});

describe('formulas', () => {
  test('compute in dependency order, whatever the order of the fields', () => {
    const f = form([
      { id: 'c', type: 'formula', label: 'C', formula: { logic: { '+': [{ var: 'b' }, 1] } } },
      { id: 'b', type: 'formula', label: 'B', formula: { logic: { '+': [{ var: 'a' }, 1] } } },
      num('a'),
    ]);
    expect(f.process({ a: 1 }, { mode: 'create', now })).toEqual({ ok: true, data: { a: 1, b: 2, c: 3 } });
  });

  test('a formula giving a date is a date to the formulas after it, in a row too', () => {
    const f = form([
      { id: 'arrived', type: 'date', label: '到货' },
      { id: 'due', type: 'formula', label: '到期', resultType: 'date', formula: { logic: { '+': [{ var: 'checked' }, 1] } } },
      { id: 'checked', type: 'formula', label: '检验', resultType: 'date', formula: { logic: { '+': [{ var: 'arrived' }, 1] } } },
      { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'made', type: 'date', label: '生产' }, { id: 'next', type: 'formula', label: '次日', resultType: 'date', formula: { logic: { '+': [{ var: '$row.made' }, 1] } } }] },
    ]);
    const r = f.process({ arrived: '2026-11-20', lines: [{ made: '2026-02-28' }] }, { mode: 'create', now });
    expect(r).toEqual({ ok: true, data: { arrived: '2026-11-20', checked: '2026-11-21', due: '2026-11-22', lines: [{ _rowId: 'r1', made: '2026-02-28', next: '2026-03-01' }] } });
  });

  test('a row\'s date is a date to its formulas, and a row\'s text text, whatever the form\'s first field is', () => {
    const lines = { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'made', type: 'date', label: '生产' }, text('lot', '批号'), { id: 'next', type: 'formula', label: '次日', resultType: 'date', formula: { logic: { '+': [{ var: '$row.made' }, 1] } } }, { id: 'lotNext', type: 'formula', label: '批号次日', resultType: 'date', formula: { logic: { '+': [{ var: '$row.lot' }, 1] } } }] };
    const row = { made: '2026-02-28', lot: '2026-11-20' };
    const computed = { _rowId: 'r1', made: '2026-02-28', lot: '2026-11-20', next: '2026-03-01', lotNext: null };
    expect(form([text('batch'), lines]).process({ lines: [row] }, { mode: 'create', now })).toEqual({ ok: true, data: { lines: [computed] } });
    expect(form([{ id: 'arrived', type: 'date', label: '到货' }, lines]).process({ lines: [row] }, { mode: 'create', now })).toEqual({ ok: true, data: { lines: [computed] } });
  });

  test('a long chain of formulas, listed last first, computes every link', () => {
    // f0 = q + 1, f1 = f0 + 1, … up to the most fields a form holds, each listed before what it needs.
    const links = MAX_FIELDS - 1;
    const chain = Array.from({ length: links }, (_, i) => ({ id: `f${i}`, type: 'formula', label: `F${i}`, formula: { logic: { '+': [{ var: i === 0 ? 'q' : `f${i - 1}` }, 1] } } })).reverse();
    const schema = { id: 'inspect', title: '检验', fields: [num('q'), ...chain] };
    expect(engine.checkSchema(schema).ok).toBe(true);
    const r = engine.compile(schema as FormSchema).process({ q: 0 }, { mode: 'create', now });
    expect(r).toEqual({ ok: true, data: { q: 0, ...Object.fromEntries(Array.from({ length: links }, (_, i) => [`f${i}`, i + 1])) } });
  });

  test('circular formulas (a form mid-edit, before its check refuses it) compile and run each formula once', () => {
    const f = form([
      { id: 'a', type: 'formula', label: 'A', formula: { logic: { '+': [{ var: 'b' }, 1] } } },
      { id: 'b', type: 'formula', label: 'B', formula: { logic: { '+': [{ var: 'a' }, 1] } } },
    ]);
    // a needs b, which needs a: b runs first, on a blank a.
    expect(f.process({}, { mode: 'create', now })).toEqual({ ok: true, data: { a: 2, b: 1 } });
  });

  test('row formulas run in order of what they need, in every row', () => {
    const f = form([{ id: 'lines', type: 'subform', label: '明细', fields: [
      { id: 'total', type: 'formula', label: '合计', formula: { logic: { '+': [{ var: '$row.doubled' }, 1] } } },
      { id: 'doubled', type: 'formula', label: '两倍', formula: { logic: { '*': [{ var: '$row.q' }, 2] } } },
      num('q'),
    ] }]);
    expect(f.process({ lines: [{ q: 1 }, { q: 5 }] }, { mode: 'create', now })).toEqual({ ok: true, data: { lines: [{ _rowId: 'r1', q: 1, doubled: 2, total: 3 }, { _rowId: 'r2', q: 5, doubled: 10, total: 11 }] } });
  });

  test('a formula giving text is text to the formulas after it, even text that reads as a date', () => {
    const f = form([
      text('lot'),
      { id: 'code', type: 'formula', label: '批号', resultType: 'text', formula: { logic: { CONCAT: [{ var: 'lot' }] } } },
      { id: 'next', type: 'formula', label: '下一个', resultType: 'date', formula: { logic: { '+': [{ var: 'code' }, 1] } } },
    ]);
    expect(f.process({ lot: '2026-11-20' }, { mode: 'create', now })).toEqual({ ok: true, data: { lot: '2026-11-20', code: '2026-11-20', next: null } });
  });

  test('TODAY() is the day in Shanghai unless the zone is given', () => {
    const f = form([{ id: 'today', type: 'formula', label: '今天', resultType: 'date', formula: { logic: { TODAY: [] } } }]);
    expect(f.process({}, { mode: 'create', now })).toEqual({ ok: true, data: { today: '2026-11-24' } });
    expect(f.compute({}, { now, timeZone: 'UTC' })).toEqual({ today: '2026-11-23' });
  });

  test('compute works on what the renderer holds: nothing coerced or dropped, the input untouched', () => {
    const f = form([num('qty'), { id: 'twice', type: 'formula', label: 'T', formula: { logic: { '*': [{ var: 'qty' }, 2] } } }, { id: 'lines', type: 'subform', label: 'L', fields: [num('q'), { id: 'half', type: 'formula', label: 'H', formula: { logic: { '/': [{ var: '$row.q' }, 2] } } }] }]);
    const input = { qty: '3', _draft: true, lines: [{ q: 1 }] };
    expect(f.compute(input, { now })).toEqual({ qty: '3', _draft: true, twice: 6, lines: [{ q: 1, half: 0.5 }] });
    expect(input).toEqual({ qty: '3', _draft: true, lines: [{ q: 1 }] });
  });
});

describe('subform totals', () => {
  const totalsOf = (rows: unknown, fn: string) => form([{
    id: 'lines', type: 'subform', label: '明细',
    fields: [num('qty', '数量', { precision: 1 }), { id: 'price', type: 'money', label: '单价' }, num('w')],
    totals: [{ field: 'qty', fn }, { field: 'price', fn }, { field: 'w', fn }],
  }]).totals({ lines: rows });
  const rows = [{ qty: 1.25, price: 0.1, w: 0.1 }, { qty: 2, price: 0.2, w: 0.2 }, { qty: 'x', price: null }, { qty: 3, price: 1.005, w: 1 / 3 }];

  test.each([
    ['sum', { qty: 6.3, price: 1.31, w: 0.633333333333333 }],
    ['avg', { qty: 2.1, price: 0.44, w: 0.211111111111111 }],
    ['min', { qty: 1.3, price: 0.1, w: 0.1 }],
    ['max', { qty: 3, price: 1.01, w: 0.333333333333333 }],
    ['count', { qty: 4, price: 4, w: 4 }],
  ])('%s over the numbers of each column, at the column\'s precision (money 2)', (fn, expected) => {
    expect(totalsOf(rows, fn)).toEqual({ lines: expected });
  });

  test.each(['sum', 'avg', 'min', 'max', 'count'])('%s of no rows is 0', (fn) => {
    expect(totalsOf([], fn)).toEqual({ lines: { qty: 0, price: 0, w: 0 } });
    expect(totalsOf(undefined, fn)).toEqual({ lines: { qty: 0, price: 0, w: 0 } });
  });

  test('a subform without totals has none', () => {
    expect(form([{ id: 'lines', type: 'subform', label: 'L', fields: [num('q')] }, num('n')]).totals({ lines: [{ q: 1 }] })).toEqual({});
  });
});

describe('cross-form checks and relations, as the server runs them', () => {
  const outbound = (check: object = {}) => form([
    { id: 'mat', type: 'relation', label: '物料', formId: 'materials', displayField: 'code', autofill: [{ from: 'name', to: 'matName' }, { from: 'unit', to: 'unit' }] },
    { id: 'plain', type: 'relation', label: '供应商', formId: 'suppliers', displayField: 'name' },
    text('matName'), text('unit'), text('lot'), num('qty', '数量'), { id: 'day', type: 'date', label: '日期' },
    { id: 'spec', type: 'lookup', label: '规格', relationField: 'mat', targetField: 'spec' },
    { id: 'maker', type: 'lookup', label: '厂家', relationField: 'plain', targetField: 'maker' },
  ], { crossChecks: [{ id: 'stock', source: { formId: 'stock', match: { lot: { var: 'lot' } }, aggregate: 'count' }, rule: { '<': [{ var: '$source' }, 1] }, message: { 'zh-CN': '该批次已出库', 'en-US': 'This lot is already out' }, ...check }] });

  test('a query without a field asks for no field', () => {
    expect(outbound().planCrossChecks({ lot: 'L1' })).toStrictEqual([{ checkId: 'stock', formId: 'stock', match: { lot: 'L1' }, aggregate: 'count' }]);
  });

  test('a day computed in a match is asked for as the day it is in Shanghai', () => {
    const planned = outbound({ source: { formId: 'stock', match: { day: { TODAY: [] } }, aggregate: 'count' } }).planCrossChecks({}, { now });
    expect(planned[0].match).toEqual({ day: '2026-11-24' });
  });

  test('a check on no field is told on the record; a missing result is null', () => {
    const f = outbound();
    expect(f.evaluateCrossChecks({ lot: 'L1' }, { stock: 1 }, { locale: 'en-US' })).toEqual([
      { path: '', fieldId: '', code: 'cross_check', message: 'This lot is already out', params: { checkId: 'stock', source: 1 } },
    ]);
    expect(f.evaluateCrossChecks({ lot: 'L1' }, { stock: 0 })).toEqual([]);
    // No result: $source is null, and null < 1 holds as json-logic compares.
    expect(f.evaluateCrossChecks({ lot: 'L1' }, {})).toEqual([]);
    const needs = outbound({ rule: { '!=': [{ var: '$source' }, null] } });
    expect(needs.evaluateCrossChecks({}, {})).toEqual([{ path: '', fieldId: '', code: 'cross_check', message: '该批次已出库', params: { checkId: 'stock', source: null } }]);
  });

  test('autofill copies what the related record has, null for what it lacks, nothing for anything else', () => {
    const f = outbound();
    expect(f.autofill('mat', { name: '螺栓' })).toEqual({ matName: '螺栓', unit: null });
    expect(f.autofill('mat', null)).toEqual({});
    expect(f.autofill('plain', { name: 'x' })).toEqual({});
    expect(f.autofill('lot', { name: 'x' })).toEqual({});
    // A field that was a relation once may keep its copies in the schema; it copies nothing now.
    const was = form([{ ...text('mat'), autofill: [{ from: 'name', to: 'matName' }] }, text('matName')]);
    expect(was.autofill('mat', { name: '螺栓' })).toEqual({});
    expect(f.autofill('ghost', { name: 'x' })).toEqual({});
  });

  test('a lookup shows the related record\'s field, or null when there is none', () => {
    expect(outbound().lookupValues({ mat: { spec: 'M8' }, plain: null })).toEqual({ spec: 'M8', maker: null });
    expect(outbound().lookupValues({})).toEqual({ spec: null, maker: null });
  });
});
