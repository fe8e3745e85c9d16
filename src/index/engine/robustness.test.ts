import { describe, expect, it } from 'vitest';
import { demoInputs } from './demo-inputs.js';
import { DEFAULT_METHOD } from './method.js';
import { coherence, robustness } from './robustness.js';
import { scorePopulation } from './score.js';

const scored = scorePopulation(DEFAULT_METHOD, demoInputs(400));

describe('robustness', () => {
  const r = robustness(scored, { draws: 200, seed: 7, spread: 0.25 });
  it('gives every scored enterprise a median rank inside its 90% interval', () => {
    expect(r.intervals).toHaveLength(r.scored);
    for (const x of r.intervals) {
      expect(x.p5).toBeLessThanOrEqual(x.medianRank);
      expect(x.medianRank).toBeLessThanOrEqual(x.p95);
      expect(x.p5).toBeGreaterThanOrEqual(1);
      expect(x.p95).toBeLessThanOrEqual(r.scored);
    }
  });
  it('flags exactly the enterprises whose interval straddles a cut-off rank', () => {
    for (const x of r.intervals) {
      const expected = r.cutoffs.filter((c) => c.rank > 0 && c.rank < r.scored && x.p5 <= c.rank && c.rank < x.p95).map((c) => c.code);
      expect(x.straddles).toEqual(expected);
    }
    expect(r.flagged).toBe(r.intervals.filter((x) => x.straddles.length).length);
    expect(r.flagged).toBeGreaterThan(0);
  });
  it('is reproducible with the same seed and differs with another', () => {
    expect(JSON.stringify(robustness(scored, { draws: 50, seed: 3, spread: 0.25 }))).toBe(JSON.stringify(robustness(scored, { draws: 50, seed: 3, spread: 0.25 })));
    expect(JSON.stringify(robustness(scored, { draws: 50, seed: 4, spread: 0.25 }).intervals)).not.toBe(JSON.stringify(robustness(scored, { draws: 50, seed: 3, spread: 0.25 }).intervals));
  });
  it('with no perturbation and one variant the ranks do not move', () => {
    const still = robustness(scored, { draws: 1, seed: 1, spread: 0 });
    // one draw: either variant; the interval is a single rank
    for (const x of still.intervals) expect(x.p5).toBe(x.p95);
  });
});

describe('coherence', () => {
  it('reports each pillar’s indicator correlations and redundant pairs', () => {
    const c = coherence(scored);
    expect(c.pillars.map((p) => p.code)).toEqual(expect.arrayContaining(['rd', 'ip', 'growth']));
    for (const p of c.pillars) for (const i of p.indicators) if (i.correlation !== null) expect(Math.abs(i.correlation)).toBeLessThanOrEqual(1);
    for (const r of c.redundant) expect(Math.abs(r.correlation)).toBeGreaterThanOrEqual(0.9);
  });
});
