/** SQL of the human review of flagged grades (review-service.ts) and the effective grade others read. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.js';

type Reader = Pick<Kysely<DB>, 'selectFrom'>;

export interface ReviewRow {
  id: number;
  decision: 'confirm' | 'adjust';
  grade_before: string;
  grade: string;
  reason: string;
  at: Date;
  current: boolean;
  reviewer: string | null;
}

/** Every decision on the enterprise's grade in the run, newest first. */
export async function reviewsOf(db: Reader, runId: number, orgId: number): Promise<ReviewRow[]> {
  return db
    .selectFrom('index_reviews as r')
    .leftJoin('users as u', 'u.id', 'r.reviewer_user_id')
    .select(['r.id', 'r.decision', 'r.grade_before', 'r.grade', 'r.reason', 'r.at', 'r.current', 'u.display_name as reviewer'])
    .where('r.run_id', '=', runId)
    .where('r.org_id', '=', orgId)
    .orderBy('r.id', 'desc')
    .execute();
}

/** The score row a review acts on, locked against a concurrent review. */
export async function scoreForReview(trx: Transaction<DB>, runId: number, orgId: number) {
  return trx.selectFrom('index_scores').select(['grade', 'review_flag']).where('run_id', '=', runId).where('org_id', '=', orgId).forUpdate().executeTakeFirst();
}

export async function insertReview(trx: Transaction<DB>, r: { runId: number; orgId: number; decision: 'confirm' | 'adjust'; gradeBefore: string; grade: string; reason: string; reviewerId: number }): Promise<number> {
  await trx.updateTable('index_reviews').set({ current: false }).where('run_id', '=', r.runId).where('org_id', '=', r.orgId).where('current', '=', true).execute();
  const row = await trx
    .insertInto('index_reviews')
    .values({ run_id: r.runId, org_id: r.orgId, decision: r.decision, grade_before: r.gradeBefore, grade: r.grade, reason: r.reason, reviewer_user_id: r.reviewerId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Flagged enterprises of the run with no decision yet. */
export async function pendingReviews(db: Reader, runId: number): Promise<number> {
  const r = await db
    .selectFrom('index_scores as s')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('s.run_id', '=', runId)
    .where('s.review_flag', 'is not', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('index_reviews as r').select('r.id').whereRef('r.run_id', '=', 's.run_id').whereRef('r.org_id', '=', 's.org_id').where('r.current', '=', true))))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The latest run's scores as others use them (科创指数惠 through the policy facts, the bank view): the grade an
 * official decided when there is a decision; no grade, `pending`, while a flagged grade waits for review.
 */
export function effectiveScores(db: Reader) {
  return db
    .selectFrom('index_scores as s')
    .leftJoin('index_reviews as r', (j) => j.onRef('r.run_id', '=', 's.run_id').onRef('r.org_id', '=', 's.org_id').on('r.current', '=', true))
    .select([
      's.org_id',
      's.score',
      's.percentile',
      's.excluded',
      sql<string | null>`CASE WHEN r.id IS NOT NULL THEN r.grade WHEN s.review_flag IS NOT NULL THEN NULL ELSE s.grade END`.as('grade'),
      sql<boolean>`(s.review_flag IS NOT NULL AND r.id IS NULL)`.as('pending'),
    ])
    .where('s.run_id', '=', (eb) => eb.selectFrom('index_runs').select((x) => x.fn.max('id').as('m')));
}
