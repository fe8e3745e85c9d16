/**
 * An enterprise's 科创指数 (/innovation-index/enterprise/:orgId; the enterprise itself,
 * officials and administrators): GET /api/index/scores/:orgId → score, grade, cohort
 * percentile, rank, stage, coverage, the three-edition trend, a radar of each pillar's
 * contribution relative to its weight, the indicators (raw value by unit, 估算, 按目标值计,
 * contribution), what lifts and what holds the score, the next grade and the smallest
 * one-indicator step to it, notes; GET /api/index/tsme-check/:orgId → the 科技型中小企业
 * self-check and the 高企 conditions with their gaps; a grade flagged for human review, its decisions and (officials)
 * the review form (GradeReview.tsx). The run's method version and input hash
 * close the page (可复算核验).
 */
import { ArrowLeftOutlined, ArrowUpOutlined, CheckCircleFilled, CloseCircleFilled, KeyOutlined, RiseOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, List, Row, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { Link, useParams } from 'react-router-dom';
import { SIZE_BAND_LABELS, SIZE_BANDS } from '../../../../src/shared/enums.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoading } from '../../components/PageLoading.js';
import { ApiError } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { canSeeIndexOffice } from '../../lib/permissions.js';
import { useReference } from '../../lib/reference.js';
import { useMe } from '../../lib/session.js';
import { useApi } from '../../lib/useApi.js';
import { radarOption, trendOption } from './chartOptions.js';
import { formatIndicator, formatPercentile, formatRankRange, formatScore, formatShare, pillarAchievement } from './format.js';
import { GradeTag, LazyChart, RunLine, useCatalogue, useIndexNames, useMethodInfo } from './parts.js';
import { INDEX_BASE, consentsPath } from './paths.js';
import { GradeReview } from './GradeReview.js';
import { ReviewTag } from './Ranking.js';
import type { EnterpriseIndex as EnterpriseIndexBody, Explanation, IndicatorValue, OfficialCondition, Reason, TsmeCheck } from './types.js';

/** ✓ / ✗ with the colour of its meaning. */
export function MetMark({ met }: { met: boolean }) {
  const { t } = useI18n();
  return met ? (
    <Typography.Text type="success" data-met="true">
      <CheckCircleFilled /> {t('index.met')}
    </Typography.Text>
  ) : (
    <Typography.Text type="danger" data-met="false">
      <CloseCircleFilled /> {t('index.unmet')}
    </Typography.Text>
  );
}

/** A table of official conditions: condition, requirement, the enterprise's value, met, what is missing. */
export function ConditionTable({ conditions, testId }: { conditions: OfficialCondition[]; testId: string }) {
  const { t } = useI18n();
  const columns: TableColumnsType<OfficialCondition> = [
    { key: 'label', title: t('index.cond.label'), dataIndex: 'label' },
    { key: 'required', title: t('index.cond.required'), dataIndex: 'required' },
    { key: 'actual', title: t('index.cond.actual'), dataIndex: 'actual' },
    { key: 'met', title: t('index.cond.met'), width: 100, render: (_, c) => <MetMark met={c.met} /> },
    { key: 'gap', title: t('index.cond.gap'), render: (_, c) => (c.met ? '—' : <Typography.Text type="warning">{c.gap}</Typography.Text>) },
  ];
  return (
    <Table<OfficialCondition>
      size="small"
      rowKey="code"
      pagination={false}
      columns={columns}
      dataSource={conditions}
      data-testid={testId}
      onRow={(c) => ({ 'data-code': c.code, 'data-met': String(c.met) }) as HTMLAttributes<HTMLElement>}
      scroll={{ x: 760 }}
    />
  );
}

function ReasonList({ reasons, kind, testId }: { reasons: Reason[]; kind: 'lift' | 'hold'; testId: string }) {
  const { t } = useI18n();
  const names = useIndexNames();
  const colour = kind === 'lift' ? '#389e0d' : '#d46b08';
  return (
    <div data-testid={testId} data-count={reasons.length}>
      <Typography.Title level={5} style={{ color: colour, marginTop: 0 }}>
        {kind === 'lift' ? <RiseOutlined /> : <WarningOutlined />} {kind === 'lift' ? t('index.lifts') : t('index.holds')}
      </Typography.Title>
      {reasons.length === 0 ? (
        <Typography.Text type="secondary">{kind === 'lift' ? t('index.liftsNone') : t('index.holdsNone')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={reasons}
          renderItem={(r) => (
            <List.Item style={{ paddingInline: 0 }} data-code={r.code}>
              <Flex gap={8} align="baseline" wrap>
                <Tag color={kind === 'lift' ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }}>
                  {names.indicator(r.indicator)}
                </Tag>
                <span>{r.text}</span>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

function ExplanationCard({ ex }: { ex: Explanation }) {
  const { t } = useI18n();
  // Without a one-indicator step the server says so in a note: shown with the next grade, not twice.
  const stepNote = ex.nextGrade && !ex.improvement ? ex.notes.find((n) => n.includes(`${ex.nextGrade!.grade} 级`)) : undefined;
  const notes = ex.notes.filter((n) => n !== stepNote);
  return (
    <Card size="small" title={t('index.explanation')} style={{ marginTop: 16 }}>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={12}>
          <ReasonList reasons={ex.lifts} kind="lift" testId="index-lifts" />
        </Col>
        <Col xs={24} lg={12}>
          <ReasonList reasons={ex.holds} kind="hold" testId="index-holds" />
        </Col>
      </Row>
      <Alert
        style={{ marginTop: 16 }}
        type={ex.nextGrade ? 'info' : 'success'}
        showIcon
        icon={<ArrowUpOutlined />}
        data-testid="index-improvement"
        title={ex.nextGrade ? t('index.nextGrade', { grade: ex.nextGrade.grade, min: ex.nextGrade.min, gap: ex.nextGrade.gap.toFixed(2) }) : t('index.topGrade')}
        description={ex.nextGrade ? (ex.improvement?.text ?? stepNote ?? t('index.noSingleStep')) : undefined}
      />
      {notes.length > 0 ? (
        <List
          size="small"
          style={{ marginTop: 12 }}
          header={<Typography.Text type="secondary">{t('index.notes')}</Typography.Text>}
          dataSource={notes}
          renderItem={(n) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Typography.Text type="secondary">{n}</Typography.Text>
            </List.Item>
          )}
          data-testid="index-notes"
        />
      ) : null}
    </Card>
  );
}

function IndicatorTable({ values, ex }: { values: IndicatorValue[]; ex: Explanation | null }) {
  const { t, lang } = useI18n();
  const names = useIndexNames();
  const catalogue = useCatalogue();
  const weightless = new Set((ex?.pillars ?? []).filter((p) => p.weight === 0).map((p) => p.code));
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  const columns: TableColumnsType<IndicatorValue> = [
    {
      key: 'name',
      title: t('index.ind.name'),
      render: (_, v) => {
        const def = catalogue.data?.indicators.find((i) => i.code === v.code);
        return <Tooltip title={def ? `${def.definition}（${def.source}，${def.period}）` : undefined}>{names.indicator(v.code, v.name)}</Tooltip>;
      },
    },
    { key: 'pillar', title: t('index.ind.pillar'), render: (_, v) => names.pillar(v.pillar, v.pillarLabel) },
    {
      key: 'value',
      title: t('index.ind.value'),
      align: 'right',
      render: (_, v) => {
        if (weightless.has(v.pillar)) return <Tag style={{ marginInlineEnd: 0 }}>{t('index.ind.noSource')}</Tag>;
        return (
          <Flex gap={6} justify="flex-end" align="center" wrap>
            <span>{formatIndicator(v.imputed ? v.value : v.raw, v.unit, names.units, locale)}</span>
            {v.imputed ? (
              <Tooltip title={t('index.ind.imputedHint')}>
                <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="index-imputed">
                  {t('index.ind.imputed')}
                </Tag>
              </Tooltip>
            ) : null}
            {v.observed !== undefined ? (
              <Tooltip title={t('index.ind.partialHint', { share: formatShare(v.observed) })}>
                <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="index-partial">
                  {t('index.ind.partial')}
                </Tag>
              </Tooltip>
            ) : null}
            {v.dropped ? (
              <Tooltip title={t('index.ind.droppedHint')}>
                <Tag style={{ marginInlineEnd: 0 }} data-testid="index-dropped">
                  {t('index.ind.dropped')}
                </Tag>
              </Tooltip>
            ) : null}
            {v.winsorised ? (
              <Tooltip title={t(v.winsorised === 'high' ? 'index.ind.winsorisedHigh' : 'index.ind.winsorisedLow', { value: formatIndicator(v.value, v.unit, names.units, locale) })}>
                <Tag color="cyan" style={{ marginInlineEnd: 0 }} data-testid="index-winsorised">
                  {t('index.ind.winsorised')}
                </Tag>
              </Tooltip>
            ) : null}
          </Flex>
        );
      },
    },
    { key: 'normalised', title: <Tooltip title={t('index.ind.normalisedHint')}>{t('index.ind.normalised')}</Tooltip>, align: 'right', width: 110, render: (_, v) => (weightless.has(v.pillar) ? '—' : v.normalised.toFixed(3)) },
    { key: 'contribution', title: t('index.ind.contribution'), align: 'right', width: 110, render: (_, v) => (weightless.has(v.pillar) ? '—' : v.contribution.toFixed(2)) },
  ];
  return (
    <Card size="small" title={t('index.ind.title')} style={{ marginTop: 16 }}>
      <Table<IndicatorValue> size="small" rowKey="code" pagination={false} columns={columns} dataSource={values} data-testid="index-indicators" scroll={{ x: 760 }} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('index.ind.note')}
      </Typography.Paragraph>
    </Card>
  );
}

function TsmeCard({ orgId }: { orgId: number }) {
  const { t } = useI18n();
  const state = useApi<TsmeCheck>(`/index/tsme-check/${orgId}`);
  let body;
  if (state.error) body = <ErrorState error={state.error} onRetry={state.reload} />;
  else if (!state.data) body = <PageLoading />;
  else {
    const c = state.data;
    body = (
      <Flex vertical gap={12}>
        <Flex gap={8} wrap align="center">
          <Tag color={c.passes ? 'green' : 'orange'} data-testid="index-tsme-verdict" data-passes={String(c.passes)}>
            {c.passes ? t('index.tsme.pass') : t('index.tsme.fail')}
          </Tag>
          {c.alreadyHeld ? <Tag color="blue">{t('index.tsme.held')}</Tag> : null}
          <Typography.Text type="secondary">{t('index.tsme.year', { year: c.year, date: c.date })}</Typography.Text>
        </Flex>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Statistic title={t('index.tsme.staff')} value={c.staff} suffix="/ 20" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('index.tsme.rd')} value={c.rd} suffix="/ 50" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('index.tsme.ip')} value={c.ip} suffix="/ 30" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('index.tsme.total')} value={c.total} suffix="/ 100" styles={{ content: { color: c.scorePasses ? '#389e0d' : '#d46b08' } }} data-testid="index-tsme-total" />
          </Col>
        </Row>
        <Typography.Text type="secondary" data-testid="index-tsme-score-condition" data-by={c.scoreCondition ?? 'none'}>
          {c.scoreCondition === 'score' ? t('index.tsme.scoreOk') : c.scoreCondition === 'direct' ? t('index.tsme.direct', { path: c.direct.filter((p) => p.met).map((p) => `${p.clause}${p.label}`).join('；') }) : t('index.tsme.scoreLow')}
        </Typography.Text>
        {c.gate ? <Alert type="warning" showIcon title={c.gate} data-testid="index-tsme-gate" /> : null}
        <Typography.Text strong>{t('index.tsme.size')}</Typography.Text>
        <ConditionTable conditions={c.size} testId="index-tsme-size" />
        <List
          size="small"
          dataSource={c.notes}
          renderItem={(n) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Typography.Text type="secondary">{n}</Typography.Text>
            </List.Item>
          )}
        />
      </Flex>
    );
  }
  const hnte = state.data?.hnte;
  return (
    <>
      <Card size="small" title={t('index.tsme.title')} style={{ marginTop: 16 }} data-testid="index-tsme">
        {body}
      </Card>
      {hnte ? (
        <Card
          size="small"
          title={t('index.hnte.title')}
          style={{ marginTop: 16 }}
          extra={<Typography.Text type="secondary">{t('index.hnte.count', { met: hnte.filter((c) => c.met).length, n: hnte.length })}</Typography.Text>}
        >
          <ConditionTable conditions={hnte} testId="index-hnte" />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('index.hnte.note')}
          </Typography.Paragraph>
        </Card>
      ) : null}
    </>
  );
}

export function EnterpriseIndex() {
  const { orgId: param } = useParams();
  const { t, pick } = useI18n();
  const me = useMe();
  const names = useIndexNames();
  const industries = useReference('industries');
  const office = canSeeIndexOffice(me);
  const { grades, cutoffs, known } = useMethodInfo(office);
  const orgId = Number(param);
  const valid = Number.isInteger(orgId) && orgId > 0;
  const state = useApi<EnterpriseIndexBody>(valid ? `/index/scores/${orgId}` : null);
  const d = state.data?.orgId === orgId ? state.data : undefined;

  // Grade thresholds are drawn only when the current method is known (officials, administrators).
  const trend = useMemo(() => (d ? trendOption(d.trend, known ? grades : [], { score: t('index.chart.score') }) : null), [d, grades, known, t]);
  const pillars = useMemo(() => (d?.explanation ? pillarAchievement(d.explanation.pillars) : []), [d]);
  const radar = useMemo(
    () => (pillars.length ? radarOption(pillars.map((p) => ({ label: names.pillar(p.code, p.label), percent: p.percent })), t('index.radar.series')) : null),
    [pillars, names, t],
  );

  const back = office ? (
    <Link to={`${INDEX_BASE}/ranking`}>
      <ArrowLeftOutlined /> {t('index.backToRanking')}
    </Link>
  ) : null;

  if (!valid) return <ErrorState error={new ApiError(404, 'not_found', t('orgs.badId'))} />;
  if (state.error) {
    return (
      <>
        {back}
        <ErrorState error={state.error} onRetry={state.reload} />
      </>
    );
  }
  if (!d) return <PageLoading />;

  const [section, size] = d.cohort.split('|');
  const sectionName = industries.items.find((i) => i.code === section)?.name;
  const sizeName = size && (SIZE_BANDS as readonly string[]).includes(size) ? pick(SIZE_BAND_LABELS[size as (typeof SIZE_BANDS)[number]]) : size;
  const cohortText = t('index.cohort', { section: sectionName ?? section ?? '—', size: sizeName ?? '—' });

  return (
    <div data-testid="index-enterprise" data-org={d.orgId}>
      {back ? <div style={{ marginBottom: 8 }}>{back}</div> : null}
      <Card
        size="small"
        title={
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {d.name}
            </Typography.Text>
            <Link to={`/orgs/${d.orgId}`} style={{ fontWeight: 'normal' }}>
              {t('index.orgPage')}
            </Link>
          </Flex>
        }
        extra={
          me.role === 'enterprise' ? (
            <Link to={consentsPath} data-testid="index-consent-link">
              <Button icon={<KeyOutlined />}>{t('index.toConsents')}</Button>
            </Link>
          ) : null
        }
      >
        {d.excluded ? (
          <Alert type="warning" showIcon title={d.excluded} description={t('index.excludedHint')} data-testid="index-excluded-reason" />
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={8} xl={4}>
              <Statistic title={t('index.score')} value={formatScore(d.score)} data-testid="index-score" styles={{ content: { fontWeight: 600 } }} />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Statistic title={t('index.grade')} valueRender={() => <GradeTag grade={d.grade} label={d.gradeLabel} grades={grades} testId="index-grade" />} value={d.grade ?? ''} />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Tooltip title={cohortText}>
                <Statistic title={t('index.percentile')} value={formatPercentile(d.percentile)} data-testid="index-percentile" />
              </Tooltip>
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Statistic title={t('index.rank')} value={d.rank ? t('index.rankOf', { rank: d.rank.rank, of: d.rank.of }) : '—'} data-testid="index-rank" />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Statistic title={t('index.stage')} value={names.stage(d.stage)} />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Tooltip title={t('index.col.coverageHint')}>
                <Statistic title={t('index.coverage')} value={formatShare(d.coverage)} data-testid="index-coverage" />
              </Tooltip>
            </Col>
          </Row>
        )}
        <Flex gap={8} wrap align="center" style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{cohortText}</Typography.Text>
          {d.robustRank ? (
            <Tooltip title={t('index.col.robustHint')}>
              <Tag>{t('index.robustRank', { range: formatRankRange(d.robustRank) })}</Tag>
            </Tooltip>
          ) : null}
          <ReviewTag flag={d.reviewFlag} cutoffs={cutoffs} review={d.review.status === 'none' ? null : { status: d.review.status, grade: d.grade }} />
        </Flex>
      </Card>
      <GradeReview d={d} grades={grades} canDecide={office} onDone={state.reload} />

      {!d.excluded ? (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('index.trend.title')} style={{ height: '100%' }}>
              {trend ? <LazyChart option={trend} height={300} label={t('index.trend.title')} testId="index-trend" /> : null}
              <Typography.Text type="secondary">
                {t('index.trend.note')}
                {known ? t('index.trend.thresholds') : ''}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('index.radar.title')} style={{ height: '100%' }} data-testid="index-radar" data-pillars={pillars.length}>
              {radar ? <LazyChart option={radar} height={300} label={t('index.radar.title')} testId="index-radar-chart" /> : <Empty />}
              <Flex gap={6} wrap>
                {pillars.map((p) => (
                  <Tag key={p.code} style={{ marginInlineEnd: 0 }}>
                    {names.pillar(p.code, p.label)} {p.contribution.toFixed(2)} / {p.maxPoints}
                  </Tag>
                ))}
              </Flex>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {t('index.radar.note')}
              </Typography.Paragraph>
            </Card>
          </Col>
        </Row>
      ) : null}

      {d.explanation ? <ExplanationCard ex={d.explanation} /> : null}
      {d.values.length > 0 ? <IndicatorTable values={d.values} ex={d.explanation} /> : null}
      <TsmeCard orgId={d.orgId} />
      <div style={{ marginTop: 16 }}>
        <RunLine run={d.run} testId="index-enterprise-run" />
      </div>
    </div>
  );
}
