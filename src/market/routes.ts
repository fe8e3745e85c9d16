/** /api/market/*: achievements, demands, search and matching (issue #5, in progress). */
import { z } from 'zod';
import { ANY_USER, PUBLIC, roles } from '../auth/access.js';
import type { Api } from '../platform/http/types.js';
import { ErrorBody, Page } from '../shared/api.js';
import { ACHIEVEMENT_STATUSES, AchievementInput, AchievementUpdate, CONVERSION_MODES, DemandInput, MarketSearchPage, RankerUseInput, SearchQ, TRL_LEVELS } from '../shared/market.js';
import { rankerOverview, refitRanker, useFit } from './ranker-service.js';
import { createExpert, ExpertInput, getExpert, listExperts, myExpertProfile, updateExpert } from './experts.js';
import { candidatesFor, getMatch, listMatches, listNotifications, markRead, MATCH_SORTS, moveMatch, recommendFor, remindOverdue, respondToDemand } from './pipeline-service.js';
import { ACTIONS, END_REASONS, STAGES } from './pipeline.js';
import { createTask, listTasks, setTaskStatus } from './tasks.js';
import {
  closeDemand,
  createAchievement,
  createDemand,
  enterprisesForAchievement,
  expertsForDemand,
  getAchievement,
  getDemand,
  institutionsForDemand,
  searchAchievements,
  searchDemands,
  updateAchievement,
  updateDemand,
} from './service.js';

const tags = ['market'];
const Id = z.object({ id: z.coerce.number().int().positive() });
const Any = z.any();
const list = (v: unknown) => (typeof v === 'string' && v ? v.split(',') : undefined);
const District = z.string().regex(/^\d{6}$/, { error: '区县代码应为 6 位数字' }).optional();
const FenQuery = z.coerce.number().int({ error: '金额应为整数（分）' }).min(0, { error: '金额不能为负数' }).max(Number.MAX_SAFE_INTEGER).optional();
const BROKERS = ['tech_manager', 'commissioner'] as const;
const AllQuery = z.object({ all: z.enum(['true', 'false']).optional().describe('true：连同低于匹配下限的较弱匹配一并列出') });

export function marketRoutes(app: Api) {
  const db = app.deps.database.db;
  /** MARKET_MATCH_FLOOR: weaker matches are neither recommended nor listed unless asked for. */
  const floor = app.deps.config.MARKET_MATCH_FLOOR;
  /** Matching runs in the background after a publication; closing waits for it. */
  const pending = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });
  const inBackground = (log: { error: (o: object, m: string) => void }, work: () => Promise<unknown>) => {
    const p: Promise<unknown> = new Promise((r) => setImmediate(r))
      .then(work)
      .catch((e: unknown) => log.error({ err: e }, 'market matching failed'))
      .finally(() => pending.delete(p));
    pending.add(p);
  };

  app.get('/api/market/fields', { config: { access: PUBLIC }, schema: { tags, summary: '技术领域分类（含政策点名领域）与技术成熟度定义' } }, async () => {
    const rows = await db.selectFrom('tech_fields').selectAll().orderBy('sort').execute();
    return {
      fields: rows.filter((r) => !r.parent_code).map((r) => ({ code: r.code, name: r.name, children: rows.filter((c) => c.parent_code === r.code).map((c) => ({ code: c.code, name: c.name })) })),
      trl: Object.entries(TRL_LEVELS).map(([level, text]) => ({ level: Number(level), text })),
      modes: CONVERSION_MODES,
    };
  });

  app.get(
    '/api/market/achievements',
    {
      config: { access: ANY_USER },
      schema: {
        tags,
        summary: '检索科技成果（中文分词，标题 > 关键词 > 摘要；可按领域、成熟度、转化方式、状态筛选）',
        querystring: Page.extend({
          q: SearchQ,
          fields: z.string().max(400).optional().describe('领域代码，逗号分隔'),
          trlMin: z.coerce.number().int().min(1).max(9).optional(),
          trlMax: z.coerce.number().int().min(1).max(9).optional(),
          modes: z.string().max(200).optional(),
          status: z.enum(ACHIEVEMENT_STATUSES).optional(),
          ownerOrgId: z.coerce.number().int().positive().optional(),
          district: District.describe('成果所属机构所在区县'),
          budgetFen: FenQuery.describe('预算（分）：估值不超过它的成果（未估值的也列出）'),
          stale: z.enum(['true', 'false']).optional().describe('只看数据待更新的成果'),
        }).refine((q) => q.trlMin === undefined || q.trlMax === undefined || q.trlMin <= q.trlMax, { path: ['trlMax'], error: '成熟度上限不能低于下限' }),
        response: { 200: MarketSearchPage },
      },
    },
    async (req) => {
      const q = req.query;
      const r = await searchAchievements(db, req.principal!.user, { ...q, fields: list(q.fields), modes: list(q.modes), stale: q.stale === 'true' }, app.deps.config.MARKET_STALE_DAYS);
      return { ...r, page: q.page, pageSize: q.pageSize };
    },
  );
  app.post(
    '/api/market/achievements',
    { config: { access: roles('institution', 'admin') }, schema: { tags, summary: '发布科技成果（高校院所）', body: AchievementInput.extend({ ownerOrgId: z.number().int().positive().optional() }), response: { 200: Any, 400: ErrorBody } } },
    async (req) => {
      const { ownerOrgId, ...input } = req.body;
      const r = await createAchievement(db, req.actor, req.principal!.user, input, ownerOrgId);
      inBackground(req.log, () => recommendFor(db, req.actor, { achievementId: r.id }, floor));
      return r;
    },
  );
  app.get('/api/market/achievements/:id', { config: { access: ANY_USER }, schema: { tags, summary: '科技成果详情', params: Id, response: { 200: Any, 404: ErrorBody } } }, async (req) => getAchievement(db, req.principal!.user, req.params.id, app.deps.config.MARKET_STALE_DAYS));
  app.put(
    '/api/market/achievements/:id',
    { config: { access: roles('institution', 'admin') }, schema: { tags, summary: '修改科技成果（所属机构；数据日期更新为今天）', params: Id, body: AchievementUpdate, response: { 200: Any, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } } },
    async (req) => {
      const r = await updateAchievement(db, req.actor, req.principal!.user, req.params.id, req.body);
      inBackground(req.log, () => recommendFor(db, req.actor, { achievementId: r.id }, floor));
      return r;
    },
  );
  app.get('/api/market/achievements/:id/enterprises', { config: { access: roles('institution', 'official', 'admin', ...BROKERS) }, schema: { tags, summary: '可能承接该成果的企业（相关需求、行业、科创指数、距离），附理由', params: Id, response: { 200: Any, 403: ErrorBody, 404: ErrorBody } } }, async (req) => ({
    enterprises: await enterprisesForAchievement(db, req.principal!.user, req.params.id),
  }));
  app.get(
    '/api/market/achievements/:id/matches',
    { config: { access: ANY_USER }, schema: { tags, summary: '与该成果匹配的技术需求，附匹配理由与对接进程（低于 MARKET_MATCH_FLOOR 的较弱匹配隐藏并计数，all=true 时全部列出）', params: Id, querystring: AllQuery, response: { 200: Any, 404: ErrorBody } } },
    async (req) => candidatesFor(db, req.principal!.user, { achievementId: req.params.id }, floor, req.query.all === 'true'),
  );

  app.get(
    '/api/market/demands',
    {
      config: { access: ANY_USER },
      schema: {
        tags,
        summary: '检索企业技术需求',
        querystring: Page.extend({
          q: SearchQ,
          fields: z.string().max(400).optional(),
          status: z.enum(['open', 'closed']).optional(),
          orgId: z.coerce.number().int().positive().optional(),
          trl: z.coerce.number().int().min(1).max(9).optional().describe('要求的成熟度范围包含这一级'),
          modes: z.string().max(200).optional(),
          district: District.describe('发布企业所在区县'),
          budgetMinFen: FenQuery.describe('预算上限不低于此金额（分）'),
        }),
        response: { 200: MarketSearchPage },
      },
    },
    async (req) => {
      const q = req.query;
      const r = await searchDemands(db, req.principal!.user, { ...q, fields: list(q.fields), modes: list(q.modes) });
      return { ...r, page: q.page, pageSize: q.pageSize };
    },
  );
  app.post('/api/market/demands', { config: { access: roles('enterprise') }, schema: { tags, summary: '发布技术需求（企业；随后在后台匹配并通知双方）', body: DemandInput, response: { 200: Any, 400: ErrorBody } } }, async (req) => {
    const r = await createDemand(db, req.actor, req.principal!.user, req.body);
    inBackground(req.log, () => recommendFor(db, req.actor, { demandId: r.id }, floor));
    return r;
  });
  app.get('/api/market/demands/:id', { config: { access: ANY_USER }, schema: { tags, summary: '技术需求详情', params: Id, response: { 200: Any, 404: ErrorBody } } }, async (req) => getDemand(db, req.principal!.user, req.params.id));
  app.put(
    '/api/market/demands/:id',
    { config: { access: roles('enterprise', 'admin') }, schema: { tags, summary: '修改技术需求（发布企业）', params: Id, body: DemandInput, response: { 200: Any, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } } },
    async (req) => {
      const r = await updateDemand(db, req.actor, req.principal!.user, req.params.id, req.body);
      inBackground(req.log, () => recommendFor(db, req.actor, { demandId: r.id }, floor));
      return r;
    },
  );
  app.post(
    '/api/market/demands/:id/close',
    {
      config: { access: roles('enterprise', 'admin') },
      schema: { tags, summary: '关闭技术需求（已解决或不再需要）', params: Id, body: z.strictObject({ reason: z.string().trim().min(2, { error: '请说明关闭原因' }).max(200, { error: '原因不能超过 200 个字' }) }), response: { 200: Any, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
    },
    async (req) => closeDemand(db, req.actor, req.principal!.user, req.params.id, req.body.reason),
  );
  app.get('/api/market/demands/:id/institutions', { config: { access: ANY_USER }, schema: { tags, summary: '能解决该需求的高校院所（按其匹配成果），附理由', params: Id, response: { 200: Any, 403: ErrorBody, 404: ErrorBody } } }, async (req) => ({
    institutions: await institutionsForDemand(db, req.principal!.user, req.params.id),
  }));
  app.get('/api/market/demands/:id/experts', { config: { access: ANY_USER }, schema: { tags, summary: '与该需求相关的专家（专长、领域），附理由', params: Id, response: { 200: Any, 403: ErrorBody, 404: ErrorBody } } }, async (req) => ({
    experts: await expertsForDemand(db, req.principal!.user, req.params.id),
  }));
  app.get(
    '/api/market/demands/:id/matches',
    { config: { access: ANY_USER }, schema: { tags, summary: '与该需求匹配的科技成果，附匹配理由与对接进程（低于 MARKET_MATCH_FLOOR 的较弱匹配隐藏并计数，all=true 时全部列出）', params: Id, querystring: AllQuery, response: { 200: Any, 404: ErrorBody } } },
    async (req) => candidatesFor(db, req.principal!.user, { demandId: req.params.id }, floor, req.query.all === 'true'),
  );
  app.post(
    '/api/market/demands/:id/responses',
    {
      config: { access: roles('institution', 'enterprise') },
      schema: {
        tags,
        summary: '响应需求：高校院所以本机构的一项成果响应（或发布需求的企业主动对接某项成果），建立或推进该对匹配到“对接”并通知对方',
        params: Id,
        body: z.strictObject({
          achievementId: z.number({ error: '请选择用于响应的科技成果' }).int().positive({ error: '请选择用于响应的科技成果' }),
          note: z.string().trim().max(500, { error: '留言不能超过 500 个字' }).optional(),
        }),
        response: { 200: Any, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => respondToDemand(db, req.actor, req.principal!.user, req.params.id, req.body),
  );

  // ---------------------------------------------------------------- pipeline
  app.get(
    '/api/market/matches',
    {
      config: { access: ANY_USER },
      schema: {
        tags,
        summary: '匹配与转化进程（双方看自己的；技术经理人、转化专员、部门看全部）',
        querystring: Page.extend({
          stage: z.enum(STAGES).optional(),
          overdue: z.enum(['true', 'false']).optional(),
          demandId: z.coerce.number().int().positive().optional(),
          achievementId: z.coerce.number().int().positive().optional(),
          mine: z.enum(['true', 'false']).optional().describe('只看本人经办的'),
          sort: z.enum(MATCH_SORTS).optional().describe('score 匹配度从高到低（默认）；newest 最新在前'),
        }),
        response: { 200: Any },
      },
    },
    async (req) => {
      const r = await listMatches(db, req.principal!.user, { ...req.query, overdue: req.query.overdue === 'true', mine: req.query.mine === 'true' });
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get('/api/market/matches/:id', { config: { access: ANY_USER }, schema: { tags, summary: '一条匹配：理由、阶段、经办人与全部变更', params: Id, response: { 200: Any, 404: ErrorBody } } }, async (req) => getMatch(db, req.principal!.user, req.params.id));
  app.post(
    '/api/market/matches/:id/move',
    {
      config: { access: ANY_USER },
      schema: {
        tags,
        summary: '推进匹配：对接、洽谈、签约（合同金额）、转化，或拒绝/终止（须给出原因）',
        params: Id,
        body: z.strictObject({ action: z.enum(ACTIONS), reason: z.enum(Object.keys(END_REASONS) as [keyof typeof END_REASONS]).optional(), note: z.string().trim().max(500).optional(), contractFen: z.number().int().positive().optional() }),
        response: { 200: Any, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => ({ stage: await moveMatch(db, req.actor, req.principal!.user, req.params.id, req.body) }),
  );
  app.post('/api/market/reminders', { config: { access: roles('admin', 'official') }, schema: { tags, summary: '提醒逾期未回应的匹配双方（每个阶段一次）', response: { 200: Any } } }, async (req) => ({
    reminded: await remindOverdue(db, req.actor),
  }));
  app.get('/api/market/ranker', { config: { access: roles('admin', 'official') }, schema: { tags, summary: '匹配排序权重：在用权重、默认权重，以及从对接结果重新拟合的记录（前后对比）', querystring: Page, response: { 200: Any } } }, async (req) =>
    rankerOverview(db, req.query.page, req.query.pageSize),
  );
  app.post('/api/market/ranker/refit', { config: { access: roles('admin') }, schema: { tags, summary: '立即用对接结果重新拟合匹配排序权重（交叉验证提高足够时启用）', response: { 200: Any } } }, async (req) => refitRanker(db, req.actor, 'manual'));
  app.post('/api/market/ranker/use', { config: { access: roles('admin') }, schema: { tags, summary: '启用一条拟合记录的权重，或恢复默认权重（fitId 为 null），须说明原因', body: RankerUseInput, response: { 200: Any, 400: ErrorBody, 404: ErrorBody } } }, async (req) =>
    useFit(db, req.actor, req.body.fitId, req.body.reason),
  );
  app.get('/api/notifications', { config: { access: ANY_USER }, schema: { tags, summary: '本机构的站内通知', querystring: Page, response: { 200: Any } } }, async (req) => ({
    ...(await listNotifications(db, req.principal!.user, req.query.page, req.query.pageSize)),
    page: req.query.page,
    pageSize: req.query.pageSize,
  }));
  app.post('/api/notifications/read', { config: { access: ANY_USER }, schema: { tags, summary: '标记通知为已读', body: z.object({ ids: z.array(z.number().int().positive()).max(500) }), response: { 200: Any } } }, async (req) => ({
    updated: await markRead(db, req.actor, req.principal!.user, req.body.ids),
  }));

  // ---------------------------------------------------------------- 专家库
  app.get(
    '/api/market/experts',
    { config: { access: roles('official', 'admin', ...BROKERS) }, schema: { tags, summary: '专家库', querystring: Page.extend({ field: z.string().max(40).optional() }), response: { 200: Any } } },
    async (req) => ({ ...(await listExperts(db, req.query)), page: req.query.page, pageSize: req.query.pageSize }),
  );
  app.get('/api/market/experts/me', { config: { access: roles('expert') }, schema: { tags, summary: '我的专家档案', response: { 200: Any } } }, async (req) => ({ profile: await myExpertProfile(db, req.principal!.user) }));
  app.get('/api/market/experts/:id', { config: { access: roles('official', 'admin', ...BROKERS) }, schema: { tags, summary: '专家档案', params: Id, response: { 200: Any, 404: ErrorBody } } }, async (req) => getExpert(db, req.params.id));
  app.post('/api/market/experts', { config: { access: roles('official', 'admin') }, schema: { tags, summary: '新增专家档案', body: ExpertInput, response: { 200: Any, 400: ErrorBody } } }, async (req) => createExpert(db, req.actor, req.body));
  app.put('/api/market/experts/:id', { config: { access: roles('official', 'admin', 'expert') }, schema: { tags, summary: '修改专家档案（部门；专家本人改自己的）', params: Id, body: ExpertInput, response: { 200: Any, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } } }, async (req) =>
    updateExpert(db, req.actor, req.principal!.user, req.params.id, req.body),
  );

  // ---------------------------------------------------------------- 技术攻关清单
  app.get('/api/market/tasks', { config: { access: PUBLIC }, schema: { tags, summary: '技术攻关清单（已发布，公开）', response: { 200: Any } } }, async () => ({ tasks: await listTasks(db, null, false) }));
  app.get('/api/market/tasks/all', { config: { access: roles('admin', 'official') }, schema: { tags, summary: '技术攻关清单（含草稿与来源需求，部门用）', response: { 200: Any } } }, async (req) => ({
    tasks: await listTasks(db, req.principal!.user, true),
  }));
  app.post(
    '/api/market/tasks',
    {
      config: { access: roles('official') },
      schema: {
        tags,
        summary: '把一项或多项企业需求（合并重复）整理为攻关清单条目（草稿）',
        body: z.strictObject({
          title: z.string().trim().min(4, { error: '标题至少 4 个字' }).max(120, { error: '标题不能超过 120 个字' }),
          description: z.string().trim().min(20, { error: '说明至少 20 个字' }).max(4000, { error: '说明不能超过 4000 个字' }),
          fields: z.array(z.string().max(40)).min(1, { error: '至少选择一个领域' }).max(5),
          priority: z.enum(['high', 'normal']),
          demandIds: z.array(z.number().int().positive()).min(1, { error: '至少关联一项企业需求' }).max(50),
        }),
        response: { 200: Any, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => createTask(db, req.actor, req.principal!.user, req.body),
  );
  for (const [verb, status] of [['publish', 'published'], ['withdraw', 'withdrawn']] as const) {
    app.post(
      `/api/market/tasks/:id/${verb}`,
      { config: { access: roles('admin', 'official') }, schema: { tags, summary: verb === 'publish' ? '发布攻关清单条目' : '撤回攻关清单条目', params: Id, response: { 200: Any, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } } },
      async (req) => {
        await setTaskStatus(db, req.actor, req.principal!.user, req.params.id, status);
        return { ok: true };
      },
    );
  }
}
