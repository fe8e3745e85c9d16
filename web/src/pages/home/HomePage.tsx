/** 首页工作台: the signed-in user's to-do (TodoCard), a welcome for the role, the modules it uses, and the 19 measures. */
import { LineChartOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ROLE_LABELS } from '../../../../src/shared/enums.js';
import { ErrorState } from '../../components/ErrorState.js';
import { MeasureSections } from '../../components/measures/MeasureList.js';
import { MODULE_ICONS } from '../../components/moduleIcons.js';
import { PageLoading } from '../../components/PageLoading.js';
import { useI18n } from '../../lib/i18n.js';
import { modulesFor, type Measures } from '../../lib/modules.js';
import { useReference } from '../../lib/reference.js';
import { useMe } from '../../lib/session.js';
import { ROLE_INTRO } from './roleIntro.js';
import { TodoCard } from './TodoCard.js';

function MeasureNumbers({ measures }: { measures: Measures }) {
  const { t } = useI18n();
  if (measures === 'all') return <Typography.Text type="secondary">{t('modules.allMeasures')}</Typography.Text>;
  if (measures.length === 0) return null;
  return <Typography.Text type="secondary">{t('modules.measures', { list: measures.join('、') })}</Typography.Text>;
}

function ModuleCards() {
  const me = useMe();
  const { t, pick } = useI18n();
  const modules = modulesFor(me.role).filter((m) => m.key !== 'home');
  return (
    <Row gutter={[16, 16]}>
      {modules.map((m) => (
        <Col key={m.key} xs={24} sm={12} xl={8} xxl={6}>
          <Link to={m.path} data-testid={`module-link-${m.key}`}>
            <Card hoverable size="small" style={{ height: '100%' }}>
              <Card.Meta
                avatar={<span style={{ fontSize: 22 }}>{MODULE_ICONS[m.key]}</span>}
                title={
                  <>
                    {pick(m.label)}{' '}
                    {m.available ? null : <Tag style={{ marginInlineStart: 4 }}>{t('modules.planned')}</Tag>}
                  </>
                }
                description={
                  <>
                    <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>
                      {pick(m.description)}
                    </Typography.Paragraph>
                    <MeasureNumbers measures={m.measures} />
                  </>
                }
              />
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}

function Measures() {
  const { t } = useI18n();
  const { items, error, loading, reload } = useReference('measures');
  if (loading) return <PageLoading />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (items.length === 0) return <Empty description={t('home.noMeasures')} />;
  return <MeasureSections measures={items} />;
}

export default function HomePage() {
  const me = useMe();
  const { t, pick } = useI18n();
  return (
    <>
      <TodoCard />
      <Card style={{ marginBottom: 24 }} data-testid="welcome-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph>
          <Tag color="blue">{pick(ROLE_LABELS[me.role])}</Tag>
          {me.orgId !== null && me.orgName ? (
            <Link to={`/orgs/${me.orgId}`} data-testid="my-org-link">
              {me.orgName}
            </Link>
          ) : (
            (me.departmentName ?? '')
          )}
          {me.role === 'enterprise' && me.orgId !== null ? (
            <Link to={`/innovation-index/enterprise/${me.orgId}`} data-testid="my-index-link" style={{ marginInlineStart: 16 }}>
              <LineChartOutlined /> {t('home.myIndex')}
            </Link>
          ) : null}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{pick(ROLE_INTRO[me.role])}</Typography.Paragraph>
      </Card>

      <Typography.Title level={4}>{t('home.yourModules')}</Typography.Title>
      <ModuleCards />

      <Typography.Title level={4} style={{ marginTop: 32 }}>
        {t('home.measuresTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.measuresIntro')}</Typography.Paragraph>
      <Measures />
    </>
  );
}
