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
  /** The author: the administrator who saved (before maker-checker) or proposed it; null for built-in versions. */
  createdBy: number | null;
  /** The second administrator who approved the proposal; null for built-in versions and those saved before maker-checker. */
  approvedBy: number | null;
  proposalId: number | null;
}

export function contentHash(item: SupportItem): { document: string; hash: string } {
  const document = canonicalJson(item);
  return { document, hash: crypto.createHash('sha256').update(document).digest('hex') };
}

type VersionRow = { document: string; version: number; content_hash: string; origin: string; created_at: Date | string; note: string | null; created_by: number | null; approved_by: number | null; proposal_id: number | null };

function toVersion(r: VersionRow): ItemVersion {
  return {
    item: JSON.parse(r.document) as SupportItem,
    version: r.version,
    contentHash: r.content_hash,
    origin: r.origin as 'builtin',
    createdAt: new Date(r.created_at).toISOString(),
    note: r.note,
    createdBy: r.created_by,
    approvedBy: r.approved_by,
    proposalId: r.proposal_id,
  };
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

export interface ItemVersionWithNames extends ItemVersion {
  proposedByName: string | null;
  approvedByName: string | null;
}

/** Every version of an item, newest first, with the names of who proposed and who approved it. */
export async function itemHistory(db: Conn, itemId: string): Promise<ItemVersionWithNames[]> {
  const rows = await db
    .selectFrom('policy_item_versions as v')
    .leftJoin('users as p', 'p.id', 'v.created_by')
    .leftJoin('users as a', 'a.id', 'v.approved_by')
    .selectAll('v')
    .select(['p.display_name as proposed_by_name', 'a.display_name as approved_by_name'])
    .where('v.item_id', '=', itemId)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({ ...toVersion(r), proposedByName: r.proposed_by_name, approvedByName: r.approved_by_name }));
}

/** The newest version of one item, or undefined for an item never saved. */
export async function latestVersionOf(db: Conn, itemId: string): Promise<ItemVersion | undefined> {
  const r = await db.selectFrom('policy_item_versions').selectAll().where('item_id', '=', itemId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return r ? toVersion(r) : undefined;
}

/**
 * Stores a document as the item's next version, unless the newest version already
 * has the same content (then nothing is written). Returns the version in force.
 */
export async function saveVersion(
  trx: Transaction<DB>,
  item: SupportItem,
  origin: 'builtin' | 'admin',
  createdBy: number | null,
  note: string | null,
  approval: { approvedBy: number; proposalId: number } | null = null,
): Promise<{ version: number; contentHash: string; created: boolean }> {
  const { document, hash } = contentHash(item);
  // Serialise writers of the same item.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'policy:' + item.id}))`.execute(trx);
  const latest = await trx.selectFrom('policy_item_versions').select(['version', 'content_hash']).where('item_id', '=', item.id).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (latest?.content_hash === hash) return { version: latest.version, contentHash: hash, created: false };
  const version = (latest?.version ?? 0) + 1;
  await trx
    .insertInto('policy_item_versions')
    .values({ item_id: item.id, version, content_hash: hash, document, measure: item.measure, policy_code: policyOf(item), status: item.status, origin, created_by: createdBy, note, approved_by: approval?.approvedBy ?? null, proposal_id: approval?.proposalId ?? null })
    .execute();
  return { version, contentHash: hash, created: true };
}

// ------------------------------------------------------------------ proposals (maker-checker)

export type ProposalStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface ProposalRow {
  id: number;
  itemId: string;
  title: string;
  document: SupportItem;
  contentHash: string;
  baseVersion: number | null;
  note: string | null;
  proposedBy: { id: number; name: string };
  proposedAt: string;
  status: ProposalStatus;
  decidedBy: { id: number; name: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  resultVersion: number | null;
}

function proposalQuery(db: Conn) {
  return db
    .selectFrom('policy_item_proposals as x')
    .innerJoin('users as p', 'p.id', 'x.proposed_by')
    .leftJoin('users as d', 'd.id', 'x.decided_by')
    .selectAll('x')
    .select(['p.display_name as proposed_by_name', 'd.display_name as decided_by_name']);
}

type ProposalDbRow = Awaited<ReturnType<ReturnType<typeof proposalQuery>['executeTakeFirstOrThrow']>>;

function toProposal(r: ProposalDbRow): ProposalRow {
  return {
    id: r.id,
    itemId: r.item_id,
    title: r.title,
    document: JSON.parse(r.document) as SupportItem,
    contentHash: r.content_hash,
    baseVersion: r.base_version,
    note: r.note,
    proposedBy: { id: r.proposed_by, name: r.proposed_by_name },
    proposedAt: new Date(r.proposed_at).toISOString(),
    status: r.status as ProposalStatus,
    decidedBy: r.decided_by === null ? null : { id: r.decided_by, name: r.decided_by_name ?? '' },
    decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
    decisionNote: r.decision_note,
    resultVersion: r.result_version,
  };
}

export async function insertProposal(trx: Conn, item: SupportItem, baseVersion: number | null, proposedBy: number, note: string | null): Promise<number> {
  const { document, hash } = contentHash(item);
  const r = await trx
    .insertInto('policy_item_proposals')
    .values({ item_id: item.id, title: item.title, document, content_hash: hash, base_version: baseVersion, note, proposed_by: proposedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function getProposal(db: Conn, id: number): Promise<ProposalRow | undefined> {
  const r = await proposalQuery(db).where('x.id', '=', id).executeTakeFirst();
  return r ? toProposal(r) : undefined;
}

/** Locks a proposal's row for a decision (inside the deciding transaction). */
export async function lockProposal(trx: Transaction<DB>, id: number): Promise<{ status: string; proposed_by: number } | undefined> {
  return trx.selectFrom('policy_item_proposals').select(['status', 'proposed_by']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function decideProposal(trx: Transaction<DB>, id: number, d: { status: Exclude<ProposalStatus, 'pending'>; decidedBy: number; note: string | null; resultVersion: number | null }): Promise<void> {
  await trx
    .updateTable('policy_item_proposals')
    .set({ status: d.status, decided_by: d.decidedBy, decided_at: new Date(), decision_note: d.note, result_version: d.resultVersion })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
}

export async function listProposals(db: Conn, q: { status?: ProposalStatus; itemId?: string; page: number; pageSize: number }): Promise<{ items: ProposalRow[]; total: number }> {
  let base = db.selectFrom('policy_item_proposals as x');
  if (q.status) base = base.where('x.status', '=', q.status);
  if (q.itemId) base = base.where('x.item_id', '=', q.itemId);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let rows = proposalQuery(db);
  if (q.status) rows = rows.where('x.status', '=', q.status);
  if (q.itemId) rows = rows.where('x.item_id', '=', q.itemId);
  const found = await rows
    .orderBy('x.proposed_at', 'desc')
    .orderBy('x.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: found.map(toProposal), total: Number(n) };
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
  // Serialise writers of the same name: two first saves at once would otherwise both insert (one failing on the key).
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'policy-fact:' + f.name}))`.execute(trx);
  const existing = await trx.selectFrom('policy_facts').select('name').where('name', '=', f.name).executeTakeFirst();
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

/** Past approved amounts per item (applications in an approved state with an amount): count and sum, for 预计金额. */
export async function approvedAmountsByItem(db: Conn, itemIds: readonly string[]): Promise<Map<string, { count: number; sumFen: number }>> {
  const out = new Map<string, { count: number; sumFen: number }>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .selectFrom('applications')
    .select(['item_id', sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(approved_fen), 0)`.as('total')])
    .where('state', 'in', [...APPROVED_STATES])
    .where('approved_fen', 'is not', null)
    .where('item_id', 'in', [...itemIds])
    .groupBy('item_id')
    .execute();
  for (const r of rows) out.set(r.item_id, { count: Number(r.n), sumFen: Number(r.total) });
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
