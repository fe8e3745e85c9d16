/**
 * The to-do inbox and the dead ends it removes: an item run by two departments (m1.science_center: 市教育局 and
 * 市科技局) walked from draft to payment, reading at every step what each person may do, whom it waits for,
 * and each role's to-do — every count goes to 0 once the work is done. Budget status before anyone applies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import { suzhouDay, suzhouYear } from '../../src/platform/clock.js';
import { itemsInForce } from '../../src/policy/service.js';
import { createUser } from '../../src/users/service.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';
import { achievement, demand } from '../helpers/market.js';
import { attachRequired } from '../helpers/materials.js';

const WAN = 1_000_000;
const ITEM = 'm1.science_center';
type Entry = { kind: string; title: string; count: number; link: string; severity?: string; subjects?: string[] };

describe('to-do inbox, budget status and whom an application waits for', { timeout: 300_000 }, () => {
  let t: TestApp;
  let s: Record<'ent' | 'kjj' | 'kjj2' | 'jyj' | 'expert' | 'admin' | 'admin2' | 'inst', Session>;
  let id: number;
  const year = suzhouYear();
  const todo = async (who: Session) => {
    const r = await call(t.app, who, 'GET', '/api/todo');
    expect(r.statusCode).toBe(200);
    return r.json().entries as Entry[];
  };
  const count = async (who: Session, kind: string) => (await todo(who)).find((e) => e.kind === kind)?.count ?? 0;
  const detail = async (who: Session) => (await call(t.app, who, 'GET', `/api/funding/applications/${id}`)).json() as { state: string; allowed: string[]; waitingFor: string | null };
  const act = (who: Session, body: object) => call(t.app, who, 'POST', `/api/funding/applications/${id}/act`, body);

  beforeAll(async () => {
    t = await openTestApp();
    await seedFixture(t.database);
    for (const [username, dept] of [['kjj2', 'kjj'], ['jyj1', 'jyj']] as const) await createUser(t.database.db, SYSTEM_ACTOR, { username, displayName: username, password: PASSWORD, role: 'official', departmentCode: dept });
    const [ent, kjj, kjj2, jyj, expert, admin, admin2, inst] = await Promise.all(['enterprise', 'official', 'kjj2', 'jyj1', 'expert', 'admin', 'admin2', 'institution'].map((u) => signIn(t.app, u, PASSWORD)));
    s = { ent: ent!, kjj: kjj!, kjj2: kjj2!, jyj: jyj!, expert: expert!, admin: admin!, admin2: admin2!, inst: inst! };
    await call(t.app, s.admin, 'POST', '/api/market/experts', { name: '评审专家甲', orgId: null, title: '教授', fields: ['ai'], expertise: '基础科学中心建设评审', userId: s.expert.userId });
  });
  afterAll(async () => t?.close());

  it('nobody signed in has no to-do; everyone signed in has one (empty to start)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/todo' })).statusCode).toBe(401);
    for (const who of Object.values(s)) expect((await call(t.app, who, 'GET', '/api/todo')).statusCode).toBe(200);
    expect(await todo(s.kjj)).toEqual([]);
    expect(await todo(s.expert)).toEqual([]);
  });

  it('the budget status says there is none before anyone applies', async () => {
    const r = (await t.app.inject({ method: 'GET', url: `/api/funding/budget-status?itemId=${ITEM}` })).json();
    expect(r).toEqual({ year, items: [{ itemId: ITEM, year, status: 'none', availableFen: null, fundedFen: null, label: `${year} 年度尚未设立预算` }] });
    const all = (await t.app.inject({ method: 'GET', url: '/api/funding/budget-status' })).json();
    expect(all.items).toHaveLength((await itemsInForce(t.database.db)).length);
  });

  it('a draft is the applicant’s to-do until submitted (an institution: 基础科学中心 is for 高等院校); then both departments must pre-review, and it says who is left', async () => {
    const created = await call(t.app, s.inst, 'POST', '/api/funding/applications', { itemId: ITEM, year, project: '苏州前沿科学中心建设', facts: { nationalScienceCenter: true }, bankAccount: { holder: '苏州测试大学', bank: '中国银行苏州分行', account: '6216610800012345' } });
    id = created.json().id;
    await attachRequired(t, s.inst, id, ITEM);
    expect(await count(s.inst, 'draft')).toBe(1);
    expect((await todo(s.inst)).find((e) => e.kind === 'draft')!.link).toBe(`/funding/applications/${id}`);
    expect(await detail(s.kjj)).toMatchObject({ state: 'draft', allowed: [], waitingFor: '等待 申报单位 提交' });
    expect((await act(s.inst, { action: 'submit' })).statusCode).toBe(200);
    expect(await count(s.inst, 'draft')).toBe(0);

    // Both departments see it to pre-review; each its own sign-off.
    expect(await count(s.kjj, 'pre_review')).toBe(1);
    expect(await count(s.jyj, 'pre_review')).toBe(1);
    expect(await detail(s.kjj)).toMatchObject({ allowed: expect.arrayContaining(['pre_pass', 'return', 'reject']), waitingFor: null });
    expect((await act(s.kjj, { action: 'pre_pass', note: '材料齐全' })).statusCode).toBe(200);

    // 科技局 has signed: no 初审通过 button any more (the server would refuse it), and it says whom it waits for.
    const kjjView = await detail(s.kjj);
    expect(kjjView.allowed).not.toContain('pre_pass');
    expect(kjjView.waitingFor).toBe('等待 市教育局 初审');
    expect((await act(s.kjj, { action: 'pre_pass' })).statusCode).toBe(409);
    expect(await detail(s.inst)).toMatchObject({ state: 'pre_review', allowed: ['withdraw'], waitingFor: '等待 市教育局 初审' });
    const listed = (await call(t.app, s.kjj, 'GET', '/api/funding/applications')).json().items.find((a: { id: number }) => a.id === id);
    expect(listed).toMatchObject({ waitingFor: '等待 市教育局 初审' });
    expect(listed.allowed).not.toContain('pre_pass');
    expect(await count(s.kjj, 'pre_review')).toBe(0);
    expect(await count(s.jyj, 'pre_review')).toBe(1);

    expect(await detail(s.jyj)).toMatchObject({ allowed: expect.arrayContaining(['pre_pass']), waitingFor: null });
    expect((await act(s.jyj, { action: 'pre_pass', note: '同意' })).json()).toMatchObject({ state: 'expert_review' });
    expect(await count(s.jyj, 'pre_review')).toBe(0);
  });

  it('expert review: the departments assign, the expert scores, the departments finish — each in its to-do in turn', async () => {
    expect(await detail(s.inst)).toMatchObject({ waitingFor: '等待 市教育局或市科技局 指派评审专家' });
    expect(await count(s.kjj, 'assign_expert')).toBe(1);
    const profile = await t.database.db.selectFrom('expert_profiles').select('id').where('user_id', '=', s.expert.userId).executeTakeFirstOrThrow();
    expect((await act(s.kjj, { action: 'assign_expert', expertId: profile.id })).statusCode).toBe(200);
    expect(await count(s.kjj, 'assign_expert')).toBe(0);
    expect(await count(s.expert, 'score')).toBe(1);
    expect(await detail(s.kjj)).toMatchObject({ waitingFor: '等待 评审专家 评分（还有 1 位未评分）' });
    expect((await detail(s.kjj)).allowed).not.toContain('finish_review');
    expect(await detail(s.expert)).toMatchObject({ allowed: expect.arrayContaining(['score', 'declare_conflict']), waitingFor: null });
    expect((await act(s.expert, { action: 'score', scores: { innovation: 24, benefit: 23, capacity: 16, materials: 18 }, opinion: '建设基础好，建议支持。' })).statusCode).toBe(200);
    expect(await todo(s.expert)).toEqual([]);
    expect((await detail(s.expert)).allowed).toEqual([]);
    expect(await count(s.jyj, 'finish_review')).toBe(1);
    expect((await act(s.jyj, { action: 'finish_review' })).json()).toMatchObject({ state: 'approval' });
    expect(await count(s.jyj, 'finish_review')).toBe(0);
  });

  it('no budget: nobody is offered 审批, the departments see the item in their to-do, and a budget clears it', async () => {
    for (const who of [s.kjj, s.kjj2, s.jyj]) {
      const v = await detail(who);
      expect(v.allowed).not.toContain('approve');
      expect(v.waitingFor).toBe(`尚未设立 ${year} 年度预算：等待 市教育局或市科技局 设立预算后审批`);
      expect(await count(who, 'no_budget')).toBe(1);
      expect(await count(who, 'approve')).toBe(0);
    }
    expect((await todo(s.kjj)).find((e) => e.kind === 'no_budget')).toMatchObject({ title: '有申请但未设本年度预算的事项', link: '/funding/budgets', severity: 'warning' });
    expect((await act(s.kjj2, { action: 'approve', amountFen: 80 * WAN, reason: '按评审意见核定' })).statusCode).toBe(409);

    expect((await call(t.app, s.kjj, 'POST', '/api/funding/budgets', { name: '基础科学中心', kind: 'item', itemId: ITEM, year, fundFen: 1000 * WAN })).statusCode).toBe(200);
    expect(await count(s.kjj, 'no_budget')).toBe(0);
    const status = (await t.app.inject({ method: 'GET', url: `/api/funding/budget-status?itemId=${ITEM}` })).json().items[0];
    expect(status).toMatchObject({ status: 'available', availableFen: 1000 * WAN, label: `${year} 年度预算余额 1,000 万元` });

    // Who signed the pre-review may not approve (not offered; not in the to-do); another 科技局 official and 市教育局 may.
    expect((await detail(s.kjj)).allowed).not.toContain('approve');
    expect((await detail(s.kjj)).waitingFor).toContain('另一位工作人员');
    expect(await count(s.kjj, 'approve')).toBe(0);
    expect(await count(s.jyj, 'approve')).toBe(0); // 市教育局's official signed the pre-review too
    expect(await count(s.kjj2, 'approve')).toBe(1);
    expect(await detail(s.kjj2)).toMatchObject({ allowed: expect.arrayContaining(['approve']), waitingFor: null });
    expect((await act(s.kjj2, { action: 'approve', amountFen: 80 * WAN, reason: '按评审意见核定' })).json()).toMatchObject({ state: 'publicity' });
    expect(await count(s.kjj2, 'approve')).toBe(0);
  });

  it('公示 ended: the departments end it, then pay; each count drops to 0', async () => {
    expect((await detail(s.inst)).waitingFor).toMatch(/^公示中，公示期至 \d{4}-\d{2}-\d{2}$/);
    expect(await count(s.kjj, 'end_publicity')).toBe(0);
    expect((await detail(s.kjj)).allowed).not.toContain('end_publicity');
    const yesterday = new Date(Date.parse(suzhouDay()) - 86_400_000).toISOString().slice(0, 10);
    await t.database.db.updateTable('applications').set({ publicity_to: yesterday }).where('id', '=', id).execute();
    expect(await count(s.kjj, 'end_publicity')).toBe(1);
    expect(await detail(s.kjj)).toMatchObject({ allowed: expect.arrayContaining(['end_publicity']), waitingFor: null });
    expect(await detail(s.inst)).toMatchObject({ waitingFor: '等待 市教育局或市科技局 结束公示' });
    expect((await act(s.kjj, { action: 'end_publicity' })).json()).toMatchObject({ state: 'payable' });
    expect(await count(s.kjj, 'end_publicity')).toBe(0);
    expect(await count(s.jyj, 'pay')).toBe(1);
    expect((await act(s.jyj, { action: 'pay', amountFen: 80 * WAN, idempotencyKey: `todo-pay-${id}` })).json()).toMatchObject({ state: 'paid' });
    expect(await todo(s.jyj)).toEqual([]);
    expect(await todo(s.kjj)).toEqual([]);
  });

  it('an application returned for changes is the applicant’s to-do until it resubmits', async () => {
    const other = (await call(t.app, s.inst, 'POST', '/api/funding/applications', { itemId: ITEM, year, project: '苏州基础学科研究中心', facts: { nationalScienceCenter: true }, bankAccount: { holder: '苏州测试大学', bank: '中国银行苏州分行', account: '6216610800012345' } })).json().id as number;
    await attachRequired(t, s.inst, other, ITEM);
    expect((await call(t.app, s.inst, 'POST', `/api/funding/applications/${other}/act`, { action: 'submit' })).statusCode).toBe(200);
    expect((await call(t.app, s.jyj, 'POST', `/api/funding/applications/${other}/act`, { action: 'return', note: '请补充中心批复文件' })).statusCode).toBe(200);
    expect((await todo(s.inst)).find((e) => e.kind === 'returned')).toMatchObject({ count: 1, link: `/funding/applications/${other}` });
    expect((await call(t.app, s.inst, 'POST', `/api/funding/applications/${other}/act`, { action: 'submit' })).statusCode).toBe(200);
    expect(await count(s.inst, 'returned')).toBe(0);
  });

  it('matches to answer: both parties see a new recommendation until one of them moves it', async () => {
    expect((await call(t.app, s.inst, 'POST', '/api/market/achievements', achievement())).statusCode).toBe(200);
    expect((await call(t.app, s.ent, 'POST', '/api/market/demands', demand())).statusCode).toBe(200);
    // Matched in the background.
    let mine: { id: number }[] = [];
    for (let i = 0; i < 100 && mine.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      mine = (await call(t.app, s.ent, 'GET', '/api/market/matches')).json().items;
    }
    expect(mine.length).toBeGreaterThan(0);
    expect(await count(s.ent, 'match_recommended')).toBe(mine.length);
    expect(await count(s.inst, 'match_recommended')).toBe(mine.length);
    for (const m of mine) expect((await call(t.app, s.ent, 'POST', `/api/market/matches/${m.id}/move`, { action: 'contact' })).statusCode).toBe(200);
    expect(await count(s.ent, 'match_recommended')).toBe(0);
    expect(await count(s.inst, 'match_recommended')).toBe(0);
  });

  it('administrators: departments responsible for items with no official account, and rule proposals someone else made', async () => {
    const owners = new Set((await itemsInForce(t.database.db)).flatMap((v) => v.item.departments));
    const staffed = ['kjj', 'jyj'].filter((d) => owners.has(d));
    expect(await count(s.admin, 'department_without_account')).toBe(owners.size - staffed.length);
    // The entry names the departments and opens 新建用户 for the first of them.
    const e = (await todo(s.admin)).find((x) => x.kind === 'department_without_account')!;
    expect(e.subjects!.length).toBe(Math.min(3, e.count));
    expect(e.subjects!.some((n) => /^[a-z0-9_]+$/.test(n))).toBe(false); // names, not codes
    expect(e.link).toMatch(/^\/admin\/users\?create=official&department=[a-z][a-z0-9_]*$/);
    await createUser(t.database.db, SYSTEM_ACTOR, { username: 'gxj_new', displayName: '工信局新账号', password: PASSWORD, role: 'official', departmentCode: 'gxj' });
    expect(await count(s.admin, 'department_without_account')).toBe(owners.size - staffed.length - 1);

    const doc = (await t.app.inject({ method: 'GET', url: '/api/policy/items/m8.equipment/versions' })).json().versions[0].document as Record<string, unknown>;
    const proposed = await call(t.app, s.admin, 'POST', '/api/policy/items', { document: { ...doc, title: `${String(doc.title)}（修订）` }, note: '标题修订' });
    expect(proposed.statusCode).toBe(202);
    expect(await count(s.admin, 'rule_proposal')).toBe(0); // the maker cannot check it
    expect((await todo(s.admin2)).find((e) => e.kind === 'rule_proposal')).toMatchObject({ count: 1 });
    expect((await call(t.app, s.admin2, 'POST', `/api/policy/proposals/${proposed.json().id}/approve`, {})).statusCode).toBe(200);
    expect(await count(s.admin2, 'rule_proposal')).toBe(0);
  });

  it('administrators: a working-day calendar year nobody has (this or next) until one is entered', async () => {
    const { stateCouncilCalendar } = await import('../../src/reference/state-council.js');
    const known = stateCouncilCalendar().years;
    const y = suzhouYear();
    const missing = [y, y + 1].filter((x) => !known.has(x));
    const entries = (await todo(s.admin)).filter((e) => e.kind === 'calendar_missing');
    expect(entries.map((e) => e.link)).toEqual(missing.map((x) => `/admin/calendar?year=${x}`));
    for (const x of missing) {
      const saved = await call(t.app, s.admin, 'PUT', `/api/reference/calendar/${x}`, { days: [{ date: `${x}-10-01`, kind: 'holiday', name: '国庆节' }] });
      expect(saved.statusCode).toBe(200);
    }
    expect(await count(s.admin, 'calendar_missing')).toBe(0);
    expect(await count(s.admin, 'job_failed')).toBe(0);
  });

  it('whom an item is for decides who may apply: an enterprise not for a 高等院校 item, an institution not for an enterprise item', async () => {
    const bank = { holder: '苏州甲科技有限公司', bank: '中国银行苏州分行', account: '6216610800012345' };
    const ent = await call(t.app, s.ent, 'POST', '/api/funding/applications', { itemId: ITEM, year, project: '企业冒充高校申报', facts: {}, bankAccount: bank });
    expect(ent.statusCode).toBe(400);
    expect(ent.json().error.field).toBe('itemId');
    expect(ent.json().error.message).toContain('申报对象是高校院所');
    const inst = await call(t.app, s.inst, 'POST', '/api/funding/applications', { itemId: 'm6.rd_input', year, facts: {}, bankAccount: { ...bank, holder: '苏州测试大学' } });
    expect(inst.statusCode).toBe(400);
    expect(inst.json().error.message).toContain('申报对象是企业');
  });
});
