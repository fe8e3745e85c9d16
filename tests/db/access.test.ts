/**
 * Walks the whole route table with every role (and no session), aimed at
 * another organisation's objects. The expectations are written here by hand,
 * independently of the routes' own declarations; a new route without an entry
 * fails the test until someone decides who may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import { ROLES, type Role } from '../../src/shared/enums.js';
import { createUser } from '../../src/users/service.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';
import { achievement, demand } from '../helpers/market.js';

type Who = Role | 'anonymous';
type Rule = { allow: readonly Role[] | 'any' | 'public'; own?: readonly Role[] };

const ADMIN: Rule = { allow: ['admin'] };
const EXPECTED: Record<string, Rule> = {
  'GET /api/health': { allow: 'public' },
  'GET /api/openapi.json': { allow: 'public' },
  'POST /api/auth/login': { allow: 'public' },
  'POST /api/auth/logout': { allow: 'any' },
  'GET /api/auth/me': { allow: 'any' },
  'POST /api/auth/password': { allow: 'any' },
  'GET /api/auth/tokens': { allow: 'any' },
  'POST /api/auth/tokens': { allow: 'any' },
  'DELETE /api/auth/tokens/:id': { allow: 'any' },
  'GET /api/reference/districts': { allow: 'public' },
  'GET /api/reference/industries': { allow: 'public' },
  'GET /api/reference/departments': { allow: 'public' },
  'GET /api/reference/measures': { allow: 'public' },
  'GET /api/reference/qualification-types': { allow: 'public' },
  'POST /api/reference/qualification-types': ADMIN,
  'POST /api/reference/departments': ADMIN,
  'GET /api/reference/calendar/:year': { allow: 'public' },
  'PUT /api/reference/calendar/:year': ADMIN,
  'GET /api/orgs': { allow: 'any' },
  'POST /api/orgs': ADMIN,
  'GET /api/orgs/:id': { allow: 'any' },
  'PATCH /api/orgs/:id': { allow: ['admin', 'enterprise', 'institution', 'finance'], own: ['enterprise', 'institution', 'finance'] },
  'GET /api/orgs/:id/figures': { allow: ['admin', 'official', 'enterprise'], own: ['enterprise'] },
  'PUT /api/orgs/:id/figures/:year': { allow: ['admin', 'enterprise'], own: ['enterprise'] },
  'POST /api/orgs/:id/figures/:year/verify': { allow: ['admin', 'official'] },
  'GET /api/orgs/:id/qualifications': { allow: 'any' },
  'POST /api/orgs/:id/qualifications': { allow: ['admin', 'official'] },
  'DELETE /api/orgs/:id/qualifications/:qid': { allow: ['admin', 'official'] },
  'GET /api/policy/items': { allow: 'public' },
  'POST /api/policy/evaluate': { allow: 'any' },
  'POST /api/policy/items': ADMIN,
  'GET /api/policy/items/:id/versions': { allow: 'public' },
  'POST /api/policy/items/check': ADMIN,
  'POST /api/policy/items/try': ADMIN,
  'GET /api/policy/facts': { allow: 'public' },
  'POST /api/policy/facts': ADMIN,
  'GET /api/policy/proposals': ADMIN,
  'GET /api/policy/proposals/:id': ADMIN,
  'POST /api/policy/proposals/:id/approve': ADMIN,
  'POST /api/policy/proposals/:id/reject': ADMIN,
  'POST /api/policy/proposals/:id/withdraw': ADMIN,
  'GET /api/policy/coverage': { allow: 'public' },
  'GET /api/policies': { allow: 'public' },
  'GET /api/policies/:code': { allow: 'public' },
  'POST /api/policies': ADMIN,
  'PATCH /api/policies/:code': ADMIN,
  'POST /api/policy/runs': { allow: ['admin', 'official'] },
  'GET /api/policy/runs': { allow: ['admin', 'official'] },
  'GET /api/policy/runs/:id': { allow: ['admin', 'official'] },
  'GET /api/policy/runs/:id/items/:itemId/enterprises': { allow: ['admin', 'official'] },
  'GET /api/policy/benefits/:orgId': { allow: ['admin', 'official', 'enterprise'], own: ['enterprise'] },
  'GET /api/policy/declared/:orgId': { allow: ['admin', 'official', 'enterprise'], own: ['enterprise'] },
  'POST /api/policy/whatif': { allow: ['admin', 'official'] },
  'GET /api/index/indicators': { allow: 'any' },
  'GET /api/index/methods': { allow: ['admin', 'official'] },
  'POST /api/index/methods/preview': ADMIN,
  'POST /api/index/methods': ADMIN,
  'POST /api/index/runs': { allow: ['admin', 'official'] },
  'GET /api/index/runs/latest': { allow: ['admin', 'official'] },
  'POST /api/index/runs/:id/reviews': { allow: ['admin', 'official'] },
  'POST /api/index/runs/:id/recompute': { allow: ['admin', 'official'] },
  'POST /api/index/runs/:id/robustness': { allow: ['admin', 'official'] },
  'GET /api/index/jobs': { allow: ['admin', 'official'] },
  'GET /api/index/runs/:id/coherence': { allow: ['admin', 'official'] },
  'GET /api/index/overview': { allow: ['admin', 'official'] },
  'GET /api/index/scores': { allow: ['admin', 'official'] },
  'GET /api/index/scores/:orgId': { allow: ['admin', 'official', 'enterprise'], own: ['enterprise'] },
  'GET /api/index/tsme-check/:orgId': { allow: ['admin', 'official', 'enterprise'], own: ['enterprise'] },
  'GET /api/index/screening/hnte': { allow: ['admin', 'official'] },
  'GET /api/index/screening/leaders': { allow: ['admin', 'official'] },
  'GET /api/index/consents': { allow: ['enterprise', 'finance', 'admin'] },
  'POST /api/index/consents': { allow: ['enterprise'] },
  'DELETE /api/index/consents/:id': { allow: ['enterprise'] },
  'GET /api/index/bank/:orgId': { allow: ['finance'] },
  'GET /api/orgs/:id/flags': { allow: ['admin', 'official'] },
  'POST /api/orgs/:id/flags': { allow: ['admin', 'official'] },
  'GET /api/market/fields': { allow: 'public' },
  'GET /api/market/achievements': { allow: 'any' },
  'POST /api/market/achievements': { allow: ['institution', 'admin'] },
  'GET /api/market/achievements/:id': { allow: 'any' },
  'GET /api/market/achievements/:id/matches': { allow: 'any' },
  'PUT /api/market/achievements/:id': { allow: ['institution', 'admin'] },
  'GET /api/market/achievements/:id/enterprises': { allow: ['institution', 'official', 'admin', 'tech_manager', 'commissioner'] },
  'GET /api/market/demands': { allow: 'any' },
  'POST /api/market/demands': { allow: ['enterprise'] },
  'GET /api/market/demands/:id': { allow: 'any' },
  'GET /api/market/demands/:id/matches': { allow: 'any' },
  'PUT /api/market/demands/:id': { allow: ['enterprise', 'admin'] },
  'POST /api/market/demands/:id/close': { allow: ['enterprise', 'admin'] },
  'POST /api/market/demands/:id/responses': { allow: ['institution', 'enterprise'] },
  'GET /api/market/demands/:id/institutions': { allow: 'any' },
  'GET /api/market/demands/:id/experts': { allow: 'any' },
  'GET /api/market/experts': { allow: ['official', 'admin', 'tech_manager', 'commissioner'] },
  'GET /api/market/experts/me': { allow: ['expert'] },
  'GET /api/market/experts/:id': { allow: ['official', 'admin', 'tech_manager', 'commissioner'] },
  'POST /api/market/experts': { allow: ['official', 'admin'] },
  'PUT /api/market/experts/:id': { allow: ['official', 'admin', 'expert'] },
  'GET /api/market/matches': { allow: 'any' },
  'GET /api/market/matches/:id': { allow: 'any' },
  'POST /api/market/matches/:id/move': { allow: 'any' },
  'POST /api/market/reminders': { allow: ['admin', 'official'] },
  'GET /api/market/ranker': { allow: ['admin', 'official'] },
  'POST /api/market/ranker/refit': ADMIN,
  'POST /api/market/ranker/use': ADMIN,
  'GET /api/notifications': { allow: 'any' },
  'POST /api/notifications/read': { allow: 'any' },
  'GET /api/notifications/preferences': { allow: 'any' },
  'PUT /api/notifications/preferences': { allow: 'any' },
  'GET /api/admin/jobs': ADMIN,
  'GET /api/admin/jobs/:name/runs': ADMIN,
  'POST /api/admin/jobs/:name/run': ADMIN,
  'PUT /api/admin/jobs/:name/schedule': ADMIN,
  'GET /api/funding/applications': { allow: ['enterprise', 'institution', 'official', 'expert', 'admin'] },
  'POST /api/funding/applications': { allow: ['enterprise', 'institution', 'admin'] },
  'GET /api/funding/applications/:id': { allow: ['enterprise', 'institution', 'official', 'expert', 'admin'] },
  'PUT /api/funding/applications/:id': { allow: ['enterprise', 'institution'] },
  'POST /api/funding/applications/:id/act': { allow: 'any' },
  'POST /api/funding/offers': { allow: ['official'] },
  'POST /api/funding/applications/:id/attachments': { allow: ['enterprise', 'institution'] },
  'GET /api/funding/applications/:id/expert-candidates': { allow: ['official', 'admin'] },
  'GET /api/funding/applications/:id/attachments': { allow: ['enterprise', 'institution', 'official', 'expert', 'admin'] },
  'GET /api/funding/applications/:id/attachments/:attachmentId': { allow: ['enterprise', 'institution', 'official', 'expert', 'admin'] },
  'DELETE /api/funding/applications/:id/attachments/:attachmentId': { allow: ['enterprise', 'institution'] },
  'GET /api/funding/documents/publicity.xlsx': { allow: ['official', 'admin'] },
  'GET /api/funding/documents/payments.xlsx': { allow: ['official', 'admin'] },
  'GET /api/funding/applications/:id/record.pdf': { allow: ['enterprise', 'institution', 'official', 'expert', 'admin'] },
  'GET /api/funding/publicity': { allow: 'public' },
  'GET /api/funding/budget-status': { allow: 'public' },
  'GET /api/todo': { allow: 'any' },
  'GET /api/funding/budgets': { allow: ['official', 'admin'] },
  'GET /api/funding/budgets/overview': { allow: ['official', 'admin'] },
  'POST /api/funding/budgets': { allow: ['official', 'admin'] },
  'POST /api/funding/budgets/:id/fund': { allow: ['official', 'admin'] },
  'GET /api/funding/budgets/:id/ledger': { allow: ['official', 'admin'] },
  'GET /api/funding/ledger/reconcile': { allow: ['admin'] },
  'GET /api/market/tasks': { allow: 'public' },
  'GET /api/market/tasks/all': { allow: ['admin', 'official'] },
  'POST /api/market/tasks': { allow: ['official'] },
  'POST /api/market/tasks/:id/publish': { allow: ['admin', 'official'] },
  'POST /api/market/tasks/:id/withdraw': { allow: ['admin', 'official'] },
  'GET /api/users': ADMIN,
  'GET /api/users/:id': ADMIN,
  'POST /api/users': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/revoke-sessions': ADMIN,
  'GET /api/audit': ADMIN,
  'GET /api/audit/verify': ADMIN,
};

function mayCall(rule: Rule, who: Who, targetIsOwnOrg: boolean): boolean {
  if (rule.allow === 'public') return true;
  if (who === 'anonymous') return false;
  if (rule.allow !== 'any' && !rule.allow.includes(who)) return false;
  if (rule.own?.includes(who) && !targetIsOwnOrg) return false;
  return true;
}

describe('route access', { timeout: 300_000 }, () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  const sessions = new Map<Who, Session | null>();
  let adminTokenId = 0;
  let qualificationOfB = 0;
  let victimUserId = 0;

  beforeAll(async () => {
    t = await openTestApp();
    fx = await seedFixture(t.database);
    victimUserId = (await createUser(t.database.db, SYSTEM_ACTOR, { username: 'victim', displayName: 'victim', password: PASSWORD, role: 'expert' })).id;
    sessions.set('anonymous', null);
    for (const role of ROLES) sessions.set(role, await signIn(t.app, role === 'enterprise' ? 'enterprise' : role, PASSWORD));
    const tok = await call(t.app, sessions.get('admin')!, 'POST', '/api/auth/tokens', { name: 'probe target' });
    adminTokenId = (tok.json() as { token: { id: number } }).token.id;
    const q = await call(t.app, sessions.get('admin')!, 'POST', `/api/orgs/${fx.orgs.b}/qualifications`, { typeCode: 'hnte', level: 'national', validFrom: '2024-01-01', validTo: '2026-12-31' });
    qualificationOfB = (q.json() as { qualification: { id: number } }).qualification.id;
  });
  afterAll(async () => t?.close());

  it('every API route declares access and has an expectation here', () => {
    const declared = t.app.routeTable.filter((r) => !r.url.startsWith('/api/docs')).map((r) => `${r.method} ${r.url}`);
    expect(declared.filter((k) => !(k in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !declared.includes(k))).toEqual([]);
  });

  it('no probe succeeds where it must not, across every role and route', async () => {
    const wrong: string[] = [];
    let probes = 0;
    let refusedAsExpected = 0;
    const writesSucceeded = new Set<string>();
    // POST routes that compute and store nothing (the calculator audits only reads of an enterprise's records).
    const COMPUTATIONS = new Set(['POST /api/policy/evaluate', 'POST /api/policy/items/check', 'POST /api/policy/items/try', 'POST /api/index/methods/preview', 'POST /api/policy/whatif']);
    const auditHead = async () => (await t.database.db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq;
    // The enterprise user belongs to org A; every probe targets org B's objects.
    for (const route of t.app.routeTable) {
      const key = `${route.method} ${route.url}`;
      const rule = EXPECTED[key];
      if (!rule || route.url.startsWith('/api/docs')) continue;
      if (key === 'POST /api/auth/logout' || key === 'POST /api/auth/password' || key === 'POST /api/auth/login') continue; // would end or change the probing sessions; covered in auth tests
      const url = route.url
        .replace(':qid', String(qualificationOfB))
        .replace(':year', '2024')
        .replace(':orgId', String(fx.orgs.b))
        .replace(':itemId', 'm6.rd_input')
        .replace(':attachmentId', '1')
        .replace(':code', 'suzhou-2026')
        .replace(':name', 'publicity-end')
        .replace(':id', route.url.startsWith('/api/users') ? String(victimUserId) : route.url.startsWith('/api/auth/tokens') ? String(adminTokenId) : String(fx.orgs.b));
      // The same route reached by other spellings of its path: percent-encoded and absolute-form.
      const spellings = [url, url.replace('/api/', '/%61pi/'), url.replace('/api/', '/ap%69/'), 'http://localhost' + url];
      for (const who of ['anonymous', ...ROLES] as Who[]) {
        const s = sessions.get(who)!;
        const allowed = mayCall(rule, who, false);
        for (const spelling of allowed ? [url] : spellings) {
          const head = await auditHead();
          const r = await call(t.app, s, route.method, spelling, route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
          probes++;
          // A write that succeeded left at least one audit record (in its transaction: tests/db/audit-writes.test.ts).
          if (route.method !== 'GET' && r.statusCode < 300 && !COMPUTATIONS.has(key)) {
            writesSucceeded.add(key);
            if ((await auditHead()) === head) wrong.push(`${who} ${key} → ${r.statusCode} wrote without an audit record`);
          }
          if (!allowed) {
            if (r.statusCode === 401 || r.statusCode === 403) refusedAsExpected++;
            else wrong.push(`${who} ${route.method} ${spelling} → ${r.statusCode} (must be refused)`);
          } else if (key === 'GET /api/index/bank/:orgId' && r.statusCode === 403) {
            // allowed by role, then refused by consent: org B has not consented to this institution (tests/db/index.test.ts)
            refusedAsExpected++;
          } else if (r.statusCode === 401 || r.statusCode === 403 || r.statusCode >= 500) {
            wrong.push(`${who} ${key} → ${r.statusCode} (should be allowed and not fail)`);
          }
        }
        const r = { statusCode: 0 };
        void r;
        const tok = await t.database.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', adminTokenId).executeTakeFirstOrThrow();
        if (key === 'DELETE /api/auth/tokens/:id' && who !== 'admin' && tok.revoked_at) wrong.push(`${who} revoked the admin's token`);
        const q = await t.database.db.selectFrom('organisation_qualifications').select('id').where('id', '=', qualificationOfB).executeTakeFirst();
        if (key === 'DELETE /api/orgs/:id/qualifications/:qid' && !q) {
          // put it back for the next prober
          const q = await call(t.app, sessions.get('admin')!, 'POST', `/api/orgs/${fx.orgs.b}/qualifications`, { typeCode: 'hnte', level: 'national', validFrom: '2024-01-01' });
          qualificationOfB = (q.json() as { qualification: { id: number } }).qualification.id;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(writesSucceeded.size).toBeGreaterThan(3);
    expect(probes).toBeGreaterThan(500);
    expect(refusedAsExpected).toBeGreaterThan(400);
  });

  it('an enterprise user reads and writes its own figures but not another enterprise’s', async () => {
    const own = sessions.get('enterprise')!;
    expect((await call(t.app, own, 'GET', `/api/orgs/${fx.orgs.a}/figures`)).statusCode).toBe(200);
    expect((await call(t.app, own, 'GET', `/api/orgs/${fx.orgs.b}/figures`)).statusCode).toBe(403);
    const body = {
      revenue: 100, rdExpense: 10, rdExpenseDomestic: 10, staff: 5, rdStaff: 1, hightechRevenue: 50, netAssets: 10,
      patentsInvention: 0, patentsUtility: 0, patentsDesign: 0, softwareCopyrights: 0, patentsHighValue: 0, techContractIncome: 0, equityFinancing: 0,
    };
    expect((await call(t.app, own, 'PUT', `/api/orgs/${fx.orgs.a}/figures/2024`, body)).statusCode).toBe(200);
    expect((await call(t.app, own, 'PUT', `/api/orgs/${fx.orgs.b}/figures/2024`, body)).statusCode).toBe(403);
    const rows = await t.database.db.selectFrom('enterprise_yearly_figures').select('org_id').execute();
    expect(rows.map((r) => r.org_id)).toEqual([fx.orgs.a]);
  });

  it('API tokens carry their owner’s role and nothing more', async () => {
    const created = (await call(t.app, sessions.get('expert')!, 'POST', '/api/auth/tokens', { name: 'expert token' })).json() as { secret: string };
    const auth = { authorization: `Bearer ${created.secret}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: auth })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/orgs/${fx.orgs.b}/figures`, headers: auth })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'HEAD', url: '/api/users', headers: auth })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/orgs', headers: auth })).statusCode).toBe(200);
  });

  it('own-organisation users may edit their own organisation only', async () => {
    expect((await call(t.app, sessions.get('institution')!, 'PATCH', `/api/orgs/${fx.orgs.uni}`, { name: '苏州测试大学（更名）' })).statusCode).toBe(200);
    expect((await call(t.app, sessions.get('finance')!, 'PATCH', `/api/orgs/${fx.orgs.bank}`, { name: '苏州测试银行股份有限公司' })).statusCode).toBe(200);
    expect((await call(t.app, sessions.get('finance')!, 'PATCH', `/api/orgs/${fx.orgs.uni}`, { name: 'x' + '改' })).statusCode).toBe(403);
  });

  it('an attempt to read another enterprise’s finances is audited', async () => {
    await call(t.app, sessions.get('enterprise')!, 'GET', `/api/orgs/${fx.orgs.b}/figures`);
    const last = await t.database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'org.figures.read', result: 'denied', actor_label: 'enterprise' });
  });

  it('refused writes are audited as denied', async () => {
    await call(t.app, sessions.get('expert')!, 'POST', '/api/users', {});
    const last = await t.database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last.result).toBe('denied');
    expect(last.actor_label).toBe('expert');
    expect(last.action).toBe('POST /api/users');
  });
});

/**
 * The sweep above aims at organisation B's ids, which for funding, market and
 * budget routes name no object at all. Here organisation A (and its partners)
 * own real objects, and users of other organisations (and an official of another
 * department) probe every route that takes such an object's id: each is refused
 * (403 or 404), no answer carries the object's data, and nothing changes.
 */
describe('route access on real objects of another organisation', { timeout: 300_000 }, () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  beforeAll(async () => {
    t = await openTestApp();
    fx = await seedFixture(t.database);
  });
  afterAll(async () => t?.close());

  it('every probe of A’s application, attachment, document, demand, achievement, match, budget, task, consent, notification and figures is refused without the data', async () => {
    const db = t.database.db;
    const uni2 = (await db.insertInto('organisations').values({ kind: 'university', name: '苏州第二测试大学' }).returning('id').executeTakeFirstOrThrow()).id;
    await createUser(db, SYSTEM_ACTOR, { username: 'institution2', displayName: 'institution2', password: PASSWORD, role: 'institution', orgId: uni2 });
    await createUser(db, SYSTEM_ACTOR, { username: 'gxj1', displayName: 'gxj1', password: PASSWORD, role: 'official', departmentCode: 'gxj' });
    const [ent, ent2, inst, inst2, official, gxj, finance] = (await Promise.all(['enterprise', 'enterprise2', 'institution', 'institution2', 'official', 'gxj1', 'finance'].map((u) => signIn(t.app, u, PASSWORD)))) as [Session, Session, Session, Session, Session, Session, Session];
    const ok = async (r: Promise<{ statusCode: number; json(): unknown; body: string }>) => {
      const x = await r;
      if (x.statusCode !== 200) throw new Error(`setup failed: ${x.statusCode} ${x.body}`);
      return x.json() as { id: number } & Record<string, unknown>;
    };

    // ---- A's objects (secrets: texts that must never reach another organisation)
    const SECRET = { project: '甲方机密研发项目X7', account: '6216610800017777', demand: '甲方仅匹配可见需求Q9', achievement: '乙大学保密成果K3' };
    const figures = { revenue: 123_456_700, rdExpense: 10, rdExpenseDomestic: 10, staff: 5, rdStaff: 1, hightechRevenue: 50, netAssets: 10, patentsInvention: 0, patentsUtility: 0, patentsDesign: 0, softwareCopyrights: 0, patentsHighValue: 0, techContractIncome: 0, equityFinancing: 0 };
    await ok(call(t.app, ent, 'PUT', `/api/orgs/${fx.orgs.a}/figures/2024`, figures));
    const app = await ok(call(t.app, ent, 'POST', '/api/funding/applications', { itemId: 'm6.new_rd_institute', year: 2026, project: SECRET.project, facts: { newRdInstitute: true }, bankAccount: { holder: '苏州甲科技有限公司', bank: '中国银行苏州分行', account: SECRET.account } }));
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20)]);
    const att = await ok(t.app.inject({ method: 'POST', url: `/api/funding/applications/${app.id}/attachments?name=${encodeURIComponent('机密材料.pdf')}`, headers: { cookie: ent.cookie, 'x-csrf-token': ent.csrf, 'content-type': 'application/octet-stream' }, payload: pdf }));
    const publicDemand = await ok(call(t.app, ent, 'POST', '/api/market/demands', demand({ title: '甲方公开需求' })));
    const hidden = await ok(call(t.app, ent, 'POST', '/api/market/demands', demand({ title: SECRET.demand, visibility: 'matched' })));
    const ach = await ok(call(t.app, inst, 'POST', '/api/market/achievements', achievement({ title: SECRET.achievement, confidential: true })));
    const match = (await db.insertInto('market_matches').values({ demand_id: hidden.id, achievement_id: ach.id, score: 0.9, reasons: '[]', stage: 'recommended', response_due: new Date(Date.now() + 86_400_000) }).returning('id').executeTakeFirstOrThrow()).id;
    const budget = await ok(call(t.app, official, 'POST', '/api/funding/budgets', { name: '科技局研发机构预算', kind: 'item', itemId: 'm6.new_rd_institute', year: 2026, fundFen: 500_000_00 }));
    const task = await ok(call(t.app, official, 'POST', '/api/market/tasks', { title: '科技局攻关条目', description: '由本部门整理的企业需求：800G 光模块自动耦合对准与封装良率提升。', fields: ['photonics.optical_comm'], priority: 'high', demandIds: [publicDemand.id] }));
    const consent = await ok(call(t.app, ent, 'POST', '/api/index/consents', { institutionId: fx.orgs.bank }));
    const note = (await db.insertInto('notifications').values({ org_id: fx.orgs.a, user_id: null, kind: 'funding', title: '甲方通知', body: SECRET.project, link: null }).returning('id').executeTakeFirstOrThrow()).id;
    const snapshot = async () =>
      JSON.stringify([
        await db.selectFrom('applications').selectAll().where('id', '=', app.id).execute(),
        await db.selectFrom('attachments').select(['id', 'filename', 'sha256']).where('application_id', '=', app.id).execute(),
        await db.selectFrom('demands').select(['id', 'title', 'status', 'updated_at']).orderBy('id').execute(),
        await db.selectFrom('achievements').select(['id', 'title', 'status', 'updated_at']).orderBy('id').execute(),
        await db.selectFrom('market_matches').select(['id', 'stage', 'stage_since']).execute(),
        await db.selectFrom('ledger_movements').select(['id']).execute(),
        await db.selectFrom('market_tasks').select(['id', 'status']).execute(),
        await db.selectFrom('index_consents').select(['id', 'withdrawn_at']).execute(),
        await db.selectFrom('notifications').select(['id', 'read_at']).where('id', '=', note).execute(),
        await db.selectFrom('enterprise_yearly_figures').selectAll().execute(),
        await db.selectFrom('organisations').select(['id', 'name']).orderBy('id').execute(),
      ]);
    const before = await snapshot();

    // ---- the probes: [who, method, url, body]
    const A = fx.orgs.a;
    const probes: [Session, string, string, unknown?][] = [
      [ent2, 'PATCH', `/api/orgs/${A}`, { name: '改名' }],
      [ent2, 'GET', `/api/orgs/${A}/figures`],
      [ent2, 'PUT', `/api/orgs/${A}/figures/2024`, figures],
      [ent2, 'GET', `/api/policy/benefits/${A}`],
      [ent2, 'GET', `/api/policy/declared/${A}`],
      [ent2, 'GET', `/api/index/scores/${A}`],
      [ent2, 'GET', `/api/index/tsme-check/${A}`],
      [finance, 'GET', `/api/index/bank/${fx.orgs.b}`], // no consent from B
      [ent2, 'DELETE', `/api/index/consents/${consent.id}`],
      [ent2, 'GET', `/api/funding/applications/${app.id}`],
      [ent2, 'PUT', `/api/funding/applications/${app.id}`, { project: '别人改的', facts: {} }],
      [ent2, 'POST', `/api/funding/applications/${app.id}/act`, { action: 'withdraw' }],
      [ent2, 'POST', `/api/funding/applications/${app.id}/act`, { action: 'submit' }],
      [gxj, 'POST', `/api/funding/applications/${app.id}/act`, { action: 'pre_pass' }],
      [ent2, 'GET', `/api/funding/applications/${app.id}/attachments`],
      [ent2, 'POST', `/api/funding/applications/${app.id}/attachments?name=x.pdf`, pdf],
      [ent2, 'GET', `/api/funding/applications/${app.id}/attachments/${att.id}`],
      [ent2, 'DELETE', `/api/funding/applications/${app.id}/attachments/${att.id}`],
      [gxj, 'GET', `/api/funding/applications/${app.id}/attachments/${att.id}`],
      [ent2, 'GET', `/api/funding/applications/${app.id}/record.pdf`],
      [gxj, 'GET', `/api/funding/applications/${app.id}/record.pdf`],
      [ent2, 'GET', `/api/market/demands/${hidden.id}`],
      [ent2, 'GET', `/api/market/demands/${hidden.id}/matches`],
      [ent2, 'GET', `/api/market/demands/${hidden.id}/institutions`],
      [ent2, 'GET', `/api/market/demands/${hidden.id}/experts`],
      [ent2, 'PUT', `/api/market/demands/${publicDemand.id}`, demand({ title: '别人改的需求' })],
      [ent2, 'POST', `/api/market/demands/${publicDemand.id}/close`, { reason: '别人关闭' }],
      [inst2, 'POST', `/api/market/demands/${hidden.id}/responses`, { achievementId: ach.id }],
      [inst2, 'POST', `/api/market/demands/${publicDemand.id}/responses`, { achievementId: ach.id }],
      [ent2, 'POST', `/api/market/demands/${publicDemand.id}/responses`, { achievementId: ach.id }],
      [inst2, 'GET', `/api/market/achievements/${ach.id}`],
      [inst2, 'GET', `/api/market/achievements/${ach.id}/matches`],
      [inst2, 'GET', `/api/market/achievements/${ach.id}/enterprises`],
      [inst2, 'PUT', `/api/market/achievements/${ach.id}`, achievement({ title: '别人改的成果', status: 'unconverted' })],
      [ent2, 'GET', `/api/market/matches/${match}`],
      [ent2, 'POST', `/api/market/matches/${match}/move`, { action: 'contact' }],
      [inst2, 'POST', `/api/market/matches/${match}/move`, { action: 'decline', reason: 'other' }],
      [gxj, 'POST', `/api/funding/budgets/${budget.id}/fund`, { amountFen: 100 }],
      [gxj, 'GET', `/api/funding/budgets/${budget.id}/ledger`],
      [gxj, 'POST', `/api/market/tasks/${task.id}/publish`],
      [gxj, 'POST', `/api/market/tasks/${task.id}/withdraw`],
    ];
    const wrong: string[] = [];
    for (const [s, method, url, body] of probes) {
      const r = Buffer.isBuffer(body)
        ? await t.app.inject({ method: method as 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/octet-stream' }, payload: body })
        : await call(t.app, s, method, url, body);
      if (r.statusCode !== 403 && r.statusCode !== 404) wrong.push(`${method} ${url} → ${r.statusCode} (must be 403 or 404)`);
      for (const secret of [...Object.values(SECRET), '123456700', '1234567']) if (r.body.includes(secret)) wrong.push(`${method} ${url} answered with ${secret}`);
    }
    // Marking A's notification read as B: allowed (own notifications), but it touches only B's.
    expect((await call(t.app, ent2, 'POST', '/api/notifications/read', { ids: [note] })).json()).toEqual({ updated: 0 });
    expect(wrong).toEqual([]);
    expect(await snapshot()).toBe(before);

    // Every route that takes an object's id is probed here, or says why not.
    const NOT_PROBED: Record<string, string> = {
      'DELETE /api/auth/tokens/:id': 'swept above with the administrator’s token',
      'GET /api/reference/calendar/:year': 'public',
      'PUT /api/reference/calendar/:year': 'administrators only; not an organisation’s object',
      'GET /api/funding/applications/:id/expert-candidates': 'the item’s departments and administrators only; another department is refused (tests/db/expert-candidates.test.ts)',
      'GET /api/admin/jobs/:name/runs': 'administrators only; a scheduled job is nobody’s organisation’s object',
      'POST /api/admin/jobs/:name/run': 'administrators only; a scheduled job is nobody’s organisation’s object',
      'PUT /api/admin/jobs/:name/schedule': 'administrators only; a scheduled job is nobody’s organisation’s object',
      'GET /api/orgs/:id': 'the directory: any signed-in user',
      'GET /api/orgs/:id/qualifications': 'public qualification record: any signed-in user',
      'POST /api/orgs/:id/qualifications': 'officials and administrators only (kept by them)',
      'DELETE /api/orgs/:id/qualifications/:qid': 'officials and administrators only (kept by them)',
      'GET /api/orgs/:id/flags': 'officials and administrators only',
      'POST /api/orgs/:id/figures/:year/verify': 'officials and administrators only (a department verifies any enterprise’s figures)',
      'POST /api/orgs/:id/flags': 'officials and administrators only',
      'GET /api/policy/items/:id/versions': 'public',
      'GET /api/policy/proposals/:id': 'administrators only; a rule proposal is nobody’s organisation’s object',
      'POST /api/policy/proposals/:id/approve': 'administrators only (maker-checker: tests/db/policy-proposals.test.ts)',
      'POST /api/policy/proposals/:id/reject': 'administrators only (maker-checker: tests/db/policy-proposals.test.ts)',
      'POST /api/policy/proposals/:id/withdraw': 'administrators only; only the maker (tests/db/policy-proposals.test.ts)',
      'GET /api/policies/:code': 'public',
      'PATCH /api/policies/:code': 'administrators only; a policy document is nobody’s object',
      'GET /api/policy/runs/:id': 'officials and administrators only; a run is nobody’s object',
      'GET /api/policy/runs/:id/items/:itemId/enterprises': 'officials and administrators only',
      'POST /api/index/runs/:id/recompute': 'officials and administrators only',
      'POST /api/index/runs/:id/robustness': 'officials and administrators only',
      'POST /api/index/runs/:id/reviews': 'officials and administrators only',
      'GET /api/index/runs/:id/coherence': 'officials and administrators only',
      'GET /api/market/experts/:id': 'officials and brokers only',
      'PUT /api/market/experts/:id': 'an expert’s own profile (who may change it is issue #11 item 4)',
      'GET /api/users/:id': 'administrators only',
      'PATCH /api/users/:id': 'administrators only',
      'POST /api/users/:id/revoke-sessions': 'administrators only',
    };
    const probed = new Set(probes.map(([, m, url]) => `${m} ${url.split('?')[0]}`));
    const withIds = t.app.routeTable.filter((r) => /:\w+/.test(r.url) && !r.url.startsWith('/api/docs'));
    expect(withIds.length).toBeGreaterThan(40);
    const unaccounted = withIds
      .map((r) => ({ key: `${r.method} ${r.url}`, re: new RegExp(`^${r.method} ${r.url.replace(/:\w+/g, '[^/]+')}$`) }))
      .filter(({ key, re }) => !(key in NOT_PROBED) && ![...probed].some((p) => re.test(p)))
      .map(({ key }) => key);
    expect(unaccounted).toEqual([]);
  });
});
