/** 免申即享 runs, an enterprise's benefits, and what-if. */
import { z } from 'zod';
import { appendAudit } from '../audit/audit.js';
import { roles, type Access } from '../auth/access.js';
import { AppError, forbidden, invalid, notFound } from '../platform/errors.js';
import type { Api } from '../platform/http/types.js';
import { Jobs } from '../platform/jobs/jobs.js';
import { ErrorBody, Page, paged } from '../shared/api.js';
import { Benefits, EligibleEnterprise, RunDetail, RunView, WhatIfBody, WhatIfResult } from '../shared/policy.js';
import { itemHistory } from './repository.js';
import { createRun, eligibleEnterprises, enterpriseBenefits, executeRun, getRun, latestDoneRun, listRuns, runTotals, whatIf } from './runs.js';
import { checkItemDocument, classifyBenefits } from './service.js';

const tags = ['policy'];
const OFFICE = roles('admin', 'official');
const BENEFITS: Access = { kind: 'roles', roles: ['admin', 'official', 'enterprise'], ownOrg: { param: 'orgId', roles: ['enterprise'] } };
const RunId = z.object({ id: z.coerce.number().int().positive() });

export function runRoutes(app: Api) {
  const db = app.deps.database.db;
  /** Runs started by this server. Closing stops their worker threads and waits for them to end: a stopped run is marked failed, its rows removed. */
  const running = new Set<Promise<void>>();
  const stopping = new AbortController();
  /** What-if analyses: one at a time (a second is refused with 409), computed in a worker thread. */
  const jobs = new Jobs();
  app.addHook('onClose', async () => {
    stopping.abort();
    await Promise.allSettled([...running, jobs.close()]);
  });

  app.post(
    '/api/policy/runs',
    { config: { access: OFFICE }, schema: { tags, summary: '发起免申即享测算：全部企业 × 全部现行事项（后台运行，可重复）', response: { 202: RunView, 409: ErrorBody } } },
    async (req, reply) => {
      const id = await createRun(db, req.actor);
      const p = executeRun(db, req.actor, id, undefined, stopping.signal)
        .catch((e: unknown) => req.log.error({ err: e, runId: id }, 'policy run failed'))
        .finally(() => running.delete(p));
      running.add(p);
      return reply.code(202).send(await getRun(db, id));
    },
  );

  app.get('/api/policy/runs', { config: { access: OFFICE }, schema: { tags, summary: '最近的免申即享测算及进度', response: { 200: z.object({ runs: z.array(RunView) }) } } }, async () => ({
    runs: await listRuns(db),
  }));

  app.get(
    '/api/policy/runs/:id',
    { config: { access: OFFICE }, schema: { tags, summary: '一次测算：进度、所用版本、各事项符合条件的企业数与金额合计', params: RunId, response: { 200: RunDetail, 404: ErrorBody } } },
    async (req) => {
      const run = await getRun(db, req.params.id);
      return { ...run, totals: run.status === 'done' ? await runTotals(db, run.id) : [] };
    },
  );

  app.get(
    '/api/policy/runs/:id/items/:itemId/enterprises',
    {
      config: { access: OFFICE },
      schema: {
        tags,
        summary: '某事项符合条件的企业（金额从高到低；部门用户限本部门事项）',
        params: RunId.extend({ itemId: z.string().max(60) }),
        querystring: Page,
        response: { 200: paged(EligibleEnterprise), 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => {
      const run = await getRun(db, req.params.id);
      const item = run.items.find((i) => i.id === req.params.itemId);
      if (!item) throw invalid('itemId', '本次测算不含该事项');
      const user = req.principal!.user;
      if (user.role === 'official' && !(user.departmentCode && item.departments.includes(user.departmentCode))) {
        await appendAudit(db, req.actor, { action: 'policy.run.enterprises', objectType: 'policy_item', objectId: item.id, result: 'denied' });
        throw forbidden('只能查看本部门负责事项的企业名单');
      }
      if (run.status !== 'done') throw invalid('id', '该测算尚未完成');
      const r = await eligibleEnterprises(db, run.id, item.id, req.query.page, req.query.pageSize);
      await appendAudit(db, req.actor, { action: 'policy.run.enterprises', objectType: 'policy_item', objectId: item.id, detail: { run: run.id, page: req.query.page } });
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/api/policy/benefits/:orgId',
    { config: { access: BENEFITS }, schema: { tags, summary: '企业的免申即享结果：无需申请即可享受的、补充信息后可享受的', params: z.object({ orgId: z.coerce.number().int().positive() }), response: { 200: Benefits, 403: ErrorBody, 404: ErrorBody } } },
    async (req) => {
      const org = await db.selectFrom('organisations').select('kind').where('id', '=', req.params.orgId).executeTakeFirst();
      if (!org) throw notFound('组织', 'orgId');
      const run = await latestDoneRun(db);
      const r = run ? await enterpriseBenefits(db, run, req.params.orgId) : null;
      // What an enterprise may receive reveals its figures: reads by others are recorded.
      if (req.principal!.user.orgId !== req.params.orgId) {
        await appendAudit(db, req.actor, { action: 'policy.benefits.read', objectType: 'organisation', objectId: req.params.orgId, detail: { run: run?.id ?? null } });
      }
      const runInfo = run ? (({ items: _items, ...rest }) => rest)(run) : null;
      const benefits = await classifyBenefits(db, req.params.orgId, r?.benefits ?? []);
      return { run: runInfo, benefits, entitlementFen: r?.entitlementFen ?? 0, ceilingFen: r?.ceilingFen ?? 0 };
    },
  );

  app.post(
    '/api/policy/whatif',
    { config: { access: OFFICE }, schema: { tags, summary: '假设分析：按修改后的参数或规则测算全体企业，报告各事项与部门的变化（不保存；在后台线程计算，同时只运行一次）', body: WhatIfBody, response: { 200: WhatIfResult, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } } },
    async (req) => {
      const { itemId, parameters, document } = req.body;
      let doc: unknown = document;
      if (doc === undefined) {
        const current = (await itemHistory(db, itemId))[0];
        if (!current) throw invalid('itemId', '支持事项不存在');
        const edited = structuredClone(current.item) as { parameters: Record<string, { value: string | number }> };
        for (const [name, value] of Object.entries(parameters ?? {})) {
          if (!edited.parameters[name]) throw invalid(`parameters.${name}`, `事项 ${itemId} 没有参数“${name}”`);
          edited.parameters[name].value = value;
        }
        doc = edited;
      } else if ((doc as { id?: unknown }).id !== itemId) {
        throw invalid('document.id', 'document 的 id 应与 itemId 相同');
      }
      const item = await checkItemDocument(db, doc);
      const r = await jobs.start('policy.whatif', '假设分析', (ctx) => whatIf(db, item, undefined, { signal: ctx.signal, onProgress: ctx.progress })).catch(async (e: unknown) => {
        if (e instanceof AppError && e.status === 409) await appendAudit(db, req.actor, { action: 'policy.whatif', objectType: 'policy_item', objectId: itemId, result: 'error', detail: { error: 'already running' } });
        throw e;
      });
      await appendAudit(db, req.actor, { action: 'policy.whatif', objectType: 'policy_item', objectId: itemId, detail: { parameters: parameters ?? null, changedEnterprises: r.changedEnterprises } });
      return { ...r, document: item };
    },
  );
}
