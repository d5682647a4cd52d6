// 登录记录 / Sign-in history: who signed in and out, when and from where, newest first
// (GET /api/login-history), fifty at a time with "load older".
import { useCallback, useState } from 'react';
import { Button, Table, Tag } from 'antd';
import { adminApi, type LoginEntry } from './api';
import { dateTime, ListState, useLoad, useRefusal } from './common';
import { useAT } from './i18n';

export function LoginHistoryTab() {
  const { a } = useAT();
  const refuse = useRefusal();
  const first = useLoad(useCallback(() => adminApi.logins(), []));
  const [older, setOlder] = useState<{ items: LoginEntry[]; next: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const items = [...(first.data?.items ?? []), ...(older?.items ?? [])];
  const next = older ? older.next : (first.data?.next ?? null);
  const loadOlder = async () => {
    if (!next) return;
    setBusy(true);
    try {
      const r = await adminApi.logins(next);
      setOlder({ items: [...(older?.items ?? []), ...r.items], next: r.next ?? null });
    } catch (e) {
      refuse(e);
    } finally {
      setBusy(false);
    }
  };
  const action: Record<LoginEntry['action'], React.ReactNode> = {
    'auth.login': <Tag color="green">{a.actionLogin}</Tag>,
    'auth.logout': <Tag>{a.actionLogout}</Tag>,
    'auth.logout_everywhere': <Tag color="orange">{a.actionLogoutEverywhere}</Tag>,
  };
  if (items.length === 0) return <ListState loaded={first} total={0} shown={0} emptyText={a.noLogins} />;
  return (
    <div>
      <Table<LoginEntry>
        rowKey="id"
        size="middle"
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: a.loginAt, key: 'at', render: (_v, e) => dateTime(e.at) },
          { title: a.loginUser, key: 'user', render: (_v, e) => e.user.displayName },
          { title: a.loginAction, key: 'action', render: (_v, e) => action[e.action] ?? null },
          { title: a.loginIp, key: 'ip', render: (_v, e) => e.ip ?? '' },
        ]}
      />
      {next ? (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button loading={busy} onClick={() => void loadOlder()}>{a.loadOlder}</Button>
        </div>
      ) : null}
    </div>
  );
}
