// API 密钥 / API keys: every user's keys (names, never ids; the secret's last four characters),
// a new key with its scope (read / write / admin, optionally some apps) whose secret is shown
// once with a copy button, and revoking one (confirmed).
import { useCallback, useMemo, useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { textOf, type I18nText } from '@tessera/form-engine';
import { fmt } from '../lib/i18n';
import { useSession } from '../lib/session';
import { adminApi, type AdminUser, type ApiKey, type KeyAccess } from './api';
import { dateTime, ListState, OnceDialog, useLoad, useRefusal, type Loaded } from './common';
import { useAT, type AdminDict } from './i18n';

const accessLabel = (a: AdminDict): Record<KeyAccess, string> => ({ read: a.accessRead, write: a.accessWrite, admin: a.accessAdmin });
const accessColor: Record<KeyAccess, string> = { read: 'blue', write: 'orange', admin: 'red' };

function statusOf(k: ApiKey, now: number): 'revoked' | 'expired' | 'active' {
  if (k.revokedAt) return 'revoked';
  if (k.expiresAt && Date.parse(k.expiresAt) <= now) return 'expired';
  return 'active';
}

export function ApiKeysTab({ users }: { users: Loaded<AdminUser[]> }) {
  const { a, locale } = useAT();
  const { modal, message } = App.useApp();
  const refuse = useRefusal();
  const keys = useLoad(useCallback(() => adminApi.apiKeys().then((r) => r.items), []));
  const apps = useLoad(useCallback(() => adminApi.apps().then((r) => r.items), []));
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);
  const userName = useMemo(() => new Map((users.data ?? []).map((u) => [u._id, u.displayName || u.username])), [users.data]);
  const appName = useMemo(() => new Map((apps.data ?? []).map((x) => [x.id, textOf(x.name as I18nText, locale)])), [apps.data, locale]);
  const now = Date.now();
  const all = keys.data ?? [];
  const shown = all.filter((k) => showRevoked || !k.revokedAt);

  const revoke = (k: ApiKey) =>
    modal.confirm({
      title: a.revoke,
      content: fmt(a.revokeConfirm, { name: k.name }),
      okText: a.revoke,
      okButtonProps: { danger: true },
      cancelText: a.cancel,
      onOk: async () => {
        try {
          await adminApi.revokeApiKey(k._id);
          message.success(a.keyRevokedDone);
          keys.reload();
        } catch (e) {
          refuse(e);
        }
      },
    });

  const add = <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>{a.newKey}</Button>;
  const labels = accessLabel(a);
  return (
    <div>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', marginBottom: 12 }}>
        <Space>
          <Switch aria-label={a.showRevoked} checked={showRevoked} onChange={setShowRevoked} />
          <span aria-hidden>{a.showRevoked}</span>
        </Space>
        <div style={{ flex: 1 }} />
        {add}
      </div>
      {shown.length === 0 ? (
        <ListState loaded={keys} total={all.length} shown={shown.length} emptyText={a.noKeys} action={add} onClear={() => setShowRevoked(true)} />
      ) : (
        <Table<ApiKey>
          rowKey="_id"
          size="middle"
          dataSource={shown}
          pagination={shown.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: a.keyName, dataIndex: 'name', key: 'name', fixed: 'left' },
            { title: a.keyOwner, key: 'user', render: (_v, k) => userName.get(k.userId) ?? '—' },
            {
              title: a.keyAccess,
              key: 'access',
              render: (_v, k) => {
                const access = k.scope?.access ?? 'write';
                return (
                  <Space size={4} wrap>
                    <Tag color={accessColor[access]}>{labels[access]}</Tag>
                    {(k.scope?.apps ?? []).map((id) => <Tag key={id}>{appName.get(id) ?? '—'}</Tag>)}
                  </Space>
                );
              },
            },
            { title: a.keyHint, key: 'hint', render: (_v, k) => <code>…{k.hint}</code> },
            { title: a.keyCreated, key: 'created', render: (_v, k) => dateTime(k.createdAt) },
            { title: a.keyLastUsed, key: 'used', render: (_v, k) => (k.lastUsedAt ? dateTime(k.lastUsedAt) : a.keyNeverUsed) },
            { title: a.keyExpires, key: 'expires', render: (_v, k) => (k.expiresAt ? dateTime(k.expiresAt) : a.keyNeverExpires) },
            {
              title: a.keyStatus,
              key: 'status',
              render: (_v, k) => {
                const s = statusOf(k, now);
                return s === 'active' ? <Tag color="green">{a.keyActive}</Tag> : s === 'expired' ? <Tag color="orange">{a.keyExpired}</Tag> : <Tag>{a.keyRevoked}</Tag>;
              },
            },
            {
              title: a.actions,
              key: 'actions',
              render: (_v, k) => (k.revokedAt ? null : <Button size="small" danger aria-label={`${a.revoke} ${k.name}`} onClick={() => revoke(k)}>{a.revoke}</Button>),
            },
          ]}
        />
      )}
      <NewKeyDialog
        open={creating}
        users={users.data ?? []}
        apps={(apps.data ?? []).map((x) => ({ value: x.id, label: appName.get(x.id) ?? '' }))}
        onClose={() => setCreating(false)}
        onCreated={(name, value) => {
          setCreating(false);
          setSecret({ name, value });
          keys.reload();
        }}
      />
      <OnceDialog open={secret !== null} title={fmt(a.secretTitle, { name: secret?.name ?? '' })} note={a.secretOnce} label={a.secretLabel} value={secret?.value ?? ''} onClose={() => setSecret(null)} />
    </div>
  );
}

interface KeyValues {
  name: string;
  userId: string;
  access: KeyAccess;
  apps: string[];
  expiresAt?: Dayjs | null;
}

function NewKeyDialog({ open, users, apps, onClose, onCreated }: { open: boolean; users: AdminUser[]; apps: Array<{ value: string; label: string }>; onClose(): void; onCreated(name: string, secret: string): void }) {
  const { a } = useAT();
  const { me } = useSession();
  const refuse = useRefusal();
  const [form] = Form.useForm<KeyValues>();
  const [busy, setBusy] = useState(false);
  const labels = accessLabel(a);
  const submit = async (v: KeyValues) => {
    setBusy(true);
    try {
      const r = await adminApi.createApiKey({
        name: v.name.trim(),
        ...(v.userId && v.userId !== me?._id ? { userId: v.userId } : {}),
        ...(v.expiresAt ? { expiresAt: v.expiresAt.toISOString() } : {}),
        scope: { access: v.access, ...(v.apps.length ? { apps: v.apps } : {}) },
      });
      onCreated(r.apiKey.name, r.secret);
    } catch (e) {
      refuse(e, form, ['name', 'userId', 'expiresAt']);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={a.newKey} okText={a.create} cancelText={a.cancel} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ name: '', userId: me?._id, access: 'read', apps: [], expiresAt: null }}>
        <Form.Item name="name" label={a.keyName} rules={[{ required: true, whitespace: true, message: fmt(a.required, { what: a.keyName }) }]}>
          <Input autoFocus autoComplete="off" placeholder={a.keyNamePlaceholder} />
        </Form.Item>
        <Form.Item name="userId" label={a.keyOwner} extra={a.keyOwnerHint}>
          <Select
            aria-label={a.keyOwner}
            showSearch
            optionFilterProp="label"
            options={users.filter((u) => !u.disabled).map((u) => ({ value: u._id, label: u.displayName || u.username }))}
          />
        </Form.Item>
        <Form.Item name="access" label={a.keyAccess}>
          <Radio.Group options={(['read', 'write', 'admin'] as const).map((k) => ({ value: k, label: labels[k] }))} />
        </Form.Item>
        <Form.Item name="apps" label={a.keyApps} extra={a.keyAppsHint}>
          <Select aria-label={a.keyApps} mode="multiple" allowClear optionFilterProp="label" options={apps} />
        </Form.Item>
        <Form.Item name="expiresAt" label={a.keyExpires}>
          <DatePicker aria-label={a.keyExpires} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={a.keyNeverExpires} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
