import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

const WAN = 1_000_000;
const FIGS = {
  revenue: 80_000 * WAN, rdExpense: 4_000 * WAN, rdExpenseDomestic: 3_900 * WAN, staff: 400, rdStaff: 90, hightechRevenue: 60_000 * WAN, netAssets: 30_000 * WAN,
  patentsInvention: 40, patentsUtility: 80, patentsDesign: 3, softwareCopyrights: 12, patentsHighValue: 14, techContractIncome: 0, equityFinancing: 0,
};
type Total = { itemId: string; eligible: number; ceilingFen: number; entitlementFen: number; expectedFen: number; expectedBasis: string; expectedNote: string; historyCount: number; historyMeanFen: number | null };

describe('免申即享: 预计金额 beside the ceiling', { timeout: 120_000 }, () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  let official: Session;
  beforeAll(async () => {
    t = await openTestApp();
    fx = await seedFixture(t.database);
    const admin = await signIn(t.app, 'admin', PASSWORD);
    official = await signIn(t.app, 'official', PASSWORD);
    for (const org of [fx.orgs.a, fx.orgs.b]) {
      expect((await call(t.app, admin, 'PUT', `/api/orgs/${org}/figures/2025`, FIGS)).statusCode).toBe(200);
      expect((await call(t.app, official, 'POST', `/api/orgs/${org}/figures/2025/verify`)).statusCode).toBe(200);
      expect((await call(t.app, admin, 'POST', `/api/orgs/${org}/qualifications`, { typeCode: 'ip_advantage', level: 'municipal', validFrom: '2024-01-01' })).statusCode).toBe(200);
    }
  });
  afterAll(async () => t?.close());

  async function runTotals(): Promise<Total[]> {
    const started = await call(t.app, official, 'POST', '/api/policy/runs');
    expect(started.statusCode).toBe(202);
    const id = started.json().id as number;
    for (;;) {
      const r = (await call(t.app, official, 'GET', `/api/policy/runs/${id}`)).json() as { status: string; totals: Total[] };
      if (r.status !== 'running') return r.totals;
      await new Promise((res) => setTimeout(res, 50));
    }
  }

  it('a "最高" item with no approvals yet is expected at its ceiling, and says so', async () => {
    const totals = await runTotals();
    const m18 = totals.find((x) => x.itemId === 'm18.high_value_share')!;
    expect(m18).toMatchObject({ eligible: 2, ceilingFen: 500 * WAN, expectedFen: 500 * WAN, expectedBasis: 'ceiling', expectedNote: '无历史数据，按上限计', historyCount: 0, historyMeanFen: null });
  });

  it('with past approvals, the mean of the approved amounts (only approved states count)', async () => {
    const base = { item_version: 1, year: 2025, origin: 'apply' as const, facts: '{}', evaluation: '{}', partners: '[]' };
    await t.database.db
      .insertInto('applications')
      .values([
        { ...base, org_id: fx.orgs.b, item_id: 'm18.high_value_share', state: 'paid', approved_fen: 100 * WAN },
        { ...base, org_id: fx.orgs.b, item_id: 'm18.high_value_share', state: 'closed', approved_fen: 51 * WAN },
        // not approved: does not count
        { ...base, org_id: fx.orgs.b, item_id: 'm18.high_value_share', state: 'rejected', approved_fen: 250 * WAN },
      ])
      .execute();
    const totals = await runTotals();
    const m18 = totals.find((x) => x.itemId === 'm18.high_value_share')!;
    // b was granted the once-only item, so only a is eligible: mean (100万 + 51万) / 2 = 75.5万
    expect(m18).toMatchObject({ eligible: 1, ceilingFen: 250 * WAN, expectedBasis: 'history', historyCount: 2, historyMeanFen: 75.5 * WAN, expectedFen: 75.5 * WAN });
    expect(m18.expectedNote).toContain('2 笔');
  });
});
