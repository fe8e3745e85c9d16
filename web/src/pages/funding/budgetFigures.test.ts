import { describe, expect, it } from 'vitest';
import { chartRows, departmentBars, monthlySeries, paidInYear, partsAddUp, sortDepartments, usedPercent, yearInShanghai, type OverviewDepartment } from './budgetFigures.js';

const WAN = 1_000_000;
const months = (year: number, paid: Record<number, number> = {}) => Array.from({ length: 12 }, (_, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, paidFen: paid[i + 1] ?? 0 }));
const dept = (code: string, fundedFen: number, over: Partial<OverviewDepartment> = {}): OverviewDepartment => ({
  departmentCode: code,
  budgets: 1,
  fundedFen,
  availableFen: fundedFen,
  reservedFen: 0,
  spentFen: 0,
  months: months(2026),
  ...over,
});
const NAMES: Record<string, string> = { kjj: '市科技局', gxj: '市工信局', fgw: '市发改委' };
const nameOf = (code: string) => NAMES[code] ?? code;

describe('budget figures', () => {
  it('a budget’s parts add up; the used share is whole percent, none when nothing was funded', () => {
    const b = { id: 1, name: '甲', fundedFen: 300, availableFen: 100, reservedFen: 100, spentFen: 100 };
    expect(partsAddUp(b)).toBe(true);
    expect(partsAddUp({ ...b, spentFen: 101 })).toBe(false);
    expect(usedPercent(b)).toBe(67);
    expect(usedPercent({ ...b, fundedFen: 0, availableFen: 0, reservedFen: 0, spentFen: 0 })).toBeNull();
    expect(chartRows([b, { ...b, id: 2, name: '乙' }]).map((r) => r.name)).toEqual(['#2 乙', '#1 甲']);
  });

  it('departments: largest first in the table, read top-down in the bar chart, each part in 万元 and exact 分', () => {
    const rows = [dept('kjj', 100 * WAN), dept('gxj', 300 * WAN, { availableFen: 100 * WAN, reservedFen: 150 * WAN, spentFen: 50 * WAN + 1 }), dept('fgw', 100 * WAN)];
    expect(sortDepartments(rows).map((d) => d.departmentCode)).toEqual(['gxj', 'fgw', 'kjj']);
    const bars = departmentBars(rows, nameOf);
    expect(bars.map((b) => b.name)).toEqual(['市科技局', '市发改委', '市工信局']);
    expect(bars[2]).toMatchObject({ code: 'gxj', available: { fen: 100 * WAN, wan: 100 }, reserved: { fen: 150 * WAN, wan: 150 }, spent: { fen: 50 * WAN + 1, wan: 50.000001 } });
    expect(departmentBars([], nameOf)).toEqual([]);
  });

  it('monthly payments: twelve months on the axis, one series per department that paid, reversals negative', () => {
    const rows = [
      dept('kjj', 100 * WAN, { months: months(2026, { 1: 80 * WAN, 4: 50 * WAN, 6: -20 * WAN }) }),
      dept('gxj', 300 * WAN),
      dept('fgw', 500 * WAN, { months: months(2026, { 12: 1 }) }),
    ];
    const m = monthlySeries(rows, nameOf);
    expect(m.months).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']);
    expect(m.series.map((s) => s.code)).toEqual(['fgw', 'kjj']);
    const kjj = m.series[1]!;
    expect(kjj.name).toBe('市科技局');
    expect(kjj.data.map((p) => p.fen)).toEqual([80 * WAN, 0, 0, 50 * WAN, 0, -20 * WAN, 0, 0, 0, 0, 0, 0]);
    expect(kjj.data[5]!.wan).toBe(-20);
    expect(paidInYear(rows[0]!)).toBe(110 * WAN);
    expect(paidInYear(rows[2]!)).toBe(1);
    expect(monthlySeries([], nameOf)).toEqual({ months: [], series: [] });
    expect(monthlySeries([dept('gxj', 0)], nameOf).series).toEqual([]);
  });

  it('the default year is Suzhou’s, whatever the browser’s zone', () => {
    expect(yearInShanghai(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(yearInShanghai(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
  });
});
