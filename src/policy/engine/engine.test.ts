import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEMS } from '../items/index.js';
import { m7UniversityContract } from '../items/m07.js';
import { m8Equipment } from '../items/m08.js';
import { m9Challenge } from '../items/m09.js';
import { m13Insurance } from '../items/m13.js';
import { m18HighValueShare, m18Portfolio } from '../items/m18.js';
import { m3Items } from '../items/m03.js';
import { m4Items } from '../items/m04.js';
import { m12Items } from '../items/m12.js';
import { loadItem, RuleDocumentError } from './check.js';
import { evaluateItem } from './evaluate.js';
import type { Facts } from './facts.js';
import { applyRate, formatFen, parseMoney, parseRate } from './money.js';
import type { SupportItem } from './schema.js';

const WAN = 1_000_000;
const declared = (value: number | boolean) => ({ value, source: 'declaration' as const });
const platform = (value: number | boolean | string[]) => ({ value, source: 'platform' as const });

describe('money', () => {
  it('parses Chinese amounts exactly into 分', () => {
    expect(parseMoney('5000万')).toBe(5000 * WAN);
    expect(parseMoney('2亿')).toBe(200_000_000_00);
    expect(parseMoney('123.45元')).toBe(12345);
    expect(parseMoney('0.5万')).toBe(500_000);
    expect(() => parseMoney('1.234元')).toThrow('精度');
    expect(() => parseMoney('五千万')).toThrow();
  });
  it('applies rates exactly with declared rounding', () => {
    expect(applyRate(6000 * WAN, parseRate('5%'), 'half_up')).toBe(300 * WAN);
    expect(applyRate(12345, parseRate('50%'), 'floor')).toBe(6172);
    expect(applyRate(12345, parseRate('50%'), 'half_up')).toBe(6173);
    expect(applyRate(1, parseRate('1/3'), 'ceil')).toBe(1);
    expect(applyRate(10, parseRate('0.125'), 'floor')).toBe(1);
  });
  it('words money as 万元 when whole to 100 元, otherwise exactly in 元 (never "14.521943 万元")', () => {
    expect(formatFen(6000 * WAN)).toBe('6,000 万元');
    expect(formatFen(12.5 * WAN)).toBe('12.5 万元');
    expect(formatFen(14_521_943)).toBe('145,219.43 元');
    expect(formatFen(12345)).toBe('123.45 元');
    expect(formatFen(500 * 100)).toBe('500 元');
    expect(formatFen(5000 * WAN - 1)).toBe('49,999,999.99 元');
    expect(formatFen(-3 * WAN)).toBe('-3 万元');
  });
});

describe('measure 8: equipment investment ≥ 5000万 → 5%', () => {
  const facts = (investment?: number, manufacturing = true): Facts => ({
    isManufacturing: { value: manufacturing, source: 'computed', note: '行业 C 制造业' },
    ...(investment === undefined ? {} : { equipmentInvestment: declared(investment) }),
  });

  it('rewards 6,000万 with exactly 300万 and explains each step', () => {
    const r = evaluateItem(m8Equipment, facts(6000 * WAN));
    expect(r.status).toBe('eligible');
    expect(r.kind).toBe('entitlement');
    expect(r.amount).toEqual({ min: 300 * WAN, max: 300 * WAN });
    expect(r.explanation).toContain('设备投资 6,000 万元 ≥ 门槛 5,000 万元');
    expect(r.explanation).toContain('奖励 = 设备投资额 6,000 万元 × 奖励比例 5%');
    expect(r.explanation).toContain('= 300 万元');
    expect(r.explanation).toContain('企业申报');
  });

  it('includes the threshold itself (以上 includes the number)', () => {
    expect(evaluateItem(m8Equipment, facts(5000 * WAN)).status).toBe('eligible');
    const below = evaluateItem(m8Equipment, facts(5000 * WAN - 1));
    expect(below.status).toBe('not_eligible');
    expect(below.explanation).toContain('设备投资：要求 ≥ 5,000 万元，实际 49,999,999.99 元');
  });

  it('names the missing fact instead of guessing', () => {
    const r = evaluateItem(m8Equipment, facts(undefined));
    expect(r.status).toBe('needs_input');
    expect(r.missing).toEqual([{ fact: 'equipmentInvestment', label: '设备投资额' }]);
    expect(r.amount).toBeNull();
  });

  it('refuses a non-manufacturing enterprise even with the investment', () => {
    const r = evaluateItem(m8Equipment, facts(9000 * WAN, false));
    expect(r.status).toBe('not_eligible');
    expect(r.failed[0]).toContain('制造业企业');
  });
});

describe('最高 X is a ceiling decided by review, never an entitlement', () => {
  it('measure 9: 50% of the contract, at most 1000万', () => {
    const small = evaluateItem(m9Challenge, { challengeContractAmount: declared(800 * WAN) });
    expect(small).toMatchObject({ status: 'eligible', kind: 'ceiling', amount: { min: 0, max: 400 * WAN } });
    const big = evaluateItem(m9Challenge, { challengeContractAmount: declared(3000 * WAN) });
    expect(big.amount).toEqual({ min: 0, max: 1000 * WAN });
    expect(big.explanation).toContain('1,500 万元 超过上限 1,000 万元');
    expect(big.explanation).toContain('经评审确定');
  });
  it('measure 7: up to 10% of what was actually paid this year', () => {
    const r = evaluateItem(m7UniversityContract, { contractPaidThisYear: declared(123_456_789) });
    expect(r).toMatchObject({ kind: 'ceiling', amount: { min: 0, max: 12_345_678 } });
  });
  it('measure 18: a 知识产权优势企业 with a high-value share ≥ 35% → up to 250万', () => {
    const ipa = { value: ['ip_advantage'], source: 'platform' as const };
    const at = evaluateItem(m18HighValueShare, { qualifications: ipa, patentsHighValue: platform(35), patentsInvention: platform(100) });
    expect(at).toMatchObject({ status: 'eligible', kind: 'ceiling', amount: { min: 0, max: 250 * WAN } });
    const under = evaluateItem(m18HighValueShare, { qualifications: ipa, patentsHighValue: platform(34), patentsInvention: platform(100) });
    expect(under.status).toBe('not_eligible');
    expect(under.explanation).toContain('要求 ≥ 35%');
    const none = evaluateItem(m18HighValueShare, { qualifications: ipa, patentsHighValue: platform(0), patentsInvention: platform(0) });
    expect(none.status).toBe('not_eligible');
    // 7/20 = 35% exactly: compared without floating point
    expect(evaluateItem(m18HighValueShare, { qualifications: ipa, patentsHighValue: platform(7), patentsInvention: platform(20) }).status).toBe('eligible');
    // the share alone is not enough: the clause is for 知识产权优势企业
    const noTitle = evaluateItem(m18HighValueShare, { qualifications: { value: ['hnte'], source: 'platform' }, patentsHighValue: platform(35), patentsInvention: platform(100) });
    expect(noTitle.status).toBe('not_eligible');
    expect(noTitle.explanation).toContain('知识产权优势企业');
    // no invention patents decides it even when the high-value count is not given
    expect(evaluateItem(m18HighValueShare, { qualifications: ipa, patentsInvention: platform(0) }).status).toBe('not_eligible');
  });
});

describe('other measures', () => {
  const item = (id: string) => [...m3Items, ...m4Items, ...m12Items].find((i) => i.id === id)!;
  it('measure 3: 央地协同 up to 50% of the upper-level funding', () => {
    expect(evaluateItem(item('m3.central_local'), { upperLevelFunding: declared(3000 * WAN) })).toMatchObject({ kind: 'ceiling', amount: { min: 0, max: 1500 * WAN } });
    expect(evaluateItem(item('m3.joint_fund'), { jointFundProject: declared(true) })).toMatchObject({ kind: 'ceiling', amount: { min: 0, max: 500 * WAN } });
    expect(evaluateItem(item('m3.joint_fund'), { jointFundProject: declared(false) }).status).toBe('not_eligible');
  });
  it('measure 4: the young-scientist award is a fixed 50万, the team supports are ceilings', () => {
    expect(evaluateItem(item('m4.young_scientist'), { youngScientist: declared(true) })).toMatchObject({ kind: 'entitlement', amount: { min: 50 * WAN, max: 50 * WAN } });
    expect(evaluateItem(item('m4.top_talent'), { topTalentTeam: declared(true) })).toMatchObject({ kind: 'ceiling', amount: { min: 0, max: 10_000 * WAN } });
  });
  it('measure 12: a new public platform gets up to 20% of its investment, at most 2000万', () => {
    expect(evaluateItem(item('m12.public_platform'), { platformInvestment: declared(5000 * WAN) }).amount).toEqual({ min: 0, max: 1000 * WAN });
    expect(evaluateItem(item('m12.public_platform'), { platformInvestment: declared(15_000 * WAN) }).amount).toEqual({ min: 0, max: 2000 * WAN });
  });
  it('gives every item a unique id', () => {
    expect(new Set(ITEMS.map((i) => i.id)).size).toBe(ITEMS.length);
  });

  it('measure 13: half the premium, rounded down to the 分', () => {
    expect(evaluateItem(m13Insurance, { insurancePremium: declared(12345) }).amount).toEqual({ min: 6172, max: 6172 });
  });
  it('measure 18 portfolio: 50万 for a selected portfolio of a 科技型中小企业', () => {
    const ok = evaluateItem(m18Portfolio, { qualifications: platform(['tsme', 'hnte']), patentPortfolioSelected: declared(true) });
    expect(ok.amount).toEqual({ min: 50 * WAN, max: 50 * WAN });
    const notTsme = evaluateItem(m18Portfolio, { qualifications: platform(['hnte']), patentPortfolioSelected: declared(true) });
    expect(notTsme.status).toBe('not_eligible');
    const unknown = evaluateItem(m18Portfolio, { qualifications: platform(['tsme']) });
    expect(unknown.missing.map((m) => m.fact)).toEqual(['patentPortfolioSelected']);
  });
});

const tiered = (mode: 'step' | 'progressive'): SupportItem =>
  loadItem({
    id: 'm6.rd_tiers',
    measure: 6,
    title: '研发投入分档（测试用）',
    clause: '根据企业研发投入情况每年给予最高200万元支持',
    departments: ['kjj'],
    form: '支持',
    period: 'per_year',
    status: 'draft',
    effective: { from: '2026-01-01' },
    eligibility: { fact: 'rdExpense', gt: '0元' },
    amount:
      mode === 'step'
        ? { tiers: { of: 'rdExpense', mode, bands: [{ upTo: '1000万', amount: '20万' }, { upTo: '5000万', amount: '100万' }, { amount: '200万' }] } }
        : { cap: { tiers: { of: 'rdExpense', mode, bands: [{ upTo: '1000万', rate: '2%' }, { upTo: '5000万', rate: '3%' }, { rate: '1%' }] } }, max: '200万' },
  });

describe('tiers and caps', () => {
  it('step tiers pick the band (upper bounds included)', () => {
    const item = tiered('step');
    expect(evaluateItem(item, { rdExpense: platform(1000 * WAN) }).amount?.max).toBe(20 * WAN);
    expect(evaluateItem(item, { rdExpense: platform(1000 * WAN + 1) }).amount?.max).toBe(100 * WAN);
    expect(evaluateItem(item, { rdExpense: platform(9000 * WAN) }).amount?.max).toBe(200 * WAN);
  });
  it('progressive tiers sum each band, then the cap applies', () => {
    const item = tiered('progressive');
    // 1000万×2% + 4000万×3% + 1000万×1% = 20 + 120 + 10 = 150万
    expect(evaluateItem(item, { rdExpense: platform(6000 * WAN) }).amount?.max).toBe(150 * WAN);
    // 1000万×2% + 4000万×3% + 6000万×1% = 200万 → at the cap
    expect(evaluateItem(item, { rdExpense: platform(11000 * WAN) }).amount?.max).toBe(200 * WAN);
    expect(evaluateItem(item, { rdExpense: platform(20000 * WAN) }).amount?.max).toBe(200 * WAN);
  });
  it('property: a cap is never exceeded and the amount never decreases as the base grows', () => {
    const item = tiered('progressive');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 0, max: 1e10 }), (base, extra) => {
        const a = evaluateItem(item, { rdExpense: platform(base) }).amount!.max;
        const b = evaluateItem(item, { rdExpense: platform(base + extra) }).amount!.max;
        return a <= 200 * WAN && b <= 200 * WAN && b >= a;
      }),
    );
  });
  it('property: a rate amount is exact to the 分 and monotone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5000 * WAN, max: 1e13 }), (base) => {
        const r = evaluateItem(m8Equipment, { isManufacturing: platform(true), equipmentInvestment: declared(base) });
        const expected = Number((BigInt(base) * 5n + 50n) / 100n);
        return r.amount!.max === expected;
      }),
    );
  });
});

describe('rule documents', () => {
  it('every encoded item loads and its clause is quoted from its measure', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const policy = fs.readFileSync(path.resolve(import.meta.dirname, '../../../policies/suzhou-2026/text.txt'), 'utf8');
    const paragraphs = policy.split('\n');
    for (const item of ITEMS) {
      expect(loadItem(structuredClone(item)).id).toBe(item.id);
      const para = paragraphs.find((p) => p.replace(/^\[bookmark:[^\]]*\]/, '').startsWith(`${item.measure}.`));
      expect(para, `measure ${item.measure}`).toBeDefined();
      expect(para!.includes(item.clause), `${item.id} clause not found verbatim in measure ${item.measure}`).toBe(true);
      for (const [name, p] of Object.entries(item.parameters)) {
        expect(para!.includes(p.clause), `${item.id} parameter ${name}: “${p.clause}” not found verbatim in measure ${item.measure}`).toBe(true);
      }
    }
  });
  it('refuses a malformed document with the path of the bad field', () => {
    const bad = { ...structuredClone(m8Equipment), amount: { rate: '5 percent', of: 'equipmentInvestment' } };
    expect(() => loadItem(bad)).toThrow(RuleDocumentError);
    try {
      loadItem(bad);
    } catch (e) {
      expect((e as RuleDocumentError).errors.some((x) => x.path.startsWith('amount'))).toBe(true);
    }
  });
  it('refuses unknown facts, wrong fact types and undefined parameters, naming the path', () => {
    const doc = structuredClone(m8Equipment) as SupportItem;
    doc.eligibility = { all: [{ fact: 'isManufacturing', gte: '5万' }, { fact: 'equipmentInvestmnet', gte: '$threshhold' }] };
    try {
      loadItem(doc);
      expect.unreachable();
    } catch (e) {
      const errs = (e as RuleDocumentError).errors;
      expect(errs.map((x) => x.path)).toEqual(expect.arrayContaining(['eligibility.all[0].fact', 'eligibility.all[1].fact', 'eligibility.all[1].gte']));
    }
  });
  it('refuses a parameter whose value does not fit its kind, naming the parameter', () => {
    const doc = structuredClone(m8Equipment) as SupportItem;
    doc.parameters.rate!.value = '三成';
    doc.parameters.threshold!.value = '5000美元';
    try {
      loadItem(doc);
      expect.unreachable();
    } catch (e) {
      expect((e as RuleDocumentError).errors.map((x) => x.path)).toEqual(['parameters.threshold.value', 'parameters.rate.value']);
    }
  });
  it('refuses unknown keys (a typo must not be ignored)', () => {
    const doc = { ...structuredClone(m8Equipment), periode: 'once' };
    expect(() => loadItem(doc)).toThrow(/periode|Unrecognized|无法识别|未知/);
  });
});

describe('every encoded item', () => {
  it('property: the amount (or ceiling) never decreases when a money base grows, and never exceeds a declared 最高/cap', async () => {
    const { factsUsed } = await import('./channel.js');
    const { builtinFactDef } = await import('./facts.js');
    for (const item of ITEMS) {
      const used = factsUsed(item);
      const moneyFacts = used.filter((f) => builtinFactDef(f)?.type === 'money');
      const caps = Object.values(item.parameters).filter((p) => p.kind === 'money' && /最高/.test(p.clause)).map((p) => parseMoney(String(p.value)));
      const full = (base: Record<string, number>): Facts => {
        const f: Facts = {};
        for (const name of used) {
          const t = builtinFactDef(name)!.type;
          f[name] = { value: t === 'boolean' ? true : t === 'codes' ? ['tsme', 'hnte', 'ip_advantage'] : (base[name] ?? 0), source: 'declaration' };
        }
        return f;
      };
      fc.assert(
        fc.property(fc.record(Object.fromEntries(moneyFacts.map((m) => [m, fc.integer({ min: 0, max: 1e12 })]))), fc.integer({ min: 1, max: 1e11 }), (base, extra) => {
          const counts = Object.fromEntries(used.filter((f) => builtinFactDef(f)?.type === 'count').map((f) => [f, 10]));
          const a = evaluateItem(item, full({ ...counts, ...base }));
          if (a.status === 'eligible' && caps.length) expect(a.amount!.max, item.id).toBeLessThanOrEqual(Math.max(...caps));
          for (const m of moneyFacts) {
            const b = evaluateItem(item, full({ ...counts, ...base, [m]: (base[m] ?? 0) + extra }));
            if (a.status === 'eligible' && b.status === 'eligible') expect(b.amount!.max, `${item.id} as ${m} grows`).toBeGreaterThanOrEqual(a.amount!.max);
          }
        }),
        { numRuns: 60 },
      );
    }
  });
});
