/**
 * Who may see a technology demand — the one rule behind every path that shows a demand or its text: search,
 * detail, achievement ↔ demand matches, the pipeline's match list and match detail (and moves), rankings,
 * notifications, the sources of 技术攻关清单 entries.
 *
 * A public demand: everyone. A demand marked 仅匹配双方可见 ('matched'): the enterprise that published it, the
 * organisations on the other side of one of its matches (the owners of achievements matched with it — the
 * platform told them of the demand when it recommended the match), and the departments' officials and
 * administrators who oversee the market. Brokers (技术经理人, 科技专员) and every other organisation do not:
 * they see neither its text nor the matches made on it.
 */
import { sql, type ExpressionBuilder, type Kysely, type SqlBool, type Expression } from 'kysely';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';

/** What the rule needs of a demand. */
export interface DemandKey {
  id: number;
  org_id: number;
  visibility: string;
}

/** A reader, with the private demands their organisation is a matched party of (loaded once per request). */
export interface DemandViewer {
  user: AuthUser | null;
  matchedDemandIds: ReadonlySet<number>;
}

/** Oversight roles see every demand. */
const overseer = (user: AuthUser | null) => !!user && (user.role === 'admin' || user.role === 'official');

/** THE rule. */
export function maySeeDemand(v: DemandViewer, d: DemandKey): boolean {
  if (d.visibility === 'public') return true;
  const user = v.user;
  if (!user) return false;
  if (overseer(user)) return true;
  if (user.orgId !== null && user.orgId === d.org_id) return true;
  return v.matchedDemandIds.has(d.id);
}

/** The demands the user's organisation is on the other side of a match of (as owner of the matched achievement). */
export async function demandViewer(db: Pick<Kysely<DB>, 'selectFrom'>, user: AuthUser | null): Promise<DemandViewer> {
  if (!user || user.orgId === null || overseer(user)) return { user, matchedDemandIds: new Set() };
  const rows = await db
    .selectFrom('market_matches as m')
    .innerJoin('achievements as a', 'a.id', 'm.achievement_id')
    .innerJoin('demands as d', 'd.id', 'm.demand_id')
    .select('m.demand_id')
    .distinct()
    .where('a.owner_org_id', '=', user.orgId)
    .where('d.visibility', '!=', 'public')
    .execute();
  return { user, matchedDemandIds: new Set(rows.map((r) => r.demand_id)) };
}

/**
 * The same rule as a SQL condition over a demand row aliased `d` (for paged lists counted in SQL):
 * public, or the reader oversees, or their organisation published it or owns an achievement matched with it.
 */
export function demandVisibleSql(user: AuthUser | null) {
  return <T extends ExpressionBuilder<DB & { d: DB['demands'] }, 'd'>>(eb: T): Expression<SqlBool> => {
    if (overseer(user)) return sql<SqlBool>`true`;
    const isPublic = eb('d.visibility', '=', 'public');
    if (!user || user.orgId === null) return isPublic;
    const org = user.orgId;
    return eb.or([
      isPublic,
      eb('d.org_id', '=', org),
      eb.exists(
        eb
          .selectFrom('market_matches as vm')
          .innerJoin('achievements as va', 'va.id', 'vm.achievement_id')
          .select(sql`1`.as('one'))
          .whereRef('vm.demand_id', '=', 'd.id')
          .where('va.owner_org_id', '=', org),
      ),
    ]);
  };
}

/** What a reader who may not see the demand is shown in its place (rankings, notifications). */
export const HIDDEN_DEMAND_TITLE = '（不公开的需求）';
