/**
 * The to-do inbox's counts (SQL only): each one COUNT over an indexed filter, with the smallest id so a single
 * piece of work can link straight to itself. Final and side states never count.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../platform/db/schema.js';

export interface Counted {
  n: number;
  /** The smallest id counted (the one to open when there is only one). */
  first: number | null;
}

type Db = Kysely<DB>;

async function counted(q: Promise<{ n: number | string | bigint; first: number | null } | undefined>): Promise<Counted> {
  const r = await q;
  return { n: Number(r?.n ?? 0), first: r?.first ?? null };
}

const NONE = [''];

/** Applications of these items in a state, with an extra condition on `a`. */
function inState(db: Db, itemIds: readonly string[], state: string, extra?: (a: ReturnType<typeof appRef>) => Expression<SqlBool>) {
  let q = db
    .selectFrom('applications as a')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min<number>('a.id').as('first')])
    .where('a.item_id', 'in', itemIds.length ? [...itemIds] : NONE)
    .where('a.state', '=', state);
  if (extra) q = q.where(extra(appRef()));
  return counted(q.executeTakeFirst());
}
const appRef = () => ({ id: sql.ref<number>('a.id'), year: sql.ref<number>('a.year'), itemId: sql.ref<string>('a.item_id'), applicant: sql.ref<number | null>('a.applicant_user_id') });

/** 部门初审: in pre-review and not yet signed by this department. */
export const preReviews = (db: Db, itemIds: readonly string[], dept: string) =>
  inState(db, itemIds, 'pre_review', (a) => sql<SqlBool>`NOT EXISTS (SELECT 1 FROM application_signoffs s WHERE s.application_id = ${a.id} AND s.department_code = ${dept})`);

/** 专家评审 with no expert assigned (or all recused). */
export const toAssign = (db: Db, itemIds: readonly string[]) =>
  inState(db, itemIds, 'expert_review', (a) => sql<SqlBool>`NOT EXISTS (SELECT 1 FROM expert_reviews r WHERE r.application_id = ${a.id} AND NOT r.conflict_declared)`);

/** 专家评审 where every expert who did not recuse has scored: ready to finish. */
export const toFinish = (db: Db, itemIds: readonly string[]) =>
  inState(
    db,
    itemIds,
    'expert_review',
    (a) => sql<SqlBool>`EXISTS (SELECT 1 FROM expert_reviews r WHERE r.application_id = ${a.id} AND NOT r.conflict_declared)
      AND NOT EXISTS (SELECT 1 FROM expert_reviews r WHERE r.application_id = ${a.id} AND NOT r.conflict_declared AND r.scored_at IS NULL)`,
  );

/**
 * 待审批 that this official may approve: the item has its year's budget, and the official neither made it, signed
 * its pre-review, scored it nor approved it already (the rules approve() applies).
 */
export const approvals = (db: Db, itemIds: readonly string[], userId: number) =>
  inState(
    db,
    itemIds,
    'approval',
    (a) => sql<SqlBool>`EXISTS (SELECT 1 FROM budgets b WHERE b.kind = 'item' AND b.item_id = ${a.itemId} AND b.year = ${a.year})
      AND ${a.applicant} IS DISTINCT FROM ${userId}
      AND NOT EXISTS (SELECT 1 FROM application_approvals p WHERE p.application_id = ${a.id} AND p.user_id = ${userId})
      AND NOT EXISTS (SELECT 1 FROM application_signoffs s WHERE s.application_id = ${a.id} AND s.user_id = ${userId})
      AND NOT EXISTS (SELECT 1 FROM expert_reviews r JOIN expert_profiles e ON e.id = r.expert_id WHERE r.application_id = ${a.id} AND e.user_id = ${userId} AND r.scored_at IS NOT NULL)`,
  );

/** 待拨付. */
export const payable = (db: Db, itemIds: readonly string[]) => inState(db, itemIds, 'payable');

/** 公示中 whose 公示 ended before today: to be ended (or its objections handled). */
export const endedPublicity = (db: Db, itemIds: readonly string[], today: string) =>
  inState(db, itemIds, 'publicity', () => sql<SqlBool>`a.publicity_to < ${today}::date`);

/** Items with applications under way (submitted, not ended) and no budget for the application's year: how many items. */
export async function itemsWithoutBudget(db: Db, itemIds: readonly string[]): Promise<Counted> {
  const r = await db
    .selectFrom('applications as a')
    .select((eb) => [sql<number>`count(DISTINCT a.item_id)`.as('n'), eb.fn.min<number>('a.id').as('first')])
    .where('a.item_id', 'in', itemIds.length ? [...itemIds] : NONE)
    .where('a.state', 'in', ['offered', 'pre_review', 'expert_review', 'approval'])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('budgets as b').select('b.id').where('b.kind', '=', 'item').whereRef('b.item_id', '=', 'a.item_id').whereRef('b.year', '=', 'a.year'))))
    .executeTakeFirst();
  return { n: Number(r?.n ?? 0), first: null };
}

/** An expert's assignments still to score (not recused) in applications under review. */
export async function toScore(db: Db, userId: number): Promise<Counted> {
  return counted(
    db
      .selectFrom('expert_reviews as r')
      .innerJoin('expert_profiles as e', 'e.id', 'r.expert_id')
      .innerJoin('applications as a', 'a.id', 'r.application_id')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min<number>('a.id').as('first')])
      .where('e.user_id', '=', userId)
      .where('r.scored_at', 'is', null)
      .where('r.conflict_declared', '=', false)
      .where('a.state', '=', 'expert_review')
      .executeTakeFirst(),
  );
}

/** An organisation's applications in a state (offers to confirm, returned for changes, drafts). */
export const orgApplications = (db: Db, orgId: number, state: string) =>
  counted(
    db
      .selectFrom('applications as a')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min<number>('a.id').as('first')])
      .where('a.org_id', '=', orgId)
      .where('a.state', '=', state)
      .executeTakeFirst(),
  );

/** Matches of the organisation's demands or achievements: newly recommended (to answer), or open and past their answer date. */
export async function orgMatches(db: Db, orgId: number, which: 'recommended' | 'overdue', now: Date): Promise<Counted> {
  let q = db
    .selectFrom('market_matches as m')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min<number>('m.id').as('first')])
    .where((eb) =>
      eb.or([
        eb('m.demand_id', 'in', eb.selectFrom('demands').select('id').where('org_id', '=', orgId)),
        eb('m.achievement_id', 'in', eb.selectFrom('achievements').select('id').where('owner_org_id', '=', orgId)),
      ]),
    );
  q = which === 'recommended' ? q.where('m.stage', '=', 'recommended') : q.where('m.stage', 'in', ['recommended', 'contacted', 'negotiating']).where('m.response_due', '<', now);
  return counted(q.executeTakeFirst());
}

/** Departments (of those given) with no active official account. */
export async function departmentsWithoutAccount(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const staffed = new Set((await db.selectFrom('users').select('department_code').distinct().where('role', '=', 'official').where('status', '=', 'active').where('department_code', 'in', [...codes]).execute()).map((r) => r.department_code));
  return codes.filter((c) => !staffed.has(c));
}

/** Rule proposals waiting for a checker other than their maker. */
export const pendingProposals = (db: Db, userId: number) =>
  counted(
    db
      .selectFrom('policy_item_proposals')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min<number>('id').as('first')])
      .where('status', '=', 'pending')
      .where('proposed_by', '!=', userId)
      .executeTakeFirst(),
  );

/** Scheduled-job runs that failed (retries exhausted) in the last `days` days (pg-boss's table; call only when installed). */
export async function failedJobs(db: Db, days: number): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE state = 'failed' AND completed_on > now() - make_interval(days => ${days}::int)`.execute(db);
  return r.rows[0]?.n ?? 0;
}
