/**
 * The platform's scheduled work: what runs by itself, when (cron, Beijing time: the default an
 * administrator may change at /admin/jobs), and which use case it calls. Every job is idempotent — a run
 * repeated after a crash finds nothing left to do.
 */
import type { Config } from '../platform/config.js';
import type { JobSpec } from '../platform/queue.js';
import { endDuePublicity } from '../funding/scheduled.js';
import { remindOverdue } from '../market/pipeline-service.js';
import { refitRanker } from '../market/ranker-service.js';
import { announceNewEligibility, remindStaleData, sendDigests } from '../notifications/service.js';
import { createRun, executeRun } from '../policy/runs.js';
import { runIndex } from '../index/service.js';

const actor = (what: string) => ({ userId: null, label: `system:${what}`, ip: null });

export function platformJobs(config: Pick<Config, 'MARKET_STALE_DAYS'>): JobSpec<object>[] {
  return [
    {
      name: 'publicity-end',
      label: '公示期满自动结束（无异议的转入待拨付）',
      cron: '5 * * * *',
      async run(_d, { db }) {
        const r = await endDuePublicity(db);
        return { ended: r.ended.length, held: r.held.length };
      },
    },
    {
      name: 'match-reminders',
      label: '对接逾期未回应提醒',
      cron: '0 9 * * *',
      async run(_d, { db }) {
        return { reminded: await remindOverdue(db, actor('match-reminders')) };
      },
    },
    {
      name: 'stale-data-reminders',
      label: '科技成果数据过期提醒（每单位每 30 天至多一次）',
      cron: '10 9 * * 1',
      async run(_d, { db }) {
        return remindStaleData(db, config.MARKET_STALE_DAYS);
      },
    },
    {
      name: 'policy-nightly',
      label: '免申即享夜间测算，并通知新符合条件的企业',
      cron: '30 2 * * *',
      expireInSeconds: 60 * 60,
      retryLimit: 1,
      async run(_d, { db }) {
        const a = actor('policy-nightly');
        const runId = await createRun(db, a);
        await executeRun(db, a, runId);
        const n = await announceNewEligibility(db);
        return { runId, notified: n.notified };
      },
    },
    {
      name: 'index-yearly',
      label: '科创指数年度计算',
      cron: '0 3 1 4 *',
      expireInSeconds: 60 * 60,
      retryLimit: 1,
      async run(_d, { db }) {
        const r = await runIndex(db, actor('index-yearly'));
        return { scored: r.scored };
      },
    },
    {
      name: 'ranker-refit',
      label: '从对接结果重新拟合匹配排序权重（交叉验证提高足够时启用）',
      cron: '30 4 * * 1',
      expireInSeconds: 30 * 60,
      async run(_d, { db }) {
        const f = await refitRanker(db, actor('ranker-refit'), 'schedule');
        return { fitId: f.id, status: f.status, demands: f.demands, cvBefore: f.cvBefore, cvAfter: f.cvAfter };
      },
    },
    {
      name: 'digest',
      label: '每日消息汇总（选择“每日汇总”的用户）',
      cron: '0 8 * * *',
      async run(_d, { db }) {
        return sendDigests(db);
      },
    },
  ];
}
