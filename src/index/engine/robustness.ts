/**
 * Robustness of the ranking (OECD/JRC Handbook, step 7): a Monte Carlo run that
 * perturbs the weights and switches normalisation and aggregation, giving every
 * enterprise a median rank and a 90% interval, and flagging those whose interval
 * straddles a cut-off (their place above or below it is not robust: a person
 * should look). Seeded: the same seed gives the same result. Pure. (The coherence
 * report and effective weights stored with every run: ./coherence.ts.)
 */
import type { Pillar, Stage } from './indicators.js';
import { redistribute, type ScoredPopulation } from './score.js';

/** xorshift32, seeded. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s / 2 ** 32;
  }
}

export interface RobustnessOptions {
  draws: number;
  seed: number;
  /** Each weight is multiplied by U(1 − spread, 1 + spread), then renormalised. */
  spread: number;
  /** Also switch normalisation (min–max or rank) and aggregation (arithmetic or geometric) at random per draw; default true. */
  variants?: boolean;
}

export interface RankInterval {
  orgId: number;
  baseRank: number;
  medianRank: number;
  p5: number;
  p95: number;
  /** Cut-offs whose rank the 90% interval straddles. */
  straddles: string[];
}

export interface RobustnessResult {
  draws: number;
  scored: number;
  intervals: RankInterval[];
  cutoffs: { code: string; label: string; score: number; rank: number }[];
  flagged: number;
}

/** Ranks (1 = best) of scores, ties by the order given (stable). */
function ranks(scores: Float64Array, order: Int32Array): Int32Array {
  const idx = Int32Array.from(order);
  idx.sort((a, b) => scores[b]! - scores[a]! || a - b);
  const r = new Int32Array(scores.length);
  for (let i = 0; i < idx.length; i++) r[idx[i]!] = i + 1;
  return r;
}

/** Called every 1% of the draws (and at the end) with the draws done. */
export type RobustnessProgress = (done: number, total: number) => void;

export function robustness(pop: ScoredPopulation, opts: RobustnessOptions, progress?: RobustnessProgress): RobustnessResult {
  const rows: number[] = [];
  pop.scores.forEach((s, r) => {
    if (s.score !== null) rows.push(r);
  });
  const n = rows.length;
  const k = pop.indicators.length;
  const rng = new Rng(opts.seed);
  const stagesOf = rows.map((r) => pop.stages[r]!);
  // Enterprises whose cohort has indicators dropped (method coverage rules): the same drops under every draw's weights.
  const masks: Uint8Array[] = [];
  const maskIds = new Map<string, number>();
  const maskOf = Int32Array.from(rows, (r) => {
    const m = pop.dropMaskOf(r);
    if (!m) return -1;
    const key = m.join('');
    let id = maskIds.get(key);
    if (id === undefined) {
      maskIds.set(key, (id = masks.length));
      masks.push(m);
    }
    return id;
  });
  const pillarOf = pop.indicators.map((i) => i.def.pillar);
  const pillars = [...new Set(pillarOf)];
  const norm = new Float64Array(n * k);
  rows.forEach((r, i) => norm.set(pop.normalised.subarray(r * k, r * k + k), i * k));

  // Alternative normalisation: the empirical rank (percentile) of each indicator over the population.
  const rankNorm = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const col = Array.from({ length: n }, (_, i) => i).sort((a, b) => norm[a * k + j]! - norm[b * k + j]!);
    let i = 0;
    while (i < n) {
      let e = i;
      while (e + 1 < n && norm[col[e + 1]! * k + j] === norm[col[i]! * k + j]) e++;
      const v = n > 1 ? (i + e) / 2 / (n - 1) : 0.5;
      for (let t = i; t <= e; t++) rankNorm[col[t]! * k + j] = v;
      i = e + 1;
    }
  }

  const baseScores = Float64Array.from(rows, (r) => pop.scores[r]!.score!);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const baseRank = ranks(baseScores, order);
  const all = new Int32Array(opts.draws * n);
  const scores = new Float64Array(n);
  const w = { startup: new Float64Array(k), growth: new Float64Array(k), mature: new Float64Array(k) } as Record<Stage, Float64Array>;
  const step = Math.max(1, Math.floor(opts.draws / 100));
  for (let d = 0; d < opts.draws; d++) {
    // Perturbed weights: pillar and indicator multipliers, renormalised per stage.
    const pm = new Map<Pillar, number>(pillars.map((p) => [p, 1 - opts.spread + 2 * opts.spread * rng.next()]));
    const im = Array.from({ length: k }, () => 1 - opts.spread + 2 * opts.spread * rng.next());
    for (const st of ['startup', 'growth', 'mature'] as Stage[]) {
      let total = 0;
      for (let j = 0; j < k; j++) {
        const v = pop.indicators[j]!.weight[st] * pm.get(pillarOf[j]!)! * im[j]!;
        w[st][j] = v;
        total += v;
      }
      for (let j = 0; j < k; j++) w[st][j]! /= total;
    }
    const useRank = opts.variants !== false && rng.next() < 0.5;
    const geometric = opts.variants !== false && rng.next() < 0.5;
    const src = useRank ? rankNorm : norm;
    const dropped = new Map<string, Float64Array>();
    for (let i = 0; i < n; i++) {
      let ws = w[stagesOf[i]!];
      if (maskOf[i]! >= 0) {
        const key = `${maskOf[i]}|${stagesOf[i]}`;
        let d = dropped.get(key);
        if (!d) dropped.set(key, (d = redistribute(ws, pop.pillarIndex, masks[maskOf[i]!]!)));
        ws = d;
      }
      let s = 0;
      if (geometric) {
        // weighted geometric mean (a small floor so a zero does not wipe out the rest)
        for (let j = 0; j < k; j++) if (ws[j]! > 0) s += ws[j]! * Math.log(0.01 + src[i * k + j]!);
        s = Math.exp(s);
      } else {
        for (let j = 0; j < k; j++) s += ws[j]! * src[i * k + j]!;
      }
      scores[i] = s;
    }
    all.set(ranks(scores, order), d * n);
    if (progress && (d + 1) % step === 0) progress(d + 1, opts.draws);
  }
  progress?.(opts.draws, opts.draws);

  const cutoffs = pop.method.cutoffs.map((c) => ({ ...c, rank: baseScores.reduce((a, s) => a + (s >= c.score ? 1 : 0), 0) }));
  const intervals: RankInterval[] = [];
  const col = new Int32Array(opts.draws);
  let flagged = 0;
  const q = (sorted: Int32Array, p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))]!;
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < opts.draws; d++) col[d] = all[d * n + i]!;
    col.sort();
    const p5 = q(col, 0.05);
    const p95 = q(col, 0.95);
    // A cut-off at rank c separates ranks ≤ c from ranks > c: straddled when p5 ≤ c < p95.
    const straddles = cutoffs.filter((c) => c.rank > 0 && c.rank < n && p5 <= c.rank && c.rank < p95).map((c) => c.code);
    if (straddles.length) flagged++;
    intervals.push({ orgId: pop.scores[rows[i]!]!.orgId, baseRank: baseRank[i]!, medianRank: q(col, 0.5), p5, p95, straddles });
  }
  return { draws: opts.draws, scored: n, intervals, cutoffs, flagged };
}
