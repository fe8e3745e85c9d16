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
  method: { version: number; title: string; edition: number; grades: GradeDef[]; cutoffs: Cutoff[] };
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

/** GET /api/index/runs/:id/coherence */
export interface Coherence {
  pillars: { code: string; label: string; indicators: { code: string; correlation: number | null }[] }[];
  redundant: { a: string; b: string; correlation: number }[];
  warnings: string[];
}

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
  year: number;
  alreadyHeld: boolean;
  staff: number;
  rd: number;
  ip: number;
  total: number;
  scorePasses: boolean;
  size: OfficialCondition[];
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
  lifts: { code: string; indicator: string }[];
  holds: { code: string; indicator: string }[];
  run: { edition: number; methodVersion: number; createdAt: string };
}
