// The permission set as the permissions page edits it: the matrix's "view" rule, custom
// conditions to and from the list filter JSON, what a save sends, and where an issue belongs.
import type { Field } from '@tessera/form-engine';
import { condFieldsOf, draftOf, fromFilter, inputOf, issueTarget, problemsOf, sameSet, toFilter, toggleAction, type CondGroup } from '../../../src/builder/access/model';

const fields = [
  { id: 'code', type: 'text', label: 'Code' },
  { id: 'price', type: 'number', label: 'Price' },
  { id: 'inspector', type: 'member', label: 'Inspector' },
  { id: 'supplier', type: 'relation', label: 'Supplier', formId: 'suppliers', displayField: 'name' },
  { id: 'photo', type: 'image', label: 'Photo' },
] as unknown as Field[];

describe('the actions matrix', () => {
  test('1. ticking an action ticks view; 2. unticking view clears the row; 3. the order is the server’s', () => {
    const d = toggleAction(undefined, 'edit', true);
    expect(d.actions).toEqual(['view', 'edit']);
    const more = toggleAction(d, 'create', true);
    expect(more.actions).toEqual(['view', 'create', 'edit']);
    expect(toggleAction(more, 'edit', false).actions).toEqual(['view', 'create']);
    expect(toggleAction(more, 'view', false).actions).toEqual([]);
  });
});

describe('custom conditions', () => {
  test('rows become the list filter, a value of the current user as $user, and read back the same', () => {
    const group: CondGroup = {
      combinator: 'and',
      rows: [
        { field: 'inspector', op: '$eq', user: 'id' },
        { field: 'price', op: '$gte', value: 10 },
        { field: 'supplier.id', op: '$eq', user: 'supplier' },
        { field: 'code', op: 'filled' },
      ],
    };
    const filter = toFilter(group);
    expect(filter).toEqual({ $and: [{ inspector: { $eq: { $user: 'id' } } }, { price: { $gte: 10 } }, { 'supplier.id': { $eq: { $user: 'supplier' } } }, { code: { $exists: true } }] });
    expect(fromFilter(filter)).toEqual(group);
    expect(toFilter({ combinator: 'or', rows: [group.rows[0]] })).toEqual({ inspector: { $eq: { $user: 'id' } } });
  });

  test('filters written by hand read as rows when they can, and as null (kept as they are) when not', () => {
    expect(fromFilter({ code: 'S-A', price: { $lt: 5 } })).toEqual({ combinator: 'and', rows: [{ field: 'code', op: '$eq', value: 'S-A' }, { field: 'price', op: '$lt', value: 5 }] });
    expect(fromFilter({ code: { $in: ['a', 'b'] } })).toBeNull();
    expect(fromFilter({ $or: [{ code: 'a', price: 1 }] })).toBeNull();
    expect(fromFilter({})).toEqual({ combinator: 'and', rows: [] });
  });

  test('a relation is compared by its id; files only as filled or blank; subforms not at all', () => {
    const got = condFieldsOf(fields).map((f) => [f.path, f.kind]);
    expect(got).toEqual([['code', 'text'], ['price', 'number'], ['inspector', 'member'], ['supplier.id', 'relation'], ['photo', 'presence']]);
  });
});

describe('a set draft', () => {
  const stored = {
    name: 'QC',
    description: '',
    members: { users: ['u1'], departments: [{ id: 'd1', withChildren: true }], roles: [] },
    forms: {
      parts: { actions: ['view', 'edit'] as const, scope: { kind: 'department' as const, withChildren: true }, fields: { price: 'hidden' as const } },
      odd: { actions: ['view'] as const, scope: { kind: 'condition' as const, filter: { code: { $in: ['x'] } } } },
    },
  };

  test('reads and saves back the same set; forms without actions are left out', () => {
    const d = draftOf({ ...stored, forms: { parts: { ...stored.forms.parts, actions: [...stored.forms.parts.actions] }, odd: { ...stored.forms.odd, actions: [...stored.forms.odd.actions] } } });
    expect(d.forms.parts.scope).toBe('departmentTree');
    expect(d.forms.odd.conditions).toBeNull();
    const input = inputOf(d);
    expect(input.forms).toEqual({ parts: stored.forms.parts, odd: stored.forms.odd });
    const cleared = { ...d, forms: { ...d.forms, odd: toggleAction(d.forms.odd, 'view', false) } };
    expect(Object.keys(inputOf(cleared).forms)).toEqual(['parts']);
    expect(sameSet(d, cleared)).toBe(false);
  });

  test('the checks before saving: named-in without fields, a condition without rows or with an unfinished row', () => {
    const d = draftOf({ name: 'x', members: { users: [], departments: [], roles: [] }, forms: {} });
    d.forms.a = { ...toggleAction(undefined, 'view', true), scope: 'namedIn' };
    d.forms.b = { ...toggleAction(undefined, 'view', true), scope: 'condition' };
    d.forms.c = { ...toggleAction(undefined, 'view', true), scope: 'condition', conditions: { combinator: 'and', rows: [{ field: 'price', op: '$eq' }] } };
    expect(problemsOf(d).map((i) => `${i.path} ${i.code}`)).toEqual(['forms.a.scope.fields no_named_fields', 'forms.b.scope.filter empty_condition', 'forms.c.scope.filter.price incomplete_condition']);
  });
});

describe('where an issue belongs', () => {
  test.each([
    ['forms.nope', { at: 'form', formId: 'nope' }],
    ['forms.parts.fields.ghost', { at: 'field', formId: 'parts', fieldId: 'ghost' }],
    ['forms.parts.scope.fields.code', { at: 'scope', formId: 'parts', fieldId: 'code' }],
    ['forms.parts.scope.filter.$and[1].price.$eq', { at: 'scope', formId: 'parts', fieldId: 'price' }],
    ['forms.parts.scope.filter.supplier.id', { at: 'scope', formId: 'parts', fieldId: 'supplier' }],
    ['members.users.nobody', { at: 'members', group: 'users', id: 'nobody' }],
    ['admins.u9', { at: 'admins', id: 'u9' }],
    ['name', { at: 'set' }],
  ])('%s', (path, target) => expect(issueTarget(path)).toEqual(target));
});
