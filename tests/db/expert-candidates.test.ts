/**
 * 指派专家 by expertise: the pool is ranked for an application by its project and item against each
 * expert's declared expertise; those who cannot be assigned say why (no account, 回避, already assigned);
 * only the item's departments (and administrators) may see the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import { createExpert } from '../../src/market/experts.js';
import { createUser } from '../../src/users/service.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type TestApp } from '../helpers/app.js';

describe('expert candidates for an application', () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  let appId: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await openTestApp();
    fx = await seedFixture(t.database);
    const db = t.database.db;
    const fields = (await db.selectFrom('tech_fields').select('code').limit(1).execute()).map((f) => f.code);
    const user = async (username: string) => (await createUser(db, SYSTEM_ACTOR, { username, displayName: username, password: PASSWORD, role: 'expert' })).id;
    const make = async (key: string, expertise: string, opts: { account?: boolean; orgId?: number | null } = {}) => {
      ids[key] = (await createExpert(db, SYSTEM_ACTOR, { name: `专家${key}`, orgId: opts.orgId ?? null, title: '研究员', fields, expertise, userId: opts.account === false ? null : await user(`exp_${key}`) } as never)).id;
    };
    await make('photonics', '硅光子芯片 光电共封装 高速光模块 封装测试');
    await make('battery', '锂离子电池 正极材料 固态电解质');
    await make('photonics_noacct', '硅光子 光模块 芯片设计', { account: false });
    await make('photonics_tied', '硅光子芯片 封装工艺', { orgId: fx.orgs.a });
    const evaluation = JSON.stringify({ status: 'eligible', amount: { min: 0, max: 100_000 }, kind: 'ceiling', missing: [], failed: [], steps: [], explanation: '' });
    appId = (
      await db
        .insertInto('applications')
        .values({ org_id: fx.orgs.a, item_id: 'm6.new_rd_institute', item_version: 1, year: 2026, origin: 'apply', state: 'expert_review', project: '硅光子芯片光电共封装中试线', facts: '{}', evaluation, engine_min_fen: 0, engine_max_fen: 100_000 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t?.close());

  it('ranks by expertise and says who cannot be assigned and why', async () => {
    const official = await signIn(t.app, 'official', PASSWORD);
    const r = await call(t.app, official, 'GET', `/api/funding/applications/${appId}/expert-candidates`);
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { expertId: number; score: number; hasAccount: boolean; conflict: string | null; assignable: boolean; reasons: string[] }[];
    const pos = (k: string) => items.findIndex((i) => i.expertId === ids[k]);
    const of = (k: string) => items[pos(k)]!;
    // The photonics experts rank above the battery expert, whose expertise shares nothing with the project.
    expect(pos('photonics')).toBeLessThan(pos('battery'));
    expect(of('photonics').score).toBeGreaterThan(0);
    expect(of('photonics').reasons[0]).toContain('硅光子');
    expect(of('battery')).toMatchObject({ score: 0, reasons: ['专长描述与本申报没有共同的词'], assignable: true });
    expect(of('photonics')).toMatchObject({ assignable: true, conflict: null, hasAccount: true });
    expect(of('photonics_noacct')).toMatchObject({ hasAccount: false, assignable: false });
    expect(of('photonics_tied').assignable).toBe(false);
    expect(of('photonics_tied').conflict).toContain('苏州甲科技有限公司');
    // Assigning the top candidate: then it is listed as assigned and no longer assignable.
    const act = await call(t.app, official, 'POST', `/api/funding/applications/${appId}/act`, { action: 'assign_expert', expertId: ids.photonics });
    expect(act.statusCode).toBe(200);
    const again = (await call(t.app, official, 'GET', `/api/funding/applications/${appId}/expert-candidates`)).json().items as { expertId: number; assigned: boolean; assignable: boolean }[];
    expect(again.find((i) => i.expertId === ids.photonics)).toMatchObject({ assigned: true, assignable: false });
  });

  it('is refused to the enterprise, an expert, and another department’s official', async () => {
    const db = t.database.db;
    await createUser(db, SYSTEM_ACTOR, { username: 'other_dept', displayName: '教育局', password: PASSWORD, role: 'official', departmentCode: 'jyj' });
    for (const who of ['enterprise', 'expert', 'other_dept']) {
      const s = await signIn(t.app, who, PASSWORD);
      expect((await call(t.app, s, 'GET', `/api/funding/applications/${appId}/expert-candidates`)).statusCode).toBe(403);
    }
  });
});
