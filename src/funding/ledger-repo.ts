/**
 * The ledger in the database: the pure model's movements (engine/ledger.ts)
 * applied in the caller's transaction with the budgets locked, so concurrent
 * approvals queue on the budget row and can never overspend (the tables'
 * CHECKs are the last line: balances cannot go negative and always add up).
 * Lock order is always the budget, then its pool: two movements never wait on
 * each other in a cycle. On the approve path the application row and the
 * enterprise's caps lock (lockEnterpriseCaps in applications.ts) come first, and
 * no path takes either of them while holding a budget. Reconciliation recomputes everything from the entries
 * with SQL aggregates, so it scales with the ledger.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { AppError, notFound } from '../platform/errors.js';
import { entriesFor, violation, type Balances, type ChainLink, type Entry, type Movement } from './engine/ledger.js';

type Conn = Kysely<DB> | Transaction<DB>;

const balancesOf = (b: { funded_fen: number; available_fen: number; reserved_fen: number; spent_fen: number }): Balances => ({
  funded: Number(b.funded_fen),
  available: Number(b.available_fen),
  reserved: Number(b.reserved_fen),
  spent: Number(b.spent_fen),
});

/**
 * Applies one movement in the transaction `trx` (the caller's: an approval
 * reserves in the same transaction that records it). Refusals throw a 409
 * naming the field and change nothing.
 */
export async function applyMovement(trx: Transaction<DB>, m: Movement, actorUserId: number | null, note: string | null = null): Promise<{ movementId: number; entries: Entry[] }> {
  const budget = await trx.selectFrom('budgets').selectAll().where('id', '=', m.budgetId).forUpdate().executeTakeFirst();
  if (!budget) throw notFound('预算', 'budgetId');
  const pool = m.kind !== 'fund' && budget.pool_id !== null ? await trx.selectFrom('budgets').selectAll().where('id', '=', budget.pool_id).forUpdate().executeTakeFirstOrThrow() : null;
  const chain = pool ? [budget, pool] : [budget];
  const holdings = m.applicationId === undefined ? [] : await trx.selectFrom('ledger_holdings').selectAll().where('application_id', '=', m.applicationId).where('budget_id', 'in', chain.map((b) => b.id)).execute();
  const links: ChainLink[] = chain.map((b) => {
    const h = holdings.find((x) => x.budget_id === b.id);
    return { budgetId: b.id, isPool: b.kind === 'pool', balances: balancesOf(b), holding: { reserved: Number(h?.reserved_fen ?? 0), spent: Number(h?.spent_fen ?? 0) } };
  });
  const bad = violation(m, links);
  if (bad) throw new AppError('LEDGER_REFUSED', 409, bad.message, bad.field);

  const { id: movementId } = await trx
    .insertInto('ledger_movements')
    .values({ kind: m.kind, budget_id: m.budgetId, application_id: m.applicationId ?? null, amount_fen: m.amountFen, actor_user_id: actorUserId, note })
    .returning('id')
    .executeTakeFirstOrThrow();
  const entries = chain.flatMap((b) => entriesFor(m, b.id));
  await trx
    .insertInto('ledger_entries')
    .values(entries.map((e) => ({ movement_id: movementId, budget_id: e.budgetId, account: e.account, application_id: e.applicationId, debit_fen: e.debitFen, credit_fen: e.creditFen })))
    .execute();
  for (const b of chain) {
    const delta = { funded: 0, available: 0, reserved: 0, spent: 0 };
    for (const e of entries.filter((x) => x.budgetId === b.id)) {
      const d = e.debitFen - e.creditFen;
      if (e.account === 'appropriation') delta.funded -= d;
      else delta[e.account] += d;
    }
    await trx
      .updateTable('budgets')
      .set({
        funded_fen: sql`funded_fen + ${delta.funded}`,
        available_fen: sql`available_fen + ${delta.available}`,
        reserved_fen: sql`reserved_fen + ${delta.reserved}`,
        spent_fen: sql`spent_fen + ${delta.spent}`,
      })
      .where('id', '=', b.id)
      .execute();
    if (m.applicationId !== undefined && m.kind !== 'fund') {
      const appEntries = entries.filter((x) => x.budgetId === b.id && x.applicationId !== null);
      const r = appEntries.filter((x) => x.account === 'reserved').reduce((s, x) => s + x.debitFen - x.creditFen, 0);
      const sp = appEntries.filter((x) => x.account === 'spent').reduce((s, x) => s + x.debitFen - x.creditFen, 0);
      // The budget's row lock covers its holdings: what was read above is current.
      if (holdings.some((h) => h.budget_id === b.id))
        await trx
          .updateTable('ledger_holdings')
          .set({ reserved_fen: sql`reserved_fen + ${r}`, spent_fen: sql`spent_fen + ${sp}` })
          .where('budget_id', '=', b.id)
          .where('application_id', '=', m.applicationId)
          .execute();
      else await trx.insertInto('ledger_holdings').values({ budget_id: b.id, application_id: m.applicationId, reserved_fen: r, spent_fen: sp }).execute();
    }
  }
  return { movementId, entries };
}

export interface ReconcileReport {
  ok: boolean;
  movements: number;
  debitFen: number;
  creditFen: number;
  problems: string[];
}

/**
 * Proves the ledger: Σ debit = Σ credit overall and per movement; every
 * budget's balances equal its entries; every holding equals its application's
 * entries; nothing negative; available + reserved + spent = funded.
 */
export async function reconcileLedger(db: Conn): Promise<ReconcileReport> {
  const problems: string[] = [];
  const totals = await sql<{ movements: string; debit: string | null; credit: string | null }>`
    SELECT (SELECT count(*) FROM ledger_movements) AS movements, sum(debit_fen) AS debit, sum(credit_fen) AS credit FROM ledger_entries`.execute(db);
  const t = totals.rows[0]!;
  const debitFen = Number(t.debit ?? 0);
  const creditFen = Number(t.credit ?? 0);
  if (debitFen !== creditFen) problems.push(`借方合计 ${debitFen} 分 ≠ 贷方合计 ${creditFen} 分`);

  const unbalanced = await sql<{ movement_id: string; d: string; c: string }>`
    SELECT movement_id, sum(debit_fen) AS d, sum(credit_fen) AS c FROM ledger_entries GROUP BY movement_id HAVING sum(debit_fen) <> sum(credit_fen) ORDER BY movement_id LIMIT 20`.execute(db);
  for (const u of unbalanced.rows) problems.push(`变动 #${u.movement_id} 借贷不平：借 ${u.d} 分，贷 ${u.c} 分`);
  const empty = await sql<{ id: string }>`SELECT m.id FROM ledger_movements m WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.movement_id = m.id) LIMIT 20`.execute(db);
  for (const e of empty.rows) problems.push(`变动 #${e.id} 没有分录`);

  const derived = await sql<{ id: number; funded: string; available: string; reserved: string; spent: string; b_funded: string; b_available: string; b_reserved: string; b_spent: string }>`
    SELECT b.id, b.funded_fen AS b_funded, b.available_fen AS b_available, b.reserved_fen AS b_reserved, b.spent_fen AS b_spent,
      coalesce(sum(e.credit_fen - e.debit_fen) FILTER (WHERE e.account = 'appropriation'), 0) AS funded,
      coalesce(sum(e.debit_fen - e.credit_fen) FILTER (WHERE e.account = 'available'), 0) AS available,
      coalesce(sum(e.debit_fen - e.credit_fen) FILTER (WHERE e.account = 'reserved'), 0) AS reserved,
      coalesce(sum(e.debit_fen - e.credit_fen) FILTER (WHERE e.account = 'spent'), 0) AS spent
    FROM budgets b LEFT JOIN ledger_entries e ON e.budget_id = b.id GROUP BY b.id ORDER BY b.id`.execute(db);
  const LABEL = { funded: '下达', available: '可用', reserved: '预留', spent: '已支付' } as const;
  for (const r of derived.rows) {
    for (const k of ['funded', 'available', 'reserved', 'spent'] as const) {
      const stated = Number(r[`b_${k}`]);
      const fromEntries = Number(r[k]);
      if (stated !== fromEntries) problems.push(`预算 #${r.id} 的${LABEL[k]}记为 ${stated} 分，按分录应为 ${fromEntries} 分`);
    }
    if (Number(r.b_available) + Number(r.b_reserved) + Number(r.b_spent) !== Number(r.b_funded)) problems.push(`预算 #${r.id}：可用 + 预留 + 已支付 ≠ 下达`);
  }

  const holdings = await sql<{ budget_id: number; application_id: number; reserved: string; spent: string; h_reserved: string | null; h_spent: string | null }>`
    WITH e AS (
      SELECT budget_id, application_id,
        sum(debit_fen - credit_fen) FILTER (WHERE account = 'reserved') AS reserved,
        sum(debit_fen - credit_fen) FILTER (WHERE account = 'spent') AS spent
      FROM ledger_entries WHERE application_id IS NOT NULL GROUP BY budget_id, application_id)
    SELECT coalesce(e.budget_id, h.budget_id) AS budget_id, coalesce(e.application_id, h.application_id) AS application_id,
      coalesce(e.reserved, 0) AS reserved, coalesce(e.spent, 0) AS spent, h.reserved_fen AS h_reserved, h.spent_fen AS h_spent
    FROM e FULL JOIN ledger_holdings h ON h.budget_id = e.budget_id AND h.application_id = e.application_id
    WHERE coalesce(e.reserved, 0) <> coalesce(h.reserved_fen, 0) OR coalesce(e.spent, 0) <> coalesce(h.spent_fen, 0)
    LIMIT 20`.execute(db);
  for (const h of holdings.rows) problems.push(`申报 #${h.application_id} 在预算 #${h.budget_id} 的占用记为 预留 ${h.h_reserved ?? 0} / 已支付 ${h.h_spent ?? 0} 分，按分录应为 ${h.reserved} / ${h.spent} 分`);

  return { ok: problems.length === 0, movements: Number(t.movements), debitFen, creditFen, problems };
}
