/**
 * Work the clock does in funding (run by the job queue, src/schedule/jobs.ts).
 *
 * 公示 ends by itself once its last working day is over: an application whose period ended with no
 * objection, or only objections resolved as not upheld, moves on to 待拨付 exactly as if the department had
 * clicked 结束公示 (the same lifecycle move, the same recognitions granted, recorded as done by the system).
 * Its objections decide otherwise: an objection still open, or one upheld, keeps it in 公示 for the
 * department to resolve or to cancel the approval — it stays in their to-do, named with the reason.
 */
import type { Kysely } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.js';
import type { DB } from '../platform/db/schema.js';
import { suzhouDay } from '../platform/clock.js';
import { grantEffects, itemOfApplication, lockApp, notifyOrg } from './applications.js';
import { STATE_LABEL, transition } from './engine/lifecycle.js';

export const PUBLICITY_ACTOR: Actor = { userId: null, label: 'system:publicity-end', ip: null };

export interface PublicityEndResult {
  ended: number[];
  /** Still in 公示 after its period: [application, why]. */
  held: { id: number; reason: string }[];
}

/** Ends every 公示 whose period is over (today, Beijing time, is after its last day). Idempotent. */
export async function endDuePublicity(db: Kysely<DB>, today = suzhouDay(), actor = PUBLICITY_ACTOR): Promise<PublicityEndResult> {
  const due = await db.selectFrom('applications').select('id').where('state', '=', 'publicity').where('publicity_to', '<', today).orderBy('id').execute();
  const out: PublicityEndResult = { ended: [], held: [] };
  for (const { id } of due) {
    const { item } = await itemOfApplication(db, id);
    const r = await db.transaction().execute(async (trx) => {
      const app = await lockApp(trx, id);
      // Someone (a department, another server's run) may have moved it since the list was read.
      if (app.state !== 'publicity' || !app.publicity_to || String(app.publicity_to) >= today) return null;
      const objections = await trx.selectFrom('objections').select(['id', 'upheld', 'resolved_at']).where('application_id', '=', id).execute();
      const open = objections.filter((o) => !o.resolved_at).length;
      if (open) return { held: `公示期已满，还有 ${open} 条异议待处理` };
      if (objections.some((o) => o.upheld)) return { held: '公示期已满，有异议成立，待责任单位撤销审批' };
      const t = transition('publicity', 'end_publicity');
      if (!t.ok || t.to === 'stay') return { held: '生命周期不允许结束公示' };
      const effects = await grantEffects(trx, item, app, today);
      const detail = { automatic: true, publicityTo: String(app.publicity_to), effects };
      await trx.updateTable('applications').set({ state: t.to, updated_at: new Date() }).where('id', '=', id).execute();
      await trx.insertInto('application_events').values({ application_id: id, from_state: 'publicity', to_state: t.to, action: 'end_publicity', actor_user_id: null, note: '公示期满，无异议，系统自动结束公示', detail: JSON.stringify(detail) }).execute();
      await appendAudit(trx, actor, { action: 'funding.application.end_publicity', objectType: 'application', objectId: id, detail: { from: 'publicity', to: t.to, ...detail } });
      await notifyOrg(trx, app.org_id, `申报进展：${STATE_LABEL[t.to]}`, `“${item.title}”申报 #${id}：公示期满无异议，${STATE_LABEL.publicity} → ${STATE_LABEL[t.to]}`, id);
      return { ended: true };
    });
    if (r && 'ended' in r) out.ended.push(id);
    else if (r) out.held.push({ id, reason: r.held });
  }
  return out;
}
