/**
 * The market's q-searches (GET /api/market/achievements?q=…, /api/market/demands?q=…): a query with no word to
 * search by is answered with nothing and a notice saying why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_SEARCH_TERMS } from '../../src/shared/market.js';
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
