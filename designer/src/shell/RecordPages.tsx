// Pages for adding a record (or a copy of one: …/new?copy=<id>) and for one record (the phone
// opens records as pages, stepping to the previous / next of its list). The form is the published
// one the shell has loaded.
import { App, Button, Card, Typography } from 'antd';
import { useNavigate, useOutletContext, useParams, useSearchParams } from 'react-router-dom';
import { textOf } from '@tessera/form-engine';
import { FormRenderer, useIsPhone, type Issue } from '@tessera/form-engine/react';
import { api, ApiError, errorText, recordsUrl } from '../lib/api';
import { useFormServices } from '../lib/session';
import { useT } from '../lib/i18n';
import { RecordDetail } from './RecordDetail';
import { useShellForm, type ShellContext } from './AppShell';
import { readonlyModes, useFormAccess, withoutLocked } from './access';
import { useTenantTimeZone } from './record/timeZone';
import { CopyNotice, CopyPending, useCopied } from './record/CopyNotice';
import { useRecordText } from './record/text';

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
  // A copy of a record: the form starts with its values (record/copy.ts), and the new record opens once saved.
  const copyId = useSearchParams()[0].get('copy');
  const copied = useCopied(appId, formId, schema ?? undefined, copyId, { timeZone, locale });
  const phone = useIsPhone();
  const rt = useRecordText();
  if (!schema) return fallback;
  const submit = async (data: Record<string, unknown>): Promise<void | { issues: Issue[] }> => {
    try {
      const created = await api<{ _id: string }>('POST', recordsUrl(appId, formId), withoutLocked(data, locked));
      message.success(t.submitted);
      const list = `/apps/${appId}/forms/${formId}`;
      if (!copyId) navigate(list);
      else navigate(phone ? `${list}/records/${created._id}` : `${list}?record=${encodeURIComponent(created._id)}`, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 422 || e.status === 409) && Array.isArray(e.details)) return { issues: e.details as Issue[] };
      message.error(errorText(e, t));
    }
  };
  return (
    <Card title={<span>{copyId ? rt.copyTitle : t.newRecord} · {textOf(schema.title, locale)}</span>} extra={<Button onClick={() => navigate(-1)}>{t.back}</Button>} styles={{ body: { paddingBottom: copyId && !copied.value ? undefined : 0 } }}>
      {!copyId ? (
        <FormRenderer schema={schema} locale={locale} timeZone={timeZone} services={services} modes={readonlyModes(locked)} onSubmit={submit} draftKey={`tessera.draft.${formId}`} relatedForms={forms} />
      ) : copied.value && copied.record ? (
        <>
          <CopyNotice schema={schema} record={copied.record} timeZone={timeZone} />
          {/* No draft for a copy: it starts from the record each time. */}
          <FormRenderer key={copyId} schema={schema} locale={locale} timeZone={timeZone} services={services} modes={readonlyModes(locked)} value={copied.value} onSubmit={submit} relatedForms={forms} />
        </>
      ) : (
        <CopyPending error={copied.error} onRetry={copied.retry} />
      )}
    </Card>
  );
}

export function RecordPage() {
  const { appId = '', formId = '', recordId = '' } = useParams();
  const { t, locale } = useT();
  const navigate = useNavigate();
  const { schema, fallback } = useShellForm(formId);
  if (!schema) return fallback;
  // Previous / next replace the page (back still leads to the list).
  const go = (id: string) => navigate(`/apps/${appId}/forms/${formId}/records/${encodeURIComponent(id)}`, { replace: true });
  return (
    <Card title={<Typography.Text strong>{textOf(schema.title, locale)}</Typography.Text>} extra={<Button onClick={() => navigate(`/apps/${appId}/forms/${formId}`)}>{t.back}</Button>}>
      <RecordDetail appId={appId} schema={schema} recordId={recordId} onGo={go} />
    </Card>
  );
}
