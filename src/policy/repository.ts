/** SQL for versioned support items. */
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { canonicalJson } from '../audit/chain.js';
import type { DB } from '../platform/db/schema.js';
import { policyOf, type SupportItem } from './engine/schema.js';
import type { FactType } from './engine/facts.js';
import type { Expr } from './engine/expr-schema.js';
import type { PriorAward } from './engine/history.js';
import { APPROVED_STATES } from '../funding/engine/lifecycle.js';

type Conn = Kysely<DB> | Transaction<DB>;

export interface ItemVersion {
  item: SupportItem;
  version: number;
  contentHash: string;
  origin: 'builtin' | 'admin';
  createdAt: string;
  note: string | null;
}

export function contentHash(item: SupportItem): { document: string; hash: string } {
  const document = canonicalJson(item);
  return { document, hash: crypto.createHash('sha256').update(document).digest('hex') };
}

function toVersion(r: { document: string; version: number; content_hash: string; origin: string; created_at: Date | string; note: string | null }): ItemVersion {
  return { item: JSON.parse(r.document) as SupportItem, version: r.version, contentHash: r.content_hash, origin: r.origin as 'builtin', createdAt: new Date(r.created_at).toISOString(), note: r.note };
}

/** The newest version of every item. */
export async function latestVersions(db: Conn): Promise<ItemVersion[]> {
  const rows = await db
    .selectFrom('policy_item_versions as v')
    .selectAll()
    .where(({ eb, selectFrom }) => eb('v.version', '=', selectFrom('policy_item_versions as w').select(sql<number>`max(w.version)`.as('m')).whereRef('w.item_id', '=', 'v.item_id')))
    .orderBy('v.measure')
    .orderBy('v.item_id')
    .execute();
  return rows.map(toVersion);
}

export async function itemHistory(db: Conn, itemId: string): Promise<ItemVersion[]> {
  const rows = await db.selectFrom('policy_item_versions').selectAll().where('item_id', '=', itemId).orderBy('version', 'desc').execute();
  return rows.map(toVersion);
}

/**
 * Stores a document as the item's next version, unless the newest version already
 * has the same content (then nothing is written). Returns the version in force.
 */
export async function saveVersion(trx: Transaction<DB>, item: SupportItem, origin: 'builtin' | 'admin', createdBy: number | null, note: string | null): Promise<{ version: number; contentHash: string; created: boolean }> {
  const { document, hash } = contentHash(item);
  // Serialise writers of the same item.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'policy:' + item.id}))`.execute(trx);
  const latest = await trx.selectFrom('policy_item_versions').select(['version', 'content_hash']).where('item_id', '=', item.id).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (latest?.content_hash === hash) return { version: latest.version, contentHash: hash, created: false };
  const version = (latest?.version ?? 0) + 1;
  await trx
    .insertInto('policy_item_versions')
    .values({ item_id: item.id, version, content_hash: hash, document, measure: item.measure, policy_code: policyOf(item), status: item.status, origin, created_by: createdBy, note })
    .execute();
  return { version, contentHash: hash, created: true };
}

// ------------------------------------------------------------------ the fact catalogue, grant history, quotas

export interface StoredFact {
  name: string;
  label: string;
  type: FactType;
  source: 'platform' | 'declaration' | 'derived';
  meaning: string;
  path: string | null;
  values: { code: string; label: string }[] | null;
  expression: Expr | null;
  updatedAt: string;
}

export async function adminFacts(db: Conn): Promise<StoredFact[]> {
  const rows = await db.selectFrom('policy_facts').selectAll().orderBy('name').execute();
  return rows.map((r) => ({
    name: r.name,
    label: r.label,
    type: r.type,
    source: r.source,
    meaning: r.meaning,
    path: r.path,
    values: (r.enum_values as StoredFact['values']) ?? null,
    expression: (r.expression as Expr | null) ?? null,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

/** A cheap fingerprint of the stored facts: their number and the latest change. */
export async function factsStamp(db: Conn): Promise<string> {
  const r = await db.selectFrom('policy_facts').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('t')]).executeTakeFirstOrThrow();
  return `${Number(r.n)}:${r.t ? new Date(r.t as Date).toISOString() : ''}`;
}

export async function upsertFact(trx: Transaction<DB>, f: Omit<StoredFact, 'updatedAt'>, userId: number | null): Promise<{ created: boolean }> {
  const existing = await trx.selectFrom('policy_facts').select('name').where('name', '=', f.name).forUpdate().executeTakeFirst();
  const values = {
    label: f.label,
    type: f.type,
    source: f.source,
    meaning: f.meaning,
    path: f.path,
    enum_values: f.values ? JSON.stringify(f.values) : null,
    expression: f.expression !== null ? JSON.stringify(f.expression) : null,
  };
  if (existing) {
    await trx.updateTable('policy_facts').set({ ...values, updated_at: new Date() }).where('name', '=', f.name).execute();
    return { created: false };
  }
  await trx.insertInto('policy_facts').values({ name: f.name, ...values, created_by: userId }).execute();
  return { created: true };
}

/** Approved awards (the funding ledger's applications in an approved state), for one enterprise or all. */
export async function grantHistory(db: Conn, orgId?: number): Promise<Map<number, PriorAward[]>> {
  let q = db.selectFrom('applications').select(['id', 'org_id', 'item_id', 'year', 'project', 'approved_fen']).where('state', 'in', [...APPROVED_STATES]).where('approved_fen', 'is not', null);
  if (orgId !== undefined) q = q.where('org_id', '=', orgId);
  const out = new Map<number, PriorAward[]>();
  for (const r of await q.orderBy('year').orderBy('id').execute()) {
    const list = out.get(r.org_id) ?? [];
    list.push({ itemId: r.item_id, year: r.year, amount: Number(r.approved_fen), project: r.project, reference: `申报 #${r.id}`, applicationId: r.id });
    out.set(r.org_id, list);
  }
  return out;
}

/** Approvals per item in a year, by district (null: no district), for the items that have a quota. */
export async function approvalsByDistrict(db: Conn, year: number, itemIds: readonly string[]): Promise<{ itemId: string; district: string | null; n: number }[]> {
  if (itemIds.length === 0) return [];
  const rows = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .select(['a.item_id', 'o.district_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.year', '=', year)
    .where('a.item_id', 'in', [...itemIds])
    .where('a.state', 'in', [...APPROVED_STATES])
    .groupBy(['a.item_id', 'o.district_code'])
    .execute();
  return rows.map((r) => ({ itemId: r.item_id, district: r.district_code, n: Number(r.n) }));
}

/** Each enterprise's district, and the qualifications held on the day that it also held before (renewals). */
export async function districtsAndRenewals(db: Conn, day: string, orgId?: number): Promise<{ districts: Map<number, string | null>; renewed: Map<number, string[]> }> {
  let dq = db.selectFrom('organisations').select(['id', 'district_code']).where('kind', '=', 'enterprise');
  if (orgId !== undefined) dq = dq.where('id', '=', orgId);
  const districts = new Map((await dq.execute()).map((r) => [r.id, r.district_code]));
  const rq = sql<{ org_id: number; type_code: string }>`
    SELECT DISTINCT cur.org_id, cur.type_code
    FROM organisation_qualifications cur
    JOIN organisation_qualifications prev ON prev.org_id = cur.org_id AND prev.type_code = cur.type_code AND prev.valid_from < cur.valid_from
    WHERE cur.valid_from <= ${day}::date AND (cur.valid_to IS NULL OR cur.valid_to >= ${day}::date)
    ${orgId !== undefined ? sql`AND cur.org_id = ${orgId}` : sql``}`;
  const renewed = new Map<number, string[]>();
  for (const r of (await rq.execute(db)).rows) renewed.set(r.org_id, [...(renewed.get(r.org_id) ?? []), r.type_code].sort());
  return { districts, renewed };
}
