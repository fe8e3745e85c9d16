import { describe, expect, it } from 'vitest';
import { hnteConditions, hnteIntensityBand, tsmeScore, type Figures } from './official.js';

const WAN = 1_000_000;
const base: Figures = {
  year: 2025, revenue: 10_000 * WAN, rdExpense: 500 * WAN, rdExpenseDomestic: 500 * WAN, staff: 100, rdStaff: 10, hightechRevenue: 6_000 * WAN, netAssets: 5_000 * WAN,
  patentsInvention: 1, patentsUtility: 0, patentsDesign: 0, softwareCopyrights: 0, patentsHighValue: 0, techContractIncome: 0, equityFinancing: 0,
};
const years = (f: Partial<Figures>) => [2023, 2024, 2025].map((year) => ({ ...base, ...f, year }));
const cond = (figs: Figures[], code: string) => hnteConditions(figs, 2015).find((c) => c.code === code)!;

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
  it('core IP and registration', () => {
    expect(cond(years({ patentsInvention: 0 }), 'core_ip').met).toBe(false);
    expect(cond(years({ patentsInvention: 0, softwareCopyrights: 1 }), 'core_ip').met).toBe(true);
    expect(hnteConditions(years({}), 2025).find((c) => c.code === 'registered')!.met).toBe(true);
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
