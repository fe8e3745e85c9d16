import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.js';
import { Bm25Index } from './bm25.js';

const FIELDS = [
  { name: 'title', weight: 3, b: 0.75 },
  { name: 'keywords', weight: 2, b: 0.5 },
  { name: 'abstract', weight: 1, b: 0.75 },
];
const doc = (title: string, keywords: string, abstract: string) => [tokenize(title), tokenize(keywords), tokenize(abstract)];

describe('BM25F index', () => {
  const idx = new Bm25Index(FIELDS);
  idx.add(1, doc('硅光子芯片高速光模块', '硅光子 光模块 封装', '面向数据中心的 800G 硅光子光模块，提高良率。'));
  idx.add(2, doc('锂电池热管理系统', '储能 热管理', '文中提及硅光子一次，用于对比。'));
  idx.add(3, doc('光模块封装自动化产线', '光模块 自动化', '用于光模块封装的机器视觉对位系统。'));
  idx.add(4, doc('量子点显示材料', '新型显示 量子点', '量子点发光材料的合成与稳定性。'));

  it('ranks a title hit above an abstract hit (title > keywords > abstract)', () => {
    const hits = idx.search(tokenize('硅光子'), 10);
    expect(hits.map((h) => h.id)).toEqual([1, 2]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });
  it('returns the matched terms for highlighting, best first', () => {
    const [top] = idx.search(tokenize('硅光子光模块良率'), 10);
    expect(top!.id).toBe(1);
    expect(top!.terms).toEqual(expect.arrayContaining(['硅光子', '光模块', '良率']));
  });
  it('filters, replaces and removes documents', () => {
    expect(idx.search(tokenize('光模块'), 10, (id) => id !== 1).map((h) => h.id)).toEqual([3]);
    idx.add(3, doc('电池回收', '回收', '湿法冶金。'));
    expect(idx.search(tokenize('光模块'), 10).map((h) => h.id)).toEqual([1]);
    idx.remove(1);
    expect(idx.search(tokenize('光模块'), 10)).toEqual([]);
    expect(idx.size).toBe(3);
  });
  it('a query with no known term finds nothing', () => {
    expect(idx.search(tokenize('的 了 和'), 10)).toEqual([]);
  });
});

/**
 * The optimised index against a plain BM25F written out directly: every live
 * document scored term by term, everything sorted. Same ids, same order, same
 * terms, scores within 1e-9, over random corpora with duplicates (ties), random
 * replacements and removals, queries long and short, with and without a filter.
 */
describe('BM25F index against a plain implementation', () => {
  const F = FIELDS;
  const K1 = 1.2;

  /** A small deterministic generator (xorshift). */
  const rng = (seed: number) => () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };

  class Plain {
    docs = new Map<number, string[][]>();
    /** Per document, per field: how often each token occurs. */
    counts = new Map<number, Map<string, number>[]>();
    add(id: number, tokens: string[][]) {
      this.docs.set(id, tokens);
      this.counts.set(
        id,
        tokens.map((f) => {
          const m = new Map<string, number>();
          for (const t of f) m.set(t, (m.get(t) ?? 0) + 1);
          return m;
        }),
      );
    }
    remove(id: number) {
      this.docs.delete(id);
      this.counts.delete(id);
    }
    df(t: string) {
      let n = 0;
      for (const c of this.counts.values()) if (c.some((f) => f.has(t))) n++;
      return n;
    }
    idf(t: string) {
      const df = this.df(t);
      return Math.max(0.01, Math.log(1 + (this.docs.size - df + 0.5) / (df + 0.5)));
    }
    terms(query: string[]) {
      const ts = [...new Set(query)].filter((t) => this.df(t) > 0);
      if (ts.length <= 16) return ts;
      const idf = new Map(ts.map((t) => [t, this.idf(t)]));
      return ts.sort((a, b) => idf.get(b)! - idf.get(a)! || (a < b ? -1 : 1)).slice(0, 16);
    }
    search(query: string[], k: number, accept?: (id: number) => boolean) {
      const terms = this.terms(query);
      const idfs = terms.map((t) => this.idf(t));
      const avg = F.map((_, f) => {
        let total = 0;
        for (const d of this.docs.values()) total += d[f]!.length;
        return total > 0 ? total / this.docs.size : 1;
      });
      const hits: { id: number; score: number; found: { t: string; s: number }[] }[] = [];
      for (const [id, d] of this.docs) {
        let score = 0;
        const found: { t: string; s: number }[] = [];
        terms.forEach((t, i) => {
          let w = 0;
          F.forEach((spec, f) => {
            const x = this.counts.get(id)![f]!.get(t) ?? 0;
            if (x) w += (spec.weight * x) / (1 - spec.b + (spec.b * d[f]!.length) / avg[f]!);
          });
          if (!w) return;
          const s = (idfs[i]! * w * (K1 + 1)) / (K1 + w);
          score += s;
          found.push({ t, s });
        });
        if (found.length && (!accept || accept(id))) hits.push({ id, score, found });
      }
      hits.sort((a, b) => b.score - a.score || a.id - b.id);
      return hits.slice(0, k).map((h) => ({ id: h.id, score: h.score, terms: h.found.sort((a, b) => b.s - a.s).map((x) => x.t) }));
    }
  }

  function corpus(seed: number, docs: number, vocabSize: number) {
    const r = rng(seed);
    const vocab = Array.from({ length: vocabSize }, (_, i) => `w${i}`);
    // Zipf-like: a few words are very common, most are rare.
    const word = () => vocab[Math.floor(vocabSize * r() ** 2.5)]!;
    const words = (min: number, max: number) => Array.from({ length: min + Math.floor(r() * (max - min + 1)) }, word);
    const idx = new Bm25Index(F);
    const plain = new Plain();
    const ids: number[] = [];
    let last: string[][] = [];
    for (let i = 0; i < docs; i++) {
      // Ids not in insertion order; some documents duplicate the previous one (ties).
      const id = 1 + ((i * 7919) % (docs * 3));
      const tokens = r() < 0.1 && last.length ? last : [words(1, 6), words(0, 4), words(5, 40)];
      last = tokens;
      idx.add(id, tokens);
      plain.add(id, tokens);
      ids.push(id);
    }
    return { r, idx, plain, ids, words, word };
  }

  const same = (got: ReturnType<Bm25Index['search']>, want: ReturnType<Plain['search']>) => {
    // Ids in order with their terms, as one line each (quick to compare, readable when it fails).
    const line = (hs: { id: number; terms: string[] }[]) => hs.map((h) => `${h.id}:${h.terms.join(',')}`).join(' ');
    expect(line(got)).toBe(line(want));
    expect(Math.max(0, ...got.map((h, i) => Math.abs(h.score - want[i]!.score)))).toBeLessThan(1e-9);
  };

  it('gives the same hits for random queries, k and filters, also after replacements and removals', () => {
    const { r, idx, plain, ids, words, word } = corpus(42, 600, 150);
    const accepts: [string, ((id: number) => boolean) | undefined][] = [
      ['none', undefined],
      ['two in three', (id) => id % 3 !== 0],
      ['rare', (id) => id % 17 === 0],
    ];
    let checked = 0;
    for (let round = 0; round < 4; round++) {
      for (let qn = 0; qn < 40; qn++) {
        // Short queries, long ones (more than 16 distinct terms), repeated and unknown words.
        const query = qn % 5 === 0 ? [...words(10, 40), 'unknown'] : words(1, 4);
        for (const [, accept] of accepts) {
          // The plain ranking of everything, cut at each k.
          const all = plain.search(query, Number.MAX_SAFE_INTEGER, accept);
          for (const k of [1, 3, 10, 50, 1000, Number.MAX_SAFE_INTEGER]) {
            same(idx.search(query, k, accept), all.slice(0, k));
            checked++;
          }
        }
        expect(idx.count(query, accepts[1]![1])).toBe(plain.search(query, Number.MAX_SAFE_INTEGER, accepts[1]![1]).length);
        expect(idx.queryTerms(query)).toEqual(plain.terms(query));
        for (const t of plain.terms(query)) expect(idx.idf(t)).toBe(plain.idf(t));
      }
      // Replace some documents, remove others: lengths and averages move.
      for (let i = 0; i < 40; i++) {
        const id = ids[Math.floor(r() * ids.length)]!;
        if (r() < 0.5) {
          idx.remove(id);
          plain.remove(id);
        } else {
          const tokens = [words(1, 6), words(0, 4), words(5, 40)];
          idx.add(id, tokens);
          plain.add(id, tokens);
        }
      }
      // A single removal, then a single addition, each right after a query (whatever a query caches must follow).
      const probe = words(2, 3);
      same(idx.search(probe, 10), plain.search(probe, 10));
      const gone = [...plain.docs.keys()][Math.floor(r() * plain.docs.size)]!;
      idx.remove(gone);
      plain.remove(gone);
      expect(idx.has(gone)).toBe(false);
      same(idx.search(probe, 10), plain.search(probe, 10));
      const fresh = [[word(), word()], [], words(5, 10)];
      idx.add(100_000 + round, fresh);
      plain.add(100_000 + round, fresh);
      expect(idx.size).toBe(plain.docs.size);
    }
    expect(checked).toBe(4 * 40 * 6 * 3);
  });

  it('scores one document as its hit in a search, to the last bit, with the same terms; null when search would not find it', () => {
    const { idx, plain, words } = corpus(99, 300, 60);
    let hits = 0;
    for (let qn = 0; qn < 30; qn++) {
      const query = qn % 3 === 0 ? [...words(10, 40), 'unknown'] : words(1, 4);
      const found = new Map(idx.search(query, Number.MAX_SAFE_INTEGER).map((h) => [h.id, h]));
      for (const [id, tokens] of plain.docs) {
        const h = found.get(id);
        expect(idx.scoreDocument(query, tokens), `${qn}:${id}`).toEqual(h ? { score: h.score, terms: h.terms } : null);
        if (h) hits++;
      }
    }
    expect(hits).toBeGreaterThan(500);
  });

  it('ranks thousands of hits the same way (the radix-sorted path), ties by id', () => {
    const { idx, plain, words } = corpus(7, 4000, 40);
    for (const query of [words(1, 1), words(3, 3), words(20, 30)]) {
      same(idx.search(query, Number.MAX_SAFE_INTEGER), plain.search(query, Number.MAX_SAFE_INTEGER));
      same(idx.search(query, 2500, (id) => id % 2 === 0), plain.search(query, 2500, (id) => id % 2 === 0));
    }
  });
});
