// The command stack: 100 random edits undone give back the exact starting schema and redone the
// exact end; typing merges into one step; the history survives a reload (JSON); a 409 replays
// one's unsaved edits on the server's draft.
import type { FieldType, FormSchema } from '@tessera/form-engine';
import { CommandStack } from '../../../src/builder/form/model/stack';
import { CommandError } from '../../../src/builder/form/model/commands';
import { locate, walk } from '../../../src/builder/form/model/tree';
import { canPlace } from '../../../src/builder/form/model/rules';
import { inspection, randomEdit, seeded } from './fixtures';

describe('command stack', () => {
  test.each([1, 2, 3, 4, 5])('100 random edits (seed %i): undo all gives the start, redo all the end', (seed) => {
    const rnd = seeded(seed);
    const start = inspection();
    const stack = new CommandStack(start, { mergeMs: 0 });
    const taken = new Set(walk(start).map((l) => l.field.id));
    let made = 0;
    for (let tries = 0; made < 100 && tries < 1000; tries++) {
      const cmd = randomEdit(stack.schema, rnd, taken);
      if (!cmd) continue;
      try {
        stack.execute(cmd, tries);
        made++;
      } catch (e) {
        if (!(e instanceof CommandError)) throw e;
      }
    }
    expect(made).toBe(100);
    const end = structuredClone(stack.schema);
    expect(stack.getState().depth).toBe(100);
    while (stack.undo());
    expect(stack.schema).toEqual(start);
    while (stack.redo());
    expect(stack.schema).toEqual(end);
    // And through JSON, as after a page reload.
    const reloaded = CommandStack.fromJSON(JSON.parse(JSON.stringify(stack.toJSON())));
    expect(reloaded.schema).toEqual(end);
    while (reloaded.undo());
    expect(reloaded.schema).toEqual(start);
  });

  test('typing in one property merges into one step; another property or a pause does not', () => {
    const stack = new CommandStack(inspection());
    stack.execute({ type: 'field.update', id: 'lot', set: { label: '批' } }, 1000);
    stack.execute({ type: 'field.update', id: 'lot', set: { label: '批次' } }, 1200);
    stack.execute({ type: 'field.update', id: 'lot', set: { label: '批次编号' } }, 1400);
    expect(stack.getState().depth).toBe(1);
    stack.execute({ type: 'field.update', id: 'lot', set: { help: '印在箱标上' } }, 1500);
    stack.execute({ type: 'field.update', id: 'lot', set: { help: '印在箱标上的批次' } }, 4000);
    expect(stack.getState().depth).toBe(3);
    stack.undo();
    stack.undo();
    expect(locate(stack.schema, 'lot')!.field.label).toBe('批次编号');
    stack.undo();
    expect(locate(stack.schema, 'lot')!.field.label).toBe('批次号');
  });

  test('a saved step is never merged into, so "unsaved changes" sees the next keystroke', () => {
    const stack = new CommandStack(inspection());
    stack.execute({ type: 'field.update', id: 'lot', set: { label: 'A' } }, 1000);
    stack.markSaved();
    expect(stack.getState().dirty).toBe(false);
    stack.execute({ type: 'field.update', id: 'lot', set: { label: 'AB' } }, 1100);
    expect(stack.getState().dirty).toBe(true);
    stack.undo();
    expect(stack.getState().dirty).toBe(false);
    stack.undo();
    expect(stack.getState().dirty).toBe(true);
  });

  test('keeps at least 100 undo steps when the history is longer', () => {
    const start = inspection();
    const stack = new CommandStack(start, { limit: 100, mergeMs: 0 });
    for (let i = 0; i < 150; i++) stack.execute({ type: 'field.update', id: 'lot', set: { label: `v${i}` } }, i);
    let undone = 0;
    while (stack.undo()) undone++;
    expect(undone).toBe(100);
    expect(locate(stack.schema, 'lot')!.field.label).toBe('v49');
  });

  test('a 409 reapplies the unsaved edits on the fresh draft and reports those that no longer apply', () => {
    const stack = new CommandStack(inspection());
    stack.execute({ type: 'field.update', id: 'qty', set: { label: 'saved' } }, 0);
    stack.markSaved();
    stack.execute({ type: 'field.update', id: 'price', set: { required: true } }, 5000);
    stack.execute({ type: 'field.update', id: 'reason', set: { help: 'why' } }, 9000);
    // Someone else deleted "reason", renamed the form and relabelled qty meanwhile.
    const theirs = { ...inspection(), title: 'Their title', fields: inspection().fields.map((f) => (f.type === 'section' ? { ...f, fields: f.fields.filter((c) => c.id !== 'reason') } : f.id === 'qty' ? { ...f, label: 'theirs' } : f)) };
    const { skipped } = stack.reapplyOn(theirs);
    expect(skipped).toBe(1);
    expect(stack.schema.title).toBe('Their title');
    expect(locate(stack.schema, 'price')!.field.required).toBe(true);
    // qty was saved before: theirs wins there (my saved label is not an unsaved edit).
    expect(locate(stack.schema, 'qty')!.field.label).toBe('theirs');
    expect(locate(stack.schema, 'reason')).toBeUndefined();
    expect(stack.getState().dirty).toBe(true);
  });

  test('undo past a save, then a new edit: unsaved (the saved state is cut off), and a 409 still reapplies exactly my draft', () => {
    const stack = new CommandStack(inspection());
    stack.execute({ type: 'field.update', id: 'lot', set: { label: '甲1' } }, 0);
    stack.markSaved();
    stack.undo();
    expect(stack.getState().dirty).toBe(true);
    stack.execute({ type: 'field.update', id: 'qty', set: { label: '乙' } }, 5000);
    expect(stack.getState().dirty).toBe(true);
    // The server holds 甲1; my draft has the original lot label and 乙. Someone saved meanwhile.
    const theirs = { ...stack.saved, title: 'T2' };
    stack.reapplyOn(theirs);
    expect(locate(stack.schema, 'lot')!.field.label).toBe('批次号');
    expect(locate(stack.schema, 'qty')!.field.label).toBe('乙');
    expect(stack.schema.title).toBe('T2');
  });

  test('a save in flight: keystrokes typed meanwhile are a step of their own and stay unsaved', () => {
    const stack = new CommandStack(inspection());
    stack.execute({ type: 'field.update', id: 'lot', set: { label: '甲1' } }, 1000);
    const token = stack.beginSave();
    stack.execute({ type: 'field.update', id: 'lot', set: { label: '甲1-after' } }, 1100);
    expect(stack.getState().depth).toBe(2);
    stack.markSaved(token);
    expect(stack.saved).toBe(token.schema);
    expect(locate(stack.saved, 'lot')!.field.label).toBe('甲1');
    expect(stack.getState().dirty).toBe(true);
  });

  test('more edits than the history keeps since the last save: still unsaved, and all of them reapply', () => {
    const stack = new CommandStack(inspection(), { limit: 100, mergeMs: 0 });
    stack.markSaved();
    const ids = walk(inspection()).filter((l) => l.field.type !== 'tabs' && l.field.type !== 'columns').map((l) => l.field.id);
    for (let i = 0; i < 150; i++) stack.execute({ type: 'field.update', id: ids[i % ids.length], set: { help: `h${i}` } }, i);
    expect(stack.getState().dirty).toBe(true);
    const mine = structuredClone(stack.schema);
    stack.reapplyOn(inspection());
    expect(stack.schema).toEqual(mine);
  });

  test('the history survives a reload with the saved draft, so a later 409 merges from the right base', () => {
    const stack = new CommandStack(inspection());
    stack.execute({ type: 'field.update', id: 'lot', set: { label: '甲' } }, 0);
    stack.markSaved();
    stack.execute({ type: 'field.update', id: 'qty', set: { label: '乙' } }, 5000);
    const back = CommandStack.fromJSON(JSON.parse(JSON.stringify(stack.toJSON())));
    expect(back.getState().dirty).toBe(true);
    expect(locate(back.saved, 'lot')!.field.label).toBe('甲');
    back.undo();
    expect(back.getState().dirty).toBe(false);
  });
});

describe('rules: may these fields go there?', () => {
  const s = inspection();
  test('a subform row takes plain data fields only', () => {
    expect(canPlace(s, [{ type: 'number' }], 'lines')).toEqual({ ok: true });
    for (const type of ['subform', 'section', 'tabs', 'columns', 'relation', 'lookup', 'serial', 'description'] as FieldType[]) {
      expect(canPlace(s, [{ type }], 'lines')).toEqual({ ok: false, reason: 'not_in_subform', type });
    }
    expect(canPlace(s, [{ type: 'relation' }], 'info')).toEqual({ ok: true });
  });
  test('a container cannot go into itself or below itself', () => {
    expect(canPlace(s, [{ type: 'tabs', id: 'tabs1' }], 'tabs1/tabA')).toEqual({ ok: false, reason: 'into_itself' });
    const nested: FormSchema = { ...s, fields: [{ id: 'outer', type: 'section', label: 'o', fields: [{ id: 'inner', type: 'section', label: 'i', fields: [] }] }] };
    expect(canPlace(nested, [{ type: 'section', id: 'outer' }], 'inner')).toEqual({ ok: false, reason: 'into_itself' });
    expect(canPlace(s, [{ type: 'text' }], 'nowhere')).toEqual({ ok: false, reason: 'unknown_container' });
  });
});
