import { describe, expect, it } from 'vitest';
import { COHERENCE_THRESHOLDS, coherenceOf, coherenceReport, cronbachAlpha, isCurrentCoherence, pearson, spearman, symmetricEigenvalues, varianceShares, type CoherenceInput } from './coherence.js';
import { demoInputs } from './demo-inputs.js';
import type { Stage } from './indicators.js';
import { DEFAULT_METHOD } from './method.js';
import { scorePopulation } from './score.js';

/**
 * Five enterprises, all 成长, three pillars. Normalised values (one row per indicator):
 *
 *   x1 (rd, within 0.7, weight 0.35)   0    .25  .5   .75  1      mean .5   deviations −.5 −.25 0 .25 .5
 *   x2 (rd, within 0.3, weight 0.15)   .5   .5   1    0    .5     mean .5   deviations 0 0 .5 −.5 0
 *   y  (ip, within 1,   weight 0.2)    .5   0    1    .25  0      mean .35  deviations .15 −.35 .65 −.1 −.35
 *   g1 (growth, 0.5,    weight 0.15)   .25  .75  .25  .75  .75    mean .55  deviations −.3 .2 −.3 .2 .2
 *   g2 (growth, 0.5,    weight 0.15)   .25  .75  .25  1    .75    mean .6   deviations −.35 .15 −.35 .4 .15
 *
 * Sums of products of deviations (n × covariance), by hand:
 *
 *          x1       x2      y       g1      g2
 *   x1   .625    −.125   −.1875   .25    .3125
 *   x2  −.125     .5      .375   −.25   −.375
 *   y   −.1875    .375    .7     −.4    −.425
 *   g1   .25     −.25    −.4      .3     .35
 *   g2   .3125   −.375   −.425    .35    .45
 *
 * Checked independently with numpy (np.cov(bias=True), np.linalg.eigvalsh, np.corrcoef).
 */
const X = [
  [0, 0.25, 0.5, 0.75, 1],
  [0.5, 0.5, 1, 0, 0.5],
  [0.5, 0, 1, 0.25, 0],
  [0.25, 0.75, 0.25, 0.75, 0.75],
  [0.25, 0.75, 0.25, 1, 0.75],
];
const same = (w: number): Record<Stage, number> => ({ startup: w, growth: w, mature: w });
const small: CoherenceInput = {
  indicators: [
    { code: 'x1', name: '甲一', pillar: 'rd', within: 0.7, weight: same(0.35) },
    { code: 'x2', name: '甲二', pillar: 'rd', within: 0.3, weight: same(0.15) },
    { code: 'y', name: '乙', pillar: 'ip', within: 1, weight: same(0.2) },
    { code: 'g1', name: '丙一', pillar: 'growth', within: 0.5, weight: same(0.15) },
    { code: 'g2', name: '丙二', pillar: 'growth', within: 0.5, weight: same(0.15) },
  ],
  values: Array.from({ length: 25 }, (_, t) => X[t % 5]![Math.floor(t / 5)]!),
  stages: ['growth', 'growth', 'growth', 'growth', 'growth'],
};

describe('coherence statistics on a hand-computed set', () => {
  const c = coherenceOf(small);
  const pillar = (code: string) => c.pillars.find((p) => p.code === code)!;

  it('Cronbach’s α per pillar', () => {
    // rd: 2/(2−1) · (1 − (.625 + .5) / (.625 + .5 + 2·(−.125))) = 2 · (1 − 1.125/.875) = −0.5714 (the two move against each other)
    expect(pillar('rd').alpha).toBe(-0.571);
    expect(cronbachAlpha([X[0]!, X[1]!])).toBeCloseTo(-4 / 7, 12);
    // growth: 2 · (1 − (.3 + .45) / (.3 + .45 + 2·.35)) = 2 · .7/1.45 = 0.965517
    expect(pillar('growth').alpha).toBe(0.966);
    expect(cronbachAlpha([X[3]!, X[4]!])).toBeCloseTo(1.4 / 1.45, 12);
    // one indicator: no α, no components, no item–pillar correlation
    expect(pillar('ip')).toMatchObject({ alpha: null, pc1Share: null, eigenvalues: [], indicators: [{ code: 'y', correlation: null, weak: false }] });
  });

  it('the first principal component’s share', () => {
    // rd: r(x1, x2) = −.125 / √(.625 · .5) = −1/√20 = −0.2236; eigenvalues 1 ± 0.2236; share (1 + 0.2236)/2 = 0.6118
    expect(pillar('rd').eigenvalues).toEqual([1.224, 0.776]);
    expect(pillar('rd').pc1Share).toBe(0.612);
    // growth: r(g1, g2) = .35 / √(.3 · .45) = 0.952579; share (1 + 0.952579)/2 = 0.976290
    expect(pillar('growth').pc1Share).toBe(0.976);
  });

  it('flags an indicator whose correlation with its pillar is below 0.3 although positive', () => {
    // rd pillar score P = .7 x1 + .3 x2: n·Var(P) = .49·.625 + .09·.5 + 2·.21·(−.125) = .29875
    // n·Cov(x2, P) = .7·(−.125) + .3·.5 = .0625 → r = .0625 / √(.5 · .29875) = 0.16171
    // n·Cov(x1, P) = .7·.625 + .3·(−.125) = .4 → r = .4 / √(.625 · .29875) = 0.92569
    expect(pillar('rd').indicators).toEqual([
      { code: 'x1', name: '甲一', correlation: 0.926, weak: false },
      { code: 'x2', name: '甲二', correlation: 0.162, weak: true },
    ]);
    // growth P = .5 g1 + .5 g2: r(g1, P) = .325 / √(.3 · .3625) = 0.98553, r(g2, P) = .4 / √(.45 · .3625) = 0.99038
    expect(pillar('growth').indicators.map((i) => i.correlation)).toEqual([0.986, 0.99]);
    const weak = c.warnings.filter((w) => w.kind === 'weak');
    expect(weak).toEqual([{ kind: 'weak', subject: 'x2', text: '甲二与其支柱“研发投入”相关性弱（r = 0.16，低于 0.3）' }]);
    expect(c.warnings).toContainEqual(expect.objectContaining({ kind: 'alpha', subject: 'rd', text: expect.stringContaining('Cronbach α 为 −0.57，低于 0.7') }));
    expect(c.warnings.filter((w) => w.kind === 'alpha').map((w) => w.subject)).toEqual(['rd']);
  });

  it('reports exactly the pairs with |r| > 0.9', () => {
    // g1–g2: 0.9526; the next largest is y–g1: −.4/√(.7·.3) = −0.873
    expect(c.redundant).toEqual([{ a: 'g1', b: 'g2', correlation: 0.953, samePillar: true }]);
    expect(pearson(X[2]!, X[3]!)).toBeCloseTo(-0.4 / Math.sqrt(0.21), 12);
    expect(c.warnings).toContainEqual({ kind: 'redundant', subject: 'g1,g2', text: '丙一与丙二高度相关（r = 0.95，|r| 超过 0.9）：可能重复计量' });
  });

  it('effective weights: each indicator’s share of the score’s variance, beside its nominal weight', () => {
    // w = (.35, .15, .2, .15, .15); (C w) = (.246875, .0125, .006875, .0675, .088125) from the table above
    // wⱼ(C w)ⱼ = (.08640625, .001875, .001375, .010125, .01321875), summing to n·Var(S) = .113
    // shares = (.764657, .016593, .012168, .089602, .116980); ratios to nominal = (2.185, .111, .061, .597, .780)
    const w = c.effective.overall.weights;
    expect(w.map((x) => x.code)).toEqual(['x1', 'x2', 'y', 'g1', 'g2']);
    expect(w.map((x) => x.nominal)).toEqual([0.35, 0.15, 0.2, 0.15, 0.15]);
    expect(w.map((x) => x.effective)).toEqual([0.7647, 0.0166, 0.0122, 0.0896, 0.117]);
    expect(w.map((x) => x.ratio)).toEqual([2.185, 0.111, 0.061, 0.597, 0.78]);
    expect(w.map((x) => x.flag)).toEqual(['high', 'low', 'low', null, null]);
    // r(x1, S) = .246875 / √(.625 · .113) = 0.928962
    expect(w[0]!.scoreCorrelation).toBe(0.929);
    // the linear correlation-ratio check: r² normalised, x1: .862966 / 1.153456 = 0.748158
    expect(w[0]!.mainEffect).toBe(0.7482);
    expect(w.reduce((s, x) => s + x.mainEffect!, 0)).toBeCloseTo(1, 3);
    // Spearman: nominal ranks (5, 2, 4, 2, 2), effective ranks (5, 2, 1, 3, 4) → 2 / √(8 · 10) = 0.2236
    expect(c.effective.overall.rankCorrelation).toBe(0.224);
    const shares = varianceShares(small.values, 5, () => [0.35, 0.15, 0.2, 0.15, 0.15]);
    expect(shares[0]).toBeCloseTo(0.08640625 / 0.113, 12);
    expect(shares.reduce((s, x) => s! + x!, 0)).toBeCloseTo(1, 12);
    expect(c.warnings.filter((x) => x.kind === 'effective').map((x) => x.text)).toEqual([
      '甲一：名义权重 35.0%，实际影响（占得分方差的份额）76.5%，超过名义的 2 倍',
      '甲二：名义权重 15.0%，实际影响（占得分方差的份额）1.7%，不到名义的一半',
      '乙：名义权重 20.0%，实际影响（占得分方差的份额）1.2%，不到名义的一半',
    ]);
    // all in one stage: the stage's table is the overall one
    expect(c.effective.stages).toHaveLength(1);
    expect(c.effective.stages[0]).toMatchObject({ stage: 'growth', label: '成长', scored: 5, weights: w });
  });

  it('overall effective weights use each enterprise’s own stage weights; a stage whose score does not vary has none', () => {
    // Two indicators. 成长 weights (.5, .5), 初创 (.8, .2).
    //   e1 成长 a=0 b=1 → contributions (0, .5),  S = .5
    //   e2 成长 a=1 b=0 → (.5, 0),                S = .5
    //   e3 初创 a=0 b=0 → (0, 0),                 S = 0
    //   e4 初创 a=1 b=1 → (.8, .2),               S = 1
    // S deviations (0, 0, −.5, .5): n·Var(S) = .5; n·Cov(cₐ, S) = −.5·(0 − .325) + .5·(.8 − .325) = .4 → .8; b → .2
    // nominal = mean weight over the enterprises: a (.5 + .5 + .8 + .8)/4 = .65, b .35; ratios 1.231, .571
    const two: CoherenceInput = {
      indicators: [
        { code: 'a', name: '甲', pillar: 'rd', within: 0.5, weight: { startup: 0.8, growth: 0.5, mature: 0.5 } },
        { code: 'b', name: '乙', pillar: 'rd', within: 0.5, weight: { startup: 0.2, growth: 0.5, mature: 0.5 } },
      ],
      values: [0, 1, 1, 0, 0, 0, 1, 1],
      stages: ['growth', 'growth', 'startup', 'startup'],
    };
    const r = coherenceOf(two);
    expect(r.effective.overall.weights.map((w) => [w.nominal, w.effective, w.ratio, w.flag])).toEqual([
      [0.65, 0.8, 1.231, null],
      [0.35, 0.2, 0.571, null],
    ]);
    const byStage = Object.fromEntries(r.effective.stages.map((s) => [s.stage, s]));
    expect(Object.keys(byStage).sort()).toEqual(['growth', 'startup']);
    // 初创 alone: S = (0, 1), n·Var = .5, a's contributions (0, .8): .4/.5 = .8 = its nominal weight
    expect(byStage.startup!.weights.map((w) => [w.nominal, w.effective, w.ratio])).toEqual([
      [0.8, 0.8, 1],
      [0.2, 0.2, 1],
    ]);
    expect(byStage.growth!.weights.map((w) => [w.effective, w.flag])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(r.warnings.filter((w) => w.kind === 'effective')).toEqual([]);
  });

  it('Jacobi eigenvalues of a known matrix, Spearman with ties', () => {
    // [[2,1,0],[1,2,1],[0,1,2]]: 2 + √2, 2, 2 − √2
    const ev = symmetricEigenvalues([
      [2, 1, 0],
      [1, 2, 1],
      [0, 1, 2],
    ]);
    expect(ev[0]).toBeCloseTo(2 + Math.SQRT2, 12);
    expect(ev[1]).toBeCloseTo(2, 12);
    expect(ev[2]).toBeCloseTo(2 - Math.SQRT2, 12);
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });

  it('thresholds are the documented ones', () => {
    expect(COHERENCE_THRESHOLDS).toEqual({ alphaMin: 0.7, itemPillarMin: 0.3, redundantAbove: 0.9, effectiveRatio: { low: 0.5, high: 2 } });
    expect(isCurrentCoherence(c)).toBe(true);
    expect(isCurrentCoherence({ pillars: [], redundant: [], warnings: [] })).toBe(false);
  });
});

describe('coherence of a scored population (demo data)', () => {
  const scored = scorePopulation(DEFAULT_METHOD, demoInputs(400));
  const c = coherenceReport(scored);

  it('covers the indicators with a data source, and the effective shares sum to 1 overall and per stage', () => {
    expect(c.scored).toBe(scored.scores.filter((s) => s.score !== null).length);
    const codes = c.pillars.flatMap((p) => p.indicators.map((i) => i.code));
    expect(codes).not.toContain('rd_institutions');
    expect(codes).toEqual(scored.indicators.filter((i) => i.def.compute).map((i) => i.def.code));
    for (const e of [c.effective.overall, ...c.effective.stages]) {
      expect(e.weights.reduce((s, w) => s + w.effective!, 0)).toBeCloseTo(1, 3);
      expect(e.weights.reduce((s, w) => s + w.nominal, 0)).toBeCloseTo(1, 3);
    }
    expect(c.effective.stages.reduce((s, x) => s + x.scored, 0)).toBe(c.scored);
    for (const p of c.pillars) if (p.eigenvalues.length) expect(p.eigenvalues.reduce((s, x) => s + x, 0)).toBeCloseTo(p.eigenvalues.length, 2);
  });

  it('finds the demo R&D pillar incoherent and warns on indicators that weigh far from their weight', () => {
    // measured on 400 demo enterprises: α(rd) ≈ 0.1, revenue_growth 7.2% nominal → about 1.5% of the variance
    const rd = c.pillars.find((p) => p.code === 'rd')!;
    expect(rd.alpha!).toBeLessThan(0.3);
    expect(c.warnings).toContainEqual(expect.objectContaining({ kind: 'alpha', subject: 'rd' }));
    const rev = c.effective.overall.weights.find((w) => w.code === 'revenue_growth')!;
    expect(rev.flag).toBe('low');
    expect(c.warnings).toContainEqual(expect.objectContaining({ kind: 'effective', subject: 'revenue_growth' }));
  });

  it('reports an indicator that duplicates another as a redundant pair (r = 1)', () => {
    const k = scored.indicators.length;
    const usable = scored.indicators.map((x, j) => (x.def.compute ? j : -1)).filter((j) => j >= 0);
    const [ja, jb] = [usable[0]!, usable[usable.length - 1]!];
    const pair = { a: scored.indicators[ja]!.def.code, b: scored.indicators[jb]!.def.code };
    expect(c.redundant).not.toContainEqual(expect.objectContaining(pair));
    const normalised = Float64Array.from(scored.normalised);
    for (let r = 0; r < scored.scores.length; r++) normalised[r * k + jb] = normalised[r * k + ja]!;
    const dup = coherenceReport({ ...scored, normalised });
    expect(dup.redundant).toContainEqual({ ...pair, correlation: 1, samePillar: false });
    for (const r of dup.redundant) expect(Math.abs(r.correlation)).toBeGreaterThan(0.9);
  });
});
