/** SQL for organisations, yearly figures and qualifications. */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { FigureSource, OrgDetail, OrgSummary, YearlyFigures, YearlyFiguresBody } from '../shared/api.js';
import type { OrgKind, SizeBand } from '../shared/enums.js';

type Conn = Kysely<DB> | Transaction<DB>;

export interface OrgFilter {
  q?: string;
  kind?: OrgKind | OrgKind[];
  district?: string;
  industry?: string;
  sizeBand?: SizeBand;
  qualification?: string;
}

export type OrgSort = 'name' | '-name' | 'id' | '-id' | 'foundedOn' | '-foundedOn';

function validQualsSubquery() {
  return sql<string[]>`coalesce((SELECT array_agg(DISTINCT q.type_code ORDER BY q.type_code) FROM organisation_qualifications q
    WHERE q.org_id = o.id AND q.valid_from <= current_date AND (q.valid_to IS NULL OR q.valid_to >= current_date)), '{}')`;
}

function baseQuery(db: Conn, f: OrgFilter) {
  let q = db.selectFrom('organisations as o');
  if (f.kind) q = Array.isArray(f.kind) ? q.where('o.kind', 'in', f.kind) : q.where('o.kind', '=', f.kind);
  if (f.district) q = q.where('o.district_code', '=', f.district);
  if (f.industry) {
    const industry = f.industry;
    q = /^[A-Z]$/.test(industry)
      ? q.where('o.industry_code', 'in', (eb) => eb.selectFrom('industries').select('code').where('section_code', '=', industry))
      : q.where('o.industry_code', '=', industry);
  }
  if (f.sizeBand) q = q.where('o.size_band', '=', f.sizeBand);
  if (f.q) {
    const term = f.q.trim();
    const like = '%' + term.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    q = q.where((eb) => eb.or([eb('o.name', 'ilike', like), eb('o.uscc', '=', term.toUpperCase())]));
  }
  if (f.qualification) {
    const code = f.qualification;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('organisation_qualifications as q')
          .select(sql`1`.as('one'))
          .whereRef('q.org_id', '=', 'o.id')
          .where('q.type_code', '=', code)
          .where(sql<boolean>`q.valid_from <= current_date AND (q.valid_to IS NULL OR q.valid_to >= current_date)`),
      ),
    );
  }
  return q;
}

const summaryColumns = (db: Conn) =>
  baseQuery(db, {})
    .leftJoin('districts as d', 'd.code', 'o.district_code')
    .leftJoin('industries as i', 'i.code', 'o.industry_code');

type SummaryRow = {
  id: number; kind: string; name: string; uscc: string | null; district_code: string | null; district_name: string | null;
  industry_code: string | null; industry_name: string | null; size_band: string | null; founded_on: string | null; qualifications: string[];
};

function toSummary(r: SummaryRow): OrgSummary {
  return {
    id: r.id,
    kind: r.kind as OrgKind,
    name: r.name,
    uscc: r.uscc,
    districtCode: r.district_code,
    districtName: r.district_name,
    industryCode: r.industry_code,
    industryName: r.industry_name,
    sizeBand: r.size_band as SizeBand | null,
    foundedOn: r.founded_on,
    qualifications: r.qualifications ?? [],
  };
}

export async function listOrgs(db: Conn, f: OrgFilter, pageNumber: number, pageSize: number, sort: OrgSort): Promise<{ items: OrgSummary[]; total: number }> {
  // The count and the page are independent: on a server database they run on two connections at once.
  const counting = baseQuery(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const desc = sort.startsWith('-');
  const col = ({ name: 'o.name', id: 'o.id', foundedOn: 'o.founded_on' } as const)[sort.replace('-', '') as 'name' | 'id' | 'foundedOn'];
  // Page first on the bare table, then decorate only the page's rows (the qualification
  // subquery would otherwise run for every skipped row of a deep page too).
  const page = baseQuery(db, f)
    .select(['o.id'])
    .orderBy(col, desc ? 'desc' : 'asc')
    .orderBy('o.id', desc ? 'desc' : 'asc')
    .limit(pageSize)
    .offset((pageNumber - 1) * pageSize);
  const listing = db
    .selectFrom(page.as('p'))
    .innerJoin('organisations as o', 'o.id', 'p.id')
    .leftJoin('districts as d', 'd.code', 'o.district_code')
    .leftJoin('industries as i', 'i.code', 'o.industry_code')
    .select(['o.id', 'o.kind', 'o.name', 'o.uscc', 'o.district_code', 'd.name as district_name', 'o.industry_code', 'i.name as industry_name', 'o.size_band', 'o.founded_on'])
    .select(validQualsSubquery().as('qualifications'))
    .orderBy(col, desc ? 'desc' : 'asc')
    .orderBy('o.id', desc ? 'desc' : 'asc')
    .execute();
  const [countRow, rows] = await Promise.all([counting, listing]);
  return { items: rows.map(toSummary), total: countRow.n };
}

export async function getOrg(db: Conn, id: number): Promise<OrgDetail | null> {
  const r = await summaryColumns(db)
    .select(['o.id', 'o.kind', 'o.name', 'o.uscc', 'o.district_code', 'd.name as district_name', 'o.industry_code', 'i.name as industry_name', 'o.size_band', 'o.founded_on', 'o.department_code', 'o.created_at', 'o.updated_at'])
    .select(validQualsSubquery().as('qualifications'))
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  return { ...toSummary(r), departmentCode: r.department_code, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString() };
}

export async function orgExists(db: Conn, id: number): Promise<{ id: number; kind: string } | undefined> {
  return db.selectFrom('organisations').select(['id', 'kind']).where('id', '=', id).executeTakeFirst();
}

export const FIGURE_COLUMNS = {
  revenue: 'revenue',
  rdExpense: 'rd_expense',
  rdExpenseDomestic: 'rd_expense_domestic',
  staff: 'staff',
  rdStaff: 'rd_staff',
  hightechRevenue: 'hightech_revenue',
  netAssets: 'net_assets',
  patentsInvention: 'patents_invention',
  patentsUtility: 'patents_utility',
  patentsDesign: 'patents_design',
  softwareCopyrights: 'software_copyrights',
  patentsHighValue: 'patents_high_value',
  techContractIncome: 'tech_contract_income',
  equityFinancing: 'equity_financing',
} as const satisfies Record<keyof YearlyFiguresBody, keyof DB['enterprise_yearly_figures']>;

export type FigureRow = Omit<DB['enterprise_yearly_figures'], 'source' | 'updated_at' | 'verified_by' | 'verified_at'> & { source?: FigureSource };

/** A row to write. Every write path names its source: 'declared' (the enterprise), 'imported' (import, demo seed). */
export function figuresToRow(orgId: number, year: number, f: YearlyFiguresBody, source: Exclude<FigureSource, 'verified'>): FigureRow {
  const row = { org_id: orgId, year, source } as FigureRow;
  for (const [k, col] of Object.entries(FIGURE_COLUMNS)) (row as Record<string, unknown>)[col] = f[k as keyof YearlyFiguresBody];
  return row;
}

/** A yearly-figures row as the API's fields (money in 分, counts), with its year. */
export function figuresOfRow(r: Selectable<DB['enterprise_yearly_figures']>): YearlyFiguresBody & { year: number } {
  const out: Record<string, number> = { year: r.year };
  for (const [k, col] of Object.entries(FIGURE_COLUMNS)) out[k] = Number(r[col]);
  return out as unknown as YearlyFiguresBody & { year: number };
}

/** Every organisation's qualification codes valid on the day (sorted, distinct). */
export async function qualificationCodesOn(db: Conn, day: string): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('organisation_qualifications')
    .select(['org_id', 'type_code'])
    .distinct()
    .where(sql<boolean>`valid_from <= ${day}::date AND (valid_to IS NULL OR valid_to >= ${day}::date)`)
    .orderBy('org_id')
    .orderBy('type_code')
    .execute();
  const out = new Map<number, string[]>();
  for (const r of rows) {
    let a = out.get(r.org_id);
    if (!a) out.set(r.org_id, (a = []));
    a.push(r.type_code);
  }
  return out;
}

export async function listFigures(db: Conn, orgId: number): Promise<YearlyFigures[]> {
  const rows = await db.selectFrom('enterprise_yearly_figures').selectAll().where('org_id', '=', orgId).orderBy('year').execute();
  return rows.map((r) => {
    const out: Record<string, unknown> = { year: r.year, source: r.source, verifiedAt: r.verified_at ? new Date(r.verified_at).toISOString() : null, updatedAt: new Date(r.updated_at).toISOString() };
    for (const [k, col] of Object.entries(FIGURE_COLUMNS)) out[k] = r[col];
    return out as YearlyFigures;
  });
}

export async function upsertFigures(db: Conn, rows: FigureRow[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = ['source', ...Object.values(FIGURE_COLUMNS)] as const;
  await db
    .insertInto('enterprise_yearly_figures')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['org_id', 'year']).doUpdateSet((eb) => {
        const set: Record<string, unknown> = { updated_at: sql`now()`, verified_by: null, verified_at: null };
        for (const c of cols) set[c] = eb.ref(`excluded.${c}`);
        return set;
      }),
    )
    .execute();
}

export async function listQualifications(db: Conn, orgId: number) {
  return db
    .selectFrom('organisation_qualifications as q')
    .innerJoin('qualification_types as t', 't.code', 'q.type_code')
    .select(['q.id', 'q.type_code', 't.name as type_name', 'q.level', 'q.certificate_no', 'q.valid_from', 'q.valid_to'])
    .select(sql<string>`CASE WHEN q.valid_from > current_date THEN 'pending' WHEN q.valid_to IS NOT NULL AND q.valid_to < current_date THEN 'expired' ELSE 'valid' END`.as('status'))
    .where('q.org_id', '=', orgId)
    .orderBy('q.valid_from', 'desc')
    .orderBy('q.id')
    .execute();
}

// ------------------------------------------------------------------ bulk writes (import, demo seeding)

type PgArrayType = 'int' | 'bigint' | 'text' | 'date';

/**
 * INSERT … SELECT * FROM unnest($1::type[], $2::type[], …): one array parameter per
 * column instead of one parameter per value. About twice as fast as a multi-row
 * VALUES list on PGlite for wide rows, and never near the 65,535-parameter limit.
 */
function unnestInsert(table: string, columns: readonly (readonly [string, PgArrayType])[], rows: readonly Record<string, unknown>[]) {
  const arrays = columns.map(([c, t]) => sql`${rows.map((r) => r[c] ?? null)}::${sql.raw(t + '[]')}`);
  return sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map(([c]) => sql.ref(c)))}) SELECT * FROM unnest(${sql.join(arrays)})`;
}

const ORG_INSERT_COLUMNS = [
  ['kind', 'text'],
  ['name', 'text'],
  ['uscc', 'text'],
  ['district_code', 'text'],
  ['industry_code', 'text'],
  ['size_band', 'text'],
  ['founded_on', 'date'],
  ['department_code', 'text'],
] as const;

/** An organisation to insert: the columns above, all required (null where unknown). */
export type OrgInsertRow = Pick<Selectable<DB['organisations']>, (typeof ORG_INSERT_COLUMNS)[number][0]>;

/** Inserts organisations in one statement; returns their ids with the identifying columns. */
export async function insertOrganisationsBulk(conn: Conn, rows: readonly OrgInsertRow[]): Promise<{ id: number; kind: string; name: string; uscc: string | null }[]> {
  if (rows.length === 0) return [];
  const r = await sql<{ id: number; kind: string; name: string; uscc: string | null }>`${unnestInsert('organisations', ORG_INSERT_COLUMNS, rows as unknown as Record<string, unknown>[])} RETURNING id, kind, name, uscc`.execute(conn);
  return r.rows;
}

/** An update of an existing organisation (kind does not change). */
export type OrgUpdateRow = Omit<OrgInsertRow, 'kind'> & { id: number };

/** Updates organisations in one statement (UPDATE … FROM VALUES); the name is always set, other null columns keep what is stored. */
export async function updateOrganisationsBulk(conn: Conn, rows: readonly OrgUpdateRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id}::int, ${r.name}::text, ${r.uscc}::text, ${r.district_code}::text, ${r.industry_code}::text, ${r.size_band}::text, ${r.founded_on}::date, ${r.department_code}::text)`,
    ),
  );
  await sql`UPDATE organisations AS o SET
      name = v.name,
      uscc = COALESCE(v.uscc, o.uscc),
      district_code = COALESCE(v.district_code, o.district_code),
      industry_code = COALESCE(v.industry_code, o.industry_code),
      size_band = COALESCE(v.size_band, o.size_band),
      founded_on = COALESCE(v.founded_on, o.founded_on),
      department_code = COALESCE(v.department_code, o.department_code),
      updated_at = now()
    FROM (VALUES ${values}) AS v(id, name, uscc, district_code, industry_code, size_band, founded_on, department_code)
    WHERE o.id = v.id`.execute(conn);
}

const INT_FIGURES = new Set(['staff', 'rd_staff', 'patents_invention', 'patents_utility', 'patents_design', 'software_copyrights', 'patents_high_value']);
const FIGURE_INSERT_COLUMNS: readonly (readonly [string, PgArrayType])[] = [
  ['org_id', 'int'],
  ['year', 'int'],
  ['source', 'text'],
  ...Object.values(FIGURE_COLUMNS).map((c) => [c, INT_FIGURES.has(c) ? 'int' : 'bigint'] as const),
];

/** Inserts or replaces yearly figures (by org and year) in one statement. Each (org, year) at most once per call. */
export async function upsertFiguresBulk(conn: Conn, rows: readonly FigureRow[]): Promise<void> {
  if (rows.length === 0) return;
  const set = sql.join([...Object.values(FIGURE_COLUMNS), 'source'].map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`));
  await sql`${unnestInsert('enterprise_yearly_figures', FIGURE_INSERT_COLUMNS, rows as unknown as Record<string, unknown>[])}
    ON CONFLICT (org_id, year) DO UPDATE SET ${set}, verified_by = NULL, verified_at = NULL, updated_at = now()`.execute(conn);
}

// ------------------------------------------------------------------ lookups for import and export

/** The columns that identify an organisation when matching imported rows. */
export interface OrgIdentity {
  id: number;
  kind: string;
  name: string;
  uscc: string | null;
  department_code: string | null;
}

const IDENTITY_COLUMNS = ['id', 'kind', 'name', 'uscc', 'department_code'] as const;

export async function findOrgsByUscc(conn: Conn, usccs: string[]): Promise<OrgIdentity[]> {
  return conn.selectFrom('organisations').select(IDENTITY_COLUMNS).where('uscc', 'in', usccs).execute();
}

/** Organisations of any of `kinds` named any of `names`, by id. */
export async function findOrgsByKindAndName(conn: Conn, kinds: string[], names: string[]): Promise<OrgIdentity[]> {
  return conn.selectFrom('organisations').select(IDENTITY_COLUMNS).where('kind', 'in', kinds).where('name', 'in', names).orderBy('id').execute();
}

export async function findOrgsByDepartment(conn: Conn, departmentCodes: string[]): Promise<OrgIdentity[]> {
  return conn.selectFrom('organisations').select(IDENTITY_COLUMNS).where('department_code', 'in', departmentCodes).execute();
}

/** The reference tables an imported row's district, industry and department are checked against. */
export async function listTransferReferences(conn: Conn) {
  return {
    districts: await conn.selectFrom('districts').select(['code', 'name']).execute(),
    industries: await conn.selectFrom('industries').select(['code', 'level']).execute(),
    departments: await conn.selectFrom('departments').select(['code', 'name']).execute(),
  };
}

export async function countOrgs(conn: Conn, kind?: OrgKind): Promise<number> {
  let q = conn.selectFrom('organisations').select(sql<number>`count(*)::int`.as('n'));
  if (kind) q = q.where('kind', '=', kind);
  return (await q.executeTakeFirstOrThrow()).n;
}

/** Up to `limit` organisations with ids above `afterId`, by id (keyset paging). */
export async function listOrgsAfter(conn: Conn, afterId: number, limit: number, kind?: OrgKind) {
  let q = conn
    .selectFrom('organisations')
    .select(['id', 'kind', 'name', 'uscc', 'district_code', 'industry_code', 'size_band', 'founded_on', 'department_code'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit);
  if (kind) q = q.where('kind', '=', kind);
  return q.execute();
}

/** Each organisation's latest year of figures (none for those without). */
export async function latestFigures(conn: Conn, orgIds: number[]) {
  if (orgIds.length === 0) return [];
  return conn.selectFrom('enterprise_yearly_figures').selectAll().distinctOn('org_id').where('org_id', 'in', orgIds).orderBy('org_id').orderBy('year', 'desc').execute();
}

/**
 * Marks a declared year as verified by a department official. Only a declared row changes; returns the row's
 * source before (undefined when the year has no figures).
 */
export async function verifyFigures(conn: Conn, orgId: number, year: number, userId: number): Promise<FigureSource | undefined> {
  const row = await conn.selectFrom('enterprise_yearly_figures').select('source').where('org_id', '=', orgId).where('year', '=', year).forUpdate().executeTakeFirst();
  if (!row) return undefined;
  if (row.source === 'declared') {
    await conn.updateTable('enterprise_yearly_figures').set({ source: 'verified', verified_by: userId, verified_at: sql`now()` }).where('org_id', '=', orgId).where('year', '=', year).execute();
  }
  return row.source as FigureSource;
}
