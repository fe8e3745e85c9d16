/**
 * Every write and its 'ok' audit record are one transaction (audit.ts audited()):
 * when the record cannot be appended, the write is rolled back too. A trigger
 * refuses the 'ok' record of one named action at a time; the write must then be
 * absent, and present (with its record) once the trigger lets it through.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

describe('every write audited in its transaction', () => {
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
    await sql`CREATE TABLE test_refused_actions (action text PRIMARY KEY)`.execute(t.database.db);
    await sql`CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.result = 'ok' AND EXISTS (SELECT 1 FROM test_refused_actions WHERE action = NEW.action) THEN
          RAISE EXCEPTION 'audit record % refused by the test', NEW.action;
        END IF;
        RETURN NEW;
      END $$`.execute(t.database.db);
    await sql`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`.execute(t.database.db);
  });
  afterAll(async () => t?.close());

  /** Runs `send` while the 'ok' record of `action` cannot be appended. */
  async function withAuditRefused<T>(action: string, send: () => Promise<T>): Promise<T> {
    await t.database.db.insertInto('test_refused_actions' as never).values({ action } as never).execute();
    try {
      return await send();
    } finally {
      await sql`DELETE FROM test_refused_actions`.execute(t.database.db);
    }
  }
  const okRecords = (action: string) => t.database.db.selectFrom('audit_log').select(['seq', 'detail', 'object_id']).where('action', '=', action).where('result', '=', 'ok').execute();

  it('POST /api/notifications/read: no record, no write', async () => {
    const n = await t.database.db.insertInto('notifications').values({ org_id: fx.orgs.a, user_id: null, kind: 'funding', title: '测试通知', body: '正文', link: null }).returning('id').executeTakeFirstOrThrow();
    const refused = await withAuditRefused('market.notification.read', () => call(t.app, ent, 'POST', '/api/notifications/read', { ids: [n.id] }));
    expect(refused.statusCode).toBe(500);
    const row = () => t.database.db.selectFrom('notifications').select('read_at').where('id', '=', n.id).executeTakeFirstOrThrow();
    expect((await row()).read_at).toBeNull();
    const ok = await call(t.app, ent, 'POST', '/api/notifications/read', { ids: [n.id] });
    expect(ok.json()).toEqual({ updated: 1 });
    expect((await row()).read_at).not.toBeNull();
    const recs = await okRecords('market.notification.read');
    expect(recs).toHaveLength(1);
    expect(JSON.parse(recs[0]!.detail)).toEqual({ ids: [n.id], updated: 1 });
  });

  it('removing an attachment: no record, no removal', async () => {
    const app = await call(t.app, ent, 'POST', '/api/funding/applications', { itemId: 'm6.new_rd_institute', year: 2026, project: '附件审计测试', facts: { newRdInstitute: true } });
    expect(app.statusCode).toBe(200);
    const id = app.json().id as number;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20)]);
    const up = await t.app.inject({ method: 'POST', url: `/api/funding/applications/${id}/attachments?name=a.pdf`, headers: { cookie: ent.cookie, 'x-csrf-token': ent.csrf, 'content-type': 'application/octet-stream' }, payload: pdf });
    expect(up.statusCode).toBe(200);
    const attachmentId = up.json().id as number;
    expect((await okRecords('funding.attachment.add')).map((r) => JSON.parse(r.detail).attachmentId)).toEqual([attachmentId]);
    const exists = async () => (await t.database.db.selectFrom('attachments').select('id').where('id', '=', attachmentId).execute()).length;
    const url = `/api/funding/applications/${id}/attachments/${attachmentId}`;
    expect((await withAuditRefused('funding.attachment.remove', () => call(t.app, ent, 'DELETE', url))).statusCode).toBe(500);
    expect(await exists()).toBe(1);
    expect((await call(t.app, ent, 'DELETE', url)).statusCode).toBe(200);
    expect(await exists()).toBe(0);
    expect(await okRecords('funding.attachment.remove')).toHaveLength(1);
    // Adding is held to the same rule.
    expect((await withAuditRefused('funding.attachment.add', () => t.app.inject({ method: 'POST', url: `/api/funding/applications/${id}/attachments?name=b.pdf`, headers: { cookie: ent.cookie, 'x-csrf-token': ent.csrf, 'content-type': 'application/octet-stream' }, payload: pdf }))).statusCode).toBe(500);
    expect(await t.database.db.selectFrom('attachments').select('id').where('application_id', '=', id).execute()).toEqual([]);
  });

  it('granting and withdrawing consent: no record, no change', async () => {
    const consents = () => t.database.db.selectFrom('index_consents').select(['id', 'withdrawn_at']).where('enterprise_id', '=', fx.orgs.a).execute();
    expect((await withAuditRefused('index.consent.grant', () => call(t.app, ent, 'POST', '/api/index/consents', { institutionId: fx.orgs.bank }))).statusCode).toBe(500);
    expect(await consents()).toEqual([]);
    const g = await call(t.app, ent, 'POST', '/api/index/consents', { institutionId: fx.orgs.bank });
    expect(g.statusCode).toBe(200);
    const consentId = g.json().id as number;
    expect((await okRecords('index.consent.grant')).map((r) => r.object_id)).toEqual([String(consentId)]);
    expect((await withAuditRefused('index.consent.withdraw', () => call(t.app, ent, 'DELETE', `/api/index/consents/${consentId}`))).statusCode).toBe(500);
    expect(await consents()).toEqual([{ id: consentId, withdrawn_at: null }]);
    expect((await call(t.app, ent, 'DELETE', `/api/index/consents/${consentId}`)).statusCode).toBe(200);
    expect((await consents())[0]!.withdrawn_at).not.toBeNull();
    expect(await okRecords('index.consent.withdraw')).toHaveLength(1);
    // Withdrawn twice: refused, and the refusal is recorded once.
    expect((await call(t.app, ent, 'DELETE', `/api/index/consents/${consentId}`)).statusCode).toBe(409);
  });

  it('starting a 免申即享 run: no record, no run', async () => {
    expect((await withAuditRefused('policy.run.start', () => call(t.app, official, 'POST', '/api/policy/runs'))).statusCode).toBe(500);
    expect(await t.database.db.selectFrom('policy_runs').select('id').execute()).toEqual([]);
  });

  it('creating and funding a budget: no record, no budget, no money', async () => {
    const body = { name: '审计测试资金池', kind: 'pool', departmentCode: 'kjj', yearFrom: 2026, yearTo: 2027, fundFen: 100_000_00 };
    expect((await withAuditRefused('funding.budget.create', () => call(t.app, admin, 'POST', '/api/funding/budgets', body))).statusCode).toBe(500);
    expect(await t.database.db.selectFrom('budgets').select('id').execute()).toEqual([]);
    const b = await call(t.app, admin, 'POST', '/api/funding/budgets', body);
    expect(b.statusCode).toBe(200);
    const movements = async () => (await t.database.db.selectFrom('ledger_movements').select('id').execute()).length;
    const before = await movements();
    expect((await withAuditRefused('funding.budget.fund', () => call(t.app, admin, 'POST', `/api/funding/budgets/${b.json().id}/fund`, { amountFen: 5_000_00 }))).statusCode).toBe(500);
    expect(await movements()).toBe(before);
  });

  it('each of these routes, called successfully, leaves its ok record (overdue reminders too, when none is due)', async () => {
    const before = (await okRecords('market.remind')).length;
    const r = await call(t.app, official, 'POST', '/api/market/reminders');
    expect(r.json()).toEqual({ reminded: 0 });
    const after = await okRecords('market.remind');
    expect(after).toHaveLength(before + 1);
    expect(JSON.parse(after.at(-1)!.detail)).toEqual({ reminded: 0 });
    // An empty "mark read" is a call that changed nothing, recorded as such.
    expect((await call(t.app, ent, 'POST', '/api/notifications/read', { ids: [] })).json()).toEqual({ updated: 0 });
    expect((await okRecords('market.notification.read')).map((x) => JSON.parse(x.detail))).toContainEqual({ ids: [], updated: 0 });
  });
});
