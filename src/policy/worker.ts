/**
 * The 免申即享 batch's worker thread (started by src/policy/runs.ts through
 * runInWorker): every item over the population's typed columns with the pure
 * engine; the result's columns are moved back, not copied. No database here.
 */
import { serveJob } from '../platform/jobs/serve.js';
import { evaluateBatch, Population, type BatchResult, type Column } from './engine/batch.js';
import type { SupportItem } from './engine/schema.js';

export interface PopulationData {
  size: number;
  columns: Map<string, Column>;
}

export type PolicyTask =
  /** One batch (a 免申即享 run). */
  | { task: 'batch'; items: SupportItem[]; population: PopulationData; year: number }
  /** Two batches over the same population (what-if: items in force, and with one edited). */
  | { task: 'whatif'; before: SupportItem[]; after: SupportItem[]; population: PopulationData; year: number };

export interface PolicyOutput {
  results: BatchResult[];
  /** Time spent evaluating, in the worker. */
  evaluateMs: number;
}

function population(d: PopulationData): Population {
  const pop = new Population(d.size);
  for (const [fact, c] of d.columns) pop.columns.set(fact, c);
  return pop;
}

const buffers = (r: BatchResult) => r.items.flatMap((c) => [c.status.buffer, c.min.buffer, c.max.buffer] as ArrayBuffer[]);

serveJob<PolicyTask, PolicyOutput>((t, progress) => {
  const pop = population(t.population);
  const lists = t.task === 'batch' ? [t.items] : [t.before, t.after];
  const t0 = performance.now();
  const results = lists.map((items, i) => {
    progress('evaluate', i, lists.length);
    return evaluateBatch(items, pop, new Map(), t.year);
  });
  const evaluateMs = Math.round(performance.now() - t0);
  progress('evaluate', lists.length, lists.length);
  return { result: { results, evaluateMs }, transfer: results.flatMap(buffers) };
});
