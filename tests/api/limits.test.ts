// Bounded work through real HTTP (issue #9): no request can make the server build a huge value,
// backtrack for seconds, recurse past its stack or check a form without end. Each refusal is an
// exact 4xx with an exact code, and the server keeps answering afterwards.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_JSON_DEPTH } from '@tessera/runtime';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
const forms = '/api/apps/lim/forms';
const records = `${forms}/notes/records`;
const repts = `${forms}/rept/records`;
const notes = {
  id: 'notes',
  title: '说明',
  fields: [
    { id: 'n', type: 'number', label: '次数' },
    { id: 'code', type: 'text', label: '物料编码', validation: { pattern: '^([a-z0-9]+)+$', maxLength: 32767 } },
  ],
};
const rept = {
  id: 'rept',
  title: '重复',
  fields: [
    { id: 'n', type: 'number', label: '次数' },
    { id: 'big', type: 'formula', label: '长文本', resultType: 'text', formula: { text: 'REPT("x", 次数)' } },
  ],
};

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.inject('POST', '/api/apps', { id: 'lim', name: '限制' })).statusCode).toBe(201);
  expect((await t.inject('POST', forms, notes)).statusCode).toBe(201);
  expect((await t.inject('POST', forms, rept)).statusCode).toBe(201);
  await t.publish('lim');
});
afterAll(() => t.close());

const count = () => t.store.collection('r_notes').count({});
async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? await bytesUnder(p) : (await stat(p)).size;
  }
  return total;
}
const health = async () => (await t.injectAs(null, 'GET', '/api/health')).statusCode;

describe('text is capped at 32,767 characters, formula results included', () => {
  test('REPT("x", 500000000) stores nothing: three such records stay small, and list as such', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.inject('POST', repts, { n: 500000000 });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ n: 500000000, big: null });
    }
    // A 500-million-character value made the data file 1.1 GB after three records.
    expect(await bytesUnder(t.dataDir)).toBeLessThan(64 * 1024 * 1024);
    const list = await t.inject('GET', `${repts}?filter=${encodeURIComponent(JSON.stringify({ n: 500000000 }))}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((r: { n: number; big: unknown }) => [r.n, r.big])).toEqual([[500000000, null], [500000000, null], [500000000, null]]);
  });

  test('up to the limit the formula gives its text', async () => {
    const res = await t.inject('POST', repts, { n: 32767 });
    expect(res.statusCode).toBe(201);
    expect(res.json().big === 'x'.repeat(32767)).toBe(true);
  });

  test('a text field refuses a value past 32,767 characters with 422 RULE_FAILED', async () => {
    const before = await count();
    const res = await t.inject('POST', records, { code: 'a'.repeat(32768) }, { 'accept-language': 'en-US' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toEqual({
      code: 'RULE_FAILED',
      message: 'The record has invalid fields',
      details: [{ path: 'code', fieldId: 'code', code: 'maxLength', message: '物料编码 must be at most 32767 characters', params: { limit: 32767 } }],
    });
    expect(await count()).toBe(before);
  });
});

describe('field patterns', () => {
  test('^([a-z0-9]+)+$ checks a 32,767-character value (it blocked the server for 7 s on 27 characters)', async () => {
    // On RegExp this backtracks 2^n steps and never answers: an answer at all shows it ran on RE2.
    const res = await t.inject('POST', records, { code: `${'a'.repeat(32766)}!` });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toEqual({
      code: 'RULE_FAILED',
      message: '记录有字段不符合要求',
      details: [{ path: 'code', fieldId: 'code', code: 'pattern', message: '物料编码的格式不正确', params: { pattern: '^([a-z0-9]+)+$' } }],
    });
    expect(await health()).toBe(200);
    expect((await t.inject('POST', records, { code: 'lot2026a' })).statusCode).toBe(201);
  });

  test('a form whose pattern needs a backtracking engine is refused when saved: 422 INVALID_SCHEMA naming the field', async () => {
    const form = { ...notes, id: 'pw', fields: [{ id: 'pw', type: 'text', label: { 'zh-CN': '口令', 'en-US': 'Passcode' }, validation: { pattern: '^(?=.*\\d)(?=.*[a-z]).{8,}$' } }] };
    const en = await t.inject('POST', forms, form, { 'accept-language': 'en-US' });
    expect(en.statusCode).toBe(422);
    expect(en.json().error.code).toBe('INVALID_SCHEMA');
    expect(en.json().error.details).toEqual([{
      path: 'fields[0].validation.pattern',
      fieldId: 'pw',
      code: 'unsafe_pattern',
      message: 'The pattern of "Passcode" uses a look-ahead, look-behind or back-reference ((?=.*\\d)), which can take unbounded time to check and stall the server; rewrite it without',
      params: { pattern: '^(?=.*\\d)(?=.*[a-z]).{8,}$', detail: '(?=.*\\d)', fieldId: 'pw' },
    }]);
    const zh = await t.inject('POST', forms, form);
    expect(zh.statusCode).toBe(422);
    expect(zh.json().error.details.map((d: { message: string }) => d.message)).toEqual([
      '“口令”的格式用了前瞻、后顾或反向引用（(?=.*\\d)），检查这样的格式可能耗时极长、拖慢服务器，请去掉它们改写',
    ]);
    expect((await t.inject('GET', `${forms}/pw`)).statusCode).toBe(404);
  });

  test('a pattern that is no regular expression is refused when saved (it used to break every later record with a 500)', async () => {
    const res = await t.inject('POST', forms, { ...notes, id: 'bad', fields: [{ id: 'c', type: 'text', label: 'C', validation: { pattern: '^\\-$' } }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.map((d: { path: string; code: string }) => [d.path, d.code])).toEqual([['fields[0].validation.pattern', 'invalid_pattern']]);
  });
});

describe('JSON nested too deeply is 400, not 500', () => {
  const nest = (depth: number, open: string, close: string, inner = '1') => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
  const refusal = (position: number) => ({
    code: 'BAD_REQUEST',
    message: `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`,
    details: [{ code: 'json_depth', message: `deeper than ${MAX_JSON_DEPTH} levels at character ${position + 1}`, params: { limit: MAX_JSON_DEPTH, position } }],
  });

  test('the limit is 256 levels', () => {
    expect(MAX_JSON_DEPTH).toBe(256);
  });

  test('a 10,000-deep array in a record → 400 BAD_REQUEST, nothing written, the server answers', async () => {
    const before = await count();
    // A text that mentions "constructor" makes the parser look for forbidden keys at every depth:
    // that walk overflowed the stack (500) before the depth was limited.
    const body = `{"code":"constructor","n":${nest(10000, '[', ']')}}`;
    const res = await t.inject('POST', records, body, { 'content-type': 'application/json', 'accept-language': 'en-US' });
    expect(res.statusCode).toBe(400);
    // The top object is level 1: the array that is level 257 opens at character 26 + 255.
    expect(res.json().error).toEqual(refusal(26 + 255));
    expect(await count()).toBe(before);
    expect(await health()).toBe(200);
  });

  test('a 10,000-deep rule in a form save → 400 BAD_REQUEST, the form unchanged', async () => {
    // Checking the rule's references recursed through every level: a 500 before.
    const body = `{"title":"x","fields":[],"rules":[{"id":"r","message":"m","logic":${nest(10000, '{"and":[', ']}', 'true')}}]}`;
    const res = await t.inject('PUT', `${forms}/notes`, body, { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
    expect(res.json().error.message).toBe('请求体的 JSON 嵌套超过 256 层');
    expect(res.json().error.details.map((d: { code: string }) => d.code)).toEqual(['json_depth']);
    const form = await t.inject('GET', `${forms}/notes`);
    expect(form.json().fields.map((f: { id: string }) => f.id)).toEqual(['n', 'code']);
    expect(await health()).toBe(200);
  });

  test('brackets inside strings do not count; exactly 256 levels is parsed (and then checked as usual)', async () => {
    const inString = await t.inject('POST', records, { code: '['.repeat(5000) });
    expect(inString.statusCode).toBe(422);
    expect(inString.json().error.details.map((d: { code: string }) => d.code)).toEqual(['pattern']);
    const at = await t.inject('POST', records, `{"n":${nest(255, '[', ']')}}`, { 'content-type': 'application/json' });
    expect(at.statusCode).toBe(422);
    expect(at.json().error.details.map((d: { fieldId: string; code: string }) => [d.fieldId, d.code])).toEqual([['n', 'type']]);
    const over = await t.inject('POST', records, `{"n":${nest(256, '[', ']')}}`, { 'content-type': 'application/json' });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details.map((d: { code: string }) => d.code)).toEqual(['json_depth']);
  });
});

describe('a form holds at most 2,000 fields, counting those inside containers', () => {
  const texts = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `t${i}`, type: 'text', label: `T${i}` }));

  test('2,001 fields inside tabs and a subform → 422 INVALID_SCHEMA too_many_fields', async () => {
    const form = {
      id: 'huge', title: 'Huge',
      fields: [
        { id: 'tabs', type: 'tabs', label: 'T', tabs: [{ id: 'a', label: 'A', fields: [{ id: 'sub', type: 'subform', label: 'S', fields: texts(1999) }] }] },
      ],
    };
    const res = await t.inject('POST', forms, form, { 'accept-language': 'en-US' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('INVALID_SCHEMA');
    expect(res.json().error.details).toEqual([{ path: 'fields', fieldId: '', code: 'too_many_fields', message: 'A form holds at most 2000 fields, counting those inside sections, tabs, columns and subforms', params: { limit: 2000 } }]);
    expect((await t.inject('GET', `${forms}/huge`)).statusCode).toBe(404);
  });
});

describe('formulas nest at most 100 levels', () => {
  test('a sum of 2,500 terms (which overflowed the stack into a 500) → 422 formula_syntax', async () => {
    const text = Array.from({ length: 2500 }, () => '1').join('+');
    const res = await t.inject('PUT', `${forms}/notes`, { ...notes, fields: [...notes.fields, { id: 'sum', type: 'formula', label: '合计', formula: { text } }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.map((d: { fieldId: string; code: string; message: string }) => [d.fieldId, d.code, d.message])).toEqual([
      ['sum', 'formula_syntax', '公式嵌套太深（第 202 个字符处），最多 100 层'],
    ]);
    expect(await health()).toBe(200);
  });
});

describe("a form's indexes stay inside MongoDB's 64 a collection, on the embedded store too", () => {
  test('each kind of indexed field gets its own index: a unique one, a searchable one, a relation\'s id', async () => {
    const kinds = { id: 'kinds', title: '索引', fields: [
      { id: 'code', type: 'text', label: '编码', validation: { unique: true } },
      { id: 'name', type: 'text', label: '名称', searchable: true },
      { id: 'note', type: 'relation', label: '说明', formId: 'notes', displayField: 'code' },
      { id: 'plain', type: 'text', label: '备注' },
    ] };
    expect((await t.inject('POST', forms, kinds)).statusCode).toBe(201);
    await t.publish('lim');
    const made = (await t.store.collection('r_kinds').listIndexes()).map((i) => [i.name, i.keys, i.unique ?? false]);
    expect(made.filter(([name]) => !String(name).startsWith('_deleted_1') || name === '_deleted_1_name_1').sort()).toEqual([
      ['_deleted_1_name_1', { _deleted: 1, name: 1 }, false],
      ['note.id_1', { 'note.id': 1 }, false],
      ['u_code', { code: 1, _deletedAt: 1 }, true],
    ].sort());
  });

  const searchable = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, type: 'text', label: `${prefix}${i}`, searchable: true }));
  const indexNames = async () => (await t.store.collection('r_wide').listIndexes()).map((i) => i.name!).sort();

  test('past 50 indexed fields → 422 naming the fields; each publish leaves exactly the indexes the running form declares', async () => {
    const tooMany = await t.inject('POST', forms, { id: 'wide', title: '宽表', fields: searchable('a', 51) }, { 'accept-language': 'en-US' });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().error.details.map((d: { fieldId: string; code: string }) => [d.fieldId, d.code])).toEqual([['a50', 'too_many_indexes']]);

    // 50 searchable fields and 60 selects: selects ask for no index, so the form fits.
    const selects = Array.from({ length: 60 }, (_, i) => ({ id: `s${i}`, type: 'select', label: `状态${i}`, options: [{ value: 'ok', label: '合格' }] }));
    expect((await t.inject('POST', forms, { id: 'wide', title: '宽表', fields: [...searchable('a', 50), ...selects] })).statusCode).toBe(201);
    await t.publish('lim');
    const first = await indexNames();
    expect(first).toHaveLength(4 + 50);
    expect(first.filter((n) => n.startsWith('_deleted_1_s'))).toEqual([]);

    // Every searchable field changes: the old ones' indexes go, or the second 50 would not fit.
    const put = await t.inject('PUT', `${forms}/wide`, { id: 'wide', title: '宽表', fields: [...searchable('b', 50), ...selects] });
    expect(put.statusCode).toBe(200);
    await t.publish('lim');
    const second = await indexNames();
    expect(second).toHaveLength(4 + 50);
    expect(second).toContain('_deleted_1_b49_1');
    expect(second.some((n) => n.includes('_a'))).toBe(false);
    // And the records of the running form are found by the new fields.
    expect((await t.inject('POST', `${forms}/wide/records`, { b7: '批次-7' })).statusCode).toBe(201);
    expect((await t.inject('GET', `${forms}/wide/records?q=${encodeURIComponent('批次-7')}`)).json().items).toHaveLength(1);
  });
});
