/**
 * 总览 (officials, administrators): the latest run (method version, edition, input hash,
 * time, compute time) with 重新计算 (POST /api/index/runs), 稳健性分析 (POST …/robustness,
 * 1,000 draws or the most the bounds allow for the run: draws, flagged, cut-offs at their rank) and
 * 复算核验 (POST …/recompute: identical ✓ or the differences), each with its progress while the
 * server computes it in a worker thread (GET /api/index/jobs; a refusal, e.g. one already running,
 * shows the server's message); the score histogram, grade counts, districts (table and
 * chart), industry sections, and the coherence report per pillar (α, first component, item–pillar
 * correlations, redundant pairs: ./Coherence.tsx).
 */
import { ExperimentOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Progress, Row, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { maxDrawsFor, type JobView } from '../../../../src/shared/jobs.js';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoading } from '../../components/PageLoading.js';
import { api } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import { useApi } from '../../lib/useApi.js';
import { groupOption, histogramOption } from './chartOptions.js';
import { hashPrefix } from './format.js';
import { INDEX_BASE } from './paths.js';
import { CoherenceView } from './Coherence.js';
import { GradeTag, LazyChart, useMethodInfo } from './parts.js';
import type { GradeDef, GroupRow, IndexRun, Overview as OverviewBody, RecomputeResult, RobustnessSummary, RunCoherence } from './types.js';

function RobustnessResult({ summary }: { summary: RobustnessSummary }) {
  const { t } = useI18n();
  return (
    <Alert
      type={summary.flagged > 0 ? 'warning' : 'success'}
      showIcon
      data-testid="index-robustness-result"
      data-flagged={summary.flagged}
      title={t('index.robust.summary', { draws: summary.draws, flagged: summary.flagged, scored: summary.scored })}
      description={
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('index.robust.how', { spread: Math.round(summary.spread * 100), seed: summary.seed, ms: summary.ms })}</Typography.Text>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={summary.cutoffs}
            columns={[
              { key: 'label', title: t('index.robust.cutoff'), dataIndex: 'label' },
              { key: 'score', title: t('index.robust.threshold'), dataIndex: 'score', align: 'right', render: (v: number) => `≥ ${v}` },
              { key: 'rank', title: t('index.robust.rank'), dataIndex: 'rank', align: 'right', render: (v: number) => t('index.rankNo', { n: v }) },
            ]}
          />
          {summary.flagged > 0 ? (
            <Link to={`${INDEX_BASE}/ranking?flagged=true`} data-testid="index-robustness-flagged">
              {t('index.robust.seeFlagged', { n: summary.flagged })}
            </Link>
          ) : null}
        </Flex>
      }
    />
  );
}

function RecomputeAlert({ result }: { result: RecomputeResult }) {
  const { t } = useI18n();
  return (
    <Alert
      type={result.identical ? 'success' : 'error'}
      showIcon
      data-testid="index-recompute-result"
      data-identical={String(result.identical)}
      title={result.identical ? t('index.recompute.identical', { n: result.enterprises, run: result.runId }) : t('index.recompute.different', { n: result.differences, run: result.runId })}
      description={
        <Flex vertical gap={2}>
          <span>{t('index.recompute.method', { v: result.methodVersion })}</span>
          <span>{result.inputHashMatches ? t('index.recompute.hashOk') : t('index.recompute.hashBad')}</span>
          {result.firstDifferentOrg !== null ? (
            <Link to={`${INDEX_BASE}/enterprise/${result.firstDifferentOrg}`}>{t('index.recompute.first', { id: result.firstDifferentOrg })}</Link>
          ) : null}
        </Flex>
      }
    />
  );
}

type JobKind = 'run' | 'robustness' | 'recompute';
const PHASES = ['score', 'explain', 'save', 'draws'] as const;

/** The progress of the index job this page started (GET /api/index/jobs, every 0.5 s while it runs in the server's worker thread). */
function JobProgress({ kind }: { kind: JobKind }) {
  const { t } = useI18n();
  const [job, setJob] = useState<JobView | null>(null);
  useEffect(() => {
    let stop = false;
    const poll = async () => {
      try {
        const r = await api.get<{ jobs: Record<JobKind, JobView | null> }>('/index/jobs');
        if (!stop) setJob(r.jobs[kind]);
      } catch {
        // progress is a courtesy: the request that started the job reports its outcome
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), 500);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [kind]);
  if (!job || job.status !== 'running') return null;
  const phase = (PHASES as readonly string[]).includes(job.phase ?? '') ? t(`index.job.phase.${job.phase as (typeof PHASES)[number]}`) : t('index.job.phase.starting');
  return (
    <Flex vertical gap={2} data-testid="index-job-progress" data-kind={kind} data-percent={job.percent}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('index.job.progress', { label: job.label, phase, done: job.done, total: job.total })}
      </Typography.Text>
      <Progress percent={job.percent} size="small" />
    </Flex>
  );
}

function RunCard({ run, flagged, onNewRun }: { run: IndexRun; flagged: number; onNewRun: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'run' | 'robust' | 'recompute' | null>(null);
  const [robust, setRobust] = useState<RobustnessSummary | null>(null);
  const [recompute, setRecompute] = useState<RecomputeResult | null>(null);
  const summary = robust ?? run.robustness;
  /** 1,000 draws, or fewer when the run is so large that draws × scored enterprises would pass the bound. */
  const draws = Math.min(1000, maxDrawsFor(run.scored));
  const jobKind: JobKind | null = busy === 'robust' ? 'robustness' : busy;

  async function act<T>(kind: 'run' | 'robust' | 'recompute', fn: () => Promise<T>, done: (r: T) => void) {
    setBusy(kind);
    try {
      done(await fn());
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card
      size="small"
      title={t('index.run.title', { id: run.id })}
      style={{ marginBottom: 16 }}
      data-testid="index-run"
      data-run={run.id}
      extra={
        <Flex gap={8} wrap>
          <Tooltip title={t('index.run.newHint')}>
            <Button
              icon={<ReloadOutlined />}
              loading={busy === 'run'}
              disabled={busy !== null && busy !== 'run'}
              data-testid="index-run-new"
              onClick={() =>
                void act('run', () => api.post<IndexRun>('/index/runs', {}), (r) => {
                  message.success(t('index.run.done', { id: r.id, n: r.scored, ms: r.computeMs }));
                  setRobust(null);
                  setRecompute(null);
                  onNewRun();
                })
              }
            >
              {t('index.run.new')}
            </Button>
          </Tooltip>
          <Tooltip title={t('index.robust.hint')}>
            <Button
              icon={<ExperimentOutlined />}
              loading={busy === 'robust'}
              disabled={busy !== null && busy !== 'robust'}
              data-testid="index-robustness"
              onClick={() => void act('robust', () => api.post<RobustnessSummary>(`/index/runs/${run.id}/robustness`, { draws }), (r) => setRobust(r))}
            >
              {t('index.robust.run')}
            </Button>
          </Tooltip>
          <Tooltip title={t('index.recompute.hint')}>
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={busy === 'recompute'}
              disabled={busy !== null && busy !== 'recompute'}
              data-testid="index-recompute"
              onClick={() => void act('recompute', () => api.post<RecomputeResult>(`/index/runs/${run.id}/recompute`, {}), (r) => setRecompute(r))}
            >
              {t('index.recompute.run')}
            </Button>
          </Tooltip>
        </Flex>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          { key: 'method', label: t('index.run.method'), children: t('index.versionNo', { v: run.methodVersion }) },
          { key: 'edition', label: t('index.run.edition'), children: t('index.run.editionValue', { edition: run.edition, year: run.edition - 1 }) },
          {
            key: 'hash',
            label: t('index.inputHash'),
            children: (
              <Tooltip title={run.inputHash}>
                <Typography.Text code data-testid="index-run-hash">{hashPrefix(run.inputHash)}</Typography.Text>
              </Tooltip>
            ),
          },
          { key: 'time', label: t('index.run.time'), children: formatDateTime(run.createdAt) },
          { key: 'ms', label: t('index.run.computeMs'), children: `${run.computeMs} ms` },
          { key: 'scored', label: t('index.run.scored'), children: run.scored },
          { key: 'excluded', label: t('index.run.excluded'), children: run.excluded },
          {
            key: 'flagged',
            label: t('index.run.flagged'),
            children: run.robustness || robust ? <Link to={`${INDEX_BASE}/ranking?flagged=true`}>{summary?.flagged ?? flagged}</Link> : <Typography.Text type="secondary">{t('index.run.noRobustness')}</Typography.Text>,
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: summary || recompute || jobKind ? 12 : 0, fontSize: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('index.run.hashNote', { hash: run.methodHash.slice(0, 12) })} {t('index.robust.drawsNote', { scored: run.scored, draws })}
        </Typography.Text>
      </Typography.Paragraph>
      <Flex vertical gap={12}>
        {jobKind ? <JobProgress kind={jobKind} /> : null}
        {summary ? <RobustnessResult summary={summary} /> : null}
        {recompute ? <RecomputeAlert result={recompute} /> : null}
      </Flex>
    </Card>
  );
}

function GradeCounts({ grades, counts, known }: { grades: readonly GradeDef[]; counts: OverviewBody['grades']; known: boolean }) {
  const { t } = useI18n();
  const total = counts.reduce((s, g) => s + g.count, 0);
  return (
    <Row gutter={[16, 16]} data-testid="index-grades">
      {grades.map((g) => {
        const n = counts.find((c) => c.grade === g.grade)?.count ?? 0;
        return (
          <Col key={g.grade} xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={
                  <Flex gap={8} align="center">
                    <GradeTag grade={g.grade} label={g.label} grades={grades} />
                    {known ? <Typography.Text type="secondary">{g.min > 0 ? `≥ ${g.min}` : t('index.grade.below', { min: grades[grades.length - 2]?.min ?? 0 })}</Typography.Text> : null}
                  </Flex>
                }
                value={n}
                suffix={total > 0 ? <Typography.Text type="secondary" style={{ fontSize: 14 }}>{`（${((n / total) * 100).toFixed(1)}%）`}</Typography.Text> : null}
                data-testid={`index-grade-count-${g.grade}`}
              />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

function GroupTable({ rows, nameTitle, testId, code }: { rows: GroupRow[]; nameTitle: string; testId: string; code?: boolean }) {
  const { t } = useI18n();
  const columns: TableColumnsType<GroupRow> = [
    { key: 'name', title: nameTitle, render: (_, r) => (code ? `${r.code} ${r.name}` : r.name) },
    { key: 'n', title: t('index.group.n'), dataIndex: 'n', align: 'right', sorter: (a, b) => a.n - b.n },
    { key: 'mean', title: t('index.group.mean'), dataIndex: 'mean', align: 'right', sorter: (a, b) => a.mean - b.mean, render: (v: number) => v.toFixed(2) },
    { key: 'a', title: t('index.group.a'), dataIndex: 'a', align: 'right', sorter: (a, b) => a.a - b.a },
  ];
  return <Table<GroupRow> size="small" rowKey="code" pagination={false} columns={columns} dataSource={rows} data-testid={testId} />;
}

function CoherenceCard({ runId }: { runId: number }) {
  const { t } = useI18n();
  const state = useApi<RunCoherence>(`/index/runs/${runId}/coherence`);
  let body;
  if (state.error) body = <ErrorState error={state.error} onRetry={state.reload} />;
  else if (!state.data) body = <PageLoading />;
  else if (state.data.pillars.length === 0) body = <Empty description={t('index.coherence.none')} />;
  else body = <CoherenceView report={state.data} testId="index-coherence" />;
  return (
    <Card size="small" title={t('index.coherence.title')} style={{ marginTop: 16 }} data-testid="index-coherence">
      {body}
    </Card>
  );
}

export function Overview() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const state = useApi<OverviewBody>('/index/overview');
  const { grades, known } = useMethodInfo(true);
  const [starting, setStarting] = useState(false);

  const histogram = useMemo(
    () => (state.data ? histogramOption(state.data.histogram, known ? grades : [], { count: t('index.chart.enterprises'), score: t('index.chart.score') }) : null),
    [state.data, grades, known, t],
  );
  const districts = useMemo(
    () => (state.data ? groupOption(state.data.byDistrict, { count: t('index.group.n'), a: t('index.group.a'), mean: t('index.group.mean') }) : null),
    [state.data, t],
  );

  if (state.error?.status === 404) {
    // No run yet: the first one is one click away.
    return (
      <Empty description={t('index.noRun')} data-testid="index-overview">
        <Button
          type="primary"
          loading={starting}
          data-testid="index-run-new"
          onClick={() => {
            setStarting(true);
            api
              .post<IndexRun>('/index/runs', {})
              .then(() => state.reload())
              .catch((err: unknown) => message.error(errorMessage(err, t)))
              .finally(() => setStarting(false));
          }}
        >
          {t('index.run.new')}
        </Button>
      </Empty>
    );
  }
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!state.data) return <PageLoading />;
  const o = state.data;

  return (
    <div data-testid="index-overview">
      <RunCard key={o.run.id} run={o.run} flagged={o.reviewFlagged} onNewRun={state.reload} />
      <GradeCounts grades={grades} counts={o.grades} known={known} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('index.histogram.title')} style={{ height: '100%' }}>
            <Typography.Text type="secondary">{t('index.histogram.note', { n: o.run.scored, excluded: o.run.excluded })}</Typography.Text>
            {histogram ? <LazyChart option={histogram} height={300} label={t('index.histogram.title')} testId="index-histogram" /> : null}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('index.bySection.title')} style={{ height: '100%' }}>
            <GroupTable rows={o.bySection} nameTitle={t('index.group.section')} testId="index-by-section" code />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('index.byDistrict.title')} style={{ marginTop: 16 }}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <GroupTable rows={o.byDistrict} nameTitle={t('index.group.district')} testId="index-by-district" />
          </Col>
          <Col xs={24} xl={14}>
            {districts ? <LazyChart option={districts} height={340} label={t('index.byDistrict.title')} testId="index-district-chart" /> : null}
          </Col>
        </Row>
      </Card>
      <CoherenceCard runId={o.run.id} />
      {o.run.excluded > 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          <Tag>{t('index.run.excluded')}</Tag>
          {t('index.excludedNote', { n: o.run.excluded })}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}
