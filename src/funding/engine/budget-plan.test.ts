import { describe, expect, it } from 'vitest';
import { ITEMS } from '../../policy/items/index.js';
import { budgetPlan, PLAN_DEFAULT_AWARD_FEN, PLAN_MAX_AWARDS } from './budget-plan.js';

const WAN = 1_000_000;
const item = (id: string) => ITEMS.find((i) => i.id === id)!;

describe('budgetPlan: a year’s budget from the item’s own rule', () => {
  it('a ceiling item: the ceiling × as many awards as make about 5,000万, between 1 and 10', () => {
    expect(budgetPlan(item('m7.consortium'))).toMatchObject({ ceilingFen: 200 * WAN, expected: 10, fen: 2000 * WAN });
    expect(budgetPlan(item('m1.national_key_lab'))).toMatchObject({ ceilingFen: 20000 * WAN, expected: 1, fen: 20000 * WAN });
    expect(budgetPlan(item('m3.basic_research'))).toMatchObject({ ceilingFen: 1000 * WAN, expected: 5, fen: 5000 * WAN });
  });

  it('a yearly quota decides the count; a rate-only item plans the default award; a threshold is not a ceiling', () => {
    expect(budgetPlan(item('m18.portfolio'))).toMatchObject({ ceilingFen: 50 * WAN, expected: 15, fen: 750 * WAN });
    expect(budgetPlan(item('m13.insurance'))).toMatchObject({ ceilingFen: null, expected: PLAN_MAX_AWARDS, fen: PLAN_DEFAULT_AWARD_FEN * PLAN_MAX_AWARDS });
    expect(budgetPlan(item('m8.equipment')).ceilingFen).toBeNull();
  });

  it('every built-in item gets a positive budget in whole 万元, at least one award’s worth', () => {
    for (const i of ITEMS) {
      const p = budgetPlan(i);
      expect(p.fen % WAN, i.id).toBe(0);
      expect(p.fen, i.id).toBeGreaterThanOrEqual(p.ceilingFen ?? PLAN_DEFAULT_AWARD_FEN);
      expect(p.basis).toMatch(/预计 \d+/);
    }
  });
});
