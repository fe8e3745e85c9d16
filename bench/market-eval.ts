/**
 * Matching quality on the evaluation set in eval/market (see its README):
 * nDCG@10 (gain 2^grade − 1) and recall@20 (of achievements graded ≥ 2), averaged
 * over the demands, for the platform's matcher and, side by side, for a plain
 * baseline: PostgreSQL full-text ranking (ts_rank over 'simple' tsvectors with the
 * same weights A/B/C for title/keywords/abstract) over the same jieba tokens, run
 * in an embedded PostgreSQL (PGlite) in the same process.
 *
 *   npx tsx bench/market-eval.ts [--dir eval/market] [--split dev|test] [--json]
 *   npx tsx bench/market-eval.ts --dir eval/market-independent --split test   (the independent set's reported half)
 *   … --neighbour-factor 1.5 --neighbour-support 3 --neighbour-measure cosine   (neighbouring fields, NEIGHBOUR_FIELDS otherwise)
 *
 * The matcher holds the achievements; the field links it learns also take every demand's fields of the set (all of
 * them, not only the split's: on the platform every open demand is in the matcher), never a judgement.
 */
import { PGlite } from '@electric-sql/pglite';
import { Matcher, NEIGHBOUR_FIELDS, type AchievementDoc, type DemandDoc, type MatchWeights, type NeighbourFields } from '../src/market/match.js';
import { MIN_SCORE, MIN_TEXT, RECOMMEND } from '../src/market/pipeline-service.js';
import { NgramIndex } from '../src/market/engine/ngram.js';
import { tokenize } from '../src/market/text/tokenize.js';
import { gitRev, machine } from './lib.js';
import { achievementDoc, demandDoc, loadMarketSet, numericId, offered } from './market-data.js';

const args = process.argv.slice(2);
const dir = args.includes('--dir') ? args[args.indexOf('--dir') + 1]! : 'eval/market';
// --split dev|test: a set with split.json (eval/market-independent) is reported on its test half; dev is for design.
const splitName = args.includes('--split') ? args[args.indexOf('--split') + 1]! : 'all';
const splitIds = splitName !== 'all';
const { achievements, demands, qrels } = loadMarketSet(dir, splitName);
const aDocs: AchievementDoc[] = achievements.map(achievementDoc);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : undefined);
const neighbour: NeighbourFields = {
  factor: Number(flag('--neighbour-factor') ?? NEIGHBOUR_FIELDS.factor),
  minSupport: Number(flag('--neighbour-support') ?? NEIGHBOUR_FIELDS.minSupport),
  measure: (flag('--neighbour-measure') ?? NEIGHBOUR_FIELDS.measure) as NeighbourFields['measure'],
};
const allDemandFields = loadMarketSet(dir).demands.map((d) => ({ id: d.id, fields: d.fields }));
const idOf = new Map(achievements.map((a) => [numericId(a.id), a.id]));

function ndcg(ranked: string[], judged: Map<string, number>, k: number): number {
  const dcg = ranked.slice(0, k).reduce((s, id, i) => s + (2 ** (judged.get(id) ?? 0) - 1) / Math.log2(i + 2), 0);
  const ideal = [...judged.values()].sort((a, b) => b - a).slice(0, k).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}
/** NaN when the demand has nothing graded ≥ 2 (it is then left out of the mean). */
function recall(ranked: string[], judged: Map<string, number>, k: number): number {
  const relevant = [...judged].filter(([, g]) => g >= 2).map(([id]) => id);
  if (relevant.length === 0) return NaN;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

// ---------------------------------------------------------------- the matcher (and, as an ablation, its text part alone)
/** What would be pushed as recommendations (the pipeline's floors), graded by the judgements. */
const pushed = { total: 0, relevant: 0, irrelevant: 0, demandsWithNone: 0 };

function runMatcher(weights?: MatchWeights, countPushed = false) {
  const t0 = performance.now();
  const matcher = new Matcher(weights, undefined, undefined, undefined, undefined, undefined, neighbour);
  for (const a of aDocs) matcher.addAchievement(a);
  for (const d of allDemandFields) matcher.addFieldEvidence(`demand ${d.id}`, d.fields);
  const build = performance.now() - t0;
  const runs: Record<string, string[]> = {};
  const t1 = performance.now();
  for (const d of demands) {
    const doc: DemandDoc = demandDoc(d);
    const ranked = matcher.achievementsFor(doc, 20);
    runs[d.id] = ranked.map((m) => idOf.get(m.id)!);
    if (countPushed) {
      const recs = ranked.filter((m) => m.score >= MIN_SCORE && (m.reasons.find((r) => r.kind === 'terms')?.score ?? 0) >= MIN_TEXT).slice(0, RECOMMEND);
      if (recs.length === 0) pushed.demandsWithNone++;
      for (const m of recs) {
        const g = qrels.get(d.id)?.get(idOf.get(m.id)!) ?? 0;
        pushed.total++;
        if (g >= 2) pushed.relevant++;
        if (g === 0) pushed.irrelevant++;
      }
    }
  }
  return { runs, build, perDemand: (performance.now() - t1) / demands.length };
}
const full = runMatcher(undefined, true);
const ours = full.runs;
const tBuild = full.build;
const tMatch = full.perDemand;
const textOnly = runMatcher({ text: 1, field: 0, trl: 0, budget: 0, modes: 0, district: 0 }).runs;

// ---------------------------------------------------------------- the baseline: PostgreSQL full text over the same tokens
const pg = new PGlite();
await pg.exec(`CREATE TABLE a (id text PRIMARY KEY, doc tsvector);`);
for (let i = 0; i < achievements.length; i += 200) {
  const chunk = achievements.slice(i, i + 200).filter(offered);
  if (chunk.length === 0) continue;
  const params: string[] = [];
  const values = chunk.map((a, j) => {
    params.push(a.id, tokenize(a.title).join(' '), a.keywords.flatMap((k) => tokenize(k)).join(' '), tokenize(a.abstract).join(' '));
    const b = j * 4;
    return `($${b + 1}, setweight(to_tsvector('simple', $${b + 2}), 'A') || setweight(to_tsvector('simple', $${b + 3}), 'B') || setweight(to_tsvector('simple', $${b + 4}), 'C'))`;
  });
  await pg.query(`INSERT INTO a (id, doc) VALUES ${values.join(',')}`, params);
}
await pg.exec('CREATE INDEX a_doc ON a USING gin (doc)');
const base: Record<string, string[]> = {};
for (const d of demands) {
  const terms = [...new Set([...tokenize(d.title), ...tokenize(d.problem)])].map((t) => t.replace(/[':&|!()\\]/g, '')).filter(Boolean);
  if (terms.length === 0) {
    base[d.id] = [];
    continue;
  }
  const q = terms.map((t) => `'${t}'`).join(' | ');
  const r = await pg.query<{ id: string }>(`SELECT id FROM a WHERE doc @@ to_tsquery('simple', $1) ORDER BY ts_rank(doc, to_tsquery('simple', $1)) DESC, id LIMIT 20`, [q]);
  base[d.id] = r.rows.map((x) => x.id);
}
await pg.close();

// ---------------------------------------------------------------- the baseline: character-bigram TF-IDF cosine, nothing else
const bigram: Record<string, string[]> = {};
{
  const index = new NgramIndex();
  const live = achievements.filter(offered);
  live.forEach((a, i) => index.add(i, `${a.title} ${a.title} ${a.keywords.join(' ')} ${a.abstract}`));
  for (const d of demands) bigram[d.id] = index.search(`${d.title} ${d.title} ${d.problem}`, 20, undefined, 1).map((h) => live[h.id]!.id);
}

/** nDCG@10 over the demands with a judged pair (grade ≥ 1); recall@20 over those with one graded ≥ 2. */
const score = (runs: Record<string, string[]>) => {
  const ids = demands.map((d) => d.id).filter((id) => [...(qrels.get(id)?.values() ?? [])].some((g) => g >= 1));
  const n = ids.reduce((s, id) => s + ndcg(runs[id] ?? [], qrels.get(id)!, 10), 0) / ids.length;
  const rs = ids.map((id) => recall(runs[id] ?? [], qrels.get(id)!, 20)).filter((x) => !Number.isNaN(x));
  const r = rs.reduce((s, x) => s + x, 0) / rs.length;
  return { ndcg10: Math.round(n * 1000) / 1000, recall20: Math.round(r * 1000) / 1000, demands: ids.length, demandsWithRelevant: rs.length };
};
const result = { split: splitName, neighbour, matcher: score(ours), textOnly: score(textOnly), baseline: score(base), bigram: score(bigram), achievements: achievements.length, demands: demands.length, buildMs: Math.round(tBuild), matchMsPerDemand: Math.round(tMatch * 10) / 10, pushed };
if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`# matching quality (${new Date().toISOString().slice(0, 10)}, commit ${gitRev()})`);
  console.log(`machine: ${machine()}`);
  console.log(`evaluation set: ${result.achievements} achievements, ${result.demands} demands (${dir}${splitIds ? `, ${splitName} split` : ''}); nDCG over ${result.matcher.demands} demands with a judged pair, recall over ${result.matcher.demandsWithRelevant} with one graded ≥ 2`);
  console.log('| ranking | nDCG@10 | recall@20 (grade ≥ 2) |');
  console.log('|---|---|---|');
  console.log(`| platform matcher (BM25F + field, TRL, budget, modes, distance) | ${result.matcher.ndcg10} | ${result.matcher.recall20} |`);
  console.log(`| ablation: the matcher's text part alone (BM25F, no field/TRL/budget/modes/distance) | ${result.textOnly.ndcg10} | ${result.textOnly.recall20} |`);
  console.log(`| baseline: PostgreSQL ts_rank over the same tokens (weights A/B/C) | ${result.baseline.ndcg10} | ${result.baseline.recall20} |`);
  console.log(`| baseline: character-bigram TF-IDF cosine, nothing else | ${result.bigram.ndcg10} | ${result.bigram.recall20} |`);
  console.log(`neighbouring fields: factor ${neighbour.factor}, min support ${neighbour.minSupport}, ${neighbour.measure}`);
  console.log(`index build ${result.buildMs} ms; matching ${result.matchMsPerDemand} ms per demand`);
  console.log(
    `recommendations pushed (score ≥ ${MIN_SCORE}, text ≥ ${MIN_TEXT}, at most ${RECOMMEND} per demand): ${pushed.total}, of which graded ≥ 2: ${pushed.relevant} (${Math.round((100 * pushed.relevant) / Math.max(1, pushed.total))}%), ungraded/irrelevant: ${pushed.irrelevant}; demands with none: ${pushed.demandsWithNone}`,
  );
}
