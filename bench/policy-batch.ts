/**
 * 免申即享 batch benchmark: 100,000 demo enterprises × every support item, in
 * one process, on one core (the batch is synchronous JavaScript on the main
 * thread). Then the same eligibility conditions through json-rules-engine, in
 * the same process on the same data, and the ratio.
 *
 *   npx tsx bench/policy-batch.ts [--enterprises 100000] [--jre-rows 100000] [--runs 5]
 *
 * Two populations are measured:
 *  - records: the enterprises' platform records only (what the nightly batch sees:
 *    declaration items come out "needs input");
 *  - full: records plus a synthetic declaration for every declared fact, so every
 *    condition and every amount of every item is computed for every enterprise.
 * json-rules-engine runs on "full" (it has no "unknown", so every fact must be
 * present for the two to decide the same thing), and both engines' eligible counts
 * per item are compared before any figure is reported.
 */
import { Command } from 'commander';
import { Engine, type NestedCondition, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { demoStream, sectionOf } from '../src/orgs/demo-generator.js';
import { ELIGIBLE, evaluateBatch, evaluateItemColumns, type Population } from '../src/policy/engine/batch.js';
import { FACTS, builtinFactDef, type FactDef } from '../src/policy/engine/facts.js';
import { parseMoney, parseRate } from '../src/policy/engine/money.js';
import type { Condition, SupportItem } from '../src/policy/engine/schema.js';
import { ITEMS } from '../src/policy/items/index.js';
import { populationFromRecords } from '../src/policy/population.js';
import type { EnterpriseRecords } from '../src/policy/platform-facts.js';
import { gitRev, machine } from './lib.js';

const opts = new Command()
  .option('--enterprises <n>', 'demo enterprises', '100000')
  .option('--jre-rows <n>', 'enterprises to run through json-rules-engine', '100000')
  .option('--runs <n>', 'timed batch runs (the median is reported)', '5')
  .parse()
  .opts<{ enterprises: string; jreRows: string; runs: string }>();
const N = Number(opts.enterprises);
const JRE_ROWS = Math.min(N, Number(opts.jreRows));
const RUNS = Number(opts.runs);

const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// ------------------------------------------------------------------ data
const t0 = performance.now();
const records: EnterpriseRecords[] = [];
for (const e of demoStream({ enterprises: N, seed: 20260101 }).enterprises()) {
  const last = e.figures[e.figures.length - 1];
  const latest = last && { ...last, source: 'imported' as const }; // as the demo seed stores them
  records.push({ industrySection: e.industryCode ? sectionOf(e.industryCode) : null, latest, qualificationCodes: e.qualifications.map((q) => q.typeCode).sort() });
}
const tGen = performance.now() - t0;

/** A deterministic synthetic declaration for every declared fact (xorshift). */
let seed = 42;
function rnd(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
}
const declared = Object.entries(FACTS as Record<string, FactDef>).filter(([, d]) => d.source === 'declaration');
function declare(pop: Population) {
  for (let i = 0; i < pop.size; i++) {
    for (const [name, d] of declared) {
      if (d.type === 'boolean') pop.set(i, name, rnd() < 0.1);
      else if (d.type === 'money') pop.set(i, name, Math.floor(rnd() * rnd() * 2e10)); // 0 – 2亿, skewed
      else if (d.type === 'count') pop.set(i, name, Math.floor(rnd() * 20));
    }
  }
}

const t1 = performance.now();
const recordsPop = populationFromRecords(records);
const tLoad = performance.now() - t1;
const fullPop = populationFromRecords(records);
declare(fullPop);

// ------------------------------------------------------------------ batch
function timeBatch(pop: Population): { ms: number; eligible: number[] } {
  const times: number[] = [];
  let eligible: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const s = performance.now();
    const out = evaluateBatch(ITEMS, pop);
    times.push(performance.now() - s);
    eligible = out.items.map((c) => c.status.reduce((n, v) => n + (v === ELIGIBLE ? 1 : 0), 0));
  }
  return { ms: median(times), eligible };
}
const recordsRun = timeBatch(recordsPop);
const fullRun = timeBatch(fullPop);
const rssAfterBatch = process.memoryUsage().rss;

// ------------------------------------------------------------------ json-rules-engine
/** The same eligibility as json-rules-engine conditions. It has no arithmetic: a ratio becomes a computed fact. */
function toJre(c: Condition, ratios: Map<string, [string, string]>): NestedCondition {
  if ('all' in c) return { all: c.all.map((x) => toJre(x, ratios)) };
  if ('any' in c) return { any: c.any.map((x) => toJre(x, ratios)) };
  if ('not' in c) return { not: toJre(c.not, ratios) };
  if ('is' in c) return { fact: c.fact, operator: 'equal', value: c.is };
  if ('has' in c) return { fact: c.fact, operator: 'contains', value: c.has };
  if ('in' in c || 'value' in c) throw new Error('json-rules-engine baseline: no translation for `in` / `value` conditions');
  const ops = { gte: 'greaterThanInclusive', gt: 'greaterThan', lte: 'lessThanInclusive', lt: 'lessThan' } as const;
  const parts: NestedCondition[] = [];
  for (const k of ['gte', 'gt', 'lte', 'lt'] as const) {
    const bound = c[k];
    if (bound === undefined) continue;
    if ('ratio' in c) {
      const name = `ratio_${c.ratio[0]}_${c.ratio[1]}`;
      ratios.set(name, c.ratio);
      const r = parseRate(resolve(bound));
      parts.push({ fact: name, operator: ops[k], value: Number(r.num) / Number(r.den) });
    } else {
      const v = builtinFactDef(c.fact)!.type === 'money' ? parseMoney(resolve(bound)) : Number(resolve(bound));
      parts.push({ fact: c.fact, operator: ops[k], value: v });
    }
  }
  return parts.length === 1 ? parts[0]! : { all: parts };
  function resolve(v: string | number): string {
    if (typeof v === 'number') return String(v);
    if (!v.startsWith('$')) return v;
    return String(current!.parameters[v.slice(1)]!.value);
  }
}
let current: SupportItem | undefined;

const engine = new Engine([], { allowUndefinedFacts: true });
const ratios = new Map<string, [string, string]>();
for (const item of ITEMS) {
  current = item;
  const cond = toJre(item.eligibility, ratios);
  const top: TopLevelCondition = 'all' in cond || 'any' in cond || 'not' in cond ? (cond as TopLevelCondition) : { all: [cond] };
  engine.addRule({ conditions: top, event: { type: item.id } } as RuleProperties);
}
for (const [name, [a, b]] of ratios) {
  engine.addFact(name, async (_p, almanac) => {
    const x = (await almanac.factValue(a)) as number;
    const y = (await almanac.factValue(b)) as number;
    return y > 0 ? x / y : -1;
  });
}

function rowFacts(pop: Population, i: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(pop.rowFacts(i))) out[name] = f!.value;
  return out;
}
const jreInput = Array.from({ length: JRE_ROWS }, (_, i) => rowFacts(fullPop, i));
const s = performance.now();
const jreEligible = new Map<string, number>();
for (const facts of jreInput) {
  const { events } = await engine.run(facts);
  for (const e of events) jreEligible.set(e.type, (jreEligible.get(e.type) ?? 0) + 1);
}
const jreMs = performance.now() - s;

// Same decisions? Compare eligibility (before amounts, periods and stacking) on the same rows.
const sub = populationFromRecords(records.slice(0, JRE_ROWS));
for (let i = 0; i < JRE_ROWS; i++) for (const [name, f] of Object.entries(fullPop.rowFacts(i))) sub.set(i, name, f!.value);
const mismatches: string[] = [];
for (const item of ITEMS) {
  const cols = evaluateItemColumns(item, sub);
  const ours = cols.status.reduce((n, v) => n + (v === ELIGIBLE ? 1 : 0), 0);
  const theirs = jreEligible.get(item.id) ?? 0;
  if (ours !== theirs) mismatches.push(`${item.id}: ours ${ours}, json-rules-engine ${theirs}`);
}

const jrePerRow = jreMs / JRE_ROWS;
const jreFullMs = jrePerRow * N;
const peak = process.resourceUsage().maxRSS * 1024;

console.log(`# policy batch benchmark (${new Date().toISOString().slice(0, 10)}, commit ${gitRev()})`);
console.log(`machine: ${machine()}`);
console.log(`enterprises: ${N.toLocaleString('en')}, items: ${ITEMS.length}, timed runs: ${RUNS} (median)`);
console.log(`demo generation ${(tGen / 1000).toFixed(1)} s; records → columns ${tLoad.toFixed(0)} ms`);
console.log(`batch, records only (declaration items need input): ${recordsRun.ms.toFixed(0)} ms; eligible rows ${recordsRun.eligible.reduce((a, b) => a + b, 0).toLocaleString('en')}`);
console.log(`batch, records + a declaration for every fact:     ${fullRun.ms.toFixed(0)} ms; eligible rows ${fullRun.eligible.reduce((a, b) => a + b, 0).toLocaleString('en')}`);
console.log(`json-rules-engine on the same full data: ${JRE_ROWS.toLocaleString('en')} rows in ${(jreMs / 1000).toFixed(1)} s (${(jrePerRow * 1000).toFixed(0)} µs/enterprise)${JRE_ROWS < N ? `; × ${N.toLocaleString('en')} ≈ ${(jreFullMs / 1000).toFixed(0)} s` : ''}`);
console.log(`ratio json-rules-engine / batch (full data, eligibility only for json-rules-engine; eligibility + amounts + stacking for the batch): ${(jreFullMs / fullRun.ms).toFixed(0)}×`);
console.log(`eligibility agrees on every item: ${mismatches.length === 0 ? 'yes' : 'NO\n  ' + mismatches.join('\n  ')}`);
console.log(`memory: rss after the batches ${mib(rssAfterBatch)}; peak rss of the whole process (incl. json-rules-engine inputs) ${mib(peak)}`);
if (mismatches.length) process.exitCode = 1;
