/**
 * An in-memory inverted index with field-weighted BM25 (BM25F): a term's
 * frequency is summed over the fields with their weights (title > keywords >
 * abstract) and length-normalised per field, then saturated once. Documents are
 * added, replaced and removed one at a time; queries return the best k with the
 * terms that matched, for highlighting and for "why". Postings are typed arrays
 * (document slots in increasing order, field frequencies beside them) so a query
 * walks them without allocating. Pure.
 *
 * A query is one term-at-a-time pass over its postings (≈ 25 ns a posting) into
 * a reused score array; what used to cost more than the pass is kept small: the
 * per-field length normalisations are cached per slot (recomputed on the first
 * query after documents came or went, since the average lengths move), the top k
 * come from a bounded buffer that most documents leave after one comparison, a
 * ranking of every hit uses a radix sort, and matched terms come from bits
 * recorded during the pass. Scores are summed in the same order as a direct
 * computation, so results are the same to the last bit (bm25.test.ts checks this
 * against a plain implementation).
 *
 * (MaxScore-style pruning was tried and dropped: on 100,000 achievements, many of
 * them near-duplicates, the candidates that survive pruning must be re-scored
 * exactly, and that cost more than the full pass it saved.)
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

/** A typed array at least `min` long (grown by doubling, contents kept). */
function grow<T extends Int32Array | Float64Array>(a: T, min: number, make: (n: number) => T): T {
  if (a.length >= min) return a;
  const b = make(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

/** One query's terms as the scorer needs them, in query order (the order scores are summed in). */
interface Prepared {
  terms: string[];
  postings: Posting[];
  idfs: number[];
}

export class Bm25Index {
  private readonly fields: FieldSpec[];
  private readonly k1: number;
  private readonly postings = new Map<string, Posting>();
  /** slot → id, id → slot; lengths per field per slot. */
  private readonly ids: number[] = [];
  private readonly slotOf = new Map<number, number>();
  private lengths: Int32Array[];
  private readonly totals: number[];
  private readonly terms: string[][] = [];
  private live = 0;

  /**
   * Per field, per slot: the BM25F length normalisation 1 − b + b·len/avglen.
   * It depends on the average length, so any add or remove marks it stale and the
   * next query recomputes it (one pass over the slots).
   */
  private norms: Float64Array[];
  private normsStale = true;

  // Per-query scratch, reused (a query must not run inside another's `accept`).
  /** Scores by slot; zero outside a query. */
  private acc = new Float64Array(0);
  /** The query terms a slot has (bit i: the query's term i); zero outside a query. */
  private seen = new Int32Array(0);
  /** The slots seen by the current query, in the order first seen, and how many (the scratch to clean). */
  private touched = new Int32Array(0);
  private nTouched = 0;

  constructor(fields: FieldSpec[], k1 = 1.2) {
    this.fields = fields;
    this.k1 = k1;
    this.lengths = fields.map(() => new Int32Array(16));
    this.norms = fields.map(() => new Float64Array(16));
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
      this.lengths[f] = grow(this.lengths[f]!, slot + 1, (n) => new Int32Array(n));
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
    this.normsStale = true;
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
    this.normsStale = true;
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

  /** Recomputes the cached length normalisations when documents came or went since the last query. */
  private refreshNorms(): void {
    if (!this.normsStale) return;
    const n = this.ids.length;
    this.fields.forEach((spec, f) => {
      const avg = this.totals[f]! > 0 ? this.totals[f]! / this.live : 1;
      const len = this.lengths[f]!;
      const norm = (this.norms[f] = grow(this.norms[f]!, n, (m) => new Float64Array(m)));
      // Exactly the expression a direct computation would use, so scores are bit-identical.
      for (let s = 0; s < n; s++) norm[s] = 1 - spec.b + (spec.b * len[s]!) / avg;
    });
    this.normsStale = false;
  }

  /** Makes the scratch arrays as long as the slots. */
  private sizeScratch(): void {
    const n = this.ids.length;
    this.acc = grow(this.acc, n, (m) => new Float64Array(m));
    this.seen = grow(this.seen, n, (m) => new Int32Array(m));
    this.touched = grow(this.touched, n, (m) => new Int32Array(m));
  }

  /** The BM25F contribution of one term (its frequencies at `at` in the posting) to one document. */
  private contribution(p: Posting, at: number, idf: number): number {
    const slot = p.slots[at]!;
    const F = this.fields.length;
    let w = 0;
    for (let f = 0; f < F; f++) {
      const x = p.tfs[at * F + f]!;
      if (!x) continue;
      w += (this.fields[f]!.weight * x) / this.norms[f]![slot]!;
    }
    return (idf * w * (this.k1 + 1)) / (this.k1 + w);
  }

  /**
   * The score and matched terms `search` would give a document with these tokens (one list per field) for the
   * query, on this index's statistics (idf, average field lengths): for a document of the index, exactly its hit's
   * (the same sum in the same order, to the last bit; the same terms in the same order). Null when the document has
   * none of the query's terms (search would not return it). For scoring one pair without a search.
   */
  scoreDocument(query: readonly string[], tokens: readonly (readonly string[])[]): { score: number; terms: string[] } | null {
    const terms = this.queryTerms(query);
    if (terms.length === 0 || this.live === 0) return null;
    const F = this.fields.length;
    const tfs = new Map<string, Uint16Array>();
    const norms: number[] = [];
    for (let f = 0; f < F; f++) {
      const toks = tokens[f] ?? [];
      for (const t of toks) {
        let tf = tfs.get(t);
        if (!tf) tfs.set(t, (tf = new Uint16Array(F)));
        if (tf[f]! < 65535) tf[f]!++;
      }
      // As refreshNorms computes it.
      const spec = this.fields[f]!;
      const avg = this.totals[f]! > 0 ? this.totals[f]! / this.live : 1;
      norms.push(1 - spec.b + (spec.b * toks.length) / avg);
    }
    let score = 0;
    const found: { t: string; s: number }[] = [];
    for (const t of terms) {
      const tf = tfs.get(t);
      if (!tf) continue;
      // As `contribution` (and the scan) compute it.
      let w = 0;
      for (let f = 0; f < F; f++) {
        const x = tf[f]!;
        if (x) w += (this.fields[f]!.weight * x) / norms[f]!;
      }
      const c = (this.idf(t) * w * (this.k1 + 1)) / (this.k1 + w);
      score = score + c;
      found.push({ t, s: c });
    }
    if (found.length === 0) return null;
    // Best contribution first, query order among equals (Array sort is stable), as `hits` orders them.
    return { score, terms: found.length === 1 ? [found[0]!.t] : found.sort((a, b) => b.s - a.s).map((x) => x.t) };
  }

  /**
   * The best `k` documents for the query tokens (duplicates count once), among
   * those `accept` lets through. Ties break by id, so results are stable. Only
   * the hits returned get their matched terms.
   */
  search(query: readonly string[], k: number, accept?: (id: number) => boolean): Hit[] {
    const terms = this.queryTerms(query);
    if (terms.length === 0 || this.live === 0 || k <= 0) return [];
    this.refreshNorms();
    this.sizeScratch();
    const q: Prepared = { terms, postings: terms.map((t) => this.postings.get(t)!), idfs: terms.map((t) => this.idf(t)) };
    try {
      const n = this.scan(q);
      const ranked = k >= n ? this.rankAll(n, accept) : this.selectTop(n, k, accept);
      return this.hits(q, ranked);
    } finally {
      // Leave the scratch clean for the next query (also when `accept` threw).
      const { acc, seen, touched } = this;
      for (let i = 0; i < this.nTouched; i++) {
        acc[touched[i]!] = 0;
        seen[touched[i]!] = 0;
      }
      this.nTouched = 0;
    }
  }

  /**
   * Term at a time, in query order (the order scores are summed in): every
   * touched slot's score in `acc`, the terms it has as bits in `seen`, and the
   * slots in `touched`. Returns how many slots were touched.
   */
  private scan(q: Prepared): number {
    const { acc, seen, touched, norms } = this;
    const F = this.fields.length;
    const weights = this.fields.map((f) => f.weight);
    const k1 = this.k1;
    let n = 0;
    for (let i = 0; i < q.terms.length; i++) {
      const p = q.postings[i]!;
      const { slots, tfs } = p;
      const idf = q.idfs[i]!;
      const bit = 1 << i;
      for (let at = 0; at < p.n; at++) {
        const slot = slots[at]!;
        if (seen[slot] === 0) touched[n++] = slot;
        seen[slot] = seen[slot]! | bit;
        // The BM25F contribution, inlined (see `contribution`, which must compute the same).
        let w = 0;
        for (let f = 0; f < F; f++) {
          const x = tfs[at * F + f]!;
          if (x) w += (weights[f]! * x) / norms[f]![slot]!;
        }
        acc[slot] = acc[slot]! + (idf * w * (k1 + 1)) / (k1 + w);
      }
      this.nTouched = n;
    }
    return n;
  }

  /** Whether slot a ranks before slot b: higher score, then lower id. */
  private before(a: number, b: number): boolean {
    const sa = this.acc[a]!;
    const sb = this.acc[b]!;
    return sa > sb || (sa === sb && this.ids[a]! < this.ids[b]!);
  }

  /**
   * The best k accepted touched slots, ranked: a sorted buffer of at most k that
   * a slot enters only when it beats the current k-th (so `accept` is asked only
   * for slots that would enter).
   */
  private selectTop(n: number, k: number, accept: ((id: number) => boolean) | undefined): number[] {
    const { acc, touched } = this;
    const best: number[] = [];
    // The k-th best score once the buffer is full: a cheap first test.
    let floor = -Infinity;
    for (let i = 0; i < n; i++) {
      const slot = touched[i]!;
      if (acc[slot]! < floor) continue;
      if (best.length === k && !this.before(slot, best[k - 1]!)) continue;
      if (accept && !accept(this.ids[slot]!)) continue;
      let j = best.length < k ? best.length : k - 1;
      if (best.length < k) best.push(slot);
      while (j > 0 && this.before(slot, best[j - 1]!)) {
        best[j] = best[j - 1]!;
        j--;
      }
      best[j] = slot;
      if (best.length === k) floor = acc[best[k - 1]!]!;
    }
    return best;
  }

  /** Every accepted touched slot, ranked. */
  private rankAll(n: number, accept: ((id: number) => boolean) | undefined): ArrayLike<number> {
    const { acc, touched } = this;
    const kept = new Int32Array(n);
    let m = 0;
    let positive = true;
    for (let i = 0; i < n; i++) {
      const slot = touched[i]!;
      if (!accept || accept(this.ids[slot]!)) kept[m++] = slot;
      if (!(acc[slot]! > 0)) positive = false;
    }
    const slots = kept.subarray(0, m);
    // (Scores are positive unless a field weighs 0 or less; the radix sort below needs them positive.)
    if (m <= 2048 || !positive) return Array.from(slots).sort((a, b) => acc[b]! - acc[a]! || this.ids[a]! - this.ids[b]!);
    // Many hits (a query of common words over a large index): a radix sort on the
    // scores' bits, then runs of equal scores ordered by id.
    const sorted = sortByScoreDesc(slots, acc);
    for (let i = 0; i < m; ) {
      let j = i + 1;
      while (j < m && acc[sorted[j]!] === acc[sorted[i]!]) j++;
      if (j - i > 1) sorted.subarray(i, j).sort((a, b) => this.ids[a]! - this.ids[b]!);
      i = j;
    }
    return sorted;
  }

  /** Hits for ranked slots, with the query terms each has (from the `seen` bits), best contribution first. */
  private hits(q: Prepared, ranked: ArrayLike<number>): Hit[] {
    const out: Hit[] = new Array<Hit>(ranked.length);
    // A hit's terms: indices and contributions, insertion-sorted (stable: query order among equals).
    const idx = new Int32Array(MAX_QUERY_TERMS);
    const val = new Float64Array(MAX_QUERY_TERMS);
    for (let h = 0; h < ranked.length; h++) {
      const slot = ranked[h]!;
      const bits = this.seen[slot]!;
      let terms: string[];
      if ((bits & (bits - 1)) === 0) {
        // One term (the common case for a large result): nothing to order.
        terms = [q.terms[31 - Math.clz32(bits)]!];
      } else {
        let m = 0;
        for (let i = 0; i < q.terms.length; i++) {
          if (!(bits & (1 << i))) continue;
          const p = q.postings[i]!;
          const s = this.contribution(p, p.find(slot), q.idfs[i]!);
          let j = m++;
          while (j > 0 && val[j - 1]! < s) {
            val[j] = val[j - 1]!;
            idx[j] = idx[j - 1]!;
            j--;
          }
          val[j] = s;
          idx[j] = i;
        }
        terms = new Array<string>(m);
        for (let j = 0; j < m; j++) terms[j] = q.terms[idx[j]!]!;
      }
      out[h] = { id: this.ids[slot]!, score: this.acc[slot]!, terms };
    }
    return out;
  }

  /** How many documents the query touches among the accepted. */
  count(query: readonly string[], accept?: (id: number) => boolean): number {
    const terms = this.queryTerms(query);
    if (terms.length === 0 || this.live === 0) return 0;
    this.sizeScratch();
    const { seen, touched } = this;
    let n = 0;
    for (const t of terms) {
      const p = this.postings.get(t)!;
      for (let at = 0; at < p.n; at++) {
        const slot = p.slots[at]!;
        if (seen[slot] === 0) {
          seen[slot] = 1;
          touched[n++] = slot;
        }
      }
    }
    // Clean the scratch before asking `accept` (which may throw).
    for (let i = 0; i < n; i++) seen[touched[i]!] = 0;
    let c = 0;
    for (let i = 0; i < n; i++) if (!accept || accept(this.ids[touched[i]!]!)) c++;
    return c;
  }
}

/**
 * Slots ordered by score, highest first: an LSD radix sort (four 16-bit digits)
 * on the scores' IEEE-754 bits, which order like the values for scores ≥ 0
 * (inverted, for descending). Stable, so equal scores keep their input order.
 */
function sortByScoreDesc(slots: Int32Array, score: Float64Array): Int32Array {
  const n = slots.length;
  const one = new Float64Array(1);
  const word = new Uint32Array(one.buffer); // [low, high] on little-endian machines, [high, low] otherwise
  const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
  // Each element carries its key (two inverted 32-bit words) through the passes.
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let sl = slots.slice();
  for (let i = 0; i < n; i++) {
    one[0] = score[sl[i]!]!;
    lo[i] = ~word[LOW]! >>> 0;
    hi[i] = ~word[1 - LOW]! >>> 0;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let sl2 = new Int32Array(n);
  const count = new Int32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[((key[i]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 0; d < 65536; d++) count[d + 1]! += count[d]!;
    for (let i = 0; i < n; i++) {
      const at = count[(key[i]! >>> shift) & 0xffff]!++;
      lo2[at] = lo[i]!;
      hi2[at] = hi[i]!;
      sl2[at] = sl[i]!;
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [sl, sl2] = [sl2, sl];
  }
  return sl;
}
