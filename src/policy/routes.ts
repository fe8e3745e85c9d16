import { z } from 'zod';
import { ADMIN_ONLY, ANY_USER, PUBLIC } from '../auth/access.js';
import { notFound } from '../platform/errors.js';
import type { Api } from '../platform/http/types.js';
import { ErrorBody } from '../shared/api.js';
import { CheckedItem, EvaluateBody, ItemResult, ItemVersionView, MeasureCoverage, PolicyItemSummary, SaveItemBody, SavedItem } from '../shared/policy.js';
import { channelOf, factsUsed } from './engine/channel.js';
import { policyOf, type SupportItem } from './engine/schema.js';
import { COVERAGE } from './coverage.js';
import { itemHistory, latestVersions } from './repository.js';
import { calculate, checkItemDocument, saveItemFromDocument } from './service.js';

const tags = ['policy'];

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
  };
}

export function policyRoutes(app: Api) {
  const db = app.deps.database.db;

  app.get('/api/policy/items', { config: { access: PUBLIC }, schema: { tags, summary: '支持事项（各事项的最新版本）', response: { 200: z.object({ items: z.array(PolicyItemSummary) }) } } }, async () => ({
    items: (await latestVersions(db)).map((v) => ({ ...summary(v.item), version: v.version, contentHash: v.contentHash, origin: v.origin, savedAt: v.createdAt })),
  }));

  app.post(
    '/api/policy/items',
    { config: { access: ADMIN_ONLY }, schema: { tags, summary: '保存规则文档为新版本（管理员；无需重启即生效）', body: SaveItemBody, response: { 200: SavedItem, 400: ErrorBody } } },
    async (req) => {
      const r = await saveItemFromDocument(db, req.actor, req.body.document, req.body.note ?? null);
      return { id: (req.body.document as { id: string }).id, ...r };
    },
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
      return { versions: versions.map((v) => ({ version: v.version, contentHash: v.contentHash, origin: v.origin, createdAt: v.createdAt, note: v.note, document: v.item })) };
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
}
