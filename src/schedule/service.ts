/**
 * Administrators' view and steering of scheduled work: each job with its schedule (default or changed),
 * the next times it runs, its last run and its counts by state; its runs, paged; run now; change or stop
 * the schedule. Changing a schedule is audited and holds for every server process sharing the database.
 */
import type { Kysely } from 'kysely';
import { audited, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { AppError, invalid, notFound } from '../platform/errors.js';
import { TIME_ZONE, type Queue } from '../platform/queue.js';
import { JOB_STATE_LABEL, type JobRun, type ScheduledJob } from '../shared/schedule.js';
import { describeCron } from './engine/describe.js';
import * as repo from './repository.js';

const disabled = () => new AppError('JOBS_DISABLED', 409, '本服务未启用后台任务（配置 JOBS=false）；请在启用后台任务的服务上操作');

function runView(r: repo.RunRow): JobRun {
  return {
    id: r.id,
    name: r.name,
    state: r.state,
    stateLabel: JOB_STATE_LABEL[r.state] ?? r.state,
    retryCount: r.retry_count,
    createdAt: new Date(r.created_on).toISOString(),
    startedAt: r.started_on ? new Date(r.started_on).toISOString() : null,
    completedAt: r.completed_on ? new Date(r.completed_on).toISOString() : null,
    output: r.output && typeof r.output === 'object' ? r.output : null,
  };
}

function nextRuns(queue: Queue, cron: string | null): string[] {
  if (!cron) return [];
  try {
    return queue.boss.previewSchedule(cron, { tz: TIME_ZONE, count: 3 }).map((d) => d.toISOString());
  } catch {
    return [];
  }
}

export async function listJobs(db: Kysely<DB>, queue: Queue | undefined): Promise<{ enabled: boolean; items: ScheduledJob[] }> {
  if (!queue) return { enabled: false, items: [] };
  const overrides = await repo.scheduleOverrides(db);
  const installed = await repo.queueInstalled(db);
  const counts = installed ? await repo.countsByState(db) : new Map<string, Record<string, number>>();
  const items: ScheduledJob[] = [];
  for (const s of queue.definitions) {
    const cron = overrides.has(s.name) ? overrides.get(s.name)! : (s.cron ?? null);
    const last = installed ? (await repo.runs(db, s.name, 1, 0)).rows[0] : undefined;
    items.push({ name: s.name, label: s.label, cron, defaultCron: s.cron ?? null, schedule: describeCron(cron), next: nextRuns(queue, cron), last: last ? runView(last) : null, counts: counts.get(s.name) ?? {} });
  }
  return { enabled: true, items };
}

export async function jobRuns(db: Kysely<DB>, queue: Queue | undefined, name: string, page: number, pageSize: number) {
  if (!queue) throw disabled();
  if (!queue.spec(name)) throw notFound('后台任务');
  const r = await repo.runs(db, name, pageSize, (page - 1) * pageSize);
  return { total: r.total, page, pageSize, items: r.rows.map(runView) };
}

export async function runJobNow(db: Kysely<DB>, queue: Queue | undefined, actor: Actor, name: string) {
  if (!queue) throw disabled();
  const spec = queue.spec(name);
  if (!spec) throw notFound('后台任务');
  // The queue runs one job of a kind at a time (policy 'singleton'); a second request while one waits is refused by pg-boss (null).
  const id = await queue.runNow(name, { by: actor.userId });
  await audited(db, actor, { action: 'jobs.run', objectType: 'job', objectId: name, detail: { jobId: id, queued: id !== null } }, async () => undefined);
  return { name, jobId: id, queued: id !== null, message: id ? `已加入队列：${spec.label}` : `“${spec.label}”已在排队，无需重复发起` };
}

export async function setSchedule(db: Kysely<DB>, queue: Queue | undefined, actor: Actor, user: AuthUser, name: string, cron: string | null) {
  if (!queue) throw disabled();
  const spec = queue.spec(name);
  if (!spec) throw notFound('后台任务');
  if (cron) {
    try {
      queue.boss.previewSchedule(cron, { tz: TIME_ZONE, count: 1 });
    } catch (e) {
      throw invalid('cron', `cron 表达式无效：${(e as Error).message}`);
    }
  }
  await audited(db, actor, { action: 'jobs.schedule', objectType: 'job', objectId: name, detail: { cron, defaultCron: spec.cron ?? null } }, (trx) => repo.saveSchedule(trx, name, cron, user.id));
  await queue.reschedule(name, cron);
  return (await listJobs(db, queue)).items.find((j) => j.name === name)!;
}
