/** The signed-in frame: menu on the left, user and language in the header, the page in the middle. */
import { LogoutOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Tag, Tooltip, Typography, theme } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { ROLE_LABELS } from '../../../src/shared/enums.js';
import { useI18n } from '../lib/i18n.js';
import { useMe, useSession } from '../lib/session.js';
import { LanguageToggle } from './LanguageToggle.js';
import { MainMenu } from './MainMenu.js';
import { NotificationBell } from './NotificationBell.js';
import { PageLoading } from './PageLoading.js';

function UserBadge() {
  const me = useMe();
  const { pick } = useI18n();
  const affiliation = me.orgName ?? me.departmentName;
  return (
    <Flex align="center" gap={8} data-testid="current-user">
      <Typography.Text strong>{me.displayName}</Typography.Text>
      <Tag color="blue">{pick(ROLE_LABELS[me.role])}</Tag>
      {affiliation ? <Typography.Text type="secondary">{affiliation}</Typography.Text> : null}
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

  return (
    <Layout style={{ minHeight: '100vh' }}>
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
      <Layout>
        <Layout.Header style={{ background: token.colorBgContainer, padding: '0 24px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
          <Flex justify="space-between" align="center" style={{ height: '100%' }}>
            <Typography.Text type="secondary" ellipsis>{t('app.tagline')}</Typography.Text>
            <Flex align="center" gap={12}>
              <NotificationBell />
              <UserBadge />
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
                >
                  {t('header.logout')}
                </Button>
              </Tooltip>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
