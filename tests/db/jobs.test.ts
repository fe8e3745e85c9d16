/**
 * Long CPU work runs off the request thread (issue #11, item 10): the index's
 * scoring runs, recomputes and robustness analysis run in a worker thread, with
 * progress, bounded parameters and one run at a time per kind; the server keeps
 * answering meanwhile; results equal the in-thread engine's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/orgs/demo.js';
import { computeScores } from '../../src/index/engine/compute.js';
import type { EnterpriseInput } from '../../src/index/engine/indicators.js';
import type { IndexMethod } from '../../src/index/engine/method.js';
import { robustness } from '../../src/index/engine/robustness.js';
import { scorePopulation } from '../../src/index/engine/score.js';
import { ROBUSTNESS_MAX_DRAWS } from '../../src/shared/jobs.js';
import type { JobView } from '../../src/shared/jobs.js';
import { evaluateBatch, ELIGIBLE, NEEDS_INPUT } from '../../src/policy/engine/batch.js';
import { loadPopulation } from '../../src/policy/population.js';
import { itemsInForce } from '../../src/policy/service.js';
import { call, openTestApp, signIn, type Session, type TestApp } from '../helpers/app.js';

const PW = 'Demo@2026';
/** Big enough that its draws take a while on any machine (≈ 2 million ranks), inside the bounds. */
const ENTERPRISES = 1200;
const DRAWS = ROBUSTNESS_MAX_DRAWS;

describe('long jobs off the request thread', { timeout: 300_000 }, () => {
  let t: TestApp;
  let official: Session;
  let admin: Session;
  let runId: number;
  beforeAll(async () => {
    t = await openTestApp();
    await seedDemo(t.database.db, { enterprises: ENTERPRISES, seed: 11, password: PW });
    official = await signIn(t.app, 'official', PW);
    admin = await signIn(t.app, 'admin', PW);
  });
  let appClosed = false;
  afterAll(async () => {
    if (appClosed) await t?.database.close();
    else await t?.close();
  });

  const jobsNow = async () => {
    const r = await call(t.app, official, 'GET', '/api/index/jobs');
    return r.statusCode === 200 ? (r.json().jobs as Record<string, JobView | null>) : null;
  };

  it('an index run computed in the worker stores exactly what the in-thread engine computes', async () => {
    const r = await call(t.app, official, 'POST', '/api/index/runs');
    expect(r.statusCode).toBe(200);
    runId = r.json().id;
    expect(r.json().scored).toBeGreaterThan(1000);
    const method = JSON.parse((await t.database.db.selectFrom('index_method_versions').select('document').where('version', '=', r.json().methodVersion).executeTakeFirstOrThrow()).document) as IndexMethod;
    const inputs = (await t.database.db.selectFrom('index_run_inputs').select('input').where('run_id', '=', runId).orderBy('org_id').execute()).map((x) => JSON.parse(x.input) as EnterpriseInput);
    const { rows } = computeScores(method, inputs);
    const kept = await t.database.db.selectFrom('index_scores').select(['org_id', 'score', 'grade', 'percentile', 'stage', 'cohort', 'coverage', 'excluded', 'trend', 'detail']).where('run_id', '=', runId).orderBy('org_id').execute();
    expect(kept.length).toBe(rows.length);
    expect(kept.map((k) => ({ orgId: k.org_id, score: k.score, grade: k.grade, percentile: k.percentile, stage: k.stage, cohort: k.cohort, coverage: k.coverage, excluded: k.excluded, trend: k.trend, detail: k.detail }))).toEqual(rows);
    const view = (await jobsNow())!.run!;
    expect(view).toMatchObject({ status: 'done', percent: 100, label: '科创指数计算' });
  });

  it('while a large robustness analysis runs, the server answers /api/health; a second start is refused (409); progress reaches 100%', async () => {
    expect(runId).toBeGreaterThan(0);
    let settled = false;
    const job = call(t.app, official, 'POST', `/api/index/runs/${runId}/robustness`, { draws: DRAWS, seed: 7 }).finally(() => (settled = true));
    // Wait until the worker is drawing (progress reported), or until the request has ended (the unfixed, blocking code).
    let seen: JobView | null = null;
    while (!settled) {
      const v = (await jobsNow())?.robustness ?? null;
      if (v?.status === 'running' && v.phase === 'draws' && v.done > 0) {
        seen = v;
        break;
      }
      await new Promise((res) => setTimeout(res, 20));
    }
    const health = await call(t.app, null, 'GET', '/api/health');
    const stillRunning = !settled;
    const after = (await jobsNow())?.robustness ?? null;
    expect(health.statusCode).toBe(200);
    expect(stillRunning, 'the health check answered only after the analysis ended').toBe(true);
    expect(seen).not.toBeNull();
    expect(seen!.done).toBeLessThan(seen!.total);
    expect(seen!.percent).toBeLessThan(100);
    expect(after?.status).toBe('running');

    // One at a time: a second start (another user, another seed) is refused, in Chinese, and the refusal audited.
    const second = await call(t.app, admin, 'POST', `/api/index/runs/${runId}/robustness`, { draws: 100, seed: 8 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/^已有一次稳健性分析正在运行/);
    const refused = await t.database.db.selectFrom('audit_log').select(['action', 'result']).where('action', '=', 'index.robustness').where('result', '=', 'error').execute();
    expect(refused).toHaveLength(1);

    const r = await job;
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ draws: DRAWS, seed: 7 });
    expect((await jobsNow())!.robustness).toMatchObject({ status: 'done', percent: 100, done: DRAWS, total: DRAWS });
  });

  it('the worker’s robustness result equals the in-thread engine’s (same seed), interval by interval', async () => {
    const run = await t.database.db.selectFrom('index_runs').select(['robustness', 'method_version']).where('id', '=', runId).executeTakeFirstOrThrow();
    const method = JSON.parse((await t.database.db.selectFrom('index_method_versions').select('document').where('version', '=', run.method_version).executeTakeFirstOrThrow()).document) as IndexMethod;
    const inputs = (await t.database.db.selectFrom('index_run_inputs').select('input').where('run_id', '=', runId).orderBy('org_id').execute()).map((x) => JSON.parse(x.input) as EnterpriseInput);
    const expected = robustness(scorePopulation(method, inputs), { draws: DRAWS, seed: 7, spread: 0.25 });
    const summary = JSON.parse(run.robustness!) as { flagged: number; scored: number; cutoffs: unknown };
    expect(summary).toMatchObject({ flagged: expected.flagged, scored: expected.scored, cutoffs: expected.cutoffs });
    const stored = await t.database.db.selectFrom('index_scores').select(['org_id', 'median_rank', 'rank_p5', 'rank_p95', 'review_flag']).where('run_id', '=', runId).where('median_rank', 'is not', null).orderBy('org_id').execute();
    expect(stored.length).toBe(expected.intervals.length);
    const want = [...expected.intervals].sort((a, b) => a.orgId - b.orgId).map((x) => ({ org_id: x.orgId, median_rank: x.medianRank, rank_p5: x.p5, rank_p95: x.p95, review_flag: x.straddles.length ? x.straddles.join(',') : null }));
    expect(stored).toEqual(want);
  });

  it('bounds: draws above the maximum, and draws × scored enterprises above the maximum, are refused naming draws', async () => {
    const over = await call(t.app, official, 'POST', `/api/index/runs/${runId}/robustness`, { draws: ROBUSTNESS_MAX_DRAWS + 1 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.field).toBe('draws');
    expect(over.json().error.message).toContain('抽样次数（draws）不能超过 2000 次');
    // A run as large as 100,000 scored enterprises allows at most 200 draws (20 million ranks).
    const { scored } = await t.database.db.selectFrom('index_runs').select('scored').where('id', '=', runId).executeTakeFirstOrThrow();
    await t.database.db.updateTable('index_runs').set({ scored: 100_000 }).where('id', '=', runId).execute();
    try {
      const big = await call(t.app, official, 'POST', `/api/index/runs/${runId}/robustness`, { draws: 201 });
      expect(big.statusCode).toBe(400);
      expect(big.json().error).toMatchObject({ field: 'draws' });
      expect(big.json().error.message).toContain('抽样次数最多 200 次');
      const before = await t.database.db.selectFrom('index_runs').select('robustness').where('id', '=', runId).executeTakeFirstOrThrow();
      expect(JSON.parse(before.robustness!).seed).toBe(7); // nothing written
    } finally {
      await t.database.db.updateTable('index_runs').set({ scored }).where('id', '=', runId).execute();
    }
  });

  it('a 免申即享 run evaluated in the worker stores what the in-thread batch computes, enterprise by enterprise', async () => {
    const started = await call(t.app, official, 'POST', '/api/policy/runs');
    expect(started.statusCode).toBe(202);
    const id = started.json().id as number;
    let run = started.json() as { status: string; dataDay: string; total: number };
    while (run.status === 'running') {
      await new Promise((res) => setTimeout(res, 50));
      run = (await call(t.app, official, 'GET', `/api/policy/runs/${id}`)).json();
    }
    expect(run).toMatchObject({ status: 'done', total: ENTERPRISES });
    const versions = await itemsInForce(t.database.db, run.dataDay);
    const { orgIds, pop } = await loadPopulation(t.database.db, run.dataDay);
    const expected = evaluateBatch(versions.map((v) => v.item), pop, new Map(), Number(run.dataDay.slice(0, 4)));
    const stored = new Map((await t.database.db.selectFrom('policy_run_results').select(['org_id', 'statuses', 'amounts']).where('run_id', '=', id).execute()).map((r) => [r.org_id, r]));
    expect(stored.size).toBe(orgIds.length);
    let eligible = 0;
    orgIds.forEach((orgId, i) => {
      const letters = expected.items.map((c) => (c.status[i] === ELIGIBLE ? 'E' : c.status[i] === NEEDS_INPUT ? 'I' : 'N')).join('');
      const amounts = Object.fromEntries(expected.items.filter((c) => c.status[i] === ELIGIBLE).map((c) => [c.itemId, [c.min[i], c.max[i]]]));
      const row = stored.get(orgId)!;
      expect(row.statuses).toBe(letters);
      expect(typeof row.amounts === 'string' ? JSON.parse(row.amounts) : row.amounts).toEqual(amounts);
      eligible += Object.keys(amounts).length;
    });
    expect(eligible).toBeGreaterThan(0);
  });

  it('closing the server stops a running analysis: its worker is terminated, the request answers 503 in Chinese, nothing is written', async () => {
    const before = (await t.database.db.selectFrom('index_runs').select('robustness').where('id', '=', runId).executeTakeFirstOrThrow()).robustness;
    let settled = false;
    const job = call(t.app, official, 'POST', `/api/index/runs/${runId}/robustness`, { draws: DRAWS, seed: 99 }).finally(() => (settled = true));
    while (!settled && (await jobsNow())?.robustness?.phase !== 'draws') await new Promise((res) => setTimeout(res, 20));
    expect(settled).toBe(false);
    appClosed = true;
    await t.app.close();
    const r = await job;
    expect(r.statusCode).toBe(503);
    expect(r.json().error.message).toMatch(/^服务正在停止/);
    expect((await t.database.db.selectFrom('index_runs').select('robustness').where('id', '=', runId).executeTakeFirstOrThrow()).robustness).toBe(before);
  });
});
