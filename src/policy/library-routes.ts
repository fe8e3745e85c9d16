/** Policy documents: the policy library's API (public reads; administrators add and change). */
import { z } from 'zod';
import { ADMIN_ONLY, PUBLIC } from '../auth/access.js';
import type { Api } from '../platform/http/types.js';
import { ErrorBody } from '../shared/api.js';
import { CreatePolicyBody, PolicyDetail, PolicySummary, UpdatePolicyBody } from '../shared/policy.js';
import { createPolicy, listPolicies, policyDetail, updatePolicy } from './library-service.js';
import { summary } from './routes.js';

const tags = ['policy'];
const CodeParam = z.object({ code: z.string().max(40, '政策代码不超过 40 位') });
const Written = z.object({ code: z.string(), clauses: z.number().int().nullable().describe('写入的条数；未改条款时为 null') });

export function policyLibraryRoutes(app: Api) {
  const db = app.deps.database.db;

  app.get('/api/policies', { config: { access: PUBLIC }, schema: { tags, summary: '政策文件（市级、区级、园区）', response: { 200: z.object({ items: z.array(PolicySummary) }) } } }, async () => ({
    items: await listPolicies(db),
  }));

  app.get(
    '/api/policies/:code',
    { config: { access: PUBLIC }, schema: { tags, summary: '政策文件：信息、全文、各条条文及实施各条的支持事项', params: CodeParam, response: { 200: PolicyDetail, 404: ErrorBody } } },
    async (req) => {
      const p = await policyDetail(db, req.params.code);
      return { ...p, implementing: p.implementing.map((v) => ({ ...summary(v.item), version: v.version, contentHash: v.contentHash, origin: v.origin, savedAt: v.createdAt })) };
    },
  );

  app.post(
    '/api/policies',
    { config: { access: ADMIN_ONLY }, schema: { tags, summary: '添加政策文件（管理员）：信息、全文与条款（逐条给出或按编号从全文识别）', body: CreatePolicyBody, response: { 200: Written, 400: ErrorBody, 409: ErrorBody } } },
    async (req) => createPolicy(db, req.actor, req.body),
  );

  app.patch(
    '/api/policies/:code',
    {
      config: { access: ADMIN_ONLY },
      schema: { tags, summary: '修改政策文件的状态、日期或文号（管理员）；尚无事项引用时可改全文与条款', params: CodeParam, body: UpdatePolicyBody, response: { 200: Written, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
    },
    async (req) => ({ code: req.params.code, ...(await updatePolicy(db, req.actor, req.params.code, req.body)) }),
  );
}
