// The three-way merge behind "reapply my changes" after a 409 (and after a reload onto a newer
// draft): my edits, found by comparing the saved draft with mine, replayed on theirs.
import type { Field, FormSchema } from '@tessera/form-engine';
import { CommandStack } from '../../../src/builder/form/model/stack';
import { CommandError, type Command } from '../../../src/builder/form/model/commands';
import { planMerge } from '../../../src/builder/form/model/merge';
import { listOf, locate, walk } from '../../../src/builder/form/model/tree';
import { inspection, randomEdit, seeded } from './fixtures';

const ids = (s: FormSchema, container = 'root') => (listOf(s, container) ?? []).map((f) => f.id);

function edited(seed: number, n: number, from: FormSchema = inspection()): FormSchema {
  const rnd = seeded(seed);
  const stack = new CommandStack(from, { mergeMs: 0 });
  const taken = new Set(walk(from).map((l) => l.field.id));
  for (let made = 0, tries = 0; made < n && tries < 500; tries++) {
    const cmd = randomEdit(stack.schema, rnd, taken);
    if (!cmd) continue;
    try {
      stack.execute(cmd, tries);
      made++;
    } catch (e) {
      if (!(e instanceof CommandError)) throw e;
    }
  }
  return stack.schema;
}

describe('planMerge', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('on an unchanged draft, my random edits (seed %i) give back exactly my draft', (seed) => {
    const base = inspection();
    const mine = edited(seed, 40);
    const stack = new CommandStack(base);
    const { commands, skipped } = planMerge(base, mine, base);
    expect(skipped).toBe(0);
    stack.rebase(base, commands);
    expect(stack.schema).toEqual(mine);
    // And the merge is a history: undone, it is their draft again.
    while (stack.undo());
    expect(stack.schema).toEqual(base);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8])('both of us edited at random (seed %i): the merge applies, ids stay unique, my fields that they kept are there', (seed) => {
    const base = inspection();
    const mine = edited(seed, 25);
    const theirs = edited(seed + 1000, 25);
    const plan = planMerge(base, mine, theirs);
    const merged = new CommandStack(theirs);
    const { failed } = merged.rebase(theirs, plan.commands);
    expect(failed).toEqual([]);
    const all = walk(merged.schema).map((l) => l.field.id);
    expect(new Set(all).size).toBe(all.length);
    const theirIds = new Set(walk(theirs).map((l) => l.field.id));
    const baseIds = new Set(walk(base).map((l) => l.field.id));
    // Fields I added are there, unless they sat in something the other analyst deleted. (Ids the
    // random editor renamed start with r_: a rename of a field they also changed is theirs.)
    for (const l of walk(mine)) {
      if (baseIds.has(l.field.id) || l.field.id.startsWith('r_') || l.ancestors.some((a) => (baseIds.has(a) && !theirIds.has(a)) || a.startsWith('r_'))) continue;
      expect({ id: l.field.id, there: all.includes(l.field.id) }).toEqual({ id: l.field.id, there: true });
    }
  });

  test('their edits stay where I changed nothing; mine win on what I changed', () => {
    const base = inspection();
    const mine = new CommandStack(base);
    mine.execute({ type: 'field.update', id: 'lot', set: { label: '我的批次' } });
    mine.execute({ type: 'field.add', fields: [{ id: 'mine', type: 'text', label: '我加的' }], to: { container: 'info', index: 0 } });
    mine.execute({ type: 'fields.move', ids: ['price'], to: { container: 'root', index: 0 } });
    const theirs = new CommandStack(base);
    theirs.execute({ type: 'field.update', id: 'lot', set: { required: false, help: '他们的提示' } });
    theirs.execute({ type: 'field.add', fields: [{ id: 'theirs', type: 'number', label: '他们加的' }], to: { container: 'root', index: 1 } });
    theirs.execute({ type: 'fields.remove', ids: ['note'] });
    const { commands, skipped } = planMerge(base, mine.schema, theirs.schema);
    const merged = new CommandStack(theirs.schema);
    merged.rebase(theirs.schema, commands);
    const s = merged.schema;
    expect(skipped).toBe(0);
    expect(locate(s, 'lot')!.field).toMatchObject({ label: '我的批次', required: false, help: '他们的提示' });
    expect(ids(s, 'info')).toEqual(['mine', 'result', 'reason']);
    expect(ids(s).slice(0, 3)).toEqual(['price', 'lot', 'theirs']);
    expect(locate(s, 'note')).toBeUndefined();
  });

  test('a tab renamed by me while they moved a field out of that tab: no duplicate, nothing of theirs reverted', () => {
    const base = inspection();
    const mine = new CommandStack(base);
    mine.execute({ type: 'field.layout', id: 'tabs1', items: [{ id: 'tabA', label: '附件' }, { id: 'tabB', label: 'B' }] });
    const theirs = new CommandStack(base);
    theirs.execute({ type: 'fields.move', ids: ['note'], to: { container: 'root', index: 0 } });
    const plan = planMerge(base, mine.schema, theirs.schema);
    const merged = new CommandStack(theirs.schema);
    merged.rebase(theirs.schema, plan.commands);
    expect(walk(merged.schema).filter((l) => l.field.id === 'note')).toHaveLength(1);
    expect(ids(merged.schema)[0]).toBe('note');
    const tabs = locate(merged.schema, 'tabs1')!.field as Extract<Field, { type: 'tabs' }>;
    expect(tabs.tabs.map((t) => [t.id, t.label, t.fields.length])).toEqual([['tabA', '附件', 0], ['tabB', 'B', 0]]);
  });

  test('an edit of a field they deleted is skipped and counted', () => {
    const base = inspection();
    const mine = new CommandStack(base);
    mine.execute({ type: 'field.update', id: 'reason', set: { help: 'why' } });
    mine.execute({ type: 'fields.move', ids: ['qty'], to: { container: 'info', index: 0 } });
    const theirs = new CommandStack(base);
    theirs.execute({ type: 'fields.remove', ids: ['info'] });
    const plan = planMerge(base, mine.schema, theirs.schema);
    expect(plan.skipped).toBe(2);
    const merged = new CommandStack(theirs.schema);
    merged.rebase(theirs.schema, plan.commands);
    expect(locate(merged.schema, 'qty')!.container).toBe('root');
  });

  // Cases a review found (each lost or duplicated work before the fix).
  const run = (mine: CommandStack, theirs: CommandStack, base = inspection()) => {
    const plan = planMerge(base, mine.schema, theirs.schema);
    const st = new CommandStack(theirs.schema);
    const { failed } = st.rebase(theirs.schema, plan.commands);
    expect(failed).toEqual([]);
    return { s: st.schema, plan };
  };
  const stackOf = (...cmds: Command[]) => {
    const st = new CommandStack(inspection());
    for (const c of cmds) st.execute(c);
    return st;
  };

  test('they moved a field into a section I deleted: the field stays (parked at the end)', () => {
    const { s } = run(stackOf({ type: 'fields.remove', ids: ['info'] }), stackOf({ type: 'fields.move', ids: ['qty'], to: { container: 'info', index: 0 } }));
    expect(locate(s, 'qty')?.container).toBe('root');
    expect(locate(s, 'info')).toBeUndefined();
  });

  test('fields I put into a tab I added land in that tab', () => {
    const mine = stackOf(
      { type: 'field.layout', id: 'tabs1', items: [{ id: 'tabA', label: 'A' }, { id: 'tabB', label: 'B' }, { id: 'tabC', label: 'C' }] },
      { type: 'field.add', fields: [{ id: 'newf', type: 'text', label: 'N' }], to: { container: 'tabs1/tabC', index: 0 } },
      { type: 'fields.move', ids: ['lot'], to: { container: 'tabs1/tabC', index: 1 } },
    );
    const { s, plan } = run(mine, stackOf({ type: 'form.update', set: { title: 'x' } }));
    expect(plan.skipped).toBe(0);
    expect(ids(s, 'tabs1/tabC')).toEqual(['newf', 'lot']);
  });

  test('they moved a field into a tab I removed: the field stays', () => {
    const { s } = run(stackOf({ type: 'field.layout', id: 'tabs1', items: [{ id: 'tabA', label: 'A' }] }), stackOf({ type: 'fields.move', ids: ['lot'], to: { container: 'tabs1/tabB', index: 0 } }));
    // At the end of the form: the place it had is taken by their move, the place they gave it is gone.
    expect(ids(s)).toEqual(['qty', 'price', 'total', 'info', 'lines', 'tabs1', 'cols', 'lot']);
    expect(locate(s, 'lot')!.field).toEqual({ id: 'lot', type: 'text', label: '批次号', required: true });
  });

  test('a rename is one field renamed: their references follow it and their edits of it stay', () => {
    const theirs = stackOf(
      { type: 'field.add', fields: [{ id: 'dbl', type: 'formula', label: 'D', formula: { logic: { '*': [{ var: 'qty' }, 2] } } }], to: { container: 'root', index: 0 } },
      { type: 'field.update', id: 'qty', set: { required: true } },
    );
    const { s } = run(stackOf({ type: 'field.rename', from: 'qty', to: 'amount' }), theirs);
    expect((locate(s, 'dbl')!.field as Extract<Field, { type: 'formula' }>).formula.logic).toEqual({ '*': [{ var: 'amount' }, 2] });
    expect(locate(s, 'amount')!.field.required).toBe(true);
    expect(locate(s, 'qty')).toBeUndefined();
  });

  test('a renamed section keeps what they added into it', () => {
    const theirs = stackOf({ type: 'field.add', fields: [{ id: 'tnew', type: 'text', label: 'T' }], to: { container: 'info', index: 0 } }, { type: 'field.update', id: 'info', set: { help: 'their help' } });
    const { s } = run(stackOf({ type: 'field.rename', from: 'info', to: 'info2' }), theirs);
    expect(locate(s, 'tnew')?.container).toBe('info2');
    expect(locate(s, 'info2')!.field.help).toBe('their help');
  });

  test('renamed on both sides: one field, their id; renamed to an id they took: mine gets a fresh id; deleted by them: mine comes back', () => {
    const both = run(stackOf({ type: 'field.rename', from: 'qty', to: 'amount' }, { type: 'field.update', id: 'amount', set: { help: 'mine' } }), stackOf({ type: 'field.rename', from: 'qty', to: 'count' }));
    expect(walk(both.s).filter((l) => l.field.label === '数量').map((l) => [l.field.id, l.field.help])).toEqual([['count', 'mine']]);
    const taken = run(stackOf({ type: 'field.rename', from: 'lot', to: 'batch' }), stackOf({ type: 'field.add', fields: [{ id: 'batch', type: 'number', label: '他们的' }], to: { container: 'root', index: 0 } }));
    expect(walk(taken.s).filter((l) => l.field.label === '批次号')).toHaveLength(1);
    expect(locate(taken.s, 'batch')!.field.label).toBe('他们的');
    const gone = run(stackOf({ type: 'field.rename', from: 'price', to: 'unitPrice' }), stackOf({ type: 'fields.remove', ids: ['price'] }));
    expect(locate(gone.s, 'unitPrice')).toMatchObject({ container: 'root', index: 2, field: { id: 'unitPrice', type: 'money', label: '单价' } });
  });

  // Cases of a second review.
  test('a field only they renamed: my edit of it and my formula reading it follow their rename', () => {
    const mine = stackOf(
      { type: 'field.update', id: 'qty', set: { precision: 2 } },
      { type: 'field.add', fields: [{ id: 'dbl', type: 'formula', label: 'D', formula: { logic: { '*': [{ var: 'qty' }, 2] } } }], to: { container: 'root', index: 0 } },
    );
    const { s, plan } = run(mine, stackOf({ type: 'field.rename', from: 'qty', to: 'quantity' }));
    expect(plan.skipped).toBe(0);
    expect(locate(s, 'quantity')!.field).toMatchObject({ precision: 2 });
    expect((locate(s, 'dbl')!.field as Extract<Field, { type: 'formula' }>).formula.logic).toEqual({ '*': [{ var: 'quantity' }, 2] });
    expect(locate(s, 'qty')).toBeUndefined();
  });

  test('a field only they renamed, and a field I added with that id: mine takes a fresh id', () => {
    const mine = stackOf({ type: 'field.add', fields: [{ id: 'quantity', type: 'text', label: '我的' }], to: { container: 'root', index: 0 } });
    const { s, plan } = run(mine, stackOf({ type: 'field.rename', from: 'qty', to: 'quantity' }));
    expect(plan.skipped).toBe(0);
    expect(locate(s, 'quantity')!.field.label).toBe('数量');
    expect(walk(s).filter((l) => l.field.label === '我的')).toHaveLength(1);
  });

  test('inside a property, their keys and items stay beside mine: validation key by key, options by value, checks by id', () => {
    const base = inspection();
    const mine = stackOf(
      { type: 'field.update', id: 'qty', set: { validation: { min: 1 } } },
      { type: 'field.update', id: 'result', set: { options: [{ value: 'pass', label: '通过' }, { value: 'fail', label: '不合格' }] } },
      { type: 'form.update', set: { rules: [...base.rules!, { id: 'r2', logic: { '>': [{ var: 'price' }, 0] }, message: 'mine' }] } },
    );
    const theirs = stackOf(
      { type: 'field.update', id: 'qty', set: { validation: { max: 10 } } },
      { type: 'field.update', id: 'result', set: { options: [{ value: 'pass', label: '合格' }, { value: 'fail', label: '不合格', color: 'red' }, { value: 'hold', label: '待定' }] } },
      { type: 'form.update', set: { rules: [...base.rules!, { id: 'r3', logic: { '<': [{ var: 'qty' }, 1000] }, message: 'theirs' }] } },
    );
    const { s, plan } = run(mine, theirs);
    expect(plan.skipped).toBe(0);
    expect(locate(s, 'qty')!.field.validation).toEqual({ min: 1, max: 10 });
    expect((locate(s, 'result')!.field as Extract<Field, { type: 'select' }>).options).toEqual([
      { value: 'pass', label: '通过' },
      { value: 'fail', label: '不合格', color: 'red' },
      { value: 'hold', label: '待定' },
    ]);
    expect(s.rules!.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
  });

  test('an object I only rebuilt in another key order is no change of mine; the same key changed by both: mine', () => {
    const base: FormSchema = { ...inspection(), fields: inspection().fields.map((f) => (f.id === 'qty' ? { ...f, validation: { min: 0, max: 5 } } : f)) };
    const on = (...cmds: Command[]) => {
      const st = new CommandStack(base);
      for (const c of cmds) st.execute(c);
      return st;
    };
    const reordered = run(on({ type: 'field.update', id: 'qty', set: { validation: { max: 5, min: 0 }, label: '件数合计' } }), on({ type: 'field.update', id: 'qty', set: { validation: { min: 0, max: 10 } } }), base);
    expect(locate(reordered.s, 'qty')!.field).toMatchObject({ label: '件数合计', validation: { min: 0, max: 10 } });
    const both = run(on({ type: 'field.update', id: 'qty', set: { validation: { min: 1, max: 5 } } }), on({ type: 'field.update', id: 'qty', set: { validation: { min: 2, max: 5 } } }), base);
    expect(locate(both.s, 'qty')!.field.validation).toEqual({ min: 1, max: 5 });
  });

  test('logic is taken whole, never half mine and half theirs', () => {
    const mine = stackOf({ type: 'field.update', id: 'reason', set: { visibleIf: { '==': [{ var: 'result' }, 'pass'] } } });
    const theirs = stackOf({ type: 'field.update', id: 'reason', set: { visibleIf: { '!=': [{ var: 'lot' }, ''] } } });
    const { s } = run(mine, theirs);
    expect(locate(s, 'reason')!.field.visibleIf).toEqual({ '==': [{ var: 'result' }, 'pass'] });
  });

  test('an option I relabelled that they deleted is counted as not applied', () => {
    const mine = stackOf({ type: 'field.update', id: 'result', set: { options: [{ value: 'pass', label: '通过' }, { value: 'fail', label: '不合格' }] } });
    const theirs = stackOf({ type: 'field.update', id: 'result', set: { options: [{ value: 'fail', label: '不合格' }] } });
    const { s, plan } = run(mine, theirs);
    expect(plan.skipped).toBe(1);
    expect((locate(s, 'result')!.field as Extract<Field, { type: 'select' }>).options.map((o) => o.value)).toEqual(['fail']);
  });

  test('reapplyOn uses the plan the analyst was shown, and plans again when the drafts moved on', () => {
    const mine = stackOf({ type: 'field.update', id: 'lot', set: { help: 'mine' } });
    const theirs = stackOf({ type: 'field.update', id: 'lot', set: { required: false } }).schema;
    const shown = planMerge(mine.saved, mine.schema, theirs);
    // 1. The shown plan, as it is (here with its commands left out, to see that it is the one used).
    const a = stackOf({ type: 'field.update', id: 'lot', set: { help: 'mine' } });
    a.reapplyOn(theirs, { ...shown, basis: { base: a.saved, mine: a.schema, theirs }, commands: [] });
    expect(locate(a.schema, 'lot')!.field.help).toBeUndefined();
    // 2. A plan made from other drafts is not used.
    mine.execute({ type: 'field.update', id: 'lot', set: { label: '批号' } });
    expect(mine.reapplyOn(theirs, shown)).toEqual({ skipped: 0 });
    expect(locate(mine.schema, 'lot')!.field).toMatchObject({ help: 'mine', label: '批号', required: false });
  });
});
