/**
 * 科创指数 benchmarks:
 *  - full recompute over N demo enterprises (default 100,000) on one core: time and peak memory (goal ≤ 1 s);
 *  - robustness: D draws (default 1,000) over M enterprises (default 10,000) (goal ≤ 30 s).
 *   npx tsx bench/index-scores.ts [--enterprises 100000] [--draws 1000] [--sample 10000] [--runs 5]
 * The inputs are built first (not timed): the demo generator's figures, as loaded from the database.
 */
import { Command } from 'commander';
import { demoInputs } from '../src/index/engine/demo-inputs.js';
import { DEFAULT_METHOD } from '../src/index/engine/method.js';
import { robustness } from '../src/index/engine/robustness.js';
import { scorePopulation } from '../src/index/engine/score.js';
import { computeScores } from '../src/index/service.js';
import { gitRev, machine } from './lib.js';

const o = new Command()
  .option('--enterprises <n>', 'enterprises for the full recompute', '100000')
  .option('--draws <n>', 'robustness draws', '1000')
  .option('--sample <n>', 'enterprises in the robustness run', '10000')
  .option('--runs <n>', 'timed recomputes (median reported)', '5')
  .parse()
  .opts<{ enterprises: string; draws: string; sample: string; runs: string }>();
const N = Number(o.enterprises);
const t0 = performance.now();
const inputs = demoInputs(N);
const tGen = performance.now() - t0;
const times: number[] = [];
let scored = scorePopulation(DEFAULT_METHOD, inputs);
for (let i = 0; i < Number(o.runs); i++) {
  const s = performance.now();
  scored = scorePopulation(DEFAULT_METHOD, inputs);
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
const rssAfter = process.memoryUsage().rss;
// What a stored run computes besides: the two earlier editions for the trend, and every enterprise's explanation.
const s1 = performance.now();
computeScores(DEFAULT_METHOD, inputs);
const tStored = performance.now() - s1;
const sample = scorePopulation(DEFAULT_METHOD, inputs.slice(0, Number(o.sample)));
const s2 = performance.now();
const rob = robustness(sample, { draws: Number(o.draws), seed: 2026, spread: 0.25 });
const tRob = performance.now() - s2;
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
console.log(`# 科创指数 benchmark (${new Date().toISOString().slice(0, 10)}, commit ${gitRev()})`);
console.log(`machine: ${machine()}`);
console.log(`inputs: ${N.toLocaleString('en')} demo enterprises built in ${(tGen / 1000).toFixed(1)} s (not timed below)`);
console.log(`full recompute (gates, indicators, imputation, normalisation, scores, grades, percentiles; explanations built per enterprise on request): median ${times[times.length >> 1]!.toFixed(0)} ms of ${times.length} runs (min ${times[0]!.toFixed(0)} ms); scored ${scored.scores.filter((s) => s.score !== null).length.toLocaleString('en')}`);
console.log(`a stored run's computation (three editions for the trend + an explanation for every enterprise, before writing): ${(tStored / 1000).toFixed(1)} s`);
console.log(`robustness: ${rob.draws} draws × ${rob.scored.toLocaleString('en')} enterprises in ${(tRob / 1000).toFixed(1)} s; flagged at a cut-off: ${rob.flagged}`);
console.log(`memory: rss after recomputes ${mib(rssAfter)}; peak rss ${mib(process.resourceUsage().maxRSS * 1024)}`);
