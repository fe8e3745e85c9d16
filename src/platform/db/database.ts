/**
 * Opens the database: PGlite persisted in DATA_DIR by default, or a PostgreSQL
 * server through `pg` when DATABASE_URL is set. Both speak the same SQL and
 * return the same JS types: bigint (money in 分) as a safe integer Number,
 * date as 'YYYY-MM-DD', timestamptz as Date.
 */
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock } from './lock.js';
import { PGliteDialect } from './pglite-driver.js';
import type { DB } from './schema.js';

export type DbKind = 'pglite' | 'postgres';

export interface Database {
  kind: DbKind;
  db: Kysely<DB>;
  /** The PGlite instance when embedded (for dump/clone in tests). */
  pglite?: PGlite;
  /** The server's connection string when on PostgreSQL (the job queue opens its own small pool). */
  url?: string;
  /** Records the server port in the data-folder lock, for the message other processes see. */
  announcePort(port: number): void;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;

export function parseInt8(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${v} exceeds the safe integer range`);
  return n;
}

export interface OpenOptions {
  dataDir?: string;
  databaseUrl?: string;
  /** Open PGlite in memory (tests). */
  memory?: boolean;
  /** Load PGlite's data directory from a dump (tests). */
  loadDataDir?: Blob | File;
  purpose?: string;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    pg.types.setTypeParser(INT8, parseInt8);
    pg.types.setTypeParser(DATE, (v: string) => v);
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection dropped by the server (restart, failover, timeout) must not crash the process;
    // the pool discards it and the next query opens a new one.
    pool.on('error', (e) => console.warn(`PostgreSQL connection lost: ${e.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { kind: 'postgres', db, url: opts.databaseUrl, announcePort() {}, close: () => db.destroy() };
  }
  const lock = opts.memory ? null : acquireDataDirLock(opts.dataDir!, opts.purpose ?? 'cli');
  try {
    const pglite = await PGlite.create({
      dataDir: opts.memory ? undefined : opts.dataDir + '/pg',
      loadDataDir: opts.loadDataDir,
      parsers: { [INT8]: parseInt8, [DATE]: (v: string) => v },
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    return {
      kind: 'pglite',
      db,
      pglite,
      announcePort(port) {
        lock?.update({ port });
      },
      async close() {
        await db.destroy();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}
