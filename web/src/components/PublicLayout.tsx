/**
 * The frame of the pages anyone may read without signing in (/public/*): the platform's name, the
 * public pages (公示, 技术攻关清单), the language, and 登录 — or 进入工作台 for a signed-in user. Every
 * API these pages call is public, so no 401 sends a visitor to the sign-in page.
 */
import { Button, Flex, Grid, Layout, Menu, Typography, theme } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useI18n } from '../lib/i18n.js';
import { useSession } from '../lib/session.js';
import { LanguageToggle } from './LanguageToggle.js';
import { PageLoading } from './PageLoading.js';

export const PUBLIC_PAGES = [
  { path: '/public/publicity', label: { zh: '公示', en: 'Publicity' } },
  { path: '/public/tasks', label: { zh: '技术攻关清单', en: 'Technology challenge list' } },
] as const;

export function PublicLayout() {
  const { t, pick } = useI18n();
  const { state } = useSession();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  // On a phone the header wraps: name and 登录 on the first line, the page menu below.
  const narrow = Grid.useBreakpoint().md === false;
  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="public-layout">
      <Layout.Header
        className="app-header"
        style={{ background: token.colorBgContainer, padding: narrow ? '0 8px' : '0 24px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
      >
        <Flex justify="space-between" align="center" wrap style={{ width: '100%', minWidth: 0 }} gap={narrow ? 4 : 16}>
          <Typography.Text strong style={{ fontSize: 18, whiteSpace: 'nowrap', order: 0 }}>
            {t('app.name')}
          </Typography.Text>
          <Flex align="center" style={narrow ? { order: 2, flex: '1 1 100%', minWidth: 0 } : { minWidth: 0, flex: 1 }}>
            <Menu
              mode="horizontal"
              selectedKeys={[pathname]}
              items={PUBLIC_PAGES.map((p) => ({ key: p.path, label: <Link to={p.path}>{pick(p.label)}</Link> }))}
              style={{ flex: 1, minWidth: 0, borderBottom: 'none' }}
              data-testid="public-menu"
            />
          </Flex>
          <Flex align="center" gap={narrow ? 4 : 12} style={{ order: 1, marginLeft: 'auto' }}>
            <LanguageToggle />
            {state.status === 'authenticated' ? (
              <Link to="/">
                <Button type="primary">{t('public.workspace')}</Button>
              </Link>
            ) : (
              <Link to={`/login?next=${encodeURIComponent(pathname)}`}>
                <Button type="primary" data-testid="public-login">
                  {t('public.login')}
                </Button>
              </Link>
            )}
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: narrow ? 12 : 24, maxWidth: 1280, width: '100%', minWidth: 0, margin: '0 auto', boxSizing: 'border-box' }}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
