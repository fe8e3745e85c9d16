import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FieldLinks, learnFieldLinks } from './field-links.js';

/**
 * Six items: n(a) = 5, n(b) = 3, n(c) = 2, N = 6; a and b together in 3 (items 1–3), a and c in 1 (item 6).
 * (Subfields count as their top-level field: 'a.x' and 'a.z' are a.)
 */
const SETS = [['a.x', 'b.y'], ['a', 'b'], ['a.z', 'b'], ['a'], ['c'], ['a', 'c']];

describe('field links learned from co-occurrence', () => {
  it('cosine, Jaccard and NPMI by hand', () => {
    expect(learnFieldLinks(SETS, [], { measure: 'cosine' }).strength('a', 'b')).toBeCloseTo(3 / Math.sqrt(15), 12);
    expect(learnFieldLinks(SETS, [], { measure: 'jaccard' }).strength('a', 'b')).toBeCloseTo(3 / (5 + 3 - 3), 12);
    // p(ab) = 1/2, p(a) = 5/6, p(b) = 1/2: ln(1.2) / ln(2)
    expect(learnFieldLinks(SETS, [], { measure: 'npmi' }).strength('a', 'b')).toBeCloseTo(Math.log(1.2) / Math.log(2), 12);
    // a and c meet less often than chance (1 < 5·2/6): no link, whatever the support
    expect(learnFieldLinks(SETS, [], { measure: 'npmi', minSupport: 1 }).strength('a', 'c')).toBe(0);
    // two fields every item carries together: the strongest possible link
    expect(learnFieldLinks([['p', 'q'], ['p', 'q'], ['p', 'q']], [], { measure: 'npmi' }).strength('p', 'q')).toBe(1);
  });

  it('respects the minimum support', () => {
    expect(learnFieldLinks(SETS, [], { measure: 'cosine', minSupport: 3 }).strength('a', 'c')).toBe(0);
    expect(learnFieldLinks(SETS, [], { measure: 'cosine', minSupport: 1 }).strength('a', 'c')).toBeCloseTo(1 / Math.sqrt(10), 12);
    expect(learnFieldLinks(SETS, [], { measure: 'cosine', minSupport: 4 }).strength('a', 'b')).toBe(0);
    const links = learnFieldLinks(SETS, [], { measure: 'cosine', minSupport: 3 }).links();
    expect(links).toEqual([{ a: 'a', b: 'b', support: 3, strength: expect.closeTo(3 / Math.sqrt(15), 12) }]);
    expect(() => new FieldLinks({ minSupport: 0 })).toThrow('最小支持数');
  });

  it('no field is its own neighbour, and two subfields of one field make no link', () => {
    const l = learnFieldLinks([['a.x', 'a.y'], ['a.x', 'a.y'], ['a.x', 'a.y'], ['a.x', 'b']], [], { minSupport: 1, measure: 'cosine' });
    expect(l.strength('a', 'a')).toBe(0);
    expect(l.links().map((x) => [x.a, x.b])).toEqual([['a', 'b']]);
    // at the subfield level the two subfields are linked
    const sub = learnFieldLinks([['a.x', 'a.y'], ['a.x', 'a.y'], ['a.x', 'a.y'], ['b']], [], { minSupport: 3, measure: 'cosine', level: (c) => c });
    expect(sub.strength('a.x', 'a.y')).toBeCloseTo(1, 12);
    expect(sub.strength('a.x', 'a.x')).toBe(0);
  });

  it('a matched pair links each field of the demand with each other field of the achievement (not the fields of one side)', () => {
    const l = new FieldLinks({ minSupport: 2, measure: 'cosine' });
    l.addPair('signed', ['a', 'b'], ['c.x'], 2);
    // N = 2, n(a) = n(b) = n(c) = 2; c(a, c) = c(b, c) = 2; a and b, both on the demand's side, do not meet
    expect(l.strength('a', 'c')).toBe(1);
    expect(l.strength('b', 'c')).toBe(1);
    expect(l.strength('a', 'b')).toBe(0);
    // the same field on both sides is no link
    l.addPair('same', ['a'], ['a', 'b'], 1);
    expect(l.strength('a', 'a')).toBe(0);
    expect(l.links().find((x) => x.a === 'a' && x.b === 'b')).toBeUndefined(); // support 1 < 2
    l.addPair('same2', ['a'], ['a', 'b'], 1);
    expect(l.links().find((x) => x.a === 'a' && x.b === 'b')?.support).toBe(2);
  });

  it('the strongest link between two lists, whatever their order; none when nothing counts', () => {
    const l = learnFieldLinks([...SETS, ['b', 'c'], ['b', 'c'], ['b', 'c']], [], { minSupport: 3, measure: 'cosine' });
    // n(a) = 5, n(b) = 6, n(c) = 5: a–b 3/√30, b–c 3/√30 (a tie, broken by the codes), a–c support 1
    expect(l.strongest(['a.x', 'c'], ['b.y'])).toEqual({ from: 'a', to: 'b', strength: expect.closeTo(3 / Math.sqrt(30), 12) });
    expect(l.strongest(['c', 'a.x'], ['b.y'])).toEqual(l.strongest(['a.x', 'c'], ['b.y']));
    expect(l.strongest(['a'], ['c'])).toBeNull();
    expect(l.strongest(['a'], ['a.z'])).toBeNull();
    expect(l.strongest([], ['b'])).toBeNull();
  });

  const setsArb = fc.array(fc.subarray(['a', 'a.x', 'b', 'b.y', 'c', 'd', 'e'], { maxLength: 3 }), { maxLength: 40 });
  const measureArb = fc.constantFrom('cosine' as const, 'jaccard' as const, 'npmi' as const);

  it('symmetric, within 0–1, and independent of the order of the items', () => {
    fc.assert(
      fc.property(setsArb, measureArb, fc.integer({ min: 1, max: 4 }), (sets, measure, minSupport) => {
        const l = learnFieldLinks(sets, [], { measure, minSupport });
        const back = learnFieldLinks([...sets].reverse(), [], { measure, minSupport });
        for (const x of ['a', 'b', 'c', 'd', 'e'])
          for (const y of ['a', 'b', 'c', 'd', 'e']) {
            const s = l.strength(x, y);
            expect(s).toBe(l.strength(y, x));
            expect(s).toBe(back.strength(x, y));
            expect(s >= 0 && s <= 1).toBe(true);
            if (x === y) expect(s).toBe(0);
          }
        expect(back.links()).toEqual(l.links());
        for (const link of l.links()) expect(link.support).toBeGreaterThanOrEqual(minSupport);
      }),
      { numRuns: 200, seed: 20261114 },
    );
  });

  it('adding, replacing and removing items one at a time ends where learning from the items left does', () => {
    fc.assert(
      fc.property(setsArb, fc.array(fc.nat(), { maxLength: 20 }), setsArb, measureArb, (sets, drop, replacements, measure) => {
        const l = new FieldLinks({ measure, minSupport: 2 });
        const kept = new Map(sets.map((s, i) => [i, s]));
        sets.forEach((s, i) => l.add(`s:${i}`, s));
        replacements.forEach((s, j) => {
          if (sets.length === 0) return;
          const i = j % sets.length;
          l.add(`s:${i}`, s);
          kept.set(i, s);
        });
        for (const k of drop) {
          if (sets.length === 0) break;
          l.remove(`s:${k % sets.length}`);
          kept.delete(k % sets.length);
        }
        l.remove('never added');
        const fresh = learnFieldLinks([...kept.entries()].sort((p, q) => p[0] - q[0]).map(([, s]) => s), [], { measure, minSupport: 2 });
        expect(l.links()).toEqual(fresh.links());
        expect(l.size).toBe([...kept.values()].filter((s) => s.length > 0).length);
      }),
      { numRuns: 200, seed: 20261115 },
    );
  });
});
