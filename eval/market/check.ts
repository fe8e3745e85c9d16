/**
 * Validates the evaluation set in eval/market and prints its counts.
 *
 *   npx tsx eval/market/check.ts [--dir eval/market]
 *
 * Exits with status 1 on any error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const args = process.argv.slice(2);
const dir = args.includes('--dir') ? path.resolve(args[args.indexOf('--dir') + 1]!) : here;

const errors: string[] = [];
const err = (m: string) => {
  if (errors.length < 50) errors.push(m);
  else if (errors.length === 50) errors.push('… (more errors not shown)');
};

// ---------------------------------------------------------------- field codes from the migration's INSERT list
const sql = fs.readFileSync(path.join(repo, 'src/platform/db/migrations/20261130000800_market.sql'), 'utf8');
const start = sql.indexOf('INSERT INTO tech_fields');
const insert = sql.slice(start, sql.indexOf(';', start));
const subfields = new Set<string>();
const tops = new Set<string>();
for (const m of insert.matchAll(/\('([a-z_.]+)',\s*'[^']+',\s*(NULL|'[a-z_.]+')/g)) (m[2] === 'NULL' ? tops : subfields).add(m[1]!);
if (subfields.size === 0) err('no subfield codes parsed from the migration');

const DISTRICTS = new Set(['320505', '320506', '320507', '320508', '320509', '320571', '320581', '320582', '320583', '320585']);
const MODES = new Set(['transfer', 'license_general', 'license_exclusive', 'use_first_pay_later', 'equity', 'joint_dev']);
const isDate = (s: unknown, year: string) => typeof s === 'string' && new RegExp(`^${year}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$`).test(s) && !Number.isNaN(Date.parse(s));
const isStr = (s: unknown, min = 1) => typeof s === 'string' && s.trim().length >= min;
const sentences = (s: string) => s.split(/[。！？]/).filter((x) => x.trim()).length;

function readJsonl(file: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  fs.readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .forEach((l, i) => {
      if (!l.trim()) return;
      try {
        out.push(JSON.parse(l) as Record<string, unknown>);
      } catch {
        err(`${file}:${i + 1}: not JSON`);
      }
    });
  return out;
}
function checkFields(where: string, fields: unknown) {
  if (!Array.isArray(fields) || fields.length === 0) return err(`${where}: fields must be a non-empty array`);
  for (const f of fields) if (!subfields.has(f as string)) err(`${where}: ${String(f)} is not a subfield code of tech_fields`);
}
function checkModes(where: string, modes: unknown) {
  if (!Array.isArray(modes) || modes.length === 0) return err(`${where}: modes must be a non-empty array`);
  for (const m of modes) if (!MODES.has(m as string)) err(`${where}: unknown mode ${String(m)}`);
  if (new Set(modes).size !== modes.length) err(`${where}: duplicate modes`);
}

// ---------------------------------------------------------------- achievements
const achievements = readJsonl('achievements.jsonl');
const aById = new Map<string, Record<string, unknown>>();
for (const a of achievements) {
  const id = a.id as string;
  const w = `achievement ${id}`;
  if (typeof id !== 'string' || !/^A\d{4}$/.test(id)) err(`${w}: bad id`);
  if (aById.has(id)) err(`${w}: duplicate id`);
  aById.set(id, a);
  if (!isStr(a.title, 4) || (a.title as string).length > 120) err(`${w}: title length`);
  if (!isStr(a.abstract, 20)) err(`${w}: abstract too short`);
  else if (sentences(a.abstract as string) < 2 || sentences(a.abstract as string) > 4) err(`${w}: abstract has ${sentences(a.abstract as string)} sentences (2–4)`);
  const kw = a.keywords as unknown[];
  if (!Array.isArray(kw) || kw.length < 3 || kw.length > 6 || !kw.every((k) => isStr(k))) err(`${w}: keywords must be 3–6 strings`);
  else if (new Set(kw).size !== kw.length) err(`${w}: duplicate keywords`);
  checkFields(w, a.fields);
  if (!Number.isInteger(a.trl) || (a.trl as number) < 1 || (a.trl as number) > 9) err(`${w}: trl ${String(a.trl)} not in 1–9`);
  const v = a.valuation as { amountFen: unknown; method: unknown; date: unknown } | undefined;
  if (!v || typeof v !== 'object') err(`${w}: valuation missing`);
  else {
    if (v.amountFen !== null && (!Number.isInteger(v.amountFen) || (v.amountFen as number) < 0)) err(`${w}: valuation.amountFen must be a non-negative integer (分) or null`);
    if (v.method !== null && !['income', 'market', 'cost'].includes(v.method as string)) err(`${w}: valuation.method`);
    if (v.date !== null && !isDate(v.date, '2026')) err(`${w}: valuation.date must be 2026-MM-DD or null`);
    if ((v.amountFen === null) !== (v.method === null) || (v.amountFen === null) !== (v.date === null)) err(`${w}: valuation amount, method and date must be all null or all set`);
  }
  checkModes(w, a.modes);
  if (typeof a.publiclyFunded !== 'boolean') err(`${w}: publiclyFunded`);
  if (typeof a.confidential !== 'boolean') err(`${w}: confidential`);
  if (!['unconverted', 'negotiating', 'converted'].includes(a.status as string)) err(`${w}: status`);
  if (!isStr(a.owner, 2)) err(`${w}: owner`);
  if (!DISTRICTS.has(a.district as string)) err(`${w}: district ${String(a.district)}`);
}
const eligible = (a: Record<string, unknown>) => a.confidential !== true && a.status !== 'converted';

// ---------------------------------------------------------------- demands
const demands = readJsonl('demands.jsonl');
const dById = new Map<string, Record<string, unknown>>();
for (const d of demands) {
  const id = d.id as string;
  const w = `demand ${id}`;
  if (typeof id !== 'string' || !/^D\d{3}$/.test(id)) err(`${w}: bad id`);
  if (dById.has(id)) err(`${w}: duplicate id`);
  dById.set(id, d);
  if (!isStr(d.title, 4) || (d.title as string).length > 120) err(`${w}: title length`);
  if (!isStr(d.problem, 20)) err(`${w}: problem too short`);
  else if (sentences(d.problem as string) < 3 || sentences(d.problem as string) > 5) err(`${w}: problem has ${sentences(d.problem as string)} sentences (3–5)`);
  checkFields(w, d.fields);
  const t = d.requiredTrl as { min: unknown; max: unknown } | undefined;
  if (!t || !Number.isInteger(t.min) || !Number.isInteger(t.max) || (t.min as number) < 1 || (t.max as number) > 9 || (t.min as number) > (t.max as number)) err(`${w}: requiredTrl must be 1 ≤ min ≤ max ≤ 9`);
  const b = d.budgetFen as { min: unknown; max: unknown } | null | undefined;
  if (b !== null && (!b || !Number.isInteger(b.min) || !Number.isInteger(b.max) || (b.min as number) < 0 || (b.min as number) > (b.max as number))) err(`${w}: budgetFen must be null or integer 分 with 0 ≤ min ≤ max`);
  checkModes(w, d.modes);
  if (!DISTRICTS.has(d.district as string)) err(`${w}: district ${String(d.district)}`);
  if (!isDate(d.deadline, '2027')) err(`${w}: deadline must be 2027-MM-DD`);
}

// ---------------------------------------------------------------- qrels
const lines = fs.readFileSync(path.join(dir, 'qrels.tsv'), 'utf8').split('\n').filter((l) => l.length > 0);
if (lines[0] !== 'demandId\tachievementId\tgrade') err('qrels.tsv: header must be demandId<TAB>achievementId<TAB>grade');
const qrels = new Map<string, Map<string, number>>();
for (const [i, line] of lines.slice(1).entries()) {
  const [d, a, g, ...rest] = line.split('\t');
  const w = `qrels.tsv:${i + 2}`;
  if (!d || !a || g === undefined || rest.length) {
    err(`${w}: expected 3 columns`);
    continue;
  }
  if (!dById.has(d)) err(`${w}: unknown demand ${d}`);
  if (!aById.has(a)) err(`${w}: unknown achievement ${a}`);
  if (!/^[0-3]$/.test(g)) err(`${w}: grade ${g} not in 0–3`);
  if (!qrels.has(d)) qrels.set(d, new Map());
  if (qrels.get(d)!.has(a)) err(`${w}: duplicate pair ${d} ${a}`);
  qrels.get(d)!.set(a, Number(g));
}
const gradeCounts = [0, 0, 0, 0];
let judgedIneligible = 0;
for (const d of dById.keys()) {
  const j = qrels.get(d);
  if (!j) {
    err(`demand ${d}: not judged`);
    continue;
  }
  if (j.size < 40) err(`demand ${d}: pool of ${j.size} (< 40)`);
  // the guarantees count only achievements a matcher may recommend (not confidential, not converted)
  const ok = (min: number) => [...j].filter(([a, g]) => g >= min && aById.get(a) && eligible(aById.get(a)!)).length;
  if (ok(3) < 1) err(`demand ${d}: no recommendable achievement with grade 3`);
  if (ok(2) < 3) err(`demand ${d}: only ${ok(2)} recommendable achievements with grade ≥ 2 (< 3)`);
  for (const [a, g] of j) {
    gradeCounts[g]!++;
    if (aById.get(a) && !eligible(aById.get(a)!)) judgedIneligible++;
  }
}

// ---------------------------------------------------------------- counts
if (achievements.length < 600) err(`only ${achievements.length} achievements (< 600)`);
if (demands.length < 60) err(`only ${demands.length} demands (< 60)`);
const bytes = ['achievements.jsonl', 'demands.jsonl', 'qrels.tsv'].reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
if (bytes > 3 * 1024 * 1024) err(`data files total ${bytes} bytes (> 3 MB)`);
const count = <T>(xs: T[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>());
const status = count(achievements.map((a) => a.status as string));
const usedSubs = new Set([...achievements, ...demands].flatMap((x) => x.fields as string[]));
const pools = [...qrels.values()].map((m) => m.size);
const perDemand = (min: number) => [...qrels.values()].map((m) => [...m.values()].filter((g) => g >= min).length);
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;

console.log(`achievements: ${achievements.length} (confidential ${pct(achievements.filter((a) => a.confidential === true).length, achievements.length)}; ${[...status].map(([k, v]) => `${k} ${v}`).join(', ')}; ${achievements.filter(eligible).length} recommendable)`);
console.log(`demands: ${demands.length}`);
console.log(`subfields used: ${usedSubs.size} of ${subfields.size}`);
console.log(`judgements: ${lines.length - 1} (grade 3: ${gradeCounts[3]}, 2: ${gradeCounts[2]}, 1: ${gradeCounts[1]}, 0: ${gradeCounts[0]}); ${judgedIneligible} on non-recommendable achievements`);
console.log(`pool per demand: min ${Math.min(...pools)}, max ${Math.max(...pools)}; grade ≥ 2 per demand: min ${Math.min(...perDemand(2))}, mean ${(perDemand(2).reduce((s, x) => s + x, 0) / pools.length).toFixed(1)}; grade 3 per demand: min ${Math.min(...perDemand(3))}`);
console.log(`data size: ${(bytes / 1024).toFixed(0)} KiB`);
if (errors.length) {
  console.error(`\n${errors.length} error(s):\n${errors.join('\n')}`);
  process.exit(1);
}
console.log('ok');
