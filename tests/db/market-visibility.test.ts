/**
 * Issue #11 item 7: a demand marked 仅匹配双方可见 ('matched') is shown, on every path that shows a demand or its
 * text, only to its two matched parties (and to the officials and administrators who oversee the market) — never
 * to brokers (技术经理人, 科技专员) or to an unrelated enterprise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import { remindOverdue } from '../../src/market/pipeline-service.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';
import { achievement, demand } from '../helpers/market.js';

/** A word that appears only in the private demand's title and problem. */
const SECRET = '青鸾';

describe('仅匹配双方可见: one visibility rule on every path', { timeout: 120_000 }, () => {
  let t: TestApp;
  let inst: Session; // owns the achievement matched with the private demand: a matched party
  let ent: Session; // published the private demand
  let ent2: Session; // unrelated enterprise
  let techManager: Session;
  let commissioner: Session;
  let official: Session;
  let aId: number;
  let pd: number;
  let mid: number;
  let outsiders: [string, Session][];
  let parties: [string, Session][];

  beforeAll(async () => {
    t = await openTestApp();
    await seedFixture(t.database);
    inst = await signIn(t.app, 'institution', PASSWORD);
    ent = await signIn(t.app, 'enterprise', PASSWORD);
    ent2 = await signIn(t.app, 'enterprise2', PASSWORD);
    techManager = await signIn(t.app, 'tech_manager', PASSWORD);
    commissioner = await signIn(t.app, 'commissioner', PASSWORD);
    official = await signIn(t.app, 'official', PASSWORD);
    outsiders = [['tech_manager', techManager], ['commissioner', commissioner], ['enterprise2', ent2]];
    parties = [['enterprise (publisher)', ent], ['institution (matched)', inst]];
    aId = (await call(t.app, inst, 'POST', '/api/market/achievements', achievement())).json().id;
    const r = await call(t.app, ent, 'POST', '/api/market/demands', demand({ title: `高速光模块封装良率提升（代号${SECRET}）`, problem: `${demand().problem}项目代号${SECRET}。`, visibility: 'matched' }));
    expect(r.statusCode).toBe(200);
    pd = r.json().id;
    // the platform recommends in the background: wait for the match
    for (let i = 0; i < 200 && !mid; i++) {
      await new Promise((res) => setTimeout(res, 50));
      mid = ((await call(t.app, ent, 'GET', '/api/market/matches')).json().items as { id: number; demandId: number; achievementId: number }[]).find((m) => m.demandId === pd && m.achievementId === aId)?.id as number;
    }
    expect(mid).toBeGreaterThan(0);
  });
  afterAll(async () => t?.close());

  const get = async (s: Session, url: string) => {
    const r = await call(t.app, s, 'GET', url);
    return { status: r.statusCode, text: r.body };
  };

  it('search', async () => {
    const url = `/api/market/demands?q=${encodeURIComponent('光模块 封装 良率')}`;
    for (const [who, s] of outsiders) expect((await get(s, url)).text, who).not.toContain(SECRET);
    for (const [who, s] of parties) expect((await get(s, url)).text, who).toContain(SECRET);
  });

  it('detail', async () => {
    for (const [who, s] of outsiders) expect((await get(s, `/api/market/demands/${pd}`)).status, who).toBe(404);
    for (const [who, s] of parties) {
      const r = await get(s, `/api/market/demands/${pd}`);
      expect(r.status, who).toBe(200);
      expect(r.text, who).toContain(SECRET);
    }
    expect((await get(official, `/api/market/demands/${pd}`)).status).toBe(200);
  });

  it('the matches list (/api/market/matches)', async () => {
    for (const [who, s] of outsiders) {
      const r = await get(s, '/api/market/matches');
      expect(r.status, who).toBe(200);
      expect(r.text, who).not.toContain(SECRET);
      expect((JSON.parse(r.text).items as { id: number }[]).some((m) => m.id === mid), who).toBe(false);
      expect((await get(s, `/api/market/matches?demandId=${pd}`)).text, who).not.toContain(SECRET);
    }
    for (const [who, s] of parties) expect((await get(s, '/api/market/matches')).text, who).toContain(SECRET);
    expect((await get(official, '/api/market/matches')).text).toContain(SECRET);
  });

  it('match detail, and moving the match', async () => {
    for (const [who, s] of outsiders) {
      const r = await get(s, `/api/market/matches/${mid}`);
      expect(r.status, who).toBe(404);
      expect(r.text, who).not.toContain(SECRET);
    }
    expect((await call(t.app, techManager, 'POST', `/api/market/matches/${mid}/move`, { action: 'contact' })).statusCode).toBe(404);
    for (const [who, s] of parties) expect((await get(s, `/api/market/matches/${mid}`)).text, who).toContain(SECRET);
  });

  it('matches between demands and achievements, and rankings', async () => {
    for (const [who, s] of outsiders) {
      expect((await get(s, `/api/market/demands/${pd}/matches`)).status, who).toBe(404);
      expect((await get(s, `/api/market/demands/${pd}/institutions`)).status, who).toBe(404);
      expect((await get(s, `/api/market/demands/${pd}/experts`)).status, who).toBe(404);
      expect((await get(s, `/api/market/achievements/${aId}/matches`)).text, who).not.toContain(SECRET);
    }
    // brokers rank enterprises for an achievement: the private demand counts but is not named
    for (const s of [techManager, commissioner]) {
      const r = await get(s, `/api/market/achievements/${aId}/enterprises`);
      expect(r.status).toBe(200);
      expect(r.text).not.toContain(SECRET);
    }
    expect((await get(ent, `/api/market/demands/${pd}/institutions`)).status).toBe(200);
    // the matched institution sees the demand among its achievement's matches and in the ranking
    expect((await get(inst, `/api/market/achievements/${aId}/matches`)).text).toContain(SECRET);
    expect((await get(inst, `/api/market/achievements/${aId}/enterprises`)).text).toContain(SECRET);
  });

  it('notifications: a broker recorded on the match (before the demand was private) is told of moves without its text', async () => {
    const tm = await t.database.db.selectFrom('users').select('id').where('username', '=', 'tech_manager').executeTakeFirstOrThrow();
    await t.database.db.updateTable('market_matches').set({ broker_user_id: tm.id }).where('id', '=', mid).execute();
    expect((await call(t.app, ent, 'POST', `/api/market/matches/${mid}/move`, { action: 'contact' })).statusCode).toBe(200);
    await t.database.db.updateTable('market_matches').set({ response_due: new Date(Date.now() - 1000) }).where('id', '=', mid).execute();
    expect(await remindOverdue(t.database.db, SYSTEM_ACTOR)).toBeGreaterThan(0);
    const n = await get(techManager, '/api/notifications');
    expect(JSON.parse(n.text).items.length).toBeGreaterThanOrEqual(2); // the move and the reminder reached the broker
    expect(n.text).not.toContain(SECRET);
    for (const [who, s] of outsiders) expect((await get(s, '/api/notifications')).text, who).not.toContain(SECRET);
    // the parties are told in full
    expect((await get(inst, '/api/notifications')).text).toContain(SECRET);
  });

  it('技术攻关清单: the private demand as a source is named to officials only, its text never', async () => {
    const r = await call(t.app, official, 'POST', '/api/market/tasks', { title: '高速光模块自动耦合封装', description: '面向高速光模块封装，提升封装良率、缩短耦合对准时间，形成可量产的自动耦合工艺。', fields: ['photonics.optical_comm'], priority: 'high', demandIds: [pd] });
    expect(r.statusCode).toBe(200);
    const all = await get(official, '/api/market/tasks/all');
    expect((JSON.parse(all.text).tasks as { demandIds: number[] }[])[0]!.demandIds).toEqual([pd]);
    expect((await get(techManager, '/api/market/tasks/all')).status).toBe(403);
    expect((await call(t.app, official, 'POST', `/api/market/tasks/${r.json().id}/publish`)).statusCode).toBeLessThan(300);
    const pub = await call(t.app, null, 'GET', '/api/market/tasks');
    expect(pub.body).not.toContain(SECRET);
    expect((pub.json().tasks as { demandIds?: number[] }[])[0]!.demandIds).toBeUndefined();
  });
});
