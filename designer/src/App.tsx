// Providers (antd locale and theme, our i18n, the signed-in user) and the routes.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import type { Locale } from '@tessera/form-engine';
import { api, type Me } from './api';
import { DICTS, LocaleContext } from './i18n';
import { LoginPage } from './pages/Login';
import { HomePage } from './pages/Home';
import { AppShell } from './components/AppShell';
import { FormListPage } from './pages/FormList';
import { NewRecordPage, RecordPage } from './pages/RecordPages';

interface Session {
  me: Me | null;
  setMe(me: Me | null): void;
  color: string;
  setColor(c: string): void;
}
const SessionContext = createContext<Session>({ me: null, setMe: () => undefined, color: '#1677ff', setColor: () => undefined });
export const useSession = () => useContext(SessionContext);

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
    api<{ user: Me }>('GET', '/api/me').then((r) => setMe(r.user), () => setMe(null));
  }, []);
  const i18n = useMemo(() => ({ locale, t: DICTS[locale], setLocale }), [locale, setLocale]);
  const session = useMemo(() => ({ me: me ?? null, setMe, color, setColor }), [me, color]);

  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={{ zeroRuntime: true, token: { colorPrimary: color, borderRadius: 6 } }}>
      <AntApp>
        <LocaleContext.Provider value={i18n}>
          <SessionContext.Provider value={session}>
            {me === undefined ? (
              <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}><Spin size="large" /></div>
            ) : (
              <BrowserRouter>
                <Routes>
                  <Route path="/login" element={me ? <Navigate to="/" replace /> : <LoginPage />} />
                  <Route element={me ? <AppShell /> : <Navigate to="/login" replace />}>
                    <Route path="/" element={<HomePage />} />
                    <Route path="/apps/:appId" element={<HomePage />} />
                    <Route path="/apps/:appId/forms/:formId" element={<FormListPage />} />
                    <Route path="/apps/:appId/forms/:formId/new" element={<NewRecordPage />} />
                    <Route path="/apps/:appId/forms/:formId/records/:recordId" element={<RecordPage />} />
                    <Route path="*" element={<Navigate to="/" replace />} />
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
