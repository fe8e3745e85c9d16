/**
 * An in-memory inverted index with field-weighted BM25 (BM25F): a term's
 * frequency is summed over the fields with their weights (title > keywords >
 * abstract) and length-normalised per field, then saturated once. Documents are
 * added, replaced and removed one at a time; queries return the best k with the
 * terms that matched, for highlighting and for "why". Pure.
 */

export interface FieldSpec {
  name: string;
  weight: number;
  /** Length normalisation (0 = none, 1 = full). */
  b: number;
}

export interface Hit {
  id: number;
  score: number;
  /** Query terms found in the document, best contribution first. */
  terms: string[];
}

/** Query terms kept for a long query, by specificity (idf). */
export const MAX_QUERY_TERMS = 16;

interface Posting {
  /** doc slot → per-field term frequencies, packed as field-major small arrays. */
  docs: Map<number, Uint16Array>;
}

export class Bm25Index {
  private readonly fields: FieldSpec[];
  private readonly k1: number;
  private readonly postings = new Map<string, Posting>();
  /** slot → id, id → slot; lengths per field per slot. */
  private readonly ids: number[] = [];
  private readonly slotOf = new Map<number, number>();
  private readonly lengths: number[][];
  private readonly totals: number[];
  private readonly terms: string[][] = [];
  private live = 0;

  constructor(fields: FieldSpec[], k1 = 1.2) {
    this.fields = fields;
    this.k1 = k1;
    this.lengths = fields.map(() => []);
    this.totals = fields.map(() => 0);
  }

  get size(): number {
    return this.live;
  }

  has(id: number): boolean {
    return this.slotOf.has(id);
  }

  /** Adds a document, or replaces it when the id is already indexed. `tokens[f]` are the tokens of field f. */
  add(id: number, tokens: string[][]): void {
    if (this.slotOf.has(id)) this.remove(id);
    const slot = this.ids.length;
    this.ids.push(id);
    this.slotOf.set(id, slot);
    const seen = new Set<string>();
    tokens.forEach((toks, f) => {
      this.lengths[f]![slot] = toks.length;
      this.totals[f]! += toks.length;
      for (const t of toks) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = { docs: new Map() }));
        let tf = p.docs.get(slot);
        if (!tf) p.docs.set(slot, (tf = new Uint16Array(this.fields.length)));
        if (tf[f]! < 65535) tf[f]!++;
        seen.add(t);
      }
    });
    for (let f = tokens.length; f < this.fields.length; f++) this.lengths[f]![slot] = 0;
    this.terms[slot] = [...seen];
    this.live++;
  }

  remove(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    for (const t of this.terms[slot] ?? []) {
      const p = this.postings.get(t)!;
      p.docs.delete(slot);
      if (p.docs.size === 0) this.postings.delete(t);
    }
    this.fields.forEach((_, f) => {
      this.totals[f]! -= this.lengths[f]![slot] ?? 0;
      this.lengths[f]![slot] = 0;
    });
    this.terms[slot] = [];
    this.slotOf.delete(id);
    this.live--;
  }

  /** Inverse document frequency (BM25's, floored at a small positive value). */
  idf(term: string): number {
    const df = this.postings.get(term)?.docs.size ?? 0;
    return Math.max(0.01, Math.log(1 + (this.live - df + 0.5) / (df + 0.5)));
  }

  /** Score of one term for one document slot (the BM25F contribution). */
  private contribution(tf: Uint16Array, slot: number, idf: number, avg: number[]): number {
    let w = 0;
    for (let f = 0; f < this.fields.length; f++) {
      const x = tf[f]!;
      if (!x) continue;
      const spec = this.fields[f]!;
      w += (spec.weight * x) / (1 - spec.b + (spec.b * (this.lengths[f]![slot] ?? 0)) / avg[f]!);
    }
    return (idf * w * (this.k1 + 1)) / (this.k1 + w);
  }

  private scratch = new Float64Array(0);

  /**
   * The best `k` documents for the query tokens (duplicates count once), among
   * those `accept` lets through. Ties break by id, so results are stable. Scores
   * accumulate in a reused array; only the best k get their matched terms.
   */
  search(query: readonly string[], k: number, accept?: (id: number) => boolean): Hit[] {
    let terms = [...new Set(query)].filter((t) => this.postings.has(t));
    if (terms.length === 0 || this.live === 0) return [];
    // Long queries (a demand's whole text) keep their most specific terms: the common ones
    // cost the most (long posting lists) and decide the least.
    if (terms.length > MAX_QUERY_TERMS) terms = terms.sort((a, b) => this.idf(b) - this.idf(a) || (a < b ? -1 : 1)).slice(0, MAX_QUERY_TERMS);
    const avg = this.totals.map((t) => (t > 0 ? t / this.live : 1));
    if (this.scratch.length < this.ids.length) this.scratch = new Float64Array(Math.max(this.ids.length, this.scratch.length * 2));
    const score = this.scratch;
    const touched: number[] = [];
    const idfs = terms.map((t) => this.idf(t));
    terms.forEach((t, i) => {
      const idf = idfs[i]!;
      for (const [slot, tf] of this.postings.get(t)!.docs) {
        if (score[slot] === 0) touched.push(slot);
        score[slot]! += this.contribution(tf, slot, idf, avg);
      }
    });
    // The best k among the accepted: a bounded selection (keep a sorted buffer of at most k).
    const better = (a: number, b: number) => score[a]! > score[b]! || (score[a] === score[b] && this.ids[a]! < this.ids[b]!);
    let best: number[] = [];
    if (k >= touched.length) {
      best = accept ? touched.filter((slot) => accept(this.ids[slot]!)) : touched.slice();
      best.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    } else {
      for (const slot of touched) {
        if (best.length === k && !better(slot, best[k - 1]!)) continue;
        if (accept && !accept(this.ids[slot]!)) continue;
        let i = best.length < k ? best.length : k - 1;
        if (best.length < k) best.push(slot);
        while (i > 0 && better(slot, best[i - 1]!)) {
          best[i] = best[i - 1]!;
          i--;
        }
        best[i] = slot;
      }
    }
    const hits = best.slice(0, k).map((slot) => {
      const found = terms
        .map((t, i) => {
          const tf = this.postings.get(t)!.docs.get(slot);
          return tf ? { t, s: this.contribution(tf, slot, idfs[i]!, avg) } : null;
        })
        .filter((x): x is { t: string; s: number } => x !== null)
        .sort((a, b) => b.s - a.s);
      return { id: this.ids[slot]!, score: score[slot]!, terms: found.map((x) => x.t) };
    });
    for (const slot of touched) score[slot] = 0;
    return hits;
  }

  /** Every document the query touches, with its score (for totals and pagination beyond k). */
  count(query: readonly string[], accept?: (id: number) => boolean): number {
    return this.search(query, Number.MAX_SAFE_INTEGER, accept).length;
  }
}
