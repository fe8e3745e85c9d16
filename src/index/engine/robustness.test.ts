import { describe, expect, it } from 'vitest';
import { demoInputs } from './demo-inputs.js';
import { DEFAULT_METHOD } from './method.js';
import { robustness } from './robustness.js';
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
  it('with the weights not perturbed and no variant switched, every draw ranks exactly as the method does', () => {
    const still = robustness(scored, { draws: 20, seed: 1, spread: 0, variants: false });
    expect(still.intervals).toHaveLength(400);
    expect(still.intervals.map((x) => x.baseRank).sort((a, b) => a - b)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    for (const x of still.intervals) expect([x.p5, x.medianRank, x.p95]).toEqual([x.baseRank, x.baseRank, x.baseRank]);
    expect(still.flagged).toBe(0);
  });
  it('perturbed weights move ranks, and so does switching normalisation or aggregation alone', () => {
    const moved = (r: ReturnType<typeof robustness>) => r.intervals.filter((x) => x.p5 !== x.baseRank || x.p95 !== x.baseRank).length;
    // Measured: 399 of 400 move under ±25 % weights (50 draws); 393 of 400 under a single switched variant.
    expect(moved(robustness(scored, { draws: 50, seed: 1, spread: 0.25, variants: false }))).toBeGreaterThan(300);
    expect(moved(robustness(scored, { draws: 1, seed: 1, spread: 0 }))).toBeGreaterThan(300);
  });
});
