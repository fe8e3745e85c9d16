/** Small pieces the 科创指数 pages share: grade tags, names of pillars and indicators, the lazy chart, the run line. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import { Suspense, lazy, useMemo } from 'react';
import { PageLoading } from '../../components/PageLoading.js';
import { formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/i18n.js';
import { useApi } from '../../lib/useApi.js';
import { DEFAULT_GRADES, gradeColor, hashPrefix, indicatorKey, pillarKey, type UnitWords } from './format.js';
import type { IndexChartProps } from './IndexChart.js';
import type { Cutoff, GradeDef, IndicatorCatalogue, LatestRun, Stage } from './types.js';

const IndexChart = lazy(() => import('./IndexChart.js'));

/** A chart, drawn once ECharts has loaded. */
export function LazyChart(props: IndexChartProps) {
  return (
    <Suspense fallback={<PageLoading />}>
      <IndexChart {...props} />
    </Suspense>
  );
}

/** "A 领先" in the grade's colour; "—" when not graded. */
export function GradeTag({ grade, label, grades = DEFAULT_GRADES, testId }: { grade: string | null | undefined; label?: string | null; grades?: readonly GradeDef[]; testId?: string }) {
  if (!grade) return <span data-testid={testId}>—</span>;
  const known = label ?? grades.find((g) => g.grade === grade)?.label;
  return (
    <Tag color={gradeColor(grade, grades)} style={{ marginInlineEnd: 0 }} data-testid={testId} data-grade={grade}>
      {grade}
      {known ? ` ${known}` : ''}
    </Tag>
  );
}

/** Names of pillars, indicators and stages in the UI language (the server's Chinese name when the code is new); stable per language. */
export function useIndexNames() {
  const { t } = useI18n();
  return useMemo(() => {
    const pillar = (code: string, fallback?: string) => {
      const key = pillarKey(code);
      return key ? t(key) : (fallback ?? code);
    };
    const indicator = (code: string, fallback?: string) => {
      const key = indicatorKey(code);
      return key ? t(key) : (fallback ?? code);
    };
    const stage = (s: Stage | null | undefined) => (s ? t(`index.stage.${s}`) : '—');
    const units: UnitWords = {
      ratio: '',
      wan: t('index.unit.wan'),
      wanPerHead: t('index.unit.wanPerHead'),
      perHundred: t('index.unit.perHundred'),
      items: t('index.unit.items'),
      count: t('index.unit.count'),
      points: t('index.unit.points'),
    };
    return { pillar, indicator, stage, units };
  }, [t]);
}

/**
 * The current method's grades (labels, thresholds) and cut-offs, for tags and charts (officials
 * and administrators may read them). Until loaded, or for other roles, `known` is false: the
 * default grade letters still colour tags, but no threshold is drawn or written from them.
 */
export function useMethodInfo(enabled: boolean): { grades: readonly GradeDef[]; cutoffs: readonly Cutoff[]; known: boolean } {
  const latest = useApi<LatestRun>(enabled ? '/index/runs/latest' : null);
  const method = latest.data?.method;
  return { grades: method?.grades ?? DEFAULT_GRADES, cutoffs: method?.cutoffs ?? [], known: method !== undefined };
}

/** The indicator catalogue (names and units by code); any signed-in user may read it. */
export function useCatalogue() {
  return useApi<IndicatorCatalogue>('/index/indicators');
}

/** "方法第 1 版 · 2026 年度 · 输入哈希 5f85e661517a… · 可复算核验" */
export function RunLine({ run, testId }: { run: { id?: number; methodVersion: number; edition: number; inputHash?: string; createdAt: string }; testId?: string }) {
  const { t } = useI18n();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={testId}>
      <SafetyCertificateOutlined />{' '}
      {t('index.runLine', { version: run.methodVersion, edition: run.edition, time: formatDateTime(run.createdAt) })}
      {run.inputHash ? (
        <>
          {' · '}
          <Tooltip title={run.inputHash}>
            {t('index.inputHash')} <Typography.Text code style={{ fontSize: 12 }}>{hashPrefix(run.inputHash)}</Typography.Text>
          </Tooltip>
          {' · '}
          {t('index.verifiable')}
        </>
      ) : null}
    </Typography.Text>
  );
}
