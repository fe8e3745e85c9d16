/**
 * Issue #15, item 9: the minimum coverage rules as method data — an enterprise below
 * `coverage.minToGrade` is not graded (数据不足); an indicator observed for fewer than
 * `coverage.minObservedInCohort` of a cohort is dropped from that cohort's score with a
 * note. And the first built-in method, which has neither, computes exactly as before.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeScores } from './compute.js';
import { demoInputs } from './demo-inputs.js';
import { explain } from './explain.js';
import type { EnterpriseInput } from './indicators.js';
import { DEFAULT_METHOD, METHOD_2026_V1, type IndexMethod } from './method.js';
import type { Figures } from './official.js';
import { robustness } from './robustness.js';
import { redistribute, scorePopulation } from './score.js';

const POP = demoInputs(600);
const DATA_YEAR = DEFAULT_METHOD.edition - 1;

/** A demo enterprise with revenue and staff 0 in every year (the case). */
function emptied(e: EnterpriseInput, orgId: number): EnterpriseInput {
  return { ...e, orgId, figures: e.figures.map((f) => ({ ...f, revenue: 0, staff: 0, rdStaff: 0, hightechRevenue: 0 })) };
}
const withRules = (minToGrade: number, minObservedInCohort = 0.5): IndexMethod => ({ ...DEFAULT_METHOD, coverage: { minToGrade, minObservedInCohort } });

describe('minimum coverage to be graded', () => {
  const base = POP.findIndex((e) => e.section === 'C' && e.sizeBand === 'small' && e.figures.length >= 3 && e.qualifications.length === 0);
  const pop = [...POP, emptied(POP[base]!, 100_000)];
  const row = pop.length - 1;

  it('an enterprise with 0 revenue and 0 staff is not graded (数据不足) under the built-in method; the first method graded it (on estimates)', () => {
    const s = scorePopulation(DEFAULT_METHOD, pop).scores[row]!;
    expect(s.coverage).toBeLessThan(DEFAULT_METHOD.coverage!.minToGrade);
    expect(s).toMatchObject({ score: null, grade: null, percentile: null, notGraded: true, stage: expect.any(String) });
    expect(s.excluded).toBe(`未评级：数据不足（数据覆盖率 ${Math.floor(s.coverage * 1000) / 10}%，低于 60%）`);
    // negative control: the first method, without the rule
    const v1 = scorePopulation(METHOD_2026_V1, pop).scores[row]!;
    expect(v1).toMatchObject({ grade: expect.any(String), excluded: null, notGraded: false });
    expect(v1.coverage).toBeLessThan(0.6);
  });

  it('the threshold is the method’s: graded at exactly its coverage, not graded just above it, always graded without the rule', () => {
    const cov = scorePopulation(DEFAULT_METHOD, pop).scores[row]!.coverage;
    expect(scorePopulation(withRules(cov), pop).scores[row]).toMatchObject({ notGraded: false, excluded: null, grade: expect.any(String) });
    expect(scorePopulation(withRules(cov + 0.0001), pop).scores[row]).toMatchObject({ notGraded: true, score: null });
    const { coverage: _none, ...noRule } = DEFAULT_METHOD;
    expect(scorePopulation(noRule, pop).scores[row]).toMatchObject({ notGraded: false, score: expect.any(Number) });
  });

  it('the not graded keep their indicator values (shown as missing), get no explanation, and are left out of percentiles and of the robustness run', () => {
    const sp = scorePopulation(DEFAULT_METHOD, pop);
    const s = sp.scores[row]!;
    const values = sp.valuesOf(row);
    expect(values.find((v) => v.code === 'rd_intensity')).toMatchObject({ raw: null, imputed: true });
    expect(values.find((v) => v.code === 'st_staff_share')).toMatchObject({ raw: null, imputed: true });
    expect(explain(sp, s)).toBeNull();
    // mid-rank percentiles of the graded of the cohort average 50: the not graded are not counted in it
    const cohort = sp.scores.filter((x) => x.cohort === s.cohort && x.percentile !== null);
    expect(cohort.length).toBeGreaterThan(20);
    expect(cohort.reduce((a, x) => a + x.percentile!, 0) / cohort.length).toBeCloseTo(50, 0);
    const r = robustness(sp, { draws: 5, seed: 1, spread: 0.25 });
    expect(r.intervals.map((x) => x.orgId)).not.toContain(100_000);
    expect(r.scored).toBe(sp.scores.filter((x) => x.score !== null).length);
    // as stored: no score, the reason, the values
    const stored = computeScores(DEFAULT_METHOD, pop).rows[row]!;
    expect(stored).toMatchObject({ score: null, grade: null, excluded: s.excluded });
    expect(JSON.parse(stored.detail)).toMatchObject({ explanation: null, values: expect.arrayContaining([expect.objectContaining({ code: 'rd_intensity', imputed: true })]) });
  });

  it('on the demo city few are below it (the rule is for the data-poor, not a cut of the field)', () => {
    const s = scorePopulation(DEFAULT_METHOD, POP).scores.filter((x) => x.stage !== null);
    const notGraded = s.filter((x) => x.notGraded).length;
    // measured: 0 of 600 here; 18 of 20,000 (0.09%) on demoInputs(20000)
    expect(notGraded / s.length).toBeLessThan(0.01);
  });
});

describe('an indicator observed for too few of a cohort is dropped from its score', () => {
  /** A cohort ('Z|small') of ten copies of demo enterprises, `withPatents` of them with invention patents (the others: high-value share missing). */
  function cohortZ(withPatents: number, tweak: (f: Figures) => Figures = (f) => f): EnterpriseInput[] {
    const donors = POP.filter((e) => e.figures.some((f) => f.year === DATA_YEAR && f.patentsInvention > 0 && f.staff > 0 && f.revenue > 0)).slice(0, 10);
    return donors.map((e, i) => ({
      ...e,
      orgId: 200_000 + i,
      section: 'Z',
      sizeBand: 'small',
      figures: e.figures.map((f) => tweak(i < withPatents ? f : { ...f, patentsInvention: 0, patentsHighValue: 0 })),
    }));
  }
  const codeIndex = (code: string) => DEFAULT_METHOD.indicators.findIndex((i) => i.code === code);

  it('4 of 10 observed (< 50%): dropped — contribution 0, its weight shared by the rest of its pillar, with a note', () => {
    const pop = [...POP, ...cohortZ(4)];
    const sp = scorePopulation(DEFAULT_METHOD, pop);
    const hv = codeIndex('high_value_share');
    for (let r = POP.length; r < pop.length; r++) {
      const s = sp.scores[r]!;
      const v = sp.valuesOf(r)[hv]!;
      expect(v).toMatchObject({ dropped: true, contribution: 0 });
      const w = sp.weightsOf(r);
      const stage = sp.indicators[hv]!.weight;
      expect(w[hv]).toBe(0);
      // the pillar keeps its weight; the total is 1
      const ip = sp.indicators.map((x, j) => (x.def.pillar === 'ip' ? j : -1)).filter((j) => j >= 0);
      const ipStage = ip.reduce((a, j) => a + sp.indicators[j]!.weight[s.stage!], 0);
      expect(ip.reduce((a, j) => a + w[j]!, 0)).toBeCloseTo(ipStage, 12);
      expect(w.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
      expect(stage[s.stage!]).toBeGreaterThan(0);
      // the score is the sum of its contributions; the explanation's pillars weigh 1 and say why
      expect(sp.valuesOf(r).reduce((a, x) => a + x.contribution, 0)).toBeCloseTo(s.score!, 3);
      const ex = explain(sp, s)!;
      expect(ex.pillars.reduce((a, p) => a + p.weight, 0)).toBeCloseTo(1, 12);
      expect(ex.notes.join('')).toContain('以下指标在同类企业（同一行业门类与规模）中有数据的不足 50%，不计入本类企业的评分');
      expect(ex.notes.join('')).toContain('高价值发明专利占比（有数据的企业占 40%）');
      expect([...ex.lifts, ...ex.holds].map((x) => x.indicator)).not.toContain('high_value_share');
      expect(ex.improvement?.indicator).not.toBe('high_value_share');
    }
    expect(sp.droppedOf(POP.length)).toEqual([{ code: 'high_value_share', observedShare: 0.4, group: 'cohort' }]);
    // the stored detail marks it
    const stored = JSON.parse(computeScores(DEFAULT_METHOD, pop).rows[POP.length]!.detail) as { values: { code: string; dropped?: boolean }[] };
    expect(stored.values.find((v) => v.code === 'high_value_share')!.dropped).toBe(true);
    // other cohorts keep their stage's weights
    const other = sp.scores.findIndex((s) => s.cohort === 'C|small' && sp.droppedOf(s.row).length === 0);
    expect(Array.from(sp.weightsOf(other))).toEqual(sp.indicators.map((x) => x.weight[sp.scores[other]!.stage!]));
  });

  it('5 of 10 observed (= 50%): kept, and the 5 without patents are imputed', () => {
    const pop = [...POP, ...cohortZ(5)];
    const sp = scorePopulation(DEFAULT_METHOD, pop);
    const hv = codeIndex('high_value_share');
    expect(sp.droppedOf(POP.length)).toEqual([]);
    expect(sp.valuesOf(pop.length - 1)[hv]).toMatchObject({ imputed: true });
    expect(sp.valuesOf(pop.length - 1)[hv]!.dropped).toBeUndefined();
    expect(sp.weightsOf(pop.length - 1)[hv]).toBe(sp.indicators[hv]!.weight[sp.scores[pop.length - 1]!.stage!]);
  });

  it('the share is the method’s: at 0.3 the 4 of 10 are kept; without coverage rules nothing is dropped', () => {
    const pop = [...POP, ...cohortZ(4)];
    expect(scorePopulation(withRules(0.6, 0.3), pop).droppedOf(POP.length)).toEqual([]);
    expect(scorePopulation(METHOD_2026_V1, pop).droppedOf(POP.length)).toEqual([]);
  });

  it('a whole pillar dropped (no enterprise of the cohort has three years): its weight goes to the other pillars', () => {
    const onlyLast = (e: EnterpriseInput): EnterpriseInput => ({ ...e, figures: e.figures.filter((f) => f.year === DATA_YEAR) });
    const z = cohortZ(10).map(onlyLast);
    const pop = [...POP, ...z];
    const sp = scorePopulation(DEFAULT_METHOD, pop);
    const r = POP.length;
    const dropped = sp.droppedOf(r).map((d) => d.code);
    expect(dropped).toEqual(expect.arrayContaining(['rd_growth', 'revenue_growth', 'net_assets_growth']));
    const w = sp.weightsOf(r);
    const stage = sp.scores[r]!.stage!;
    const growth = sp.indicators.map((x, j) => (x.def.pillar === 'growth' ? j : -1)).filter((j) => j >= 0);
    expect(growth.every((j) => w[j] === 0)).toBe(true);
    expect(w.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
    // qualification points (never missing) scaled by 1 / (1 − the weight of the pillars dropped whole: growth, and
    // capital, as equity financing is only partly observed — one year of three — for every enterprise of the cohort)
    const q = codeIndex('qualification_points');
    expect(dropped).toContain('equity_per_staff');
    const lost = sp.indicators.reduce((a, x) => a + (x.def.pillar === 'growth' || x.def.pillar === 'capital' ? x.weight[stage] : 0), 0);
    expect(w[q]).toBeCloseTo(sp.indicators[q]!.weight[stage] / (1 - lost), 12);
    // coverage is the enterprise's own: the growth data it lacks still counts against it
    expect(sp.scores[r]!.coverage).toBeLessThan(1);
  });

  it('a cohort smaller than minCohort is judged by its size band (as imputation falls back)', () => {
    const two = cohortZ(10)
      .slice(0, 2)
      .map((e) => ({ ...e, section: 'Y', figures: e.figures.map((f) => ({ ...f, patentsInvention: 0, patentsHighValue: 0 })) }));
    const pop = [...POP, ...two];
    const sp = scorePopulation(DEFAULT_METHOD, pop);
    const hv = codeIndex('high_value_share');
    // none of the two has the indicator, but most small enterprises of the city do: imputed, not dropped
    expect(sp.valuesOf(POP.length)[hv]).toMatchObject({ imputed: true });
    expect(sp.droppedOf(POP.length)).toEqual([]);
    // with a share the size band does not reach, it is dropped, and the note names the size band
    const strict = scorePopulation(withRules(0.6, 0.99), pop);
    expect(strict.droppedOf(POP.length).find((d) => d.code === 'high_value_share')).toMatchObject({ group: 'size' });
    expect(explain(strict, strict.scores[POP.length]!)!.notes.join('')).toContain('同规模企业（同行业同规模企业不足 5 家）');
  });

  it('the robustness run drops the same indicators: unperturbed, every draw ranks exactly as the method does', () => {
    const pop = [...POP, ...cohortZ(4)];
    const sp = scorePopulation(DEFAULT_METHOD, pop);
    const still = robustness(sp, { draws: 5, seed: 1, spread: 0, variants: false });
    for (const x of still.intervals) expect([x.p5, x.medianRank, x.p95]).toEqual([x.baseRank, x.baseRank, x.baseRank]);
  });

  it('redistribute keeps the total and each kept pillar’s weight, in proportion', () => {
    const w = Float64Array.from([0.2, 0.1, 0.3, 0.4]);
    const pillars = Int32Array.from([0, 0, 1, 2]);
    const one = Array.from(redistribute(w, pillars, Uint8Array.from([0, 1, 0, 0])));
    [0.3, 0, 0.3, 0.4].forEach((x, j) => expect(one[j]).toBeCloseTo(x, 12));
    const whole = Array.from(redistribute(w, pillars, Uint8Array.from([1, 1, 0, 0])));
    expect(whole[0]).toBe(0);
    expect(whole[2]! / whole[3]!).toBeCloseTo(0.75, 12);
    expect(whole.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
    expect(Array.from(redistribute(w, pillars, Uint8Array.from([1, 1, 1, 1])))).toEqual([0, 0, 0, 0]);
  });
});

describe('the first built-in method computes exactly as before issue #15', () => {
  it('its stored rows (scores, trend, values, explanations) are byte for byte those of the engine before the change', () => {
    // The same construction run on the engine before issue #15 gave this SHA-256 (a missing year, zero staff and revenue, a gate).
    const inputs = demoInputs(300);
    inputs[5] = { ...inputs[5]!, figures: inputs[5]!.figures.filter((f) => f.year !== 2024) };
    inputs[6] = { ...inputs[6]!, figures: inputs[6]!.figures.map((f) => ({ ...f, revenue: 0, staff: 0, rdStaff: 0, hightechRevenue: 0 })) };
    inputs[7] = { ...inputs[7]!, flags: ['abnormal'] };
    const { rows } = computeScores(METHOD_2026_V1, inputs);
    expect(crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex')).toBe('410607b77d6ce9bada27a95f8957c0ff67cef8c63f559d9099208dde9e8ecbee');
  });
});
