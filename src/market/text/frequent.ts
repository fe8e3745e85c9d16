/**
 * Stop terms by corpus document frequency, beside the hand-made list in tokenize.ts: a term found in more than
 * CORPUS_STOP_SHARE of the market's documents (achievements and demands) says nothing about what a document is
 * about in this corpus (之间, 模组, 供货, 毫米, 长期 …), so a demand and an achievement that share only such terms are
 * no match (match.ts; BM25's idf already weighs them little where they do count). A corpus under
 * CORPUS_STOP_MIN_DOCS documents is too small to tell, and has none. Pure.
 */

/** Share of the documents a term must be found in, more than, to be a stop term (data setting). */
export const CORPUS_STOP_SHARE = 0.08;
/** Below this many documents there are no corpus stop terms (a small corpus is not emptied). */
export const CORPUS_STOP_MIN_DOCS = 200;

/** Whether a term found in `df` of `n` documents is a stop term. */
const frequent = (df: number, n: number, share: number, minDocs: number) => n >= minDocs && df > share * n;

/** The terms found in more than `share` of the documents (each document's tokens, a term counted once per document); none below `minDocs` documents. */
export function frequentTerms(docs: Iterable<Iterable<string>>, share = CORPUS_STOP_SHARE, minDocs = CORPUS_STOP_MIN_DOCS): Set<string> {
  const df = new Map<string, number>();
  let n = 0;
  for (const doc of docs) {
    n++;
    for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const [t, c] of df) if (frequent(c, n, share, minDocs)) out.add(t);
  return out;
}

/** Document frequencies kept up to date as documents come, change and go (keyed, e.g. 'a:12'); frequentTerms of the documents held, without re-reading them. */
export class DocumentFrequency {
  private readonly df = new Map<string, number>();
  private readonly docs = new Map<string, string[]>();

  get size(): number {
    return this.docs.size;
  }

  /** Adds a document, or replaces the one under the same key. */
  add(key: string, tokens: Iterable<string>): void {
    this.remove(key);
    const terms = [...new Set(tokens)];
    this.docs.set(key, terms);
    for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  remove(key: string): void {
    const terms = this.docs.get(key);
    if (!terms) return;
    this.docs.delete(key);
    for (const t of terms) {
      const c = this.df.get(t)! - 1;
      if (c === 0) this.df.delete(t);
      else this.df.set(t, c);
    }
  }

  isFrequent(term: string, share = CORPUS_STOP_SHARE, minDocs = CORPUS_STOP_MIN_DOCS): boolean {
    return frequent(this.df.get(term) ?? 0, this.docs.size, share, minDocs);
  }

  frequent(share = CORPUS_STOP_SHARE, minDocs = CORPUS_STOP_MIN_DOCS): Set<string> {
    const out = new Set<string>();
    if (this.docs.size < minDocs) return out;
    for (const [t, c] of this.df) if (frequent(c, this.docs.size, share, minDocs)) out.add(t);
    return out;
  }
}
