// The one permission check (FormAccess) on its own: scopes for a caller, the union rule per
// record, field modes, and that a store filter it gives finds exactly the records it reaches in
// memory (the embedded store runs the filter; `reaches` tests the record).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FormSchema } from '@tessera/form-engine';
import { createEmbeddedStore, FIELD_READ_ONLY, forbidden, FormAccess, scopeToFilter, type AccessSubject, type Filter, type FormGrant, type Store } from '../../src';

const schema = {
  id: 'parts',
  title: 'Parts',
  fields: [
    { id: 'code', type: 'text', label: 'Code' },
    { id: 'price', type: 'number', label: 'Price' },
    { id: 'status', type: 'text', label: 'Status' },
    { id: 'owner', type: 'member', label: 'Owner' },
    { id: 'team', type: 'department', label: 'Team' },
    { id: 'box', type: 'section', label: 'Box', fields: [{ id: 'note', type: 'text', label: 'Note' }] },
  ],
} as unknown as FormSchema;

const me: AccessSubject = { userId: 'u1', departmentIds: ['dX'], departmentTree: ['dX', 'dX1'], attributes: { supplier: 'S-A', empty: '', none: null } };
/** A condition compiler that passes the filter through (the platform compiles it with the form's filter language). */
const asIs = (f: unknown) => f as Filter;
const of = (grants: FormGrant[], subject = me) => FormAccess.of('parts', schema, grants, subject, asIs);

const docs = [
  { _id: 'r1', _createdBy: 'u1', _depts: ['dX'], code: 'A', price: 1, status: 'open', owner: 'u2', team: 'dZ', note: 'n1' },
  { _id: 'r2', _createdBy: 'u2', _depts: ['dX1'], code: 'B', price: 2, status: 'open', owner: 'u1', team: 'dZ', note: 'n2' },
  { _id: 'r3', _createdBy: 'u3', _depts: ['dY'], code: 'S-A', price: 3, status: 'closed', owner: ['u3', 'u1'], team: 'dX', note: 'n3' },
  { _id: 'r4', _createdBy: 'u3', _depts: [], code: 'C', price: 4, status: 'closed', owner: null, team: null, note: 'n4' },
];
const reached = (a: FormAccess, action: Parameters<FormAccess['reaches']>[0] = 'view') => docs.filter((d) => a.reaches(action, d)).map((d) => d._id);

describe('full access and none', () => {
  test('full: every action, every row, every field', () => {
    const a = FormAccess.full('parts');
    expect(a.isFull).toBe(true);
    expect(a.actions()).toEqual(['view', 'create', 'edit', 'delete', 'restore', 'export', 'import', 'print', 'comment', 'manage']);
    expect(a.rowFilter('delete')).toEqual({});
    expect(reached(a, 'manage')).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(a.redact(docs[0])).toBe(docs[0]);
    expect(a.describe(docs[0])).toBeUndefined();
    expect(a.visibleRows('price')).toBeNull();
    expect([...a.lockedOn('edit', docs[0])]).toEqual([]);
    expect(a.fieldModes()).toEqual({ hidden: [], readonly: [] });
  });

  test('none: nothing, and a record shows only its system fields', () => {
    const a = FormAccess.none('parts');
    expect(a.isFull).toBe(false);
    expect(a.actions()).toEqual([]);
    expect(a.allows('view')).toBe(false);
    expect(a.rowFilter('view')).toBeNull();
    expect(reached(a)).toEqual([]);
    expect(a.hiddenOn(docs[0])).toBeNull();
    expect(a.redact(docs[0])).toEqual({ _id: 'r1', _createdBy: 'u1', _depts: ['dX'] });
  });

  test('a grant without actions grants nothing; any action shows the rows it acts on', () => {
    expect(of([{ actions: [], scope: { kind: 'all' } }]).actions()).toEqual([]);
    const a = of([{ actions: ['delete'], scope: { kind: 'creator' } }]);
    expect(a.actions()).toEqual(['view', 'delete']);
    expect(reached(a, 'view')).toEqual(['r1']);
    expect(reached(a, 'edit')).toEqual([]);
  });
});

describe('scopes for the caller', () => {
  test.each([
    ['all', { kind: 'all' }, {}],
    ['creator', { kind: 'creator' }, { _createdBy: 'u1' }],
    ['my departments', { kind: 'department' }, { _depts: { $in: ['dX'] } }],
    ['my departments and below', { kind: 'department', withChildren: true }, { _depts: { $in: ['dX', 'dX1'] } }],
    ['named in', { kind: 'namedIn', fields: ['owner', 'team'] }, { $or: [{ owner: { $in: ['u1', 'dX'] } }, { team: { $in: ['u1', 'dX'] } }] }],
    ['condition on me', { kind: 'condition', filter: { owner: { $user: 'id' } } }, { owner: 'u1' }],
    ['condition on my attribute', { kind: 'condition', filter: { code: { $eq: { $user: 'supplier' } } } }, { code: { $eq: 'S-A' } }],
    ['condition on my departments', { kind: 'condition', filter: { team: { $user: 'departments' } } }, { team: { $in: ['dX'] } }],
    ['condition, my departments under $eq', { kind: 'condition', filter: { team: { $eq: { $user: 'departments' } } } }, { team: { $in: ['dX'] } }],
    ['condition with a list and $and', { kind: 'condition', filter: { $and: [{ status: { $in: ['open', 'closed'] } }, { owner: { $user: 'id' } }] } }, { $and: [{ status: { $in: ['open', 'closed'] } }, { owner: 'u1' }] }],
  ] as const)('%s', (_name, scope, filter) => {
    expect(scopeToFilter(scope as never, me, asIs)).toEqual(filter);
  });

  test.each([
    ['no department', { kind: 'department' }, { ...me, departmentIds: [] }],
    ['no department tree', { kind: 'department', withChildren: true }, { ...me, departmentTree: [] }],
    ['named in no field', { kind: 'namedIn', fields: [] }, me],
    ['an attribute the caller lacks', { kind: 'condition', filter: { code: { $user: 'missing' } } }, me],
    ['an empty attribute', { kind: 'condition', filter: { code: { $user: 'empty' } } }, me],
    ['a null attribute', { kind: 'condition', filter: { code: { $user: 'none' } } }, me],
  ] as const)('%s matches nothing', (_name, scope, subject) => {
    const filter = scopeToFilter(scope as never, subject as AccessSubject, asIs);
    expect(filter).toEqual({ _id: { $in: [] } });
    expect(reached(of([{ actions: ['view'], scope: scope as never }], subject as AccessSubject))).toEqual([]);
  });

  test('my departments stand for "one of them" only under $eq: under another operator the compiler sees the list as given', () => {
    const seen: unknown[] = [];
    scopeToFilter({ kind: 'condition', filter: { team: { $ne: { $user: 'departments' } }, no: { $user: 'id', extra: 1 } } }, me, (f) => (seen.push(f), {}));
    expect(seen).toEqual([{ team: { $ne: { $in: ['dX'] } }, no: { $user: 'id', extra: 1 } }]);
  });

  test('only $eq alone around exactly { $in: [...] } is taken as "one of them"; anything else reaches the compiler as written', () => {
    const seen: unknown[] = [];
    const filter = {
      team: { $eq: { $user: 'departments' }, $ne: 'dZ' },
      code: { $eq: { $in: ['A'], $nin: ['B'] } },
      status: { $eq: null },
      owner: { $user: 5 },
    };
    scopeToFilter({ kind: 'condition', filter }, me, (f) => (seen.push(f), {}));
    expect(seen).toEqual([{ team: { $eq: { $in: ['dX'] }, $ne: 'dZ' }, code: { $eq: { $in: ['A'], $nin: ['B'] } }, status: { $eq: null }, owner: { $user: 5 } }]);
  });

  test('the compiler sees the condition with my values put in, and its refusal is the caller’s', () => {
    const seen: unknown[] = [];
    scopeToFilter({ kind: 'condition', filter: { owner: { $user: 'id' }, code: 'x' } }, me, (f) => (seen.push(f), {}));
    expect(seen).toEqual([{ owner: 'u1', code: 'x' }]);
    expect(() => scopeToFilter({ kind: 'condition', filter: { a: 1 } }, me, () => { throw new Error('bad condition'); })).toThrow('bad condition');
  });

  test('reaches by kind', () => {
    expect(reached(of([{ actions: ['view'], scope: { kind: 'department' } }]))).toEqual(['r1']);
    expect(reached(of([{ actions: ['view'], scope: { kind: 'department', withChildren: true } }]))).toEqual(['r1', 'r2']);
    expect(reached(of([{ actions: ['view'], scope: { kind: 'namedIn', fields: ['owner'] } }]))).toEqual(['r2', 'r3']);
    expect(reached(of([{ actions: ['view'], scope: { kind: 'namedIn', fields: ['team'] } }]))).toEqual(['r3']);
  });
});

describe('the union per record', () => {
  // X's rows (mine) with the price hidden and the status read-only; my named rows with everything.
  const a = of([
    { actions: ['view', 'edit'], scope: { kind: 'creator' }, fields: { price: 'hidden', status: 'readonly', ghost: 'hidden' } },
    { actions: ['view'], scope: { kind: 'namedIn', fields: ['owner'] }, fields: { note: 'readonly' } },
  ]);

  test('rows: either set; actions per record', () => {
    expect(reached(a)).toEqual(['r1', 'r2', 'r3']);
    expect(reached(a, 'edit')).toEqual(['r1']);
    expect(a.rowFilter('view')).toEqual({ $or: [{ _createdBy: 'u1' }, { $or: [{ owner: { $in: ['u1', 'dX'] } }] }] });
    expect(a.rowFilter('edit')).toEqual({ _createdBy: 'u1' });
    expect(a.rowFilter('delete')).toBeNull();
    expect(a.allows('edit')).toBe(true);
    expect(a.allows('delete')).toBe(false);
  });

  test('fields: hidden on a record only when every set showing it hides them', () => {
    expect([...(a.hiddenOn(docs[0]) ?? [])]).toEqual(['price']);
    expect([...(a.hiddenOn(docs[1]) ?? [])]).toEqual([]);
    expect(a.hiddenOn(docs[3])).toBeNull();
    expect(a.redact(docs[0])).toEqual({ _id: 'r1', _createdBy: 'u1', _depts: ['dX'], code: 'A', status: 'open', owner: 'u2', team: 'dZ', note: 'n1' });
    expect(a.redact(docs[1])).toBe(docs[1]);
    expect(a.redact(docs[3])).toEqual({ _id: 'r4', _createdBy: 'u3', _depts: [] });
    expect([...a.hiddenEverywhere()]).toEqual([]);
  });

  test('edits: locked fields per record and per create; the form-level modes', () => {
    expect([...a.lockedOn('edit', docs[0])].sort()).toEqual(['price', 'status']);
    expect([...a.lockedOn('edit', docs[1])]).toEqual([]);
    expect([...a.lockedOn('create', {})]).toEqual([]);
    expect(a.describe(docs[0])).toEqual({ actions: ['view', 'edit'], readonly: ['status'] });
    expect(a.describe(docs[1])).toEqual({ actions: ['view'], readonly: [] });
    expect(a.fieldModes()).toEqual({ hidden: [], readonly: ['price', 'status'] });
    const creating = of([
      { actions: ['create'], scope: { kind: 'all' }, fields: { price: 'readonly', code: 'hidden' } },
      { actions: ['create'], scope: { kind: 'all' }, fields: { price: 'hidden' } },
    ]);
    expect([...creating.lockedOn('create', {})]).toEqual(['price']);
    expect(creating.fieldModes()).toEqual({ hidden: [], readonly: ['price'] });
  });

  test('a filter on a field hidden on some rows reaches only the rows where it shows; hidden everywhere it is unknown', () => {
    expect(a.visibleRows('code')).toBeNull();
    expect(a.visibleRows('price')).toEqual({ $or: [{ owner: { $in: ['u1', 'dX'] } }] });
    const hiding = of([{ actions: ['view'], scope: { kind: 'all' }, fields: { price: 'hidden' } }, { actions: ['view'], scope: { kind: 'creator' } }]);
    expect(hiding.visibleRows('price')).toEqual({ _createdBy: 'u1' });
    const showingAll = of([{ actions: ['view'], scope: { kind: 'creator' }, fields: { price: 'hidden' } }, { actions: ['view'], scope: { kind: 'all' } }]);
    expect(showingAll.visibleRows('price')).toEqual({});
    const twoShow = of([
      { actions: ['view'], scope: { kind: 'creator' } },
      { actions: ['view'], scope: { kind: 'department' } },
      { actions: ['view'], scope: { kind: 'all' }, fields: { price: 'hidden' } },
    ]);
    expect(twoShow.visibleRows('price')).toEqual({ $or: [{ _createdBy: 'u1' }, { _depts: { $in: ['dX'] } }] });
    const never = of([{ actions: ['view'], scope: { kind: 'all' }, fields: { price: 'hidden' } }]);
    expect([...never.hiddenEverywhere()]).toEqual(['price']);
    expect(() => never.visibleRows('price', 'price.x')).toThrow(expect.objectContaining({ code: 'INVALID_FILTER', statusCode: 400, details: [{ path: 'price.x', message: { 'zh-CN': '未知字段“price.x”', 'en-US': 'Unknown field "price.x"' } }] }));
  });

  test('rowFilter: a set for every row makes the filter {}, and reaches every record', () => {
    const a = of([{ actions: ['view'], scope: { kind: 'creator' } }, { actions: ['view', 'edit'], scope: { kind: 'all' } }]);
    expect(a.rowFilter('view')).toEqual({});
    expect(reached(a, 'edit')).toEqual(['r1', 'r2', 'r3', 'r4']);
  });

  test('a field visible in two sets, one of them for every row: no restriction beyond {}', () => {
    const a = of([
      { actions: ['view'], scope: { kind: 'creator' } },
      { actions: ['view'], scope: { kind: 'all' } },
      { actions: ['view'], scope: { kind: 'department' }, fields: { price: 'hidden' } },
    ]);
    expect(a.visibleRows('price')).toEqual({});
  });

  test('a field hidden everywhere is not also named read-only', () => {
    const a = of([{ actions: ['create'], scope: { kind: 'all' }, fields: { price: 'hidden', status: 'readonly' } }]);
    expect(a.fieldModes()).toEqual({ hidden: ['price'], readonly: ['status'] });
  });

  test('the unknown-field refusal says which field, in its message too', () => {
    const never = of([{ actions: ['view'], scope: { kind: 'all' }, fields: { price: 'hidden' } }]);
    expect(() => never.visibleRows('price')).toThrow('Unknown field "price"');
  });
});

describe('refusals name the action or the field, in each language', () => {
  test('an action the caller may not take', () => {
    const e = forbidden('comment');
    expect([e.code, e.statusCode, e.messageIn('en-US'), e.messageIn('zh-CN'), e.details]).toEqual([
      'FORBIDDEN',
      403,
      'You may not comment on these records',
      '你没有评论权限',
      [{ path: 'action', code: 'comment' }],
    ]);
  });

  test('a field the caller may not change', () => {
    const e = FIELD_READ_ONLY({ field: 'price' });
    expect([e.code, e.statusCode, e.messageIn('en-US'), e.messageIn('zh-CN')]).toEqual(['FIELD_READ_ONLY', 403, 'You may not change the field price', '无权修改字段 price']);
  });
});

describe('a store filter finds exactly what reaches accepts', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-perm-'));
    store = await createEmbeddedStore({ dataDir: dir });
    await store.collection('r_parts').insertMany(docs as never);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test.each([
    ['creator', [{ actions: ['view'], scope: { kind: 'creator' } }]],
    ['department tree', [{ actions: ['view'], scope: { kind: 'department', withChildren: true } }]],
    ['named in (a list value too)', [{ actions: ['view'], scope: { kind: 'namedIn', fields: ['owner', 'team'] } }]],
    ['a condition', [{ actions: ['view'], scope: { kind: 'condition', filter: { status: 'closed', code: { $user: 'supplier' } } } }]],
    ['a union', [{ actions: ['view'], scope: { kind: 'creator' } }, { actions: ['view'], scope: { kind: 'condition', filter: { price: { $gte: 4 } } } }]],
  ] as const)('%s', async (_name, grants) => {
    const a = of(grants as unknown as FormGrant[]);
    const found = (await store.collection('r_parts').find(a.rowFilter('view')!, { sort: { _id: 1 } })).map((d) => d._id);
    expect(found).toEqual(reached(a));
    expect(found.length).toBeGreaterThan(0);
  });
});
