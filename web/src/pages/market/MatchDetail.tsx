/**
 * One match (GET /api/market/matches/:id): the demand and the achievement (linked) with their
 * organisations' names, the reasons, the stage on the way 推荐 → 对接 → 洽谈 → 签约 → 转化 (or where it
 * ended), response deadline and 逾期, the broker by name, the contract amount, the end reason, the
 * moves the viewer may make, and every event with who made it (平台推荐 for the platform's own).
 */
import { Card, Col, Descriptions, Flex, Row, Steps, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoading } from '../../components/PageLoading.js';
import { ApiError } from '../../lib/api.js';
import { formatDate, formatDateTime } from '../../lib/dates.js';
import { useMe } from '../../lib/session.js';
import { useApi } from '../../lib/useApi.js';
import { BackLink, OrgLink } from './AchievementDetail.js';
import { actionLabel, endReasonLabel, stageLabel } from './labels.js';
import { MatchActions } from './MatchActions.js';
import { formatMatchScore, OverdueTag, ReasonList, StageTag, wan } from './parts.js';
import { achievementPath, demandPath, matchesPath } from './paths.js';
import type { MatchDetail, MatchEvent } from './types.js';
import { useMarketI18n } from './words.js';

const PATH = ['recommended', 'contacted', 'negotiating', 'signed', 'converted'] as const;

function StageSteps({ m }: { m: MatchDetail }) {
  const { t } = useMarketI18n();
  const terminated = m.stage === 'terminated';
  // where a terminated match stopped: the stage it left
  const stoppedAt = terminated ? ([...m.events].reverse().find((e) => e.to === 'terminated')?.from ?? 'recommended') : m.stage;
  const current = Math.max(0, PATH.indexOf(stoppedAt as (typeof PATH)[number]));
  return (
    <Steps
      size="small"
      current={current}
      status={terminated ? 'error' : m.stage === 'converted' ? 'finish' : 'process'}
      items={PATH.map((s, i) => ({ title: stageLabel(t, s), content: terminated && i === current ? t('market.m.terminatedHere') : undefined }))}
      data-testid="match-steps"
    />
  );
}

function EventItem({ e }: { e: MatchEvent }) {
  const { t } = useMarketI18n();
  return (
    <Flex vertical gap={2} data-testid="match-event" data-action={e.action}>
      <span>
        <Typography.Text strong>{e.action === 'recommend' ? t('market.m.recommended') : actionLabel(t, e.action)}</Typography.Text>
        {e.from ? (
          <Typography.Text type="secondary">
            {'  '}
            {stageLabel(t, e.from)} → {stageLabel(t, e.to)}
          </Typography.Text>
        ) : null}
      </span>
      {e.reason ? <span>{t('market.m.reason')}：{endReasonLabel(t, e.reason)}</span> : null}
      {e.contractFen !== null ? <span>{t('market.m.contract')}：{wan(e.contractFen)}</span> : null}
      {e.note ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{t('market.m.note')}：{e.note}</Typography.Text> : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="match-event-by">
        {formatDateTime(e.at)}
        {' · '}
        {e.by ?? t('market.x.m.platform')}
      </Typography.Text>
    </Flex>
  );
}

export function MatchDetailPage() {
  const { t } = useMarketI18n();
  const me = useMe();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const state = useApi<MatchDetail>(valid ? `/market/matches/${id}` : null);

  if (!valid) return <ErrorState error={new ApiError(404, 'not_found', t('market.badId'))} />;
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!state.data) return <PageLoading />;
  const m = state.data;

  const broker = m.brokerUserId === null ? t('market.m.noBroker') : m.brokerUserId === me.id ? t('market.m.brokerYou') : (m.brokerName ?? t('market.m.brokerId', { id: m.brokerUserId }));

  return (
    <div data-testid="match-detail" data-id={m.id} data-stage={m.stage}>
      <BackLink to={matchesPath} label={t('market.m.back')} />
      <PageHeader
        title={t('market.m.detailTitle', { id: m.id })}
        subtitle={
          <>
            <StageTag stage={m.stage} />
            <OverdueTag overdue={m.overdue} />
            <Tag color="blue">{t('market.matchScore', { score: formatMatchScore(m.score) })}</Tag>
          </>
        }
        extra={<MatchActions match={m} onChanged={state.reload} size="middle" />}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <StageSteps m={m} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('market.m.info')} style={{ marginBottom: 16 }}>
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: 140 } }}
              items={[
                {
                  key: 'demand',
                  label: t('market.m.demand'),
                  children: (
                    <span>
                      <Link to={demandPath(m.demandId)} data-testid="match-demand-link">{m.demandTitle}</Link>
                      <Typography.Text type="secondary"> · </Typography.Text>
                      <OrgLink id={m.demandOrgId} name={m.demandOrgName} />
                    </span>
                  ),
                },
                {
                  key: 'achievement',
                  label: t('market.m.achievement'),
                  children: (
                    <span>
                      <Link to={achievementPath(m.achievementId)} data-testid="match-achievement-link">{m.achievementTitle}</Link>
                      <Typography.Text type="secondary"> · </Typography.Text>
                      <OrgLink id={m.achievementOrgId} name={m.achievementOrgName} />
                    </span>
                  ),
                },
                { key: 'stage', label: t('market.m.stage'), children: <span>{stageLabel(t, m.stage)} <Typography.Text type="secondary">{t('market.m.since', { time: formatDateTime(m.stageSince) })}</Typography.Text></span> },
                {
                  key: 'due',
                  label: t('market.m.due'),
                  children: m.responseDue ? (
                    <span>
                      {formatDate(m.responseDue)} <OverdueTag overdue={m.overdue} />
                    </span>
                  ) : (
                    <Typography.Text type="secondary">{t('market.m.noDue')}</Typography.Text>
                  ),
                },
                { key: 'broker', label: t('market.m.broker'), children: <span data-testid="match-broker">{broker}</span> },
                { key: 'contract', label: t('market.m.contract'), children: <span data-testid="match-contract">{m.contractFen !== null ? wan(m.contractFen) : '—'}</span> },
                ...(m.endReason
                  ? [
                      {
                        key: 'end',
                        label: t('market.m.endReason'),
                        children: (
                          <span data-testid="match-end-reason">
                            {endReasonLabel(t, m.endReason)}
                            {m.endNote ? `：${m.endNote}` : ''}
                          </span>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          <Card size="small" title={t('market.m.reasons')}>
            <ReasonList reasons={m.reasons} />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
              {t('market.m.reasonsNote')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('market.m.events')} data-testid="match-events">
            <Timeline items={[...m.events].reverse().map((e, i) => ({ key: i, content: <EventItem e={e} />, color: e.to === 'terminated' ? 'red' : e.to === 'converted' ? 'green' : 'blue' }))} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
