/**
 * The bank view (financial institutions, measure 17): GET /api/index/bank/:orgId, only while
 * the enterprise's consent to this institution stands → grade, score, cohort percentile,
 * coverage, the three-edition trend and the reason codes that lift and hold the score (with
 * the indicator names). No financial figures, no reason texts; every access is logged. A 403
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

function Codes({ codes, kind, testId }: { codes: BankViewBody['lifts']; kind: 'lift' | 'hold'; testId: string }) {
  const { t, pick } = useI18n();
  const directionText = (code: string) => {
    const { direction } = parseReasonCode(code);
    return direction ? pick(REASON_DIRECTION_LABELS[direction]) : '';
  };
  const names = useIndexNames();
  return (
    <div data-testid={testId} data-count={codes.length}>
      <Typography.Title level={5} style={{ marginTop: 0, color: kind === 'lift' ? '#389e0d' : '#d46b08' }}>
        {kind === 'lift' ? t('index.lifts') : t('index.holds')}
      </Typography.Title>
      {codes.length === 0 ? (
        <Typography.Text type="secondary">{kind === 'lift' ? t('index.liftsNone') : t('index.holdsNone')}</Typography.Text>
      ) : (
        <Flex vertical gap={6}>
          {codes.map((c) => (
            <Flex key={c.code} gap={8} align="center" wrap data-code={c.code}>
              <Tag color={kind === 'lift' ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }}>
                {names.indicator(parseReasonCode(c.code).indicator, c.indicator)}
              </Tag>
              {/* The reason code's direction in words; the code itself stays in data-code for machines. */}
              <Typography.Text type="secondary">{directionText(c.code)}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </div>
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
              <Codes codes={d.lifts} kind="lift" testId="index-bank-lifts" />
              <Codes codes={d.holds} kind="hold" testId="index-bank-holds" />
              <Typography.Text type="secondary">{t('index.bank.codesNote')}</Typography.Text>
            </Flex>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
