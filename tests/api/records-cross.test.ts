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

test('a relation to a record that does not exist is refused', async () => {
  const before = await t.store.collection('r_outbound').count({});
  const res = await t.inject('POST', recs('outbound'), { mat: { id: 'ghost' }, lot: 'L1', qty: 1 });
  expect(res.statusCode).toBe(422);
  expect(res.json().error).toMatchObject({ code: 'RULE_FAILED', details: [{ path: 'mat', fieldId: 'mat', code: 'relation_missing' }] });
  expect(await t.store.collection('r_outbound').count({})).toBe(before);
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
