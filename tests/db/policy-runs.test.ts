import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRun, executeRun } from '../../src/policy/runs.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

const WAN = 1_000_000;
const FIGS = {
  revenue: 80_000 * WAN, rdExpense: 4_000 * WAN, rdExpenseDomestic: 3_900 * WAN, staff: 400, rdStaff: 90, hightechRevenue: 60_000 * WAN, netAssets: 30_000 * WAN,
  patentsInvention: 40, patentsUtility: 80, patentsDesign: 3, softwareCopyrights: 12, patentsHighValue: 14, techContractIncome: 0, equityFinancing: 0,
};
type Run = { id: number; status: string; phase: string; total: number; done: number; items: { id: string; version: number }[]; totals: { itemId: string; eligible: number; needsInput: number; entitlementFen: number; ceilingFen: number }[] };

describe('免申即享 runs, benefits and what-if', { timeout: 120_000 }, () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  let admin: Session;
  let official: Session;
  let ent: Session;
  beforeAll(async () => {
    t = await openTestApp();
    fx = await seedFixture(t.database);
    admin = await signIn(t.app, 'admin', PASSWORD);
    official = await signIn(t.app, 'official', PASSWORD);
    ent = await signIn(t.app, 'enterprise', PASSWORD);
    // a: 14/40 = 35% high-value share (≥ 35%), R&D > 0. b: 13/40 = 32.5%, no R&D.
    expect((await call(t.app, admin, 'PUT', `/api/orgs/${fx.orgs.a}/figures/2025`, FIGS)).statusCode).toBe(200);
    expect((await call(t.app, admin, 'PUT', `/api/orgs/${fx.orgs.b}/figures/2025`, { ...FIGS, rdExpense: 0, rdExpenseDomestic: 0, patentsHighValue: 13 })).statusCode).toBe(200);
    for (const org of [fx.orgs.a, fx.orgs.b]) {
      // 免申即享 relies only on verified (or imported) figures
      expect((await call(t.app, official, 'POST', `/api/orgs/${org}/figures/2025/verify`)).statusCode).toBe(200);
      expect((await call(t.app, admin, 'POST', `/api/orgs/${org}/qualifications`, { typeCode: 'ip_advantage', level: 'municipal', validFrom: '2024-01-01' })).statusCode).toBe(200);
    }
  });
  afterAll(async () => t?.close());

  async function runToEnd(s: Session): Promise<Run> {
    const started = await call(t.app, s, 'POST', '/api/policy/runs');
    expect(started.statusCode).toBe(202);
    const id = started.json().id as number;
    for (;;) {
      const r = (await call(t.app, s, 'GET', `/api/policy/runs/${id}`)).json() as Run;
      if (r.status !== 'running') return r;
      await new Promise((res) => setTimeout(res, 50));
    }
  }
  const total = (run: Run, id: string) => run.totals.find((x) => x.itemId === id)!;

  it('an official runs every enterprise against every item; the run names the versions and shows totals per item', async () => {
    const run = await runToEnd(official);
    expect(run).toMatchObject({ status: 'done', phase: 'done', total: 2, done: 2 });
    expect(run.items.find((i) => i.id === 'm8.equipment')).toMatchObject({ version: 1 });
    expect(total(run, 'm6.rd_input')).toMatchObject({ eligible: 1, ceilingFen: 200 * WAN, entitlementFen: 0 });
    expect(total(run, 'm18.high_value_share')).toMatchObject({ eligible: 1, ceilingFen: 250 * WAN });
    // both manufacturers (industry 39) lack the declared equipment investment
    expect(total(run, 'm8.equipment')).toMatchObject({ eligible: 0, needsInput: 2 });
  });

  it('an enterprise sees what it can receive without applying, and what it could after supplying named facts', async () => {
    const r = await call(t.app, ent, 'GET', `/api/policy/benefits/${fx.orgs.a}`);
    expect(r.statusCode).toBe(200);
    const body = r.json() as { run: { id: number }; benefits: { itemId: string; status: string; channel: string; amount: { max: number } | null; missing: { fact: string; label: string }[] }[]; ceilingFen: number };
    const by = (id: string) => body.benefits.find((b) => b.itemId === id)!;
    expect(by('m6.rd_input')).toMatchObject({ status: 'eligible', channel: 'no_application', amount: { min: 0, max: 200 * WAN } });
    expect(by('m18.high_value_share')).toMatchObject({ status: 'eligible', amount: { max: 250 * WAN } });
    expect(by('m8.equipment')).toMatchObject({ status: 'needs_input', channel: 'application', missing: [{ fact: 'equipmentInvestment', label: '设备投资额' }] });
    expect(body.ceilingFen).toBe(450 * WAN);
    // another enterprise's results are not shown to it
    expect((await call(t.app, ent, 'GET', `/api/policy/benefits/${fx.orgs.b}`)).statusCode).toBe(403);
  });

  it('a department lists the eligible enterprises only for its own items; the administrator for all', async () => {
    const runs = (await call(t.app, official, 'GET', '/api/policy/runs')).json().runs as Run[];
    const id = runs[0]!.id;
    // official is 市科技局 (kjj): m6.rd_input is kjj's
    const list = await call(t.app, official, 'GET', `/api/policy/runs/${id}/items/m6.rd_input/enterprises`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ orgId: fx.orgs.a, amount: { max: 200 * WAN } }] });
    // m18 belongs to 市市监局
    expect((await call(t.app, official, 'GET', `/api/policy/runs/${id}/items/m18.high_value_share/enterprises`)).statusCode).toBe(403);
    expect((await call(t.app, admin, 'GET', `/api/policy/runs/${id}/items/m18.high_value_share/enterprises`)).json().total).toBe(1);
    expect((await call(t.app, ent, 'GET', `/api/policy/runs/${id}`)).statusCode).toBe(403);
  });

  it('can be repeated after the data change; the newest finished run is the one shown', async () => {
    await call(t.app, admin, 'PUT', `/api/orgs/${fx.orgs.b}/figures/2025`, { ...FIGS, patentsHighValue: 20 });
    expect((await call(t.app, official, 'POST', `/api/orgs/${fx.orgs.b}/figures/2025/verify`)).statusCode).toBe(200);
    const run = await runToEnd(admin);
    expect(total(run, 'm6.rd_input').eligible).toBe(2);
    expect(total(run, 'm18.high_value_share').eligible).toBe(2);
    const b = (await call(t.app, admin, 'GET', `/api/policy/benefits/${fx.orgs.b}`)).json();
    expect(b.run.id).toBe(run.id);
    expect(b.benefits.find((x: { itemId: string }) => x.itemId === 'm18.high_value_share').status).toBe('eligible');
  });

  it('one run at a time', async () => {
    const actor = { userId: null, label: 'test', ip: null };
    const id = await createRun(t.database.db, actor);
    const second = await call(t.app, official, 'POST', '/api/policy/runs');
    expect(second.statusCode).toBe(409);
    await executeRun(t.database.db, actor, id);
    expect((await call(t.app, official, 'GET', `/api/policy/runs/${id}`)).json().status).toBe('done');
  });

  it('what-if: an edited parameter changes eligible enterprises and totals per item and department, and nothing is saved', async () => {
    await call(t.app, admin, 'PUT', `/api/orgs/${fx.orgs.b}/figures/2025`, { ...FIGS, patentsHighValue: 13 });
    expect((await call(t.app, official, 'POST', `/api/orgs/${fx.orgs.b}/figures/2025/verify`)).statusCode).toBe(200);
    const r = await call(t.app, official, 'POST', '/api/policy/whatif', { itemId: 'm18.high_value_share', parameters: { share: '30%', max: '300万' } });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ enterprises: 2, changedEnterprises: 2 });
    expect(body.items).toEqual([expect.objectContaining({ itemId: 'm18.high_value_share', before: { eligible: 1, entitlementFen: 0, ceilingFen: 250 * WAN }, after: { eligible: 2, entitlementFen: 0, ceilingFen: 600 * WAN } })]);
    expect(body.departments).toEqual([{ code: 'scjgj', before: expect.objectContaining({ eligible: 1 }), after: expect.objectContaining({ eligible: 2 }) }]);
    const versions = (await t.app.inject({ method: 'GET', url: '/api/policy/items/m18.high_value_share/versions' })).json().versions;
    expect(versions).toHaveLength(1);
    // a bad value is refused with the field
    const bad = await call(t.app, official, 'POST', '/api/policy/whatif', { itemId: 'm18.high_value_share', parameters: { share: '三成' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toMatch(/parameters/);
    expect((await call(t.app, official, 'POST', '/api/policy/whatif', { itemId: 'm18.high_value_share', parameters: { nope: '1%' } })).json().error.field).toBe('parameters.nope');
  });
});
