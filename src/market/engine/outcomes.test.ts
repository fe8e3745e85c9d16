import { describe, expect, it } from 'vitest';
import { gradedPairs, outcomeGrade, outcomeQueries, refit, type Outcome } from './outcomes.js';

const o = (stage: string, reached: string[], endReason: string | null = null): Outcome => ({ demandId: 1, achievementId: 2, stage, reached, endReason });

describe('grading the pipeline outcomes', () => {
  it('grades by the furthest stage reached; a decline that judges the pair is 0; no answer is no evidence', () => {
    expect(outcomeGrade(o('recommended', ['recommended']))).toBeNull();
    expect(outcomeGrade(o('contacted', ['recommended', 'contacted']))).toBe(1);
    expect(outcomeGrade(o('negotiating', ['contacted', 'negotiating']))).toBe(2);
    expect(outcomeGrade(o('signed', ['negotiating', 'signed']))).toBe(3);
    expect(outcomeGrade(o('converted', ['signed', 'converted']))).toBe(3);
    // declined as not fitting: 0, even after talks
    expect(outcomeGrade(o('terminated', ['recommended', 'terminated'], 'not_relevant'))).toBe(0);
    expect(outcomeGrade(o('terminated', ['contacted', 'negotiating', 'terminated'], 'price'))).toBe(0);
    expect(outcomeGrade(o('terminated', ['terminated'], 'trl_mismatch'))).toBe(0);
    // ended for a reason that says nothing about the pair: what it reached before, or nothing
    expect(outcomeGrade(o('terminated', ['recommended', 'terminated'], 'no_response'))).toBeNull();
    expect(outcomeGrade(o('terminated', ['contacted', 'negotiating', 'terminated'], 'found_other'))).toBe(2);
  });

  it('a demand is a query only when its pairs carry two different grades; pairs without signals are left out', () => {
    const outcomes: Outcome[] = [
      { demandId: 1, achievementId: 10, stage: 'signed', reached: ['signed'], endReason: null },
      { demandId: 1, achievementId: 11, stage: 'terminated', reached: ['terminated'], endReason: 'not_relevant' },
      { demandId: 1, achievementId: 12, stage: 'recommended', reached: [], endReason: null },
      { demandId: 2, achievementId: 10, stage: 'contacted', reached: ['contacted'], endReason: null },
      { demandId: 2, achievementId: 13, stage: 'contacted', reached: ['contacted'], endReason: null },
      { demandId: 3, achievementId: 10, stage: 'contacted', reached: ['contacted'], endReason: null },
      { demandId: 3, achievementId: 99, stage: 'terminated', reached: [], endReason: 'price' },
    ];
    const pairs = gradedPairs(outcomes);
    expect(pairs).toHaveLength(6);
    const qs = outcomeQueries(pairs, (_d, a) => (a === 99 ? null : { signals: [a / 100, 0.5], factor: 1 }));
    // demand 1 (3 vs 0); demand 2 has one grade only; demand 3 lost its declined pair (no signals)
    expect(qs).toHaveLength(1);
    expect([...qs[0]!.judged]).toEqual([
      ['10', 3],
      ['11', 0],
    ]);
    expect(qs[0]!.candidates.map((c) => c.id)).toEqual(['10', '11']);
  });
});

describe('re-fitting from outcomes', () => {
  // Signal 0 tells the signed pair from the declined one; signal 1 favours the declined one, by more in later demands
  // (so the objective rises by steps as weight moves to signal 0, rather than in one jump).
  const queries = (n: number) =>
    Array.from({ length: n }, (_, q) => ({
      judged: new Map([
        [`s${q}`, 3],
        [`d${q}`, 0],
      ]),
      candidates: [
        { id: `s${q}`, signals: [0.9, 0.2], factor: 1 },
        { id: `d${q}`, signals: [0.5, 0.2 + (0.7 * q) / n], factor: 1 },
      ],
    }));

  it('too few demands: the weights stay, and the note says why', () => {
    const r = refit(queries(5), [0.3, 0.7]);
    expect(r.status).toBe('insufficient');
    expect(r.weights).toEqual([0.3, 0.7]);
    expect(r.note).toContain('少于 20');
  });

  it('enough demands and a cross-validated gain: the fitted weights are applied, with the figures before and after', () => {
    const r = refit(queries(25), [0.3, 0.7]);
    expect(r.status).toBe('applied');
    expect(r.weights[0]).toBeGreaterThan(0.3);
    expect(r.weights[0]! + r.weights[1]!).toBeCloseTo(1, 10);
    expect(r.cvAfter!).toBeGreaterThan(r.cvBefore!);
    expect(r.ndcgAfter).toBe(1);
    expect(r.demands).toBe(25);
    expect(r.pairs).toBe(50);
  });

  it('weights that already rank the outcomes well are kept (no gain to take)', () => {
    const r = refit(queries(25), [0.9, 0.1]);
    expect(r.status).toBe('kept');
    expect(r.weights).toEqual([0.9, 0.1]);
    expect(r.note).toContain('权重不变');
  });
});
