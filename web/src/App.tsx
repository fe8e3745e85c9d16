/** Providers (language, antd theme and locale, session) and the route tree. */
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense, useEffect, type ReactNode } from 'react';
import { z } from 'zod';
import { en as zodEn, zhCN as zodZhCN } from 'zod/locales';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/AppLayout.js';
import { PageLoading } from './components/PageLoading.js';
import { PublicLayout } from './components/PublicLayout.js';
import { RequireAuth } from './components/RequireAuth.js';
import { I18nProvider, useI18n } from './lib/i18n.js';
import { SessionProvider } from './lib/session.js';
import { LoginPage, NotFoundPage, PublicPublicityPage, PublicTasksPage, moduleRoutes } from './routes.js';

function AntdProviders({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
    // zod's generic messages follow the UI language, as the server's are Chinese
    z.config(lang === 'zh' ? zodZhCN() : zodEn());
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#1558d6', borderRadius: 6 } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <AntdProviders>
        <BrowserRouter>
          <SessionProvider>
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/public" element={<PublicLayout />}>
                  <Route index element={<Navigate to="publicity" replace />} />
                  <Route path="publicity" element={<PublicPublicityPage />} />
                  <Route path="tasks" element={<PublicTasksPage />} />
                </Route>
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  {moduleRoutes()}
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </SessionProvider>
        </BrowserRouter>
      </AntdProviders>
    </I18nProvider>
  );
}
