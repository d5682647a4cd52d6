// One record: its fields, then history (who changed what, before → after) and comments; Edit
// opens the form with the record, and a stale revision (409) is explained with a reload. A record
// that cannot be loaded says why, with a retry (or that it does not exist).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Input, List, Skeleton, Space, Tabs, Timeline, Typography } from 'antd';
import { dataFields, textOf, type FormSchema } from '@tessera/form-engine';
import { FormRenderer, RecordView, displayValue, memberIds, rendererText, useMemberNames, type Issue } from '@tessera/form-engine/react';
import { api, ApiError, errorText, recordsUrl } from '../lib/api';
import { useFormServices } from '../lib/session';
import { relativeTime, useT } from '../lib/i18n';
import { readonlyModes, readonlyOf, recordAllows, useFormAccess, withoutLocked } from './access';

interface HistoryItem {
  seq: number;
  at: string;
  actor: { displayName: string };
  action: string;
  diff: Array<{ field: string; before: unknown; after: unknown }>;
}
interface CommentItem {
  _id: string;
  text: string;
  at: string;
  author: { displayName: string };
}

export function RecordDetail({ appId, schema, recordId, onChanged }: { appId: string; schema: FormSchema; recordId: string; onChanged?(): void }) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const url = `${recordsUrl(appId, schema.id)}/${recordId}`;
  const [record, setRecord] = useState<Record<string, unknown> | null>(null);
  // Why the record could not be loaded (shown instead of the record, with a retry).
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const [history, setHistory] = useState<HistoryItem[]>([]);
  const [comments, setComments] = useState<CommentItem[]>([]);
  const [editing, setEditing] = useState(false);
  const [stale, setStale] = useState(false);
  const [text, setText] = useState('');
  const services = useFormServices(appId, schema.id);
  const fields = useMemo(() => new Map(dataFields(schema.fields).map((f) => [f.id, f])), [schema]);
  const access = useFormAccess(schema.id);

  const load = useCallback(async () => {
    const [r, h, c] = await Promise.all([
      api<Record<string, unknown>>('GET', url),
      api<{ items: HistoryItem[] }>('GET', `${url}/history`),
      api<{ items: CommentItem[] }>('GET', `${url}/comments`),
    ]);
    setRecord(r);
    setHistory(h.items);
    setComments(c.items);
    setStale(false);
  }, [url]);
  const open = useCallback(() => {
    setFailure(null);
    load().catch((error: unknown) => setFailure({ error }));
  }, [load]);
  useEffect(() => {
    setRecord(null);
    open();
  }, [open]);
  // A later load (after a save, a comment or a reload) keeps the record on screen and says why in a toast.
  const reload = () => load().catch((e: unknown) => message.error(errorText(e, t)));

  // People in the title and in the history's before → after, by name.
  const titleField = fields.get(schema.titleField ?? '');
  const people = useMemo(
    () => [
      ...(titleField && record ? memberIds(titleField, record[titleField.id]) : []),
      ...history.flatMap((h) => h.diff.flatMap((d) => {
        const f = fields.get(d.field);
        return f ? [...memberIds(f, d.before), ...memberIds(f, d.after)] : [];
      })),
    ],
    [titleField, record, history, fields],
  );
  const memberName = useMemberNames(services, people, rendererText(locale));

  if (!record) {
    if (!failure) return <Skeleton active />;
    if (failure.error instanceof ApiError && failure.error.status === 404) return <div role="alert"><Empty description={t.recordNotFound} /></div>;
    return (
      <div role="alert">
        <Empty description={<><div>{t.loadFailed}</div><Typography.Text type="secondary">{errorText(failure.error, t)}</Typography.Text></>}>
          <Button onClick={open}>{t.reload}</Button>
        </Empty>
      </div>
    );
  }
  const show = (field: string, v: unknown) => {
    const f = fields.get(field);
    return f ? displayValue(f, v, locale, undefined, memberName) || '—' : JSON.stringify(v);
  };
  // Fields the caller may not change show read-only, and are not sent.
  const locked = readonlyOf(record, access);
  const actionText: Record<string, string> = { 'record.create': t.created, 'record.update': t.updatedRecord, 'record.delete': t.deletedRecord, 'record.restore': t.restoredRecord };

  const save = async (data: Record<string, unknown>): Promise<void | { issues: Issue[] }> => {
    try {
      await api('PATCH', url, { ...withoutLocked(data, locked), _v: record._v });
      message.success(t.saved);
      setEditing(false);
      await reload();
      onChanged?.();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'STALE_VERSION') {
        setStale(true);
        return;
      }
      if (e instanceof ApiError && e.status === 422) return { issues: e.details as Issue[] };
      message.error(errorText(e, t));
    }
  };
  const post = async () => {
    if (!text.trim()) return;
    try {
      await api('POST', `${url}/comments`, { text });
    } catch (e) {
      // The comment stays in the box, to post again.
      message.error(errorText(e, t));
      return;
    }
    setText('');
    await reload();
  };

  return (
    <div>
      {stale ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t.staleTitle} description={t.staleBody} action={<Button onClick={() => { setEditing(false); void reload(); }}>{t.reload}</Button>} /> : null}
      <Space style={{ marginBottom: 12 }}>
        {!editing ? (recordAllows(record, 'edit') ? <Button type="primary" onClick={() => setEditing(true)}>{t.edit}</Button> : null) : <Button onClick={() => setEditing(false)}>{t.back}</Button>}
        <Typography.Text type="secondary">{titleField ? displayValue(titleField, record[titleField.id], locale, undefined, memberName) : ''}</Typography.Text>
      </Space>
      {editing ? (
        <FormRenderer schema={schema} locale={locale} mode="edit" value={record} services={services} modes={readonlyModes(locked)} onSubmit={save} submitText={t.save} />
      ) : (
        <RecordView schema={schema} value={record} locale={locale} services={services} />
      )}
      <Tabs
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'history',
            label: t.history,
            children: history.length ? (
              <Timeline
                items={history.map((h) => ({
                  children: (
                    <div>
                      <Typography.Text strong>{h.actor.displayName}</Typography.Text> {actionText[h.action] ?? h.action}{' '}
                      <Typography.Text type="secondary" title={h.at}>{relativeTime(h.at, t)}</Typography.Text>
                      {h.action === 'record.update'
                        ? h.diff.map((d) => (
                            <div key={d.field} style={{ fontSize: 13 }}>
                              {textOf(fields.get(d.field)?.label, locale) || d.field}: <del>{show(d.field, d.before)}</del> → {show(d.field, d.after)}
                            </div>
                          ))
                        : null}
                    </div>
                  ),
                }))}
              />
            ) : <Empty description={t.noHistory} />,
          },
          {
            key: 'comments',
            label: `${t.comments} (${comments.length})`,
            children: (
              <div>
                <List locale={{ emptyText: t.noComments }} dataSource={comments} renderItem={(c) => <List.Item><List.Item.Meta title={<span>{c.author.displayName} <Typography.Text type="secondary">{relativeTime(c.at, t)}</Typography.Text></span>} description={c.text} /></List.Item>} />
                {recordAllows(record, 'comment') ? <Space.Compact style={{ width: '100%', marginTop: 8 }}>
                  <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={t.commentPlaceholder} onPressEnter={post} aria-label={t.comments} />
                  <Button type="primary" onClick={post}>{t.post}</Button>
                </Space.Compact> : null}
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}
