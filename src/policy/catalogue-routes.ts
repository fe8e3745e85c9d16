import { z } from 'zod';
import { ADMIN_ONLY, PUBLIC } from '../auth/access.js';
import type { Api } from '../platform/http/types.js';
import { ErrorBody } from '../shared/api.js';
import { FactBody, FactView } from '../shared/policy.js';
import { listFacts, saveFact } from './catalogue-service.js';

const tags = ['policy'];

export function catalogueRoutes(app: Api) {
  const db = app.deps.database.db;
  app.get('/api/policy/facts', { config: { access: PUBLIC }, schema: { tags, summary: '事实目录：内置事实与管理员定义的事实', response: { 200: z.object({ facts: z.array(FactView) }) } } }, async () => ({
    facts: await listFacts(db),
  }));
  app.post(
    '/api/policy/facts',
    {
      config: { access: ADMIN_ONLY },
      schema: { tags, summary: '新增或修改管理员定义的事实（企业申报或由表达式推导；下一次请求起生效）', body: FactBody, response: { 200: FactView.extend({ created: z.boolean() }), 400: ErrorBody } },
    },
    async (req) => saveFact(db, req.actor, req.body),
  );
}
