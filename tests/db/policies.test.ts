/**
 * Policies as documents (issue #12 item 1): Suzhou's 19 measures are the policy
 * suzhou-2026; an administrator adds a district's top-up policy, an item quotes its
 * article and stacks with a city item across the two policies in the calculator.
 * The district policy here is a fictional sample, not any real document.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

const WAN = 1_000_000;
const SAMPLE_CODE = 'sample-district-2026';
const SAMPLE_TITLE = '示例区科技创新补充政策（测试样例）';
const SAMPLE_TEXT = [
  SAMPLE_TITLE,
  '（本文为测试用虚构样例，不是任何真实政策。）',
  '第一章 总则',
  '第一条 为支持示例区制造业企业技术改造，结合本区实际，制定本政策。',
  '第二章 支持措施',
  '第二条 设备投入补充奖励。对获得市级设备投入奖励的制造业企业，按照设备投资额2%再给予补充奖励，与市级奖励合计不超过400万元。（责任单位：示例区科技局）',
  '第三条 本政策自2026年1月1日起施行。',
].join('\n');

type Result = { itemId: string; policy?: string; status: string; amount: { min: number; max: number } | null; explanation: string };

describe('policies as documents', { timeout: 120_000 }, () => {
  let t: TestApp;
  let admin: Session;
  let admin2: Session;
  let ent: Session;
  beforeAll(async () => {
    t = await openTestApp();
    await seedFixture(t.database);
    admin = await signIn(t.app, 'admin', PASSWORD);
    admin2 = await signIn(t.app, 'admin2', PASSWORD);
    ent = await signIn(t.app, 'enterprise', PASSWORD);
  });
  afterAll(async () => t?.close());

  /**
   * Saving an item version under maker-checker: the administrator proposes (202), a second
   * administrator approves (200, the new version); a refused proposal is returned as it is.
   */
  async function saveItem(document: unknown, note: string): Promise<LightMyRequestResponse> {
    const proposed = await call(t.app, admin, 'POST', '/api/policy/items', { document, note });
    if (proposed.statusCode !== 202) return proposed;
    return call(t.app, admin2, 'POST', `/api/policy/proposals/${(proposed.json() as { id: number }).id}/approve`, {});
  }
  const versionDoc = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/policy/items/${id}/versions` })).json().versions[0].document as Record<string, unknown>;
  const auditOf = (action: string) => t.database.db.selectFrom('audit_log').select(['object_id', 'result', 'detail']).where('action', '=', action).orderBy('seq').execute();

  it('Suzhou’s 19 measures are the city policy suzhou-2026, with its full text and the items implementing each article', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/policies' })).json().items as { code: string; level: string; clauses: number; items: number; title: string }[];
    const suzhou = list.find((p) => p.code === 'suzhou-2026')!;
    expect(suzhou).toMatchObject({ level: 'city', clauses: 19, title: '苏州市推动科技创新和产业创新融合发展若干政策措施（征求意见稿）' });
    const items = (await t.app.inject({ method: 'GET', url: '/api/policy/items' })).json().items as { id: string; policy: string }[];
    expect(suzhou.items).toBe(items.length);
    expect(new Set(items.map((i) => i.policy))).toEqual(new Set(['suzhou-2026']));

    const detail = (await t.app.inject({ method: 'GET', url: '/api/policies/suzhou-2026' })).json();
    expect(detail.fullText).toContain('8.推动传统产业转型升级。鼓励企业采用新技术新工艺');
    expect(detail.fullText).not.toContain('[bookmark');
    expect(detail.articles).toHaveLength(19);
    const measures = (await t.app.inject({ method: 'GET', url: '/api/reference/measures' })).json().items as { no: number; title: string; clauseText: string; sectionTitle: string }[];
    expect(detail.articles.map((a: { no: number; title: string; text: string; section: string }) => [a.no, a.title, a.text, a.section])).toEqual(measures.map((m) => [m.no, m.title, m.clauseText, m.sectionTitle]));
    expect(detail.implementing.map((i: { id: string }) => i.id)).toContain('m8.equipment');
    expect(detail.implementing.find((i: { id: string }) => i.id === 'm8.equipment')).toMatchObject({ measure: 8, policy: 'suzhou-2026' });

    const missing = await t.app.inject({ method: 'GET', url: '/api/policies/no-such-policy' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ message: '政策不存在', field: 'code' });
  });

  it('refuses a bad policy document naming the field, in Chinese, and refuses non-administrators', async () => {
    const base = { code: SAMPLE_CODE, title: SAMPLE_TITLE, level: 'district', region: '示例区', issuer: '示例区人民政府（虚构）', fullText: SAMPLE_TEXT };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...base, region: undefined }, 'region', /区级或园区政策应写明适用地区/],
      [{ ...base, level: 'city' }, 'region', /市级政策不设适用地区/],
      [{ ...base, level: 'county' }, 'level', /层级应为/],
      [{ ...base, code: 'Sample 2026' }, 'code', /政策代码应为小写字母/],
      [{ ...base, region: '320599' }, 'region', /区县代码“320599”不存在/],
      [{ ...base, effectiveFrom: '2027-01-01', effectiveTo: '2026-01-01' }, 'effectiveTo', /失效日期不能早于生效日期/],
      [{ ...base, fullText: '本政策没有编号的条款，只有一段话。' }, 'fullText', /未能从全文中识别出条款/],
      [{ ...base, fullText: SAMPLE_TEXT.replace('第三条', '第五条') }, 'fullText', /第 2 条之后是第 5 条/],
      [{ ...base, clauses: [{ no: 1, text: '这句话不在全文里。' }] }, 'clauses[0].text', /应逐字出现在政策全文中/],
      [{ ...base, code: 'suzhou-2026' }, 'code', /政策代码“suzhou-2026”已存在/],
    ];
    for (const [body, field, message] of cases) {
      const r = await call(t.app, admin, 'POST', '/api/policies', body);
      expect(r.statusCode, `${field}: ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.json().error.field, r.body).toBe(field);
      expect(r.json().error.message).toMatch(message);
    }
    expect((await call(t.app, ent, 'POST', '/api/policies', base)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/policies' })).json().items.map((p: { code: string }) => p.code)).toEqual(['suzhou-2026']);
    // Refusals inside the service are audited as errors.
    expect((await auditOf('policy.document.create')).filter((a) => a.result === 'error').length).toBeGreaterThanOrEqual(5);
  });

  it('an administrator adds a district policy, its articles read from the text; a top-up item quoting it stacks with the city item', async () => {
    const created = await call(t.app, admin, 'POST', '/api/policies', {
      code: SAMPLE_CODE,
      title: SAMPLE_TITLE,
      level: 'district',
      region: '示例区',
      issuer: '示例区人民政府（虚构）',
      docNo: '示政规〔2026〕1号（虚构）',
      effectiveFrom: '2026-01-01',
      fullText: SAMPLE_TEXT,
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toEqual({ code: SAMPLE_CODE, clauses: 3 });
    expect(await auditOf('policy.document.create')).toContainEqual(expect.objectContaining({ object_id: SAMPLE_CODE, result: 'ok' }));
    const detail = (await t.app.inject({ method: 'GET', url: `/api/policies/${SAMPLE_CODE}` })).json();
    expect(detail).toMatchObject({ level: 'district', region: '示例区', regionName: null, status: 'draft', docNo: '示政规〔2026〕1号（虚构）', clauses: 3, items: 0 });
    expect(detail.articles[1]).toMatchObject({ no: 2, title: '设备投入补充奖励', section: '支持措施' });

    // The district's department, added by an administrator.
    const dept = await call(t.app, admin, 'POST', '/api/reference/departments', { code: 'sample_kjj', name: '示例区科技局' });
    expect(dept.statusCode, dept.body).toBe(200);
    expect((await call(t.app, admin, 'POST', '/api/reference/departments', { code: 'sample_kjj2', name: '示例区科技局' })).json().error).toMatchObject({ field: 'name' });
    expect((await call(t.app, ent, 'POST', '/api/reference/departments', { code: 'x_dept', name: '某部门' })).statusCode).toBe(403);

    // The city item and the district top-up share a stacking group: summed, within 400万 together.
    const stacking = { group: 'equipment-topup', policy: 'sum_cap', cap: '400万' };
    const city = await versionDoc('m8.equipment');
    expect((await saveItem({ ...city, stacking }, '与区级补充奖励同组，合计不超过400万元')).statusCode).toBe(200);
    const topup = {
      id: 'sample-district.equipment_topup',
      policy: SAMPLE_CODE,
      measure: 2,
      title: '设备投入补充奖励（示例区）',
      clause: '按照设备投资额2%再给予补充奖励',
      departments: ['sample_kjj'],
      form: '奖励',
      period: 'per_project',
      status: 'draft',
      effective: { from: '2026-01-01' },
      parameters: {
        rate: { kind: 'rate', value: '2%', label: '补充奖励比例', clause: '按照设备投资额2%再给予补充奖励' },
        threshold: { kind: 'money', value: '5000万', label: '门槛（同市级）', clause: '对获得市级设备投入奖励的制造业企业' },
      },
      eligibility: { all: [{ fact: 'isManufacturing', is: true, label: '制造业企业' }, { fact: 'equipmentInvestment', gte: '$threshold', label: '设备投资' }] },
      amount: { rate: '$rate', of: 'equipmentInvestment', rounding: 'half_up' },
      stacking,
    };
    const saved = await saveItem(topup, '示例区补充奖励');
    expect(saved.statusCode, saved.body).toBe(200);
    const row = await t.database.db.selectFrom('policy_item_versions').select(['policy_code', 'measure']).where('item_id', '=', topup.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ policy_code: SAMPLE_CODE, measure: 2 });

    const r = await call(t.app, ent, 'POST', '/api/policy/evaluate', { facts: { equipmentInvestment: 6000 * WAN, isManufacturing: true } });
    expect(r.statusCode, r.body).toBe(200);
    const results = r.json().results as Result[];
    const m8 = results.find((x) => x.itemId === 'm8.equipment')!;
    const district = results.find((x) => x.itemId === topup.id)!;
    expect(m8).toMatchObject({ policy: 'suzhou-2026', status: 'eligible', amount: { min: 300 * WAN, max: 300 * WAN } });
    // 6000万 × 2% = 120万 on its own; the group's 400万 leaves 100万 after the city's 300万.
    expect(district).toMatchObject({ policy: SAMPLE_CODE, status: 'eligible', amount: { min: 100 * WAN, max: 100 * WAN } });
    expect(district.explanation).toContain('同组合计上限');

    const after = (await t.app.inject({ method: 'GET', url: `/api/policies/${SAMPLE_CODE}` })).json();
    expect(after.items).toBe(1);
    expect(after.implementing.map((i: { id: string; policy: string; measure: number }) => [i.id, i.policy, i.measure])).toEqual([[topup.id, SAMPLE_CODE, 2]]);
  });

  it('an item is checked against its own policy’s article; an unknown policy or article is refused naming the field', async () => {
    const doc = structuredClone(await versionDoc('sample-district.equipment_topup')) as Record<string, unknown> & { parameters: Record<string, { clause: string }> };
    const check = (d: unknown) => call(t.app, admin, 'POST', '/api/policy/items/check', { document: d });
    expect((await check(doc)).statusCode).toBe(200);
    const unknownPolicy = (await check({ ...doc, policy: 'no-such-policy' })).json().error;
    expect(unknownPolicy).toMatchObject({ field: 'policy' });
    expect(unknownPolicy.message).toContain('政策“no-such-policy”不存在');
    expect((await check({ ...doc, measure: 9 })).json().error).toMatchObject({ field: 'measure', message: `政策“${SAMPLE_CODE}”没有第 9 条` });
    // Words of the Suzhou measure 8 are not in the district's article 2, and the reverse.
    expect((await check({ ...doc, clause: '按照设备投资额5%给予奖励' })).json().error.field).toBe('clause');
    const m8 = await versionDoc('m8.equipment');
    expect((await check({ ...m8, policy: SAMPLE_CODE, measure: 2 })).json().error.field).toBe('clause');
    const p = structuredClone(doc);
    p.parameters.rate!.clause = '按照设备投资额3%再给予补充奖励';
    expect((await check(p)).json().error).toMatchObject({ field: 'parameters.rate.clause' });
    // The database holds the same rule: a version must name an existing article of its policy.
    await expect(
      sql`INSERT INTO policy_item_versions (item_id, version, content_hash, document, measure, policy_code, status, origin) VALUES ('x.y', 1, 'h', '{}', 9, ${SAMPLE_CODE}, 'draft', 'admin')`.execute(t.database.db),
    ).rejects.toThrow();
  });

  it('an administrator changes status and dates (audited); the text of a quoted policy cannot change', async () => {
    const patch = await call(t.app, admin, 'PATCH', `/api/policies/${SAMPLE_CODE}`, { status: 'official', effectiveFrom: '2026-02-01', effectiveTo: '2028-12-31' });
    expect(patch.statusCode, patch.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/policies/${SAMPLE_CODE}` })).json()).toMatchObject({ status: 'official', effectiveFrom: '2026-02-01', effectiveTo: '2028-12-31' });
    expect((await auditOf('policy.document.update')).at(-1)).toMatchObject({ object_id: SAMPLE_CODE, result: 'ok' });
    expect((await call(t.app, admin, 'PATCH', `/api/policies/${SAMPLE_CODE}`, { effectiveTo: '2025-12-31' })).json().error).toMatchObject({ field: 'effectiveTo' });
    expect((await call(t.app, admin, 'PATCH', `/api/policies/${SAMPLE_CODE}`, {})).statusCode).toBe(400);

    const quoted = await call(t.app, admin, 'PATCH', `/api/policies/${SAMPLE_CODE}`, { fullText: SAMPLE_TEXT.replace('2%', '3%') });
    expect(quoted.statusCode).toBe(409);
    expect(quoted.json().error).toMatchObject({ field: 'fullText' });
    expect(quoted.json().error.message).toContain('已有支持事项引用该政策的条文，不能修改政策原文');
    expect((await call(t.app, admin, 'PATCH', '/api/policies/suzhou-2026', { clauses: [{ no: 1, text: '举全市之力' }] })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'GET', url: `/api/policies/${SAMPLE_CODE}` })).json().fullText).toBe(SAMPLE_TEXT);
    expect((await call(t.app, ent, 'PATCH', `/api/policies/${SAMPLE_CODE}`, { status: 'repealed' })).statusCode).toBe(403);
    expect((await call(t.app, admin, 'PATCH', '/api/policies/no-such-policy', { status: 'repealed' })).statusCode).toBe(404);
  });

  it('items are in force only while their policy is: a repealed district policy carries none of its items', async () => {
    const ids = async () => ((await call(t.app, ent, 'POST', '/api/policy/evaluate', { facts: {} })).json().results as Result[]).map((r) => r.itemId);
    const before = await ids();
    expect(before.some((id) => id.startsWith('sample-district'))).toBe(true);
    expect((await call(t.app, admin, 'PATCH', `/api/policies/${SAMPLE_CODE}`, { status: 'repealed' })).statusCode).toBe(200);
    const after = await ids();
    expect(after.filter((id) => !before.includes(id))).toEqual([]);
    expect(after.some((id) => id.startsWith('sample-district'))).toBe(false);
    expect(after).toContain('m8.equipment');
    expect((await call(t.app, admin, 'PATCH', `/api/policies/${SAMPLE_CODE}`, { status: 'official' })).statusCode).toBe(200);
    expect((await ids()).some((id) => id.startsWith('sample-district'))).toBe(true);
  });

  it('a policy no item quotes yet may have its text corrected; its articles are read again', async () => {
    const text = '示例园区人才补充政策（测试样例）\n1.引进人才补贴。对引进的博士给予补贴。\n2.附则。本政策由示例园区管委会负责解释。';
    const c = await call(t.app, admin, 'POST', '/api/policies', { code: 'sample-park-2026', title: '示例园区人才补充政策（测试样例）', level: 'park', region: '示例园区', issuer: '示例园区管委会（虚构）', fullText: text });
    expect(c.json()).toEqual({ code: 'sample-park-2026', clauses: 2 });
    const fixed = await call(t.app, admin, 'PATCH', '/api/policies/sample-park-2026', { fullText: text.replace('2.附则。', '2.租房补贴。对引进的博士给予租房补贴。\n3.附则。') });
    expect(fixed.json()).toEqual({ code: 'sample-park-2026', clauses: 3 });
    const detail = (await t.app.inject({ method: 'GET', url: '/api/policies/sample-park-2026' })).json();
    expect(detail.articles.map((a: { no: number; title: string }) => [a.no, a.title])).toEqual([[1, '引进人才补贴'], [2, '租房补贴'], [3, '附则']]);
    const explicit = await call(t.app, admin, 'PATCH', '/api/policies/sample-park-2026', { clauses: [{ no: 1, title: '引进人才补贴', text: '对引进的博士给予补贴。' }] });
    expect(explicit.json()).toEqual({ code: 'sample-park-2026', clauses: 1 });
    // City first, then district, then park.
    expect((await t.app.inject({ method: 'GET', url: '/api/policies' })).json().items.map((p: { code: string }) => p.code)).toEqual(['suzhou-2026', SAMPLE_CODE, 'sample-park-2026']);
  });

  it('a policy is written with its audit record or not at all', async () => {
    await sql`CREATE FUNCTION test_refuse_policy_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.result = 'ok' AND NEW.action IN ('policy.document.create', 'policy.document.update') THEN RAISE EXCEPTION 'refused by the test'; END IF;
        RETURN NEW;
      END $$`.execute(t.database.db);
    await sql`CREATE TRIGGER test_refuse_policy_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_refuse_policy_audit()`.execute(t.database.db);
    try {
      const body = { code: 'sample-audit-2026', title: '示例审计政策（测试样例）', level: 'city', issuer: '示例（虚构）', fullText: '1.第一条。测试文本。' };
      expect((await call(t.app, admin, 'POST', '/api/policies', body)).statusCode).toBe(500);
      expect(await t.database.db.selectFrom('policies').select('code').where('code', '=', 'sample-audit-2026').execute()).toEqual([]);
      expect(await t.database.db.selectFrom('policy_clauses').select('no').where('policy_code', '=', 'sample-audit-2026').execute()).toEqual([]);
      expect((await call(t.app, admin, 'PATCH', `/api/policies/${SAMPLE_CODE}`, { status: 'repealed' })).statusCode).toBe(500);
      expect((await t.app.inject({ method: 'GET', url: `/api/policies/${SAMPLE_CODE}` })).json().status).toBe('official');
    } finally {
      await sql`DROP TRIGGER test_refuse_policy_audit ON audit_log`.execute(t.database.db);
    }
  });
});
