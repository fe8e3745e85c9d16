// How the judging pools were built (run once, before judging; kept for the record): npx tsx eval/market-independent/pool.ts
// Builds judging pools for the independent set: per demand, the union of the top 25 of four rankers
// (current matcher, its text part alone, character-bigram TF-IDF, word-vector cosine), shuffled (judges are blind to the source).
import fs from 'node:fs';
import { WordVectors, textVector, cosine } from '../../src/market/engine/word-vectors.js';
import { tokenize } from '../../src/market/text/tokenize.js';
import { Matcher } from '../../src/market/match.js';
const dir = 'eval/market-independent';
type Ach = { id: string; title: string; abstract: string; keywords: string[]; fields: string[]; trl: number; valuation: { amountFen: number | null } | null; modes: string[]; district: string | null };
type Dem = { id: string; title: string; problem: string; fields: string[]; requiredTrl: { min: number; max: number }; budgetFen: { min: number; max: number } | null; modes: string[]; district: string | null };
const rj = <T>(f: string): T[] => fs.readFileSync(`${dir}/${f}`, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
const A = rj<Ach>('achievements.jsonl'), D = rj<Dem>('demands.jsonl');
const wv = WordVectors.parse(fs.readFileSync('.cache/word-vectors/words.vector'));
const aTok = A.map((a: Ach) => [...tokenize(a.title), ...tokenize(a.title), ...a.keywords.flatMap((k: string) => tokenize(k)), ...tokenize(a.abstract)]);
const df = new Map<string, number>(); for (const t of aTok) for (const w of new Set(t)) df.set(w, (df.get(w) ?? 0) + 1);
const N = A.length; const idf = (w: string) => Math.log(1 + N / (1 + (df.get(w) ?? 0)));
const aVec = aTok.map((t: string[]) => textVector(t, wv, idf));
const grams = (s: string) => { const c = [...s.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '')]; const o: string[] = []; for (let i = 0; i + 1 < c.length; i++) o.push(c[i]! + c[i + 1]!); return o; };
const aG = A.map((a: Ach) => grams(a.title + a.title + a.keywords.join('') + a.abstract));
const gdf = new Map<string, number>(); for (const g of aG) for (const x of new Set(g)) gdf.set(x, (gdf.get(x) ?? 0) + 1);
const tfidf = (gs: string[]) => { const m = new Map<string, number>(); for (const g of gs) m.set(g, (m.get(g) ?? 0) + 1); let n = 0; for (const [g, c] of m) { const w = (1 + Math.log(c)) * Math.log(1 + N / (1 + (gdf.get(g) ?? 0))); m.set(g, w); n += w * w; } n = Math.sqrt(n) || 1; for (const [g, w] of m) m.set(g, w / n); return m; };
const aT = aG.map(tfidf);
const cos2 = (a: Map<string, number>, b: Map<string, number>) => { let s = 0; for (const [g, w] of a) s += w * (b.get(g) ?? 0); return s; };
const num = (id: string) => Number(id.replace(/\D/g, ''));
const mk = (w?: ConstructorParameters<typeof Matcher>[0]) => { const m = new Matcher(w); for (const a of A) m.addAchievement({ id: num(a.id), title: a.title, abstract: a.abstract, keywords: a.keywords, fields: a.fields, trl: a.trl, valuationFen: a.valuation?.amountFen ?? null, modes: a.modes, district: a.district, status: 'unconverted', confidential: false }); return m; };
const full = mk(), text = mk({ text: 1, field: 0, trl: 0, budget: 0, modes: 0, district: 0 });
const idOf = new Map(A.map((a: Ach) => [num(a.id), a.id]));
let seed = 20261207; const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
const out: string[] = [];
let total = 0;
for (const d of D) {
  const doc = { id: num(d.id), title: d.title, problem: d.problem, fields: d.fields, requiredTrl: d.requiredTrl, budgetFen: d.budgetFen, modes: d.modes, district: d.district };
  const q = [...tokenize(d.title), ...tokenize(d.title), ...tokenize(d.problem)];
  const qv = textVector(q, wv, idf); const qt = tfidf(grams(d.title + d.title + d.problem));
  const top = (xs: { id: string; s: number }[]) => xs.sort((a, b) => b.s - a.s).slice(0, 25).map((x) => x.id);
  const pool = new Set<string>([
    ...full.achievementsFor(doc, 25).map((m) => idOf.get(m.id)!),
    ...text.achievementsFor(doc, 25).map((m) => idOf.get(m.id)!),
    ...top(A.map((a: Ach, i: number) => ({ id: a.id, s: cos2(qt, aT[i]!) }))),
    ...top(A.map((a: Ach, i: number) => ({ id: a.id, s: qv && aVec[i] ? cosine(qv, aVec[i]!) : 0 }))),
  ]);
  const ids = [...pool].sort().map((x) => [rnd(), x] as const).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  total += ids.length;
  out.push(JSON.stringify({ demandId: d.id, pool: ids }));
}
fs.writeFileSync(`${dir}/pools.jsonl`, out.join('\n') + '\n');
console.log('pools', D.length, 'mean size', (total / D.length).toFixed(1));
