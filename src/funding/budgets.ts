/**
 * Budgets: an item's money for a year (kept by one of the item's responsible
 * departments) and pools over several years (measure 11's 150亿 over three
 * years), with their ledger. Funding, like every movement, goes through the
 * ledger; balances are read from the budget rows, which reconciliation proves
 * equal to the entries.
 */
import type { Kysely, Selectable } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.js';
import { itemsInForce } from '../policy/service.js';
import type { BudgetCreate } from '../shared/funding.js';
import { MOVEMENT_LABEL, type MovementKind } from './engine/ledger.js';
import { applyMovement } from './ledger-repo.js';

export async function createBudget(db: Kysely<DB>, actor: Actor, user: AuthUser, input: BudgetCreate) {
  const dept = user.role === 'admin' ? input.departmentCode : user.departmentCode;
  if (!dept) throw invalid('departmentCode', '请指定管理部门');
  if (input.kind === 'pool') {
    if (user.role !== 'admin') throw forbidden('资金池由管理员设立');
    if (input.yearFrom === null || input.yearTo === null || input.yearTo < input.yearFrom) throw invalid('yearTo', '资金池须写明起止年度');
    if (input.itemId || input.poolId) throw invalid('itemId', '资金池不对应单个事项');
  } else {
    if (!input.itemId) throw invalid('itemId', '请选择支持事项');
    if (input.year === null) throw invalid('year', '请填写预算年度');
    const item = (await itemsInForce(db)).find((v) => v.item.id === input.itemId)?.item;
    if (!item) throw invalid('itemId', `支持事项“${input.itemId}”不存在`);
    if (!item.departments.includes(dept)) throw forbidden(`“${item.title}”的责任单位不含本部门`);
    if (input.poolId !== null) {
      const pool = await db.selectFrom('budgets').select(['kind', 'year_from', 'year_to']).where('id', '=', input.poolId).executeTakeFirst();
      if (!pool || pool.kind !== 'pool') throw invalid('poolId', '资金池不存在');
      if (input.year < pool.year_from! || input.year > pool.year_to!) throw invalid('year', `资金池覆盖 ${pool.year_from}–${pool.year_to} 年`);
    }
    const dup = await db.selectFrom('budgets').select('id').where('kind', '=', 'item').where('item_id', '=', input.itemId).where('year', '=', input.year).executeTakeFirst();
    if (dup) throw conflict('year', `该事项 ${input.year} 年度预算已设立（#${dup.id}），请追加而不是新设`);
  }
  return db.transaction().execute(async (trx) => {
    const b = await trx
      .insertInto('budgets')
      .values({ name: input.name, kind: input.kind, item_id: input.itemId, year: input.kind === 'item' ? input.year : null, year_from: input.yearFrom, year_to: input.yearTo, pool_id: input.poolId, department_code: dept, created_by: user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.fundFen) await applyMovement(trx, { kind: 'fund', budgetId: b.id, amountFen: input.fundFen }, user.id, '初始下达');
    await appendAudit(trx, actor, { action: 'funding.budget.create', objectType: 'budget', objectId: b.id, detail: { ...input } });
    return { id: b.id };
  });
}

async function mayManage(db: Kysely<DB>, user: AuthUser, budgetId: number) {
  const b = await db.selectFrom('budgets').select(['id', 'department_code', 'kind']).where('id', '=', budgetId).executeTakeFirst();
  if (!b) throw notFound('预算');
  if (user.role !== 'admin' && !(user.role === 'official' && user.departmentCode === b.department_code)) throw forbidden('只能管理本部门的预算');
  return b;
}

/** Adds money to a budget (追加). */
export async function fundBudget(db: Kysely<DB>, actor: Actor, user: AuthUser, budgetId: number, amountFen: number, note: string | null) {
  await mayManage(db, user, budgetId);
  return db.transaction().execute(async (trx) => {
    const r = await applyMovement(trx, { kind: 'fund', budgetId, amountFen }, user.id, note ?? '追加预算');
    await appendAudit(trx, actor, { action: 'funding.budget.fund', objectType: 'budget', objectId: budgetId, detail: { amountFen, movementId: r.movementId } });
    return { movementId: r.movementId };
  });
}

const view = (b: Selectable<DB['budgets']>, itemTitle: string | null) => ({
  id: b.id,
  name: b.name,
  kind: b.kind,
  itemId: b.item_id,
  itemTitle,
  year: b.year,
  years: b.kind === 'pool' ? { from: b.year_from!, to: b.year_to! } : null,
  poolId: b.pool_id,
  departmentCode: b.department_code,
  fundedFen: Number(b.funded_fen),
  availableFen: Number(b.available_fen),
  reservedFen: Number(b.reserved_fen),
  spentFen: Number(b.spent_fen),
});

/** Budgets with balances: an official's department's, or all for administrators and finance. */
export async function listBudgets(db: Kysely<DB>, user: AuthUser, f: { year?: number; departmentCode?: string }) {
  let q = db.selectFrom('budgets').selectAll();
  if (user.role === 'official') q = q.where('department_code', '=', user.departmentCode ?? '');
  else if (f.departmentCode) q = q.where('department_code', '=', f.departmentCode);
  if (f.year) q = q.where((eb) => eb.or([eb('year', '=', f.year!), eb.and([eb('kind', '=', 'pool'), eb('year_from', '<=', f.year!), eb('year_to', '>=', f.year!)])]));
  const rows = await q.orderBy('kind', 'desc').orderBy('id').execute();
  const titles = new Map((await itemsInForce(db)).map((v) => [v.item.id, v.item.title]));
  return rows.map((b) => view(b, b.item_id ? (titles.get(b.item_id) ?? null) : null));
}

/** A budget's ledger: its movements, newest first, with who and for which application. */
export async function budgetLedger(db: Kysely<DB>, user: AuthUser, budgetId: number, page: number, pageSize: number) {
  const b = await db.selectFrom('budgets').selectAll().where('id', '=', budgetId).executeTakeFirst();
  if (!b) throw notFound('预算');
  if (user.role === 'official' && user.departmentCode !== b.department_code) throw notFound('预算');
  const base = db.selectFrom('ledger_entries as e').innerJoin('ledger_movements as m', 'm.id', 'e.movement_id').where('e.budget_id', '=', budgetId);
  const { n } = await base.select((eb) => eb.fn.count<number>('e.movement_id').distinct().as('n')).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('ledger_movements as m')
    .leftJoin('users as u', 'u.id', 'm.actor_user_id')
    .select(['m.id', 'm.kind', 'm.budget_id', 'm.application_id', 'm.amount_fen', 'm.note', 'm.at', 'u.display_name'])
    .where('m.id', 'in', (eb) => eb.selectFrom('ledger_entries').select('movement_id').where('budget_id', '=', budgetId))
    .orderBy('m.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const titles = new Map((await itemsInForce(db)).map((v) => [v.item.id, v.item.title]));
  return {
    budget: view(b, b.item_id ? (titles.get(b.item_id) ?? null) : null),
    total: Number(n),
    items: rows.map((m) => ({
      id: m.id,
      kind: m.kind,
      kindLabel: MOVEMENT_LABEL[m.kind as MovementKind],
      viaBudgetId: m.budget_id === budgetId ? null : m.budget_id,
      applicationId: m.application_id,
      amountFen: Number(m.amount_fen),
      note: m.note,
      at: new Date(m.at).toISOString(),
      by: m.display_name,
    })),
  };
}
