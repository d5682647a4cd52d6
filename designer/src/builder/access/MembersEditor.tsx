// Who a permission set applies to: people (the designer's member picker, /api/users/lookup),
// departments (the department picker, /api/departments), each with or without the departments
// below it, and roles (/api/roles). Names only, never ids; a name that cannot be found reads
// "unknown …".
import { useEffect, useMemo, useState } from 'react';
import { Button, Select, Switch, Typography } from 'antd';
import { formServices } from '../../lib/api';
import { fmt } from '../../lib/i18n';
import { useBT } from '../i18n';
import { DepartmentPicker, MemberPicker } from '../form/pickers';
import { accessApi, type Role } from './api';
import type { SetMembers } from './model';

/** The department names (for the "include sub-departments" switches), or null while they come. */
function useDepartmentNames(): Map<string, string> | null {
  const [names, setNames] = useState<Map<string, string> | null>(null);
  useEffect(() => {
    let live = true;
    formServices('', '')
      .listDepartments()
      .then(
        (items) => live && setNames(new Map(items.map((d) => [d.id, d.name]))),
        () => live && setNames(new Map()),
      );
    return () => {
      live = false;
    };
  }, []);
  return names;
}

function useRoles(): Role[] | null {
  const [roles, setRoles] = useState<Role[] | null>(null);
  useEffect(() => {
    let live = true;
    accessApi.roles().then(
      (r) => live && setRoles(r),
      () => live && setRoles([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return roles;
}

/** What the server said no longer exists in a group of members: the ids and the sentence. */
export interface GoneMembers {
  ids: string[];
  text: string;
}

/** The sentence and a button that takes the members that no longer exist out of the set. */
function Gone({ gone, onRemove }: { gone: GoneMembers | null; onRemove(ids: string[]): void }) {
  const { b } = useBT();
  if (!gone) return null;
  return (
    <div role="alert" style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <Typography.Text type="danger" style={{ fontSize: 12 }}>{gone.text}</Typography.Text>
      <Button size="small" type="link" danger onClick={() => onRemove(gone.ids)}>{b.access.removeGone}</Button>
    </div>
  );
}

export function MembersEditor({ value, onChange, gone }: { value: SetMembers; onChange(m: SetMembers): void; gone(group: 'users' | 'departments' | 'roles'): GoneMembers | null }) {
  const { b } = useBT();
  const a = b.access;
  const names = useDepartmentNames();
  const roles = useRoles();
  const roleOptions = useMemo(() => {
    const known = new Map((roles ?? []).map((r) => [r._id, r.name]));
    const ids = [...new Set([...(roles ?? []).map((r) => r._id), ...value.roles])];
    return ids.map((id) => ({ value: id, label: known.get(id) ?? (roles ? a.unknownRole : b.loadingName) }));
  }, [roles, value.roles, a.unknownRole, b.loadingName]);
  const label = (text: string, htmlFor?: string) => <Typography.Text strong style={{ display: 'block', margin: '8px 0 4px' }}>{htmlFor ? <label htmlFor={htmlFor}>{text}</label> : text}</Typography.Text>;
  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{a.membersHelp}</Typography.Paragraph>
      {label(a.users)}
      <MemberPicker ariaLabel={a.users} value={value.users} onChange={(users) => onChange({ ...value, users })} />
      <Gone gone={gone('users')} onRemove={(ids) => onChange({ ...value, users: value.users.filter((u) => !ids.includes(u)) })} />
      {label(a.departments)}
      <DepartmentPicker
        ariaLabel={a.departments}
        value={value.departments.map((d) => d.id)}
        onChange={(ids) => onChange({ ...value, departments: ids.map((id) => value.departments.find((d) => d.id === id) ?? { id, withChildren: false }) })}
      />
      {value.departments.length ? (
        <div style={{ display: 'grid', gap: 4, marginTop: 6 }}>
          {value.departments.map((d) => {
            const name = names?.get(d.id) ?? (names ? b.unknownDepartment : b.loadingName);
            return (
              <div key={d.id} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <span style={{ minWidth: 96 }}>{name}</span>
                <Switch
                  size="small"
                  aria-label={fmt(a.withChildrenOf, { name })}
                  checked={d.withChildren}
                  onChange={(on) => onChange({ ...value, departments: value.departments.map((x) => (x.id === d.id ? { ...x, withChildren: on } : x)) })}
                />
                <Typography.Text type="secondary">{a.withChildren}</Typography.Text>
              </div>
            );
          })}
        </div>
      ) : null}
      <Gone gone={gone('departments')} onRemove={(ids) => onChange({ ...value, departments: value.departments.filter((d) => !ids.includes(d.id)) })} />
      {label(a.roles)}
      <Select aria-label={a.roles} mode="multiple" size="small" style={{ width: '100%' }} loading={!roles} value={value.roles} options={roleOptions} optionFilterProp="label" onChange={(ids: string[]) => onChange({ ...value, roles: ids })} />
      <Gone gone={gone('roles')} onRemove={(ids) => onChange({ ...value, roles: value.roles.filter((r) => !ids.includes(r)) })} />
    </div>
  );
}
