/** /api/index/*: the 科创指数. */
import { z } from 'zod';
import { appendAudit, audited } from '../audit/audit.js';
import { ADMIN_ONLY, ANY_USER, roles, type Access } from '../auth/access.js';
import { AppError, forbidden, invalid, notFound } from '../platform/errors.js';
import { suzhouDay } from '../platform/clock.js';
import type { Api } from '../platform/http/types.js';
import { sendXlsx } from '../platform/http/xlsx.js';
import { Jobs, type JobContext } from '../platform/jobs/jobs.js';
import type { Actor } from '../audit/audit.js';
import { ErrorBody, Page } from '../shared/api.js';
import { JobView, RobustnessBody } from '../shared/jobs.js';
import { INDICATORS, PILLARS } from './engine/indicators.js';
import { MAX_DECISION_REASONS } from './engine/reasons.js';
import { bankView, enterpriseIndex, grantConsent, hnteCandidates, leaderCandidates, listConsents, overview, ranking, tsmeCheck, withdrawConsent } from './reads.js';
import { IndexReviewInput } from '../shared/innovation-index.js';
import { reviewGrade } from './review-service.js';
import { checkMethodDocument, currentMethod, getRun, latestRunId, methodHistory, methodVersion, previewMethod, recomputeRun, runCoherence, runIndex, runRobustness, saveMethod } from './service.js';

const tags = ['index'];
const OFFICE = roles('admin', 'official');
/** An enterprise's own index: the enterprise itself, and officials and administrators. */
const OWN_INDEX: Access = { kind: 'roles', roles: ['admin', 'official', 'enterprise'], ownOrg: { param: 'orgId', roles: ['enterprise'] } };
const OrgId = z.object({ orgId: z.coerce.number().int().positive() });
const Any = z.any();
/** The application date (申请日) the official conditions are checked on, 'YYYY-MM-DD'; today in Suzhou when absent. */
const ApplicationDate = z.iso.date().optional().describe('申请日（YYYY-MM-DD），缺省为今天（北京时间）');
/** GET /api/index/bank/:orgId: no figures, and at most MAX_DECISION_REASONS reason codes in all. */
const BankViewBody = z.strictObject({
  orgId: z.number().int(),
  name: z.string(),
  score: z.number().nullable(),
  grade: z.string().nullable(),
  gradeLabel: z.string().nullable(),
  percentile: z.number().nullable(),
  coverage: z.number(),
  excluded: z.string().nullable(),
  trend: z.array(z.object({ edition: z.number().int(), score: z.number().nullable(), grade: z.string().nullable() })),
  reasons: z
    .array(z.object({ code: z.string().describe('原因代码：指标代码加 _high（高于同类企业中位水平）或 _low（低于）'), label: z.string().describe('原因的中文说明') }))
    .max(MAX_DECISION_REASONS)
    .describe('至多 4 个原因（个人信息保护法第二十四条），按相对同类企业的贡献差距从大到小'),
  run: z.object({ edition: z.number().int(), methodVersion: z.number().int(), createdAt: z.string() }),
});

/** The index's long jobs: computed in a worker thread, one at a time per kind (a second start is refused with 409). */
const JOB_KINDS = { run: '科创指数计算', recompute: '指数重新计算比对', robustness: '稳健性分析' } as const;
type JobKind = keyof typeof JOB_KINDS;

export function indexRoutes(app: Api) {
  const db = app.deps.database.db;
  const jobs = new Jobs();
  // Closing the server stops the workers of running jobs (their writes are transactions: nothing half-saved).
  app.addHook('onClose', () => jobs.close());
  /** Runs a job of `kind`; a refused start (one already running) is audited. */
  const job = async <T>(kind: JobKind, actor: Actor, objectId: number | null, fn: (ctx: JobContext) => Promise<T>): Promise<T> => {
    try {
      return await jobs.start(`index.${kind}`, JOB_KINDS[kind], fn);
    } catch (e) {
      if (e instanceof AppError && e.status === 409) {
        await appendAudit(db, actor, { action: `index.${kind}`, objectType: 'index_run', objectId, result: 'error', detail: { error: 'already running' } });
      }
      throw e;
    }
  };
  const opts = (ctx: JobContext) => ({ signal: ctx.signal, onProgress: ctx.progress });

  app.get('/api/index/indicators', { config: { access: ANY_USER }, schema: { tags, summary: '指标目录（名称、定义、单位、方向、来源、期间、支柱）' } }, async () => ({
    pillars: Object.entries(PILLARS).map(([code, label]) => ({ code, label })),
    indicators: INDICATORS.map(({ compute, ...d }) => ({ ...d, available: compute !== null })),
  }));

  // ---------------------------------------------------------------- method
  app.get('/api/index/methods', { config: { access: OFFICE }, schema: { tags, summary: '指数方法的全部版本（不可变，内容哈希）' } }, async () => ({
    versions: (await methodHistory(db)).map((m) => ({ version: m.version, contentHash: m.contentHash, origin: m.origin, createdAt: m.createdAt, note: m.note, document: m.method })),
  }));
  app.post(
    '/api/index/methods/preview',
    { config: { access: ADMIN_ONLY }, schema: { tags, summary: '预览新方法：与现行方法相比排名如何变化，以及新方法的一致性与有效权重（不保存）', body: z.object({ document: Any }), response: { 200: Any, 400: ErrorBody } } },
    async (req) => previewMethod(db, req.body.document),
  );
  app.post(
    '/api/index/methods',
    { config: { access: ADMIN_ONLY }, schema: { tags, summary: '保存方法为新版本（下次指数计算起使用）', body: z.object({ document: Any, note: z.string().max(500).optional() }), response: { 200: Any, 400: ErrorBody } } },
    async (req) => {
      checkMethodDocument(req.body.document);
      return saveMethod(db, req.actor, req.body.document, req.body.note ?? null);
    },
  );

  // ---------------------------------------------------------------- runs
  app.post(
    '/api/index/runs',
    { config: { access: OFFICE }, schema: { tags, summary: '按现行方法计算全体企业的科创指数并保存（含输入快照；在后台线程计算，进度见 GET /api/index/jobs；同时只运行一次）', response: { 200: Any, 409: ErrorBody } } },
    async (req) => job('run', req.actor, null, (ctx) => runIndex(db, req.actor, undefined, opts(ctx))),
  );
  app.get(
    '/api/index/jobs',
    { config: { access: OFFICE }, schema: { tags, summary: '指数计算、重新计算比对、稳健性分析：正在运行的（或本服务最近一次的）进度', response: { 200: z.object({ jobs: z.record(z.string(), JobView.nullable()) }) } } },
    async () => ({ jobs: Object.fromEntries((Object.keys(JOB_KINDS) as JobKind[]).map((k) => [k, jobs.view(`index.${k}`)])) }),
  );
  app.get('/api/index/runs/latest', { config: { access: OFFICE }, schema: { tags, summary: '最近一次计算，及其所用方法版本的等级与分界线（current：现行方法版本）' } }, async () => {
    const id = await latestRunId(db);
    const run = id === null ? null : await getRun(db, id);
    const current = await currentMethod(db);
    // The run is read with the method version it names (its grades and cut-offs); `current` is the version in force now.
    const m = run && run.methodVersion !== current.version ? await methodVersion(db, run.methodVersion) : current;
    return { run, method: { version: m.version, title: m.method.title, edition: m.method.edition, grades: m.method.grades, cutoffs: m.method.cutoffs }, current: { version: current.version, title: current.method.title } };
  });
  app.post(
    '/api/index/runs/:id/recompute',
    { config: { access: OFFICE }, schema: { tags, summary: '按保存的输入快照和方法版本重新计算，逐字节比对', params: z.object({ id: z.coerce.number().int().positive() }) } },
    async (req) => job('recompute', req.actor, req.params.id, (ctx) => recomputeRun(db, req.actor, req.params.id, opts(ctx))),
  );
  app.post(
    '/api/index/runs/:id/robustness',
    {
      config: { access: OFFICE },
      schema: {
        tags,
        summary:
          '稳健性分析：扰动权重、替换标准化与加总方式的蒙特卡洛模拟，给出中位排名与 90% 区间，标记跨越分界线的企业（draws ≤ 2000 且 draws × 参评企业数 ≤ 2000 万；在后台线程计算，进度见 GET /api/index/jobs；同时只运行一次）',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: RobustnessBody,
        response: { 200: Any, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => job('robustness', req.actor, req.params.id, (ctx) => runRobustness(db, req.actor, req.params.id, req.body, opts(ctx))),
  );
  app.get(
    '/api/index/runs/:id/coherence',
    {
      config: { access: OFFICE },
      schema: {
        tags,
        summary: '一致性报告与有效权重：各支柱的 Cronbach α、第一主成分占比、指标与支柱的相关（低于 0.3 标出）、冗余指标对（|r| > 0.9）；各指标的名义权重与有效权重（占得分方差的份额，总体及分阶段），超出名义 ×0.5–×2 时警示',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: Any, 404: ErrorBody },
      },
    },
    async (req) => runCoherence(db, req.params.id),
  );

  // ---------------------------------------------------------------- reading
  app.get('/api/index/overview', { config: { access: OFFICE }, schema: { tags, summary: '总览：分布、等级、按区县与行业' } }, async () => overview(db));
  app.get(
    '/api/index/scores',
    {
      config: { access: OFFICE },
      schema: {
        tags,
        summary: '排名（可按等级、区县、行业门类、规模、阶段、需复核与复核状态筛选）',
        querystring: Page.extend({
          grade: z.string().max(3).optional(),
          district: z.string().max(12).optional(),
          section: z.string().length(1).optional(),
          sizeBand: z.string().max(10).optional(),
          stage: z.enum(['startup', 'growth', 'mature']).optional(),
          q: z.string().max(60).optional(),
          flagged: z.enum(['true', 'false']).optional(),
          review: z.enum(['pending', 'done'], { error: 'review 应为 pending（待复核）或 done（已复核）' }).optional().describe('pending：被标记且尚未复核；done：已复核'),
        }),
      },
    },
    async (req) => {
      const r = await ranking(db, { ...req.query, flagged: req.query.flagged === 'true' });
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/api/index/scores/:orgId',
    {
      config: { access: { ...OWN_INDEX, auditDeniedReads: 'index.read' } },
      schema: { tags, summary: '企业的科创指数、贡献分解、原因与提升路径（runId：某次保存的计算，按其方法版本解读；默认最近一次）', params: OrgId, querystring: z.object({ runId: z.coerce.number({ error: 'runId 应为正整数' }).int().positive({ error: 'runId 应为正整数' }).optional() }) },
    },
    async (req) => {
      const r = await enterpriseIndex(db, req.params.orgId, req.query.runId);
      await appendAudit(db, req.actor, { action: 'index.read', objectType: 'organisation', objectId: req.params.orgId });
      // The enterprise reads the decision and its reason; who decided stays with the departments.
      const office = ['admin', 'official'].includes(req.principal!.user.role);
      return office ? r : { ...r, review: { ...r.review, history: r.review.history.map((h) => ({ ...h, by: null })) } };
    },
  );
  app.post(
    '/api/index/runs/:id/reviews',
    {
      config: { access: OFFICE },
      schema: {
        tags,
        summary: '人工复核：对稳健性分析标记“需人工复核”的企业，确认或调整其等级（须说明原因；只复核最近一次计算；决定即科创指数惠与金融机构视图所用的等级）',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: IndexReviewInput,
        response: { 200: Any, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => reviewGrade(db, req.actor, req.principal!.user, req.params.id, req.body),
  );
  app.get(
    '/api/index/tsme-check/:orgId',
    {
      config: { access: { ...OWN_INDEX, auditDeniedReads: 'index.tsme.read' } },
      schema: {
        tags,
        summary: '科技型中小企业自评（官方评分；持有效高企证书等按评价办法第八条直接确认）与高企条件对照（按申请日计注册天数）',
        params: OrgId,
        querystring: z.object({ date: ApplicationDate }),
      },
    },
    async (req) => {
      const date = req.query.date ?? suzhouDay();
      const r = await tsmeCheck(db, req.params.orgId, date);
      await appendAudit(db, req.actor, { action: 'index.tsme.read', objectType: 'organisation', objectId: req.params.orgId, detail: { date } });
      return r;
    },
  );


  // ---------------------------------------------------------------- screening
  const ScreenQuery = Page.extend({ format: z.enum(['json', 'xlsx']).default('json') });
  app.get(
    '/api/index/screening/hnte',
    {
      config: { access: OFFICE },
      schema: {
        tags,
        summary: '小升高：尚非高新技术企业者与各项认定条件的差距，按申请日（默认今天）计（可导出 .xlsx）',
        querystring: ScreenQuery.extend({ maxUnmet: z.coerce.number().int().min(0).max(6).default(2), date: ApplicationDate }),
      },
    },
    async (req, reply) => {
      const all = req.query.format === 'xlsx';
      const date = req.query.date ?? suzhouDay();
      const r = await hnteCandidates(db, { maxUnmet: req.query.maxUnmet, page: all ? 1 : req.query.page, pageSize: all ? 100_000 : req.query.pageSize, date });
      await appendAudit(db, req.actor, { action: 'index.screening.hnte', objectType: 'screening', detail: { format: req.query.format, total: r.total, date } });
      if (!all) return { ...r, page: req.query.page, pageSize: req.query.pageSize };
      const codes: [string, string][] = [
        ['rd_intensity', '研发费用占销售收入比例'],
        ['rd_domestic', '境内研发费用占比'],
        ['st_staff', '科技人员占比'],
        ['hightech_revenue', '高新技术产品收入占比'],
        ['core_ip', '核心知识产权'],
        ['registered', '注册满 365 天'],
      ];
      return sendXlsx(
        reply,
        '小升高候选',
        [{ header: '企业', key: 'name', width: 36 }, { header: '区县', key: 'district' }, { header: '申请日', key: 'date', width: 12 }, { header: '未满足条件数', key: 'unmet' }, ...codes.map(([c, label]) => ({ header: label, key: c, width: 40 }))],
        r.items.map((x) => ({ name: x.name, district: x.district, date, unmet: x.unmet, ...Object.fromEntries(x.conditions.map((c) => [c.code, c.met ? `✓ ${c.actual}` : `✗ ${c.actual}；${c.gap}`])) })),
      );
    },
  );
  app.get(
    '/api/index/screening/leaders',
    { config: { access: OFFICE }, schema: { tags, summary: '高升强：高新技术企业按科创指数排序（科技领军企业候选，可导出 .xlsx）', querystring: ScreenQuery } },
    async (req, reply) => {
      const all = req.query.format === 'xlsx';
      const r = await leaderCandidates(db, { page: all ? 1 : req.query.page, pageSize: all ? 100_000 : req.query.pageSize });
      await appendAudit(db, req.actor, { action: 'index.screening.leaders', objectType: 'screening', detail: { format: req.query.format, total: r.total } });
      if (!all) return { ...r, page: req.query.page, pageSize: req.query.pageSize };
      return sendXlsx(
        reply,
        '高升强候选',
        [{ header: '序号', key: 'position', width: 8 }, { header: '企业', key: 'name', width: 36 }, { header: '科创指数', key: 'score' }, { header: '等级', key: 'grade', width: 8 }, { header: '同类百分位', key: 'percentile' }, { header: '需人工复核', key: 'reviewFlag' }, { header: '优势', key: 'strengths', width: 80 }],
        r.items.map((x) => ({ ...x, strengths: x.strengths.join('；') })),
      );
    },
  );

  // ---------------------------------------------------------------- consent and banks
  app.get('/api/index/consents', { config: { access: roles('enterprise', 'finance', 'admin') }, schema: { tags, summary: '科创指数授权：企业看自己的授权，金融机构看授予本机构且有效的授权' } }, async (req) => ({
    consents: await listConsents(db, req.principal!.user),
  }));
  app.post(
    '/api/index/consents',
    { config: { access: roles('enterprise') }, schema: { tags, summary: '企业授权某金融机构查看本企业的科创指数', body: z.object({ institutionId: z.number().int().positive() }), response: { 200: Any, 400: ErrorBody, 409: ErrorBody } } },
    async (req) => ({ id: await grantConsent(db, req.actor, req.principal!.user, req.body.institutionId) }),
  );
  app.delete(
    '/api/index/consents/:id',
    { config: { access: roles('enterprise') }, schema: { tags, summary: '企业撤回授权（立即生效）', params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: Any, 404: ErrorBody, 409: ErrorBody } } },
    async (req) => {
      await withdrawConsent(db, req.actor, req.principal!.user, req.params.id);
      return { ok: true };
    },
  );
  app.get(
    '/api/index/bank/:orgId',
    {
      config: { access: roles('finance') },
      schema: {
        tags,
        summary: '金融机构视图：经企业授权方可查看等级、分数、趋势与至多 4 个原因代码（按贡献大小排列，附中文说明；不含财务数据）',
        params: OrgId,
        response: { 200: BankViewBody, 403: ErrorBody },
      },
    },
    async (req) => {
      if (!req.principal!.user.orgId) throw forbidden('账号未关联金融机构');
      return bankView(db, req.actor, req.principal!.user, req.params.orgId);
    },
  );
}

/** Gate flags (严重失信, 经营异常) recorded by officials: while one stands the enterprise is not scored. */
export function flagRoutes(app: Api) {
  const db = app.deps.database.db;
  const Params = z.object({ id: z.coerce.number().int().positive() });
  app.get('/api/orgs/:id/flags', { config: { access: OFFICE }, schema: { tags, summary: '企业的失信/经营异常记录（科创指数的门槛）', params: Params } }, async (req) => ({
    flags: (await db.selectFrom('enterprise_flags').selectAll().where('org_id', '=', req.params.id).orderBy('id', 'desc').execute()).map((f) => ({
      id: f.id,
      flag: f.flag,
      since: f.since,
      until: f.until,
      reason: f.reason,
      source: f.source,
      createdAt: new Date(f.created_at).toISOString(),
    })),
  }));
  app.post(
    '/api/orgs/:id/flags',
    {
      config: { access: OFFICE },
      schema: {
        tags,
        summary: '记录失信或经营异常（自 since 起该企业不参与科创指数评分，直至 until）',
        params: Params,
        body: z.strictObject({
          flag: z.enum(['dishonest', 'abnormal']).describe('dishonest 严重失信；abnormal 经营异常'),
          since: z.iso.date(),
          until: z.iso.date().optional(),
          reason: z.string().trim().min(2).max(500),
          source: z.string().trim().min(2).max(100).describe('来源，如 信用中国、市场监管'),
        }),
        response: { 200: Any, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const org = await db.selectFrom('organisations').select('kind').where('id', '=', req.params.id).executeTakeFirst();
      if (!org) throw notFound('组织', 'id');
      if (org.kind !== 'enterprise') throw invalid('id', '只能为企业记录失信或经营异常');
      if (req.body.until && req.body.until < req.body.since) throw invalid('until', 'until 不能早于 since');
      const r = await audited(
        db,
        req.actor,
        (x: { id: number }) => ({ action: 'org.flag.add', objectType: 'organisation', objectId: req.params.id, detail: { flagId: x.id, ...req.body } }),
        (trx) => trx.insertInto('enterprise_flags').values({ org_id: req.params.id, ...req.body, until: req.body.until ?? null, recorded_by: req.actor.userId ?? null }).returning('id').executeTakeFirstOrThrow(),
        { action: 'org.flag.add', objectType: 'organisation', objectId: req.params.id },
      );
      return { id: r.id };
    },
  );
}
