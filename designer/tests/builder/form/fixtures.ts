// Small forms and a seeded random source for the designer model tests.
import { FIELD_TYPES, type FieldType, type FormSchema } from '@tessera/form-engine';
import type { Command, LayoutItem } from '../../../src/builder/form/model/commands';
import { innerContainers, listOf, walk, ROOT } from '../../../src/builder/form/model/tree';
import { idMaker, newField } from '../../../src/builder/form/model/fieldTypes';
import { canPlace } from '../../../src/builder/form/model/rules';

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

function containers(s: FormSchema): string[] {
  return [ROOT, ...walk(s).flatMap((l) => innerContainers(l.field).map((c) => c.key))];
}

/** A random edit that the designer could make on `s` (valid by the rules), or null. */
export function randomEdit(s: FormSchema, rnd: () => number, taken: Set<string>): Command | null {
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
  if (kind < 0.9) return { type: 'field.rename', from: f.id, to: newId('r') };
  if (kind < 0.95) {
    // Tabs or columns rearranged: one added, one removed (with what it holds), the order turned, a label or width changed.
    const lay = all.map((l) => l.field).find((x) => (x.type === 'tabs' || x.type === 'columns') && rnd() < 0.7);
    if (!lay || (lay.type !== 'tabs' && lay.type !== 'columns')) return null;
    const items: LayoutItem[] = lay.type === 'tabs' ? lay.tabs.map(({ fields: _f, ...own }) => own) : lay.columns.map(({ fields: _f, ...own }) => own);
    const k = rnd();
    if (k < 0.35) items.push(lay.type === 'tabs' ? { id: newId('tab'), label: 'N' } : { id: newId('col'), span: 6 });
    else if (k < 0.55 && items.length > 1) items.splice(Math.floor(rnd() * items.length), 1);
    else if (k < 0.8) items.reverse();
    else items[0] = lay.type === 'tabs' ? { ...items[0], label: `T${Math.floor(rnd() * 99)}` } : { ...items[0], span: 8 };
    return { type: 'field.layout', id: lay.id, items };
  }
  return { type: 'form.update', set: { title: `T${Math.floor(rnd() * 100)}` } };
}

