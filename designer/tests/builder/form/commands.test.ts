// Every designer command: execute → undo → redo, through the stack as the designer uses it.
import type { Field, FormSchema } from '@tessera/form-engine';
import { CommandStack } from '../../../src/builder/form/model/stack';
import { CommandError, type Command } from '../../../src/builder/form/model/commands';
import { listOf, locate } from '../../../src/builder/form/model/tree';
import { inspection } from './fixtures';

/** Runs cmd, checks the expectation, undoes to the exact start, redoes to the exact result. */
function roundTrip(cmd: Command, expectAfter: (s: FormSchema) => void): FormSchema {
  const start = inspection();
  const stack = new CommandStack(start);
  stack.execute(cmd);
  const after = stack.schema;
  expectAfter(after);
  expect(stack.undo()).toBe(true);
  expect(stack.schema).toEqual(start);
  expect(stack.redo()).toBe(true);
  expect(stack.schema).toEqual(after);
  return after;
}

const ids = (list: Field[] | undefined) => (list ?? []).map((f) => f.id);

describe('designer commands', () => {
  test('field.add puts new fields at the position, in a tab too', () => {
    roundTrip({ type: 'field.add', fields: [{ id: 'x', type: 'text', label: 'X' }], to: { container: 'root', index: 1 } }, (s) => {
      expect(ids(s.fields).slice(0, 3)).toEqual(['lot', 'x', 'qty']);
    });
    roundTrip({ type: 'field.add', fields: [{ id: 'y', type: 'date', label: 'Y' }], to: { container: 'tabs1/tabB', index: 0 } }, (s) => {
      expect(ids(listOf(s, 'tabs1/tabB'))).toEqual(['y']);
    });
  });

  test('field.add refuses a taken id and an unknown container, changing nothing', () => {
    const stack = new CommandStack(inspection());
    expect(() => stack.execute({ type: 'field.add', fields: [{ id: 'n', type: 'text', label: 'dup' }], to: { container: 'root', index: 0 } })).toThrow(CommandError);
    expect(() => stack.execute({ type: 'field.add', fields: [{ id: 'z', type: 'text', label: 'z' }], to: { container: 'nope', index: 0 } })).toThrow(/no container/);
    expect(stack.schema).toEqual(inspection());
    expect(stack.getState().canUndo).toBe(false);
  });

  test('fields.move keeps visual order, crosses containers, and indexes as the drop indicator showed', () => {
    roundTrip({ type: 'fields.move', ids: ['price', 'lot'], to: { container: 'info', index: 1 } }, (s) => {
      expect(ids(listOf(s, 'info'))).toEqual(['result', 'lot', 'price', 'reason']);
      expect(ids(s.fields)[0]).toBe('qty');
    });
    // Dropping below itself in the same list: the index counts the field being moved.
    roundTrip({ type: 'fields.move', ids: ['lot'], to: { container: 'root', index: 3 } }, (s) => {
      expect(ids(s.fields).slice(0, 4)).toEqual(['qty', 'price', 'lot', 'total']);
    });
    roundTrip({ type: 'fields.move', ids: ['note'], to: { container: 'cols/c1', index: 0 } }, (s) => {
      expect(ids(listOf(s, 'cols/c1'))).toEqual(['note']);
      expect(ids(listOf(s, 'tabs1/tabA'))).toEqual([]);
    });
  });

  test('fields.move refuses moving a container into itself', () => {
    const stack = new CommandStack(inspection());
    expect(() => stack.execute({ type: 'fields.move', ids: ['tabs1'], to: { container: 'tabs1/tabB', index: 0 } })).toThrow(/into itself/);
    expect(stack.schema).toEqual(inspection());
  });

  test('fields.remove takes containers with their content and puts everything back', () => {
    roundTrip({ type: 'fields.remove', ids: ['info', 'reason', 'qty', 'n'] }, (s) => {
      expect(locate(s, 'info')).toBeUndefined();
      expect(locate(s, 'reason')).toBeUndefined();
      expect(locate(s, 'qty')).toBeUndefined();
      expect(ids(listOf(s, 'lines'))).toEqual(['defect', 'share']);
    });
  });

  test('field.update sets and unsets properties', () => {
    roundTrip({ type: 'field.update', id: 'reason', set: { required: true, label: { 'zh-CN': '原因', 'en-US': 'Reason' } }, unset: ['visibleIf'] }, (s) => {
      const f = locate(s, 'reason')!.field;
      expect(f.required).toBe(true);
      expect(f.visibleIf).toBeUndefined();
      expect('visibleIf' in f).toBe(false);
    });
  });

  test('field.update cannot change an id (field.rename does)', () => {
    const stack = new CommandStack(inspection());
    expect(() => stack.execute({ type: 'field.update', id: 'qty', set: { id: 'q' } })).toThrow(/field.rename/);
  });

  test('field.rename rewrites formulas, rules, totals, row formulas and the title field', () => {
    const after = roundTrip({ type: 'field.rename', from: 'qty', to: 'quantity' }, (s) => {
      const total = locate(s, 'total')!.field as Extract<Field, { type: 'formula' }>;
      expect(total.formula.logic).toEqual({ '*': [{ var: 'quantity' }, { var: 'price' }] });
      expect(total.formula.text).toBeUndefined();
      expect(s.rules![0].logic).toEqual({ '>': [{ var: 'quantity' }, 0] });
      const share = locate(s, 'share')!.field as Extract<Field, { type: 'formula' }>;
      expect(share.formula.logic).toEqual({ '/': [{ var: '$row.n' }, { var: 'quantity' }] });
    });
    expect(after.titleField).toBe('lot');
    roundTrip({ type: 'field.rename', from: 'n', to: 'count' }, (s) => {
      const sub = locate(s, 'lines')!.field as Extract<Field, { type: 'subform' }>;
      expect(sub.totals).toEqual([{ field: 'count', fn: 'sum' }]);
      const share = locate(s, 'share')!.field as Extract<Field, { type: 'formula' }>;
      expect(share.formula.logic).toEqual({ '/': [{ var: '$row.count' }, { var: 'qty' }] });
    });
    roundTrip({ type: 'field.rename', from: 'lot', to: 'batch' }, (s) => expect(s.titleField).toBe('batch'));
    roundTrip({ type: 'field.rename', from: 'result', to: 'verdict' }, (s) => {
      expect(locate(s, 'reason')!.field.visibleIf).toEqual({ '==': [{ var: 'verdict' }, 'fail'] });
    });
  });

  test('field.rename refuses a taken or invalid id', () => {
    const stack = new CommandStack(inspection());
    expect(() => stack.execute({ type: 'field.rename', from: 'qty', to: 'price' })).toThrow(/taken/);
    expect(() => stack.execute({ type: 'field.rename', from: 'qty', to: '9x' })).toThrow(/invalid id/);
    expect(stack.schema).toEqual(inspection());
  });

  test('fields.paste and form.update', () => {
    roundTrip({ type: 'fields.paste', fields: [{ id: 'p1', type: 'text', label: 'P' }], to: { container: 'lines', index: 0 } }, (s) => {
      expect(ids(listOf(s, 'lines'))[0]).toBe('p1');
    });
    roundTrip({ type: 'form.update', set: { title: { 'zh-CN': '来料检验单', 'en-US': 'Incoming inspection' } }, unset: ['rules'] }, (s) => {
      expect(s.rules).toBeUndefined();
      expect(s.title).toEqual({ 'zh-CN': '来料检验单', 'en-US': 'Incoming inspection' });
    });
    const stack = new CommandStack(inspection());
    expect(() => stack.execute({ type: 'form.update', set: { fields: [] } })).toThrow(/cannot change fields/);
  });
});
