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

  /**
   * The best `k` documents for the query tokens (duplicates count once), among
   * those `accept` lets through. Ties break by id, so results are stable.
   */
  search(query: readonly string[], k: number, accept?: (id: number) => boolean): Hit[] {
    const terms = [...new Set(query)].filter((t) => this.postings.has(t));
    if (terms.length === 0 || this.live === 0) return [];
    const avg = this.totals.map((t) => (t > 0 ? t / this.live : 1));
    const score = new Map<number, number>();
    const matched = new Map<number, { t: string; s: number }[]>();
    for (const t of terms) {
      const idf = this.idf(t);
      for (const [slot, tf] of this.postings.get(t)!.docs) {
        let w = 0;
        for (let f = 0; f < this.fields.length; f++) {
          const x = tf[f]!;
          if (!x) continue;
          const spec = this.fields[f]!;
          w += (spec.weight * x) / (1 - spec.b + (spec.b * (this.lengths[f]![slot] ?? 0)) / avg[f]!);
        }
        const s = (idf * w * (this.k1 + 1)) / (this.k1 + w);
        score.set(slot, (score.get(slot) ?? 0) + s);
        let m = matched.get(slot);
        if (!m) matched.set(slot, (m = []));
        m.push({ t, s });
      }
    }
    const hits: Hit[] = [];
    for (const [slot, s] of score) {
      const id = this.ids[slot]!;
      if (accept && !accept(id)) continue;
      hits.push({ id, score: s, terms: matched.get(slot)!.sort((a, b) => b.s - a.s).map((x) => x.t) });
    }
    hits.sort((a, b) => b.score - a.score || a.id - b.id);
    return hits.slice(0, k);
  }

  /** Every document the query touches, with its score (for totals and pagination beyond k). */
  count(query: readonly string[], accept?: (id: number) => boolean): number {
    return this.search(query, Number.MAX_SAFE_INTEGER, accept).length;
  }
}
