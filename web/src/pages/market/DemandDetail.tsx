/**
 * A 技术需求 (GET /api/market/demands/:id): problem, fields, the required TRL range with the
 * definitions, budget in 万元, modes, deadline, visibility; and 匹配的科技成果 (GET …/:id/matches)
 * with each match's score and reasons. Just after publishing, the page says that matching runs
 * in the background and that the enterprise will be notified.
 */
import { BellOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoading } from '../../components/PageLoading.js';
import { ApiError } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { useApi } from '../../lib/useApi.js';
import { BackLink, OrgLink } from './AchievementDetail.js';
import { DeadlineText, VisibilityTag } from './DemandSearch.js';
import { trlDefinition, visibilityLabel } from './labels.js';
import { CandidatesPanel, DemandStatusTag, FieldTags, ModeTags, TrlRange, wanRange } from './parts.js';
import { demandsPath, matchesPath } from './paths.js';
import type { Demand } from './types.js';

export function DemandDetail() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const location = useLocation();
  const published = (location.state as { published?: boolean } | null)?.published === true;
  const valid = Number.isInteger(id) && id > 0;
  const state = useApi<Demand>(valid ? `/market/demands/${id}` : null);

  if (!valid) return <ErrorState error={new ApiError(404, 'not_found', t('market.badId'))} />;
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!state.data) return <PageLoading />;
  const d = state.data;

  return (
    <div data-testid="demand-detail" data-id={d.id}>
      <BackLink to={demandsPath} label={t('market.d.back')} />
      <PageHeader
        title={d.title}
        subtitle={
          <Space size={4} wrap>
            <TrlRange min={d.requiredTrl.min} max={d.requiredTrl.max} />
            <DemandStatusTag status={d.status} />
            <VisibilityTag visibility={d.visibility} />
          </Space>
        }
      />
      {published ? (
        <Alert type="success" showIcon icon={<BellOutlined />} title={t('market.d.publishedTitle')} description={t('market.d.publishedBody')} style={{ marginBottom: 16 }} data-testid="demand-published" closable />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('market.d.info')}>
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: 130 } }}
              items={[
                { key: 'org', label: t('market.d.org'), children: <OrgLink id={d.orgId} /> },
                { key: 'problem', label: t('market.d.problem'), children: <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{d.problem}</Typography.Paragraph> },
                { key: 'fields', label: t('market.d.fields'), children: <FieldTags codes={d.fields} /> },
                {
                  key: 'trl',
                  label: t('market.d.trlRange'),
                  children: (
                    <div>
                      <div>TRL {d.requiredTrl.min}：{trlDefinition(t, d.requiredTrl.min)}</div>
                      {d.requiredTrl.max !== d.requiredTrl.min ? <div>TRL {d.requiredTrl.max}：{trlDefinition(t, d.requiredTrl.max)}</div> : null}
                    </div>
                  ),
                },
                { key: 'budget', label: t('market.d.budget'), children: <span data-testid="demand-budget-view">{wanRange(d.budgetFen, t('market.d.noBudget'))}</span> },
                { key: 'modes', label: t('market.d.modes'), children: <ModeTags modes={d.modes} empty={<Typography.Text type="secondary">{t('market.d.anyMode')}</Typography.Text>} /> },
                { key: 'deadline', label: t('market.d.deadline'), children: <DeadlineText deadline={d.deadline} /> },
                { key: 'visibility', label: t('market.d.visibility'), children: visibilityLabel(t, d.visibility) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <CandidatesPanel
            path={`/market/demands/${d.id}/matches`}
            other="achievement"
            extra={
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('market.matches.liveNote')} <Link to={matchesPath}>{t('market.matches.toBoard')}</Link>
              </Typography.Paragraph>
            }
          />
        </Col>
      </Row>
    </div>
  );
}
