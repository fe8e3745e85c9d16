/** Scheduled work as administrators see and steer it (/api/admin/jobs), and notification preferences. */
import { z } from 'zod';

export const JOB_STATE_LABEL: Record<string, string> = {
  created: '排队中',
  retry: '等待重试',
  active: '运行中',
  completed: '已完成',
  cancelled: '已取消',
  failed: '失败',
};

export const JobRun = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  retryCount: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** What the run returned (counts), or its error message when it failed. */
  output: z.record(z.string(), z.unknown()).nullable(),
});
export type JobRun = z.infer<typeof JobRun>;

export const ScheduledJob = z.object({
  name: z.string(),
  label: z.string(),
  /** The schedule in force (cron, Beijing time), null: runs only when started by hand. */
  cron: z.string().nullable(),
  defaultCron: z.string().nullable(),
  /** Plain-Chinese reading of the schedule. */
  schedule: z.string(),
  /** The next three times it will run (ISO), per the schedule. */
  next: z.array(z.string()),
  last: JobRun.nullable(),
  counts: z.record(z.string(), z.number().int()),
});
export type ScheduledJob = z.infer<typeof ScheduledJob>;

export const JobsView = z.object({ enabled: z.boolean(), items: z.array(ScheduledJob) });

export const JobName = z.object({ name: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, '任务名称格式不正确') });

export const ScheduleBody = z.object({
  cron: z
    .string()
    .trim()
    .regex(/^\S+( \S+){4}$/, 'cron 应为 5 段：分 时 日 月 周，例如“30 2 * * *”表示每天 02:30')
    .nullable()
    .describe('cron（北京时间），null 表示停用定时、仅手动运行'),
});

export const RunsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const NotifyPreferences = z.object({ mode: z.enum(['each', 'daily']), digestThrough: z.string().nullable() });
export const NotifyPreferencesBody = z.object({ mode: z.enum(['each', 'daily'], { message: '请选择“逐条通知”（each）或“每日汇总”（daily）' }) });
