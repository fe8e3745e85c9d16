/**
 * The coherence report and the effective weights (src/index/engine/coherence.ts; docs/index-method.md §5a):
 * - EffectiveWeightsView: each indicator's nominal weight beside its effective one (its share of the
 *   score's variance), overall and per stage, marked outside ×0.5–×2, with the server's warnings;
 * - CoherenceView: per pillar Cronbach's α, the first principal component's share and each indicator's
 *   correlation with its pillar (weak ones marked), redundant pairs, the warnings;
 * - LatestWeightsCard: both for the latest run, on the method page (GET /api/index/runs/:id/coherence).
 * Server texts (warnings) are rendered as text (React escapes them). Narrow screens: the tables scroll
 * inside their card.
 */
import { Alert, Card, Col, Collapse, Empty, Flex, Row, Segmented, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoading } from '../../components/PageLoading.js';
import { useI18n } from '../../lib/i18n.js';
import { useApi } from '../../lib/useApi.js';
import { formatShare } from './format.js';
import { useIndexNames } from './parts.js';
import type { Coherence, CoherenceWarning, EffectiveWeight, LatestRun, RunCoherence } from './types.js';

function Warnings({ warnings, testId }: { warnings: CoherenceWarning[]; testId: string }) {
  const { t } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={testId}
      data-count={warnings.length}
      title={t('index.coherence.warnings', { n: warnings.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {warnings.map((w) => (
            <li key={`${w.kind}-${w.subject}`} data-kind={w.kind} data-subject={w.subject}>
              {w.text}
            </li>
          ))}
        </ul>
      }
    />
  );
}

const ratioText = (r: number | null) => (r === null ? '—' : `×${r.toFixed(2)}`);

/** Nominal beside effective weights, overall or for one stage. */
export function EffectiveWeightsView({ report, testId }: { report: Coherence; testId: string }) {
  const { t } = useI18n();
  const names = useIndexNames();
  const [scope, setScope] = useState<string>('overall');
  const view = scope === 'overall' ? report.effective.overall : (report.effective.stages.find((s) => s.stage === scope) ?? report.effective.overall);
  const { low, high } = report.thresholds.effectiveRatio;
  const noVariance = view.weights.every((w) => w.effective === null);
  const columns: TableColumnsType<EffectiveWeight> = [
    {
      key: 'name',
      title: t('index.weights.indicator'),
      render: (_, w) => (
        <Flex vertical>
          <span>{names.indicator(w.code, w.name)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {names.pillar(w.pillar)}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'nominal', title: t('index.weights.nominal'), align: 'right', render: (_, w) => formatShare(w.nominal, 1) },
    {
      key: 'effective',
      title: t('index.weights.effective'),
      align: 'right',
      // the ratio and its mark under the share: the column stays narrow enough for a phone
      render: (_, w) => (
        <Flex vertical align="flex-end">
          <Typography.Text strong={w.flag !== null} type={w.flag === 'low' ? 'warning' : w.flag === 'high' ? 'danger' : undefined} data-testid={`${testId}-effective-${w.code}`}>
            {formatShare(w.effective, 1)}
          </Typography.Text>
          <Flex gap={4} align="center" wrap justify="flex-end">
            <Typography.Text type="secondary" style={{ fontSize: 12 }} title={t('index.weights.ratio')}>
              {ratioText(w.ratio)}
            </Typography.Text>
            {w.flag ? (
              <Tag color={w.flag === 'low' ? 'orange' : 'red'} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
                {t(w.flag === 'low' ? 'index.weights.low' : 'index.weights.high')}
              </Tag>
            ) : null}
          </Flex>
        </Flex>
      ),
    },
    {
      key: 'main',
      title: <Tooltip title={t('index.weights.mainEffectHint')}>{t('index.weights.mainEffect')}</Tooltip>,
      align: 'right',
      responsive: ['md'],
      render: (_, w) => formatShare(w.mainEffect, 1),
    },
  ];
  return (
    <Flex vertical gap={8} data-testid={testId} data-scope={scope}>
      <Typography.Text type="secondary">{t('index.weights.intro', { low, high })}</Typography.Text>
      <Segmented
        value={scope}
        onChange={(v) => setScope(String(v))}
        options={[{ value: 'overall', label: t('index.weights.overall') }, ...report.effective.stages.map((s) => ({ value: s.stage, label: `${names.stage(s.stage)} ${s.scored}` }))]}
        data-testid={`${testId}-scope`}
      />
      {noVariance ? (
        <Empty description={t('index.weights.noVariance')} />
      ) : (
        <Table<EffectiveWeight>
          size="small"
          rowKey="code"
          pagination={false}
          columns={columns}
          dataSource={view.weights}
          scroll={{ x: 'max-content' }}
          onRow={(w) => ({ 'data-testid': `${testId}-row-${w.code}`, 'data-flag': w.flag ?? '' }) as HTMLAttributes<HTMLElement>}
        />
      )}
      {view.rankCorrelation !== null ? <Typography.Text type="secondary">{t('index.weights.rho', { rho: view.rankCorrelation.toFixed(2), n: view.scored })}</Typography.Text> : null}
      {scope === 'overall' ? <Warnings warnings={report.warnings.filter((w) => w.kind === 'effective')} testId={`${testId}-warnings`} /> : null}
    </Flex>
  );
}

type PillarRow = Coherence['pillars'][number]['indicators'][number];

/** Per pillar α, first component share and item–pillar correlations; redundant pairs; the warnings. */
export function CoherenceView({ report, testId }: { report: Coherence; testId: string }) {
  const { t } = useI18n();
  const names = useIndexNames();
  const th = report.thresholds;
  const nameOf = (code: string) => names.indicator(code, report.pillars.flatMap((p) => p.indicators).find((i) => i.code === code)?.name);
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('index.coherence.intro', { alpha: th.alphaMin, item: th.itemPillarMin, redundant: th.redundantAbove })}</Typography.Text>
      <Row gutter={[12, 12]}>
        {report.pillars.map((p) => (
          <Col key={p.code} xs={24} md={12} xl={8}>
            <Card size="small" type="inner" title={names.pillar(p.code, p.label)} data-testid={`${testId}-${p.code}`} data-alpha={p.alpha ?? ''}>
              {p.indicators.length > 1 ? (
                <Flex gap={12} wrap style={{ marginBottom: 8 }}>
                  <Typography.Text type={p.alpha !== null && p.alpha < th.alphaMin ? 'danger' : undefined} strong={p.alpha !== null && p.alpha < th.alphaMin}>
                    {t('index.coherence.alpha')} {p.alpha === null ? '—' : p.alpha.toFixed(2)}
                  </Typography.Text>
                  <Typography.Text>
                    {t('index.coherence.pc1')} {formatShare(p.pc1Share, 0)}
                  </Typography.Text>
                </Flex>
              ) : null}
              {p.indicators.length > 1 ? (
                <Table<PillarRow>
                  size="small"
                  rowKey="code"
                  pagination={false}
                  dataSource={p.indicators}
                  columns={[
                    { key: 'name', title: t('index.coherence.indicator'), render: (_: unknown, r: PillarRow) => nameOf(r.code) },
                    {
                      key: 'r',
                      title: t('index.coherence.r'),
                      align: 'right',
                      width: 120,
                      render: (_: unknown, r: PillarRow) =>
                        r.correlation === null ? (
                          '—'
                        ) : (
                          <Flex gap={4} justify="flex-end" wrap>
                            <Typography.Text type={r.correlation < 0 ? 'danger' : r.weak ? 'warning' : undefined}>{r.correlation.toFixed(2)}</Typography.Text>
                            {r.weak ? (
                              <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                                {t('index.coherence.weak')}
                              </Tag>
                            ) : null}
                          </Flex>
                        ),
                    },
                  ]}
                />
              ) : (
                <Flex vertical>
                  <span>{nameOf(p.indicators[0]!.code)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('index.coherence.single')}
                  </Typography.Text>
                </Flex>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      {report.redundant.length > 0 ? (
        <Alert
          type="info"
          showIcon
          title={t('index.coherence.redundant', { t: th.redundantAbove })}
          description={report.redundant.map((r) => `${nameOf(r.a)} ↔ ${nameOf(r.b)}：r = ${r.correlation.toFixed(2)}`).join(t('common.listSep'))}
          data-testid={`${testId}-redundant`}
        />
      ) : null}
      <Warnings warnings={report.warnings.filter((w) => w.kind !== 'effective')} testId={`${testId}-warnings`} />
    </Flex>
  );
}

/** The method page's card: the latest run's effective weights beside the nominal ones, and its coherence report. */
export function LatestWeightsCard({ currentVersion }: { currentVersion: number | null }) {
  const { t } = useI18n();
  const latest = useApi<LatestRun>('/index/runs/latest');
  const runId = latest.data?.run?.id ?? null;
  const report = useApi<RunCoherence>(runId === null ? null : `/index/runs/${runId}/coherence`);
  let body;
  if (latest.error) body = <ErrorState error={latest.error} onRetry={latest.reload} />;
  else if (!latest.data) body = <PageLoading />;
  else if (runId === null) body = <Empty description={t('index.weights.noRun')} />;
  else if (report.error) body = <ErrorState error={report.error} onRetry={report.reload} />;
  else if (!report.data) body = <PageLoading />;
  else {
    const c = report.data;
    body = (
      <Flex vertical gap={12}>
        <Typography.Text type="secondary" data-testid="index-weights-run">
          {t('index.weights.latest', { run: c.run.id, v: c.run.methodVersion, n: c.scored })}
        </Typography.Text>
        {currentVersion !== null && currentVersion !== c.run.methodVersion ? <Alert type="info" showIcon title={t('index.weights.otherVersion', { v: currentVersion, used: c.run.methodVersion })} /> : null}
        <EffectiveWeightsView report={c} testId="index-weights" />
        <Collapse size="small" items={[{ key: 'coherence', label: t('index.coherence.title'), children: <CoherenceView report={c} testId="index-weights-coherence" /> }]} />
      </Flex>
    );
  }
  return (
    <Card size="small" title={t('index.weights.title')} data-testid="index-weights-card">
      {body}
    </Card>
  );
}
