/** Organisation use cases: validation against reference data, audit, access to finances. */
import { suzhouDay, suzhouYear } from '../platform/clock.js';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuthUser } from '../auth/access.js';
import { appendAudit, audited, type Actor } from '../audit/audit.js';
import type { DB } from '../platform/db/schema.js';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.js';
import { figuresYearProblem, type OrgDetail, type OrgWriteBody, type YearlyFiguresBody } from '../shared/api.js';
import { figuresToRow, getOrg, listFigures, listQualifications, orgExists, upsertFigures, verifyFigures } from './repository.js';

type Conn = Kysely<DB> | Transaction<DB>;

export async function checkReferences(
  db: Conn,
  v: { districtCode?: string | null; industryCode?: string | null; departmentCode?: string | null },
): Promise<void> {
  if (v.districtCode) {
    const d = await db.selectFrom('districts').select('code').where('code', '=', v.districtCode).executeTakeFirst();
    if (!d) throw invalid('districtCode', `区县代码“${v.districtCode}”不存在，应为苏州十个区县（市）之一`);
  }
  if (v.industryCode) {
    const i = await db.selectFrom('industries').select(['code', 'level']).where('code', '=', v.industryCode).executeTakeFirst();
    if (!i) throw invalid('industryCode', `行业代码“${v.industryCode}”不在 GB/T 4754-2017 中`);
    if (i.level !== 'division') throw invalid('industryCode', `行业代码应填写到大类（两位数字），“${v.industryCode}”是门类`);
  }
  if (v.departmentCode) {
    const d = await db.selectFrom('departments').select('code').where('code', '=', v.departmentCode).executeTakeFirst();
    if (!d) throw invalid('departmentCode', `部门代码“${v.departmentCode}”不存在`);
  }
}

export async function createOrg(db: Kysely<DB>, actor: Actor, body: OrgWriteBody): Promise<OrgDetail> {
  const id = await audited(
    db,
    actor,
    (id: number) => ({ action: 'org.create', objectType: 'organisation', objectId: id, detail: { name: body.name, kind: body.kind } }),
    async (trx) => {
      await checkReferences(trx, body);
      if (body.uscc) {
        const dup = await trx.selectFrom('organisations').select('id').where('uscc', '=', body.uscc).executeTakeFirst();
        if (dup) throw conflict('uscc', `统一社会信用代码 ${body.uscc} 已被组织 #${dup.id} 使用`);
      }
      const r = await trx
        .insertInto('organisations')
        .values({
          kind: body.kind,
          name: body.name,
          uscc: body.uscc ?? null,
          district_code: body.districtCode ?? null,
          industry_code: body.industryCode ?? null,
          size_band: body.sizeBand ?? null,
          founded_on: body.foundedOn ?? null,
          department_code: body.kind === 'government' ? (body.departmentCode ?? null) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    },
    { action: 'org.create', objectType: 'organisation', detail: { name: body.name } },
  );
  return (await getOrg(db, id))!;
}

export async function patchOrg(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  patch: { name?: string; districtCode?: string | null; industryCode?: string | null; sizeBand?: string | null; foundedOn?: string | null },
): Promise<OrgDetail> {
  await audited(db, actor, { action: 'org.update', objectType: 'organisation', objectId: id, detail: patch }, async (trx) => {
    if (!(await orgExists(trx, id))) throw notFound('组织', 'id');
    await checkReferences(trx, patch);
    const set: Record<string, unknown> = { updated_at: new Date() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.districtCode !== undefined) set.district_code = patch.districtCode;
    if (patch.industryCode !== undefined) set.industry_code = patch.industryCode;
    if (patch.sizeBand !== undefined) set.size_band = patch.sizeBand;
    if (patch.foundedOn !== undefined) set.founded_on = patch.foundedOn;
    await trx.updateTable('organisations').set(set).where('id', '=', id).execute();
  });
  return (await getOrg(db, id))!;
}

/** Who may read an organisation's figures: administrators, department officials, and the organisation's own users (an enterprise or an institution). */
export function mayReadFigures(user: AuthUser, orgId: number): boolean {
  return user.role === 'admin' || user.role === 'official' || ((user.role === 'enterprise' || user.role === 'institution') && user.orgId === orgId);
}

export async function readFigures(db: Kysely<DB>, actor: Actor, user: AuthUser, orgId: number) {
  const org = await orgExists(db, orgId);
  if (!org) throw notFound('组织', 'id');
  if (!mayReadFigures(user, orgId)) {
    await appendAudit(db, actor, { action: 'org.figures.read', objectType: 'organisation', objectId: orgId, result: 'denied' });
    throw forbidden('无权查看该企业的财务数据');
  }
  const items = await listFigures(db, orgId);
  // Reads of enterprise finances are recorded.
  await appendAudit(db, actor, { action: 'org.figures.read', objectType: 'organisation', objectId: orgId, detail: { years: items.map((i) => i.year) } });
  return items;
}

/** Today in Suzhou (Asia/Shanghai, UTC+8 all year, no daylight saving), 'YYYY-MM-DD': the clock is read in services, never in engines. */
export const shanghaiDay = suzhouDay;
export const shanghaiYear = suzhouYear;

/** Refuses a year that has not ended yet or is before FIGURES_FIRST_YEAR, naming the `year` field. */
export function checkFiguresYear(year: number, now = new Date()): void {
  const problem = figuresYearProblem(year, shanghaiYear(now));
  if (problem) throw invalid('year', problem);
}

/**
 * The enterprise (or an administrator on its behalf) declares a year's figures. The year must have ended.
 * Whatever the year said before (verified, imported), it is now the enterprise's own statement: 'declared'.
 */
export async function writeFigures(db: Kysely<DB>, actor: Actor, orgId: number, year: number, body: YearlyFiguresBody) {
  await audited(db, actor, { action: 'org.figures.write', objectType: 'organisation', objectId: orgId, detail: { year, source: 'declared' } }, async (trx) => {
    const org = await orgExists(trx, orgId);
    if (!org) throw notFound('组织', 'id');
    if (org.kind !== 'enterprise') throw invalid('id', '只有企业才有年度经营数据');
    checkFiguresYear(year);
    await upsertFigures(trx, [figuresToRow(orgId, year, body, 'declared')]);
  });
  return (await listFigures(db, orgId)).find((f) => f.year === year)!;
}

/**
 * A department official (or an administrator) confirms a year the enterprise declared: its source becomes
 * 'verified', with who and when. Imported and already verified years are refused (nothing to confirm).
 */
export async function verifyYearFigures(db: Kysely<DB>, actor: Actor, user: AuthUser, orgId: number, year: number) {
  await audited(db, actor, { action: 'org.figures.verify', objectType: 'organisation', objectId: orgId, detail: { year } }, async (trx) => {
    const org = await orgExists(trx, orgId);
    if (!org) throw notFound('组织', 'id');
    if (org.kind !== 'enterprise') throw invalid('id', '只有企业才有年度经营数据');
    const before = await verifyFigures(trx, orgId, year, user.id);
    if (before === undefined) throw notFound(`该企业 ${year} 年度数据`, 'year');
    if (before === 'verified') throw conflict('year', `${year} 年度数据已由部门核实`);
    if (before === 'imported') throw conflict('year', `${year} 年度数据为导入数据，无需核实；企业修改后才需核实`);
  });
  return (await listFigures(db, orgId)).find((f) => f.year === year)!;
}

export async function qualificationsOf(db: Kysely<DB>, orgId: number) {
  if (!(await orgExists(db, orgId))) throw notFound('组织', 'id');
  const rows = await listQualifications(db, orgId);
  return rows.map((r) => ({
    id: r.id,
    typeCode: r.type_code,
    typeName: r.type_name,
    level: r.level as 'national',
    certificateNo: r.certificate_no,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    status: r.status as 'valid',
  }));
}

export async function addQualification(
  db: Kysely<DB>,
  actor: Actor,
  orgId: number,
  body: { typeCode: string; level: string; certificateNo?: string; validFrom: string; validTo?: string },
) {
  const id = await audited(
    db,
    actor,
    (qid: number) => ({ action: 'org.qualification.add', objectType: 'organisation', objectId: orgId, detail: { qualificationId: qid, ...body } }),
    async (trx) => {
      const org = await orgExists(trx, orgId);
      if (!org) throw notFound('组织', 'id');
      if (org.kind !== 'enterprise') throw invalid('id', '只有企业可以登记资质');
      const t = await trx.selectFrom('qualification_types').select('code').where('code', '=', body.typeCode).executeTakeFirst();
      if (!t) throw invalid('typeCode', `资质类型“${body.typeCode}”不存在，请先由管理员添加`);
      const r = await trx
        .insertInto('organisation_qualifications')
        .values({ org_id: orgId, type_code: body.typeCode, level: body.level, certificate_no: body.certificateNo ?? null, valid_from: body.validFrom, valid_to: body.validTo ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    },
    { action: 'org.qualification.add', objectType: 'organisation', objectId: orgId },
  );
  return (await qualificationsOf(db, orgId)).find((q) => q.id === id)!;
}

export async function removeQualification(db: Kysely<DB>, actor: Actor, orgId: number, qid: number) {
  await audited(db, actor, { action: 'org.qualification.remove', objectType: 'organisation', objectId: orgId, detail: { qualificationId: qid } }, async (trx) => {
    const r = await trx.deleteFrom('organisation_qualifications').where('id', '=', qid).where('org_id', '=', orgId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('该组织的资质记录', 'qid');
  });
}

export async function orgCount(db: Conn): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM organisations`.execute(db);
  return r.rows[0]!.n;
}
