/**
 * The applicant does not learn who reviewed it (issue #11, item 5): the enterprise's view of its
 * application — the JSON, its events, and the decision-record PDF — names no expert (no name, no
 * account, no profile number, no recusal reason); an official's names them all (the positive
 * control that the checks can see what they look for); an expert sees themself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import { cjkFont } from '../../src/funding/documents.js';
import { createUser } from '../../src/users/service.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';
import { attachRequired } from '../helpers/materials.js';
import { pdfText } from '../helpers/pdf-text.js';

const FULL = { innovation: 25, benefit: 24, capacity: 16, materials: 18 };
const BANK = { holder: '苏州甲科技有限公司', bank: '中国银行苏州分行', account: '6216610800012345' };
const REASON = '本人配偶任职于申报企业';

describe('expert review is blind towards the applicant', { timeout: 300_000 }, () => {
  let t: TestApp;
  let ent: Session;
  let off: Session;
  let wang: Session;
  let li: Session;
  let id: number;
  let wangId: number;
  let liId: number;
  const act = (s: Session, body: object) => call(t.app, s, 'POST', `/api/funding/applications/${id}/act`, body);
  /** Everything that would identify an expert, as text. */
  const identities = () => ['王建国', '李华', 'zj_wangjg', 'zj_lihua', '配偶'];
  const ids = () => [`"expertId":${wangId}`, `"expertId":${liId}`];

  beforeAll(async () => {
    t = await openTestApp();
    const { orgs } = await seedFixture(t.database);
    for (const [username, displayName] of [['zj_wangjg', '王建国'], ['zj_lihua', '李华']] as const) await createUser(t.database.db, SYSTEM_ACTOR, { username, displayName, password: PASSWORD, role: 'expert' });
    const admin = await signIn(t.app, 'admin', PASSWORD);
    [ent, off, wang, li] = (await Promise.all(['enterprise', 'official', 'zj_wangjg', 'zj_lihua'].map((u) => signIn(t.app, u, PASSWORD)))) as [Session, Session, Session, Session];
    wangId = (await call(t.app, admin, 'POST', '/api/market/experts', { name: '王建国', orgId: orgs.uni, title: '教授', fields: ['ai'], expertise: '研发机构建设与科技管理评审', userId: wang.userId })).json().id;
    liId = (await call(t.app, admin, 'POST', '/api/market/experts', { name: '李华', orgId: null, title: '研究员', fields: ['ai'], expertise: '研发机构建设与科技管理评审', userId: li.userId })).json().id;
    id = (await call(t.app, ent, 'POST', '/api/funding/applications', { itemId: 'm6.new_rd_institute', year: 2026, project: '匿名评审测试项目', facts: { newRdInstitute: true }, bankAccount: BANK })).json().id;
    await attachRequired(t, ent, id, 'm6.new_rd_institute');
    for (const [s, body] of [
      [ent, { action: 'submit' }],
      [off, { action: 'pre_pass' }],
      [off, { action: 'assign_expert', expertId: wangId }],
      [off, { action: 'assign_expert', expertId: liId }],
      [li, { action: 'declare_conflict', note: REASON }],
      [wang, { action: 'score', scores: FULL, opinion: '建设方案可行，团队扎实' }],
      [off, { action: 'finish_review' }],
    ] as const) {
      const r = await act(s, body);
      expect(r.statusCode, `${body.action}: ${r.body}`).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const read = async (s: Session) => {
    const r = await call(t.app, s, 'GET', `/api/funding/applications/${id}`);
    expect(r.statusCode).toBe(200);
    return r.json() as { events: { action: string; by: string | null; note: string | null; detail: Record<string, unknown> }[]; reviews: { expert: string; expertId: number | null; conflictDeclared: boolean; opinion: string | null }[] };
  };

  it('the enterprise’s application JSON and events: reviewers lettered, no name, account, profile number or recusal reason', async () => {
    const v = await read(ent);
    const text = JSON.stringify(v);
    for (const s of [...identities(), ...ids()]) expect(text, s).not.toContain(s);
    expect(v.events.filter((e) => e.action === 'assign_expert').map((e) => e.detail)).toEqual([{ reviewer: '评审专家 A' }, { reviewer: '评审专家 B' }]);
    expect(v.events.find((e) => e.action === 'declare_conflict')).toMatchObject({ by: '评审专家 B', note: null });
    expect(v.events.find((e) => e.action === 'score')).toMatchObject({ by: '评审专家 A' });
    expect(v.reviews.map((r) => [r.expert, r.expertId, r.conflictDeclared, r.opinion])).toEqual([
      ['评审专家 A', null, false, '建设方案可行，团队扎实'],
      ['评审专家 B', null, true, null],
    ]);
  });

  it('an official sees every reviewer; an expert sees themself and the others lettered', async () => {
    const o = await read(off);
    const text = JSON.stringify(o);
    for (const s of ['王建国', '李华', REASON, ...ids()]) expect(text, s).toContain(s);
    expect(o.events.find((e) => e.action === 'score')?.by).toBe('王建国');
    const w = await read(wang);
    expect(w.events.find((e) => e.action === 'score')?.by).toBe('王建国');
    expect(w.events.find((e) => e.action === 'declare_conflict')).toMatchObject({ by: '评审专家 B', note: null });
    expect(JSON.stringify(w)).not.toContain('李华');
  });

  it('the decision-record PDF: the enterprise’s copy names no expert, the official’s names them', async () => {
    expect(cjkFont(undefined), 'the PDF needs a CJK font: install fonts-wqy-zenhei (as .ci/run does)').not.toBeNull();
    const pdf = async (s: Session) => {
      const r = await call(t.app, s, 'GET', `/api/funding/applications/${id}/record.pdf`);
      expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
      const text = pdfText(r.rawPayload);
      return { text, joined: text.replace(/\s+/g, '') };
    };
    const official = await pdf(off);
    expect(official.text).toContain('政策资金决定记录');
    for (const s of ['王建国', '李华', REASON]) expect(official.joined, s).toContain(s);
    const mine = await pdf(ent);
    expect(mine.text).toContain('政策资金决定记录');
    for (const s of identities()) {
      expect(mine.text, s).not.toContain(s);
      expect(mine.joined, s).not.toContain(s);
    }
    expect(mine.text).toContain('评审专家 A');
  });
});
