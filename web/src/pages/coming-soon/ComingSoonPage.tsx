/**
 * A module that is not built yet says so plainly and lists the measures it
 * will serve (from /api/reference/measures). No placeholder data.
 */
import { ClockCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { MeasureCollapse } from '../../components/measures/MeasureList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoading } from '../../components/PageLoading.js';
import { useI18n } from '../../lib/i18n.js';
import { canUse, measureNumbers, moduleByKey, type ModuleKey } from '../../lib/modules.js';
import { useReference } from '../../lib/reference.js';
import { useMe } from '../../lib/session.js';

function ServedMeasures({ numbers }: { numbers: 'all' | readonly number[] }) {
  const { t } = useI18n();
  const { items, error, loading, reload } = useReference('measures');
  if (loading) return <PageLoading />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  const wanted = new Set(measureNumbers(numbers, items.map((m) => m.no)));
  const served = items.filter((m) => wanted.has(m.no));
  if (served.length === 0) return <Empty description={t('comingSoon.noMeasures')} />;
  return <MeasureCollapse measures={served} />;
}

export default function ComingSoonPage({ module, sub }: { module: ModuleKey; sub?: string }) {
  const { t, pick } = useI18n();
  const me = useMe();
  const def = moduleByKey(module);
  const page = sub ? def.children?.find((c) => c.key === sub) : undefined;
  const title = page ? `${pick(def.label)} · ${pick(page.label)}` : pick(def.label);
  const children = page ? [] : (def.children ?? []).filter((c) => canUse(c.roles, me.role));

  return (
    <div data-testid="coming-soon">
      <PageHeader title={title} subtitle={pick((page ?? def).description)} />
      <Alert
        type="info"
        showIcon
        icon={<ClockCircleOutlined />}
        title={t('comingSoon.title')}
        description={t('comingSoon.body')}
        style={{ marginBottom: 24 }}
      />
      {children.length > 0 ? (
        <Card title={t('comingSoon.parts')} size="small" style={{ marginBottom: 24 }}>
          <Flex vertical gap={12}>
            {children.map((c) => (
              <Flex key={c.key} justify="space-between" align="flex-start" gap={12}>
                <div>
                  <Link to={c.path}>{pick(c.label)}</Link>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                    {pick(c.description)}
                  </Typography.Paragraph>
                </div>
                <Tag>{t('modules.planned')}</Tag>
              </Flex>
            ))}
          </Flex>
        </Card>
      ) : null}
      <Typography.Title level={5}>{t('comingSoon.measures')}</Typography.Title>
      <ServedMeasures numbers={(page ?? def).measures} />
    </div>
  );
}
