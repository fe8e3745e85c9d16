import { describe, expect, it } from 'vitest';
import { demoInputs } from './demo-inputs.js';
import { explain } from './explain.js';
import { INDICATORS } from './indicators.js';
import { DEFAULT_METHOD } from './method.js';
import { decisionReasons, MAX_DECISION_REASONS, REASON_LABELS, reasonLabel } from './reasons.js';
import { scorePopulation } from './score.js';

const CJK = /[\u4e00-\u9fff]/;

describe('reason-code labels', () => {
  it('every code explain.ts can emit (each indicator, _high and _low) has its own Chinese label naming the indicator’s direction', () => {
    for (const ind of INDICATORS) {
      for (const dir of ['high', 'low'] as const) {
        const label = REASON_LABELS[`${ind.code}_${dir}`];
        expect(label, `${ind.code}_${dir}`).toBeDefined();
        expect(label).toMatch(CJK);
        expect(label).toContain(dir === 'high' ? '高于' : '低于');
      }
    }
    const labels = Object.values(REASON_LABELS);
    expect(new Set(labels).size).toBe(labels.length);
  });
  it('a code no longer in the table still reads as a Chinese sentence', () => {
    expect(reasonLabel('old_indicator_low')).toBe('指标 old_indicator 低于同类企业中位水平');
    expect(reasonLabel('rd_intensity_high')).toBe('研发投入强度高于同类企业中位水平');
  });
});

describe('reasons given where a decision is automated: at most four, the largest first', () => {
  const r = (code: string, points: number) => ({ code, points });
  it('four lifts and four holds become the four largest by size, in explain.ts’s order within each list', () => {
    const lifts = [r('rd_intensity_high', 9.5), r('st_staff_share_high', 4), r('rd_growth_high', 1.2), r('equity_financing_high', 0.3)];
    const holds = [r('revenue_growth_low', -6), r('invention_per_100_low', -4), r('hightech_share_low', -2), r('software_copyrights_low', -0.1)];
    const out = decisionReasons(lifts, holds);
    expect(out.map((x) => x.code)).toEqual(['rd_intensity_high', 'revenue_growth_low', 'invention_per_100_low', 'st_staff_share_high']);
    expect(out.map((x) => x.label)).toEqual(['研发投入强度高于同类企业中位水平', '营业收入成长性低于同类企业中位水平', '每百名职工发明专利数低于同类企业中位水平', '科技人员占比高于同类企业中位水平']);
  });
  it('fewer than four in all are all given; none gives none', () => {
    expect(decisionReasons([r('rd_intensity_high', 1)], [r('rd_growth_low', -3)]).map((x) => x.code)).toEqual(['rd_growth_low', 'rd_intensity_high']);
    expect(decisionReasons([], [])).toEqual([]);
    expect(decisionReasons([r('rd_intensity_high', 5), r('rd_growth_high', 4), r('st_staff_share_high', 3), r('hightech_share_high', 2), r('equity_financing_high', 1)], [])).toHaveLength(MAX_DECISION_REASONS);
  });
  it('on the demo population: each is among the four largest |contribution − cohort median| of all the enterprise’s weighted indicators', () => {
    const pop = scorePopulation(DEFAULT_METHOD, demoInputs(400));
    let eight = 0;
    let checked = 0;
    for (const s of pop.scores) {
      const ex = explain(pop, s);
      if (!ex) continue;
      checked++;
      if (ex.lifts.length + ex.holds.length > MAX_DECISION_REASONS) eight++;
      const out = decisionReasons(ex.lifts, ex.holds);
      expect(out.length).toBe(Math.min(MAX_DECISION_REASONS, ex.lifts.length + ex.holds.length));
      // all weighted indicators' distances from the cohort median, largest first
      const values = pop.valuesOf(s.row);
      const all = pop.indicators
        .map((ind, j) => ({ code: ind.def.code, w: ind.weight[s.stage!], d: values[j]!.contribution - values[j]!.cohortMedianContribution }))
        .filter((x) => x.w > 0 && Math.abs(x.d) > 0.05)
        .map((x) => ({ code: `${x.code}_${x.d > 0 ? 'high' : 'low'}`, size: Math.abs(x.d) }))
        .sort((a, b) => b.size - a.size);
      const size = new Map(all.map((x) => [x.code, x.size]));
      const sizes = out.map((x) => size.get(x.code)!);
      expect(sizes.every((x) => x !== undefined)).toBe(true);
      for (let i = 1; i < sizes.length; i++) expect(sizes[i]!).toBeLessThanOrEqual(sizes[i - 1]! + 0.01); // stored points are rounded to 0.01
      // nothing left out is larger than the smallest given
      if (out.length) {
        const given = new Set(out.map((x) => x.code));
        const smallest = Math.min(...sizes);
        for (const x of all) if (!given.has(x.code)) expect(x.size).toBeLessThanOrEqual(smallest + 0.01);
      }
      for (const x of out) expect(x.label).toBe(REASON_LABELS[x.code]);
    }
    expect(checked).toBeGreaterThan(300);
    expect(eight).toBeGreaterThan(0); // enterprises with more than four reasons on their own page exist, and were cut
  });
});
