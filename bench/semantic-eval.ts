/**
 * The semantic-layer experiment of issue #14 (docs/matching.md): does a Chinese word-vector layer help rank
 * achievements for demands written in an enterprise's own words? On a split of eval/market-independent (dev by
 * default: this is design work, never run it to choose anything on test), every achievement is scored for every
 * demand by each signal alone — BM25F (the matcher's text part), character-bigram TF-IDF, the word-vector cosine of
 * the two texts (idf-weighted mean of unit word vectors), and a soft term match (each demand word's best cosine with
 * an achievement word, ≥ 0.6, idf-weighted) — and by a logistic regression over all of them and field agreement,
 * fitted and scored with 5-fold cross-validation over demands; its weights on standardised signals say what each adds.
 *
 *   node scripts/fetch-word-vectors.mjs && npx tsx bench/semantic-eval.ts [--split dev]
 */
import fs from 'node:fs';
import { NgramIndex } from '../src/market/engine/ngram.js';
import { cosine, textVector, WordVectors } from '../src/market/engine/word-vectors.js';
import { Matcher } from '../src/market/match.js';
import { tokenize } from '../src/market/text/tokenize.js';
import { gitRev } from './lib.js';
import { loadMarketSet, offered, type RawAchievement, type RawDemand } from './market-data.js';

const args = process.argv.slice(2);
const dir = 'eval/market-independent';
const splitName = args.includes('--split') ? args[args.indexOf('--split') + 1]! : 'dev';
const VECTORS = '.cache/word-vectors/words.vector';
if (!fs.existsSync(VECTORS)) throw new Error(`${VECTORS} is missing: run node scripts/fetch-word-vectors.mjs first`);

type Ach = RawAchievement;
type Dem = RawDemand;
const set = loadMarketSet(dir, splitName);
const A = set.achievements.filter(offered);
const D = set.demands;
const qrels = set.qrels;

const t0 = performance.now();
const wv = WordVectors.parse(fs.readFileSync(VECTORS));
const loadMs = performance.now() - t0;
const aTokens = A.map((a) => [...tokenize(a.title), ...tokenize(a.title), ...a.keywords.flatMap((k) => tokenize(k)), ...tokenize(a.abstract)]);
const df = new Map<string, number>();
for (const t of aTokens) for (const w of new Set(t)) df.set(w, (df.get(w) ?? 0) + 1);
const idf = (w: string) => Math.log(1 + A.length / (1 + (df.get(w) ?? 0)));
const aVectors = aTokens.map((t) => textVector(t, wv, idf));
const aWords = aTokens.map((t) => [...new Set(t)]);
const wordVector = new Map<string, Float32Array | null>();
const vec = (w: string) => {
  if (!wordVector.has(w)) wordVector.set(w, textVector([w], wv, () => 1));
  return wordVector.get(w)!;
};
function soft(query: readonly string[], i: number): number {
  let num = 0;
  let den = 0;
  for (const w of new Set(query)) {
    den += idf(w);
    const qv = vec(w);
    if (!qv) continue;
    let best = 0;
    for (const t of aWords[i]!) {
      if (t === w) {
        best = 1;
        break;
      }
      const tv = vec(t);
      if (tv) best = Math.max(best, cosine(qv, tv));
    }
    if (best >= 0.6) num += idf(w) * best;
  }
  return den ? num / den : 0;
}
const grams = new NgramIndex();
A.forEach((a, i) => grams.add(i, `${a.title} ${a.title} ${a.keywords.join(' ')} ${a.abstract}`));
const bm25 = new Matcher({ text: 1, field: 0, trl: 0, budget: 0, modes: 0, district: 0 }, undefined, undefined, undefined, { bigramShare: 0, bigramScale: 1, bigramAlone: 2 });
A.forEach((a, i) => bm25.addAchievement({ id: i, title: a.title, abstract: a.abstract, keywords: a.keywords, fields: a.fields, trl: 9, valuationFen: null, modes: [], district: null, status: 'unconverted', confidential: false }));
const top = (c: string) => c.split('.')[0]!;
const field = (d: Dem, a: Ach) => (a.fields.some((f) => d.fields.includes(f)) ? 1 : a.fields.some((f) => d.fields.map(top).includes(top(f))) ? 0.6 : 0);

const NAMES = ['BM25F (text part)', 'character bigrams', 'word-vector cosine', 'soft term match', 'field agreement'];
interface Row {
  d: string;
  a: string;
  g: number;
  f: number[];
}
const rows: Row[] = [];
for (const d of D) {
  if (!qrels.has(d.id)) continue;
  const query = [...tokenize(d.title), ...tokenize(d.title), ...tokenize(d.problem)];
  const qv = textVector(query, wv, idf);
  const text = `${d.title} ${d.title} ${d.problem}`;
  const words = new Map(bm25.achievementsFor({ id: 0, title: d.title, problem: d.problem, fields: [], requiredTrl: { min: 1, max: 9 }, budgetFen: null, modes: [], district: null }, A.length).map((m) => [m.id, m.reasons[0]!.score]));
  const big = grams.similarities(text, A.map((_, i) => i));
  A.forEach((a, i) => rows.push({ d: d.id, a: a.id, g: qrels.get(d.id)!.get(a.id) ?? 0, f: [words.get(i) ?? 0, big[i]!, qv && aVectors[i] ? cosine(qv, aVectors[i]!) : 0, soft(query, i), field(d, a)] }));
}
const demands = [...new Set(rows.map((r) => r.d))];

function ndcg(ranked: string[], judged: Map<string, number>): number {
  const dcg = ranked.slice(0, 10).reduce((s, id, i) => s + (2 ** (judged.get(id) ?? 0) - 1) / Math.log2(i + 2), 0);
  const ideal = [...judged.values()].sort((a, b) => b - a).slice(0, 10).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}
function recall(ranked: string[], judged: Map<string, number>): number {
  const rel = [...judged].filter(([, g]) => g >= 2).map(([id]) => id);
  if (!rel.length) return NaN;
  const t = new Set(ranked.slice(0, 20));
  return rel.filter((id) => t.has(id)).length / rel.length;
}
function evaluate(score: (r: Row) => number, ds: readonly string[]): [number, number] {
  let n = 0;
  const rs: number[] = [];
  for (const d of ds) {
    const ranked = rows
      .filter((r) => r.d === d)
      .sort((x, y) => score(y) - score(x) || (x.a < y.a ? -1 : 1))
      .map((r) => r.a);
    n += ndcg(ranked, qrels.get(d)!);
    const r = recall(ranked, qrels.get(d)!);
    if (!Number.isNaN(r)) rs.push(r);
  }
  return [n / ds.length, rs.reduce((s, x) => s + x, 0) / Math.max(1, rs.length)];
}

// Standardised signals; a class-balanced logistic regression (grade ≥ 2 → 1, grade 1 → 0.5, else 0).
const k = NAMES.length;
const mu = NAMES.map((_, i) => rows.reduce((s, r) => s + r.f[i]!, 0) / rows.length);
const sd = NAMES.map((_, i) => Math.sqrt(rows.reduce((s, r) => s + (r.f[i]! - mu[i]!) ** 2, 0) / rows.length) || 1);
const z = (r: Row) => r.f.map((x, i) => (x - mu[i]!) / sd[i]!);
function fit(train: Row[]): number[] {
  const w = new Array<number>(k + 1).fill(0);
  const pos = train.filter((r) => r.g >= 1).length;
  const balance = (train.length - pos) / Math.max(1, pos);
  const zs = train.map(z);
  for (let it = 0; it < 300; it++) {
    const grad = new Array<number>(k + 1).fill(0);
    train.forEach((r, j) => {
      const y = r.g >= 2 ? 1 : r.g === 1 ? 0.5 : 0;
      const p = 1 / (1 + Math.exp(-(w[k]! + zs[j]!.reduce((s, x, i) => s + w[i]! * x, 0))));
      const weight = r.g >= 1 ? balance : 1;
      zs[j]!.forEach((x, i) => (grad[i]! += weight * (p - y) * x));
      grad[k]! += weight * (p - y);
    });
    for (let i = 0; i <= k; i++) w[i]! -= grad[i]! / train.length + (i < k ? 0.01 * w[i]! : 0);
  }
  return w;
}
const linear = (w: number[]) => (r: Row) => z(r).reduce((s, x, i) => s + w[i]! * x, 0);
const cv = (use: number[]) => {
  let n = 0;
  let rc = 0;
  for (let f = 0; f < 5; f++) {
    const held = demands.filter((_, i) => i % 5 === f);
    const w = fit(rows.filter((r) => !held.includes(r.d))).map((x, i) => (i < k && !use.includes(i) ? 0 : x));
    const [a, b] = evaluate(linear(w), held);
    n += a * held.length;
    rc += b * held.length;
  }
  return [n / demands.length, rc / demands.length];
};

console.log(`# semantic-layer experiment (${new Date().toISOString().slice(0, 10)}, commit ${gitRev()})`);
console.log(`word vectors: ${wv.size} words × ${wv.dim} (node-synonyms@1.3.1), loaded in ${Math.round(loadMs)} ms; ${splitName} split: ${demands.length} demands with a judged pair, ${A.length} achievements`);
console.log('| ranking | nDCG@10 | recall@20 |');
console.log('|---|---|---|');
NAMES.forEach((name, i) => {
  const [n, r] = evaluate((row) => row.f[i]!, demands);
  console.log(`| ${name} alone | ${n.toFixed(3)} | ${r.toFixed(3)} |`);
});
const [n1, r1] = cv([0, 1, 4]);
console.log(`| fitted: BM25F + bigrams + field (5-fold CV) | ${n1!.toFixed(3)} | ${r1!.toFixed(3)} |`);
const [n2, r2] = cv([0, 1, 2, 3, 4]);
console.log(`| fitted: + word-vector cosine + soft term match (5-fold CV) | ${n2!.toFixed(3)} | ${r2!.toFixed(3)} |`);
const all = fit(rows);
console.log(`weights on standardised signals (all ${demands.length} demands): ${NAMES.map((x, i) => `${x} ${all[i]!.toFixed(2)}`).join(', ')}`);
