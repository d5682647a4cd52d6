// App packages through HTTP: export → import on a fresh instance → export gives the same bytes
// (definition only, and with records and files); every kind of invalid package is refused with
// its exact path and nothing written; packages from a newer Tessera and over the size limit are
// refused; a clash is 409 APP_EXISTS, then replace or install a copy.
import { startTestApp, type TestApp } from '../helpers/app';
import { exported, imported, recs, upload, type Json, type Pkg } from './packages-helpers';

let src: TestApp;

const materials = {
  id: 'materials',
  title: { 'zh-CN': '物料', 'en-US': 'Materials' },
  titleField: 'code',
  fields: [
    { id: 'code', type: 'text', label: '编码', required: true, searchable: true, validation: { unique: true } },
    { id: 'spec', type: 'text', label: '规格' },
    { id: 'kind', type: 'select', label: '类别', options: [{ value: 'raw', label: '原料' }, { value: 'part', label: '零件' }] },
  ],
};
const batches = {
  id: 'batches',
  title: '批次',
  fields: [
    { id: 'no', type: 'serial', label: '批次号', pattern: 'B-{seq:3}' },
    { id: 'mat', type: 'relation', label: '物料', formId: 'materials', displayField: 'code' },
    { id: 'spec', type: 'lookup', label: '规格', relationField: 'mat', targetField: 'spec' },
    { id: 'qty', type: 'number', label: '数量' },
    { id: 'double', type: 'formula', label: '双倍', formula: { text: '数量 * 2' } },
    { id: 'steps', type: 'subform', label: '工序', fields: [{ id: 'step', type: 'text', label: '工序名' }, { id: 'ok', type: 'switch', label: '合格' }] },
    { id: 'docs', type: 'attachment', label: '附件' },
  ],
};
const navigation = [{ type: 'group', id: 'main', label: { 'zh-CN': '主数据', 'en-US': 'Master data' }, children: [{ type: 'form', id: 'materials' }] }, { type: 'form', id: 'batches' }];

/** What the home page and an end user's app ask for: must keep answering whatever imports were refused. */
async function homePageAnswers(t: TestApp, appId: string) {
  expect((await t.inject('GET', '/api/apps')).statusCode).toBe(200);
  expect((await t.inject('GET', `/api/apps/${appId}/published`)).statusCode).toBe(200);
}

beforeAll(async () => {
  src = await startTestApp();
  await src.inject('POST', '/api/apps', { id: 'trace', name: { 'zh-CN': '追溯', 'en-US': 'Traceability' }, icon: 'barcode', color: '#fa8c16' });
  expect((await src.inject('POST', '/api/apps/trace/forms', materials)).statusCode).toBe(201);
  expect((await src.inject('POST', '/api/apps/trace/forms', batches)).statusCode).toBe(201);
  expect((await src.inject('PUT', '/api/apps/trace', { navigation })).statusCode).toBe(200);
  await src.publish('trace');
  const m1 = (await src.inject('POST', recs('trace', 'materials'), { code: 'M1', spec: '10mm', kind: 'raw' })).json();
  await src.inject('POST', recs('trace', 'materials'), { code: 'M2' });
  const gone = (await src.inject('POST', recs('trace', 'materials'), { code: 'M3' })).json();
  await src.inject('DELETE', `${recs('trace', 'materials')}/${gone._id}`);
  const doc = await upload(src, '报告.txt', '合格');
  const b = await src.inject('POST', recs('trace', 'batches'), { mat: { id: m1._id }, qty: 4, steps: [{ step: '切割', ok: true }], docs: [doc] });
  expect(b.statusCode).toBe(201);
  await src.inject('POST', recs('trace', 'batches'), { qty: 1 });
});
afterAll(() => src.close());

describe('round trip', () => {
  test('the definition: canonical, no times, tenants or versions, and the same bytes after import on a fresh instance', async () => {
    const res = await src.inject('GET', '/api/apps/trace/export');
    expect(res.headers['content-disposition']).toBe('attachment; filename="trace.tessera.json"');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const text = res.body;
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "format": "tessera-app@1",\n  "app": {\n    "id": "trace",\n    "name": {')).toBe(true);
    expect(text).not.toMatch(/tenantId|createdAt|updatedAt|"version"|"records"|_formVersion/);
    const pkg = JSON.parse(text) as Pkg;
    expect(pkg.app.navigation).toEqual(navigation);
    expect(pkg.forms.map((f) => f.id)).toEqual(['materials', 'batches']);

    const fresh = await startTestApp();
    try {
      const res2 = await imported(fresh, text);
      expect(res2.statusCode).toBe(201);
      expect(res2.json()).toMatchObject({ id: 'trace', name: { 'zh-CN': '追溯', 'en-US': 'Traceability' }, publishedVersion: 1, navigation });
      expect((await fresh.inject('GET', '/api/apps/trace/versions')).json().items[0].note).toBe('导入 / Imported');
      expect(await exported(fresh, 'trace')).toBe(text);
    } finally {
      await fresh.close();
    }
  });

  test('with records and files: the same bytes after import on a fresh instance, and the records run there', async () => {
    const text = await exported(src, 'trace', '?records=true&files=true');
    const pkg = JSON.parse(text) as Pkg;
    expect(Object.keys(pkg)).toEqual(['format', 'app', 'forms', 'records', 'files']);
    expect(pkg.records!.materials.map((r) => r.code)).toEqual(['M1', 'M2']);
    const batch = pkg.records!.batches[0];
    expect(Object.keys(batch)[0]).toBe('_id');
    expect(batch).toMatchObject({ no: 'B-001', spec: '10mm', double: 8, mat: { display: 'M1' } });
    expect(Object.keys(batch).filter((k) => k.startsWith('_'))).toEqual(['_id']);
    expect(pkg.files).toEqual([{ id: expect.stringMatching(/^[0-9a-f]{24}$/), name: '报告.txt', contentType: 'text/plain', size: 6, data: Buffer.from('合格').toString('base64') }]);

    const fresh = await startTestApp();
    try {
      expect((await imported(fresh, text)).statusCode).toBe(201);
      expect(await exported(fresh, 'trace', '?records=true&files=true')).toBe(text);
      const list = (await fresh.inject('GET', recs('trace', 'batches'))).json().items;
      expect(list.find((r: Json) => r.no === 'B-001')).toMatchObject({ _v: 1, _formVersion: 1, mat: { id: pkg.records!.materials[0]._id } });
      expect((await fresh.inject('GET', `/api/files/${pkg.files![0].id}`)).body).toBe('合格');
      const found = (await fresh.inject('GET', `${recs('trace', 'batches')}/lookup?field=mat&q=M1`)).json().items;
      expect(found.map((x: Json) => x.id)).toEqual([pkg.records!.materials[0]._id]);
      const dup = await fresh.inject('POST', recs('trace', 'materials'), { code: 'M1' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error).toMatchObject({ code: 'DUPLICATE', details: [{ path: 'code', fieldId: 'code', code: 'unique' }] });
      // Without files, refs to files not in the package are refused with their path.
      const noFiles = await imported(fresh, await exported(src, 'trace', '?records=true'), '?mode=replace');
      expect(noFiles.statusCode).toBe(422);
      expect(noFiles.json().error).toMatchObject({ code: 'INVALID_PACKAGE', details: [{ path: 'records.batches[0].docs', code: 'unknown_file' }] });
    } finally {
      await fresh.close();
    }
  });
});

test('records come in as they were stored, even values today\'s form would refuse (an option since removed, a field since made required), and go out the same', async () => {
  const pkg = JSON.parse(await exported(src, 'trace', '?records=true&files=true')) as Pkg;
  // Publishing allows such changes (after asking); the records that predate them are data all the same.
  pkg.forms[0].fields = (pkg.forms[0].fields as Json[]).map((f) => (f.id === 'kind' ? { ...f, options: [{ value: 'raw', label: '原料' }] } : f.id === 'spec' ? { ...f, required: true } : f));
  pkg.records!.materials[0].kind = 'part';
  delete pkg.records!.materials[1].spec;
  pkg.records!.materials[1].ghost = 'a field the form no longer has';
  pkg.records!.batches[0].qty = '12 pcs'; // written before the field became a number
  const a = await startTestApp();
  const b = await startTestApp();
  try {
    expect((await imported(a, pkg)).statusCode).toBe(201);
    const stored = (await a.inject('GET', `${recs('trace', 'materials')}/${pkg.records!.materials[0]._id}`)).json();
    expect(stored.kind).toBe('part');
    const other = (await a.inject('GET', `${recs('trace', 'materials')}/${pkg.records!.materials[1]._id}`)).json();
    expect(other).not.toHaveProperty('ghost');
    expect((await a.inject('GET', `${recs('trace', 'batches')}/${pkg.records!.batches[0]._id}`)).json().qty).toBe('12 pcs');
    const once = await exported(a, 'trace', '?records=true&files=true');
    expect((await imported(b, once)).statusCode).toBe(201);
    expect(await exported(b, 'trace', '?records=true&files=true')).toBe(once);
  } finally {
    await a.close();
    await b.close();
  }
});

test('a package exported before navigation entries had types (the app id as _id, groups of form ids) installs, converted as reads convert it', async () => {
  // What the export of the previous release wrote: the app document without tenant or times, forms with their versions.
  const old = {
    format: 'tessera-app@1',
    app: { _id: 'oldpkg', name: '旧包', icon: 'shop', navigation: [{ id: 'g1', label: { 'zh-CN': '组' }, formIds: ['op1', 'gone'] }] },
    forms: [
      { id: 'op1', title: '一', version: 3, fields: [{ id: 'a', type: 'text', label: 'A' }] },
      { id: 'op2', title: '二', version: 1, fields: [{ id: 'b', type: 'number', label: 'B' }] },
    ],
  };
  const res = await imported(src, old);
  expect(res.statusCode).toBe(201);
  const group = { type: 'group', id: 'g1', label: { 'zh-CN': '组' }, children: [{ type: 'form', id: 'op1' }] };
  expect(res.json()).toMatchObject({ id: 'oldpkg', name: '旧包', icon: 'shop', navigation: [group], publishedVersion: 1 });
  expect((await src.inject('GET', '/api/apps/oldpkg/published')).json().app.navigation).toEqual([group]);
  expect((await src.inject('GET', '/api/apps/oldpkg/publish/preview')).json().canPublish).toBe(true);
  expect(JSON.parse(await exported(src, 'oldpkg')).app).toEqual({ id: 'oldpkg', name: '旧包', icon: 'shop', navigation: [group] });
  expect((await src.inject('DELETE', '/api/apps/oldpkg')).statusCode).toBe(204);
});

describe('invalid packages are refused whole, with the path, and nothing is written', () => {
  let base: Pkg;
  let t: TestApp;
  beforeAll(async () => {
    base = JSON.parse(await exported(src, 'trace', '?records=true&files=true'));
    t = await startTestApp({ env: { TESSERA_IMPORT_BODY_LIMIT: String(64 * 1024) } });
    await t.inject('POST', '/api/apps', { id: 'home', name: '首页应用' });
    await t.publish('home');
  });
  afterAll(() => t.close());

  const cases: Array<[string, string, string, (p: Pkg) => void]> = [
    ['no app id', 'app.id', 'required', (p) => delete p.app.id],
    ['an app id that is not an id', 'app.id', 'pattern', (p) => (p.app.id = '9 lives')],
    ['a name that is not text', 'app.name.zh-CN', 'type', (p) => (p.app.name = { 'zh-CN': 42 })],
    ['navigation naming an unknown form', 'app.navigation[0].children[0].id', 'unknown_form', (p) => ((p.app.navigation as Json[])[0].children = [{ type: 'form', id: 'ghost' }])],
    // The app is checked by the same JSON schema as PUT /apps: the same limits, each problem where it is.
    ['a group label that is not text', 'app.navigation[0].label.zh-CN', 'type', (p) => ((p.app.navigation as Json[])[0].label = { 'zh-CN': 1 })],
    ['a navigation entry of an unknown type', 'app.navigation[1].type', 'unknown_type', (p) => ((p.app.navigation as Json[])[1] = { type: 'dashboard', id: 'd1' })],
    ['an unknown key in a navigation entry', 'app.navigation[1].pinned', 'unknown_property', (p) => ((p.app.navigation as Json[])[1].pinned = true)],
    ['more navigation entries than PUT /apps takes', 'app.navigation', 'maxItems', (p) => (p.app.navigation = Array.from({ length: 201 }, () => ({ type: 'form', id: 'batches' })))],
    ['a group with more entries than PUT /apps takes', 'app.navigation[0].children', 'maxItems', (p) => ((p.app.navigation as Json[])[0].children = Array.from({ length: 501 }, () => ({ type: 'form', id: 'materials' })))],
    ['an unknown field type', 'forms[1].fields[3].type', 'unknown_type', (p) => ((p.forms[1].fields as Json[])[3].type = 'hologram')],
    ['a formula naming a missing field', 'forms[1].fields[4].formula', 'unknown_reference', (p) => ((p.forms[1].fields as Json[])[4].formula = { logic: { '*': [{ var: 'weight' }, 2] } })],
    ['a rule naming a missing field', 'forms[0].rules[0].logic', 'unknown_reference', (p) => (p.forms[0].rules = [{ id: 'r1', logic: { '>': [{ var: 'weight' }, 0] }, message: 'x' }])],
    ['a lookup into a field the other form lacks', 'forms[1].fields[2].targetField', 'unknown_target_field', (p) => {
      (p.forms[0].fields as Json[]).splice(1, 1);
      for (const r of p.records!.materials) delete r.spec;
    }],
    ['duplicate form ids', 'forms[2].id', 'duplicate_form', (p) => p.forms.push({ ...p.forms[0] })],
    ['records of an unknown form', 'records.ghost', 'unknown_form', (p) => (p.records!.ghost = [{ _id: 'g1' }])],
    ['a record holding a key the system keeps', 'records.batches[0]._v', 'invalid_key', (p) => (p.records!.batches[0]._v = 3)],
    ['a record key with $', 'records.batches[0].$where', 'invalid_key', (p) => (p.records!.batches[0].$where = 'sleep(1)')],
    ['an operator object deep in a subform row', 'records.batches[0].steps[0].step.$gt', 'invalid_key', (p) => ((p.records!.batches[0].steps as Json[])[0].step = { $gt: '' })],
    ['a dotted key in a value', 'records.batches[0].mat.a.b', 'invalid_key', (p) => (p.records!.batches[0].mat = { id: 'x', 'a.b': 1 })],
    ['a value nested past 32 levels', 'records.batches[0].qty' + '[0]'.repeat(32), 'too_deep', (p) => {
      let v: unknown = 1;
      for (let i = 0; i < 40; i++) v = [v];
      p.records!.batches[0].qty = v;
    }],
    ['a unique value twice', 'records.materials[1].code', 'unique', (p) => (p.records!.materials[1].code = 'M1')],
    ['a file ref to a file not in the package', 'records.batches[0].docs', 'unknown_file', (p) => (p.files = [])],
    ['a record without an id', 'records.materials[0]._id', 'pattern', (p) => delete p.records!.materials[0]._id],
    ['a file whose size does not match', 'files[0].size', 'size_mismatch', (p) => (p.files![0].size = 99)],
    ['a format that is not ours', 'format', 'invalid_format', (p) => (p.format = 'zip')],
    ['an unknown top-level key', 'extra', 'unknown_property', (p) => ((p as Json).extra = 1)],
  ];

  test.each(cases)('%s → 422 INVALID_PACKAGE at %s (%s)', async (_name, path, code, mutate) => {
    const pkg = structuredClone(base);
    mutate(pkg);
    const collections = await t.store.listCollections();
    const res = await imported(t, pkg);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('INVALID_PACKAGE');
    expect(res.json().error.details).toEqual([expect.objectContaining({ path, code })]);
    expect((await t.inject('GET', '/api/apps')).json().items.map((a: Json) => a.id)).toEqual(['home']);
    expect(await t.store.listCollections()).toEqual(collections);
    await homePageAnswers(t, 'home');
  });

  test('problems of the app speak the reader\'s language, and every one is listed', async () => {
    const pkg = structuredClone(base);
    pkg.app.color = 'orange';
    (pkg.app.navigation as Json[])[0].label = 7;
    const zh = await imported(t, pkg);
    expect(zh.statusCode).toBe(422);
    expect(zh.json().error.code).toBe('INVALID_PACKAGE');
    expect(zh.json().error.details).toEqual([
      { path: 'app.color', code: 'pattern', message: '颜色必须形如 #1677ff' },
      { path: 'app.navigation[0].label', code: 'type', message: '分组名称必须是文字' },
    ]);
    const res = await t.inject('POST', '/api/apps/import', pkg, { 'accept-language': 'en-US' });
    expect(res.json().error.details.map((d: Json) => d.message)).toEqual(['The color must look like #1677ff', 'The group label must be text']);
  });

  test('a translated name with one language wrong is one problem, at that language, told of as the name', async () => {
    const pkg = structuredClone(base);
    pkg.app.name = { 'zh-CN': 42 } as unknown as string;
    const res = await imported(t, pkg);
    expect(res.json().error.details).toEqual([{ path: 'app.name.zh-CN', code: 'type', message: '应用名称必须是文字（或按语言的文字）' }]);
  });

  test('a package from a newer Tessera is 422 UNSUPPORTED_FORMAT, in the reader\'s language', async () => {
    const res = await imported(t, { ...base, format: 'tessera-app@2' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: '应用包由更新版本的 Tessera 生成（格式 2），本服务器只能读取格式 1', details: [{ path: 'format' }] });
    const en = await t.inject('POST', '/api/apps/import', { ...base, format: 'tessera-app@7' }, { 'accept-language': 'en-US' });
    expect(en.json().error.message).toBe('The package was made by a newer Tessera (format 7); this server reads format 1');
    await homePageAnswers(t, 'home');
  });

  test('a package over the import limit is 413 naming the limit', async () => {
    const big = { ...base, app: { ...base.app, description: 'x'.repeat(70 * 1024) } };
    const res = await t.inject('POST', '/api/apps/import', big, { 'accept-language': 'en-US' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than the 64 KiB this route accepts' });
    await homePageAnswers(t, 'home');
  });

  test('a failure while writing leaves no app, form, collection or file behind', async () => {
    // `_files` is the file store's own table: it appears with the first file ever stored.
    const dataCollections = async () => (await t.store.listCollections()).filter((c) => c !== '_files');
    const collections = await dataCollections();
    const spy = jest.spyOn(t.store.collection('forms'), 'insertOne').mockRejectedValueOnce(new Error('disk full'));
    try {
      const res = await imported(t, base);
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('INTERNAL');
    } finally {
      spy.mockRestore();
    }
    expect(await dataCollections()).toEqual(collections);
    expect(await t.store.files.stat(base.files![0].id as string)).toBeNull();
    expect(await t.store.collection('_files').count({})).toBe(0);
    expect((await t.inject('GET', '/api/apps')).json().items.map((a: Json) => a.id)).toEqual(['home']);
    await homePageAnswers(t, 'home');
  });

  test('the same package, valid, installs (so each refusal above was for its one problem)', async () => {
    // On an instance like `t` but of its own: installed on `t`, it would clash with the cases above.
    const like = await startTestApp({ env: { TESSERA_IMPORT_BODY_LIMIT: String(64 * 1024) } });
    try {
      expect((await imported(like, base)).statusCode).toBe(201);
      await homePageAnswers(like, 'trace');
    } finally {
      await like.close();
    }
  });
});

// Each test gets the package installed on an instance of its own, as it was exported: what
// one test replaces or adds is never what another finds.
describe('a clash with an existing app', () => {
  let text: string;
  let dst: TestApp;
  beforeAll(async () => {
    text = await exported(src, 'trace', '?records=true&files=true');
  });
  beforeEach(async () => {
    dst = await startTestApp();
    expect((await imported(dst, text)).statusCode).toBe(201);
  });
  afterEach(() => dst.close());

  test('without a mode: 409 APP_EXISTS naming the app, and nothing changes', async () => {
    const versions = (await dst.inject('GET', '/api/apps/trace/versions')).json().items.length;
    const res = await imported(dst, text);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'APP_EXISTS', details: [{ path: 'app.id', appId: 'trace', name: { 'zh-CN': '追溯', 'en-US': 'Traceability' } }] });
    expect((await dst.inject('GET', '/api/apps/trace/versions')).json().items.length).toBe(versions);
  });

  test('replace that fails while writing leaves no unique index the running version does not declare', async () => {
    const pkg = JSON.parse(text) as Pkg;
    ((pkg.forms[0].fields as Json[]).find((f) => f.id === 'spec')!).validation = { unique: true };
    const spy = jest.spyOn(dst.store.collection('forms'), 'replaceOne').mockRejectedValueOnce(new Error('disk full'));
    try {
      const res = await imported(dst, pkg, '?mode=replace');
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('INTERNAL');
    } finally {
      spy.mockRestore();
    }
    expect((await dst.store.collection('r_materials').listIndexes()).map((i) => i.name)).not.toContain('u_spec');
    // The running version lets two materials share a spec.
    const made = [await dst.inject('POST', recs('trace', 'materials'), { code: 'S1', spec: 'same' }), await dst.inject('POST', recs('trace', 'materials'), { code: 'S2', spec: 'same' })];
    expect(made.map((r) => r.statusCode)).toEqual([201, 201]);
  });

  test('replace: the definition is the package\'s, its records are upserted by id, other records stay; published', async () => {
    const pkg = JSON.parse(text) as Pkg;
    pkg.app.name = '追溯（新）';
    pkg.forms[0].title = '物料主数据';
    pkg.records!.materials[1].spec = '20mm';
    const extra = (await dst.inject('POST', recs('trace', 'materials'), { code: 'M9' })).json();
    const m2Before = (await dst.inject('GET', `${recs('trace', 'materials')}/${pkg.records!.materials[1]._id}`)).json();
    const res = await imported(dst, pkg, '?mode=replace');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: 'trace', name: '追溯（新）' });
    const pub = (await dst.inject('GET', '/api/apps/trace/published')).json();
    expect(pub.version).toBe(res.json().publishedVersion);
    expect(pub.forms[0].title).toBe('物料主数据');
    const m2 = (await dst.inject('GET', `${recs('trace', 'materials')}/${m2Before._id}`)).json();
    expect(m2).toMatchObject({ spec: '20mm', _v: m2Before._v + 1, _createdAt: m2Before._createdAt, _formVersion: pub.forms[0].version });
    expect((await dst.inject('GET', `${recs('trace', 'materials')}/${extra._id}`)).json().code).toBe('M9');
  });

  test('copy: a new app with new form ids; relations, navigation and records follow under new ids', async () => {
    const lookups = ['apps', 'forms', 'app_versions'].map((c) => jest.spyOn(dst.store.collection(c), 'findOne'));
    let res;
    let asked: string[];
    try {
      res = await imported(dst, text, '?mode=copy');
      asked = lookups.flatMap((spy) => spy.mock.calls.map(([filter]) => JSON.stringify(filter)));
    } finally {
      lookups.forEach((spy) => spy.mockRestore());
    }
    expect(res.statusCode).toBe(201);
    // A copy takes new ids: who owns the package's own app and form ids is never asked.
    expect(asked.filter((f) => /"(trace|materials|batches)"/.test(f))).toEqual([]);
    const copy = res.json();
    expect(copy.id).toMatch(/^app_[0-9a-f]{10}$/);
    expect(copy.name).toEqual({ 'zh-CN': '追溯 (副本)', 'en-US': 'Traceability (copy)' });
    const forms = (await dst.inject('GET', `/api/apps/${copy.id}/forms`)).json().items as Json[];
    const [mat, bat] = forms;
    expect([mat.id, bat.id]).toEqual([expect.stringMatching(/^f_[0-9a-f]{10}$/), expect.stringMatching(/^f_[0-9a-f]{10}$/)]);
    expect(mat.id).not.toBe(bat.id);
    const rel = (bat.fields as Json[]).find((f) => f.id === 'mat')!;
    expect(rel.formId).toBe(mat.id);
    expect(copy.navigation).toEqual([{ ...navigation[0], children: [{ type: 'form', id: mat.id }] }, { type: 'form', id: bat.id }]);
    const pkg = JSON.parse(text) as Pkg;
    const mats = (await dst.inject('GET', recs(copy.id, mat.id as string))).json().items as Json[];
    const m1 = mats.find((r) => r.code === 'M1')!;
    expect(m1._id).toMatch(/^[0-9a-f]{24}$/);
    expect(m1._id).not.toBe(pkg.records!.materials[0]._id);
    const b = (await dst.inject('GET', recs(copy.id, bat.id as string))).json().items.find((r: Json) => r.no === 'B-001');
    expect(b.mat).toEqual({ id: m1._id, display: 'M1' });
    expect((b.docs as Json[])[0].id).toMatch(/^[0-9a-f]{24}$/);
    expect((b.docs as Json[])[0].id).not.toBe(pkg.files![0].id);
    expect((await dst.inject('GET', `/api/files/${(b.docs as Json[])[0].id}`)).body).toBe('合格');
    // The original is untouched.
    expect((await dst.inject('GET', recs('trace', 'materials'))).json().items.map((r: Json) => r.code).sort()).toEqual(['M1', 'M2']);
  });
});
