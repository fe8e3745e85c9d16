import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VectorIndex } from './vector-index.js';

const unit = (xs: number[]) => {
  const n = Math.sqrt(xs.reduce((s, x) => s + x * x, 0)) || 1;
  return new Float32Array(xs.map((x) => x / n));
};

describe('flat vector index', () => {
  it('finds the k nearest by dot product, exactly as a full sort does; removes and replaces', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 10 }), (rows, k) => {
        const x = new VectorIndex(3, 2);
        rows.forEach((r, i) => x.set(i + 1, unit(r)));
        // Every third removed, every fifth replaced.
        rows.forEach((r, i) => {
          if (i % 3 === 0) x.remove(i + 1);
          else if (i % 5 === 0) x.set(i + 1, unit(r.map((v) => -v)));
        });
        const q = unit([0.3, -0.5, 0.8]);
        const expected = rows
          .map((r, i) => ({ id: i + 1, v: i % 3 === 0 ? null : i % 5 === 0 ? unit(r.map((v) => -v)) : unit(r) }))
          .filter((e) => e.v !== null)
          .map((e) => ({ id: e.id, score: e.v!.reduce((s, v, d) => s + v * q[d]!, 0) }))
          .sort((a, b) => b.score - a.score || a.id - b.id)
          .slice(0, k);
        const got = x.search(q, k);
        expect(got.map((h) => h.id)).toEqual(expected.map((h) => h.id));
        expect(x.size).toBe(rows.filter((_, i) => i % 3 !== 0).length);
      }),
    );
  });

  it('refuses a vector of the wrong size; filters by accept', () => {
    const x = new VectorIndex(2);
    expect(() => x.set(1, new Float32Array(3))).toThrow(/维数/);
    x.set(1, unit([1, 0]));
    x.set(2, unit([0.9, 0.1]));
    expect(x.search(unit([1, 0]), 5, (id) => id !== 1).map((h) => h.id)).toEqual([2]);
  });
});
