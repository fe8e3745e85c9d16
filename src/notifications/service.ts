/**
 * How notifications reach people, and the notices the clock sends.
 *
 * Each person chooses (PUT /api/notifications/preferences): every event as it comes (`each`, the default),
 * or one digest a day (`daily`): the daily job folds the events since the last digest into one message,
 * and that person's notification list then shows the digests only (the events stay in the database and in
 * each digest's text). Notices from the clock: the nightly 免申即享 run tells an enterprise which items it
 * newly qualifies for; owners of achievements whose data is out of date are reminded, at most once a month.
 */
import type { Kysely } from 'kysely';
import { appendAudit, audited, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { suzhouDay } from '../platform/clock.js';
import * as repo from './repository.js';

export const NOTIFY_ACTOR: Actor = { userId: null, label: 'system:notifications', ip: null };

/** Titles listed in a digest before "等 N 条". */
const DIGEST_LIST = 10;

export async function preferences(db: Kysely<DB>, user: AuthUser) {
  const r = await repo.notifyModeOf(db, user.id);
  return { mode: r.notify_mode, digestThrough: r.digest_through ? new Date(r.digest_through).toISOString() : null };
}

export async function setPreferences(db: Kysely<DB>, actor: Actor, user: AuthUser, mode: 'each' | 'daily') {
  await audited(db, actor, { action: 'notifications.preferences', objectType: 'user', objectId: user.id, detail: { mode } }, (trx) => repo.setNotifyMode(trx, user.id, mode));
  return preferences(db, user);
}

/** One digest per person who chose it and has news since the last one. Idempotent per moment. */
export async function sendDigests(db: Kysely<DB>, now = new Date()): Promise<{ readers: number; sent: number; events: number }> {
  const readers = await repo.digestReaders(db);
  let sent = 0;
  let events = 0;
  for (const r of readers) {
    const n = await db.transaction().execute(async (trx) => {
      const u = await repo.lockDigestReader(trx, r.id);
      if (!u || u.notify_mode !== 'daily') return 0;
      const since = u.digest_through ? new Date(u.digest_through) : new Date(u.created_at);
      const list = await repo.eventsBetween(trx, u, since, now);
      if (!list.length) return 0;
      const titles = list.slice(0, DIGEST_LIST).map((e) => `· ${e.title}`);
      if (list.length > DIGEST_LIST) titles.push(`…等共 ${list.length} 条`);
      await repo.insertDigest(trx, u.id, `每日汇总（${suzhouDay(now).slice(5).replace('-', '月')}日）：${list.length} 条新消息`, titles.join('\n'), now);
      return list.length;
    });
    if (n) {
      sent++;
      events += n;
    }
  }
  if (sent) await appendAudit(db, NOTIFY_ACTOR, { action: 'notifications.digest', objectType: 'notification', objectId: null, detail: { readers: readers.length, sent, events } });
  return { readers: readers.length, sent, events };
}

/** Reminds owners of achievements whose data is older than `staleDays`, at most once per `quietDays`. */
export async function remindStaleData(db: Kysely<DB>, staleDays: number, quietDays = 30, today = suzhouDay()): Promise<{ reminded: number }> {
  const owners = await repo.staleOwners(db, today, staleDays, quietDays);
  if (!owners.length) return { reminded: 0 };
  await audited(db, NOTIFY_ACTOR, { action: 'notifications.stale-data', objectType: 'notification', objectId: null, detail: { orgs: owners.length } }, async (trx) => {
    for (const o of owners) {
      await repo.insertOrgNotice(trx, o.orgId, 'market.stale', '科技成果数据待更新', `贵单位有 ${o.count} 项科技成果的数据已超过 ${staleDays} 天未更新。请核对成熟度、估值和转化状态后保存，以免影响匹配与对接。`, '/market/achievements?stale=true');
    }
  });
  return { reminded: owners.length };
}

/** After a 免申即享 run: tells each enterprise the items it newly qualifies for (compared with the run before). */
export async function announceNewEligibility(db: Kysely<DB>): Promise<{ runId: number | null; notified: number }> {
  const [cur, prev] = await repo.latestRuns(db, 2);
  if (!cur || !prev) return { runId: cur?.id ?? null, notified: 0 };
  const list = (typeof cur.items === 'string' ? JSON.parse(cur.items) : (cur.items ?? [])) as { id: string; title: string }[];
  const titles = new Map(list.map((i) => [i.id, i.title]));
  const fresh = await repo.newlyEligible(db, cur.id, prev.id);
  if (!fresh.length) return { runId: cur.id, notified: 0 };
  await audited(db, NOTIFY_ACTOR, { action: 'notifications.new-eligibility', objectType: 'policy_run', objectId: cur.id, detail: { orgs: fresh.length } }, async (trx) => {
    for (const f of fresh) {
      const names = f.fresh.map((id) => `“${titles.get(id) ?? id}”`);
      await repo.insertOrgNotice(trx, f.org_id, 'policy.eligible', `新的可享政策：${names.length} 项`, `根据最新数据测算，贵企业新符合 ${names.join('、')} 的条件。兑现以责任单位核定为准，请在“我的政策”查看。`, '/policy?tab=benefits');
    }
  });
  return { runId: cur.id, notified: fresh.length };
}
