/**
 * Seeds an empty database with the deterministic demo population (demo-generator.ts)
 * and one demo account per role. All organisations, figures and qualifications go
 * in one transaction (all or nothing), in batches, with the enterprises generated
 * one at a time so 100,000 fit in modest memory.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit.js';
import type { DB } from '../platform/db/schema.js';
import { AppError, invalid } from '../platform/errors.js';
import type { Role } from '../shared/enums.js';
import { createUser } from '../users/service.js';
import { itemsInForce } from '../policy/service.js';
import { demoStream, type DemoEnterprise, type DemoOrg, type DemoPopulation } from './demo-generator.js';
import { figuresToRow, insertOrganisationsBulk, upsertFiguresBulk, type FigureRow, type OrgInsertRow } from './repository.js';
import type { TransferRow } from './transfer/index.js';

export interface SeedDemoOptions {
  enterprises: number;
  seed: number;
  password: string;
  /** Default 2025 (see generateDemo). */
  currentYear?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoUser {
  username: string;
  role: string;
  password: string;
  /** Name of the organisation the account belongs to. */
  org?: string;
  /** Name of the department (officials). */
  department?: string;
}

export interface SeedDemoResult {
  organisations: number;
  enterprises: number;
  figures: number;
  qualifications: number;
  users: DemoUser[];
}

export const DEMO_META_KEY = 'demo_seeded';

const ORG_BATCH = 2000;
const FIGURE_BATCH = 10000; // one array parameter per column (unnest)
const QUAL_BATCH = 2000; // 7 parameters a row: well below PostgreSQL's 65,535

const toInsert = (o: DemoOrg): OrgInsertRow => ({
  kind: o.kind,
  name: o.name,
  uscc: o.uscc,
  district_code: o.districtCode,
  industry_code: o.industryCode,
  size_band: o.sizeBand,
  founded_on: o.foundedOn,
  department_code: o.departmentCode,
});

async function insertOrgs(trx: Transaction<DB>, orgs: DemoOrg[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < orgs.length; i += ORG_BATCH) {
    const rows = await insertOrganisationsBulk(trx, orgs.slice(i, i + ORG_BATCH).map(toInsert));
    for (const r of rows) ids.set(r.uscc ?? `${r.kind}:${r.name}`, r.id);
  }
  return ids;
}

const keyOf = (o: DemoOrg) => o.uscc ?? `${o.kind}:${o.name}`;

interface Accounts {
  enterprise1?: { id: number; name: string };
  enterprise2?: { id: number; name: string };
  university?: { id: number; name: string };
  bank?: { id: number; name: string };
}

/**
 * Generates and inserts the demo population, then the demo accounts. Refuses
 * (ALREADY_SEEDED, 409) when any organisation exists. Usernames that already exist
 * (e.g. an administrator created before) are left alone and not returned.
 */
export async function seedDemo(db: Kysely<DB>, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  if (!Number.isInteger(opts.enterprises) || opts.enterprises < 0) throw invalid('enterprises', '企业数量应为非负整数');
  if (!Number.isFinite(opts.seed)) throw invalid('seed', '随机种子应为数字');
  if (opts.password.length < 8) throw invalid('password', '演示账号密码至少 8 位');

  const refuse = () => new AppError('ALREADY_SEEDED', 409, '数据库中已有组织数据，演示数据只能写入空数据库');
  if (await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst()) throw refuse();

  const pop = demoStream({ enterprises: opts.enterprises, seed: opts.seed, currentYear: opts.currentYear });
  opts.onProgress?.(0, opts.enterprises);

  const accounts: Accounts = {};
  const counts = await insertPopulation(db, pop, opts, accounts, refuse).catch(async (e: unknown) => {
    // Rolled back; the attempt is recorded on its own (not for a refusal, which wrote nothing and changed nothing).
    if (!(e instanceof AppError && e.code === 'ALREADY_SEEDED')) {
      await appendAudit(db, SYSTEM_ACTOR, { action: 'seed.demo', objectType: 'organisation', result: 'error', detail: { seed: opts.seed, enterprises: opts.enterprises, message: String((e as Error)?.message ?? e).slice(0, 300) } });
    }
    throw e;
  });

  // A few enterprises on the 经营异常 / 严重失信 lists, so the index's gates have something to show (deterministic).
  await sql`INSERT INTO enterprise_flags (org_id, flag, since, reason, source)
    SELECT id, CASE WHEN id % 2 = 0 THEN 'abnormal' ELSE 'dishonest' END, DATE '2025-06-30',
      CASE WHEN id % 2 = 0 THEN '演示数据：列入经营异常名录（未按时公示年度报告）' ELSE '演示数据：列入严重失信主体名单' END,
      CASE WHEN id % 2 = 0 THEN '市场监管（演示）' ELSE '信用中国（演示）' END
    FROM organisations WHERE kind = 'enterprise' AND id % 149 = 0`.execute(db);
  const users = await createDemoUsers(db, opts.password, accounts);
  await writeMeta(db, { seed: opts.seed, enterprises: opts.enterprises, users: users.map(({ password: _password, ...u }) => u) });
  return { ...counts, users };
}

async function insertPopulation(db: Kysely<DB>, pop: ReturnType<typeof demoStream>, opts: SeedDemoOptions, accounts: Accounts, refuse: () => AppError) {
  const total = opts.enterprises;
  return db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: a concurrent seed or import loses here or on the unique USCC.
    if (await trx.selectFrom('organisations').select('id').limit(1).executeTakeFirst()) throw refuse();

    const fixed = [...pop.governments, ...pop.universities, ...pop.institutes, ...pop.financials, ...pop.serviceAgencies];
    const fixedIds = await insertOrgs(trx, fixed);
    const idOf = (o: DemoOrg | undefined) => (o ? { id: fixedIds.get(keyOf(o))!, name: o.name } : undefined);
    accounts.university = idOf(pop.universities[0]);
    accounts.bank = idOf(pop.financials[0]);

    let organisations = fixed.length;
    let enterprises = 0;
    let figures = 0;
    let qualifications = 0;
    let figureRows: FigureRow[] = [];
    let qualRows: { org_id: number; type_code: string; level: string; certificate_no: string; valid_from: string; valid_to: string; source: string }[] = [];

    const flushFigures = async (force: boolean) => {
      while (figureRows.length >= FIGURE_BATCH || (force && figureRows.length > 0)) {
        const chunk = figureRows.slice(0, FIGURE_BATCH);
        figureRows = figureRows.slice(FIGURE_BATCH);
        await upsertFiguresBulk(trx, chunk);
        figures += chunk.length;
      }
    };
    const flushQuals = async (force: boolean) => {
      while (qualRows.length >= QUAL_BATCH || (force && qualRows.length > 0)) {
        const chunk = qualRows.slice(0, QUAL_BATCH);
        qualRows = qualRows.slice(QUAL_BATCH);
        await trx.insertInto('organisation_qualifications').values(chunk).execute();
        qualifications += chunk.length;
      }
    };

    let batch: DemoEnterprise[] = [];
    const flushEnterprises = async () => {
      if (batch.length === 0) return;
      const ids = await insertOrgs(trx, batch);
      for (const e of batch) {
        const id = ids.get(e.uscc)!;
        if (!accounts.enterprise1) accounts.enterprise1 = { id, name: e.name };
        else if (!accounts.enterprise2) accounts.enterprise2 = { id, name: e.name };
        for (const f of e.figures) figureRows.push(figuresToRow(id, f.year, f, 'imported'));
        for (const q of e.qualifications) {
          qualRows.push({ org_id: id, type_code: q.typeCode, level: q.level, certificate_no: q.certificateNo, valid_from: q.validFrom, valid_to: q.validTo, source: 'demo' });
        }
      }
      enterprises += batch.length;
      organisations += batch.length;
      batch = [];
      await flushFigures(false);
      await flushQuals(false);
      opts.onProgress?.(enterprises, total);
    };

    for (const e of pop.enterprises()) {
      batch.push(e);
      if (batch.length >= ORG_BATCH) await flushEnterprises();
    }
    await flushEnterprises();
    await flushFigures(true);
    await flushQuals(true);

    const result = { organisations, enterprises, figures, qualifications };
    await appendAudit(trx, SYSTEM_ACTOR, { action: 'seed.demo', objectType: 'organisation', detail: { seed: opts.seed, currentYear: pop.currentYear, ...result } });
    await writeMeta(trx, { seed: opts.seed, enterprises: opts.enterprises });
    return result;
  });
}

async function writeMeta(conn: Kysely<DB> | Transaction<DB>, value: unknown) {
  await conn
    .insertInto('app_meta')
    .values({ key: DEMO_META_KEY, value: JSON.stringify(value), updated_at: new Date() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }))
    .execute();
}

interface UserSpec {
  username: string;
  displayName: string;
  role: Role;
  org?: { id: number; name: string };
  departmentCode?: string;
}

async function createDemoUsers(db: Kysely<DB>, password: string, a: Accounts): Promise<DemoUser[]> {
  const specs: UserSpec[] = [
    { username: 'admin', displayName: '系统管理员', role: 'admin' },
    // Rule documents take effect only when a second administrator approves them (maker-checker).
    { username: 'admin2', displayName: '系统管理员（规则审核）', role: 'admin' },
    { username: 'official', displayName: '市科技局工作人员', role: 'official', departmentCode: 'kjj' },
    { username: 'official_gxj', displayName: '市工信局工作人员', role: 'official', departmentCode: 'gxj' },
    // 科技局's approvers: whoever signed an application's pre-review may not approve it, and above
    // FUNDING_DUAL_APPROVAL_FEN two different officials must.
    { username: 'approver', displayName: '市科技局审批人（处长）', role: 'official', departmentCode: 'kjj' },
    { username: 'approver2', displayName: '市科技局审批人（分管局领导）', role: 'official', departmentCode: 'kjj' },
  ];
  if (a.enterprise1) specs.push({ username: 'enterprise', displayName: `${a.enterprise1.name}（企业用户）`, role: 'enterprise', org: a.enterprise1 });
  if (a.enterprise2) specs.push({ username: 'enterprise2', displayName: `${a.enterprise2.name}（企业用户）`, role: 'enterprise', org: a.enterprise2 });
  if (a.university) specs.push({ username: 'institution', displayName: `${a.university.name}（高校用户）`, role: 'institution', org: a.university });
  specs.push(
    { username: 'expert', displayName: '评审专家（演示）', role: 'expert' },
    { username: 'tech_manager', displayName: '技术经理人（演示）', role: 'tech_manager' },
    { username: 'commissioner', displayName: '成果转化专员（演示）', role: 'commissioner' },
  );
  if (a.bank) specs.push({ username: 'finance', displayName: `${a.bank.name}（金融机构用户）`, role: 'finance', org: a.bank });

  const departments = new Map((await db.selectFrom('departments').select(['code', 'name']).execute()).map((d) => [d.code, d.name]));
  // One official of every other department responsible for an item in force (official_<code>), so every step of an
  // item run by two departments has someone to take it: 市教育局 signs its pre-review after 科技局.
  const staffed = new Set(specs.map((s) => s.departmentCode).filter(Boolean));
  const owners = [...new Set((await itemsInForce(db)).flatMap((v) => v.item.departments))].filter((c) => departments.has(c) && !staffed.has(c)).sort();
  for (const code of owners) specs.push({ username: `official_${code}`, displayName: `${departments.get(code)}工作人员`, role: 'official', departmentCode: code });

  const taken = new Set(
    (await db.selectFrom('users').select('username').where('username', 'in', specs.map((s) => s.username)).execute()).map((r) => r.username),
  );
  const out: DemoUser[] = [];
  for (const s of specs) {
    if (taken.has(s.username)) continue;
    // 64 ms of argon2 each; about twenty accounts.
    await createUser(db, SYSTEM_ACTOR, {
      username: s.username,
      displayName: s.displayName.slice(0, 60),
      password,
      role: s.role,
      orgId: s.org?.id,
      departmentCode: s.departmentCode,
    });
    const u: DemoUser = { username: s.username, role: s.role, password };
    if (s.org) u.org = s.org.name;
    if (s.departmentCode) u.department = departments.get(s.departmentCode) ?? s.departmentCode;
    out.push(u);
  }
  return out;
}

/**
 * The population as rows of the import/export format (transfer/), in the order
 * seedDemo inserts them: each enterprise with its latest year of figures.
 */
export function* demoTransferRows(pop: Pick<DemoPopulation, 'governments' | 'universities' | 'institutes' | 'financials' | 'serviceAgencies'> & { enterprises: Iterable<DemoEnterprise> }): Generator<TransferRow> {
  for (const o of [...pop.governments, ...pop.universities, ...pop.institutes, ...pop.financials, ...pop.serviceAgencies]) {
    yield { ...o, year: null, figures: null };
  }
  for (const e of pop.enterprises) {
    const { year, ...figures } = e.figures[e.figures.length - 1]!;
    yield {
      kind: e.kind,
      name: e.name,
      uscc: e.uscc,
      districtCode: e.districtCode,
      industryCode: e.industryCode,
      sizeBand: e.sizeBand,
      foundedOn: e.foundedOn,
      departmentCode: e.departmentCode,
      year,
      figures,
    };
  }
}
