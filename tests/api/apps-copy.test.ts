// Copying a form through HTTP: a new draft with a new id and the same field ids, its title
// marked as a copy in the reader's language; with records, the source's live records in the
// new form's collection; refused over the configured limit, leaving nothing behind.
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
const recs = (form: string) => `/api/apps/c/forms/${form}/records`;
const lots = {
  id: 'lots',
  title: { 'zh-CN': '批次', 'en-US': 'Lots' },
  fields: [
    { id: 'lot', type: 'text', label: '批次号' },
    { id: 'parent', type: 'relation', label: '上级批次', formId: 'lots', displayField: 'lot' },
  ],
};

beforeAll(async () => {
  t = await startTestApp({ env: { TESSERA_COPY_RECORD_LIMIT: '3' } });
  await t.inject('POST', '/api/apps', { id: 'c', name: '复制' });
  expect((await t.inject('POST', '/api/apps/c/forms', lots)).statusCode).toBe(201);
  expect((await t.inject('POST', '/api/apps/c/forms', { id: 'small', title: '小表', fields: [{ id: 'a', type: 'text', label: 'A' }] })).statusCode).toBe(201);
  await t.publish('c');
  const first = (await t.inject('POST', recs('lots'), { lot: 'L1' })).json();
  await t.inject('POST', recs('lots'), { lot: 'L2', parent: { id: first._id } });
  const gone = (await t.inject('POST', recs('lots'), { lot: 'L3' })).json();
  await t.inject('DELETE', `${recs('lots')}/${gone._id}`);
});
afterAll(() => t.close());

test('without records: a new draft, same fields, title marked per language, self-relations follow', async () => {
  const res = await t.inject('POST', '/api/apps/c/forms/lots/copy', {});
  expect(res.statusCode).toBe(201);
  const copy = res.json();
  expect(copy.id).toMatch(/^f_[0-9a-f]{10}$/);
  expect(copy).toMatchObject({ title: { 'zh-CN': '批次 (副本)', 'en-US': 'Lots (copy)' }, version: 1, appId: 'c', publishedVersion: null });
  expect(copy.fields.map((f: { id: string }) => f.id)).toEqual(['lot', 'parent']);
  expect(copy.fields[1].formId).toBe(copy.id);
  expect(await t.store.collection(`r_${copy.id}`).count({})).toBe(0);
  const plain = await t.inject('POST', '/api/apps/c/forms/small/copy', {}, { 'accept-language': 'en-US' });
  expect(plain.json().title).toBe('小表 (copy)');
  const named = await t.inject('POST', '/api/apps/c/forms/small/copy', { title: '另一张' });
  expect(named.json().title).toBe('另一张');
});

test('with records: the live records, values and ids unchanged, new system times, the copy\'s version, an audit entry', async () => {
  const res = await t.inject('POST', '/api/apps/c/forms/lots/copy', { withRecords: true });
  expect(res.statusCode).toBe(201);
  const copy = res.json();
  const source = (await t.inject('GET', recs('lots'))).json().items as Array<Record<string, unknown>>;
  const copied = await t.store.collection(`r_${copy.id}`).find({}, { sort: { _id: 1 } });
  expect(copied.map((r) => r.lot)).toEqual(['L1', 'L2']);
  const l2 = copied[1];
  const original = source.find((r) => r.lot === 'L2')!;
  expect(l2).toMatchObject({ _id: original._id, _v: 1, _formVersion: 1, _deleted: false, parent: original.parent });
  expect(l2._createdAt).not.toBe(original._createdAt);
  const audit = await t.store.collection('audit').find({ collection: `r_${copy.id}`, action: 'records.copy' });
  expect(audit).toHaveLength(1);
  expect(audit[0].after).toMatchObject({ from: 'lots', records: 2 });
  // Published, the copy's records are what its end users see.
  await t.publish('c');
  expect((await t.inject('GET', recs(copy.id))).json().total).toBe(2);
});

test('more live records than the limit: 422 naming the limit, and no form or collection is left', async () => {
  for (const a of ['1', '2', '3', '4']) await t.inject('POST', recs('small'), { a });
  const drafts = (await t.inject('GET', '/api/apps/c/forms?draft=true')).json().items.length;
  const collections = await t.store.listCollections();
  const res = await t.inject('POST', '/api/apps/c/forms/small/copy', { withRecords: true }, { 'accept-language': 'en-US' });
  expect(res.statusCode).toBe(422);
  expect(res.json().error).toMatchObject({ code: 'TOO_MANY_RECORDS', details: [{ path: 'withRecords', count: 4, limit: 3 }] });
  expect(res.json().error.message).toMatch(/has 4 records, more than the 3 a copy may carry/);
  expect((await t.inject('GET', '/api/apps/c/forms?draft=true')).json().items.length).toBe(drafts);
  expect(await t.store.listCollections()).toEqual(collections);
  expect((await t.inject('POST', '/api/apps/c/forms/small/copy', {})).statusCode).toBe(201);
});

test('a failure after the records were copied leaves neither the form nor its collection', async () => {
  const forms = t.store.collection('forms');
  const collections = await t.store.listCollections();
  // Copies the other tests made count as they stand: this one must add none.
  const copiesOfLots = async () => (await t.inject('GET', '/api/apps/c/forms?draft=true')).json().items.filter((f: { title: unknown }) => JSON.stringify(f.title).includes('批次 (副本)')).length;
  const before = await copiesOfLots();
  const spy = jest.spyOn(forms, 'insertOne').mockRejectedValueOnce(new Error('disk full'));
  try {
    const res = await t.inject('POST', '/api/apps/c/forms/lots/copy', { withRecords: true });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: '服务器内部错误', details: [] } });
  } finally {
    spy.mockRestore();
  }
  expect(await t.store.listCollections()).toEqual(collections);
  expect(await copiesOfLots()).toBe(before);
});

test('copying an unknown form is 404', async () => {
  const res = await t.inject('POST', '/api/apps/c/forms/ghost/copy', {});
  expect(res.statusCode).toBe(404);
  expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', details: [{ path: 'formId', code: 'unknown_form' }] });
});
