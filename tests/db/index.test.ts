import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterpriseFacts } from '../../src/policy/service.js';
import { canonicalJson } from '../../src/audit/chain.js';
import { loadMethod, METHOD_2026_V1 } from '../../src/index/engine/method.js';
import { BUILTIN_METHOD_NOTE, BUILTIN_METHOD_NOTE_2, syncBuiltinMethod } from '../../src/index/service.js';
import { seedDemo } from '../../src/orgs/demo.js';
import { call, openTestApp, signIn, type Session, type TestApp } from '../helpers/app.js';

const PW = 'Demo@2026';
type Row = { orgId: number; score: number | null; grade: string | null; excluded: string | null; reviewFlag: string | null };

describe('科创指数 API', { timeout: 180_000 }, () => {
  let t: TestApp;
  let official: Session;
  let admin: Session;
  let ent: Session;
  let bank: Session;
  let entOrg: number;
  let bankOrg: number;
  let firstRun: number;
  beforeAll(async () => {
    t = await openTestApp();
    await seedDemo(t.database.db, { enterprises: 240, seed: 7, password: PW });
    official = await signIn(t.app, 'official', PW);
    admin = await signIn(t.app, 'admin', PW);
    ent = await signIn(t.app, 'enterprise', PW);
    bank = await signIn(t.app, 'finance', PW);
    const users = await t.database.db.selectFrom('users').select(['username', 'org_id']).where('username', 'in', ['enterprise', 'finance']).execute();
    entOrg = users.find((u) => u.username === 'enterprise')!.org_id!;
    bankOrg = users.find((u) => u.username === 'finance')!.org_id!;
  });
  afterAll(async () => t?.close());

  it('an official runs the index over every enterprise; gated enterprises are excluded with the reason', async () => {
    const r = await call(t.app, official, 'POST', '/api/index/runs');
    expect(r.statusCode).toBe(200);
    const run = r.json();
    firstRun = run.id;
    expect(run).toMatchObject({ methodVersion: 1, edition: 2026 });
    expect(run.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.scored).toBeGreaterThan(200);
    expect(run.excluded).toBeGreaterThan(0);
    const flagged = await t.database.db.selectFrom('enterprise_flags').select('org_id').execute();
    expect(flagged.length).toBeGreaterThan(0);
    const gated = await call(t.app, official, 'GET', `/api/index/scores?pageSize=200&page=2`);
    const all = [...((await call(t.app, official, 'GET', '/api/index/scores?pageSize=200')).json().items as Row[]), ...(gated.json().items as Row[])];
    for (const f of flagged) expect(all.find((x) => x.orgId === f.org_id)?.excluded).toMatch(/^未参与评分：(经营异常|严重失信)/);
  });

  it('ranks by score, filters, and shows an enterprise its own explanation (not another’s)', async () => {
    const page = (await call(t.app, official, 'GET', '/api/index/scores?pageSize=50')).json();
    const scores = (page.items as Row[]).map((x) => x.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const a = (await call(t.app, official, 'GET', '/api/index/scores?grade=A&pageSize=200')).json().items as Row[];
    expect(a.every((x) => x.grade === 'A')).toBe(true);
    const own = await call(t.app, ent, 'GET', `/api/index/scores/${entOrg}`);
    expect(own.statusCode).toBe(200);
    const body = own.json();
    expect(body.values.reduce((s: number, v: { contribution: number }) => s + v.contribution, 0)).toBeCloseTo(body.score, 2);
    expect(body.trend).toHaveLength(3);
    expect(body.explanation.pillars.length).toBeGreaterThan(3);
    expect(body.run.inputHash).toMatch(/^[0-9a-f]{64}$/);
    const other = (page.items as Row[]).find((x) => x.orgId !== entOrg)!;
    expect((await call(t.app, ent, 'GET', `/api/index/scores/${other.orgId}`)).statusCode).toBe(403);
  });

  it('recomputes a stored run byte for byte from its input snapshot, even after the data changed', async () => {
    expect((await call(t.app, official, 'POST', `/api/index/runs/${firstRun}/recompute`)).json()).toMatchObject({ identical: true, differences: 0, inputHashMatches: true });
    await t.database.db.updateTable('enterprise_yearly_figures').set({ rd_expense: 0, rd_expense_domestic: 0 }).where('org_id', '=', entOrg).execute();
    const second = (await call(t.app, official, 'POST', '/api/index/runs')).json();
    const first = await t.database.db.selectFrom('index_runs').select('input_hash').where('id', '=', firstRun).executeTakeFirstOrThrow();
    expect(second.inputHash).not.toBe(first.input_hash);
    expect((await call(t.app, official, 'POST', `/api/index/runs/${firstRun}/recompute`)).json().identical).toBe(true);
  });

  it('the recompute reports a tampered stored score (negative control), and is identical again once restored', async () => {
    const kept = await t.database.db.selectFrom('index_scores').select(['score', 'grade']).where('run_id', '=', firstRun).where('org_id', '=', entOrg).executeTakeFirstOrThrow();
    expect(kept.score).not.toBeNull();
    await t.database.db.updateTable('index_scores').set({ score: kept.score! + 0.01 }).where('run_id', '=', firstRun).where('org_id', '=', entOrg).execute();
    const tampered = (await call(t.app, official, 'POST', `/api/index/runs/${firstRun}/recompute`)).json();
    expect(tampered).toMatchObject({ identical: false, differences: 1, firstDifferentOrg: entOrg, inputHashMatches: true });
    await t.database.db.updateTable('index_scores').set({ score: kept.score }).where('run_id', '=', firstRun).where('org_id', '=', entOrg).execute();
    expect((await call(t.app, official, 'POST', `/api/index/runs/${firstRun}/recompute`)).json()).toMatchObject({ identical: true, differences: 0 });
  });

  it('a run carries its coherence report and effective weights; a run stored with the older report gets it computed from its stored inputs', async () => {
    type Report = {
      version: number;
      run: { id: number; methodVersion: number };
      pillars: { code: string; alpha: number | null; pc1Share: number | null; indicators: { code: string; correlation: number | null; weak: boolean }[] }[];
      effective: { overall: { scored: number; weights: { code: string; nominal: number; effective: number | null; flag: string | null }[] }; stages: { stage: string }[] };
      warnings: { kind: string; subject: string; text: string }[];
    };
    const r = await call(t.app, official, 'GET', `/api/index/runs/${firstRun}/coherence`);
    expect(r.statusCode).toBe(200);
    const c = r.json() as Report;
    expect(c).toMatchObject({ version: 2, run: { id: firstRun, methodVersion: 1 } });
    expect(c.effective.overall.scored).toBe((await t.database.db.selectFrom('index_runs').select('scored').where('id', '=', firstRun).executeTakeFirstOrThrow()).scored);
    const rd = c.pillars.find((p) => p.code === 'rd')!;
    expect(rd.alpha).toEqual(expect.any(Number));
    expect(rd.pc1Share).toBeGreaterThanOrEqual(0.5);
    const weights = c.effective.overall.weights;
    expect(weights.map((w) => w.code)).toContain('rd_intensity');
    expect(weights.reduce((s, w) => s + w.effective!, 0)).toBeCloseTo(1, 3);
    expect(weights.find((w) => w.code === 'rd_intensity')!.nominal).toBeCloseTo(0.175, 4); // 0.25 × 0.7 in every stage
    // every warning in words, and one for each flagged indicator
    for (const w of c.warnings) expect(w.text).toMatch(/[\u4e00-\u9fff]/);
    expect(c.warnings.filter((w) => w.kind === 'effective').map((w) => w.subject).sort()).toEqual(weights.filter((w) => w.flag).map((w) => w.code).sort());

    // A run stored with the report of before issue #15: computed again from its stored inputs, the same report, and kept.
    const kept = (await t.database.db.selectFrom('index_runs').select('coherence').where('id', '=', firstRun).executeTakeFirstOrThrow()).coherence!;
    await t.database.db.updateTable('index_runs').set({ coherence: JSON.stringify({ pillars: [], redundant: [], warnings: [] }) }).where('id', '=', firstRun).execute();
    const again = (await call(t.app, official, 'GET', `/api/index/runs/${firstRun}/coherence`)).json();
    expect(again).toEqual(c);
    expect((await t.database.db.selectFrom('index_runs').select('coherence').where('id', '=', firstRun).executeTakeFirstOrThrow()).coherence).toBe(kept);
    expect((await call(t.app, official, 'GET', '/api/index/runs/999999/coherence')).statusCode).toBe(404);
  });

  it('a new method version: refused with the path when weights do not sum to 1; previewed (ranks move) before it is saved', async () => {
    const v1 = (await call(t.app, admin, 'GET', '/api/index/methods')).json().versions[0].document;
    const bad = structuredClone(v1);
    bad.pillars[0].weights.growth = 0.5;
    const refused = await call(t.app, admin, 'POST', '/api/index/methods/preview', { document: bad });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('pillars.weights.growth');
    const doc = structuredClone(v1);
    // move weight from R&D to growth in every stage
    for (const p of doc.pillars) {
      if (p.code === 'rd') for (const s of ['startup', 'growth', 'mature']) p.weights[s] = Math.round((p.weights[s] - 0.1) * 100) / 100;
      if (p.code === 'growth') for (const s of ['startup', 'growth', 'mature']) p.weights[s] = Math.round((p.weights[s] + 0.1) * 100) / 100;
    }
    // and rename every grade: a run is read with its own version's labels
    const oldLabels = (doc.grades as { label: string }[]).map((g) => g.label);
    for (const g of doc.grades as { label: string }[]) g.label = `${g.label}（新）`;
    const preview = (await call(t.app, admin, 'POST', '/api/index/methods/preview', { document: doc })).json();
    expect(preview.moved).toBeGreaterThan(0);
    expect(preview.spearman).toBeLessThan(1);
    expect(preview.topMovers.length).toBeGreaterThan(0);
    // the new method's effective weights beside its nominal ones: R&D intensity now (0.25 − 0.1) × 0.7 = 0.105 in every stage
    const eff = preview.coherence.effective.overall.weights as { code: string; nominal: number; effective: number }[];
    expect(eff.find((w) => w.code === 'rd_intensity')!.nominal).toBeCloseTo(0.105, 4);
    expect(eff.reduce((s, w) => s + w.effective, 0)).toBeCloseTo(1, 3);
    expect(preview.coherence.pillars.find((p: { code: string }) => p.code === 'rd').alpha).toEqual(expect.any(Number));
    expect((await call(t.app, admin, 'GET', '/api/index/methods')).json().versions).toHaveLength(1);
    const saved = (await call(t.app, admin, 'POST', '/api/index/methods', { document: doc, note: '测试：成长性权重 +0.1' })).json();
    expect(saved).toMatchObject({ version: 2, created: true });
    const run2 = (await call(t.app, official, 'POST', '/api/index/runs')).json();
    expect(run2.methodVersion).toBe(2);
    // the first run (version 1) keeps its labels; the new one has the new ones; /runs/latest gives the run's version
    const page1 = (await call(t.app, official, 'GET', `/api/index/scores/${entOrg}?runId=${firstRun}`)).json();
    const page2 = (await call(t.app, official, 'GET', `/api/index/scores/${entOrg}`)).json();
    expect(page1.run.methodVersion).toBe(1);
    expect(oldLabels).toContain(page1.gradeLabel);
    expect(page2.gradeLabel).toMatch(/（新）$/);
    expect((await call(t.app, official, 'GET', '/api/index/runs/latest')).json()).toMatchObject({ run: { id: run2.id }, method: { version: 2 }, current: { version: 2 } });
    expect((await call(t.app, official, 'POST', '/api/index/methods/preview', { document: doc })).statusCode).toBe(403);
  });

  it('robustness flags enterprises whose 90% rank interval straddles a cut-off, for human review', async () => {
    const id = (await call(t.app, official, 'GET', '/api/index/runs/latest')).json().run.id;
    const r = (await call(t.app, official, 'POST', `/api/index/runs/${id}/robustness`, { draws: 100, seed: 1 })).json();
    expect(r).toMatchObject({ draws: 100 });
    const flagged = (await call(t.app, official, 'GET', '/api/index/scores?flagged=true&pageSize=200')).json();
    expect(flagged.total).toBe(r.flagged);
    expect(flagged.items.length).toBeGreaterThan(0);
    for (const x of flagged.items as (Row & { robustRank: { p5: number; p95: number } })[]) expect(x.robustRank.p5).toBeLessThan(x.robustRank.p95);
  });

  it('screening lists: 小升高 with distances to each official condition, 高升强 ranked; both export to .xlsx', async () => {
    const h = (await call(t.app, official, 'GET', '/api/index/screening/hnte?maxUnmet=1')).json();
    expect(h.total).toBeGreaterThan(0);
    expect(h.items.length).toBeGreaterThan(0);
    for (const x of h.items as { unmet: number; conditions: { met: boolean; gap: string }[] }[]) {
      expect(x.unmet).toBeLessThanOrEqual(1);
      expect(x.conditions.filter((c) => !c.met).every((c) => c.gap.length > 0)).toBe(true);
    }
    const xlsx = await call(t.app, official, 'GET', '/api/index/screening/hnte?format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const l = (await call(t.app, official, 'GET', '/api/index/screening/leaders')).json();
    expect(l.items.map((x: { score: number }) => x.score)).toEqual([...l.items.map((x: { score: number }) => x.score)].sort((a, b) => b - a));
    const tsme = (await call(t.app, ent, 'GET', `/api/index/tsme-check/${entOrg}`)).json();
    expect(tsme.total).toBe(tsme.staff + tsme.rd + tsme.ip);
    expect(tsme.date).toMatch(/^\d{4}-\d{2}-\d{2}$/); // today in Suzhou by default
  });

  it('official rules on an application date: 高企 registration counted in days; a valid 高企 certificate meets the 科技型中小企业 score condition directly (第八条)', async () => {
    const db = t.database.db;
    // an unflagged enterprise other than the demo one, made small, with no S&T staff (staff score 0: the score fails)
    const flagged = (await db.selectFrom('enterprise_flags').select('org_id').execute()).map((f) => f.org_id);
    const org = await db.selectFrom('organisations').select('id').where('kind', '=', 'enterprise').where('id', 'not in', [entOrg, ...flagged]).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const latest = await db.selectFrom('enterprise_yearly_figures').select((eb) => eb.fn.max('year').as('y')).where('org_id', '=', org.id).executeTakeFirstOrThrow();
    await db.updateTable('enterprise_yearly_figures').set({ staff: 100, rd_staff: 0, revenue: 1_000_000_000, net_assets: 1_000_000_000 }).where('org_id', '=', org.id).where('year', '=', Number(latest.y)).execute();
    await db.deleteFrom('organisation_qualifications').where('org_id', '=', org.id).where('type_code', '=', 'hnte').execute();
    await db.insertInto('organisation_qualifications').values({ org_id: org.id, type_code: 'hnte', level: 'national', certificate_no: 'GR202632000001', valid_from: '2026-03-01', valid_to: '2029-02-28' }).execute();
    // registered 2025-03-02: 364 days to 2026-03-01, 365 to 2026-03-02
    await db.updateTable('organisations').set({ founded_on: '2025-03-02' }).where('id', '=', org.id).execute();
    const check = async (date: string) => {
      const r = await call(t.app, official, 'GET', `/api/index/tsme-check/${org.id}?date=${date}`);
      expect(r.statusCode).toBe(200);
      return r.json();
    };
    const before = await check('2026-02-28'); // the certificate is not valid yet
    expect(before).toMatchObject({ date: '2026-02-28', staff: 0, scorePasses: false, scoreCondition: null, passes: false });
    expect(before.direct[0]).toMatchObject({ code: 'hnte_certificate', recorded: true, met: false });
    const on = await check('2026-03-01');
    expect(on).toMatchObject({ scorePasses: false, scoreCondition: 'direct', gate: null, passes: true });
    expect(on.direct.map((p: { recorded: boolean; met: boolean | null }) => [p.recorded, p.met])).toEqual([
      [true, true],
      [false, null],
      [false, null],
      [false, null],
    ]);
    expect(on.hnte.find((c: { code: string }) => c.code === 'registered')).toMatchObject({ met: false, gap: '还差 1 天（2026-03-02 起满足）' });
    expect((await check('2026-03-02')).hnte.find((c: { code: string }) => c.code === 'registered').met).toBe(true);
    // an impossible date is refused naming the field
    const bad = await call(t.app, official, 'GET', `/api/index/tsme-check/${org.id}?date=2026-02-29`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toContain('date');
    // 小升高 on a date: that enterprise holds the certificate on 2026-03-01, so it is screened out from then
    const listed = async (date: string) => {
      const r = (await call(t.app, official, 'GET', `/api/index/screening/hnte?maxUnmet=6&pageSize=200&date=${date}`)).json();
      expect(r.date).toBe(date);
      return r.items.find((x: { orgId: number }) => x.orgId === org.id) as { conditions: { code: string; met: boolean }[] } | undefined;
    };
    const cand = await listed('2026-02-28');
    expect(cand?.conditions.find((c) => c.code === 'registered')?.met).toBe(false);
    expect(await listed('2026-03-01')).toBeUndefined();
  });

  it('a bank sees grade, score, trend and reason codes only while the enterprise’s consent stands; no figures; every access logged', async () => {
    const denied = await call(t.app, bank, 'GET', `/api/index/bank/${entOrg}`);
    expect(denied.statusCode).toBe(403);
    const grant = await call(t.app, ent, 'POST', '/api/index/consents', { institutionId: bankOrg });
    expect(grant.statusCode).toBe(200);
    expect((await call(t.app, ent, 'POST', '/api/index/consents', { institutionId: bankOrg })).statusCode).toBe(409);
    const seen = await call(t.app, bank, 'GET', `/api/index/bank/${entOrg}`);
    expect(seen.statusCode).toBe(200);
    const body = seen.json();
    expect(body).toMatchObject({ orgId: entOrg });
    expect(Object.keys(body).sort()).toEqual(['coverage', 'excluded', 'grade', 'gradeLabel', 'name', 'orgId', 'percentile', 'reasons', 'run', 'score', 'trend']);
    expect(JSON.stringify(body)).not.toMatch(/万元|"raw"|"values"|"rdExpense"|"revenue"|"points"|"text"/);
    await call(t.app, ent, 'DELETE', `/api/index/consents/${grant.json().id}`);
    expect((await call(t.app, bank, 'GET', `/api/index/bank/${entOrg}`)).statusCode).toBe(403);
    const log = await t.database.db.selectFrom('audit_log').select(['action', 'result']).where('action', '=', 'index.bank.view').orderBy('seq').execute();
    expect(log.map((l) => l.result)).toEqual(['denied', 'ok', 'denied']);
  });

  it('the bank view gives at most four reason codes in all, the largest contributions relative to the cohort first, each with a Chinese label; the enterprise’s own page keeps them all', async () => {
    const db = t.database.db;
    const scored = ((await call(t.app, official, 'GET', '/api/index/scores?pageSize=40')).json().items as Row[]).filter((x) => x.score !== null && x.orgId !== entOrg);
    await db.insertInto('index_consents').values(scored.map((x) => ({ enterprise_id: x.orgId, institution_id: bankOrg }))).execute();
    let cut = 0;
    for (const x of scored) {
      const own = (await call(t.app, official, 'GET', `/api/index/scores/${x.orgId}`)).json().explanation as { lifts: { code: string; points: number }[]; holds: { code: string; points: number }[] };
      const all = [...own.lifts, ...own.holds];
      const r = await call(t.app, bank, 'GET', `/api/index/bank/${x.orgId}`);
      expect(r.statusCode).toBe(200);
      const reasons = r.json().reasons as { code: string; label: string }[];
      expect(reasons.length).toBe(Math.min(4, all.length));
      if (all.length > 4) cut++;
      for (const reason of reasons) {
        expect(Object.keys(reason).sort()).toEqual(['code', 'label']);
        expect(reason.label).toMatch(/^[\u4e00-\u9fff（）、]+$/);
        expect(reason.label).toMatch(reason.code.endsWith('_high') ? /高于同类企业/ : /低于同类企业/);
      }
      // ranked by |points| (the distance from the cohort median), and none left out is larger
      const size = new Map(all.map((a) => [a.code, Math.abs(a.points)]));
      const sizes = reasons.map((a) => size.get(a.code)!);
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      const given = new Set(reasons.map((a) => a.code));
      for (const a of all) if (!given.has(a.code)) expect(Math.abs(a.points)).toBeLessThanOrEqual(Math.min(...sizes));
    }
    expect(cut).toBeGreaterThan(0); // some enterprises have more than four reasons on their own page
  });

  it('an official records a 经营异常 flag; from the next run the enterprise is excluded with the reason', async () => {
    const bad = await call(t.app, official, 'POST', `/api/orgs/${entOrg}/flags`, { flag: 'abnormal', since: '2026-01-01', until: '2025-01-01', reason: '未按时公示年报', source: '市场监管' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('until');
    expect((await call(t.app, official, 'POST', `/api/orgs/${entOrg}/flags`, { flag: 'abnormal', since: '2026-01-01', reason: '未按时公示年报', source: '市场监管' })).statusCode).toBe(200);
    expect((await call(t.app, ent, 'POST', `/api/orgs/${entOrg}/flags`, { flag: 'abnormal', since: '2026-01-01', reason: 'x', source: 'y' })).statusCode).toBe(403);
    await call(t.app, official, 'POST', '/api/index/runs');
    const own = (await call(t.app, ent, 'GET', `/api/index/scores/${entOrg}`)).json();
    expect(own).toMatchObject({ score: null, grade: null, excluded: '未参与评分：经营异常' });
    expect((await call(t.app, official, 'GET', `/api/orgs/${entOrg}/flags`)).json().flags[0]).toMatchObject({ flag: 'abnormal', source: '市场监管' });
    // and the 科技型中小企业 self-check says it cannot pass while listed
    expect((await call(t.app, ent, 'GET', `/api/index/tsme-check/${entOrg}`)).json()).toMatchObject({ passes: false, gate: '列入经营异常名录，不得评价为科技型中小企业' });
  });
});

describe('科创指数: a database made with the first built-in method (issue #15)', { timeout: 180_000 }, () => {
  let t: TestApp;
  let official: Session;
  let admin: Session;
  beforeAll(async () => {
    t = await openTestApp();
    // As before issue #15: the first built-in method is version 1.
    await t.database.db.deleteFrom('index_method_versions').execute();
    const doc = canonicalJson(loadMethod(structuredClone(METHOD_2026_V1)));
    await t.database.db.insertInto('index_method_versions').values({ version: 1, content_hash: crypto.createHash('sha256').update(doc).digest('hex'), document: doc, origin: 'builtin', note: BUILTIN_METHOD_NOTE }).execute();
    await seedDemo(t.database.db, { enterprises: 80, seed: 11, password: PW });
    official = await signIn(t.app, 'official', PW);
    admin = await signIn(t.app, 'admin', PW);
  });
  afterAll(async () => t?.close());

  it('the built-in method arrives as version 2 (audited, once); runs made with version 1 still recompute byte for byte, and so do the new ones', async () => {
    const old = (await call(t.app, official, 'POST', '/api/index/runs')).json();
    expect(old.methodVersion).toBe(1);
    expect(await syncBuiltinMethod(t.database.db)).toBe(2);
    expect(await syncBuiltinMethod(t.database.db)).toBeNull();
    const versions = (await call(t.app, admin, 'GET', '/api/index/methods')).json().versions as { version: number; origin: string; note: string; document: { coverage?: unknown } }[];
    expect(versions.map((v) => [v.version, v.origin])).toEqual([
      [2, 'builtin'],
      [1, 'builtin'],
    ]);
    expect(versions[0]!.note).toBe(BUILTIN_METHOD_NOTE_2);
    expect(versions[0]!.document.coverage).toEqual({ minToGrade: 0.6, minObservedInCohort: 0.5 });
    // (version 1 of the fresh test database, replaced above, then version 2)
    expect(await t.database.db.selectFrom('audit_log').select(['object_id', 'result']).where('action', '=', 'index.method.builtin').orderBy('seq').execute()).toEqual([
      { object_id: '1', result: 'ok' },
      { object_id: '2', result: 'ok' },
    ]);

    // an enterprise with no revenue and no staff: not graded under version 2
    const [org] = await t.database.db.selectFrom('organisations').select('id').where('kind', '=', 'enterprise').orderBy('id').limit(1).execute();
    await t.database.db.updateTable('enterprise_yearly_figures').set({ revenue: 0, staff: 0, rd_staff: 0, hightech_revenue: 0 }).where('org_id', '=', org!.id).execute();
    const next = (await call(t.app, official, 'POST', '/api/index/runs')).json();
    expect(next.methodVersion).toBe(2);
    const own = (await call(t.app, official, 'GET', `/api/index/scores/${org!.id}`)).json();
    expect(own).toMatchObject({ score: null, grade: null, percentile: null, explanation: null });
    expect(own.excluded).toMatch(/^未评级：数据不足（数据覆盖率 [\d.]+%，低于 60%）$/);
    // the policy facts say why there is no grade (科创指数惠 reads it)
    expect((await enterpriseFacts(t.database.db, org!.id)).innovationGrade).toMatchObject({ value: [], note: own.excluded });
    expect(own.values.map((v: { code: string }) => v.code)).toEqual(expect.arrayContaining(['software_per_100', 'tech_contract_per_staff', 'equity_per_staff']));

    for (const id of [old.id, next.id]) expect((await call(t.app, official, 'POST', `/api/index/runs/${id}/recompute`)).json()).toMatchObject({ identical: true, differences: 0, inputHashMatches: true });
  });

  it('a new version weighing an absolute indicator, or without minimum coverage, is refused with the field; an administrator’s current version is not replaced by the built-in one', async () => {
    const v1 = (await call(t.app, admin, 'GET', '/api/index/methods')).json().versions.find((v: { version: number }) => v.version === 1).document;
    const refused = await call(t.app, admin, 'POST', '/api/index/methods/preview', { document: v1 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['indicators[5].weight', 'coverage']));
    const current = (await call(t.app, admin, 'GET', '/api/index/methods')).json().versions[0].document;
    const mine = { ...structuredClone(current), coverage: { minToGrade: 0.5, minObservedInCohort: 0.4 } };
    expect((await call(t.app, admin, 'POST', '/api/index/methods', { document: mine, note: '测试：覆盖率 50%' })).json()).toMatchObject({ version: 3, created: true });
    expect(await syncBuiltinMethod(t.database.db)).toBeNull();
    expect((await call(t.app, admin, 'GET', '/api/index/methods')).json().versions[0].version).toBe(3);
  });
});
