import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demandDoc, freshMarketState, INCREMENTAL_LIMIT, marketState, type MarketState } from '../../src/market/service.js';
import { tokenize } from '../../src/market/text/tokenize.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';
import { achievement, demand, WAN } from '../helpers/market.js';

const QUERIES = ['硅光子 光模块', '耦合 对准', '良率', '电池 回收', '机器视觉 检测', '储能'];

/** What users get from a state: searches, matches both ways and expert rankings, with their scores. */
function answers(st: MarketState) {
  const out: Record<string, unknown> = {};
  for (const q of QUERIES) {
    const terms = tokenize(q);
    out[`a:${q}`] = st.achievementIndex.search(terms, 20).map((h) => [h.id, Number(h.score.toFixed(9))]);
    out[`d:${q}`] = st.demandIndex.search(terms, 20).map((h) => [h.id, Number(h.score.toFixed(9))]);
    out[`e:${q}`] = st.experts.rankFor(terms, ['photonics.silicon'], null, 10).map((r) => [r.id, Number(r.score.toFixed(9))]);
  }
  for (const d of [...st.demands.values()].filter((x) => x.status === 'open')) {
    out[`m:${d.id}`] = st.matcher.achievementsFor(demandDoc(d, st.orgs.get(d.org_id)?.district ?? null), 20).map((m) => [m.id, Number(m.score.toFixed(9))]);
  }
  out.achievements = [...st.achievements.keys()].sort((a, b) => a - b);
  out.demands = [...st.demands.keys()].sort((a, b) => a - b);
  return out;
}

describe('the market index follows writes row by row and answers as a rebuild would', { timeout: 180_000 }, () => {
  let t: TestApp;
  let inst: Session;
  let ent: Session;
  let ent2: Session;
  let admin: Session;
  let orgs: { a: number; b: number; uni: number };

  beforeAll(async () => {
    t = await openTestApp();
    ({ orgs } = await seedFixture(t.database));
    [inst, ent, ent2, admin] = (await Promise.all(['institution', 'enterprise', 'enterprise2', 'admin'].map((u) => signIn(t.app, u, PASSWORD)))) as [Session, Session, Session, Session];
  });
  afterAll(async () => t?.close());

  it('after publishing, editing, converting, closing, deleting and expert changes, the kept state equals a fresh one', async () => {
    const db = t.database.db;
    const a1 = (await call(t.app, inst, 'POST', '/api/market/achievements', achievement())).json().id as number;
    await call(t.app, inst, 'POST', '/api/market/achievements', achievement({ title: '光模块耦合对准视觉算法', keywords: ['光模块', '机器视觉'] }));
    const d1 = (await call(t.app, ent, 'POST', '/api/market/demands', demand())).json().id as number;
    await call(t.app, admin, 'POST', '/api/market/experts', { name: '硅光专家', orgId: orgs.uni, title: '教授', fields: ['photonics.silicon'], expertise: '硅光子集成与光模块封装', userId: null });
    const first = await marketState(db);
    expect(answers(first)).toEqual(answers(await freshMarketState(db)));

    // A round of writes of every kind.
    const a3 = (await call(t.app, inst, 'POST', '/api/market/achievements', achievement({ title: '退役动力电池梯次利用检测技术', abstract: '面向储能的退役电池快速分选与检测，机器视觉识别电芯外观缺陷。', keywords: ['电池', '储能'], fields: ['energy.battery'] }))).json().id as number;
    expect((await call(t.app, inst, 'PUT', `/api/market/achievements/${a1}`, { ...achievement({ title: '硅光子光模块自动耦合与良率提升技术', trl: 7 }), status: 'negotiating' })).statusCode).toBe(200);
    const d2 = (await call(t.app, ent2, 'POST', '/api/market/demands', demand({ title: '储能电池回收检测', problem: '需要退役电池快速检测分选技术，用于储能项目。', fields: ['energy.battery'] }))).json().id as number;
    expect((await call(t.app, ent, 'POST', `/api/market/demands/${d1}/close`, { reason: '已找到合作方' })).statusCode).toBeLessThan(300);
    await db.updateTable('achievements').set({ status: 'converted' }).where('id', '=', a3).execute();
    await db.deleteFrom('achievements').where('id', '=', a3).execute();
    await db.updateTable('expert_profiles').set({ active: false }).where('name', '=', '硅光专家').execute();
    await call(t.app, admin, 'POST', '/api/market/experts', { name: '储能专家', orgId: orgs.uni, title: '研究员', fields: ['energy.battery'], expertise: '储能电池检测与梯次利用', userId: null });

    const kept = await marketState(db);
    expect(kept).toBe(first); // updated in place, not rebuilt
    const expected = answers(await freshMarketState(db));
    expect(answers(kept)).toEqual(expected);
    expect((expected.demands as number[]).includes(d2)).toBe(true);
    expect((expected.achievements as number[]).includes(a3)).toBe(false);
  });

  it('rebuilds when an organisation changes (names and districts are in every document) or too much changed', async () => {
    const db = t.database.db;
    const before = await marketState(db);
    await db.updateTable('organisations').set({ district_code: '320571' }).where('id', '=', orgs.uni).execute();
    const after = await marketState(db);
    expect(after).not.toBe(before);
    expect(answers(after)).toEqual(answers(await freshMarketState(db)));
    // A bulk load larger than the limit: rebuilt once, then kept again.
    const rows = Array.from({ length: INCREMENTAL_LIMIT + 1 }, (_, i) => ({ owner_org_id: orgs.uni, title: `批量成果 ${i}`, abstract: '批量导入的测试成果，用于检验索引在大量写入后整体重建的行为。', keywords: [], fields: ['photonics.silicon'], trl: 4, modes: ['transfer'], publicly_funded: false, confidential: false, status: 'unconverted', title_tokens: `批量 成果 ${i}`, keyword_tokens: '', abstract_tokens: '批量 导入 测试 成果', data_as_of: '2026-11-30' }));
    for (let i = 0; i < rows.length; i += 1000) await db.insertInto('achievements').values(rows.slice(i, i + 1000) as never).execute();
    const bulk = await marketState(db);
    expect(bulk).not.toBe(after);
    expect(bulk.achievements.size).toBe(after.achievements.size + INCREMENTAL_LIMIT + 1);
    expect(await marketState(db)).toBe(bulk);
    expect(WAN).toBeGreaterThan(0);
  });
});
