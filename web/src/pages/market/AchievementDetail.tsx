/**
 * A 科技成果 (GET /api/market/achievements/:id): every field, the TRL with its definition,
 * the valuation in 万元 with method and date, and 匹配的技术需求 (GET …/:id/matches) with
 * each match's score and reasons in words, linked to its matches on the board. Its institution
 * (`mine`) gets 修改 (the form in edit mode) and, when the data is over a year old, 确认并更新;
 * the institution, officials and brokers see 潜在承接企业 (GET …/:id/enterprises).
 * Each listed match in the pipeline offers the moves the viewer may make (the same table as the
 * board); the institution may respond to a listed demand with this achievement (响应需求).
 */
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoading } from '../../components/PageLoading.js';
import { ApiError } from '../../lib/api.js';
import { formatDate } from '../../lib/dates.js';
import { canSeeAllMatches } from '../../lib/permissions.js';
import { useMe } from '../../lib/session.js';
import type { OrgDetail } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { AchievementFormModal } from './AchievementFormModal.js';
import { MatchActions } from './MatchActions.js';
import { RespondButton } from './RespondModal.js';
import { methodLabel, trlDefinition } from './labels.js';
import { AchievementFlags, AchievementStatusTag, CandidatesPanel, FieldTags, ModeTags, PartiesPanel, TrlTag, wan } from './parts.js';
import { achievementsPath, matchesFor } from './paths.js';
import type { AchievementDetail as Detail } from './types.js';
import { useMarketI18n } from './words.js';

/** The organisation's name, linked to its page; without a known name it is looked up (its number while it loads). */
export function OrgLink({ id, name }: { id: number; name?: string | null }) {
  return name ? <Link to={`/orgs/${id}`}>{name}</Link> : <LookedUpOrgLink id={id} />;
}
function LookedUpOrgLink({ id }: { id: number }) {
  const org = useApi<{ org: OrgDetail }>(`/orgs/${id}`);
  return <Link to={`/orgs/${id}`}>{org.data?.org.name ?? `#${id}`}</Link>;
}

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Link to={to} style={{ display: 'inline-block', marginBottom: 12 }}>
      <ArrowLeftOutlined /> {label}
    </Link>
  );
}

export function AchievementDetail() {
  const { t } = useMarketI18n();
  const me = useMe();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const state = useApi<Detail>(valid ? `/market/achievements/${id}` : null);
  const [editing, setEditing] = useState(false);
  /** Bumped after a save: the panels computed from the achievement fetch again. */
  const [version, setVersion] = useState(0);

  if (!valid) return <ErrorState error={new ApiError(404, 'not_found', t('market.badId'))} />;
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!state.data) return <PageLoading />;
  const a = state.data;
  // The ranking of enterprises: the owner, officials, administrators and brokers (the server decides; a 403 hides it).
  const seesEnterprises = a.mine || canSeeAllMatches(me);

  return (
    <div data-testid="achievement-detail" data-id={a.id}>
      <BackLink to={achievementsPath} label={t('market.a.back')} />
      <PageHeader
        title={a.title}
        subtitle={
          <Space size={4} wrap>
            <TrlTag level={a.trl} />
            <AchievementStatusTag status={a.status} />
            <AchievementFlags a={a} />
          </Space>
        }
        extra={
          a.mine ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="achievement-edit">
              {t('market.x.edit')}
            </Button>
          ) : null
        }
      />
      {a.stale ? (
        <Alert
          type="warning"
          showIcon
          title={t('market.x.a.staleTitle')}
          description={a.mine ? t('market.x.a.staleOwner', { date: formatDate(a.dataAsOf) }) : t('market.staleHint', { date: formatDate(a.dataAsOf) })}
          action={
            a.mine ? (
              <Button type="primary" onClick={() => setEditing(true)} data-testid="achievement-stale-confirm">
                {t('market.x.a.staleConfirm')}
              </Button>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
          data-testid="achievement-stale"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('market.a.info')}>
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: 130 } }}
              items={[
                { key: 'owner', label: t('market.a.owner'), children: <OrgLink id={a.ownerOrgId} name={a.ownerOrgName} /> },
                { key: 'abstract', label: t('market.a.abstract'), children: <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{a.abstract}</Typography.Paragraph> },
                { key: 'keywords', label: t('market.a.keywords'), children: a.keywords.map((k) => <Tag key={k}>{k}</Tag>) },
                { key: 'fields', label: t('market.a.fields'), children: <FieldTags codes={a.fields} /> },
                {
                  key: 'trl',
                  label: t('market.a.trl'),
                  children: (
                    <span data-testid="achievement-trl-definition">
                      TRL {a.trl}：{trlDefinition(t, a.trl)}
                    </span>
                  ),
                },
                {
                  key: 'valuation',
                  label: t('market.a.valuation'),
                  children: a.valuation ? (
                    <span data-testid="achievement-valuation-view">
                      <Typography.Text strong>{wan(a.valuation.amountFen)}</Typography.Text>
                      {a.valuation.method ? `（${methodLabel(t, a.valuation.method)}` : '（'}
                      {a.valuation.date ? `${a.valuation.method ? '，' : ''}${t('market.a.valuedOn', { date: formatDate(a.valuation.date) })}` : ''}）
                    </span>
                  ) : (
                    <Typography.Text type="secondary">{t('market.a.noValuation')}</Typography.Text>
                  ),
                },
                { key: 'modes', label: t('market.a.modes'), children: <ModeTags modes={a.modes} /> },
                { key: 'funded', label: t('market.a.publiclyFunded'), children: a.publiclyFunded ? t('market.yes') : t('market.no') },
                { key: 'confidential', label: t('market.a.confidential'), children: a.confidential ? t('market.a.confidentialOn') : t('market.no') },
                { key: 'patents', label: t('market.a.patents'), children: a.patents.length ? a.patents.join(t('common.listSep')) : '—' },
                { key: 'team', label: t('market.a.team'), children: a.team || '—' },
                { key: 'dataAsOf', label: t('market.a.dataAsOf'), children: <span data-testid="achievement-data-as-of">{formatDate(a.dataAsOf)}</span> },
              ]}
            />
          </Card>
          {seesEnterprises ? (
            <div key={version} style={{ marginTop: 16 }}>
              <PartiesPanel path={`/market/achievements/${a.id}/enterprises`} kind="enterprises" />
            </div>
          ) : null}
        </Col>
        <Col xs={24} xl={10}>
          <CandidatesPanel
            key={version}
            path={`/market/achievements/${a.id}/matches`}
            other="demand"
            actions={(c, reload) => <MatchActions match={c.match} onChanged={reload} />}
            offer={(c, reload) => (a.mine && me.role === 'institution' ? <RespondButton demandId={c.id} achievementId={a.id} by="institution" onDone={reload} /> : null)}
            extra={
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('market.matches.liveNote')}{' '}
                <Link to={matchesFor({ achievementId: a.id })} data-testid="matches-board-link">
                  {t('market.x.m.toFilteredAchievement')}
                </Link>
              </Typography.Paragraph>
            }
          />
        </Col>
      </Row>
      {editing ? (
        <AchievementFormModal
          editing={a}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            state.reload();
            setVersion((v) => v + 1);
          }}
        />
      ) : null}
    </div>
  );
}
