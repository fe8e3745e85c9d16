/** /api/market/*: achievements, demands, search and matching (issue #5, in progress). */
import { z } from 'zod';
import { ANY_USER, PUBLIC, roles } from '../auth/access.js';
import type { Api } from '../platform/http/types.js';
import { ErrorBody, Page } from '../shared/api.js';
import { AchievementInput, CONVERSION_MODES, DemandInput, TRL_LEVELS } from '../shared/market.js';
import { createAchievement, createDemand, getAchievement, getDemand, matchesForAchievement, matchesForDemand, searchAchievements, searchDemands } from './service.js';

const tags = ['market'];
const Id = z.object({ id: z.coerce.number().int().positive() });
const Any = z.any();
const list = (v: unknown) => (typeof v === 'string' && v ? v.split(',') : undefined);

export function marketRoutes(app: Api) {
  const db = app.deps.database.db;

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
          q: z.string().max(200).optional(),
          fields: z.string().max(400).optional().describe('领域代码，逗号分隔'),
          trlMin: z.coerce.number().int().min(1).max(9).optional(),
          trlMax: z.coerce.number().int().min(1).max(9).optional(),
          modes: z.string().max(200).optional(),
          status: z.enum(['unconverted', 'negotiating', 'converted']).optional(),
          ownerOrgId: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: Any },
      },
    },
    async (req) => {
      const q = req.query;
      const r = await searchAchievements(db, req.principal!.user, { ...q, fields: list(q.fields), modes: list(q.modes) });
      return { ...r, page: q.page, pageSize: q.pageSize };
    },
  );
  app.post(
    '/api/market/achievements',
    { config: { access: roles('institution', 'admin') }, schema: { tags, summary: '发布科技成果（高校院所）', body: AchievementInput.extend({ ownerOrgId: z.number().int().positive().optional() }), response: { 200: Any, 400: ErrorBody } } },
    async (req) => {
      const { ownerOrgId, ...input } = req.body;
      return createAchievement(db, req.actor, req.principal!.user, input, ownerOrgId);
    },
  );
  app.get('/api/market/achievements/:id', { config: { access: ANY_USER }, schema: { tags, summary: '科技成果详情', params: Id, response: { 200: Any, 404: ErrorBody } } }, async (req) => getAchievement(db, req.principal!.user, req.params.id));
  app.get('/api/market/achievements/:id/matches', { config: { access: ANY_USER }, schema: { tags, summary: '与该成果匹配的技术需求，附匹配理由', params: Id, response: { 200: Any, 404: ErrorBody } } }, async (req) => ({
    matches: await matchesForAchievement(db, req.principal!.user, req.params.id),
  }));

  app.get(
    '/api/market/demands',
    {
      config: { access: ANY_USER },
      schema: {
        tags,
        summary: '检索企业技术需求',
        querystring: Page.extend({ q: z.string().max(200).optional(), fields: z.string().max(400).optional(), status: z.enum(['open', 'closed']).optional(), orgId: z.coerce.number().int().positive().optional() }),
        response: { 200: Any },
      },
    },
    async (req) => {
      const q = req.query;
      const r = await searchDemands(db, req.principal!.user, { ...q, fields: list(q.fields) });
      return { ...r, page: q.page, pageSize: q.pageSize };
    },
  );
  app.post('/api/market/demands', { config: { access: roles('enterprise') }, schema: { tags, summary: '发布技术需求（企业）', body: DemandInput, response: { 200: Any, 400: ErrorBody } } }, async (req) =>
    createDemand(db, req.actor, req.principal!.user, req.body),
  );
  app.get('/api/market/demands/:id', { config: { access: ANY_USER }, schema: { tags, summary: '技术需求详情', params: Id, response: { 200: Any, 404: ErrorBody } } }, async (req) => getDemand(db, req.principal!.user, req.params.id));
  app.get('/api/market/demands/:id/matches', { config: { access: ANY_USER }, schema: { tags, summary: '与该需求匹配的科技成果，附匹配理由', params: Id, response: { 200: Any, 404: ErrorBody } } }, async (req) => ({
    matches: await matchesForDemand(db, req.principal!.user, req.params.id),
  }));
}
