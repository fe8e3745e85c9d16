/**
 * The 科创指数 charts (histogram, district bars, trend line, pillar radar): one ECharts
 * canvas for an option built in chartOptions.ts. ECharts is imported here only, modularly,
 * and this file is lazy-loaded, so the library is fetched only when a chart shows.
 * Animation off (steady screenshots).
 */
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, RadarChart, GridComponent, LegendComponent, RadarComponent, TooltipComponent, CanvasRenderer]);

export interface IndexChartProps {
  /** An ECharts option (see chartOptions.ts). */
  option: Record<string, unknown>;
  height: number;
  label: string;
  testId?: string;
}

export default function IndexChart({ option, height, label, testId }: IndexChartProps) {
  const el = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({ animation: false, ...option });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);

  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} role="img" aria-label={label} />;
}
