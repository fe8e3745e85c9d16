/**
 * Human review of flagged grades (issue #15 item 10). The robustness analysis flags an enterprise whose 90% rank
 * interval straddles a cut-off (需人工复核); an official confirms the computed grade or adjusts it, always with a
 * reason, recorded (every decision kept, the latest in force) and audited. Only the latest run is reviewed (older runs
 * are history). The decision — not the computed grade — is what 科创指数惠 (through the policy facts) and the bank view
 * use; while a flagged grade waits, neither uses any grade.
 */
import type { Kysely } from 'kysely';
import { audited, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { conflict, invalid, notFound } from '../platform/errors.js';
import { REVIEW_DECISION_LABEL, type IndexReviewInput } from '../shared/innovation-index.js';
import { insertReview, pendingReviews, reviewsOf, scoreForReview, type ReviewRow } from './review-repository.js';
import { getRun, latestRunId, methodVersion } from './service.js';

export const reviewView = (r: ReviewRow) => ({
  id: r.id,
  decision: r.decision,
  decisionLabel: REVIEW_DECISION_LABEL[r.decision],
  gradeBefore: r.grade_before,
  grade: r.grade,
  reason: r.reason,
  by: r.reviewer,
  at: new Date(r.at).toISOString(),
  current: r.current,
});

export async function reviewGrade(db: Kysely<DB>, actor: Actor, user: AuthUser, runId: number, input: IndexReviewInput) {
  const latest = await latestRunId(db);
  const run = await getRun(db, runId); // 404 for an unknown run
  if (latest !== runId) throw conflict('runId', '只能复核最近一次计算的等级（较早的计算为历史记录）');
  const grades = (await methodVersion(db, run.methodVersion)).method.grades.map((g) => g.grade);
  await audited(
    db,
    actor,
    (r: { decision: string; gradeBefore: string; grade: string }) => ({ action: 'index.review', objectType: 'organisation', objectId: input.orgId, detail: { runId, ...r, reason: input.reason } }),
    async (trx) => {
      const s = await scoreForReview(trx, runId, input.orgId);
      if (!s) throw notFound('该企业在此次计算中的得分', 'orgId');
      if (!s.review_flag) throw conflict('orgId', '该企业的等级未被标记为需人工复核');
      if (!s.grade) throw conflict('orgId', '该企业未参与评分，没有可复核的等级');
      const grade = input.decision === 'confirm' ? s.grade : input.grade!;
      if (input.decision === 'adjust') {
        if (!grades.includes(grade)) throw invalid('grade', `等级“${grade}”不在本次计算所用方法的等级（${grades.join('、')}）之内`);
        if (grade === s.grade) throw invalid('grade', '调整后的等级与计算等级相同；如同意计算结果，请选择“确认”');
      }
      await insertReview(trx, { runId, orgId: input.orgId, decision: input.decision, gradeBefore: s.grade, grade, reason: input.reason, reviewerId: user.id });
      return { decision: input.decision, gradeBefore: s.grade, grade };
    },
  );
  return { reviews: (await reviewsOf(db, runId, input.orgId)).map(reviewView) };
}

/** Flagged grades of the latest run still waiting for a decision. */
export async function pendingReviewCount(db: Kysely<DB>): Promise<number> {
  const id = await latestRunId(db);
  return id === null ? 0 : pendingReviews(db, id);
}
