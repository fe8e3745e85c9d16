import { ADMIN_ONLY } from '../auth/access.js';
import type { Api } from '../platform/http/types.js';
import { ErrorBody } from '../shared/api.js';
import { JobName, JobRun, JobsView, RunsQuery, ScheduleBody, ScheduledJob } from '../shared/schedule.js';
import { z } from 'zod';
import { jobRuns, listJobs, runJobNow, setSchedule } from './service.js';

const tags = ['jobs'];

export function scheduleRoutes(app: Api) {
  const db = app.deps.database.db;
  const queue = () => app.deps.queue;
  app.get('/api/admin/jobs', { config: { access: ADMIN_ONLY }, schema: { tags, summary: '后台定时任务：计划、下次运行、最近一次结果（管理员）', response: { 200: JobsView } } }, async () => listJobs(db, queue()));
  app.get(
    '/api/admin/jobs/:name/runs',
    { config: { access: ADMIN_ONLY }, schema: { tags, summary: '某项后台任务的运行记录（分页）', params: JobName, querystring: RunsQuery, response: { 200: z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(JobRun) }), 404: ErrorBody, 409: ErrorBody } } },
    async (req) => jobRuns(db, queue(), req.params.name, req.query.page, req.query.pageSize),
  );
  app.post(
    '/api/admin/jobs/:name/run',
    { config: { access: ADMIN_ONLY }, schema: { tags, summary: '立即运行一次（加入队列）', params: JobName, response: { 200: z.object({ name: z.string(), jobId: z.string().nullable(), queued: z.boolean(), message: z.string() }), 404: ErrorBody, 409: ErrorBody } } },
    async (req) => runJobNow(db, queue(), req.actor, req.params.name),
  );
  app.put(
    '/api/admin/jobs/:name/schedule',
    { config: { access: ADMIN_ONLY }, schema: { tags, summary: '修改定时计划（cron，北京时间；null 为停用定时）', params: JobName, body: ScheduleBody, response: { 200: ScheduledJob, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } } },
    async (req) => setSchedule(db, queue(), req.actor, req.principal!.user, req.params.name, req.body.cron),
  );
}
