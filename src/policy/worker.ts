/**
 * The 免申即享 batch's worker thread (started by src/policy/runs.ts through
 * runInWorker): every item over the population's typed columns with the pure
 * engine; the result's columns are moved back, not copied. No database here.
 */
import { serveJob } from '../platform/jobs/serve.js';
import { evaluateBatch, Population, type BatchResult, type Column } from './engine/batch.js';
import { Catalogue } from './engine/catalogue.js';
import { FACTS, type FactDef } from './engine/facts.js';
import type { PriorAward } from './engine/history.js';
import type { SupportItem } from './engine/schema.js';

export interface PopulationData {
  size: number;
  columns: Map<string, Column>;
}

/** What every task carries besides its items. */
interface Context {
  population: PopulationData;
  /** The administrators' facts (the built-in ones are in the worker's code). */
  adminFacts: (FactDef & { name: string })[];
  /** Row → what that enterprise was granted. */
  history: Map<number, PriorAward[]>;
  /** Row → district code. */
  districts: (string | null)[];
  /** District ('' when unknown) → item → why its quota is full. */
  fullQuotas: Record<string, Record<string, string>>;
  year: number;
}

export type PolicyTask =
  /** One batch (a 免申即享 run). */
  | ({ task: 'batch'; items: SupportItem[] } & Context)
  /** Two batches over the same population (what-if: items in force, and with one edited). */
  | ({ task: 'whatif'; before: SupportItem[]; after: SupportItem[] } & Context);

export interface PolicyOutput {
  results: BatchResult[];
  /** Time spent evaluating, in the worker. */
  evaluateMs: number;
}

function population(d: PopulationData, catalogue: Catalogue): Population {
  const pop = new Population(d.size, catalogue);
  for (const [fact, c] of d.columns) pop.columns.set(fact, c);
  return pop;
}

const buffers = (r: BatchResult) => r.items.flatMap((c) => [c.status.buffer, c.min.buffer, c.max.buffer] as ArrayBuffer[]);

serveJob<PolicyTask, PolicyOutput>((t, progress) => {
  const pop = population(t.population, new Catalogue(FACTS, t.adminFacts));
  const fullQuota = (itemId: string, row: number) => t.fullQuotas[t.districts[row] ?? '']?.[itemId];
  const lists = t.task === 'batch' ? [t.items] : [t.before, t.after];
  const t0 = performance.now();
  const results = lists.map((items, i) => {
    progress('evaluate', i, lists.length);
    return evaluateBatch(items, pop, t.history, t.year, fullQuota);
  });
  const evaluateMs = Math.round(performance.now() - t0);
  progress('evaluate', lists.length, lists.length);
  return { result: { results, evaluateMs }, transfer: results.flatMap(buffers) };
});
