// An app's builder page: its forms and menu, and (as they land) flows, reports and automations,
// plus its settings. Publishing from here publishes the whole app.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, Descriptions, Empty, Input, Modal, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, CopyOutlined, DeleteOutlined, EditOutlined, ExportOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { dataFields, textOf, type I18nText } from '@tessera/form-engine';
import { errorText, type NavNode } from '../../lib/api';
import { fmt, relativeTime, useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { normalizeNav } from '../../lib/navigation';
import { builderApi, schemaOf, type AppDetail, type DraftForm } from '../api';
import { BUILDER_DICTS, useBT } from '../i18n';
import { AppIcon } from '../icons';
import { NavEditor } from './NavEditor';
import { clearHistory } from '../form/persist';
import { PublishDialog } from './PublishDialog';
import { SettingsSection } from './SettingsSection';
import { PermissionsSection } from '../access/PermissionsSection';
import { i18nPart, OTHER_LOCALE, setI18n } from '../form/model/i18nText';

type Section = 'forms' | 'flows' | 'reports' | 'automations' | 'permissions' | 'settings';

/** "<title> (copy)" in each language the title has. */
function copyTitle(title: I18nText): I18nText {
  const say = (l: 'zh-CN' | 'en-US', t: string) => fmt(BUILDER_DICTS[l].copyTitle, { title: t });
  if (typeof title === 'string') return { 'zh-CN': say('zh-CN', title), 'en-US': say('en-US', title) };
  return { ...(title['zh-CN'] ? { 'zh-CN': say('zh-CN', title['zh-CN']) } : {}), ...(title['en-US'] ? { 'en-US': say('en-US', title['en-US']) } : {}) };
}

function FormOverview({ form, onDesign, onRename, onCopy, onRemove }: { form: DraftForm; onDesign(): void; onRename(): void; onCopy(): void; onRemove(): void }) {
  const { b, locale } = useBT();
  const { t } = useT();
  const status = form.publishedVersion === null ? <Tag>{b.notPublished}</Tag> : form.publishedVersion === form.version ? <Tag color="green">{b.publishedShort}</Tag> : <Tag color="orange">{b.draftChanged}</Tag>;
  return (
    <Card
      title={<Space>{textOf(form.title, locale) || b.untitledForm}{status}</Space>}
      extra={
        <Space>
          <Button icon={<EditOutlined aria-hidden />} onClick={onRename}>{b.rename}</Button>
          <Button icon={<CopyOutlined aria-hidden />} onClick={onCopy}>{b.copy}</Button>
          <Button danger icon={<DeleteOutlined aria-hidden />} onClick={onRemove}>{b.remove}</Button>
          <Button type="primary" onClick={onDesign}>{b.build}</Button>
        </Space>
      }
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={b.fieldsHeading}>{fmt(b.fieldsCount, { n: dataFields(form.fields).length })}</Descriptions.Item>
        <Descriptions.Item label={b.formDescription}>{textOf(form.description, locale) || '—'}</Descriptions.Item>
        <Descriptions.Item label={t.updatedAt}>{form.updatedBy?.name ? fmt(b.updatedBy, { who: form.updatedBy.name, when: relativeTime(form.updatedAt, t) }) : fmt(b.updatedWhen, { when: relativeTime(form.updatedAt, t) })}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Mounted per opening (the caller keys it), so `initial` is read once and typing is never reset. */
function TitleModal({ title, initial, extra, onOk, onCancel }: { title: string; initial: I18nText; extra?: React.ReactNode; onOk(t: I18nText): void; onCancel(): void }) {
  const { b, locale } = useBT();
  const [text, setText] = useState<I18nText>(initial);
  return (
    <Modal title={title} open onCancel={onCancel} onOk={() => onOk(text)} okText={b.apply} cancelText={b.cancel} destroyOnHidden>
      <label htmlFor="form-title-main" style={{ display: 'block', marginBottom: 4 }}>{b.formTitle}</label>
      <Input id="form-title-main" autoFocus value={i18nPart(text, locale)} onChange={(e) => setText(setI18n(text, locale, e.target.value))} onPressEnter={() => onOk(text)} style={{ marginBottom: 12 }} />
      <label htmlFor="form-title-other" style={{ display: 'block', marginBottom: 4 }}>{b.labelOther}</label>
      <Input id="form-title-other" value={i18nPart(text, OTHER_LOCALE[locale], true)} onChange={(e) => setText(setI18n(text, locale, e.target.value, true))} />
      {extra}
    </Modal>
  );
}

function FormsSection({ app, forms, reload, onApp }: { app: AppDetail; forms: DraftForm[]; reload(): Promise<void>; onApp(a: AppDetail): void }) {
  const { b, locale } = useBT();
  const { t } = useT();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const nodes = useMemo(() => normalizeNav(app.navigation, forms.map((f) => f.id)), [app.navigation, forms]);
  const [selected, setSelected] = useState<string | null>(forms[0]?.id ?? null);
  const [renaming, setRenaming] = useState<DraftForm | null>(null);
  const [copying, setCopying] = useState<DraftForm | null>(null);
  const [withRecords, setWithRecords] = useState(false);
  const current = forms.find((f) => f.id === selected) ?? forms[0];
  const byId = (id: string) => forms.find((f) => f.id === id)!;
  const saveNav = async (navigation: NavNode[]) => {
    onApp({ ...app, navigation });
    try {
      onApp(await builderApi.updateApp(app.id, { navigation }));
    } catch (e) {
      message.error(errorText(e, t));
      await reload();
    }
  };
  const create = async () => {
    try {
      const f = await builderApi.createForm(app.id, { title: b.untitledForm, fields: [] });
      message.success(b.formCreated);
      navigate(`/builder/apps/${app.id}/forms/${f.id}`);
    } catch (e) {
      message.error(errorText(e, t));
    }
  };
  const actions = {
    design: (id: string) => navigate(`/builder/apps/${app.id}/forms/${id}`),
    rename: (id: string) => setRenaming(byId(id)),
    copy: (id: string) => {
      setWithRecords(false);
      setCopying(byId(id));
    },
    remove: (id: string) =>
      modal.confirm({
        title: b.deleteForm,
        content: fmt(b.deleteFormConfirm, { title: textOf(byId(id).title, locale) }),
        okButtonProps: { danger: true },
        okText: b.remove,
        cancelText: b.cancel,
        onOk: async () => {
          try {
            await builderApi.deleteForm(app.id, id);
            clearHistory(app.id, id);
          } catch (e) {
            message.error(fmt(b.withReason, { text: b.deleteFailed, reason: errorText(e, t) }));
          }
          await reload();
        },
      }),
  };
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '300px minmax(0, 1fr)', gap: 16, alignItems: 'start' }}>
      <Card size="small" title={b.navigation} extra={<Button type="primary" size="small" icon={<PlusOutlined aria-hidden />} onClick={create}>{b.newForm}</Button>}>
        {forms.length ? <NavEditor nodes={nodes} forms={forms} selected={current?.id ?? null} onSelect={setSelected} onChange={saveNav} actions={actions} /> : <Empty description={b.noFormsYet} />}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>{b.navigationHelp}</Typography.Paragraph>
      </Card>
      <div>
        {current ? (
          <FormOverview form={current} onDesign={() => actions.design(current.id)} onRename={() => actions.rename(current.id)} onCopy={() => actions.copy(current.id)} onRemove={() => actions.remove(current.id)} />
        ) : (
          <Card><Empty description={b.noFormsYet}><Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={create}>{b.newForm}</Button></Empty></Card>
        )}
      </div>
      {renaming ? (
        <TitleModal
          key={`rename:${renaming.id}`}
          title={b.rename}
          initial={renaming.title}
          onCancel={() => setRenaming(null)}
          onOk={async (title) => {
            const f = renaming;
            setRenaming(null);
            try {
              await builderApi.saveForm(app.id, { ...schemaOf(f), title }, f.version ?? 0);
            } catch (e) {
              message.error(errorText(e, t));
            }
            await reload();
          }}
        />
      ) : null}
      {copying ? (
        <TitleModal
          key={`copy:${copying.id}`}
          title={b.copyForm}
          initial={copyTitle(copying.title)}
          extra={<Checkbox style={{ marginTop: 12 }} checked={withRecords} onChange={(e) => setWithRecords(e.target.checked)}>{b.copyWithRecords}</Checkbox>}
          onCancel={() => setCopying(null)}
          onOk={async (title) => {
            const f = copying;
            setCopying(null);
            try {
              const c = await builderApi.copyForm(app.id, f.id, { title, withRecords });
              await reload();
              setSelected(c.id);
            } catch (e) {
              message.error(errorText(e, t));
            }
          }}
        />
      ) : null}
    </div>
  );
}

export function AppBuilderPage() {
  const { appId = '' } = useParams();
  const { b, locale } = useBT();
  const { t } = useT();
  const { me } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [app, setApp] = useState<AppDetail | null>(null);
  const [forms, setForms] = useState<DraftForm[] | null>(null);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const [section, setSection] = useState<Section>('forms');
  // Kept mounted once opened, so unsaved changes to a permission set survive a look at another tab.
  const [permissionsOpened, setPermissionsOpened] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const load = useCallback(async () => {
    setFailure(null);
    try {
      const [a, f] = await Promise.all([builderApi.app(appId), builderApi.drafts(appId)]);
      setApp(a);
      setForms(f);
    } catch (e) {
      setFailure({ error: e });
    }
  }, [appId]);
  useEffect(() => void load(), [load]);
  if (!me?.isAdmin) return <Result status="403" title="403" />;
  if (failure) return <Result status="warning" title={b.loadFailed} subTitle={errorText(failure.error, t)} extra={<Space><Button onClick={() => navigate('/')}>{b.back}</Button><Button type="primary" onClick={load}>{b.retry}</Button></Space>} />;
  if (!app || !forms) return <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}><Spin size="large" /></div>;
  const soon = (text: string) => <Card><Empty description={<><Typography.Text strong>{b.comingSoon}</Typography.Text><div>{text}</div></>} /></Card>;
  return (
    <div style={{ minHeight: '100vh', background: '#f5f6f8' }}>
      <header style={{ height: 56, display: 'flex', alignItems: 'center', gap: 12, padding: '0 16px', background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        <Button type="text" icon={<ArrowLeftOutlined aria-hidden />} aria-label={b.back} onClick={() => navigate('/')} />
        <AppIcon icon={app.icon} color={app.color} size={32} />
        <h1 style={{ fontSize: 18, margin: 0, whiteSpace: 'nowrap' }}>{textOf(app.name, locale)}</h1>
        {app.publishedVersion ? <Tag color="green">{fmt(b.publishedV, { v: app.publishedVersion })}</Tag> : <Tag>{b.notPublished}</Tag>}
        <Tabs
          activeKey={section}
          onChange={(k) => {
            setSection(k as Section);
            if (k === 'permissions') setPermissionsOpened(true);
          }}
          style={{ flex: 1, marginBottom: -16, minWidth: 0 }}
          centered
          items={[
            { key: 'forms', label: b.formsSection },
            { key: 'flows', label: b.flowsSection },
            { key: 'reports', label: b.reportsSection },
            { key: 'automations', label: b.automationsSection },
            { key: 'permissions', label: b.access.section },
            { key: 'settings', label: b.settingsSection },
          ]}
        />
        <Space>
          {app.publishedVersion ? <Button icon={<ExportOutlined aria-hidden />} onClick={() => navigate(`/apps/${app.id}`)}>{b.openApp}</Button> : null}
          <Button type="primary" icon={<CloudUploadOutlined aria-hidden />} onClick={() => setPublishing(true)}>{b.publish}</Button>
        </Space>
      </header>
      <main style={{ padding: 24, maxWidth: 1280, margin: '0 auto' }}>
        {section === 'forms' ? <FormsSection app={app} forms={forms} reload={load} onApp={setApp} /> : null}
        {section === 'flows' ? soon(b.flowsSoon) : null}
        {section === 'reports' ? soon(b.reportsSoon) : null}
        {section === 'automations' ? soon(b.automationsSoon) : null}
        {permissionsOpened ? <div hidden={section !== 'permissions'}><PermissionsSection app={app} forms={forms} /></div> : null}
        {section === 'settings' ? <SettingsSection app={app} onChanged={(a) => (a ? setApp(a) : void load())} /> : null}
      </main>
      <PublishDialog
        appId={app.id}
        open={publishing}
        onClose={() => setPublishing(false)}
        formTitle={(id) => textOf(forms.find((f) => f.id === id)?.title, locale) || b.untitledForm}
        onProblem={(formId, fieldId) => navigate(`/builder/apps/${app.id}/forms/${formId}${fieldId ? `?field=${encodeURIComponent(fieldId)}` : ''}`)}
        onPublished={(v) => {
          setPublishing(false);
          message.success(fmt(b.published, { v }));
          void load();
        }}
      />
    </div>
  );
}
