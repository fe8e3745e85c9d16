/**
 * Issue #15, items 1 and 2, as properties (fast-check):
 *  - scale: an enterprise with every extensive figure ×k scores exactly as before (within its cohort);
 *  - missing is never zero: a year without figures makes a multi-year indicator missing or partly
 *    observed, never a fully observed value built with a 0 for that year.
 * The first built-in method (METHOD_2026_V1) fails both: the negative controls show it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoInputs } from './demo-inputs.js';
import { explain } from './explain.js';
import { equityPerStaff, INDICATORS, yearsOf, type EnterpriseInput } from './indicators.js';
import { DEFAULT_METHOD, METHOD_2026_V1 } from './method.js';
import type { Figures } from './official.js';
import { scorePopulation } from './score.js';

const POP = demoInputs(600);
const DATA_YEAR = DEFAULT_METHOD.edition - 1;
const WAN = 1_000_000;

/** Every figure of every year ×k (all but the year are extensive: amounts and counts). */
function scaled(e: EnterpriseInput, k: number): EnterpriseInput {
  return { ...e, figures: e.figures.map((f) => Object.fromEntries(Object.entries(f).map(([key, v]) => [key, key === 'year' ? v : v * k])) as unknown as Figures) };
}

/** Yearly figures within the platform's ranges (money in 分; 20 亿元 of revenue at most). */
const figuresArb = (year: number): fc.Arbitrary<Figures> =>
  fc
    .record({
      revenue: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2e11 })),
      rd: fc.integer({ min: 0, max: 5e10 }),
      domestic: fc.double({ min: 0, max: 1, noNaN: true }),
      staff: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })),
      rdStaff: fc.double({ min: 0, max: 1, noNaN: true }),
      hightech: fc.double({ min: 0, max: 1, noNaN: true }),
      netAssets: fc.integer({ min: -1e10, max: 1e11 }),
      inv: fc.integer({ min: 0, max: 800 }),
      highValue: fc.double({ min: 0, max: 1, noNaN: true }),
      util: fc.integer({ min: 0, max: 800 }),
      design: fc.integer({ min: 0, max: 100 }),
      soft: fc.integer({ min: 0, max: 2000 }),
      tech: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1e10 })),
      equity: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1e11 })),
    })
    .map((x) => ({
      year,
      revenue: x.revenue,
      rdExpense: x.rd,
      rdExpenseDomestic: Math.floor(x.rd * x.domestic),
      staff: x.staff,
      rdStaff: Math.floor(x.staff * x.rdStaff),
      hightechRevenue: Math.floor(x.revenue * x.hightech),
      netAssets: x.netAssets,
      patentsInvention: x.inv,
      patentsUtility: x.util,
      patentsDesign: x.design,
      softwareCopyrights: x.soft,
      patentsHighValue: Math.floor(x.inv * x.highValue),
      techContractIncome: x.tech,
      equityFinancing: x.equity,
    }));

/** An enterprise in one of the demo city's cohorts, with figures for the data year and any of the two years before. */
const enterpriseArb: fc.Arbitrary<EnterpriseInput> = fc
  .record({
    cohort: fc.constantFrom(['C', 'micro'], ['C', 'small'], ['M', 'small'], ['I', 'micro'], ['C', 'large']),
    foundedYear: fc.oneof(fc.constant(null), fc.integer({ min: 1990, max: DATA_YEAR })),
    y0: figuresArb(DATA_YEAR),
    y1: fc.option(figuresArb(DATA_YEAR - 1), { nil: undefined }),
    y2: fc.option(figuresArb(DATA_YEAR - 2), { nil: undefined }),
    quals: fc.subarray(['hnte', 'srdi', 'tsme', 'gazelle']),
  })
  .map((x) => ({
    orgId: 100_000,
    section: x.cohort[0]!,
    sizeBand: x.cohort[1]!,
    foundedYear: x.foundedYear,
    qualifications: x.quals,
    flags: [],
    figures: [x.y2, x.y1, x.y0].filter((f): f is Figures => f !== undefined),
  }));

/** Everything the score of one population shows about every enterprise, and the values of one. */
function outcome(method: typeof DEFAULT_METHOD, pop: readonly EnterpriseInput[], row: number) {
  const sp = scorePopulation(method, pop);
  return { scores: JSON.stringify(sp.scores), values: JSON.stringify(sp.valuesOf(row)) };
}

describe('scale (item 1): every extensive figure ×k leaves the score unchanged within the cohort', () => {
  it('property: any demo enterprise, any k in 2–1000 — every score, grade, percentile, coverage and indicator value is identical', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: POP.length - 1 }), fc.integer({ min: 2, max: 1000 }), (row, k) => {
        const before = outcome(DEFAULT_METHOD, POP, row);
        const after = outcome(DEFAULT_METHOD, POP.map((e, i) => (i === row ? scaled(e, k) : e)), row);
        expect(after).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it('property: any generated enterprise (missing years, zero staff or revenue, negative net assets) ×k scores as itself', () => {
    fc.assert(
      fc.property(enterpriseArb, fc.integer({ min: 2, max: 1000 }), (e, k) => {
        const row = POP.length;
        const before = outcome(DEFAULT_METHOD, [...POP, e], row);
        const after = outcome(DEFAULT_METHOD, [...POP, scaled(e, k)], row);
        expect(after).toEqual(before);
      }),
      { numRuns: 80 },
    );
  });

  it('the issue’s twin: a copy with every figure ×10 in the same cohort scores the same (the first method gave it about 6 points more)', () => {
    const row = POP.findIndex((e) => e.figures.some((f) => f.year === DATA_YEAR && f.softwareCopyrights > 0 && f.techContractIncome > 0));
    expect(row).toBeGreaterThanOrEqual(0);
    const twin = { ...scaled(POP[row]!, 10), orgId: 100_001 };
    const pop = [...POP, twin];
    const now = scorePopulation(DEFAULT_METHOD, pop).scores;
    expect(now[pop.length - 1]!.score).toBe(now[row]!.score);
    // negative control: the first method's absolute indicators reward size alone
    const v1 = scorePopulation(METHOD_2026_V1, pop).scores;
    expect(v1[pop.length - 1]!.score! - v1[row]!.score!).toBeGreaterThan(1);
  });

  it('every indicator the built-in method weighs is an intensity: no legacy (absolute) indicator', () => {
    const weighed = DEFAULT_METHOD.indicators.filter((i) => i.weight > 0).map((i) => INDICATORS.find((d) => d.code === i.code)!);
    expect(weighed.filter((d) => d.legacy).map((d) => d.code)).toEqual([]);
    expect(METHOD_2026_V1.indicators.map((i) => i.code).filter((c) => INDICATORS.find((d) => d.code === c)!.legacy)).toEqual(['software_copyrights', 'tech_contract_income', 'equity_financing']);
  });
});

describe('missing is never zero (item 2): multi-year indicators impute or mark partial coverage', () => {
  const multiYear = DEFAULT_METHOD.indicators.map((mi, j) => ({ j, def: INDICATORS.find((d) => d.code === mi.code)! })).filter((x) => x.def.years > 1 && x.def.compute);

  it('the built-in method’s multi-year indicators: R&D growth, revenue growth, net-assets growth, equity financing per head', () => {
    expect(multiYear.map((x) => x.def.code)).toEqual(['rd_growth', 'revenue_growth', 'net_assets_growth', 'equity_per_staff']);
  });

  it('property: a year of the window the enterprise existed in, without figures, leaves every multi-year indicator imputed or partly observed — and its coverage below 1', () => {
    fc.assert(
      fc.property(enterpriseArb, (e) => {
        const row = POP.length;
        const sp = scorePopulation(DEFAULT_METHOD, [...POP, e]);
        const s = sp.scores[row]!;
        const values = sp.valuesOf(row);
        const has = new Set(e.figures.map((f) => f.year));
        let missingWeighted = false;
        for (const { j, def } of multiYear) {
          const window = Array.from({ length: def.years }, (_, i) => DATA_YEAR - i);
          const gap = window.some((y) => !has.has(y) && (e.foundedYear === null || y >= e.foundedYear));
          const v = values[j]!;
          if (gap) {
            // never a fully observed value
            expect(v.imputed || (v.observed !== undefined && v.observed < 1)).toBe(true);
            if (sp.indicators[j]!.weight[s.stage!] > 0) missingWeighted = true;
          }
          if (v.observed !== undefined) expect(gap).toBe(true);
        }
        if (missingWeighted) expect(s.coverage).toBeLessThan(1);
      }),
      { numRuns: 150 },
    );
  });

  it('property: equity financing per head is the mean over the years on record (a missing year is not averaged in as 0), with the share of years observed', () => {
    fc.assert(
      fc.property(enterpriseArb, (e) => {
        const y = yearsOf(e, DATA_YEAR);
        const v = equityPerStaff(y, e);
        if (y.y0!.staff === 0) {
          expect(v).toBeNull();
          return;
        }
        const onRecord = [y.y0, y.y1, y.y2].filter((f) => f !== undefined);
        const expected = [DATA_YEAR, DATA_YEAR - 1, DATA_YEAR - 2].filter((yr, i) => [y.y0, y.y1, y.y2][i] !== undefined || e.foundedYear === null || yr >= e.foundedYear).length;
        const mean = onRecord.reduce((a, f) => a + f.equityFinancing, 0) / (onRecord.length * y.y0!.staff) / WAN;
        if (onRecord.length === expected) expect(v).toBe(mean);
        else expect(v).toEqual({ value: mean, observed: onRecord.length / expected });
        // the same enterprise with the missing years recorded as 0 is lower whenever it raised anything
        const zeros: EnterpriseInput = { ...e, figures: [DATA_YEAR - 2, DATA_YEAR - 1, DATA_YEAR].map((yr) => e.figures.find((f) => f.year === yr) ?? { ...y.y0!, year: yr, equityFinancing: 0 }) };
        const withZeros = equityPerStaff(yearsOf(zeros, DATA_YEAR), zeros) as number;
        if (onRecord.length < 3 && mean > 0) expect(withZeros).toBeLessThan(mean);
      }),
      { numRuns: 300 },
    );
  });

  it('the issue’s case: founded 2015, figures for 2025 only, 500 万元 raised — partial (1 of 3 years), not 500 over three years', () => {
    const base = POP.find((e) => e.section === 'C' && e.sizeBand === 'small' && e.figures.some((f) => f.year === DATA_YEAR && f.staff > 0))!;
    const y0 = { ...base.figures.find((f) => f.year === DATA_YEAR)!, equityFinancing: 500 * WAN };
    const e: EnterpriseInput = { ...base, orgId: 100_002, foundedYear: 2015, figures: [y0] };
    const pop = [...POP, e];
    const row = pop.length - 1;
    const now = scorePopulation(DEFAULT_METHOD, pop);
    const v = now.valuesOf(row).find((x) => x.code === 'equity_per_staff')!;
    expect(v).toMatchObject({ raw: 500 / y0.staff, imputed: false, observed: 0.3333 });
    expect(now.scores[row]!.coverage).toBeLessThan(1);
    // negative control: the first method counted 2023 and 2024 as 0 and called the sum observed
    const v1 = scorePopulation(METHOD_2026_V1, pop).valuesOf(row).find((x) => x.code === 'equity_financing')!;
    expect(v1).toMatchObject({ raw: 500, imputed: false });
    expect(v1.observed).toBeUndefined();
  });

  it('a missing year is filled from the cohort: the value is the observed mean and the cohort’s value weighted by the years', () => {
    const base = POP.find((e) => e.section === 'C' && e.sizeBand === 'small' && e.figures.some((f) => f.year === DATA_YEAR && f.staff > 0))!;
    const y0 = { ...base.figures.find((f) => f.year === DATA_YEAR)!, equityFinancing: 0 };
    const y1 = { ...y0, year: DATA_YEAR - 1, equityFinancing: 300 * WAN };
    const e: EnterpriseInput = { ...base, orgId: 100_003, foundedYear: 2000, figures: [y1, y0] };
    const pop = [...POP, e];
    const sp = scorePopulation(DEFAULT_METHOD, pop);
    const row = pop.length - 1;
    const j = sp.indicators.findIndex((i) => i.def.code === 'equity_per_staff');
    const v = sp.valuesOf(row)[j]!;
    // the cohort's median of the indicator (the demo city's C|small has at least minCohort observed values)
    const cohort = pop.map((x, r) => ({ x, r })).filter(({ x, r }) => x.section === 'C' && x.sizeBand === 'small' && sp.scores[r]!.stage !== null);
    const raws = cohort.map(({ r }) => sp.valuesOf(r)[j]!.raw).filter((x): x is number => x !== null).sort((a, b) => a - b);
    const median = raws.length % 2 ? raws[raws.length >> 1]! : (raws[raws.length / 2 - 1]! + raws[raws.length / 2]!) / 2;
    expect(v.observed).toBeCloseTo(2 / 3, 4);
    expect(v.value).toBeCloseTo((2 / 3) * (300 / 2 / y0.staff) + (1 / 3) * median, 9);
    expect(sp.scores[row]!.coverage).toBeLessThan(1);
    // the explanation says so, and does not propose raising a partly observed indicator
    const ex = explain(sp, sp.scores[row]!)!;
    expect(ex.notes.join('')).toContain('人均股权融资额（有数据的年度占 67%）');
    expect(ex.improvement?.indicator).not.toBe('equity_per_staff');
  });
});
