// The drawer that creates or edits a user: username (on create), name, member or external
// account, departments, roles, administrator (members only), attributes (external accounts:
// key / value rows such as supplier), and on create a password or an invitation link instead.
// A refusal from the server shows at the field it concerns.
import { useMemo, useState } from 'react';
import { App, Button, Checkbox, Drawer, Form, Input, Radio, Select, Space, Switch, TreeSelect, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useIsPhone } from '@tessera/form-engine/react';
import { fmt } from '../lib/i18n';
import { adminApi, type AdminUser, type Department, type Role } from './api';
import { useRefusal } from './common';
import { useAT } from './i18n';

interface Values {
  username: string;
  displayName: string;
  email?: string;
  kind: 'member' | 'external';
  departmentIds: string[];
  roles: string[];
  isAdmin: boolean;
  /** Absent when the rows are not shown (members without attributes). */
  attributes?: Array<{ key: string; value: string }>;
  passwordMode: 'set' | 'invite';
  password?: string;
  mustChangePassword: boolean;
}

const FIELDS = ['username', 'displayName', 'email', 'departmentIds', 'roles', 'isAdmin', 'attributes', 'password'] as const;
const ATTR_KEY = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/** The department tree for a TreeSelect (antd's simple mode: id / pId), from the flat ordered list. */
export function departmentTree(items: readonly Department[]) {
  return items.map((d) => ({ id: d._id, pId: d.parentId ?? 0, value: d._id, title: d.name }));
}

export function UserDrawer({ open, user, departments, roles, onClose, onSaved }: {
  open: boolean;
  user: AdminUser | null;
  departments: Department[];
  roles: Role[];
  onClose(): void;
  /** `invited`: the account has no password yet and the admin asked for an invitation link. */
  onSaved(u: AdminUser, invited: boolean): void;
}) {
  const { a } = useAT();
  const { message } = App.useApp();
  const refuse = useRefusal();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form);
  const passwordMode = Form.useWatch('passwordMode', form);
  const creating = user === null;
  const tree = useMemo(() => departmentTree(departments), [departments]);

  const initial = useMemo<Values>(
    () => ({
      username: user?.username ?? '',
      displayName: user?.displayName ?? '',
      email: user?.email,
      kind: user?.kind === 'external' ? 'external' : 'member',
      departmentIds: user?.departmentIds ?? [],
      roles: user?.roles ?? [],
      isAdmin: user?.isAdmin ?? false,
      attributes: Object.entries(user?.attributes ?? {}).map(([key, value]) => ({ key, value })),
      passwordMode: 'set',
      mustChangePassword: false,
    }),
    [user],
  );

  const submit = async (v: Values) => {
    setBusy(true);
    const external = v.kind === 'external';
    const attributes = Object.fromEntries((v.attributes ?? []).filter((r) => r.key?.trim()).map((r) => [r.key.trim(), r.value.trim()]));
    const common = {
      displayName: v.displayName.trim(),
      ...(v.email?.trim() ? { email: v.email.trim() } : {}),
      departmentIds: v.departmentIds ?? [],
      roles: v.roles ?? [],
      isAdmin: external ? false : !!v.isAdmin,
      attributes,
    };
    try {
      if (creating) {
        const invite = v.passwordMode === 'invite';
        const r = await adminApi.createUser({
          username: v.username.trim(),
          kind: v.kind,
          ...common,
          ...(invite ? {} : { password: v.password, mustChangePassword: v.mustChangePassword }),
        });
        message.success(a.userCreated);
        onSaved(r.user, invite);
      } else {
        const r = await adminApi.updateUser(user._id, common);
        message.success(a.userSaved);
        onSaved(r.user, false);
      }
    } catch (e) {
      refuse(e, form, FIELDS);
    } finally {
      setBusy(false);
    }
  };

  const title = creating ? a.newUser : fmt(a.editUser, { name: user.displayName || user.username });
  return (
    <Drawer
      open={open}
      title={title}
      onClose={onClose}
      width={phone ? '100%' : 520}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{a.cancel}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>{creating ? a.create : a.save}</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initial} preserve={false} scrollToFirstError>
        <Form.Item name="username" label={a.username} extra={creating ? a.usernameHint : undefined} rules={[{ required: true, whitespace: true, message: fmt(a.required, { what: a.username }) }]}>
          <Input disabled={!creating} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={a.displayName} rules={[{ required: true, whitespace: true, message: fmt(a.required, { what: a.displayName }) }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={a.kind}>
          <Radio.Group disabled={!creating} optionType="button" options={[{ value: 'member', label: a.kindMember }, { value: 'external', label: a.kindExternal }]} />
        </Form.Item>
        <Form.Item name="email" label={a.email} rules={[{ type: 'email' }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="departmentIds" label={a.departments}>
          <TreeSelect aria-label={a.departments} treeDataSimpleMode treeData={tree} multiple treeDefaultExpandAll allowClear showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item name="roles" label={a.roles}>
          <Select aria-label={a.roles} mode="multiple" allowClear optionFilterProp="label" options={roles.map((r) => ({ value: r._id, label: r.name }))} />
        </Form.Item>
        {kind === 'external' ? (
          <Typography.Paragraph type="secondary">{a.adminNotForExternal}</Typography.Paragraph>
        ) : (
          <Form.Item name="isAdmin" label={a.isAdmin} valuePropName="checked">
            <Switch aria-label={a.isAdmin} />
          </Form.Item>
        )}
        {kind === 'external' || (user?.attributes && Object.keys(user.attributes).length) ? <Attributes /> : null}
        {creating ? (
          <>
            <Form.Item name="passwordMode" label={a.passwordMode}>
              <Radio.Group options={[{ value: 'set', label: a.passwordModeSet }, { value: 'invite', label: a.passwordModeInvite }]} />
            </Form.Item>
            {passwordMode === 'invite' ? (
              <Typography.Paragraph type="secondary">{a.passwordInviteHint}</Typography.Paragraph>
            ) : (
              <>
                <Form.Item name="password" label={a.password} extra={a.passwordRules} rules={[{ required: true, message: fmt(a.required, { what: a.password }) }]}>
                  <Input.Password autoComplete="new-password" />
                </Form.Item>
                <Form.Item name="mustChangePassword" valuePropName="checked">
                  <Checkbox>{a.mustChange}</Checkbox>
                </Form.Item>
              </>
            )}
          </>
        ) : null}
      </Form>
    </Drawer>
  );
}

/** Key / value rows (e.g. supplier = the supplier record's id), with names checked as the server does. */
function Attributes() {
  const { a } = useAT();
  return (
    <Form.Item label={a.attributes} extra={a.attributesHint}>
      <Form.List name="attributes">
        {(rows, { add, remove }) => (
          <>
            {rows.map((row) => (
              <Space key={row.key} align="start" style={{ display: 'flex' }}>
                <Form.Item
                  name={[row.name, 'key']}
                  rules={[
                    { required: true, message: fmt(a.required, { what: a.attrKey }) },
                    { pattern: ATTR_KEY, message: a.attrKeyRule },
                    ({ getFieldValue }) => ({
                      validator: (_r, value: string) =>
                        (getFieldValue('attributes') as Array<{ key: string }>).filter((x) => x?.key === value).length > 1 ? Promise.reject(new Error(a.attrKeyRepeated)) : Promise.resolve(),
                    }),
                  ]}
                >
                  <Input aria-label={a.attrKey} placeholder={a.attrKey} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name={[row.name, 'value']} rules={[{ required: true, whitespace: true, message: fmt(a.required, { what: a.attrValue }) }]}>
                  <Input aria-label={a.attrValue} placeholder={a.attrValue} style={{ width: 200 }} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined aria-hidden />} aria-label={fmt(a.removeAttribute, { key: String(row.name + 1) })} onClick={() => remove(row.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ key: '', value: '' })}>{a.addAttribute}</Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
