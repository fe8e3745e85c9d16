/**
 * The population for the 免申即享 batch and what-if: every enterprise's facts
 * from the platform's records (latest year's figures, qualifications valid on
 * the day, industry), as typed columns. Loaded with three set-based queries.
 */
import { effectiveScores } from '../index/review-repository.js';
import { suzhouDay } from '../platform/clock.js';
import { sql, type Kysely } from 'kysely';
import { figuresOfRow, qualificationCodesOn } from '../orgs/repository.js';
import type { DB } from '../platform/db/schema.js';
import { Population } from './engine/batch.js';
import { BUILTIN_CATALOGUE, type Catalogue } from './engine/catalogue.js';
import type { RecordOrigin } from './engine/facts.js';
import type { PriorAward } from './engine/history.js';
import { declaredOnly, MAX_YEARS_BACK, platformFacts, type EnterpriseRecords, type PlatformFactsOptions } from './platform-facts.js';
import { districtsAndRenewals, grantHistory } from './repository.js';

export function populationFromRecords(records: readonly EnterpriseRecords[], options: PlatformFactsOptions = {}, catalogue: Catalogue = BUILTIN_CATALOGUE): Population {
  const pop = new Population(records.length, catalogue);
  records.forEach((r, i) => pop.setFacts(i, platformFacts(r, options)));
  return pop;
}

export interface LoadedPopulation {
  orgIds: number[];
  pop: Population;
  /** What each row's enterprise was granted (rows with no award are absent). */
  history: Map<number, PriorAward[]>;
  /** Each row's district code (null: unknown). */
  districts: (string | null)[];
  /** Enterprises whose latest figures were only self-declared (left out of the facts under trustedFiguresOnly). */
  declaredOnly: number;
}

export async function loadPopulation(db: Kysely<DB>, day = suzhouDay(), options: PlatformFactsOptions = {}, catalogue: Catalogue = BUILTIN_CATALOGUE): Promise<LoadedPopulation> {
  const orgs = await db
    .selectFrom('organisations as o')
    .leftJoin('industries as i', 'i.code', 'o.industry_code')
    .select(['o.id', 'i.section_code'])
    .where('o.kind', '=', 'enterprise')
    .orderBy('o.id')
    .execute();
  // The latest year and the years before it (up to MAX_YEARS_BACK), newest first per enterprise.
  const figures = await db
    .selectFrom('enterprise_yearly_figures as f')
    .selectAll()
    .where(sql<boolean>`f.year >= (SELECT max(g.year) FROM enterprise_yearly_figures g WHERE g.org_id = f.org_id) - ${MAX_YEARS_BACK}`)
    .orderBy('f.org_id')
    .orderBy('f.year', 'desc')
    .execute();
  const codes = await qualificationCodesOn(db, day);
  // The grades as reviewed (a flagged one waiting for review is no grade yet: index/review-repository.ts).
  const scores = await effectiveScores(db).execute();
  const index = new Map(scores.map((s) => [s.org_id, s]));
  const byOrg = new Map<number, (typeof figures)[number][]>();
  for (const f of figures) byOrg.set(f.org_id, [...(byOrg.get(f.org_id) ?? []), f]);
  const { districts, renewed } = await districtsAndRenewals(db, day);
  const grants = await grantHistory(db);
  const history = new Map<number, PriorAward[]>();
  const records: EnterpriseRecords[] = orgs.map((o, row) => {
    const years = (byOrg.get(o.id) ?? []).map((f) => ({ ...figuresOfRow(f), source: f.source as RecordOrigin }));
    const g = grants.get(o.id);
    if (g) history.set(row, g);
    return {
      industrySection: o.section_code,
      latest: years[0],
      earlier: years.slice(1).filter((f) => years[0]!.year - f.year <= MAX_YEARS_BACK),
      qualificationCodes: codes.get(o.id) ?? [],
      renewedCodes: renewed.get(o.id) ?? [],
      districtCode: districts.get(o.id) ?? null,
      index: index.get(o.id) ?? null,
    };
  });
  return {
    orgIds: orgs.map((o) => o.id),
    pop: populationFromRecords(records, options, catalogue),
    history,
    districts: records.map((r) => r.districtCode ?? null),
    declaredOnly: records.filter(declaredOnly).length,
  };
}
