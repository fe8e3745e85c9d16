/**
 * Scoring a population under a method: gates, raw indicators, cohort-median
 * imputation (flagged), winsorising at the fixed goalposts (recorded), min–max
 * normalisation with optional log1p, weights by stage, score 0–100, grade,
 * percentile in the cohort, coverage. Column-wise over typed arrays; the same
 * inputs and method give the same numbers (no randomness, no clock). Pure.
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
}

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

  // Raw values (NaN = missing), column by column.
  const raw = new Float64Array(n * k).fill(NaN);
  const years = population.map((e, r) => (excluded[r] ? null : yearsOf(e, dataYear)));
  inds.forEach((ind, j) => {
    if (!ind.def.compute) return;
    for (let r = 0; r < n; r++) {
      const y = years[r];
      if (!y) continue;
      const v = ind.def.compute(y, population[r]!);
      if (v !== null && Number.isFinite(v)) raw[r * k + j] = v;
    }
  });

  options.adjustRaw?.(raw, k, inds.map((i) => i.def.code));

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

  const value = new Float64Array(n * k);
  const imputed = new Uint8Array(n * k);
  const winsor = new Int8Array(n * k);
  const norm = new Float64Array(n * k);
  const minCohort = method.imputation.minCohort;
  inds.forEach((ind, j) => {
    const mc = groupMedians(byCohort, raw, j);
    let ms: ReturnType<typeof groupMedians> | null = null;
    let ma: ReturnType<typeof groupMedians> | null = null;
    const lo = transformValue(ind.min, ind.transform);
    const span = transformValue(ind.max, ind.transform) - lo;
    const log = ind.transform === 'log1p';
    const up = ind.def.direction === 1;
    for (let r = 0; r < n; r++) {
      if (excluded[r]) continue;
      const i = r * k + j;
      let v = raw[i]!;
      if (Number.isNaN(v)) {
        const c = byCohort.of[r]!;
        if (mc.cnt[c]! >= minCohort) v = mc.med[c]!;
        else {
          bySize ??= grouping((x) => population[x]!.sizeBand ?? '?');
          ms ??= groupMedians(bySize, raw, j);
          const sz = bySize.of[r]!;
          if (ms.cnt[sz]! >= minCohort) v = ms.med[sz]!;
          else {
            everyone ??= grouping(() => '*');
            ma ??= groupMedians(everyone, raw, j);
            v = ma.cnt[0]! > 0 ? ma.med[0]! : ind.min;
          }
        }
        imputed[i] = 1;
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

  // Scores and contributions, with the weights of each stage as arrays.
  const stageWeights = { startup: new Float64Array(k), growth: new Float64Array(k), mature: new Float64Array(k) } as Record<Stage, Float64Array>;
  for (const st of STAGES) inds.forEach((ind, j) => (stageWeights[st][j] = ind.weight[st]));
  const score = new Float64Array(n).fill(NaN);
  const contrib = new Float64Array(n * k);
  const coverage = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const st = stages[r];
    if (!st) continue;
    const w = stageWeights[st];
    let s = 0;
    let wObserved = 0;
    let wTotal = 0;
    for (let j = 0; j < k; j++) {
      const i = r * k + j;
      const c = 100 * w[j]! * norm[i]!;
      contrib[i] = c;
      s += c;
      if (w[j]! > 0) {
        wTotal += w[j]!;
        if (!imputed[i]) wObserved += w[j]!;
      }
    }
    score[r] = round4(s);
    coverage[r] = wTotal > 0 ? round4(wObserved / wTotal) : 0;
  }

  // Percentile in the cohort (mid-rank) and the cohort median contribution of each indicator.
  const percentile = new Float64Array(n).fill(NaN);
  const cohortMedianContrib = new Float64Array(n * k);
  for (let c = 0; c < byCohort.count; c++) {
    const a = byCohort.start[c]!;
    const b = byCohort.start[c + 1]!;
    const m = b - a;
    for (let t = a; t < b; t++) scratch[t - a] = score[byCohort.rows[t]!]!;
    const sorted = scratch.subarray(0, m).sort();
    for (let t = a; t < b; t++) {
      const r = byCohort.rows[t]!;
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
  for (let j = 0; j < k; j++) {
    const med = groupMedians(byCohort, contrib, j).med;
    for (let r = 0; r < n; r++) if (byCohort.of[r]! >= 0) cohortMedianContrib[r * k + j] = med[byCohort.of[r]!]!;
  }

  const scores: EnterpriseScore[] = population.map((e, r) => {
    const st = stages[r]!;
    return {
      orgId: e.orgId,
      excluded: excluded[r]!,
      stage: st,
      cohort: cohorts[r]!,
      score: st ? score[r]! : null,
      grade: st ? gradeOf(method, score[r]!) : null,
      percentile: st ? percentile[r]! : null,
      coverage: st ? coverage[r]! : 0,
      row: r,
    };
  });
  const valuesOf = (r: number): IndicatorValue[] =>
    stages[r]
      ? inds.map((ind, j) => {
          const i = r * k + j;
          return {
            code: ind.def.code,
            raw: Number.isNaN(raw[i]!) ? null : raw[i]!,
            value: value[i]!,
            imputed: imputed[i] === 1,
            winsorised: winsor[i] === 1 ? 'high' : winsor[i] === -1 ? 'low' : null,
            normalised: round4(norm[i]!),
            contribution: round4(contrib[i]!),
            cohortMedianContribution: round4(cohortMedianContrib[i]!),
          };
        })
      : [];
  return { method, dataYear, indicators: inds, scores, normalised: norm, stages, valuesOf };
}

export { STAGES };
