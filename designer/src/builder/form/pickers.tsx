// Pickers of people and departments for rule values: they store ids and always show names.
import { useEffect, useMemo, useState } from 'react';
import { Select, TreeSelect } from 'antd';
import { api } from '../../lib/api';

interface UserItem {
  _id: string;
  displayName: string;
  username: string;
}

export function MemberPicker({ value, onChange, multiple, ariaLabel }: { value: string[]; onChange(ids: string[]): void; multiple?: boolean; ariaLabel: string }) {
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  const [found, setFound] = useState<UserItem[]>([]);
  const key = value.join(',');
  useEffect(() => {
    const missing = value.filter((id) => !known.has(id));
    if (!missing.length) return;
    api<{ items: UserItem[] }>('GET', `/api/users/lookup?ids=${encodeURIComponent(missing.join(','))}`)
      .then((r) => setKnown((m) => new Map([...m, ...r.items.map((u) => [u._id, u.displayName || u.username] as const)])))
      .catch(() => undefined);
  }, [key]);
  const search = (q: string) =>
    api<{ items: UserItem[] }>('GET', `/api/users/lookup?q=${encodeURIComponent(q)}`)
      .then((r) => {
        setFound(r.items);
        setKnown((m) => new Map([...m, ...r.items.map((u) => [u._id, u.displayName || u.username] as const)]));
      })
      .catch(() => setFound([]));
  useEffect(() => void search(''), []);
  const options = useMemo(() => {
    const ids = new Set([...value, ...found.map((u) => u._id)]);
    return [...ids].map((id) => ({ value: id, label: known.get(id) ?? '…' }));
  }, [value, found, known]);
  return (
    <Select
      aria-label={ariaLabel}
      size="small"
      style={{ width: '100%' }}
      mode={multiple === false ? undefined : 'multiple'}
      showSearch
      filterOption={false}
      onSearch={search}
      value={multiple === false ? value[0] : value}
      options={options}
      onChange={(v) => onChange(Array.isArray(v) ? v : v ? [v] : [])}
    />
  );
}

interface DeptItem {
  _id: string;
  name: string;
  parentId: string | null;
}

export function DepartmentPicker({ value, onChange, ariaLabel }: { value: string[]; onChange(ids: string[]): void; ariaLabel: string }) {
  const [items, setItems] = useState<DeptItem[]>([]);
  useEffect(() => {
    api<{ items: DeptItem[] }>('GET', '/api/departments').then((r) => setItems(r.items), () => setItems([]));
  }, []);
  const tree = useMemo(() => {
    type Node = { value: string; title: string; children: Node[] };
    const nodes = new Map<string, Node>(items.map((d) => [d._id, { value: d._id, title: d.name, children: [] }]));
    const roots: Node[] = [];
    for (const d of items) (d.parentId && nodes.get(d.parentId) ? nodes.get(d.parentId)!.children : roots).push(nodes.get(d._id)!);
    return roots;
  }, [items]);
  return <TreeSelect aria-label={ariaLabel} size="small" style={{ width: '100%' }} treeData={tree} multiple treeDefaultExpandAll value={value} onChange={(v) => onChange(v as string[])} />;
}
