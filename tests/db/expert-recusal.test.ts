/**
 * Expert recusal (issue #11, item 4) through HTTP: an expert cannot dodge a conflict by editing
 * their own affiliation; partner organisations named in the application count like the applicant;
 * a conflict that arises after the assignment (an official changes the affiliation) stops the score.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import { createUser } from '../../src/users/service.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';
import { attachRequired } from '../helpers/materials.js';

const FULL = { innovation: 25, benefit: 24, capacity: 16, materials: 18 };
const BANK = { holder: '苏州甲科技有限公司', bank: '中国银行苏州分行', account: '6216610800012345' };

describe('expert recusal cannot be dodged', { timeout: 300_000 }, () => {
  let t: TestApp;
  let ent: Session;
  let off: Session;
  let admin: Session;
  let wang: Session;
  let li: Session;
  let orgs: { a: number; b: number; uni: number };
  let suda: number;
  let wangId: number;
  let liId: number;
  const act = (s: Session, id: number, body: object) => call(t.app, s, 'POST', `/api/funding/applications/${id}/act`, body);
  let n = 0;
  /** An application of enterprise A in 专家评审, naming these partners. */
  const inReview = async (partners: object[] = []) => {
    const r = await call(t.app, ent, 'POST', '/api/funding/applications', { itemId: 'm6.new_rd_institute', year: 2026, project: `回避测试项目${++n}`, facts: { newRdInstitute: true }, bankAccount: BANK, ...(partners.length ? { partners } : {}) });
    expect(r.statusCode, r.body).toBe(200);
    const id = r.json().id as number;
    await attachRequired(t, ent, id, 'm6.new_rd_institute');
    expect((await act(ent, id, { action: 'submit' })).statusCode).toBe(200);
    expect((await act(off, id, { action: 'pre_pass' })).json()).toMatchObject({ state: 'expert_review' });
    return id;
  };
  const profile = async (id: number) => (await call(t.app, admin, 'GET', `/api/market/experts/${id}`)).json();
  const body = (p: { name: string; orgId: number | null; title: string; fields: string[]; expertise: string; userId: number | null }, over: object = {}) => ({ name: p.name, orgId: p.orgId, title: p.title, fields: p.fields, expertise: p.expertise, userId: p.userId, ...over });

  beforeAll(async () => {
    t = await openTestApp();
    ({ orgs } = await seedFixture(t.database));
    suda = (await t.database.db.insertInto('organisations').values({ kind: 'university', name: '苏州大学' }).returning('id').executeTakeFirstOrThrow()).id;
    for (const [username, displayName] of [['zj_wang', '王建国'], ['zj_li', '李明']] as const) await createUser(t.database.db, SYSTEM_ACTOR, { username, displayName, password: PASSWORD, role: 'expert' });
    [ent, off, admin, wang, li] = (await Promise.all(['enterprise', 'official', 'admin', 'zj_wang', 'zj_li'].map((u) => signIn(t.app, u, PASSWORD)))) as [Session, Session, Session, Session, Session];
    // 王建国 is a part-time adviser of enterprise A (the applicant); 李明 a professor at 苏州大学.
    wangId = (await call(t.app, admin, 'POST', '/api/market/experts', { name: '王建国', orgId: orgs.a, title: '高级工程师', fields: ['ai'], expertise: '研发机构建设与科技管理评审', userId: wang.userId })).json().id;
    liId = (await call(t.app, admin, 'POST', '/api/market/experts', { name: '李明', orgId: suda, title: '教授', fields: ['ai'], expertise: '研发机构建设与科技管理评审', userId: li.userId })).json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refused for a conflict, the expert cannot change their own affiliation, and so still cannot be assigned or score', async () => {
    const id = await inReview();
    const first = await act(off, id, { action: 'assign_expert', expertId: wangId });
    expect(first.statusCode).toBe(400);
    expect(first.json().error.field).toBe('expertId');
    expect(first.json().error.message).toContain('须回避');

    // the dodge: the expert edits their own profile to another affiliation (or none)
    const mine = (await call(t.app, wang, 'GET', '/api/market/experts/me')).json().profile;
    expect(mine).toMatchObject({ id: wangId, orgId: orgs.a });
    for (const orgId of [orgs.b, null]) {
      const dodge = await call(t.app, wang, 'PUT', `/api/market/experts/${wangId}`, body(mine, { orgId }));
      expect(dodge.statusCode).toBe(403);
      expect(dodge.json().error).toMatchObject({ field: 'orgId', message: '所属单位关系到评审回避，由主管部门维护，专家本人不能修改；如有变动请联系主管部门' });
    }
    // nor the department's avoid list
    const unlist = await call(t.app, wang, 'PUT', `/api/market/experts/${wangId}`, body(mine, { avoidOrgIds: [orgs.b] }));
    expect(unlist.json().error).toMatchObject({ field: 'avoidOrgIds' });
    // nothing written, and each refusal audited
    expect(await profile(wangId)).toMatchObject({ orgId: orgs.a, avoidOrgs: [] });
    const denied = await t.database.db.selectFrom('audit_log').select(['result', 'detail']).where('action', '=', 'market.expert.update').where('object_id', '=', String(wangId)).where('result', '=', 'denied').execute();
    expect(denied).toHaveLength(3);

    // harmless fields stay the expert's own
    const edit = await call(t.app, wang, 'PUT', `/api/market/experts/${wangId}`, body(mine, { title: '正高级工程师', expertise: '研发机构建设、科技管理与成果转化评审' }));
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await profile(wangId)).toMatchObject({ orgId: orgs.a, title: '正高级工程师' });

    // still refused; not assigned, so cannot score either
    expect((await act(off, id, { action: 'assign_expert', expertId: wangId })).json().error).toMatchObject({ field: 'expertId', message: '专家王建国的所属单位是申报单位“苏州甲科技有限公司”，须回避' });
    expect((await act(wang, id, { action: 'score', scores: FULL, opinion: '建设方案可行' })).statusCode).toBe(404);
    expect(await t.database.db.selectFrom('expert_reviews').select('expert_id').where('application_id', '=', id).execute()).toEqual([]);
  });

  it('a partner organisation named in the application counts like the applicant: by id, or by its exact normalised name', async () => {
    const byId = await inReview([{ orgId: suda }]);
    const view = (await call(t.app, off, 'GET', `/api/funding/applications/${byId}`)).json();
    expect(view.partners).toEqual([{ orgId: suda, name: '苏州大学' }]);
    const r = await act(off, byId, { action: 'assign_expert', expertId: liId });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ field: 'expertId', message: '专家李明的所属单位“苏州大学”是本申报的合作单位，须回避' });

    const byName = await inReview([{ name: '苏州测试大学' }, { name: ' 苏州 大学 ' }]);
    expect((await act(off, byName, { action: 'assign_expert', expertId: liId })).json().error.message).toBe('专家李明的所属单位“苏州大学”是本申报的合作单位，须回避');

    // another organisation, however alike its name: no conflict
    const hospital = await inReview([{ name: '苏州大学附属第一医院' }]);
    expect((await act(off, hospital, { action: 'assign_expert', expertId: liId })).statusCode).toBe(200);

    // a partner id that does not exist is refused, naming the field
    const bad = await call(t.app, ent, 'POST', '/api/funding/applications', { itemId: 'm6.new_rd_institute', project: '坏合作单位', facts: { newRdInstitute: true }, partners: [{ orgId: 999_999 }] });
    expect(bad.json().error).toMatchObject({ field: 'partners[0].orgId' });
  });

  it('a conflict that arises after the assignment (an official changes the affiliation) is caught when the expert scores', async () => {
    const id = await inReview();
    expect((await act(off, id, { action: 'assign_expert', expertId: liId })).statusCode).toBe(200);
    // the department learns that 李明 now works for the applicant and records it
    const p = await profile(liId);
    expect((await call(t.app, off, 'PUT', `/api/market/experts/${liId}`, body(p, { orgId: orgs.a }))).statusCode).toBe(200);
    const score = await act(li, id, { action: 'score', scores: FULL, opinion: '建设方案可行，团队扎实' });
    expect(score.statusCode).toBe(409);
    expect(score.json().error.message).toBe('专家李明的所属单位是申报单位“苏州甲科技有限公司”，须回避，不能评分；请声明回避');
    const review = await t.database.db.selectFrom('expert_reviews').select(['scored_at', 'total']).where('application_id', '=', id).where('expert_id', '=', liId).executeTakeFirstOrThrow();
    expect(review).toEqual({ scored_at: null, total: null });
    // the same through the 回避单位 list: back at 苏州大学, with the applicant on the avoid list
    expect((await call(t.app, off, 'PUT', `/api/market/experts/${liId}`, body(p, { orgId: suda, avoidOrgIds: [orgs.a] }))).statusCode).toBe(200);
    expect((await profile(liId)).avoidOrgs).toEqual([{ id: orgs.a, name: '苏州甲科技有限公司' }]);
    expect((await act(li, id, { action: 'score', scores: FULL, opinion: '建设方案可行，团队扎实' })).json().error.message).toContain('回避单位是申报单位');
    expect((await act(li, id, { action: 'declare_conflict', note: '本人已受聘于申报单位' })).statusCode).toBe(200);
    expect((await act(off, id, { action: 'finish_review' })).json().error.message).toBe('尚未指派评审专家');
  });
});
