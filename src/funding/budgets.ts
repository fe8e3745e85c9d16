/**
 * Budgets: an item's money for a year (kept by one of the item's responsible
 * departments) and pools over several years (measure 11's 150亿 over three
 * years), with their ledger. Funding, like every movement, goes through the
 * ledger; balances are read from the budget rows, which reconciliation proves
 * equal to the entries.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { audited, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.js';
import { itemsInForce } from '../policy/service.js';
import type { BudgetCreate, BudgetOverview, BudgetOverviewQuery, BudgetStatusList, BudgetStatusQuery, ItemBudgetStatus } from '../shared/funding.js';
import { formatFen } from '../policy/engine/money.js';
import { suzhouYear } from '../platform/clock.js';
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
  const subject = { action: 'funding.budget.create', objectType: 'budget' };
  return audited(db, actor, (r: { id: number }) => ({ ...subject, objectId: r.id, detail: { ...input } }), async (trx) => {
    const b = await trx
      .insertInto('budgets')
      .values({ name: input.name, kind: input.kind, item_id: input.itemId, year: input.kind === 'item' ? input.year : null, year_from: input.yearFrom, year_to: input.yearTo, pool_id: input.poolId, department_code: dept, created_by: user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.fundFen) await applyMovement(trx, { kind: 'fund', budgetId: b.id, amountFen: input.fundFen }, user.id, '初始下达');
    return { id: b.id };
  }, { ...subject, detail: { ...input } });
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
  const subject = { action: 'funding.budget.fund', objectType: 'budget', objectId: budgetId };
  return audited(db, actor, (r: { movementId: number }) => ({ ...subject, detail: { amountFen, movementId: r.movementId } }), async (trx) => {
    const r = await applyMovement(trx, { kind: 'fund', budgetId, amountFen }, user.id, note ?? '追加预算');
    return { movementId: r.movementId };
  }, { ...subject, detail: { amountFen } });
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

/** The twelve months of a year as 'YYYY-MM'. */
const monthsOf = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/**
 * The budget dashboard of a year (GET /api/funding/budgets/overview). Item budgets of the year summed
 * per department in SQL; pools listed apart, never added in (item budgets draw on them: adding both
 * would count the money twice). Payments per month come from the ledger: movements 'pay' minus
 * 'reverse' on item budgets, by the movement's month in Asia/Shanghai time, within the calendar year
 * (whichever budget year the money came from). An official sees only his department; an
 * administrator all, or one with `departmentCode`. Not audited, like the other budget reads
 * (listBudgets, budgetLedger): balances, no enterprise's data.
 */
export async function budgetOverview(db: Kysely<DB>, user: AuthUser, f: BudgetOverviewQuery): Promise<BudgetOverview> {
  let dept: string | null = null;
  if (user.role === 'official') dept = user.departmentCode ?? '';
  else if (user.role !== 'admin') throw forbidden();
  else if (f.departmentCode) {
    const known = await db.selectFrom('departments').select('code').where('code', '=', f.departmentCode).executeTakeFirst();
    if (!known) throw invalid('departmentCode', `部门“${f.departmentCode}”不存在`);
    dept = f.departmentCode;
  }
  const { year } = f;

  let sums = db
    .selectFrom('budgets')
    .select((eb) => [
      'department_code',
      eb.fn.countAll<number>().as('budgets'),
      sql<number>`coalesce(sum(funded_fen), 0)::bigint`.as('funded'),
      sql<number>`coalesce(sum(available_fen), 0)::bigint`.as('available'),
      sql<number>`coalesce(sum(reserved_fen), 0)::bigint`.as('reserved'),
      sql<number>`coalesce(sum(spent_fen), 0)::bigint`.as('spent'),
    ])
    .where('kind', '=', 'item')
    .where('year', '=', year);
  if (dept !== null) sums = sums.where('department_code', '=', dept);
  const perDept = await sums.groupBy('department_code').execute();

  // The year's bounds as instants, so the index on `at` can serve; the month in Shanghai time.
  const month = sql<number>`extract(month from m.at AT TIME ZONE 'Asia/Shanghai')::int`;
  let paid = db
    .selectFrom('ledger_movements as m')
    .innerJoin('budgets as b', 'b.id', 'm.budget_id')
    .select([
      'b.department_code',
      month.as('month'),
      sql<number>`sum(CASE WHEN m.kind = 'pay' THEN m.amount_fen ELSE -m.amount_fen END)::bigint`.as('paid'),
    ])
    .where('b.kind', '=', 'item')
    .where('m.kind', 'in', ['pay', 'reverse'])
    .where('m.at', '>=', sql<Date>`make_timestamptz(${year}::int, 1, 1, 0, 0, 0, 'Asia/Shanghai')`)
    .where('m.at', '<', sql<Date>`make_timestamptz(${year + 1}::int, 1, 1, 0, 0, 0, 'Asia/Shanghai')`);
  if (dept !== null) paid = paid.where('b.department_code', '=', dept);
  const perMonth = await paid.groupBy(['b.department_code', month]).execute();

  let poolQ = db
    .selectFrom('budgets')
    .selectAll()
    .where('kind', '=', 'pool')
    .where('year_from', '<=', year)
    .where('year_to', '>=', year);
  if (dept !== null) poolQ = poolQ.where('department_code', '=', dept);
  const pools = await poolQ.orderBy('id').execute();

  const labels = monthsOf(year);
  const blank = () => ({ budgets: 0, fundedFen: 0, availableFen: 0, reservedFen: 0, spentFen: 0, months: labels.map((m) => ({ month: m, paidFen: 0 })) });
  const rows = new Map<string, ReturnType<typeof blank> & { departmentCode: string }>();
  const row = (code: string) => {
    let r = rows.get(code);
    if (!r) rows.set(code, (r = { departmentCode: code, ...blank() }));
    return r;
  };
  // The department asked for shows even when it has nothing this year: zeros, not an empty page.
  if (dept) row(dept);
  for (const s of perDept) Object.assign(row(s.department_code), { budgets: Number(s.budgets), fundedFen: Number(s.funded), availableFen: Number(s.available), reservedFen: Number(s.reserved), spentFen: Number(s.spent) });
  for (const p of perMonth) row(p.department_code).months[Number(p.month) - 1]!.paidFen += Number(p.paid);

  const departments = [...rows.values()].sort((a, b) => (a.departmentCode < b.departmentCode ? -1 : a.departmentCode > b.departmentCode ? 1 : 0));
  const totals = blank();
  for (const d of departments) {
    totals.budgets += d.budgets;
    totals.fundedFen += d.fundedFen;
    totals.availableFen += d.availableFen;
    totals.reservedFen += d.reservedFen;
    totals.spentFen += d.spentFen;
    d.months.forEach((m, i) => (totals.months[i]!.paidFen += m.paidFen));
  }
  return {
    year,
    departmentCode: dept,
    departments,
    totals,
    pools: pools.map((p) => ({ id: p.id, name: p.name, departmentCode: p.department_code, years: { from: p.year_from!, to: p.year_to! }, fundedFen: Number(p.funded_fen), availableFen: Number(p.available_fen), reservedFen: Number(p.reserved_fen), spentFen: Number(p.spent_fen) })),
  };
}

/** What an applicant reads about an item's budget for the year (pure). */
export function budgetStatusOf(itemId: string, year: number, b: { funded_fen: number | string; available_fen: number | string } | undefined): ItemBudgetStatus {
  if (!b) return { itemId, year, status: 'none', availableFen: null, fundedFen: null, label: `${year} 年度尚未设立预算` };
  const available = Number(b.available_fen);
  return {
    itemId,
    year,
    status: available > 0 ? 'available' : 'exhausted',
    availableFen: available,
    fundedFen: Number(b.funded_fen),
    label: available > 0 ? `${year} 年度预算余额 ${formatFen(available)}` : `${year} 年度预算已用完`,
  };
}

/**
 * GET /api/funding/budget-status: every item in force (or one) with its budget for the year (default this year in
 * Suzhou): none / available (with the balance) / exhausted. Public, like the policy library that shows it: amounts of
 * public money, no enterprise's data. One indexed query for all items.
 */
export async function budgetStatus(db: Kysely<DB>, q: BudgetStatusQuery): Promise<BudgetStatusList> {
  const year = q.year ?? suzhouYear();
  const items = (await itemsInForce(db)).map((v) => v.item.id).filter((id) => !q.itemId || id === q.itemId);
  if (q.itemId && items.length === 0) throw invalid('itemId', `支持事项“${q.itemId}”不存在或不在有效期内`);
  const rows = items.length ? await db.selectFrom('budgets').select(['item_id', 'funded_fen', 'available_fen']).where('kind', '=', 'item').where('year', '=', year).where('item_id', 'in', items).execute() : [];
  const by = new Map(rows.map((r) => [r.item_id!, r]));
  return { year, items: items.map((id) => budgetStatusOf(id, year, by.get(id))) };
}
