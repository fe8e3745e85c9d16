/**
 * Learning the matcher's weights from what the pipeline's parties did (issue #14 item 3). Each match a party answered
 * is graded evidence about its pair: how far it got (对接 1, 洽谈 2, 签约/转化 3), or 0 when a party declined it
 * because the pair does not fit (技术不对口, 成熟度不匹配, 价格或预算不一致). A match nobody answered, or one that ended
 * for a reason that says nothing about the pair (对方未响应, 需求已撤回, 已找到其他方案 … before any contact), is no
 * evidence. A demand whose answered matches carry at least two different grades is one query for the fit; its
 * candidates are those pairs only (what was never shown to a party says nothing either way). The fit (fit.ts) starts
 * from the weights in use and is kept only if, cross-validated over those demands, it ranks them better by at least
 * `minGain` — so a handful of outcomes cannot swing the ranking. Pure.
 */
import { crossValidate, fitWeights, meanNdcg, type FitCandidate, type FitQuery } from './fit.js';

/** The grade of an answered match by the furthest stage it reached. */
export const STAGE_GRADE: Readonly<Record<string, number>> = { contacted: 1, negotiating: 2, signed: 3, converted: 3 };
/** Reasons for declining that are a judgement on the pair itself: such a match is graded 0 whatever stage it reached. */
export const MISFIT_REASONS: readonly string[] = ['not_relevant', 'trl_mismatch', 'price'];

/**
 * The guards of a re-fit: at least `minDemands` demands with graded outcomes (fewer and the cross-validated figure
 * is noise; 20 is the smallest number at which a 5-fold split holds 4 demands per fold), and a cross-validated gain
 * of at least `minGain` nDCG@10 over the weights in use. Steps from 0.2 down: small steps alone stay on the plateaus
 * of a few demands' objective (fit.test.ts).
 */
export const REFIT = { minDemands: 20, minGain: 0.01, folds: 5, steps: [0.2, 0.1, 0.05, 0.02] };
export type RefitGuards = typeof REFIT;

export interface Outcome {
  demandId: number;
  achievementId: number;
  /** The match's stage now. */
  stage: string;
  /** Every stage it entered, in order (from its events). */
  reached: readonly string[];
  endReason: string | null;
}

/** The outcome's grade (0–3), or null when it is no evidence about the pair. */
export function outcomeGrade(o: Outcome): number | null {
  if (o.stage === 'terminated' && o.endReason !== null && MISFIT_REASONS.includes(o.endReason)) return 0;
  const best = Math.max(-1, ...[o.stage, ...o.reached].map((s) => STAGE_GRADE[s] ?? -1));
  return best >= 0 ? best : null;
}

export interface GradedPair {
  demandId: number;
  achievementId: number;
  grade: number;
}

/** The graded pairs among the outcomes (ungraded ones left out). */
export function gradedPairs(outcomes: readonly Outcome[]): GradedPair[] {
  const out: GradedPair[] = [];
  for (const o of outcomes) {
    const grade = outcomeGrade(o);
    if (grade !== null) out.push({ demandId: o.demandId, achievementId: o.achievementId, grade });
  }
  return out;
}

/**
 * One fit query per demand whose graded pairs carry at least two different grades; a pair whose signals cannot be
 * computed (`signals` gives null: a document deleted since) is left out.
 */
export function outcomeQueries(pairs: readonly GradedPair[], signals: (demandId: number, achievementId: number) => Omit<FitCandidate, 'id'> | null): FitQuery[] {
  const byDemand = new Map<number, GradedPair[]>();
  for (const p of pairs) byDemand.set(p.demandId, [...(byDemand.get(p.demandId) ?? []), p]);
  const out: FitQuery[] = [];
  for (const [demandId, ps] of [...byDemand].sort((a, b) => a[0] - b[0])) {
    const candidates: FitCandidate[] = [];
    const judged = new Map<string, number>();
    for (const p of ps.sort((a, b) => a.achievementId - b.achievementId)) {
      const s = signals(demandId, p.achievementId);
      if (!s) continue;
      const id = String(p.achievementId);
      candidates.push({ id, ...s });
      judged.set(id, p.grade);
    }
    if (new Set(judged.values()).size >= 2) out.push({ judged, candidates });
  }
  return out;
}

export type RefitStatus = 'applied' | 'kept' | 'insufficient';

export interface RefitResult {
  status: RefitStatus;
  /** The weights to use from now on (the current ones unless applied). */
  weights: number[];
  /** The fitted weights (the current ones when there was too little to fit). */
  fitted: number[];
  demands: number;
  pairs: number;
  /** Mean nDCG@10 over the outcome queries: the weights in use, the fitted ones (in-sample). */
  ndcgBefore: number | null;
  ndcgAfter: number | null;
  /** Cross-validated: the weights in use, and fitting from them on the other folds. */
  cvBefore: number | null;
  cvAfter: number | null;
  /** In words, for the page and the audit log. */
  note: string;
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

/** Re-fits the weights (`current`, in signal order) on the outcome queries under the guards. */
export function refit(queries: readonly FitQuery[], current: readonly number[], guards: RefitGuards = REFIT): RefitResult {
  const pairs = queries.reduce((n, q) => n + q.judged.size, 0);
  if (queries.length < guards.minDemands)
    return {
      status: 'insufficient',
      weights: [...current],
      fitted: [...current],
      demands: queries.length,
      pairs,
      ndcgBefore: queries.length ? r4(meanNdcg(queries, current)) : null,
      ndcgAfter: null,
      cvBefore: null,
      cvAfter: null,
      note: `有对接结果可学习的需求 ${queries.length} 个，少于 ${guards.minDemands} 个，权重不变`,
    };
  const fitted = fitWeights(queries, current, guards.steps);
  const ndcgBefore = r4(meanNdcg(queries, current));
  const ndcgAfter = r4(meanNdcg(queries, fitted));
  const cvBefore = ndcgBefore; // the weights in use were not fitted on a fold: their held-out figure is the mean
  const cvAfter = r4(crossValidate(queries, current, guards.folds, guards.steps));
  const better = cvAfter >= cvBefore + guards.minGain && fitted.some((w, i) => w !== current[i]);
  return {
    status: better ? 'applied' : 'kept',
    weights: better ? fitted : [...current],
    fitted,
    demands: queries.length,
    pairs,
    ndcgBefore,
    ndcgAfter,
    cvBefore,
    cvAfter,
    note: better
      ? `交叉验证 nDCG@10 由 ${cvBefore} 提高到 ${cvAfter}，启用新权重`
      : `交叉验证 nDCG@10 ${cvBefore} → ${cvAfter}，提高不足 ${guards.minGain}，权重不变`,
  };
}
