// What the renderer works out beside the values: a new record's defaults even when the form has
// required fields, required-when marks, and the field a lookup shows.
import { createFormEngine, type Field, type FormSchema } from '../../src';
import { lookupTarget, requiredIfOf } from '../../src/react';

const engine = createFormEngine();
const today = engine.parseFormula({ id: 'x', title: 'x', fields: [] }, 'TODAY()');
if (!today.ok) throw new Error('TODAY() does not parse');

const form: FormSchema = {
  id: 'iqc',
  title: '来料检验',
  fields: [
    { id: 'lot', type: 'text', label: '批次', required: true },
    { id: 'day', type: 'date', label: '检验日期', default: { formula: { text: 'TODAY()', logic: today.logic } } },
    { id: 'qty', type: 'number', label: '数量', default: { value: 10 }, validation: { min: 1 } },
    { id: 'result', type: 'select', label: '结论', options: [{ value: 'pass', label: '合格' }, { value: 'fail', label: '不合格' }] },
    { id: 'reason', type: 'text', label: '原因', requiredIf: { '==': [{ var: 'result' }, 'fail'] } },
    { id: 'sup', type: 'relation', label: '供应商', formId: 'sup', displayField: 'name' },
    { id: 'grade', type: 'lookup', label: '供应商等级', relationField: 'sup', targetField: 'grade' },
  ],
} as FormSchema;
const suppliers: FormSchema = {
  id: 'sup',
  title: '供应商',
  fields: [{ id: 'grade', type: 'select', label: '等级', options: [{ value: 'A', label: 'A 级', color: 'green' }] }],
} as FormSchema;

test('a new record gets its defaults although a required field is empty', () => {
  const compiled = engine.compile(form);
  const now = new Date('2026-11-22T18:00:00Z'); // 2026-11-23 in Shanghai
  // The empty record fails validation (a required field is empty); its first values still hold the defaults.
  expect(compiled.process({}, { mode: 'create', now, timeZone: 'Asia/Shanghai' }).ok).toBe(false);
  expect(compiled.initialValues({ now, timeZone: 'Asia/Shanghai' })).toMatchObject({ day: '2026-11-23', qty: 10 });
});

test('required-when holds only under its condition', () => {
  const required = requiredIfOf(engine, engine.compile(form));
  expect(required({ result: 'fail' }, {})).toEqual({ reason: true });
  expect(required({ result: 'pass' }, {})).toEqual({ reason: false });
  expect(required({}, {})).toEqual({ reason: false });
});

test('a lookup shows the related form\'s field under its own id and label', () => {
  const grade = form.fields.find((f) => f.id === 'grade') as Field;
  expect(lookupTarget(grade, form.fields, [suppliers])).toMatchObject({ id: 'grade', type: 'select', label: '供应商等级', options: [{ value: 'A', label: 'A 级', color: 'green' }] });
  expect(lookupTarget(grade, form.fields, [])).toBeUndefined();
  expect(lookupTarget(form.fields[0], form.fields, [suppliers])).toBeUndefined();
});

test('a subform column required when its row says so is required in that row only', () => {
  const lines: FormSchema = {
    id: 'ncr',
    title: '不合格',
    fields: [
      { id: 'urgent', type: 'switch', label: '加急' },
      {
        id: 'lines', type: 'subform', label: '明细',
        fields: [
          { id: 'result', type: 'select', label: '结论', options: [{ value: 'pass', label: '合格' }, { value: 'fail', label: '不合格' }] },
          { id: 'defect', type: 'text', label: '缺陷', requiredIf: { '==': [{ var: '$row.result' }, 'fail'] } },
          { id: 'owner', type: 'text', label: '责任人', requiredIf: { var: 'urgent' } },
          { id: 'qty', type: 'number', label: '数量', required: true, requiredIf: { var: 'urgent' } },
        ],
      },
    ],
  } as FormSchema;
  const required = requiredIfOf(engine, engine.compile(lines));
  expect(required({ urgent: false, lines: [{ result: 'fail' }, { result: 'pass' }, {}] }, {})).toEqual({
    'lines.0.defect': true, 'lines.0.owner': false,
    'lines.1.defect': false, 'lines.1.owner': false,
    'lines.2.defect': false, 'lines.2.owner': false,
  });
  // A condition on the whole record holds in every row; an always-required column is not asked.
  expect(required({ urgent: true, lines: [{ result: 'pass' }] }, {})).toEqual({ 'lines.0.defect': false, 'lines.0.owner': true });
  expect(required({ urgent: true }, {})).toEqual({});
});
