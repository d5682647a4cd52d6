// Cross-form behaviour through HTTP: relations with autofill and lookups, a cross-form stock
// check inside the write's transaction, unique fields, files, and the audit chain.
import { verifyAuditChain } from '@tessera/runtime';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
const recs = (form: string) => `/api/apps/wms/forms/${form}/records`;

beforeAll(async () => {
  t = await startTestApp();
  await t.inject('POST', '/api/apps', { id: 'wms', name: '仓库' });
  const forms = [
    { id: 'materials', title: '物料', fields: [
      { id: 'code', type: 'text', label: '物料编码', required: true, searchable: true, validation: { unique: true } },
      { id: 'name', type: 'text', label: '物料名称' },
      { id: 'spec', type: 'text', label: '规格' },
    ] },
    { id: 'stock', title: '库存台账', fields: [
      { id: 'lot', type: 'text', label: '批次', searchable: true },
      { id: 'available', type: 'number', label: '可用数量' },
    ] },
    { id: 'outbound', title: '出库单', fields: [
      { id: 'no', type: 'serial', label: '单号', pattern: 'OUT-{yyyyMMdd}-{seq:3}' },
      { id: 'mat', type: 'relation', label: '物料', formId: 'materials', displayField: 'code', scanField: 'code', autofill: [{ from: 'name', to: 'matName' }] },
      { id: 'matName', type: 'text', label: '物料名称' },
      { id: 'spec', type: 'lookup', label: '规格', relationField: 'mat', targetField: 'spec' },
      { id: 'lot', type: 'text', label: '批次', required: true },
      { id: 'qty', type: 'number', label: '出库数量', required: true },
    ], crossChecks: [{ id: 'stock', fieldId: 'qty', source: { formId: 'stock', match: { lot: { var: 'lot' } }, aggregate: 'sum', field: 'available' }, rule: { '<=': [{ var: 'qty' }, { var: '$source' }] }, message: { 'zh-CN': '出库数量不能超过该批次可用库存', 'en-US': 'More than the available stock of this lot' } }] },
  ];
  for (const f of forms) expect((await t.inject('POST', '/api/apps/wms/forms', f)).statusCode).toBe(201);
  await t.publish('wms');
  await t.inject('POST', recs('materials'), { code: 'M-001', name: '六角螺栓', spec: 'M8×30' });
  await t.inject('POST', recs('stock'), { lot: 'L1', available: 5 });
  await t.inject('POST', recs('stock'), { lot: 'L1', available: 3 });
});
afterAll(() => t.close());

/**
 * The serial number the next outbound must draw: one after every outbound saved so far (a refused
 * write draws none), so the answer holds whichever tests ran before.
 */
async function nextOutboundNo(): Promise<RegExp> {
  const saved = await t.store.collection('r_outbound').count({});
  return new RegExp(`^OUT-\\d{8}-${String(saved + 1).padStart(3, '0')}$`);
}

test('a scan finds the related record; saving fills display, autofill and lookup on the server', async () => {
  const found = (await t.inject('GET', `${recs('outbound')}/lookup?field=mat&q=M-001`)).json().items;
  expect(found.map((x: { id: string; display: string; record: { _id: string; code: string } }) => [x.display, x.record.code, x.record._id === x.id])).toEqual([['M-001', 'M-001', true]]);
  expect(found[0].id).toMatch(/^[0-9a-f]{24}$/);
  const no = await nextOutboundNo();
  const res = await t.inject('POST', recs('outbound'), { mat: { id: found[0].id }, lot: 'L1', qty: 8 });
  expect(res.statusCode).toBe(201);
  expect(res.json()).toMatchObject({ mat: { id: found[0].id, display: 'M-001' }, matName: '六角螺栓', spec: 'M8×30', no: expect.stringMatching(no) });
});

test('a cross-form check refuses an outbound above the lot stock: 422, nothing written, no serial used', async () => {
  const before = (await t.inject('GET', recs('outbound'))).json().total;
  const no = await nextOutboundNo();
  const res = await t.inject('POST', recs('outbound'), { lot: 'L1', qty: 9 }, { 'accept-language': 'en-US' });
  expect(res.statusCode).toBe(422);
  expect(res.json().error).toEqual({
    code: 'RULE_FAILED',
    message: 'More than the available stock of this lot',
    details: [{ path: 'qty', fieldId: 'qty', code: 'cross_check', message: 'More than the available stock of this lot', params: { checkId: 'stock', source: 8 } }],
  });
  expect((await t.inject('GET', recs('outbound'))).json().total).toBe(before);
  const next = await t.inject('POST', recs('outbound'), { lot: 'L1', qty: 1 });
  expect(next.statusCode).toBe(201);
  expect(next.json().no).toMatch(no);
});

test('a cross-form check refuses a change too: above the lot stock is 422, and the record keeps its values', async () => {
  const made = await t.inject('POST', recs('outbound'), { lot: 'L1', qty: 2 });
  expect(made.statusCode).toBe(201);
  const r = made.json();
  const res = await t.inject('PATCH', `${recs('outbound')}/${r._id}`, { _v: r._v, qty: 9 });
  expect(res.statusCode).toBe(422);
  expect(res.json().error).toMatchObject({ code: 'RULE_FAILED', details: [{ path: 'qty', fieldId: 'qty', code: 'cross_check', params: { checkId: 'stock', source: 8 } }] });
  expect((await t.inject('GET', `${recs('outbound')}/${r._id}`)).json()).toMatchObject({ qty: 2, _v: 1 });
});

test('a relation to a record that does not exist is refused', async () => {
  const before = await t.store.collection('r_outbound').count({});
  const res = await t.inject('POST', recs('outbound'), { mat: { id: 'ghost' }, lot: 'L1', qty: 1 });
  expect(res.statusCode).toBe(422);
  expect(res.json().error).toMatchObject({ code: 'RULE_FAILED', details: [{ path: 'mat', fieldId: 'mat', code: 'relation_missing' }] });
  expect(await t.store.collection('r_outbound').count({})).toBe(before);
});

test('a relation value of the wrong shape is refused by the form\'s rules, not looked up; one to a deleted record does not exist', async () => {
  const mat = (await t.inject('GET', `${recs('materials')}?q=M-001`)).json().items[0]._id as string;
  const refusal = async (value: unknown) => {
    const res = await t.inject('POST', recs('outbound'), { mat: value, lot: 'L1', qty: 1 });
    return [res.statusCode, res.json().error?.details?.map((d: { path: string; code: string }) => [d.path, d.code])];
  };
  expect(await refusal({ id: 5 })).toEqual([422, [['mat', 'invalid']]]);
  expect(await refusal([null])).toEqual([422, [['mat', 'type']]]);
  expect(await refusal([{ id: mat }, { id: 5 }])).toEqual([422, [['mat', 'type']]]);
  const gone = (await t.inject('POST', recs('materials'), { code: 'M-GONE' })).json()._id as string;
  expect((await t.inject('DELETE', `${recs('materials')}/${gone}`)).json()).toEqual({ deleted: 1 });
  expect(await refusal({ id: gone })).toEqual([422, [['mat', 'relation_missing']]]);
  for (const [lang, message] of [['zh-CN', '关联的记录不存在'], ['en-US', 'A related record does not exist']]) {
    const res = await t.inject('POST', recs('outbound'), { mat: { id: gone }, lot: 'L1', qty: 1 }, { 'accept-language': lang });
    expect(res.json().error).toEqual({ code: 'RULE_FAILED', message, details: [{ path: 'mat', fieldId: 'mat', code: 'relation_missing', message: `关联的记录 ${gone} 不存在` }] });
  }
});

test('a change that leaves the relation alone keeps what was typed over its autofill', async () => {
  const mat = (await t.inject('GET', `${recs('materials')}?q=M-001`)).json().items[0]._id as string;
  const r = (await t.inject('POST', recs('outbound'), { mat: { id: mat }, lot: 'L1', qty: 1 })).json();
  expect(r.matName).toBe('六角螺栓');
  const typed = (await t.inject('PATCH', `${recs('outbound')}/${r._id}`, { _v: r._v, matName: '螺栓（客供）' })).json();
  expect(typed.matName).toBe('螺栓（客供）');
  const later = await t.inject('PATCH', `${recs('outbound')}/${r._id}`, { _v: typed._v, qty: 2 });
  expect(later.json()).toMatchObject({ matName: '螺栓（客供）', qty: 2, spec: 'M8×30' });
});

test('unique fields: a second live record with the same value is 409; a deleted one frees it', async () => {
  const dup = await t.inject('POST', recs('materials'), { code: 'M-001', name: 'x' });
  expect(dup.statusCode).toBe(409);
  expect(dup.json().error).toMatchObject({ code: 'DUPLICATE', details: [{ path: 'code', fieldId: 'code', code: 'unique' }] });
  const other = (await t.inject('POST', recs('materials'), { code: 'M-002' })).json();
  expect((await t.inject('DELETE', `${recs('materials')}/${other._id}`)).json()).toEqual({ deleted: 1 });
  expect((await t.inject('POST', recs('materials'), { code: 'M-002' })).statusCode).toBe(201);
  const restore = await t.inject('POST', `${recs('materials')}/${other._id}/restore`);
  expect(restore.statusCode).toBe(409);
  expect(restore.json().error).toMatchObject({ code: 'DUPLICATE', details: [{ path: 'code', fieldId: 'code', code: 'unique' }] });
});

test('a unique field labelled in two languages is named by the reader\'s label in the 409', async () => {
  const form = { id: 'parts', title: '零件', fields: [{ id: 'pname', type: 'text', label: '零件名' }, { id: 'pno', type: 'text', label: { 'zh-CN': '零件号', 'en-US': 'Part no.' }, validation: { unique: true } }] };
  expect((await t.inject('POST', '/api/apps/wms/forms', form)).statusCode).toBe(201);
  await t.publish('wms');
  expect((await t.inject('POST', recs('parts'), { pno: 'P-1' })).statusCode).toBe(201);
  const dup = await t.inject('POST', recs('parts'), { pno: 'P-1' });
  expect(dup.statusCode).toBe(409);
  expect(dup.json().error).toEqual({ code: 'DUPLICATE', message: '零件号已存在，不能重复', details: [{ path: 'pno', fieldId: 'pno', code: 'unique', message: '零件号已存在，不能重复' }] });
  const en = await t.inject('POST', recs('parts'), { pno: 'P-1' }, { 'accept-language': 'en-US' });
  const said = 'Part no. must be unique: another record has the same value';
  expect(en.json().error).toEqual({ code: 'DUPLICATE', message: said, details: [{ path: 'pno', fieldId: 'pno', code: 'unique', message: said }] });
});

test('a related record with no value in the display field is shown by an empty text', async () => {
  const forms = [
    { id: 'bins', title: '库位', fields: [{ id: 'code', type: 'text', label: '库位码' }, { id: 'zone', type: 'text', label: '库区' }] },
    { id: 'moves', title: '移库', fields: [{ id: 'bin', type: 'relation', label: '库位', formId: 'bins', displayField: 'code' }] },
  ];
  for (const f of forms) expect((await t.inject('POST', '/api/apps/wms/forms', f)).statusCode).toBe(201);
  await t.publish('wms');
  const bin = (await t.inject('POST', recs('bins'), { zone: 'A' })).json();
  const res = await t.inject('POST', recs('moves'), { bin: { id: bin._id, display: 'made up' } });
  expect(res.statusCode).toBe(201);
  expect(res.json().bin).toEqual({ id: bin._id, display: '' });
});

test('an empty unique field is no value: any number of records may leave it empty (missing, null or blank)', async () => {
  const form = { id: 'labels', title: '标签', fields: [{ id: 'tag', type: 'text', label: '标签号', validation: { unique: true } }, { id: 'note', type: 'text', label: '备注' }] };
  expect((await t.inject('POST', '/api/apps/wms/forms', form)).statusCode).toBe(201);
  await t.publish('wms');
  const bodies = [{ note: 'missing 1' }, { note: 'missing 2' }, { tag: null, note: 'null 1' }, { tag: null, note: 'null 2' }, { tag: '', note: 'blank 1' }, { tag: '', note: 'blank 2' }];
  const made: string[] = [];
  for (const body of bodies) {
    const res = await t.inject('POST', recs('labels'), body);
    expect([body.note, res.statusCode]).toEqual([body.note, 201]);
    made.push(res.json()._id);
  }
  // Stored without the field, so the unique index holds nothing for them.
  for (const id of made) expect(await t.store.collection('r_labels').findOne({ _id: id })).not.toHaveProperty('tag');
  expect((await t.inject('POST', recs('labels'), { tag: 'T-1' })).statusCode).toBe(201);
  expect((await t.inject('POST', recs('labels'), { tag: 'T-1' })).statusCode).toBe(409);
});

test('files: upload, download, refuse unknown types', async () => {
  const boundary = '----tessera';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="报告.txt"\r\nContent-Type: text/plain\r\n\r\n合格\r\n--${boundary}--\r\n`;
  const up = await t.inject('POST', '/api/files', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(up.statusCode).toBe(201);
  const ref = up.json();
  expect(ref).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), name: '报告.txt', contentType: 'text/plain', size: Buffer.byteLength('合格') });
  const down = await t.inject('GET', `/api/files/${ref.id}`);
  expect(down.statusCode).toBe(200);
  expect(down.headers['content-type']).toBe('text/plain');
  expect(down.body).toBe('合格');
  const exe = body.replace('text/plain', 'application/x-msdownload');
  const refused = await t.inject('POST', '/api/files', exe, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(refused.statusCode).toBe(415);
  expect(refused.json().error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: [{ path: 'file' }] });
});

test('the audit chain verifies, and tampering with an entry is detected where it happened', async () => {
  const audit = t.store.collection('audit');
  const chains = ((await t.store.collection('audit_head').findOne({ _id: 'chains' })) as unknown as { names: string[] }).names;
  expect(chains).toContain('r_stock');
  expect(await verifyAuditChain(t.store)).toEqual({ ok: true, count: await audit.count({}), chains: chains.length });
  // The third entry in the order verify reads them (chain by chain): found where it was changed.
  const third = (await audit.find({}, { sort: { _id: 1 }, skip: 2, limit: 1 }))[0];
  await audit.updateOne({ _id: third._id }, { $set: { 'actor.name': 'someone else' } });
  const r = await verifyAuditChain(t.store);
  expect(r).toEqual({ ok: false, count: 3, chain: third.chain, brokenAt: third.seq, reason: `entry ${third.seq} was changed` });
});

describe('cross-form checks by count, sum, min, max and first', () => {
  // Each check of `tally_all` always fails, so the refusal reports every check's value of the
  // other form (params.source): what the check compared, over the live records matched only.
  const never = { '==': [1, 2] };
  const check = (id: string, aggregate: string, field?: string) => ({ id, fieldId: 'qty', source: { formId: 'tally', match: { lot: { var: 'lot' } }, aggregate, ...(field ? { field } : {}) }, rule: never, message: id });
  const forms = [
    { id: 'tally', title: '台账', fields: [
      { id: 'lot', type: 'text', label: '批次' },
      { id: 'n', type: 'number', label: '数量' },
      { id: 'note', type: 'text', label: '备注' },
    ] },
    { id: 'tally_all', title: '全部', fields: [{ id: 'lot', type: 'text', label: '批次' }, { id: 'qty', type: 'number', label: '数量' }],
      crossChecks: [check('count', 'count'), check('sum', 'sum', 'n'), check('min', 'min', 'n'), check('max', 'max', 'n'), check('first', 'first', 'note'), check('firstId', 'first')] },
    // A lot with no number: min and max are empty (null, which a rule compares as 0, as json-logic-js does).
    { id: 'tally_cap', title: '上下限', fields: [{ id: 'lot', type: 'text', label: '批次' }, { id: 'qty', type: 'number', label: '数量' }, { id: 'floor', type: 'number', label: '下限' }], crossChecks: [
      { id: 'atMostMin', fieldId: 'qty', source: { formId: 'tally', match: { lot: { var: 'lot' } }, aggregate: 'min', field: 'n' }, rule: { '<=': [{ var: 'qty' }, { var: '$source' }] }, message: 'atMostMin' },
      { id: 'atLeastMax', fieldId: 'floor', source: { formId: 'tally', match: { lot: { var: 'lot' } }, aggregate: 'max', field: 'n' }, rule: { '>=': [{ var: 'floor' }, { var: '$source' }] }, message: 'atLeastMax' },
    ] },
  ];
  // The tally records, in the order they were saved.
  const ids: string[] = [];
  const sources = (res: { json(): { error: { details: Array<{ params: { checkId: string; source: unknown } }> } } }) =>
    Object.fromEntries(res.json().error.details.map((d) => [d.params.checkId, d.params.source]));

  beforeAll(async () => {
    for (const f of forms) expect((await t.inject('POST', '/api/apps/wms/forms', f)).statusCode).toBe(201);
    await t.publish('wms');
    // T1: the first two records have no note (null, missing), the first a number neither the least nor
    // the greatest; the third has no number, the fifth is deleted; T2 and T3 are other lots.
    const rows = [{ lot: 'T1', n: 6, note: null }, { lot: 'T1', n: 4 }, { lot: 'T1', note: 'b' }, { lot: 'T1', n: 9, note: 'd' }, { lot: 'T1', n: 100, note: 'z' }, { lot: 'T2', n: 1000, note: 'y' }, { lot: 'T3', note: 'e' }, { n: 7, note: 'none' }];
    ids.length = 0;
    for (const r of rows) {
      const res = await t.inject('POST', recs('tally'), r);
      expect(res.statusCode).toBe(201);
      ids.push(res.json()._id);
    }
    expect((await t.inject('DELETE', `${recs('tally')}/${ids[4]}`)).json()).toEqual({ deleted: 1 });
  });

  test('each aggregate is computed over the live records of the lot; first skips empty values, and without a field is the first record', async () => {
    const res = await t.inject('POST', recs('tally_all'), { lot: 'T1', qty: 1 });
    expect(res.statusCode).toBe(422);
    expect(sources(res)).toEqual({ count: 4, sum: 19, min: 4, max: 9, first: 'b', firstId: ids[0] });
  });

  test('a record without the matched value matches the records without it', async () => {
    const res = await t.inject('POST', recs('tally_all'), { qty: 1 });
    expect(res.statusCode).toBe(422);
    expect(sources(res)).toEqual({ count: 1, sum: 7, min: 7, max: 7, first: 'none', firstId: ids[7] });
  });

  test('no record matched: count and sum are 0, the others empty', async () => {
    const res = await t.inject('POST', recs('tally_all'), { lot: 'T9', qty: 1 });
    expect(res.statusCode).toBe(422);
    expect(sources(res)).toEqual({ count: 0, sum: 0, min: null, max: null, first: null, firstId: null });
  });

  test('min and max of a lot without numbers are empty: no number is below the one or above the other', async () => {
    const res = await t.inject('POST', recs('tally_cap'), { lot: 'T3', qty: 1, floor: -1 });
    expect(res.statusCode).toBe(422);
    expect(sources(res)).toEqual({ atMostMin: null, atLeastMax: null });
    expect((await t.inject('POST', recs('tally_cap'), { lot: 'T1', qty: 4, floor: 9 })).statusCode).toBe(201);
  });
});
