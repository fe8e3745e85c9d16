/**
 * Scoring a population under a method: gates, raw indicators, cohort-median
 * imputation (flagged; a multi-year value with some years on record is completed
 * from the cohort for the rest and counts for the share observed), winsorising at
 * the fixed goalposts (recorded), min–max normalisation with optional log1p, weights
 * by stage, score 0–100, grade, percentile in the cohort, coverage. With the method's
 * `coverage` rules: an indicator observed for too few of a cohort is dropped from
 * that cohort's score (its weight shared by the rest of its pillar), and an
 * enterprise below the minimum coverage is not graded (数据不足). Column-wise over
 * typed arrays; the same inputs and method give the same numbers (no randomness, no
 * clock). Pure.
 */
import { INDICATORS, yearsOf, type EnterpriseInput, type IndicatorDef, type Stage } from './indicators.js';
import type { IndexMethod } from './method.js';

export interface IndicatorValue {
  code: string;
  /** As computed from the figures; null when missing. */
  raw: number | null;
  /** The value used: raw, or the cohort median when raw is missing. */
  value: number;
  imputed: boolean;
  /** Set when the value was outside the goalposts and winsorised to one. */
  winsorised: 'low' | 'high' | null;
  /** 0–1 after transform and goalposts. */
  normalised: number;
  /** Points of the 0–100 score this indicator contributes. */
  contribution: number;
  /** The cohort median of the contribution (for reasons). */
  cohortMedianContribution: number;
  /** Share of a multi-year indicator's years on record, when some but not all are (the rest filled from the cohort). */
  observed?: number;
  /** Set when the indicator is observed for too few of the cohort and left out of its score. */
  dropped?: true;
}

/** An indicator left out of a cohort's score: observed for too few of it. */
export interface DroppedIndicator {
  code: string;
  /** Share of the group's enterprises with the indicator observed (0–1). */
  observedShare: number;
  /** The group judged: the cohort, or for a cohort of fewer than minCohort enterprises its size band, else everyone scored. */
  group: 'cohort' | 'size' | 'all';
}

export interface EnterpriseScore {
  orgId: number;
  excluded: string | null;
  stage: Stage | null;
  cohort: string;
  score: number | null;
  grade: string | null;
  percentile: number | null;
  /** Share (0–1) of the weight carried by observed (not imputed) values. */
  coverage: number;
  /** Below the method's minimum coverage: not graded (score, grade and percentile null; `excluded` says why). */
  notGraded: boolean;
  /** Row of the enterprise in the population (for valuesOf). */
  row: number;
}

export interface ScoredPopulation {
  method: IndexMethod;
  dataYear: number;
  /** Indicators used, in method order, with their weight per stage (pillar × indicator). */
  indicators: { def: IndicatorDef; transform: 'none' | 'log1p'; min: number; max: number; weight: Record<Stage, number> }[];
  scores: EnterpriseScore[];
  /** n × k normalised values (row-major), for the robustness run. */
  normalised: Float64Array;
  stages: (Stage | null)[];
  /** The indicator values of one enterprise (built on request: 100,000 × 13 objects are not). */
  valuesOf(row: number): IndicatorValue[];
  /** The weights an enterprise is scored with (its stage's, with the indicators dropped for its cohort shared out), in method order. */
  weightsOf(row: number): Float64Array;
  /** The indicators dropped from the enterprise's cohort (empty without the method's coverage rules). */
  droppedOf(row: number): DroppedIndicator[];
  /** 1 for each indicator dropped from the enterprise's cohort, in method order; null when none is. */
  dropMaskOf(row: number): Uint8Array | null;
  /** The pillar of each indicator as a small integer (for redistribute). */
  pillarIndex: Int32Array;
}

/**
 * Weights with dropped indicators taken out: each dropped indicator's weight goes to
 * the indicators kept in its pillar in proportion to theirs; a pillar with none kept
 * gives its weight to every kept indicator in proportion. The total is kept. Used by
 * the scores and, on perturbed weights, by the robustness run.
 */
export function redistribute(w: Float64Array, pillarIndex: Int32Array, dropped: Uint8Array): Float64Array {
  const k = w.length;
  let np = 0;
  for (let j = 0; j < k; j++) np = Math.max(np, pillarIndex[j]! + 1);
  const total = new Float64Array(np);
  const kept = new Float64Array(np);
  for (let j = 0; j < k; j++) {
    total[pillarIndex[j]!]! += w[j]!;
    if (!dropped[j]) kept[pillarIndex[j]!]! += w[j]!;
  }
  let all = 0;
  let keptAll = 0;
  for (let p = 0; p < np; p++) {
    all += total[p]!;
    if (kept[p]! > 0) keptAll += total[p]!;
  }
  const out = new Float64Array(k);
  if (keptAll <= 0) return out;
  const spread = all / keptAll;
  for (let j = 0; j < k; j++) {
    const p = pillarIndex[j]!;
    if (!dropped[j] && kept[p]! > 0) out[j] = ((w[j]! * total[p]!) / kept[p]!) * spread;
  }
  return out;
}

/** A share as a percentage for the texts, rounded down so that "低于 60%" never reads "60%". */
const pctDown = (x: number) => `${Math.floor(x * 1000 + 1e-9) / 10}%`;

const STAGES: Stage[] = ['startup', 'growth', 'mature'];
/** Scores are kept to 4 decimals so stored results are byte-stable. */
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function stageOf(method: IndexMethod, foundedYear: number | null, dataYear: number): Stage {
  if (foundedYear === null) return 'growth';
  const age = dataYear - foundedYear;
  return age <= method.stages.startupMaxAge ? 'startup' : age <= method.stages.growthMaxAge ? 'growth' : 'mature';
}

export function gradeOf(method: IndexMethod, score: number): string {
  return method.grades.find((g) => score >= g.min)!.grade;
}

function median(sorted: Float64Array | number[], n = sorted.length): number {
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function transformValue(x: number, t: 'none' | 'log1p'): number {
  return t === 'log1p' ? Math.log1p(Math.max(0, x)) : x;
}

/** Normalises a value inside the goalposts to 0–1. */
export function normalise(x: number, t: 'none' | 'log1p', min: number, max: number): number {
  const lo = transformValue(min, t);
  const hi = transformValue(max, t);
  return (transformValue(x, t) - lo) / (hi - lo);
}

/** The raw value that normalises to n (the inverse of normalise). */
export function denormalise(n: number, t: 'none' | 'log1p', min: number, max: number): number {
  const lo = transformValue(min, t);
  const hi = transformValue(max, t);
  const v = lo + n * (hi - lo);
  return t === 'log1p' ? Math.expm1(v) : v;
}

export interface ScoreOptions {
  /** Changes raw indicator values before imputation (what-if and property tests); raw is n × k, row-major, NaN = missing. */
  adjustRaw?: (raw: Float64Array, k: number, codes: readonly string[]) => void;
}

export function scorePopulation(method: IndexMethod, population: readonly EnterpriseInput[], options: ScoreOptions = {}): ScoredPopulation {
  const dataYear = method.edition - 1;
  const pillarWeight = new Map(method.pillars.map((p) => [p.code, p.weights]));
  const inds = method.indicators.map((mi) => {
    const def = INDICATORS.find((d) => d.code === mi.code)!;
    const pw = pillarWeight.get(def.pillar)!;
    return {
      def,
      transform: mi.transform,
      min: mi.goalposts.min,
      max: mi.goalposts.max,
      weight: { startup: pw.startup * mi.weight, growth: pw.growth * mi.weight, mature: pw.mature * mi.weight } as Record<Stage, number>,
    };
  });
  const n = population.length;
  const k = inds.length;
  const gates = new Map(method.gates.map((g) => [g.flag, g.label]));
  const rules = method.coverage ?? null;
  const pillarIds = new Map<string, number>();
  const pillarIndex = Int32Array.from(inds, (ind) => {
    let id = pillarIds.get(ind.def.pillar);
    if (id === undefined) pillarIds.set(ind.def.pillar, (id = pillarIds.size));
    return id;
  });

  // Gates, stage, cohort.
  const excluded: (string | null)[] = new Array(n);
  const stages: (Stage | null)[] = new Array(n);
  const cohorts: string[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const e = population[r]!;
    const hit = e.flags.filter((f) => gates.has(f as 'dishonest')).map((f) => gates.get(f as 'dishonest')!);
    excluded[r] = hit.length ? `未参与评分：${hit.join('、')}` : e.figures.some((f) => f.year === dataYear) ? null : `未参与评分：缺少 ${dataYear} 年度数据`;
    stages[r] = excluded[r] ? null : stageOf(method, e.foundedYear, dataYear);
    cohorts[r] = `${e.section ?? '?'}|${e.sizeBand ?? '?'}`;
  }

  // Raw values (NaN = missing), column by column; the share observed of a multi-year value with some years on record.
  const raw = new Float64Array(n * k).fill(NaN);
  let partial: Float64Array | null = null;
  const years = population.map((e, r) => (excluded[r] ? null : yearsOf(e, dataYear)));
  inds.forEach((ind, j) => {
    if (!ind.def.compute) return;
    for (let r = 0; r < n; r++) {
      const y = years[r];
      if (!y) continue;
      const v = ind.def.compute(y, population[r]!);
      if (v === null) continue;
      if (typeof v === 'number') {
        if (Number.isFinite(v)) raw[r * k + j] = v;
      } else if (Number.isFinite(v.value) && v.observed > 0) {
        raw[r * k + j] = v.value;
        if (v.observed < 1) (partial ??= new Float64Array(n * k).fill(1))[r * k + j] = v.observed;
      }
    }
  });

  options.adjustRaw?.(raw, k, inds.map((i) => i.def.code));
  /** Share observed of each value: 0 missing, 1 on record, between for a partial multi-year value. */
  const observedShare = (i: number) => (Number.isNaN(raw[i]!) ? 0 : partial ? partial[i]! : 1);

  // Groups as integer ids with their rows laid out contiguously (a counting sort):
  // cohorts (section × size band), size bands (fallback for small cohorts), everyone.
  const grouping = (key: (r: number) => string) => {
    const ids = new Map<string, number>();
    const of = new Int32Array(n).fill(-1);
    for (let r = 0; r < n; r++) {
      if (excluded[r]) continue;
      const g = key(r);
      let id = ids.get(g);
      if (id === undefined) ids.set(g, (id = ids.size));
      of[r] = id;
    }
    const start = new Int32Array(ids.size + 1);
    for (let r = 0; r < n; r++) if (of[r]! >= 0) start[of[r]! + 1]!++;
    for (let g = 0; g < ids.size; g++) start[g + 1]! += start[g]!;
    const rows = new Int32Array(start[ids.size]!);
    const fill = start.slice(0, ids.size);
    for (let r = 0; r < n; r++) if (of[r]! >= 0) rows[fill[of[r]!]!++] = r;
    return { ids, of, start, rows, count: ids.size };
  };
  type Grouping = ReturnType<typeof grouping>;
  const byCohort = grouping((r) => cohorts[r]!);
  let bySize: Grouping | null = null;
  let everyone: Grouping | null = null;
  const scratch = new Float64Array(n);
  /** Median and number of non-missing values of column j (in `from`) per group. */
  const groupMedians = (g: Grouping, from: Float64Array, j: number) => {
    const med = new Float64Array(g.count);
    const cnt = new Int32Array(g.count);
    for (let c = 0; c < g.count; c++) {
      let m = 0;
      for (let t = g.start[c]!; t < g.start[c + 1]!; t++) {
        const v = from[g.rows[t]! * k + j]!;
        if (!Number.isNaN(v)) scratch[m++] = v;
      }
      cnt[c] = m;
      med[c] = m ? median(scratch.subarray(0, m).sort(), m) : NaN;
    }
    return { med, cnt };
  };

  const minCohort = method.imputation.minCohort;

  // Indicators observed for too few of a cohort are dropped from that cohort's score (method coverage rules).
  // A cohort of fewer than minCohort enterprises is judged by its size band, then by everyone (as imputation falls back).
  const weighed = inds.map((ind) => ind.def.compute !== null && ind.weight.startup + ind.weight.growth + ind.weight.mature > 0);
  /** Per cohort: the group judged (0 the cohort, 1 its size band, 2 everyone) and each indicator's observed share there. */
  const judgedBy = new Uint8Array(byCohort.count);
  const cohortObserved = new Float64Array(byCohort.count * k);
  let dropMask: Uint8Array | null = null;
  if (rules) {
    const shares = (g: Grouping) => {
      const out = new Float64Array(g.count * k);
      for (let c = 0; c < g.count; c++) {
        const a = g.start[c]!;
        const b = g.start[c + 1]!;
        for (let j = 0; j < k; j++) {
          let seen = 0;
          for (let t = a; t < b; t++) seen += observedShare(g.rows[t]! * k + j);
          out[c * k + j] = b > a ? seen / (b - a) : 0;
        }
      }
      return out;
    };
    const own = shares(byCohort);
    let band: Float64Array | null = null;
    let all: Float64Array | null = null;
    const size = (g: Grouping, c: number) => g.start[c + 1]! - g.start[c]!;
    for (let c = 0; c < byCohort.count; c++) {
      const r0 = byCohort.rows[byCohort.start[c]!]!;
      let from: Float64Array = own.subarray(c * k, c * k + k);
      if (size(byCohort, c) < minCohort) {
        bySize ??= grouping((x) => population[x]!.sizeBand ?? '?');
        const sz = bySize.of[r0]!;
        if (size(bySize, sz) >= minCohort) {
          band ??= shares(bySize);
          from = band.subarray(sz * k, sz * k + k);
          judgedBy[c] = 1;
        } else {
          everyone ??= grouping(() => '*');
          all ??= shares(everyone);
          from = all.subarray(0, k);
          judgedBy[c] = 2;
        }
      }
      cohortObserved.set(from, c * k);
      for (let j = 0; j < k; j++) if (weighed[j] && from[j]! < rules.minObservedInCohort) (dropMask ??= new Uint8Array(byCohort.count * k))[c * k + j] = 1;
    }
  }
  const cohortHasDrop = new Uint8Array(byCohort.count);
  if (dropMask) for (let c = 0; c < byCohort.count; c++) for (let j = 0; j < k; j++) if (dropMask[c * k + j]) cohortHasDrop[c] = 1;
  const cohortDrops = (c: number): Uint8Array | null => (c >= 0 && cohortHasDrop[c] ? dropMask!.subarray(c * k, c * k + k) : null);

  const value = new Float64Array(n * k);
  const imputed = new Uint8Array(n * k);
  const winsor = new Int8Array(n * k);
  const norm = new Float64Array(n * k);
  inds.forEach((ind, j) => {
    const mc = groupMedians(byCohort, raw, j);
    let ms: ReturnType<typeof groupMedians> | null = null;
    let ma: ReturnType<typeof groupMedians> | null = null;
    /** The cohort median of column j; with fewer than minCohort values, the size band's; then everyone's. */
    const cohortValue = (r: number) => {
      const c = byCohort.of[r]!;
      if (mc.cnt[c]! >= minCohort) return mc.med[c]!;
      bySize ??= grouping((x) => population[x]!.sizeBand ?? '?');
      ms ??= groupMedians(bySize, raw, j);
      const sz = bySize.of[r]!;
      if (ms.cnt[sz]! >= minCohort) return ms.med[sz]!;
      everyone ??= grouping(() => '*');
      ma ??= groupMedians(everyone, raw, j);
      return ma.cnt[0]! > 0 ? ma.med[0]! : ind.min;
    };
    const lo = transformValue(ind.min, ind.transform);
    const span = transformValue(ind.max, ind.transform) - lo;
    const log = ind.transform === 'log1p';
    const up = ind.def.direction === 1;
    for (let r = 0; r < n; r++) {
      if (excluded[r]) continue;
      const i = r * k + j;
      let v = raw[i]!;
      if (Number.isNaN(v)) {
        v = cohortValue(r);
        imputed[i] = 1;
      } else if (partial && partial[i]! < 1) {
        // the years not on record take the cohort's value
        v = partial[i]! * v + (1 - partial[i]!) * cohortValue(r);
      }
      if (v < ind.min) {
        v = ind.min;
        if (!imputed[i]) winsor[i] = -1;
      } else if (v > ind.max) {
        v = ind.max;
        if (!imputed[i]) winsor[i] = 1;
      }
      value[i] = v;
      const x = ((log ? Math.log1p(v) : v) - lo) / span;
      norm[i] = up ? x : 1 - x;
    }
  });

  // Scores and contributions, with the weights of each stage (and of each cohort with dropped indicators) as arrays.
  const stageWeights = { startup: new Float64Array(k), growth: new Float64Array(k), mature: new Float64Array(k) } as Record<Stage, Float64Array>;
  for (const st of STAGES) inds.forEach((ind, j) => (stageWeights[st][j] = ind.weight[st]));
  const cohortWeights: (Float64Array | undefined)[] = new Array(byCohort.count * 3);
  const weightsOf = (r: number): Float64Array => {
    const st = stages[r] ?? 'growth';
    const c = byCohort.of[r]!;
    if (c < 0 || !cohortHasDrop[c]) return stageWeights[st];
    const at = c * 3 + STAGES.indexOf(st);
    return (cohortWeights[at] ??= redistribute(stageWeights[st], pillarIndex, cohortDrops(c)!));
  };
  const score = new Float64Array(n).fill(NaN);
  const contrib = new Float64Array(n * k);
  const coverage = new Float64Array(n);
  const notGraded = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const st = stages[r];
    if (!st) continue;
    const w = weightsOf(r);
    // Coverage is the enterprise's own: over its stage's weights, whatever is dropped for its cohort.
    const sw = stageWeights[st];
    let s = 0;
    let wObserved = 0;
    let wTotal = 0;
    for (let j = 0; j < k; j++) {
      const i = r * k + j;
      const c = 100 * w[j]! * norm[i]!;
      contrib[i] = c;
      s += c;
      if (sw[j]! > 0) {
        wTotal += sw[j]!;
        if (!imputed[i]) wObserved += partial && partial[i]! < 1 ? sw[j]! * partial[i]! : sw[j]!;
      }
    }
    score[r] = round4(s);
    coverage[r] = wTotal > 0 ? round4(wObserved / wTotal) : 0;
    if (rules && coverage[r]! < rules.minToGrade) notGraded[r] = 1;
  }

  // Percentile in the cohort (mid-rank) among the graded, and the cohort median contribution of each indicator.
  const percentile = new Float64Array(n).fill(NaN);
  const cohortMedianContrib = new Float64Array(n * k);
  for (let c = 0; c < byCohort.count; c++) {
    let m = 0;
    for (let t = byCohort.start[c]!; t < byCohort.start[c + 1]!; t++) if (!notGraded[byCohort.rows[t]!]) scratch[m++] = score[byCohort.rows[t]!]!;
    const sorted = scratch.subarray(0, m).sort();
    for (let t = byCohort.start[c]!; t < byCohort.start[c + 1]!; t++) {
      const r = byCohort.rows[t]!;
      if (notGraded[r]) continue;
      const sc = score[r]!;
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < sc) lo = mid + 1;
        else hi = mid;
      }
      const below = lo;
      hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! <= sc) lo = mid + 1;
        else hi = mid;
      }
      percentile[r] = Math.round((1000 * (below + (lo - below) / 2)) / m) / 10;
    }
  }
  // (the not graded are left out of the cohort's median contributions)
  let gradedContrib = contrib;
  if (notGraded.some((x) => x === 1)) {
    gradedContrib = Float64Array.from(contrib);
    for (let r = 0; r < n; r++) if (notGraded[r]) gradedContrib.fill(NaN, r * k, r * k + k);
  }
  for (let j = 0; j < k; j++) {
    const med = groupMedians(byCohort, gradedContrib, j).med;
    for (let r = 0; r < n; r++) if (byCohort.of[r]! >= 0) cohortMedianContrib[r * k + j] = med[byCohort.of[r]!]!;
  }

  const scores: EnterpriseScore[] = population.map((e, r) => {
    const st = stages[r]!;
    const graded = st !== null && !notGraded[r];
    return {
      orgId: e.orgId,
      excluded: notGraded[r] ? `未评级：数据不足（数据覆盖率 ${pctDown(coverage[r]!)}，低于 ${pctDown(rules!.minToGrade)}）` : excluded[r]!,
      stage: st,
      cohort: cohorts[r]!,
      score: graded ? score[r]! : null,
      grade: graded ? gradeOf(method, score[r]!) : null,
      percentile: graded ? percentile[r]! : null,
      coverage: st ? coverage[r]! : 0,
      notGraded: notGraded[r] === 1,
      row: r,
    };
  });
  const valuesOf = (r: number): IndicatorValue[] => {
    if (!stages[r]) return [];
    const drops = cohortDrops(byCohort.of[r]!);
    return inds.map((ind, j) => {
      const i = r * k + j;
      const v: IndicatorValue = {
        code: ind.def.code,
        raw: Number.isNaN(raw[i]!) ? null : raw[i]!,
        value: value[i]!,
        imputed: imputed[i] === 1,
        winsorised: winsor[i] === 1 ? 'high' : winsor[i] === -1 ? 'low' : null,
        normalised: round4(norm[i]!),
        contribution: round4(contrib[i]!),
        cohortMedianContribution: round4(cohortMedianContrib[i]!),
      };
      if (!imputed[i] && partial && partial[i]! < 1) v.observed = round4(partial[i]!);
      if (drops?.[j]) v.dropped = true;
      return v;
    });
  };
  const droppedOf = (r: number): DroppedIndicator[] => {
    const c = byCohort.of[r]!;
    const drops = cohortDrops(c);
    const group = (['cohort', 'size', 'all'] as const)[judgedBy[c]!]!;
    return drops ? inds.flatMap((ind, j) => (drops[j] ? [{ code: ind.def.code, observedShare: round4(cohortObserved[c * k + j]!), group }] : [])) : [];
  };
  return { method, dataYear, indicators: inds, scores, normalised: norm, stages, valuesOf, weightsOf, droppedOf, dropMaskOf: (r) => cohortDrops(byCohort.of[r]!), pillarIndex };
}

export { STAGES };
