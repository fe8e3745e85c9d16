/**
 * The index's worker thread (started by src/index/service.ts through
 * runInWorker): scoring runs, recomputes, the robustness analysis and the coherence
 * report of a run stored before it had one in this shape, on plain
 * data, with the pure engine. No database here.
 */
import { canonicalJson } from '../audit/chain.js';
import { serveJob } from '../platform/jobs/serve.js';
import { computeScores, sha256, snapshotOf, type StoredScore } from './engine/compute.js';
import type { EnterpriseInput } from './engine/indicators.js';
import type { IndexMethod } from './engine/method.js';
import { coherenceReport } from './engine/coherence.js';
import { robustness, type RobustnessOptions, type RobustnessResult } from './engine/robustness.js';
import { scorePopulation } from './engine/score.js';

export type IndexTask =
  /** A new run: the inputs as loaded; answers with their snapshot, the rows and the coherence report. */
  | { task: 'run'; method: IndexMethod; inputs: EnterpriseInput[] }
  /** A stored run again: its stored input lines; answers with their hash and the rows. */
  | { task: 'recompute'; method: IndexMethod; stored: string[] }
  /** Robustness on a stored run's input lines. */
  | { task: 'robustness'; method: IndexMethod; stored: string[]; options: RobustnessOptions }
  /** The coherence report (canonical JSON) of a stored run's input lines. */
  | { task: 'coherence'; method: IndexMethod; stored: string[] };

export interface RunOutput {
  canonical: string[];
  inputHash: string;
  rows: StoredScore[];
  coherence: string;
  computeMs: number;
}
export interface RecomputeOutput {
  inputHash: string;
  rows: StoredScore[];
}
export interface CoherenceOutput {
  coherence: string;
}
export interface RobustnessOutput {
  result: RobustnessResult;
  ms: number;
}

serveJob<IndexTask, RunOutput | RecomputeOutput | RobustnessOutput | CoherenceOutput>((t, progress) => {
  if (t.task === 'run') {
    const { canonical, inputHash } = snapshotOf(t.inputs);
    const t0 = performance.now();
    const { rows, scored } = computeScores(t.method, t.inputs, progress);
    const computeMs = Math.round(performance.now() - t0);
    return { result: { canonical, inputHash, rows, coherence: canonicalJson(coherenceReport(scored)), computeMs } };
  }
  if (t.task === 'recompute') {
    const inputs = t.stored.map((s) => JSON.parse(s) as EnterpriseInput);
    return { result: { inputHash: sha256(t.stored.join('\n')), rows: computeScores(t.method, inputs, progress).rows } };
  }
  if (t.task === 'coherence') {
    progress('score', 0, t.stored.length);
    const scored = scorePopulation(t.method, t.stored.map((s) => JSON.parse(s) as EnterpriseInput));
    return { result: { coherence: canonicalJson(coherenceReport(scored)) } };
  }
  progress('score', 0, t.options.draws);
  const scored = scorePopulation(t.method, t.stored.map((s) => JSON.parse(s) as EnterpriseInput));
  const t0 = performance.now();
  const result = robustness(scored, t.options, (done, total) => progress('draws', done, total));
  return { result: { result, ms: Math.round(performance.now() - t0) } };
});
