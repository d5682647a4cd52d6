// The app builder's 权限 / Permissions section: the app's permission sets (denied by default:
// a member no set names does not see the app), created, renamed, deleted and edited here; the
// app's admins; and "view as" a person. One set is edited at a time; leaving it with unsaved
// changes asks first.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Empty, Input, List, Modal, Result, Skeleton, Space, Typography } from 'antd';
import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { textOf } from '@tessera/form-engine';
import { ApiError, errorText } from '../../lib/api';
import { fmt, useT } from '../../lib/i18n';
import { viewAsUrl } from '../../lib/viewAs';
import type { AppDetail, DraftForm } from '../api';
import { useBT } from '../i18n';
import { MemberPicker } from '../form/pickers';
import { accessApi, type AccessOverview, type PermissionSet } from './api';
import { draftOf, inputOf, issuesOf, issueTarget, problemsOf, sameSet, stillApplies, type Issue, type SetDraft } from './model';
import { SetEditor } from './SetEditor';
import type { MatrixRow } from './FormMatrix';

const noMembers = { users: [], departments: [], roles: [] };

/** Mounted per opening (the caller keys it): a name and a description. */
function NameModal({ title, okText, initial, onOk, onCancel }: { title: string; okText: string; initial: { name: string; description: string }; onOk(v: { name: string; description: string }): void; onCancel(): void }) {
  const { b } = useBT();
  const a = b.access;
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [tried, setTried] = useState(false);
  const ok = () => {
    setTried(true);
    if (name.trim()) onOk({ name: name.trim(), description: description.trim() });
  };
  const missing = tried && !name.trim();
  return (
    <Modal title={title} open onCancel={onCancel} onOk={ok} okText={okText} cancelText={b.cancel} destroyOnHidden>
      <label htmlFor="set-name" style={{ display: 'block', marginBottom: 4 }}>{a.setName}</label>
      <Input id="set-name" autoFocus maxLength={100} value={name} status={missing ? 'error' : undefined} aria-invalid={missing} aria-required onChange={(e) => setName(e.target.value)} onPressEnter={ok} />
      {missing ? <Typography.Text type="danger">{a.setNameRequired}</Typography.Text> : null}
      <label htmlFor="set-description" style={{ display: 'block', margin: '12px 0 4px' }}>{a.setDescription}</label>
      <Input.TextArea id="set-description" maxLength={1000} autoSize={{ minRows: 2 }} value={description} onChange={(e) => setDescription(e.target.value)} />
    </Modal>
  );
}

function AdminsCard({ appId, overview, onSaved }: { appId: string; overview: AccessOverview; onSaved(o: AccessOverview): void }) {
  const { b } = useBT();
  const a = b.access;
  const { t } = useT();
  const { message } = App.useApp();
  const stored = overview.admins.map((x) => x.id);
  const [admins, setAdmins] = useState(stored);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = stored.join(',');
  useEffect(() => setAdmins(key ? key.split(',') : []), [key]);
  const changed = admins.join(',') !== key;
  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      onSaved(await accessApi.setAdmins(appId, admins));
      message.success(a.adminsSaved);
    } catch (e) {
      const issues = e instanceof ApiError && e.status === 422 ? issuesOf(e.details) : [];
      setProblem(issues.length ? fmt(a.issues.unknown_user, { n: issues.length }) : errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={a.admins}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{a.adminsHelp}</Typography.Paragraph>
      <MemberPicker ariaLabel={a.adminsPicker} value={admins} onChange={setAdmins} />
      {problem ? <Typography.Text type="danger" role="alert" style={{ display: 'block', fontSize: 12 }}>{problem}</Typography.Text> : null}
      <Button size="small" type="primary" style={{ marginTop: 8 }} disabled={!changed} loading={busy} onClick={save}>{a.saveAdmins}</Button>
    </Card>
  );
}

/**
 * 以该用户身份预览 / View as this user: the published app in a new tab as the person chosen sees
 * it (lib/viewAs.ts), to check what the sets give them; read-only, the server refuses writes.
 */
function ViewAsCard({ appId }: { appId: string }) {
  const { b } = useBT();
  const a = b.access;
  const [user, setUser] = useState<string[]>([]);
  return (
    <Card size="small" title={a.viewAs}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{a.viewAsHelp}</Typography.Paragraph>
      <MemberPicker ariaLabel={a.viewAsPicker} multiple={false} value={user} onChange={setUser} />
      <Button size="small" style={{ marginTop: 8 }} icon={<EyeOutlined aria-hidden />} disabled={!user.length} href={user.length ? viewAsUrl(appId, user[0]) : undefined} target="_blank" rel="noopener">
        {a.viewAsOpen}
      </Button>
    </Card>
  );
}

const summaryOf = (s: PermissionSet, a: ReturnType<typeof useBT>['b']['access'], sep: string) => {
  const m = s.members;
  const parts = [
    m.users.length ? fmt(a.summaryUsers, { n: m.users.length }) : '',
    m.departments.length ? fmt(a.summaryDepartments, { n: m.departments.length }) : '',
    m.roles.length ? fmt(a.summaryRoles, { n: m.roles.length }) : '',
  ].filter(Boolean);
  const forms = Object.values(s.forms).filter((g) => g.actions.length).length;
  return `${parts.length ? parts.join(sep) : a.noMembers}${sep}${fmt(a.summaryForms, { n: forms })}`;
};

export function PermissionsSection({ app, forms }: { app: AppDetail; forms: DraftForm[] }) {
  const { b, locale } = useBT();
  const a = b.access;
  const { t } = useT();
  const { message, modal } = App.useApp();
  const [overview, setOverview] = useState<AccessOverview | null>(null);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [draft, setDraft] = useState<SetDraft | null>(null);
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const [tried, setTried] = useState(false);
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [naming, setNaming] = useState<{ set: PermissionSet | null } | null>(null);

  const stored = overview?.sets.find((s) => s.id === selected) ?? null;
  const dirty = !!(stored && draft && !sameSet(draft, draftOf(stored)));
  // The server's issues until each is settled, and (once a save was tried) the checks before saving.
  const issues = useMemo(() => (draft ? [...serverIssues.filter((i) => stillApplies(i, draft)), ...(tried ? problemsOf(draft) : [])] : []), [serverIssues, tried, draft]);

  const open = useCallback((set: PermissionSet | null) => {
    setSelected(set?.id ?? null);
    setDraft(set ? draftOf(set) : null);
    setServerIssues([]);
    setTried(false);
    setStale(false);
    setExpanded([]);
  }, []);
  // The first load that fails says so in place of the page; a later one (the page stays) in a toast.
  const say = useRef({ message, t });
  say.current = { message, t };
  const load = useCallback(async (later = true) => {
    setFailure(null);
    try {
      const o = await accessApi.overview(app.id);
      setOverview(o);
      return o;
    } catch (e) {
      if (later) say.current.message.error(errorText(e, say.current.t));
      else setFailure({ error: e });
      return null;
    }
  }, [app.id]);
  useEffect(() => {
    void load(false).then((o) => o && open(o.sets[0] ?? null));
  }, [load, open]);

  const rows: MatrixRow[] = useMemo(() => {
    const live = forms.map((f) => ({ id: f.id, title: textOf(f.title, locale) || b.untitledForm, schema: f as MatrixRow['schema'] }));
    const gone = Object.keys(draft?.forms ?? {}).filter((id) => !forms.some((f) => f.id === id) && draft!.forms[id].actions.length);
    return [...live, ...gone.map((id) => ({ id, title: a.formGone, schema: null }))];
  }, [forms, draft, locale, b.untitledForm, a.formGone]);

  /** Asks before dropping unsaved changes. */
  const leave = (then: () => void) => {
    if (!dirty || !draft) return then();
    modal.confirm({ title: a.leaveSetTitle, content: fmt(a.leaveSetBody, { name: draft.name }), okText: a.discard, okButtonProps: { danger: true }, cancelText: b.cancel, onOk: then });
  };

  const save = async (v?: number) => {
    if (!draft || !stored) return;
    setTried(true);
    const local = problemsOf(draft);
    if (local.length) {
      setServerIssues([]);
      setExpanded((e) => [...new Set([...e, ...formsOf(local)])]);
      return;
    }
    setSaving(true);
    try {
      const saved = await accessApi.update(app.id, stored.id, inputOf(draft), v ?? stored._v);
      setOverview((o) => (o ? { ...o, sets: o.sets.map((s) => (s.id === saved.id ? saved : s)) } : o));
      setDraft(draftOf(saved));
      setServerIssues([]);
      setTried(false);
      setStale(false);
      message.success(a.setSaved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'STALE_VERSION') setStale(true);
      else if (e instanceof ApiError && e.status === 422 && issuesOf(e.details).length) {
        const found = issuesOf(e.details);
        setServerIssues(found);
        setExpanded((x) => [...new Set([...x, ...formsOf(found)])]);
      } else message.error(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };
  // A stale save: mine over theirs (with the revision now stored), or theirs instead of mine.
  const overwrite = async () => {
    const o = await load();
    if (!o) return;
    const fresh = o.sets.find((s) => s.id === selected);
    if (!fresh) return void message.error(a.setGone);
    await save(fresh._v);
  };
  const reloadSet = async () => {
    const o = await load();
    open(o?.sets.find((s) => s.id === selected) ?? o?.sets[0] ?? null);
  };

  const create = async (v: { name: string; description: string }) => {
    setNaming(null);
    try {
      const set = await accessApi.create(app.id, { ...v, members: noMembers, forms: {} });
      message.success(a.setCreated);
      const o = await load();
      open(o?.sets.find((s) => s.id === set.id) ?? set);
    } catch (e) {
      message.error(errorText(e, t));
    }
  };
  // Renaming saves the stored set with its new name; unsaved edits of it stay in the draft.
  const rename = async (set: PermissionSet, v: { name: string; description: string }) => {
    setNaming(null);
    try {
      const saved = await accessApi.update(app.id, set.id, { ...inputOf(draftOf(set)), ...v }, set._v);
      setOverview((o) => (o ? { ...o, sets: o.sets.map((s) => (s.id === saved.id ? saved : s)) } : o));
      if (selected === set.id) setDraft((d) => (d ? { ...d, ...v } : d));
    } catch (e) {
      message.error(errorText(e, t));
      if (e instanceof ApiError && e.status === 409) void load();
    }
  };
  const remove = (set: PermissionSet) =>
    modal.confirm({
      title: a.deleteSet,
      content: fmt(a.deleteSetConfirm, { name: set.name }),
      okText: b.remove,
      okButtonProps: { danger: true },
      cancelText: b.cancel,
      onOk: async () => {
        try {
          await accessApi.remove(app.id, set.id);
          message.success(a.setDeleted);
        } catch (e) {
          message.error(fmt(b.withReason, { text: b.deleteFailed, reason: errorText(e, t) }));
        }
        const o = await load();
        if (selected === set.id) open(o?.sets[0] ?? null);
      },
    });

  if (failure && !overview) return <Result status="warning" title={b.loadFailed} subTitle={errorText(failure.error, t)} extra={<Button type="primary" onClick={() => void load(false).then((o) => o && open(o.sets[0] ?? null))}>{b.retry}</Button>} />;
  if (!overview) return <Skeleton active />;
  const newButton = (type: 'primary' | 'dashed', block = false) => <Button type={type} block={block} icon={<PlusOutlined aria-hidden />} onClick={() => leave(() => setNaming({ set: null }))}>{a.newSet}</Button>;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '240px minmax(0, 1fr)', gap: 16, alignItems: 'start' }}>
      <div style={{ display: 'grid', gap: 16 }}>
        <Card size="small" title={a.sets}>
          {overview.sets.length ? (
            <List
              size="small"
              dataSource={overview.sets}
              renderItem={(s) => (
                <List.Item style={{ padding: 0, border: 0 }}>
                  <button
                    type="button"
                    aria-current={s.id === selected ? 'true' : undefined}
                    onClick={() => s.id !== selected && leave(() => open(s))}
                    style={{ width: '100%', textAlign: 'left', border: 0, borderRadius: 6, padding: '8px 10px', marginBottom: 4, cursor: 'pointer', background: s.id === selected ? '#e6f4ff' : 'transparent', font: 'inherit' }}
                  >
                    <Typography.Text strong={s.id === selected} style={{ display: 'block' }}>{s.name}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{summaryOf(s, a, ' · ')}</Typography.Text>
                  </button>
                </List.Item>
              )}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={a.noSets} />
          )}
          <div style={{ marginTop: 8 }}>{newButton('dashed', true)}</div>
        </Card>
        <AdminsCard appId={app.id} overview={overview} onSaved={setOverview} />
        <ViewAsCard appId={app.id} />
      </div>
      <div>
        {stored && draft ? (
          <SetEditor
            draft={draft}
            onChange={(update) => setDraft((d) => (d ? update(d) : d))}
            rows={rows}
            issues={issues}
            dirty={dirty}
            stale={stale}
            saving={saving}
            expanded={expanded}
            onExpanded={setExpanded}
            onSave={() => void save()}
            onDiscard={() => open(stored)}
            onOverwrite={() => void overwrite()}
            onReload={() => void reloadSet()}
            onRename={() => setNaming({ set: stored })}
            onDelete={() => remove(stored)}
          />
        ) : (
          <Card>
            <Empty description={overview.sets.length ? a.chooseSet : <Space orientation="vertical" size={4}><Typography.Text strong>{a.noSets}</Typography.Text><span>{a.noSetsHint}</span></Space>}>
              {overview.sets.length ? null : newButton('primary')}
            </Empty>
          </Card>
        )}
      </div>
      {naming ? (
        <NameModal
          key={naming.set?.id ?? 'new'}
          title={naming.set ? b.rename : a.newSet}
          okText={naming.set ? b.apply : b.create}
          initial={naming.set ? { name: naming.set.name, description: naming.set.description } : { name: '', description: '' }}
          onCancel={() => setNaming(null)}
          onOk={(v) => (naming.set ? void rename(naming.set, v) : void create(v))}
        />
      ) : null}
    </div>
  );
}

/** The forms some issues are about (their rows are opened to show them). */
function formsOf(issues: Issue[]): string[] {
  return issues.flatMap((i) => {
    const t = issueTarget(i.path);
    return t.at === 'scope' || t.at === 'field' ? [t.formId] : [];
  });
}
