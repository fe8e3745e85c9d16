/**
 * GET /api/funding/budgets/overview: a year's item budgets per department (pools apart), the
 * ledger's payments per month (Asia/Shanghai), who sees what, and the year's validation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import type { Movement } from '../../src/funding/engine/ledger.js';
import { applyMovement } from '../../src/funding/ledger-repo.js';
import type { BudgetOverview } from '../../src/shared/funding.js';
import { createUser } from '../../src/users/service.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

const WAN = 1_000_000;
/** Payment needs the enterprise's bank account (stored as JSON, as applications.ts writes it). */
const BANK = JSON.stringify({ holder: '苏州甲科技有限公司', bank: '中国银行苏州分行', account: '6216610800012345' });
const MONTHS_2026 = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

interface Row {
  id: number;
  kind: 'item' | 'pool';
  departmentCode: string;
  fundedFen: number;
  availableFen: number;
  reservedFen: number;
  spentFen: number;
}

describe('the budget dashboard per department', { timeout: 300_000 }, () => {
  let t: TestApp;
  let admin: Session;
  let kjj: Session;
  let gxj: Session;
  let orgA: number;
  let officialId: number;
  const budgets: Record<string, number> = {};
  const overview = async (s: Session, query: string) => {
    const r = await call(t.app, s, 'GET', `/api/funding/budgets/overview${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as BudgetOverview;
  };
  const newBudget = async (s: Session, body: object) => {
    const r = await call(t.app, s, 'POST', '/api/funding/budgets', body);
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { id: number }).id;
  };
  /** An application straight in the database (the lifecycle is tested in funding.test.ts). */
  const newApplication = async (itemId: string, state: string, project: string) => {
    const evaluation = JSON.stringify({ status: 'eligible', amount: { min: 0, max: 1000 * WAN }, kind: 'ceiling', missing: [], failed: [], steps: [], explanation: '' });
    const r = await t.database.db
      .insertInto('applications')
      .values({ org_id: orgA, item_id: itemId, item_version: 1, year: 2026, origin: 'apply', state, project, facts: '{}', evaluation, engine_min_fen: 0, engine_max_fen: 1000 * WAN, bank_account: BANK })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  };
  /** A movement through the ledger's own function, dated `at` (an instant) when given. */
  const move = async (m: Movement, at?: string) => {
    const { movementId } = await t.database.db.transaction().execute((trx) => applyMovement(trx, m, officialId, '看板测试'));
    if (at) await t.database.db.updateTable('ledger_movements').set({ at }).where('id', '=', movementId).execute();
    return movementId;
  };

  beforeAll(async () => {
    t = await openTestApp();
    const fx = await seedFixture(t.database);
    orgA = fx.orgs.a;
    officialId = fx.users.official;
    await createUser(t.database.db, SYSTEM_ACTOR, { username: 'gxj1', displayName: 'gxj1', password: PASSWORD, role: 'official', departmentCode: 'gxj' });
    [admin, kjj, gxj] = (await Promise.all(['admin', 'official', 'gxj1'].map((u) => signIn(t.app, u, PASSWORD)))) as [Session, Session, Session];

    // 市科技局: two item budgets for 2026 (one drawing on a pool), one for 2027; 市工信局: one for 2026.
    budgets.pool = await newBudget(admin, { name: '科技创新资金池', kind: 'pool', yearFrom: 2026, yearTo: 2028, departmentCode: 'kjj', fundFen: 5000 * WAN });
    budgets.rd = await newBudget(kjj, { name: '新型研发机构 2026', kind: 'item', itemId: 'm6.new_rd_institute', year: 2026, fundFen: 800 * WAN });
    budgets.basic = await newBudget(kjj, { name: '基础研究 2026', kind: 'item', itemId: 'm3.basic_research', year: 2026, poolId: budgets.pool, fundFen: 300 * WAN });
    budgets.rd2027 = await newBudget(kjj, { name: '新型研发机构 2027', kind: 'item', itemId: 'm6.new_rd_institute', year: 2027, fundFen: 100 * WAN });
    budgets.equipment = await newBudget(gxj, { name: '首台套设备 2026', kind: 'item', itemId: 'm8.equipment', year: 2026, fundFen: 200 * WAN });

    // A payment through the API: approved (reserves), 公示 ended, paid with an idempotency key.
    const paidViaApi = await newApplication('m6.new_rd_institute', 'approval', '看板测试：经接口拨付');
    const act = (id: number, body: object) => call(t.app, kjj, 'POST', `/api/funding/applications/${id}/act`, body);
    expect((await act(paidViaApi, { action: 'approve', amountFen: 80 * WAN, reason: '按评审意见核定' })).json()).toMatchObject({ state: 'publicity' });
    await t.database.db.updateTable('applications').set({ publicity_to: '2020-01-01' }).where('id', '=', paidViaApi).execute();
    expect((await act(paidViaApi, { action: 'end_publicity' })).json()).toMatchObject({ state: 'payable' });
    expect((await act(paidViaApi, { action: 'pay', idempotencyKey: 'overview-pay-0001', amountFen: 80 * WAN })).json()).toMatchObject({ state: 'paid' });
    // 2026-01-01 00:00 in Shanghai is 2025-12-31 16:00 UTC: a January payment.
    await t.database.db.updateTable('ledger_movements').set({ at: '2025-12-31T16:00:00Z' }).where('application_id', '=', paidViaApi).where('kind', '=', 'pay').execute();

    // On the pool's budget: paid on 1 April (Shanghai; still 31 March in UTC), partly reversed on 30 June at 23:59:59.
    const pooled = await newApplication('m3.basic_research', 'payable', '看板测试：资金池预算');
    await move({ kind: 'reserve', budgetId: budgets.basic, applicationId: pooled, amountFen: 50 * WAN });
    await move({ kind: 'pay', budgetId: budgets.basic, applicationId: pooled, amountFen: 50 * WAN }, '2026-03-31T16:30:00Z');
    await move({ kind: 'reverse', budgetId: budgets.basic, applicationId: pooled, amountFen: 20 * WAN }, '2026-06-30T15:59:59Z');

    // Paid one second before 2026 began in Shanghai: December 2025, out of 2026's months.
    const early = await newApplication('m6.new_rd_institute', 'payable', '看板测试：年前拨付');
    await move({ kind: 'reserve', budgetId: budgets.rd, applicationId: early, amountFen: 10 * WAN });
    await move({ kind: 'pay', budgetId: budgets.rd, applicationId: early, amountFen: 10 * WAN }, '2025-12-31T15:59:59Z');

    // 市工信局: reserved, not paid.
    const held = await newApplication('m8.equipment', 'publicity', '看板测试：预留');
    await move({ kind: 'reserve', budgetId: budgets.equipment, applicationId: held, amountFen: 30 * WAN });
  });
  afterAll(async () => t?.close());

  it('sums each department’s item budgets of the year to their balances; pools are listed apart, not added in', async () => {
    const all = (await call(t.app, admin, 'GET', '/api/funding/budgets?year=2026')).json().budgets as Row[];
    const o = await overview(admin, '?year=2026');
    expect(o.year).toBe(2026);
    expect(o.departmentCode).toBeNull();
    expect(o.departments.map((d) => d.departmentCode)).toEqual(['gxj', 'kjj']);
    for (const d of o.departments) {
      const mine = all.filter((b) => b.kind === 'item' && b.departmentCode === d.departmentCode);
      const sum = (k: keyof Row) => mine.reduce((s, b) => s + (b[k] as number), 0);
      expect(d, d.departmentCode).toMatchObject({ budgets: mine.length, fundedFen: sum('fundedFen'), availableFen: sum('availableFen'), reservedFen: sum('reservedFen'), spentFen: sum('spentFen') });
      expect(d.availableFen + d.reservedFen + d.spentFen).toBe(d.fundedFen);
    }
    // 市科技局 2026: 800万 + 300万 (the 2027 budget and the 5000万 pool left out)
    expect(o.departments.find((d) => d.departmentCode === 'kjj')).toMatchObject({ budgets: 2, fundedFen: 1100 * WAN, availableFen: (1100 - 80 - 10 - 30) * WAN, reservedFen: 0, spentFen: (80 + 10 + 30) * WAN });
    expect(o.departments.find((d) => d.departmentCode === 'gxj')).toMatchObject({ budgets: 1, fundedFen: 200 * WAN, availableFen: 170 * WAN, reservedFen: 30 * WAN, spentFen: 0 });
    expect(o.totals).toMatchObject({ budgets: 3, fundedFen: 1300 * WAN, reservedFen: 30 * WAN, spentFen: 120 * WAN });

    const pool = all.find((b) => b.id === budgets.pool)!;
    expect(o.pools).toEqual([{ id: budgets.pool, name: '科技创新资金池', departmentCode: 'kjj', years: { from: 2026, to: 2028 }, fundedFen: pool.fundedFen, availableFen: pool.availableFen, reservedFen: pool.reservedFen, spentFen: pool.spentFen }]);
    // the pool mirrors its budget's payment and reversal: 30万 spent, but not counted a second time above
    expect(o.pools[0]).toMatchObject({ fundedFen: 5000 * WAN, spentFen: 30 * WAN });
    expect((await call(t.app, admin, 'GET', '/api/funding/ledger/reconcile')).json()).toMatchObject({ ok: true });
  });

  it('puts payments net of reversals in their month in Shanghai time, twelve months with zeros', async () => {
    const o = await overview(admin, '?year=2026');
    const kjjRow = o.departments.find((d) => d.departmentCode === 'kjj')!;
    expect(kjjRow.months.map((m) => m.month)).toEqual(MONTHS_2026);
    const paid = Object.fromEntries(kjjRow.months.map((m) => [m.month, m.paidFen]));
    expect(paid).toEqual({ ...Object.fromEntries(MONTHS_2026.map((m) => [m, 0])), '2026-01': 80 * WAN, '2026-04': 50 * WAN, '2026-06': -20 * WAN });
    expect(o.departments.find((d) => d.departmentCode === 'gxj')!.months.every((m) => m.paidFen === 0)).toBe(true);
    expect(o.totals.months).toEqual(kjjRow.months);

    // The payment made a second before 2026 in Shanghai belongs to December 2025 (cash out in that
    // calendar year, though it drew on a 2026 budget).
    const y2025 = await overview(admin, '?year=2025');
    expect(y2025.departments).toEqual([expect.objectContaining({ departmentCode: 'kjj', budgets: 0, fundedFen: 0 })]);
    expect(y2025.departments[0]!.months.filter((m) => m.paidFen !== 0)).toEqual([{ month: '2025-12', paidFen: 10 * WAN }]);
  });

  it('an official sees only his department (a departmentCode of another is ignored); an administrator may pick one', async () => {
    for (const q of ['?year=2026', '?year=2026&departmentCode=gxj']) {
      const o = await overview(kjj, q);
      expect(o.departmentCode).toBe('kjj');
      expect(o.departments.map((d) => d.departmentCode)).toEqual(['kjj']);
      expect(o.pools.map((p) => p.id)).toEqual([budgets.pool]);
    }
    const g = await overview(gxj, '?year=2026');
    expect(g.departments.map((d) => d.departmentCode)).toEqual(['gxj']);
    expect(g.totals).toMatchObject({ budgets: 1, fundedFen: 200 * WAN });
    expect(g.pools).toEqual([]);

    const picked = await overview(admin, '?year=2026&departmentCode=gxj');
    expect(picked.departmentCode).toBe('gxj');
    expect(picked.departments.map((d) => d.departmentCode)).toEqual(['gxj']);
    expect(picked.pools).toEqual([]);
    const unknown = await call(t.app, admin, 'GET', '/api/funding/budgets/overview?year=2026&departmentCode=nope');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ field: 'departmentCode', message: '部门“nope”不存在' });
  });

  it('a year without budgets gives zeros, not errors', async () => {
    const zeros = MONTHS_2026.map((m) => ({ month: m.replace('2026', '2030'), paidFen: 0 }));
    const o = await overview(admin, '?year=2030');
    expect(o).toEqual({ year: 2030, departmentCode: null, departments: [], totals: { budgets: 0, fundedFen: 0, availableFen: 0, reservedFen: 0, spentFen: 0, months: zeros }, pools: [] });
    // an official's own department shows, with zeros
    const mine = await overview(kjj, '?year=2030');
    expect(mine.departments).toEqual([{ departmentCode: 'kjj', budgets: 0, fundedFen: 0, availableFen: 0, reservedFen: 0, spentFen: 0, months: zeros }]);
  });

  it('refuses a bad or missing year with 400 naming `year`, in Chinese', async () => {
    for (const [query, message] of [
      ['', '请填写年度（如 2026）'],
      ['?year=', '年度应为 4 位数字，如 2026'],
      ['?year=abc', '年度应为 4 位数字，如 2026'],
      ['?year=2026.5', '年度应为 4 位数字，如 2026'],
      ['?year=1999', '年度不能早于 2020 年'],
      ['?year=2101', '年度不能晚于 2100 年'],
    ] as const) {
      const r = await call(t.app, admin, 'GET', `/api/funding/budgets/overview${query}`);
      expect(r.statusCode, query).toBe(400);
      expect(r.json().error.field, query).toBe('year');
      expect(r.json().error.message, query).toContain(message);
    }
  });
});
