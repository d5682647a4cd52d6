// The filter builder's pickers for values a person picks rather than types: related records
// (one, or several for "is any of") by their display text, people by name (the directory search
// the form's member field uses), departments by name, and a range of two days. Each hands back
// the stored values and how they read ("华东精密、苏州电子"), never ids.
import { useEffect, useRef, useState } from 'react';
import { DatePicker, Select } from 'antd';
import dayjs from 'dayjs';
import type { Field } from '@tessera/form-engine';
import type { AppServices } from '../../lib/api';
import { useListT } from './strings';

type Option = { value: string; label: string };
type Width = number | string;

/** Records of a relation's form, by their display text (the records API's lookup). */
export type SearchRelation = (fieldId: string, q: string) => Promise<Array<{ id: string; display: string }>>;

/** Options found by a search as the person types; the latest answer wins. */
function useSearch(search: (q: string) => Promise<Option[]>, key: string) {
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const asked = useRef(0);
  const find = (q: string) => {
    const n = ++asked.current;
    setLoading(true);
    search(q)
      .then((items) => n === asked.current && setOptions(items))
      .catch(() => n === asked.current && setOptions([]))
      .finally(() => n === asked.current && setLoading(false));
  };
  useEffect(() => find(''), [key]);
  return { options, loading, find };
}

/** A searched select: one value, or several (`multiple`); remembers the labels of what was picked. */
function SearchSelect({ search, searchKey, multiple, value, onPick, width, placeholder }: {
  search: (q: string) => Promise<Option[]>; searchKey: string; multiple: boolean; value: string | string[] | undefined;
  onPick(values: string[], labels: string[]): void; width: Width; placeholder: string;
}) {
  const { t } = useListT();
  const { options, loading, find } = useSearch(search, searchKey);
  const known = useRef(new Map<string, string>());
  for (const o of options) known.current.set(o.value, o.label);
  const pick = (v: string | string[]) => {
    const values = [v].flat();
    onPick(values, values.map((x) => known.current.get(x) ?? ''));
  };
  return (
    <Select
      style={{ width, minWidth: 180 }}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: find }}
      value={value}
      loading={loading}
      placeholder={placeholder}
      options={options}
      aria-label={t.value}
      onChange={pick}
    />
  );
}

export function RelationPicker({ field, search, multiple = false, value, onPick, width }: { field: Field; search: SearchRelation; multiple?: boolean; value: string | string[] | undefined; onPick(ids: string[], displays: string[]): void; width: Width }) {
  const { l } = useListT();
  const find = (q: string) => search(field.id, q).then((items) => items.map((r) => ({ value: r.id, label: r.display || l.untitled })));
  return <SearchSelect key={`${field.id}${multiple}`} search={find} searchKey={field.id} multiple={multiple} value={value} onPick={onPick} width={width} placeholder={l.pickRecord} />;
}

/** People by name, through the directory search of the form's member field. */
export function MemberPicker({ services, value, onPick, width }: { services: Pick<AppServices, 'lookupMembers'>; value: string[] | undefined; onPick(ids: string[], names: string[]): void; width: Width }) {
  const { l } = useListT();
  const find = (q: string) => services.lookupMembers(q).then((items) => items.map((u) => ({ value: u.id, label: u.displayName })));
  return <SearchSelect search={find} searchKey="members" multiple value={value} onPick={onPick} width={width} placeholder={l.pickMembers} />;
}

/** Departments by name (the directory's list, filtered as typed). */
export function DepartmentPicker({ services, value, onPick, width }: { services: Pick<AppServices, 'listDepartments'>; value: string[] | undefined; onPick(ids: string[], names: string[]): void; width: Width }) {
  const { l } = useListT();
  const all = useRef<Promise<Option[]> | null>(null);
  const find = (q: string) => {
    all.current ??= services.listDepartments().then((items) => items.map((d) => ({ value: d.id, label: d.name })));
    return all.current.then((items) => items.filter((d) => d.label.toLowerCase().includes(q.trim().toLowerCase())));
  };
  return <SearchSelect search={find} searchKey="departments" multiple value={value} onPick={onPick} width={width} placeholder={l.pickDepartments} />;
}

/** Two days, the first and the last (both included). */
export function DaysPicker({ value, onPick, width }: { value: string[] | undefined; onPick(days: [string, string] | null): void; width: Width }) {
  const { l } = useListT();
  return (
    <DatePicker.RangePicker
      style={{ width }}
      format="YYYY-MM-DD"
      placeholder={[l.startDate, l.endDate]}
      value={value ? [dayjs(value[0]), dayjs(value[1])] : null}
      onChange={(_d, s) => onPick(s[0] && s[1] ? [s[0], s[1]] : null)}
    />
  );
}
