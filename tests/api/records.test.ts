// Apps, forms and records through real HTTP (app.inject) on the embedded store: the paths an
// analyst and an end user take, and every bad input the issues list.
import { startTestApp, type TestApp } from '../helpers/app';
import fixture from '../../engines/form/tests/fixtures/incoming-inspection.json';

let t: TestApp;
let adminId: string;
const base = '/api/apps/qms/forms/iqc/records';
const good = {
  supplier: '华东精密', lot: 'L-001', arrived: '2026-11-20', sampled: 100, passed: 96, disposition: 'concession',
  lines: [{ material: '螺栓', qty: 3, price: 0.1 }, { material: '螺母', qty: 2, price: 0.2 }],
};

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.inject('POST', '/api/apps', { id: 'qms', name: { 'zh-CN': '质量管理', 'en-US': 'Quality' }, color: '#1677ff' })).statusCode).toBe(201);
  const f = await t.inject('POST', '/api/apps/qms/forms', fixture);
  expect(f.statusCode).toBe(201);
  await t.publish('qms');
  adminId = (await t.inject('GET', '/api/me')).json().user._id;
});
afterAll(() => t.close());

/**
 * The serial numbers the next `n` records must draw: they follow every record saved so far, deleted
 * ones included (a refused write draws none), so the answer holds whichever tests ran before.
 */
async function nextSerials(n: number): Promise<RegExp[]> {
  const saved = await t.store.collection('r_iqc').count({});
  return Array.from({ length: n }, (_, i) => new RegExp(`^IQC-\\d{8}-${String(saved + 1 + i).padStart(4, '0')}$`));
}

describe('forms', () => {
  test('a saved form comes back with its formulas as json-logic and a version', async () => {
    const res = await t.inject('GET', '/api/apps/qms/forms/iqc');
    expect(res.statusCode).toBe(200);
    const form = res.json();
    expect(form.version).toBe(1);
    expect(form.fields.find((f: { id: string }) => f.id === 'total').formula.logic).toEqual({ SUM: [{ var: 'lines.amount' }] });
  });

  // The fixture has ten top-level fields: the one pushed is fields[10].
  test.each([
    ['duplicate field ids', (s: Record<string, unknown>) => (s.fields as unknown[]).push({ id: 'lot', type: 'text', label: 'x' }), { path: 'fields[10]', fieldId: 'lot', code: 'duplicate_id' }],
    ['a formula naming a missing field', (s: Record<string, unknown>) => (s.fields as unknown[]).push({ id: 'bad', type: 'formula', label: 'x', formula: { text: '重量 * 2' } }), { path: 'fields[10].formula', fieldId: 'bad', code: 'formula_unknown_field' }],
    ['circular formulas', (s: Record<string, unknown>) => (s.fields as unknown[]).push({ id: 'a', type: 'formula', label: 'A', formula: { text: 'B' } }, { id: 'b', type: 'formula', label: 'B', formula: { text: 'A' } }), { path: 'fields[10].formula', fieldId: 'a', code: 'circular_formula' }],
    ['a relation to a missing form', (s: Record<string, unknown>) => (s.fields as unknown[]).push({ id: 'mat', type: 'relation', label: 'M', formId: 'ghost', displayField: 'code' }), { path: 'fields[10].formId', fieldId: 'mat', code: 'unknown_form' }],
    ['an unknown field type', (s: Record<string, unknown>) => (s.fields as unknown[]).push({ id: 'x', type: 'hologram', label: 'X' }), { path: 'fields[10].type', fieldId: 'x', code: 'unknown_type' }],
  ])('a schema with %s is refused with 422 naming the field and reason', async (_name, mutate, issue) => {
    const s = structuredClone(fixture) as Record<string, unknown>;
    s.id = 'iqc2';
    mutate(s);
    const res = await t.inject('POST', '/api/apps/qms/forms', s);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('INVALID_SCHEMA');
    expect(res.json().error.details.map(({ path, fieldId, code }: Record<string, unknown>) => ({ path, fieldId, code }))).toEqual([issue]);
    expect((await t.inject('GET', '/api/apps/qms/forms/iqc2')).statusCode).toBe(404);
  });
});

describe('records', () => {
  test('create computes formulas exactly, draws a serial number and records history', async () => {
    const [serial] = await nextSerials(1);
    const res = await t.inject('POST', base, good);
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ _v: 1, total: 0.7, passRate: 0.96, result: 'pass', _deleted: false, _formVersion: 1, _createdBy: adminId });
    expect(r._id).toMatch(/^[0-9a-f]{24}$/);
    expect(r.lines.map((l: { _rowId: string; amount: number }) => [l._rowId, l.amount])).toEqual([['r1', 0.3], ['r2', 0.4]]);
    expect(r.serial).toMatch(serial);
    const hist = await t.inject('GET', `${base}/${r._id}/history`);
    expect(hist.json().items).toEqual([{ seq: expect.any(Number), at: r._createdAt, actor: { id: adminId, displayName: 'Administrator' }, action: 'record.create', diff: [] }]);
  });

  test('a record failing rules is 422 with one message per field, and nothing is written', async () => {
    const before = (await t.inject('GET', base)).json().total;
    const res = await t.inject('POST', base, { ...good, supplier: '', passed: 120, lines: [{ material: '', qty: 'many' }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('RULE_FAILED');
    const byPath = (issues: Array<{ path: string }>) => [...issues].sort((a, b) => a.path.localeCompare(b.path));
    expect(byPath(res.json().error.details)).toEqual([
      { path: 'lines.0.material', fieldId: 'material', code: 'required', message: '请填写物料' },
      { path: 'lines.0.qty', fieldId: 'qty', code: 'type', message: '数量的格式不正确', params: { type: ['number', 'null'] } },
      { path: 'passed', fieldId: 'passed', code: 'rule', message: '合格数不能大于抽样数' },
      { path: 'supplier', fieldId: 'supplier', code: 'required', message: '请填写供应商' },
    ]);
    expect((await t.inject('GET', base)).json().total).toBe(before);
  });

  test('unknown or mistyped fields are refused; malformed JSON is 400; __proto__ is refused', async () => {
    const unknown = await t.inject('POST', base, { ...good, colour: 'red' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'RULE_FAILED', details: [{ path: 'colour', fieldId: 'colour', code: 'unknown_field', message: '未知字段“colour”' }] });
    const mistyped = await t.inject('POST', base, { ...good, sampled: true });
    expect(mistyped.statusCode).toBe(422);
    // The rule passed ≤ sampled is also reported, evaluated against the refused value.
    expect(mistyped.json().error).toMatchObject({ code: 'RULE_FAILED', details: [{ path: 'sampled', fieldId: 'sampled', code: 'type' }, { path: 'passed', fieldId: 'passed', code: 'rule' }] });
    const malformed = await t.inject('POST', base, '{"supplier": ', { 'content-type': 'application/json' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toMatchObject({ code: 'BAD_REQUEST', details: [{ code: 'json' }] });
    const proto = await t.inject('POST', base, '{"supplier":"x","__proto__":{"admin":true}}', { 'content-type': 'application/json' });
    expect(proto.statusCode).toBe(400);
    expect(proto.json().error).toMatchObject({ code: 'BAD_REQUEST', details: [{ path: '/__proto__', code: 'forbidden_key' }] });
  });

  test('serial numbers are consecutive under 20 parallel creates, after those drawn before', async () => {
    const expected = await nextSerials(20);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => t.inject('POST', base, { ...good, lot: `P-${i}` })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const serials = results.map((r) => r.json().serial as string).sort();
    serials.forEach((s, i) => expect({ i, serial: s }).toEqual({ i, serial: expect.stringMatching(expected[i]) }));
  });

  test('PATCH with the current _v updates; a stale _v is 409 and changes nothing', async () => {
    const r = (await t.inject('POST', base, good)).json();
    const ok = await t.inject('PATCH', `${base}/${r._id}`, { _v: 1, passed: 100, disposition: null });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ _v: 2, passed: 100, passRate: 1, serial: r.serial });
    const stale = await t.inject('PATCH', `${base}/${r._id}`, { _v: 1, lot: 'changed' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'STALE_VERSION', details: [{ path: '_v', current: 2 }] });
    expect((await t.inject('GET', `${base}/${r._id}`)).json()).toMatchObject({ lot: 'L-001', _v: 2 });
    const hist = (await t.inject('GET', `${base}/${r._id}/history`)).json().items;
    expect(hist.map((h: { action: string }) => h.action)).toEqual(['record.update', 'record.create']);
    expect(hist[0].diff).toEqual([
      { field: 'passed', before: 96, after: 100 },
      { field: 'disposition', before: 'concession', after: null },
      { field: 'passRate', before: 0.96, after: 1 },
    ]);
  });

  test('PATCH with a _v that is not a number is 400 naming _v, and changes nothing', async () => {
    const r = (await t.inject('POST', base, { ...good, lot: 'V-STR' })).json();
    const res = await t.inject('PATCH', `${base}/${r._id}`, { _v: '1', lot: 'changed' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'VALIDATION_FAILED',
      message: '请求体不合法：/_v应为整数',
      details: [{ in: 'body', path: '/_v', code: 'type', message: '/_v应为整数', params: { type: 'integer' } }],
    });
    const missing = await t.inject('PATCH', `${base}/${r._id}`, { lot: 'changed' }, { 'accept-language': 'en-US' });
    expect(missing.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Invalid body: The body must have "_v"' });
    expect((await t.inject('GET', `${base}/${r._id}`)).json()).toMatchObject({ lot: 'V-STR', _v: 1 });
  });

  test('two PATCHes of the same revision at once: one is saved, the other is 409 naming the revision saved meanwhile', async () => {
    const r = (await t.inject('POST', base, { ...good, lot: 'RACE' })).json();
    const both = await Promise.all(['RACE-a', 'RACE-b'].map((lot) => t.inject('PATCH', `${base}/${r._id}`, { _v: 1, lot })));
    expect(both.map((res) => res.statusCode).sort()).toEqual([200, 409]);
    const saved = both.find((res) => res.statusCode === 200)!.json();
    expect(both.find((res) => res.statusCode === 409)!.json().error).toMatchObject({ code: 'STALE_VERSION', details: [{ path: '_v', current: 2 }] });
    expect((await t.inject('GET', `${base}/${r._id}`)).json()).toMatchObject({ lot: saved.lot, _v: 2 });
  });

  test('a PATCH changes its record only, and keeps the stored values of the fields it does not send, whatever their ids', async () => {
    const form = { id: 'tags', title: '标签', fields: [{ id: 'code_', type: 'text', label: '编码', required: true }, { id: 'note', type: 'text', label: '备注' }] };
    expect((await t.inject('POST', '/api/apps/qms/forms', form)).statusCode).toBe(201);
    await t.publish('qms');
    const url = '/api/apps/qms/forms/tags/records';
    const first = (await t.inject('POST', url, { code_: 'T-0', note: 'a' })).json();
    const r = (await t.inject('POST', url, { code_: 'T-1', note: 'a' })).json();
    const res = await t.inject('PATCH', `${url}/${r._id}`, { _v: r._v, note: 'b' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code_: 'T-1', note: 'b', _v: 2 });
    // That record is changed, and no other.
    const stored = (await t.inject('GET', `${url}?sort=code_`)).json().items.map((x: Record<string, unknown>) => [x._id, x.code_, x.note, x._v]);
    expect(stored).toEqual([[first._id, 'T-0', 'a', 1], [r._id, 'T-1', 'b', 2]]);
  });

  test('unknown ids are 404', async () => {
    const refusal = (res: { statusCode: number; json(): { error: { code: string; details: Array<{ path: string }> } } }) => ({ status: res.statusCode, code: res.json().error.code, path: res.json().error.details[0].path });
    expect(refusal(await t.inject('GET', `${base}/nope`))).toEqual({ status: 404, code: 'NOT_FOUND', path: 'id' });
    expect(refusal(await t.inject('PATCH', `${base}/nope`, { _v: 1 }))).toEqual({ status: 404, code: 'NOT_FOUND', path: 'id' });
    expect(refusal(await t.inject('GET', '/api/apps/qms/forms/ghost/records'))).toEqual({ status: 404, code: 'NOT_FOUND', path: 'formId' });
  });

  test('soft delete hides a record; restore brings it back; includeDeleted shows it', async () => {
    const r = (await t.inject('POST', base, { ...good, lot: 'DEL-1' })).json();
    const filter = encodeURIComponent(JSON.stringify({ lot: 'DEL-1' }));
    expect((await t.inject('DELETE', `${base}/${r._id}`)).json()).toEqual({ deleted: 1 });
    expect((await t.inject('GET', `${base}?filter=${filter}`)).json().total).toBe(0);
    expect((await t.inject('GET', `${base}?filter=${filter}&deleted=only`)).json().total).toBe(1);
    expect((await t.inject('POST', `${base}/${r._id}/restore`)).json()).toEqual({ restored: 1 });
    expect((await t.inject('GET', `${base}?filter=${filter}`)).json().total).toBe(1);
  });

  test('delete and restore each make a revision; doing either twice changes nothing the second time', async () => {
    const r = (await t.inject('POST', base, { ...good, lot: 'DEL-2' })).json();
    expect((await t.inject('DELETE', `${base}/${r._id}`)).json()).toEqual({ deleted: 1 });
    const deleted = (await t.inject('GET', `${base}/${r._id}`)).json();
    expect([deleted._deleted, deleted._v]).toEqual([true, 2]);
    expect((await t.inject('DELETE', `${base}/${r._id}`)).json()).toEqual({ deleted: 0 });
    expect((await t.inject('GET', `${base}/${r._id}`)).json()).toEqual(deleted);
    expect((await t.inject('POST', `${base}/${r._id}/restore`)).json()).toEqual({ restored: 1 });
    expect((await t.inject('POST', `${base}/${r._id}/restore`)).json()).toEqual({ restored: 0 });
    const restored = (await t.inject('GET', `${base}/${r._id}`)).json();
    expect([restored._deleted, restored._deletedAt, restored._v]).toEqual([false, null, 3]);
    const hist = (await t.inject('GET', `${base}/${r._id}/history`)).json().items;
    expect(hist.map((h: { action: string; diff: unknown[] }) => [h.action, h.diff])).toEqual([
      ['record.restore', [{ field: '_deleted', before: true, after: false }]],
      ['record.delete', [{ field: '_deleted', before: false, after: true }]],
      ['record.create', []],
    ]);
    // The trail keeps the record as each one left it.
    const entry = async (action: string) => ((await t.store.collection('audit').findOne({ recordId: r._id, action })) as unknown as { after: Record<string, unknown> }).after;
    expect(await entry('record.delete')).toEqual({ ...r, _v: 2, _deleted: true, _deletedAt: deleted._deletedAt, _updatedAt: deleted._updatedAt, _updatedBy: adminId, _depts: [] });
    expect(await entry('record.restore')).toEqual({ ...r, _v: 3, _deleted: false, _deletedAt: null, _updatedAt: restored._updatedAt, _updatedBy: adminId, _depts: [] });
  });

  test('list: filter, sort, search, projection and cursor pages that neither skip nor repeat', async () => {
    for (let i = 0; i < 7; i++) await t.inject('POST', base, { ...good, lot: `PG-${i}`, sampled: 10 + i, passed: 10 + i, disposition: null });
    const filter = encodeURIComponent(JSON.stringify({ lot: { $regex: 'PG-' }, sampled: { $gte: 12 } }));
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const res = (await t.inject('GET', `${base}?filter=${filter}&sort=-sampled&limit=2${cursor ? `&cursor=${cursor}` : ''}&fields=lot,sampled`)).json();
      expect(res.total).toBe(5);
      seen.push(...res.items.map((x: { lot: string }) => x.lot));
      expect(res.items[0]).not.toHaveProperty('lines');
      if (!res.nextCursor) break;
      cursor = encodeURIComponent(res.nextCursor);
    }
    expect(seen).toEqual(['PG-6', 'PG-5', 'PG-4', 'PG-3', 'PG-2']);
    expect((await t.inject('GET', `${base}?q=PG-3`)).json().items.map((x: { lot: string }) => x.lot)).toEqual(['PG-3']);
    const body = await t.inject('POST', `${base}/query`, { filter: { lot: 'PG-1' }, limit: 5 });
    expect(body.json().items.map((x: { lot: string }) => x.lot)).toEqual(['PG-1']);
  });

  test.each([
    ['an operator in place of a value', [{ $ne: null }, 'x']],
    ['a list of the wrong length', ['x']],
    ['no list', { _id: 'x' }],
    ['a list holding a list', [['x'], 'y']],
    ['not JSON', 'not json'],
  ])('a cursor the list did not give (%s) is 400 BAD_REQUEST naming it, never a query', async (_name, value) => {
    const cursor = typeof value === 'string' ? value : Buffer.from(JSON.stringify(value)).toString('base64url');
    const res = await t.inject('GET', `${base}?sort=-sampled&limit=2&cursor=${encodeURIComponent(cursor)}`, undefined, { 'accept-language': 'en-US' });
    const message = 'Invalid cursor: not one this list produced';
    expect([res.statusCode, res.json().error]).toEqual([400, { code: 'BAD_REQUEST', message, details: [{ path: 'cursor', message }] }]);
  });

  test.each([
    ['$where', { $where: 'sleep(1000)' }, '$where'],
    ['$function in value position', { lot: { $function: { body: 'return true', args: [], lang: 'js' } } }, 'lot.$function'],
    ['$expr', { $expr: { $eq: ['$lot', '$supplier'] } }, '$expr'],
    ['an unknown field', { secret: 1 }, 'secret'],
    ['a mistyped value', { sampled: 'ten' }, 'sampled'],
    ['a prototype key', JSON.parse('{"__proto__": {"x": 1}}'), '__proto__'],
  ])('filter injection (%s) is 400 INVALID_FILTER at its path', async (_name, filter, path) => {
    const res = await t.inject('GET', `${base}?filter=${encodeURIComponent(JSON.stringify(filter))}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_FILTER');
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual([path]);
  });

  test('$regex is a literal contains-search, not a pattern', async () => {
    await t.inject('POST', base, { ...good, lot: 'A.B(1)' });
    const hit = await t.inject('GET', `${base}?filter=${encodeURIComponent(JSON.stringify({ lot: { $regex: 'A.B(1' } }))}`);
    expect(hit.json().items.map((x: { lot: string }) => x.lot)).toEqual(['A.B(1)']);
    const none = await t.inject('GET', `${base}?filter=${encodeURIComponent(JSON.stringify({ lot: { $regex: '(a+)+$' } }))}`);
    expect(none.json().total).toBe(0);
  });

  test('a long text in a searchable field is saved, found and counted (it once failed with 500 and left index keys behind)', async () => {
    const form = { id: 'ncr', title: '不合格品报告', fields: [{ id: 'no', type: 'text', label: '编号' }, { id: 'desc', type: 'textarea', label: '问题描述', searchable: true }] };
    expect((await t.inject('POST', '/api/apps/qms/forms', form)).statusCode).toBe(201);
    await t.publish('qms');
    const url = '/api/apps/qms/forms/ncr/records';
    const long = '来料外观划伤，批次内抽检发现多处不良。'.repeat(150); // 2,850 characters
    expect((await t.inject('POST', url, { no: 'N-1', desc: long })).statusCode).toBe(201);
    expect((await t.inject('POST', url, { no: 'N-2', desc: `${long}补充` })).statusCode).toBe(201);
    const byValue = (await t.inject('GET', `${url}?filter=${encodeURIComponent(JSON.stringify({ desc: long }))}`)).json();
    expect(byValue.items.map((r: { no: string }) => r.no)).toEqual(['N-1']);
    expect(byValue.total).toBe(1);
    const searched = (await t.inject('GET', `${url}?q=${encodeURIComponent('补充')}`)).json();
    expect(searched.items.map((r: { no: string }) => r.no)).toEqual(['N-2']);
    expect((await t.inject('GET', url)).json().total).toBe(2);
  });

  test('comments with mentions: the mentioned user is stored and read back; a mention that is not an id is refused', async () => {
    // An administrator: a person mentioned must see the record (tests/api/notifications.test.ts).
    const { user } = await t.createUser({ username: 'reviewer', displayName: '复核员', isAdmin: true });
    const r = (await t.inject('POST', base, good)).json();
    const c = await t.inject('POST', `${base}/${r._id}/comments`, { text: '请复核 @reviewer', mentions: [user._id] });
    expect(c.statusCode).toBe(201);
    const comment = c.json();
    expect(comment).toEqual({ _id: expect.stringMatching(/^[0-9a-f]{24}$/), formId: 'iqc', recordId: r._id, text: '请复核 @reviewer', mentions: [user._id], authorId: adminId, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
    const list = (await t.inject('GET', `${base}/${r._id}/comments`)).json().items;
    expect(list).toEqual([{ ...comment, author: { id: adminId, displayName: 'Administrator' } }]);
    const bad = await t.inject('POST', `${base}/${r._id}/comments`, { text: 'x', mentions: ['not an id!'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ in: 'body', path: '/mentions/0', code: 'pattern' }] });
    expect((await t.inject('GET', `${base}/${r._id}/comments`)).json().items).toHaveLength(1);
  });
});
