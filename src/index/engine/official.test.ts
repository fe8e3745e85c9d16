import { describe, expect, it } from 'vitest';
import { daysBetween, dayNumber, hnteConditions, hnteIntensityBand, registrationCondition, TSME_DIRECT_PATHS, tsmeScore, type Figures } from './official.js';

const WAN = 1_000_000;
const base: Figures = {
  year: 2025, revenue: 10_000 * WAN, rdExpense: 500 * WAN, rdExpenseDomestic: 500 * WAN, staff: 100, rdStaff: 10, hightechRevenue: 6_000 * WAN, netAssets: 5_000 * WAN,
  patentsInvention: 1, patentsUtility: 0, patentsDesign: 0, softwareCopyrights: 0, patentsHighValue: 0, techContractIncome: 0, equityFinancing: 0,
};
const years = (f: Partial<Figures>) => [2023, 2024, 2025].map((year) => ({ ...base, ...f, year }));
const cond = (figs: Figures[], code: string) => hnteConditions(figs, '2015-06-01', '2026-06-01').find((c) => c.code === code)!;

describe('高新技术企业 conditions (国科发火〔2016〕32号)', () => {
  it('R&D-intensity band by the latest revenue: 5000万 and 2亿 belong to the lower band (含)', () => {
    expect(hnteIntensityBand(5000 * WAN).num).toBe(5);
    expect(hnteIntensityBand(5000 * WAN + 1).num).toBe(4);
    expect(hnteIntensityBand(20000 * WAN).num).toBe(4);
    expect(hnteIntensityBand(20000 * WAN + 1).num).toBe(3);
  });
  it('R&D intensity over three years at, just under and just over 4%', () => {
    expect(cond(years({ rdExpense: 400 * WAN, rdExpenseDomestic: 400 * WAN }), 'rd_intensity').met).toBe(true);
    const under = cond(years({ rdExpense: 400 * WAN - 1, rdExpenseDomestic: 400 * WAN - 1 }), 'rd_intensity');
    expect(under.met).toBe(false);
    expect(under.gap).toBe('研发费用还差 0.01 万元'); // 3 分 short, rounded up to what is enough
    expect(cond(years({ rdExpense: 400 * WAN + 1 }), 'rd_intensity').met).toBe(true);
  });
  it('uses the three-year sums, not the latest year alone', () => {
    const figs = [
      { ...base, year: 2023, rdExpense: 0, rdExpenseDomestic: 0 },
      { ...base, year: 2024, rdExpense: 0, rdExpenseDomestic: 0 },
      { ...base, year: 2025, rdExpense: 1_000 * WAN, rdExpenseDomestic: 1_000 * WAN },
    ];
    // 1000万 / 3亿 = 3.33% < 4%, although the latest year alone is 10%
    expect(cond(figs, 'rd_intensity')).toMatchObject({ met: false, gap: '研发费用还差 200 万元' });
  });
  it('境内 R&D ≥ 60%, S&T staff ≥ 10%, high-tech revenue ≥ 60%: at and just under', () => {
    expect(cond(years({ rdExpenseDomestic: 300 * WAN }), 'rd_domestic').met).toBe(true);
    expect(cond(years({ rdExpenseDomestic: 300 * WAN - 1 }), 'rd_domestic').met).toBe(false);
    expect(cond(years({ rdStaff: 10 }), 'st_staff').met).toBe(true);
    expect(cond(years({ rdStaff: 9 }), 'st_staff')).toMatchObject({ met: false, gap: '科技人员还差 1 人' });
    expect(cond(years({ hightechRevenue: 6_000 * WAN }), 'hightech_revenue').met).toBe(true);
    expect(cond(years({ hightechRevenue: 6_000 * WAN - 1 }), 'hightech_revenue').met).toBe(false);
  });
  it('core IP', () => {
    expect(cond(years({ patentsInvention: 0 }), 'core_ip').met).toBe(false);
    expect(cond(years({ patentsInvention: 0, softwareCopyrights: 1 }), 'core_ip').met).toBe(true);
  });
});

describe('高企 "注册成立一年以上": 365 calendar days to the application date (工作指引)', () => {
  const reg = (founded: string | null, applied: string) => registrationCondition(founded, applied);
  it('counts days: a year to the day (365) passes, one day less (364) fails and says when it will pass', () => {
    expect(daysBetween('2024-03-01', '2025-03-01')).toBe(365);
    expect(reg('2024-03-01', '2025-03-01')).toMatchObject({ met: true, gap: '', distance: 0, actual: '2024-03-01 成立，至申请日 365 天' });
    expect(reg('2024-03-02', '2025-03-01')).toMatchObject({ met: false, gap: '还差 1 天（2025-03-02 起满足）' });
    expect(reg('2024-03-02', '2025-03-02').met).toBe(true);
  });
  it('leap years: over 29 February a year is 366 days, so the day before the anniversary already has 365', () => {
    expect(daysBetween('2023-03-01', '2024-03-01')).toBe(366);
    expect(reg('2023-03-01', '2024-03-01').met).toBe(true);
    expect(reg('2023-03-02', '2024-03-01')).toMatchObject({ met: true, actual: '2023-03-02 成立，至申请日 365 天' });
    expect(reg('2023-03-03', '2024-03-01')).toMatchObject({ met: false, gap: '还差 1 天（2024-03-02 起满足）' });
    // founded on 29 February: 365 days later is 28 February of the next year
    expect(reg('2024-02-29', '2025-02-28').met).toBe(true);
    expect(reg('2024-02-29', '2025-02-27')).toMatchObject({ met: false, gap: '还差 1 天（2025-02-28 起满足）' });
    // the whole of a leap year, 1 January to 31 December, is 365 days
    expect(reg('2024-01-01', '2024-12-31').met).toBe(true);
    expect(reg('2024-01-02', '2024-12-31').met).toBe(false);
  });
  it('compares days, not calendar years: founded 341 days before the application date fails although a year number apart', () => {
    expect(daysBetween('2025-01-20', '2025-12-27')).toBe(341);
    expect(reg('2025-01-20', '2025-12-27')).toMatchObject({ met: false, gap: '还差 24 天（2026-01-20 起满足）' });
    expect(reg('2024-12-31', '2025-01-01').met).toBe(false); // different years, one day
    // through hnteConditions: the latest figures are for 2025, the application in 2026
    const r = hnteConditions(years({}), '2025-03-10', '2026-02-13').find((c) => c.code === 'registered')!;
    expect(r).toMatchObject({ met: false, gap: '还差 25 天（2026-03-10 起满足）' });
    expect(hnteConditions(years({}), '2025-03-10', '2026-03-10').find((c) => c.code === 'registered')!.met).toBe(true);
  });
  it('a registration after the application date, or none on record, is not met; an impossible date is refused', () => {
    expect(reg('2026-05-01', '2026-04-01')).toMatchObject({ met: false, distance: 1, actual: '2026-05-01 成立（晚于申请日）' });
    expect(reg(null, '2026-04-01')).toMatchObject({ met: false, actual: '未记录成立日期', gap: '请补充企业成立日期' });
    expect(hnteConditions(years({}), null, '2026-04-01').map((c) => c.code)).toContain('registered');
    expect(() => dayNumber('2025-02-29')).toThrow(RangeError);
    expect(() => dayNumber('2025-2-1')).toThrow(RangeError);
    expect(dayNumber('2024-02-29') - dayNumber('2024-02-28')).toBe(1);
  });
});

describe('科技型中小企业 self-check (国科发政〔2017〕115号)', () => {
  it('S&T staff score bands at their lower bounds (含)', () => {
    const s = (rdStaff: number) => tsmeScore({ ...base, rdStaff }).staff;
    expect([30, 29, 25, 24, 20, 19, 15, 14, 10, 9].map(s)).toEqual([20, 16, 16, 12, 12, 8, 8, 4, 4, 0]);
  });
  it('R&D score bands by R&D / revenue', () => {
    const s = (rdExpense: number) => tsmeScore({ ...base, rdExpense }).rd;
    expect([600, 599.99, 500, 400, 300, 200, 199.99].map((w) => s(Math.round(w * WAN)))).toEqual([50, 40, 40, 30, 20, 10, 0]);
  });
  it('IP score: one class-I (invention) 30; class-II by count', () => {
    const s = (f: Partial<Figures>) => tsmeScore({ ...base, patentsInvention: 0, ...f }).ip;
    expect(s({ patentsInvention: 1 })).toBe(30);
    expect([4, 3, 2, 1, 0].map((n) => s({ patentsUtility: n }))).toEqual([24, 18, 12, 6, 0]);
    expect(s({ patentsDesign: 1, softwareCopyrights: 3 })).toBe(24);
  });
  it('passes at 60 with a non-zero staff score; not with a zero staff score however high the rest', () => {
    // staff 10% → 4; R&D 5% → 40; invention → 30: 74
    expect(tsmeScore(base)).toMatchObject({ total: 74, scorePasses: true, passes: true });
    // staff 9% → 0: fails whatever the total
    expect(tsmeScore({ ...base, rdStaff: 9, rdExpense: 600 * WAN })).toMatchObject({ staff: 0, total: 80, scorePasses: false });
    // exactly 60: staff 20 (30%) + R&D 10 (2%) + IP 30
    expect(tsmeScore({ ...base, rdStaff: 30, rdExpense: 200 * WAN })).toMatchObject({ total: 60, scorePasses: true });
    expect(tsmeScore({ ...base, rdStaff: 30, rdExpense: 200 * WAN - 1 })).toMatchObject({ total: 50, scorePasses: false });
  });
  it('size limits: 500 staff, 2亿 revenue and assets, inclusive', () => {
    expect(tsmeScore({ ...base, staff: 500, rdStaff: 50 }).size.every((c) => c.met)).toBe(true);
    expect(tsmeScore({ ...base, staff: 501, rdStaff: 51 }).passes).toBe(false);
    expect(tsmeScore({ ...base, revenue: 20000 * WAN, rdExpense: 1000 * WAN }).size.find((c) => c.code === 'revenue_max')!.met).toBe(true);
    expect(tsmeScore({ ...base, revenue: 20000 * WAN + 1 }).size.find((c) => c.code === 'revenue_max')!.met).toBe(false);
    expect(tsmeScore({ ...base, netAssets: 20000 * WAN + 1 }).passes).toBe(false);
  });
});

describe('科技型中小企业: 第八条 direct confirmation', () => {
  // staff 5% → 0, R&D 1% → 0, no IP → 0: the score fails whatever else holds
  const weak: Figures = { ...base, rdStaff: 5, rdExpense: 100 * WAN, patentsInvention: 0 };
  it('the four paths of 第八条, and which the platform records (only the 高企 certificate, through qualifications)', () => {
    expect(TSME_DIRECT_PATHS.map((p) => [p.clause, p.qualification])).toEqual([
      ['第八条（一）', 'hnte'],
      ['第八条（二）', null],
      ['第八条（三）', null],
      ['第八条（四）', null],
    ]);
    expect(TSME_DIRECT_PATHS.map((p) => p.label).join('|')).toMatch(/高新技术企业资格证书.*国家级科技奖励.*省部级以上研发机构.*国际标准、国家标准或行业标准/);
  });
  it('an enterprise holding a valid 高企 certificate meets the score condition directly, with a score of 0', () => {
    const r = tsmeScore(weak, { qualifications: ['hnte'], flags: [] });
    expect(r).toMatchObject({ total: 0, scorePasses: false, scoreCondition: 'direct', gate: null, passes: true });
    expect(r.direct.map((p) => [p.code, p.recorded, p.met])).toEqual([
      ['hnte_certificate', true, true],
      ['national_st_award', false, null],
      ['rd_institution', false, null],
      ['standard_setting', false, null],
    ]);
    expect(r.notes.join('')).toContain('第八条（二）、第八条（三）、第八条（四）');
  });
  it('without the certificate (other titles do not count) the same enterprise fails the score condition', () => {
    for (const qualifications of [[], ['tsme', 'srdi', 'little_giant', 'gazelle']]) {
      const r = tsmeScore(weak, { qualifications, flags: [] });
      expect(r).toMatchObject({ scorePasses: false, scoreCondition: null, passes: false });
      expect(r.direct[0]!.met).toBe(false);
    }
    // with a passing score too, the score is named first
    expect(tsmeScore(base, { qualifications: ['hnte'], flags: [] })).toMatchObject({ scorePasses: true, scoreCondition: 'score', passes: true });
  });
  it('the direct path needs 第六条（一）–（四）: over the size limits or on a gate list, a 高企 still fails', () => {
    expect(tsmeScore({ ...weak, staff: 501 }, { qualifications: ['hnte'], flags: [] })).toMatchObject({ scoreCondition: 'direct', passes: false });
    expect(tsmeScore({ ...weak, revenue: 20000 * WAN + 1 }, { qualifications: ['hnte'], flags: [] }).passes).toBe(false);
    const flagged = tsmeScore(weak, { qualifications: ['hnte'], flags: ['abnormal'] });
    expect(flagged).toMatchObject({ scoreCondition: 'direct', passes: false, gate: '列入经营异常名录，不得评价为科技型中小企业' });
    expect(tsmeScore(base, { qualifications: [], flags: ['dishonest', 'abnormal'] }).gate).toBe('列入经营异常名录、严重违法失信企业名单，不得评价为科技型中小企业');
  });
});
