// The end-user frame: a top bar (app switcher, notifications, language, user menu), the app's
// forms on the left (a drawer on a phone), the work area on the right.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, Avatar, Button, Drawer, Dropdown, Layout, Menu, Result, Select, Skeleton, Space, Typography } from 'antd';
import { Outlet, useLocation, useNavigate, useOutletContext, useParams } from 'react-router-dom';
import { textOf, type FormSchema } from '@tessera/form-engine';
import { markOnce, useIsPhone } from '@tessera/form-engine/react';
import { api, ApiError, errorText, type AppInfo, type PublishedApp } from '../lib/api';
import { menuOf } from '../lib/navigation';
import { fmt, useT } from '../lib/i18n';
import { useBT } from '../builder/i18n';
import { EditOutlined, SettingOutlined } from '@ant-design/icons';
import { useSession } from '../lib/session';
import { ADMIN_DICTS } from '../admin/i18n';
import { exitViewAs, viewAsRefusal, viewAsUserId } from '../lib/viewAs';
import { NotificationBell } from './notifications/Bell';

/** What the shell gives the pages inside it. */
export interface ShellContext {
  apps: AppInfo[];
  forms: FormSchema[];
  /** undefined while loading (or when loading failed), null when the app has no published version. */
  published: PublishedApp | null | undefined;
  /** Why the published app could not be loaded (a sentence), or null. */
  publishedError: string | null;
  reloadPublished(): void;
  appsLoaded: boolean;
  appsError: string | null;
  reloadApps(): void;
}

/**
 * The published form a page of the shell shows (the shell has loaded them all), or what to show
 * instead: a skeleton while loading, "could not load" with a retry, or "not found".
 */
export function useShellForm(formId: string): { schema: FormSchema; fallback: null } | { schema: null; fallback: ReactNode } {
  const { forms, published, publishedError, reloadPublished } = useOutletContext<ShellContext>();
  const { t } = useT();
  const { b } = useBT();
  const schema = forms.find((f) => f.id === formId);
  if (schema) return { schema, fallback: null };
  if (publishedError) return { schema: null, fallback: <Result status="warning" title={t.loadFailed} subTitle={publishedError} extra={<Button type="primary" onClick={reloadPublished}>{b.retry}</Button>} /> };
  if (published === undefined) return { schema: null, fallback: <Skeleton active /> };
  return { schema: null, fallback: <Result status="404" title={t.notFound} /> };
}

export function AppShell() {
  const { t, locale, setLocale } = useT();
  const { b } = useBT();
  const { me, setMe, setColor } = useSession();
  const { appId, formId } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = useIsPhone();
  const [apps, setApps] = useState<AppInfo[]>([]);
  const [published, setPublished] = useState<PublishedApp | null | undefined>(undefined);
  const forms = useMemo<FormSchema[]>(() => published?.forms ?? [], [published]);
  const [navOpen, setNavOpen] = useState(false);

  const [appsFailure, setAppsFailure] = useState<{ error: unknown } | null>(null);
  const [appsLoaded, setAppsLoaded] = useState(false);
  // Until a flagged user has changed their password the server answers nothing but that page.
  const mustChange = me?.mustChangePassword === true;
  const reloadApps = useCallback(() => {
    if (mustChange) return;
    setAppsFailure(null);
    api<{ items: AppInfo[] }>('GET', '/api/apps').then(
      (r) => {
        setApps(r.items);
        setAppsLoaded(true);
      },
      (e: unknown) => {
        setAppsFailure({ error: e });
        setAppsLoaded(true);
      },
    );
  }, [mustChange]);
  useEffect(reloadApps, [reloadApps]);

  // End users run the published version: the menu, the form cards and every form page read it
  // from here. Only NOT_PUBLISHED means "no forms yet"; any other failure says so, with a retry.
  const [publishedFailure, setPublishedFailure] = useState<{ error: unknown } | null>(null);
  const asked = useRef(0);
  const reloadPublished = useCallback(() => {
    const n = ++asked.current;
    setPublished(undefined);
    setPublishedFailure(null);
    if (!appId) return;
    api<PublishedApp>('GET', `/api/apps/${encodeURIComponent(appId)}/published`).then(
      (p) => {
        if (n !== asked.current) return;
        // User Timing: the forms' schemas are here (a form page measures from this to usable).
        markOnce('tessera:form-data');
        setPublished(p);
      },
      (e: unknown) => {
        if (n !== asked.current) return;
        if (e instanceof ApiError && e.status === 404 && e.code === 'NOT_PUBLISHED') setPublished(null);
        else setPublishedFailure({ error: e });
      },
    );
  }, [appId]);
  useEffect(() => {
    if (!appId) setColor('#1677ff');
    reloadPublished();
  }, [appId, setColor, reloadPublished]);
  const app = apps.find((a) => a.id === appId);
  useEffect(() => setColor(app?.color ?? '#1677ff'), [app, setColor]);
  useEffect(() => setNavOpen(false), [location.pathname]);

  const menuItems = useMemo(() => {
    const item = (f: FormSchema) => ({ key: f.id, label: textOf(f.title, locale) });
    return menuOf(published?.app.navigation, forms).map((e) =>
      e.kind === 'group' ? { type: 'group' as const, key: e.group.id, label: textOf(e.group.label, locale), children: e.children.map(item) } : item(e.form),
    );
  }, [published, forms, locale]);

  const nav = appId ? (
    <Menu mode="inline" selectedKeys={formId ? [formId] : []} items={menuItems} onClick={(e) => navigate(`/apps/${appId}/forms/${e.key}`)} style={{ borderInlineEnd: 0 }} />
  ) : null;

  const signOut = async () => {
    exitViewAs();
    await api('POST', '/api/auth/logout').catch(() => undefined);
    setMe(null);
    navigate('/login');
  };

  // A "view as" tab (lib/viewAs.ts): `me` is the user viewed; the banner says so and leads out.
  const viewing = viewAsUserId() !== null;
  const leave = () => {
    exitViewAs();
    window.location.assign(location.pathname);
  };
  const refused = viewAsRefusal();
  const banner = viewing ? (
    <Alert
      banner
      type="warning"
      role="status"
      message={<span><Typography.Text strong>{fmt(t.viewingAs, { name: me?.displayName ?? me?.username ?? '' })}</Typography.Text>{phone ? null : <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>{t.viewingAsHelp}</Typography.Text>}</span>}
      action={<Button size="small" onClick={leave}>{t.exitViewAs}</Button>}
    />
  ) : refused ? (
    <Alert banner type="error" closable message={fmt(t.viewAsRefused, { reason: errorText(refused, t) })} />
  ) : null;

  // With a banner, banner and top bar stick together (the bar alone sticks by its own style).
  const onTop = (bar: ReactNode) => (banner ? <div style={{ position: 'sticky', top: 0, zIndex: 10 }}>{banner}{bar}</div> : bar);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {onTop(
        <Layout.Header style={{ background: '#fff', borderBottom: '1px solid #f0f0f0', padding: phone ? '0 8px' : '0 16px', display: 'flex', alignItems: 'center', gap: phone ? 8 : 12, position: 'sticky', top: 0, zIndex: 10, height: 56, lineHeight: '56px' }}>
          {phone && appId ? <Button aria-label={t.menu} onClick={() => setNavOpen(true)}>☰</Button> : null}
          <Typography.Link strong style={{ fontSize: 16, whiteSpace: 'nowrap' }} onClick={() => navigate('/')}>◆ {phone ? '' : t.appName}</Typography.Link>
          <Select
            aria-label={t.apps}
            style={{ minWidth: phone ? 120 : 200 }}
            placeholder={t.apps}
            value={appId}
            options={apps.map((a) => ({ value: a.id, label: textOf(a.name, locale) }))}
            onChange={(v) => navigate(`/apps/${v}`)}
          />
          <div style={{ flex: 1 }} />
          <Space size={phone ? 4 : 12}>
            {me?.isAdmin && appId && !phone && !viewing ? <Button icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/builder/apps/${appId}`)}>{b.build}</Button> : null}
            {me?.isAdmin && !phone && !viewing ? <Button type="text" icon={<SettingOutlined aria-hidden />} onClick={() => navigate('/admin/users')}>{ADMIN_DICTS[locale].title}</Button> : null}
            {/* Notifications are the signed-in person's own: none in a "view as" tab, none before a forced password change. */}
            {viewing || mustChange ? null : <NotificationBell />}
            <Button type="text" aria-label={t.language} onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}>{phone ? (locale === 'zh-CN' ? 'EN' : '中') : t.language}</Button>
            <Dropdown
              menu={{
                items: [
                  { key: 'who', label: me?.displayName ?? me?.username, disabled: true },
                  ...(viewing
                    ? [{ key: 'exit', label: t.exitViewAs, onClick: leave }]
                    : [{ key: 'password', label: t.changePassword, onClick: () => navigate('/account/password') }]),
                  ...(me?.isAdmin && !viewing ? [{ key: 'admin', label: ADMIN_DICTS[locale].title, onClick: () => navigate('/admin/users') }] : []),
                  { key: 'out', label: t.signOut, onClick: signOut },
                ],
              }}
              trigger={['click']}
            >
              <Button type="text" aria-label={me?.displayName ?? me?.username}>{phone ? <Avatar size="small" style={{ background: '#1677ff' }}>{(me?.displayName ?? me?.username ?? '?').slice(0, 1).toUpperCase()}</Avatar> : me?.displayName ?? me?.username}</Button>
            </Dropdown>
          </Space>
        </Layout.Header>,
      )}
      <Layout>
        {appId && !phone ? (
          <Layout.Sider width={220} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
            <div style={{ padding: '16px 24px 8px', fontWeight: 600 }}>{app ? textOf(app.name, locale) : ''}</div>
            {nav}
          </Layout.Sider>
        ) : null}
        <Layout.Content style={{ padding: phone ? 8 : 24, minWidth: 0 }}>
          <Outlet
            context={
              {
                apps,
                forms,
                published,
                publishedError: publishedFailure ? errorText(publishedFailure.error, t) : null,
                reloadPublished,
                appsLoaded,
                appsError: appsFailure ? errorText(appsFailure.error, t) : null,
                reloadApps,
              } satisfies ShellContext
            }
          />
        </Layout.Content>
      </Layout>
      <Drawer placement="left" open={navOpen} onClose={() => setNavOpen(false)} title={app ? textOf(app.name, locale) : t.forms} width={260} styles={{ body: { padding: 0 } }}>
        {nav}
      </Drawer>
    </Layout>
  );
}
