// The model's shared parts: where references are (one visitor for "is it used?" and renaming),
// locating fields (an index per version of the form), and the field lists editors read.
import { createFormEngine, type Field, type FormSchema } from '@tessera/form-engine';
import { CommandStack } from '../../../src/builder/form/model/stack';
import { renameField } from '../../../src/builder/form/model/commands';
import { usesOf } from '../../../src/builder/form/model/refs';
import { canPlace } from '../../../src/builder/form/model/rules';
import { listOf, locate, walk, withField } from '../../../src/builder/form/model/tree';
import { choicesOf, sameChoicesFor, sameScopeFor, scopeOf } from '../../../src/builder/form/model/scopes';
import { sameJson } from '../../../src/builder/form/model/threeWay';
import { isValidId } from '../../../src/builder/form/model/fieldTypes';
import { samePropsReading } from '../../../src/builder/form/props/sameProps';
import { isEmptyValue, putter } from '../../../src/builder/form/props/patch';
import { inspection } from './fixtures';

/** The inspection form with every kind of reference: a check and a relation against itself, a lookup, a default formula. */
const referencing = (): FormSchema => {
  const s = withField(inspection(), 'reason', (f) => ({ ...f, default: { formula: { logic: { var: 'lot' } } } }));
  return {
    ...s,
    fields: [
      ...s.fields,
      { id: 'parent', type: 'relation', label: '上次检验', formId: 'iqc', displayField: 'lot', scanField: 'lot', autofill: [{ from: 'price', to: 'price' }] },
      { id: 'parentInspector', type: 'lookup', label: '上次检验员', relationField: 'parent', targetField: 'inspector' },
    ],
    crossChecks: [{ id: 'cc', source: { formId: 'iqc', match: { note: { var: 'lot' } }, aggregate: 'sum', field: 'defectTotal' }, rule: { '<=': [{ var: '$value' }, 100] }, message: '超出' }],
  };
};

describe('references', () => {
  test('what a check against this same form names (its match keys, its field) cannot move into a subform', () => {
    const base = referencing();
    const s: FormSchema = { ...base, fields: [...base.fields, { id: 'defectTotal', type: 'number', label: '缺陷合计' }] };
    expect(canPlace(s, [{ type: 'text', id: 'note' }], 'lines')).toEqual({ ok: false, reason: 'referenced', id: 'note' });
    expect(canPlace(s, [{ type: 'number', id: 'defectTotal' }], 'lines')).toEqual({ ok: false, reason: 'referenced', id: 'defectTotal' });
    // A check against another form names that form's fields, not these.
    const other = { ...s, crossChecks: s.crossChecks!.map((c) => ({ ...c, source: { ...c.source, formId: 'suppliers' } })) };
    expect(canPlace(other, [{ type: 'number', id: 'defectTotal' }], 'lines')).toEqual({ ok: true });
  });

  test('renaming a field rewrites something exactly when the form uses it', () => {
    const s = referencing();
    const uses = usesOf(s);
    for (const l of walk(s)) {
      const id = l.field.id;
      const names = l.subform ? [`${l.subform}.${id}`, `$row.${id}`] : [id];
      // (By anything but itself: a subform's totals name its columns as 'lines.n', which a new id for the subform leaves alone.)
      const used = [...uses].some(([k, by]) => (names.includes(k) || (!l.subform && k.startsWith(`${id}.`))) && [...by].some((x) => x !== id));
      const rewritten = !sameJson(renameField(s, id, 'zz_new'), withField(s, id, (f) => ({ ...f, id: 'zz_new' })));
      expect({ id, rewritten }).toEqual({ id, rewritten: used });
    }
  });

  test('a rename reaches every kind of reference', () => {
    const s = renameField(renameField(renameField(referencing(), 'lot', 'batch'), 'note', 'remark'), 'inspector', 'checker');
    expect(s.titleField).toBe('batch');
    expect(locate(s, 'parent')!.field).toMatchObject({ displayField: 'batch', scanField: 'batch' });
    expect(locate(s, 'parentInspector')!.field).toMatchObject({ targetField: 'checker' });
    expect(locate(s, 'reason')!.field.default).toEqual({ formula: { logic: { var: 'batch' } } });
    expect(s.crossChecks![0].source.match).toEqual({ remark: { var: 'batch' } });
  });
});

describe('locating fields', () => {
  test('one walk per version of the fields: the same answers, however often asked', () => {
    const s = inspection();
    expect(walk(s)).toBe(walk(s));
    expect(locate(s, 'n')).toBe(locate(s, 'n'));
    expect(locate(s, 'n')).toMatchObject({ container: 'lines', index: 1, ancestors: ['lines'], subform: 'lines' });
    expect(locate(s, 'note')).toMatchObject({ container: 'tabs1/tabA', ancestors: ['tabs1'] });
    expect(locate(s, 'note')!.subform).toBeUndefined();
    // A form edit that leaves the fields alone keeps the index.
    const titled = new CommandStack(s);
    titled.execute({ type: 'form.update', set: { title: 'x' } });
    expect(walk(titled.schema)).toBe(walk(s));
  });

  test('an edit copies only the lists on the way to the field, and the new version is located afresh', () => {
    const s = inspection();
    const stack = new CommandStack(s);
    stack.execute({ type: 'field.update', id: 'note', set: { label: '说明' } });
    const next = stack.schema;
    expect(locate(next, 'note')!.field.label).toBe('说明');
    expect(locate(s, 'note')!.field.label).toBe('备注');
    expect(listOf(next, 'info')).toBe(listOf(s, 'info'));
    expect(listOf(next, 'tabs1/tabB')).toBe(listOf(s, 'tabs1/tabB'));
    expect(listOf(next, 'tabs1/tabA')).not.toBe(listOf(s, 'tabs1/tabA'));
    expect(() => stack.execute({ type: 'field.add', fields: [{ id: 'q', type: 'text', label: 'Q' }], to: { container: 'info/nope', index: 0 } })).toThrow(/no container/);
  });
});

describe('what editors read of the form', () => {
  const edit = (s: FormSchema, id: string, set: Partial<Field>) => withField(s, id, (f) => ({ ...f, ...set }) as Field);

  test('worked out once per version of the fields', () => {
    const s = inspection();
    expect(scopeOf(s, 'lines')).toBe(scopeOf(s, 'lines'));
    const titled: FormSchema = { ...s, title: 'x' };
    const { conditions } = createFormEngine();
    expect(choicesOf(conditions, s)).toBe(choicesOf(conditions, titled));
  });

  test('a rule builder or formula editor is not re-rendered for an edit that changes nothing it reads', () => {
    const s = inspection();
    const onChange = () => undefined;
    const props = (schema: FormSchema) => ({ schema, rowOf: 'lines', value: undefined, label: 'L', onChange: () => onChange() });
    const rules = samePropsReading(sameChoicesFor);
    const formula = samePropsReading(sameScopeFor);
    const helped = edit(s, 'qty', { help: '件' });
    expect(rules(props(s), props(helped))).toBe(true);
    expect(formula(props(s), props(helped))).toBe(true);
    const relabelled = edit(s, 'qty', { label: '件数' });
    expect(rules(props(s), props(relabelled))).toBe(false);
    expect(formula(props(s), props(relabelled))).toBe(false);
    const optioned = edit(s, 'result', { options: [{ value: 'pass', label: '合格' }] } as Partial<Field>);
    expect(rules(props(s), props(optioned))).toBe(false);
  });
});

describe('small shared rules', () => {
  test('ids: a letter, then letters, digits or _', () => {
    expect(['qty', 'a_1', 'Z'].every(isValidId)).toBe(true);
    expect(['1a', '_a', 'a-b', '', 'a'.repeat(65)].some(isValidId)).toBe(false);
  });

  test('an emptied property is unset, a value (0 too) is set', () => {
    const calls: unknown[] = [];
    const put = putter((set, unset) => calls.push([set, unset]));
    put('precision')(0);
    put('precision')(undefined);
    put('rules')([]);
    put('required')(false);
    expect(calls).toEqual([[{ precision: 0 }, undefined], [{}, ['precision']], [{}, ['rules']], [{}, ['required']]]);
    expect(isEmptyValue('')).toBe(true);
  });
});
