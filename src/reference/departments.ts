/** Departments beyond the 责任单位 of the seed policy: an administrator adds one (e.g. a district's bureau named by a district policy). */
import type { Kysely } from 'kysely';
import { audited, type Actor } from '../audit/audit.js';
import type { DB } from '../platform/db/schema.js';
import { conflict, invalid } from '../platform/errors.js';

/** An administrator adds a department (e.g. a district's bureau named by a district policy). */
export async function createDepartment(db: Kysely<DB>, actor: Actor, body: { code: string; name: string; nameEn?: string | undefined; districtCode?: string | null | undefined }) {
  const districtCode = body.districtCode ?? null;
  return audited(db, actor, { action: 'reference.department.create', objectType: 'department', objectId: body.code, detail: { name: body.name, districtCode } }, async (trx) => {
    if (districtCode !== null && !(await trx.selectFrom('districts').select('code').where('code', '=', districtCode).executeTakeFirst())) throw invalid('districtCode', `区县代码“${districtCode}”不存在`);
    const dup = await trx
      .selectFrom('departments')
      .select(['code', 'name'])
      .where((eb) => eb.or([eb('code', '=', body.code), eb('name', '=', body.name)]))
      .executeTakeFirst();
    if (dup) throw conflict(dup.code === body.code ? 'code' : 'name', dup.code === body.code ? `部门代码“${body.code}”已存在` : `部门“${body.name}”已存在`);
    const { m } = await trx.selectFrom('departments').select((eb) => eb.fn.max('sort').as('m')).executeTakeFirstOrThrow();
    await trx
      .insertInto('departments')
      .values({ code: body.code, name: body.name, name_en: body.nameEn ?? '', sort: Number(m ?? 0) + 1, district_code: districtCode })
      .execute();
    return { code: body.code, name: body.name, nameEn: body.nameEn ?? '' };
  });
}
