/**
 * Eligible enterprise–item pairs by responsible department, as horizontal bars. ECharts is
 * imported modularly here only and this file is lazy-loaded (its own chunk, fetched only
 * when the 免申即享测算 tab shows a finished run). Animation off for steady screenshots.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface DepartmentChartProps {
  /** Department names, in the order to show them (largest first). */
  names: string[];
  values: number[];
  label: string;
  /** Names to emphasise (e.g. the signed-in official's department). */
  highlight?: string[];
}

export default function DepartmentChart({ names, values, label, highlight = [] }: DepartmentChartProps) {
  const el = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    // Bars read top-down largest first: ECharts draws the first category at the bottom.
    const rows = names.map((name, i) => ({ name, value: values[i] ?? 0 })).reverse();
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.name) },
      series: [
        {
          name: label,
          type: 'bar',
          barMaxWidth: 22,
          label: { show: true, position: 'right' },
          data: rows.map((r) => ({ value: r.value, itemStyle: { color: highlight.includes(r.name) ? '#1677ff' : '#91caff' } })),
        },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [names, values, label, highlight]);

  return <div ref={el} style={{ width: '100%', height: Math.max(160, names.length * 32 + 24) }} data-testid="batch-chart" role="img" aria-label={label} />;
}
