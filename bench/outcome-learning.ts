/**
 * What learning from the pipeline's outcomes (src/market/engine/outcomes.ts, ranker-service.ts) does to the ranking,
 * on a simulated pipeline. The demands of one half of eval/market-independent (dev) are matched with the defaults;
 * each gets its top `--top` recommendations (default 5), and the parties answer as the judges graded the pair: grade
 * 3 signed, 2 negotiating, 1 contacted, 0 (or unjudged) declined as 技术不对口; with `--answer p` only a share p of the
 * recommendations is answered at all (deterministic). The weights are re-fitted from those outcomes exactly as the
 * weekly job does (same guards), then both weightings are measured on the other half (test, never seen by the fit)
 * and on eval/market: nDCG@10 over demands with a judged pair, recall@20 over those with one graded ≥ 2.
 *
 * `--start w1,…,w6` starts the pipeline (and the fit) from other weights than the code's — e.g. the hand weights the
 * matcher had before its weights were fitted on judged data (0.55,0.17,0.1,0.06,0.05,0.07) — to see whether outcomes
 * alone find what judged data found.
 *
 *   npx tsx bench/outcome-learning.ts [--top 5] [--answer 1] [--start w1,…,w6]
 */
import { ndcgAt } from '../src/market/engine/fit.js';
import { gradedPairs, outcomeQueries, refit, type Outcome } from '../src/market/engine/outcomes.js';
import { Matcher, MATCH_WEIGHTS, weightsFromList, weightsToList, type MatchWeights } from '../src/market/match.js';
import { gitRev } from './lib.js';
import { achievementDoc, demandDoc, loadMarketSet, numericId, type MarketSet } from './market-data.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const TOP = arg('--top', 5);
const ANSWER = arg('--answer', 1);
const START = args.includes('--start') ? weightsFromList(args[args.indexOf('--start') + 1]!.split(',').map(Number)) : MATCH_WEIGHTS;

function matcherFor(set: MarketSet, w: MatchWeights): Matcher {
  const m = new Matcher(w);
  for (const a of set.achievements) m.addAchievement(achievementDoc(a));
  return m;
}

function measure(set: MarketSet, w: MatchWeights) {
  const m = matcherFor(set, w);
  const idOf = new Map(set.achievements.map((a) => [numericId(a.id), a.id]));
  let n = 0;
  let nd = 0;
  let rn = 0;
  let rc = 0;
  for (const d of set.demands) {
    const judged = set.qrels.get(d.id);
    if (!judged || ![...judged.values()].some((g) => g >= 1)) continue;
    const ranked = m.achievementsFor(demandDoc(d), 20).map((x) => idOf.get(x.id)!);
    n++;
    nd += ndcgAt(ranked, judged);
    const relevant = [...judged].filter(([, g]) => g >= 2).map(([id]) => id);
    if (relevant.length) {
      rn++;
      rc += relevant.filter((id) => ranked.includes(id)).length / relevant.length;
    }
  }
  return { ndcg10: (nd / n).toFixed(3), recall20: (rc / rn).toFixed(3) };
}

const STAGES: Record<number, string[]> = { 1: ['recommended', 'contacted'], 2: ['recommended', 'contacted', 'negotiating'], 3: ['recommended', 'contacted', 'negotiating', 'signed'] };

// The simulated pipeline on the dev half.
const dev = loadMarketSet('eval/market-independent', 'dev');
const m = matcherFor(dev, START);
const docs = new Map(dev.achievements.map((a) => [numericId(a.id), achievementDoc(a)]));
const outcomes: Outcome[] = [];
let k = 0;
for (const d of dev.demands) {
  const judged = dev.qrels.get(d.id) ?? new Map<string, number>();
  const setId = new Map(dev.achievements.map((a) => [numericId(a.id), a.id]));
  for (const r of m.achievementsFor(demandDoc(d), TOP)) {
    // deterministic thinning: every (1/ANSWER)-th recommendation is answered
    if (Math.floor((k + 1) * ANSWER) === Math.floor(k * ANSWER)) {
      k++;
      continue;
    }
    k++;
    const a = docs.get(r.id)!;
    const grade = judged.get(setId.get(a.id)!) ?? 0;
    outcomes.push(
      grade === 0
        ? { demandId: numericId(d.id), achievementId: a.id, stage: 'terminated', reached: ['recommended', 'terminated'], endReason: 'not_relevant' }
        : { demandId: numericId(d.id), achievementId: a.id, stage: STAGES[grade]!.at(-1)!, reached: STAGES[grade]!, endReason: null },
    );
  }
}
const demandsById = new Map(dev.demands.map((d) => [numericId(d.id), demandDoc(d)]));
const graded = gradedPairs(outcomes);
const signals = m.pairSignals(graded.map((p) => ({ demand: demandsById.get(p.demandId)!, achievement: docs.get(p.achievementId)! })));
const byKey = new Map(graded.map((p, i) => [`${p.demandId}:${p.achievementId}`, signals[i]!]));
const r = refit(
  outcomeQueries(graded, (d, a) => byKey.get(`${d}:${a}`) ?? null),
  weightsToList(START),
);
const fitted = weightsFromList(r.weights);

const fmt = (w: MatchWeights) => Object.entries(w).map(([key, v]) => `${key} ${v.toFixed(2)}`).join(', ');
console.log(`# learning from simulated outcomes (${new Date().toISOString().slice(0, 10)}, commit ${gitRev()}): top ${TOP} answered${ANSWER < 1 ? ` at rate ${ANSWER}` : ''}`);
console.log(`outcomes ${outcomes.length}, graded pairs ${graded.length}, demands usable ${r.demands}; status ${r.status}: ${r.note}`);
console.log(`in-sample nDCG@10 on the outcomes ${r.ndcgBefore} → ${r.ndcgAfter}; cross-validated ${r.cvBefore} → ${r.cvAfter}`);
console.log(`start:  ${fmt(START)}`);
console.log(`fitted:   ${fmt(weightsFromList(r.fitted))}`);
console.log('| set (never fitted on) | start nDCG@10 / recall@20 | after the re-fit (what is in use) | the fitted weights, had they been applied |');
console.log('|---|---|---|---|');
for (const [name, set] of [
  ['eval/market-independent test', loadMarketSet('eval/market-independent', 'test')],
  ['eval/market', loadMarketSet('eval/market', null)],
] as const) {
  const before = measure(set, START);
  const after = measure(set, fitted);
  const forced = measure(set, weightsFromList(r.fitted));
  console.log(`| ${name} | ${before.ndcg10} / ${before.recall20} | ${after.ndcg10} / ${after.recall20} | ${forced.ndcg10} / ${forced.recall20} |`);
}
