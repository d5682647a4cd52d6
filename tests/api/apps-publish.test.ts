// Publishing through HTTP: the preview's problems and changes to stored records (each kind with
// its exact count and samples), what publish refuses or asks to confirm, unique rules switched
// on and off, versions and restoring one as the draft.
import { startTestApp, type TestApp } from '../helpers/app';

const recs = (app: string, form: string) => `/api/apps/${app}/forms/${form}/records`;
const select = (id: string, label: string, values: string[]) => ({ id, type: 'select', label, options: values.map((v) => ({ value: v, label: `选项${v}` })) });

const parts = {
  id: 'parts',
  title: '零件',
  titleField: 'code',
  fields: [
    { id: 'code', type: 'text', label: '编码' },
    { id: 'kind', type: 'text', label: '类别' },
    select('grade', '等级', ['A', 'B', 'C']),
    { id: 'tags', type: 'multiselect', label: '标签', options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }, { value: 'z', label: 'Z' }] },
    { id: 'note', type: 'text', label: '备注' },
    { id: 'owner', type: 'text', label: '负责人' },
    { id: 'sn', type: 'text', label: '序列号' },
    { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'part', type: 'text', label: '部件' }, { id: 'qty', type: 'number', label: '数量' }] },
  ],
};

/** The draft of `parts` with every risky change at once. */
type Json = Record<string, unknown>;
function riskyDraft(unique: boolean) {
  const s = structuredClone(parts) as unknown as Json & { fields: Json[] };
  const f = (id: string) => s.fields.find((x) => x.id === id)!;
  f('kind').type = 'number';
  (f('grade').options as unknown[]).pop();
  (f('tags').options as unknown[]).pop();
  s.fields = s.fields.filter((x) => x.id !== 'note');
  f('owner').required = true;
  if (unique) f('sn').validation = { unique: true };
  const lines = f('lines').fields as Json[];
  lines[0].type = 'textarea';
  lines[1].required = true;
  return s;
}

interface Qa {
  t: TestApp;
  /** The records of `parts` by name: r1 … r5 (r4 deleted). */
  ids: Record<string, string>;
  admin: { id: string; name: string };
}

/**
 * An instance holding the app `qa` as its tests start: version 1 published with its records, then
 * a draft with every risky change (a unique rule included) and the form `old` deleted. Tests that
 * publish or restore it take an instance of their own, so no test finds another's changes.
 */
async function startQa(): Promise<Qa> {
  const t = await startTestApp();
  const ids: Record<string, string> = {};
  const admin = { id: (await t.inject('GET', '/api/me')).json().user._id, name: 'Administrator' };
  await t.inject('POST', '/api/apps', { id: 'qa', name: '质检' });
  expect((await t.inject('POST', '/api/apps/qa/forms', parts)).statusCode).toBe(201);
  expect((await t.inject('POST', '/api/apps/qa/forms', { id: 'old', title: '旧表', fields: [{ id: 'a', type: 'text', label: 'A' }] })).statusCode).toBe(201);
  await t.publish('qa');
  const rows: Array<[string, Record<string, unknown>]> = [
    ['r1', { code: 'P1', kind: 'a', grade: 'C', tags: ['z'], note: 'n1', owner: 'o', sn: 'S1', lines: [{ part: 'x', qty: 1 }] }],
    ['r2', { code: 'P2', kind: 'b', grade: 'A', tags: ['x'], note: null, owner: null, sn: 'S1', lines: [{ part: 'y' }] }],
    ['r3', { code: 'P3', kind: null, grade: 'C', tags: [], note: 'n3', sn: 'S2', lines: [] }],
    ['r4', { code: 'P4', kind: 'd', grade: 'C', tags: ['z'], note: 'n4', sn: 'S2', lines: [{ part: 'w' }] }],
    ['r5', { code: 'P5', owner: 'p', sn: 'S2' }],
  ];
  for (const [name, body] of rows) {
    const res = await t.inject('POST', recs('qa', 'parts'), body);
    expect(res.statusCode).toBe(201);
    ids[name] = res.json()._id;
  }
  expect((await t.inject('DELETE', `${recs('qa', 'parts')}/${ids.r4}`)).statusCode).toBe(200); // deleted records never count
  expect((await t.inject('POST', recs('qa', 'old'), { a: 'kept' })).statusCode).toBe(201);
  expect((await t.inject('PUT', '/api/apps/qa/forms/parts', riskyDraft(true))).statusCode).toBe(200);
  expect((await t.inject('DELETE', '/api/apps/qa/forms/old')).statusCode).toBe(204);
  return { t, ids, admin };
}

// The instance the read-only tests of `qa` share, and where the other tests make apps of their own.
let t: TestApp;
let ids: Record<string, string>;
beforeAll(async () => {
  ({ t, ids } = await startQa());
});
afterAll(() => t.close());

describe('risky changes', () => {
  let changes: Array<Record<string, unknown>>;
  const change = (kind: string, fieldId?: string) => changes.find((c) => c.kind === kind && c.fieldId === fieldId);

  beforeAll(async () => {
    const res = await t.inject('GET', '/api/apps/qa/publish/preview');
    expect(res.statusCode).toBe(200);
    expect(res.json().problems).toEqual([]);
    expect(res.json().canPublish).toBe(false);
    // The samples' datetimes read in the tenant's zone, which the preview names.
    expect(res.json().timeZone).toBe('Asia/Shanghai');
    changes = res.json().changes;
  });

  test('every kind is listed once, and only where records are touched', () => {
    expect(changes.map((c) => `${c.kind}:${c.fieldId ?? c.formId}`).sort()).toEqual([
      'field_removed:note',
      'form_removed:old',
      'made_required:lines.qty',
      'made_required:owner',
      'options_removed:grade',
      'options_removed:tags',
      'type_changed:kind',
      'type_changed:lines.part',
      'unique_duplicates:sn',
    ]);
  });

  test('type changed: live records with a value, and the types', () => {
    expect(change('type_changed', 'kind')).toEqual({
      kind: 'type_changed', formId: 'parts', formTitle: '零件', fieldId: 'kind', fieldLabel: '类别', count: 2, blocking: false,
      // How the samples read: the field as the records hold it (the published one), and the title field.
      field: { id: 'kind', type: 'text', label: '类别' },
      titleField: { id: 'code', type: 'text', label: '编码' },
      samples: [{ id: ids.r1, title: 'P1', value: 'a' }, { id: ids.r2, title: 'P2', value: 'b' }],
      detail: { fromType: 'text', toType: 'number' },
    });
  });

  test('field removed: records holding a value', () => {
    expect(change('field_removed', 'note')).toMatchObject({ count: 2, blocking: false, samples: [{ id: ids.r1, title: 'P1', value: 'n1' }, { id: ids.r3, title: 'P3', value: 'n3' }] });
  });

  test('made required: records where it is empty (null or missing)', () => {
    expect(change('made_required', 'owner')).toMatchObject({ count: 2, samples: [{ id: ids.r2, title: 'P2', value: null }, { id: ids.r3, title: 'P3', value: null }] });
  });

  test('options removed: records using them, with the options\' old labels', () => {
    expect(change('options_removed', 'grade')).toMatchObject({ count: 2, detail: { options: [{ value: 'C', label: '选项C' }] }, samples: [{ id: ids.r1, value: 'C' }, { id: ids.r3, value: 'C' }] });
    expect(change('options_removed', 'tags')).toMatchObject({ count: 1, detail: { options: [{ value: 'z', label: 'Z' }] }, samples: [{ id: ids.r1, value: ['z'] }] });
  });

  test('subform columns count a value in any row', () => {
    expect(change('type_changed', 'lines.part')).toMatchObject({ fieldLabel: '部件', field: { id: 'part', type: 'text' }, count: 2, detail: { fromType: 'text', toType: 'textarea' }, samples: [{ id: ids.r1, value: ['x'] }, { id: ids.r2, value: ['y'] }] });
    expect(change('made_required', 'lines.qty')).toMatchObject({ count: 1, samples: [{ id: ids.r2, title: 'P2', value: [null] }] });
  });

  test('unique duplicates block, with the values shared and how often', () => {
    expect(change('unique_duplicates', 'sn')).toMatchObject({
      count: 4,
      blocking: true,
      detail: { duplicates: [{ value: 'S1', count: 2 }, { value: 'S2', count: 2 }] },
      samples: [{ id: ids.r1, value: 'S1' }, { id: ids.r2, value: 'S1' }, { id: ids.r3, value: 'S2' }, { id: ids.r5, value: 'S2' }],
    });
  });

  test('form removed: its live records', () => {
    expect(change('form_removed')).toMatchObject({ formId: 'old', formTitle: '旧表', count: 1, blocking: false, samples: [{ title: 'kept', value: null }] });
    // No field changed: only the records' names go with it.
    expect(change('form_removed')).not.toHaveProperty('field');
    expect(change('form_removed')).toMatchObject({ titleField: { id: 'a' } });
  });

  test('publish: blocking changes are 422 PUBLISH_BLOCKED with only those; nothing moves', async () => {
    const res = await t.inject('POST', '/api/apps/qa/publish', { confirm: true }, { 'accept-language': 'en-US' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'PUBLISH_BLOCKED', message: '1 change(s) conflict with existing records; the app cannot be published' });
    expect(res.json().error.details.map((c: { kind: string }) => c.kind)).toEqual(['unique_duplicates']);
    expect((await t.inject('GET', '/api/apps/qa/published')).json().version).toBe(1);
  });

  test('publish: risky changes need confirm (409 CONFIRMATION_REQUIRED with them), then publish', async () => {
    const own = await startQa();
    try {
      expect((await own.t.inject('PUT', '/api/apps/qa/forms/parts', riskyDraft(false))).statusCode).toBe(200);
      const ask = await own.t.inject('POST', '/api/apps/qa/publish', { note: '调整字段' });
      expect(ask.statusCode).toBe(409);
      expect(ask.json().error.code).toBe('CONFIRMATION_REQUIRED');
      expect(ask.json().error.details).toHaveLength(8);
      expect((await own.t.inject('GET', '/api/apps/qa/published')).json().version).toBe(1);
      const done = await own.t.inject('POST', '/api/apps/qa/publish', { note: '调整字段', confirm: true });
      expect(done.statusCode).toBe(200);
      expect(done.json().version).toBe(2);
      const pub = (await own.t.inject('GET', '/api/apps/qa/published')).json();
      expect(pub.forms.map((f: { id: string }) => f.id)).toEqual(['parts']);
      expect((await own.t.inject('GET', '/api/apps/qa/publish/preview')).json()).toEqual({ problems: [], changes: [], canPublish: true, timeZone: 'Asia/Shanghai' });
    } finally {
      await own.t.close();
    }
  });
});

describe('the samples are named as the form\'s lists name a record', () => {
  test('without a title field, by the first field whatever its type (a date here), not the first text field; its stored value, for the dialog to format', async () => {
    const { user } = await t.createUser({ username: 'visit-owner', displayName: '访客负责人' });
    const form = {
      id: 'visits',
      title: '拜访',
      fields: [
        { id: 'day', type: 'date', label: '日期' },
        { id: 'who', type: 'member', label: '拜访人' },
        { id: 'note', type: 'text', label: '纪要' },
      ],
    };
    expect((await t.inject('POST', '/api/apps', { id: 'named', name: '命名' })).statusCode).toBe(201);
    expect((await t.inject('POST', '/api/apps/named/forms', form)).statusCode).toBe(201);
    await t.publish('named');
    const made = await t.inject('POST', recs('named', 'visits'), { day: '2026-03-02', who: user._id, note: '首访' });
    expect(made.statusCode).toBe(201);
    expect((await t.inject('PUT', '/api/apps/named/forms/visits', { ...form, fields: form.fields.filter((f) => f.id !== 'who') })).statusCode).toBe(200);
    const res = await t.inject('GET', '/api/apps/named/publish/preview');
    expect(res.statusCode).toBe(200);
    expect(res.json().changes).toEqual([
      {
        kind: 'field_removed', formId: 'visits', formTitle: '拜访', fieldId: 'who', fieldLabel: '拜访人', count: 1, blocking: false,
        field: { id: 'who', type: 'member', label: '拜访人' },
        titleField: { id: 'day', type: 'date', label: '日期' },
        // The member's id goes as stored: the dialog names the person, as a list does.
        samples: [{ id: made.json()._id, title: '2026-03-02', value: user._id }],
      },
    ]);
  });
});

describe('unique rules', () => {
  test('switched on over empty values: published, then enforced; switched off: duplicates are allowed again', async () => {
    await t.inject('POST', '/api/apps', { id: 'u', name: 'U' });
    const form = { id: 'tools', title: '工具', fields: [{ id: 'code', type: 'text', label: '编码' }] };
    await t.inject('POST', '/api/apps/u/forms', form);
    await t.publish('u');
    for (const code of ['T1', null, '', null]) expect((await t.inject('POST', recs('u', 'tools'), { code })).statusCode).toBe(201);
    const unique = { ...form, fields: [{ ...form.fields[0], validation: { unique: true } }] };
    await t.inject('PUT', '/api/apps/u/forms/tools', unique);
    expect((await t.inject('GET', '/api/apps/u/publish/preview')).json()).toEqual({ problems: [], changes: [], canPublish: true, timeZone: 'Asia/Shanghai' });
    expect((await t.inject('POST', '/api/apps/u/publish', {})).statusCode).toBe(200);
    const dup = await t.inject('POST', recs('u', 'tools'), { code: 'T1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'DUPLICATE', details: [{ path: 'code', fieldId: 'code', code: 'unique' }] });
    expect((await t.inject('POST', recs('u', 'tools'), { code: null })).statusCode).toBe(201);
    await t.inject('PUT', '/api/apps/u/forms/tools', form);
    await t.publish('u');
    expect((await t.inject('POST', recs('u', 'tools'), { code: 'T1' })).statusCode).toBe(201);
  });
});

describe('a publish that fails', () => {
  test('leaves the previous version running and the pointer where it was', async () => {
    await t.inject('POST', '/api/apps', { id: 'f', name: 'F' });
    await t.inject('POST', '/api/apps/f/forms', { id: 'fa', title: 'FA', fields: [{ id: 'a', type: 'text', label: 'A' }] });
    await t.publish('f');
    await t.inject('PUT', '/api/apps/f/forms/fa', { id: 'fa', title: 'FA', fields: [{ id: 'a', type: 'text', label: 'A' }, { id: 'b', type: 'text', label: 'B' }] });
    const spy = jest.spyOn(t.store.collection('apps'), 'updateOne').mockRejectedValueOnce(new Error('disk full'));
    try {
      const res = await t.inject('POST', '/api/apps/f/publish', {});
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('INTERNAL');
    } finally {
      spy.mockRestore();
    }
    expect((await t.inject('GET', '/api/apps/f/versions')).json().items.map((v: { version: number }) => v.version)).toEqual([1]);
    const refused = await t.inject('POST', recs('f', 'fa'), { a: 'x', b: 'y' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'RULE_FAILED', details: [{ path: 'b', fieldId: 'b', code: 'unknown_field' }] });
    expect((await t.inject('POST', '/api/apps/f/publish', {})).json().version).toBe(2);
  });
});

describe('a unique rule over records deleted together', () => {
  test('the preview counts them as the index does, the publish is refused before any index is built', async () => {
    const code = (unique: boolean) => ({ id: 'code', type: 'text', label: '编码', ...(unique ? { validation: { unique: true } } : {}) });
    const form = (id: string, unique: boolean) => ({ id, title: id, fields: [code(unique)] });
    // 1. two published forms; the second holds two records with one code, deleted together
    // (one bulk delete: one deletion time), which its unique index would refuse like live ones
    await t.inject('POST', '/api/apps', { id: 'ix', name: 'IX' });
    await t.inject('POST', '/api/apps/ix/forms', form('ixa', false));
    await t.inject('POST', '/api/apps/ix/forms', form('ixb', false));
    await t.publish('ix');
    const gone = await Promise.all([1, 2].map(async () => (await t.inject('POST', recs('ix', 'ixb'), { code: 'D' })).json()._id));
    expect((await t.inject('POST', `${recs('ix', 'ixb')}/bulk-delete`, { ids: gone })).json().deleted).toBe(2);
    // 2. both made unique: the preview names the deleted clash, with its records marked deleted
    await t.inject('PUT', '/api/apps/ix/forms/ixa', form('ixa', true));
    await t.inject('PUT', '/api/apps/ix/forms/ixb', form('ixb', true));
    const preview = (await t.inject('GET', '/api/apps/ix/publish/preview')).json();
    expect(preview.canPublish).toBe(false);
    const clash = preview.changes.find((c: { kind: string }) => c.kind === 'unique_duplicates');
    expect(clash).toMatchObject({ formId: 'ixb', fieldId: 'code', count: 2, blocking: true, detail: { duplicates: [{ value: 'D', count: 2 }] } });
    expect(clash.samples.map((x: { id: string; deleted?: boolean }) => [x.id, x.deleted]).sort()).toEqual(gone.map((id) => [id, true]).sort());
    const res = await t.inject('POST', '/api/apps/ix/publish', {});
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'PUBLISH_BLOCKED', details: [{ kind: 'unique_duplicates', formId: 'ixb', fieldId: 'code', count: 2 }] });
    // 3. version 1 runs on: no form got an index, and the first form takes a repeated code as before
    expect((await t.inject('GET', '/api/apps/ix/published')).json().version).toBe(1);
    expect((await t.inject('POST', recs('ix', 'ixa'), { code: 'A' })).statusCode).toBe(201);
    expect((await t.inject('POST', recs('ix', 'ixa'), { code: 'A' })).statusCode).toBe(201);
    expect((await t.store.collection('r_ixa').listIndexes()).map((i) => i.name)).not.toContain('u_code');
  });

  test('records deleted at different times do not clash, and the rule publishes', async () => {
    const form = { id: 'iy', title: 'iy', fields: [{ id: 'code', type: 'text', label: '编码' }] };
    await t.inject('POST', '/api/apps', { id: 'iy', name: 'IY' });
    await t.inject('POST', '/api/apps/iy/forms', form);
    await t.publish('iy');
    for (let i = 0; i < 2; i++) {
      const id = (await t.inject('POST', recs('iy', 'iy'), { code: 'E' })).json()._id;
      expect((await t.inject('DELETE', `${recs('iy', 'iy')}/${id}`)).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 5)); // a later deletion time
    }
    await t.inject('PUT', '/api/apps/iy/forms/iy', { ...form, fields: [{ ...form.fields[0], validation: { unique: true } }] });
    expect((await t.inject('GET', '/api/apps/iy/publish/preview')).json()).toMatchObject({ canPublish: true, changes: [] });
    expect((await t.inject('POST', '/api/apps/iy/publish', {})).statusCode).toBe(200);
    expect((await t.store.collection('r_iy').listIndexes()).map((i) => i.name)).toContain('u_code');
  });
});

describe('problems', () => {
  beforeAll(async () => {
    await t.inject('POST', '/api/apps', { id: 'lk', name: '查找' });
    await t.inject('POST', '/api/apps/lk/forms', { id: 'mat', title: '物料', fields: [{ id: 'code', type: 'text', label: '编码' }, { id: 'spec', type: 'text', label: '规格' }] });
    await t.inject('POST', '/api/apps/lk/forms', {
      id: 'out',
      title: '出库',
      fields: [
        { id: 'mat', type: 'relation', label: '物料', formId: 'mat', displayField: 'code' },
        { id: 'spec', type: 'lookup', label: '规格', relationField: 'mat', targetField: 'spec' },
      ],
    });
    await t.publish('lk');
  });

  test('deleting a field another form looks up saves, but publish names the broken lookup and refuses', async () => {
    const saved = await t.inject('PUT', '/api/apps/lk/forms/mat', { id: 'mat', title: '物料', fields: [{ id: 'code', type: 'text', label: '编码' }] });
    expect(saved.statusCode).toBe(200);
    const preview = (await t.inject('GET', '/api/apps/lk/publish/preview')).json();
    expect(preview.canPublish).toBe(false);
    expect(preview.problems).toEqual([
      { formId: 'out', path: 'fields[1].targetField', fieldId: 'spec', code: 'unknown_target_field', message: '关联表单中没有字段“spec”', params: { fieldId: 'spec' } },
    ]);
    const res = await t.inject('POST', '/api/apps/lk/publish', { confirm: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'INVALID_SCHEMA', details: preview.problems });
    expect((await t.inject('GET', '/api/apps/lk/forms/mat')).json().fields).toHaveLength(2);
  });
});

describe('versions', () => {
  test('the app whose version holds a form id is found by an index on the versions\' form ids, not a scan', async () => {
    const versions = t.store.collection('app_versions') as unknown as { explain(filter: object): { plan: string; index?: string } };
    expect(versions.explain({ 'snapshot.forms.id': 'old' })).toMatchObject({ plan: 'index', index: 'snapshot.forms.id_1' });
    // 'old' lives on in version 1 only (its draft was deleted): its id stays taken.
    const taken = await t.inject('POST', '/api/apps/qa/forms', { id: 'old', title: '再来', fields: [] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'CONFLICT', details: [{ path: 'id', code: 'taken' }] });
  });
});

describe('after the risky changes are published (version 2)', () => {
  let p: Qa;
  beforeAll(async () => {
    p = await startQa();
    expect((await p.t.inject('PUT', '/api/apps/qa/forms/parts', riskyDraft(false))).statusCode).toBe(200);
    expect((await p.t.inject('POST', '/api/apps/qa/publish', { note: '调整字段', confirm: true })).statusCode).toBe(200);
  });
  afterAll(() => p.t.close());

  test('after a field is removed, an old record still saves and the field\'s value goes', async () => {
    const r3 = (await p.t.inject('GET', `${recs('qa', 'parts')}/${p.ids.r3}`)).json();
    expect(r3.note).toBe('n3');
    const res = await p.t.inject('PATCH', `${recs('qa', 'parts')}/${p.ids.r3}`, { _v: r3._v, grade: 'A', owner: 'q' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).not.toHaveProperty('note');
    expect(res.json()._formVersion).toBe(3);
  });

  test('listed newest first with note, who and how many forms; one version reads back', async () => {
    const list = (await p.t.inject('GET', '/api/apps/qa/versions')).json().items;
    expect(list.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list[0]).toEqual({ version: 2, note: '调整字段', publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), publishedBy: p.admin, formCount: 1 });
    expect(list[0].publishedAt > list[1].publishedAt).toBe(true);
    expect(list[1].formCount).toBe(2);
    const v1 = (await p.t.inject('GET', '/api/apps/qa/versions/1')).json();
    expect(v1).toMatchObject({ version: 1, app: { name: '质检', navigation: [] } });
    expect(v1.forms.map((f: { id: string }) => f.id)).toEqual(['parts', 'old']);
    const none = await p.t.inject('GET', '/api/apps/qa/versions/9');
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toMatchObject({ code: 'NOT_FOUND', details: [{ path: 'version', code: 'unknown_version' }] });
  });

  test('restore makes a version the draft: new draft versions (stale editors get 409), other drafts go, records stay', async () => {
    await p.t.inject('POST', '/api/apps/qa/forms', { id: 'extra', title: '新表', fields: [] });
    const held = (await p.t.inject('GET', '/api/apps/qa/forms/parts?draft=true')).json();
    const before = await p.t.store.collection('r_parts').count({});
    const res = await p.t.inject('POST', '/api/apps/qa/versions/1/restore');
    expect(res.statusCode).toBe(200);
    const forms = res.json().forms;
    expect(forms.map((f: { id: string }) => f.id)).toEqual(['parts', 'old']);
    expect(forms[0].version).toBe(held.version + 1);
    expect(forms[1].version).toBe(2); // above the version its deleted draft had reached
    expect(forms[0]).toMatchObject({ appId: 'qa', publishedVersion: 3 });
    expect(forms[0].fields.find((f: { id: string }) => f.id === 'note')).toEqual({ id: 'note', type: 'text', label: '备注' });
    const extra = await p.t.inject('GET', '/api/apps/qa/forms/extra?draft=true');
    expect(extra.statusCode).toBe(404);
    expect(extra.json().error).toMatchObject({ code: 'NOT_FOUND', details: [{ path: 'formId', code: 'unknown_form' }] });
    const stale = await p.t.inject('PUT', '/api/apps/qa/forms/parts', { ...riskyDraft(false), version: held.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect(await p.t.store.collection('r_parts').count({})).toBe(before);
    expect((await p.t.inject('GET', '/api/apps/qa/published')).json().version).toBe(2);
  });
});
