import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type TestApp } from '../helpers/app.js';

describe('audit trail', { timeout: 120_000 }, () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  beforeAll(async () => {
    t = await openTestApp();
  });
  beforeEach(async () => {
    await t.database.reset();
    fx = await seedFixture(t.database);
    const s = await signIn(t.app, 'admin', PASSWORD);
    for (let i = 0; i < 5; i++) await call(t.app, s, 'PATCH', `/api/orgs/${fx.orgs.a}`, { name: `苏州甲科技有限公司${i}` });
  });
  afterAll(async () => t?.close());

  it('records every write with actor, action, object and result, and every read of finances', async () => {
    const s = await signIn(t.app, 'official', PASSWORD);
    await call(t.app, s, 'GET', `/api/orgs/${fx.orgs.a}/figures`);
    const rows = await t.database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    const updates = rows.filter((r) => r.action === 'org.update');
    expect(updates).toHaveLength(5);
    expect(updates[0]).toMatchObject({ actor_label: 'admin', object_type: 'organisation', object_id: String(fx.orgs.a), result: 'ok' });
    const read = rows.find((r) => r.action === 'org.figures.read')!;
    expect(read).toMatchObject({ actor_label: 'official', object_id: String(fx.orgs.a) });
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
  });

  it('records failed writes as errors without the write', async () => {
    const s = await signIn(t.app, 'admin', PASSWORD);
    const r = await call(t.app, s, 'PATCH', `/api/orgs/${fx.orgs.a}`, { districtCode: '999999' });
    expect(r.statusCode).toBe(400);
    const last = await t.database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'org.update', result: 'error' });
  });

  it('verifies an intact chain', async () => {
    const s = await verifyAuditChain(t.database.db);
    expect(s.firstBad).toBeNull();
    expect(s.count).toBeGreaterThan(10);
  });

  it('names the first edited record', async () => {
    await sql`UPDATE audit_log SET actor_label = 'mallory' WHERE seq = 7`.execute(t.database.db);
    expect((await verifyAuditChain(t.database.db)).firstBad).toMatchObject({ seq: 7 });
  });

  it('names the record after a deleted one', async () => {
    await sql`DELETE FROM audit_log WHERE seq = 5`.execute(t.database.db);
    expect((await verifyAuditChain(t.database.db)).firstBad?.seq).toBe(6);
  });

  it('detects reordering even when sequence numbers are swapped', async () => {
    await sql`UPDATE audit_log SET seq = -1 WHERE seq = 8`.execute(t.database.db);
    await sql`UPDATE audit_log SET seq = 8 WHERE seq = 9`.execute(t.database.db);
    await sql`UPDATE audit_log SET seq = 9 WHERE seq = -1`.execute(t.database.db);
    expect((await verifyAuditChain(t.database.db)).firstBad?.seq).toBe(8);
  });

  it('detects a deleted tail', async () => {
    const max = (await sql<{ m: number }>`SELECT max(seq)::int AS m FROM audit_log`.execute(t.database.db)).rows[0]!.m;
    await sql`DELETE FROM audit_log WHERE seq = ${max}`.execute(t.database.db);
    expect((await verifyAuditChain(t.database.db)).firstBad).not.toBeNull();
  });

  it('does not mistake records appended during verification for tampering', async () => {
    const s = await signIn(t.app, 'admin', PASSWORD);
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing && i < 200; i++) await call(t.app, s, 'PATCH', `/api/orgs/${fx.orgs.b}`, { name: `苏州乙制造有限公司${i}` });
    })();
    const results = [];
    for (let i = 0; i < 10; i++) results.push((await verifyAuditChain(t.database.db)).firstBad);
    writing = false;
    await writer;
    expect(results).toEqual(Array(10).fill(null));
  });

  it('detects a time edited below the millisecond', async () => {
    await sql`UPDATE audit_log SET at = at + interval '700 microseconds' WHERE seq = 3`.execute(t.database.db);
    expect((await verifyAuditChain(t.database.db)).firstBad?.seq).toBe(3);
  });
});
