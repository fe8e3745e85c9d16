/**
 * Statistical coherence and effective weights of the 科创指数 (OECD/JRC Handbook on
 * Constructing Composite Indicators, 2008, step 4 "multivariate analysis"; Paruolo,
 * Saisana & Saltelli 2013, "Ratings and rankings: voodoo or science?", JRSS A 176(3),
 * on nominal weights versus the importance an indicator actually has):
 *
 * - per pillar: Cronbach's α of the pillar's normalised indicator values, the share of
 *   variance of the first principal component of their correlation matrix (eigenvalues by
 *   Jacobi rotations), each indicator's Pearson correlation with the pillar score (flagged
 *   below 0.3, not only when negative);
 * - indicator pairs with |r| > 0.9 (possibly measuring the same thing twice);
 * - each indicator's effective weight: its share of the score's variance,
 *   Cov(wᵢxᵢ, S) / Var(S) with S = Σ wⱼxⱼ (the shares sum to 1; a share can be negative),
 *   beside its nominal weight, over all scored enterprises with each one's own stage weights
 *   and per stage; a share outside ×0.5–×2 of the nominal one is warned.
 *
 * All on the scored enterprises' normalised values (imputed values included, as scored).
 * Pure: plain arrays in, a plain report out (stored as JSON with each run).
 */
import { PILLARS, STAGE_LABEL, type Pillar, type Stage } from './indicators.js';
import type { ScoredPopulation } from './score.js';

/** The thresholds the report applies, with where each comes from. */
export const COHERENCE_THRESHOLDS = {
  /**
   * Cronbach's α below this: the pillar's indicators do not move together (Nunnally 1978,
   * the reliability threshold the OECD/JRC Handbook 2008 quotes in step 4).
   */
  alphaMin: 0.7,
  /**
   * Indicator–pillar correlation below this: weakly related to its own pillar (the bound
   * JRC-COIN statistical audits use for "weak" correlations; issue #15).
   */
  itemPillarMin: 0.3,
  /** |r| above this between two indicators: possibly redundant (JRC-COIN audit practice; issue #15). */
  redundantAbove: 0.9,
  /**
   * Effective ÷ nominal weight outside [low, high]: the indicator drives the score much less or
   * much more than its weight says. The band is the platform's choice (issue #15); the
   * comparison itself is Paruolo, Saisana & Saltelli (2013).
   */
  effectiveRatio: { low: 0.5, high: 2 },
} as const;

export const COHERENCE_VERSION = 2;

export interface CoherenceIndicator {
  code: string;
  name: string;
  /** Pearson r with the pillar score (the pillar's indicators weighted as in the method); null for a pillar of one indicator or a constant column. */
  correlation: number | null;
  /** r < 0.3 (including negative). */
  weak: boolean;
}

export interface CoherencePillar {
  code: Pillar;
  label: string;
  indicators: CoherenceIndicator[];
  /** Cronbach's α of the pillar's normalised values; null with fewer than two indicators. */
  alpha: number | null;
  /** λ₁ ÷ number of indicators of the correlation matrix; null with fewer than two non-constant indicators. */
  pc1Share: number | null;
  /** Eigenvalues of the correlation matrix, largest first. */
  eigenvalues: number[];
}

export interface EffectiveWeight {
  code: string;
  name: string;
  pillar: Pillar;
  /** Weight in the score (pillar × indicator), averaged over the enterprises for the overall view. */
  nominal: number;
  /** Share of the score's variance, Cov(wᵢxᵢ, S) ÷ Var(S); null when the score does not vary. */
  effective: number | null;
  /** effective ÷ nominal. */
  ratio: number | null;
  /** 'low' below ×0.5, 'high' above ×2. */
  flag: 'low' | 'high' | null;
  /** Pearson r of the indicator's normalised value with the score. */
  scoreCorrelation: number | null;
  /**
   * The JRC's alternative: the correlation ratio (main effect) Sᵢ estimated linearly as r²
   * and normalised over the indicators (Paruolo, Saisana & Saltelli 2013). Shown beside the
   * variance share as a check; the warnings use the variance share.
   */
  mainEffect: number | null;
}

export interface EffectiveWeights {
  scored: number;
  weights: EffectiveWeight[];
  /** Spearman's ρ between nominal and effective weights across the indicators. */
  rankCorrelation: number | null;
}

export interface CoherenceWarning {
  kind: 'alpha' | 'weak' | 'redundant' | 'effective';
  /** The pillar or indicator code(s) it is about. */
  subject: string;
  text: string;
}

export interface CoherenceReport {
  version: typeof COHERENCE_VERSION;
  scored: number;
  thresholds: typeof COHERENCE_THRESHOLDS;
  /** How the effective weight is defined (said in the UI and docs/index-method.md §5a). */
  definition: 'variance_share';
  pillars: CoherencePillar[];
  /** Indicator pairs with |r| > 0.9. */
  redundant: { a: string; b: string; correlation: number; samePillar: boolean }[];
  effective: {
    /** All scored enterprises, each with its own stage's weights. */
    overall: EffectiveWeights;
    /** Each stage on its own (its pillar weights). */
    stages: (EffectiveWeights & { stage: Stage; label: string })[];
  };
  /** In plain Chinese: α below 0.7, weak indicators, redundant pairs, effective weights outside ×0.5–×2 (overall). */
  warnings: CoherenceWarning[];
}

/** The scored enterprises as the statistics need them. */
export interface CoherenceInput {
  indicators: {
    code: string;
    name: string;
    pillar: Pillar;
    /** Weight within the pillar (the method's indicator weight). */
    within: number;
    /** Weight in the score per stage (pillar × indicator). */
    weight: Record<Stage, number>;
  }[];
  /** n × k normalised values, row-major, of the scored enterprises only. */
  values: ArrayLike<number>;
  /** The stage of each of the n enterprises. */
  stages: readonly Stage[];
}

// ------------------------------------------------------------------ statistics

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return x.length ? s / x.length : NaN;
}

/** Sum of products of deviations from the mean (n × covariance). */
function coSum(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const mx = mean(x);
  const my = mean(y);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - mx) * (y[i]! - my);
  return s;
}

/** Pearson's r (unrounded); null with fewer than 3 values or a constant series. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  if (x.length < 3 || x.length !== y.length) return null;
  const sxx = coSum(x, x);
  const syy = coSum(y, y);
  // a series constant up to rounding noise counts as constant
  if (!(sxx > 1e-12 * x.length) || !(syy > 1e-12 * y.length)) return null;
  return Math.max(-1, Math.min(1, coSum(x, y) / Math.sqrt(sxx * syy)));
}

/**
 * Cronbach's α = k/(k − 1) · (1 − Σ var(xⱼ) / var(Σ xⱼ)) over the columns as they are
 * (not standardised); null with fewer than two columns or a constant total.
 */
export function cronbachAlpha(cols: readonly ArrayLike<number>[]): number | null {
  const k = cols.length;
  if (k < 2 || cols[0]!.length < 2) return null;
  const n = cols[0]!.length;
  const total = new Float64Array(n);
  let items = 0;
  for (const c of cols) {
    items += coSum(c, c);
    for (let i = 0; i < n; i++) total[i]! += c[i]!;
  }
  const tv = coSum(total, total);
  if (!(tv > 1e-12 * n)) return null;
  return (k / (k - 1)) * (1 - items / tv);
}

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations, largest first. */
export function symmetricEigenvalues(matrix: readonly (readonly number[])[]): number[] {
  const n = matrix.length;
  const a = matrix.map((row) => [...row]);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        // the rotation that zeroes a[p][q]
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((row, i) => row[i]!).sort((x, y) => y - x);
}

/** Eigenvalues of the columns' correlation matrix (constant columns left out), largest first. */
export function correlationEigenvalues(cols: readonly ArrayLike<number>[]): number[] {
  const usable = cols.filter((c) => pearson(c, c) !== null);
  const m = usable.map((x, i) => usable.map((y, j) => (i === j ? 1 : pearson(x, y)!)));
  return symmetricEigenvalues(m);
}

/** Average ranks (1 = smallest), ties sharing their mean rank. */
function averageRanks(x: readonly number[]): number[] {
  const idx = x.map((_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const out = new Array<number>(x.length);
  for (let i = 0; i < idx.length; ) {
    let e = i;
    while (e + 1 < idx.length && x[idx[e + 1]!] === x[idx[i]!]) e++;
    for (let t = i; t <= e; t++) out[idx[t]!] = (i + e) / 2 + 1;
    i = e + 1;
  }
  return out;
}

/** Spearman's ρ (Pearson's r of the average ranks). */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  return pearson(averageRanks(x), averageRanks(y));
}

/**
 * Each column's share of the variance of the weighted sum S = Σ wⱼxⱼ: Cov(wⱼxⱼ, S) / Var(S).
 * `weights` gives each row its own weights (the enterprise's stage). Null when S is constant.
 */
export function varianceShares(values: ArrayLike<number>, k: number, weightsOf: (row: number) => ArrayLike<number>): (number | null)[] {
  const n = values.length / k;
  const contrib = Array.from({ length: k }, () => new Float64Array(n));
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = weightsOf(i);
    for (let j = 0; j < k; j++) {
      const c = w[j]! * values[i * k + j]!;
      contrib[j]![i] = c;
      score[i]! += c;
    }
  }
  const v = coSum(score, score);
  if (!(v > 1e-12 * n)) return contrib.map(() => null);
  return contrib.map((c) => coSum(c, score) / v);
}

// ------------------------------------------------------------------ the report

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const fmt = (x: number) => x.toFixed(2).replace('-', '−');

function effectiveOf(input: CoherenceInput, rows: readonly number[], weightOf: (row: number) => Float64Array, nominal: readonly number[]): EffectiveWeights {
  const k = input.indicators.length;
  // only the indicators that weigh something
  const used = input.indicators.map((_, j) => j).filter((j) => nominal[j]! > 0);
  const m = used.length;
  const values = new Float64Array(rows.length * m);
  rows.forEach((r, i) => used.forEach((j, t) => (values[i * m + t] = input.values[r * k + j]!)));
  const shares = varianceShares(values, m, (i) => {
    const w = weightOf(rows[i]!);
    return used.map((j) => w[j]!);
  });
  const score = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    const w = weightOf(r);
    for (const j of used) score[i]! += w[j]! * input.values[r * k + j]!;
  });
  const { low, high } = COHERENCE_THRESHOLDS.effectiveRatio;
  const rs = used.map((j) => pearson(Float64Array.from(rows, (r) => input.values[r * k + j]!), score));
  const r2sum = rs.reduce<number>((s, r) => s + (r ?? 0) ** 2, 0);
  const weights = used.map((j, t): EffectiveWeight => {
    const ind = input.indicators[j]!;
    const eff = shares[t]!;
    const ratio = eff === null ? null : eff / nominal[j]!;
    const r = rs[t]!;
    return {
      code: ind.code,
      name: ind.name,
      pillar: ind.pillar,
      nominal: r4(nominal[j]!),
      effective: eff === null ? null : r4(eff),
      ratio: ratio === null ? null : r3(ratio),
      flag: ratio === null ? null : ratio < low ? 'low' : ratio > high ? 'high' : null,
      scoreCorrelation: r === null ? null : r3(r),
      mainEffect: r === null || !(r2sum > 0) ? null : r4((r * r) / r2sum),
    };
  });
  const both = weights.filter((w) => w.effective !== null);
  const rho = both.length >= 3 ? spearman(both.map((w) => w.nominal), both.map((w) => w.effective!)) : null;
  return { scored: rows.length, weights, rankCorrelation: rho === null ? null : r3(rho) };
}

/** The coherence report of scored enterprises given as plain arrays. */
export function coherenceOf(input: CoherenceInput): CoherenceReport {
  const k = input.indicators.length;
  const n = input.stages.length;
  if (input.values.length !== n * k) throw new Error(`coherenceOf: ${input.values.length} values for ${n} × ${k}`);
  const T = COHERENCE_THRESHOLDS;
  const cols = input.indicators.map((_, j) => Float64Array.from({ length: n }, (_, i) => input.values[i * k + j]!));
  const warnings: CoherenceWarning[] = [];

  // Pillars, in the order their first indicator appears.
  const byPillar = new Map<Pillar, number[]>();
  input.indicators.forEach((ind, j) => byPillar.set(ind.pillar, [...(byPillar.get(ind.pillar) ?? []), j]));
  const pillars = [...byPillar].map(([code, js]): CoherencePillar => {
    const label = PILLARS[code];
    const within = js.reduce((s, j) => s + input.indicators[j]!.within, 0);
    const pillarScore = new Float64Array(n);
    for (const j of js) {
      const w = within > 0 ? input.indicators[j]!.within / within : 1 / js.length;
      cols[j]!.forEach((v, i) => (pillarScore[i]! += w * v));
    }
    const indicators = js.map((j): CoherenceIndicator => {
      const ind = input.indicators[j]!;
      const r = js.length > 1 ? pearson(cols[j]!, pillarScore) : null;
      const weak = r !== null && r < T.itemPillarMin;
      if (weak) {
        warnings.push({
          kind: 'weak',
          subject: ind.code,
          text: r < 0 ? `${ind.name}与其支柱“${label}”负相关（r = ${fmt(r)}）：方向与支柱相反` : `${ind.name}与其支柱“${label}”相关性弱（r = ${fmt(r)}，低于 ${T.itemPillarMin}）`,
        });
      }
      return { code: ind.code, name: ind.name, correlation: r === null ? null : r3(r), weak };
    });
    const pcols = js.map((j) => cols[j]!);
    const alpha = cronbachAlpha(pcols);
    if (alpha !== null && alpha < T.alphaMin) {
      warnings.push({ kind: 'alpha', subject: code, text: `支柱“${label}”的 Cronbach α 为 ${fmt(alpha)}，低于 ${T.alphaMin}：其指标并不一同变化，合成为一个支柱得分需要理由` });
    }
    const eigenvalues = js.length > 1 ? correlationEigenvalues(pcols) : [];
    const pc1Share = eigenvalues.length > 1 ? eigenvalues[0]! / eigenvalues.length : null;
    return { code, label, indicators, alpha: alpha === null ? null : r3(alpha), pc1Share: pc1Share === null ? null : r3(pc1Share), eigenvalues: eigenvalues.map(r3) };
  });

  const redundant: CoherenceReport['redundant'] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const r = pearson(cols[a]!, cols[b]!);
      if (r === null || !(Math.abs(r) > T.redundantAbove)) continue;
      const [ia, ib] = [input.indicators[a]!, input.indicators[b]!];
      redundant.push({ a: ia.code, b: ib.code, correlation: r3(r), samePillar: ia.pillar === ib.pillar });
      warnings.push({ kind: 'redundant', subject: `${ia.code},${ib.code}`, text: `${ia.name}与${ib.name}高度相关（r = ${fmt(r)}，|r| 超过 ${T.redundantAbove}）：可能重复计量` });
    }
  }

  // Effective weights: overall with each enterprise's stage weights, then each stage.
  const stageWeights = { startup: new Float64Array(k), growth: new Float64Array(k), mature: new Float64Array(k) } as Record<Stage, Float64Array>;
  for (const st of ['startup', 'growth', 'mature'] as Stage[]) input.indicators.forEach((ind, j) => (stageWeights[st][j] = ind.weight[st]));
  const all = Array.from({ length: n }, (_, i) => i);
  const meanNominal = input.indicators.map((_, j) => (n ? input.stages.reduce((s, st) => s + stageWeights[st][j]!, 0) / n : 0));
  const overall = effectiveOf(input, all, (r) => stageWeights[input.stages[r]!], meanNominal);
  for (const w of overall.weights) {
    if (!w.flag || w.effective === null) continue;
    const share = w.effective < 0 ? `为负（${pct(w.effective)}）` : pct(w.effective);
    warnings.push({
      kind: 'effective',
      subject: w.code,
      text:
        w.flag === 'low'
          ? `${w.name}：名义权重 ${pct(w.nominal)}，实际影响（占得分方差的份额）${share}，不到名义的${T.effectiveRatio.low === 0.5 ? '一半' : `${T.effectiveRatio.low} 倍`}`
          : `${w.name}：名义权重 ${pct(w.nominal)}，实际影响（占得分方差的份额）${share}，超过名义的 ${T.effectiveRatio.high} 倍`,
    });
  }
  const stages = (['startup', 'growth', 'mature'] as Stage[])
    .map((st) => {
      const rows = all.filter((i) => input.stages[i] === st);
      return { stage: st, label: STAGE_LABEL[st], ...effectiveOf(input, rows, () => stageWeights[st], [...stageWeights[st]]) };
    })
    .filter((s) => s.scored > 0);

  return { version: COHERENCE_VERSION, scored: n, thresholds: T, definition: 'variance_share', pillars, redundant, effective: { overall, stages }, warnings };
}

/**
 * The coherence report of a scored population: the scored enterprises, the indicators that
 * have a data source (a listed indicator without one is constant and says nothing).
 */
export function coherenceReport(pop: ScoredPopulation): CoherenceReport {
  const rows: number[] = [];
  pop.scores.forEach((s, r) => {
    if (s.score !== null && pop.stages[r]) rows.push(r);
  });
  const kAll = pop.indicators.length;
  const js = pop.indicators.map((ind, j) => (ind.def.compute ? j : -1)).filter((j) => j >= 0);
  const within = new Map(pop.method.indicators.map((i) => [i.code, i.weight]));
  const values = new Float64Array(rows.length * js.length);
  rows.forEach((r, i) => js.forEach((j, t) => (values[i * js.length + t] = pop.normalised[r * kAll + j]!)));
  return coherenceOf({
    indicators: js.map((j) => {
      const ind = pop.indicators[j]!;
      return { code: ind.def.code, name: ind.def.name, pillar: ind.def.pillar, within: within.get(ind.def.code) ?? 0, weight: { ...ind.weight } };
    }),
    values,
    stages: rows.map((r) => pop.stages[r]!),
  });
}

/** True for a report in this version's shape (runs stored before issue #15 kept a shorter one). */
export function isCurrentCoherence(x: unknown): x is CoherenceReport {
  return typeof x === 'object' && x !== null && (x as { version?: unknown }).version === COHERENCE_VERSION;
}
