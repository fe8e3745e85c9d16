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

/**
 * SMART lnc.ltc: a document's weights are (1 + ln tf), cosine-normalised, fixed when it is added (they do not
 * depend on the collection, so an index kept up to date equals one rebuilt); the query's are (1 + ln tf) · idf,
 * cosine-normalised, with idf from the live collection.
 */
export class NgramIndex {
  /** Document → its bigram weights. */
  private readonly docs = new Map<number, Map<string, number>>();
  /** Bigram → (document → weight). */
  private readonly postings = new Map<string, Map<number, number>>();

  get size(): number {
    return this.docs.size;
  }

  /** Adds a document (or replaces the one with the same id) from its text. */
  add(id: number, text: string): void {
    this.remove(id);
    const counts = new Map<string, number>();
    for (const g of bigrams(text)) counts.set(g, (counts.get(g) ?? 0) + 1);
    let norm = 0;
    for (const [g, c] of counts) {
      const w = 1 + Math.log(c);
      counts.set(g, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [g, w] of counts) {
      counts.set(g, w / norm);
      let p = this.postings.get(g);
      if (!p) this.postings.set(g, (p = new Map()));
      p.set(id, w / norm);
    }
    this.docs.set(id, counts);
  }

  remove(id: number): void {
    const d = this.docs.get(id);
    if (!d) return;
    for (const g of d.keys()) {
      const p = this.postings.get(g)!;
      p.delete(id);
      if (p.size === 0) this.postings.delete(g);
    }
    this.docs.delete(id);
  }

  idf(gram: string): number {
    return Math.log(1 + this.docs.size / (1 + (this.postings.get(gram)?.size ?? 0)));
  }

  /**
   * The query's weights, (1 + ln tf) · idf, cosine-normalised over all its bigrams — those no document has count
   * with the idf of the rarest (they are part of what was asked that nothing answers, so a long text sharing a few
   * bigrams with a small collection does not look similar) — and kept only for the bigrams the collection has.
   */
  private queryVector(text: string, ignore?: Ignore): Map<string, number> {
    const counts = new Map<string, number>();
    for (const g of bigrams(text)) counts.set(g, (counts.get(g) ?? 0) + 1);
    let norm = 0;
    const out = new Map<string, number>();
    const common = ignore && this.docs.size >= ignore.minDocs ? ignore.share * this.docs.size : Infinity;
    for (const [g, c] of counts) {
      const w = (1 + Math.log(c)) * this.idf(g);
      norm += w * w;
      const df = this.postings.get(g)?.size ?? 0;
      // Bigrams in more than the ignored share of the documents say nothing: in the norm, never a contribution.
      if (df > 0 && df <= common) out.set(g, w);
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
      const p = this.postings.get(g)!;
      if (p.size > limit) continue;
      for (const [id, dw] of p) acc.set(id, (acc.get(id) ?? 0) + w * dw);
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
      for (const [g, w] of q) s += w * (d.get(g) ?? 0);
      return s;
    });
  }
}
