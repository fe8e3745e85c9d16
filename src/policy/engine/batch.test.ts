import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEMS } from '../items/index.js';
import { ELIGIBLE, evaluateBatch, missingFacts, NEEDS_INPUT, Population } from './batch.js';
import { factsUsed } from './channel.js';
import { loadItem } from './check.js';
import { evaluateItem } from './evaluate.js';
import { FACTS, type Facts } from './facts.js';
import type { SupportItem } from './schema.js';
import { applyHistoryAndStacking, type PriorAward } from './stacking.js';
import { Catalogue } from './catalogue.js';

const WAN = 1_000_000;

/** A catalogue with administrators' derived facts, as a city would add them. */
const CAT = new Catalogue(FACTS, [
  { name: 'rdIncrease', type: 'money', label: '研发费用增量', source: 'derived', meaning: '最近年度研发费用减上一年度', expression: { sub: [{ fact: 'rdExpense' }, { fact: 'rdExpense', yearsAgo: 1 }] } },
  { name: 'revenueGrowth', type: 'ratio', label: '营业收入增长率', source: 'derived', meaning: '（本年−上年）÷上年', expression: { div: [{ sub: [{ fact: 'revenue' }, { fact: 'revenue', yearsAgo: 1 }] }, { fact: 'revenue', yearsAgo: 1 }] } },
  { name: 'rd3y', type: 'money', label: '近三年研发费用', source: 'derived', meaning: '近三年合计', expression: { sumYears: 'rdExpense', years: 3 } },
]);

/** Synthetic items for the combinators no measure uses yet: tiers, quotas, sum_cap, priority, any/not. */
const common = { measure: 8, clause: '合成测试事项', departments: ['gxj'], form: '奖励', status: 'draft', effective: { from: '2026-01-01' }, period: 'per_project' } as const;
const SYNTHETIC: SupportItem[] = [
  loadItem({
    ...common, id: 'm8.t_step', title: 'step',
    eligibility: { any: [{ fact: 'revenue', gte: '1亿' }, { not: { fact: 'qualifications', has: 'hnte' } }] },
    amount: { tiers: { of: 'revenue', mode: 'step', bands: [{ upTo: '1亿', amount: '10万' }, { upTo: '5亿', rate: '0.1%' }, { rate: '1/3', }] } },
    stacking: { group: 'g_sum', policy: 'sum_cap', cap: '300万' },
  }),
  loadItem({
    ...common, id: 'm8.t_prog', title: 'progressive',
    eligibility: { all: [{ fact: 'rdExpense', gt: '0元' }, { ratio: ['rdStaff', 'staff'], gte: '10%', lt: '90%' }] },
    amount: { cap: { tiers: { of: 'rdExpense', mode: 'progressive', rounding: 'floor', bands: [{ upTo: '1000万', rate: '12.5%' }, { upTo: '5000万', rate: '7%' }, { rate: '1/7' }] } }, max: '800万' },
    stacking: { group: 'g_sum', policy: 'sum_cap', cap: '300万' },
  }),
  loadItem({
    ...common, id: 'm8.t_quota', title: 'quota', period: 'per_year',
    eligibility: { fact: 'patentsInvention', gte: 3 },
    amount: { perItem: { count: 'patentsInvention', each: '50万', quota: 15 } },
    stacking: { group: 'g_pri', policy: 'priority', priority: 2 },
  }),
  loadItem({
    ...common, id: 'm8.t_pri', title: 'priority', period: 'once',
    eligibility: { fact: 'isManufacturing', is: true },
    amount: { ceiling: { rate: '33.33%', of: 'netAssets', rounding: 'ceil' } },
    stacking: { group: 'g_pri', policy: 'priority', priority: 1 },
  }),
];

/** The shapes of issue #12: arithmetic, history, choices, districts, limits across years, exclusions. */
const SHAPES: SupportItem[] = [
  loadItem({
    ...common, id: 'x.increment', title: '增量奖励', period: 'per_year',
    eligibility: { fact: 'rdIncrease', gt: '0元' },
    amount: { cap: { rate: '10%', of: 'rdIncrease', rounding: 'half_up' }, max: '100万' },
    limits: { maxYears: 3, consecutive: true, lifetimeCap: '250万' },
  }, CAT),
  loadItem({
    ...common, id: 'x.growth', title: '增长', period: 'per_year',
    eligibility: { all: [{ fact: 'revenueGrowth', gte: '20%' }, { value: { div: [{ fact: 'rdExpense' }, { fact: 'revenue' }] }, gte: '3%' }, { fact: 'district', in: ['320571', '320505'] }] },
    amount: { expr: { min: [{ mul: ['1/3', { fact: 'rd3y' }] }, '300万'] }, rounding: 'floor' },
    excludes: [{ items: ['x.increment'], years: 2 }],
  }, CAT),
  loadItem({
    ...common, id: 'x.first', title: '首次与重新认定', period: 'per_year',
    eligibility: { fact: 'qualifications', has: 'hnte' },
    amount: { choose: [{ when: { fact: 'qualificationsFirst', has: 'hnte' }, amount: { fixed: '30万' } }, { when: { fact: 'qualificationsRenewed', has: 'hnte' }, amount: { fixed: '10万' } }] },
  }, CAT),
  loadItem({
    ...common, id: 'x.match', title: '配套', period: 'per_project',
    eligibility: { fact: 'upperLevelFunding', gt: '0元' },
    amount: { cap: { expr: { mul: ['200%', { fact: 'upperLevelFunding' }] }, rounding: 'half_up' }, max: '1000万' },
    limits: { yearCap: '1500万' },
  }, CAT),
  loadItem({
    ...common, id: 'x.interest', title: '贴息', period: 'per_year',
    eligibility: { all: [{ fact: 'loanInterestPaid', gt: '0元' }, { value: { granted: { items: ['$self'], what: 'years' } }, lt: 2 }] },
    amount: { expr: { min: [{ mul: ['50%', { fact: 'loanInterestPaid' }] }, '100万'] }, rounding: 'half_up' },
  }, CAT),
];
const ALL = [...ITEMS, ...SYNTHETIC, ...SHAPES];

/** Values near every threshold the items use, plus some wide ones. */
const money = fc.oneof(
  fc.constantFrom(0, 1, 5000 * WAN - 1, 5000 * WAN, 5000 * WAN + 1, 1e8 * 100, 1e10, 1e12, 123_456_789, 999),
  fc.integer({ min: 0, max: 2e12 }),
);
const count = fc.oneof(fc.constantFrom(0, 1, 2, 3, 10, 15, 16, 35, 100), fc.integer({ min: 0, max: 5000 }));
const codes = fc.subarray(['hnte', 'tsme', 'srdi', 'little_giant', 'ip_advantage']);

function factArb(name: string): fc.Arbitrary<unknown> {
  const t = CAT.get(name)!.type;
  if (t === 'district') return fc.constantFrom('320571', '320505', '320506');
  if (t === 'enum') return fc.constantFrom(...CAT.get(name)!.values!.map((v) => v.code));
  return t === 'money' ? money : t === 'count' ? count : t === 'boolean' ? fc.boolean() : codes;
}

const names = [...Object.keys(FACTS), 'rdExpense@-1', 'rdExpense@-2', 'revenue@-1'];
const rowArb = fc.record(Object.fromEntries(names.map((n) => [n, fc.option(factArb(n), { nil: undefined, freq: 3 })])));

function toFacts(row: Record<string, unknown>): Facts {
  const f: Facts = {};
  for (const [k, v] of Object.entries(row)) if (v !== undefined) f[k] = { value: v as number | boolean | string[], source: 'declaration' };
  return f;
}

describe('the column-wise batch gives the same results as the calculator', () => {
  it('property: status, amounts, kind, missing facts and set-aside reasons agree row by row', () => {
    const awardArb = fc.array(fc.record({ itemId: fc.constantFrom(...ALL.map((i) => i.id)), year: fc.constantFrom(2025, 2026), amount: fc.integer({ min: 1, max: 1e9 }) }), { maxLength: 3 });
    fc.assert(
      fc.property(fc.array(fc.record({ row: rowArb, history: awardArb }), { minLength: 1, maxLength: 40 }), (rows) => {
        const pop = new Population(rows.length, CAT);
        const history = new Map<number, PriorAward[]>();
        rows.forEach((r, i) => {
          pop.setFacts(i, toFacts(r.row));
          if (r.history.length) history.set(i, r.history);
        });
        const batch = evaluateBatch(ALL, pop, history, 2026);
        rows.forEach((r, i) => {
          const facts = toFacts(r.row);
          const single = applyHistoryAndStacking(ALL, ALL.map((item) => evaluateItem(item, facts, { catalogue: CAT, history: r.history, year: 2026 })), r.history, 2026);
          single.forEach((s, k) => {
            const c = batch.items[k]!;
            const status = c.status[i] === ELIGIBLE ? 'eligible' : c.status[i] === NEEDS_INPUT ? 'needs_input' : 'not_eligible';
            expect({ id: s.itemId, status }).toEqual({ id: s.itemId, status: s.status });
            if (s.status === 'eligible') {
              expect({ id: s.itemId, min: c.min[i], max: c.max[i], kind: c.kind }).toEqual({ id: s.itemId, min: s.amount!.min, max: s.amount!.max, kind: s.kind });
            }
            if (s.status === 'needs_input') expect(missingFacts(ALL[k]!, pop, i)).toEqual(s.missing.map((m) => m.fact).sort());
            expect(c.setAside.get(i)).toBe(s.setAside);
          });
        });
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it('an enterprise with only its records: platform items decided, declaration items need input', () => {
    const pop = new Population(2);
    pop.setFacts(0, toFacts({ revenue: 8000 * WAN, rdExpense: 400 * WAN, patentsInvention: 20, patentsHighValue: 7, qualifications: ['tsme', 'ip_advantage'], isManufacturing: true }));
    pop.setFacts(1, toFacts({ revenue: 8000 * WAN, rdExpense: 0, patentsInvention: 20, patentsHighValue: 6, qualifications: [], isManufacturing: false }));
    const b = evaluateBatch(ITEMS, pop);
    const get = (id: string) => b.items[ITEMS.findIndex((i) => i.id === id)]!;
    expect([...get('m6.rd_input').status]).toEqual([ELIGIBLE, 0]);
    expect(get('m6.rd_input').max[0]).toBe(200 * WAN);
    expect([...get('m18.high_value_share').status]).toEqual([ELIGIBLE, 0]); // 7/20 = 35% ≥ 35%; 6/20 = 30%
    expect([...get('m8.equipment').status]).toEqual([NEEDS_INPUT, 0]); // manufacturer lacks the investment; the other is not a manufacturer
    expect(missingFacts(ITEMS.find((i) => i.id === 'm8.equipment')!, pop, 0)).toEqual(['equipmentInvestment']);
  });

  it('every fact an item reads is in the catalogue', () => {
    for (const item of ALL) for (const f of factsUsed(item, CAT)) expect(CAT.get(f), `${item.id}: ${f}`).toBeDefined();
  });
});
