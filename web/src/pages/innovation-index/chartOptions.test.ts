import { describe, expect, it } from 'vitest';
import { histogramOption, radarOption, trendOption } from './chartOptions.js';
import type { GradeDef } from './types.js';

const GRADES: GradeDef[] = [
  { grade: 'A', label: '领先', min: 50 },
  { grade: 'B', label: '良好', min: 35 },
  { grade: 'C', label: '一般', min: 20 },
  { grade: 'D', label: '待提升', min: 0 },
];
const bins = Array.from({ length: 10 }, (_, b) => ({ from: b * 10, to: b * 10 + 10, count: b }));

describe('chart options', () => {
  it('colours each histogram band by its grade, neutral where it straddles a threshold', () => {
    const o = histogramOption(bins, GRADES, { count: 'n', score: 's' }) as { series: { data: { value: number; itemStyle: { color: string } }[] }[] };
    const colours = o.series[0]!.data.map((d) => d.itemStyle.color);
    const [a, b, c, d] = ['#52c41a', '#1677ff', '#faad14', '#fa541c'];
    expect(colours).toEqual([d, d, c, '#bfbfbf', b, a, a, a, a, a]);
    expect(o.series[0]!.data.map((x) => x.value)).toEqual(bins.map((x) => x.count));
  });

  it('draws the trend with a dashed line per grade threshold above 0, gaps for unscored editions', () => {
    const o = trendOption([{ edition: 2024, score: null, grade: null }, { edition: 2025, score: 41.236, grade: 'B' }], GRADES, { score: 's' }) as { series: { name: string; data: (number | null)[] }[] };
    expect(o.series[0]!.data).toEqual([null, 41.24]);
    expect(o.series.slice(1).map((s) => s.name)).toEqual(['A ≥ 50', 'B ≥ 35', 'C ≥ 20']);
  });

  it('puts every pillar on a 0–100 radar axis', () => {
    const o = radarOption([{ label: '研发投入', percent: 86.7 }, { label: '人才', percent: 0 }], 'x') as { radar: { indicator: { name: string; max: number }[] }; series: { data: { value: number[] }[] }[] };
    expect(o.radar.indicator).toEqual([{ name: '研发投入', max: 100 }, { name: '人才', max: 100 }]);
    expect(o.series[0]!.data[0]!.value).toEqual([86.7, 0]);
  });
});
