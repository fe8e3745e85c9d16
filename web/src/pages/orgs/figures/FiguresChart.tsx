/**
 * Revenue and R&D expense over the years (万元). ECharts is imported here only,
 * modularly, and this file is lazy-loaded, so the library is its own chunk and
 * is fetched only on a detail page. Animation is off (steady screenshots).
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { FEN_PER_WAN } from '../../../lib/money.js';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface FiguresChartProps {
  years: number[];
  revenueFen: number[];
  rdExpenseFen: number[];
  labels: { revenue: string; rdExpense: string; unit: string };
}

/** For the chart only: 分 → 万元 as a float; the tables use exact formatting. */
const toWan = (fen: number) => Math.round(fen / (FEN_PER_WAN / 100)) / 100;

export default function FiguresChart({ years, revenueFen, rdExpenseFen, labels }: FiguresChartProps) {
  const el = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)} ${labels.unit}` },
      legend: { data: [labels.revenue, labels.rdExpense], top: 0, left: 'center' },
      grid: { left: 16, right: 24, top: 56, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', name: labels.unit },
      series: [
        { name: labels.revenue, type: 'line', data: revenueFen.map(toWan) },
        { name: labels.rdExpense, type: 'line', data: rdExpenseFen.map(toWan) },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [years, revenueFen, rdExpenseFen, labels]);

  return <div ref={el} style={{ width: '100%', height: 320 }} data-testid="figures-chart" role="img" aria-label={`${labels.revenue} / ${labels.rdExpense}`} />;
}
