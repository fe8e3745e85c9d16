/**
 * The bank view (financial institutions, measure 17): GET /api/index/bank/:orgId, only while
 * the enterprise's consent to this institution stands → grade, score, cohort percentile,
 * coverage, the three-edition trend and at most four reasons in all, the largest first, each
 * with its label. No financial figures, no reason texts; every access is logged. A 403
 * (no consent, or withdrawn) shows the server's message.
 */
import { ArrowLeftOutlined, AuditOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Flex, Result, Row, Statistic, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoading } from '../../components/PageLoading.js';
import { ApiError } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import { useApi } from '../../lib/useApi.js';
import { trendOption } from './chartOptions.js';
import { formatPercentile, formatScore, formatShare, parseReasonCode } from './format.js';
import { REASON_DIRECTION_LABELS } from '../../lib/labels.js';
import { GradeTag, LazyChart, useIndexNames } from './parts.js';
import { consentsPath } from './paths.js';
import type { BankView as BankViewBody } from './types.js';

/**
 * At most four reasons in all (the server gives no more), the largest first: whether each lifts
 * or holds the score, and its label — the server's Chinese label, or in English the indicator's
 * name and the direction. The code itself stays in data-code for machines.
 */
function Reasons({ reasons }: { reasons: BankViewBody['reasons'] }) {
  const { t, pick, lang } = useI18n();
  const names = useIndexNames();
  if (reasons.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="index-bank-reasons" data-count={0}>
        {t('index.bank.noReasons')}
      </Typography.Text>
    );
  }
  return (
    <ol data-testid="index-bank-reasons" data-count={reasons.length} style={{ margin: 0, paddingInlineStart: 20 }}>
      {reasons.map((r) => {
        const { indicator, direction } = parseReasonCode(r.code);
        const text = lang === 'zh' || !direction ? r.label : `${names.indicator(indicator, indicator)} ${pick(REASON_DIRECTION_LABELS[direction])}`;
        return (
          <li key={r.code} data-code={r.code} style={{ marginBottom: 6 }}>
            <Flex gap={8} align="center" wrap>
              <Tag color={direction === 'high' ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }}>
                {direction === 'high' ? t('index.bank.lifts') : t('index.bank.holds')}
              </Tag>
              <Typography.Text>{text}</Typography.Text>
            </Flex>
          </li>
        );
      })}
    </ol>
  );
}

export function BankView() {
  const { orgId: param } = useParams();
  const { t } = useI18n();
  const orgId = Number(param);
  const valid = Number.isInteger(orgId) && orgId > 0;
  const state = useApi<BankViewBody>(valid ? `/index/bank/${orgId}` : null);
  const d = state.data?.orgId === orgId ? state.data : undefined;
  const trend = useMemo(() => (d ? trendOption(d.trend, [], { score: t('index.chart.score') }) : null), [d, t]);

  const back = (
    <div style={{ marginBottom: 8 }}>
      <Link to={consentsPath}>
        <ArrowLeftOutlined /> {t('index.bank.back')}
      </Link>
    </div>
  );
  if (!valid) return <ErrorState error={new ApiError(404, 'not_found', t('orgs.badId'))} />;
  if (state.error?.status === 403) {
    return (
      <>
        {back}
        <Result icon={<LockOutlined />} status="warning" title={t('index.bank.refused')} subTitle={errorMessage(state.error, t)} data-testid="index-bank-refused" />
      </>
    );
  }
  if (state.error) {
    return (
      <>
        {back}
        <ErrorState error={state.error} onRetry={state.reload} />
      </>
    );
  }
  if (!d) return <PageLoading />;

  return (
    <div data-testid="index-bank" data-org={d.orgId}>
      {back}
      <Alert type="info" showIcon icon={<AuditOutlined />} style={{ marginBottom: 16 }} title={t('index.bank.note')} description={t('index.bank.noteMore')} data-testid="index-bank-note" />
      <Card size="small" title={<Typography.Text strong style={{ fontSize: 16 }}>{d.name}</Typography.Text>}>
        {d.excluded ? (
          <Alert type="warning" showIcon title={d.excluded} />
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t('index.grade')} value={d.grade ?? ''} valueRender={() => <GradeTag grade={d.grade} label={d.gradeLabel} testId="index-bank-grade" />} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('index.score')} value={formatScore(d.score)} data-testid="index-bank-score" />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('index.percentile')} value={formatPercentile(d.percentile)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('index.coverage')} value={formatShare(d.coverage)} />
            </Col>
          </Row>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('index.bank.run', { edition: d.run.edition, version: d.run.methodVersion, time: formatDateTime(d.run.createdAt) })}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('index.trend.title')} style={{ height: '100%' }}>
            {trend ? <LazyChart option={trend} height={280} label={t('index.trend.title')} testId="index-bank-trend" /> : null}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('index.bank.reasons')} style={{ height: '100%' }}>
            <Flex vertical gap={16}>
              <Reasons reasons={d.reasons} />
              <Typography.Text type="secondary">{t('index.bank.codesNote')}</Typography.Text>
            </Flex>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
