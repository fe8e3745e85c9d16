/**
 * Issue #11 item 7: a demand marked 仅匹配双方可见 ('matched') is shown, on every path that shows a demand or its
 * text, only to its two matched parties (and to the officials and administrators who oversee the market) — never
 * to brokers (技术经理人, 科技专员) or to an unrelated enterprise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import { remindOverdue } from '../../src/market/pipeline-service.js';
import type { AuthUser } from '../../src/auth/access.js';
import { createAchievement, createDemand } from '../../src/market/service.js';
import { HIDDEN_DEMAND_TITLE } from '../../src/market/visibility.js';
import { AchievementInput, DemandInput } from '../../src/shared/market.js';
import { createUser } from '../../src/users/service.js';
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

/**
 * The institution a 仅匹配双方可见 demand was matched with opens every path to it — the demand, its matches, its
 * achievement's matches, the board (whole and narrowed), the match, the ranking of enterprises, notifications,
 * search, moving and responding — and gets 200 with the text, however the match came about: recommended when the
 * demand was published, when the achievement was, or contacted by the enterprise. An unrelated institution gets
 * 404 (or lists without the text) on the same paths.
 */
describe('仅匹配双方可见: the matched institution on every path', { timeout: 180_000 }, () => {
  let t: TestApp;
  let inst: Session;
  let ent: Session;
  let other: Session; // an institution not matched with the demand
  let otherA: number;

  beforeAll(async () => {
    t = await openTestApp();
    await seedFixture(t.database);
    const uni2 = (await t.database.db.insertInto('organisations').values({ kind: 'university', name: '苏州另一所大学' }).returning('id').executeTakeFirstOrThrow()).id;
    await createUser(t.database.db, SYSTEM_ACTOR, { username: 'institution2', displayName: 'institution2', password: PASSWORD, role: 'institution', orgId: uni2 });
    inst = await signIn(t.app, 'institution', PASSWORD);
    ent = await signIn(t.app, 'enterprise', PASSWORD);
    other = await signIn(t.app, 'institution2', PASSWORD);
    // the other institution's achievement is about something else (no word in common with the demands below)
    otherA = (await call(t.app, other, 'POST', '/api/market/achievements', achievement({ title: '城市污水膜生物反应器', abstract: '一种用于城市污水深度处理的膜生物反应器，降低能耗，减轻膜污染。', keywords: ['污水', '膜生物反应器'], fields: ['env'] }))).json().id;
  });
  afterAll(async () => t?.close());

  const get = async (s: Session, url: string) => {
    const r = await call(t.app, s, 'GET', url);
    return { status: r.statusCode, text: r.body };
  };
  const waitForMatch = async (pd: number, aId: number) => {
    for (let i = 0; i < 200; i++) {
      const row = await t.database.db.selectFrom('market_matches').select('id').where('demand_id', '=', pd).where('achievement_id', '=', aId).executeTakeFirst();
      if (row) return row.id;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error(`no match of demand ${pd} with achievement ${aId}`);
  };

  /** Every demand an institution is shown (its achievement's matches, the board, search) opens for it: no listed demand answers 404. */
  const opensWhatItLists = async (s: Session, aId: number) => {
    const ids = new Set<number>();
    for (const m of JSON.parse((await get(s, `/api/market/achievements/${aId}/matches?all=true`)).text).matches as { id: number }[]) ids.add(m.id);
    for (const m of JSON.parse((await get(s, '/api/market/matches?pageSize=200')).text).items as { demandId: number }[]) ids.add(m.demandId);
    for (const d of JSON.parse((await get(s, `/api/market/demands?q=${encodeURIComponent('光模块 封装 耦合')}&pageSize=200`)).text).items as { id: number }[]) ids.add(d.id);
    expect(ids.size).toBeGreaterThan(0);
    for (const id of ids) {
      expect((await get(s, `/api/market/demands/${id}`)).status, `demand ${id}`).toBe(200);
      expect((await get(s, `/api/market/demands/${id}/matches`)).status, `demand ${id} matches`).toBe(200);
    }
  };

  /** Every path, for the matched institution and for the other one. */
  const walk = async (secret: string, pd: number, aId: number, mid: number) => {
    expect(await t.database.db.selectFrom('market_matches').select('id').where('achievement_id', '=', otherA).execute(), 'the other institution is no party').toEqual([]);
    const seen: [string, string][] = [
      ['demand', `/api/market/demands/${pd}`],
      ['achievement matches', `/api/market/achievements/${aId}/matches?all=true`],
      ['board', '/api/market/matches'],
      ['board by demand', `/api/market/matches?demandId=${pd}`],
      ['board by achievement', `/api/market/matches?achievementId=${aId}`],
      ['match', `/api/market/matches/${mid}`],
      ['notifications', '/api/notifications?pageSize=200'],
      ['search', `/api/market/demands?q=${encodeURIComponent(`光模块 封装 ${secret}`)}`],
    ];
    for (const [what, url] of seen) {
      const r = await get(inst, url);
      expect(r.status, `institution: ${what}`).toBe(200);
      expect(r.text, `institution: ${what}`).toContain(secret);
    }
    expect((await get(inst, `/api/market/demands/${pd}/matches?all=true`)).status, 'institution: demand matches').toBe(200);
    // the ranking of enterprises names each one's best matching demand: never hidden from the institution matched with it
    const ranking = await get(inst, `/api/market/achievements/${aId}/enterprises`);
    expect(ranking.status).toBe(200);
    expect(ranking.text).not.toContain(HIDDEN_DEMAND_TITLE);
    await opensWhatItLists(inst, aId);

    for (const url of [`/api/market/demands/${pd}`, `/api/market/demands/${pd}/matches`, `/api/market/matches/${mid}`]) {
      const r = await get(other, url);
      expect(r.status, `other: ${url}`).toBe(404);
      expect(r.text, `other: ${url}`).not.toContain(secret);
    }
    for (const url of ['/api/market/matches', `/api/market/matches?demandId=${pd}`, `/api/market/achievements/${otherA}/matches?all=true`, '/api/notifications?pageSize=200', `/api/market/demands?q=${encodeURIComponent(`光模块 封装 ${secret}`)}`]) {
      const r = await get(other, url);
      expect(r.status, `other: ${url}`).toBe(200);
      expect(r.text, `other: ${url}`).not.toContain(secret);
    }
    expect((await call(t.app, other, 'POST', `/api/market/matches/${mid}/move`, { action: 'contact' })).statusCode, 'other: move').toBe(404);
    expect((await call(t.app, other, 'POST', `/api/market/demands/${pd}/responses`, { achievementId: otherA })).statusCode, 'other: respond').toBe(404);
    // the matched institution moves the match and responds with its achievement
    expect((await call(t.app, inst, 'POST', `/api/market/demands/${pd}/responses`, { achievementId: aId })).statusCode, 'institution: respond').toBe(200);
    expect((await get(inst, `/api/market/matches/${mid}`)).text).toContain('"stage":"contacted"');
    expect((await call(t.app, inst, 'POST', `/api/market/matches/${mid}/move`, { action: 'negotiate' })).statusCode, 'institution: move').toBe(200);
  };

  it('recommended when the demand was published', async () => {
    const aId = (await call(t.app, inst, 'POST', '/api/market/achievements', achievement())).json().id;
    const secret = '青鸾';
    const pd = (await call(t.app, ent, 'POST', '/api/market/demands', demand({ title: `高速光模块封装良率提升（代号${secret}）`, problem: `${demand().problem}项目代号${secret}。`, visibility: 'matched' }))).json().id;
    await walk(secret, pd, aId, await waitForMatch(pd, aId));
  });

  it('recommended when the achievement was published', async () => {
    const secret = '白泽';
    const pd = (await call(t.app, ent, 'POST', '/api/market/demands', demand({ title: `光模块自动耦合产线（代号${secret}）`, problem: `800G 光模块耦合对准依赖人工，良率偏低，希望引进自动耦合或硅光子封装技术。项目代号${secret}。`, visibility: 'matched' }))).json().id;
    const aId = (await call(t.app, inst, 'POST', '/api/market/achievements', achievement({ title: '光模块自动耦合对准装备', keywords: ['光模块', '自动耦合', '对准'] }))).json().id;
    await walk(secret, pd, aId, await waitForMatch(pd, aId));
  });

  it('recommended when an administrator published the achievement for the university', async () => {
    const admin = await signIn(t.app, 'admin', PASSWORD);
    const uni = (await t.database.db.selectFrom('users').select('org_id').where('username', '=', 'institution').executeTakeFirstOrThrow()).org_id!;
    const secret = '重明';
    const pd = (await call(t.app, ent, 'POST', '/api/market/demands', demand({ title: `光模块耦合对准自动化（代号${secret}）`, problem: `光模块封装的耦合对准耗时长、良率低，希望引进自动耦合技术。项目代号${secret}。`, visibility: 'matched' }))).json().id;
    const r = await call(t.app, admin, 'POST', '/api/market/achievements', { ...achievement({ title: '光模块耦合对准自动化方法', keywords: ['光模块', '耦合', '对准'] }), ownerOrgId: uni });
    expect(r.statusCode).toBe(200);
    await walk(secret, pd, r.json().id, await waitForMatch(pd, r.json().id));
  });

  it('contacted by the enterprise from its demand page', async () => {
    const secret = '麒麟';
    // a demand and an achievement the platform has not recommended to each other (published through the services:
    // nothing runs in the background)
    const user = async (username: string): Promise<AuthUser> => {
      const u = await t.database.db.selectFrom('users').select(['id', 'org_id', 'role']).where('username', '=', username).executeTakeFirstOrThrow();
      return { id: u.id, username, displayName: username, role: u.role as AuthUser['role'], orgId: u.org_id, departmentCode: null };
    };
    const pd = (await createDemand(t.database.db, SYSTEM_ACTOR, await user('enterprise'), DemandInput.parse(demand({ title: `硅光子耦合封装（代号${secret}）`, problem: `希望与高校合作开发硅光子光模块的自动耦合封装工艺，提升良率。项目代号${secret}。`, visibility: 'matched' })))).id;
    const aId = (await createAchievement(t.database.db, SYSTEM_ACTOR, await user('institution'), AchievementInput.parse(achievement({ title: '硅光子耦合封装平台' })))).id;
    // until a match is recorded the pair is only a computed candidate: listed to the enterprise, and the demand
    // neither listed to the institution nor opened for it (visibility.ts: the platform has not told it of the demand)
    expect((JSON.parse((await get(ent, `/api/market/demands/${pd}/matches?all=true`)).text).matches as { id: number }[]).map((m) => m.id)).toContain(aId);
    expect((await get(inst, `/api/market/demands/${pd}`)).status).toBe(404);
    expect((await get(inst, `/api/market/achievements/${aId}/matches?all=true`)).text).not.toContain(secret);
    await opensWhatItLists(inst, aId);
    const r = await call(t.app, ent, 'POST', `/api/market/demands/${pd}/responses`, { achievementId: aId });
    expect(r.statusCode).toBe(200);
    await walk(secret, pd, aId, r.json().matchId);
  });
});
