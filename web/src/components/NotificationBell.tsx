/**
 * 站内通知 in the header (GET /api/notifications: the organisation's notifications, unread count):
 * a bell with the unread count, a list of the latest with links; opening one marks it read
 * (POST /api/notifications/read {ids}), as does 全部标为已读. The count refreshes on every
 * navigation and once a minute. Notifications belong to an organisation, so users without one
 * (officials, brokers, administrators) have no bell.
 */
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, Popover, Spin, Typography, theme } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, isAbort } from '../lib/api.js';
import { formatDateTime } from '../lib/dates.js';
import { errorMessage } from '../lib/errors.js';
import { useI18n } from '../lib/i18n.js';
import { useMe } from '../lib/session.js';
import { toApiError } from '../lib/useApi.js';
import type { Notification, NotificationsBody } from '../pages/market/types.js';

const REFRESH_MS = 60_000;
const SHOWN = 10;

function Bell() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const location = useLocation();
  const [body, setBody] = useState<NotificationsBody | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<NotificationsBody>('/notifications', { page: 1, pageSize: SHOWN }, controller.signal)
      .then((b) => {
        setBody(b);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(errorMessage(toApiError(err), t));
      });
    return () => controller.abort();
  }, [version, location.pathname, t]);

  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  async function markRead(ids: number[]) {
    if (ids.length === 0) return;
    try {
      await api.post('/notifications/read', { ids });
    } finally {
      reload();
    }
  }

  function openItem(n: Notification) {
    setOpen(false);
    if (!n.read) void markRead([n.id]);
    if (n.link && n.link.startsWith('/') && !n.link.startsWith('//')) void navigate(n.link);
  }

  const unread = body?.unread ?? 0;
  const items = body?.items ?? [];
  const content = (
    <div style={{ width: 'min(380px, calc(100vw - 32px))', maxHeight: 460, overflow: 'auto' }} data-testid="notif-list">
      {error ? (
        <Typography.Text type="danger">{error}</Typography.Text>
      ) : !body ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notif.empty')} />
      ) : (
        <Flex vertical>
          {items.map((n) => (
            <button
              key={n.id}
              type="button"
              onClick={() => openItem(n)}
              data-testid={`notif-item-${n.id}`}
              data-read={String(n.read)}
              style={{
                all: 'unset',
                cursor: n.link ? 'pointer' : 'default',
                padding: '8px 4px',
                borderBottom: `1px solid ${token.colorBorderSecondary}`,
                background: n.read ? undefined : token.colorPrimaryBg,
              }}
            >
              <Flex vertical gap={2}>
                <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden' }} title={n.body}>
                  {n.body}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {formatDateTime(n.createdAt)}
                </Typography.Text>
              </Flex>
            </button>
          ))}
          {body.total > items.length ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, paddingTop: 8 }}>
              {t('notif.more', { n: body.total - items.length })}
            </Typography.Text>
          ) : null}
        </Flex>
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) reload();
      }}
      title={
        <Flex justify="space-between" align="center">
          <span>{t('notif.title')}</span>
          {unread > 0 ? (
            <Button size="small" type="link" onClick={() => void markRead(items.filter((n) => !n.read).map((n) => n.id))} data-testid="notif-read-all">
              {t('notif.readAll')}
            </Button>
          ) : null}
        </Flex>
      }
      content={content}
    >
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button icon={<BellOutlined />} aria-label={t('notif.title')} data-testid="notif-bell" data-unread={unread} />
      </Badge>
    </Popover>
  );
}

export function NotificationBell() {
  const me = useMe();
  if (me.orgId === null) return null;
  return <Bell />;
}
