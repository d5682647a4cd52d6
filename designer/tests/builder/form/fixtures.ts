// Small forms and a seeded random source for the designer model tests.
import type { FormSchema } from '@tessera/form-engine';

/** mulberry32: a tiny seeded PRNG, so a failing random test can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const inspection = (): FormSchema => ({
  id: 'iqc',
  title: '来料检验',
  fields: [
    { id: 'lot', type: 'text', label: '批次号', required: true },
    { id: 'qty', type: 'number', label: '数量' },
    { id: 'price', type: 'money', label: '单价' },
    { id: 'total', type: 'formula', label: '金额', formula: { logic: { '*': [{ var: 'qty' }, { var: 'price' }] }, text: '[数量]*[单价]' } },
    {
      id: 'info',
      type: 'section',
      label: '检验信息',
      fields: [
        { id: 'result', type: 'select', label: '结果', options: [{ value: 'pass', label: '合格' }, { value: 'fail', label: '不合格' }] },
        { id: 'reason', type: 'textarea', label: '原因', visibleIf: { '==': [{ var: 'result' }, 'fail'] } },
      ],
    },
    {
      id: 'lines',
      type: 'subform',
      label: '缺陷明细',
      fields: [
        { id: 'defect', type: 'text', label: '缺陷' },
        { id: 'n', type: 'number', label: '件数' },
        { id: 'share', type: 'formula', label: '占比', formula: { logic: { '/': [{ var: '$row.n' }, { var: 'qty' }] } } },
      ],
      totals: [{ field: 'n', fn: 'sum' }],
    },
    {
      id: 'tabs1',
      type: 'tabs',
      label: '附加',
      tabs: [
        { id: 'tabA', label: 'A', fields: [{ id: 'note', type: 'text', label: '备注' }] },
        { id: 'tabB', label: 'B', fields: [] },
      ],
    },
    { id: 'cols', type: 'columns', label: '分栏', columns: [{ id: 'c1', span: 12, fields: [] }, { id: 'c2', span: 12, fields: [{ id: 'inspector', type: 'member', label: '检验员' }] }] },
  ],
  titleField: 'lot',
  rules: [{ id: 'r1', logic: { '>': [{ var: 'qty' }, 0] }, message: '数量必须大于 0' }],
});
