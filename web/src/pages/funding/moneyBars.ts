/**
 * The ECharts option both budget charts draw: one horizontal bar per row, stacked 可用 / 预留 / 已支付
 * (they add up to 下达), lengths in 万元 on the axis, each part exact from 分 in the tooltip. No
 * ECharts import here: the option is plain data, so the lazy chart files keep ECharts in their chunk.
 */
import { escapeHtml } from '../../lib/html.js';
import { formatFenExact, formatFenYuan } from '../../lib/money.js';
import type { ChartPart } from './budgetFigures.js';

export interface MoneyBarRow {
  name: string;
  available: ChartPart;
  reserved: ChartPart;
  spent: ChartPart;
}

export interface MoneyBarLabels {
  available: string;
  reserved: string;
  spent: string;
  unit: string;
}

type TipParam = { seriesName: string; name: string; data: { fen: number }; marker: string };

/**
 * An axis tooltip listing each series exactly (from 分), under a title made from the hovered row: in the
 * chart's unit (万元) when whole to 100 元, otherwise in 元 to the 分 (never rounded, never "123.456789 万元").
 * ECharts renders a formatter's result as HTML: the title (a budget, pool or department name) and the
 * series names are text and are escaped; only ECharts' own marker and our <br/> are markup.
 */
const exact = (fen: number, unit: string) => (fen % 10_000 === 0 ? `${formatFenExact(fen)} ${escapeHtml(unit)}` : `${formatFenYuan(fen)} 元`);

export function exactTooltip(unit: string, title: (params: TipParam[]) => string) {
  return {
    trigger: 'axis' as const,
    axisPointer: { type: 'shadow' as const },
    formatter: (params: TipParam[]) =>
      [escapeHtml(title(params)), ...params.map((p) => `${p.marker}${escapeHtml(p.seriesName)} ${exact(p.data.fen, unit)}`)].join('<br/>'),
  };
}

export function moneyBarsOption(rows: readonly MoneyBarRow[], labels: MoneyBarLabels) {
  const part = (key: 'available' | 'reserved' | 'spent', name: string, color: string) => ({
    name,
    type: 'bar' as const,
    stack: 'money',
    barMaxWidth: 22,
    itemStyle: { color },
    data: rows.map((r) => ({ value: r[key].wan, fen: r[key].fen })),
  });
  return {
    animation: false,
    legend: { top: 0 },
    tooltip: exactTooltip(labels.unit, (p) => p[0]?.name ?? ''),
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: labels.unit },
    yAxis: { type: 'category', data: rows.map((r) => r.name) },
    series: [part('available', labels.available, '#95de64'), part('reserved', labels.reserved, '#ffd666'), part('spent', labels.spent, '#5b8ff9')],
  };
}
