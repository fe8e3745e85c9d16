import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadItem } from './check.js';
import { evaluateItem } from './evaluate.js';
import type { SupportItem } from './schema.js';
import { applyHistoryAndStacking } from './stacking.js';

const WAN = 1_000_000;
const base = {
  measure: 8,
  clause: '按照设备投资额5%给予奖励',
  departments: ['gxj'],
  form: '奖励',
  status: 'draft',
  effective: { from: '2026-01-01' },
  eligibility: { fact: 'equipmentInvestment', gt: '0元' },
};
const item = (id: string, rate: string, extra: Partial<SupportItem> = {}) =>
  loadItem({ ...base, id, title: id, period: 'per_project', amount: { rate, of: 'equipmentInvestment' }, ...extra });
const facts = (fen: number) => ({ equipmentInvestment: { value: fen, source: 'declaration' as const } });
const run = (items: SupportItem[], fen: number, history: { itemId: string; year: number; amount: number }[] = []) =>
  applyHistoryAndStacking(items, items.map((i) => evaluateItem(i, facts(fen))), history, 2026);

describe('stacking groups', () => {
  it('就高不重复: the largest stays, the others are set aside with the reason and their own amount', () => {
    const items = [item('m8.a', '5%', { stacking: { group: 'g', policy: 'max' } }), item('m8.b', '3%', { stacking: { group: 'g', policy: 'max' } })];
    const [a, b] = run(items, 1000 * WAN);
    expect(a).toMatchObject({ status: 'eligible', amount: { max: 50 * WAN } });
    expect(b).toMatchObject({ status: 'not_eligible', amount: null, setAsideAmount: { max: 30 * WAN } });
    expect(b!.setAside).toContain('就高不重复');
  });
  it('sum with cap: the group total never exceeds the cap', () => {
    const items = [item('m8.a', '5%', { stacking: { group: 'g', policy: 'sum_cap', cap: '60万' } }), item('m8.b', '3%', { stacking: { group: 'g', policy: 'sum_cap', cap: '60万' } })];
    const out = run(items, 1000 * WAN);
    expect(out.reduce((s, r) => s + (r.amount?.max ?? 0), 0)).toBe(60 * WAN);
  });
  it('priority: the lower priority number wins whatever the amounts', () => {
    const items = [item('m8.a', '5%', { stacking: { group: 'g', policy: 'priority', priority: 2 } }), item('m8.b', '3%', { stacking: { group: 'g', policy: 'priority', priority: 1 } })];
    const [a, b] = run(items, 1000 * WAN);
    expect(a!.status).toBe('not_eligible');
    expect(b!.status).toBe('eligible');
  });
  it('property: the 就高 result is at least every single candidate', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 2, maxLength: 5 }), fc.integer({ min: 1, max: 1e11 }), (rates, fen) => {
        const items = rates.map((r, i) => item(`m8.x${i}`, `${r}%`, { stacking: { group: 'g', policy: 'max' } }));
        const out = run(items, fen);
        const kept = out.filter((r) => r.status === 'eligible');
        const single = items.map((i) => evaluateItem(i, facts(fen)).amount!.max);
        return kept.length === 1 && kept[0]!.amount!.max >= Math.max(...single);
      }),
    );
  });
});

describe('periods across awards', () => {
  it('a one-time award is never granted twice', () => {
    const once = item('m8.once', '5%', { period: 'once' });
    const [r] = run([once], 1000 * WAN, [{ itemId: 'm8.once', year: 2024, amount: 50 * WAN }]);
    expect(r).toMatchObject({ status: 'not_eligible', amount: null });
    expect(r!.setAside).toContain('一次性奖励已于 2024 年兑现');
  });
  it('a per-year item is granted once a year, again the next year', () => {
    const yearly = item('m8.yearly', '5%', { period: 'per_year' });
    expect(run([yearly], 1000 * WAN, [{ itemId: 'm8.yearly', year: 2026, amount: 1 }])[0]!.status).toBe('not_eligible');
    expect(run([yearly], 1000 * WAN, [{ itemId: 'm8.yearly', year: 2025, amount: 1 }])[0]!.status).toBe('eligible');
  });
  it('property: with any history, a one-time item is eligible at most while never granted', () => {
    const once = item('m8.once', '5%', { period: 'once' });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 2020, max: 2026 }), { maxLength: 3 }), (years) => {
        const r = run([once], 1000 * WAN, years.map((y) => ({ itemId: 'm8.once', year: y, amount: 1 })))[0]!;
        return years.length === 0 ? r.status === 'eligible' : r.status === 'not_eligible';
      }),
    );
  });
});

describe('caps given as parameters, dates in conditions (found by eval/policy-shapes)', () => {
  it('a lifetime cap and a group cap written as $parameters are read, not parsed as money text', async () => {
    const { loadItem } = await import('./check.js');
    const { evaluateItem } = await import('./evaluate.js');
    const item = loadItem({
      id: 'x.cap_param', measure: 1, title: '参数封顶', clause: '参数封顶测试', departments: ['kjj'], form: '奖励', period: 'per_year', status: 'draft', effective: { from: '2026-01-01' },
      parameters: { cap: { kind: 'money', value: '300万', label: '累计上限', clause: '累计不超过300万元' } },
      eligibility: { fact: 'upperLevelFunding', gt: '0元' }, amount: { rate: '50%', of: 'upperLevelFunding' }, limits: { lifetimeCap: '$cap' },
    });
    const facts = { upperLevelFunding: { value: 800 * 1_000_000, source: 'declaration' as const } };
    const [r] = applyHistoryAndStacking([item], [evaluateItem(item, facts)], [], 2026);
    expect(r!.amount).toEqual({ min: 300 * 1_000_000, max: 300 * 1_000_000 });
    expect(r!.explanation).toContain('累计不超过 300 万元，本项按 300 万元 计。');
  });
  it('a date condition loads and compares by day', async () => {
    const { loadItem } = await import('./check.js');
    const { Catalogue } = await import('./catalogue.js');
    const { FACTS } = await import('./facts.js');
    const { evaluateItem } = await import('./evaluate.js');
    const cat = new Catalogue(FACTS, [{ name: 'certIssuedOn', type: 'date', label: '发证日期', source: 'declaration', meaning: '证书发证日期' }]);
    const item = loadItem(
      { id: 'x.date', measure: 1, title: '日期条件', clause: '日期条件测试', departments: ['kjj'], form: '奖励', period: 'once', status: 'draft', effective: { from: '2026-01-01' }, eligibility: { fact: 'certIssuedOn', gte: '2025-01-01', lte: '2025-12-31' }, amount: { fixed: '10万' } },
      cat,
    );
    const at = (d: string) => evaluateItem(item, { certIssuedOn: { value: d, source: 'declaration' } }, { catalogue: cat }).status;
    expect([at('2025-01-01'), at('2025-12-31'), at('2024-12-31'), at('2026-01-01')]).toEqual(['eligible', 'eligible', 'not_eligible', 'not_eligible']);
    expect(() => loadItem({ ...item, eligibility: { fact: 'certIssuedOn', gte: '2025-13-45x' } }, cat)).toThrow(/日期|格式|Invalid/);
  });
});
