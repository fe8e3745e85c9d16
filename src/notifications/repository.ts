/** SQL of notifications' delivery choices and digests (src/notifications/service.ts). */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.js';

export async function setNotifyMode(trx: Transaction<DB>, userId: number, mode: 'each' | 'daily'): Promise<void> {
  // Switching to the digest starts it now: what came before was already shown one by one.
  await trx.updateTable('users').set({ notify_mode: mode, digest_through: mode === 'daily' ? new Date() : null }).where('id', '=', userId).execute();
}

export async function notifyModeOf(db: Kysely<DB>, userId: number) {
  return db.selectFrom('users').select(['notify_mode', 'digest_through']).where('id', '=', userId).executeTakeFirstOrThrow();
}

/** Active people who chose one digest a day. */
export async function digestReaders(db: Kysely<DB>) {
  return db.selectFrom('users').select(['id', 'org_id', 'created_at', 'digest_through']).where('notify_mode', '=', 'daily').where('status', '=', 'active').orderBy('id').execute();
}

/** Locks the person's row and re-reads how far their digest went (two runners never digest one event twice). */
export async function lockDigestReader(trx: Transaction<DB>, userId: number) {
  return trx.selectFrom('users').select(['id', 'org_id', 'created_at', 'digest_through', 'notify_mode']).where('id', '=', userId).forUpdate().executeTakeFirst();
}

/** Notifications to the person (or their organisation) after `since`, up to `until`, digests excluded. */
export async function eventsBetween(trx: Transaction<DB>, user: { id: number; org_id: number | null }, since: Date, until: Date) {
  return trx
    .selectFrom('notifications')
    .select(['id', 'title', 'created_at'])
    .where((eb) => (user.org_id ? eb.or([eb('org_id', '=', user.org_id), eb('user_id', '=', user.id)]) : eb('user_id', '=', user.id)))
    .where('kind', '<>', 'digest')
    .where('created_at', '>', since)
    .where('created_at', '<=', until)
    .orderBy('id')
    .execute();
}

export async function insertDigest(trx: Transaction<DB>, userId: number, title: string, body: string, until: Date): Promise<void> {
  await trx.insertInto('notifications').values({ org_id: null, user_id: userId, kind: 'digest', title, body, link: '/' }).execute();
  await trx.updateTable('users').set({ digest_through: until }).where('id', '=', userId).execute();
}

/** Organisations with achievements or demands whose data is older than `days` days and no such reminder in `quietDays`. */
export async function staleOwners(db: Kysely<DB>, today: string, days: number, quietDays: number) {
  const cutoff = sql<string>`(${today}::date - ${days}::int)`;
  const rows = await db
    .selectFrom('achievements as a')
    .select(['a.owner_org_id as org_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.status', '<>', 'converted')
    .where(sql<boolean>`a.data_as_of < ${cutoff}`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('notifications as n')
            .select('n.id')
            .whereRef('n.org_id', '=', 'a.owner_org_id')
            .where('n.kind', '=', 'market.stale')
            .where(sql<boolean>`n.created_at > now() - make_interval(days => ${quietDays}::int)`),
        ),
      ),
    )
    .groupBy('a.owner_org_id')
    .orderBy('a.owner_org_id')
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, count: Number(r.n) }));
}

export async function insertOrgNotice(trx: Transaction<DB>, orgId: number, kind: string, title: string, body: string, link: string): Promise<void> {
  await trx.insertInto('notifications').values({ org_id: orgId, user_id: null, kind, title, body, link }).execute();
}

/** Per organisation, the items it is eligible for in run `cur` and was not in run `prev`. */
export async function newlyEligible(db: Kysely<DB>, cur: number, prev: number) {
  const rows = await sql<{ org_id: number; fresh: string[] }>`
    SELECT r.org_id, ARRAY(SELECT unnest(r.eligible) EXCEPT SELECT unnest(coalesce(p.eligible, '{}'::text[]))) AS fresh
    FROM policy_run_results r
    LEFT JOIN policy_run_results p ON p.run_id = ${prev} AND p.org_id = r.org_id
    WHERE r.run_id = ${cur} AND cardinality(r.eligible) > 0
    ORDER BY r.org_id`.execute(db);
  return rows.rows.filter((r) => r.fresh.length > 0);
}

/** The two latest finished 免申即享 runs, newest first. */
export async function latestRuns(db: Kysely<DB>, n: number) {
  return db.selectFrom('policy_runs').select(['id', 'items']).where('status', '=', 'done').orderBy('id', 'desc').limit(n).execute();
}
