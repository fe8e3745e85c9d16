/** /api/funding/*: applications through their lifecycle, 公示, budgets and the ledger; every read and write audited. */
import { expertCandidates } from './expert-candidates.js';
import { z } from 'zod';
import { appendAudit } from '../audit/audit.js';
import { ANY_USER, PUBLIC, roles } from '../auth/access.js';
import type { Api } from '../platform/http/types.js';
import { ErrorBody, Page } from '../shared/api.js';
import { ActInput, ApplicationCreate, ApplicationUpdate, BudgetCreate, BudgetOverview, BudgetOverviewQuery, BudgetStatusList, BudgetStatusQuery } from '../shared/funding.js';
import { act, createApplication, getApplication, listApplications, updateApplication } from './applications.js';
import { budgetLedger, budgetOverview, budgetStatus, createBudget, fundBudget, listBudgets } from './budgets.js';
import { STATES } from './engine/lifecycle.js';
import { reconcileLedger } from './ledger-repo.js';
import { createOffers } from './offers.js';
import { listPublicity } from './publicity.js';
import { decisionRecord, paymentList, publicityList } from './documents.js';
import { addAttachment, listAttachments, MAX_ATTACHMENT_BYTES, readAttachment, removeAttachment } from './attachments.js';
import { sendXlsx } from '../platform/http/xlsx.js';
import { invalid } from '../platform/errors.js';

const tags = ['funding'];
const Id = z.object({ id: z.coerce.number().int().positive() });
const Any = z.any();

export function fundingRoutes(app: Api) {
  const db = app.deps.database.db;

  app.get(
    '/api/funding/applications',
    {
      config: { access: roles('enterprise', 'institution', 'official', 'expert', 'admin') },
      schema: {
        tags,
        summary: '申报列表（企业看本企业的；部门看本部门事项的；专家看指派给自己的）',
        querystring: Page.extend({ state: z.enum(STATES).optional(), itemId: z.string().max(60).optional(), year: z.coerce.number().int().min(2020).max(2100).optional(), origin: z.enum(['apply', 'proactive']).optional() }),
        response: { 200: Any },
      },
    },
    async (req) => ({ ...(await listApplications(db, req.actor, req.principal!.user, req.query)), page: req.query.page, pageSize: req.query.pageSize }),
  );
  app.post('/api/funding/applications', { config: { access: roles('enterprise', 'institution', 'admin') }, schema: { tags, summary: '新建申报（草稿；引擎按平台数据与企业填报的事实测算）', body: ApplicationCreate, response: { 200: Any, 400: ErrorBody, 403: ErrorBody } } }, async (req) =>
    createApplication(db, req.actor, req.principal!.user, req.body),
  );
  app.get('/api/funding/applications/:id', { config: { access: roles('enterprise', 'institution', 'official', 'expert', 'admin') }, schema: { tags, summary: '申报详情：测算依据、初审、评审、审批、公示异议与全部变更', params: Id, response: { 200: Any, 404: ErrorBody } } }, async (req) =>
    getApplication(db, req.actor, req.principal!.user, req.params.id, app.deps.config),
  );
  app.put('/api/funding/applications/:id', { config: { access: roles('enterprise', 'institution') }, schema: { tags, summary: '修改草稿或退回的申报', params: Id, body: ApplicationUpdate, response: { 200: Any, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } } }, async (req) =>
    updateApplication(db, req.actor, req.principal!.user, req.params.id, req.body),
  );
  app.post(
    '/api/funding/applications/:id/act',
    { config: { access: ANY_USER }, schema: { tags, summary: '办理申报：提交、确认、撤回、初审、退回、不予支持、指派专家、回避、评分、结束评审、审批、异议、公示、撤销、拨付（幂等键）、办结', params: Id, body: ActInput, response: { 200: Any, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } } },
    async (req) => act(db, req.actor, req.principal!.user, req.params.id, req.body, app.deps.config),
  );

  app.get(
    '/api/funding/publicity',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: '公示：正在公示的审批结果（企业、事项、项目、核定金额、公示期），公开；登录用户可在公示期内提出异议',
        querystring: Page.extend({ itemId: z.string().max(60).optional(), departmentCode: z.string().max(20).optional() }),
        response: { 200: Any, 400: ErrorBody },
      },
    },
    async (req) => ({ ...(await listPublicity(db, req.query)), page: req.query.page, pageSize: req.query.pageSize }),
  );

  app.get(
    '/api/funding/budget-status',
    {
      config: { access: PUBLIC },
      schema: { tags, summary: '各支持事项本年度（或指定年度）是否已设立预算及余额：政策库、计算器与申报表在申报前显示', querystring: BudgetStatusQuery, response: { 200: BudgetStatusList, 400: ErrorBody } },
    },
    async (req) => budgetStatus(db, req.query),
  );

  app.post(
    '/api/funding/offers',
    {
      config: { access: roles('official') },
      schema: {
        tags,
        summary: '免申即享：把测算结果转为待企业确认的兑现请求（本部门的免申即享事项）',
        body: z.strictObject({ itemId: z.string().max(60), year: z.number().int().min(2020).max(2100).optional(), runId: z.number().int().positive().optional() }),
        response: { 200: Any, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => createOffers(db, req.actor, req.principal!.user, req.body),
  );

  // Attachments arrive as the raw file (Content-Type: application/octet-stream), the name in the query.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES + 1 }, (_req, body, done) => done(null, body));
  const AttachmentId = z.object({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() });
  app.post(
    '/api/funding/applications/:id/attachments',
    {
      bodyLimit: MAX_ATTACHMENT_BYTES + 1,
      config: { access: roles('enterprise', 'institution') },
      schema: {
        tags,
        summary: '上传附件（PDF、PNG/JPEG、.xlsx；按内容判断类型；≤10 MB；请求体为文件本身）',
        params: Id,
        querystring: z.object({
          name: z.string().min(1, { error: '请提供文件名' }).max(255),
          kind: z.string().trim().min(2).max(40).default('申报材料'),
          material: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { error: '材料代码格式不对' }).optional().describe('所对应的申报材料清单条目（事项 materials[].key）'),
        }),
        response: { 200: Any, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body)) throw invalid('file', '请以 application/octet-stream 上传文件内容');
      return addAttachment(db, req.actor, req.principal!.user, req.params.id, { name: req.query.name, kind: req.query.kind, material: req.query.material, bytes: req.body });
    },
  );
  app.get(
    '/api/funding/applications/:id/expert-candidates',
    { config: { access: roles('official', 'admin') }, schema: { tags, summary: '指派专家：专家库按与本申报的专长相关度排序，标明能否指派（账号、回避、已指派）', params: Id, response: { 200: Any, 403: ErrorBody, 404: ErrorBody } } },
    async (req) => expertCandidates(db, req.principal!.user, req.params.id),
  );
  app.get('/api/funding/applications/:id/attachments', { config: { access: roles('enterprise', 'institution', 'official', 'expert', 'admin') }, schema: { tags, summary: '附件列表', params: Id, response: { 200: Any, 404: ErrorBody } } }, async (req) => ({
    attachments: await listAttachments(db, req.actor, req.principal!.user, req.params.id),
  }));
  app.get('/api/funding/applications/:id/attachments/:attachmentId', { config: { access: roles('enterprise', 'institution', 'official', 'expert', 'admin') }, schema: { tags, summary: '下载附件', params: AttachmentId } }, async (req, reply) => {
    const a = await readAttachment(db, req.actor, req.principal!.user, req.params.id, req.params.attachmentId);
    return reply.header('content-type', a.mime).header('x-content-type-options', 'nosniff').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`).send(a.data);
  });
  app.delete('/api/funding/applications/:id/attachments/:attachmentId', { config: { access: roles('enterprise', 'institution') }, schema: { tags, summary: '删除附件（提交前）', params: AttachmentId, response: { 200: Any, 404: ErrorBody, 409: ErrorBody } } }, async (req) =>
    removeAttachment(db, req.actor, req.principal!.user, req.params.id, req.params.attachmentId),
  );

  const ListQuery = z.object({ itemId: z.string().max(60).optional(), year: z.coerce.number().int().min(2020).max(2100).optional() });
  app.get('/api/funding/documents/publicity.xlsx', { config: { access: roles('official', 'admin') }, schema: { tags, summary: '公示名单（.xlsx，本部门事项）', querystring: ListQuery } }, async (req, reply) => {
    const r = await publicityList(db, req.actor, req.principal!.user, req.query);
    return sendXlsx(reply, '公示名单', r.columns, r.rows);
  });
  app.get(
    '/api/funding/documents/payments.xlsx',
    { config: { access: roles('official', 'admin') }, schema: { tags, summary: '拨付清单（.xlsx：待拨付或已拨付，含收款账户）', querystring: ListQuery.extend({ state: z.enum(['payable', 'paid']).default('payable') }) } },
    async (req, reply) => {
      const r = await paymentList(db, req.actor, req.principal!.user, req.query);
      return sendXlsx(reply, req.query.state === 'paid' ? '已拨付清单' : '待拨付清单', r.columns, r.rows);
    },
  );
  app.get('/api/funding/applications/:id/record.pdf', { config: { access: roles('enterprise', 'institution', 'official', 'expert', 'admin') }, schema: { tags, summary: '决定记录（PDF：测算依据、初审、评审、审批、公示、办理过程）', params: Id } }, async (req, reply) => {
    const pdf = await decisionRecord(db, req.actor, req.principal!.user, req.params.id, app.deps.config);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(`申报${req.params.id}决定记录`)}.pdf`).send(pdf);
  });

  app.get('/api/funding/budgets', { config: { access: roles('official', 'admin') }, schema: { tags, summary: '预算与资金池（余额：下达、可用、预留、已支付）', querystring: z.object({ year: z.coerce.number().int().min(2020).max(2100).optional(), departmentCode: z.string().max(20).optional() }), response: { 200: Any } } }, async (req) => {
    const budgets = await listBudgets(db, req.principal!.user, req.query);
    await appendAudit(db, req.actor, { action: 'funding.budget.list', objectType: 'budget', detail: { ...req.query, count: budgets.length } });
    return { budgets };
  });
  app.get(
    '/api/funding/budgets/overview',
    {
      config: { access: roles('official', 'admin') },
      schema: {
        tags,
        summary: '预算看板：某年度事项预算按部门汇总（下达、可用、预留、已支付）、逐月支付（扣除冲回），资金池单列不计入合计',
        querystring: BudgetOverviewQuery,
        response: { 200: BudgetOverview, 400: ErrorBody },
      },
    },
    async (req) => {
      const overview = await budgetOverview(db, req.principal!.user, req.query);
      await appendAudit(db, req.actor, { action: 'funding.budget.overview', objectType: 'budget', detail: { year: overview.year, departmentCode: overview.departmentCode } });
      return overview;
    },
  );
  app.post('/api/funding/budgets', { config: { access: roles('official', 'admin') }, schema: { tags, summary: '设立预算（事项年度）或资金池（管理员）', body: BudgetCreate, response: { 200: Any, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody } } }, async (req) =>
    createBudget(db, req.actor, req.principal!.user, req.body),
  );
  app.post(
    '/api/funding/budgets/:id/fund',
    { config: { access: roles('official', 'admin') }, schema: { tags, summary: '追加预算', params: Id, body: z.strictObject({ amountFen: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), note: z.string().trim().max(200).nullable().default(null) }), response: { 200: Any, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } } },
    async (req) => fundBudget(db, req.actor, req.principal!.user, req.params.id, req.body.amountFen, req.body.note),
  );
  app.get('/api/funding/budgets/:id/ledger', { config: { access: roles('official', 'admin') }, schema: { tags, summary: '预算的资金变动（台账）', params: Id, querystring: Page, response: { 200: Any, 404: ErrorBody } } }, async (req) => {
    const entry = { action: 'funding.budget.ledger', objectType: 'budget', objectId: req.params.id };
    try {
      const ledger = await budgetLedger(db, req.principal!.user, req.params.id, req.query.page, req.query.pageSize);
      await appendAudit(db, req.actor, { ...entry, detail: { page: req.query.page } });
      return { ...ledger, page: req.query.page, pageSize: req.query.pageSize };
    } catch (e) {
      // Another department's budget answers 404 (as if absent); the attempt is recorded.
      if ((e as { status?: number }).status === 404) await appendAudit(db, req.actor, { ...entry, result: 'denied' });
      throw e;
    }
  });
  app.get('/api/funding/ledger/reconcile', { config: { access: roles('admin') }, schema: { tags, summary: '对账：借贷平衡、余额等于分录', response: { 200: Any } } }, async (req) => {
    const report = await reconcileLedger(db);
    await appendAudit(db, req.actor, { action: 'funding.ledger.reconcile', objectType: 'ledger', detail: { ok: report.ok, problems: report.problems.length } });
    return report;
  });
}
