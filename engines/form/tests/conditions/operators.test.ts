// Every field type × every operator it offers, through the public API: the condition written
// as json-logic reads back as the same condition, and the form engine — a field shown when the
// condition holds — shows it exactly for the values that must match, at the top level and
// inside a subform row ($row paths).
import { createFormEngine, FIELD_TYPES, LAYOUT_TYPES, type Condition, type Field, type FormSchema } from '../../src';
import { ABSENT, TYPE_CASES, UNTESTABLE, type OpCase } from './cases';

const engine = createFormEngine();
const conditions = engine.conditions;
const now = new Date('2026-11-24T01:30:00Z'); // 09:30 on the 24th in Shanghai

const single = (c: Condition) => ({ kind: 'group' as const, combinator: 'and' as const, children: [c] });

/** The form: the tested field and a field shown when the condition holds, at top level and in a row. */
function formFor(field: Field, condition: Omit<Condition, 'field'>) {
  const top = conditions.toLogic(single({ ...condition, field: 'v' } as Condition), (p) => (p === 'v' ? field : undefined));
  const row = conditions.toLogic(single({ ...condition, field: '$row.v' } as Condition), (p) => (p === '$row.v' ? field : undefined));
  const schema = {
    id: 'cond', title: '条件',
    fields: [
      field,
      { id: 'shown', type: 'text', label: '显示', visibleIf: top },
      { id: 'lines', type: 'subform', label: '明细', fields: [field, { id: 'shown', type: 'text', label: '显示', visibleIf: row }] },
    ],
  } as FormSchema;
  const form = engine.compile(schema);
  const put = (value: unknown) => (value === ABSENT ? {} : { v: value });
  return {
    top: (value: unknown) => form.visibility(put(value), { now }).shown,
    row: (value: unknown) => form.visibility({ lines: [put(value)] }, { now })['lines.0.shown'],
  };
}

const rows = TYPE_CASES.flatMap((t) => Object.entries(t.ops).flatMap(([op, cases]) => cases.map((c, i) => [t.name, op, i, t.field, c] as const)));

test('every testable type offers exactly the operators its case covers, in that order', () => {
  for (const t of TYPE_CASES) expect([t.name, conditions.operatorsFor(t.field).map((o) => o.id)]).toEqual([t.name, Object.keys(t.ops)]);
  for (const f of UNTESTABLE) expect(conditions.operatorsFor(f)).toEqual([]);
  // Every data type appears in one list or the other.
  const covered = new Set([...TYPE_CASES, ...UNTESTABLE.map((field) => ({ field }))].map((c) => c.field.type));
  expect(FIELD_TYPES.filter((t) => !LAYOUT_TYPES.has(t) && !covered.has(t))).toEqual([]);
});

test('conditions.fields lists the testable fields; in a row, the siblings as $row.x first', () => {
  const schema = { fields: [...UNTESTABLE.map((f, i) => ({ ...f, id: `u${i}` })), { id: 'qty', type: 'number', label: '数量' }, { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'q', type: 'number', label: '数' }, { id: 'pic', type: 'image', label: '图' }] }] } as FormSchema;
  expect(conditions.fields(schema).map((f) => f.path)).toEqual(['qty']);
  expect(conditions.fields(schema, { rowOf: 'lines' }).map((f) => [f.path, f.label])).toEqual([['$row.q', '数'], ['qty', '数量']]);
});

describe.each(rows)('%s %s #%i', (_name, op, _i, field, c: OpCase) => {
  const condition = { kind: 'condition' as const, op, ...(c.value !== undefined ? { value: c.value } : {}) };

  test('a valid condition; toLogic → fromLogic gives it back (top level and $row)', () => {
    for (const path of ['v', '$row.v']) {
      const fieldOf = (p: string) => (p === path ? field : undefined);
      const group = single({ ...condition, field: path });
      expect(conditions.validate(group, fieldOf)).toEqual([]);
      const logic = conditions.toLogic(group, fieldOf);
      expect(JSON.parse(JSON.stringify(logic))).toEqual(logic); // plain JSON, as stored
      expect(conditions.fromLogic(logic, fieldOf)).toEqual(group);
    }
  });

  test('the engine shows the field for values that match, and only those', () => {
    const form = formFor(field, condition);
    const show = (v: unknown) => (v === ABSENT ? 'absent' : JSON.stringify(v));
    for (const [values, expected] of [[c.match, true], [c.miss, false]] as const) {
      for (const v of values) {
        expect({ value: show(v), top: form.top(v) }).toEqual({ value: show(v), top: expected });
        expect({ value: show(v), row: form.row(v) }).toEqual({ value: show(v), row: expected });
      }
    }
  });
});
