import { z } from 'zod';
import { ADMIN_ONLY, ANY_USER, PUBLIC, type Access } from '../auth/access.js';
import { mayReadFigures } from '../orgs/service.js';
import { forbidden, notFound } from '../platform/errors.js';
import type { Api } from '../platform/http/types.js';
import { ErrorBody, Id, paged } from '../shared/api.js';
import {
  CheckedItem,
  DecideBody,
  DeclaredFacts,
  EvaluateBody,
  ItemResult,
  ItemVersionView,
  MeasureCoverage,
  PolicyItemSummary,
  ProposalListQuery,
  ProposalSummary,
  ProposalView,
  RejectBody,
  SaveItemBody,
  SavedItem,
  TryItemBody,
} from '../shared/policy.js';
import { channelOf, factsUsed } from './engine/channel.js';
import { policyOf, type SupportItem } from './engine/schema.js';
import { COVERAGE } from './coverage.js';
import { itemHistory, latestVersions, listProposals } from './repository.js';
import { approveProposal, calculate, checkItemDocument, declaredFactsOf, proposalView, rejectProposal, saveItemFromDocument, tryItemDocument, withdrawProposal } from './service.js';

const tags = ['policy'];
/** An enterprise's own declarations; departments and administrators read them as they read its figures. */
const DECLARED: Access = { kind: 'roles', roles: ['admin', 'official', 'enterprise', 'institution'], ownOrg: { param: 'orgId', roles: ['enterprise', 'institution'] } };

/** An item's summary as the API shows it (also used by library-routes.ts). */
export function summary(i: SupportItem) {
  return {
    id: i.id,
    policy: policyOf(i),
    measure: i.measure,
    title: i.title,
    clause: i.clause,
    departments: i.departments,
    form: i.form,
    period: i.period,
    status: i.status,
    effectiveFrom: i.effective.from,
    effectiveTo: i.effective.to ?? null,
    parameters: Object.entries(i.parameters).map(([name, p]) => ({ name, ...p })),
    channel: channelOf(i),
    facts: factsUsed(i),
    ...(i.audience ? { audience: i.audience } : {}),
    ...(i.materials ? { materials: i.materials } : {}),
  };
}

export function policyRoutes(app: Api) {
  const db = app.deps.database.db;

  app.get('/api/policy/items', { config: { access: PUBLIC }, schema: { tags, summary: '支持事项（各事项的最新版本）', response: { 200: z.object({ items: z.array(PolicyItemSummary) }) } } }, async () => ({
    items: (await latestVersions(db)).map((v) => ({ ...summary(v.item), version: v.version, contentHash: v.contentHash, origin: v.origin, savedAt: v.createdAt })),
  }));

  app.post(
    '/api/policy/items',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags,
        summary: '提交规则文档的修订提案（管理员；经另一位管理员审核通过后成为新版本并生效）',
        body: SaveItemBody,
        response: { 202: ProposalView, 400: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => reply.code(202).send(await saveItemFromDocument(db, req.actor, req.body.document, req.body.note ?? null)),
  );

  app.post(
    '/api/policy/items/try',
    {
      config: { access: ADMIN_ONLY },
      schema: { tags, summary: '试算未保存的规则文档（与保存相同的检查；按给定事实计算，结果形同政策计算器）', body: TryItemBody, response: { 200: z.object({ result: ItemResult }), 400: ErrorBody } },
    },
    async (req) => ({ result: await tryItemDocument(db, req.body.document, req.body.facts) }),
  );

  app.get(
    '/api/policy/proposals',
    { config: { access: ADMIN_ONLY }, schema: { tags, summary: '规则修订提案（管理员；按状态筛选，分页）', querystring: ProposalListQuery, response: { 200: paged(ProposalSummary) } } },
    async (req) => {
      const { page, pageSize } = req.query;
      const r = await listProposals(db, req.query);
      return { items: r.items.map(({ document: _d, ...rest }) => rest), total: r.total, page, pageSize };
    },
  );

  const ProposalParams = z.object({ id: Id });
  app.get(
    '/api/policy/proposals/:id',
    { config: { access: ADMIN_ONLY }, schema: { tags, summary: '修订提案及该事项的现行版本（用于对比）', params: ProposalParams, response: { 200: ProposalView, 404: ErrorBody } } },
    async (req) => proposalView(db, req.params.id),
  );

  app.post(
    '/api/policy/proposals/:id/approve',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags,
        summary: '审核通过修订提案（须为提交人以外的管理员）：重新校验并保存为事项的新版本，立即生效',
        params: ProposalParams,
        body: DecideBody.optional(),
        response: { 200: SavedItem.extend({ proposal: ProposalView }), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => {
      const r = await approveProposal(db, req.actor, req.params.id, req.body?.note || null);
      return { id: r.itemId, version: r.version, contentHash: r.contentHash, created: r.created, proposal: r.proposal };
    },
  );

  app.post(
    '/api/policy/proposals/:id/reject',
    {
      config: { access: ADMIN_ONLY },
      schema: { tags, summary: '驳回修订提案（须为提交人以外的管理员，须说明理由）', params: ProposalParams, body: RejectBody, response: { 200: ProposalView, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
    },
    async (req) => rejectProposal(db, req.actor, req.params.id, req.body.reason),
  );

  app.post(
    '/api/policy/proposals/:id/withdraw',
    { config: { access: ADMIN_ONLY }, schema: { tags, summary: '撤回自己提交的待审核提案', params: ProposalParams, response: { 200: ProposalView, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } } },
    async (req) => withdrawProposal(db, req.actor, req.params.id),
  );

  app.post(
    '/api/policy/items/check',
    { config: { access: ADMIN_ONLY }, schema: { tags, summary: '校验规则文档（与保存相同的检查，不保存）', body: SaveItemBody, response: { 200: CheckedItem, 400: ErrorBody } } },
    async (req) => {
      const item = await checkItemDocument(db, req.body.document);
      return { valid: true as const, item: summary(item), document: item };
    },
  );

  app.get('/api/policy/coverage', { config: { access: PUBLIC }, schema: { tags, summary: '各条措施的覆盖情况：无金额措施及平台对其所做的工作', response: { 200: z.object({ measures: z.array(MeasureCoverage) }) } } }, async () => ({
    measures: [...COVERAGE],
  }));

  app.get(
    '/api/policy/items/:id/versions',
    { config: { access: PUBLIC }, schema: { tags, summary: '支持事项的全部版本（不可变，内容哈希）', params: z.object({ id: z.string().max(60) }), response: { 200: z.object({ versions: z.array(ItemVersionView) }), 404: ErrorBody } } },
    async (req) => {
      const versions = await itemHistory(db, req.params.id);
      if (versions.length === 0) throw notFound('支持事项', 'id');
      return {
        versions: versions.map((v) => ({
          version: v.version,
          contentHash: v.contentHash,
          origin: v.origin,
          createdAt: v.createdAt,
          note: v.note,
          proposedBy: v.proposedByName,
          approvedBy: v.approvedByName,
          proposalId: v.proposalId,
          document: v.item,
        })),
      };
    },
  );

  app.post(
    '/api/policy/evaluate',
    {
      config: { access: ANY_USER },
      schema: { tags, summary: '政策计算器：按事实或企业记录测算每个支持事项', body: EvaluateBody, response: { 200: z.object({ results: z.array(ItemResult) }), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    },
    async (req) => ({ results: await calculate(db, req.actor, req.principal!.user, req.body) }),
  );

  app.get(
    '/api/policy/declared/:orgId',
    {
      config: { access: DECLARED },
      schema: { tags, summary: '企业此前在计算器中自报的事实（供再次测算与申报时预填；企业自报，未经核实）', params: z.object({ orgId: z.coerce.number().int().positive() }), response: { 200: DeclaredFacts, 403: ErrorBody } },
    },
    async (req) => {
      if (!mayReadFigures(req.principal!.user, req.params.orgId)) throw forbidden('无权查看该企业的自报数据');
      return { facts: await declaredFactsOf(db, req.params.orgId) };
    },
  );
}
