/** SQL of the ranker's fits (ranker-service.ts): the pipeline's answered matches, the fits, the one in use. */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { Outcome } from './engine/outcomes.js';
import { MATCH_WEIGHTS, parseWeights, type MatchWeights } from './match.js';

type Conn = Kysely<DB> | Transaction<DB>;

/** Every match a party answered (past 推荐, or ended), with the stages it entered in order. */
export async function answeredOutcomes(db: Conn): Promise<Outcome[]> {
  const rows = await db
    .selectFrom('market_matches as m')
    .select(['m.demand_id', 'm.achievement_id', 'm.stage', 'm.end_reason'])
    .select(sql<string | null>`(SELECT string_agg(e.to_stage, ',' ORDER BY e.id) FROM market_match_events e WHERE e.match_id = m.id)`.as('reached'))
    .where('m.stage', '!=', 'recommended')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ demandId: r.demand_id, achievementId: r.achievement_id, stage: r.stage, reached: r.reached ? r.reached.split(',') : [], endReason: r.end_reason }));
}

export type FitRow = Selectable<DB['market_ranker_fits']> & { display_name: string | null };

export async function listFits(db: Conn, page: number, pageSize: number): Promise<{ total: number; rows: FitRow[] }> {
  const total = Number((await db.selectFrom('market_ranker_fits').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await db
    .selectFrom('market_ranker_fits as f')
    .leftJoin('users as u', 'u.id', 'f.actor_user_id')
    .selectAll('f')
    .select('u.display_name')
    .orderBy('f.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, rows };
}

export async function getFit(db: Conn, id: number): Promise<FitRow | undefined> {
  return db.selectFrom('market_ranker_fits as f').leftJoin('users as u', 'u.id', 'f.actor_user_id').selectAll('f').select('u.display_name').where('f.id', '=', id).executeTakeFirst();
}

/** The fit in use (none: the defaults). */
export async function activeFit(db: Pick<Kysely<DB>, 'selectFrom'>): Promise<{ id: number; weights_after: string } | undefined> {
  return db.selectFrom('market_ranker_fits').select(['id', 'weights_after']).where('active', '=', true).executeTakeFirst();
}

export type NewFit = Omit<Selectable<DB['market_ranker_fits']>, 'id' | 'at' | 'active'>;

export async function insertFit(trx: Conn, fit: NewFit): Promise<number> {
  return (await trx.insertInto('market_ranker_fits').values(fit).returning('id').executeTakeFirstOrThrow()).id;
}

/**
 * Puts a fit in use (null: the defaults). The market version is bumped first: its row lock orders concurrent
 * changes, so the second one sees the first's fit and takes it out of use. The 'ranker' change tells every process's
 * matcher to read the weights again.
 */
export async function setActiveFit(trx: Transaction<DB>, id: number | null): Promise<void> {
  const v = (await sql<{ version: string | number }>`UPDATE market_version SET version = version + 1 WHERE id = 1 RETURNING version`.execute(trx)).rows[0]!.version;
  await trx.updateTable('market_ranker_fits').set({ active: false }).where('active', '=', true).execute();
  if (id !== null) await trx.updateTable('market_ranker_fits').set({ active: true }).where('id', '=', id).execute();
  await trx.insertInto('market_changes').values({ version: Number(v), kind: 'ranker', row_id: id }).execute();
}

/** The weights the matcher should use now: the fit in use, or the defaults (also when the stored ones are unreadable). */
export async function weightsInUse(db: Pick<Kysely<DB>, 'selectFrom'>): Promise<{ fitId: number | null; weights: MatchWeights }> {
  const fit = await activeFit(db);
  const w = fit ? parseWeights(fit.weights_after) : null;
  return w ? { fitId: fit!.id, weights: w } : { fitId: null, weights: { ...MATCH_WEIGHTS } };
}
