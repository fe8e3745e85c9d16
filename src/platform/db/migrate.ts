/**
 * Timestamped SQL migrations (src/platform/db/migrations/YYYYMMDDhhmmss_name.sql),
 * applied in order, each in its own transaction, recorded with a checksum. An
 * applied file that was later edited stops the start: migrations are immutable.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface MigrationFile {
  id: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{14}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      return { id: f.replace(/\.sql$/, ''), sql: text, checksum: crypto.createHash('sha256').update(text).digest('hex') };
    });
}

export async function migrate(db: Kysely<DB>, dir = MIGRATIONS_DIR): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const applied = new Map((await db.selectFrom('schema_migrations').select(['id', 'checksum']).execute()).map((r) => [r.id, r.checksum]));
  const done: string[] = [];
  for (const m of listMigrations(dir)) {
    const prior = applied.get(m.id);
    if (prior !== undefined) {
      if (prior !== m.checksum) throw new Error(`迁移 ${m.id} 已执行但文件内容被修改（checksum 不一致）；请新增迁移而不是修改旧迁移`);
      continue;
    }
    await db.transaction().execute(async (trx) => {
      // Serialise concurrent migrators on a server database.
      await sql`SELECT pg_advisory_xact_lock(20261130)`.execute(trx);
      const again = await trx.selectFrom('schema_migrations').select('id').where('id', '=', m.id).executeTakeFirst();
      if (again) return;
      await sql.raw(m.sql).execute(trx);
      await trx.insertInto('schema_migrations').values({ id: m.id, checksum: m.checksum }).execute();
      done.push(m.id);
    });
  }
  return done;
}
