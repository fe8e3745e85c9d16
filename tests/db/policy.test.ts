import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';
import { proposeAndApprove } from '../helpers/policy.js';

const WAN = 1_000_000;
type Result = { itemId: string; status: string; amount: { min: number; max: number } | null; kind: string | null; missing: { fact: string }[]; explanation: string };

describe('policy calculator API', { timeout: 120_000 }, () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  let admin: Session;
  let admin2: Session;
  let ent: Session;
  beforeAll(async () => {
    t = await openTestApp();
    fx = await seedFixture(t.database);
    admin = await signIn(t.app, 'admin', PASSWORD);
    admin2 = await signIn(t.app, 'admin2', PASSWORD);
    ent = await signIn(t.app, 'enterprise', PASSWORD);
    await call(t.app, admin, 'PUT', `/api/orgs/${fx.orgs.a}/figures/2025`, {
      revenue: 80_000 * WAN, rdExpense: 4_000 * WAN, rdExpenseDomestic: 3_900 * WAN, staff: 400, rdStaff: 90, hightechRevenue: 60_000 * WAN, netAssets: 30_000 * WAN,
      patentsInvention: 40, patentsUtility: 80, patentsDesign: 3, softwareCopyrights: 12, patentsHighValue: 16, techContractIncome: 0, equityFinancing: 0,
    });
    expect((await call(t.app, admin, 'POST', `/api/orgs/${fx.orgs.a}/qualifications`, { typeCode: 'ip_advantage', level: 'municipal', validFrom: '2024-01-01' })).statusCode).toBe(200);
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
    const missing = await call(t.app, admin, 'POST', '/api/policy/evaluate', { orgId: 999_999 });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.field).toBe('orgId');
    // An institution is evaluated too (items for enterprises come out as not applying to it).
    expect((await call(t.app, admin, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.uni })).statusCode).toBe(200);
  });

  it('lists the encoded items with their clauses and parameters', async () => {
    const items = (await t.app.inject({ method: 'GET', url: '/api/policy/items' })).json().items as { id: string; parameters: { name: string; clause: string }[] }[];
    expect(items.map((i) => i.id)).toContain('m8.equipment');
    expect(items.find((i) => i.id === 'm8.equipment')!.parameters.find((p) => p.name === 'rate')!.clause).toBe('按照设备投资额5%给予奖励');
  });

  it('stores built-in items as versions, and results name the version they used', async () => {
    const items = (await t.app.inject({ method: 'GET', url: '/api/policy/items' })).json().items as { id: string; version: number; contentHash: string; origin: string }[];
    const m8 = items.find((i) => i.id === 'm8.equipment')!;
    expect(m8).toMatchObject({ version: 1, origin: 'builtin' });
    expect(m8.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const r = await call(t.app, ent, 'POST', '/api/policy/evaluate', { facts: { equipmentInvestment: 6000 * WAN, isManufacturing: true } });
    expect(byId(r.json().results, 'm8.equipment')).toMatchObject({ version: 1, contentHash: m8.contentHash });
  });

  it('an administrator changes a parameter as a new version that applies once a second administrator approves it, without a restart', async () => {
    const v1 = (await t.app.inject({ method: 'GET', url: '/api/policy/items/m8.equipment/versions' })).json().versions[0].document as Record<string, unknown> & { parameters: Record<string, { value: string }> };
    const doc = structuredClone(v1);
    doc.parameters.rate!.value = '6%';
    const saved = await proposeAndApprove(t.app, admin, admin2, doc, '测试：比例 5% → 6%');
    expect(saved).toMatchObject({ id: 'm8.equipment', version: 2, created: true, proposal: { status: 'approved' } });
    // the same content again is refused: nothing to approve
    const again = await call(t.app, admin, 'POST', '/api/policy/items', { document: doc });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('第 2 版相同');
    const r = await call(t.app, ent, 'POST', '/api/policy/evaluate', { facts: { equipmentInvestment: 6000 * WAN, isManufacturing: true } });
    expect(byId(r.json().results, 'm8.equipment')).toMatchObject({ version: 2, amount: { min: 360 * WAN, max: 360 * WAN } });
    // version 1 is unchanged
    const versions = (await t.app.inject({ method: 'GET', url: '/api/policy/items/m8.equipment/versions' })).json().versions as { version: number; proposedBy: string | null; approvedBy: string | null; document: { parameters: { rate: { value: string } } } }[];
    expect(versions.map((v) => [v.version, v.document.parameters.rate.value, v.proposedBy, v.approvedBy])).toEqual([[2, '6%', 'admin', 'admin2'], [1, '5%', null, null]]);
    // and the built-in sync does not overwrite an administrator's version
    const { syncBuiltinItems } = await import('../../src/policy/service.js');
    await syncBuiltinItems(t.database.db);
    expect(((await t.app.inject({ method: 'GET', url: '/api/policy/items/m8.equipment/versions' })).json().versions as unknown[]).length).toBe(2);
  });

  it('refuses a malformed or unfounded rule document with the path of the bad field', async () => {
    const bad = await call(t.app, admin, 'POST', '/api/policy/items', { document: { id: 'm8.x', measure: 8 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.length).toBeGreaterThan(3);
    const v1 = (await t.app.inject({ method: 'GET', url: '/api/policy/items/m13.insurance/versions' })).json().versions[0].document as Record<string, unknown>;
    const invented = await call(t.app, admin, 'POST', '/api/policy/items', { document: { ...v1, clause: '对企业投保费用给予80%补助' } });
    expect(invented.json().error.field).toBe('clause');
    const badDept = await call(t.app, admin, 'POST', '/api/policy/items', { document: { ...v1, departments: ['nope'] } });
    expect(badDept.json().error.field).toBe('departments[0]');
    const wrongFact = await call(t.app, admin, 'POST', '/api/policy/items', { document: { ...v1, amount: { rate: '50%', of: 'staff' } } });
    expect(wrongFact.json().error.field).toBe('amount.of');
    expect((await call(t.app, ent, 'POST', '/api/policy/items', { document: v1 })).statusCode).toBe(403);
  });

  it('checks a document without saving it, naming the bad field, and audits refused saves', async () => {
    const v1 = (await t.app.inject({ method: 'GET', url: '/api/policy/items/m19.offshore_build/versions' })).json().versions[0].document as Record<string, unknown> & { parameters: Record<string, { clause: string }> };
    const ok = await call(t.app, admin, 'POST', '/api/policy/items/check', { document: v1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().item).toMatchObject({ id: 'm19.offshore_build', channel: 'application', facts: ['offshoreCenterBuilt'] });
    const doc = structuredClone(v1);
    doc.parameters.max!.clause = '给予最高900万元支持';
    const bad = await call(t.app, admin, 'POST', '/api/policy/items/check', { document: doc });
    expect(bad.json().error.field).toBe('parameters.max.clause');
    expect(((await t.app.inject({ method: 'GET', url: '/api/policy/items/m19.offshore_build/versions' })).json().versions as unknown[]).length).toBe(1);
    await call(t.app, admin, 'POST', '/api/policy/items', { document: doc });
    const last = await t.database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'policy.item.propose', object_id: 'm19.offshore_build', result: 'error' });
  });

  it('lists what the platform does for every measure, including those without an amount', async () => {
    const m = (await t.app.inject({ method: 'GET', url: '/api/policy/coverage' })).json().measures as { measure: number; noAmount: boolean }[];
    expect(m).toHaveLength(19);
    expect(m.filter((x) => x.noAmount).map((x) => x.measure)).toEqual([2, 11, 15, 16, 17]);
    const items = (await t.app.inject({ method: 'GET', url: '/api/policy/items' })).json().items as { id: string; channel: string }[];
    expect(items.find((i) => i.id === 'm6.rd_input')!.channel).toBe('no_application');
  });
});
