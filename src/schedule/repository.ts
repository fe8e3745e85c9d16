/** SQL of the scheduled-work administration: schedule overrides, and runs read from pg-boss's own tables. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { QUEUE_SCHEMA } from '../platform/queue.js';

export async function scheduleOverrides(db: Kysely<DB>): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom('job_settings').select(['name', 'cron']).execute();
  return new Map(rows.map((r) => [r.name, r.cron]));
}

export async function saveSchedule(trx: Transaction<DB>, name: string, cron: string | null, userId: number | null): Promise<void> {
  await trx
    .insertInto('job_settings')
    .values({ name, cron, updated_by: userId })
    .onConflict((oc) => oc.column('name').doUpdateSet({ cron, updated_by: userId, updated_at: new Date() }))
    .execute();
}

export interface RunRow {
  id: string;
  name: string;
  state: string;
  retry_count: number;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
  output: Record<string, unknown> | null;
}

const table = sql.table(`${QUEUE_SCHEMA}.job`);

/** Whether pg-boss has installed its tables in this database (it does on a server's first start). */
export async function queueInstalled(db: Kysely<DB>): Promise<boolean> {
  const r = await sql<{ t: string | null }>`SELECT to_regclass(${`${QUEUE_SCHEMA}.job`})::text AS t`.execute(db);
  return r.rows[0]?.t != null;
}

export async function runs(db: Kysely<DB>, name: string, limit: number, offset: number): Promise<{ total: number; rows: RunRow[] }> {
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${table} WHERE name = ${name}`.execute(db);
  const rows = await sql<RunRow>`
    SELECT id::text, name, state::text, retry_count, created_on, started_on, completed_on, output
    FROM ${table} WHERE name = ${name}
    ORDER BY created_on DESC, id DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return { total: n.rows[0]?.n ?? 0, rows: rows.rows };
}

export async function countsByState(db: Kysely<DB>): Promise<Map<string, Record<string, number>>> {
  const rows = await sql<{ name: string; state: string; n: number }>`SELECT name, state::text, count(*)::int AS n FROM ${table} GROUP BY name, state`.execute(db);
  const out = new Map<string, Record<string, number>>();
  for (const r of rows.rows) out.set(r.name, { ...(out.get(r.name) ?? {}), [r.state]: r.n });
  return out;
}
