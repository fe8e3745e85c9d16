/** Policy use cases: the items in force, and evaluating them for facts or for an enterprise. */
import { sql, type Kysely } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import { listFigures } from '../orgs/repository.js';
import { mayReadFigures } from '../orgs/service.js';
import type { DB } from '../platform/db/schema.js';
import { forbidden, invalid, notFound } from '../platform/errors.js';
import { evaluateItem } from './engine/evaluate.js';
import { applyHistoryAndStacking, type PriorAward, type StackedResult } from './engine/stacking.js';
import type { Facts } from './engine/facts.js';
import { ITEMS } from './items/index.js';
import { declaredFacts, platformFacts } from './platform-facts.js';

/**
 * Every item for one enterprise's facts, then periods and stacking groups.
 * `history` is what the enterprise has already been granted (the funding module
 * of issue #6 supplies it; until then it is empty).
 */
export function evaluateAll(facts: Facts, history: readonly PriorAward[] = [], year = new Date().getFullYear()): StackedResult[] {
  return applyHistoryAndStacking(ITEMS, ITEMS.map((item) => evaluateItem(item, facts)), history, year);
}

export async function enterpriseFacts(db: Kysely<DB>, orgId: number): Promise<Facts> {
  const org = await db
    .selectFrom('organisations as o')
    .leftJoin('industries as i', 'i.code', 'o.industry_code')
    .select(['o.id', 'o.kind', 'i.section_code'])
    .where('o.id', '=', orgId)
    .executeTakeFirst();
  if (!org) throw notFound('组织', 'orgId');
  if (org.kind !== 'enterprise') throw invalid('orgId', '只能为企业测算政策');
  const figures = await listFigures(db, orgId);
  const quals = await db
    .selectFrom('organisation_qualifications')
    .select('type_code')
    .distinct()
    .where('org_id', '=', orgId)
    .where(sql<boolean>`valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)`)
    .execute();
  return platformFacts({ industrySection: org.section_code, latest: figures[figures.length - 1], qualificationCodes: quals.map((q) => q.type_code).sort() });
}

/**
 * The calculator: declared facts override the platform's. With an enterprise id the
 * caller must be allowed to read its finances, and the read is audited.
 */
export async function calculate(db: Kysely<DB>, actor: Actor, user: AuthUser, input: { orgId?: number; facts?: Record<string, unknown> }) {
  const declared = declaredFacts(input.facts ?? {});
  let facts: Facts = declared;
  if (input.orgId !== undefined) {
    if (!mayReadFigures(user, input.orgId)) {
      await appendAudit(db, actor, { action: 'policy.evaluate', objectType: 'organisation', objectId: input.orgId, result: 'denied' });
      throw forbidden('无权使用该企业的数据测算');
    }
    facts = { ...(await enterpriseFacts(db, input.orgId)), ...declared };
    await appendAudit(db, actor, { action: 'policy.evaluate', objectType: 'organisation', objectId: input.orgId, detail: { declared: Object.keys(declared) } });
  }
  return evaluateAll(facts);
}
