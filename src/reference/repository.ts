/** Reference data read from the tables the reference migration fills. */
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';

export async function listDistricts(db: Kysely<DB>) {
  const rows = await db.selectFrom('districts').selectAll().orderBy('sort').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, kind: r.kind }));
}

export async function listIndustries(db: Kysely<DB>) {
  const rows = await db.selectFrom('industries').selectAll().orderBy('section_code').orderBy('level', 'desc').orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, sectionCode: r.section_code, parentCode: r.parent_code }));
}

export async function listDepartments(db: Kysely<DB>) {
  const rows = await db.selectFrom('departments').selectAll().orderBy('sort').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, districtCode: r.district_code }));
}

export async function listMeasures(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('measures as m')
    .innerJoin('policy_sections as s', 's.no', 'm.section_no')
    .select(['m.no', 'm.section_no', 's.title as section_title', 'm.title', 'm.clause_text'])
    .orderBy('m.no')
    .execute();
  const deps = await db
    .selectFrom('measure_departments as md')
    .innerJoin('departments as d', 'd.code', 'md.department_code')
    .select(['md.measure_no', 'd.code', 'd.name'])
    .orderBy('md.measure_no')
    .orderBy('md.sort')
    .execute();
  return rows.map((r) => ({
    no: r.no,
    sectionNo: r.section_no,
    sectionTitle: r.section_title,
    title: r.title,
    clauseText: r.clause_text,
    departments: deps.filter((d) => d.measure_no === r.no).map((d) => ({ code: d.code, name: d.name })),
  }));
}

export async function listQualificationTypes(db: Kysely<DB>) {
  const rows = await db.selectFrom('qualification_types').selectAll().orderBy('sort').orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, builtin: r.builtin }));
}
