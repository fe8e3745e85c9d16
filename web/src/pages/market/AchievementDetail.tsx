/**
 * A 科技成果 (GET /api/market/achievements/:id): every field, the TRL with its definition,
 * the valuation in 万元 with method and date, and 匹配的技术需求 (GET …/:id/matches) with
 * each match's score and reasons in words.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoading } from '../../components/PageLoading.js';
import { ApiError } from '../../lib/api.js';
import { formatDate } from '../../lib/dates.js';
import { useI18n } from '../../lib/i18n.js';
import type { OrgDetail } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { methodLabel, trlDefinition } from './labels.js';
import { AchievementFlags, AchievementStatusTag, CandidatesPanel, FieldTags, ModeTags, TrlTag, wan } from './parts.js';
import { achievementsPath, matchesPath } from './paths.js';
import type { Achievement } from './types.js';

/** The organisation's name, linked to its page (or its number while it loads). */
export function OrgLink({ id }: { id: number }) {
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
  const { t } = useI18n();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const state = useApi<Achievement>(valid ? `/market/achievements/${id}` : null);

  if (!valid) return <ErrorState error={new ApiError(404, 'not_found', t('market.badId'))} />;
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!state.data) return <PageLoading />;
  const a = state.data;

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
      />
      {a.stale ? <Alert type="warning" showIcon title={t('market.staleHint', { date: formatDate(a.dataAsOf) })} style={{ marginBottom: 16 }} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('market.a.info')}>
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: 130 } }}
              items={[
                { key: 'owner', label: t('market.a.owner'), children: <OrgLink id={a.ownerOrgId} /> },
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
                { key: 'dataAsOf', label: t('market.a.dataAsOf'), children: formatDate(a.dataAsOf) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <CandidatesPanel
            path={`/market/achievements/${a.id}/matches`}
            other="demand"
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
