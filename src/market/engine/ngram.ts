/**
 * Character-bigram TF-IDF with cosine similarity: the matcher's surface layer. It needs no segmentation, so it
 * catches what word segmentation splits differently on the two sides (涂层 in 耐磨涂层 and 涂层工艺) and partial
 * overlaps of compounds; it also catches shared numbers and Latin terms (CMP, 5G). Incremental (add, remove);
 * idf from the live collection. Pure.
 */

const KEEP = /[\p{Script=Han}A-Za-z0-9]/u;

/** The text's character bigrams: Han characters, Latin letters and digits only (case-folded, NFKC). */
export function bigrams(text: string): string[] {
  const chars = [...text.normalize('NFKC').toLowerCase()].filter((c) => KEEP.test(c));
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Bigrams found in more than `share` of the documents (once there are `minDocs`) are ignored as evidence. */
export interface Ignore {
  share: number;
  minDocs: number;
}

export interface NgramHit {
  id: number;
  score: number;
}

/** A bigram's documents and their weights, in growable typed arrays (a removed document is swapped out). */
class Posting {
  ids = new Int32Array(4);
  weights = new Float32Array(4);
  n = 0;

  push(id: number, w: number): void {
    if (this.n === this.ids.length) {
      const ids = new Int32Array(this.n * 2);
      ids.set(this.ids);
      const weights = new Float32Array(this.n * 2);
      weights.set(this.weights);
      this.ids = ids;
      this.weights = weights;
    }
    this.ids[this.n] = id;
    this.weights[this.n] = w;
    this.n++;
  }

  delete(id: number): void {
    for (let i = 0; i < this.n; i++) {
      if (this.ids[i] !== id) continue;
      this.n--;
      this.ids[i] = this.ids[this.n]!;
      this.weights[i] = this.weights[this.n]!;
      return;
    }
  }
}

/** A document: its bigrams' numbers (sorted) and weights, for exact similarities by binary search. */
interface Doc {
  grams: Int32Array;
  weights: Float32Array;
}

/**
 * SMART lnc.ltc: a document's weights are (1 + ln tf), cosine-normalised, fixed when it is added (they do not
 * depend on the collection, so an index kept up to date equals one rebuilt); the query's are (1 + ln tf) · idf,
 * cosine-normalised, with idf from the live collection. Bigrams are numbered once; postings and documents are typed
 * arrays (at 100,000 achievements × ~150 bigrams, maps of maps would take gigabytes).
 */
export class NgramIndex {
  private readonly docs = new Map<number, Doc>();
  /** Bigram → its number; number → its posting. */
  private readonly numbers = new Map<string, number>();
  private readonly postings: Posting[] = [];

  has(id: number): boolean {
    return this.docs.has(id);
  }

  get size(): number {
    return this.docs.size;
  }

  private number(gram: string): number {
    let n = this.numbers.get(gram);
    if (n === undefined) {
      n = this.postings.length;
      this.numbers.set(gram, n);
      this.postings.push(new Posting());
    }
    return n;
  }

  /** Documents containing the bigram. */
  private df(gram: string): number {
    const n = this.numbers.get(gram);
    return n === undefined ? 0 : this.postings[n]!.n;
  }

  /** Adds a document (or replaces the one with the same id) from its text. */
  add(id: number, text: string): void {
    this.remove(id);
    const counts = new Map<number, number>();
    for (const g of bigrams(text)) {
      const n = this.number(g);
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    const grams = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const weights = new Float32Array(grams.length);
    let norm = 0;
    grams.forEach((g, i) => {
      const w = 1 + Math.log(counts.get(g)!);
      weights[i] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < grams.length; i++) {
      weights[i]! /= norm;
      this.postings[grams[i]!]!.push(id, weights[i]!);
    }
    this.docs.set(id, { grams, weights });
  }

  remove(id: number): void {
    const d = this.docs.get(id);
    if (!d) return;
    for (const g of d.grams) this.postings[g]!.delete(id);
    this.docs.delete(id);
  }

  idf(gram: string): number {
    return Math.log(1 + this.docs.size / (1 + this.df(gram)));
  }

  /**
   * The query's weights, (1 + ln tf) · idf, cosine-normalised over all its bigrams — those no document has count
   * with the idf of the rarest (they are part of what was asked that nothing answers, so a long text sharing a few
   * bigrams with a small collection does not look similar) — and kept (by bigram number) only for the bigrams the
   * collection has, and not ignored as too common.
   */
  private queryVector(text: string, ignore?: Ignore): Map<number, number> {
    const counts = new Map<string, number>();
    for (const g of bigrams(text)) counts.set(g, (counts.get(g) ?? 0) + 1);
    let norm = 0;
    const out = new Map<number, number>();
    const common = ignore && this.docs.size >= ignore.minDocs ? ignore.share * this.docs.size : Infinity;
    for (const [g, c] of counts) {
      const w = (1 + Math.log(c)) * this.idf(g);
      norm += w * w;
      const df = this.df(g);
      // Bigrams in more than the ignored share of the documents say nothing: in the norm, never a contribution.
      if (df > 0 && df <= common) out.set(this.numbers.get(g)!, w);
    }
    norm = Math.sqrt(norm) || 1;
    for (const [g, w] of out) out.set(g, w / norm);
    return out;
  }

  /**
   * The k documents most similar to the text, best first (ties by id). Bigrams in more than `maxShare` of the
   * documents are not walked (they weigh least and cost most), so a hit's score may fall short of similarity() by
   * their part: use similarity() for the exact figure.
   */
  search(text: string, k: number, accept: (id: number) => boolean = () => true, maxShare = 0.25, ignore?: Ignore): NgramHit[] {
    const q = this.queryVector(text, ignore);
    const acc = new Map<number, number>();
    const limit = Math.max(50, this.docs.size * maxShare);
    for (const [g, w] of q) {
      const p = this.postings[g]!;
      if (p.n > limit) continue;
      for (let i = 0; i < p.n; i++) {
        const id = p.ids[i]!;
        acc.set(id, (acc.get(id) ?? 0) + w * p.weights[i]!);
      }
    }
    const out: NgramHit[] = [];
    for (const [id, score] of acc) if (accept(id)) out.push({ id, score });
    return out.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
  }

  /** The cosine between the text and one document (0 when it is not indexed). */
  similarity(text: string, id: number, ignore?: Ignore): number {
    return this.similarities(text, [id], ignore)[0]!;
  }

  /** The cosines between the text and each of the documents (0 for one not indexed), in their order. */
  similarities(text: string, ids: readonly number[], ignore?: Ignore): number[] {
    const q = this.queryVector(text, ignore);
    return ids.map((id) => {
      const d = this.docs.get(id);
      if (!d) return 0;
      let s = 0;
      for (const [g, w] of q) {
        // binary search for the bigram among the document's (sorted) numbers
        let lo = 0;
        let hi = d.grams.length - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const v = d.grams[mid]!;
          if (v === g) {
            s += w * d.weights[mid]!;
            break;
          }
          if (v < g) lo = mid + 1;
          else hi = mid - 1;
        }
      }
      return s;
    });
  }

  /**
   * The cosine between the text and a document that is not in the collection (one taken out since: a converted
   * achievement), weighted as add() would weigh it, on the collection's statistics now.
   */
  similarityToText(text: string, other: string, ignore?: Ignore): number {
    const q = this.queryVector(text, ignore);
    const counts = new Map<string, number>();
    for (const g of bigrams(other)) counts.set(g, (counts.get(g) ?? 0) + 1);
    let norm = 0;
    let s = 0;
    for (const [g, c] of counts) {
      const w = 1 + Math.log(c);
      norm += w * w;
      const n = this.numbers.get(g);
      if (n !== undefined) s += w * (q.get(n) ?? 0);
    }
    return norm > 0 ? s / Math.sqrt(norm) : 0;
  }
}
