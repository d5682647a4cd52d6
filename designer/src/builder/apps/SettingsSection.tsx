// The app's settings: name, icon, colour and description; its published versions (any can be
// restored as the draft); the package export; and deleting the app.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { textOf, type I18nText } from '@tessera/form-engine';
import { errorText } from '../../lib/api';
import { fmt, relativeTime, useT } from '../../lib/i18n';
import { builderApi, type AppDetail, type VersionInfo } from '../api';
import { useBT } from '../i18n';
import { ColorPicker, IconPicker } from './NewAppDialog';
import { i18nPart, OTHER_LOCALE, setI18n } from '../form/model/i18nText';

function AppSettings({ app, onSaved }: { app: AppDetail; onSaved(a: AppDetail): void }) {
  const { b, locale } = useBT();
  const { t } = useT();
  const { message } = App.useApp();
  const [name, setName] = useState<I18nText>(app.name);
  const [description, setDescription] = useState<I18nText>(app.description ?? '');
  const [icon, setIcon] = useState(app.icon ?? 'appstore');
  const [color, setColor] = useState(app.color ?? '#1677ff');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      onSaved(await builderApi.updateApp(app.id, { name, description, icon, color }));
      message.success(b.settingsSaved);
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={b.appSettings} style={{ marginBottom: 16 }}>
      <div style={{ display: 'grid', gap: 12, maxWidth: 560 }}>
        <label>{b.appName}<Input value={i18nPart(name, locale)} onChange={(e) => setName(setI18n(name, locale, e.target.value))} /></label>
        <label>{b.appNameEn}<Input value={i18nPart(name, OTHER_LOCALE[locale], true)} onChange={(e) => setName(setI18n(name, locale, e.target.value, true))} /></label>
        <label>{b.appDescription}<Input.TextArea value={i18nPart(description, locale)} onChange={(e) => setDescription(setI18n(description, locale, e.target.value))} autoSize={{ minRows: 2 }} /></label>
        <div>{b.appIcon}<IconPicker value={icon} color={color} onChange={setIcon} label={b.appIcon} /></div>
        <div>{b.appColor}<ColorPicker value={color} onChange={setColor} label={b.appColor} /></div>
        <div><Button type="primary" loading={busy} onClick={save} disabled={!i18nPart(name, locale).trim()}>{b.saveSettings}</Button></div>
      </div>
    </Card>
  );
}

function Versions({ app, onRestored }: { app: AppDetail; onRestored(): void }) {
  const { b } = useBT();
  const { t } = useT();
  const { message, modal } = App.useApp();
  const [items, setItems] = useState<VersionInfo[] | null>(null);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const load = useCallback(() => {
    setFailure(null);
    builderApi.versions(app.id).then(setItems, (e: unknown) => setFailure({ error: e }));
  }, [app.id]);
  useEffect(load, [load, app.publishedVersion]);
  const restore = (v: number) =>
    modal.confirm({
      title: b.restore,
      content: fmt(b.restoreConfirm, { v }),
      okText: b.restore,
      cancelText: b.cancel,
      onOk: async () => {
        try {
          await builderApi.restore(app.id, v);
        } catch (e) {
          message.error(fmt(b.withReason, { text: b.restoreFailed, reason: errorText(e, t) }));
          return;
        }
        message.success(fmt(b.restored, { v }));
        onRestored();
      },
    });
  return (
    <Card title={b.versionsTitle} style={{ marginBottom: 16 }}>
      {failure ? <Empty description={fmt(b.withReason, { text: b.loadFailed, reason: errorText(failure.error, t) })}><Button onClick={load}>{b.retry}</Button></Empty> : null}
      {items && items.length === 0 ? <Empty description={b.noVersions} /> : null}
      {items?.length ? (
        <List
          dataSource={items}
          renderItem={(v) => (
            <List.Item actions={v.version === app.publishedVersion ? [<Tag key="c" color="green">{b.current}</Tag>] : [<Button key="r" size="small" onClick={() => restore(v.version)}>{b.restore}</Button>]}>
              <List.Item.Meta title={`v${v.version}${v.note ? ` · ${v.note}` : ''}`} description={[v.publishedBy?.name, relativeTime(v.publishedAt, t), fmt(b.formsCount, { n: v.formCount })].filter(Boolean).join(' · ')} />
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}

function ExportCard({ app }: { app: AppDetail }) {
  const { b } = useBT();
  const [records, setRecords] = useState(false);
  const [files, setFiles] = useState(false);
  return (
    <Card title={b.exportApp} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{b.exportHelp}</Typography.Paragraph>
      <Space wrap>
        <Checkbox checked={records} onChange={(e) => setRecords(e.target.checked)}>{b.exportRecords}</Checkbox>
        <Checkbox checked={files} disabled={!records} onChange={(e) => setFiles(e.target.checked)}>{b.exportFiles}</Checkbox>
        <Button icon={<DownloadOutlined aria-hidden />} href={builderApi.exportUrl(app.id, { records, files: records && files })} download>{b.exportApp}</Button>
      </Space>
    </Card>
  );
}

export function SettingsSection({ app, onChanged }: { app: AppDetail; onChanged(a?: AppDetail): void }) {
  const { b, locale } = useBT();
  const { t } = useT();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  return (
    <div style={{ maxWidth: 880 }}>
      <AppSettings app={app} onSaved={onChanged} />
      <Versions app={app} onRestored={() => onChanged()} />
      <ExportCard app={app} />
      <Card title={b.danger}>
        <Button
          danger
          onClick={() =>
            modal.confirm({
              title: b.deleteApp,
              content: fmt(b.deleteAppConfirm, { name: textOf(app.name, locale) }),
              okButtonProps: { danger: true },
              okText: b.deleteApp,
              cancelText: b.cancel,
              onOk: async () => {
                try {
                  await builderApi.deleteApp(app.id);
                } catch (e) {
                  message.error(fmt(b.withReason, { text: b.deleteFailed, reason: errorText(e, t) }));
                  return;
                }
                navigate('/');
              },
            })
          }
        >
          {b.deleteApp}
        </Button>
      </Card>
    </div>
  );
}
