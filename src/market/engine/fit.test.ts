import { describe, expect, it } from 'vitest';
import { crossValidate, fitWeights, meanNdcg, ndcgAt, type FitQuery } from './fit.js';

describe('fitting the signal weights', () => {
  it('nDCG@10: 1 for the ideal order, less for a worse one, 0 with nothing graded', () => {
    const judged = new Map([
      ['a', 3],
      ['b', 1],
    ]);
    expect(ndcgAt(['a', 'b', 'c'], judged)).toBeCloseTo(1, 10);
    expect(ndcgAt(['c', 'b', 'a'], judged)).toBeLessThan(0.7);
    expect(ndcgAt(['a'], new Map())).toBe(0);
  });

  // Signal 0 ranks the relevant candidate first; signal 1 is noise that favours a wrong one.
  const queries: FitQuery[] = Array.from({ length: 12 }, (_, q) => ({
    judged: new Map([[`r${q}`, 3]]),
    candidates: [
      { id: `r${q}`, signals: [0.9, 0.1], factor: 1 },
      { id: `x${q}`, signals: [0.3, 1], factor: 1 },
      { id: `y${q}`, signals: [0.2, 0.6], factor: 1 },
    ],
  }));

  it('moves weight to the signal that predicts the grades; weights stay ≥ 0 and add up to 1', () => {
    const start = [0.3, 0.7];
    expect(meanNdcg(queries, start)).toBeLessThan(1);
    // (steps of 0.05 alone stay on the plateau where the relevant candidate is third whatever small move is made)
    expect(fitWeights(queries, start)).toEqual(start);
    const w = fitWeights(queries, start, [0.2, 0.1, 0.05]);
    expect(meanNdcg(queries, w)).toBeCloseTo(1, 10);
    expect(w[0]).toBeGreaterThan(start[0]!);
    expect(w.every((x) => x >= 0)).toBe(true);
    expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
    expect(crossValidate(queries, [0.55, 0.45])).toBeCloseTo(1, 10);
  });

  it('a hard-requirement factor counts: a pushed-down candidate stays down whatever the weights', () => {
    const q: FitQuery = { judged: new Map([['ok', 2]]), candidates: [{ id: 'ok', signals: [0.5, 0.5], factor: 1 }, { id: 'low', signals: [0.6, 0.6], factor: 0.7 }] };
    expect(meanNdcg([q], [0.5, 0.5])).toBeCloseTo(1, 10);
  });

  it('is deterministic', () => {
    expect(fitWeights(queries, [0.5, 0.5])).toEqual(fitWeights(queries, [0.5, 0.5]));
  });
});
