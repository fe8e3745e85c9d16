/**
 * The facts of expert recusal (回避) read from the database, for the pure rule in
 * engine/conflicts.ts: an expert's ties (affiliation and the department's 回避单位 list, as they are
 * now) and an application's parties (the applicant, the person who filed it, the partners it names).
 * Read inside the caller's transaction, so assignment and scoring judge the facts they act on.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { invalid } from '../platform/errors.js';
import type { Partner } from '../shared/funding.js';
import { expertConflict, type ApplicationParties, type Conflict, type ExpertTies, type Org } from './engine/conflicts.js';

type Conn = Kysely<DB> | Transaction<DB>;

async function orgsById(db: Conn, ids: readonly number[]): Promise<Map<number, Org>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name }]));
}

/**
 * The partners as stored: one named by organisation id must exist and takes the platform's name of
 * it; one named by text keeps its text (trimmed). The same partner twice is kept once.
 */
export async function resolvePartners(db: Conn, partners: readonly Partner[]): Promise<Partner[]> {
  const known = await orgsById(
    db,
    partners.flatMap((p) => (p.orgId === null ? [] : [p.orgId])),
  );
  const out: Partner[] = [];
  partners.forEach((p, i) => {
    if (p.orgId !== null && !known.has(p.orgId)) throw invalid(`partners[${i}].orgId`, `合作单位（编号 ${p.orgId}）不存在`);
    const next = p.orgId === null ? { orgId: null, name: p.name.trim() } : { orgId: p.orgId, name: known.get(p.orgId)!.name };
    if (!out.some((o) => (o.orgId !== null ? o.orgId === next.orgId : next.orgId === null && o.name === next.name))) out.push(next);
  });
  return out;
}

/** The partners column as read back (older rows: none). */
export const storedPartners = (v: unknown): Partner[] => (Array.isArray(v) ? (v as Partner[]) : []);

/** An expert's ties as recorded now, or null when there is no such expert. */
export async function expertTies(db: Conn, expertId: number): Promise<(ExpertTies & { id: number; active: boolean }) | null> {
  const e = await db.selectFrom('expert_profiles').select(['id', 'name', 'user_id', 'org_id', 'avoid_org_ids', 'active']).where('id', '=', expertId).executeTakeFirst();
  if (!e) return null;
  const avoidIds = [...e.avoid_org_ids].map(Number);
  const orgs = await orgsById(db, [...(e.org_id === null ? [] : [e.org_id]), ...avoidIds]);
  return {
    id: e.id,
    active: e.active,
    name: e.name,
    userId: e.user_id,
    org: e.org_id === null ? null : (orgs.get(e.org_id) ?? null),
    avoid: avoidIds.flatMap((id) => (orgs.has(id) ? [orgs.get(id)!] : [])),
  };
}

export async function applicationParties(db: Conn, app: Pick<Selectable<DB['applications']>, 'org_id' | 'applicant_user_id' | 'partners'>): Promise<ApplicationParties> {
  const org = await db.selectFrom('organisations').select(['id', 'name']).where('id', '=', app.org_id).executeTakeFirstOrThrow();
  return { applicant: org, applicantUserId: app.applicant_user_id, partners: storedPartners(app.partners) };
}

/** The conflict between an expert (as recorded now) and an application, or null. */
export async function conflictOf(db: Conn, ties: ExpertTies, app: Pick<Selectable<DB['applications']>, 'org_id' | 'applicant_user_id' | 'partners'>): Promise<Conflict | null> {
  return expertConflict(ties, await applicationParties(db, app));
}
