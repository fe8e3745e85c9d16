/**
 * A migrated database for one test file: PGlite in memory by default (restored
 * from a cached dump of a freshly migrated database, so only the first file pays
 * for initdb), or a database of its own on the PostgreSQL server named by
 * TEST_DATABASE_URL, dropped afterwards.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { listMigrations, migrate } from '../../src/platform/db/migrate.js';
import { scratchDatabase } from './pg-scratch.js';

export interface TestDatabase extends Database {
  /** Removes all rows except reference data, and resets the audit chain. */
  reset(): Promise<void>;
}

function migrationsKey(): string {
  const h = crypto.createHash('sha256');
  for (const m of listMigrations()) h.update(m.id).update(m.checksum);
  return h.digest('hex').slice(0, 16);
}

async function pgliteFromCache(): Promise<Database> {
  const file = path.join(os.tmpdir(), `suchuanghui-pglite-${migrationsKey()}.tar.gz`);
  if (fs.existsSync(file)) {
    try {
      const blob = new Blob([fs.readFileSync(file)]);
      return await openDatabase({ memory: true, loadDataDir: blob });
    } catch {
      fs.rmSync(file, { force: true });
    }
  }
  const database = await openDatabase({ memory: true });
  await migrate(database.db);
  const dump = await database.pglite!.dumpDataDir('gzip');
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, file);
  return database;
}

const DATA_TABLES = ['audit_log', 'login_throttle', 'api_tokens', 'sessions', 'users', 'organisation_qualifications', 'enterprise_yearly_figures', 'organisations', 'app_meta'];

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  let database: Database;
  let dropAfter: (() => Promise<void>) | null = null;
  if (url) {
    const scratch = await scratchDatabase(url, 'sch_test');
    database = await openDatabase({ databaseUrl: scratch.url });
    await migrate(database.db);
    dropAfter = scratch.drop;
  } else {
    database = await pgliteFromCache();
    await migrate(database.db);
  }
  const close = database.close;
  return {
    ...database,
    async close() {
      await close();
      await dropAfter?.();
    },
    async reset() {
      const { sql } = await import('kysely');
      await sql.raw(`TRUNCATE ${DATA_TABLES.join(', ')} RESTART IDENTITY CASCADE; UPDATE audit_head SET seq = 0, hash = repeat('0', 64); DELETE FROM qualification_types WHERE NOT builtin;`).execute(database.db);
    },
  };
}
