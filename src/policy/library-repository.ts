/** SQL for policy documents (tables policies and policy_clauses). */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.js';

type Conn = Kysely<DB> | Transaction<DB>;

export interface PolicyRow {
  code: string;
  title: string;
  level: 'city' | 'district' | 'park';
  region: string | null;
  regionName: string | null;
  issuer: string;
  docNo: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  status: 'draft' | 'official' | 'repealed';
  clauses: number;
  createdAt: string;
}

export interface ClauseRow {
  no: number;
  title: string;
  text: string;
  section: string | null;
}

function basePolicies(db: Conn) {
  return db
    .selectFrom('policies as p')
    .leftJoin('districts as d', 'd.code', 'p.region')
    .select([
      'p.code',
      'p.title',
      'p.level',
      'p.region',
      'd.name as region_name',
      'p.issuer',
      'p.doc_no',
      'p.effective_from',
      'p.effective_to',
      'p.status',
      'p.created_at',
      (eb) => eb.selectFrom('policy_clauses as c').select((x) => x.fn.countAll<number>().as('n')).whereRef('c.policy_code', '=', 'p.code').as('clauses'),
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof basePolicies>['execute']>>[number];

function toPolicy(r: BaseRow): PolicyRow {
  return {
    code: r.code,
    title: r.title,
    level: r.level,
    region: r.region,
    regionName: r.region_name,
    issuer: r.issuer,
    docNo: r.doc_no,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    status: r.status,
    clauses: Number(r.clauses ?? 0),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** City policies first, then district and park ones; each level by date in force, then code. */
export async function listPolicyRows(db: Conn): Promise<PolicyRow[]> {
  const rows = await basePolicies(db)
    .orderBy(sql`CASE p.level WHEN 'city' THEN 0 WHEN 'district' THEN 1 ELSE 2 END`)
    .orderBy('p.effective_from', 'desc')
    .orderBy('p.code')
    .execute();
  return rows.map(toPolicy);
}

export async function policyRow(db: Conn, code: string): Promise<PolicyRow | undefined> {
  const r = await basePolicies(db).where('p.code', '=', code).executeTakeFirst();
  return r ? toPolicy(r) : undefined;
}

export async function policyFullText(db: Conn, code: string): Promise<string | undefined> {
  return (await db.selectFrom('policies').select('full_text').where('code', '=', code).executeTakeFirst())?.full_text;
}

export async function policyClauses(db: Conn, code: string): Promise<ClauseRow[]> {
  return db.selectFrom('policy_clauses').select(['no', 'title', 'text', 'section']).where('policy_code', '=', code).orderBy('no').execute();
}

/** One article of one policy, or undefined (unknown policy or article). */
export async function clauseOf(db: Conn, code: string, no: number): Promise<{ policyExists: boolean; clause: ClauseRow | undefined }> {
  const p = await db.selectFrom('policies').select('code').where('code', '=', code).executeTakeFirst();
  if (!p) return { policyExists: false, clause: undefined };
  const clause = await db.selectFrom('policy_clauses').select(['no', 'title', 'text', 'section']).where('policy_code', '=', code).where('no', '=', no).executeTakeFirst();
  return { policyExists: true, clause };
}

/** Whether any stored item version quotes the policy (its text is then fixed). */
export async function policyQuoted(db: Conn, code: string): Promise<boolean> {
  const r = await db.selectFrom('policy_item_versions').select('item_id').where('policy_code', '=', code).limit(1).executeTakeFirst();
  return r !== undefined;
}

export async function districtExists(db: Conn, code: string): Promise<boolean> {
  return (await db.selectFrom('districts').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export interface NewPolicy {
  code: string;
  title: string;
  level: 'city' | 'district' | 'park';
  region: string | null;
  issuer: string;
  docNo: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  status: 'draft' | 'official' | 'repealed';
  fullText: string;
  createdBy: number | null;
}

export async function insertPolicy(trx: Transaction<DB>, p: NewPolicy, clauses: readonly ClauseRow[]): Promise<void> {
  await trx
    .insertInto('policies')
    .values({
      code: p.code,
      title: p.title,
      level: p.level,
      region: p.region,
      issuer: p.issuer,
      doc_no: p.docNo,
      effective_from: p.effectiveFrom,
      effective_to: p.effectiveTo,
      status: p.status,
      full_text: p.fullText,
      created_by: p.createdBy,
    })
    .execute();
  await insertClauses(trx, p.code, clauses);
}

async function insertClauses(trx: Transaction<DB>, code: string, clauses: readonly ClauseRow[]): Promise<void> {
  for (let i = 0; i < clauses.length; i += 200) {
    await trx
      .insertInto('policy_clauses')
      .values(clauses.slice(i, i + 200).map((c) => ({ policy_code: code, no: c.no, title: c.title, text: c.text, section: c.section })))
      .execute();
  }
}

export async function policyExistsByCodeOrTitle(db: Conn, code: string, title: string): Promise<{ code: string; title: string } | undefined> {
  return db
    .selectFrom('policies')
    .select(['code', 'title'])
    .where((eb) => eb.or([eb('code', '=', code), eb('title', '=', title)]))
    .executeTakeFirst();
}

export interface PolicyChanges {
  status?: 'draft' | 'official' | 'repealed';
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
  docNo?: string | null;
  fullText?: string;
}

export async function updatePolicyRow(trx: Transaction<DB>, code: string, c: PolicyChanges): Promise<void> {
  const values: Partial<{ status: 'draft' | 'official' | 'repealed'; effective_from: string | null; effective_to: string | null; doc_no: string | null; full_text: string }> = {};
  if (c.status !== undefined) values.status = c.status;
  if (c.effectiveFrom !== undefined) values.effective_from = c.effectiveFrom;
  if (c.effectiveTo !== undefined) values.effective_to = c.effectiveTo;
  if (c.docNo !== undefined) values.doc_no = c.docNo;
  if (c.fullText !== undefined) values.full_text = c.fullText;
  if (Object.keys(values).length > 0) await trx.updateTable('policies').set(values).where('code', '=', code).execute();
}

export async function replaceClauses(trx: Transaction<DB>, code: string, clauses: readonly ClauseRow[]): Promise<void> {
  await trx.deleteFrom('policy_clauses').where('policy_code', '=', code).execute();
  await insertClauses(trx, code, clauses);
}

/** Locks the policy's row for a change (serialises writers; an item saved meanwhile waits for the FK). */
export async function lockPolicy(trx: Transaction<DB>, code: string): Promise<boolean> {
  const r = await trx.selectFrom('policies').select('code').where('code', '=', code).forUpdate().executeTakeFirst();
  return r !== undefined;
}
