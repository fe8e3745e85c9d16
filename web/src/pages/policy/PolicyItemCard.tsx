/** One encoded support item: title, channel (免申即享 / 申报), form, period, status, the clause it encodes and its parameters with their words. */
import { Card, Descriptions, Flex, Tag, Tooltip, Typography } from 'antd';
import { PolicyTag } from '../../components/PolicyTag.js';
import { BudgetTag } from '../funding/BudgetStatus.js';
import { useI18n } from '../../lib/i18n.js';
import type { MessageKey } from '../../lib/messages.js';
import { useReference } from '../../lib/reference.js';
import type { PolicyItemSummary } from '../../lib/types.js';

const STATUS_COLOR: Record<PolicyItemSummary['status'], string> = { draft: 'orange', official: 'green', repealed: 'default' };

export function statusKey(status: PolicyItemSummary['status']): MessageKey {
  return `policy.status.${status}`;
}
export function periodKey(period: PolicyItemSummary['period']): MessageKey {
  return `policy.period.${period}`;
}

export function channelKey(channel: PolicyItemSummary['channel']): MessageKey {
  return `policy.channel.${channel}`;
}

/** 免申即享 (green: every fact from the platform's records) or 申报, with the reason on hover. */
export function ChannelTag({ channel }: { channel: PolicyItemSummary['channel'] }) {
  const { t } = useI18n();
  return (
    <Tooltip title={t(`policy.channel.${channel}Hint`)}>
      <Tag color={channel === 'no_application' ? 'green' : 'blue'} style={{ marginInlineEnd: 0 }} data-channel={channel}>
        {t(channelKey(channel))}
      </Tag>
    </Tooltip>
  );
}

export function PolicyItemCard({ item }: { item: PolicyItemSummary }) {
  const { t, lang } = useI18n();
  const departments = useReference('departments');
  const deptName = (code: string) => {
    const d = departments.items.find((x) => x.code === code);
    return d ? (lang === 'en' ? d.nameEn : d.name) : code;
  };
  return (
    <Card
      size="small"
      data-testid={`policy-item-${item.id}`}
      title={
        <Flex gap={8} wrap align="center">
          <Typography.Text strong>{item.title}</Typography.Text>
          <PolicyTag code={item.policy} />
          <ChannelTag channel={item.channel} />
          <Tag color={STATUS_COLOR[item.status]} style={{ marginInlineEnd: 0 }}>
            {t(statusKey(item.status))}
          </Tag>
          {item.status === 'repealed' ? null : <BudgetTag itemId={item.id} />}
        </Flex>
      }
      extra={
        <Flex gap={4} wrap>
          <Tag style={{ marginInlineEnd: 0 }}>{item.form}</Tag>
          <Tag style={{ marginInlineEnd: 0 }}>{t(periodKey(item.period))}</Tag>
        </Flex>
      }
    >
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('policy.clause')}：</Typography.Text>「{item.clause}」
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        items={[
          ...item.parameters.map((p) => ({
            key: `p.${p.name}`,
            label: p.label,
            children: (
              <span>
                <Typography.Text code>{String(p.value)}</Typography.Text> <Typography.Text type="secondary">「{p.clause}」</Typography.Text>
              </span>
            ),
          })),
          {
            key: 'effective',
            label: t('policy.effective'),
            children: item.effectiveTo ? `${item.effectiveFrom} — ${item.effectiveTo}` : t('policy.effectiveFrom', { date: item.effectiveFrom }),
          },
          { key: 'departments', label: t('policy.departments'), children: item.departments.map(deptName).join(t('common.listSep')) },
        ]}
      />
    </Card>
  );
}
