// Publishing an app: the draft is checked first (problems block), then what publishing would do
// to existing records is listed with counts and examples (risky changes ask; changes that cannot
// apply block), and the version is published with a note.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Input, List, Modal, Spin, Tag, Typography } from 'antd';
import { isFieldType, textOf, type Field, type Locale } from '@tessera/form-engine';
import { displayValue, memberIds, rendererText, useMemberNames } from '@tessera/form-engine/react';
import { ApiError, errorText, formServices } from '../../lib/api';
import { fmt, useT } from '../../lib/i18n';
import { builderApi, type PublishChange, type PublishPreview } from '../api';
import { useBT, type BuilderDict } from '../i18n';
import { typeName } from '../form/model/fieldTypes';

const NONE: PublishChange[] = [];

/** Names of the members the samples hold (the directory the app's pages share). */
const people = formServices('', '');

/** How a stored value reads ('—' when there is none). */
type Shown = (field: Field | undefined, v: unknown) => string;

interface SampleText {
  shown: Shown;
  /** A sample's title: '' when it has none. */
  title(c: PublishChange, v: unknown): string;
  /** A sample's value of the changed field. */
  column(c: PublishChange, v: unknown): string;
}

/** A subform column's change: its samples' values are one per row (a field id itself holds no dot). */
const perRow = (c: PublishChange) => c.fieldId?.includes('.') === true;

/**
 * A change's values read as the form's lists show them: options by their label, members by
 * their name, datetimes in the tenant's zone.
 */
function useSampleText(changes: readonly PublishChange[], b: BuilderDict, locale: Locale, timeZone: string | undefined): SampleText {
  const ids = useMemo(() => {
    const out = new Set<string>();
    const add = (f: Field | undefined, v: unknown, rows: boolean) => {
      if (!f) return;
      for (const x of rows && Array.isArray(v) ? v : [v]) for (const id of memberIds(f, x)) out.add(id);
    };
    for (const c of changes) {
      for (const s of c.samples) {
        add(c.titleField, s.title, false);
        add(c.field, s.value, perRow(c));
      }
      for (const d of c.detail?.duplicates ?? []) add(c.field, d.value, false);
    }
    return [...out];
  }, [changes]);
  const memberName = useMemberNames(people, ids, rendererText(locale));
  const shown: Shown = (field, v) => (field ? displayValue(field, v, locale, timeZone, memberName) : '') || '—';
  return {
    shown,
    title: (c, v) => (c.titleField ? displayValue(c.titleField, v, locale, timeZone, memberName) : ''),
    column: (c, v) => (perRow(c) && Array.isArray(v) ? v.map((x) => shown(c.field, x)).join(b.listSep) : shown(c.field, v)),
  };
}

function describeChange(c: PublishChange, b: BuilderDict, locale: Locale, shown: Shown): string {
  const tn = (t?: string) => (t && isFieldType(t) ? typeName(t, locale) : t ?? '');
  return fmt(b.changeKinds[c.kind] ?? c.kind, {
    field: textOf(c.fieldLabel, locale) || b.untitledField,
    form: textOf(c.formTitle, locale),
    from: tn(c.detail?.fromType),
    to: tn(c.detail?.toType),
    options: (c.detail?.options ?? []).map((o) => textOf(o.label, locale)).join(b.listSep),
    values: (c.detail?.duplicates ?? []).slice(0, 5).map((d) => `${shown(c.field, d.value)} ×${d.count}`).join(b.listSep),
  });
}

function ChangeItem({ c, b, locale, text }: { c: PublishChange; b: BuilderDict; locale: Locale; text: SampleText }) {
  return (
    <List.Item>
      <div style={{ width: '100%' }}>
        <div>
          <Tag color={c.blocking ? 'red' : 'orange'}>{fmt(b.affects, { n: c.count })}</Tag>
          <Typography.Text type="secondary">{textOf(c.formTitle, locale)}</Typography.Text>
        </div>
        <div style={{ margin: '4px 0' }}>{describeChange(c, b, locale, text.shown)}</div>
        {c.samples.length ? (
          <div style={{ fontSize: 12 }}>
            <Typography.Text type="secondary">
              {b.samples}
              {b.colon}
              {c.samples.map((s, i) => {
                const title = text.title(c, s.title) || b.untitledRecord;
                return (
                  <span key={s.id}>
                    {i > 0 ? b.itemSep : null}
                    {/* A form removed: its records are named, no field's value goes with them. */}
                    {c.field ? fmt(b.withDetail, { text: title, detail: text.column(c, s.value) }) : title}
                    {s.deleted ? <Tag bordered={false} style={{ marginInlineStart: 4, marginInlineEnd: 0, fontSize: 12 }}>{b.sampleDeleted}</Tag> : null}
                  </span>
                );
              })}
            </Typography.Text>
            {/* A deleted record can block a unique rule: say why it counts. */}
            {c.samples.some((s) => s.deleted) ? <div><Typography.Text type="secondary">{b.deletedSamplesCount}</Typography.Text></div> : null}
          </div>
        ) : null}
      </div>
    </List.Item>
  );
}

export interface PublishDialogProps {
  appId: string;
  open: boolean;
  onClose(): void;
  /** Runs first (the form designer saves its draft); false stops publishing. */
  before?(): Promise<boolean>;
  onPublished(version: number): void;
  /** Problems link to their form and field. */
  onProblem?(formId: string, fieldId: string): void;
  formTitle?(formId: string): string;
}

export function PublishDialog({ appId, open, onClose, before, onPublished, onProblem, formTitle }: PublishDialogProps) {
  const { b, locale } = useBT();
  const { t } = useT();
  const [preview, setPreview] = useState<PublishPreview | null>(null);
  // What failed (checking or publishing) and why; the reason is worded at render time.
  const [failure, setFailure] = useState<{ title: string; error: unknown } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setPreview(null);
    setFailure(null);
    (async () => {
      if (before && !(await before())) {
        if (live) onClose();
        return;
      }
      try {
        const p = await builderApi.publishPreview(appId);
        if (live) setPreview(p);
      } catch (e) {
        if (live) setFailure({ title: b.previewFailed, error: e });
      }
    })();
    return () => {
      live = false;
    };
    // Only opening starts a check.
  }, [open, appId]);

  const publish = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const r = await builderApi.publish(appId, note, preview.changes.length > 0);
      setNote('');
      onPublished(r.version);
    } catch (e) {
      setFailure({ title: b.publishFailed, error: e });
      if (e instanceof ApiError && (e.code === 'INVALID_SCHEMA' || e.code === 'PUBLISH_BLOCKED' || e.code === 'CONFIRMATION_REQUIRED')) setPreview(await builderApi.publishPreview(appId).catch(() => preview));
    } finally {
      setBusy(false);
    }
  };

  const text = useSampleText(preview?.changes ?? NONE, b, locale, preview?.timeZone);
  const blocking = preview?.changes.filter((c) => c.blocking) ?? [];
  const risky = preview?.changes.filter((c) => !c.blocking) ?? [];
  return (
    <Modal
      title={b.publishTitle}
      open={open}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>{b.cancel}</Button>,
        <Button key="ok" type="primary" loading={busy} disabled={!preview?.canPublish} onClick={publish}>{b.publishConfirm}</Button>,
      ]}
    >
      {failure ? <Alert type="error" showIcon message={failure.title} description={errorText(failure.error, t)} style={{ marginBottom: 12 }} /> : null}
      {!preview && !failure ? <div style={{ textAlign: 'center', padding: 24 }}><Spin /> <span style={{ marginInlineStart: 8 }}>{b.publishChecking}</span></div> : null}
      {preview ? (
        <>
          {preview.problems.length ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              message={fmt(b.publishProblems, { n: preview.problems.length })}
              description={
                <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                  {preview.problems.map((p, i) => (
                    <li key={i}>
                      {onProblem ? <Typography.Link onClick={() => onProblem(p.formId, p.fieldId)}>{formTitle?.(p.formId) ?? b.untitledForm}</Typography.Link> : formTitle?.(p.formId) ?? b.untitledForm}
                      {b.colon}
                      {p.message}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : null}
          {blocking.length ? (
            <>
              <Typography.Text strong type="danger">{b.publishBlocked}</Typography.Text>
              <List size="small" dataSource={blocking} renderItem={(c) => <ChangeItem c={c} b={b} locale={locale} text={text} />} style={{ marginBottom: 12 }} />
            </>
          ) : null}
          {risky.length ? (
            <>
              <Typography.Text strong>{b.publishRisky}</Typography.Text>
              <List size="small" dataSource={risky} renderItem={(c) => <ChangeItem c={c} b={b} locale={locale} text={text} />} style={{ marginBottom: 12 }} />
            </>
          ) : null}
          {!preview.problems.length && !preview.changes.length ? <Alert type="success" showIcon message={b.publishSafe} style={{ marginBottom: 12 }} /> : null}
          <label htmlFor="publish-note" style={{ display: 'block', marginBottom: 4 }}>{b.publishNote}</label>
          <Input.TextArea id="publish-note" value={note} maxLength={1000} placeholder={b.publishNotePlaceholder} autoSize={{ minRows: 2, maxRows: 5 }} onChange={(e) => setNote(e.target.value)} />
        </>
      ) : null}
    </Modal>
  );
}
