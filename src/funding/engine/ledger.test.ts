import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerModel, MOVEMENT_KINDS, reconcile, type Movement } from './ledger.js';

const WAN = 1_000_000;

describe('the ledger model', () => {
  it('reserves, pays, releases and reverses with balanced entries; a pool caps its budgets together', () => {
    const l = new LedgerModel();
    l.addBudget(1); // pool
    l.addBudget(2, 1);
    l.addBudget(3, 1);
    l.apply({ kind: 'fund', budgetId: 1, amountFen: 100 * WAN });
    l.apply({ kind: 'fund', budgetId: 2, amountFen: 80 * WAN });
    l.apply({ kind: 'fund', budgetId: 3, amountFen: 80 * WAN });
    l.apply({ kind: 'reserve', budgetId: 2, applicationId: 10, amountFen: 70 * WAN });
    // budget 3 has 80万 but the pool only 30万 left
    expect(l.check({ kind: 'reserve', budgetId: 3, applicationId: 11, amountFen: 40 * WAN })).toMatchObject({ field: 'amountFen', message: expect.stringContaining('资金池可用余额不足') });
    l.apply({ kind: 'reserve', budgetId: 3, applicationId: 11, amountFen: 30 * WAN });
    l.apply({ kind: 'pay', budgetId: 2, applicationId: 10, amountFen: 50 * WAN });
    l.apply({ kind: 'release', budgetId: 2, applicationId: 10, amountFen: 20 * WAN });
    expect(l.check({ kind: 'pay', budgetId: 2, applicationId: 10, amountFen: 1 })).toMatchObject({ message: '该申报在预算中的预留只有 0 分' });
    l.apply({ kind: 'reverse', budgetId: 2, applicationId: 10, amountFen: 10 * WAN });
    expect(l.balances(2)).toEqual({ funded: 80 * WAN, available: 40 * WAN, reserved: 0, spent: 40 * WAN });
    expect(l.balances(1)).toEqual({ funded: 100 * WAN, available: 30 * WAN, reserved: 30 * WAN, spent: 40 * WAN });
    expect(reconcile(l.journal, l.budgets)).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses what is not money: zero, negative, fractional or unsafe amounts', () => {
    const l = new LedgerModel();
    l.addBudget(1);
    for (const amountFen of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1]) expect(l.check({ kind: 'fund', budgetId: 1, amountFen })?.field).toBe('amountFen');
    expect(l.check({ kind: 'reserve', budgetId: 1, amountFen: 1 })?.field).toBe('applicationId');
    expect(l.check({ kind: 'fund', budgetId: 9, amountFen: 1 })?.field).toBe('budgetId');
  });

  it('reconciliation finds an unbalanced movement and a balance that does not match its entries', () => {
    const l = new LedgerModel();
    l.addBudget(1);
    l.apply({ kind: 'fund', budgetId: 1, amountFen: 500 });
    const tampered = new Map(l.budgets);
    tampered.set(1, { ...l.balances(1), available: 499 });
    expect(reconcile(l.journal, tampered).problems).toContain('预算 1 的available记为 499 分，按分录应为 500 分');
    const broken = [[{ budgetId: 1, account: 'available' as const, applicationId: null, debitFen: 5, creditFen: 0 }]];
    expect(reconcile(broken, new Map()).ok).toBe(false);
  });

  it('random sequences of reserve / pay / release / reverse keep every invariant (model-based)', () => {
    const movement = fc.record({
      kind: fc.constantFrom(...MOVEMENT_KINDS),
      budgetId: fc.constantFrom(1, 2, 2, 3, 3),
      applicationId: fc.integer({ min: 1, max: 2 }),
      amountFen: fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.constantFrom(1, 9_999, 10_000)),
    });
    let refused = 0;
    let applied = 0;
    fc.assert(
      fc.property(fc.array(movement, { minLength: 20, maxLength: 80 }), (ms) => {
        const l = new LedgerModel();
        l.addBudget(1);
        l.addBudget(2, 1);
        l.addBudget(3, 1);
        l.apply({ kind: 'fund', budgetId: 1, amountFen: 15_000 });
        l.apply({ kind: 'fund', budgetId: 2, amountFen: 10_000 });
        l.apply({ kind: 'fund', budgetId: 3, amountFen: 10_000 });
        for (const m of ms as Movement[]) {
          const before = JSON.stringify([...l.budgets]);
          if (l.check(m)) {
            refused++;
            expect(() => l.apply(m)).toThrow();
            expect(JSON.stringify([...l.budgets])).toBe(before);
            continue;
          }
          l.apply(m);
          applied++;
        }
        const r = reconcile(l.journal, l.budgets);
        expect(r.problems).toEqual([]);
        expect(r.debit).toBe(r.credit);
        // a pool's commitments are at least those of its budgets' reservations and payments
        const p = l.balances(1);
        const kids = [l.balances(2), l.balances(3)];
        expect(p.reserved).toBe(kids.reduce((s, b) => s + b.reserved, 0));
        expect(p.spent).toBe(kids.reduce((s, b) => s + b.spent, 0));
        for (const [, a] of l.perApplication) expect(a.reserved >= 0 && a.spent >= 0).toBe(true);
      }),
      { numRuns: 300, seed: 20261130 },
    );
    // the sequences exercised both paths
    expect(applied).toBeGreaterThan(2000);
    expect(refused).toBeGreaterThan(2000);
  });
});
