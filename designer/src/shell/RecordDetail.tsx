// One record: its fields, then history (who changed what, before → after) and comments; Edit
// opens the form with the record. A stale revision (409) is said at the top of the form, in view,
// and the person's edits can be put back on the fresh record (or discarded). A record that cannot
// be loaded says why, with a retry (or that it does not exist). Above it, previous / next in the
// list it was opened from, its link and a copy (record/RecordNav.tsx); unsaved edits ask first.
import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { App, Button, Empty, List, Skeleton, Space, Tabs, Timeline, Typography } from 'antd';
import { dataFields, textOf, type FormSchema } from '@tessera/form-engine';
import { FormRenderer, RecordView, displayValue, lookupTarget, memberIds, rendererText, useMemberNames, type Issue } from '@tessera/form-engine/react';
import { api, ApiError, errorText, recordsUrl } from '../lib/api';
import { useFormServices } from '../lib/session';
import { relativeTime, useT } from '../lib/i18n';
import { formAllows, readonlyModes, readonlyOf, recordAllows, useFormAccess, withoutLocked } from './access';
import { useOutletContext } from 'react-router-dom';
import type { ShellContext } from './AppShell';
import { ConflictNotice } from './record/Conflict';
import { editedFields } from './record/reapply';
import { useRecordText } from './record/text';
import { RecordNav } from './record/RecordNav';
import { CommentBox } from './record/CommentBox';
import { useTenantTimeZone } from './record/timeZone';

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

/** `onGo` opens another record of the list (previous / next); without it there are no such moves. */
/** `leaveGuard` is given the check that asks before edits are left (the drawer's close asks it). */
export function RecordDetail({ appId, schema, recordId, onChanged, onGo, leaveGuard }: { appId: string; schema: FormSchema; recordId: string; onChanged?(): void; onGo?(id: string): void; leaveGuard?: MutableRefObject<(() => Promise<boolean>) | null> }) {
  const { t, locale } = useT();
  const { message, modal } = App.useApp();
  const url = `${recordsUrl(appId, schema.id)}/${recordId}`;
  const [record, setRecord] = useState<Record<string, unknown> | null>(null);
  // Why the record could not be loaded (shown instead of the record, with a retry).
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const [history, setHistory] = useState<HistoryItem[]>([]);
  const [comments, setComments] = useState<CommentItem[]>([]);
  const [editing, setEditing] = useState(false);
  // A save refused as stale (409): what the person had in the form, to put back on the fresh record.
  const [conflict, setConflict] = useState<Record<string, unknown> | null>(null);
  // What the form opens with (the record, or the fresh record with the person's edits on top) and
  // a key that opens it anew when that changes.
  const [draft, setDraft] = useState<{ value: Record<string, unknown>; key: number } | null>(null);
  const rt = useRecordText();
  // The app's forms (a lookup reads as the related form's field does); none outside the shell.
  const relatedForms = useOutletContext<ShellContext | undefined>()?.forms;
  const timeZone = useTenantTimeZone();
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
    return r;
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
  const reload = () => load().then(() => undefined, (e: unknown) => void message.error(errorText(e, t)));
  // Whether the form being edited has changes (leaving then asks first).
  const dirty = useRef(false);
  const startEditing = (on: boolean) => {
    setEditing(on);
    setConflict(null);
    setDraft(null);
    dirty.current = false;
  };
  // Another record (previous / next) opens out of editing.
  useEffect(() => {
    setEditing(false);
    setConflict(null);
    setDraft(null);
    dirty.current = false;
  }, [recordId]);
  const mayLeave = useCallback(
    () =>
      !editing || !dirty.current
        ? Promise.resolve(true)
        : new Promise<boolean>((resolve) => {
            modal.confirm({ title: rt.leaveTitle, content: rt.leaveBody, okText: rt.leave, cancelText: rt.stay, okButtonProps: { danger: true }, onOk: () => resolve(true), onCancel: () => resolve(false) });
          }),
    [editing, modal, rt],
  );
  useEffect(() => {
    if (!leaveGuard) return;
    leaveGuard.current = mayLeave;
    return () => void (leaveGuard.current = null);
  }, [leaveGuard, mayLeave]);
  const nav = <RecordNav appId={appId} formId={schema.id} recordId={recordId} onGo={onGo} canCreate={formAllows(access, 'create')} mayLeave={mayLeave} />;

  // People in the title and in the history's before → after, by name.
  const titleField = fields.get(schema.titleField ?? '');
  const people = useMemo(
    () => [
      ...(titleField && record ? memberIds(titleField, record[titleField.id]) : []),
      ...history.flatMap((h) => h.diff.flatMap((d) => {
        const field = fields.get(d.field);
        // A lookup of a member field names people too.
        const f = field && (lookupTarget(field, schema.fields, relatedForms) ?? field);
        return f ? [...memberIds(f, d.before), ...memberIds(f, d.after)] : [];
      })),
    ],
    [titleField, record, history, fields, relatedForms],
  );
  const memberName = useMemberNames(services, people, rendererText(locale));

  if (!record) {
    if (!failure) return <>{nav}<Skeleton active /></>;
    if (failure.error instanceof ApiError && failure.error.status === 404) return <>{nav}<div role="alert"><Empty description={t.recordNotFound} /></div></>;
    return (
      <div role="alert">
        {nav}
        <Empty description={<><div>{t.loadFailed}</div><Typography.Text type="secondary">{errorText(failure.error, t)}</Typography.Text></>}>
          <Button onClick={open}>{t.reload}</Button>
        </Empty>
      </div>
    );
  }
  const show = (field: string, v: unknown) => {
    const f = fields.get(field);
    // A lookup reads as the related field does (a select by its label, not its stored value).
    const shown = f && (lookupTarget(f, schema.fields, relatedForms) ?? f);
    return shown ? displayValue(shown, v, locale, timeZone, memberName) || '—' : JSON.stringify(v);
  };
  // Fields the caller may not change show read-only, and are not sent.
  const locked = readonlyOf(record, access);
  const actionText: Record<string, string> = { 'record.create': t.created, 'record.update': t.updatedRecord, 'record.delete': t.deletedRecord, 'record.restore': t.restoredRecord };

  const save = async (data: Record<string, unknown>): Promise<void | { issues: Issue[] }> => {
    try {
      await api('PATCH', url, { ...withoutLocked(data, locked), _v: record._v });
      message.success(t.saved);
      startEditing(false);
      await reload();
      onChanged?.();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'STALE_VERSION') {
        setConflict(data);
        return;
      }
      if (e instanceof ApiError && e.status === 422) return { issues: e.details as Issue[] };
      // The form stays as it was: nothing typed is lost.
      message.error(errorText(e, t));
    }
  };
  // The fresh record (its new _v) with the fields the person changed put back on top.
  const keepMine = async () => {
    const mine = conflict;
    if (!mine) return;
    let fresh: Record<string, unknown>;
    try {
      fresh = await load();
    } catch {
      message.error(rt.reapplyFailed);
      return;
    }
    const base = draft?.value ?? record;
    const changed = editedFields(schema, base, mine, locked);
    setDraft({ value: { ...fresh, ...changed }, key: (draft?.key ?? 0) + 1 });
    setConflict(null);
    message.info(rt.reapplied);
  };
  const discardMine = () => {
    startEditing(false);
    void reload();
  };

  return (
    <div>
      {nav}
      <Space style={{ marginBottom: 12 }}>
        {!editing && recordAllows(record, 'edit') ? <Button type="primary" onClick={() => startEditing(true)}>{t.edit}</Button> : null}
        <Typography.Text type="secondary">{titleField ? displayValue(titleField, record[titleField.id], locale, timeZone, memberName) : ''}</Typography.Text>
      </Space>
      {editing ? (
        <>
          {conflict ? <ConflictNotice onKeep={keepMine} onDiscard={discardMine} /> : null}
          <FormRenderer
            key={draft?.key ?? 0}
            schema={schema}
            locale={locale}
            timeZone={timeZone}
            mode="edit"
            value={draft?.value ?? record}
            services={services}
            modes={readonlyModes(locked)}
            onSubmit={save}
            onChange={() => void (dirty.current = true)}
            submitText={t.save}
            relatedForms={relatedForms}
            // One way back: the page's own 返回 leaves the record; this leaves editing.
            extraActions={<Button onClick={() => startEditing(false)}>{rt.cancelEdit}</Button>}
          />
        </>
      ) : (
        <RecordView schema={schema} value={record} locale={locale} timeZone={timeZone} services={services} relatedForms={relatedForms} />
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
                <List locale={{ emptyText: t.noComments }} dataSource={comments} renderItem={(c) => <List.Item><List.Item.Meta title={<span>{c.author.displayName} <Typography.Text type="secondary">{relativeTime(c.at, t)}</Typography.Text></span>} description={<span style={{ whiteSpace: 'pre-wrap' }}>{c.text}</span>} /></List.Item>} />
                {recordAllows(record, 'comment') ? <CommentBox url={url} recordId={recordId} onPosted={reload} /> : null}
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}
