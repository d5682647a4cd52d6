// 用户 / Users: the accounts as a table (search, status, account type), a drawer to create or
// edit one, and per row: disable / enable (confirmed), reset the password, an invitation link
// (shown once), delete. Departments and roles show by name, never by id.
import { useMemo, useState } from 'react';
import { App, Button, Dropdown, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { fmt } from '../lib/i18n';
import { useSession } from '../lib/session';
import { adminApi, type AdminUser, type Department, type Role } from './api';
import { dateTime, ListState, OnceDialog, useRefusal, type Loaded } from './common';
import { useAT } from './i18n';
import { UserDrawer } from './UserDrawer';

type StatusFilter = 'all' | 'enabled' | 'disabled';
type KindFilter = 'all' | 'member' | 'external';

export interface DirectoryProps {
  users: Loaded<AdminUser[]>;
  departments: Loaded<Department[]>;
  roles: Loaded<Role[]>;
}

export function UsersTab({ users, departments, roles }: DirectoryProps) {
  const { a } = useAT();
  const { me } = useSession();
  const { modal, message } = App.useApp();
  const refuse = useRefusal();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [kind, setKind] = useState<KindFilter>('all');
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [invite, setInvite] = useState<{ name: string; url: string; expiresAt: string } | null>(null);
  const [resetting, setResetting] = useState<AdminUser | null>(null);

  const deptName = useMemo(() => new Map((departments.data ?? []).map((d) => [d._id, d.name])), [departments.data]);
  const roleName = useMemo(() => new Map((roles.data ?? []).map((r) => [r._id, r.name])), [roles.data]);
  const all = users.data ?? [];
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return all.filter(
      (u) =>
        (!needle || u.username.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle)) &&
        (status === 'all' || (status === 'disabled') === u.disabled) &&
        (kind === 'all' || (kind === 'external') === (u.kind === 'external')),
    );
  }, [all, q, status, kind]);
  const nameOf = (u: AdminUser) => u.displayName || u.username;

  const sendInvite = async (u: AdminUser) => {
    try {
      const r = await adminApi.invite(u._id);
      setInvite({ name: nameOf(u), url: `${window.location.origin}${r.path}`, expiresAt: r.expiresAt });
    } catch (e) {
      refuse(e);
    }
  };

  const toggle = (u: AdminUser) =>
    modal.confirm({
      title: u.disabled ? a.enable : a.disable,
      content: fmt(u.disabled ? a.enableConfirm : a.disableConfirm, { name: nameOf(u) }),
      okText: u.disabled ? a.enable : a.disable,
      okButtonProps: { danger: !u.disabled },
      cancelText: a.cancel,
      onOk: async () => {
        try {
          await adminApi.updateUser(u._id, { disabled: !u.disabled });
          message.success(fmt(u.disabled ? a.enabledDone : a.disabledDone, { name: nameOf(u) }));
          users.reload();
        } catch (e) {
          refuse(e);
        }
      },
    });

  const remove = (u: AdminUser) =>
    modal.confirm({
      title: a.deleteUser,
      content: fmt(a.deleteUserConfirm, { name: nameOf(u) }),
      okText: a.delete,
      okButtonProps: { danger: true },
      cancelText: a.cancel,
      onOk: async () => {
        try {
          await adminApi.deleteUser(u._id);
          message.success(a.userDeleted);
          users.reload();
        } catch (e) {
          refuse(e);
        }
      },
    });

  const clear = () => {
    setQ('');
    setStatus('all');
    setKind('all');
  };
  const empty = (
    <ListState
      loaded={users}
      total={all.length}
      shown={shown.length}
      emptyText={a.noUsers}
      onClear={clear}
      action={<Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>{a.newUser}</Button>}
    />
  );

  return (
    <div>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        <Input.Search allowClear aria-label={a.searchUsers} placeholder={a.searchUsers} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 240, maxWidth: '100%' }} />
        <Select<StatusFilter>
          aria-label={a.status}
          value={status}
          onChange={setStatus}
          style={{ width: 130 }}
          options={[{ value: 'all', label: a.statusAll }, { value: 'enabled', label: a.statusEnabled }, { value: 'disabled', label: a.statusDisabled }]}
        />
        <Select<KindFilter>
          aria-label={a.kind}
          value={kind}
          onChange={setKind}
          style={{ width: 130 }}
          options={[{ value: 'all', label: a.kindAll }, { value: 'member', label: a.kindMember }, { value: 'external', label: a.kindExternal }]}
        />
        <div style={{ flex: 1 }} />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>{a.newUser}</Button>
      </div>
      {shown.length === 0 ? (
        empty
      ) : (
        <Table<AdminUser>
          rowKey="_id"
          size="middle"
          dataSource={shown}
          pagination={shown.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: a.displayName,
              key: 'name',
              fixed: 'left',
              render: (_v, u) => (
                <div>
                  <Typography.Text strong>{nameOf(u)}</Typography.Text>
                  {u._id === me?._id ? <Typography.Text type="secondary">{a.you}</Typography.Text> : null}
                  {u.isAdmin ? <Tag color="gold" style={{ marginInlineStart: 6 }}>{a.adminTag}</Tag> : null}
                  <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{u.username}</Typography.Text></div>
                </div>
              ),
            },
            { title: a.kind, key: 'kind', render: (_v, u) => (u.kind === 'external' ? <Tag color="purple">{a.kindExternal}</Tag> : <Tag>{a.kindMember}</Tag>) },
            { title: a.departments, key: 'departments', render: (_v, u) => u.departmentIds.map((id) => deptName.get(id) ?? a.unknownDepartment).join('、') },
            { title: a.roles, key: 'roles', render: (_v, u) => <Space size={4} wrap>{u.roles.map((id) => <Tag key={id}>{roleName.get(id) ?? a.unknownRole}</Tag>)}</Space> },
            { title: a.status, key: 'status', render: (_v, u) => (u.disabled ? <Tag color="red">{a.statusDisabled}</Tag> : <Tag color="green">{a.statusEnabled}</Tag>) },
            { title: a.keyCreated, key: 'created', render: (_v, u) => dateTime(u.createdAt) },
            {
              title: a.actions,
              key: 'actions',
              render: (_v, u) => (
                <Space size={4}>
                  <Button size="small" aria-label={fmt(a.editUser, { name: nameOf(u) })} onClick={() => setEditing(u)}>{a.edit}</Button>
                  <Dropdown
                    trigger={['click']}
                    menu={{
                      items: [
                        { key: 'invite', label: a.invite, onClick: () => void sendInvite(u) },
                        { key: 'reset', label: a.resetPassword, onClick: () => setResetting(u) },
                        { key: 'toggle', label: u.disabled ? a.enable : a.disable, disabled: u._id === me?._id, onClick: () => toggle(u) },
                        { key: 'delete', label: a.deleteUser, danger: true, disabled: u._id === me?._id, onClick: () => remove(u) },
                      ],
                    }}
                  >
                    <Button size="small" aria-label={fmt(a.moreActions, { name: nameOf(u) })}>
                      <DownOutlined aria-hidden />
                    </Button>
                  </Dropdown>
                </Space>
              ),
            },
          ]}
        />
      )}
      <UserDrawer
        open={editing !== null}
        user={editing === 'new' ? null : editing}
        departments={departments.data ?? []}
        roles={roles.data ?? []}
        onClose={() => setEditing(null)}
        onSaved={(u, invited) => {
          setEditing(null);
          users.reload();
          if (invited) void sendInvite(u);
        }}
      />
      <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />
      <OnceDialog
        open={invite !== null}
        title={fmt(a.inviteTitle, { name: invite?.name ?? '' })}
        note={fmt(a.inviteOnce, { date: dateTime(invite?.expiresAt) })}
        label={a.inviteCopyLabel}
        value={invite?.url ?? ''}
        onClose={() => setInvite(null)}
      />
    </div>
  );
}

function ResetPasswordDialog({ user, onClose }: { user: AdminUser | null; onClose(): void }) {
  const { a } = useAT();
  const { message } = App.useApp();
  const refuse = useRefusal();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ password }: { password: string }) => {
    if (!user) return;
    setBusy(true);
    try {
      await adminApi.updateUser(user._id, { password });
      message.success(a.passwordReset);
      onClose();
    } catch (e) {
      refuse(e, form, ['password']);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={user !== null}
      title={fmt(a.resetPasswordTitle, { name: user?.displayName || user?.username || '' })}
      okText={a.resetPassword}
      cancelText={a.cancel}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{a.resetPasswordHint}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="password" label={a.password} extra={a.passwordRules} rules={[{ required: true, message: fmt(a.required, { what: a.password }) }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
