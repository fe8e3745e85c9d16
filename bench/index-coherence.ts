/**
 * 科创指数 coherence and effective weights on the demo data (docs/index-method.md §5a): per pillar
 * Cronbach's α and the first principal component's share, weak indicators, redundant pairs, and
 * each indicator's nominal beside effective weight (share of the score's variance), overall and
 * per stage, largest gaps first.
 *   npx tsx bench/index-coherence.ts [--enterprises 10000] [--seed 20260101]
 */
import { Command } from 'commander';
import { coherenceReport } from '../src/index/engine/coherence.js';
import { demoInputs } from '../src/index/engine/demo-inputs.js';
import { DEFAULT_METHOD } from '../src/index/engine/method.js';
import { scorePopulation } from '../src/index/engine/score.js';
import { gitRev } from './lib.js';

const o = new Command().option('--enterprises <n>', 'demo enterprises', '10000').option('--seed <n>', 'demo generator seed', '20260101').parse().opts<{ enterprises: string; seed: string }>();
const pop = scorePopulation(DEFAULT_METHOD, demoInputs(Number(o.enterprises), Number(o.seed)));
const t0 = performance.now();
const c = coherenceReport(pop);
const ms = Math.round(performance.now() - t0);
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

console.log(`commit ${gitRev()} · ${o.enterprises} demo enterprises (seed ${o.seed}), ${c.scored} scored · report in ${ms} ms\n`);
console.log('pillar'.padEnd(12), 'α'.padStart(7), 'PC1'.padStart(7), '  indicator r with pillar');
for (const p of c.pillars) {
  console.log(p.code.padEnd(12), String(p.alpha ?? '—').padStart(7), pct(p.pc1Share).padStart(7), ' ', p.indicators.map((i) => `${i.code} ${i.correlation ?? '—'}${i.weak ? ' (weak)' : ''}`).join(', '));
}
console.log('\nredundant pairs (|r| > 0.9):', c.redundant.map((r) => `${r.a}–${r.b} ${r.correlation}`).join(', ') || 'none');
for (const scope of [{ label: 'all (own stage weights)', ...c.effective.overall }, ...c.effective.stages]) {
  console.log(`\n${scope.label} · ${scope.scored} enterprises · Spearman(nominal, effective) = ${scope.rankCorrelation}`);
  console.log('indicator'.padEnd(22), 'nominal'.padStart(8), 'effective'.padStart(10), 'ratio'.padStart(7), 'r²-share'.padStart(9));
  const rows = [...scope.weights].sort((a, b) => Math.abs(Math.log(b.ratio ?? 1)) - Math.abs(Math.log(a.ratio ?? 1)));
  for (const w of rows) console.log(w.code.padEnd(22), pct(w.nominal).padStart(8), pct(w.effective).padStart(10), (w.ratio === null ? '—' : `×${w.ratio.toFixed(2)}`).padStart(7), pct(w.mainEffect).padStart(9), w.flag ?? '');
}
console.log('\nwarnings:');
for (const w of c.warnings) console.log(' -', w.text);
