/**
 * The matching pages (issue #13, item 10): the pipeline board best match first, weak matches below
 * MARKET_MATCH_FLOOR hidden (and shown with all=true) and never recommended, 响应需求 from a demand,
 * and near-identical titles from the same owner refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import { recommendFor } from '../../src/market/pipeline-service.js';
import { createUser } from '../../src/users/service.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';
import { achievement, demand } from '../helpers/market.js';

/** An achievement that shares only the word 良率 with the demand of tests/helpers/market.ts. */
const weak = (title: string) =>
  achievement({
    title,
    abstract: '一种纺织印染废水的深度处理工艺，出水色度稳定达标，回用率提高，兼顾处理良率与运行成本。',
    keywords: ['印染废水', '深度处理'],
    fields: ['energy.battery'],
    trl: 3,
    modes: ['transfer'],
  });

describe('matching pages', { timeout: 180_000 }, () => {
  let t: TestApp;
  let inst: Session;
  let inst2: Session;
  let ent: Session;
  let ent2: Session;
  let strongId: number;
  let weakId: number;
  let otherInstAId: number;
  let dId: number;
  beforeAll(async () => {
    t = await openTestApp();
    await seedFixture(t.database);
    const db = t.database.db;
    const uni2 = (await db.insertInto('organisations').values({ kind: 'university', name: '苏州第二测试大学' }).returning('id').executeTakeFirstOrThrow()).id;
    await createUser(db, SYSTEM_ACTOR, { username: 'institution2', displayName: 'institution2', password: PASSWORD, role: 'institution', orgId: uni2 });
    [inst, inst2, ent, ent2] = (await Promise.all(['institution', 'institution2', 'enterprise', 'enterprise2'].map((u) => signIn(t.app, u, PASSWORD)))) as [Session, Session, Session, Session];
    strongId = (await call(t.app, inst, 'POST', '/api/market/achievements', achievement())).json().id;
    weakId = (await call(t.app, inst, 'POST', '/api/market/achievements', weak('印染废水深度处理与回用工艺'))).json().id;
    otherInstAId = (await call(t.app, inst2, 'POST', '/api/market/achievements', achievement({ title: '800G 光模块硅光芯片耦合对准装置' }))).json().id;
    dId = (await call(t.app, ent, 'POST', '/api/market/demands', demand())).json().id;
    // The background recommendations of these publications are done before the tests look at the pipeline.
    for (let i = 0; i < 100; i++) {
      const n = await db.selectFrom('audit_log').select('seq').where('action', '=', 'market.recommend').execute();
      if (n.length >= 4) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(async () => t?.close());

  it('the pipeline board lists the best match first; sort=newest keeps the newest first', async () => {
    const db = t.database.db;
    await db.deleteFrom('market_match_events').execute();
    await db.deleteFrom('market_matches').execute();
    // Inserted in this order, so the newest is the weakest.
    for (const [achievementId, score] of [
      [otherInstAId, 0.6],
      [strongId, 0.9],
      [weakId, 0.4],
    ] as const)
      await db.insertInto('market_matches').values({ demand_id: dId, achievement_id: achievementId, score, reasons: '[]', stage: 'recommended' }).execute();
    const byScore = (await call(t.app, ent, 'GET', `/api/market/matches?demandId=${dId}`)).json().items as { achievementId: number; score: number }[];
    expect(byScore.map((m) => m.achievementId)).toEqual([strongId, otherInstAId, weakId]);
    const newest = (await call(t.app, ent, 'GET', `/api/market/matches?demandId=${dId}&sort=newest`)).json().items as { achievementId: number }[];
    expect(newest.map((m) => m.achievementId)).toEqual([weakId, strongId, otherInstAId]);
    expect((await call(t.app, ent, 'GET', '/api/market/matches?sort=oldest')).statusCode).toBe(400);
  });

  it('matches below the floor are hidden and counted, listed with all=true, and never recommended', async () => {
    const floor = t.config.MARKET_MATCH_FLOOR;
    const all = (await call(t.app, ent, 'GET', `/api/market/demands/${dId}/matches?all=true`)).json();
    const scores = new Map<number, number>(all.matches.map((m: { id: number; score: number }) => [m.id, m.score]));
    // The weak achievement shares one word and is below the floor; the strong one is above it.
    expect(scores.get(weakId)).toBeLessThan(floor);
    expect(scores.get(strongId)).toBeGreaterThanOrEqual(floor);
    const shown = (await call(t.app, ent, 'GET', `/api/market/demands/${dId}/matches`)).json();
    const below = all.matches.filter((m: { score: number }) => m.score < floor).length;
    expect(below).toBeGreaterThan(0);
    expect(shown.hidden).toBe(below);
    expect(shown.matches.map((m: { id: number }) => m.id)).toEqual(all.matches.filter((m: { score: number }) => m.score >= floor).map((m: { id: number }) => m.id));
    expect(all.hidden).toBe(0);
    // the achievement's side too
    const fromA = (await call(t.app, inst, 'GET', `/api/market/achievements/${weakId}/matches`)).json();
    expect(fromA.matches.some((m: { id: number }) => m.id === dId)).toBe(false);
    expect(fromA.hidden).toBeGreaterThan(0);
    expect((await call(t.app, inst, 'GET', `/api/market/achievements/${weakId}/matches?all=true`)).json().matches.some((m: { id: number }) => m.id === dId)).toBe(true);
    // recommending: the floor decides (a floor of 1 recommends nothing; the default recommends the strong one, not the weak one)
    const db = t.database.db;
    await db.deleteFrom('market_match_events').execute();
    await db.deleteFrom('market_matches').execute();
    expect(await recommendFor(db, SYSTEM_ACTOR, { demandId: dId }, 1)).toBe(0);
    expect(await recommendFor(db, SYSTEM_ACTOR, { demandId: dId }, floor)).toBeGreaterThan(0);
    const recommended = (await db.selectFrom('market_matches').select(['achievement_id', 'score']).where('demand_id', '=', dId).execute()).map((r) => r.achievement_id);
    expect(recommended).toContain(strongId);
    expect(recommended).not.toContain(weakId);
  });

  it('each listed match carries its pipeline row for a viewer who may act on it', async () => {
    const mine = (await call(t.app, ent, 'GET', `/api/market/demands/${dId}/matches`)).json().matches as { id: number; match: { id: number; stage: string; demandOrgId: number } | null }[];
    expect(mine.find((m) => m.id === strongId)!.match).toMatchObject({ stage: 'recommended' });
    // another enterprise sees the public demand's candidates, but not the parties' pipeline rows
    const other = (await call(t.app, ent2, 'GET', `/api/market/demands/${dId}/matches`)).json().matches as { match: unknown }[];
    expect(other.length).toBeGreaterThan(0);
    expect(other.every((m) => m.match === null)).toBe(true);
  });

  it('an institution responds to a demand with its own achievement: 对接, the enterprise notified, audited, the same on repeat', async () => {
    const db = t.database.db;
    const before = await db.selectFrom('notifications').select('id').where('kind', '=', 'match.respond').execute();
    // not its achievement, a missing one, another enterprise: refused naming the field
    const notOwn = await call(t.app, inst, 'POST', `/api/market/demands/${dId}/responses`, { achievementId: otherInstAId });
    expect(notOwn.statusCode).toBe(403);
    expect(notOwn.json().error.field).toBe('achievementId');
    expect((await call(t.app, inst, 'POST', `/api/market/demands/${dId}/responses`, { achievementId: 999_999 })).json().error.field).toBe('achievementId');
    expect((await call(t.app, inst, 'POST', `/api/market/demands/${dId}/responses`, {})).json().error.field).toBe('achievementId');
    expect((await call(t.app, ent2, 'POST', `/api/market/demands/${dId}/responses`, { achievementId: weakId })).statusCode).toBe(403);
    expect((await db.selectFrom('audit_log').select('result').where('action', '=', 'market.demand.respond').execute()).map((a) => a.result)).toEqual(['denied', 'error', 'denied']);

    // a pair with no match yet (the weak one was not recommended): created at 对接
    const r = await call(t.app, inst, 'POST', `/api/market/demands/${dId}/responses`, { achievementId: weakId, note: '可先做小试' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ stage: 'contacted', created: true });
    const matchId = r.json().matchId as number;
    const detail = (await call(t.app, ent, 'GET', `/api/market/matches/${matchId}`)).json();
    expect(detail).toMatchObject({ stage: 'contacted', demandId: dId, achievementId: weakId });
    expect(detail.events).toMatchObject([{ from: null, to: 'contacted', action: 'contact', note: '可先做小试', by: 'institution' }]);
    const entOrg = (await db.selectFrom('users').select('org_id').where('username', '=', 'enterprise').executeTakeFirstOrThrow()).org_id;
    const notes = await db.selectFrom('notifications').select(['org_id', 'body', 'link']).where('kind', '=', 'match.respond').orderBy('id').execute();
    expect(notes.length).toBe(before.length + 1);
    expect(notes.at(-1)).toMatchObject({ org_id: entOrg, link: `/market/matches/${matchId}` });
    expect(notes.at(-1)!.body).toContain('可先做小试');
    // asking again changes nothing: same match, no new event or notification
    const again = await call(t.app, inst, 'POST', `/api/market/demands/${dId}/responses`, { achievementId: weakId });
    expect(again.json()).toMatchObject({ matchId, stage: 'contacted', created: false, moved: false });
    expect((await call(t.app, ent, 'GET', `/api/market/matches/${matchId}`)).json().events).toHaveLength(1);
    expect(await db.selectFrom('notifications').select('id').where('kind', '=', 'match.respond').execute()).toHaveLength(before.length + 1);
    const ok = await db.selectFrom('audit_log').select(['result', 'detail']).where('action', '=', 'market.demand.respond').where('result', '=', 'ok').execute();
    expect(ok).toHaveLength(2);

    // a recommended pair moves to 对接 by the table's `contact`
    const rec = (await db.selectFrom('market_matches').select(['id', 'stage']).where('demand_id', '=', dId).where('achievement_id', '=', strongId).executeTakeFirstOrThrow());
    expect(rec.stage).toBe('recommended');
    expect((await call(t.app, inst, 'POST', `/api/market/demands/${dId}/responses`, { achievementId: strongId })).json()).toMatchObject({ matchId: rec.id, stage: 'contacted', moved: true, created: false });
    // a closed demand cannot be responded to
    expect((await call(t.app, ent, 'POST', `/api/market/demands/${dId}/close`, { reason: '已找到方案' })).statusCode).toBe(200);
    const closed = await call(t.app, inst2, 'POST', `/api/market/demands/${dId}/responses`, { achievementId: otherInstAId });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.field).toBe('status');
  });

  it('a near-identical title from the same owner is refused naming the existing entry; editing does not collide with itself', async () => {
    const dup = await call(t.app, inst, 'POST', '/api/market/achievements', achievement({ title: ' 硅光子光模块 自动耦合封装技术。' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ field: 'title', message: expect.stringContaining(`与已发布的成果《硅光子光模块自动耦合封装技术》（编号 ${strongId}）重复`) });
    // another owner may use the title; a different title is not a duplicate
    expect((await call(t.app, inst2, 'POST', '/api/market/achievements', achievement())).statusCode).toBe(200);
    expect((await call(t.app, inst, 'POST', '/api/market/achievements', achievement({ title: '硅光子光模块自动耦合测试设备' }))).statusCode).toBe(200);
    // editing an entry keeps its own title
    const cur = (await call(t.app, inst, 'GET', `/api/market/achievements/${strongId}`)).json();
    const { title, abstract, keywords, fields, patents, trl, valuation, modes, publiclyFunded, confidential, team, status } = cur;
    expect((await call(t.app, inst, 'PUT', `/api/market/achievements/${strongId}`, { title, abstract, keywords, fields, patents, trl, valuation, modes, publiclyFunded, confidential, team, status })).statusCode).toBe(200);
    // … but may not take another's
    const taken = await call(t.app, inst, 'PUT', `/api/market/achievements/${strongId}`, { title: '印染废水深度处理与回用工艺', abstract, keywords, fields, patents, trl, valuation, modes, publiclyFunded, confidential, team, status });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toContain(`（编号 ${weakId}）`);

    // demands: an open one blocks, a closed one does not
    const d2 = await call(t.app, ent, 'POST', '/api/market/demands', demand({ title: '提升 800G 光模块的封装工艺' }));
    expect(d2.statusCode).toBe(200);
    const dupD = await call(t.app, ent, 'POST', '/api/market/demands', demand({ title: '提升800G光模块的封装工艺！' }));
    expect(dupD.statusCode).toBe(409);
    expect(dupD.json().error).toMatchObject({ field: 'title', message: expect.stringContaining(`与已发布的需求《提升 800G 光模块的封装工艺》（编号 ${d2.json().id}）重复`) });
    expect((await call(t.app, ent, 'POST', '/api/market/demands', demand())).statusCode).toBe(200); // the first demand was closed above
    expect((await call(t.app, ent2, 'POST', '/api/market/demands', demand({ title: '提升 800G 光模块的封装工艺' }))).statusCode).toBe(200);
    const refused = await t.database.db.selectFrom('audit_log').select('result').where('action', 'in', ['market.achievement.create', 'market.demand.create', 'market.achievement.update']).where('result', '!=', 'ok').execute();
    expect(refused).toHaveLength(3);
  });
});
