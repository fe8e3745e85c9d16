import { describe, expect, it } from 'vitest';
import { capViolation, type ApprovedAward } from './caps.js';

const WAN = 1_000_000;
const items = {
  a: { id: 'm1.a', title: '一次性奖励', period: 'once' as const, stacking: undefined },
  y: { id: 'm1.y', title: '年度补助', period: 'per_year' as const, stacking: undefined },
  p: { id: 'm1.p', title: '项目资助', period: 'per_project' as const, stacking: undefined },
  g1: { id: 'm2.g1', title: '省级平台配套', period: 'per_project' as const, stacking: { group: 'g', policy: 'max' as const } },
  g2: { id: 'm2.g2', title: '国家级平台配套', period: 'per_project' as const, stacking: { group: 'g', policy: 'max' as const } },
  c1: { id: 'm3.c1', title: '首台套', period: 'per_project' as const, stacking: { group: 'c', policy: 'sum_cap' as const, cap: '500万' } },
  c2: { id: 'm3.c2', title: '首批次', period: 'per_project' as const, stacking: { group: 'c', policy: 'sum_cap' as const, cap: '500万' } },
};
const itemOf = (id: string) => Object.values(items).find((i) => i.id === id);
const award = (itemId: string, amountFen: number, over: Partial<ApprovedAward> = {}): ApprovedAward => ({ applicationId: 1, itemId, year: 2026, project: null, amountFen, ...over });
const req = (amountFen: number, over: Partial<{ year: number; project: string | null }> = {}) => ({ applicationId: 9, year: 2026, project: null, amountFen, ...over });

describe('caps and stacking at approval, against what is already approved', () => {
  it('one-time awards never twice; per-year once a year; per-project once per project', () => {
    expect(capViolation(items.a, req(WAN), [award('m1.a', WAN, { year: 2024 })], itemOf)?.message).toContain('一次性奖励已于 2024 年兑现');
    expect(capViolation(items.y, req(WAN), [award('m1.y', WAN, { year: 2025 })], itemOf)).toBeNull();
    expect(capViolation(items.y, req(WAN), [award('m1.y', WAN)], itemOf)?.message).toContain('2026 年度已获该项支持');
    expect(capViolation(items.p, req(WAN, { project: '新型 显示 中试线' }), [award('m1.p', WAN, { project: '新型显示中试线' })], itemOf)?.field).toBe('project');
    expect(capViolation(items.p, req(WAN, { project: '另一个项目' }), [award('m1.p', WAN, { project: '新型显示中试线' })], itemOf)).toBeNull();
    // the application itself is not held against itself
    expect(capViolation(items.a, req(WAN), [award('m1.a', WAN, { applicationId: 9 })], itemOf)).toBeNull();
  });
  it('就高不重复: a second member of the group is refused with the earlier approval named', () => {
    const r = capViolation(items.g2, req(5 * WAN, { project: 'X' }), [award('m2.g1', 2 * WAN, { project: 'X' })], itemOf);
    expect(r?.message).toContain('就高不重复');
    expect(r?.message).toContain('省级平台配套');
    expect(capViolation(items.g2, req(5 * WAN), [award('m2.g1', 2 * WAN, { year: 2025 })], itemOf)).toBeNull();
  });
  it('a group with a total cap: what is left, exactly at the cap allowed', () => {
    const prior = [award('m3.c1', 300 * WAN)];
    expect(capViolation(items.c2, req(200 * WAN), prior, itemOf)).toBeNull();
    const over = capViolation(items.c2, req(200 * WAN + 1), prior, itemOf);
    expect(over).toMatchObject({ field: 'amountFen' });
    expect(over!.message).toContain('最多还可批 200 万元');
  });
});
