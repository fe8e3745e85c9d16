/**
 * Experiment (issue #14): term associations learned from signed pairs. A demand and the achievement it was signed
 * with are a translation pair between production words and research words; over many such pairs, a demand word u and
 * an achievement word v that keep meeting (in at least MIN_SUPPORT pairs) are associated, with strength
 * P(v in the achievement | u in the demand) × idf(v) over the achievements. A candidate's association score is the
 * sum, over the demand's words, of the strongest association with one of the achievement's words, divided by the
 * largest among the demand's candidates; the ranking is then score + β × association.
 *
 * Signed pairs are simulated by the independent set's judgements graded ≥ 2. β is chosen on the dev half by 2-fold
 * cross-fitting (associations learned on one fold's pairs, β scored on the other fold's demands); then associations
 * are learned from every dev pair and the test half is measured once with that β.
 *
 *   npx tsx bench/association-eval.ts
 */
import { ndcgAt } from '../src/market/engine/fit.js';
import { Matcher } from '../src/market/match.js';
import { tokenize } from '../src/market/text/tokenize.js';
import { gitRev } from './lib.js';
import { achievementDoc, demandDoc, loadMarketSet, numericId, type MarketSet, type RawAchievement, type RawDemand } from './market-data.js';

const MIN_SUPPORT = 2;
const BETAS = [0, 0.02, 0.05, 0.1, 0.2, 0.4];

const dev = loadMarketSet('eval/market-independent', 'dev');
const test = loadMarketSet('eval/market-independent', 'test');
const achievements = new Map(dev.achievements.map((a) => [a.id, a]));
const aTerms = new Map<string, Set<string>>([...achievements].map(([id, a]) => [id, new Set([...tokenize(a.title), ...a.keywords.flatMap((k) => tokenize(k)), ...tokenize(a.abstract)])]));
const dTerms = (d: RawDemand) => new Set([...tokenize(d.title), ...tokenize(d.problem)]);
const df = new Map<string, number>();
for (const ts of aTerms.values()) for (const t of ts) df.set(t, (df.get(t) ?? 0) + 1);
const idf = (t: string) => Math.log(1 + aTerms.size / (1 + (df.get(t) ?? 0)));

type Assoc = Map<string, Map<string, number>>;
function learn(set: MarketSet, demands: readonly RawDemand[]): Assoc {
  const n = new Map<string, number>();
  const c = new Map<string, Map<string, number>>();
  for (const d of demands) {
    const du = dTerms(d);
    for (const [aid, g] of set.qrels.get(d.id) ?? []) {
      if (g < 2) continue;
      const av = aTerms.get(aid)!;
      for (const u of du) {
        n.set(u, (n.get(u) ?? 0) + 1);
        let row = c.get(u);
        if (!row) c.set(u, (row = new Map()));
        for (const v of av) if (v !== u) row.set(v, (row.get(v) ?? 0) + 1);
      }
    }
  }
  const out: Assoc = new Map();
  for (const [u, row] of c) {
    const kept = new Map<string, number>();
    for (const [v, k] of row) if (k >= MIN_SUPPORT) kept.set(v, (k / n.get(u)!) * idf(v));
    if (kept.size) out.set(u, kept);
  }
  return out;
}

function association(assoc: Assoc, d: RawDemand, a: RawAchievement): number {
  const av = aTerms.get(a.id)!;
  let s = 0;
  for (const u of dTerms(d)) {
    const row = assoc.get(u);
    if (!row) continue;
    let best = 0;
    for (const v of av) best = Math.max(best, row.get(v) ?? 0);
    s += best;
  }
  return s;
}

const matcher = new Matcher();
for (const a of dev.achievements) matcher.addAchievement(achievementDoc(a));
const idOf = new Map(dev.achievements.map((a) => [numericId(a.id), a.id]));
// Every candidate the matcher scores for a demand (its top 200), with its score.
const candidates = (d: RawDemand) => matcher.achievementsFor(demandDoc(d), 200).map((m) => ({ id: idOf.get(m.id)!, score: m.score }));

function evaluate(set: MarketSet, demands: readonly RawDemand[], assoc: Assoc, beta: number) {
  let n = 0;
  let nd = 0;
  let rn = 0;
  let rc = 0;
  for (const d of demands) {
    const judged = set.qrels.get(d.id);
    if (!judged || ![...judged.values()].some((g) => g >= 1)) continue;
    const cs = candidates(d).map((c) => ({ ...c, assoc: association(assoc, d, achievements.get(c.id)!) }));
    const top = Math.max(...cs.map((c) => c.assoc), 1e-9);
    const ranked = cs
      .map((c) => ({ id: c.id, s: c.score + (beta * c.assoc) / top }))
      .sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : 1))
      .map((c) => c.id);
    n++;
    nd += ndcgAt(ranked, judged);
    const relevant = [...judged].filter(([, g]) => g >= 2).map(([id]) => id);
    if (relevant.length) {
      rn++;
      const t20 = new Set(ranked.slice(0, 20));
      rc += relevant.filter((id) => t20.has(id)).length / relevant.length;
    }
  }
  return { ndcg: nd / n, recall: rc / rn };
}

console.log(`# term associations from signed pairs (${new Date().toISOString().slice(0, 10)}, commit ${gitRev()})`);
const folds = [dev.demands.filter((_, i) => i % 2 === 0), dev.demands.filter((_, i) => i % 2 === 1)];
const byBeta = BETAS.map((beta) => {
  const r = [0, 1].map((f) => evaluate(dev, folds[1 - f]!, learn(dev, folds[f]!), beta));
  return { beta, ndcg: (r[0]!.ndcg + r[1]!.ndcg) / 2, recall: (r[0]!.recall + r[1]!.recall) / 2 };
});
for (const b of byBeta) console.log(`dev cross-fitted β ${b.beta}: nDCG@10 ${b.ndcg.toFixed(3)}, recall@20 ${b.recall.toFixed(3)}`);
const best = byBeta.reduce((a, b) => (b.ndcg > a.ndcg + 1e-9 ? b : a));
const all = learn(dev, dev.demands);
console.log(`associations from every dev pair: ${all.size} demand words, ${[...all.values()].reduce((s, r) => s + r.size, 0)} links; β chosen ${best.beta}`);
const t0 = evaluate(test, test.demands, all, 0);
const t1 = evaluate(test, test.demands, all, best.beta);
console.log(`test: without ${t0.ndcg.toFixed(3)} / ${t0.recall.toFixed(3)}; with β ${best.beta} ${t1.ndcg.toFixed(3)} / ${t1.recall.toFixed(3)}`);
// A few of the strongest links, to read.
const sample = [...all].flatMap(([u, row]) => [...row].map(([v, s]) => ({ u, v, s }))).sort((a, b) => b.s - a.s).slice(0, 15);
console.log(sample.map((x) => `${x.u}→${x.v}`).join('  '));
