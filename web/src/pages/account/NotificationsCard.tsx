/** 通知方式: each notification as it comes, or one digest a day (GET/PUT /api/notifications/preferences). */
import { App, Card, Radio, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { useApi } from '../../lib/useApi.js';
import { useI18n } from '../../lib/i18n.js';

interface Prefs {
  mode: 'each' | 'daily';
  digestThrough: string | null;
}

export function NotificationsCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const prefs = useApi<Prefs>('/notifications/preferences');
  const [busy, setBusy] = useState(false);
  const change = async (mode: Prefs['mode']) => {
    setBusy(true);
    try {
      await api.put('/notifications/preferences', { mode });
      message.success(mode === 'daily' ? '已改为每日汇总：每天 08:00 收到一条汇总消息' : '已改为逐条通知');
      prefs.reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="通知方式" size="small" style={{ marginBottom: 24 }} data-testid="notify-prefs">
      {!prefs.data ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <>
          <Radio.Group value={prefs.data.mode} disabled={busy} onChange={(e) => void change(e.target.value as Prefs['mode'])}>
            <Radio value="each">逐条通知（每件事发生时）</Radio>
            <Radio value="daily">每日汇总（每天一条）</Radio>
          </Radio.Group>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {prefs.data.mode === 'daily'
              ? `每日汇总把前一天的通知合成一条；通知列表只显示汇总。${prefs.data.digestThrough ? `上次汇总至 ${formatDateTime(prefs.data.digestThrough)}。` : ''}`
              : '每件事发生时都会在右上角铃铛中提示。待办事项不受此设置影响，始终显示在首页。'}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
