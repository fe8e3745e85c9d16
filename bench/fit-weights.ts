/**
 * Fits the matcher's signal weights (MATCH_WEIGHTS in src/market/match.ts) from judged evidence, and measures the
 * weak-match floor (MARKET_MATCH_FLOOR) for them. Coordinate ascent on mean nDCG@10 from the earlier hand weights:
 * weights stay ≥ 0 and add up to 1 (the score keeps its 0–1 scale), moved 0.05 or 0.02 at a time between two signals
 * while the mean improves. Fitted on
 * the dev half of eval/market-independent only; reported: 5-fold cross-validation over those demands, and the score on
 * eval/market, which the fit never sees. The test half is not read here.
 *
 *   npx tsx bench/fit-weights.ts
 */
import { crossValidate, fitWeights as fit, meanNdcg, type FitQuery } from '../src/market/engine/fit.js';
import { Matcher, MATCH_WEIGHTS } from '../src/market/match.js';
import { gitRev } from './lib.js';
import { achievementDoc, demandDoc, loadMarketSet, numericId } from './market-data.js';

const KINDS = ['text', 'field', 'trl', 'budget', 'modes', 'district'] as const;
const REASON: Record<(typeof KINDS)[number], string> = { text: 'terms', field: 'field', trl: 'trl', budget: 'budget', modes: 'modes', district: 'district' };

/** One demand: its judgements and every candidate with its signals and its hard-requirement factor. */
type Query = FitQuery;

function load(dir: string, split: string | null): Query[] {
  const { achievements, demands, qrels } = loadMarketSet(dir, split);
  const matcher = new Matcher();
  for (const a of achievements) matcher.addAchievement(achievementDoc(a));
  // The field links also learn from every demand's fields (as on the platform, and as bench/market-eval.ts does).
  for (const d of loadMarketSet(dir).demands) matcher.addFieldEvidence(`demand ${d.id}`, d.fields);
  const idOf = new Map(achievements.map((a) => [numericId(a.id), a.id]));
  const out: Query[] = [];
  for (const d of demands) {
    const judged = qrels.get(d.id);
    if (!judged || ![...judged.values()].some((g) => g >= 1)) continue;
    const ranked = matcher.achievementsFor(demandDoc(d), 5000);
    out.push({
      judged,
      candidates: ranked.map((m) => {
        const signals = KINDS.map((k) => m.reasons.find((r) => r.kind === REASON[k])!.score);
        const linear = KINDS.reduce((s, k, i) => s + MATCH_WEIGHTS[k] * signals[i]!, 0);
        return { id: idOf.get(m.id)!, signals, factor: linear > 0 ? m.score / linear : 1 };
      }),
    });
  }
  return out;
}

const score = (c: Query['candidates'][number], w: readonly number[]) => c.factor * c.signals.reduce((s, x, i) => s + w[i]! * x, 0);

// The fit starts from the hand weights the matcher had before (a prior: nDCG over ~40 demands is a bumpy objective with
// local optima — from equal weights it ends at text 0.36, field 0.44, cross-validating worse) and moves while it helps.
const HAND = { text: 0.55, field: 0.17, trl: 0.1, budget: 0.06, modes: 0.05, district: 0.07 };
const start = KINDS.map((k) => HAND[k]);
const dev = load('eval/market-independent', 'dev');
const other = load('eval/market', null);
const cv = crossValidate(dev, start) * dev.length;
const fitted = fit(dev, start);
const current = KINDS.map((k) => MATCH_WEIGHTS[k]);
console.log(`# matcher weights fitted on eval/market-independent dev (${new Date().toISOString().slice(0, 10)}, commit ${gitRev()})`);
console.log(`fitted: ${KINDS.map((k, i) => `${k} ${fitted[i]!.toFixed(2)}`).join(', ')}`);
console.log(`in the code: ${KINDS.map((k, i) => `${k} ${current[i]!.toFixed(2)}`).join(', ')}`);
console.log(`nDCG@10 dev, 5-fold CV of the fit: ${(cv / dev.length).toFixed(3)}; the code's weights on dev: ${meanNdcg(dev, current).toFixed(3)}`);
console.log(`nDCG@10 on eval/market (never fitted on): fitted ${meanNdcg(other, fitted).toFixed(3)}, the code's ${meanNdcg(other, current).toFixed(3)}`);

// The weak-match floor for the code's weights, on eval/market: over each demand's top 20, what a floor hides.
const top20 = other.flatMap((q) =>
  [...q.candidates]
    .sort((a, b) => score(b, current) - score(a, current))
    .slice(0, 20)
    .map((c) => ({ s: score(c, current), g: q.judged.get(c.id) ?? 0 })),
);
const good = top20.filter((x) => x.g >= 2).length;
for (const floor of [0.2, 0.25, 0.3, 0.35]) {
  const hidden = top20.filter((x) => x.s < floor);
  console.log(`floor ${floor}: hides ${hidden.length} of ${top20.length} top-20 pairs, ${hidden.filter((x) => x.g === 0).length} judged 0, ${hidden.filter((x) => x.g >= 2).length} of the ${good} graded ≥ 2`);
}
