/**
 * Each budget's money as one stacked horizontal bar: 可用 / 预留 / 已支付 (they add up to 下达). ECharts
 * is imported modularly here only and this file is lazy-loaded (its own chunk). Bar lengths are in
 * 万元 for the axis; the tooltip shows each part exactly from 分. Animation off for steady screenshots.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { chartRows, type ChartBudget } from './budgetFigures.js';
import { moneyBarsOption } from './moneyBars.js';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BudgetChartProps {
  budgets: readonly ChartBudget[];
  labels: { available: string; reserved: string; spent: string; unit: string };
}

export default function BudgetChart({ budgets, labels }: BudgetChartProps) {
  const el = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption(moneyBarsOption(chartRows(budgets), labels));
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [budgets, labels]);

  return <div ref={el} style={{ width: '100%', height: Math.max(160, budgets.length * 36 + 56) }} data-testid="budget-chart" role="img" aria-label={`${labels.available} / ${labels.reserved} / ${labels.spent}`} />;
}
