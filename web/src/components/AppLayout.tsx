/**
 * The signed-in frame: menu on the left, user and language in the header, the page in the middle.
 * On a phone (below md, 768 px) the menu is a drawer opened from the header's ☰ button, and the
 * header wraps rather than pushing the sign-out button off the screen.
 */
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Grid, Layout, Tag, Tooltip, Typography, theme } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { ROLE_LABELS } from '../../../src/shared/enums.js';
import { useI18n } from '../lib/i18n.js';
import { useMe, useSession } from '../lib/session.js';
import { LanguageToggle } from './LanguageToggle.js';
import { MainMenu } from './MainMenu.js';
import { NotificationBell } from './NotificationBell.js';
import { PageLoading } from './PageLoading.js';

/** On a phone (below md) only the name shows, cut to fit: the header must not widen the page. */
function UserBadge({ narrow }: { narrow: boolean }) {
  const me = useMe();
  const { pick } = useI18n();
  const affiliation = me.orgName ?? me.departmentName;
  return (
    <Flex align="center" gap={8} data-testid="current-user" style={{ minWidth: 0 }}>
      <Typography.Text strong ellipsis style={narrow ? { maxWidth: 96 } : undefined}>
        {me.displayName}
      </Typography.Text>
      {narrow ? null : <Tag color="blue">{pick(ROLE_LABELS[me.role])}</Tag>}
      {affiliation && !narrow ? <Typography.Text type="secondary">{affiliation}</Typography.Text> : null}
    </Flex>
  );
}

export function AppLayout() {
  const me = useMe();
  const { logout } = useSession();
  const { t } = useI18n();
  const [collapsed, setCollapsed] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {narrow ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          title={t('app.name')}
          styles={{ body: { padding: 0, background: '#001529' } }}
          data-testid="menu-drawer"
        >
          {/* Choosing a page closes the drawer. */}
          <MainMenu role={me.role} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={220}
          breakpoint="lg"
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Link to="/" style={{ display: 'block', padding: '16px 20px', color: '#fff', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}>
            {collapsed ? '苏' : t('app.name')}
          </Link>
          <MainMenu role={me.role} />
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          className="app-header"
          style={{ background: token.colorBgContainer, padding: narrow ? '0 8px' : '0 24px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
        >
          <Flex justify="space-between" align="center" wrap gap={8} style={{ width: '100%', minWidth: 0 }}>
            {narrow ? (
              <Flex align="center" gap={8} style={{ minWidth: 0 }}>
                <Button icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-label={t('menu.label')} data-testid="menu-toggle" />
                <Link to="/" style={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{t('app.name')}</Link>
              </Flex>
            ) : (
              <Typography.Text type="secondary" ellipsis style={{ minWidth: 0, flex: '1 1 0' }}>{t('app.tagline')}</Typography.Text>
            )}
            <Flex align="center" gap={narrow ? 4 : 12} style={{ minWidth: 0, marginLeft: 'auto' }}>
              <NotificationBell />
              <UserBadge narrow={narrow} />
              <LanguageToggle />
              <Tooltip title={t('header.logout')}>
                <Button
                  icon={<LogoutOutlined />}
                  loading={leaving}
                  onClick={() => {
                    setLeaving(true);
                    void logout().finally(() => setLeaving(false));
                  }}
                  data-testid="logout"
                  aria-label={t('header.logout')}
                >
                  {narrow ? null : t('header.logout')}
                </Button>
              </Tooltip>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
