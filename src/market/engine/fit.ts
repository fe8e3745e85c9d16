/**
 * Fitting the matcher's signal weights from graded evidence (judged sets now; the pipeline's outcomes next): for each
 * demand, its candidates' signals (text, field, TRL, budget, modes, district, each 0–1), the hard-requirement factor
 * and a grade (0–3). The weights stay ≥ 0 and add up to 1, so scores keep their 0–1 scale and the floors keep their
 * meaning. Coordinate ascent on mean nDCG@10: move `step` between two signals while the mean improves, from a
 * starting point (a prior: the objective over tens of demands is flat with local optima). Pure and deterministic.
 */

export interface FitCandidate {
  id: string;
  /** One value per signal, in the order of the weights. */
  signals: readonly number[];
  /** The hard-requirement factor (1 when none applies). */
  factor: number;
}

export interface FitQuery {
  /** Grades of the judged candidates (others count 0). */
  judged: ReadonlyMap<string, number>;
  candidates: readonly FitCandidate[];
}

const score = (c: FitCandidate, w: readonly number[]) => c.factor * c.signals.reduce((s, x, i) => s + w[i]! * x, 0);

/** nDCG@k with gain 2^grade − 1; 0 for a query with nothing graded. */
export function ndcgAt(ranked: readonly string[], judged: ReadonlyMap<string, number>, k = 10): number {
  const dcg = ranked.slice(0, k).reduce((s, id, i) => s + (2 ** (judged.get(id) ?? 0) - 1) / Math.log2(i + 2), 0);
  const ideal = [...judged.values()]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

/** Mean nDCG@10 of the queries ranked by the weights (ties by id). */
export function meanNdcg(queries: readonly FitQuery[], w: readonly number[]): number {
  if (queries.length === 0) return 0;
  let total = 0;
  for (const q of queries) {
    const ranked = [...q.candidates].sort((a, b) => score(b, w) - score(a, w) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((c) => c.id);
    total += ndcgAt(ranked, q.judged);
  }
  return total / queries.length;
}

/** The weights (≥ 0, summing to 1, in hundredths) that coordinate ascent reaches from `start`. */
export function fitWeights(queries: readonly FitQuery[], start: readonly number[], steps: readonly number[] = [0.05, 0.02], rounds = 30): number[] {
  let w = start.map((x) => Math.round(x * 100) / 100);
  let best = meanNdcg(queries, w);
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (let i = 0; i < w.length; i++)
      for (let j = 0; j < w.length; j++) {
        if (i === j) continue;
        for (const step of steps) {
          if (w[j]! < step - 1e-9) continue;
          const c = [...w];
          c[i] = Math.round((c[i]! + step) * 100) / 100;
          c[j] = Math.round((c[j]! - step) * 100) / 100;
          const v = meanNdcg(queries, c);
          if (v > best + 1e-9) {
            best = v;
            w = c;
            improved = true;
          }
        }
      }
    if (!improved) break;
  }
  return w;
}

/** k-fold cross-validation of the fit over the queries (fold = position mod k): the held-out mean nDCG@10. */
export function crossValidate(queries: readonly FitQuery[], start: readonly number[], folds = 5, steps?: readonly number[]): number {
  if (queries.length < folds) return meanNdcg(queries, start);
  let total = 0;
  for (let f = 0; f < folds; f++) {
    const held = queries.filter((_, i) => i % folds === f);
    total += meanNdcg(held, fitWeights(queries.filter((_, i) => i % folds !== f), start, steps)) * held.length;
  }
  return total / queries.length;
}
