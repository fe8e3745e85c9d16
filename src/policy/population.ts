/**
 * The population for the 免申即享 batch and what-if: every enterprise's facts
 * from the platform's records (latest year's figures, qualifications valid on
 * the day, industry), as typed columns. Loaded with three set-based queries.
 */
import type { Kysely } from 'kysely';
import { figuresOfRow, qualificationCodesOn } from '../orgs/repository.js';
import type { DB } from '../platform/db/schema.js';
import { Population } from './engine/batch.js';
import type { RecordOrigin } from './engine/facts.js';
import { declaredOnly, platformFacts, type EnterpriseRecords, type PlatformFactsOptions } from './platform-facts.js';

export function populationFromRecords(records: readonly EnterpriseRecords[], options: PlatformFactsOptions = {}): Population {
  const pop = new Population(records.length);
  records.forEach((r, i) => pop.setFacts(i, platformFacts(r, options)));
  return pop;
}

export interface LoadedPopulation {
  orgIds: number[];
  pop: Population;
  /** Enterprises whose latest figures were only self-declared (left out of the facts under trustedFiguresOnly). */
  declaredOnly: number;
}

export async function loadPopulation(db: Kysely<DB>, day = new Date().toISOString().slice(0, 10), options: PlatformFactsOptions = {}): Promise<LoadedPopulation> {
  const orgs = await db
    .selectFrom('organisations as o')
    .leftJoin('industries as i', 'i.code', 'o.industry_code')
    .select(['o.id', 'i.section_code'])
    .where('o.kind', '=', 'enterprise')
    .orderBy('o.id')
    .execute();
  const figures = await db
    .selectFrom('enterprise_yearly_figures as f')
    .selectAll()
    .where(({ eb, selectFrom }) => eb('f.year', '=', selectFrom('enterprise_yearly_figures as g').select((g) => g.fn.max('g.year').as('y')).whereRef('g.org_id', '=', 'f.org_id')))
    .execute();
  const codes = await qualificationCodesOn(db, day);
  const scores = await db
    .selectFrom('index_scores')
    .select(['org_id', 'grade', 'score', 'percentile'])
    .where('run_id', '=', (eb) => eb.selectFrom('index_runs').select((x) => x.fn.max('id').as('m')))
    .execute();
  const index = new Map(scores.map((s) => [s.org_id, s]));
  const latest = new Map(figures.map((f) => [f.org_id, f]));
  const records: EnterpriseRecords[] = orgs.map((o) => {
    const f = latest.get(o.id);
    const figs = f ? { ...figuresOfRow(f), source: f.source as RecordOrigin } : undefined;
    return { industrySection: o.section_code, latest: figs, qualificationCodes: codes.get(o.id) ?? [], index: index.get(o.id) ?? null };
  });
  return { orgIds: orgs.map((o) => o.id), pop: populationFromRecords(records, options), declaredOnly: records.filter(declaredOnly).length };
}
