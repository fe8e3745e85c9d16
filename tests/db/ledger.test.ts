import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerModel, MOVEMENT_KINDS, type Movement } from '../../src/funding/engine/ledger.js';
import { applyMovement, reconcileLedger } from '../../src/funding/ledger-repo.js';
import type { DB } from '../../src/platform/db/schema.js';
import type { Kysely } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';

async function newBudget(db: Kysely<DB>, over: Partial<{ kind: 'item' | 'pool'; pool_id: number | null; item_id: string; year: number }> = {}) {
  const kind = over.kind ?? 'item';
  const r = await db
    .insertInto('budgets')
    .values({
      name: `测试预算 ${Math.random().toString(36).slice(2, 8)}`,
      kind,
      item_id: kind === 'item' ? (over.item_id ?? `test.${Math.random().toString(36).slice(2, 10)}`) : null,
      year: kind === 'item' ? (over.year ?? 2026) : null,
      year_from: kind === 'pool' ? 2026 : null,
      year_to: kind === 'pool' ? 2028 : null,
      pool_id: over.pool_id ?? null,
      department_code: 'kjj',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

async function newApplications(db: Kysely<DB>, org: number, n: number): Promise<number[]> {
  const rows = Array.from({ length: n }, () => ({ org_id: org, item_id: 'm6.rd_input', item_version: 1, year: 2026, origin: 'apply' as const, state: 'approval', facts: '{}', evaluation: '{}' }));
  return (await db.insertInto('applications').values(rows).returning('id').execute()).map((r) => r.id);
}

const move = (db: Kysely<DB>, m: Movement) => db.transaction().execute((trx) => applyMovement(trx, m, null));

describe('the ledger in the database', { timeout: 300_000 }, () => {
  let t: TestDatabase;
  let org: number;
  beforeAll(async () => {
    t = await openTestDatabase();
    org = (await t.db.insertInto('organisations').values({ kind: 'enterprise', name: '账本测试企业', uscc: '914403001922038216' }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t?.close());

  it('100 concurrent reservations against a budget that fits 10: exactly 10 succeed, 90 refused as LEDGER_REFUSED, nothing overspent (a race on PostgreSQL, decided by the budget row lock; PGlite serialises them)', async () => {
    const budget = await newBudget(t.db);
    await move(t.db, { kind: 'fund', budgetId: budget, amountFen: 10 * 500_000 });
    const apps = await newApplications(t.db, org, 100);
    const results = await Promise.allSettled(apps.map((a) => move(t.db, { kind: 'reserve', budgetId: budget, applicationId: a, amountFen: 500_000 })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(90);
    expect(refused.every((r) => (r.reason as { code?: string }).code === 'LEDGER_REFUSED')).toBe(true);
    const b = await t.db.selectFrom('budgets').selectAll().where('id', '=', budget).executeTakeFirstOrThrow();
    expect({ available: Number(b.available_fen), reserved: Number(b.reserved_fen) }).toEqual({ available: 0, reserved: 5_000_000 });
    expect(await reconcileLedger(t.db)).toMatchObject({ ok: true, problems: [] });
  });

  it('a pool caps its budgets together under 40 concurrent reservations: exactly 10 succeed, 30 refused as LEDGER_REFUSED (a race on PostgreSQL, decided by the pool row lock; PGlite serialises them)', async () => {
    const pool = await newBudget(t.db, { kind: 'pool' });
    const b1 = await newBudget(t.db, { pool_id: pool });
    const b2 = await newBudget(t.db, { pool_id: pool });
    await move(t.db, { kind: 'fund', budgetId: pool, amountFen: 1_000 });
    await move(t.db, { kind: 'fund', budgetId: b1, amountFen: 1_000 });
    await move(t.db, { kind: 'fund', budgetId: b2, amountFen: 1_000 });
    const apps = await newApplications(t.db, org, 40);
    const results = await Promise.allSettled(apps.map((a, i) => move(t.db, { kind: 'reserve', budgetId: i % 2 ? b1 : b2, applicationId: a, amountFen: 100 })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    // Without the lock the tables' CHECKs still stop an overspend, but as a database error, not a refusal in plain words.
    expect(results.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'LEDGER_REFUSED')).toHaveLength(30);
    const p = await t.db.selectFrom('budgets').select(['available_fen', 'reserved_fen']).where('id', '=', pool).executeTakeFirstOrThrow();
    expect(Number(p.available_fen)).toBe(0);
    await expect(move(t.db, { kind: 'reserve', budgetId: pool, applicationId: apps[0]!, amountFen: 1 })).rejects.toMatchObject({ field: 'budgetId' });
    expect((await reconcileLedger(t.db)).ok).toBe(true);
  });

  it('random sequences applied to the database agree with the model at every step (model-based)', async () => {
    const movement = fc.record({
      kind: fc.constantFrom(...MOVEMENT_KINDS),
      budget: fc.constantFrom(0, 1, 1, 2, 2),
      app: fc.integer({ min: 0, max: 2 }),
      amountFen: fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.constantFrom(1, 9_999, 10_000)),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(movement, { minLength: 10, maxLength: 30 }), async (ms) => {
        const pool = await newBudget(t.db, { kind: 'pool' });
        const ids = [pool, await newBudget(t.db, { pool_id: pool }), await newBudget(t.db, { pool_id: pool })];
        const apps = await newApplications(t.db, org, 3);
        const model = new LedgerModel();
        model.addBudget(ids[0]!);
        model.addBudget(ids[1]!, pool);
        model.addBudget(ids[2]!, pool);
        for (const [i, amount] of [15_000, 10_000, 10_000].entries()) {
          model.apply({ kind: 'fund', budgetId: ids[i]!, amountFen: amount });
          await move(t.db, { kind: 'fund', budgetId: ids[i]!, amountFen: amount });
        }
        for (const x of ms) {
          const m: Movement = { kind: x.kind, budgetId: ids[x.budget]!, applicationId: x.kind === 'fund' ? undefined : apps[x.app]!, amountFen: x.amountFen };
          const expected = model.check(m);
          const got = await move(t.db, m).then(
            () => null,
            (e: { field?: string; message: string }) => ({ field: e.field, message: e.message }),
          );
          expect(got).toEqual(expected);
          if (!expected) model.apply(m);
        }
        const rows = await t.db.selectFrom('budgets').selectAll().where('id', 'in', ids).orderBy('id').execute();
        expect(rows).toHaveLength(3);
        for (const r of rows) expect({ funded: Number(r.funded_fen), available: Number(r.available_fen), reserved: Number(r.reserved_fen), spent: Number(r.spent_fen) }).toEqual(model.balances(r.id));
      }),
      { numRuns: 15, seed: 1130 },
    );
    expect((await reconcileLedger(t.db)).ok).toBe(true);
  });

  it('reconciliation catches a balance edited behind the ledger’s back and an unbalanced movement', async () => {
    const budget = await newBudget(t.db);
    await move(t.db, { kind: 'fund', budgetId: budget, amountFen: 700 });
    // The CHECK keeps the sum consistent, so tamper with two columns at once.
    await t.db.updateTable('budgets').set({ available_fen: 600, reserved_fen: 100 }).where('id', '=', budget).execute();
    const r = await reconcileLedger(t.db);
    expect(r.ok).toBe(false);
    expect(r.problems).toContain(`预算 #${budget} 的可用记为 600 分，按分录应为 700 分`);
    await t.db.updateTable('budgets').set({ available_fen: 700, reserved_fen: 0 }).where('id', '=', budget).execute();
    const mv = (await t.db.selectFrom('ledger_movements').select('id').where('budget_id', '=', budget).executeTakeFirstOrThrow()).id;
    await sql`UPDATE ledger_entries SET debit_fen = 701 WHERE movement_id = ${mv} AND debit_fen = 700`.execute(t.db);
    const r2 = await reconcileLedger(t.db);
    expect(r2.problems.some((p) => p.startsWith(`变动 #${mv} 借贷不平`))).toBe(true);
    expect(r2.debitFen).not.toBe(r2.creditFen);
    await sql`UPDATE ledger_entries SET debit_fen = 700 WHERE movement_id = ${mv} AND debit_fen = 701`.execute(t.db);
    expect((await reconcileLedger(t.db)).ok).toBe(true);
  });

  it('the database refuses a negative balance even if code tried to write one', async () => {
    const budget = await newBudget(t.db);
    await expect(t.db.updateTable('budgets').set({ available_fen: -1, funded_fen: -1 }).where('id', '=', budget).execute()).rejects.toThrow();
  });
});
