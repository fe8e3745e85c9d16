import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import { createRun, executeRun } from '../../src/policy/runs.js';
import { createUser } from '../../src/users/service.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

const WAN = 1_000_000;
type Declared = { fact: string; label: string; year: number; value: unknown; source: string; declaredAt: string };

describe('carry data forward: declared facts remembered, the bank account not asked again', { timeout: 180_000 }, () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  let ent: Session;
  let ent2: Session;
  let official: Session;
  let admin: Session;
  beforeAll(async () => {
    t = await openTestApp();
    fx = await seedFixture(t.database);
    [ent, ent2, official, admin] = await Promise.all(['enterprise', 'enterprise2', 'official', 'admin'].map((u) => signIn(t.app, u, PASSWORD))) as [Session, Session, Session, Session];
  });
  afterAll(async () => t?.close());

  it('an enterprise’s calculator declarations are saved as declarations and offered back; others cannot read them', async () => {
    expect((await call(t.app, ent, 'GET', `/api/policy/declared/${fx.orgs.a}`)).json()).toEqual({ facts: [] });
    const r = await call(t.app, ent, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.a, facts: { equipmentInvestment: 6000 * WAN, newRdInstitute: true } });
    expect(r.statusCode).toBe(200);
    const first = (await call(t.app, ent, 'GET', `/api/policy/declared/${fx.orgs.a}`)).json().facts as Declared[];
    expect(first.map((f) => [f.fact, f.value, f.source])).toEqual([
      ['equipmentInvestment', 6000 * WAN, 'declared'],
      ['newRdInstitute', true, 'declared'],
    ]);
    expect(first[0]!.label).toBe('设备投资额');
    // a new value of the same year replaces the old one
    await call(t.app, ent, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.a, facts: { equipmentInvestment: 7000 * WAN } });
    const again = (await call(t.app, ent, 'GET', `/api/policy/declared/${fx.orgs.a}`)).json().facts as Declared[];
    expect(again.find((f) => f.fact === 'equipmentInvestment')!.value).toBe(7000 * WAN);
    // a department reads them as it reads the figures; another enterprise may not
    expect((await call(t.app, official, 'GET', `/api/policy/declared/${fx.orgs.a}`)).statusCode).toBe(200);
    expect((await call(t.app, ent2, 'GET', `/api/policy/declared/${fx.orgs.a}`)).statusCode).toBe(403);
    // an official's evaluation for the enterprise is not the enterprise's declaration
    await call(t.app, official, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.b, facts: { insurancePremium: 100 } });
    expect((await call(t.app, admin, 'GET', `/api/policy/declared/${fx.orgs.b}`)).json()).toEqual({ facts: [] });
  });

  it('免申即享: the confirmation keeps the account the enterprise gave before, and a later offer carries it', async () => {
    const db = t.database.db;
    const BANK = { holder: '苏州甲科技有限公司', bank: '中国银行苏州分行', account: '6216 6108 0001 2345' };
    await db
      .insertInto('enterprise_yearly_figures')
      .values({ org_id: fx.orgs.a, year: 2025, revenue: 8000 * WAN, rd_expense: 600 * WAN, rd_expense_domestic: 600 * WAN, staff: 120, rd_staff: 30, hightech_revenue: 5000 * WAN, net_assets: 3000 * WAN, patents_invention: 8, patents_utility: 10, patents_design: 0, software_copyrights: 3, patents_high_value: 4, tech_contract_income: 0, equity_financing: 0, source: 'imported' })
      .execute();
    await call(t.app, admin, 'POST', `/api/orgs/${fx.orgs.a}/qualifications`, { typeCode: 'ip_advantage', level: 'municipal', validFrom: '2024-01-01' });
    await executeRun(db, SYSTEM_ACTOR, await createRun(db, SYSTEM_ACTOR));
    // two offers at once, before the enterprise gave any account
    expect((await call(t.app, official, 'POST', '/api/funding/offers', { itemId: 'm6.rd_input', year: 2026 })).json()).toMatchObject({ created: 1 });
    const offers = (await call(t.app, ent, 'GET', '/api/funding/applications?origin=proactive')).json().items as { id: number; itemId: string }[];
    const first = offers[0]!.id;
    // no account anywhere yet: asked for, by name
    const none = await call(t.app, ent, 'POST', `/api/funding/applications/${first}/act`, { action: 'confirm' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatchObject({ field: 'bankAccount', message: '请填写收款账户（开户名、开户行、账号）后再确认' });
    // an application drafted with an account: the next offer carries it, and confirming asks nothing
    expect((await call(t.app, ent, 'POST', '/api/funding/applications', { itemId: 'm6.new_rd_institute', year: 2026, project: '新型研发机构', facts: { newRdInstitute: true }, bankAccount: BANK })).statusCode).toBe(200);
    const view = (await call(t.app, ent, 'GET', `/api/funding/applications/${first}`)).json();
    expect(view.bankAccount).toBeNull(); // made before the account existed …
    const ok = await call(t.app, ent, 'POST', `/api/funding/applications/${first}/act`, { action: 'confirm' });
    expect(ok.json()).toMatchObject({ state: 'approval' }); // … confirmed with the latest account given
    expect((await call(t.app, ent, 'GET', `/api/funding/applications/${first}`)).json().bankAccount).toEqual({ holder: BANK.holder, bank: BANK.bank, account: '****2345' });
    const audit = await db.selectFrom('audit_log').select(['detail']).where('action', '=', 'funding.application.confirm').where('result', '=', 'ok').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.detail)).toContain('kept');
    // a new offer is made with the account already on it (m18's department is the 市场监管局)
    await createUser(db, SYSTEM_ACTOR, { username: 'scj1', displayName: 'scj1', password: PASSWORD, role: 'official', departmentCode: 'scjgj' });
    const scj = await signIn(t.app, 'scj1', PASSWORD);
    expect((await call(t.app, scj, 'POST', '/api/funding/offers', { itemId: 'm18.high_value_share', year: 2026 })).json()).toMatchObject({ created: 1 });
    const later = ((await call(t.app, ent, 'GET', '/api/funding/applications?origin=proactive')).json().items as { id: number; itemId: string }[]).find((o) => o.itemId === 'm18.high_value_share')!;
    expect((await call(t.app, ent, 'GET', `/api/funding/applications/${later.id}`)).json().bankAccount).toEqual({ holder: BANK.holder, bank: BANK.bank, account: '****2345' });
    expect((await call(t.app, ent, 'POST', `/api/funding/applications/${later.id}/act`, { action: 'confirm' })).json()).toMatchObject({ state: 'approval' });
  });
});
