/**
 * Search over 100,000 achievements: index build time, query latency p50/p95 in
 * process (BM25F over jieba tokens, goal p95 ≤ 20 ms), the same queries through
 * PostgreSQL full text (weighted 'simple' tsvectors + GIN, OR query ranked by
 * ts_rank) in the same run, and matching one new demand against all of them.
 *
 *   npx tsx bench/market-search.ts [--n 100000] [--database-url postgres://…] [--skip-pg]
 *
 * The 100,000 achievements are synthetic: each is an achievement of the
 * evaluation set (eval/market) with a sentence and keywords of another one mixed
 * in, so the vocabulary and lengths are realistic. Without --database-url the
 * PostgreSQL side is PGlite in this process.
 */
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { Matcher, type AchievementDoc } from '../src/market/match.js';
import { Bm25Index } from '../src/market/search/bm25.js';
import { tokenize } from '../src/market/text/tokenize.js';
import { gitRev, machine } from './lib.js';

const args = process.argv.slice(2);
const N = args.includes('--n') ? Number(args[args.indexOf('--n') + 1]) : 100_000;
const dbUrl = args.includes('--database-url') ? args[args.indexOf('--database-url') + 1] : undefined;
const skipPg = args.includes('--skip-pg');

interface Raw {
  title: string;
  abstract: string;
  keywords: string[];
  fields: string[];
  trl: number;
  modes: string[];
  district: string | null;
}
const base = fs.readFileSync('eval/market/achievements.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Raw);
const demands = fs.readFileSync('eval/market/demands.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { title: string; problem: string; fields: string[]; requiredTrl: { min: number; max: number }; budgetFen: { min: number; max: number } | null; modes: string[]; district: string | null });

let seed = 7;
const rnd = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]!;

const docs: AchievementDoc[] = [];
for (let i = 0; i < N; i++) {
  const a = base[i % base.length]!;
  const b = pick(base);
  const extra = b.abstract.split('。').filter(Boolean)[0] ?? '';
  docs.push({
    id: i + 1,
    title: a.title,
    abstract: `${a.abstract}${extra}。`,
    keywords: [...a.keywords, pick(b.keywords)],
    fields: a.fields,
    trl: a.trl,
    valuationFen: null,
    modes: a.modes,
    district: a.district,
    status: 'unconverted',
    confidential: false,
  });
}
const queries = [...demands.map((d) => `${d.title} ${d.problem}`), ...Array.from({ length: 100 }, () => pick(pick(base).keywords)), ...Array.from({ length: 50 }, () => pick(base).title)];

// ---------------------------------------------------------------- in process
const mem0 = process.memoryUsage().rss;
let t = performance.now();
const toks = docs.map((d) => [tokenize(d.title), d.keywords.flatMap((k) => tokenize(k)), tokenize(d.abstract)]);
const tTokenize = performance.now() - t;
t = performance.now();
const index = new Bm25Index([
  { name: 'title', weight: 3, b: 0.6 },
  { name: 'keywords', weight: 2, b: 0.4 },
  { name: 'text', weight: 1, b: 0.75 },
]);
docs.forEach((d, i) => index.add(d.id, toks[i]!));
const tIndex = performance.now() - t;
const rssIndex = process.memoryUsage().rss - mem0;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const qTokens = queries.map((q) => tokenize(q));
const lat: number[] = [];
for (let r = 0; r < 3; r++) {
  for (const q of qTokens) {
    const s = performance.now();
    index.search(q, 20);
    lat.push(performance.now() - s);
  }
}

// Matching one new demand against all of them (the matcher builds its own index once).
const matcher = new Matcher();
for (const d of docs) matcher.addAchievement(d);
const mlat: number[] = [];
for (const d of demands) {
  const s = performance.now();
  matcher.achievementsFor({ id: 0, title: d.title, problem: d.problem, fields: d.fields, requiredTrl: d.requiredTrl, budgetFen: d.budgetFen, modes: d.modes, district: d.district }, 20);
  mlat.push(performance.now() - s);
}

// ---------------------------------------------------------------- PostgreSQL full text
const pgLat: number[] = [];
let tPg = 0;
if (!skipPg) {
type Q = (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
let query: Q;
let close: () => Promise<void>;
let dbName = '';
if (dbUrl) {
  dbName = `sch_bench_search_${process.pid}`;
  const admin = new pg.Client({ connectionString: dbUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(dbUrl);
  u.pathname = '/' + dbName;
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  query = (text, params) => c.query(text, params as unknown[]);
  close = async () => {
    await c.end();
    const a = new pg.Client({ connectionString: dbUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await a.end();
  };
} else {
  const p = new PGlite();
  query = (text, params) => p.query(text, params);
  close = () => p.close();
}
await query('CREATE TABLE a (id int PRIMARY KEY, t text, k text, x text)');
t = performance.now();
for (let i = 0; i < docs.length; i += 1000) {
  const chunk = docs.slice(i, i + 1000);
  await query(
    'INSERT INTO a SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])',
    [chunk.map((d) => d.id), chunk.map((_, j) => toks[i + j]![0]!.join(' ')), chunk.map((_, j) => toks[i + j]![1]!.join(' ')), chunk.map((_, j) => toks[i + j]![2]!.join(' '))],
  );
}
await query(`CREATE INDEX a_fts ON a USING gin ((setweight(to_tsvector('simple', t), 'A') || setweight(to_tsvector('simple', k), 'B') || setweight(to_tsvector('simple', x), 'C')))`);
tPg = performance.now() - t;
const doc = `(setweight(to_tsvector('simple', t), 'A') || setweight(to_tsvector('simple', k), 'B') || setweight(to_tsvector('simple', x), 'C'))`;
for (const q of qTokens) {
  const terms = [...new Set(q)].map((x) => x.replace(/[':&|!()\\<>*]/g, '')).filter(Boolean);
  if (!terms.length) continue;
  const tsq = terms.map((x) => `'${x}'`).join(' | ');
  const s = performance.now();
  await query(`SELECT id FROM a WHERE ${doc} @@ to_tsquery('simple', $1) ORDER BY ts_rank(${doc}, to_tsquery('simple', $1)) DESC LIMIT 20`, [tsq]);
  pgLat.push(performance.now() - s);
}
await close();
}

const f = (x: number) => `${x.toFixed(1)} ms`;
console.log(`# search benchmark (${new Date().toISOString().slice(0, 10)}, commit ${gitRev()})`);
console.log(`machine: ${machine()}`);
console.log(`achievements: ${N.toLocaleString('en')} (synthetic from eval/market); queries: ${queries.length} (75 demand texts, 100 keywords, 50 titles)`);
console.log(`tokenizing (jieba + domain dictionary): ${(tTokenize / 1000).toFixed(1)} s; building the BM25F index: ${(tIndex / 1000).toFixed(1)} s; index RSS ≈ ${(rssIndex / 2 ** 20).toFixed(0)} MiB (tokens included)`);
console.log(`| search (top 20) | p50 | p95 | max |`);
console.log(`|---|---|---|---|`);
console.log(`| in process, BM25F (3 passes over the queries) | ${f(pct(lat, 0.5))} | ${f(pct(lat, 0.95))} | ${f(Math.max(...lat))} |`);
if (!skipPg) console.log(`| ${dbUrl ? 'PostgreSQL 15 server' : 'PGlite (PostgreSQL in WASM, in process)'}: ts_rank over a GIN-indexed weighted tsvector of the same tokens | ${f(pct(pgLat, 0.5))} | ${f(pct(pgLat, 0.95))} | ${f(Math.max(...pgLat))} |`);
if (!skipPg) console.log(`ratio at p95: ${(pct(pgLat, 0.95) / pct(lat, 0.95)).toFixed(1)}× (PostgreSQL load + GIN build ${(tPg / 1000).toFixed(1)} s)`);
console.log(`matching one new demand against all ${N.toLocaleString('en')}: p50 ${f(pct(mlat, 0.5))}, p95 ${f(pct(mlat, 0.95))} (75 demands)`);
