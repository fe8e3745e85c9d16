/**
 * Policy as data, end to end through the HTTP API (issue #12):
 * - what an enterprise was granted counts in the calculator as at approval (once, limits across years);
 * - a yearly quota holds under concurrent approvals of different enterprises (a real race on PostgreSQL),
 *   and the calculator says when it is full;
 * - an item's effect (measure 4: the young scientist becomes a 领军人才) is recorded after its 公示 and read by other rules;
 * - an administrator's derived fact (an increment over last year) drives an item's amount.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadItem } from '../../src/policy/engine/check.js';
import { saveVersion } from '../../src/policy/repository.js';
import { loadCatalogue } from '../../src/policy/service.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

const WAN = 1_000_000;
const N = Number(process.env.QUOTA_RACE_N ?? 8);
const ON = process.env.TEST_DATABASE_URL ? 'PostgreSQL (a real race)' : 'PGlite (serialised)';

describe(`policy rules read the grant history, quotas and effects, on ${ON}`, { timeout: 600_000 }, () => {
  let t: TestApp;
  let official: Session;
  let admin: Session;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  const versions = new Map<string, number>();

  beforeAll(async () => {
    t = await openTestApp();
    fx = await seedFixture(t.database);
    official = await signIn(t.app, 'official', PASSWORD);
    admin = await signIn(t.app, 'admin', PASSWORD);
    const quotaItem = loadItem({
      id: 'm6.quota_test', measure: 6, title: '名额测试事项', clause: '名额测试', departments: ['kjj'], form: '支持', period: 'per_year', status: 'official',
      effective: { from: '2026-01-01' }, parameters: { quota: { kind: 'count', value: 3, label: '年度名额', clause: '每年支持 3 家' } },
      eligibility: { fact: 'newRdInstitute', is: true }, amount: { fixed: '10万' }, quota: { perYear: '$quota', scope: 'city' },
    });
    const lifetimeItem = loadItem({
      id: 'm6.lifetime_test', measure: 6, title: '累计封顶测试', clause: '累计封顶测试', departments: ['kjj'], form: '支持', period: 'per_year', status: 'official',
      effective: { from: '2020-01-01' }, eligibility: { fact: 'newRdInstitute', is: true }, amount: { fixed: '40万' },
      limits: { maxYears: 3, consecutive: true, lifetimeCap: '100万' },
    });
    await t.database.db.transaction().execute(async (trx) => {
      await saveVersion(trx, quotaItem, 'admin', null, '测试');
      await saveVersion(trx, lifetimeItem, 'admin', null, '测试');
    });
    for (const v of await t.database.db.selectFrom('policy_item_versions').select(['item_id', 'version']).orderBy('version').execute()) versions.set(v.item_id, v.version);
  });
  afterAll(async () => t?.close());

  const bank = JSON.stringify({ holder: '测试企业', bank: '中国银行苏州分行', account: '6216610800012345' });

  async function enterprise(name: string, uscc: string, district = '320571') {
    const { id } = await t.database.db.insertInto('organisations').values({ kind: 'enterprise', name, uscc, district_code: district, industry_code: '39' }).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  /** An application waiting for approval (inserted as after review), with a funded budget for its item and year. */
  async function waiting(orgId: number, itemId: string, year: number, amountFen: number, state = 'approval') {
    const evaluation = JSON.stringify({ status: 'eligible', amount: { min: amountFen, max: amountFen }, kind: 'entitlement', missing: [], failed: [], steps: [], explanation: '' });
    const { id } = await t.database.db
      .insertInto('applications')
      .values({ org_id: orgId, item_id: itemId, item_version: versions.get(itemId)!, year, origin: 'apply', state, project: null, facts: '{}', evaluation, engine_min_fen: amountFen, engine_max_fen: amountFen, bank_account: bank })
      .returning('id')
      .executeTakeFirstOrThrow();
    const has = await t.database.db.selectFrom('budgets').select('id').where('item_id', '=', itemId).where('year', '=', year).executeTakeFirst();
    if (!has) expect((await call(t.app, official, 'POST', '/api/funding/budgets', { name: `测试 ${itemId} ${year}`, kind: 'item', itemId, year, fundFen: 10_000 * WAN })).statusCode).toBe(200);
    return id;
  }

  const approve = (id: number, amountFen: number) => call(t.app, official, 'POST', `/api/funding/applications/${id}/act`, { action: 'approve', amountFen, reason: '名额与历史测试审批' });

  it(`a quota of 3 a year: ${N} enterprises approved at once, exactly 3 pass, the others are refused naming the quota`, async () => {
    const ids: number[] = [];
    for (let i = 0; i < N; i++) ids.push(await waiting(await enterprise(`名额测试企业 ${i}`, `91320500QUOTA${String(i).padStart(5, '0')}`), 'm6.quota_test', 2026, 10 * WAN));
    const results = await Promise.all(ids.map((id) => approve(id, 10 * WAN)));
    if (!results.some((r) => r.statusCode === 200)) console.log(results[0]!.body);
    expect(results.filter((r) => r.statusCode === 200).length).toBe(3);
    for (const r of results.filter((x) => x.statusCode !== 200)) {
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json().error.message).toContain('名额 3 个已满');
    }
    const { n } = await t.database.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).where('item_id', '=', 'm6.quota_test').where('state', '=', 'publicity').executeTakeFirstOrThrow();
    expect(Number(n)).toBe(3);
  });

  it('the calculator says when the quota is full', async () => {
    const r = await call(t.app, official, 'POST', '/api/policy/evaluate', { facts: { newRdInstitute: true } });
    expect(r.statusCode, r.body).toBe(200);
    const res = (r.json().results as { itemId: string; status: string; setAside?: string }[]).find((x) => x.itemId === 'm6.quota_test')!;
    expect(res.status).toBe('not_eligible');
    expect(res.setAside).toContain('名额 3 个已满');
  });

  it('an award once granted: the calculator (with the enterprise) says so, as approval does', async () => {
    const id = await waiting(fx.orgs.a, 'm4.top_talent', 2026, 100 * WAN);
    // m4.top_talent is a ceiling 0–1亿: approve 100万.
    await t.database.db.updateTable('applications').set({ evaluation: JSON.stringify({ status: 'eligible', amount: { min: 0, max: 10_000 * WAN }, kind: 'ceiling', missing: [], failed: [], steps: [], explanation: '' }), engine_min_fen: 0, engine_max_fen: 10_000 * WAN }).where('id', '=', id).execute();
    expect((await approve(id, 100 * WAN)).statusCode).toBe(200);
    const r = await call(t.app, official, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.a, facts: { topTalentTeam: true } });
    const res = (r.json().results as { itemId: string; status: string; explanation: string }[]).find((x) => x.itemId === 'm4.top_talent')!;
    expect(res.status).toBe('not_eligible');
    expect(res.explanation).toContain('一次性奖励已于 2026 年兑现（100 万元，申报 #');
    // Another enterprise is not affected.
    const other = await call(t.app, official, 'POST', '/api/policy/evaluate', { orgId: fx.orgs.b, facts: { topTalentTeam: true } });
    expect((other.json().results as { itemId: string; status: string }[]).find((x) => x.itemId === 'm4.top_talent')!.status).toBe('eligible');
  });

  it('consecutive years with a lifetime total: 40万 in 2024 and 2025, 2026 is trimmed to 20万; a gap ends the run', async () => {
    const org = await enterprise('累计测试企业', '91320500LIFE000001');
    for (const year of [2024, 2025]) expect((await approve(await waiting(org, 'm6.lifetime_test', year, 40 * WAN), 40 * WAN)).statusCode).toBe(200);
    const calc = await call(t.app, official, 'POST', '/api/policy/evaluate', { orgId: org, facts: { newRdInstitute: true } });
    const res = (calc.json().results as { itemId: string; status: string; amount: { max: number } | null }[]).find((x) => x.itemId === 'm6.lifetime_test')!;
    expect(res).toMatchObject({ status: 'eligible', amount: { max: 20 * WAN } });
    // Approval refuses more than what is left, with the same reason.
    const id = await waiting(org, 'm6.lifetime_test', 2026, 40 * WAN);
    const refused = await approve(id, 40 * WAN);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ field: 'amountFen' });
    expect(refused.json().error.message).toContain('本项最多还可批 20 万元');
    // An enterprise supported in 2023 but not in 2025 cannot resume in 2026 (consecutive).
    const gap = await enterprise('中断测试企业', '91320500LIFE000002');
    expect((await approve(await waiting(gap, 'm6.lifetime_test', 2023, 40 * WAN), 40 * WAN)).statusCode).toBe(200);
    const g = await call(t.app, official, 'POST', '/api/policy/evaluate', { orgId: gap, facts: { newRdInstitute: true } });
    const gr = (g.json().results as { itemId: string; status: string; explanation: string }[]).find((x) => x.itemId === 'm6.lifetime_test')!;
    expect(gr.status).toBe('not_eligible');
    expect(gr.explanation).toContain('须连续支持');
  });

  it('measure 4: after its 公示 the young scientist is recognised as a 领军人才, which measure 4 leading-talent support then reads', async () => {
    const org = await enterprise('青年科学家测试企业', '91320500YOUNG00001');
    const id = await waiting(org, 'm4.young_scientist', 2026, 50 * WAN, 'publicity');
    await t.database.db.updateTable('applications').set({ approved_fen: 50 * WAN, publicity_from: '2026-01-01', publicity_to: '2026-01-08' }).where('id', '=', id).execute();
    const r = await call(t.app, official, 'POST', `/api/funding/applications/${id}/act`, { action: 'end_publicity' });
    expect(r.statusCode, r.body).toBe(200);
    const q = await t.database.db.selectFrom('organisation_qualifications').selectAll().where('org_id', '=', org).execute();
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ type_code: 'leading_talent', source: `application:${id}` });
    const calc = await call(t.app, official, 'POST', '/api/policy/evaluate', { orgId: org });
    const lt = (calc.json().results as { itemId: string; status: string; explanation: string }[]).find((x) => x.itemId === 'm4.leading_talent')!;
    expect(lt.status).toBe('eligible');
    expect(lt.explanation).toContain('已认定为苏州创新创业领军人才');
  });

  it('an administrator defines a derived fact (R&D increase over last year) and an item pays 10% of it, capped at 100万', async () => {
    const bad = await call(t.app, admin, 'POST', '/api/policy/facts', { name: 'rdIncrease', label: '研发费用增量', type: 'count', source: 'derived', meaning: '最近年度减上一年度', expression: { sub: [{ fact: 'rdExpense' }, { fact: 'rdExpense', yearsAgo: 1 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('expression');
    const cycle = await call(t.app, admin, 'POST', '/api/policy/facts', { name: 'selfRef', label: '自引用', type: 'money', source: 'derived', meaning: '引用自身的事实', expression: { add: [{ fact: 'selfRef' }, '1万'] } });
    expect(cycle.statusCode).toBe(400);
    const builtin = await call(t.app, admin, 'POST', '/api/policy/facts', { name: 'revenue', label: '营业收入', type: 'money', source: 'declaration', meaning: '改写内置事实' });
    expect(builtin.json().error.field).toBe('name');
    expect((await call(t.app, official, 'POST', '/api/policy/facts', { name: 'x', label: 'xx', type: 'money', source: 'declaration', meaning: '无权' })).statusCode).toBe(403);
    const ok = await call(t.app, admin, 'POST', '/api/policy/facts', { name: 'rdIncrease', label: '研发费用增量', type: 'money', source: 'derived', meaning: '最近年度研发费用减上一年度', expression: { sub: [{ fact: 'rdExpense' }, { fact: 'rdExpense', yearsAgo: 1 }] } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'rdIncrease', source: 'derived', origin: 'admin', created: true });
    const list = await call(t.app, null, 'GET', '/api/policy/facts');
    expect((list.json().facts as { name: string }[]).map((f) => f.name)).toContain('rdIncrease');

    const item = loadItem(
      {
        id: 'm6.increment_test', measure: 6, title: '研发增量奖励测试', clause: '增量测试', departments: ['kjj'], form: '奖励', period: 'per_year', status: 'official',
        effective: { from: '2026-01-01' }, eligibility: { fact: 'rdIncrease', gt: '0元', label: '研发费用较上年增加' },
        amount: { cap: { rate: '10%', of: 'rdIncrease', rounding: 'half_up' }, max: '100万' },
      },
      await loadCatalogue(t.database.db),
    );
    await t.database.db.transaction().execute((trx) => saveVersion(trx, item, 'admin', null, '测试'));
    const org = await enterprise('增量测试企业', '91320500INCR000001');
    const fig = (year: number, rd: number) => ({ org_id: org, year, revenue: 1e10, rd_expense: rd, rd_expense_domestic: rd, staff: 100, rd_staff: 20, hightech_revenue: 0, net_assets: 0, patents_invention: 0, patents_utility: 0, patents_design: 0, software_copyrights: 0, patents_high_value: 0, tech_contract_income: 0, equity_financing: 0, source: 'imported' });
    await t.database.db.insertInto('enterprise_yearly_figures').values([fig(2024, 600 * WAN), fig(2025, 612_345_678)]).execute();
    const r = await call(t.app, official, 'POST', '/api/policy/evaluate', { orgId: org });
    const res = (r.json().results as { itemId: string; status: string; amount: { max: number } | null; explanation: string }[]).find((x) => x.itemId === 'm6.increment_test')!;
    // (6,123,456.78 − 6,000,000) 元 × 10% = 12,345.678 元 → 12,345.68 元 (half up)
    expect(res).toMatchObject({ status: 'eligible', amount: { max: 1_234_568 } });
    expect(res.explanation).toContain('上一年度研发费用');
    // With no earlier year the increment is unknown: asked for, never taken as zero.
    const lone = await enterprise('单年企业', '91320500INCR000002');
    await t.database.db.insertInto('enterprise_yearly_figures').values({ ...fig(2025, 100 * WAN), org_id: lone }).execute();
    const l = await call(t.app, official, 'POST', '/api/policy/evaluate', { orgId: lone });
    const lr = (l.json().results as { itemId: string; status: string; missing: { fact: string }[] }[]).find((x) => x.itemId === 'm6.increment_test')!;
    expect(lr.status).toBe('needs_input');
    expect(lr.missing.map((m) => m.fact)).toEqual(['rdExpense@-1']);
  });
});
