/**
 * 科创指数 use cases: method versions, scoring runs over the whole population
 * (stored with their method version and input snapshot, recomputable byte for
 * byte), the preview of a new method (how ranks would move), robustness.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { appendAudit, audited, SYSTEM_ACTOR, type Actor } from '../audit/audit.js';
import { canonicalJson } from '../audit/chain.js';
import { figuresOfRow, qualificationCodesOn } from '../orgs/repository.js';
import type { DB } from '../platform/db/schema.js';
import { AppError, invalid, notFound } from '../platform/errors.js';
import { runInWorker, stopped, workerEntry, type Progress } from '../platform/jobs/worker-pool.js';
import { maxDrawsFor, ROBUSTNESS_MAX_CELLS } from '../shared/jobs.js';
import { coherenceReport, isCurrentCoherence, type CoherenceReport } from './engine/coherence.js';
import type { EnterpriseInput } from './engine/indicators.js';
import { DEFAULT_METHOD, loadMethod, MethodDocumentError, type IndexMethod } from './engine/method.js';
import type { Figures } from './engine/official.js';
import { scorePopulation, type ScoredPopulation } from './engine/score.js';
import type { CoherenceOutput, IndexTask, RecomputeOutput, RobustnessOutput, RunOutput } from './worker.js';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

// ------------------------------------------------------------------ methods

export interface MethodVersion {
  version: number;
  contentHash: string;
  method: IndexMethod;
  origin: 'builtin' | 'admin';
  createdAt: string;
  note: string | null;
}

function toMethod(r: { version: number; content_hash: string; document: string; origin: string; created_at: Date | string; note: string | null }): MethodVersion {
  return { version: r.version, contentHash: r.content_hash, method: JSON.parse(r.document) as IndexMethod, origin: r.origin as 'builtin', createdAt: new Date(r.created_at).toISOString(), note: r.note };
}

export async function methodHistory(db: Kysely<DB>): Promise<MethodVersion[]> {
  return (await db.selectFrom('index_method_versions').selectAll().orderBy('version', 'desc').execute()).map(toMethod);
}

export async function currentMethod(db: Kysely<DB>): Promise<MethodVersion> {
  const r = await db.selectFrom('index_method_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!r) throw notFound('指数方法');
  return toMethod(r);
}

/** A stored method version (a run is read with the version it names, not the current one). */
export async function methodVersion(db: Kysely<DB>, version: number): Promise<MethodVersion> {
  const r = await db.selectFrom('index_method_versions').selectAll().where('version', '=', version).executeTakeFirst();
  if (!r) throw notFound('指数方法版本');
  return toMethod(r);
}

/** The note of the first built-in version, in words (a database made before issue #13 is reworded by migration 20261209000200). */
export const BUILTIN_METHOD_NOTE = '平台内置方法（按 OECD/JRC 方法设定的初始权重与目标值）';
/** The note of the built-in version stored from issue #15 on. */
export const BUILTIN_METHOD_NOTE_2 = '平台内置方法第二版：规模无关的强度指标，缺失年度不计为 0，最低覆盖率与同类企业最低观测比例';

/**
 * Stores the built-in method (DEFAULT_METHOD) as the next version when the current
 * version is built in and differs from it: version 1 in a new database; in a database
 * whose current version is the first built-in method, the next version, which runs use
 * from then on (the runs made before keep their version and recompute with it). A
 * current version saved by an administrator is left in place (as built-in policy
 * items are): the administrator previews the built-in document and saves it if wanted.
 * Audited when it writes. Returns the version stored, or null.
 */
export async function syncBuiltinMethod(db: Kysely<DB>): Promise<number | null> {
  const doc = canonicalJson(loadMethod(structuredClone(DEFAULT_METHOD), { newVersion: true }));
  const hash = sha256(doc);
  const latest = await db.selectFrom('index_method_versions').select(['version', 'origin', 'content_hash']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (latest && (latest.origin === 'admin' || latest.content_hash === hash)) return null;
  const r = await audited(
    db,
    SYSTEM_ACTOR,
    (v: { version: number | null }) => ({ action: 'index.method.builtin', objectType: 'index_method', objectId: v.version, detail: { version: v.version, contentHash: hash } }),
    async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('index_method'))`.execute(trx);
      const now = await trx.selectFrom('index_method_versions').select(['version', 'origin', 'content_hash']).orderBy('version', 'desc').limit(1).executeTakeFirst();
      if (now && (now.origin === 'admin' || now.content_hash === hash)) return { version: null };
      const version = (now?.version ?? 0) + 1;
      await trx.insertInto('index_method_versions').values({ version, content_hash: hash, document: doc, origin: 'builtin', note: version === 1 ? BUILTIN_METHOD_NOTE : BUILTIN_METHOD_NOTE_2 }).execute();
      return { version };
    },
    { action: 'index.method.builtin', objectType: 'index_method' },
  );
  return r.version;
}

export function checkMethodDocument(doc: unknown): IndexMethod {
  try {
    return loadMethod(doc, { newVersion: true });
  } catch (e) {
    if (e instanceof MethodDocumentError) throw new AppError('VALIDATION', 400, e.message, e.errors[0]?.path, e.errors.map((x) => ({ field: x.path, message: x.message })));
    throw e;
  }
}

export async function saveMethod(db: Kysely<DB>, actor: Actor, doc: unknown, note: string | null) {
  const method = checkMethodDocument(doc);
  const document = canonicalJson(method);
  const hash = sha256(document);
  return audited(
    db,
    actor,
    (r: { version: number; created: boolean }) => ({ action: 'index.method.save', objectType: 'index_method', objectId: r.version, detail: { ...r, note, contentHash: hash } }),
    async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('index_method'))`.execute(trx);
      const latest = await trx.selectFrom('index_method_versions').select(['version', 'content_hash']).orderBy('version', 'desc').limit(1).executeTakeFirst();
      if (latest?.content_hash === hash) return { version: latest.version, contentHash: hash, created: false };
      const version = (latest?.version ?? 0) + 1;
      await trx.insertInto('index_method_versions').values({ version, content_hash: hash, document, origin: 'admin', created_by: actor.userId ?? null, note }).execute();
      return { version, contentHash: hash, created: true };
    },
    { action: 'index.method.save', objectType: 'index_method' },
  );
}

// ------------------------------------------------------------------ inputs

/** Every enterprise's inputs: all yearly figures up to the data year, titles valid on the day, standing gate flags. */
export async function loadInputs(db: Kysely<DB>, dataYear: number, day = new Date().toISOString().slice(0, 10), onlyOrg?: number): Promise<EnterpriseInput[]> {
  const orgs = await db
    .selectFrom('organisations as o')
    .leftJoin('industries as i', 'i.code', 'o.industry_code')
    .select(['o.id', 'o.size_band', 'o.founded_on', 'i.section_code'])
    .where('o.kind', '=', 'enterprise')
    .$if(onlyOrg !== undefined, (q) => q.where('o.id', '=', onlyOrg!))
    .orderBy('o.id')
    .execute();
  const figures = await db
    .selectFrom('enterprise_yearly_figures')
    .selectAll()
    .where('year', '<=', dataYear)
    .$if(onlyOrg !== undefined, (q) => q.where('org_id', '=', onlyOrg!))
    .orderBy('org_id')
    .orderBy('year')
    .execute();
  const quals = await qualificationCodesOn(db, day);
  const flagRows = await db
    .selectFrom('enterprise_flags')
    .select(['org_id', 'flag'])
    .distinct()
    .where(sql<boolean>`since <= ${day}::date AND (until IS NULL OR until >= ${day}::date)`)
    .orderBy('org_id')
    .orderBy('flag')
    .execute();
  const figs = new Map<number, Figures[]>();
  for (const f of figures) {
    let a = figs.get(f.org_id);
    if (!a) figs.set(f.org_id, (a = []));
    a.push(figuresOfRow(f));
  }
  const flags = new Map<number, string[]>();
  for (const f of flagRows) {
    let a = flags.get(f.org_id);
    if (!a) flags.set(f.org_id, (a = []));
    a.push(f.flag);
  }
  return orgs.map((o) => ({
    orgId: o.id,
    section: o.section_code,
    sizeBand: o.size_band,
    foundedYear: o.founded_on ? Number(String(o.founded_on).slice(0, 4)) : null,
    qualifications: quals.get(o.id) ?? [],
    flags: flags.get(o.id) ?? [],
    figures: figs.get(o.id) ?? [],
  }));
}

// ------------------------------------------------------------------ runs

export { computeScores, type StoredScore } from './engine/compute.js';

/** Lets a caller follow a job and stop it (the server closing). */
export interface JobOptions {
  signal?: AbortSignal;
  onProgress?: Progress;
}

const WORKER = workerEntry(import.meta.url, './worker');

export async function runIndex(db: Kysely<DB>, actor: Actor, day = new Date().toISOString().slice(0, 10), job: JobOptions = {}) {
  const mv = await currentMethod(db);
  const inputs = await loadInputs(db, mv.method.edition - 1, day);
  // Scores, explanations, the snapshot and the coherence report are computed in a worker thread: the server keeps answering.
  const { canonical, inputHash, rows, coherence: coh, computeMs } = await runInWorker<IndexTask, RunOutput>(WORKER, { task: 'run', method: mv.method, inputs }, job);
  job.onProgress?.('save', 0, rows.length);
  const runId = await db.transaction().execute(async (trx) => {
    const run = await trx
      .insertInto('index_runs')
      .values({
        method_version: mv.version,
        method_hash: mv.contentHash,
        edition: mv.method.edition,
        input_hash: inputHash,
        scored: rows.filter((r) => r.score !== null).length,
        excluded: rows.filter((r) => r.score === null).length,
        compute_ms: computeMs,
        created_by: actor.userId ?? null,
        coherence: coh,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await trx.insertInto('index_scores').values(chunk.map((r) => ({ run_id: run.id, org_id: r.orgId, score: r.score, grade: r.grade, percentile: r.percentile, stage: r.stage, cohort: r.cohort, coverage: r.coverage, excluded: r.excluded, trend: r.trend, detail: r.detail }))).execute();
      await trx.insertInto('index_run_inputs').values(chunk.map((r, j) => ({ run_id: run.id, org_id: r.orgId, input: canonical[i + j]! }))).execute();
      job.onProgress?.('save', i + chunk.length, rows.length);
      if (job.signal?.aborted) throw stopped();
    }
    await appendAudit(trx, actor, { action: 'index.run', objectType: 'index_run', objectId: run.id, detail: { methodVersion: mv.version, inputHash, enterprises: rows.length, computeMs } });
    return run.id;
  });
  return getRun(db, runId);
}

export async function getRun(db: Kysely<DB>, id: number) {
  const r = await db.selectFrom('index_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('指数计算');
  return {
    id: r.id,
    methodVersion: r.method_version,
    methodHash: r.method_hash,
    edition: r.edition,
    inputHash: r.input_hash,
    scored: r.scored,
    excluded: r.excluded,
    computeMs: r.compute_ms,
    createdAt: new Date(r.created_at).toISOString(),
    robustness: r.robustness ? (JSON.parse(r.robustness) as unknown) : null,
  };
}

export async function latestRunId(db: Kysely<DB>): Promise<number | null> {
  const r = await db.selectFrom('index_runs').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r?.id ?? null;
}

/**
 * A run's stored input lines in org_id order, read a page at a time: the embedded
 * PGlite executes a query on this thread, so one 100,000-row read would hold the
 * server for its whole length; pages let other requests in between.
 */
async function storedInputs(db: Kysely<DB>, runId: number, page = 2000): Promise<string[]> {
  const out: string[] = [];
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('index_run_inputs').select(['org_id', 'input']).where('run_id', '=', runId).where('org_id', '>', after).orderBy('org_id').limit(page).execute();
    for (const r of rows) out.push(r.input);
    if (rows.length < page) return out;
    after = rows[rows.length - 1]!.org_id;
  }
}

/**
 * Recomputes a stored run from its stored inputs and its method version and
 * compares every stored row byte for byte.
 */
export async function recomputeRun(db: Kysely<DB>, actor: Actor, runId: number, job: JobOptions = {}) {
  const run = await getRun(db, runId);
  const mv = await methodVersion(db, run.methodVersion);
  const stored = await storedInputs(db, runId);
  const { inputHash, rows } = await runInWorker<IndexTask, RecomputeOutput>(WORKER, { task: 'recompute', method: mv.method, stored }, job);
  const kept = await db.selectFrom('index_scores').selectAll().where('run_id', '=', runId).orderBy('org_id').execute();
  let differences = 0;
  let first: number | null = null;
  rows.forEach((r, i) => {
    const k = kept[i];
    const same = k && k.org_id === r.orgId && k.score === r.score && k.grade === r.grade && k.percentile === r.percentile && k.stage === r.stage && k.cohort === r.cohort && k.coverage === r.coverage && k.excluded === r.excluded && k.trend === r.trend && k.detail === r.detail;
    if (!same) {
      differences++;
      first ??= r.orgId;
    }
  });
  const result = { runId, methodVersion: mv.version, inputHashMatches: inputHash === run.inputHash, enterprises: rows.length, differences, firstDifferentOrg: first, identical: differences === 0 && inputHash === run.inputHash && rows.length === kept.length };
  await appendAudit(db, actor, { action: 'index.recompute', objectType: 'index_run', objectId: runId, detail: result });
  return result;
}

/** How ranks would move under a new method, on today's inputs, before it is saved. */
export async function previewMethod(db: Kysely<DB>, doc: unknown) {
  const next = checkMethodDocument(doc);
  const cur = await currentMethod(db);
  const inputs = await loadInputs(db, cur.method.edition - 1);
  const a = scorePopulation(cur.method, inputs);
  const b = next.edition === cur.method.edition ? scorePopulation(next, inputs) : scorePopulation(next, await loadInputs(db, next.edition - 1));
  const rank = (p: ScoredPopulation) => {
    const rows = p.scores.filter((s) => s.score !== null).sort((x, y) => y.score! - x.score! || x.orgId - y.orgId);
    return new Map(rows.map((s, i) => [s.orgId, { rank: i + 1, score: s.score!, grade: s.grade! }]));
  };
  const ra = rank(a);
  const rb = rank(b);
  const both = [...ra.keys()].filter((id) => rb.has(id));
  const moves = both.map((id) => ({ orgId: id, before: ra.get(id)!, after: rb.get(id)!, delta: ra.get(id)!.rank - rb.get(id)!.rank }));
  const n = both.length;
  // Spearman's rho from the rank differences (ranks among those scored both times).
  const ia = new Map([...both].sort((x, y) => ra.get(x)!.rank - ra.get(y)!.rank).map((id, i) => [id, i + 1]));
  const ib = new Map([...both].sort((x, y) => rb.get(x)!.rank - rb.get(y)!.rank).map((id, i) => [id, i + 1]));
  const d2 = both.reduce((s, id) => s + (ia.get(id)! - ib.get(id)!) ** 2, 0);
  const grades = next.grades.map((g) => g.grade);
  const before = cur.method.grades.map((g) => g.grade);
  const transitions: Record<string, Record<string, number>> = {};
  for (const m of moves) {
    transitions[m.before.grade] ??= {};
    transitions[m.before.grade]![m.after.grade] = (transitions[m.before.grade]![m.after.grade] ?? 0) + 1;
  }
  const names = new Map((await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', moves.length ? [...moves].sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta)).slice(0, 20).map((m) => m.orgId) : [0]).execute()).map((o) => [o.id, o.name]));
  const top = [...moves].sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.orgId - y.orgId).slice(0, 20).map((m) => ({ ...m, name: names.get(m.orgId) ?? '' }));
  return {
    currentVersion: cur.version,
    enterprises: n,
    moved: moves.filter((m) => m.delta !== 0).length,
    meanAbsoluteShift: n ? Math.round((moves.reduce((s, m) => s + Math.abs(m.delta), 0) / n) * 10) / 10 : 0,
    maxShift: moves.reduce((s, m) => Math.max(s, Math.abs(m.delta)), 0),
    spearman: n > 1 ? Math.round((1 - (6 * d2) / (n * (n * n - 1))) * 10000) / 10000 : 1,
    gradeChanges: moves.filter((m) => m.before.grade !== m.after.grade).length,
    transitions,
    gradesBefore: before,
    gradesAfter: grades,
    topMovers: top,
    /** The new method's coherence and effective weights on the same inputs (docs/index-method.md §5a). */
    coherence: coherenceReport(b),
  };
}

/**
 * A run's coherence report with its effective weights (computed with the run and stored on it).
 * A run stored before the report had this shape (issue #15) gets it computed once from its
 * stored inputs and method version, in the worker, and stored: it is derived from what the run
 * keeps, so it is the report the run would have had.
 */
export async function runCoherence(db: Kysely<DB>, runId: number, job: JobOptions = {}): Promise<CoherenceReport & { run: { id: number; methodVersion: number; edition: number; createdAt: string } }> {
  const run = await getRun(db, runId);
  const meta = { id: run.id, methodVersion: run.methodVersion, edition: run.edition, createdAt: run.createdAt };
  const row = await db.selectFrom('index_runs').select('coherence').where('id', '=', runId).executeTakeFirstOrThrow();
  const stored = row.coherence ? (JSON.parse(row.coherence) as unknown) : null;
  if (isCurrentCoherence(stored)) return { ...stored, run: meta };
  const mv = await methodVersion(db, run.methodVersion);
  const { coherence } = await runInWorker<IndexTask, CoherenceOutput>(WORKER, { task: 'coherence', method: mv.method, stored: await storedInputs(db, runId) }, job);
  await db.updateTable('index_runs').set({ coherence }).where('id', '=', runId).execute();
  return { ...(JSON.parse(coherence) as CoherenceReport), run: meta };
}

/** The robustness run on a stored run's inputs; stores the summary on the run and each enterprise's interval. */
export async function runRobustness(db: Kysely<DB>, actor: Actor, runId: number, opts: { draws: number; seed: number; spread: number }, job: JobOptions = {}) {
  const run = await getRun(db, runId);
  const most = maxDrawsFor(run.scored);
  if (opts.draws > most) {
    throw invalid('draws', `抽样次数（draws）× 参评企业数不能超过 ${ROBUSTNESS_MAX_CELLS.toLocaleString('en')}：本次计算有 ${run.scored} 家参评企业，抽样次数最多 ${most} 次`);
  }
  const mv = await methodVersion(db, run.methodVersion);
  const stored = await storedInputs(db, runId);
  // Scoring and the Monte Carlo draws run in a worker thread: the server keeps answering.
  const { result: r, ms } = await runInWorker<IndexTask, RobustnessOutput>(WORKER, { task: 'robustness', method: mv.method, stored, options: { draws: opts.draws, seed: opts.seed, spread: opts.spread } }, job);
  const summary = { draws: r.draws, seed: opts.seed, spread: opts.spread, scored: r.scored, flagged: r.flagged, cutoffs: r.cutoffs, ms };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('index_runs').set({ robustness: canonicalJson(summary) }).where('id', '=', runId).execute();
    // one statement per chunk: a VALUES list joined to the scores
    for (let i = 0; i < r.intervals.length; i += 1000) {
      const chunk = r.intervals.slice(i, i + 1000);
      const values = sql.join(chunk.map((x) => sql`(${x.orgId}::int, ${x.medianRank}::int, ${x.p5}::int, ${x.p95}::int, ${x.straddles.length ? x.straddles.join(',') : null}::text)`));
      await sql`UPDATE index_scores s SET median_rank = v.m, rank_p5 = v.a, rank_p95 = v.b, review_flag = v.f FROM (VALUES ${values}) AS v(o, m, a, b, f) WHERE s.run_id = ${runId} AND s.org_id = v.o`.execute(trx);
    }
    await appendAudit(trx, actor, { action: 'index.robustness', objectType: 'index_run', objectId: runId, detail: summary });
  });
  return summary;
}

