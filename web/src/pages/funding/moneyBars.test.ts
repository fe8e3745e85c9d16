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
    expect(text).toBe('市科技局<br/>•已支付 123.456789 万元');
  });
});
