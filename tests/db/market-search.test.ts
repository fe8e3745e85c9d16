/**
 * The market's q-searches (GET /api/market/achievements?q=…, /api/market/demands?q=…): a query with no word to
 * search by is answered with nothing and a notice saying why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SEARCH_Q, NO_SEARCH_TERMS } from '../../src/shared/market.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';
import { achievement, demand } from '../helpers/market.js';

describe('market q-search', { timeout: 120_000 }, () => {
  let t: TestApp;
  let inst: Session;
  let ent: Session;

  beforeAll(async () => {
    t = await openTestApp();
    await seedFixture(t.database);
    inst = await signIn(t.app, 'institution', PASSWORD);
    ent = await signIn(t.app, 'enterprise', PASSWORD);
    expect((await call(t.app, inst, 'POST', '/api/market/achievements', achievement())).statusCode).toBe(200);
    expect((await call(t.app, inst, 'POST', '/api/market/achievements', achievement({ title: '锂电池隔膜陶瓷涂覆工艺', abstract: '一种用于动力电池隔膜的陶瓷涂覆工艺，提高热稳定性与安全性。', keywords: ['锂电池', '隔膜'], fields: ['energy.battery'] }))).statusCode).toBe(200);
    expect((await call(t.app, ent, 'POST', '/api/market/demands', demand())).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  const search = async (path: string, q: string) => {
    const r = await call(t.app, ent, 'GET', `${path}?q=${encodeURIComponent(q)}`);
    expect(r.statusCode, q).toBe(200);
    return r.json() as { total: number; items: unknown[]; page: number; pageSize: number; notice?: string };
  };

  it('a query of stop words, punctuation and single characters finds nothing and says why', async () => {
    for (const path of ['/api/market/achievements', '/api/market/demands']) {
      for (const q of ['的 了 和', '，。！？', '光 a 的', '技术 需求 研究', '…']) {
        const r = await search(path, q);
        expect(r, `${path} ${q}`).toMatchObject({ total: 0, items: [], page: 1, pageSize: 20, notice: NO_SEARCH_TERMS });
      }
    }
  });

  it('a long q (a whole demand text, up to 2000 characters) is searched by its salient terms, not refused nor cut at 200', async () => {
    expect(MAX_SEARCH_Q).toBe(2000);
    // the words that matter come after 200 characters of words no entry has
    const filler = '天气晴朗适合出游，公园里游客很多。'.repeat(20);
    const q = `${filler}我们需要锂电池隔膜的涂覆工艺。`;
    expect(q.length).toBeGreaterThan(300);
    const r = await search('/api/market/achievements', q);
    expect(r.items[0]).toMatchObject({ title: '锂电池隔膜陶瓷涂覆工艺', highlight: expect.arrayContaining(['锂电池', '隔膜']) });
    expect(r.notice).toBeUndefined();
    const d = await search('/api/market/demands', `${filler}${demand().problem}`);
    expect(d.total).toBe(1);
    // exactly the maximum: accepted, on both searches
    const longest = `${demand().problem}${'天气晴朗适合出游'.repeat(300)}`.slice(0, MAX_SEARCH_Q);
    expect(longest.length).toBe(MAX_SEARCH_Q);
    expect((await search('/api/market/achievements', longest)).items[0]).toMatchObject({ title: '硅光子光模块自动耦合封装技术' });
    expect((await search('/api/market/demands', longest)).total).toBe(1);
    // one more: refused, naming the field
    for (const path of ['/api/market/achievements', '/api/market/demands']) {
      const over = await call(t.app, ent, 'GET', `${path}?q=${encodeURIComponent(longest + '光')}`);
      expect(over.statusCode, path).toBe(400);
      expect(over.json().error.field, path).toBe('q');
      expect(over.json().error.message, path).toContain('检索词不能超过 2000 个字');
    }
  });

  it('over real HTTP a 2000-character Chinese q (18 KB in the URL) is answered', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const q = `${demand().problem}${'天气晴朗适合出游'.repeat(300)}`.slice(0, MAX_SEARCH_Q);
    const r = await fetch(`${address}/api/market/demands?q=${encodeURIComponent(q)}`, { headers: { cookie: ent.cookie } });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { total: number }).total).toBe(1);
  });

  it('a usable query, no query, and a query nothing matches carry no notice', async () => {
    for (const path of ['/api/market/achievements', '/api/market/demands']) {
      const hit = await search(path, '光模块 封装');
      expect(hit.total, path).toBeGreaterThan(0);
      expect(hit.notice, path).toBeUndefined();
      const none = await search(path, '量子纠缠通信');
      expect(none.total, path).toBe(0);
      expect(none.notice, path).toBeUndefined();
      const all = (await call(t.app, ent, 'GET', path)).json() as { total: number; notice?: string };
      expect(all.total, path).toBeGreaterThan(0);
      expect(all.notice, path).toBeUndefined();
      // an empty or blank q is no query: everything, newest first
      expect((await search(path, '  ')).total, path).toBe(all.total);
    }
  });
});
