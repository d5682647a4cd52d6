// 管理 / Administration, for administrators: users, departments, roles, API keys and the
// sign-in history as tabs (the tab is in the URL: /admin/users …). The users, departments and
// roles are loaded here once, since every tab names them.
import { useCallback, useMemo } from 'react';
import { Tabs, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { adminApi } from './api';
import { useLoad } from './common';
import { useAT } from './i18n';
import { UsersTab } from './UsersTab';
import { DepartmentsTab } from './DepartmentsTab';
import { RolesTab } from './RolesTab';
import { ApiKeysTab } from './ApiKeysTab';
import { LoginHistoryTab } from './LoginHistoryTab';

export const ADMIN_TABS = ['users', 'departments', 'roles', 'api-keys', 'logins'] as const;
type TabKey = (typeof ADMIN_TABS)[number];

export function AdminPage() {
  const { a } = useAT();
  const { tab } = useParams();
  const navigate = useNavigate();
  const active: TabKey = (ADMIN_TABS as readonly string[]).includes(tab ?? '') ? (tab as TabKey) : 'users';
  const users = useLoad(useCallback(() => adminApi.users().then((r) => r.items), []));
  const departments = useLoad(useCallback(() => adminApi.departments().then((r) => r.items), []));
  const roles = useLoad(useCallback(() => adminApi.roles().then((r) => r.items), []));
  const dirs = useMemo(() => ({ users, departments, roles }), [users, departments, roles]);

  const label: Record<TabKey, string> = { users: a.tabUsers, departments: a.tabDepartments, roles: a.tabRoles, 'api-keys': a.tabApiKeys, logins: a.tabLogins };
  const body: Record<TabKey, () => React.ReactNode> = {
    users: () => <UsersTab {...dirs} />,
    departments: () => <DepartmentsTab departments={departments} onChanged={() => { departments.reload(); users.reload(); }} />,
    roles: () => <RolesTab roles={roles} users={users} onChanged={() => { roles.reload(); users.reload(); }} />,
    'api-keys': () => <ApiKeysTab users={users} />,
    logins: () => <LoginHistoryTab />,
  };
  return (
    <div style={{ maxWidth: 1280, margin: '0 auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{a.title}</Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(k) => navigate(`/admin/${k}`)}
        items={ADMIN_TABS.map((k) => ({ key: k, label: label[k], children: k === active ? body[k]() : null }))}
      />
    </div>
  );
}
