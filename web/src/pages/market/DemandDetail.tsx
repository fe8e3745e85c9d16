/**
 * A 技术需求 (GET /api/market/demands/:id): problem, fields, the required TRL range with the
 * definitions, budget in 万元, modes, deadline, visibility; and 匹配的科技成果 (GET …/:id/matches)
 * with each match's score and reasons, linked to its matches on the board. Just after publishing,
 * the page says that matching runs in the background and that the enterprise will be notified.
 * Its enterprise (`mine`) gets 修改 (the form in edit mode) and 关闭需求 while it is open; the
 * enterprise, officials and brokers see 能解决的高校院所 and 相关专家 (a 403 hides them).
 * Each listed match in the pipeline offers the moves the viewer may make (the same table as the
 * board); an institution may 响应需求 with one of its achievements (from the header, or beside its
 * own listed achievement), and the enterprise may 发起对接 with a listed achievement.
 */
import { BellOutlined, EditOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoading } from '../../components/PageLoading.js';
import { ApiError } from '../../lib/api.js';
import { canSeeAllMatches } from '../../lib/permissions.js';
import { useMe } from '../../lib/session.js';
import { useApi } from '../../lib/useApi.js';
import { BackLink, OrgLink } from './AchievementDetail.js';
import { CloseDemandModal } from './CloseDemandModal.js';
import { DemandFormModal } from './DemandFormModal.js';
import { MatchActions } from './MatchActions.js';
import { RespondButton, RespondModal } from './RespondModal.js';
import { DeadlineText, VisibilityTag } from './DemandSearch.js';
import { trlDefinition, visibilityLabel } from './labels.js';
import { CandidatesPanel, DemandStatusTag, FieldTags, ModeTags, PartiesPanel, TrlRange, wanRange } from './parts.js';
import { demandsPath, matchesFor } from './paths.js';
import type { DemandDetail as Detail } from './types.js';
import { useMarketI18n } from './words.js';

export function DemandDetail() {
  const { t } = useMarketI18n();
  const me = useMe();
  const id = Number(useParams().id);
  const location = useLocation();
  const published = (location.state as { published?: boolean } | null)?.published === true;
  const valid = Number.isInteger(id) && id > 0;
  const state = useApi<Detail>(valid ? `/market/demands/${id}` : null);
  const [dialog, setDialog] = useState<'edit' | 'close' | 'respond' | null>(null);
  /** Bumped after a change: the panels computed from the demand fetch again. */
  const [version, setVersion] = useState(0);

  if (!valid) return <ErrorState error={new ApiError(404, 'not_found', t('market.badId'))} />;
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!state.data) return <PageLoading />;
  const d = state.data;
  const open = d.status === 'open';
  // The rankings of parties: the enterprise, officials, administrators and brokers (the server decides; a 403 hides them).
  const seesParties = d.mine || canSeeAllMatches(me);
  // 响应需求: an institution, while the demand is open (the server checks the achievement is its own).
  const responds = open && me.role === 'institution' && me.orgId !== null;
  const contacts = open && d.mine && me.role === 'enterprise';
  const changed = () => {
    setDialog(null);
    state.reload();
    setVersion((v) => v + 1);
  };

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
        extra={
          responds ? (
            <Button type="primary" icon={<SendOutlined />} onClick={() => setDialog('respond')} data-testid="demand-respond">
              {t('market.x.r.respond')}
            </Button>
          ) : d.mine && open ? (
            <Space wrap>
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="demand-edit">
                {t('market.x.edit')}
              </Button>
              <Button danger icon={<StopOutlined />} onClick={() => setDialog('close')} data-testid="demand-close">
                {t('market.x.d.close')}
              </Button>
            </Space>
          ) : null
        }
      />
      {!open ? <Alert type="info" showIcon title={t('market.x.d.closedNote')} style={{ marginBottom: 16 }} data-testid="demand-closed" /> : null}
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
                { key: 'org', label: t('market.d.org'), children: <OrgLink id={d.orgId} name={d.orgName} /> },
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
          {seesParties ? (
            <Flex vertical gap={16} key={version} style={{ marginTop: 16 }}>
              <PartiesPanel path={`/market/demands/${d.id}/institutions`} kind="institutions" />
              <PartiesPanel path={`/market/demands/${d.id}/experts`} kind="experts" />
            </Flex>
          ) : null}
        </Col>
        <Col xs={24} xl={10}>
          <CandidatesPanel
            key={version}
            path={`/market/demands/${d.id}/matches`}
            other="achievement"
            actions={(c, reload) => <MatchActions match={c.match} onChanged={reload} />}
            offer={(c, reload) =>
              responds && c.orgId === me.orgId ? (
                <RespondButton demandId={d.id} achievementId={c.id} by="institution" onDone={reload} />
              ) : contacts ? (
                <RespondButton demandId={d.id} achievementId={c.id} by="enterprise" onDone={reload} />
              ) : null
            }
            extra={
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('market.matches.liveNote')}{' '}
                <Link to={matchesFor({ demandId: d.id })} data-testid="matches-board-link">
                  {t('market.x.m.toFilteredDemand')}
                </Link>
              </Typography.Paragraph>
            }
          />
        </Col>
      </Row>
      {dialog === 'edit' ? <DemandFormModal editing={d} onClose={() => setDialog(null)} onSaved={changed} /> : null}
      {dialog === 'close' ? <CloseDemandModal demand={d} onClose={() => setDialog(null)} onClosed={changed} /> : null}
      {dialog === 'respond' ? <RespondModal demand={d} onClose={() => setDialog(null)} onDone={changed} /> : null}
    </div>
  );
}
