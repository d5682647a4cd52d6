// The command stack: 100 random edits undone give back the exact starting schema and redone the
// exact end; typing merges into one step; the history survives a reload (JSON); a 409 replays
// one's unsaved edits on the server's draft.
import { FIELD_TYPES, type FieldType, type FormSchema } from '@tessera/form-engine';
import { CommandStack } from '../../../src/builder/form/model/stack';
import { CommandError, type Command } from '../../../src/builder/form/model/commands';
import { listOf, locate, walk, innerContainers, ROOT } from '../../../src/builder/form/model/tree';
import { idMaker, newField } from '../../../src/builder/form/model/fieldTypes';
import { canPlace } from '../../../src/builder/form/model/rules';
import { inspection, seeded } from './fixtures';

function containers(s: FormSchema): string[] {
  return [ROOT, ...walk(s).flatMap((l) => innerContainers(l.field).map((c) => c.key))];
}

/** A random edit that the designer could make on `s` (valid by the rules), or null. */
function randomEdit(s: FormSchema, rnd: () => number, taken: Set<string>): Command | null {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const all = walk(s);
  const kind = rnd();
  const newId = idMaker(taken, rnd);
  if (kind < 0.3 || all.length === 0) {
    const to = pick(containers(s));
    const type = pick(FIELD_TYPES) as FieldType;
    if (!canPlace(s, [{ type }], to).ok) return null;
    const f = newField(type, { newId, locale: 'zh-CN', labels: new Set() });
    return { type: 'field.add', fields: [f], to: { container: to, index: Math.floor(rnd() * ((listOf(s, to)?.length ?? 0) + 1)) } };
  }
  const f = pick(all).field;
  if (kind < 0.5) {
    const moving = rnd() < 0.3 ? [f, pick(all).field] : [f];
    const to = pick(containers(s));
    if (!canPlace(s, moving.map((m) => ({ type: m.type, id: m.id })), to).ok) return null;
    return { type: 'fields.move', ids: moving.map((m) => m.id), to: { container: to, index: Math.floor(rnd() * ((listOf(s, to)?.length ?? 0) + 1)) } };
  }
  if (kind < 0.6) return { type: 'fields.remove', ids: [f.id] };
  if (kind < 0.85) {
    return rnd() < 0.5
      ? { type: 'field.update', id: f.id, set: { label: `L${Math.floor(rnd() * 1000)}`, required: rnd() < 0.5 } }
      : { type: 'field.update', id: f.id, set: { span: 12 }, unset: ['help'] };
  }
  if (kind < 0.93) return { type: 'field.rename', from: f.id, to: newId('r') };
  return { type: 'form.update', set: { title: `T${Math.floor(rnd() * 100)}` } };
}

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

  test('a 409 replays the unsaved edits on the fresh draft and reports those that no longer apply', () => {
    const stack = new CommandStack(inspection());
    stack.execute({ type: 'field.update', id: 'qty', set: { label: 'saved' } }, 0);
    stack.markSaved();
    stack.execute({ type: 'field.update', id: 'price', set: { required: true } }, 5000);
    stack.execute({ type: 'field.update', id: 'reason', set: { help: 'why' } }, 9000);
    // Someone else deleted "reason" and renamed the form meanwhile.
    const fresh = { ...inspection(), title: 'Their title', fields: inspection().fields.map((f) => (f.type === 'section' ? { ...f, fields: f.fields.filter((c) => c.id !== 'reason') } : f)) };
    const { applied, failed } = stack.rebase(fresh, stack.unsaved());
    expect(applied).toBe(1);
    expect(failed).toEqual([{ type: 'field.update', id: 'reason', set: { help: 'why' } }]);
    expect(stack.schema.title).toBe('Their title');
    expect(locate(stack.schema, 'price')!.field.required).toBe(true);
    expect(locate(stack.schema, 'qty')!.field.label).toBe('数量');
    expect(stack.getState().dirty).toBe(true);
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
