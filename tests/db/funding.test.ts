import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import { createRun, executeRun } from '../../src/policy/runs.js';
import { createUser } from '../../src/users/service.js';
import { cjkFont } from '../../src/funding/documents.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';
import { pdfText } from '../helpers/pdf-text.js';
import { attachRequired } from '../helpers/materials.js';

const WAN = 1_000_000;
const FULL = { innovation: 25, benefit: 24, capacity: 16, materials: 18 };

describe('申报与兑现: an application through its whole lifecycle', { timeout: 300_000 }, () => {
  let t: TestApp;
  let ent: Session;
  let ent2: Session;
  let off1: Session;
  let off2: Session;
  let off3: Session;
  let gxj: Session;
  let expert: Session;
  let admin: Session;
  let orgs: { a: number; b: number; uni: number };
  let budgetId: number;
  let walkId: number;
  const act = (s: Session, id: number, body: object) => call(t.app, s, 'POST', `/api/funding/applications/${id}/act`, body);
  const BANK = { holder: '苏州甲企业有限公司', bank: '中国银行苏州分行', account: '6216 6108 0001 2345' };
  /** A draft of enterprise A for 新型研发机构, with the item's required materials attached (unless `attach` is false). */
  const newApp = async (over: object = {}, attach = true) => {
    const r = (await call(t.app, ent, 'POST', '/api/funding/applications', { itemId: 'm6.new_rd_institute', year: 2026, project: '苏州新型研发机构建设', facts: { newRdInstitute: true }, bankAccount: BANK, ...over })).json();
    if (attach && typeof r.id === 'number') await attachRequired(t, ent, r.id, 'm6.new_rd_institute');
    return r;
  };

  beforeAll(async () => {
    t = await openTestApp({ FUNDING_DUAL_APPROVAL_FEN: String(100 * WAN) });
    ({ orgs } = await seedFixture(t.database));
    for (const [username, dept] of [['kjj2', 'kjj'], ['kjj3', 'kjj'], ['gxj1', 'gxj']] as const) await createUser(t.database.db, SYSTEM_ACTOR, { username, displayName: username, password: PASSWORD, role: 'official', departmentCode: dept });
    const s = await Promise.all(['enterprise', 'enterprise2', 'official', 'kjj2', 'kjj3', 'gxj1', 'expert', 'admin'].map((u) => signIn(t.app, u, PASSWORD)));
    [ent, ent2, off1, off2, off3, gxj, expert, admin] = s as [Session, Session, Session, Session, Session, Session, Session, Session];
    await call(t.app, admin, 'POST', '/api/market/experts', { name: '评审专家甲', orgId: orgs.uni, title: '教授', fields: ['ai'], expertise: '研发机构建设与科技管理评审', userId: expert.userId });
    await call(t.app, admin, 'POST', '/api/market/experts', { name: '企业内专家', orgId: orgs.a, title: '高工', fields: ['ai'], expertise: '研发机构建设与科技管理评审', userId: null });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an enterprise drafts an application; the engine judges it from the platform’s records and its declared facts', async () => {
    const bad = await call(t.app, ent, 'POST', '/api/funding/applications', { itemId: 'm6.new_rd_institute', facts: { newRdInstitute: true } });
    expect(bad.json().error.field).toBe('project');
    expect((await call(t.app, ent, 'POST', '/api/funding/applications', { itemId: 'm0.nothing', project: 'x项目' })).statusCode).toBe(400);
    const app = await newApp();
    expect(app).toMatchObject({ state: 'draft', evaluation: { status: 'eligible', amount: { min: 0, max: 1000 * WAN } } });
    expect((await call(t.app, off1, 'POST', '/api/funding/applications', { itemId: 'm6.new_rd_institute', project: '项目甲' })).statusCode).toBe(403);
  });

  it('the bank account may wait in a draft, is required to submit, and an edit that leaves it out keeps it', async () => {
    const { id } = await newApp({ project: '收款账户测试项目', bankAccount: null });
    const early = await act(ent, id, { action: 'submit' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ field: 'bankAccount', message: '请填写收款账户（开户名、开户行、账号）后再提交' });
    const body = { project: '收款账户测试项目', facts: { newRdInstitute: true } };
    const bad = await call(t.app, ent, 'PUT', `/api/funding/applications/${id}`, { ...body, bankAccount: { ...BANK, account: '6216-abc' } });
    expect(bad.json().error.field).toBe('bankAccount.account');
    expect((await call(t.app, ent, 'PUT', `/api/funding/applications/${id}`, { ...body, bankAccount: BANK })).statusCode).toBe(200);
    expect((await call(t.app, ent, 'PUT', `/api/funding/applications/${id}`, { ...body, requestedFen: 10 * WAN })).statusCode).toBe(200);
    const view = (await call(t.app, ent, 'GET', `/api/funding/applications/${id}`)).json();
    expect(view.bankAccount).toEqual({ holder: BANK.holder, bank: BANK.bank, account: '****2345' });
    expect((await act(ent, id, { action: 'withdraw' })).json()).toMatchObject({ state: 'withdrawn' });
  });

  it('walks 草稿 → 初审 → 专家评审 → 审批 (two officials above the threshold) → 公示 → 拨付 (idempotent) → 办结, with every refusal named', async () => {
    const { id } = await newApp();
    walkId = id;
    // illegal in this state, with what is allowed instead
    const early = await act(off1, id, { action: 'pre_pass' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('申报当前为“草稿”，不能“初审通过”；可以：提交、撤回');
    expect((await act(ent, id, { action: 'submit' })).json()).toMatchObject({ state: 'pre_review' });
    // another enterprise, another department, an expert not assigned: not even visible
    expect((await call(t.app, ent2, 'GET', `/api/funding/applications/${id}`)).statusCode).toBe(404);
    expect((await act(gxj, id, { action: 'pre_pass' })).statusCode).toBe(404);
    expect((await call(t.app, expert, 'GET', `/api/funding/applications/${id}`)).statusCode).toBe(404);
    // the applicant cannot pass its own pre-review
    expect((await act(ent, id, { action: 'pre_pass' })).statusCode).toBe(403);
    expect((await act(off1, id, { action: 'pre_pass', note: '材料齐全' })).json()).toMatchObject({ state: 'expert_review' });

    const pool = (await call(t.app, admin, 'GET', '/api/market/experts')).json().items as { id: number; name: string }[];
    const inside = pool.find((e) => e.name === '企业内专家')!.id;
    const outside = pool.find((e) => e.name === '评审专家甲')!.id;
    expect((await act(off1, id, { action: 'assign_expert', expertId: inside })).json().error).toMatchObject({ field: 'expertId' });
    expect((await act(off1, id, { action: 'finish_review' })).json().error.message).toBe('尚未指派评审专家');
    expect((await act(off1, id, { action: 'assign_expert', expertId: outside })).statusCode).toBe(200);
    expect((await act(off1, id, { action: 'finish_review' })).json().error.message).toBe('还有 1 位专家未评分');
    expect((await act(expert, id, { action: 'score', scores: { ...FULL, materials: undefined }, opinion: '建设方案可行' })).json().error.field).toBe('scores.materials');
    expect((await act(expert, id, { action: 'score', scores: { ...FULL, innovation: 31 }, opinion: '建设方案可行' })).json().error.field).toBe('scores.innovation');
    expect((await act(expert, id, { action: 'score', scores: FULL, opinion: '建设方案可行，团队扎实' })).statusCode).toBe(200);
    expect((await act(off1, id, { action: 'finish_review' })).json()).toMatchObject({ state: 'approval' });

    // the pre-review signer may not approve; no budget yet
    expect((await act(off1, id, { action: 'approve', amountFen: 1000 * WAN })).statusCode).toBe(403);
    expect((await act(off2, id, { action: 'approve', amountFen: 500 * WAN, reason: '按评审意见核定' })).json().error.field).toBe('budget');
    const b = await call(t.app, off2, 'POST', '/api/funding/budgets', { name: '新型研发机构 2026', kind: 'item', itemId: 'm6.new_rd_institute', year: 2026, fundFen: 800 * WAN });
    expect(b.statusCode).toBe(200);
    budgetId = b.json().id;
    expect((await call(t.app, gxj, 'POST', '/api/funding/budgets', { name: '别的部门', kind: 'item', itemId: 'm6.new_rd_institute', year: 2027 })).statusCode).toBe(403);

    const over = (await act(off2, id, { action: 'approve', amountFen: 1000 * WAN + 1 })).json();
    expect(over.error.field, JSON.stringify(over)).toBe('amountFen');
    expect((await act(off2, id, { action: 'approve', amountFen: 500 * WAN })).json().error.field).toBe('reason');
    // 500万 > 100万: the first approval waits for a second official
    expect((await act(off2, id, { action: 'approve', amountFen: 500 * WAN, reason: '按评审意见核定' })).json()).toMatchObject({ state: 'approval' });
    expect((await act(off2, id, { action: 'approve', amountFen: 500 * WAN, reason: '按评审意见核定' })).statusCode).toBe(403);
    expect((await act(off3, id, { action: 'approve', amountFen: 400 * WAN, reason: '建议再压减一部分' })).json().error.field).toBe('amountFen');
    const approved = await act(off3, id, { action: 'approve', amountFen: 500 * WAN, reason: '同意按评审意见核定' });
    expect(approved.json()).toMatchObject({ state: 'publicity' });
    let budget = (await call(t.app, off1, 'GET', '/api/funding/budgets')).json().budgets.find((x: { id: number }) => x.id === budgetId);
    expect(budget).toMatchObject({ fundedFen: 800 * WAN, availableFen: 300 * WAN, reservedFen: 500 * WAN, spentFen: 0 });

    // publicity: objections recorded and resolved; the period must pass
    expect((await act(ent2, id, { action: 'object', text: '该机构尚未实际运行' })).statusCode).toBe(200);
    expect((await act(off1, id, { action: 'end_publicity' })).statusCode).toBe(409);
    const detail = (await call(t.app, off1, 'GET', `/api/funding/applications/${id}`)).json();
    expect(detail.publicity.to > detail.publicity.from).toBe(true);
    await t.database.db.updateTable('applications').set({ publicity_to: '2020-01-01' }).where('id', '=', id).execute();
    expect((await act(off1, id, { action: 'end_publicity' })).json().error.message).toBe('还有 1 条异议未处理');
    expect((await act(off1, id, { action: 'resolve_objection', objectionId: detail.objections[0].id, upheld: false, resolution: '经核实已运行一年' })).statusCode).toBe(200);
    expect((await act(off1, id, { action: 'end_publicity' })).json()).toMatchObject({ state: 'payable' });

    // payment: idempotent on its key
    expect((await act(off1, id, { action: 'pay', idempotencyKey: 'pay-2026-0001', amountFen: 400 * WAN })).json().error.field).toBe('amountFen');
    const paid = (await act(off1, id, { action: 'pay', idempotencyKey: 'pay-2026-0001', amountFen: 500 * WAN })).json();
    expect(paid).toMatchObject({ state: 'paid', payment: { amountFen: 500 * WAN, replayed: false } });
    const again = (await act(off1, id, { action: 'pay', idempotencyKey: 'pay-2026-0001', amountFen: 500 * WAN })).json();
    expect(again).toMatchObject({ state: 'paid', payment: { id: paid.payment.id, replayed: true } });
    expect((await act(off1, id, { action: 'pay', idempotencyKey: 'pay-2026-0001', amountFen: 499 * WAN })).json().error.field).toBe('idempotencyKey');
    expect((await act(off1, id, { action: 'pay', idempotencyKey: 'pay-2026-0002', amountFen: 500 * WAN })).statusCode).toBe(409);
    budget = (await call(t.app, off1, 'GET', '/api/funding/budgets')).json().budgets.find((x: { id: number }) => x.id === budgetId);
    expect(budget).toMatchObject({ availableFen: 300 * WAN, reservedFen: 0, spentFen: 500 * WAN });
    expect((await act(off1, id, { action: 'close' })).json()).toMatchObject({ state: 'closed' });

    const final = (await call(t.app, ent, 'GET', `/api/funding/applications/${id}`)).json();
    expect(final.events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'pre_pass', 'assign_expert', 'score', 'finish_review', 'approve', 'approve', 'object', 'resolve_objection', 'end_publicity', 'pay', 'close']);
    // the enterprise sees the scores, not who gave them
    expect(final.reviews[0]).toMatchObject({ expert: '评审专家 A', expertId: null, total: 83 });
    expect((await call(t.app, admin, 'GET', '/api/funding/ledger/reconcile')).json()).toMatchObject({ ok: true, problems: [] });
    const ledger = (await call(t.app, off1, 'GET', `/api/funding/budgets/${budgetId}/ledger`)).json();
    expect(ledger.items.map((m: { kind: string }) => m.kind)).toEqual(['pay', 'reserve', 'fund']);
  });

  it('a second approval for the same project is refused against what is already approved (per project)', async () => {
    const { id } = await newApp();
    await act(ent, id, { action: 'submit' });
    await act(off1, id, { action: 'pre_pass' });
    const experts = (await call(t.app, admin, 'GET', '/api/market/experts')).json().items as { id: number; name: string }[];
    await act(off1, id, { action: 'assign_expert', expertId: experts.find((e) => e.name === '评审专家甲')!.id });
    await act(expert, id, { action: 'score', scores: FULL, opinion: '同意支持该项目' });
    await act(off1, id, { action: 'finish_review' });
    const r = await act(off2, id, { action: 'approve', amountFen: 50 * WAN, reason: '按评审意见核定' });
    expect(r.json().error.field).toBe('project');
    expect(r.json().error.message).toContain('苏州新型研发机构建设');
  });

  it('returned for changes and resubmitted; rejected with a reason; withdrawn; every refusal is audited', async () => {
    const { id } = await newApp({ project: '第二个研发机构' });
    await act(ent, id, { action: 'submit' });
    expect((await act(off1, id, { action: 'return' })).json().error.field).toBe('note');
    expect((await act(off1, id, { action: 'return', note: '请补充建设方案' })).json()).toMatchObject({ state: 'returned' });
    expect((await call(t.app, ent, 'PUT', `/api/funding/applications/${id}`, { project: '第二个研发机构（修改）', facts: { newRdInstitute: true }, requestedFen: 300 * WAN })).statusCode).toBe(200);
    expect((await act(ent, id, { action: 'submit' })).json()).toMatchObject({ state: 'pre_review' });
    expect((await call(t.app, ent, 'PUT', `/api/funding/applications/${id}`, { project: '再改', facts: {} })).statusCode).toBe(409);
    expect((await act(off1, id, { action: 'reject', reason: 'materials', note: '建设方案与实际不符' })).json()).toMatchObject({ state: 'rejected' });
    expect((await act(ent, id, { action: 'withdraw' })).json().error.message).toContain('已结束');

    const w = await newApp({ project: '第三个' });
    expect((await act(ent, w.id, { action: 'withdraw' })).json()).toMatchObject({ state: 'withdrawn' });
    const refusals = await t.database.db.selectFrom('audit_log').select(['action', 'result']).where('object_type', '=', 'application').where('result', '!=', 'ok').execute();
    expect(refusals.length).toBeGreaterThan(5);
  });

  it('a department sees only its items’ applications; an enterprise only its own', async () => {
    const mine = (await call(t.app, ent, 'GET', '/api/funding/applications')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect((await call(t.app, ent2, 'GET', '/api/funding/applications')).json().total).toBe(0);
    expect((await call(t.app, off1, 'GET', '/api/funding/applications')).json().total).toBe(mine.total);
    expect((await call(t.app, gxj, 'GET', '/api/funding/applications')).json().total).toBe(0);
    expect((await call(t.app, expert, 'GET', '/api/funding/applications')).json().total).toBe(2);
  });

  it('100 concurrent approvals (100 enterprises) against a budget that fits 10: exactly 10 succeed, 90 refused as LEDGER_REFUSED (a race on PostgreSQL, decided by the budget row lock; PGlite serialises them)', async () => {
    const db = t.database.db;
    const b = await call(t.app, off2, 'POST', '/api/funding/budgets', { name: '研发机构 2027', kind: 'item', itemId: 'm6.new_rd_institute', year: 2027, fundFen: 10 * 50 * WAN });
    const evaluation = JSON.stringify({ status: 'eligible', amount: { min: 0, max: 1000 * WAN }, kind: 'ceiling', missing: [], failed: [], steps: [], explanation: '' });
    // One enterprise each: approvals of one enterprise queue on its caps lock (tests/db/funding-caps-race.test.ts), which would hide the budget's.
    const firms = (await db.insertInto('organisations').values(Array.from({ length: 100 }, (_, i) => ({ kind: 'enterprise', name: `并发企业 ${i}`, uscc: `91320500BUDGET${String(i).padStart(4, '0')}` }))).returning('id').execute()).map((o) => o.id);
    const rows = Array.from({ length: 100 }, (_, i) => ({ org_id: firms[i]!, item_id: 'm6.new_rd_institute', item_version: 1, year: 2027, origin: 'apply' as const, state: 'approval', project: `并发项目 ${i}`, facts: '{}', evaluation, engine_min_fen: 0, engine_max_fen: 1000 * WAN }));
    const ids = (await db.insertInto('applications').values(rows).returning('id').execute()).map((r) => r.id);
    const results = await Promise.all(ids.map((id) => act(off3, id, { action: 'approve', amountFen: 50 * WAN, reason: '并发审批测试' })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(10);
    expect(results.filter((r) => r.statusCode === 409 && r.json().error.code === 'LEDGER_REFUSED')).toHaveLength(90);
    const budget = (await call(t.app, off2, 'GET', '/api/funding/budgets')).json().budgets.find((x: { id: number }) => x.id === b.json().id);
    expect(budget).toMatchObject({ availableFen: 0, reservedFen: 500 * WAN });
    expect((await call(t.app, admin, 'GET', '/api/funding/ledger/reconcile')).json().ok).toBe(true);
  });

  it('an approval above the amount the enterprise asked for is refused on amountFen and writes nothing; with no amount asked, the engine’s range bounds it', async () => {
    const db = t.database.db;
    expect((await call(t.app, off2, 'POST', '/api/funding/budgets', { name: '研发机构 2028', kind: 'item', itemId: 'm6.new_rd_institute', year: 2028, fundFen: 1000 * WAN })).statusCode).toBe(200);
    const evaluation = JSON.stringify({ status: 'eligible', amount: { min: 0, max: 1000 * WAN }, kind: 'ceiling', missing: [], failed: [], steps: [], explanation: '' });
    const row = (project: string, requested: number | null) => ({ org_id: orgs.a, item_id: 'm6.new_rd_institute', item_version: 1, year: 2028, origin: 'apply' as const, state: 'approval', project, facts: '{}', evaluation, engine_min_fen: 0, engine_max_fen: 1000 * WAN, requested_fen: requested });
    const [asked, open] = (await db.insertInto('applications').values([row('申请金额测试项目', 10 * WAN), row('未填申请金额项目', null)]).returning('id').execute()).map((r) => r.id) as [number, number];
    const above = await act(off3, asked, { action: 'approve', amountFen: 60 * WAN, reason: '按评审意见核定' });
    expect(above.statusCode).toBe(400);
    expect(above.json().error).toMatchObject({ field: 'amountFen', message: '审批金额 60 万元 超过企业申请金额 10 万元，不能高于申请金额' });
    expect(await db.selectFrom('application_approvals').select('user_id').where('application_id', '=', asked).execute()).toEqual([]);
    expect(await db.selectFrom('ledger_holdings').select('reserved_fen').where('application_id', '=', asked).execute()).toEqual([]);
    expect((await db.selectFrom('applications').select(['state', 'approved_fen']).where('id', '=', asked).executeTakeFirstOrThrow())).toEqual({ state: 'approval', approved_fen: null });
    expect((await act(off3, asked, { action: 'approve', amountFen: 10 * WAN, reason: '按企业申请金额核定' })).json()).toMatchObject({ state: 'publicity' });
    expect((await act(off3, open, { action: 'approve', amountFen: 60 * WAN, reason: '按评审意见核定' })).json()).toMatchObject({ state: 'publicity' });
  });

  it('免申即享: a batch result becomes confirmation requests; the enterprise confirms with its bank account; then the same approval rules', async () => {
    const db = t.database.db;
    await db
      .insertInto('enterprise_yearly_figures')
      .values({ org_id: orgs.a, year: 2025, revenue: 8000 * WAN, rd_expense: 600 * WAN, rd_expense_domestic: 600 * WAN, staff: 120, rd_staff: 30, hightech_revenue: 5000 * WAN, net_assets: 3000 * WAN, patents_invention: 8, patents_utility: 10, patents_design: 0, software_copyrights: 3, patents_high_value: 2, tech_contract_income: 0, equity_financing: 0, source: 'imported' })
      .execute();
    const run = await createRun(db, SYSTEM_ACTOR);
    await executeRun(db, SYSTEM_ACTOR, run);
    // an item that needs an application cannot be offered; another department's item cannot either
    expect((await call(t.app, off1, 'POST', '/api/funding/offers', { itemId: 'm6.new_rd_institute', year: 2026 })).json().error.field).toBe('itemId');
    expect((await call(t.app, gxj, 'POST', '/api/funding/offers', { itemId: 'm6.rd_input', year: 2026 })).statusCode).toBe(403);
    const r = (await call(t.app, off1, 'POST', '/api/funding/offers', { itemId: 'm6.rd_input', year: 2026 })).json();
    expect(r).toMatchObject({ runId: run, candidates: 1, created: 1 });
    expect((await call(t.app, off1, 'POST', '/api/funding/offers', { itemId: 'm6.rd_input', year: 2026 })).json()).toMatchObject({ candidates: 0, created: 0 });
    const offers = (await call(t.app, ent, 'GET', '/api/funding/applications?origin=proactive')).json().items;
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ state: 'offered', itemId: 'm6.rd_input', allowed: ['confirm', 'withdraw'] });
    const note = (await call(t.app, ent, 'GET', '/api/notifications')).json().items.find((n: { title: string }) => n.title.startsWith('免申即享'));
    // the enterprise gave an account on its earlier applications: the offer carries it (issue #13)
    expect(note.body).toContain('请确认（收款账户沿用贵企业此前提供的账户，可更换）');
    const id = offers[0].id as number;
    expect((await act(ent, id, { action: 'confirm', bankAccount: { holder: '苏州甲科技有限公司', bank: '中国银行苏州分行', account: '6217 abc' } })).json().error.field).toBe('bankAccount.account');
    expect((await act(ent2, id, { action: 'confirm', bankAccount: { holder: '苏州乙制造有限公司', bank: '某银行苏州分行', account: '6217000011112222' } })).statusCode).toBe(404);
    expect((await act(ent, id, { action: 'confirm', bankAccount: { holder: '苏州甲科技有限公司', bank: '中国银行苏州分行', account: '6217 0000 1111 2222' } })).json()).toMatchObject({ state: 'approval' });
    const detail = (await call(t.app, off1, 'GET', `/api/funding/applications/${id}`)).json();
    expect(detail.bankAccount).toEqual({ holder: '苏州甲科技有限公司', bank: '中国银行苏州分行', account: '****2222' });
    expect(detail.evaluation.status).toBe('eligible');
  });

  it('documents: the publicity list and the payment list as .xlsx (元 exact, 分 beside), the decision record as PDF', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const read = async (url: string) => {
      const r = await t.app.inject({ method: 'GET', url, headers: { cookie: off3.cookie } });
      expect(r.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const pub = await read('/api/funding/documents/publicity.xlsx?year=2027');
    expect(pub[0]).toEqual(['序号', '企业名称', '统一社会信用代码', '支持事项', '项目', '拟支持金额（元）', '拟支持金额（分）', '公示期', '申报编号']);
    expect(pub).toHaveLength(11);
    expect(pub[1]!.slice(1, 3)).toEqual([expect.stringMatching(/^并发企业 \d+$/), expect.stringMatching(/^91320500BUDGET\d{4}$/)]);
    // money: 元 as a number (分/100), the 分 beside; the column sums exactly
    expect(pub[1]![5]).toBe(500_000);
    expect(pub[1]![6]).toBe(50 * WAN);
    const yuanSum = pub.slice(1).reduce((a, r) => a + (r[5] as number), 0);
    expect(Math.round(yuanSum * 100)).toBe(pub.slice(1).reduce((a, r) => a + (r[6] as number), 0));
    const paid = await read('/api/funding/documents/payments.xlsx?state=paid&year=2026');
    expect(paid).toHaveLength(2);
    expect(paid[1]![7]).toBe(5_000_000);
    expect(paid[1]![8]).toBe(500 * WAN);
    // a name that begins like a formula is written as text with an apostrophe in front; no cell is a formula
    const firstOrg = (await t.database.db.selectFrom('applications').select('org_id').where('id', '=', pub[1]![8] as number).executeTakeFirstOrThrow()).org_id;
    const before = (await t.database.db.selectFrom('organisations').select('name').where('id', '=', firstOrg).executeTakeFirstOrThrow()).name;
    await t.database.db.updateTable('organisations').set({ name: '=HYPERLINK("http://evil.example","点击")' }).where('id', '=', firstOrg).execute();
    const evil = await read('/api/funding/documents/publicity.xlsx?year=2027');
    expect(evil[1]![1]).toBe(`'=HYPERLINK("http://evil.example","点击")`);
    expect(evil.flat().some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
    await t.database.db.updateTable('organisations').set({ name: before }).where('id', '=', firstOrg).execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/funding/documents/payments.xlsx?itemId=m8.equipment', headers: { cookie: off3.cookie } })).statusCode).toBe(403);

    const pdf = await t.app.inject({ method: 'GET', url: `/api/funding/applications/${walkId}/record.pdf`, headers: { cookie: ent.cookie } });
    if (pdf.statusCode === 503) {
      // no CJK font on this machine: refused in words, never printed as boxes
      expect(pdf.json().error.code).toBe('NO_CJK_FONT');
    } else {
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.rawPayload.length).toBeGreaterThan(5_000);
      // words, not codes: department names, Beijing time, and no ✓ the font cannot draw (√ instead)
      const text = pdfText(pdf.rawPayload);
      expect(text).toMatch(/责任单位：市/);
      expect(text).not.toMatch(/责任单位：[a-z]/);
      expect(text).toContain('北京时间');
      expect(text).not.toContain('UTC');
      expect(text).not.toMatch(/[✓✗]/);
      expect(text).toContain('√');
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/funding/applications/${walkId}/record.pdf`, headers: { cookie: ent2.cookie } })).statusCode).toBe(404);
    // No CJK font at all (PDF_FONT unset and none of the Debian fonts installed): refused in words. A PDF_FONT that
    // is missing or not a font stops the start instead (src/platform/config.test.ts).
    expect(cjkFont(undefined, ['/nonexistent/wqy-zenhei.ttc'])).toBeNull();
  });

  it('attachments: the type is sniffed from the bytes, the size limited, the name made safe; only before submission', async () => {
    const { id } = await newApp({ project: '附件测试项目' }, false);
    const upload = (s: Session, bytes: Buffer, name: string) =>
      t.app.inject({ method: 'POST', url: `/api/funding/applications/${id}/attachments?name=${encodeURIComponent(name)}`, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/octet-stream' }, payload: bytes });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20)]);
    const ok = await upload(ent, pdf, '../../etc/营业执照<副本>.exe');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ filename: '营业执照副本.pdf', mime: 'application/pdf', sizeBytes: pdf.length });
    // a script renamed .pdf, an empty file, too large a file: refused naming the file
    expect((await upload(ent, Buffer.from('<script>alert(1)</script>'), '材料.pdf')).json().error).toMatchObject({ field: 'file' });
    expect((await upload(ent, Buffer.alloc(0), '空.pdf')).statusCode).toBe(400);
    expect((await upload(ent, Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)]), '大.pdf')).statusCode).toBe(413);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await upload(ent, png, '现场照片.jpg')).json()).toMatchObject({ filename: '现场照片.png', mime: 'image/png' });
    expect((await upload(ent2, pdf, '别人的.pdf')).statusCode).toBe(404);
    const list = (await call(t.app, off1, 'GET', `/api/funding/applications/${id}/attachments`)).json().attachments;
    expect(list.map((a: { filename: string }) => a.filename)).toEqual(['营业执照副本.pdf', '现场照片.png']);
    const dl = await t.app.inject({ method: 'GET', url: `/api/funding/applications/${id}/attachments/${list[0].id}`, headers: { cookie: off1.cookie } });
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/funding/applications/${id}/attachments/${list[0].id}`, headers: { cookie: ent2.cookie } })).statusCode).toBe(404);
    await attachRequired(t, ent, id, 'm6.new_rd_institute');
    expect((await act(ent, id, { action: 'submit' })).json()).toMatchObject({ state: 'pre_review' });
    expect((await upload(ent, pdf, '晚了.pdf')).statusCode).toBe(409);
    expect((await call(t.app, ent, 'DELETE', `/api/funding/applications/${id}/attachments/${list[0].id}`)).statusCode).toBe(409);
  });

  it('退票: a payment the bank returns goes back to 待拨付 with its money reserved; the enterprise corrects its account; paid again, once', async () => {
    // A fresh application of the second enterprise, approved and through its 公示.
    const { id } = (await call(t.app, ent2, 'POST', '/api/funding/applications', { itemId: 'm6.new_rd_institute', year: 2026, project: '退票测试研发机构', facts: { newRdInstitute: true }, bankAccount: { ...BANK, holder: '苏州乙企业有限公司', account: '6216 0000 0000 0001' } })).json();
    await attachRequired(t, ent2, id, 'm6.new_rd_institute');
    await act(ent2, id, { action: 'submit' });
    await act(off1, id, { action: 'pre_pass' });
    const experts = (await call(t.app, admin, 'GET', '/api/market/experts')).json().items as { id: number; name: string }[];
    await act(off1, id, { action: 'assign_expert', expertId: experts.find((e) => e.name === '评审专家甲')!.id });
    await act(expert, id, { action: 'score', scores: FULL, opinion: '同意支持该项目' });
    await act(off1, id, { action: 'finish_review' });
    expect((await act(off2, id, { action: 'approve', amountFen: 60 * WAN, reason: '按评审意见核定' })).json()).toMatchObject({ state: 'publicity' });
    await t.database.db.updateTable('applications').set({ publicity_to: '2020-01-01' }).where('id', '=', id).execute();
    await act(off1, id, { action: 'end_publicity' });
    const budget = async () => (await call(t.app, off1, 'GET', '/api/funding/budgets')).json().budgets.find((x: { id: number }) => x.id === budgetId);
    const b0 = await budget();
    expect((await act(off1, id, { action: 'pay', idempotencyKey: 'bounce-0001', amountFen: 60 * WAN })).json()).toMatchObject({ state: 'paid' });

    // Returned: a note is required; the same 60万 is reserved again, nothing spent.
    expect((await act(off1, id, { action: 'return_payment', note: '' })).json().error.field).toBe('note');
    expect((await act(ent2, id, { action: 'return_payment', note: '账户已销户' })).statusCode).toBe(403);
    expect((await act(off1, id, { action: 'return_payment', note: '收款账户已销户，银行退回' })).json()).toMatchObject({ state: 'payable' });
    expect(await budget()).toMatchObject({ availableFen: b0.availableFen, reservedFen: b0.reservedFen, spentFen: b0.spentFen });
    // The old key answers from its record and pays nothing; paying again needs a new key.
    expect((await act(off1, id, { action: 'pay', idempotencyKey: 'bounce-0001', amountFen: 60 * WAN })).json()).toMatchObject({ state: 'payable', payment: { replayed: true } });
    expect((await budget()).spentFen).toBe(b0.spentFen);
    // The enterprise corrects its account (only it may); the notice told it to.
    expect((await act(off1, id, { action: 'update_bank', bankAccount: BANK })).statusCode).toBe(403);
    expect((await act(ent2, id, { action: 'update_bank', bankAccount: { ...BANK, account: '12' } })).json().error.field).toBe('bankAccount.account');
    expect((await act(ent2, id, { action: 'update_bank', bankAccount: { holder: '苏州乙企业有限公司', bank: '工商银行苏州分行', account: '6222 0000 0000 0002' } })).json()).toMatchObject({ state: 'payable' });
    const updated = (await call(t.app, ent2, 'GET', `/api/funding/applications/${id}`)).json();
    expect(updated.bankAccount).toMatchObject({ bank: '工商银行苏州分行', account: '****0002' });
    expect(updated.events.at(-1)).toMatchObject({ action: 'update_bank', detail: { previous: { bank: '中国银行苏州分行', account: '****0001' } } });
    const note = await t.database.db.selectFrom('notifications').select(['title']).where('link', '=', `/funding/applications/${id}`).execute();
    expect(note.map((n) => n.title)).toContain('拨付被退回，请核对收款账户');
    expect((await act(off1, id, { action: 'pay', idempotencyKey: 'bounce-0002', amountFen: 60 * WAN })).json()).toMatchObject({ state: 'paid', payment: { replayed: false } });
    expect(await budget()).toMatchObject({ availableFen: b0.availableFen, reservedFen: b0.reservedFen - 60 * WAN, spentFen: b0.spentFen + 60 * WAN });
    const payments = await t.database.db.selectFrom('payments').select(['idempotency_key', 'returned_at']).where('application_id', '=', id).orderBy('id').execute();
    expect(payments.map((p) => [p.idempotency_key, p.returned_at !== null])).toEqual([['bounce-0001', true], ['bounce-0002', false]]);
    expect((await call(t.app, admin, 'GET', '/api/funding/ledger/reconcile')).json()).toMatchObject({ ok: true });
  });

  it('追回: a department claws back a closed application’s payment; the money returns to the budget, exactly, once', async () => {
    const before = (await call(t.app, off1, 'GET', '/api/funding/budgets')).json().budgets.find((x: { id: number }) => x.id === budgetId);
    const body = { action: 'claw_back', reason: 'materials', note: '事后核查发现建设方案与实际不符' };
    // Not the enterprise, not another department; a note is required.
    expect((await act(ent, walkId, body)).statusCode).toBe(403);
    expect((await act(gxj, walkId, body)).statusCode).toBe(404);
    expect((await act(off1, walkId, { ...body, note: '' })).json().error.field).toBe('note');
    const r = await act(off1, walkId, body);
    expect(r.json()).toMatchObject({ state: 'clawed_back', allowed: [] });
    const after = (await call(t.app, off1, 'GET', '/api/funding/budgets')).json().budgets.find((x: { id: number }) => x.id === budgetId);
    expect(after).toMatchObject({ fundedFen: before.fundedFen, availableFen: before.availableFen + 500 * WAN, reservedFen: before.reservedFen, spentFen: before.spentFen - 500 * WAN });
    expect((await act(off1, walkId, body)).json().error.message).toBe('申报当前为“已追回”，已结束，不能再办理');
    // Replaying the old payment key answers from its record and pays nothing.
    expect((await act(off1, walkId, { action: 'pay', idempotencyKey: 'pay-2026-0001', amountFen: 500 * WAN })).json()).toMatchObject({ payment: { replayed: true } });
    const still = (await call(t.app, off1, 'GET', '/api/funding/budgets')).json().budgets.find((x: { id: number }) => x.id === budgetId);
    expect(still.spentFen).toBe(after.spentFen);
    const ledger = (await call(t.app, off1, 'GET', `/api/funding/budgets/${budgetId}/ledger`)).json();
    expect(ledger.items[0]).toMatchObject({ kind: 'reverse', applicationId: walkId, amountFen: 500 * WAN });
    expect((await call(t.app, admin, 'GET', '/api/funding/ledger/reconcile')).json()).toMatchObject({ ok: true, problems: [] });
    const view = (await call(t.app, ent, 'GET', `/api/funding/applications/${walkId}`)).json();
    expect(view.events.at(-1)).toMatchObject({ action: 'claw_back' });
  });

  it('budget reads are audited too: lists, ledgers, the dashboard, reconciliation; another department’s ledger as denied', async () => {
    expect((await call(t.app, gxj, 'GET', `/api/funding/budgets/${budgetId}/ledger`)).statusCode).toBe(404);
    await call(t.app, off1, 'GET', '/api/funding/budgets/overview?year=2026');
    const rows = await t.database.db.selectFrom('audit_log').select(['action', 'actor_user_id', 'object_id', 'result']).where('action', 'like', 'funding.%').where('object_type', 'in', ['budget', 'ledger']).execute();
    const seen = new Set(rows.map((r) => `${r.action} ${r.result}`));
    for (const a of ['funding.budget.list ok', 'funding.budget.ledger ok', 'funding.budget.overview ok', 'funding.ledger.reconcile ok', 'funding.budget.ledger denied']) expect(seen, a).toContain(a);
    expect(rows.find((r) => r.result === 'denied')).toMatchObject({ actor_user_id: gxj.userId, object_id: String(budgetId) });
  });
});
