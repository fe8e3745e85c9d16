/**
 * Human review of flagged 科创指数 grades (review-service.ts): the robustness analysis flags grades near a cut-off;
 * the department deciding 科创指数惠 sees them in its to-do; an official confirms or adjusts one with a reason
 * (recorded, audited, every decision kept); while a flagged grade waits, 科创指数惠 and the bank view use no grade,
 * and once decided they use the decision. Bad requests name the field; an unflagged grade or an older run is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/orgs/demo.js';
import { enterpriseFacts } from '../../src/policy/service.js';
import { call, openTestApp, signIn, type Session, type TestApp } from '../helpers/app.js';

const PW = 'Demo@2026';
type Row = { orgId: number; grade: string | null; reviewFlag: string | null; review: { status: string; grade: string | null } | null };

describe('科创指数: human review of flagged grades', { timeout: 240_000 }, () => {
  let t: TestApp;
  let official: Session;
  let other: Session;
  let ent: Session;
  let bank: Session;
  let runId: number;
  let flagged: Row[];
  let entOrg: number;

  beforeAll(async () => {
    t = await openTestApp();
    await seedDemo(t.database.db, { enterprises: 240, seed: 7, password: PW });
    official = await signIn(t.app, 'official', PW);
    other = await signIn(t.app, 'official_gxj', PW);
    ent = await signIn(t.app, 'enterprise', PW);
    bank = await signIn(t.app, 'finance', PW);
    entOrg = (await t.database.db.selectFrom('users').select('org_id').where('username', '=', 'enterprise').executeTakeFirstOrThrow()).org_id!;
    runId = (await call(t.app, official, 'POST', '/api/index/runs')).json().id;
    await call(t.app, official, 'POST', `/api/index/runs/${runId}/robustness`, { draws: 200, seed: 3 });
    flagged = (await call(t.app, official, 'GET', '/api/index/scores?flagged=true&pageSize=200')).json().items;
  });
  afterAll(async () => t?.close());

  const todo = async (s: Session) => ((await call(t.app, s, 'GET', '/api/todo')).json().entries as { kind: string; count: number; link: string }[]).find((e) => e.kind === 'index_review');

  it('flagged grades wait in the to-do of the department deciding 科创指数惠, not of others', async () => {
    expect(flagged.length).toBeGreaterThan(1);
    for (const f of flagged) expect(f.review).toEqual({ status: 'pending', grade: null });
    expect(await todo(official)).toMatchObject({ count: flagged.length, link: '/innovation-index/ranking?review=pending' });
    expect(await todo(other)).toBeUndefined();
    expect((await call(t.app, official, 'GET', '/api/index/scores?review=pending&pageSize=1')).json().total).toBe(flagged.length);
  });

  it('while a flagged grade waits, 科创指数惠 sees no grade; after the decision it sees the decided one', async () => {
    const target = flagged.find((f) => f.grade !== 'A' && f.grade !== null)!;
    const before = await enterpriseFacts(t.database.db, target.orgId);
    expect(before.innovationGrade).toMatchObject({ value: [], note: '等级待人工复核' });
    const r = await call(t.app, official, 'POST', `/api/index/runs/${runId}/reviews`, { orgId: target.orgId, decision: 'adjust', grade: 'A', reason: '经核实，研发投入数据已更正，按复核结果定为 A' });
    expect(r.statusCode).toBe(200);
    expect(r.json().reviews[0]).toMatchObject({ decision: 'adjust', gradeBefore: target.grade, grade: 'A', current: true, by: '市科技局工作人员' });
    const after = await enterpriseFacts(t.database.db, target.orgId);
    expect(after.innovationGrade!.value).toEqual(['A']);
    // the page shows the decision beside the computed grade; the ranking says it was adjusted; one fewer to do
    const page = (await call(t.app, official, 'GET', `/api/index/scores/${target.orgId}`)).json();
    expect(page).toMatchObject({ grade: 'A', computedGrade: target.grade, review: { status: 'adjusted' } });
    const row = ((await call(t.app, official, 'GET', '/api/index/scores?review=done&pageSize=200')).json().items as Row[]).find((x) => x.orgId === target.orgId);
    expect(row?.review).toEqual({ status: 'adjusted', grade: 'A' });
    expect((await todo(official))?.count ?? 0).toBe(flagged.length - 1);
    const audit = await t.database.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'index.review').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.detail)).toContain('研发投入数据已更正');
  });

  it('a second decision replaces the first; both are kept', async () => {
    const target = flagged.find((f) => f.grade !== 'A' && f.grade !== null)!;
    const r = (await call(t.app, official, 'POST', `/api/index/runs/${runId}/reviews`, { orgId: target.orgId, decision: 'confirm', reason: '数据更正未获确认，维持计算等级' })).json();
    expect(r.reviews.map((x: { decision: string; current: boolean }) => [x.decision, x.current])).toEqual([
      ['confirm', true],
      ['adjust', false],
    ]);
    expect((await enterpriseFacts(t.database.db, target.orgId)).innovationGrade!.value).toEqual([target.grade]);
  });

  it('bad requests name the field; an unflagged grade, an older run and other roles are refused', async () => {
    const f = flagged[1]!;
    const post = (body: unknown, s = official, run = runId) => call(t.app, s, 'POST', `/api/index/runs/${run}/reviews`, body);
    expect((await post({ orgId: f.orgId, decision: 'adjust', reason: '理由充分' })).json().error.field).toBe('grade');
    expect((await post({ orgId: f.orgId, decision: 'confirm', reason: '好' })).json().error.field).toBe('reason');
    expect((await post({ orgId: f.orgId, decision: 'adjust', grade: 'Z', reason: '理由充分' })).json().error).toMatchObject({ field: 'grade' });
    expect((await post({ orgId: f.orgId, decision: 'adjust', grade: f.grade, reason: '理由充分' })).json().error.message).toContain('请选择“确认”');
    const unflagged = ((await call(t.app, official, 'GET', '/api/index/scores?pageSize=200')).json().items as Row[]).find((x) => !x.reviewFlag && x.grade)!;
    expect((await post({ orgId: unflagged.orgId, decision: 'confirm', reason: '理由充分' })).statusCode).toBe(409);
    expect((await post({ orgId: f.orgId, decision: 'confirm', reason: '理由充分' }, ent)).statusCode).toBe(403);
    // a newer run makes this one history
    const newer = (await call(t.app, official, 'POST', '/api/index/runs')).json().id;
    expect(newer).toBeGreaterThan(runId);
    const old = await post({ orgId: f.orgId, decision: 'confirm', reason: '理由充分' });
    expect(old.statusCode).toBe(409);
    expect(old.json().error.field).toBe('runId');
    // nothing was written by the refusals
    expect(await t.database.db.selectFrom('index_reviews').select('id').where('org_id', '=', f.orgId).execute()).toHaveLength(0);
  });

  it('the bank view passes on no grade while one waits for review, then the decision', async () => {
    const db = t.database.db;
    const latest = (await call(t.app, official, 'GET', '/api/index/runs/latest')).json().run.id as number;
    // the enterprise's grade in the newest run, flagged as a robustness run would flag it
    await db.updateTable('index_scores').set({ review_flag: 'B' }).where('run_id', '=', latest).where('org_id', '=', entOrg).execute();
    const bankOrg = (await db.selectFrom('users').select('org_id').where('username', '=', 'finance').executeTakeFirstOrThrow()).org_id;
    expect((await call(t.app, ent, 'POST', '/api/index/consents', { institutionId: bankOrg })).statusCode).toBe(200);
    const page = (await call(t.app, ent, 'GET', `/api/index/scores/${entOrg}`)).json();
    expect(page.review.status).toBe('pending');
    expect(page.grade).not.toBeNull();
    const waiting = (await call(t.app, bank, 'GET', `/api/index/bank/${entOrg}`)).json();
    expect(waiting).toMatchObject({ grade: null, gradeLabel: '等级待人工复核' });
    expect(waiting.trend.at(-1).grade).toBeNull();
    const decided = page.grade === 'D' ? 'C' : 'D';
    expect((await call(t.app, official, 'POST', `/api/index/runs/${latest}/reviews`, { orgId: entOrg, decision: 'adjust', grade: decided, reason: '复核后调整' })).statusCode).toBe(200);
    const seen = (await call(t.app, bank, 'GET', `/api/index/bank/${entOrg}`)).json();
    expect(seen).toMatchObject({ grade: decided });
    expect(seen.trend.at(-1).grade).toBe(decided);
    // the enterprise reads the decision and its reason, not the reviewer's name
    const mine = (await call(t.app, ent, 'GET', `/api/index/scores/${entOrg}`)).json();
    expect(mine).toMatchObject({ grade: decided, computedGrade: page.grade, review: { status: 'adjusted', history: [{ reason: '复核后调整', by: null }] } });
  });
});
