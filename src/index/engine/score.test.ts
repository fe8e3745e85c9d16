import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoInputs } from './demo-inputs.js';
import { explain } from './explain.js';
import { canonicalJson } from '../../audit/chain.js';
import { indicatorDef, type EnterpriseInput } from './indicators.js';
import { DEFAULT_METHOD, loadMethod, METHOD_2026_V1, type MethodDocumentError, type IndexMethod } from './method.js';
import { scorePopulation } from './score.js';

const POP = demoInputs(600);

describe('method documents', () => {
  it('the default method loads: weights sum to 1 per stage and within every pillar', () => {
    const m = loadMethod(structuredClone(DEFAULT_METHOD));
    for (const st of ['startup', 'growth', 'mature'] as const) expect(m.pillars.reduce((s, p) => s + p.weights[st], 0)).toBeCloseTo(1, 12);
  });
  it('property: any weights are refused unless they sum to 1 at every level', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 8, maxLength: 8 }), (raw) => {
        const m = structuredClone(DEFAULT_METHOD) as IndexMethod;
        const total = raw.reduce((a, b) => a + b, 0);
        m.pillars.forEach((p, i) => (p.weights.growth = raw[i]! / 100));
        let ok = true;
        try {
          loadMethod(m);
        } catch (e) {
          ok = false;
          expect((e as MethodDocumentError).errors.some((x) => x.path === 'pillars.weights.growth')).toBe(true);
        }
        // platform has no data source: a weight there is refused too
        expect(ok).toBe(total === 100 && raw[4] === 0);
      }),
    );
  });
  it('stored versions still load: the first built-in method is unchanged (its content hash is the one stored as version 1)', () => {
    const doc = canonicalJson(loadMethod(structuredClone(METHOD_2026_V1)));
    expect(crypto.createHash('sha256').update(doc).digest('hex')).toBe('cd18d1c85e5f8982f995358d990d9cf256c5ddfcfec03e025adb966360eb9e0a');
    expect(METHOD_2026_V1.coverage).toBeUndefined();
  });
  it('a new version declares its minimum coverage and weighs no absolute indicator (each refusal names the field and the replacement)', () => {
    try {
      loadMethod(structuredClone(METHOD_2026_V1), { newVersion: true });
      expect.unreachable();
    } catch (e) {
      const errors = (e as MethodDocumentError).errors;
      expect(errors.map((x) => x.path).sort()).toEqual(['coverage', 'indicators[11].weight', 'indicators[5].weight', 'indicators[7].weight']);
      expect(errors.find((x) => x.path === 'indicators[5].weight')!.message).toContain('请改用“每百名职工软件著作权”');
    }
    expect(loadMethod(structuredClone(DEFAULT_METHOD), { newVersion: true }).coverage).toEqual({ minToGrade: 0.6, minObservedInCohort: 0.5 });
    const bad = structuredClone(DEFAULT_METHOD) as IndexMethod;
    bad.coverage = { minToGrade: 1.2, minObservedInCohort: -0.1 };
    try {
      loadMethod(bad, { newVersion: true });
      expect.unreachable();
    } catch (e) {
      expect((e as MethodDocumentError).errors.map((x) => x.path)).toEqual(['coverage.minToGrade', 'coverage.minObservedInCohort']);
    }
  });
  it('transforms (item 8): the built-in method takes log1p of exactly the indicators the catalogue marks skewed; growth rates are neither', () => {
    for (const mi of DEFAULT_METHOD.indicators) expect([mi.code, mi.transform]).toEqual([mi.code, indicatorDef(mi.code)!.skewed ? 'log1p' : 'none']);
    for (const code of ['rd_growth', 'revenue_growth', 'net_assets_growth']) expect(indicatorDef(code)!.skewed).toBe(false);
  });
  it('refuses unknown indicators and unordered goalposts with the path', () => {
    const m = structuredClone(DEFAULT_METHOD) as IndexMethod;
    m.indicators[0]!.code = 'rd_intensty';
    m.indicators[1]!.goalposts = { min: 1, max: 0 };
    try {
      loadMethod(m);
      expect.unreachable();
    } catch (e) {
      expect((e as MethodDocumentError).errors.map((x) => x.path)).toEqual(expect.arrayContaining(['indicators[0].code', 'indicators[1].goalposts']));
    }
  });
});

describe('scoring', () => {
  const scored = scorePopulation(DEFAULT_METHOD, POP);
  it('scores every enterprise with figures 0–100 with a grade, a cohort percentile and its coverage', () => {
    const s = scored.scores.filter((x) => x.score !== null);
    expect(s.length).toBeGreaterThan(500);
    for (const x of s) {
      expect(x.score).toBeGreaterThanOrEqual(0);
      expect(x.score).toBeLessThanOrEqual(100);
      expect(x.percentile).toBeGreaterThan(0);
      expect(x.percentile).toBeLessThanOrEqual(100);
      expect(x.coverage).toBeGreaterThan(0);
      // the score is the sum of its contributions
      expect(scored.valuesOf(x.row).reduce((a, v) => a + v.contribution, 0)).toBeCloseTo(x.score!, 2);
    }
    expect(new Set(s.map((x) => x.grade)).size).toBeGreaterThan(2);
  });
  it('gates exclude with the reason shown', () => {
    const flagged: EnterpriseInput[] = POP.slice(0, 3).map((e, i) => ({ ...e, flags: i === 0 ? ['dishonest'] : i === 1 ? ['abnormal', 'dishonest'] : [] }));
    const r = scorePopulation(DEFAULT_METHOD, flagged).scores;
    expect(r[0]).toMatchObject({ score: null, excluded: '未参与评分：严重失信' });
    expect(r[1]!.excluded).toBe('未参与评分：经营异常、严重失信');
    expect(r[2]!.excluded).toBeNull();
  });
  it('a missing value is imputed from the cohort median and flagged, never counted as zero', () => {
    // an enterprise with no invention patents has no high-value share: missing, not 0
    // (in a cohort where it is observed for enough enterprises: elsewhere it is dropped, see coverage.test.ts)
    const row = scored.scores.find((x) => scored.valuesOf(x.row).find((v) => v.code === 'high_value_share' && v.imputed && !v.dropped))!;
    const v = scored.valuesOf(row.row).find((x) => x.code === 'high_value_share')!;
    expect(v.raw).toBeNull();
    expect(v.value).toBeGreaterThan(0);
    expect(row.coverage).toBeLessThan(1);
  });
  it('winsorised values are recorded', () => {
    const any = scored.scores.flatMap((x) => scored.valuesOf(x.row)).filter((v) => v.winsorised);
    expect(any.length).toBeGreaterThan(0);
    for (const v of any) expect(v.raw === null ? false : v.winsorised === 'high' ? v.raw > v.value : v.raw < v.value).toBe(true);
  });
  it('identical inputs give byte-identical output, whatever the order of the population', () => {
    const full = (sp: ReturnType<typeof scorePopulation>) => sp.scores.map((x) => ({ ...x, row: undefined, values: sp.valuesOf(x.row) }));
    const a = JSON.stringify(full(scorePopulation(DEFAULT_METHOD, POP)));
    const b = full(scorePopulation(DEFAULT_METHOD, [...POP].reverse())).reverse();
    expect(JSON.stringify(b)).toBe(a);
  });
  it('property: raising a positive indicator never lowers the enterprise’s own score', () => {
    const codes = scored.indicators.map((i) => i.def.code);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: POP.length - 1 }), fc.integer({ min: 0, max: codes.length - 1 }), fc.double({ min: 0, max: 1e4, noNaN: true }), (row, j, extra) => {
        const before = scored.scores[row]!;
        if (before.score === null || scored.valuesOf(row)[j]!.imputed) return;
        const after = scorePopulation(DEFAULT_METHOD, POP, { adjustRaw: (raw, k) => (raw[row * k + j] = raw[row * k + j]! + extra) }).scores[row]!;
        expect(after.score!).toBeGreaterThanOrEqual(before.score!);
      }),
      { numRuns: 60 },
    );
  });
  it('property: raising a figure that feeds only positive indicators never lowers the score', () => {
    // (not patentsInvention: it is also the denominator of the high-value share)
    const fields = ['rdExpense', 'softwareCopyrights', 'techContractIncome', 'equityFinancing', 'patentsHighValue'] as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: POP.length - 1 }), fc.constantFrom(...fields), fc.integer({ min: 1, max: 1e9 }), (row, field, extra) => {
        const e = POP[row]!;
        const before = scorePopulation(DEFAULT_METHOD, POP).scores[row]!;
        if (before.score === null) return;
        const figures = e.figures.map((f, i) => {
          if (i !== e.figures.length - 1) return f;
          const g = { ...f, [field]: f[field] + (field === 'patentsHighValue' ? Math.min(extra, f.patentsInvention - f.patentsHighValue) : extra) };
          return g;
        });
        const pop = POP.map((x, i) => (i === row ? { ...x, figures } : x));
        const after = scorePopulation(DEFAULT_METHOD, pop).scores[row]!;
        expect(after.score!).toBeGreaterThanOrEqual(before.score! - 1e-9);
      }),
      { numRuns: 40 },
    );
  });
});

describe('explanations', () => {
  const scored = scorePopulation(DEFAULT_METHOD, POP);
  it('pillars sum to the score; up to four lifts and four holds; a change that reaches the next grade', () => {
    let withImprovement = 0;
    for (const s of scored.scores.filter((x) => x.score !== null).slice(0, 200)) {
      const ex = explain(scored, s)!;
      expect(ex.pillars.reduce((a, p) => a + p.contribution, 0)).toBeCloseTo(s.score!, 1);
      expect(ex.lifts.length).toBeLessThanOrEqual(4);
      expect(ex.holds.length).toBeLessThanOrEqual(4);
      if (ex.improvement) {
        withImprovement++;
        // applying the change to that one indicator reaches the next grade
        const j = scored.indicators.findIndex((i) => i.def.code === ex.improvement!.indicator);
        const ind = scored.indicators[j]!;
        const lo = ind.transform === 'log1p' ? Math.log1p(ind.min) : ind.min;
        const hi = ind.transform === 'log1p' ? Math.log1p(ind.max) : ind.max;
        const t = ind.transform === 'log1p' ? Math.log1p(ex.improvement.target) : ex.improvement.target;
        const newNorm = (t - lo) / (hi - lo);
        const newScore = s.score! + 100 * scored.weightsOf(s.row)[j]! * (newNorm - scored.valuesOf(s.row)[j]!.normalised);
        expect(newScore).toBeGreaterThanOrEqual(ex.nextGrade!.min - 1e-3);
      }
    }
    expect(withImprovement).toBeGreaterThan(20);
  });
});
