// The sort control where column headers are not there to click (a phone's cards): one box with
// each sortable field ascending and descending, and the default (newest first).
import { Select } from 'antd';
import { textOf, type Field } from '@tessera/form-engine';
import { fmt } from '../../lib/i18n';
import { useListT } from './strings';

/** Whether a field's column can be sorted: one plain value a record (not a list, a relation or a person's id). */
export const sortable = (f: Field): boolean => !['relation', 'multiselect', 'member', 'department'].includes(f.type);

export function SortSelect({ fields, value, onChange }: { fields: Field[]; value: string | undefined; onChange(sort: string | undefined): void }) {
  const { t, l, locale } = useListT();
  const keys = [...fields.filter(sortable).map((f) => ({ id: f.id, name: textOf(f.label, locale) })), { id: '_createdAt', name: t.createdAt }];
  const options = [
    { value: '', label: l.sortDefault },
    ...keys.flatMap((k) => [
      { value: k.id, label: fmt(l.ascending, { f: k.name }) },
      { value: `-${k.id}`, label: fmt(l.descending, { f: k.name }) },
    ]),
  ];
  return <Select style={{ width: '100%' }} value={value ?? ''} onChange={(s: string) => onChange(s || undefined)} options={options} aria-label={l.sort} showSearch={{ optionFilterProp: 'label' }} />;
}
