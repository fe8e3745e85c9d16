import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigrams, NgramIndex } from './ngram.js';

describe('character-bigram index', () => {
  it('bigrams: Han, Latin and digits only, case-folded and NFKC', () => {
    expect(bigrams('耐磨涂层，CMP！')).toEqual(['耐磨', '磨涂', '涂层', '层c', 'cm', 'mp']);
    expect(bigrams('Ａ１')).toEqual(['a1']);
    expect(bigrams('单')).toEqual([]);
  });

  const docs: Record<number, string> = {
    1: '低温快速固化环氧胶粘剂',
    2: '锂电池正极材料包覆改性',
    3: '耐磨涂层在模具上的应用',
    4: '环氧树脂低温固化工艺',
  };
  const index = () => {
    const x = new NgramIndex();
    for (const [id, t] of Object.entries(docs)) x.add(Number(id), t);
    return x;
  };

  it('ranks by cosine: shared bigrams first, unrelated not at all', () => {
    const hits = index().search('冬天胶水低温固化慢', 10);
    expect(hits.map((h) => h.id).slice(0, 2).sort()).toEqual([1, 4]);
    expect(hits.find((h) => h.id === 2)).toBeUndefined();
    expect(hits.every((h) => h.score > 0 && h.score <= 1 + 1e-9)).toBe(true);
  });

  it('a document is most similar to itself; similarity agrees with search when nothing is skipped', () => {
    const x = index();
    expect(x.search(docs[3]!, 1)[0]!.id).toBe(3);
    for (const h of x.search('环氧低温固化', 10, undefined, 1)) expect(h.score).toBeCloseTo(x.similarity('环氧低温固化', h.id), 10);
    expect(x.similarity('环氧', 99)).toBe(0);
  });

  it('a text outside the collection: the same cosine as when it was in it', () => {
    const x = index();
    for (const id of [1, 2, 3, 4]) expect(x.similarityToText('冬天胶水低温固化慢', docs[id]!)).toBeCloseTo(x.similarity('冬天胶水低温固化慢', id), 6); // stored weights are float32
    expect(x.similarityToText('冬天胶水', '')).toBe(0);
  });

  it('kept up to date equals rebuilt (any order of adds and removes)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.boolean()), { maxLength: 12 }), (ops) => {
        const kept = index();
        const live = new Set([1, 2, 3, 4]);
        for (const [id, add] of ops) {
          if (add) {
            kept.add(id, docs[id]!);
            live.add(id);
          } else {
            kept.remove(id);
            live.delete(id);
          }
        }
        const fresh = new NgramIndex();
        for (const id of live) fresh.add(id, docs[id]!);
        expect(kept.size).toBe(fresh.size);
        expect(kept.search('低温固化涂层', 10, undefined, 1)).toEqual(fresh.search('低温固化涂层', 10, undefined, 1));
      }),
    );
  });
});
