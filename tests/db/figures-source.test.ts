/**
 * Issue #11 item 6: yearly figures only for years that have ended, each year with its source (企业自报 / 部门核实 /
 * 导入), explanations that name year and source, and 免申即享 that does not treat self-declared figures as records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiYear } from '../../src/orgs/service.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

const WAN = 1_000_000;
// 16 / 40 = 40% high-value share: m18.high_value_share (a 免申即享 item) is met from the figures alone.
const FIGS = {
  revenue: 80_000 * WAN, rdExpense: 4_000 * WAN, rdExpenseDomestic: 3_900 * WAN, staff: 400, rdStaff: 90, hightechRevenue: 60_000 * WAN, netAssets: 30_000 * WAN,
  patentsInvention: 40, patentsUtility: 80, patentsDesign: 3, softwareCopyrights: 12, patentsHighValue: 16, techContractIncome: 0, equityFinancing: 0,
};
type Run = { id: number; status: string; declaredOnly: number | null; totals: { itemId: string; eligible: number; needsInput: number }[] };

describe('yearly figures: ended years only, a source per year, 免申即享 on verified or imported figures', { timeout: 120_000 }, () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  let admin: Session;
  let official: Session;
  let ent: Session;
  const thisYear = shanghaiYear();
  const lastYear = thisYear - 1;
  const figures = async (org: number) => (await call(t.app, admin, 'GET', `/api/orgs/${org}/figures`)).json().items as { year: number; source: string; verifiedAt: string | null }[];

  beforeAll(async () => {
    t = await openTestApp();
    fx = await seedFixture(t.database);
    admin = await signIn(t.app, 'admin', PASSWORD);
    official = await signIn(t.app, 'official', PASSWORD);
    ent = await signIn(t.app, 'enterprise', PASSWORD);
    expect((await call(t.app, admin, 'POST', `/api/orgs/${fx.orgs.a}/qualifications`, { typeCode: 'ip_advantage', level: 'municipal', validFrom: '2024-01-01' })).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  it('refuses the year 2100, the current year (Asia/Shanghai) and years before 2000, naming `year`, and writes nothing', async () => {
    for (const year of [2100, thisYear, 1999]) {
      const r = await call(t.app, ent, 'PUT', `/api/orgs/${fx.orgs.a}/figures/${year}`, FIGS);
      expect(r.statusCode, `year ${year}`).toBe(400);
      expect(r.json().error.field).toBe('year');
      expect(r.json().error.message).toContain(String(year));
    }
    expect((await call(t.app, ent, 'PUT', `/api/orgs/${fx.orgs.a}/figures/2100`, FIGS)).json().error.message).toMatch(/尚未结束/);
    expect(await figures(fx.orgs.a)).toEqual([]);
    // the refusal is audited
    const last = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'org.figures.write').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last.result).toBe('error');
  });

  it('accepts a year that has ended, as declared by the enterprise', async () => {
    const r = await call(t.app, ent, 'PUT', `/api/orgs/${fx.orgs.a}/figures/${lastYear}`, FIGS);
    expect(r.statusCode).toBe(200);
    expect(r.json().figures).toMatchObject({ year: lastYear, source: 'declared', verifiedAt: null });
  });

  it('the calculator names the year and the source of every figure it reads', async () => {
    const r = await call(t.app, ent, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.a });
    const m18 = (r.json().results as { itemId: string; explanation: string }[]).find((x) => x.itemId === 'm18.high_value_share')!;
    expect(m18.explanation).toContain(`发明专利数：40（${lastYear} 年度数据，企业自报）`);
    expect(m18.explanation).not.toContain(`平台记录，${lastYear}`);
  });

  it('免申即享 does not treat a self-declared year as a platform record, and the run says how many had only self-declared figures', async () => {
    const run = await runToEnd();
    expect(run.declaredOnly).toBe(1);
    const m18 = run.totals.find((x) => x.itemId === 'm18.high_value_share')!;
    expect(m18).toMatchObject({ eligible: 0, needsInput: 1 });
    const benefits = (await call(t.app, ent, 'GET', `/api/policy/benefits/${fx.orgs.a}`)).json().benefits as { itemId: string; status: string; missing: { fact: string }[] }[];
    const b = benefits.find((x) => x.itemId === 'm18.high_value_share')!;
    expect(b.status).toBe('needs_input');
    expect(b.missing.map((m) => m.fact)).toContain('patentsHighValue');
  });

  it('a department official verifies the declared year (audited); then 免申即享 relies on it and the explanation says 部门核实', async () => {
    expect((await call(t.app, ent, 'POST', `/api/orgs/${fx.orgs.a}/figures/${lastYear}/verify`)).statusCode).toBe(403);
    expect((await call(t.app, official, 'POST', `/api/orgs/${fx.orgs.a}/figures/${lastYear - 3}/verify`)).statusCode).toBe(404);
    const v = await call(t.app, official, 'POST', `/api/orgs/${fx.orgs.a}/figures/${lastYear}/verify`);
    expect(v.statusCode).toBe(200);
    expect(v.json().figures).toMatchObject({ year: lastYear, source: 'verified' });
    expect(v.json().figures.verifiedAt).not.toBeNull();
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'org.figures.verify').where('result', '=', 'ok').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ object_id: String(fx.orgs.a), actor_user_id: official.userId });
    expect((await call(t.app, official, 'POST', `/api/orgs/${fx.orgs.a}/figures/${lastYear}/verify`)).statusCode).toBe(409);

    const run = await runToEnd();
    expect(run.declaredOnly).toBe(0);
    expect(run.totals.find((x) => x.itemId === 'm18.high_value_share')).toMatchObject({ eligible: 1 });
    const r = await call(t.app, ent, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.a });
    const m18 = (r.json().results as { itemId: string; explanation: string }[]).find((x) => x.itemId === 'm18.high_value_share')!;
    expect(m18.explanation).toContain(`（${lastYear} 年度数据，部门核实）`);
  });

  it("the enterprise's edit of a verified year makes it declared again; imported years say 导入", async () => {
    expect((await call(t.app, ent, 'PUT', `/api/orgs/${fx.orgs.a}/figures/${lastYear}`, { ...FIGS, patentsHighValue: 20 })).json().figures).toMatchObject({ source: 'declared', verifiedAt: null });
    const run = await runToEnd();
    expect(run.declaredOnly).toBe(1);
    expect(run.totals.find((x) => x.itemId === 'm18.high_value_share')).toMatchObject({ eligible: 0 });

    await t.database.db.updateTable('enterprise_yearly_figures').set({ source: 'imported' }).where('org_id', '=', fx.orgs.a).execute();
    expect((await call(t.app, official, 'POST', `/api/orgs/${fx.orgs.a}/figures/${lastYear}/verify`)).statusCode).toBe(409);
    const r = await call(t.app, ent, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.a });
    const m18 = (r.json().results as { itemId: string; explanation: string }[]).find((x) => x.itemId === 'm18.high_value_share')!;
    expect(m18.explanation).toContain(`（${lastYear} 年度数据，导入）`);
    expect((await call(t.app, ent, 'PUT', `/api/orgs/${fx.orgs.a}/figures/${lastYear}`, FIGS)).json().figures.source).toBe('declared');
  });

  async function runToEnd(): Promise<Run> {
    const started = await call(t.app, official, 'POST', '/api/policy/runs');
    expect(started.statusCode).toBe(202);
    const id = started.json().id as number;
    for (;;) {
      const r = (await call(t.app, official, 'GET', `/api/policy/runs/${id}`)).json() as Run;
      if (r.status !== 'running') return r;
      await new Promise((res) => setTimeout(res, 50));
    }
  }
});
