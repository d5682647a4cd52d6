// Providers (antd locale and theme, our i18n, the signed-in user) and the routes.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useOutletContext } from 'react-router-dom';
import type { Locale } from '@tessera/form-engine';
import type { Me } from './lib/api';
import { DICTS, LocaleContext } from './lib/i18n';
import { loadMe, SessionContext } from './lib/session';
import { LoginPage } from './shell/Login';
import { HomePage } from './shell/Home';
import { AppShell } from './shell/AppShell';
import { ChangePasswordPage } from './shell/ChangePassword';
import { InvitePage } from './shell/Invite';
import { FormListPage } from './shell/FormList';
import { NewRecordPage, RecordPage } from './shell/RecordPages';
import { FormDesignerPage } from './builder/form/FormDesigner';
import { AppBuilderPage } from './builder/apps/AppBuilder';
import { PreviewFrame } from './builder/preview/PreviewFrame';
import { AdminPage } from './admin/AdminPage';

/**
 * The shell's pages, unless the user must change their password first: then every page leads to
 * the change-password page (the server refuses them everything else anyway).
 */
function PasswordGate({ mustChange }: { mustChange: boolean }) {
  const context = useOutletContext();
  return mustChange ? <Navigate to="/account/password" replace /> : <Outlet context={context} />;
}

export function App() {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem('tessera.locale') as Locale) || 'zh-CN');
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [color, setColor] = useState('#1677ff');
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem('tessera.locale', l);
    setLocaleState(l);
  }, []);
  useEffect(() => {
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    // The signed-in user, or in a "view as" tab the user viewed (lib/session.ts).
    loadMe().then(setMe, () => setMe(null));
  }, []);
  const i18n = useMemo(() => ({ locale, t: DICTS[locale], setLocale }), [locale, setLocale]);
  const session = useMemo(() => ({ me: me ?? null, setMe, color, setColor }), [me, color]);
  const mustChange = me?.mustChangePassword === true;

  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={{ zeroRuntime: true, token: { colorPrimary: color, borderRadius: 6 } }} button={{ autoInsertSpace: false }}>
      <AntApp>
        <LocaleContext.Provider value={i18n}>
          <SessionContext.Provider value={session}>
            {me === undefined ? (
              <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}><Spin size="large" /></div>
            ) : (
              <BrowserRouter>
                <Routes>
                  <Route path="/login" element={me ? <Navigate to="/" replace /> : <LoginPage />} />
                  {/* Open to anyone with the link, signed in or not: accepting it signs in as the invited account. */}
                  <Route path="/invite/:token" element={<InvitePage />} />
                  <Route path="/builder/apps/:appId/forms/:formId" element={me?.isAdmin && !mustChange ? <FormDesignerPage /> : <Navigate to="/" replace />} />
                  <Route path="/builder/apps/:appId" element={me?.isAdmin && !mustChange ? <AppBuilderPage /> : <Navigate to="/" replace />} />
                  <Route path="/preview-frame" element={me ? <PreviewFrame /> : null} />
                  <Route element={me ? <AppShell /> : <Navigate to="/login" replace />}>
                    <Route path="/account/password" element={<ChangePasswordPage />} />
                    <Route element={<PasswordGate mustChange={mustChange} />}>
                      <Route path="/" element={<HomePage />} />
                      <Route path="/admin/:tab?" element={me?.isAdmin ? <AdminPage /> : <Navigate to="/" replace />} />
                      <Route path="/apps/:appId" element={<HomePage />} />
                      <Route path="/apps/:appId/forms/:formId" element={<FormListPage />} />
                      <Route path="/apps/:appId/forms/:formId/new" element={<NewRecordPage />} />
                      <Route path="/apps/:appId/forms/:formId/records/:recordId" element={<RecordPage />} />
                      <Route path="*" element={<Navigate to="/" replace />} />
                    </Route>
                  </Route>
                </Routes>
              </BrowserRouter>
            )}
          </SessionContext.Provider>
        </LocaleContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}
