/**
 * The expert pool ranked for one application (指派专家): by what the application is about — the project's
 * name (twice: it is the most specific) and the item's title and clause — against each expert's declared
 * expertise, with the market's expert index (src/market/rank.ts: shared terms, BM25). Every active expert
 * is listed: first those whose expertise shares terms with the application, best first, then the rest; each
 * with whether they can be assigned now — an account to review online, no conflict of interest (回避, the
 * same rule as the assignment itself: engine/conflicts.ts), not already assigned.
 */
import type { Kysely } from 'kysely';
import type { AuthUser } from '../auth/access.js';
import { marketState } from '../market/service.js';
import { tokenize } from '../market/text/tokenize.js';
import type { DB } from '../platform/db/schema.js';
import { forbidden, notFound } from '../platform/errors.js';
import type { ExpertCandidate } from '../shared/funding.js';
import { itemOfApplication } from './applications.js';
import { conflictOf, expertTies } from './recusal.js';


export async function expertCandidates(db: Kysely<DB>, user: AuthUser, applicationId: number): Promise<{ query: string[]; items: ExpertCandidate[] }> {
  const { item } = await itemOfApplication(db, applicationId);
  const app = await db.selectFrom('applications').select(['id', 'org_id', 'applicant_user_id', 'partners', 'project']).where('id', '=', applicationId).executeTakeFirst();
  if (!app) throw notFound('申报');
  if (!(user.role === 'admin' || (user.role === 'official' && item.departments.includes(user.departmentCode ?? '')))) throw forbidden('只有责任单位的工作人员可以指派专家');
  const project = tokenize(app.project ?? '');
  const query = [...project, ...project, ...tokenize(item.title), ...tokenize(item.clause)];
  const st = await marketState(db);
  const ranked = st.experts.rankFor(query, [], null, 200);
  const rankOf = new Map(ranked.map((r, i) => [r.id, { i, r }]));
  const experts = await db
    .selectFrom('expert_profiles as e')
    .leftJoin('organisations as o', 'o.id', 'e.org_id')
    .select(['e.id', 'e.name', 'e.title', 'e.user_id', 'o.name as org_name'])
    .where('e.active', '=', true)
    .orderBy('e.id')
    .execute();
  const reviews = new Map((await db.selectFrom('expert_reviews').select(['expert_id', 'conflict_declared']).where('application_id', '=', applicationId).execute()).map((r) => [r.expert_id, r]));
  const items: ExpertCandidate[] = [];
  for (const e of experts) {
    const hit = rankOf.get(e.id);
    const ties = await expertTies(db, e.id);
    const conflict = ties ? await conflictOf(db, ties, app) : null;
    const review = reviews.get(e.id);
    const score = hit && hit.r.score > 0 ? hit.r.score : 0;
    const reasons = score > 0 ? hit!.r.reasons.filter((x) => x.kind === 'terms').map((x) => x.text) : ['专长描述与本申报没有共同的词'];
    items.push({
      expertId: e.id,
      name: e.name,
      title: e.title,
      orgName: e.org_name,
      score,
      reasons,
      hasAccount: e.user_id !== null,
      conflict: conflict?.message ?? null,
      assigned: !!review && !review.conflict_declared,
      declaredConflict: !!review?.conflict_declared,
      assignable: e.user_id !== null && !conflict && !review,
    });
  }
  items.sort((a, b) => b.score - a.score || Number(b.assignable) - Number(a.assignable) || a.expertId - b.expertId);
  return { query: [...new Set(query)], items };
}
