import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

const WAN = 1_000_000;
type Result = { itemId: string; status: string; amount: { min: number; max: number } | null; kind: string | null; missing: { fact: string }[]; explanation: string };

describe('policy calculator API', { timeout: 120_000 }, () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  let admin: Session;
  let ent: Session;
  beforeAll(async () => {
    t = await openTestApp();
    fx = await seedFixture(t.database);
    admin = await signIn(t.app, 'admin', PASSWORD);
    ent = await signIn(t.app, 'enterprise', PASSWORD);
    await call(t.app, admin, 'PUT', `/api/orgs/${fx.orgs.a}/figures/2025`, {
      revenue: 80_000 * WAN, rdExpense: 4_000 * WAN, rdExpenseDomestic: 3_900 * WAN, staff: 400, rdStaff: 90, hightechRevenue: 60_000 * WAN, netAssets: 30_000 * WAN,
      patentsInvention: 40, patentsUtility: 80, patentsDesign: 3, softwareCopyrights: 12, patentsHighValue: 16, techContractIncome: 0, equityFinancing: 0,
    });
  });
  afterAll(async () => t?.close());

  const byId = (results: Result[], id: string) => results.find((r) => r.itemId === id)!;

  it('fills facts from the enterprise’s records and lets declared facts complete them', async () => {
    const r = await call(t.app, ent, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.a, facts: { equipmentInvestment: 6000 * WAN } });
    expect(r.statusCode).toBe(200);
    const results = r.json().results as Result[];
    // industry 39 is in section C: a manufacturer; 6,000万 × 5% = 300万
    expect(byId(results, 'm8.equipment')).toMatchObject({ status: 'eligible', kind: 'entitlement', amount: { min: 300 * WAN, max: 300 * WAN } });
    expect(byId(results, 'm8.equipment').explanation).toContain('平台计算');
    // 16 / 40 = 40% ≥ 35%: up to 250万, from the platform's patent counts
    expect(byId(results, 'm18.high_value_share')).toMatchObject({ status: 'eligible', kind: 'ceiling', amount: { min: 0, max: 250 * WAN } });
    expect(byId(results, 'm18.high_value_share').explanation).toContain('2025 年度数据');
    // nothing declared for measure 9
    expect(byId(results, 'm9.challenge')).toMatchObject({ status: 'needs_input', missing: [{ fact: 'challengeContractAmount' }] });
  });

  it('evaluates declared facts alone, without an enterprise', async () => {
    const r = await call(t.app, ent, 'POST', '/api/policy/evaluate', { facts: { insurancePremium: 12345 } });
    expect(byId(r.json().results, 'm13.insurance').amount).toEqual({ min: 6172, max: 6172 });
  });

  it('refuses another enterprise’s records, and audits the attempt', async () => {
    const r = await call(t.app, ent, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.b });
    expect(r.statusCode).toBe(403);
    const last = await t.database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'policy.evaluate', result: 'denied', object_id: String(fx.orgs.b) });
  });

  it('names a bad fact in the error', async () => {
    const unknown = await call(t.app, ent, 'POST', '/api/policy/evaluate', { facts: { equipmentInvestmnet: 1 } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('facts.equipmentInvestmnet');
    const float = await call(t.app, ent, 'POST', '/api/policy/evaluate', { facts: { equipmentInvestment: 1.5 } });
    expect(float.json().error).toMatchObject({ field: 'facts.equipmentInvestment' });
    const notEnterprise = await call(t.app, admin, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.uni });
    expect(notEnterprise.json().error.field).toBe('orgId');
  });

  it('lists the encoded items with their clauses and parameters', async () => {
    const items = (await t.app.inject({ method: 'GET', url: '/api/policy/items' })).json().items as { id: string; parameters: { name: string; clause: string }[] }[];
    expect(items.map((i) => i.id)).toContain('m8.equipment');
    expect(items.find((i) => i.id === 'm8.equipment')!.parameters.find((p) => p.name === 'rate')!.clause).toBe('按照设备投资额5%给予奖励');
  });
});
