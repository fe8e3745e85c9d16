/**
 * The 科创指数 API's bodies, as the server's functions return them (src/index/routes.ts,
 * reads.ts, service.ts and engine/*). The index routes have no shared zod response schemas
 * yet, so these are written out here; keep them in step with those return values.
 */
import type { Paged } from '../../lib/types.js';

export type Stage = 'startup' | 'growth' | 'mature';
export const STAGES: readonly Stage[] = ['startup', 'growth', 'mature'];

export interface GradeDef {
  grade: string;
  label: string;
  min: number;
}
export interface Cutoff {
  code: string;
  label: string;
  score: number;
}

export interface RobustnessSummary {
  draws: number;
  seed: number;
  spread: number;
  scored: number;
  flagged: number;
  cutoffs: (Cutoff & { rank: number })[];
  ms: number;
}

/** getRun() */
export interface IndexRun {
  id: number;
  methodVersion: number;
  methodHash: string;
  edition: number;
  inputHash: string;
  scored: number;
  excluded: number;
  computeMs: number;
  createdAt: string;
  robustness: RobustnessSummary | null;
}

/** GET /api/index/runs/latest */
export interface LatestRun {
  run: IndexRun | null;
  /** The method version the latest run used (its grades and cut-offs), or the current one when there is no run. */
  method: { version: number; title: string; edition: number; grades: GradeDef[]; cutoffs: Cutoff[] };
  /** The version in force now. */
  current: { version: number; title: string };
}

export interface GroupRow {
  code: string;
  name: string;
  n: number;
  mean: number;
  a: number;
}

/** GET /api/index/overview */
export interface Overview {
  run: IndexRun;
  histogram: { from: number; to: number; count: number }[];
  grades: { grade: string; count: number }[];
  byDistrict: GroupRow[];
  bySection: GroupRow[];
  reviewFlagged: number;
}

/** POST /api/index/runs/:id/recompute */
export interface RecomputeResult {
  runId: number;
  methodVersion: number;
  inputHashMatches: boolean;
  enterprises: number;
  differences: number;
  firstDifferentOrg: number | null;
  identical: boolean;
}

/** One indicator's weight in the score and what it actually carries (src/index/engine/coherence.ts). */
export interface EffectiveWeight {
  code: string;
  name: string;
  pillar: string;
  /** Pillar × indicator weight (averaged over the enterprises in the overall view). */
  nominal: number;
  /** Share of the score's variance, Cov(wᵢxᵢ, S) ÷ Var(S); null when the score does not vary. */
  effective: number | null;
  ratio: number | null;
  flag: 'low' | 'high' | null;
  scoreCorrelation: number | null;
  /** r² with the score, normalised (the linear correlation-ratio check). */
  mainEffect: number | null;
}
export interface EffectiveWeights {
  scored: number;
  weights: EffectiveWeight[];
  rankCorrelation: number | null;
}
export interface CoherenceWarning {
  kind: 'alpha' | 'weak' | 'redundant' | 'effective';
  subject: string;
  /** Plain Chinese, from the server. */
  text: string;
}

/** The coherence report and effective weights: GET /api/index/runs/:id/coherence (with `run`), and `coherence` of a method preview. */
export interface Coherence {
  version: number;
  scored: number;
  thresholds: { alphaMin: number; itemPillarMin: number; redundantAbove: number; effectiveRatio: { low: number; high: number } };
  definition: 'variance_share';
  pillars: {
    code: string;
    label: string;
    indicators: { code: string; name: string; correlation: number | null; weak: boolean }[];
    alpha: number | null;
    pc1Share: number | null;
    eigenvalues: number[];
  }[];
  redundant: { a: string; b: string; correlation: number; samePillar: boolean }[];
  effective: { overall: EffectiveWeights; stages: (EffectiveWeights & { stage: Stage; label: string })[] };
  warnings: CoherenceWarning[];
}
export type RunCoherence = Coherence & { run: { id: number; methodVersion: number; edition: number; createdAt: string } };

/** GET /api/index/indicators */
export interface IndicatorCatalogue {
  pillars: { code: string; label: string }[];
  indicators: { code: string; name: string; definition: string; unit: string; direction: number; source: string; period: string; pillar: string; skewed: boolean; available: boolean }[];
}

export interface RankRange {
  median: number;
  p5: number;
  p95: number;
}

export interface RankingRow {
  position: number;
  orgId: number;
  name: string;
  district: string | null;
  section: string | null;
  sizeBand: string | null;
  score: number | null;
  grade: string | null;
  percentile: number | null;
  stage: Stage | null;
  coverage: number;
  excluded: string | null;
  /** Comma-separated cut-off codes whose rank the 90% interval straddles. */
  reviewFlag: string | null;
  /** For a flagged grade: pending until an official decides; then confirmed / adjusted with the decided grade. */
  review: { status: 'pending' | 'confirmed' | 'adjusted'; grade: string | null } | null;
  robustRank: RankRange | null;
}
export type Ranking = Paged<RankingRow> & { runId: number };

export interface IndicatorValue {
  code: string;
  raw: number | null;
  /** The value used: imputed or winsorised when so flagged. */
  value: number;
  imputed: boolean;
  winsorised: 'high' | 'low' | null;
  normalised: number;
  contribution: number;
  /** Share of a multi-year indicator's years on record, when some but not all are. */
  observed?: number;
  /** Left out of the cohort's score: observed for too few of the cohort. */
  dropped?: boolean;
  name: string;
  unit: string;
  pillar: string;
  pillarLabel: string;
}

export interface Reason {
  code: string;
  indicator: string;
  text: string;
  points: number;
}

export interface Explanation {
  pillars: { code: string; label: string; contribution: number; weight: number }[];
  lifts: Reason[];
  holds: Reason[];
  nextGrade: { grade: string; min: number; gap: number } | null;
  improvement: { indicator: string; name: string; current: number; target: number; relativeChange: number | null; text: string } | null;
  notes: string[];
}

export interface TrendPoint {
  edition: number;
  score: number | null;
  grade: string | null;
}

/** GET /api/index/scores/:orgId */
export interface EnterpriseIndex {
  run: { id: number; methodVersion: number; methodHash: string; edition: number; inputHash: string; createdAt: string };
  orgId: number;
  name: string;
  score: number | null;
  grade: string | null;
  gradeLabel: string | null;
  percentile: number | null;
  rank: { rank: number; of: number } | null;
  stage: Stage | null;
  /** "<section letter>|<size band>" */
  cohort: string;
  coverage: number;
  excluded: string | null;
  reviewFlag: string | null;
  /** The grade as computed (grade is the official's decision when a flagged grade was reviewed). */
  computedGrade: string | null;
  computedGradeLabel: string | null;
  review: { status: 'none' | 'pending' | 'confirmed' | 'adjusted'; history: GradeReview[] };
  robustRank: RankRange | null;
  trend: TrendPoint[];
  values: IndicatorValue[];
  explanation: Explanation | null;
}

/** An official condition (高企, 科技型中小企业 size) with what is missing, in words. */
export interface OfficialCondition {
  code: string;
  label: string;
  required: string;
  actual: string;
  met: boolean;
  gap: string;
  distance: number;
}

/** GET /api/index/tsme-check/:orgId */
export interface TsmeCheck {
  orgId: number;
  /** The day checked on (申请日, 'YYYY-MM-DD'): titles valid and flags standing then; 高企 registration counted to it. */
  date: string;
  year: number;
  alreadyHeld: boolean;
  staff: number;
  rd: number;
  ip: number;
  total: number;
  scorePasses: boolean;
  /** 评价办法第八条: each path met, not met, or not recorded on the platform (null). */
  direct: { code: string; clause: string; label: string; recorded: boolean; met: boolean | null }[];
  /** How the score condition is met: by the score, directly (第八条), or not. */
  scoreCondition: 'score' | 'direct' | null;
  size: OfficialCondition[];
  gate: string | null;
  passes: boolean;
  notes: string[];
  hnte: OfficialCondition[];
}

export interface HnteCandidate {
  orgId: number;
  name: string;
  district: string | null;
  conditions: OfficialCondition[];
  unmet: number;
  distance: number;
}

export interface LeaderCandidate {
  position: number;
  orgId: number;
  name: string;
  score: number;
  grade: string;
  percentile: number | null;
  reviewFlag: string | null;
  strengths: string[];
}

/** GET /api/index/methods */
export interface MethodVersion {
  version: number;
  contentHash: string;
  origin: 'builtin' | 'admin';
  createdAt: string;
  note: string | null;
  document: unknown;
}

/** POST /api/index/methods/preview */
export interface MethodPreview {
  currentVersion: number;
  enterprises: number;
  moved: number;
  meanAbsoluteShift: number;
  maxShift: number;
  spearman: number;
  gradeChanges: number;
  transitions: Record<string, Record<string, number>>;
  gradesBefore: string[];
  gradesAfter: string[];
  topMovers: { orgId: number; name: string; before: { rank: number; score: number; grade: string }; after: { rank: number; score: number; grade: string }; delta: number }[];
  /** The new method's coherence and effective weights on the same data. */
  coherence: Coherence;
}

/** POST /api/index/methods */
export interface SavedMethod {
  version: number;
  contentHash: string;
  created: boolean;
}

/** GET /api/index/consents */
export interface Consent {
  id: number;
  enterpriseId: number;
  enterprise: string;
  institutionId: number;
  institution: string;
  grantedAt: string;
  withdrawnAt: string | null;
  standing: boolean;
}

/** GET /api/index/bank/:orgId */
export interface BankView {
  orgId: number;
  name: string;
  score: number | null;
  grade: string | null;
  gradeLabel: string | null;
  percentile: number | null;
  coverage: number;
  excluded: string | null;
  trend: TrendPoint[];
  /** At most four, the largest contribution relative to the cohort first; the label in Chinese. */
  reasons: { code: string; label: string }[];
  run: { edition: number; methodVersion: number; createdAt: string };
}

/** One decision on a flagged grade (POST /api/index/runs/:id/reviews). */
export interface GradeReview {
  id: number;
  decision: 'confirm' | 'adjust';
  decisionLabel: string;
  gradeBefore: string;
  grade: string;
  reason: string;
  /** The reviewer (officials and administrators see it; the enterprise does not). */
  by: string | null;
  at: string;
  current: boolean;
}
