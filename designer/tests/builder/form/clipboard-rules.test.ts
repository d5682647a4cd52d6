// Copy / paste, where fields may go, where a drop lands, and the layout and self-relation edits.
import type { Field, FormSchema } from '@tessera/form-engine';
import { createFormEngine } from '@tessera/form-engine';
import { CommandStack } from '../../../src/builder/form/model/stack';
import { copyFields, prepareFields } from '../../../src/builder/form/model/clipboard';
import { canPlace } from '../../../src/builder/form/model/rules';
import { listOf, locate, walk } from '../../../src/builder/form/model/tree';
import { newField } from '../../../src/builder/form/model/fieldTypes';
import { targetOf } from '../../../src/builder/form/dnd';
import { inspection, seeded } from './fixtures';

const engine = createFormEngine();

describe('copy and paste', () => {
  test('copies get fresh ids; references among them follow the copies, others stay', () => {
    const s = inspection();
    const data = copyFields(s, ['price', 'total']);
    const pasted = prepareFields(s, data, seeded(1));
    const [price, total] = pasted as [Field, Extract<Field, { type: 'formula' }>];
    expect(price.id).toMatch(/^money_[0-9a-z]{4}$/);
    expect(total.formula.logic).toEqual({ '*': [{ var: 'qty' }, { var: price.id }] });
    expect(price.label).toBe('单价 2');
    const ids = new Set(walk(s).map((l) => l.field.id));
    expect(pasted.some((f) => ids.has(f.id))).toBe(false);
  });

  test('subform columns copied together keep their $row references to each other', () => {
    const s = inspection();
    const data = copyFields(s, ['n', 'share']);
    expect(data.rowOf).toBe('lines');
    const [n, share] = prepareFields(s, data, seeded(2)) as [Field, Extract<Field, { type: 'formula' }>];
    expect(share.formula.logic).toEqual({ '/': [{ var: `$row.${n.id}` }, { var: 'qty' }] });
    const stack = new CommandStack(s);
    stack.execute({ type: 'fields.paste', fields: [n, share], to: { container: 'lines', index: 0 } });
    const checked = engine.checkSchema(stack.schema);
    expect(checked.ok).toBe(true);
  });

  test('cut and pasted back into the same form, fields keep their ids (their data stays theirs)', () => {
    const s = inspection();
    const data = copyFields(s, ['price'], { cut: true });
    const stack = new CommandStack(s);
    stack.execute({ type: 'fields.remove', ids: ['price'] });
    const pasted = prepareFields(stack.schema, data);
    expect(pasted.map((f) => f.id)).toEqual(['price']);
    // Pasted into another form, or where the id is taken, they are copies.
    expect(prepareFields(s, data, seeded(3))[0].id).toMatch(/^money_[0-9a-z]{4}$/);
    expect(prepareFields({ ...stack.schema, id: 'other' }, data, seeded(3))[0].id).toMatch(/^money_[0-9a-z]{4}$/);
  });
});

describe('where fields may go', () => {
  test('a field that formulas name cannot move into or out of a subform; one nothing names can', () => {
    const s = inspection();
    expect(canPlace(s, [{ type: 'number', id: 'qty' }], 'lines')).toEqual({ ok: false, reason: 'referenced', id: 'qty' });
    expect(canPlace(s, [{ type: 'number', id: 'n' }], 'root')).toEqual({ ok: false, reason: 'referenced', id: 'n' });
    expect(canPlace(s, [{ type: 'formula', id: 'share' }], 'root')).toEqual({ ok: false, reason: 'referenced', id: 'share' });
    expect(canPlace(s, [{ type: 'text', id: 'note' }], 'lines')).toEqual({ ok: true });
    expect(canPlace(s, [{ type: 'text', id: 'defect' }], 'root')).toEqual({ ok: true });
    // Within the same scope nothing changes for formulas.
    expect(canPlace(s, [{ type: 'number', id: 'qty' }], 'info')).toEqual({ ok: true });
  });
});

describe('drop targets', () => {
  const rect = (top: number) => ({ left: 0, top, width: 400, height: 60 });
  test('over a field: before it in its upper half, after it in its lower half', () => {
    const over = { data: { kind: 'field' as const, id: 'a', container: 'root', index: 2, axis: 'y' as const }, rect: rect(100) };
    expect(targetOf(over, { x: 10, y: 110 }, [])).toMatchObject({ container: 'root', index: 2, line: { top: 100 - 1.5 } });
    expect(targetOf(over, { x: 10, y: 150 }, [])).toMatchObject({ container: 'root', index: 3, line: { top: 160 - 1.5 } });
  });
  test('in free space of a list: before the first field below the pointer, else at the end; an empty list takes index 0', () => {
    const zone = { data: { kind: 'zone' as const, container: 'info', count: 2, axis: 'y' as const }, rect: { left: 0, top: 0, width: 400, height: 300 } };
    const siblings = [{ index: 0, rect: rect(10) }, { index: 1, rect: rect(100) }];
    expect(targetOf(zone, { x: 10, y: 80 }, siblings).index).toBe(1);
    expect(targetOf(zone, { x: 10, y: 250 }, siblings).index).toBe(2);
    expect(targetOf({ ...zone, data: { ...zone.data, count: 0 } }, { x: 10, y: 50 }, []).index).toBe(0);
  });
});

describe('layout and relations', () => {
  test('field.layout renames, adds and removes tabs without touching what the others hold; undo and redo', () => {
    const s = inspection();
    const stack = new CommandStack(s);
    stack.execute({ type: 'field.layout', id: 'tabs1', items: [{ id: 'tabB', label: 'B2' }, { id: 'tabC', label: 'C' }] });
    const tabs = locate(stack.schema, 'tabs1')!.field as Extract<Field, { type: 'tabs' }>;
    expect(tabs.tabs.map((t) => [t.id, t.label, t.fields.length])).toEqual([['tabB', 'B2', 0], ['tabC', 'C', 0]]);
    expect(locate(stack.schema, 'note')).toBeUndefined();
    stack.undo();
    expect(stack.schema).toEqual(s);
    stack.redo();
    expect(listOf(stack.schema, 'tabs1/tabC')).toEqual([]);
    expect(() => stack.execute({ type: 'field.update', id: 'tabs1', set: { tabs: [] } })).toThrow(/cannot change tabs/);
    expect(() => stack.execute({ type: 'field.layout', id: 'tabs1', items: [{ id: 'qty', label: 'X' }] })).toThrow(/taken/);
  });

  test('renaming a field also renames what a relation to this same form shows, scans and copies', () => {
    const s: FormSchema = {
      id: 'parts',
      title: '物料',
      fields: [
        { id: 'code', type: 'text', label: '编码' },
        { id: 'name', type: 'text', label: '名称' },
        { id: 'parent', type: 'relation', label: '上级物料', formId: 'parts', displayField: 'name', scanField: 'code', autofill: [{ from: 'name', to: 'name2' }] },
        { id: 'name2', type: 'text', label: '上级名称' },
        { id: 'parentCode', type: 'lookup', label: '上级编码', relationField: 'parent', targetField: 'code' },
      ],
    };
    const stack = new CommandStack(s);
    stack.execute({ type: 'field.rename', from: 'code', to: 'partNo' });
    stack.execute({ type: 'field.rename', from: 'name', to: 'title' });
    const parent = locate(stack.schema, 'parent')!.field as Extract<Field, { type: 'relation' }>;
    expect(parent).toMatchObject({ displayField: 'title', scanField: 'partNo', autofill: [{ from: 'title', to: 'name2' }] });
    expect(locate(stack.schema, 'parentCode')!.field).toMatchObject({ targetField: 'partNo' });
    expect(engine.checkSchema(stack.schema, { forms: () => undefined }).ok).toBe(true);
    stack.undo();
    stack.undo();
    expect(stack.schema).toEqual(s);
  });

  test('a new relation points at the app\'s first other form and its title field; a new lookup at the first relation', () => {
    const other: FormSchema = { id: 'suppliers', title: '供应商', titleField: 'name', fields: [{ id: 'code', type: 'text', label: '编码' }, { id: 'name', type: 'text', label: '名称' }] };
    const ctx = { newId: (p: string) => `${p}_1`, locale: 'zh-CN' as const, labels: new Set<string>(), forms: [other] };
    const rel = newField('relation', { ...ctx, schema: inspection() });
    expect(rel).toMatchObject({ formId: 'suppliers', displayField: 'name' });
    const withRel = { ...inspection(), fields: [...inspection().fields, rel] };
    expect(newField('lookup', { ...ctx, schema: withRel })).toMatchObject({ relationField: rel.id, targetField: 'code' });
  });
});
