/**
 * 公示: the public list of approvals under notice — the enterprise, the item, the project, the
 * approved amount and the period — open to anyone (a public notice), so that anyone signed in can
 * object while it runs (POST …/act {action: 'object'}). Nothing private is shown: no bank account,
 * no review, no facts. An application leaves the list when its period ends (the department then
 * resolves objections and ends the 公示).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { invalid } from '../platform/errors.js';
import { itemsInForce } from '../policy/service.js';
import { suzhouDay } from './applications.js';

export interface PublicityFilter {
  page: number;
  pageSize: number;
  itemId?: string;
  departmentCode?: string;
}

export async function listPublicity(db: Kysely<DB>, f: PublicityFilter) {
  const items = new Map((await itemsInForce(db)).map((v) => [v.item.id, v.item]));
  let ids: string[] | null = null;
  if (f.itemId) {
    if (!items.has(f.itemId)) throw invalid('itemId', `支持事项“${f.itemId}”不存在`);
    ids = [f.itemId];
  }
  if (f.departmentCode) {
    const ofDept = [...items.values()].filter((i) => i.departments.includes(f.departmentCode!)).map((i) => i.id);
    ids = ids ? ids.filter((id) => ofDept.includes(id)) : ofDept;
  }
  let base = db.selectFrom('applications as a').where('a.state', '=', 'publicity').where('a.publicity_to', '>=', suzhouDay());
  if (ids) base = ids.length ? base.where('a.item_id', 'in', ids) : base.where(sql<boolean>`false`);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .select((eb) => [
      'a.id',
      'a.item_id',
      'a.year',
      'a.project',
      'a.approved_fen',
      'a.publicity_from',
      'a.publicity_to',
      'o.name as org_name',
      eb.selectFrom('objections as j').select((e) => e.fn.countAll<number>().as('c')).whereRef('j.application_id', '=', 'a.id').as('objections'),
    ])
    .orderBy('a.publicity_to')
    .orderBy('a.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    total: Number(n),
    items: rows.map((r) => {
      const item = items.get(r.item_id);
      return {
        id: r.id,
        orgName: r.org_name,
        itemId: r.item_id,
        itemTitle: item?.title ?? r.item_id,
        measure: item?.measure ?? null,
        departments: item?.departments ?? [],
        year: r.year,
        project: r.project,
        approvedFen: Number(r.approved_fen),
        publicity: { from: String(r.publicity_from), to: String(r.publicity_to) },
        objections: Number(r.objections ?? 0),
      };
    }),
  };
}
