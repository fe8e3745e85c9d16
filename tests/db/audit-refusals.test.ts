/**
 * Refusals are recorded once, on every route: one rule in the HTTP app
 * (platform/http/app.ts, onSend) appends a 'denied' record for a signed-in
 * principal's refused write, a refused read of a route marked sensitive and any
 * 401/403, unless the service recorded the refusal itself. Anonymous refusals are
 * not recorded. The trail never copies the submitted values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

describe('refusals in the audit trail', () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  let ent: Session;
  let official: Session;
  let admin: Session;

  beforeAll(async () => {
    t = await openTestApp();
    fx = await seedFixture(t.database);
    ent = await signIn(t.app, 'enterprise', PASSWORD);
    official = await signIn(t.app, 'official', PASSWORD);
    admin = await signIn(t.app, 'admin', PASSWORD);
  });
  afterAll(async () => t?.close());

  const head = async () => (await t.database.db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq;
  /** The records a call appended (the app answers only after the refusal rule has run). */
  async function recordsOf(send: () => Promise<{ statusCode: number }>) {
    const before = await head();
    const r = await send();
    const rows = await t.database.db.selectFrom('audit_log').selectAll().where('seq', '>', before).orderBy('seq').execute();
    return { status: r.statusCode, rows, denied: rows.filter((x) => x.result === 'denied') };
  }

  it('a refused read of another enterprise’s 科创指数 leaves exactly one denied record, named and with the target', async () => {
    for (const url of [`/api/index/scores/${fx.orgs.b}`, `/api/index/tsme-check/${fx.orgs.b}`]) {
      const r = await recordsOf(() => call(t.app, ent, 'GET', url));
      expect(r.status).toBe(403);
      expect(r.rows).toHaveLength(1);
      expect(r.denied).toHaveLength(1);
      expect(r.denied[0]).toMatchObject({ action: url.includes('tsme') ? 'index.tsme.read' : 'index.read', actor_label: 'enterprise', result: 'denied' });
      expect(JSON.parse(r.denied[0]!.detail)).toMatchObject({ status: 403, params: { orgId: String(fx.orgs.b) }, code: 'FORBIDDEN' });
    }
  });

  it('an amount refused by schema validation leaves exactly one denied record naming the field', async () => {
    const r = await recordsOf(() => call(t.app, ent, 'PUT', `/api/orgs/${fx.orgs.a}/figures/2024`, { revenue: -100 }));
    expect(r.status).toBe(400);
    expect(r.rows).toHaveLength(1);
    expect(r.denied[0]).toMatchObject({ action: 'PUT /api/orgs/:id/figures/:year', object_type: 'route', actor_label: 'enterprise' });
    expect(JSON.parse(r.denied[0]!.detail)).toMatchObject({ status: 400, code: 'VALIDATION', field: 'revenue', params: { id: fx.orgs.a, year: 2024 } });
    // Nothing was written.
    expect(await t.database.db.selectFrom('enterprise_yearly_figures').select('year').where('org_id', '=', fx.orgs.a).execute()).toEqual([]);
  });

  it('a CSRF refusal leaves exactly one denied record', async () => {
    const r = await recordsOf(() => t.app.inject({ method: 'PATCH', url: `/api/orgs/${fx.orgs.a}`, headers: { cookie: ent.cookie, 'x-csrf-token': 'wrong' }, payload: { name: '苏州甲科技有限公司（改）' } }));
    expect(r.status).toBe(403);
    expect(r.rows).toHaveLength(1);
    expect(r.denied[0]).toMatchObject({ action: 'PATCH /api/orgs/:id', actor_label: 'enterprise' });
    expect(JSON.parse(r.denied[0]!.detail)).toMatchObject({ status: 403, code: 'CSRF' });
  });

  it('an AppError refusal raised before any write leaves exactly one denied record', async () => {
    // Consent to a university: refused by the service (invalid → 400) before it writes anything.
    const r = await recordsOf(() => call(t.app, ent, 'POST', '/api/index/consents', { institutionId: fx.orgs.uni }));
    expect(r.status).toBe(400);
    expect(r.rows).toHaveLength(1);
    expect(r.denied[0]).toMatchObject({ action: 'POST /api/index/consents', actor_label: 'enterprise' });
    expect(JSON.parse(r.denied[0]!.detail)).toMatchObject({ status: 400, code: 'VALIDATION', field: 'institutionId' });
    // A forbidden() from a service, before it writes.
    const dup = await recordsOf(() => call(t.app, official, 'POST', '/api/funding/budgets', { name: '测试资金池', kind: 'pool', departmentCode: 'kjj', yearFrom: 2026, yearTo: 2027 }));
    expect(dup.status).toBe(403); // only an administrator sets up a pool: forbidden() from the service
    expect(dup.rows).toHaveLength(1);
    expect(dup.denied[0]).toMatchObject({ action: 'POST /api/funding/budgets', actor_label: 'official' });
    expect(JSON.parse(dup.denied[0]!.detail)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('a refusal the service recorded itself is not recorded twice', async () => {
    // audited() records the failed write ('error', with the field); the app adds nothing.
    const w = await recordsOf(() => call(t.app, admin, 'PATCH', `/api/orgs/${fx.orgs.a}`, { districtCode: '999999' }));
    expect(w.status).toBe(400);
    expect(w.rows).toHaveLength(1);
    expect(w.rows[0]).toMatchObject({ action: 'org.update', result: 'error' });
    // The policy calculator records a refused evaluation of another enterprise under its own name.
    const p = await recordsOf(() => call(t.app, ent, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.b }));
    expect(p.status).toBe(403);
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0]).toMatchObject({ action: 'policy.evaluate', result: 'denied' });
  });

  it('an access refusal of a write (wrong role) and of any read (403) is recorded once', async () => {
    const w = await recordsOf(() => call(t.app, ent, 'POST', '/api/users', {}));
    expect(w.status).toBe(403);
    expect(w.rows).toHaveLength(1);
    expect(w.denied[0]).toMatchObject({ action: 'POST /api/users', actor_label: 'enterprise' });
    const r = await recordsOf(() => call(t.app, ent, 'GET', '/api/users'));
    expect(r.status).toBe(403);
    expect(r.denied).toHaveLength(1);
    expect(r.denied[0]).toMatchObject({ action: 'GET /api/users' });
  });

  it('allowed requests add no denied record; anonymous refusals add none at all', async () => {
    const ok = await recordsOf(() => call(t.app, ent, 'GET', `/api/orgs/${fx.orgs.a}/figures`));
    expect(ok.status).toBe(200);
    expect(ok.rows.map((x) => [x.action, x.result])).toEqual([['org.figures.read', 'ok']]);
    const write = await recordsOf(() => call(t.app, ent, 'PATCH', `/api/orgs/${fx.orgs.a}`, { name: '苏州甲科技有限公司' }));
    expect(write.status).toBe(200);
    expect(write.rows.map((x) => [x.action, x.result])).toEqual([['org.update', 'ok']]);
    // A non-sensitive read refused for bad input (not an access refusal) is not recorded.
    const bad = await recordsOf(() => call(t.app, ent, 'GET', '/api/orgs?pageSize=100000'));
    expect(bad.status).toBe(400);
    expect(bad.rows).toHaveLength(0);
    const anon = await recordsOf(() => call(t.app, null, 'POST', '/api/users', {}));
    expect(anon.status).toBe(401);
    expect(anon.rows).toHaveLength(0);
    const anonRead = await recordsOf(() => call(t.app, null, 'GET', `/api/index/scores/${fx.orgs.b}`));
    expect(anonRead.status).toBe(401);
    expect(anonRead.rows).toHaveLength(0);
  });

  it('never copies submitted secrets into the trail: passwords and bank account numbers', async () => {
    const pw = await recordsOf(() => call(t.app, ent, 'POST', '/api/auth/password', { currentPassword: 'Cur-Secret-77941', newPassword: 'Xq7!a' }));
    expect(pw.status).toBe(400);
    expect(pw.denied).toHaveLength(1);
    expect(JSON.parse(pw.denied[0]!.detail)).toMatchObject({ field: 'newPassword' });
    const acct = await recordsOf(() =>
      call(t.app, ent, 'POST', '/api/funding/applications', { itemId: 'x', bankAccount: { holder: '苏州甲科技有限公司', bank: '中国银行苏州分行', account: '6222-0210-SECRET-88123' } }),
    );
    expect(acct.status).toBe(400);
    expect(acct.denied).toHaveLength(1);
    expect(JSON.parse(acct.denied[0]!.detail)).toMatchObject({ field: 'bankAccount.account' });
    const all = JSON.stringify(await t.database.db.selectFrom('audit_log').selectAll().execute());
    for (const secret of ['Cur-Secret-77941', 'Xq7!a', '6222-0210-SECRET-88123', '88123']) expect(all).not.toContain(secret);
    expect((await verifyAuditChain(t.database.db)).firstBad).toBeNull();
  });
});
