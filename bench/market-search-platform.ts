/**
 * Helpers for bench/market-search.ts: a temporary PostgreSQL database (created,
 * and dropped even when the run fails or is interrupted), and the real platform
 * started in this process on loopback over PGlite or that database, with
 * synthetic achievements loaded into its tables and a signed-in session.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../src/audit/audit.js';
import type { AchievementDoc } from '../src/market/match.js';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { createServer } from '../src/platform/server.js';
import { createUser } from '../src/users/service.js';
import { waitForHealth } from './lib.js';

export interface TempDatabase {
  /** The connection string of the new database. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database on the server of `serverUrl` (named after this process), so
 * nothing is left behind in the server's own databases. It is dropped by
 * `drop()`, and on Ctrl-C or SIGTERM (the query then in flight fails with
 * "terminating connection due to administrator command": that is the drop).
 */
export async function tempDatabase(serverUrl: string, prefix: string): Promise<TempDatabase> {
  const name = `${prefix}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = '/' + name;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: dropping database ${name}`);
      void drop().finally(() => process.exit(130));
    });
  }
  return { url: u.toString(), drop };
}

export interface Platform {
  url: string;
  database: Database;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The platform as `serve` builds it (migrated database, the real app), listening on 127.0.0.1, without demo data. */
export async function startPlatform(databaseUrl: string | undefined): Promise<Platform> {
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { memory: true });
  await migrate(database.db);
  const config = loadConfig({}, { LOG_LEVEL: 'warn', WEB_DIST: '/nonexistent', HOST: '127.0.0.1', PORT: '0', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const app = await createServer(config, database);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  await waitForHealth(url, 30_000, () => true);
  return {
    url,
    database,
    app,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** One row of the achievements table as createAchievement writes it (tokens as stored: space-joined jieba tokens). */
export interface AchievementRowInput {
  doc: AchievementDoc;
  publiclyFunded: boolean;
  titleTokens: string;
  keywordTokens: string;
  abstractTokens: string;
}

/**
 * Loads achievements with their ids into the platform's table, owned by a new
 * university, in batches of 1,000 rows (one INSERT each). Returns the owner's id.
 */
export async function loadAchievements(database: Database, rows: AchievementRowInput[], onBatch?: (done: number) => void): Promise<number> {
  const db = database.db;
  const org = await db.insertInto('organisations').values({ kind: 'university', name: '苏州基准测试大学' }).returning('id').executeTakeFirstOrThrow();
  const today = new Date().toISOString().slice(0, 10);
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('achievements')
      .values(
        rows.slice(i, i + 1000).map(({ doc: d, publiclyFunded, titleTokens, keywordTokens, abstractTokens }) => ({
          id: d.id,
          owner_org_id: org.id,
          title: d.title,
          abstract: d.abstract,
          keywords: [...d.keywords],
          fields: [...d.fields],
          trl: d.trl,
          modes: [...d.modes],
          publicly_funded: publiclyFunded,
          confidential: d.confidential,
          status: d.status,
          data_as_of: today,
          title_tokens: titleTokens,
          keyword_tokens: keywordTokens,
          abstract_tokens: abstractTokens,
        })),
      )
      .execute();
    onBatch?.(Math.min(rows.length, i + 1000));
  }
  // Later ids (achievements published through the API) continue after the loaded ones.
  await sql`SELECT setval(pg_get_serial_sequence('achievements', 'id'), (SELECT max(id) FROM achievements))`.execute(db);
  return org.id;
}

/** A user of the given role created as an administrator would, then signed in: the cookie header for requests. */
export async function signedInCookie(p: Platform, role: 'expert' | 'admin' = 'expert'): Promise<string> {
  const username = `bench_${role}`;
  const password = 'Bench@2026search';
  await createUser(p.database.db, SYSTEM_ACTOR, { username, displayName: username, password, role });
  const r = await fetch(p.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!r.ok) throw new Error('login failed: ' + (await r.text()));
  return r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
