// Sign in. Enter submits; errors say what went wrong without saying which half was wrong.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { api, ApiError, errorText, type Me } from '../lib/api';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';

export function LoginPage() {
  const { t, locale, setLocale } = useT();
  const { setMe } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ user: Me }>('POST', '/api/auth/login', v);
      setMe(r.user);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? t.badLogin : errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: 'linear-gradient(160deg, #f0f5ff 0%, #ffffff 60%)', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 380 }} extra={<Button type="link" onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}>{t.language}</Button>} title={<span style={{ fontWeight: 600 }}>◆ {t.appName}</span>}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{t.signInTitle}</Typography.Title>
        <Typography.Paragraph type="secondary">{t.signInSubtitle}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t.username} rules={[{ required: true, message: t.username }]}>
            <Input autoFocus autoComplete="username" id="username" />
          </Form.Item>
          <Form.Item name="password" label={t.password} rules={[{ required: true, message: t.password }]}>
            <Input.Password autoComplete="current-password" id="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{busy ? t.signingIn : t.signIn}</Button>
        </Form>
      </Card>
    </div>
  );
}
