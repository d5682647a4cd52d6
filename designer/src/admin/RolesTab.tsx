// 角色 / Roles: named groups of users (flows and permission sets pick people by role): a list with
// how many members each has, create, rename (with its description) and delete (confirmed).
import { useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { fmt } from '../lib/i18n';
import { adminApi, type AdminUser, type Role } from './api';
import { ListState, useRefusal, type Loaded } from './common';
import { useAT } from './i18n';

export function RolesTab({ roles, users, onChanged }: { roles: Loaded<Role[]>; users: Loaded<AdminUser[]>; onChanged(): void }) {
  const { a } = useAT();
  const { modal, message } = App.useApp();
  const refuse = useRefusal();
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const items = roles.data ?? [];
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const u of users.data ?? []) for (const r of u.roles) m.set(r, (m.get(r) ?? 0) + 1);
    return m;
  }, [users.data]);

  const remove = (role: Role) =>
    modal.confirm({
      title: a.delete,
      content: fmt(a.deleteRoleConfirm, { name: role.name }),
      okText: a.delete,
      okButtonProps: { danger: true },
      cancelText: a.cancel,
      onOk: async () => {
        try {
          await adminApi.deleteRole(role._id);
          message.success(a.roleDeleted);
          onChanged();
        } catch (e) {
          refuse(e);
        }
      },
    });

  const add = <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>{a.newRole}</Button>;
  return (
    <div>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>{add}</div>
      {items.length === 0 ? (
        <ListState loaded={roles} total={0} shown={0} emptyText={a.noRoles} action={add} />
      ) : (
        <Table<Role>
          rowKey="_id"
          size="middle"
          dataSource={items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: a.roleName, dataIndex: 'name', key: 'name' },
            { title: a.roleDescription, dataIndex: 'description', key: 'description' },
            { title: a.members, key: 'members', align: 'right', render: (_v, r) => (counts.get(r._id) ?? 0).toLocaleString() },
            {
              title: a.actions,
              key: 'actions',
              render: (_v, r) => (
                <Space size={4}>
                  <Button size="small" aria-label={fmt(a.editRole, { name: r.name })} onClick={() => setEditing(r)}>{a.edit}</Button>
                  <Button size="small" danger aria-label={`${a.delete} ${r.name}`} onClick={() => remove(r)}>{a.delete}</Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      <RoleDialog
        role={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          onChanged();
        }}
      />
    </div>
  );
}

function RoleDialog({ role, onClose, onSaved }: { role: Role | 'new' | null; onClose(): void; onSaved(): void }) {
  const { a } = useAT();
  const { message } = App.useApp();
  const refuse = useRefusal();
  const [form] = Form.useForm<{ name: string; description: string }>();
  const [busy, setBusy] = useState(false);
  const existing = role && role !== 'new' ? role : null;
  const submit = async (v: { name: string; description?: string }) => {
    setBusy(true);
    const body = { name: v.name.trim(), description: v.description?.trim() ?? '' };
    try {
      if (existing) await adminApi.updateRole(existing._id, body);
      else await adminApi.createRole(body);
      message.success(existing ? a.roleSaved : a.roleCreated);
      onSaved();
    } catch (e) {
      refuse(e, form, ['name', 'description']);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={role !== null}
      title={existing ? fmt(a.editRole, { name: existing.name }) : a.newRole}
      okText={existing ? a.save : a.create}
      cancelText={a.cancel}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ name: existing?.name ?? '', description: existing?.description ?? '' }}>
        <Form.Item name="name" label={a.roleName} rules={[{ required: true, whitespace: true, message: fmt(a.required, { what: a.roleName }) }]}>
          <Input autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item name="description" label={a.roleDescription}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
