/**
 * The matcher learns from the pipeline (issue #14): the answered matches are graded (engine/outcomes.ts), their
 * pairs' signals computed by the matcher in use, the weights re-fitted under guards and the fit recorded with its
 * figures before and after. A fit with a cross-validated gain goes into use at once (every process's matcher takes
 * the weights on its next read, no rebuild); an administrator may put any recorded fit — or the defaults — back in
 * use, with a reason. Run weekly by the scheduler (src/schedule/jobs.ts) and on demand.
 */
import type { Kysely } from 'kysely';
import { audited, type Actor } from '../audit/audit.js';
import type { DB } from '../platform/db/schema.js';
import { invalid, notFound } from '../platform/errors.js';
import { gradedPairs, outcomeQueries, refit, REFIT, type RefitStatus } from './engine/outcomes.js';
import { MATCH_SIGNALS, MATCH_WEIGHTS, parseWeights, weightsFromList, weightsToList } from './match.js';
import { answeredOutcomes, getFit, insertFit, listFits, setActiveFit, weightsInUse, type FitRow } from './ranker-repository.js';
import { achievementDoc, demandDoc, marketState } from './service.js';

export const SIGNAL_LABEL: Record<(typeof MATCH_SIGNALS)[number], string> = { text: '文本相近', field: '领域', trl: '成熟度', budget: '预算', modes: '转化方式', district: '距离' };
export const FIT_STATUS_LABEL: Record<RefitStatus, string> = { applied: '已启用新权重', kept: '提高不足，权重不变', insufficient: '数据不足，权重不变' };

const fitView = (f: FitRow) => ({
  id: f.id,
  trigger: f.trigger,
  triggerLabel: f.trigger === 'schedule' ? '定时任务' : '手动',
  by: f.display_name,
  at: new Date(f.at).toISOString(),
  status: f.status,
  statusLabel: FIT_STATUS_LABEL[f.status],
  outcomes: f.outcomes,
  demands: f.demands,
  pairs: f.pairs,
  weightsBefore: parseWeights(f.weights_before),
  weightsAfter: parseWeights(f.weights_after),
  ndcgBefore: f.ndcg_before,
  ndcgAfter: f.ndcg_after,
  cvBefore: f.cv_before,
  cvAfter: f.cv_after,
  note: f.note,
  active: f.active,
});

/** Re-fits the weights from the pipeline's outcomes, records the fit and, if it gained enough, puts it in use. */
export async function refitRanker(db: Kysely<DB>, actor: Actor, trigger: 'schedule' | 'manual') {
  const outcomes = await answeredOutcomes(db);
  const st = await marketState(db);
  const graded = gradedPairs(outcomes);
  // The pairs whose documents are still there, as the matcher sees them now.
  const docs = graded.flatMap((p) => {
    const d = st.demands.get(p.demandId);
    const a = st.achievements.get(p.achievementId);
    return d && a ? [{ key: `${p.demandId}:${p.achievementId}`, demand: demandDoc(d, st.orgs.get(d.org_id)?.district ?? null), achievement: achievementDoc(a, st.orgs.get(a.owner_org_id)?.district ?? null) }] : [];
  });
  const signals = new Map(st.matcher.pairSignals(docs).map((s, i) => [docs[i]!.key, s]));
  const queries = outcomeQueries(graded, (d, a) => signals.get(`${d}:${a}`) ?? null);
  const current = st.matcher.currentWeights;
  const r = refit(queries, weightsToList(current));
  const id = await audited(
    db,
    actor,
    (fitId: number) => ({ action: 'market.ranker.refit', objectType: 'market_ranker_fit', objectId: fitId, detail: { status: r.status, demands: r.demands, pairs: r.pairs, cvBefore: r.cvBefore, cvAfter: r.cvAfter } }),
    async (trx) => {
      const fitId = await insertFit(trx, {
        trigger,
        actor_user_id: actor.userId ?? null,
        status: r.status,
        demands: r.demands,
        pairs: r.pairs,
        outcomes: outcomes.length,
        weights_before: JSON.stringify(current),
        weights_after: JSON.stringify(weightsFromList(r.fitted)),
        ndcg_before: r.ndcgBefore,
        ndcg_after: r.ndcgAfter,
        cv_before: r.cvBefore,
        cv_after: r.cvAfter,
        note: r.note,
      });
      if (r.status === 'applied') await setActiveFit(trx, fitId);
      return fitId;
    },
  );
  return fitView((await getFit(db, id))!);
}

/** The weights in use, the defaults, the guards and the fits (newest first). */
export async function rankerOverview(db: Kysely<DB>, page: number, pageSize: number) {
  const inUse = await weightsInUse(db);
  const fits = await listFits(db, page, pageSize);
  return {
    inUse,
    defaults: MATCH_WEIGHTS,
    signals: MATCH_SIGNALS.map((key) => ({ key, label: SIGNAL_LABEL[key] })),
    guards: { minDemands: REFIT.minDemands, minGain: REFIT.minGain, folds: REFIT.folds },
    total: fits.total,
    items: fits.rows.map(fitView),
  };
}

/** Puts a recorded fit (or, with null, the defaults) in use; the reason is kept in the audit log. */
export async function useFit(db: Kysely<DB>, actor: Actor, fitId: number | null, reason: string) {
  if (fitId !== null) {
    const fit = await getFit(db, fitId);
    if (!fit) throw notFound('拟合记录', 'fitId');
    if (!parseWeights(fit.weights_after)) throw invalid('fitId', '该拟合记录的权重无效，不能启用');
  }
  await audited(db, actor, { action: 'market.ranker.use', objectType: 'market_ranker_fit', objectId: fitId, detail: { fitId, reason } }, (trx) => setActiveFit(trx, fitId));
  return weightsInUse(db);
}
