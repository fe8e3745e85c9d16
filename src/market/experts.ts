/**
 * Expert profiles (专家库): name, affiliation, title, fields and a statement of
 * expertise, tokenised like achievements so demands can be matched to experts.
 * Officials and administrators keep the pool; an expert with an account keeps
 * their own profile. Issue #6's expert review reads the same profiles (the
 * affiliation decides conflicts of interest).
 */
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { audited, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { AppError, forbidden, invalid, notFound } from '../platform/errors.js';
import { tokenText } from './text/tokenize.js';

export const ExpertInput = z.strictObject({
  name: z.string().trim().min(2, { error: '姓名至少 2 个字' }).max(40, { error: '姓名不能超过 40 个字' }),
  orgId: z.number().int().positive().nullable().default(null),
  title: z.string().trim().max(40, { error: '职称不能超过 40 个字' }).default(''),
  fields: z.array(z.string().max(40)).min(1, { error: '至少选择一个领域' }).max(5, { error: '最多选择 5 个领域' }),
  expertise: z.string().trim().min(10, { error: '专长描述至少 10 个字' }).max(2000, { error: '专长描述不能超过 2000 个字' }),
  userId: z.number().int().positive().nullable().default(null),
  /** 回避单位 (organisation ids) besides the affiliation; left out of an edit, the list stays as it is. */
  avoidOrgIds: z.array(z.number().int().positive()).max(20, { error: '回避单位最多 20 个' }).optional(),
});
export type ExpertInput = z.infer<typeof ExpertInput>;

type Row = { id: number; user_id: number | null; name: string; org_id: number | null; org_name: string | null; title: string; fields: string[]; expertise: string; active: boolean; avoid_org_ids: number[] };

const view = (e: Row, names: ReadonlyMap<number, string>) => ({
  id: e.id,
  userId: e.user_id,
  name: e.name,
  orgId: e.org_id,
  orgName: e.org_name,
  /** 回避单位, kept by the department. */
  avoidOrgs: e.avoid_org_ids.map(Number).map((id) => ({ id, name: names.get(id) ?? `#${id}` })),
  title: e.title,
  fields: e.fields,
  expertise: e.expertise,
  active: e.active,
});

/** The profiles' views, with the names of their 回避单位. */
async function views(db: Kysely<DB>, rows: readonly Row[]) {
  const ids = [...new Set(rows.flatMap((r) => r.avoid_org_ids.map(Number)))];
  const names = new Map(ids.length ? (await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute()).map((o) => [o.id, o.name]) : []);
  return rows.map((r) => view(r, names));
}

const select = (db: Kysely<DB>) =>
  db.selectFrom('expert_profiles as e').leftJoin('organisations as o', 'o.id', 'e.org_id').select(['e.id', 'e.user_id', 'e.name', 'e.org_id', 'o.name as org_name', 'e.title', 'e.fields', 'e.expertise', 'e.active', 'e.avoid_org_ids']);

async function check(db: Kysely<DB> | Transaction<DB>, input: ExpertInput) {
  const known = new Set((await db.selectFrom('tech_fields').select('code').where('code', 'in', input.fields).execute()).map((f) => f.code));
  input.fields.forEach((f, i) => {
    if (!known.has(f)) throw invalid(`fields[${i}]`, `领域代码“${f}”不存在`);
  });
  if (input.orgId !== null && !(await db.selectFrom('organisations').select('id').where('id', '=', input.orgId).executeTakeFirst())) throw invalid('orgId', '所属单位不存在');
  if (input.avoidOrgIds?.length) {
    const found = new Set((await db.selectFrom('organisations').select('id').where('id', 'in', input.avoidOrgIds).execute()).map((o) => o.id));
    input.avoidOrgIds.forEach((o, i) => {
      if (!found.has(o)) throw invalid(`avoidOrgIds[${i}]`, `回避单位（编号 ${o}）不存在`);
    });
  }
  if (input.userId !== null) {
    const u = await db.selectFrom('users').select('role').where('id', '=', input.userId).executeTakeFirst();
    if (!u || u.role !== 'expert') throw invalid('userId', '关联账号应为专家账号');
  }
}

export async function listExperts(db: Kysely<DB>, f: { field?: string; page: number; pageSize: number }) {
  // The pool is hundreds, not millions: filter subfields here.
  const rows = await select(db).orderBy('e.id').execute();
  const all = f.field ? rows.filter((r) => r.fields.some((x) => x === f.field || x.startsWith(f.field + '.'))) : rows;
  return { total: all.length, items: await views(db, all.slice((f.page - 1) * f.pageSize, f.page * f.pageSize)) };
}

export async function getExpert(db: Kysely<DB>, id: number) {
  const e = await select(db).where('e.id', '=', id).executeTakeFirst();
  if (!e) throw notFound('专家');
  return (await views(db, [e]))[0]!;
}

export async function myExpertProfile(db: Kysely<DB>, user: AuthUser) {
  const e = await select(db).where('e.user_id', '=', user.id).executeTakeFirst();
  return e ? (await views(db, [e]))[0]! : null;
}

const columns = (input: ExpertInput) => ({
  name: input.name,
  org_id: input.orgId,
  title: input.title,
  fields: input.fields,
  expertise: input.expertise,
  expertise_tokens: tokenText(input.expertise),
  user_id: input.userId,
  ...(input.avoidOrgIds === undefined ? {} : { avoid_org_ids: [...new Set(input.avoidOrgIds)] }),
});

export async function createExpert(db: Kysely<DB>, actor: Actor, input: ExpertInput) {
  await check(db, input);
  if (input.userId !== null && (await db.selectFrom('expert_profiles').select('id').where('user_id', '=', input.userId).executeTakeFirst())) throw invalid('userId', '该账号已有专家档案');
  return audited(
    db,
    actor,
    (r: { id: number }) => ({ action: 'market.expert.create', objectType: 'expert', objectId: r.id }),
    (trx) => trx.insertInto('expert_profiles').values(columns(input)).returning('id').executeTakeFirstOrThrow(),
    { action: 'market.expert.create', objectType: 'expert' },
  );
}

/**
 * Officials and administrators edit any profile. An expert edits their own, but not its conflict
 * facts (affiliation, 回避单位) nor its account link: a body that changes one of them is refused,
 * naming the field, and nothing is written (the refusal is audited).
 */
export async function updateExpert(db: Kysely<DB>, actor: Actor, user: AuthUser, id: number, input: ExpertInput) {
  const office = user.role === 'admin' || user.role === 'official';
  return audited(db, actor, { action: 'market.expert.update', objectType: 'expert', objectId: id }, async (trx) => {
    const cur = await trx.selectFrom('expert_profiles').select(['id', 'user_id', 'org_id', 'avoid_org_ids']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!cur) throw notFound('专家');
    if (!office && cur.user_id !== user.id) throw forbidden('只能修改自己的专家档案');
    if (!office) {
      if (input.orgId !== cur.org_id) throw officeKeeps('orgId', '所属单位');
      const had = [...cur.avoid_org_ids].map(Number).sort((a, b) => a - b);
      const asked = input.avoidOrgIds === undefined ? had : [...new Set(input.avoidOrgIds)].sort((a, b) => a - b);
      if (asked.join(',') !== had.join(',')) throw officeKeeps('avoidOrgIds', '回避单位');
      if (input.userId !== null && input.userId !== cur.user_id) throw officeKeeps('userId', '关联账号');
    }
    const next = office ? input : { ...input, userId: cur.user_id, avoidOrgIds: undefined };
    await check(trx, next);
    await trx.updateTable('expert_profiles').set({ ...columns(next), updated_at: new Date() }).where('id', '=', id).execute();
    return { id };
  });
}

/** The refusal of an expert's change to a fact the department keeps (403, with the field). */
const officeKeeps = (field: string, label: string) => new AppError('FORBIDDEN', 403, `${label}关系到评审回避，由主管部门维护，专家本人不能修改；如有变动请联系主管部门`, field);
