/**
 * An in-memory inverted index with field-weighted BM25 (BM25F): a term's
 * frequency is summed over the fields with their weights (title > keywords >
 * abstract) and length-normalised per field, then saturated once. Documents are
 * added, replaced and removed one at a time; queries return the best k with the
 * terms that matched, for highlighting and for "why". Postings are typed arrays
 * (document slots in increasing order, field frequencies beside them) so a query
 * walks them without allocating. Pure.
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

/** A term's postings: `n` documents, their slots ascending, and F frequencies each (slot-major). */
class Posting {
  slots = new Int32Array(4);
  tfs: Uint16Array;
  n = 0;
  constructor(private readonly f: number) {
    this.tfs = new Uint16Array(4 * f);
  }
  push(slot: number, tf: Uint16Array) {
    if (this.n === this.slots.length) {
      const s = new Int32Array(this.slots.length * 2);
      s.set(this.slots);
      this.slots = s;
      const t = new Uint16Array(this.tfs.length * 2);
      t.set(this.tfs);
      this.tfs = t;
    }
    this.slots[this.n] = slot;
    this.tfs.set(tf, this.n * this.f);
    this.n++;
  }
  /** Index of a slot, or −1 (binary search: slots only grow). */
  find(slot: number): number {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const m = (lo + hi) >> 1;
      const v = this.slots[m]!;
      if (v === slot) return m;
      if (v < slot) lo = m + 1;
      else hi = m - 1;
    }
    return -1;
  }
  delete(slot: number) {
    const i = this.find(slot);
    if (i < 0) return;
    this.slots.copyWithin(i, i + 1, this.n);
    this.tfs.copyWithin(i * this.f, (i + 1) * this.f, this.n * this.f);
    this.n--;
  }
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
  private scratch = new Float64Array(0);

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
    const F = this.fields.length;
    this.ids.push(id);
    this.slotOf.set(id, slot);
    const tfs = new Map<string, Uint16Array>();
    for (let f = 0; f < F; f++) {
      const toks = tokens[f] ?? [];
      this.lengths[f]![slot] = toks.length;
      this.totals[f]! += toks.length;
      for (const t of toks) {
        let tf = tfs.get(t);
        if (!tf) tfs.set(t, (tf = new Uint16Array(F)));
        if (tf[f]! < 65535) tf[f]!++;
      }
    }
    for (const [t, tf] of tfs) {
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = new Posting(F)));
      p.push(slot, tf);
    }
    this.terms[slot] = [...tfs.keys()];
    this.live++;
  }

  remove(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    for (const t of this.terms[slot] ?? []) {
      const p = this.postings.get(t)!;
      p.delete(slot);
      if (p.n === 0) this.postings.delete(t);
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
    const df = this.postings.get(term)?.n ?? 0;
    return Math.max(0.01, Math.log(1 + (this.live - df + 0.5) / (df + 0.5)));
  }

  /** The query terms a search uses: distinct, indexed, and for a long query the MAX_QUERY_TERMS most specific. */
  queryTerms(query: readonly string[]): string[] {
    const terms = [...new Set(query)].filter((t) => this.postings.has(t));
    // Long queries (a demand's whole text) keep their most specific terms: the common ones
    // cost the most (long posting lists) and decide the least.
    if (terms.length <= MAX_QUERY_TERMS) return terms;
    return terms.sort((a, b) => this.idf(b) - this.idf(a) || (a < b ? -1 : 1)).slice(0, MAX_QUERY_TERMS);
  }

  /**
   * The highest score any document could reach for this query: every term's
   * contribution saturates at idf·(k1+1). A query's hits divided by it are on one
   * scale across queries (a hit sharing one common word stays low).
   */
  upperBound(query: readonly string[]): number {
    return this.queryTerms(query).reduce((s, t) => s + this.idf(t) * (this.k1 + 1), 0);
  }

  /** The BM25F contribution of one term (its frequencies at `at` in the posting) to one document. */
  private contribution(p: Posting, at: number, idf: number, avg: number[]): number {
    const slot = p.slots[at]!;
    const F = this.fields.length;
    let w = 0;
    for (let f = 0; f < F; f++) {
      const x = p.tfs[at * F + f]!;
      if (!x) continue;
      const spec = this.fields[f]!;
      w += (spec.weight * x) / (1 - spec.b + (spec.b * this.lengths[f]![slot]!) / avg[f]!);
    }
    return (idf * w * (this.k1 + 1)) / (this.k1 + w);
  }

  /**
   * The best `k` documents for the query tokens (duplicates count once), among
   * those `accept` lets through. Ties break by id, so results are stable. Scores
   * accumulate in a reused array; only the best k get their matched terms.
   */
  search(query: readonly string[], k: number, accept?: (id: number) => boolean): Hit[] {
    const terms = this.queryTerms(query);
    if (terms.length === 0 || this.live === 0) return [];
    const avg = this.totals.map((t) => (t > 0 ? t / this.live : 1));
    if (this.scratch.length < this.ids.length) this.scratch = new Float64Array(Math.max(this.ids.length, this.scratch.length * 2));
    const score = this.scratch;
    const touched: number[] = [];
    const idfs = terms.map((t) => this.idf(t));
    terms.forEach((t, i) => {
      const p = this.postings.get(t)!;
      const idf = idfs[i]!;
      for (let at = 0; at < p.n; at++) {
        const slot = p.slots[at]!;
        if (score[slot] === 0) touched.push(slot);
        score[slot]! += this.contribution(p, at, idf, avg);
      }
    });
    // The best k among the accepted: a bounded selection (a sorted buffer of at most k).
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
      const found: { t: string; s: number }[] = [];
      terms.forEach((t, i) => {
        const p = this.postings.get(t)!;
        const at = p.find(slot);
        if (at >= 0) found.push({ t, s: this.contribution(p, at, idfs[i]!, avg) });
      });
      found.sort((a, b) => b.s - a.s);
      return { id: this.ids[slot]!, score: score[slot]!, terms: found.map((x) => x.t) };
    });
    for (const slot of touched) score[slot] = 0;
    return hits;
  }

  /** How many documents the query touches among the accepted. */
  count(query: readonly string[], accept?: (id: number) => boolean): number {
    return this.search(query, Number.MAX_SAFE_INTEGER, accept).length;
  }
}
