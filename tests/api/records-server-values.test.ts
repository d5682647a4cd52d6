// Values the server owns cannot be sent in: a serial number, a relation's display text, a lookup
// and a formula come from the server on every write, whatever the client put in the body, and
// formulas are computed from the server's values. Each test sends forged values and checks the
// reply and what is stored, exactly. Every test has a form of its own (same fields), so its
// serial numbers start at NC-0001 whatever order the tests run in.
import { createFormEngine, type FormSchema } from '@tessera/form-engine';
import { fullCaller, RecordsService, systemClock, type Principal } from '@tessera/runtime';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
const recs = (form: string) => `/api/apps/ncr/forms/${form}/records`;
let boltId: string;
let nutId: string;

const FORMS = ['nc_forged', 'nc_honest', 'nc_taken', 'nc_norel', 'nc_refused', 'nc_patch', 'nc_relink', 'nc_only', 'nc_put', 'nc_lost', 'nc_kept', 'nc_shape'] as const;
type NcForm = (typeof FORMS)[number];

const ncForm = (id: NcForm) => ({
  id,
  title: '不合格品报告',
  fields: [
    // No date token: the expected serial does not depend on the day the test runs.
    { id: 'no', type: 'serial', label: '编号', pattern: 'NC-{seq:4}' },
    { id: 'mat', type: 'relation', label: '物料', formId: 'materials', displayField: 'code' },
    { id: 'spec', type: 'lookup', label: '规格', relationField: 'mat', targetField: 'spec' },
    { id: 'price', type: 'lookup', label: '单价', relationField: 'mat', targetField: 'price' },
    { id: 'qty', type: 'number', label: '数量' },
    // Formulas over a lookup and over the serial: their results must come from the server's
    // values of those fields, not from the ones in the body.
    { id: 'amount', type: 'formula', label: '金额', resultType: 'number', formula: { text: '单价 * 数量' } },
    { id: 'label', type: 'formula', label: '标签', resultType: 'text', formula: { text: 'CONCAT(编号, "/", 数量)' } },
  ],
});

/** Everything a client could try to set itself besides the relation. */
const FORGED = { no: 'NC-9999', spec: 'forged spec', price: 1000, amount: 123456, label: 'forged label' };

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.inject('POST', '/api/apps', { id: 'ncr', name: '不合格品' })).statusCode).toBe(201);
  const materials = { id: 'materials', title: '物料', fields: [
    { id: 'code', type: 'text', label: '物料编码', required: true },
    { id: 'spec', type: 'text', label: '规格' },
    { id: 'price', type: 'number', label: '单价', precision: 2 },
  ] };
  for (const f of [materials, ...FORMS.map(ncForm)]) expect((await t.inject('POST', '/api/apps/ncr/forms', f)).statusCode).toBe(201);
  await t.publish('ncr');
  const bolt = await t.inject('POST', recs('materials'), { code: 'M-001', spec: 'M8×30', price: 2.5 });
  const nut = await t.inject('POST', recs('materials'), { code: 'M-002', spec: 'M8', price: 0.4 });
  expect([bolt.statusCode, nut.statusCode]).toEqual([201, 201]);
  boltId = bolt.json()._id;
  nutId = nut.json()._id;
});
afterAll(() => t.close());

/** The server-owned values of a record, as the reply or the store has them. */
const owned = (r: Record<string, unknown>) => ({ no: r.no, mat: r.mat, spec: r.spec, price: r.price, amount: r.amount, label: r.label });

/** Both the reply and the stored record carry exactly these server-owned values. */
async function expectOwned(form: NcForm, reply: Record<string, unknown>, expected: ReturnType<typeof owned>): Promise<void> {
  expect(owned(reply)).toEqual(expected);
  const doc = await t.store.collection(`r_${form}`).findOne({ _id: reply._id as string });
  expect(doc).not.toBeNull();
  expect(owned(doc!)).toEqual(expected);
}

async function create(form: NcForm, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await t.inject('POST', recs(form), body);
  expect(res.statusCode).toBe(201);
  return res.json();
}

async function patch(form: NcForm, id: unknown, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await t.inject('PATCH', `${recs(form)}/${id}`, body);
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('a create', () => {
  test('with forged values gets the next serial, the related display and lookups, and formulas over them', async () => {
    const r = await create('nc_forged', { ...FORGED, mat: { id: boltId, display: 'forged display' }, qty: 4 });
    await expectOwned('nc_forged', r, { no: 'NC-0001', mat: { id: boltId, display: 'M-001' }, spec: 'M8×30', price: 2.5, amount: 10, label: 'NC-0001/4' });
  });

  test('that sends only the relation gets lookups, and formulas over them, from the server', async () => {
    const r = await create('nc_honest', { mat: { id: nutId }, qty: 10 });
    await expectOwned('nc_honest', r, { no: 'NC-0001', mat: { id: nutId, display: 'M-002' }, spec: 'M8', price: 0.4, amount: 4, label: 'NC-0001/10' });
  });

  test('sending a serial number already taken does not reuse it: the record gets the next one', async () => {
    expect((await create('nc_taken', { qty: 1 })).no).toBe('NC-0001');
    expect((await create('nc_taken', { no: 'NC-0001', qty: 1 })).no).toBe('NC-0002');
    expect(await t.store.collection('r_nc_taken').count({ no: 'NC-0001' })).toBe(1);
  });

  test('without a relation, forged lookups are stored empty and formulas see them empty', async () => {
    const r = await create('nc_norel', { ...FORGED, qty: 2 });
    await expectOwned('nc_norel', r, { no: 'NC-0001', mat: undefined, spec: null, price: null, amount: 0, label: 'NC-0001/2' });
  });

  test('a create the engine refuses uses no serial number (it is drawn before, in the same transaction)', async () => {
    const refused = await t.inject('POST', recs('nc_refused'), { mat: { id: boltId }, qty: 'many' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'RULE_FAILED', details: [expect.objectContaining({ fieldId: 'qty' })] });
    expect(await t.store.collection('r_nc_refused').count({})).toBe(0);
    expect((await create('nc_refused', { mat: { id: boltId }, qty: 1 })).no).toBe('NC-0001');
  });

  test('a relation of the wrong shape is refused by the form, never a server error, and draws no serial number', async () => {
    // Each is no related record to load: the server leaves it to the form's checks.
    for (const mat of [[null], [{ id: boltId }, null], { id: 5 }, 'M-001', [7]]) {
      const res = await t.inject('POST', recs('nc_shape'), { mat, qty: 1 });
      expect([res.statusCode, res.json().error?.code, res.json().error?.details?.[0]?.fieldId]).toEqual([422, 'RULE_FAILED', 'mat']);
    }
    expect(await t.store.collection('r_nc_shape').count({})).toBe(0);
    expect((await create('nc_shape', { mat: { id: boltId }, qty: 1 })).no).toBe('NC-0001');
  });
});

describe('a change', () => {
  test('PATCH keeps the serial and recomputes display, lookups and formulas from the server values', async () => {
    const r = await create('nc_patch', { mat: { id: boltId }, qty: 3 });
    const p = await patch('nc_patch', r._id, { _v: r._v, ...FORGED, mat: { id: boltId, display: 'forged display' }, qty: 5 });
    await expectOwned('nc_patch', p, { no: 'NC-0001', mat: { id: boltId, display: 'M-001' }, spec: 'M8×30', price: 2.5, amount: 12.5, label: 'NC-0001/5' });
  });

  test('PATCH that changes the relation takes the new record display and lookups, not the body ones', async () => {
    const r = await create('nc_relink', { mat: { id: boltId }, qty: 5 });
    const p = await patch('nc_relink', r._id, { _v: r._v, ...FORGED, mat: { id: nutId, display: 'M-001' } });
    await expectOwned('nc_relink', p, { no: 'NC-0001', mat: { id: nutId, display: 'M-002' }, spec: 'M8', price: 0.4, amount: 2, label: 'NC-0001/5' });
  });

  test('a PATCH that sends only forged server values changes none of them', async () => {
    const r = await create('nc_only', { mat: { id: nutId }, qty: 5 });
    const p = await patch('nc_only', r._id, { _v: r._v, no: 'NC-0002', spec: 'x', price: 99, amount: -1, label: 'y' });
    await expectOwned('nc_only', p, { no: 'NC-0001', mat: { id: nutId, display: 'M-002' }, spec: 'M8', price: 0.4, amount: 2, label: 'NC-0001/5' });
  });

  test('there is no PUT on a record: it cannot replace the values either', async () => {
    const r = await create('nc_put', { mat: { id: boltId }, qty: 1 });
    const before = await t.store.collection('r_nc_put').findOne({ _id: r._id as string });
    const res = await t.inject('PUT', `${recs('nc_put')}/${r._id}`, { _v: r._v, ...FORGED, qty: 1 });
    expect(res.statusCode).toBe(404);
    expect(await t.store.collection('r_nc_put').findOne({ _id: r._id as string })).toEqual(before);
  });
});

// Publishing refuses a relation to a form that does not exist, so over HTTP the related form is
// always found; the service is asked directly, with a resolveForm that finds nothing.
describe('a relation whose form the server cannot find', () => {
  const tester: Principal = { userId: 'tester', username: 'tester', displayName: 'Tester', tenantId: 'default', roles: [], departmentIds: [], isAdmin: true, via: 'system' };

  test('is stored with its ids only, never the display text the body sent; lookups are empty', async () => {
    const schema = (await t.inject('GET', '/api/apps/ncr/forms/nc_lost')).json() as FormSchema;
    const service = new RecordsService({ store: t.store, engine: createFormEngine(), timeZone: 'Asia/Shanghai', clock: systemClock, resolveForm: async () => null });
    // 1. A create.
    const r = await service.create(fullCaller(tester), 'ncr', schema, { ...FORGED, mat: { id: boltId, display: 'forged display' }, qty: 2 }, 'zh-CN');
    await expectOwned('nc_lost', r, { no: 'NC-0001', mat: { id: boltId }, spec: null, price: null, amount: 0, label: 'NC-0001/2' });
    // 2. A change that sends another related record with a display.
    const p = await service.patch(fullCaller(tester), 'ncr', schema, r._id, { _v: r._v, mat: { id: nutId, display: 'M-001' } }, 'zh-CN');
    await expectOwned('nc_lost', p, { no: 'NC-0001', mat: { id: nutId }, spec: null, price: null, amount: 0, label: 'NC-0001/2' });
  });

  test('a change that leaves the relation alone keeps its stored display text', async () => {
    const r = await create('nc_kept', { mat: { id: boltId }, qty: 1 });
    expect(r.mat).toEqual({ id: boltId, display: 'M-001' });
    const schema = (await t.inject('GET', '/api/apps/ncr/forms/nc_kept')).json() as FormSchema;
    const service = new RecordsService({ store: t.store, engine: createFormEngine(), timeZone: 'Asia/Shanghai', clock: systemClock, resolveForm: async () => null });
    const p = await service.patch(fullCaller(tester), 'ncr', schema, r._id as string, { _v: r._v as number, qty: 3 }, 'zh-CN');
    expect([p.mat, p.qty]).toEqual([{ id: boltId, display: 'M-001' }, 3]);
    expect((await t.store.collection('r_nc_kept').findOne({ _id: r._id as string }))!.mat).toEqual({ id: boltId, display: 'M-001' });
  });
});
