/**
 * ECharts options for the 科创指数 pages, as plain data (no ECharts import here, so the
 * pages stay light; IndexChart.tsx draws them and is lazy-loaded).
 */
import type { GradeDef, GroupRow, Overview, TrendPoint } from './types.js';

type Option = Record<string, unknown>;

const GRADE_COLOURS = ['#52c41a', '#1677ff', '#faad14', '#fa541c'];
const NEUTRAL = '#bfbfbf';

/**
 * Score distribution in bands of ten, each bar in the colour of the grade it lies in (grades
 * ordered from the highest threshold down); a band that straddles a grade threshold is neutral.
 */
export function histogramOption(bins: Overview['histogram'], grades: readonly GradeDef[], labels: { count: string; score: string }): Option {
  const colourOf = (from: number, to: number) => {
    const i = grades.findIndex((g) => from >= g.min);
    if (i < 0) return NEUTRAL;
    const upper = i === 0 ? Infinity : grades[i - 1]!.min;
    return to <= upper ? GRADE_COLOURS[Math.min(i, GRADE_COLOURS.length - 1)] : NEUTRAL;
  };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 32, bottom: 28, containLabel: true },
    xAxis: { type: 'category', name: labels.score, nameLocation: 'middle', nameGap: 30, axisLabel: { interval: 0 }, data: bins.map((b) => `${b.from}–${b.to}`) },
    yAxis: { type: 'value', name: labels.count, minInterval: 1 },
    series: [
      {
        name: labels.count,
        type: 'bar',
        barCategoryGap: '8%',
        label: { show: true, position: 'top' },
        data: bins.map((b) => ({ value: b.count, itemStyle: { color: colourOf(b.from, b.to) } })),
      },
    ],
  };
}

/** Per district: enterprises scored and grade-A enterprises as bars, the mean score as a line on its own axis. */
export function groupOption(rows: readonly GroupRow[], labels: { count: string; a: string; mean: string }): Option {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: [labels.count, labels.a, labels.mean] },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 } },
    yAxis: [
      { type: 'value', name: labels.count, minInterval: 1 },
      { type: 'value', name: labels.mean, min: 0, max: 100, splitLine: { show: false } },
    ],
    series: [
      { name: labels.count, type: 'bar', data: rows.map((r) => r.n), itemStyle: { color: '#91caff' } },
      { name: labels.a, type: 'bar', data: rows.map((r) => r.a), itemStyle: { color: '#52c41a' } },
      { name: labels.mean, type: 'line', yAxisIndex: 1, data: rows.map((r) => r.mean), itemStyle: { color: '#fa8c16' }, label: { show: true, position: 'top' } },
    ],
  };
}

/** Three editions (same goalposts), with the grade thresholds as dashed lines. */
export function trendOption(points: readonly TrendPoint[], grades: readonly GradeDef[], labels: { score: string }): Option {
  const thresholds = grades.filter((g) => g.min > 0);
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 56, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => String(p.edition)) },
    yAxis: { type: 'value', min: 0, max: 100, name: labels.score },
    series: [
      {
        name: labels.score,
        type: 'line',
        connectNulls: false,
        symbolSize: 8,
        label: { show: true, formatter: (p: { value: number | null }) => (p.value === null ? '' : Number(p.value).toFixed(2)) },
        data: points.map((p) => (p.score === null ? null : Math.round(p.score * 100) / 100)),
      },
      // Grade thresholds: flat lines across the editions.
      ...thresholds.map((g) => ({
        name: `${g.grade} ≥ ${g.min}`,
        type: 'line',
        symbol: 'none',
        silent: true,
        lineStyle: { type: 'dashed', width: 1, color: '#bfbfbf' },
        endLabel: { show: true, formatter: `${g.grade} ≥ ${g.min}`, color: '#8c8c8c' },
        data: points.map(() => g.min),
        tooltip: { show: false },
      })),
    ],
  };
}

/** Each pillar's share of the most it could give, 0–100. */
export function radarOption(items: readonly { label: string; percent: number }[], name: string): Option {
  return {
    tooltip: { trigger: 'item' },
    radar: {
      indicator: items.map((i) => ({ name: i.label, max: 100 })),
      radius: '65%',
      axisName: { color: '#595959' },
    },
    series: [
      {
        type: 'radar',
        name,
        areaStyle: { opacity: 0.25 },
        data: [{ name, value: items.map((i) => i.percent) }],
      },
    ],
  };
}
