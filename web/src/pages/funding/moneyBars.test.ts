import { describe, expect, it } from 'vitest';
import { exactTooltip, moneyBarsOption } from './moneyBars.js';

const part = (fen: number) => ({ fen, wan: fen / 1_000_000 });
const labels = { available: '可用', reserved: '预留', spent: '已支付', unit: '万元' };

describe('the budget charts’ option', () => {
  it('stacks 可用 / 预留 / 已支付 per row, lengths in 万元, the 分 kept for the tooltip', () => {
    const o = moneyBarsOption([{ name: '市科技局', available: part(28_305_000_000), reserved: part(1_500_000_000), spent: part(1_200_000_000) }], labels);
    expect(o.yAxis.data).toEqual(['市科技局']);
    expect(o.series.map((s) => [s.name, s.stack, s.data[0]])).toEqual([
      ['可用', 'money', { value: 28_305, fen: 28_305_000_000 }],
      ['预留', 'money', { value: 1_500, fen: 1_500_000_000 }],
      ['已支付', 'money', { value: 1_200, fen: 1_200_000_000 }],
    ]);
  });

  it('writes each part exactly from 分 in the tooltip, not from the rounded bar length', () => {
    const tip = exactTooltip('万元', (p) => p[0]?.name ?? '');
    const text = tip.formatter([{ seriesName: '已支付', name: '市科技局', data: { fen: 123_456_789 }, marker: '•' }]);
    expect(text).toBe('市科技局<br/>•已支付 1,234,567.89 元');
  });

  it('escapes the hovered name and the series names: a stored name is shown as text, never run', () => {
    const tip = exactTooltip('万元', (p) => p[0]?.name ?? '');
    const name = '<img src=x onerror="window.__xss=1">';
    const text = tip.formatter([{ seriesName: '"><svg onload=alert(1)>', name, data: { fen: 100 }, marker: '<span class="m"></span>' }]);
    expect(text).toBe('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;<br/><span class="m"></span>&quot;&gt;&lt;svg onload=alert(1)&gt; 1.00 元');
    // The monthly chart's title is built around the month: the text inside is escaped all the same.
    const monthly = exactTooltip('万元', (p) => `月份 ${p[0]?.name ?? ''}`);
    expect(monthly.formatter([{ seriesName: '市科技局', name: '<b>3</b>', data: { fen: 0 }, marker: '' }])).toBe('月份 &lt;b&gt;3&lt;/b&gt;<br/>市科技局 0 万元');
  });
});
