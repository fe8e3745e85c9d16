import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFundingDemo } from '../../src/funding/demo.js';
import { budgetPlan } from '../../src/funding/engine/budget-plan.js';
import { itemsInForce } from '../../src/policy/service.js';
import { suzhouDay } from '../../src/funding/applications.js';
import { seedMarketDemo } from '../../src/market/demo.js';
import { seedDemo } from '../../src/orgs/demo.js';
import { call, openTestApp, signIn, type Session, type TestApp } from '../helpers/app.js';

const PASSWORD = 'Demo@2026';
const WAN = 1_000_000;

/** The demo city's money, as `npm start` seeds it: every step through the real rules, then finished by hand over the API. */
describe('demo: a 科技局 budget and two applications', { timeout: 300_000 }, () => {
  let t: TestApp;
  let waiting: { id: number; state: string; approvals: unknown[] };
  let ended: { id: number; state: string; publicity: { from: string; to: string } };
  let current: { id: number; state: string; publicity: { from: string; to: string } };
  const actor = { userId: null, label: 'system:demo-seed', ip: null };

  beforeAll(async () => {
    t = await openTestApp();
    await seedDemo(t.database.db, { enterprises: 40, seed: 20261130, password: PASSWORD });
    await seedMarketDemo(t.database.db, actor);
    expect(await seedFundingDemo(t.database.db, actor, t.config)).toEqual({ budgets: (await itemsInForce(t.database.db)).length, applications: 3 });
    const official = await signIn(t.app, 'official', PASSWORD);
    const list = (await call(t.app, official, 'GET', '/api/funding/applications?pageSize=50')).json() as { items: Array<{ id: number; state: string; project: string }> };
    const byProject = (words: string) => list.items.find((a) => a.project.includes(words))!.id;
    waiting = (await call(t.app, official, 'GET', `/api/funding/applications/${byProject('集成电路')}`)).json();
    ended = (await call(t.app, official, 'GET', `/api/funding/applications/${byProject('光电材料')}`)).json();
    current = (await call(t.app, official, 'GET', `/api/funding/applications/${byProject('智能装备')}`)).json();
  });
  afterAll(async () => t?.close());

  it('one is under 公示 now, on the public list', async () => {
    expect(current.state).toBe('publicity');
    expect(current.publicity.to >= suzhouDay()).toBe(true);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/funding/publicity' })).json().items as Array<{ id: number; approvedFen: number }>;
    expect(listed).toEqual([expect.objectContaining({ id: current.id, approvedFen: 80 * WAN })]);
  });

  it('one waits for its second approver; who signed the pre-review or approved once is refused', async () => {
    expect(waiting.state).toBe('approval');
    const [official, approver, approver2] = await Promise.all(['official', 'approver', 'approver2'].map((u) => signIn(t.app, u, PASSWORD))) as [Session, Session, Session];
    const body = { action: 'approve', amountFen: 150 * WAN, reason: '按专家评审意见核定运营经费' };
    expect((await call(t.app, official, 'POST', `/api/funding/applications/${waiting.id}/act`, body)).json().error.message).toContain('参与初审或评审的人员不能审批');
    expect((await call(t.app, approver, 'POST', `/api/funding/applications/${waiting.id}/act`, body)).json().error.message).toContain('同一人不能两次审批');
    const done = await call(t.app, approver2, 'POST', `/api/funding/applications/${waiting.id}/act`, body);
    expect(done.json()).toMatchObject({ state: 'publicity' });

    // 公示 is public: no sign-in needed to read it, and nothing private in it.
    const list = await t.app.inject({ method: 'GET', url: '/api/funding/publicity' });
    expect(list.statusCode).toBe(200);
    const row = (list.json().items as Array<Record<string, unknown>>).find((a) => a.id === waiting.id);
    expect(row).toMatchObject({ itemId: 'm7.consortium', itemTitle: '创新联合体运营经费', approvedFen: 150 * WAN, departments: ['kjj'], objections: 0 });
    expect(String(row!.project)).toContain('集成电路创新联合体');
    expect(JSON.stringify(list.json())).not.toMatch(/bank|account|6216/i);
    // Anyone signed in objects while it runs — here the university's user, who cannot otherwise read the application
    // (institutions apply for their own items: another organisation's application is not found for them).
    const uni = await signIn(t.app, 'institution', PASSWORD);
    expect((await call(t.app, uni, 'GET', `/api/funding/applications/${waiting.id}`)).statusCode).toBe(404);
    const short = await call(t.app, uni, 'POST', `/api/funding/applications/${waiting.id}/act`, { action: 'object', text: '不对' });
    expect(short.json().error.field).toBe('text');
    expect((await call(t.app, uni, 'POST', `/api/funding/applications/${waiting.id}/act`, { action: 'object', text: '牵头企业并非实体化联合体，请核实' })).statusCode).toBe(200);
    const after = (await t.app.inject({ method: 'GET', url: `/api/funding/publicity?departmentCode=kjj` })).json().items as Array<{ id: number; objections: number }>;
    expect(after.find((a) => a.id === waiting.id)!.objections).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/funding/publicity?departmentCode=gxj' })).json().total).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/funding/publicity?itemId=m0.none' })).json().error.field).toBe('itemId');
  });

  it('the other’s 公示 ended before today: the official ends it and pays, once', async () => {
    expect(ended.state).toBe('publicity');
    expect(ended.publicity.to < suzhouDay()).toBe(true);
    const official = await signIn(t.app, 'official', PASSWORD);
    const act = (body: object) => call(t.app, official, 'POST', `/api/funding/applications/${ended.id}/act`, body);
    // Off the public list, and too late for an objection.
    const listed = (await t.app.inject({ method: 'GET', url: '/api/funding/publicity' })).json().items as Array<{ id: number }>;
    expect(listed.map((a) => a.id)).not.toContain(ended.id);
    const late = await call(t.app, await signIn(t.app, 'institution', PASSWORD), 'POST', `/api/funding/applications/${ended.id}/act`, { action: 'object', text: '该联合体的成员单位与申报材料不符' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe(`公示已于 ${ended.publicity.to} 期满，不再受理异议`);
    expect((await act({ action: 'end_publicity' })).json()).toMatchObject({ state: 'payable' });
    const pay = { action: 'pay', idempotencyKey: `demo-pay-${ended.id}`, amountFen: 120 * WAN };
    expect((await act(pay)).json()).toMatchObject({ state: 'paid' });
    expect((await act(pay)).statusCode).toBe(200);
    const admin = await signIn(t.app, 'admin', PASSWORD);
    const report = (await call(t.app, admin, 'GET', '/api/funding/ledger/reconcile')).json();
    expect(report).toMatchObject({ ok: true });
    const budgets = (await call(t.app, official, 'GET', '/api/funding/budgets')).json().budgets as Array<{ itemId: string; fundedFen: number; reservedFen: number; spentFen: number }>;
    const inForce = (await itemsInForce(t.database.db)).map((v) => v.item);
    expect(budgets).toHaveLength(inForce.filter((i) => i.departments[0] === 'kjj').length);
    const consortium = inForce.find((i) => i.id === 'm7.consortium')!;
    expect(budgets[0]).toMatchObject({ itemId: 'm7.consortium', fundedFen: budgetPlan(consortium).fen, reservedFen: (150 + 80) * WAN, spentFen: 120 * WAN });
  });

  it('every item in force has this year’s budget before anyone applies, planned from its rule and kept by its first department', async () => {
    const year = Number(suzhouDay().slice(0, 4));
    const status = (await t.app.inject({ method: 'GET', url: '/api/funding/budget-status' })).json() as { year: number; items: Array<{ itemId: string; status: string; fundedFen: number | null; label: string }> };
    const inForce = (await itemsInForce(t.database.db)).map((v) => v.item);
    expect(status.year).toBe(year);
    expect(status.items.map((s) => s.itemId).sort()).toEqual(inForce.map((i) => i.id).sort());
    for (const item of inForce) {
      const s = status.items.find((x) => x.itemId === item.id)!;
      expect(s.status, item.id).not.toBe('none');
      expect(s.fundedFen, item.id).toBe(budgetPlan(item).fen);
      expect(s.label).toContain(`${year} 年度预算`);
    }
    const rows = await t.database.db.selectFrom('budgets').select(['item_id', 'department_code']).where('year', '=', year).execute();
    for (const r of rows) expect(r.department_code).toBe(inForce.find((i) => i.id === r.item_id)!.departments[0]);
    // Next year nothing is set yet: every item says so.
    const next = (await t.app.inject({ method: 'GET', url: `/api/funding/budget-status?year=${year + 1}&itemId=m7.consortium` })).json();
    expect(next.items).toEqual([{ itemId: 'm7.consortium', year: year + 1, status: 'none', availableFen: null, fundedFen: null, label: `${year + 1} 年度尚未设立预算` }]);
    expect((await t.app.inject({ method: 'GET', url: '/api/funding/budget-status?itemId=m0.none' })).json().error.field).toBe('itemId');
  });
});
