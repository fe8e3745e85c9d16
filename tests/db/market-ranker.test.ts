/**
 * The matcher learns from the pipeline (ranker-service.ts): signed and declined matches re-fit its weights, the fit
 * is recorded with its figures before and after, goes into use only with a cross-validated gain, reaches the
 * ranking at once (no rebuild), and an administrator can put the defaults back with a reason. Every fit and every
 * change of the weights in use is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import type { AuthUser } from '../../src/auth/access.js';
import { MATCH_WEIGHTS } from '../../src/market/match.js';
import { useFit } from '../../src/market/ranker-service.js';
import { createAchievement, createDemand } from '../../src/market/service.js';
import { AchievementInput, DemandInput } from '../../src/shared/market.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';
import { achievement, demand, WAN } from '../helpers/market.js';

// Made-up subjects: each demand and its two achievements share one, and nothing else in the market does.
const SUBJECTS = ['甲烷', '乙炔', '丙酮', '丁醇', '戊烷', '己烷', '庚烷', '辛醇', '壬酸', '癸烷', '钛酸', '锆酸', '铌酸', '钽酸', '钼酸', '钨酸', '钒酸', '铬酸', '锰酸', '钴酸', '镍酸', '铜酸', '锌酸', '镓酸'];

describe('learning the ranking from the pipeline', { timeout: 300_000 }, () => {
  let t: TestApp;
  let admin: Session;
  let official: Session;
  const demands: { id: number; good: number; bad: number }[] = [];

  beforeAll(async () => {
    t = await openTestApp();
    const fx = await seedFixture(t.database);
    admin = await signIn(t.app, 'admin', PASSWORD);
    official = await signIn(t.app, 'official', PASSWORD);
    const inst: AuthUser = { id: fx.users.institution, username: 'institution', displayName: 'institution', role: 'institution', orgId: fx.orgs.uni, departmentCode: null };
    const ent: AuthUser = { id: fx.users.enterprise, username: 'enterprise', displayName: 'enterprise', role: 'enterprise', orgId: fx.orgs.a, departmentCode: null };
    const db = t.database.db;
    for (const [i, w] of SUBJECTS.entries()) {
      // (texts alike, not the same: the same would be refused as a duplicate)
      const text = (how: string) => ({ title: `${w}${how}提纯工艺`, abstract: `一种${w}${how}提纯工艺，采用多级精馏与吸附，产品纯度达到电子级，能耗较低。`, keywords: [`${w}提纯`] });
      // The one that was signed: another field, within budget. The one declined as not fitting: the demand's field,
      // valued over budget (by 1.2–3 times, so the evidence grows gradually with the budget's weight).
      const good = (await createAchievement(db, SYSTEM_ACTOR, inst, AchievementInput.parse(achievement({ ...text('连续'), fields: ['energy.battery'], valuation: { amountFen: 100 * WAN, method: 'income', date: '2026-06-30' } })))).id;
      const over = Math.round(500 * (1.2 + (1.8 * i) / (SUBJECTS.length - 1)));
      const bad = (await createAchievement(db, SYSTEM_ACTOR, inst, AchievementInput.parse(achievement({ ...text('高效'), fields: ['newmat.polymer'], valuation: { amountFen: over * WAN, method: 'income', date: '2026-06-30' } })))).id;
      const id = (await createDemand(db, SYSTEM_ACTOR, ent, DemandInput.parse(demand({ title: `${w}提纯`, problem: `我们需要${w}提纯工艺，产品纯度要到电子级，现在靠外购，价格高、交货慢。`, fields: ['newmat.polymer'], budgetFen: { min: 0, max: 500 * WAN } })))).id;
      demands.push({ id, good, bad });
    }
  });
  afterAll(async () => t?.close());

  const overview = async (s = admin) => (await call(t.app, s, 'GET', '/api/market/ranker')).json();
  const firstMatch = async (demandId: number) => (await call(t.app, admin, 'GET', `/api/market/demands/${demandId}/matches?all=true`)).json().matches[0].id as number;

  it('with no outcomes yet: the fit is recorded as insufficient, the defaults stay in use', async () => {
    const r = await call(t.app, admin, 'POST', '/api/market/ranker/refit');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'insufficient', demands: 0, statusLabel: '数据不足，权重不变', trigger: 'manual', by: 'admin', active: false });
    const o = await overview(official);
    expect(o.inUse).toEqual({ fitId: null, weights: MATCH_WEIGHTS });
    expect(o.total).toBe(1);
    // before any learning, the in-field achievement ranks first for every demand
    expect(await firstMatch(demands[0]!.id)).toBe(demands[0]!.bad);
  });

  it('signed and declined matches re-fit the weights; the fit goes into use at once and says what it gained', async () => {
    const db = t.database.db;
    for (const d of demands) {
      const [signed, declined] = await db
        .insertInto('market_matches')
        .values([
          { demand_id: d.id, achievement_id: d.good, score: 0.5, reasons: '[]', stage: 'signed', contract_fen: 100 * WAN },
          { demand_id: d.id, achievement_id: d.bad, score: 0.6, reasons: '[]', stage: 'terminated', end_reason: 'not_relevant' },
        ])
        .returning('id')
        .execute();
      await db
        .insertInto('market_match_events')
        .values([
          { match_id: signed!.id, from_stage: null, to_stage: 'recommended', action: 'recommend' },
          { match_id: signed!.id, from_stage: 'recommended', to_stage: 'contacted', action: 'contact' },
          { match_id: signed!.id, from_stage: 'contacted', to_stage: 'negotiating', action: 'negotiate' },
          { match_id: signed!.id, from_stage: 'negotiating', to_stage: 'signed', action: 'sign' },
          { match_id: declined!.id, from_stage: 'recommended', to_stage: 'terminated', action: 'decline', reason: 'not_relevant' },
        ])
        .execute();
    }
    const r = (await call(t.app, admin, 'POST', '/api/market/ranker/refit')).json();
    expect(r).toMatchObject({ status: 'applied', demands: SUBJECTS.length, pairs: 2 * SUBJECTS.length, outcomes: 2 * SUBJECTS.length, active: true });
    expect(r.cvAfter).toBeGreaterThanOrEqual(r.cvBefore + 0.01);
    expect(r.ndcgAfter).toBeGreaterThan(r.ndcgBefore);
    expect(r.weightsBefore).toEqual(MATCH_WEIGHTS);
    expect(r.weightsAfter.budget).toBeGreaterThan(MATCH_WEIGHTS.budget);
    const sum = Object.values(r.weightsAfter as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 6);
    const o = await overview();
    expect(o.inUse).toEqual({ fitId: r.id, weights: r.weightsAfter });
    expect(o.items.map((f: { id: number; active: boolean }) => [f.id, f.active])).toEqual([
      [r.id, true],
      [r.id - 1, false],
    ]);
    // the ranking uses the new weights now: the signed kind of achievement comes first where the fit says so
    const ahead = await Promise.all(demands.map(async (d) => (await firstMatch(d.id)) === d.good));
    expect(ahead.filter(Boolean).length).toBeGreaterThan(SUBJECTS.length / 2);
    const audit = await db.selectFrom('audit_log').select(['action', 'object_id']).where('action', '=', 'market.ranker.refit').execute();
    expect(audit).toHaveLength(2);
  });

  it('a second fit on the same outcomes finds nothing more to gain and keeps the weights', async () => {
    const before = (await overview()).inUse;
    const r = (await call(t.app, admin, 'POST', '/api/market/ranker/refit')).json();
    expect(r.status).toBe('kept');
    expect(r.weightsBefore).toEqual(before.weights);
    expect((await overview()).inUse).toEqual(before);
  });

  it('an administrator puts the defaults back, with a reason; bad requests name the field', async () => {
    expect((await call(t.app, admin, 'POST', '/api/market/ranker/use', { fitId: null })).json()).toMatchObject({ error: { field: 'reason' } });
    expect((await call(t.app, admin, 'POST', '/api/market/ranker/use', { fitId: 99999, reason: '试一试' })).statusCode).toBe(404);
    expect((await call(t.app, admin, 'POST', '/api/market/ranker/use', { fitId: 'x', reason: '试一试' })).json()).toMatchObject({ error: { field: 'fitId' } });
    expect((await call(t.app, official, 'POST', '/api/market/ranker/use', { fitId: null, reason: '恢复默认' })).statusCode).toBe(403);
    const r = await call(t.app, admin, 'POST', '/api/market/ranker/use', { fitId: null, reason: '核对新权重期间先用默认' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ fitId: null, weights: MATCH_WEIGHTS });
    expect(await firstMatch(demands[0]!.id)).toBe(demands[0]!.bad);
    const audit = await t.database.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'market.ranker.use').execute();
    expect(JSON.stringify(audit)).toContain('核对新权重期间先用默认');
  });

  it('two changes at once leave exactly one fit in use', async () => {
    const fits = (await overview()).items as { id: number; status: string }[];
    const applied = fits.find((f) => f.status === 'applied')!.id;
    const kept = fits.find((f) => f.status === 'kept')!.id;
    const db = t.database.db;
    await Promise.all([useFit(db, SYSTEM_ACTOR, applied, '并发一'), useFit(db, SYSTEM_ACTOR, kept, '并发二')]);
    const active = await db.selectFrom('market_ranker_fits').select('id').where('active', '=', true).execute();
    expect(active).toHaveLength(1);
    expect((await overview()).inUse.fitId).toBe(active[0]!.id);
  });
});
