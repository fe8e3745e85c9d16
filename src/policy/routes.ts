import { z } from 'zod';
import { ANY_USER, PUBLIC } from '../auth/access.js';
import type { Api } from '../platform/http/types.js';
import { ErrorBody } from '../shared/api.js';
import { EvaluateBody, ItemResult, PolicyItemSummary } from '../shared/policy.js';
import { ITEMS } from './items/index.js';
import { calculate } from './service.js';

const tags = ['policy'];

export function policyRoutes(app: Api) {
  const db = app.deps.database.db;

  app.get('/api/policy/items', { config: { access: PUBLIC }, schema: { tags, summary: '已编码的支持事项', response: { 200: z.object({ items: z.array(PolicyItemSummary) }) } } }, async () => ({
    items: ITEMS.map((i) => ({
      id: i.id,
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
    })),
  }));

  app.post(
    '/api/policy/evaluate',
    {
      config: { access: ANY_USER },
      schema: { tags, summary: '政策计算器：按事实或企业记录测算每个支持事项', body: EvaluateBody, response: { 200: z.object({ results: z.array(ItemResult) }), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    },
    async (req) => ({ results: await calculate(db, req.actor, req.principal!.user, req.body) }),
  );
}
