// The form designer page: palette, canvas (or live preview) and property panel under a toolbar
// with undo / redo, preview, save and publish. Edits go through the command stack; the stack
// is kept in localStorage so a reload loses nothing. Saving (with its 409 merge) is in
// useDraftSave.ts, the keys in useShortcuts.ts.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Badge, Button, Popover, Result, Segmented, Space, Spin, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, DesktopOutlined, EyeOutlined, MobileOutlined, RedoOutlined, SaveOutlined, UndoOutlined, WarningOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { createFormEngine, textOf, type FieldType } from '@tessera/form-engine';
import { markOnce } from '@tessera/form-engine/react';
import { errorText } from '../../lib/api';
import { fmt, useT } from '../../lib/i18n';
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
import { addField } from './actions';
import { useDraftSave } from './useDraftSave';
import { useShortcuts } from './useShortcuts';

interface Loaded {
  app: AppDetail;
  drafts: DraftForm[];
  form: DraftForm;
  publishedIds: Set<string>;
}

/** The app, its drafts and this form's; 'missing' when the app has no such form. */
async function loadDesigner(appId: string, formId: string): Promise<Loaded | 'missing'> {
  const [app, drafts] = await Promise.all([builderApi.app(appId), builderApi.drafts(appId)]);
  const form = drafts.find((f) => f.id === formId);
  if (!form) return 'missing';
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
  const { t } = useT();
  const navigate = useNavigate();
  const [loaded, setLoaded] = useState<Loaded | 'missing' | null>(null);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const [generation, setGeneration] = useState(0);
  const load = useCallback(() => {
    setFailure(null);
    setLoaded(null);
    loadDesigner(appId, formId).then(
      (l) => {
        setLoaded(l);
        setGeneration((g) => g + 1);
      },
      (e: unknown) => setFailure({ error: e }),
    );
  }, [appId, formId]);
  useEffect(load, [load]);
  if (failure) return <Result status="warning" title={b.loadFailed} subTitle={errorText(failure.error, t)} extra={<Button onClick={load}>{b.retry}</Button>} />;
  if (loaded === 'missing') return <Result status="404" title={b.formNotFound} extra={<Button type="primary" onClick={() => navigate(`/builder/apps/${encodeURIComponent(appId)}`)}>{b.back}</Button>} />;
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
        message.warning(b.commandRefused[e.code]);
        return false;
      }
    },
    [stack, message, b],
  );
  const refuse = useCallback((reason: 'referenced') => void message.warning(reason === 'referenced' ? b.referencedMove : reason), [message, b]);
  const api = useMemo<DesignerApi>(
    () => ({ stack, selection, engine, conditions: engine.conditions, problems, appId, siblings, publishedIds, run, announce, refuse }),
    [stack, selection, engine, problems, appId, siblings, publishedIds, run, announce, refuse],
  );
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
            {f ? <Typography.Link onClick={() => d.selection.set([f.id])}>{textOf(f.label, locale) || b.untitledField}</Typography.Link> : null}
            {f ? b.colon : ''}
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

type Mode = 'design' | 'desktop' | 'phone';

/** The part of the page that shows the draft: canvas or preview, and the property panel. */
function Workspace({ mode, appId }: { mode: Mode; appId: string }) {
  const schema = useStackState().schema;
  return (
    <>
      <main style={{ minWidth: 0, minHeight: 0 }}>
        {mode === 'design' ? <Canvas schema={schema} /> : <Preview schema={schema} appId={appId} device={mode === 'phone' ? 'phone' : 'desktop'} />}
      </main>
      <PropertyPanel schema={schema} />
    </>
  );
}

/** The title, the design / preview switch, undo, redo, save state and publish. */
function Toolbar({ app, mode, setMode, saving, save, publish }: { app: AppDetail; mode: Mode; setMode(m: Mode): void; saving: boolean; save(): Promise<boolean>; publish(): void }) {
  const d = useDesigner();
  const { stack } = d;
  const { b, locale } = useBT();
  const state = useStackState();
  const title = textOf(state.schema.title, locale) || b.untitledForm;
  return (
    <>
      <AppIcon icon={app.icon} color={app.color} size={28} />
      <div style={{ minWidth: 0 }}>
        <div style={{ fontSize: 12, color: '#8c8c8c', lineHeight: '16px' }}>{textOf(app.name, locale)}</div>
        <h1 style={{ fontSize: 16, margin: 0, lineHeight: '22px', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{title}</h1>
      </div>
      <div style={{ flex: 1, display: 'flex', justifyContent: 'center', gap: 8 }}>
        {/* Preview is a toggle; while on, the device it previews on. */}
        <Button icon={<EyeOutlined aria-hidden />} type={mode === 'design' ? 'default' : 'primary'} ghost={mode !== 'design'} aria-pressed={mode !== 'design'} onClick={() => setMode(mode === 'design' ? 'desktop' : 'design')}>
          {b.preview}
        </Button>
        {mode !== 'design' ? (
          <Segmented
            value={mode}
            onChange={(v) => setMode(v as typeof mode)}
            options={[
              { value: 'desktop', label: b.desktop, icon: <DesktopOutlined aria-hidden /> },
              { value: 'phone', label: b.phone, icon: <MobileOutlined aria-hidden /> },
            ]}
            aria-label={b.previewDevice}
          />
        ) : null}
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
        <Button type="primary" icon={<CloudUploadOutlined aria-hidden />} onClick={publish}>{b.publish}</Button>
      </Space>
    </>
  );
}

function DesignerBody({ loaded, opened, onPublished }: { loaded: Loaded; opened: Restored; onPublished(ids: Set<string>): void }) {
  const d = useDesigner();
  const { stack, selection } = d;
  const { app } = loaded;
  const formId = loaded.form.id;
  const { b, locale } = useBT();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const serverVersion = useRef(loaded.form.version ?? 0);
  const [mode, setMode] = useState<Mode>('design');
  const [publishing, setPublishing] = useState(false);
  const [params] = useSearchParams();

  // Opening: say what happened to an earlier unsaved history.
  useEffect(() => {
    if (opened.kind === 'restored' && opened.unsaved) message.info(b.restoredHistory);
    if (opened.kind === 'rebased') message.info(opened.skipped ? `${b.historyStale} ${fmt(b.conflictSkipped, { n: opened.skipped })}` : b.historyStale);
    // A link to a problem (from the app's publish check) selects its field.
    const asked = params.get('field');
    if (asked && locate(stack.schema, asked)) selection.set([asked]);
    requestAnimationFrame(() => markOnce('tessera:designer-ready'));
    // Once, when the designer opens.
  }, []);

  // Every change: keep the history, re-check problems, drop selected fields that are gone.
  // Subscribed directly (not through React state) so an edit does not re-render this page.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = () => {
      const schema = stack.schema;
      d.problems.schedule(schema);
      selection.keep((id) => !!locate(schema, id));
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        saveHistory(d.appId, formId, serverVersion.current, stack);
      }, 300);
    };
    // The first check waits for the first frames (checking 200 fields takes a while).
    d.problems.schedule(stack.schema, 50);
    const off = stack.subscribe(onChange);
    const flush = () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      saveHistory(d.appId, formId, serverVersion.current, stack);
    };
    // Leaving the page or the designer writes the history at once (the last edits included).
    window.addEventListener('pagehide', flush);
    return () => {
      off();
      flush();
      window.removeEventListener('pagehide', flush);
      d.problems.dispose();
    };
  }, [d, selection, stack, formId]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (stack.getState().dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [stack]);

  const { save, saving } = useDraftSave(formId, serverVersion);

  const onAdd = useCallback(
    (type: FieldType) => {
      const id = addField(d, type, locale);
      if (id) d.announce(fmt(b.announceAdded, { label: textOf(locate(stack.schema, id)?.field.label, locale) }));
    },
    [d, locale, b, stack],
  );

  useShortcuts(save);

  // Back to the app: unsaved edits stay on this computer, but the app's Publish and other
  // analysts see only what is saved, so ask first.
  const leave = () => {
    const back = () => navigate(`/builder/apps/${app.id}`);
    if (!stack.getState().dirty) return back();
    const m = modal.confirm({
      title: b.leaveTitle,
      content: b.leaveUnsaved,
      okText: b.saveAndLeave,
      cancelText: b.cancel,
      footer: (_orig, { OkBtn, CancelBtn }) => (
        <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
          <CancelBtn />
          <Button onClick={() => { m.destroy(); back(); }}>{b.leaveWithoutSaving}</Button>
          <OkBtn />
        </div>
      ),
      onOk: async () => {
        if (await save()) back();
      },
    });
  };
  const formTitle = (id: string) => textOf((id === formId ? stack.schema : d.siblings.find((s) => s.id === id))?.title, locale) || b.untitledForm;
  return (
    <div style={{ height: '100vh', display: 'flex', flexDirection: 'column', background: '#fff' }}>
      <header style={{ height: 56, flex: 'none', display: 'flex', alignItems: 'center', gap: 12, padding: '0 12px', borderBottom: '1px solid #f0f0f0' }}>
        <Tooltip title={b.back}>
          <Button type="text" icon={<ArrowLeftOutlined aria-hidden />} aria-label={b.back} onClick={leave} />
        </Tooltip>
        <Toolbar app={app} mode={mode} setMode={setMode} saving={saving} save={save} publish={() => setPublishing(true)} />
      </header>
      <DesignerDnd>
        <div style={{ flex: 1, minHeight: 0, display: 'grid', gridTemplateColumns: '288px minmax(0, 1fr) 344px' }}>
          <Palette onAdd={onAdd} />
          <Workspace mode={mode} appId={app.id} />
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
