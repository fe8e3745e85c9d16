/**
 * Scoring a population under a method: gates, raw indicators, cohort-median
 * imputation (flagged), winsorising at the fixed goalposts (recorded), min–max
 * normalisation with optional log1p, weights by stage, score 0–100, grade,
 * percentile in the cohort, coverage. Column-wise over typed arrays; the same
 * inputs and method give the same numbers (no randomness, no clock). Pure.
 */
import { INDICATORS, type EnterpriseInput, type IndicatorDef, type Stage } from './indicators.js';
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
  values: IndicatorValue[];
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

function medianOf(values: number[]): number {
  const a = Float64Array.from(values).sort();
  return median(a);
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
  inds.forEach((ind, j) => {
    if (!ind.def.compute) return;
    for (let r = 0; r < n; r++) {
      if (excluded[r]) continue;
      const v = ind.def.compute(population[r]!, dataYear);
      if (v !== null && Number.isFinite(v)) raw[r * k + j] = v;
    }
  });

  options.adjustRaw?.(raw, k, inds.map((i) => i.def.code));

  // Cohort medians of the raw values, falling back to size band, then to everyone scored.
  const groupRows = (key: (r: number) => string) => {
    const m = new Map<string, number[]>();
    for (let r = 0; r < n; r++) {
      if (excluded[r]) continue;
      const g = key(r);
      let a = m.get(g);
      if (!a) m.set(g, (a = []));
      a.push(r);
    }
    return m;
  };
  const byCohort = groupRows((r) => cohorts[r]!);
  const bySize = groupRows((r) => population[r]!.sizeBand ?? '?');
  const all = groupRows(() => '*');
  const medians = (groups: Map<string, number[]>, j: number) => {
    const out = new Map<string, { median: number; count: number }>();
    for (const [g, rows] of groups) {
      const vals: number[] = [];
      for (const r of rows) {
        const v = raw[r * k + j]!;
        if (!Number.isNaN(v)) vals.push(v);
      }
      out.set(g, { median: vals.length ? medianOf(vals) : NaN, count: vals.length });
    }
    return out;
  };

  const value = new Float64Array(n * k);
  const imputed = new Uint8Array(n * k);
  const winsor = new Int8Array(n * k);
  const norm = new Float64Array(n * k);
  const minCohort = method.imputation.minCohort;
  inds.forEach((ind, j) => {
    const mc = medians(byCohort, j);
    const ms = medians(bySize, j);
    const ma = medians(all, j).get('*') ?? { median: NaN, count: 0 };
    for (let r = 0; r < n; r++) {
      if (excluded[r]) continue;
      const i = r * k + j;
      let v = raw[i]!;
      if (Number.isNaN(v)) {
        const c = mc.get(cohorts[r]!)!;
        const s = ms.get(population[r]!.sizeBand ?? '?')!;
        v = c.count >= minCohort ? c.median : s.count >= minCohort ? s.median : ma.count > 0 ? ma.median : ind.min;
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
      const x = normalise(v, ind.transform, ind.min, ind.max);
      norm[i] = ind.def.direction === 1 ? x : 1 - x;
    }
  });

  // Scores and contributions.
  const score = new Float64Array(n).fill(NaN);
  const contrib = new Float64Array(n * k);
  const coverage = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const st = stages[r];
    if (!st) continue;
    let s = 0;
    let wObserved = 0;
    let wTotal = 0;
    for (let j = 0; j < k; j++) {
      const w = inds[j]!.weight[st];
      const c = 100 * w * norm[r * k + j]!;
      contrib[r * k + j] = c;
      s += c;
      if (w > 0) {
        wTotal += w;
        if (!imputed[r * k + j]) wObserved += w;
      }
    }
    score[r] = round4(s);
    coverage[r] = wTotal > 0 ? round4(wObserved / wTotal) : 0;
  }

  // Percentile in the cohort (mid-rank) and the cohort median contribution of each indicator.
  const percentile = new Float64Array(n).fill(NaN);
  const cohortMedianContrib = new Float64Array(n * k);
  for (const rows of byCohort.values()) {
    const scores = Float64Array.from(rows, (r) => score[r]!).sort();
    for (const r of rows) {
      const s = score[r]!;
      let below = 0;
      let equal = 0;
      // binary search for the first ≥ s and first > s
      let lo = 0;
      let hi = scores.length;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (scores[m]! < s) lo = m + 1;
        else hi = m;
      }
      below = lo;
      hi = scores.length;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (scores[m]! <= s) lo = m + 1;
        else hi = m;
      }
      equal = lo - below;
      percentile[r] = Math.round((1000 * (below + equal / 2)) / scores.length) / 10;
    }
    for (let j = 0; j < k; j++) {
      const m = median(Float64Array.from(rows, (r) => contrib[r * k + j]!).sort());
      for (const r of rows) cohortMedianContrib[r * k + j] = m;
    }
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
      values: st
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
        : [],
    };
  });
  return { method, dataYear, indicators: inds, scores, normalised: norm, stages };
}

export { STAGES };
