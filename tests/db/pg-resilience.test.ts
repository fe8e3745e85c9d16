/** On a PostgreSQL server: a connection the server drops must not take the process down. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/app.js';

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL connection loss', { timeout: 60_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(async () => t?.close());

  it('keeps serving after the server terminates its idle connections', async () => {
    // Parallel requests so the pool holds several connections, which then sit idle.
    const first = await Promise.all(Array.from({ length: 8 }, () => t.app.inject({ method: 'GET', url: '/api/health' })));
    expect(first.every((r) => r.statusCode === 200)).toBe(true);
    const name = (await sql<{ d: string }>`SELECT current_database() AS d`.execute(t.database.db)).rows[0]!.d;
    // From a separate connection of the same pool, end every other backend of this database.
    const killed = await sql<{ ok: boolean }>`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = ${name} AND pid <> pg_backend_pid()`.execute(t.database.db);
    expect(killed.rows.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    let ok = 0;
    for (let i = 0; i < 20; i++) if ((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode === 200) ok++;
    expect(ok).toBeGreaterThanOrEqual(18);
  });
});
