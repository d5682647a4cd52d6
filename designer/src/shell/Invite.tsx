// Accepting an invitation (/invite/:token, no session needed): the page says whom the link is for
// and the login name to use next time, takes a new password twice, and signs the person in. The
// server's refusals are words on the field, never codes; a link that is not valid (used, expired,
// replaced, mistyped) is said so plainly, with the way to sign in.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Result, Skeleton, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, errorText, type Me } from '../lib/api';
import { fmt, useT, type Dict } from '../lib/i18n';
import { useSession } from '../lib/session';

interface Invitation {
  displayName: string;
  username: string;
  expiresAt: string;
}
interface Values {
  newPassword: string;
  confirmPassword: string;
}

/** The server's detail codes (platform/src/identity/password-policy.ts), as words on the field. */
const FIELD_ERRORS: Record<string, keyof Dict> = {
  password_too_short: 'passwordTooShort',
  password_too_common: 'passwordTooCommon',
};
const MIN_PASSWORD_LENGTH = 10;
/** What the server's token pattern allows (platform/src/identity/invites.ts); anything else is not a link of ours. */
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** The link was refused as not valid: 404 (unknown, used, expired) or 400 (not even shaped like a token). */
const invalid = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 400);

export function InvitePage() {
  const { token = '' } = useParams();
  const { t, locale, setLocale } = useT();
  const { setMe } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [invite, setInvite] = useState<Invitation | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'invalid' | 'failed'>('loading');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setState('loading');
    setError(null);
    if (!TOKEN.test(token)) {
      setState('invalid');
      return;
    }
    try {
      setInvite(await api<Invitation>('GET', `/api/auth/invite/${encodeURIComponent(token)}`));
      setState('ready');
    } catch (e) {
      if (invalid(e)) setState('invalid');
      else {
        setError(errorText(e, t));
        setState('failed');
      }
    }
    // t: only for the words of a failure; a language switch need not reload.
  }, [token]);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ user: Me }>('POST', `/api/auth/invite/${encodeURIComponent(token)}`, { password: v.newPassword });
      message.success(t.inviteAccepted);
      setMe(r.user);
      navigate('/', { replace: true });
    } catch (e) {
      if (invalid(e) && !(e instanceof ApiError && e.code === 'VALIDATION_FAILED')) {
        setState('invalid');
        return;
      }
      const details = e instanceof ApiError && Array.isArray(e.details) ? (e.details as Array<{ code?: string }>) : [];
      const known = details.map((d) => FIELD_ERRORS[d.code ?? '']).filter(Boolean);
      if (known.length) form.setFields([{ name: 'newPassword', errors: known.map((k) => t[k] as string) }]);
      else setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const languageSwitch = <Button type="link" onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}>{t.language}</Button>;
  let body: React.ReactNode;
  if (state === 'loading') body = <Skeleton active />;
  else if (state === 'invalid') {
    body = (
      <Result
        status="warning"
        style={{ padding: '16px 0' }}
        title={<span data-testid="invite-invalid">{t.inviteInvalid}</span>}
        subTitle={t.inviteInvalidBody}
        extra={<Link to="/login"><Button type="primary">{t.goSignIn}</Button></Link>}
      />
    );
  } else if (state === 'failed' || !invite) {
    body = <Result status="error" style={{ padding: '16px 0' }} title={error} extra={<Button onClick={() => void load()}>{t.reload}</Button>} />;
  } else {
    body = (
      <>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{fmt(t.inviteWelcome, { name: invite.displayName })}</Typography.Title>
        <Typography.Paragraph>
          {t.inviteIntro} <Typography.Text strong copyable style={{ whiteSpace: 'nowrap' }} data-testid="invite-username">{invite.username}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {t.inviteRules}
          <br />
          {fmt(t.inviteExpires, { date: invite.expiresAt.slice(0, 10) })}
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          {/* The browser's password manager saves the new password under this login name. */}
          <input type="text" name="username" autoComplete="username" value={invite.username} readOnly hidden />
          <Form.Item
            name="newPassword"
            label={t.newPassword}
            rules={[
              { required: true, message: t.enterNewPassword },
              { validator: async (_r, v: string | undefined) => (v && [...v].length < MIN_PASSWORD_LENGTH ? Promise.reject(new Error(t.passwordTooShort)) : undefined) },
            ]}
          >
            <Input.Password autoFocus autoComplete="new-password" id="newPassword" />
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
          <Button type="primary" htmlType="submit" block loading={busy}>{t.inviteSetPassword}</Button>
        </Form>
      </>
    );
  }
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: 'linear-gradient(160deg, #f0f5ff 0%, #ffffff 60%)', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 420 }} extra={languageSwitch} title={<span style={{ fontWeight: 600 }}>◆ {t.appName}</span>}>
        {body}
      </Card>
    </div>
  );
}
