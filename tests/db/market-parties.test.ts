import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';
import { achievement, demand, WAN } from '../helpers/market.js';

describe('technology market: editing, filters and matching to parties', { timeout: 120_000 }, () => {
  let t: TestApp;
  let inst: Session;
  let ent: Session;
  let ent2: Session;
  let official: Session;
  let broker: Session;
  let orgs: { a: number; b: number; uni: number };
  let aId: number;
  let dId: number;
  beforeAll(async () => {
    t = await openTestApp();
    ({ orgs } = await seedFixture(t.database));
    inst = await signIn(t.app, 'institution', PASSWORD);
    ent = await signIn(t.app, 'enterprise', PASSWORD);
    ent2 = await signIn(t.app, 'enterprise2', PASSWORD);
    official = await signIn(t.app, 'official', PASSWORD);
    broker = await signIn(t.app, 'tech_manager', PASSWORD);
    await t.database.db.updateTable('organisations').set({ district_code: '320571' }).where('id', '=', orgs.uni).execute();
    aId = (await call(t.app, inst, 'POST', '/api/market/achievements', achievement())).json().id;
    await call(t.app, inst, 'POST', '/api/market/achievements', achievement({ title: '光模块耦合对准视觉算法', keywords: ['光模块', '机器视觉'], valuation: { amountFen: 900 * WAN, method: 'market', date: '2026-05-01' } }));
    dId = (await call(t.app, ent, 'POST', '/api/market/demands', demand())).json().id;
  });
  afterAll(async () => t?.close());

  it('a new achievement is always 未转化: a status given on publishing is refused', async () => {
    const r = await call(t.app, inst, 'POST', '/api/market/achievements', achievement({ status: 'converted' }));
    expect(r.statusCode).toBe(400);
  });

  it('the owner edits an achievement: the data date moves to today and a stale flag clears; nobody else may edit', async () => {
    await t.database.db.updateTable('achievements').set({ data_as_of: '2020-01-01', updated_at: new Date() }).where('id', '=', aId).execute();
    expect((await call(t.app, inst, 'GET', `/api/market/achievements/${aId}`)).json()).toMatchObject({ stale: true, mine: true });
    const stale = (await call(t.app, inst, 'GET', '/api/market/achievements?stale=true')).json();
    expect(stale.items.map((x: { id: number }) => x.id)).toEqual([aId]);
    const edited = await call(t.app, inst, 'PUT', `/api/market/achievements/${aId}`, { ...achievement({ trl: 7 }), status: 'unconverted' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().changed).toEqual(['trl']);
    const after = (await call(t.app, ent, 'GET', `/api/market/achievements/${aId}`)).json();
    expect(after).toMatchObject({ trl: 7, stale: false, mine: false, ownerOrgName: '苏州测试大学' });
    expect((await call(t.app, inst, 'PUT', `/api/market/achievements/${aId}`, { ...achievement({ trl: 11 }), status: 'unconverted' })).json().error.field).toBe('trl');
    const admin = await signIn(t.app, 'admin', PASSWORD);
    expect((await call(t.app, admin, 'PUT', `/api/market/achievements/${aId}`, { ...achievement({ fields: ['x.y'] }), status: 'unconverted' })).json().error.field).toBe('fields[0]');
    expect((await call(t.app, ent, 'PUT', `/api/market/achievements/${aId}`, { ...achievement(), status: 'unconverted' })).statusCode).toBe(403);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'market.achievement.update').where('result', '=', 'ok').execute();
    expect(audit).toHaveLength(1);
  });

  it('filters by district, budget and TRL, and refuses a TRL range upside down or an unknown stage', async () => {
    const inBudget = (await call(t.app, ent, 'GET', `/api/market/achievements?q=${encodeURIComponent('光模块')}&budgetFen=${500 * WAN}`)).json();
    expect(inBudget.items.map((x: { id: number }) => x.id)).toEqual([aId]);
    expect((await call(t.app, ent, 'GET', '/api/market/achievements?district=320571')).json().total).toBe(2);
    // pages of a ranked search: the page is the slice of the full ranking, the total counts every hit
    const full = (await call(t.app, ent, 'GET', `/api/market/achievements?q=${encodeURIComponent('光模块 耦合')}`)).json();
    const second = (await call(t.app, ent, 'GET', `/api/market/achievements?q=${encodeURIComponent('光模块 耦合')}&page=2&pageSize=1`)).json();
    expect(second.total).toBe(full.total);
    expect(second.items.map((x: { id: number }) => x.id)).toEqual([full.items[1].id]);
    expect((await call(t.app, ent, 'GET', '/api/market/achievements?district=320583')).json().total).toBe(0);
    expect((await call(t.app, ent, 'GET', '/api/market/achievements?trlMin=8&trlMax=3')).json().error.field).toBe('trlMax');
    expect((await call(t.app, ent, 'GET', '/api/market/achievements?district=abc')).statusCode).toBe(400);
    expect((await call(t.app, ent, 'GET', '/api/market/matches?stage=bogus')).statusCode).toBe(400);
    expect((await call(t.app, inst, 'GET', '/api/market/demands?trl=6')).json().total).toBe(1);
    expect((await call(t.app, inst, 'GET', '/api/market/demands?trl=9')).json().total).toBe(0);
    expect((await call(t.app, inst, 'GET', `/api/market/demands?budgetMinFen=${400 * WAN}`)).json().total).toBe(1);
    expect((await call(t.app, inst, 'GET', `/api/market/demands?budgetMinFen=${600 * WAN}`)).json().total).toBe(0);
    expect((await call(t.app, inst, 'GET', '/api/market/demands?district=320571')).json().items[0]).toMatchObject({ id: dId, orgName: '苏州甲科技有限公司' });
  });

  it('a demand gets ranked institutions and experts with reasons; experts of the demand’s own enterprise are left out', async () => {
    const inst1 = (await call(t.app, ent, 'GET', `/api/market/demands/${dId}/institutions`)).json().institutions;
    expect(inst1[0]).toMatchObject({ id: orgs.uni, name: '苏州测试大学' });
    expect(inst1[0].reasons.map((r: { kind: string }) => r.kind)).toEqual(['achievements', 'achievements', 'district']);
    expect(inst1[0].reasons[0].text).toContain('硅光子光模块自动耦合封装技术');
    expect(inst1[0].reasons[2].text).toBe('同一区县');

    const expert = { name: '周光电', orgId: orgs.uni, title: '教授', fields: ['photonics.silicon'], expertise: '长期从事硅光子集成与光模块封装、自动耦合对准研究。', userId: null };
    expect((await call(t.app, official, 'POST', '/api/market/experts', { ...expert, fields: ['nope'] })).json().error.field).toBe('fields[0]');
    expect((await call(t.app, official, 'POST', '/api/market/experts', expert)).statusCode).toBe(200);
    await call(t.app, official, 'POST', '/api/market/experts', { ...expert, name: '王电池', fields: ['energy.battery'], expertise: '锂电池隔膜与电解液的研究，熟悉电池安全。' });
    await call(t.app, official, 'POST', '/api/market/experts', { ...expert, name: '甲公司总工', orgId: orgs.a, expertise: '硅光子光模块封装工艺与良率提升。' });
    const experts = (await call(t.app, ent, 'GET', `/api/market/demands/${dId}/experts`)).json().experts;
    expect(experts.map((e: { name: string }) => e.name)).toEqual(['周光电']);
    expect(experts[0].reasons[0].text).toContain('光模块');
    expect(experts[0].reasons[1].text).toBe('专长领域：光子与硅光子');
    expect(experts[0].reasons[2].text).toBe('教授，苏州测试大学');
    // another enterprise may see the public demand but not who could solve it
    expect((await call(t.app, ent2, 'GET', `/api/market/demands/${dId}/experts`)).statusCode).toBe(403);
    expect((await call(t.app, broker, 'GET', `/api/market/demands/${dId}/experts`)).statusCode).toBe(200);
  });

  it('an achievement gets ranked enterprises: those with matching demands first, then those in industries that use the field', async () => {
    const r = (await call(t.app, inst, 'GET', `/api/market/achievements/${aId}/enterprises`)).json().enterprises;
    expect(r[0]).toMatchObject({ id: orgs.a, name: '苏州甲科技有限公司' });
    expect(r[0].reasons.map((x: { kind: string }) => x.kind)).toEqual(['demands', 'industry', 'index', 'district']);
    expect(r[0].reasons[0].text).toContain('高速光模块封装良率提升');
    expect(r[0].reasons[1].text).toContain('光子与硅光子');
    // enterprise b (通用设备) has neither a matching demand nor a related industry
    expect(r.map((x: { id: number }) => x.id)).not.toContain(orgs.b);
    expect((await call(t.app, ent, 'GET', `/api/market/achievements/${aId}/enterprises`)).statusCode).toBe(403);
  });

  it('the enterprise edits and closes its demand; a closed demand is no longer matched and cannot be edited', async () => {
    expect((await call(t.app, ent2, 'PUT', `/api/market/demands/${dId}`, demand())).statusCode).toBe(403);
    expect((await call(t.app, ent, 'PUT', `/api/market/demands/${dId}`, demand({ deadline: '2020-01-01' }))).json().error.field).toBe('deadline');
    const ok = await call(t.app, ent, 'PUT', `/api/market/demands/${dId}`, demand({ title: '800G 光模块封装良率提升' }));
    expect(ok.json().changed).toEqual(['title']);
    expect((await call(t.app, inst, 'GET', `/api/market/achievements/${aId}/matches`)).json().matches.map((m: { id: number }) => m.id)).toContain(dId);
    expect((await call(t.app, ent, 'POST', `/api/market/demands/${dId}/close`, { reason: '' })).json().error.field).toBe('reason');
    expect((await call(t.app, ent, 'POST', `/api/market/demands/${dId}/close`, { reason: '已与高校签约' })).json()).toEqual({ id: dId, status: 'closed' });
    expect((await call(t.app, ent, 'POST', `/api/market/demands/${dId}/close`, { reason: '再关一次' })).statusCode).toBe(409);
    expect((await call(t.app, ent, 'PUT', `/api/market/demands/${dId}`, demand())).statusCode).toBe(409);
    expect((await call(t.app, inst, 'GET', `/api/market/achievements/${aId}/matches`)).json().matches.map((m: { id: number }) => m.id)).not.toContain(dId);
  });

  it('the pipeline lists matches by demand or achievement with the parties’ and broker’s names, and the broker hears of moves', async () => {
    const d2 = (await call(t.app, ent, 'POST', '/api/market/demands', demand({ title: '光模块自动耦合设备', problem: '需要光模块自动耦合对准设备，提高封装良率，降低人工成本和耗时。' }))).json().id;
    let items: { id: number; demandId: number; achievementId: number }[] = [];
    for (let i = 0; i < 100 && items.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      items = (await call(t.app, broker, 'GET', `/api/market/matches?demandId=${d2}`)).json().items;
    }
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((m) => m.demandId === d2)).toBe(true);
    const id = items.find((m) => m.achievementId === aId)!.id;
    expect((await call(t.app, broker, 'GET', `/api/market/matches?achievementId=${aId}&demandId=${d2}`)).json().total).toBe(1);
    const detail = (await call(t.app, broker, 'GET', `/api/market/matches/${id}`)).json();
    expect(detail).toMatchObject({ demandOrgName: '苏州甲科技有限公司', achievementOrgName: '苏州测试大学', brokerName: null });
    expect(detail.events[0]).toMatchObject({ action: 'recommend', by: null });
    await call(t.app, broker, 'POST', `/api/market/matches/${id}/move`, { action: 'contact' });
    expect((await call(t.app, broker, 'GET', `/api/market/matches?mine=true`)).json().items.map((m: { id: number; brokerName: string }) => [m.id, m.brokerName])).toEqual([[id, 'tech_manager']]);
    await call(t.app, ent, 'POST', `/api/market/matches/${id}/move`, { action: 'negotiate' });
    const n = (await call(t.app, broker, 'GET', '/api/notifications')).json();
    expect(n.items.map((x: { title: string }) => x.title)).toEqual(['经办的匹配有进展']);
    expect((await call(t.app, broker, 'POST', '/api/notifications/read', { ids: [n.items[0].id] })).json().updated).toBe(1);
  });
});
