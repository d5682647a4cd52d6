// Pages for adding a record and for one record (the phone opens records as pages). The form is
// the published one the shell has loaded.
import { App, Button, Card, Typography } from 'antd';
import { useNavigate, useOutletContext, useParams } from 'react-router-dom';
import { textOf } from '@tessera/form-engine';
import { FormRenderer, type Issue } from '@tessera/form-engine/react';
import { api, ApiError, errorText, recordsUrl } from '../lib/api';
import { useFormServices } from '../lib/session';
import { useT } from '../lib/i18n';
import { RecordDetail } from './RecordDetail';
import { useShellForm, type ShellContext } from './AppShell';
import { readonlyModes, useFormAccess, withoutLocked } from './access';
import { useTenantTimeZone } from './record/timeZone';

export function NewRecordPage() {
  const { appId = '', formId = '' } = useParams();
  const { t, locale } = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { schema, fallback } = useShellForm(formId);
  // The app's forms: a lookup reads as the related form's field does (a select by its label).
  const { forms } = useOutletContext<ShellContext>();
  const services = useFormServices(appId, formId);
  const timeZone = useTenantTimeZone();
  // Fields a restricted member may not fill show read-only, and are not sent.
  const locked = useFormAccess(formId)?.readonly ?? [];
  if (!schema) return fallback;
  const submit = async (data: Record<string, unknown>): Promise<void | { issues: Issue[] }> => {
    try {
      await api('POST', recordsUrl(appId, formId), withoutLocked(data, locked));
      message.success(t.submitted);
      navigate(`/apps/${appId}/forms/${formId}`);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 422 || e.status === 409) && Array.isArray(e.details)) return { issues: e.details as Issue[] };
      message.error(errorText(e, t));
    }
  };
  return (
    <Card title={<span>{t.newRecord} · {textOf(schema.title, locale)}</span>} extra={<Button onClick={() => navigate(-1)}>{t.back}</Button>} styles={{ body: { paddingBottom: 0 } }}>
      <FormRenderer schema={schema} locale={locale} timeZone={timeZone} services={services} modes={readonlyModes(locked)} onSubmit={submit} draftKey={`tessera.draft.${formId}`} relatedForms={forms} />
    </Card>
  );
}

export function RecordPage() {
  const { appId = '', formId = '', recordId = '' } = useParams();
  const { t, locale } = useT();
  const navigate = useNavigate();
  const { schema, fallback } = useShellForm(formId);
  if (!schema) return fallback;
  return (
    <Card title={<Typography.Text strong>{textOf(schema.title, locale)}</Typography.Text>} extra={<Button onClick={() => navigate(`/apps/${appId}/forms/${formId}`)}>{t.back}</Button>}>
      <RecordDetail appId={appId} schema={schema} recordId={recordId} />
    </Card>
  );
}
