import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import { createUser } from '../../src/users/service.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';
import { achievement, demand, WAN } from '../helpers/market.js';

describe('technology market API', { timeout: 120_000 }, () => {
  let t: TestApp;
  let inst: Session;
  let ent: Session;
  let ent2: Session;
  let aId: number;
  let dId: number;
  beforeAll(async () => {
    t = await openTestApp();
    await seedFixture(t.database);
    inst = await signIn(t.app, 'institution', PASSWORD);
    ent = await signIn(t.app, 'enterprise', PASSWORD);
    ent2 = await signIn(t.app, 'enterprise2', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('an institution publishes achievements; bad input is refused naming the field and nothing is stored', async () => {
    const ok = await call(t.app, inst, 'POST', '/api/market/achievements', achievement());
    expect(ok.statusCode).toBe(200);
    aId = ok.json().id;
    const cases: [Record<string, unknown>, string][] = [
      [{ trl: 10 }, 'trl'],
      [{ title: '光'.repeat(121) }, 'title'],
      [{ valuation: { amountFen: -1, method: 'income', date: '2026-06-30' } }, 'valuation.amountFen'],
      [{ fields: ['nope.nothing'] }, 'fields[0]'],
      [{ modes: [] }, 'modes'],
    ];
    for (const [over, field] of cases) {
      const r = await call(t.app, inst, 'POST', '/api/market/achievements', achievement(over));
      expect(r.statusCode, field).toBe(400);
      expect(r.json().error.field, field).toBe(field);
    }
    expect(await t.database.db.selectFrom('achievements').select('id').execute()).toHaveLength(1);
    await call(t.app, inst, 'POST', '/api/market/achievements', achievement({ title: '锂电池隔膜陶瓷涂覆工艺', abstract: '一种用于动力电池隔膜的陶瓷涂覆工艺，提高热稳定性与安全性。', keywords: ['锂电池', '隔膜'], fields: ['energy.battery'] }));
    await call(t.app, inst, 'POST', '/api/market/achievements', achievement({ title: '保密的硅光子光模块工艺', confidential: true }));
    // text with markup is stored and returned as text
    const script = await call(t.app, inst, 'POST', '/api/market/achievements', achievement({ title: '<script>alert(1)</script>光模块检测' }));
    expect((await call(t.app, ent, 'GET', `/api/market/achievements/${script.json().id}`)).json().title).toBe('<script>alert(1)</script>光模块检测');
  });

  it('searches in Chinese with highlighted terms and filters; confidential achievements are hidden from others', async () => {
    const r = (await call(t.app, ent, 'GET', `/api/market/achievements?q=${encodeURIComponent('硅光子 光模块 良率')}`)).json();
    expect(r.items[0]).toMatchObject({ id: aId, disclosed: true });
    expect(r.items[0].highlight).toEqual(expect.arrayContaining(['硅光子', '光模块']));
    expect(r.items.some((x: { confidential: boolean }) => x.confidential)).toBe(false);
    const own = (await call(t.app, inst, 'GET', `/api/market/achievements?q=${encodeURIComponent('硅光子')}`)).json();
    expect(own.items.some((x: { confidential: boolean }) => x.confidential)).toBe(true);
    const byField = (await call(t.app, ent, 'GET', '/api/market/achievements?fields=energy')).json();
    expect(byField.items.map((x: { title: string }) => x.title)).toEqual(['锂电池隔膜陶瓷涂覆工艺']);
    expect((await call(t.app, ent, 'GET', '/api/market/achievements?trlMin=7')).json().total).toBe(0);
  });

  it('an enterprise publishes a demand (a past deadline or a budget upside down is refused) and gets ranked achievements with reasons', async () => {
    expect((await call(t.app, ent, 'POST', '/api/market/demands', demand({ deadline: '2020-01-01' }))).json().error.field).toBe('deadline');
    expect((await call(t.app, ent, 'POST', '/api/market/demands', demand({ budgetFen: { min: 500 * WAN, max: 100 * WAN } }))).json().error.field).toBe('budgetFen.max');
    expect((await call(t.app, ent, 'POST', '/api/market/demands', demand({ requiredTrl: { min: 0, max: 7 } }))).json().error.field).toBe('requiredTrl.min');
    const r = await call(t.app, ent, 'POST', '/api/market/demands', demand());
    expect(r.statusCode).toBe(200);
    dId = r.json().id;
    const m = (await call(t.app, ent, 'GET', `/api/market/demands/${dId}/matches`)).json().matches;
    expect(m[0]).toMatchObject({ id: aId });
    expect(m[0].reasons.map((x: { kind: string }) => x.kind)).toEqual(['terms', 'field', 'trl', 'budget', 'modes', 'district']);
    expect(m.find((x: { title: string }) => x.title.includes('保密'))).toBeUndefined();
    // and the other way round
    expect((await call(t.app, inst, 'GET', `/api/market/achievements/${aId}/matches`)).json().matches[0]).toMatchObject({ id: dId });
  });

  it('a demand visible to matched parties only is hidden from other enterprises', async () => {
    const r = await call(t.app, ent, 'POST', '/api/market/demands', demand({ title: '不公开的需求：光模块测试', visibility: 'matched' }));
    expect((await call(t.app, ent2, 'GET', `/api/market/demands/${r.json().id}`)).statusCode).toBe(404);
    expect((await call(t.app, ent, 'GET', `/api/market/demands/${r.json().id}`)).statusCode).toBe(200);
    expect((await call(t.app, inst, 'POST', '/api/market/demands', demand())).statusCode).toBe(403);
  });

  it('a new demand is matched in the background and both sides are notified', async () => {
    let matches: { total: number; items: { id: number; demandId: number; achievementId: number; stage: string }[] } = { total: 0, items: [] };
    for (let i = 0; i < 100 && !matches.items.some((m) => m.demandId === dId); i++) {
      await new Promise((r) => setTimeout(r, 50));
      matches = (await call(t.app, ent, 'GET', '/api/market/matches')).json();
    }
    const m = matches.items.find((x) => x.demandId === dId && x.achievementId === aId)!;
    expect(m).toMatchObject({ stage: 'recommended' });
    const n = (await call(t.app, inst, 'GET', '/api/notifications')).json();
    expect(n.unread).toBeGreaterThan(0);
    expect(n.items.some((x: { kind: string }) => x.kind === 'match')).toBe(true);
  });

  it('moves through the pipeline: illegal moves refused, reasons required, the broker recorded, conversion records the amount', async () => {
    const list = (await call(t.app, ent, 'GET', '/api/market/matches')).json().items as { id: number; demandId: number; achievementId: number }[];
    const id = list.find((x) => x.demandId === dId && x.achievementId === aId)!.id;
    const illegal = await call(t.app, ent, 'POST', `/api/market/matches/${id}/move`, { action: 'sign', contractFen: 100 });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error.message).toContain('不能“签约”');
    expect((await call(t.app, ent, 'POST', `/api/market/matches/${id}/move`, { action: 'decline' })).json().error.field).toBe('reason');
    expect((await call(t.app, ent, 'POST', `/api/market/matches/${id}/move`, { action: 'contact' })).json()).toEqual({ stage: 'contacted' });
    expect((await call(t.app, inst, 'POST', `/api/market/matches/${id}/move`, { action: 'negotiate' })).json()).toEqual({ stage: 'negotiating' });
    const broker = await signIn(t.app, 'tech_manager', PASSWORD);
    expect((await call(t.app, broker, 'POST', `/api/market/matches/${id}/move`, { action: 'sign' })).json().error.field).toBe('contractFen');
    expect((await call(t.app, broker, 'POST', `/api/market/matches/${id}/move`, { action: 'sign', contractFen: 280 * WAN })).json()).toEqual({ stage: 'signed' });
    expect((await call(t.app, broker, 'POST', `/api/market/matches/${id}/move`, { action: 'convert' })).json()).toEqual({ stage: 'converted' });
    const detail = (await call(t.app, ent, 'GET', `/api/market/matches/${id}`)).json();
    expect(detail).toMatchObject({ stage: 'converted', contractFen: 280 * WAN, overdue: false });
    expect(detail.brokerUserId).not.toBeNull();
    expect(detail.events.map((e: { to: string }) => e.to)).toEqual(['recommended', 'contacted', 'negotiating', 'signed', 'converted']);
    expect((await call(t.app, ent, 'GET', `/api/market/achievements/${aId}`)).json().status).toBe('converted');
    expect((await call(t.app, ent, 'POST', `/api/market/matches/${id}/move`, { action: 'terminate', reason: 'price' })).statusCode).toBe(409);
    // an enterprise that is not a party cannot see it
    expect((await call(t.app, ent2, 'GET', `/api/market/matches/${id}`)).statusCode).toBe(404);
  });

  it('a match left unanswered past its deadline is overdue; both parties are reminded once', async () => {
    const d2 = (await call(t.app, ent, 'POST', '/api/market/demands', demand({ title: '锂电池隔膜热稳定性', problem: '动力电池隔膜高温收缩，热稳定性不足，希望引进陶瓷涂覆工艺提升安全性。', fields: ['energy.battery'] }))).json().id;
    let id: number | undefined;
    for (let i = 0; i < 100 && !id; i++) {
      await new Promise((r) => setTimeout(r, 50));
      id = ((await call(t.app, ent, 'GET', '/api/market/matches?stage=recommended')).json().items as { id: number; demandId: number }[]).find((x) => x.demandId === d2)?.id;
    }
    await t.database.db.updateTable('market_matches').set({ response_due: new Date(Date.now() - 1000) }).where('id', '=', id!).execute();
    expect((await call(t.app, ent, 'GET', `/api/market/matches/${id}`)).json().overdue).toBe(true);
    const official = await signIn(t.app, 'official', PASSWORD);
    expect((await call(t.app, official, 'POST', '/api/market/reminders')).json().reminded).toBe(1);
    expect((await call(t.app, official, 'POST', '/api/market/reminders')).json().reminded).toBe(0);
    const n = (await call(t.app, ent, 'GET', '/api/notifications')).json().items as { kind: string }[];
    expect(n.filter((x) => x.kind === 'match.overdue')).toHaveLength(1);
  });

  it('officials curate demands into the 技术攻关清单: merged, refined, prioritised, published; the public sees only published entries', async () => {
    const official = await signIn(t.app, 'official', PASSWORD);
    const other = (await call(t.app, ent2, 'POST', '/api/market/demands', demand({ title: '光模块耦合自动化', problem: '光模块生产中耦合工序依赖人工，效率低、一致性差，需要自动化方案。' }))).json().id;
    const bad = await call(t.app, official, 'POST', '/api/market/tasks', { title: '高速光模块自动耦合封装', description: '合并两家企业的同类需求：800G 光模块自动耦合对准与封装良率提升。', fields: ['photonics.optical_comm'], priority: 'high', demandIds: [dId, 999999] });
    expect(bad.json().error.field).toBe('demandIds[1]');
    const r = await call(t.app, official, 'POST', '/api/market/tasks', { title: '高速光模块自动耦合封装', description: '合并两家企业的同类需求：800G 光模块自动耦合对准与封装良率提升。', fields: ['photonics.optical_comm'], priority: 'high', demandIds: [dId, other] });
    expect(r.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/market/tasks' })).json().tasks).toEqual([]);
    expect((await call(t.app, official, 'GET', '/api/market/tasks/all')).json().tasks[0]).toMatchObject({ status: 'draft', demandIds: [dId, other].sort((a, b) => a - b) });
    expect((await call(t.app, official, 'POST', `/api/market/tasks/${r.json().id}/publish`)).statusCode).toBe(200);
    expect((await call(t.app, official, 'POST', `/api/market/tasks/${r.json().id}/publish`)).statusCode).toBe(409);
    const pub = (await t.app.inject({ method: 'GET', url: '/api/market/tasks' })).json().tasks;
    expect(pub).toEqual([expect.objectContaining({ title: '高速光模块自动耦合封装', priority: 'high', department: '市科技局', demandCount: 2 })]);
    expect(pub[0].demandIds).toBeUndefined();
    // an official of another department cannot withdraw it
    await createUser(t.database.db, SYSTEM_ACTOR, { username: 'gxj_official', displayName: '工信局', password: PASSWORD, role: 'official', departmentCode: 'gxj' });
    const gx = await signIn(t.app, 'gxj_official', PASSWORD);
    expect((await call(t.app, gx, 'POST', `/api/market/tasks/${r.json().id}/withdraw`)).statusCode).toBe(403);
    expect((await call(t.app, official, 'POST', `/api/market/tasks/${r.json().id}/withdraw`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/market/tasks' })).json().tasks).toEqual([]);
  });
});
