// The form designer page: palette, canvas (or live preview) and property panel under a toolbar
// with undo / redo, preview, save and publish. Edits go through the command stack; the stack
// is kept in localStorage so a reload loses nothing; saving sends the draft with the version it
// was based on, and a 409 offers to reapply one's edits on the other person's draft.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Badge, Button, Popover, Result, Segmented, Space, Spin, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, RedoOutlined, SaveOutlined, UndoOutlined, WarningOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { createConditions, createFormEngine, textOf, type FieldType } from '@tessera/form-engine';
import { markOnce } from '@tessera/form-engine/react';
import { ApiError } from '../../lib/api';
import { fmt, relativeTime, useT } from '../../lib/i18n';
import { builderApi, schemaOf, type AppDetail, type DraftForm } from '../api';
import { useBT } from '../i18n';
import { AppIcon } from '../icons';
import { DesignerContext, useDesigner, useStackState, type DesignerApi } from './context';
import { Selection } from './model/selection';
import { CommandError, type Command } from './model/commands';
import { locate, walk } from './model/tree';
import { ProblemStore, useProblems } from './problems';
import { openStack, saveHistory, type Restored } from './persist';
import { Palette } from './Palette';
import { Canvas } from './Canvas';
import { DesignerDnd } from './DesignerDnd';
import { PropertyPanel } from './props/PropertyPanel';
import { Preview } from './Preview';
import { PublishDialog } from '../apps/PublishDialog';
import { addField, copySelection, duplicateSelection, moveSelection, paste, readClipboard, removeSelection } from './actions';

interface Loaded {
  app: AppDetail;
  drafts: DraftForm[];
  form: DraftForm;
  publishedIds: Set<string>;
}

/** Keys typed into an input are its own (copy, paste, delete work on text there). */
const editable = (el: EventTarget | null) => {
  const e = el as HTMLElement | null;
  if (!e || !e.tagName) return false;
  return e.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.tagName);
};

async function loadDesigner(appId: string, formId: string): Promise<Loaded> {
  const [app, drafts] = await Promise.all([builderApi.app(appId), builderApi.drafts(appId)]);
  const form = drafts.find((f) => f.id === formId);
  if (!form) throw new ApiError(404, 'NOT_FOUND', formId, []);
  let publishedIds = new Set<string>();
  if (form.publishedVersion !== null) {
    const pub = await builderApi.published(appId, formId).catch(() => null);
    if (pub) publishedIds = new Set(walk(pub).map((l) => l.field.id));
  }
  return { app, drafts, form, publishedIds };
}

export function FormDesignerPage() {
  const { appId = '', formId = '' } = useParams();
  const { b } = useBT();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const load = useCallback(() => {
    setError(null);
    setLoaded(null);
    loadDesigner(appId, formId).then(
      (l) => {
        setLoaded(l);
        setGeneration((g) => g + 1);
      },
      (e: Error) => setError(e.message),
    );
  }, [appId, formId]);
  useEffect(load, [load]);
  if (error) return <Result status="warning" title={b.loadFailed} subTitle={error} extra={<Button onClick={load}>{b.retry}</Button>} />;
  if (!loaded) return <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}><Spin size="large" /></div>;
  return <Designer key={`${appId}/${formId}/${generation}`} loaded={loaded} />;
}

function Designer({ loaded }: { loaded: Loaded }) {
  const appId = loaded.app.id;
  const formId = loaded.form.id;
  const { b, locale } = useBT();
  const { message } = App.useApp();
  const liveRef = useRef<HTMLDivElement>(null);
  const engine = useMemo(() => createFormEngine(), []);
  const conditions = useMemo(() => createConditions(), []);
  const siblings = useMemo(() => loaded.drafts.filter((f) => f.id !== formId).map(schemaOf), [loaded.drafts, formId]);
  const [opened] = useState<Restored>(() => openStack(appId, formId, schemaOf(loaded.form), loaded.form.version ?? 0));
  const stack = opened.stack;
  const selection = useMemo(() => new Selection(), []);
  const problems = useMemo(() => new ProblemStore(engine, locale, siblings), [engine, locale, siblings]);
  const [publishedIds, setPublishedIds] = useState(loaded.publishedIds);

  const announce = useCallback((text: string) => {
    if (liveRef.current) liveRef.current.textContent = text;
  }, []);
  const run = useCallback(
    (cmd: Command) => {
      try {
        stack.execute(cmd);
        return true;
      } catch (e) {
        if (!(e instanceof CommandError)) throw e;
        message.warning(e.code === 'id_taken' ? b.fieldIdTaken : e.message);
        return false;
      }
    },
    [stack, message, b],
  );
  const api = useMemo<DesignerApi>(() => ({ stack, selection, engine, conditions, problems, appId, siblings, publishedIds, run, announce }), [stack, selection, engine, conditions, problems, appId, siblings, publishedIds, run, announce]);
  return (
    <DesignerContext.Provider value={api}>
      <DesignerBody loaded={loaded} opened={opened} onPublished={setPublishedIds} />
      <div ref={liveRef} aria-live="polite" role="status" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }} />
    </DesignerContext.Provider>
  );
}

function ProblemsButton() {
  const d = useDesigner();
  const { b, locale } = useBT();
  const list = useProblems(d.problems);
  const schema = useStackState().schema;
  if (!list.length) return null;
  const content = (
    <ul style={{ margin: 0, paddingInlineStart: 16, maxWidth: 360, maxHeight: 320, overflow: 'auto' }}>
      {list.map((p, i) => {
        const f = p.fieldId ? locate(schema, p.fieldId)?.field : undefined;
        return (
          <li key={i} style={{ marginBottom: 4 }}>
            {f ? <Typography.Link onClick={() => d.selection.set([f.id])}>{textOf(f.label, locale) || f.id}</Typography.Link> : null}
            {f ? '：' : ''}
            {p.message}
          </li>
        );
      })}
    </ul>
  );
  return (
    <Popover title={b.problemsTitle} content={content} trigger="click">
      <Button danger icon={<WarningOutlined aria-hidden />}>{fmt(b.problems, { n: list.length })}</Button>
    </Popover>
  );
}

function DesignerBody({ loaded, opened, onPublished }: { loaded: Loaded; opened: Restored; onPublished(ids: Set<string>): void }) {
  const d = useDesigner();
  const { stack, selection } = d;
  const { app } = loaded;
  const formId = loaded.form.id;
  const { b, locale } = useBT();
  const { t } = useT();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const state = useStackState();
  const schema = state.schema;
  const serverVersion = useRef(loaded.form.version ?? 0);
  const [mode, setMode] = useState<'design' | 'desktop' | 'phone'>('design');
  const [saving, setSaving] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [params] = useSearchParams();

  // Opening: say what happened to an earlier unsaved history.
  useEffect(() => {
    if (opened.kind === 'restored' && opened.unsaved) message.info(b.restoredHistory);
    if (opened.kind === 'rebased') message.info(opened.failed.length ? `${b.historyStale} ${fmt(b.conflictSkipped, { n: opened.failed.length })}` : b.historyStale);
    // A link to a problem (from the app's publish check) selects its field.
    const asked = params.get('field');
    if (asked && locate(stack.schema, asked)) selection.set([asked]);
    requestAnimationFrame(() => markOnce('tessera:designer-ready'));
    // Once, when the designer opens.
  }, []);

  // Every change: keep the history, re-check problems, drop selected fields that are gone.
  useEffect(() => {
    d.problems.schedule(schema);
    selection.keep((id) => !!locate(schema, id));
    const h = setTimeout(() => saveHistory(d.appId, formId, serverVersion.current, stack), 300);
    return () => clearTimeout(h);
  }, [schema, d, selection, stack, formId]);
  useEffect(() => () => d.problems.dispose(), [d]);
  useEffect(() => {
    d.problems.check(stack.schema);
  }, [d, stack]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (stack.getState().dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [stack]);

  const save = useCallback(async (): Promise<boolean> => {
    if (!stack.getState().dirty) return true;
    setSaving(true);
    try {
      const saved = await builderApi.saveForm(d.appId, stack.schema, serverVersion.current);
      serverVersion.current = saved.version ?? serverVersion.current + 1;
      stack.markSaved();
      saveHistory(d.appId, formId, serverVersion.current, stack);
      message.success(b.saved);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'STALE_VERSION') {
        const fresh = await builderApi.draft(d.appId, formId);
        const unsaved = stack.unsaved();
        const who = fresh.updatedBy?.name ?? '';
        return await new Promise<boolean>((resolve) => {
          modal.confirm({
            title: b.conflictTitle,
            content: fmt(b.conflictBody, { who, when: relativeTime(fresh.updatedAt, t), n: unsaved.length }),
            okText: b.conflictMerge,
            cancelText: b.conflictReload,
            onOk: async () => {
              const r = stack.rebase(schemaOf(fresh), unsaved);
              serverVersion.current = fresh.version ?? serverVersion.current;
              if (r.failed.length) message.warning(fmt(b.conflictSkipped, { n: r.failed.length }));
              resolve(await save());
            },
            onCancel: () => {
              stack.rebase(schemaOf(fresh), []);
              stack.markSaved();
              serverVersion.current = fresh.version ?? serverVersion.current;
              saveHistory(d.appId, formId, serverVersion.current, stack);
              resolve(false);
            },
          });
        });
      }
      if (e instanceof ApiError && e.code === 'INVALID_SCHEMA' && Array.isArray(e.details)) message.error(fmt(b.saveProblems, { n: e.details.length }));
      else message.error(`${b.saveFailed}: ${(e as Error).message}`);
      return false;
    } finally {
      setSaving(false);
    }
  }, [stack, d.appId, formId, message, modal, b, t]);

  const onAdd = useCallback(
    (type: FieldType) => {
      const id = addField(d, type, locale);
      if (id) d.announce(fmt(b.announceAdded, { label: textOf(locate(stack.schema, id)?.field.label, locale) }));
    },
    [d, locale, b, stack],
  );

  // Keyboard: undo / redo / save everywhere; field actions when not typing in an input.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey ? stack.redo() : stack.undo()) d.announce(e.shiftKey ? b.announceRedo : b.announceUndo);
        return;
      }
      if (mod && key === 'y') {
        e.preventDefault();
        if (stack.redo()) d.announce(b.announceRedo);
        return;
      }
      if (mod && key === 's') {
        e.preventDefault();
        void save();
        return;
      }
      if (editable(e.target) || document.querySelector('.ant-modal-wrap')) return;
      const sel = selection.get();
      if ((e.key === 'Delete' || e.key === 'Backspace') && sel.length) {
        e.preventDefault();
        removeSelection(d);
      } else if (mod && key === 'c' && sel.length) {
        copySelection(d);
      } else if (mod && key === 'x' && sel.length) {
        copySelection(d);
        removeSelection(d);
      } else if (mod && key === 'd' && sel.length) {
        e.preventDefault();
        duplicateSelection(d);
      } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown') && sel.length) {
        e.preventDefault();
        if (moveSelection(d, e.key === 'ArrowUp' ? -1 : 1)) {
          const at = locate(stack.schema, sel[0]);
          d.announce(fmt(b.announceMoved, { label: textOf(at?.field.label, locale), n: (at?.index ?? 0) + 1 }));
          requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-field-id="${sel[0]}"]`)?.focus());
        }
      } else if (e.key === 'Escape' && sel.length) {
        selection.set([]);
      }
    };
    // Paste as an event, so fields copied in another window (system clipboard) paste too.
    const onPaste = (e: ClipboardEvent) => {
      if (editable(e.target)) return;
      const data = readClipboard(e.clipboardData?.getData('text/plain'));
      if (data && paste(d, data)) {
        e.preventDefault();
        d.announce(fmt(b.announcePasted, { n: data.fields.length }));
      }
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('paste', onPaste);
    };
  }, [d, stack, selection, save, b, locale]);

  const title = textOf(schema.title, locale) || b.untitledForm;
  const formTitle = (id: string) => textOf((id === formId ? schema : d.siblings.find((s) => s.id === id))?.title, locale) || id;
  return (
    <div style={{ height: '100vh', display: 'flex', flexDirection: 'column', background: '#fff' }}>
      <header style={{ height: 56, flex: 'none', display: 'flex', alignItems: 'center', gap: 12, padding: '0 12px', borderBottom: '1px solid #f0f0f0' }}>
        <Tooltip title={b.back}>
          <Button type="text" icon={<ArrowLeftOutlined aria-hidden />} aria-label={b.back} onClick={() => navigate(`/builder/apps/${app.id}`)} />
        </Tooltip>
        <AppIcon icon={app.icon} color={app.color} size={28} />
        <div style={{ minWidth: 0 }}>
          <div style={{ fontSize: 12, color: '#8c8c8c', lineHeight: '16px' }}>{textOf(app.name, locale)}</div>
          <h1 style={{ fontSize: 16, margin: 0, lineHeight: '22px', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{title}</h1>
        </div>
        <div style={{ flex: 1, display: 'flex', justifyContent: 'center' }}>
          <Segmented
            value={mode}
            onChange={(v) => setMode(v as typeof mode)}
            options={[
              { value: 'design', label: b.design },
              { value: 'desktop', label: `${b.preview} · ${b.desktop}` },
              { value: 'phone', label: `${b.preview} · ${b.phone}` },
            ]}
            aria-label={b.preview}
          />
        </div>
        <Space size={8}>
          <ProblemsButton />
          <Tooltip title="Ctrl+Z">
            <Button icon={<UndoOutlined aria-hidden />} aria-label={b.undo} disabled={!state.canUndo} onClick={() => stack.undo() && d.announce(b.announceUndo)}>{b.undo}</Button>
          </Tooltip>
          <Tooltip title="Ctrl+Shift+Z">
            <Button icon={<RedoOutlined aria-hidden />} aria-label={b.redo} disabled={!state.canRedo} onClick={() => stack.redo() && d.announce(b.announceRedo)}>{b.redo}</Button>
          </Tooltip>
          <Typography.Text type={state.dirty ? 'warning' : 'secondary'} style={{ fontSize: 12, minWidth: 48 }} role="status">
            {saving ? b.saving : state.dirty ? b.unsaved : b.saved}
          </Typography.Text>
          <Badge dot={state.dirty}>
            <Button icon={<SaveOutlined aria-hidden />} loading={saving} onClick={() => void save()}>{b.save}</Button>
          </Badge>
          <Button type="primary" icon={<CloudUploadOutlined aria-hidden />} onClick={() => setPublishing(true)}>{b.publish}</Button>
        </Space>
      </header>
      <DesignerDnd>
        <div style={{ flex: 1, minHeight: 0, display: 'grid', gridTemplateColumns: '248px minmax(0, 1fr) 344px' }}>
          <Palette onAdd={onAdd} />
          <main style={{ minWidth: 0, minHeight: 0 }}>
            {mode === 'design' ? <Canvas schema={schema} /> : <Preview schema={schema} appId={app.id} device={mode === 'phone' ? 'phone' : 'desktop'} />}
          </main>
          <PropertyPanel schema={schema} />
        </div>
      </DesignerDnd>
      <PublishDialog
        appId={app.id}
        open={publishing}
        onClose={() => setPublishing(false)}
        before={save}
        formTitle={formTitle}
        onProblem={(fid, fieldId) => {
          setPublishing(false);
          if (fid === formId) selection.set(fieldId ? [fieldId] : []);
          else navigate(`/builder/apps/${app.id}/forms/${fid}`);
        }}
        onPublished={(v) => {
          setPublishing(false);
          message.success(fmt(b.published, { v }));
          onPublished(new Set(walk(stack.schema).map((l) => l.field.id)));
        }}
      />
    </div>
  );
}
