/**
 * Search over 100,000 achievements: index build time, query latency p50/p95 in
 * process (BM25F over jieba tokens, goal p95 ≤ 20 ms) and through the HTTP API
 * (GET /api/market/achievements?q=…&pageSize=20 on the real platform), the same
 * queries through PostgreSQL full text (weighted 'simple' tsvectors + GIN, OR
 * query ranked by ts_rank) in the same run, and matching one new demand against
 * all of them.
 *
 *   npx tsx bench/market-search.ts [--n 100000] [--http-n N] [--database-url postgres://…] [--skip-pg] [--skip-http]
 *
 * The 100,000 achievements are synthetic: each is an achievement of the
 * evaluation set (eval/market) with a sentence and keywords of another one mixed
 * in, so the vocabulary and lengths are realistic. Queries: the 75 demand texts
 * (long), 100 single keywords and 50 titles.
 *
 * Without --database-url, PostgreSQL is PGlite in this process (one instance for
 * the full-text comparison, another under the platform). With it, a temporary
 * database is created on that server for both, and dropped at the end (also on
 * failure or Ctrl-C). The platform runs in this process on 127.0.0.1 with the
 * first --http-n achievements (default all) loaded into its tables; requests go
 * one at a time over one keep-alive connection, signed in as an expert.
 */
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { Matcher, type AchievementDoc } from '../src/market/match.js';
import { Bm25Index } from '../src/market/search/bm25.js';
import { tokenize } from '../src/market/text/tokenize.js';
import { gitRev, machine } from './lib.js';
import { loadAchievements, signedInCookie, startPlatform, tempDatabase, type TempDatabase } from './market-search-platform.js';

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const N = Number(opt('n') ?? 100_000);
const HTTP_N = Math.min(N, Number(opt('http-n') ?? N));
const dbUrl = opt('database-url');
const skipPg = args.includes('--skip-pg');
const skipHttp = args.includes('--skip-http');
const PASSES = 3;

interface Raw {
  title: string;
  abstract: string;
  keywords: string[];
  fields: string[];
  trl: number;
  modes: string[];
  district: string | null;
  publiclyFunded: boolean;
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

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en')} ms`;
const s1 = (x: number) => `${(x / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------- in process
const mem0 = process.memoryUsage().rss;
let t = performance.now();
const toks = docs.map((d) => [tokenize(d.title), d.keywords.flatMap((k) => tokenize(k)), tokenize(d.abstract)]);
const tTokenize = performance.now() - t;
t = performance.now();
/** The fields and weights of src/market/service.ts and match.ts. */
const FIELDS = [
  { name: 'title', weight: 3, b: 0.6 },
  { name: 'keywords', weight: 2, b: 0.4 },
  { name: 'text', weight: 1, b: 0.75 },
];
let index: Bm25Index | null = new Bm25Index(FIELDS);
docs.forEach((d, i) => index!.add(d.id, toks[i]!));
const tIndex = performance.now() - t;
const rssIndex = process.memoryUsage().rss - mem0;

const qTokens = queries.map((q) => tokenize(q));
const lat: number[] = [];
/** The in-process top 20 of each query, to compare with the API's first page. */
const expectedTop: string[] = [];
for (let r = 0; r < PASSES; r++) {
  for (const q of qTokens) {
    const s = performance.now();
    const hits = index.search(q, 20);
    lat.push(performance.now() - s);
    if (r === 0) expectedTop.push(hits.map((h) => h.id).join());
  }
}
// What the API asks of the index: every hit ranked (it pages afterwards), through a visibility filter.
const visible = new Map(docs.map((d) => [d.id, d]));
const accept = (id: number) => {
  const d = visible.get(id);
  return !!d && !d.confidential;
};
const latAll: number[] = [];
let hitsAll = 0;
for (let r = 0; r < PASSES; r++) {
  for (const q of qTokens) {
    const s = performance.now();
    hitsAll = Math.max(hitsAll, index.search(q, Number.MAX_SAFE_INTEGER, accept).length);
    latAll.push(performance.now() - s);
  }
}
// What a page of 20 and the total would cost, were the API to ask the index for just that (search k = 20 + count).
const latPage: number[] = [];
for (let r = 0; r < PASSES; r++) {
  for (const q of qTokens) {
    const s = performance.now();
    index.search(q, 20, accept);
    index.count(q, accept);
    latPage.push(performance.now() - s);
  }
}
index = null;

// Matching one new demand against all of them (the matcher builds its own indexes once: BM25F and character bigrams).
const memM0 = process.memoryUsage().rss;
t = performance.now();
let matcher: Matcher | null = new Matcher();
for (const d of docs) matcher.addAchievement(d);
const tMatcher = performance.now() - t;
const rssMatcher = process.memoryUsage().rss - memM0;
const mlat: number[] = [];
for (let r = 0; r < PASSES; r++)
  for (const d of demands) {
    const s = performance.now();
    matcher.achievementsFor({ id: 0, title: d.title, problem: d.problem, fields: d.fields, requiredTrl: d.requiredTrl, budgetFen: d.budgetFen, modes: d.modes, district: d.district }, 20);
    mlat.push(performance.now() - s);
  }
// A new achievement matched: added to the indexes, then its demands found (the demands of the set are in the market).
demands.forEach((d, i) => matcher!.addDemand({ id: i + 1, title: d.title, problem: d.problem, fields: d.fields, requiredTrl: d.requiredTrl, budgetFen: d.budgetFen, modes: d.modes, district: d.district }));
const newLat: number[] = [];
for (let i = 0; i < 50; i++) {
  const a = { ...pick(docs), id: N + 1 + i };
  const s = performance.now();
  matcher.addAchievement(a);
  matcher.demandsFor(a, 20);
  newLat.push(performance.now() - s);
}
matcher = null;

// The platform's rows: token columns exactly as createAchievement fills them (tokenText per
// field, keywords one by one, space-joined), and the top 20 of an index over those columns
// split as service.ts splits them, which the API's first page must equal.
const kwText = new Map<string, string>();
const keywordText = (k: string) => kwText.get(k) ?? (kwText.set(k, tokenize(k).join(' ')), kwText.get(k)!);
const rows = skipHttp
  ? []
  : docs.slice(0, HTTP_N).map((d, i) => ({
      doc: d,
      publiclyFunded: base[i % base.length]!.publiclyFunded,
      titleTokens: toks[i]![0]!.join(' '),
      keywordTokens: d.keywords.map(keywordText).join(' '),
      abstractTokens: toks[i]![2]!.join(' '),
    }));
/** Rows whose stored keyword tokens contain an empty token (a keyword jieba reduces to nothing leaves two spaces). */
const emptyTokenRows = rows.filter((r) => r.keywordTokens.split(' ').includes('')).length;
/** Per query, the expected first page, or null for a query without tokens (the API then lists the newest). */
let storedTop: (string | null)[] = [];
if (!skipHttp) {
  const split = (x: string) => (x ? x.split(' ') : []);
  const stored = new Bm25Index(FIELDS);
  for (const r of rows) stored.add(r.doc.id, [split(r.titleTokens), split(r.keywordTokens), split(r.abstractTokens)]);
  storedTop = qTokens.map((q) => (q.length ? stored.search(q, 20).map((h) => h.id).join() : null));
}

// ---------------------------------------------------------------- PostgreSQL full text, and the HTTP API
let temp: TempDatabase | null = null;
const pgLat: number[] = [];
let tPg = 0;
let pgVersion = '';
const http = { tLoad: 0, tFirst: 0, lat: [] as number[], wall: 0, compared: 0, sameStored: 0, sameInProcess: 0, stamp: [] as number[], requests: 0, afterWrite: [] as number[], afterOrg: 0 };
try {
  if (dbUrl && (!skipPg || !skipHttp)) temp = await tempDatabase(dbUrl, 'sch_bench_search');

  if (!skipPg) {
    type Q = (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
    let query: Q;
    let close: () => Promise<void>;
    if (temp) {
      const c = new pg.Client({ connectionString: temp.url });
      await c.connect();
      query = (text, params) => c.query(text, params as unknown[]);
      close = () => c.end();
    } else {
      const p = new PGlite();
      query = (text, params) => p.query(text, params);
      close = () => p.close();
    }
    pgVersion = ((await query('SHOW server_version')).rows[0] as { server_version: string }).server_version.split(' ')[0]!;
    await query('CREATE TABLE bench_fts (id int PRIMARY KEY, t text, k text, x text)');
    t = performance.now();
    for (let i = 0; i < docs.length; i += 1000) {
      const chunk = docs.slice(i, i + 1000);
      await query('INSERT INTO bench_fts SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])', [
        chunk.map((d) => d.id),
        chunk.map((_, j) => toks[i + j]![0]!.join(' ')),
        chunk.map((_, j) => toks[i + j]![1]!.join(' ')),
        chunk.map((_, j) => toks[i + j]![2]!.join(' ')),
      ]);
    }
    const doc = `(setweight(to_tsvector('simple', t), 'A') || setweight(to_tsvector('simple', k), 'B') || setweight(to_tsvector('simple', x), 'C'))`;
    await query(`CREATE INDEX bench_fts_gin ON bench_fts USING gin (${doc})`);
    await query('ANALYZE bench_fts');
    tPg = performance.now() - t;
    for (const q of qTokens) {
      const terms = [...new Set(q)].map((x) => x.replace(/[':&|!()\\<>*]/g, '')).filter(Boolean);
      if (!terms.length) continue;
      const tsq = terms.map((x) => `'${x}'`).join(' | ');
      const s = performance.now();
      await query(`SELECT id FROM bench_fts WHERE ${doc} @@ to_tsquery('simple', $1) ORDER BY ts_rank(${doc}, to_tsquery('simple', $1)) DESC LIMIT 20`, [tsq]);
      pgLat.push(performance.now() - s);
    }
    await query('DROP TABLE bench_fts');
    await close();
  }

  if (!skipHttp) {
    const platform = await startPlatform(temp?.url);
    try {
      t = performance.now();
      await loadAchievements(platform.database, rows);
      http.tLoad = performance.now() - t;
      const cookie = await signedInCookie(platform);
      const get = async (q: string) => {
        const r = await fetch(`${platform.url}/api/market/achievements?q=${encodeURIComponent(q)}&pageSize=20`, { headers: { cookie } });
        if (!r.ok) throw new Error(`GET /api/market/achievements: ${r.status} ${await r.text()}`);
        return (await r.json()) as { items: { id: number }[]; total: number };
      };
      // The first request loads the tables and builds the index and the matcher.
      t = performance.now();
      await get(queries[0]!);
      http.tFirst = performance.now() - t;
      const t0 = performance.now();
      for (let r = 0; r < PASSES; r++) {
        for (const [i, q] of queries.entries()) {
          const s = performance.now();
          const body = await get(q);
          http.lat.push(performance.now() - s);
          if (r === 0 && storedTop[i] !== null) {
            const ids = body.items.map((x) => x.id).join();
            http.compared++;
            if (ids === storedTop[i]) http.sameStored++;
            if (ids === expectedTop[i]) http.sameInProcess++;
          }
        }
      }
      http.wall = performance.now() - t0;
      http.requests = PASSES * queries.length;
      // What every request pays before searching: the query that tells whether the tables changed.
      for (let i = 0; i < 20; i++) {
        const s = performance.now();
        await sql`SELECT concat_ws('|', (SELECT count(*) FROM achievements), (SELECT max(updated_at) FROM achievements), (SELECT count(*) FROM demands), (SELECT max(updated_at) FROM demands)) AS stamp`.execute(platform.database.db);
        http.stamp.push(performance.now() - s);
      }
      // An edit, then the next search: the changed row is reloaded into the kept index (migration 1700's change log).
      for (let i = 0; i < 5; i++) {
        const id = rows[(i * 7919) % rows.length]!.doc.id;
        await sql`UPDATE achievements SET title = title || '（修订）', updated_at = now() WHERE id = ${id}`.execute(platform.database.db);
        const s = performance.now();
        await get(queries[(i + 1) % queries.length]!);
        http.afterWrite.push(performance.now() - s);
      }
      // A change to an organisation (names and districts are in every document): the index is rebuilt whole.
      await sql`UPDATE organisations SET name = name WHERE kind = 'university'`.execute(platform.database.db);
      t = performance.now();
      await get(queries[0]!);
      http.afterOrg = performance.now() - t;
    } finally {
      await platform.close();
    }
  }
} finally {
  await temp?.drop();
}

// ---------------------------------------------------------------- report
const pgName = dbUrl ? `PostgreSQL ${pgVersion} server` : `PGlite (PostgreSQL ${pgVersion} in WASM, in process)`;
console.log(`# search benchmark (${new Date().toISOString().slice(0, 10)}, commit ${gitRev()})`);
console.log(`machine: ${machine()}`);
console.log(`command: npx tsx bench/market-search.ts ${args.join(' ')}`);
console.log(`achievements: ${N.toLocaleString('en')} (synthetic from eval/market); queries: ${queries.length} (75 demand texts, 100 keywords, 50 titles)`);
console.log(`tokenizing (jieba + domain dictionary): ${s1(tTokenize)}; building the BM25F index: ${s1(tIndex)}; index RSS ≈ ${(rssIndex / 2 ** 20).toFixed(0)} MiB (tokens included)`);
if (!skipPg) console.log(`${pgName}: load + GIN build ${s1(tPg)}`);
console.log();
console.log(`| search | p50 | p95 | max |`);
console.log(`|---|---|---|---|`);
console.log(`| in process, BM25F top 20 (${PASSES} passes over the queries) | ${ms(pct(lat, 0.5))} | ${ms(pct(lat, 0.95))} | ${ms(Math.max(...lat))} |`);
console.log(`| in process, every hit ranked through a visibility filter, as the API asks the index (up to ${hitsAll.toLocaleString('en')} hits) | ${ms(pct(latAll, 0.5))} | ${ms(pct(latAll, 0.95))} | ${ms(Math.max(...latAll))} |`);
console.log(`| in process, a page of 20 and the total through the same filter (search k = 20, then count) | ${ms(pct(latPage, 0.5))} | ${ms(pct(latPage, 0.95))} | ${ms(Math.max(...latPage))} |`);
if (!skipHttp) {
  console.log(
    `| HTTP GET /api/market/achievements?q=…&pageSize=20, ${HTTP_N.toLocaleString('en')} achievements on ${dbUrl ? `the PostgreSQL server` : 'PGlite'}, one connection (${PASSES} passes; ${(http.requests / (http.wall / 1000)).toFixed(1)} req/s) | ${ms(pct(http.lat, 0.5))} | ${ms(pct(http.lat, 0.95))} | ${ms(Math.max(...http.lat))} |`,
  );
}
if (!skipPg) console.log(`| ${pgName}: ts_rank over a GIN-indexed weighted tsvector of the same tokens, top 20 (1 pass) | ${ms(pct(pgLat, 0.5))} | ${ms(pct(pgLat, 0.95))} | ${ms(Math.max(...pgLat))} |`);
console.log();
if (!skipPg) {
  console.log(`PostgreSQL / in process at p50: ${(pct(pgLat, 0.5) / pct(lat, 0.5)).toFixed(0)}×, at p95: ${(pct(pgLat, 0.95) / pct(lat, 0.95)).toFixed(0)}×`);
  if (!skipHttp && HTTP_N === N) console.log(`PostgreSQL / HTTP API at p50: ${(pct(pgLat, 0.5) / pct(http.lat, 0.5)).toFixed(1)}×, at p95: ${(pct(pgLat, 0.95) / pct(http.lat, 0.95)).toFixed(1)}×`);
}
if (!skipHttp) {
  console.log(`HTTP: loading ${HTTP_N.toLocaleString('en')} achievements into the platform's table ${s1(http.tLoad)}; first query (loads the tables, builds the index and the matcher) ${s1(http.tFirst)}`);
  console.log(`HTTP: the first search after editing one achievement (the row reloaded into the kept index), 5 edits: ${http.afterWrite.map((x) => ms(x)).join(', ')}; after a change to an organisation (rebuilt whole): ${s1(http.afterOrg)}`);
  console.log(`HTTP: the change-detection query every request runs first (counts and last updates of achievements and demands): p50 ${ms(pct(http.stamp, 0.5))}`);
  console.log(`HTTP: first page equals the top 20 of an index over the stored token columns for ${http.sameStored} of ${http.compared} queries (${queries.length - http.compared} without any token, listed newest first)`);
  if (HTTP_N === N) {
    console.log(`HTTP: first page equals the in-process top 20 above for ${http.sameInProcess} of ${http.compared} (${emptyTokenRows.toLocaleString('en')} rows' stored keyword tokens contain an empty token, which lengthens their keyword field)`);
  }
}
console.log(`matching one new demand against all ${N.toLocaleString('en')}: p50 ${ms(pct(mlat, 0.5))}, p95 ${ms(pct(mlat, 0.95))} (75 demands × ${PASSES}); the matcher's build ${s1(tMatcher)}, RSS +${Math.round(rssMatcher / 2 ** 20)} MB`);
console.log(`a new achievement matched (added to the indexes, then its demands found): p50 ${ms(pct(newLat, 0.5))}, p95 ${ms(pct(newLat, 0.95))} (50 achievements)`);
