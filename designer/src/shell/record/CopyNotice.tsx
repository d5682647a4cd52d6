// The new-record page opened as a copy of a record (…/new?copy=<id>): the record loaded and its
// copied values (copy.ts), a notice at the top of the form saying what was copied from where and
// what was not (files), and a record that could not be loaded said in words, with a retry.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Empty, Skeleton, Typography } from 'antd';
import { createFormEngine, dataFields, textOf, type FormSchema, type Locale } from '@tessera/form-engine';
import { displayValue } from '@tessera/form-engine/react';
import { api, ApiError, errorText, recordsUrl } from '../../lib/api';
import { fmt, useT } from '../../lib/i18n';
import { copyValues, fileFields } from './copy';
import { useRecordText } from './text';

type Loaded = { id: string; record?: Record<string, unknown>; error?: unknown };

/** The record to copy (when `copyId` is set) and the values the copy starts with. */
export function useCopied(appId: string, formId: string, schema: FormSchema | undefined, copyId: string | null, ctx: { timeZone: string; locale: Locale }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!copyId) return;
    let live = true;
    setLoaded(null);
    api<Record<string, unknown>>('GET', `${recordsUrl(appId, formId)}/${encodeURIComponent(copyId)}`).then(
      (record) => live && setLoaded({ id: copyId, record }),
      (error: unknown) => live && setLoaded({ id: copyId, error }),
    );
    return () => {
      live = false;
    };
  }, [appId, formId, copyId, attempt]);
  const record = loaded?.id === copyId ? loaded?.record : undefined;
  const value = useMemo(
    () => (schema && record ? copyValues(schema, record, createFormEngine().compile(schema).initialValues(ctx)) : null),
    // The first values once per record copied (TODAY() and the like as the form opens).
    [schema, record],
  );
  return { record, value, error: loaded?.id === copyId ? loaded?.error : undefined, retry: () => setAttempt((n) => n + 1) };
}

/** Loading, or why the record to copy could not be loaded. */
export function CopyPending({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useT();
  if (error === undefined) return <Skeleton active />;
  if (error instanceof ApiError && error.status === 404) return <div role="alert"><Empty description={t.recordNotFound} /></div>;
  return (
    <div role="alert">
      <Empty description={<><div>{t.loadFailed}</div><Typography.Text type="secondary">{errorText(error, t)}</Typography.Text></>}>
        <Button onClick={onRetry}>{t.reload}</Button>
      </Empty>
    </div>
  );
}

/** Where the copy comes from, what a save does, and the files it leaves out. */
export function CopyNotice({ schema, record, timeZone }: { schema: FormSchema; record: Record<string, unknown>; timeZone: string }) {
  const { locale } = useT();
  const rt = useRecordText();
  const titleField = dataFields(schema.fields).find((f) => f.id === schema.titleField);
  const title = (titleField && displayValue(titleField, record[titleField.id], locale, timeZone)) || '—';
  const files = fileFields(schema).map((f) => textOf(f.label, locale));
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={rt.copyTitle}
      description={
        <>
          <div>{fmt(rt.copyFrom, { title })}</div>
          {files.length ? <div>{fmt(rt.filesNotCopied, { fields: files.join(locale === 'zh-CN' ? '、' : ', ') })}</div> : null}
        </>
      }
    />
  );
}
