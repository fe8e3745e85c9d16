/**
 * Reading the 科创指数: overview, ranking, an enterprise's page, screening lists
 * (小升高, 高升强, 科技型中小企业 self-check), consents and the bank view.
 */
import { sql, type Kysely } from 'kysely';
import { appendAudit, audited, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.js';
import { hnteConditions, tsmeScore } from './engine/official.js';
import { INDICATORS, PILLARS } from './engine/indicators.js';
import { suzhouDay } from '../platform/clock.js';
import { decisionReasons, type StoredReason } from './engine/reasons.js';
import { reviewsOf } from './review-repository.js';
import { reviewView } from './review-service.js';
import { currentMethod, getRun, latestRunId, loadInputs, methodVersion } from './service.js';

async function requireRun(db: Kysely<DB>, runId?: number): Promise<number> {
  const id = runId ?? (await latestRunId(db));
  if (id === null) throw notFound('科创指数计算结果（尚未计算，请先运行指数计算）');
  return id;
}

export async function overview(db: Kysely<DB>, runId?: number) {
  const id = await requireRun(db, runId);
  const run = await getRun(db, id);
  const bins = await sql<{ bin: number; n: number }>`SELECT LEAST(9, floor(score / 10))::int AS bin, count(*)::int AS n FROM index_scores WHERE run_id = ${id} AND score IS NOT NULL GROUP BY 1 ORDER BY 1`.execute(db);
  const grades = await db.selectFrom('index_scores').select(['grade', (eb) => eb.fn.countAll<number>().as('n')]).where('run_id', '=', id).where('grade', 'is not', null).groupBy('grade').orderBy('grade').execute();
  const byDistrict = await sql<{ code: string; name: string; n: number; mean: number; a: number }>`
    SELECT d.code, d.name, count(*)::int AS n, round(avg(s.score)::numeric, 2)::float8 AS mean, count(*) FILTER (WHERE s.grade = 'A')::int AS a
    FROM index_scores s JOIN organisations o ON o.id = s.org_id JOIN districts d ON d.code = o.district_code
    WHERE s.run_id = ${id} AND s.score IS NOT NULL GROUP BY d.code, d.name, d.sort ORDER BY d.sort`.execute(db);
  const bySection = await sql<{ code: string; name: string; n: number; mean: number; a: number }>`
    SELECT sec.code, sec.name, count(*)::int AS n, round(avg(s.score)::numeric, 2)::float8 AS mean, count(*) FILTER (WHERE s.grade = 'A')::int AS a
    FROM index_scores s JOIN organisations o ON o.id = s.org_id JOIN industries i ON i.code = o.industry_code JOIN industries sec ON sec.code = i.section_code
    WHERE s.run_id = ${id} AND s.score IS NOT NULL GROUP BY sec.code, sec.name ORDER BY n DESC`.execute(db);
  const flagged = await db.selectFrom('index_scores').select((eb) => eb.fn.countAll<number>().as('n')).where('run_id', '=', id).where('review_flag', 'is not', null).executeTakeFirstOrThrow();
  return {
    run,
    histogram: Array.from({ length: 10 }, (_, b) => ({ from: b * 10, to: b * 10 + 10, count: bins.rows.find((x) => x.bin === b)?.n ?? 0 })),
    grades: grades.map((g) => ({ grade: g.grade!, count: Number(g.n) })),
    byDistrict: byDistrict.rows,
    bySection: bySection.rows,
    reviewFlagged: Number(flagged.n),
  };
}

export interface RankingFilter {
  runId?: number;
  grade?: string;
  district?: string;
  section?: string;
  sizeBand?: string;
  stage?: string;
  q?: string;
  flagged?: boolean;
  /** pending: flagged with no decision yet; done: decided. */
  review?: 'pending' | 'done';
  page: number;
  pageSize: number;
}

export async function ranking(db: Kysely<DB>, f: RankingFilter) {
  const id = await requireRun(db, f.runId);
  let q = db
    .selectFrom('index_scores as s')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .leftJoin('districts as d', 'd.code', 'o.district_code')
    .leftJoin('industries as i', 'i.code', 'o.industry_code')
    .leftJoin('index_reviews as r', (j) => j.onRef('r.run_id', '=', 's.run_id').onRef('r.org_id', '=', 's.org_id').on('r.current', '=', true))
    .where('s.run_id', '=', id);
  if (f.grade) q = q.where('s.grade', '=', f.grade);
  if (f.district) q = q.where('o.district_code', '=', f.district);
  if (f.section) q = q.where('i.section_code', '=', f.section);
  if (f.sizeBand) q = q.where('o.size_band', '=', f.sizeBand);
  if (f.stage) q = q.where('s.stage', '=', f.stage);
  if (f.flagged) q = q.where('s.review_flag', 'is not', null);
  if (f.review === 'pending') q = q.where('s.review_flag', 'is not', null).where('r.id', 'is', null);
  if (f.review === 'done') q = q.where('r.id', 'is not', null);
  if (f.q) q = q.where('o.name', 'ilike', '%' + f.q.trim().replace(/[\\%_]/g, (c) => '\\' + c) + '%');
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['o.id', 'o.name', 'd.name as district', 'i.section_code', 'o.size_band', 's.score', 's.grade', 's.percentile', 's.stage', 's.coverage', 's.excluded', 's.review_flag', 's.median_rank', 's.rank_p5', 's.rank_p95', 'r.decision', 'r.grade as reviewed_grade'])
    .orderBy(sql`s.score DESC NULLS LAST`)
    .orderBy('o.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    runId: id,
    total: Number(n),
    items: rows.map((r, i) => ({
      position: (f.page - 1) * f.pageSize + i + 1,
      orgId: r.id,
      name: r.name,
      district: r.district,
      section: r.section_code,
      sizeBand: r.size_band,
      score: r.score,
      grade: r.grade,
      percentile: r.percentile,
      stage: r.stage,
      coverage: r.coverage,
      excluded: r.excluded,
      reviewFlag: r.review_flag,
      review: !r.review_flag ? null : r.decision ? { status: r.decision === 'confirm' ? 'confirmed' : 'adjusted', grade: r.reviewed_grade } : { status: 'pending', grade: null },
      robustRank: r.median_rank === null ? null : { median: r.median_rank, p5: r.rank_p5!, p95: r.rank_p95! },
    })),
  };
}

/** The enterprise's rank among all scored in the run. */
async function overallRank(db: Kysely<DB>, runId: number, score: number | null): Promise<{ rank: number; of: number } | null> {
  if (score === null) return null;
  const r = await db
    .selectFrom('index_scores')
    .select([sql<number>`count(*) FILTER (WHERE score > ${score})::int`.as('above'), sql<number>`count(score)::int`.as('of')])
    .where('run_id', '=', runId)
    .executeTakeFirstOrThrow();
  return { rank: Number(r.above) + 1, of: Number(r.of) };
}

export async function enterpriseIndex(db: Kysely<DB>, orgId: number, runId?: number) {
  const id = await requireRun(db, runId);
  const s = await db
    .selectFrom('index_scores as s')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .selectAll('s')
    .select(['o.name'])
    .where('s.run_id', '=', id)
    .where('s.org_id', '=', orgId)
    .executeTakeFirst();
  if (!s) throw notFound('该企业的科创指数');
  const run = await getRun(db, id);
  // Read with its own method: a label renamed in a later version does not change what an old run said.
  const method = await methodVersion(db, run.methodVersion);
  const label = (g: string | null) => method.method.grades.find((x) => x.grade === g)?.label ?? null;
  // A flagged grade: the official's decision, when there is one, is the grade (review-service.ts).
  const reviews = await reviewsOf(db, id, orgId);
  const decided = reviews.find((r) => r.current);
  const grade = decided ? decided.grade : s.grade;
  const detail = JSON.parse(s.detail) as { values: { code: string; raw: number | null; value: number; imputed: boolean; winsorised: string | null; normalised: number; contribution: number }[]; explanation: unknown };
  const defs = new Map(INDICATORS.map((d) => [d.code, d]));
  return {
    run: { id: run.id, methodVersion: run.methodVersion, methodHash: run.methodHash, edition: run.edition, inputHash: run.inputHash, createdAt: run.createdAt },
    orgId,
    name: s.name,
    score: s.score,
    grade,
    gradeLabel: label(grade),
    computedGrade: s.grade,
    computedGradeLabel: label(s.grade),
    review: {
      status: !s.review_flag ? ('none' as const) : !decided ? ('pending' as const) : decided.decision === 'confirm' ? ('confirmed' as const) : ('adjusted' as const),
      history: reviews.map(reviewView),
    },
    percentile: s.percentile,
    rank: await overallRank(db, id, s.score),
    stage: s.stage,
    cohort: s.cohort,
    coverage: s.coverage,
    excluded: s.excluded,
    reviewFlag: s.review_flag,
    robustRank: s.median_rank === null ? null : { median: s.median_rank, p5: s.rank_p5!, p95: s.rank_p95! },
    trend: JSON.parse(s.trend) as { edition: number; score: number | null; grade: string | null }[],
    values: detail.values.map((v) => {
      const d = defs.get(v.code)!;
      return { ...v, name: d.name, unit: d.unit, pillar: d.pillar, pillarLabel: PILLARS[d.pillar] };
    }),
    explanation: detail.explanation,
  };
}

// ------------------------------------------------------------------ screening

/** Registration dates ('YYYY-MM-DD') of the enterprises asked for (all when none given). */
async function foundedOn(db: Kysely<DB>, orgId?: number): Promise<Map<number, string | null>> {
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'founded_on'])
    .where('kind', '=', 'enterprise')
    .$if(orgId !== undefined, (q) => q.where('id', '=', orgId!))
    .execute();
  return new Map(rows.map((r) => [r.id, r.founded_on === null ? null : String(r.founded_on).slice(0, 10)]));
}

/**
 * 小升高 on an application date ('YYYY-MM-DD', the caller's "today" in Suzhou unless asked
 * otherwise): titles and gate flags as they stand on that day, registration counted in days to it.
 */
export async function hnteCandidates(db: Kysely<DB>, opts: { maxUnmet: number; page: number; pageSize: number; date: string }) {
  const mv = await currentMethod(db);
  const dataYear = mv.method.edition - 1;
  const inputs = (await loadInputs(db, dataYear, opts.date)).filter((e) => !e.qualifications.includes('hnte') && e.figures.some((f) => f.year === dataYear) && e.flags.length === 0);
  const founded = await foundedOn(db);
  const rows = inputs
    .map((e) => {
      const conditions = hnteConditions(e.figures, founded.get(e.orgId) ?? null, opts.date);
      const unmet = conditions.filter((c) => !c.met);
      return { orgId: e.orgId, conditions, unmet: unmet.length, distance: Math.round(unmet.reduce((s, c) => s + c.distance, 0) * 10000) / 10000 };
    })
    .filter((r) => r.unmet <= opts.maxUnmet)
    .sort((a, b) => a.unmet - b.unmet || a.distance - b.distance || a.orgId - b.orgId);
  return { date: opts.date, ...(await withNames(db, rows, opts)) };
}

export async function leaderCandidates(db: Kysely<DB>, opts: { page: number; pageSize: number; day?: string }) {
  const id = await requireRun(db);
  // 高企 valid on the day in Suzhou (not the database server's date).
  const day = opts.day ?? suzhouDay();
  const q = db
    .selectFrom('index_scores as s')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .where('s.run_id', '=', id)
    .where('s.score', 'is not', null)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('organisation_qualifications as q').select(sql`1`.as('x')).whereRef('q.org_id', '=', 's.org_id').where('q.type_code', '=', 'hnte').where(sql<boolean>`q.valid_from <= ${day}::date AND (q.valid_to IS NULL OR q.valid_to >= ${day}::date)`)),
    );
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.select(['o.id', 'o.name', 's.score', 's.grade', 's.percentile', 's.review_flag', 's.detail']).orderBy('s.score', 'desc').orderBy('o.id').limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize).execute();
  return {
    total: Number(n),
    items: rows.map((r, i) => {
      const ex = (JSON.parse(r.detail) as { explanation: { lifts: { text: string }[] } | null }).explanation;
      return { position: (opts.page - 1) * opts.pageSize + i + 1, orgId: r.id, name: r.name, score: r.score, grade: r.grade, percentile: r.percentile, reviewFlag: r.review_flag, strengths: ex?.lifts.map((l) => l.text) ?? [] };
    }),
  };
}

/**
 * The 科技型中小企业 self-check and the 高企 conditions on a day ('YYYY-MM-DD', the caller's
 * "today" in Suzhou unless asked otherwise): titles valid and gate flags standing on that day,
 * the latest year's figures up to the current method's data year.
 */
export async function tsmeCheck(db: Kysely<DB>, orgId: number, date: string) {
  const mv = await currentMethod(db);
  const [e] = await loadInputs(db, mv.method.edition - 1, date, orgId);
  if (!e) throw notFound('企业');
  const latest = e.figures[e.figures.length - 1];
  if (!latest) throw invalid('orgId', '该企业尚无年度数据，无法自评');
  const founded = (await foundedOn(db, orgId)).get(orgId) ?? null;
  return { orgId, date, year: latest.year, alreadyHeld: e.qualifications.includes('tsme'), ...tsmeScore(latest, e), hnte: hnteConditions(e.figures, founded, date) };
}

async function withNames<T extends { orgId: number }>(db: Kysely<DB>, rows: T[], opts: { page: number; pageSize: number }) {
  const page = rows.slice((opts.page - 1) * opts.pageSize, opts.page * opts.pageSize);
  const names = new Map(
    page.length ? (await db.selectFrom('organisations as o').leftJoin('districts as d', 'd.code', 'o.district_code').select(['o.id', 'o.name', 'd.name as district']).where('o.id', 'in', page.map((r) => r.orgId)).execute()).map((o) => [o.id, o]) : [],
  );
  return { total: rows.length, items: page.map((r) => ({ ...r, name: names.get(r.orgId)?.name ?? '', district: names.get(r.orgId)?.district ?? null })) };
}

// ------------------------------------------------------------------ consent and the bank view

export async function listConsents(db: Kysely<DB>, user: AuthUser) {
  let q = db
    .selectFrom('index_consents as c')
    .innerJoin('organisations as e', 'e.id', 'c.enterprise_id')
    .innerJoin('organisations as b', 'b.id', 'c.institution_id')
    .select(['c.id', 'c.enterprise_id', 'e.name as enterprise', 'c.institution_id', 'b.name as institution', 'c.granted_at', 'c.withdrawn_at']);
  if (user.role === 'enterprise') q = q.where('c.enterprise_id', '=', user.orgId ?? -1);
  else if (user.role === 'finance') q = q.where('c.institution_id', '=', user.orgId ?? -1).where('c.withdrawn_at', 'is', null);
  const rows = await q.orderBy('c.id', 'desc').limit(500).execute();
  return rows.map((r) => ({ id: r.id, enterpriseId: r.enterprise_id, enterprise: r.enterprise, institutionId: r.institution_id, institution: r.institution, grantedAt: new Date(r.granted_at).toISOString(), withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at).toISOString() : null, standing: r.withdrawn_at === null }));
}

export async function grantConsent(db: Kysely<DB>, actor: Actor, user: AuthUser, institutionId: number) {
  const enterpriseId = user.orgId;
  if (user.role !== 'enterprise' || enterpriseId === null) throw forbidden('只有企业用户可以授权');
  const inst = await db.selectFrom('organisations').select('kind').where('id', '=', institutionId).executeTakeFirst();
  if (!inst) throw invalid('institutionId', '机构不存在');
  if (inst.kind !== 'financial') throw invalid('institutionId', '只能授权给金融机构');
  try {
    const r = await audited(
      db,
      actor,
      (c: { id: number }) => ({ action: 'index.consent.grant', objectType: 'index_consent', objectId: c.id, detail: { enterpriseId, institutionId } }),
      (trx) => trx.insertInto('index_consents').values({ enterprise_id: enterpriseId, institution_id: institutionId, granted_by: actor.userId ?? null }).returning('id').executeTakeFirstOrThrow(),
      { action: 'index.consent.grant', objectType: 'index_consent', detail: { enterpriseId, institutionId } },
    );
    return r.id;
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw conflict('institutionId', '已授权该机构，无需重复授权');
    throw e;
  }
}

export async function withdrawConsent(db: Kysely<DB>, actor: Actor, user: AuthUser, consentId: number) {
  const c = await db.selectFrom('index_consents').selectAll().where('id', '=', consentId).executeTakeFirst();
  if (!c || user.role !== 'enterprise' || c.enterprise_id !== user.orgId) throw notFound('授权');
  if (c.withdrawn_at) throw conflict('id', '该授权已撤回');
  await audited(db, actor, { action: 'index.consent.withdraw', objectType: 'index_consent', objectId: consentId, detail: { enterpriseId: c.enterprise_id, institutionId: c.institution_id } }, async (trx) => {
    const r = await trx.updateTable('index_consents').set({ withdrawn_at: new Date(), withdrawn_by: actor.userId ?? null }).where('id', '=', consentId).where('withdrawn_at', 'is', null).executeTakeFirst();
    if (!Number(r.numUpdatedRows)) throw conflict('id', '该授权已撤回');
  });
}

/**
 * What a financial institution sees, only while the enterprise's consent to it
 * stands: grade, score, percentile, trend and at most four reason codes with their
 * labels (the largest contributions relative to the cohort first). No figures. Every
 * access, allowed or refused, is recorded.
 */
export async function bankView(db: Kysely<DB>, actor: Actor, user: AuthUser, orgId: number) {
  const consent = user.orgId === null ? undefined : await db.selectFrom('index_consents').select('id').where('enterprise_id', '=', orgId).where('institution_id', '=', user.orgId).where('withdrawn_at', 'is', null).executeTakeFirst();
  if (!consent) {
    await appendAudit(db, actor, { action: 'index.bank.view', objectType: 'organisation', objectId: orgId, result: 'denied', detail: { reason: 'no standing consent' } });
    throw forbidden('该企业未授权本机构查看其科创指数，或授权已撤回');
  }
  const e = await enterpriseIndex(db, orgId);
  await appendAudit(db, actor, { action: 'index.bank.view', objectType: 'organisation', objectId: orgId, detail: { consent: consent.id, run: e.run.id } });
  const ex = e.explanation as { lifts: StoredReason[]; holds: StoredReason[] } | null;
  const pending = e.review.status === 'pending';
  return {
    orgId,
    name: e.name,
    score: e.score,
    // A flagged grade waiting for review is not passed on; a decided one is the decision (in the trend too).
    grade: pending ? null : e.grade,
    gradeLabel: pending ? '等级待人工复核' : e.gradeLabel,
    percentile: e.percentile,
    coverage: e.coverage,
    excluded: e.excluded,
    trend: e.trend.map((p) => (p.edition === e.run.edition ? { ...p, grade: pending ? null : e.grade } : p)),
    // At most four reason codes in all, the largest first, each with its label; the texts quote figures and stay with the enterprise.
    reasons: ex ? decisionReasons(ex.lifts, ex.holds) : [],
    run: { edition: e.run.edition, methodVersion: e.run.methodVersion, createdAt: e.run.createdAt },
  };
}
