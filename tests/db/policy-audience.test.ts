import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

type Classified = { itemId: string; status: string; relevance: string; relevanceReason: string; relevanceMissing: { fact: string }[] };

describe('适用对象: a micro firm is not offered what it cannot apply for', { timeout: 120_000 }, () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  let admin: Session;
  let official: Session;
  let ent: Session;
  beforeAll(async () => {
    t = await openTestApp();
    fx = await seedFixture(t.database);
    admin = await signIn(t.app, 'admin', PASSWORD);
    official = await signIn(t.app, 'official', PASSWORD);
    ent = await signIn(t.app, 'enterprise', PASSWORD);
    await t.database.db.updateTable('organisations').set({ size_band: 'micro' }).where('id', '=', fx.orgs.a).execute();
    expect(admin).toBeDefined();
  });
  afterAll(async () => t?.close());

  const by = (rs: Classified[], id: string) => rs.find((r) => r.itemId === id)!;

  it('the calculator classifies every item for the enterprise, with the reason', async () => {
    const r = await call(t.app, ent, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.a });
    expect(r.statusCode).toBe(200);
    const results = r.json().results as Classified[];
    for (const id of ['m1.national_key_lab', 'm1.advanced_institute', 'm19.offshore_build', 'm5.global_rd_center']) {
      expect(by(results, id).relevance, id).toBe('cannot');
      expect(by(results, id).relevanceReason).toMatch(/^不属于适用对象：要求/);
    }
    expect(by(results, 'm1.national_key_lab').relevanceReason).toContain('本单位：微型');
    // 苏转保 is for 中小微企业: it might apply once the premium is given
    expect(by(results, 'm13.insurance')).toMatchObject({ relevance: 'might', relevanceMissing: [{ fact: 'insurancePremium' }] });
    const might = results.filter((x) => x.relevance === 'might').length;
    expect(might).toBeLessThan(results.filter((x) => x.status === 'needs_input').length);
  });

  it('a medium firm may still get 全国重点实验室 after saying it has one', async () => {
    const off = await call(t.app, official, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.b });
    expect(off.statusCode).toBe(200);
    expect(by(off.json().results, 'm1.national_key_lab')).toMatchObject({ relevance: 'might', relevanceMissing: [{ fact: 'nationalKeyLab' }] });
  });

  it('the benefits of a 免申即享 run carry the same classification', async () => {
    const started = await call(t.app, official, 'POST', '/api/policy/runs');
    expect(started.statusCode).toBe(202);
    const id = started.json().id as number;
    for (;;) {
      const run = (await call(t.app, official, 'GET', `/api/policy/runs/${id}`)).json() as { status: string };
      if (run.status !== 'running') break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const b = await call(t.app, ent, 'GET', `/api/policy/benefits/${fx.orgs.a}`);
    expect(b.statusCode).toBe(200);
    const benefits = b.json().benefits as Classified[];
    expect(by(benefits, 'm1.national_key_lab')).toMatchObject({ status: 'needs_input', relevance: 'cannot' });
    expect(by(benefits, 'm13.insurance').relevance).toBe('might');
  });

  it('an institution tests its own organisation: items for enterprises cannot apply, its own may; what it declared is remembered', async () => {
    const inst = await signIn(t.app, 'institution', PASSWORD);
    const r = await call(t.app, inst, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.uni, facts: { nationalScienceCenter: true } });
    expect(r.statusCode).toBe(200);
    const results = r.json().results as Classified[];
    // 苏转保 is for 中小微企业, 全球研发中心 for enterprises: not for a university.
    expect(by(results, 'm13.insurance').relevance).toBe('cannot');
    expect(by(results, 'm5.global_rd_center').relevance).toBe('cannot');
    // 基础科学中心 is for 高等院校: with the fact declared it applies.
    expect(by(results, 'm1.science_center')).toMatchObject({ status: 'eligible', relevance: 'applies' });
    const remembered = await call(t.app, inst, 'GET', `/api/policy/declared/${fx.orgs.uni}`);
    expect(remembered.statusCode).toBe(200);
    expect(remembered.json().facts).toEqual(expect.arrayContaining([expect.objectContaining({ fact: 'nationalScienceCenter', value: true })]));
    // Not another organisation's records.
    expect((await call(t.app, inst, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.a })).statusCode).toBe(403);
    expect((await call(t.app, inst, 'GET', `/api/policy/declared/${fx.orgs.a}`)).statusCode).toBe(403);
  });
});
