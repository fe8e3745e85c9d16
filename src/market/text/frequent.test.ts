import { describe, expect, it } from 'vitest';
import { CORPUS_STOP_MIN_DOCS, CORPUS_STOP_SHARE, DocumentFrequency, frequentTerms } from './frequent.js';

/** `n` documents: `common` in the first `withCommon` of them, `rare` in the first `withRare`, each with a word of its own. */
const corpus = (n: number, withCommon: number, withRare: number) =>
  Array.from({ length: n }, (_, i) => [`own${i}`, ...(i < withCommon ? ['common', 'common'] : []), ...(i < withRare ? ['rare'] : [])]);

describe('stop terms by corpus document frequency', () => {
  it('the settings: 8% of the documents, from 200 documents on', () => {
    expect(CORPUS_STOP_SHARE).toBe(0.08);
    expect(CORPUS_STOP_MIN_DOCS).toBe(200);
  });
  it('terms in more than the share of documents (counted once per document) are stop terms', () => {
    expect(frequentTerms(corpus(250, 30, 10), 0.08, 200)).toEqual(new Set(['common']));
    // exactly the share is not more than it: 20 of 250 = 8%
    expect(frequentTerms(corpus(250, 20, 10), 0.08, 200)).toEqual(new Set());
    expect(frequentTerms(corpus(250, 21, 10), 0.08, 200)).toEqual(new Set(['common']));
    expect(frequentTerms(corpus(250, 30, 30), 0.1, 200)).toEqual(new Set(['common', 'rare']));
  });
  it('a small corpus is not emptied: below the minimum size nothing is a stop term', () => {
    expect(frequentTerms(corpus(199, 199, 199), 0.08, 200)).toEqual(new Set());
    expect(frequentTerms([], 0.08, 0)).toEqual(new Set());
  });
  it('kept up to date document by document, it agrees with the pure function', () => {
    const docs = corpus(400, 60, 25);
    const df = new DocumentFrequency();
    docs.forEach((d, i) => df.add(`a:${i}`, d));
    expect(df.size).toBe(400);
    expect(df.frequent(0.08, 200)).toEqual(frequentTerms(docs, 0.08, 200));
    // replace and remove: the counts follow
    for (let i = 0; i < 300; i += 2) df.remove(`a:${i}`);
    df.add('a:1', ['common', 'rare', 'new']);
    const left = docs.map((d, i) => (i === 1 ? ['common', 'rare', 'new'] : d)).filter((_, i) => i % 2 === 1 || i >= 300);
    expect(df.size).toBe(left.length);
    expect(df.frequent(0.08, 200)).toEqual(frequentTerms(left, 0.08, 200));
    expect(df.frequent(0.08, 100)).toEqual(frequentTerms(left, 0.08, 100));
    for (const t of ['common', 'rare', 'new', 'own1']) expect(df.isFrequent(t, 0.08, 100), t).toBe(frequentTerms(left, 0.08, 100).has(t));
  });
});
