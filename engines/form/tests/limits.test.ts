// Bounded work in the engine (issue #9): a text is at most what one Excel cell holds (32,767
// characters), formula results included; a form holds at most 2,000 fields at any depth; and a
// field's pattern runs in linear time, with what cannot run so refused when the form is saved.
import { checkPattern, compilePattern, createFormEngine, fieldIndexes, MAX_FIELD_INDEXES, MAX_FIELDS, MAX_FORMULA_NESTING, MAX_TEXT, parseFormula, PATTERN_INPUT_LIMIT, type Field, type FormSchema, type Issue } from '../src';

const engine = createFormEngine();
const now = new Date('2026-11-24T01:30:00Z');
const scope = {
  fields: [
    { id: 'note', labels: ['备注'], type: 'textarea' },
    { id: 'lines', labels: ['明细'], type: 'subform', children: [{ id: 'memo', labels: ['说明'], type: 'text' }] },
  ],
};
const run = (text: string, data: Record<string, unknown> = {}) => {
  const parsed = parseFormula(text, scope);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
  return engine.formulas.compile(parsed.logic)({ data, now, timeZone: 'Asia/Shanghai' });
};
/** What a formula gives, as a cell shows it: the text's length, or the error. */
const cell = (text: string, data: Record<string, unknown> = {}) => {
  const v = run(text, data);
  return typeof v === 'string' ? v.length : String(v);
};
/**
 * What `f` gives, and the longest text it made by repeating (String.prototype.repeat watched, not
 * replaced): a REPT past the limit must answer from its arguments, never build the text first.
 * Observed rather than timed, so a slow machine cannot fail it.
 */
const longestRepeat = <T>(f: () => T): { value: T; longest: number } => {
  const repeat = jest.spyOn(String.prototype, 'repeat');
  try {
    const value = f();
    return { value, longest: Math.max(0, ...repeat.mock.calls.map(([n]) => Number(n))) };
  } finally {
    repeat.mockRestore();
  }
};

describe('a formula gives at most 32,767 characters of text', () => {
  test('the limit is Excel\'s', () => {
    expect(MAX_TEXT).toBe(32767);
  });

  test('REPT past the limit is #VALUE! at once, without building the text', () => {
    const big = longestRepeat(() => run('REPT("x", 500000000)'));
    expect(String(big.value)).toBe('#VALUE!');
    expect(big.longest).toBe(0);
    expect(longestRepeat(() => run('REPT("x", 32767)')).longest).toBe(32767);
    expect(cell('REPT("x", 32767)')).toBe(32767);
    expect(cell('REPT("x", 32768)')).toBe('#VALUE!');
    expect(cell('REPT("ab", 16384)')).toBe('#VALUE!');
    expect(cell('REPT("x", 1E+308)')).toBe('#VALUE!');
  });

  test('characters are counted as LEN counts them: an emoji is one', () => {
    expect(run('LEN(REPT("😀", 32767))')).toBe(32767);
    expect(cell('REPT("😀", 32768)')).toBe('#VALUE!');
  });

  test.each([
    ['&', 'REPT("x", 20000) & REPT("y", 12767)', 'REPT("x", 20000) & REPT("y", 12768)'],
    ['CONCAT', 'CONCAT(REPT("x", 20000), REPT("y", 12767))', 'CONCAT(REPT("x", 20000), REPT("y", 12768))'],
    ['CONCATENATE', 'CONCATENATE(REPT("x", 20000), REPT("y", 12767))', 'CONCATENATE(REPT("x", 20000), REPT("y", 12768))'],
    ['TEXTJOIN', 'TEXTJOIN("-", TRUE, REPT("x", 20000), REPT("y", 12766))', 'TEXTJOIN("-", TRUE, REPT("x", 20000), REPT("y", 12767))'],
    ['SUBSTITUTE (all)', 'SUBSTITUTE(REPT("a", 10922) & "z", "a", "bcd")', 'SUBSTITUTE(REPT("a", 10923), "a", "bcd")'],
    ['SUBSTITUTE (the nth)', 'SUBSTITUTE(REPT("a", 30000), "a", REPT("b", 2768), 1)', 'SUBSTITUTE(REPT("a", 30000), "a", REPT("b", 2769), 1)'],
    ['UPPER (ß becomes SS)', 'UPPER(REPT("ß", 16383) & "x")', 'UPPER(REPT("ß", 16384))'],
    // 24,576 digits and 8,191 thousands separators; two more digits add a separator.
    ['TEXT', 'TEXT(1, "0,0" & REPT("0", 24574))', 'TEXT(1, "0,0" & REPT("0", 24575))'],
  ])('%s: up to the limit is a text, past it #VALUE!', (_name, within, past) => {
    expect(cell(within)).toBe(32767);
    expect(cell(past)).toBe('#VALUE!');
  });

  test('joining a subform column counts every row', () => {
    const rows = (n: number) => ({ lines: Array.from({ length: n }, () => ({ memo: 'x'.repeat(8190) })) });
    // 4 rows of 8,190 and 3 commas: 32,763 characters; 5 rows pass the limit.
    expect(cell('明细.说明 & ""', rows(4))).toBe(32763);
    expect(cell('明细.说明 & ""', rows(5))).toBe('#VALUE!');
    expect(cell('CONCAT(明细.说明)', rows(5))).toBe('#VALUE!');
  });

  test('doubling a text again and again stops at the limit', () => {
    expect(String(run('备注 & 备注 & 备注 & 备注 & 备注 & 备注 & 备注 & 备注', { note: 'x'.repeat(30000) }))).toBe('#VALUE!');
  });

  test('IFERROR catches it, as any formula error', () => {
    expect(run('IFERROR(REPT("x", 40000), "too long")')).toBe('too long');
  });

  test('a rule\'s cat is capped too (#VALUE! is false there)', () => {
    expect(String(engine.formulas.compile({ cat: [{ REPT: ['x', 20000] }, { REPT: ['y', 20000] }] }, { semantics: 'rule' })({ data: {}, now, timeZone: 'Asia/Shanghai' }))).toBe('#VALUE!');
    expect(engine.formulas.compile({ cat: ['IQC-', 7] }, { semantics: 'rule' })({ data: {}, now, timeZone: 'Asia/Shanghai' })).toBe('IQC-7');
  });

  test('a record whose formula passes the limit is saved with the formula left blank, as for any formula error', () => {
    const form = engine.compile({
      id: 'f', title: 'F',
      fields: [
        { id: 'n', type: 'number', label: '次数' },
        { id: 'big', type: 'formula', label: '长文本', resultType: 'text', formula: { logic: { REPT: ['x', { var: 'n' }] } } },
        { id: 'copy', type: 'formula', label: '副本', formula: { logic: { var: 'lines.memo' } } },
        { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'memo', type: 'textarea', label: '说明' }] },
      ],
    } as FormSchema);
    const memo = 'y'.repeat(20000);
    const r = longestRepeat(() => form.process({ n: 500000000, lines: [{ memo }, { memo }] }, { mode: 'create', now }));
    expect(r.longest).toBe(0);
    expect(r.value).toEqual({ ok: true, data: { n: 500000000, big: null, copy: null, lines: [{ _rowId: 'r1', memo }, { _rowId: 'r2', memo }] } });
    expect(form.process({ n: 3 }, { mode: 'create', now })).toEqual({ ok: true, data: { n: 3, big: 'xxx', copy: null } });
  });
});

describe('a formula nests at most 100 levels', () => {
  const sum = (terms: number) => Array.from({ length: terms }, () => '1').join('+');
  const save = (text: string, locale?: 'en-US') => {
    const r = engine.checkSchema({ id: 'f', title: 'F', fields: [{ id: 'x', type: 'formula', label: 'X', formula: { text } }] }, { locale });
    return r.ok ? 'ok' : r.issues.map((i) => [i.code, i.message, i.params]);
  };

  test('a sum of 101 terms is 100 operations deep, and fine', () => {
    expect(MAX_FORMULA_NESTING).toBe(100);
    expect(run(sum(101))).toBe(101);
  });

  test('one level more is refused where it happens, in both languages', () => {
    expect(save(sum(102))).toEqual([['formula_syntax', '公式嵌套太深（第 202 个字符处），最多 100 层', { position: 201, length: 1, fieldId: 'x' }]]);
    expect(save(sum(102), 'en-US')).toEqual([['formula_syntax', 'The formula nests too deeply at character 202 (at most 100 levels)', { position: 201, length: 1, fieldId: 'x' }]]);
  });

  test.each([
    ['2,499 parentheses', `${'('.repeat(2499)}1${')'.repeat(2499)}`],
    ['999 nested calls', `${'ABS('.repeat(999)}1${')'.repeat(999)}`],
    ['a sum of 2,500 terms', sum(2500)],
    ['4,999 signs', `${'-'.repeat(4999)}1`],
  ])('%s (which overflowed the stack) are refused as a formula mistake', (_label, text) => {
    const r = save(text);
    expect(r === 'ok' ? r : r.map((i) => i[0])).toEqual(['formula_syntax']);
  });
});

describe('a text field holds at most 32,767 characters', () => {
  const form = (field: Field) => engine.compile({ id: 'f', title: 'F', fields: [field] });
  const codes = (f: ReturnType<typeof form>, value: unknown) => {
    const r = f.process({ v: value }, { mode: 'create', now });
    return r.ok ? [] : r.issues.map((i) => [i.code, i.params]);
  };

  test.each([
    ['text', 500],
    ['barcode', 500],
    ['textarea', 20000],
  ] as const)('%s keeps its own limit (%d) when the analyst sets none', (type, limit) => {
    const f = form({ id: 'v', type, label: 'V' });
    expect(codes(f, 'x'.repeat(limit))).toEqual([]);
    expect(codes(f, 'x'.repeat(limit + 1))).toEqual([['maxLength', { limit }]]);
  });

  test.each(['text', 'textarea', 'barcode'] as const)('%s: a larger limit set by the analyst stops at 32,767', (type) => {
    const f = form({ id: 'v', type, label: 'V', validation: { maxLength: 10_000_000 } });
    expect(codes(f, 'x'.repeat(32767))).toEqual([]);
    expect(codes(f, 'x'.repeat(32768))).toEqual([['maxLength', { limit: 32767 }]]);
  });

  test('saving a form that asks for more is refused, naming the setting', () => {
    const r = engine.checkSchema({ id: 'f', title: 'F', fields: [{ id: 'v', type: 'textarea', label: '备注', validation: { maxLength: 40000 } }] });
    expect(r.ok ? [] : r.issues.map((i) => [i.path, i.code, i.params])).toEqual([['fields[0].validation.maxLength', 'schema_maximum', { comparison: '<=', limit: 32767 }]]);
  });
});

describe('a form holds at most 2,000 fields, at any depth', () => {
  const texts = (n: number, from = 0): Field[] => Array.from({ length: n }, (_, i) => ({ id: `t${from + i}`, type: 'text', label: `T${from + i}` }));
  /** 4 containers (a section, tabs, columns, a subform) and `inner` fields spread over them. */
  const nested = (inner: number): FormSchema => {
    const q = Math.floor(inner / 4);
    return {
      id: 'big', title: 'Big',
      fields: [
        { id: 'sec', type: 'section', label: 'S', fields: texts(q, 0) },
        { id: 'tab', type: 'tabs', label: 'T', tabs: [{ id: 'a', label: 'A', fields: texts(q, q) }] },
        { id: 'col', type: 'columns', label: 'C', columns: [{ id: 'c1', fields: texts(q, 2 * q) }] },
        { id: 'sub', type: 'subform', label: 'L', fields: texts(inner - 3 * q, 3 * q) },
      ],
    } as FormSchema;
  };

  test('2,000 counting the containers is accepted', () => {
    expect(MAX_FIELDS).toBe(2000);
    const r = engine.checkSchema(nested(1996));
    expect(r.ok ? 'ok' : r.issues).toBe('ok');
  });

  test.each([
    ['one more inside the containers', nested(1997)],
    ['2,001 at the top level', { id: 'big', title: 'Big', fields: texts(2001) } as FormSchema],
  ])('%s is refused, in the analyst\'s words', (_label, schema) => {
    const issue: Issue = { path: 'fields', fieldId: '', code: 'too_many_fields', message: '表单最多 2000 个字段（分组、标签页、分栏和子表单里的字段也算在内）', params: { limit: 2000 } };
    expect(engine.checkSchema(schema)).toEqual({ ok: false, issues: [issue] });
    expect(engine.checkSchema(schema, { locale: 'en-US' })).toEqual({
      ok: false,
      issues: [{ ...issue, message: 'A form holds at most 2000 fields, counting those inside sections, tabs, columns and subforms' }],
    });
  });

  test('the count comes first: a huge form is refused before its fields are looked at', () => {
    const schema = nested(100_000);
    // Every field also has a type that does not exist: a look at any of them would say so.
    (schema.fields[0] as { fields: Array<{ type: string }> }).fields.forEach((f) => (f.type = 'hologram'));
    const r = engine.checkSchema(schema);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['too_many_fields']);
  });
});

describe('field patterns run in linear time', () => {
  const withPattern = (pattern: string): FormSchema => ({ id: 'f', title: 'F', fields: [{ id: 'code', type: 'text', label: '物料编码', validation: { pattern, maxLength: 32767 } }] });

  // On RegExp, these patterns backtrack 2^n steps over n letters and a mismatch: a test reaching
  // its next line at all shows the pattern ran on RE2 (it would otherwise hang until jest gives up).
  test('^([a-z0-9]+)+$, which backtracks for ages in RegExp, checks 32,767 characters', () => {
    const schema = engine.checkSchema(withPattern('^([a-z0-9]+)+$'));
    if (!schema.ok) throw new Error(JSON.stringify(schema.issues));
    const form = engine.compile(schema.schema);
    const r = form.process({ code: `${'a'.repeat(32766)}!` }, { mode: 'create', now });
    expect(r).toEqual({ ok: false, issues: [{ path: 'code', fieldId: 'code', code: 'pattern', message: '物料编码的格式不正确', params: { pattern: '^([a-z0-9]+)+$' } }] });
    expect(form.process({ code: 'a'.repeat(32767) }, { mode: 'create', now })).toEqual({ ok: true, data: { code: 'a'.repeat(32767) } });
  });

  test('a value longer than a text holds is refused by its length, one issue, though it breaks the pattern too', () => {
    const form = engine.compile(withPattern('^([a-z0-9]+)+$'));
    const r = form.process({ code: `${'a'.repeat(999_999)}!` }, { mode: 'create', now });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.params])).toEqual([['maxLength', { limit: 32767 }]]);
  });

  test.each([
    ['full-width space is \\s, as in JavaScript', '^\\s+$', ['\u3000 '], ['a']],
    ['. stops at \\r and \\n', '^.$', ['a', '😀'], ['\r', '\n']],
    ['\\d is ASCII only', '^\\d+$', ['2026'], ['١٢']],
    ['Chinese names', '^[\\u4e00-\\u9fa5]{2,4}$', ['张三'], ['张', 'Zhang']],
    ['scripts by name', '^\\p{Script=Han}+$', ['来料检验'], ['QC']],
    ['a match anywhere, as RegExp.test', 'L-\\d', ['XL-1'], ['L-x']],
    ['negated sets inside a class', '^[^\\s\\d]+$', ['ab'], ['a b', 'a1']],
  ])('%s', (_label, pattern, good, bad) => {
    const form = engine.compile(withPattern(pattern));
    for (const v of good) expect([v, form.validate({ code: v }).ok]).toEqual([v, true]);
    for (const v of bad) expect([v, form.validate({ code: v }).ok]).toEqual([v, false]);
  });

  // RE2 runs the pattern; JavaScript's RegExp (the `u` flag, as ajv compiles it) says what it must
  // match. Each pattern against each value: the same answer, or the translation is wrong.
  const PATTERNS = [
    '^a{2}$', '^a{2,}$', '^a{2,3}$', '^a{0,3}$', '^ba{1}$', '^a?$', '^a*$', '^a+$', '^a{0,1}b$', '^a+?b$', '^a{1,}$', '^(?:ab)+$', '^(ab|cd)$', '^ab|cd$',
    '^\\d+$', '^\\D+$', '^\\w+$', '^\\W+$', '^\\s+$', '^\\S+$', '^.$', '^.+$',
    '[]', '^[^]$', '^[a-c]+$', '^[^a-c]+$', '^[\\d_]+$', '^[\\D]+$', '^[\\W]+$', '^[\\S]+$', '^[\\p{Lu}x]+$', '^[\\P{L}]+$',
    '^\\p{Lu}+$', '^\\p{General_Category=Lu}+$', '^\\p{gc=Uppercase_Letter}+$', '^\\p{Letter}+$', '^\\P{L}+$', '^\\p{Nd}+$',
    '^\\p{Script=Han}+$', '^\\p{sc=Hani}+$', '^\\p{Script=Latin}+$', '^\\p{sc=Latn}+$', '^\\p{Any}$', '^\\P{Any}$',
    '\\bab\\b', '\\Bb', 'b\\B', '^$',
  ];
  const VALUES = ['', 'a', 'aa', 'aaa', 'b', 'ab', 'aab', 'abab', 'cd', 'abcd', 'xaby', 'ab cd', '12', '١٢', '_', 'x y', '\u3000', 'ABC', 'Abc', 'É', '中文', '漢字', '😀', '\n', '\r', '\u2028', 'a\nb', '\uffff', '\u{10ffff}'];
  test.each(PATTERNS)('%s matches exactly what JavaScript matches', (pattern) => {
    const form = engine.compile(withPattern(pattern));
    const js = new RegExp(pattern, 'u');
    expect(VALUES.map((v) => [v, form.validate({ code: v }).ok])).toEqual(VALUES.map((v) => [v, v === '' || js.test(v)]));
  });

  const refused = (pattern: string, locale?: 'en-US') => {
    const r = engine.checkSchema(withPattern(pattern), { locale });
    return r.ok ? [] : r.issues;
  };

  test('look-ahead, look-behind and back-references are refused when the form is saved, naming the field', () => {
    expect(refused('^(?=.*\\d).{8,}$')).toEqual([{
      path: 'fields[0].validation.pattern', fieldId: 'code', code: 'unsafe_pattern',
      message: '“物料编码”的格式用了前瞻、后顾或反向引用（(?=.*\\d)），检查这样的格式可能耗时极长、拖慢服务器，请去掉它们改写',
      params: { pattern: '^(?=.*\\d).{8,}$', detail: '(?=.*\\d)', fieldId: 'code' },
    }]);
    expect(refused('(a)\\1', 'en-US')).toEqual([{
      path: 'fields[0].validation.pattern', fieldId: 'code', code: 'unsafe_pattern',
      message: 'The pattern of "物料编码" uses a look-ahead, look-behind or back-reference (\\1), which can take unbounded time to check and stall the server; rewrite it without',
      params: { pattern: '(a)\\1', detail: '\\1', fieldId: 'code' },
    }]);
    expect(refused('(?<!x)y').map((i) => i.code)).toEqual(['unsafe_pattern']);
  });

  test('a pattern that is no regular expression is refused, with what is wrong', () => {
    expect(refused('^[A-Z{3}$')).toEqual([{
      path: 'fields[0].validation.pattern', fieldId: 'code', code: 'invalid_pattern',
      message: '“物料编码”的格式（正则表达式）有误：Invalid regular expression: /^[A-Z{3}$/u: Unterminated character class',
      params: { pattern: '^[A-Z{3}$', detail: 'Invalid regular expression: /^[A-Z{3}$/u: Unterminated character class', fieldId: 'code' },
    }]);
    expect(refused('^\\-$', 'en-US').map((i) => i.message)).toEqual(['The pattern of "物料编码" is not a valid regular expression: Invalid regular expression: /^\\-$/u: Invalid escape']);
  });

  test('what RE2 cannot run is refused as not supported', () => {
    expect(refused('^a{1001}$').map((i) => [i.code, i.message])).toEqual([['unsupported_pattern', '“物料编码”的格式用了不支持的写法：invalid repeat count: `{1001}`']]);
    expect(refused('^\\p{Alphabetic}+$', 'en-US').map((i) => [i.code, i.message])).toEqual([['unsupported_pattern', 'The pattern of "物料编码" uses something Tessera does not support: \\p{Alphabetic}']]);
  });

  test('properties RE2 has no name for are refused, named as the analyst wrote them', () => {
    const detail = (pattern: string) => refused(pattern, 'en-US').map((i) => [i.code, i.params?.detail]);
    expect(detail('^\\p{ASCII}+$')).toEqual([['unsupported_pattern', '\\p{ASCII}']]);
    expect(detail('^\\p{Script_Extensions=Han}+$')).toEqual([['unsupported_pattern', '\\p{Script_Extensions=Han}']]);
    // A script JavaScript knows and RE2 does not: RE2's own words, without its "error parsing regexp:" prefix.
    expect(detail('^\\p{sc=Zzzz}$')).toEqual([['unsupported_pattern', 'invalid character class range: `\\p{Zzzz}`']]);
  });

  test('the longest text a field holds is still checked by its pattern (32,767 emoji: twice as many UTF-16 units)', () => {
    const form = engine.compile(withPattern('^\\p{So}+$'));
    expect(form.validate({ code: '😀'.repeat(32767) }).ok).toBe(true);
    expect(form.validate({ code: `${'😀'.repeat(32766)}a` }).ok).toBe(false);
  });

  test('a pattern is not run on a text longer than any field holds: the text fails it', () => {
    const anyA = compilePattern('^a+$');
    expect(anyA.test('a'.repeat(PATTERN_INPUT_LIMIT))).toBe(true);
    expect(anyA.test('a'.repeat(PATTERN_INPUT_LIMIT + 1))).toBe(false);
  });

  test('a pattern saved before these checks never runs unbounded: it matches nothing', () => {
    const form = engine.compile(withPattern('^(?=(a+)+$)a*$'));
    const r = form.validate({ code: `${'a'.repeat(40)}!` });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['pattern']);
    expect(form.validate({ code: 'aaa' }).ok).toBe(false);
  });

  test('checkPattern gives the RE2 form of what it accepts', () => {
    expect(checkPattern('^L-\\d{4}$')).toEqual({ ok: true, source: '\\A\\x{4c}\\x{2d}[\\x{30}-\\x{39}]{4}\\z' });
  });
});

describe(`a form's fields ask for at most ${MAX_FIELD_INDEXES} indexes (the store keeps 64 a collection)`, () => {
  const field = (i: number, extra: object) => ({ id: `f${i}`, type: 'text', label: `字段${i}`, ...extra });

  test('one past the limit names each field whose index does not fit; selects ask for none', () => {
    const fields = [
      ...Array.from({ length: 40 }, (_, i) => ({ id: `s${i}`, type: 'select', label: `状态${i}`, options: [{ value: 'a', label: 'A' }] })),
      ...Array.from({ length: MAX_FIELD_INDEXES - 1 }, (_, i) => field(i, { searchable: true })),
      // Unique and searchable: two indexes, the 50th and the 51st.
      field(100, { searchable: true, validation: { unique: true } }),
      field(101, { type: 'serial', pattern: 'IQC-{yyyyMMdd}-{seq:4}' }),
    ];
    const r = engine.checkSchema({ id: 'many', title: 'Many', fields } as FormSchema);
    expect(fieldIndexes({ fields } as FormSchema)).toHaveLength(MAX_FIELD_INDEXES + 2);
    expect(r.ok ? [] : r.issues.map((i) => [i.path, i.fieldId, i.code, i.params])).toEqual([
      ['fields[89]', 'f100', 'too_many_indexes', { limit: MAX_FIELD_INDEXES, count: MAX_FIELD_INDEXES + 2, fieldId: 'f100' }],
      ['fields[90]', 'f101', 'too_many_indexes', { limit: MAX_FIELD_INDEXES, count: MAX_FIELD_INDEXES + 2, fieldId: 'f101' }],
    ]);
    const en = engine.checkSchema({ id: 'many', title: 'Many', fields } as FormSchema, { locale: 'en-US' });
    expect(en.ok ? '' : en.issues[1].message).toBe(`"字段101" needs an index (searchable, unique, serial number or relation), but a form has at most ${MAX_FIELD_INDEXES} and this one asks for ${MAX_FIELD_INDEXES + 2}: turn "searchable" or "unique" off on some fields`);
  });

  test('each kind asks for its own: unique, searchable, serial number and relation; a plain text or select for none', () => {
    const fields = [
      field(1, {}),
      { id: 's1', type: 'select', label: '状态', options: [{ value: 'a', label: 'A' }] },
      field(2, { validation: { unique: true } }),
      field(3, { searchable: true }),
      field(4, { type: 'serial', pattern: 'IQC-{seq:4}' }),
      { id: 'sup', type: 'relation', label: '供应商', formId: 'suppliers', displayField: 'name' },
    ];
    expect(fieldIndexes({ fields } as FormSchema).map((i) => [i.field.id, i.kind])).toEqual([['f2', 'unique'], ['f3', 'search'], ['f4', 'search'], ['sup', 'relation']]);
  });

  test('in Chinese too, naming a field without a label by its id', () => {
    const fields = [...Array.from({ length: MAX_FIELD_INDEXES }, (_, i) => field(i, { searchable: true })), field(100, { label: '', searchable: true })];
    const r = engine.checkSchema({ id: 'many', title: 'Many', fields } as FormSchema);
    expect(r.ok ? [] : r.issues.map((i) => [i.path, i.message])).toEqual([
      ['fields[50]', `“f100”需要索引（可搜索、唯一、流水号或关联数据），但一个表单最多 ${MAX_FIELD_INDEXES} 个索引，这个表单要 ${MAX_FIELD_INDEXES + 1} 个：请关掉一些字段的“可搜索”或“唯一”`],
    ]);
  });

  test('exactly the limit is accepted', () => {
    const fields = Array.from({ length: MAX_FIELD_INDEXES }, (_, i) => field(i, { searchable: true }));
    expect(engine.checkSchema({ id: 'full', title: 'Full', fields } as FormSchema).ok).toBe(true);
  });
});
