/**
 * A scoring run's numbers, as stored: scores for the method's edition plus the
 * two before (same goalposts: comparable), each enterprise's explanation as
 * canonical JSON (byte-stable: a stored run is recomputed and compared byte for
 * byte), and the input snapshot with its hash. Pure: runs in the index worker
 * (src/index/worker.ts) as well as in tests.
 */
import crypto from 'node:crypto';
import { canonicalJson } from '../../audit/chain.js';
import { explain } from './explain.js';
import type { EnterpriseInput } from './indicators.js';
import type { IndexMethod } from './method.js';
import { scorePopulation, type ScoredPopulation } from './score.js';

export type ComputeProgress = (phase: string, done: number, total: number) => void;

export interface StoredScore {
  orgId: number;
  score: number | null;
  grade: string | null;
  percentile: number | null;
  stage: string | null;
  cohort: string;
  coverage: number;
  excluded: string | null;
  trend: string;
  detail: string;
}

/** Every how many enterprises progress is reported. */
const STEP = 2000;

/** Scores for the method's edition plus the two before (same goalposts: comparable), and each enterprise's explanation. */
export function computeScores(method: IndexMethod, inputs: readonly EnterpriseInput[], progress?: ComputeProgress): { rows: StoredScore[]; scored: ScoredPopulation } {
  const n = inputs.length;
  progress?.('score', 0, n);
  const scored = scorePopulation(method, inputs);
  const earlier = [2, 1].map((d) => scorePopulation({ ...method, edition: method.edition - d }, inputs));
  const rows = scored.scores.map((s, r): StoredScore => {
    if (progress && r % STEP === 0) progress('explain', r, n);
    const trend = [...earlier, scored].map((p) => ({ edition: p.method.edition, score: p.scores[r]!.score, grade: p.scores[r]!.grade }));
    const ex = explain(scored, s);
    // (`observed` and `dropped` only when set: the rows of runs made before them stay byte for byte)
    const values = scored.valuesOf(s.row).map((v) => ({
      code: v.code,
      raw: v.raw,
      value: v.value,
      imputed: v.imputed,
      winsorised: v.winsorised,
      normalised: v.normalised,
      contribution: v.contribution,
      ...(v.observed !== undefined ? { observed: v.observed } : {}),
      ...(v.dropped ? { dropped: true } : {}),
    }));
    return {
      orgId: s.orgId,
      score: s.score,
      grade: s.grade,
      percentile: s.percentile,
      stage: s.stage,
      cohort: s.cohort,
      coverage: s.coverage,
      excluded: s.excluded,
      trend: canonicalJson(trend),
      detail: canonicalJson({ values, explanation: ex }),
    };
  });
  progress?.('explain', n, n);
  return { rows, scored };
}

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** The input snapshot as stored (one canonical JSON line per enterprise) and its hash (over the lines joined by \n). */
export function snapshotOf(inputs: readonly EnterpriseInput[]): { canonical: string[]; inputHash: string } {
  const canonical = inputs.map((e) => canonicalJson(e));
  return { canonical, inputHash: sha256(canonical.join('\n')) };
}
