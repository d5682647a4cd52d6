// Change password, inside the app shell: reached from the user menu, and where a user flagged
// mustChangePassword is sent after signing in (App.tsx), since the server refuses them anything
// else. Server refusals are shown in words on the field they concern, never as codes.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, ApiError, errorText, type Me } from '../lib/api';
import { useT, type Dict } from '../lib/i18n';
import { useSession } from '../lib/session';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** The server's detail codes (platform/src/identity/password-policy.ts, auth-routes.ts), as words on a field. */
const FIELD_ERRORS: Record<string, [keyof Values, keyof Dict]> = {
  wrong_password: ['currentPassword', 'wrongCurrentPassword'],
  password_too_short: ['newPassword', 'passwordTooShort'],
  password_too_common: ['newPassword', 'passwordTooCommon'],
  password_unchanged: ['newPassword', 'passwordUnchanged'],
};

const MIN_PASSWORD_LENGTH = 10;

export function ChangePasswordPage() {
  const { t } = useT();
  const { me, setMe } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ user: Me }>('POST', '/api/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t.passwordChanged);
      setMe(r.user);
      navigate('/', { replace: true });
    } catch (e) {
      const details = e instanceof ApiError && Array.isArray(e.details) ? (e.details as Array<{ code?: string }>) : [];
      const known = details.map((d) => FIELD_ERRORS[d.code ?? '']).filter(Boolean);
      if (known.length) form.setFields(known.map(([name, text]) => ({ name, errors: [t[text] as string] })));
      else setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 460, margin: '0 auto' }} title={t.changePassword}>
      {me?.mustChangePassword ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t.mustChangePassword} description={t.mustChangePasswordBody} />
      ) : null}
      <Typography.Paragraph type="secondary">{t.passwordRules}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        {/* The browser's password manager fills and saves these by their autocomplete names. */}
        <input type="text" name="username" autoComplete="username" value={me?.username ?? ''} readOnly hidden />
        <Form.Item name="currentPassword" label={t.currentPassword} rules={[{ required: true, message: t.enterCurrentPassword }]}>
          <Input.Password autoFocus autoComplete="current-password" id="currentPassword" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t.newPassword}
          rules={[
            { required: true, message: t.enterNewPassword },
            { validator: async (_r, v: string | undefined) => (v && [...v].length < MIN_PASSWORD_LENGTH ? Promise.reject(new Error(t.passwordTooShort)) : undefined) },
          ]}
        >
          <Input.Password autoComplete="new-password" id="newPassword" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t.confirmPassword}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t.enterNewPassword },
            ({ getFieldValue }) => ({
              validator: async (_r, v: string | undefined) => (v && v !== getFieldValue('newPassword') ? Promise.reject(new Error(t.passwordsDiffer)) : undefined),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" id="confirmPassword" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>{t.changePassword}</Button>
      </Form>
    </Card>
  );
}
