/** SQL for versioned support items. */
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { canonicalJson } from '../audit/chain.js';
import type { DB } from '../platform/db/schema.js';
import { policyOf, type SupportItem } from './engine/schema.js';

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
