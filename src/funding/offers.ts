/**
 * 免申即享: no application. A department turns a 免申即享 batch result into
 * confirmation requests: every enterprise the run found eligible for one of its
 * items gets an offer (data checked by the platform), which the enterprise
 * confirms with its bank account; approval, publicity, payment and the ledger
 * then follow the same rules as an application. One open offer per enterprise,
 * item and year.
 */
import { sql, type Kysely } from 'kysely';
import { appendAudit, audited, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.js';
import { channelOf } from '../policy/engine/channel.js';
import { evaluateItem } from '../policy/engine/evaluate.js';
import { formatFen } from '../policy/engine/money.js';
import { enterpriseFacts, evaluationContext, itemsInForce } from '../policy/service.js';
import { latestBankAccount, suzhouDay } from './applications.js';

/** How many offers one call creates at most (a department works through a long list in rounds). */
export const OFFER_BATCH = 2000;

export async function createOffers(db: Kysely<DB>, actor: Actor, user: AuthUser, input: { itemId: string; year?: number; runId?: number }) {
  const v = (await itemsInForce(db)).find((x) => x.item.id === input.itemId);
  if (!v) throw invalid('itemId', `支持事项“${input.itemId}”不存在或不在有效期内`);
  const item = v.item;
  if (!(user.role === 'official' && item.departments.includes(user.departmentCode ?? ''))) throw forbidden(`“${item.title}”的责任单位不含本部门`);
  if (channelOf(item) !== 'no_application') throw invalid('itemId', `“${item.title}”需要企业申报，不能免申即享`);
  const run = input.runId
    ? await db.selectFrom('policy_runs').select(['id', 'status']).where('id', '=', input.runId).executeTakeFirst()
    : await db.selectFrom('policy_runs').select(['id', 'status']).where('status', '=', 'done').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!run) throw notFound('免申即享测算', 'runId');
  if (run.status !== 'done') throw conflict('runId', '该次测算尚未完成');
  const year = input.year ?? Number(suzhouDay().slice(0, 4));
  const eligible = await db
    .selectFrom('policy_run_results as r')
    .select('r.org_id')
    .where('r.run_id', '=', run.id)
    .where(sql<boolean>`r.eligible @> ARRAY[${item.id}]::text[]`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('applications as a').select('a.id').whereRef('a.org_id', '=', 'r.org_id').where('a.item_id', '=', item.id).where('a.year', '=', year).where('a.state', 'not in', ['rejected', 'withdrawn']))))
    .orderBy('r.org_id')
    .limit(OFFER_BATCH)
    .execute();
  let created = 0;
  let changed = 0;
  // The run is a snapshot: each offer is judged again on today's records, and only offers still eligible are made.
  // As in the run, only verified or imported figures count: a year the enterprise has since re-declared is missing.
  for (const { org_id } of eligible) {
    const evaluation = evaluateItem(item, await enterpriseFacts(db, org_id, { trustedFiguresOnly: true }), await evaluationContext(db, org_id));
    if (evaluation.status !== 'eligible' || !evaluation.amount) {
      changed++;
      continue;
    }
    // Each offer is its own write, audited in its transaction; the batch summary follows.
    const subject = { action: 'funding.application.offer', objectType: 'application' };
    // The account the enterprise already gave is carried into the offer: its confirmation does not ask again.
    const account = await latestBankAccount(db, org_id);
    await audited(db, actor, (id: number | null) => ({ ...subject, objectId: id, detail: { orgId: org_id, itemId: item.id, year, runId: run.id, created: id !== null } }), async (trx) => {
      const row = await trx
        .insertInto('applications')
        .values({ org_id, item_id: item.id, item_version: v.version, year, origin: 'proactive', state: 'offered', facts: '{}', evaluation: JSON.stringify(evaluation), engine_min_fen: evaluation.amount!.min, engine_max_fen: evaluation.amount!.max, policy_run_id: run.id, bank_account: account ? JSON.stringify(account) : null })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return null;
      created++;
      await trx.insertInto('application_events').values({ application_id: row.id, from_state: null, to_state: 'offered', action: 'offer', actor_user_id: user.id, detail: JSON.stringify({ runId: run.id }) }).execute();
      await trx
        .insertInto('notifications')
        .values({ org_id, user_id: null, kind: 'funding', title: `免申即享：${item.title}`, body: `经平台数据比对，贵企业符合“${item.title}”（${evaluation.amount!.min === evaluation.amount!.max ? formatFen(evaluation.amount!.max) : `最高 ${formatFen(evaluation.amount!.max)}`}），${account ? '请确认（收款账户沿用贵企业此前提供的账户，可更换）' : '请确认并填写收款账户'}`, link: `/funding/applications/${row.id}` })
        .execute();
      return row.id;
    }, { ...subject, detail: { orgId: org_id, itemId: item.id, year } });
  }
  await appendAudit(db, actor, { action: 'funding.offers.create', objectType: 'policy_item', objectId: item.id, detail: { runId: run.id, year, candidates: eligible.length, created, noLongerEligible: changed } });
  return { runId: run.id, year, candidates: eligible.length, created, noLongerEligible: changed, more: eligible.length === OFFER_BATCH };
}
