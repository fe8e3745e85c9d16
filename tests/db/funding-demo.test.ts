import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFundingDemo } from '../../src/funding/demo.js';
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
    expect(await seedFundingDemo(t.database.db, actor, t.config)).toEqual({ budgets: 1, applications: 3 });
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
    // Anyone signed in objects while it runs — here the university's user, who cannot otherwise read the application.
    const uni = await signIn(t.app, 'institution', PASSWORD);
    expect((await call(t.app, uni, 'GET', `/api/funding/applications/${waiting.id}`)).statusCode).toBe(403);
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
    const budgets = (await call(t.app, official, 'GET', '/api/funding/budgets')).json().budgets as Array<{ fundedFen: number; reservedFen: number; spentFen: number }>;
    expect(budgets).toHaveLength(1);
    expect(budgets[0]).toMatchObject({ fundedFen: 1000 * WAN, reservedFen: (150 + 80) * WAN, spentFen: 120 * WAN });
  });
});
