/**
 * The budget dashboard's two charts (GET /api/funding/budgets/overview): each department's item
 * budgets as one stacked horizontal bar (可用 / 预留 / 已支付, adding up to 下达), and the year's
 * payments net of reversals per month, one stacked bar series per department. ECharts is imported
 * modularly and this file is lazy-loaded (its own chunk). Lengths are in 万元; tooltips show each
 * amount exactly from 分. Animation off for steady screenshots.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { departmentBars, monthlySeries, type OverviewDepartment } from './budgetFigures.js';
import { exactTooltip, moneyBarsOption } from './moneyBars.js';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface DepartmentChartProps {
  departments: readonly OverviewDepartment[];
  nameOf: (code: string) => string;
  labels: { available: string; reserved: string; spent: string; unit: string; monthly: string; month: string; noPayments: string };
}

export default function DepartmentChart({ departments, nameOf, labels }: DepartmentChartProps) {
  const barsEl = useRef<HTMLDivElement>(null);
  const monthsEl = useRef<HTMLDivElement>(null);
  const monthly = useMemo(() => monthlySeries(departments, nameOf), [departments, nameOf]);
  const paidAny = monthly.series.length > 0;

  useEffect(() => {
    if (!barsEl.current) return;
    const charts: echarts.ECharts[] = [];
    const bars = echarts.init(barsEl.current);
    charts.push(bars);
    bars.setOption(moneyBarsOption(departmentBars(departments, nameOf), labels));

    if (monthsEl.current && paidAny) {
      const months = echarts.init(monthsEl.current);
      charts.push(months);
      months.setOption({
        animation: false,
        legend: { top: 0 },
        tooltip: exactTooltip(labels.unit, (p) => `${labels.month} ${p[0]?.name ?? ''}`),
        grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'category', name: labels.month, data: monthly.months },
        yAxis: { type: 'value', name: labels.unit },
        series: monthly.series.map((s) => ({ name: s.name, type: 'bar' as const, stack: 'paid', barMaxWidth: 28, data: s.data.map((d) => ({ value: d.wan, fen: d.fen })) })),
      });
    }

    const onResize = () => charts.forEach((c) => c.resize());
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      charts.forEach((c) => c.dispose());
    };
  }, [departments, nameOf, labels, monthly, paidAny]);

  return (
    <>
      <div ref={barsEl} style={{ width: '100%', height: Math.max(160, departments.length * 36 + 56) }} data-testid="department-chart" role="img" aria-label={`${labels.available} / ${labels.reserved} / ${labels.spent}`} />
      <div style={{ marginTop: 16, fontWeight: 500 }}>{labels.monthly}</div>
      {paidAny ? (
        <div ref={monthsEl} style={{ width: '100%', height: 260 }} data-testid="monthly-chart" role="img" aria-label={labels.monthly} />
      ) : (
        <div style={{ color: 'rgba(0,0,0,0.45)', padding: '8px 0' }} data-testid="monthly-chart-empty">
          {labels.noPayments}
        </div>
      )}
    </>
  );
}
